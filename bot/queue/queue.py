"""The queue's operations: what the assistant's turn records, and what staff do in the console.

Every move of a conversation's owner goes through :func:`bot.conversation.escalation.move` and is
stored as a :class:`bot.storage.models.Transition` (who, why) in the same transaction as the move;
the conversation row is read ``FOR UPDATE`` (PostgreSQL) so two members of staff clicking at once
cannot both claim it. A move into ``queued``/``human`` opens a queue item (team, priority, SLA due
time in business hours, summaries); a move out of them closes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, func, insert, select, update
from sqlalchemy.engine import Connection

from bot.conversation.escalation import HUMAN, PERSON_OWNED, QUEUED, RESOLVED, Change, move
from bot.queue.accounts import Staff
from bot.queue.hours import SLA_HOURS, BusinessHours
from bot.queue.summary import Line, summarize
from bot.storage.models import (
    AuditEntry,
    Conversation,
    Message,
    QueueItem,
    StaffNote,
    StaffUser,
    Transition,
    User,
    utcnow,
)
from bot.storage.states import (
    ConversationStatus,
    EscalationReason,
    Priority,
    QueueStatus,
    StaffAction,
)
from bot.storage.turns import Store

#: The teams the console offers (more may be configured: ``PARKBOT_QUEUE_TEAMS``).
DEFAULT_TEAMS = ("general", "bagh-women", "applications")
PAGE = 100
#: urgent first, then high, then normal; within a priority the earliest due time
_URGENCY = case({Priority.URGENT.value: 0, Priority.HIGH.value: 1}, value=QueueItem.priority, else_=2)


class NotFound(LookupError):
    pass


@dataclass
class QueueRow:
    """One open conversation in the queue page."""

    item_id: int
    conversation_id: int
    channel: str
    language: str | None
    state: str
    team: str
    priority: str
    tags: list[str]
    reason: str
    assignee: str | None
    queued_at: dt.datetime
    due_at: dt.datetime
    summary_en: str
    summary_ur: str

    @property
    def overdue(self) -> bool:
        due = self.due_at if self.due_at.tzinfo else self.due_at.replace(tzinfo=dt.UTC)
        return due < utcnow()

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item_id, "conversation": self.conversation_id, "channel": self.channel,
                "language": self.language, "state": self.state, "team": self.team, "priority": self.priority,
                "tags": self.tags, "reason": self.reason, "assignee": self.assignee,
                "queued_at": self.queued_at.isoformat(), "due_at": self.due_at.isoformat(), "overdue": self.overdue,
                "summary_en": self.summary_en, "summary_ur": self.summary_ur}


@dataclass
class ConversationView:
    """Everything the conversation page shows."""

    id: int
    channel: str
    user: str
    language: str | None
    state: str
    messages: list[dict[str, Any]]
    notes: list[dict[str, Any]]
    transitions: list[dict[str, Any]]
    item: QueueRow | None
    ratings: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Filters:
    team: str | None = None
    priority: str | None = None
    state: str | None = None
    mine: int | None = None  # staff id
    page: int = 0


class Queue:
    """The escalation queue over the conversation store (implements ``escalation.Escalations``)."""

    def __init__(self, store: Store, hours: BusinessHours, teams: Sequence[str] = DEFAULT_TEAMS) -> None:
        self.store = store
        self.hours = hours
        self.teams = tuple(dict.fromkeys((*DEFAULT_TEAMS, *teams)))

    # -- escalation.Escalations: the assistant's turn --------------------------------------------------
    def expect(self, now: dt.datetime, priority: Priority) -> dt.datetime:
        return self.hours.add(now, SLA_HOURS[priority])

    def record(self, connection: Connection, conversation_id: int, channel: str, changes: Sequence[Change]) -> None:
        for change in changes:
            self._record(connection, conversation_id, channel, change)

    def _record(self, connection: Connection, conversation_id: int, channel: str, change: Change,
                assignee: int | None = None) -> None:
        now = utcnow()
        connection.execute(insert(Transition).values(
            conversation_id=conversation_id, from_state=change.before.value, to_state=change.after.value,
            actor=change.actor, reason=change.reason.value, at=now))
        open_item = connection.execute(select(QueueItem.id).where(
            QueueItem.conversation_id == conversation_id, QueueItem.status == QueueStatus.OPEN)).scalar()
        if change.after in PERSON_OWNED and open_item is None:
            lines = [Line(r.direction, r.text, r.language) for r in connection.execute(
                select(Message.direction, Message.text, Message.language)
                .where(Message.conversation_id == conversation_id).order_by(Message.id.desc()).limit(40))][::-1]
            language = next((line.language for line in reversed(lines) if line.direction == "in"), None)
            en, ur = summarize(lines, channel=channel, language=language, reason=change.reason.value)
            connection.execute(insert(QueueItem).values(
                conversation_id=conversation_id, status=QueueStatus.OPEN.value, team=change.team,
                priority=change.priority.value, tags={"tags": list(change.tags)}, reason=change.reason.value,
                assignee_id=assignee, summary_en=en, summary_ur=ur, queued_at=now,
                due_at=self.hours.due(now, change.priority), claimed_at=now if assignee else None))
        elif change.after not in PERSON_OWNED and open_item is not None:
            connection.execute(update(QueueItem).where(QueueItem.id == open_item).values(
                status=QueueStatus.CLOSED.value, closed_at=now))
        if change.rating is not None:
            last = connection.execute(select(QueueItem.id).where(QueueItem.conversation_id == conversation_id)
                                      .order_by(QueueItem.id.desc()).limit(1)).scalar()
            if last is not None:
                connection.execute(update(QueueItem).where(QueueItem.id == last).values(rating=change.rating))

    # -- staff moves -------------------------------------------------------------------------------------
    def _conversation(self, connection: Connection, conversation_id: int) -> tuple[ConversationStatus, str]:
        row = connection.execute(select(Conversation.state, Conversation.channel)
                                 .where(Conversation.id == conversation_id).with_for_update()).first()
        if row is None:
            raise NotFound(f"no conversation {conversation_id}")
        return ConversationStatus(row[0]), row[1]

    def _moves(self, connection: Connection, conversation_id: int, targets: Sequence[ConversationStatus],
               staff: Staff, reason: EscalationReason, *, assignee: int | None = None) -> ConversationStatus:
        """Move through ``targets`` in order (each move checked by the state machine), recording each."""
        status, channel = self._conversation(connection, conversation_id)
        for target in targets:
            if target == status:
                continue
            before, status = status, move(status, target)
            self._record(connection, conversation_id, channel, Change(before, status, reason, staff.actor),
                         assignee=assignee)
        connection.execute(update(Conversation).where(Conversation.id == conversation_id).values(state=status.value))
        return status

    def claim(self, conversation_id: int, staff: Staff, assignee: Staff | None = None) -> None:
        """``staff`` takes the conversation (or, for an admin, gives it to ``assignee``)."""
        owner = assignee or staff
        with self.store.engine.begin() as connection:
            status, _ = self._conversation(connection, conversation_id)
            if status not in PERSON_OWNED:
                raise ValueError("only a queued or human-owned conversation can be claimed; take it over instead")
            holder = self._assignee(connection, conversation_id)
            if holder not in (None, staff.id) and not staff.is_admin:
                raise ValueError("another member of staff has this conversation; an admin can reassign it")
            self._moves(connection, conversation_id, [HUMAN], staff, EscalationReason.CLAIMED)
            connection.execute(update(QueueItem).where(
                QueueItem.conversation_id == conversation_id, QueueItem.status == QueueStatus.OPEN)
                .values(assignee_id=owner.id, claimed_at=utcnow()))

    def take_over(self, conversation_id: int, staff: Staff) -> None:
        """A conversation the bot is handling (or one resolved) becomes this member of staff's."""
        with self.store.engine.begin() as connection:
            status, _ = self._conversation(connection, conversation_id)
            self._must_hold(connection, conversation_id, staff)
            path = [HUMAN] if status != RESOLVED else [QUEUED, HUMAN]
            self._moves(connection, conversation_id, path, staff, EscalationReason.STAFF_TAKEOVER, assignee=staff.id)
            connection.execute(update(QueueItem).where(
                QueueItem.conversation_id == conversation_id, QueueItem.status == QueueStatus.OPEN)
                .values(assignee_id=staff.id, claimed_at=utcnow()))

    def release(self, conversation_id: int, staff: Staff) -> None:
        with self.store.engine.begin() as connection:
            self._conversation(connection, conversation_id)  # locks the row first
            self._must_hold(connection, conversation_id, staff)
            self._moves(connection, conversation_id, [QUEUED], staff, EscalationReason.RELEASED)
            connection.execute(update(QueueItem).where(
                QueueItem.conversation_id == conversation_id, QueueItem.status == QueueStatus.OPEN)
                .values(assignee_id=None, claimed_at=None))

    def resolve(self, conversation_id: int, staff: Staff) -> None:
        with self.store.engine.begin() as connection:
            self._conversation(connection, conversation_id)
            self._must_hold(connection, conversation_id, staff)
            self._moves(connection, conversation_id, [HUMAN, RESOLVED], staff, EscalationReason.RESOLVED)

    def hand_back(self, conversation_id: int, staff: Staff) -> None:
        with self.store.engine.begin() as connection:
            self._conversation(connection, conversation_id)
            self._must_hold(connection, conversation_id, staff)
            self._moves(connection, conversation_id, [ConversationStatus.BOT], staff, EscalationReason.HANDED_BACK)

    def set_team(self, conversation_id: int, staff: Staff, team: str, priority: str | None,
                 tags: Sequence[str]) -> None:
        if team not in self.teams:
            raise ValueError(f"unknown team {team!r}")
        values: dict[str, Any] = {"team": team, "tags": {"tags": [t for t in tags if t][:10]}}
        if priority:
            values["priority"] = Priority(priority).value
        with self.store.engine.begin() as connection:
            self._conversation(connection, conversation_id)
            self._must_hold(connection, conversation_id, staff)
            connection.execute(update(QueueItem).where(
                QueueItem.conversation_id == conversation_id, QueueItem.status == QueueStatus.OPEN).values(**values))

    def note(self, conversation_id: int, staff: Staff, text: str) -> None:
        with self.store.engine.begin() as connection:
            self._conversation(connection, conversation_id)
            connection.execute(insert(StaffNote).values(conversation_id=conversation_id, staff_id=staff.id,
                                                        text=text, at=utcnow()))

    def _must_hold(self, connection: Connection, conversation_id: int, staff: Staff) -> None:
        """Only the member of staff who has the conversation (or an admin) moves it: another agent's release,
        resolve, hand-back, team change or take-over would take a user from the person answering them."""
        holder = self._assignee(connection, conversation_id)
        if holder not in (None, staff.id) and not staff.is_admin:
            raise ValueError("another member of staff has this conversation; an admin can reassign it")

    @staticmethod
    def _assignee(connection: Connection, conversation_id: int) -> int | None:
        return connection.execute(select(QueueItem.assignee_id).where(
            QueueItem.conversation_id == conversation_id, QueueItem.status == QueueStatus.OPEN)).scalar()

    def staff_message(self, conversation_id: int, staff: Staff, text: str, language: str) -> tuple[str, str]:
        """Store a staff reply in the conversation's history; returns (channel, recipient) to send it to.
        Only the member of staff who has the conversation (or an admin) replies: one voice per user."""
        with self.store.engine.begin() as connection:
            status, channel = self._conversation(connection, conversation_id)
            other = self._assignee(connection, conversation_id) not in (staff.id, None)
            if status != HUMAN or (other and not staff.is_admin):
                raise ValueError("claim or take over the conversation before replying")
            recipient = connection.execute(select(User.external_id).join(
                Conversation, Conversation.user_id == User.id).where(Conversation.id == conversation_id)).scalar_one()
            connection.execute(insert(Message).values(
                conversation_id=conversation_id, direction="out", channel=channel, channel_msg_id=None,
                text=text, language=language, intent="staff", payload={"staff": staff.username}, status="sent",
                created_at=utcnow()))
            return channel, recipient

    def recipient(self, conversation_id: int) -> tuple[str, str, str | None]:
        """(channel, the user's address on it, their language)."""
        with self.store.engine.connect() as connection:
            row = connection.execute(select(Conversation.channel, User.external_id, Conversation.language)
                                     .join(User, Conversation.user_id == User.id)
                                     .where(Conversation.id == conversation_id)).first()
        if row is None:
            raise NotFound(f"no conversation {conversation_id}")
        return row[0], row[1], row[2]

    def audit(self, staff: str, action: StaffAction, conversation_id: int | None = None,
              detail: dict[str, Any] | None = None, client: str = "") -> None:
        with self.store.engine.begin() as connection:
            connection.execute(insert(AuditEntry).values(staff=staff[:64], action=action.value,
                                                         conversation_id=conversation_id, detail=detail or {},
                                                         client=client[:64], at=utcnow()))

    # -- reading -----------------------------------------------------------------------------------------
    def _rows(self, where: Any, limit: int, offset: int = 0) -> list[QueueRow]:
        statement = (select(QueueItem.id, QueueItem.conversation_id, Conversation.channel, Conversation.language,
                            Conversation.state, QueueItem.team, QueueItem.priority, QueueItem.tags, QueueItem.reason,
                            StaffUser.username, QueueItem.queued_at, QueueItem.due_at, QueueItem.summary_en,
                            QueueItem.summary_ur)
                     .join(Conversation, Conversation.id == QueueItem.conversation_id)
                     .outerjoin(StaffUser, StaffUser.id == QueueItem.assignee_id)
                     .where(where).order_by(_URGENCY, QueueItem.due_at, QueueItem.id).limit(limit).offset(offset))
        with self.store.engine.connect() as connection:
            rows = [QueueRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], list((r[7] or {}).get("tags", [])), r[8], r[9],
                             r[10], r[11], r[12], r[13]) for r in connection.execute(statement)]
        return rows

    def _where(self, filters: Filters) -> Any:
        conditions = [QueueItem.status == QueueStatus.OPEN.value]
        if filters.team:
            conditions.append(QueueItem.team == filters.team)
        if filters.priority:
            conditions.append(QueueItem.priority == filters.priority)
        if filters.state:
            conditions.append(Conversation.state == filters.state)
        if filters.mine is not None:
            conditions.append(QueueItem.assignee_id == filters.mine)
        return and_(*conditions)

    def open_items(self, filters: Filters = Filters(), limit: int = PAGE) -> tuple[list[QueueRow], int]:
        """A page of open items (urgent first, then by due time) and how many match in all."""
        where = self._where(filters)
        with self.store.engine.connect() as connection:
            total = connection.execute(select(func.count()).select_from(QueueItem).join(
                Conversation, Conversation.id == QueueItem.conversation_id).where(where)).scalar_one()
        return self._rows(where, limit, filters.page * limit), int(total)

    def counts(self) -> dict[str, int]:
        """Open items per team."""
        with self.store.engine.connect() as connection:
            rows = connection.execute(select(QueueItem.team, func.count()).where(
                QueueItem.status == QueueStatus.OPEN.value).group_by(QueueItem.team)).all()
        return {team: int(n) for team, n in rows}

    def item_of(self, conversation_id: int) -> QueueRow | None:
        rows = self._rows(and_(QueueItem.conversation_id == conversation_id,
                               QueueItem.status == QueueStatus.OPEN.value), 1)
        return rows[0] if rows else None

    def view(self, conversation_id: int) -> ConversationView:
        with self.store.engine.connect() as connection:
            head = connection.execute(select(Conversation.channel, User.external_id, Conversation.language,
                                             Conversation.state).join(User, Conversation.user_id == User.id)
                                      .where(Conversation.id == conversation_id)).first()
            if head is None:
                raise NotFound(f"no conversation {conversation_id}")
            messages = [{"direction": r.direction, "text": r.text, "language": r.language, "intent": r.intent,
                         "staff": (r.payload or {}).get("staff"), "at": r.created_at}
                        for r in connection.execute(select(Message).where(Message.conversation_id == conversation_id)
                                                    .order_by(Message.id.desc()).limit(200))][::-1]
            notes = [{"staff": r.username, "text": r.text, "at": r.at} for r in connection.execute(
                select(StaffNote.text, StaffNote.at, StaffUser.username).join(
                    StaffUser, StaffUser.id == StaffNote.staff_id)
                .where(StaffNote.conversation_id == conversation_id).order_by(StaffNote.id))]
            transitions = [{"from": r.from_state, "to": r.to_state, "actor": r.actor, "reason": r.reason, "at": r.at}
                           for r in connection.execute(select(Transition).where(
                               Transition.conversation_id == conversation_id).order_by(Transition.id))]
            ratings = [int(r) for r in connection.execute(select(QueueItem.rating).where(
                QueueItem.conversation_id == conversation_id, QueueItem.rating.is_not(None))).scalars()
                if r is not None]
        return ConversationView(conversation_id, head[0], head[1], head[2], head[3], messages, notes, transitions,
                                self.item_of(conversation_id), ratings)

    def ratings(self) -> dict[str, tuple[int, float]]:
        """team -> (ratings given, average)."""
        with self.store.engine.connect() as connection:
            rows = connection.execute(select(QueueItem.team, func.count(QueueItem.rating), func.avg(QueueItem.rating))
                                      .where(QueueItem.rating.is_not(None)).group_by(QueueItem.team)).all()
        return {team: (int(n), round(float(avg or 0), 2)) for team, n, avg in rows}

    def audit_log(self, limit: int = 200) -> list[dict[str, Any]]:
        with self.store.engine.connect() as connection:
            return [{"staff": r.staff, "action": r.action, "conversation": r.conversation_id, "detail": r.detail,
                     "client": r.client, "at": r.at} for r in connection.execute(
                select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit))]
