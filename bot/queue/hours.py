"""Business hours in Pakistan: when a person can be expected to answer, and SLA due times.

Staff work in office hours (Asia/Karachi, Monday to Friday 09:00-17:00 by default, configurable);
public holidays come from the ``holidays`` package, so Eid and Kashmir Day are not promised as working
days. A due time counts only working minutes: a conversation queued on Friday at 16:30 with a
two-hour target is due on Monday at 10:30.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from zoneinfo import ZoneInfo

import holidays

from bot.storage.states import Priority

#: Working hours a person has to pick up a conversation, by priority.
SLA_HOURS: dict[Priority, float] = {Priority.URGENT: 1.0, Priority.HIGH: 2.0, Priority.NORMAL: 4.0}


@dataclass(frozen=True)
class BusinessHours:
    timezone: str = "Asia/Karachi"
    opens: dt.time = dt.time(9, 0)
    closes: dt.time = dt.time(17, 0)
    #: Monday is 0
    workdays: frozenset[int] = field(default_factory=lambda: frozenset({0, 1, 2, 3, 4}))
    country: str = "PK"

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @cached_property
    def _holidays(self) -> holidays.HolidayBase:
        return holidays.country_holidays(self.country)

    def local(self, moment: dt.datetime) -> dt.datetime:
        return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(self.zone)

    def is_workday(self, day: dt.date) -> bool:
        return day.weekday() in self.workdays and day not in self._holidays

    def is_open(self, moment: dt.datetime) -> bool:
        here = self.local(moment)
        return self.is_workday(here.date()) and self.opens <= here.time() < self.closes

    def next_open(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` itself inside office hours, else the next opening (local time)."""
        here = self.local(moment)
        if self.is_open(here):
            return here
        day = here.date()
        if here.time() < self.opens and self.is_workday(day):
            return dt.datetime.combine(day, self.opens, self.zone)
        for _ in range(60):  # the longest run of closed days is far shorter (Eid + a weekend)
            day += dt.timedelta(days=1)
            if self.is_workday(day):
                return dt.datetime.combine(day, self.opens, self.zone)
        raise ValueError("no working day in the next 60 days: check the configured workdays")

    def add(self, moment: dt.datetime, hours: float) -> dt.datetime:
        """``moment`` plus this many working hours (local time)."""
        left = dt.timedelta(hours=hours)
        here = self.next_open(moment)
        while True:
            closing = dt.datetime.combine(here.date(), self.closes, self.zone)
            if here + left <= closing:
                return here + left
            left -= closing - here
            here = self.next_open(closing)

    def due(self, moment: dt.datetime, priority: Priority) -> dt.datetime:
        """When a conversation queued at ``moment`` should have been picked up (its SLA), in UTC."""
        return self.add(moment, SLA_HOURS[priority]).astimezone(dt.UTC)


def parse_hours(opens: str, closes: str, workdays: str, timezone: str) -> BusinessHours:
    """From settings: "09:00", "17:00", "0,1,2,3,4" (Monday is 0), "Asia/Karachi"."""
    return BusinessHours(timezone=timezone, opens=dt.time.fromisoformat(opens), closes=dt.time.fromisoformat(closes),
                         workdays=frozenset(int(d) for d in workdays.split(",") if d.strip()))
