"""Staff accounts: usernames, roles and argon2 password hashes.

Passwords are hashed with argon2id (argon2-cffi's defaults follow RFC 9106's recommendations); a
hash made with older parameters is re-hashed at the next successful login. An unknown username costs
the same verification time as a wrong password, so timing does not tell which usernames exist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select

from bot.storage.models import StaffUser
from bot.storage.states import StaffRole
from bot.storage.turns import Store

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
MIN_PASSWORD = 10
_hasher = PasswordHasher()
_DUMMY = _hasher.hash("parkbot-no-such-user")


class AccountError(ValueError):
    """A username or password that cannot be used (the message says why)."""


@dataclass(frozen=True)
class Staff:
    """A signed-in member of staff, as the console sees them."""

    id: int
    username: str
    role: StaffRole
    teams: tuple[str, ...]
    #: sessions signed with another epoch are over (logged out, or the password changed)
    epoch: int = 0

    @property
    def is_admin(self) -> bool:
        return self.role == StaffRole.ADMIN

    @property
    def actor(self) -> str:
        return f"staff:{self.username}"


def _staff(row: StaffUser) -> Staff:
    return Staff(row.id, row.username, StaffRole(row.role), tuple(row.teams.get("teams", [])),
                 int(row.session_epoch or 0))


class Accounts:
    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, username: str, password: str, role: StaffRole, teams: tuple[str, ...] = ()) -> Staff:
        """Create a member of staff, or set the password, role and teams of an existing one."""
        username = username.strip().lower()
        if not USERNAME.fullmatch(username):
            raise AccountError("a username is 2-64 characters: lowercase letters, digits, '.', '_' or '-'")
        if len(password) < MIN_PASSWORD:
            raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
        with self.store.session() as session:
            row = session.scalar(select(StaffUser).where(StaffUser.username == username))
            if row is None:
                row = StaffUser(username=username, session_epoch=0)
                session.add(row)
            else:
                row.session_epoch = int(row.session_epoch or 0) + 1  # a new password ends the old sessions
            row.password_hash, row.role, row.teams, row.active = (_hasher.hash(password), role.value,
                                                                  {"teams": list(teams)}, 1)
            session.commit()
            return _staff(row)

    def authenticate(self, username: str, password: str) -> Staff | None:
        """The member of staff these credentials belong to, or None."""
        with self.store.session() as session:
            row = session.scalar(select(StaffUser).where(StaffUser.username == username.strip().lower(),
                                                         StaffUser.active == 1))
            try:
                _hasher.verify(row.password_hash if row is not None else _DUMMY, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return None
            if row is None:
                return None
            if _hasher.check_needs_rehash(row.password_hash):
                row.password_hash = _hasher.hash(password)
                session.commit()
            return _staff(row)

    def end_sessions(self, staff_id: int) -> None:
        """Log this member of staff out everywhere: every cookie signed with the old epoch stops working."""
        with self.store.session() as session:
            row = session.get(StaffUser, staff_id)
            if row is not None:
                row.session_epoch = int(row.session_epoch or 0) + 1
                session.commit()

    def get(self, staff_id: int) -> Staff | None:
        with self.store.session() as session:
            row = session.get(StaffUser, staff_id)
            return _staff(row) if row is not None and row.active else None

    def all(self) -> list[Staff]:
        with self.store.session() as session:
            return [_staff(r) for r in session.scalars(select(StaffUser).where(StaffUser.active == 1)
                                                       .order_by(StaffUser.username))]
