"""Dutch working days: the clock of the employer desk's one-working-day response rule.

A working day is Monday to Friday, except the Dutch national holidays of the `holidays` package
(Nieuwjaarsdag, Goede Vrijdag, Pasen, Koningsdag, Bevrijdingsdag, Hemelvaartsdag, Pinksteren, Kerst).
Times are read in the Netherlands' time zone.

The rule counts one working day of 24 hours from the moment a request comes in: on a working day
the answer is due at the same time on the next working day (Friday 14:00 -> Monday 14:00). A request
that arrives outside working days starts the clock at 00:00 of the next working day, so it is due by
the end of that day (Saturday -> Monday 24:00, that is Tuesday 00:00).
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

NETHERLANDS = ZoneInfo("Europe/Amsterdam")


@lru_cache(maxsize=64)
def _holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("NL", years=year, language="nl"))


def holiday_name(day: date) -> str | None:
    return _holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(day: date) -> date:
    """The first working day after `day`."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def one_working_day_after(moment: datetime) -> datetime:
    """When an answer to something that came in at `moment` is due (an aware datetime, Dutch time)."""
    local = moment.astimezone(NETHERLANDS)
    day = local.date()
    if is_working_day(day):
        due_day, due_time = next_working_day(day), local.time().replace(tzinfo=None)
    else:
        due_day, due_time = next_working_day(next_working_day(day - timedelta(days=1))), time(0)
    return datetime.combine(due_day, due_time, tzinfo=NETHERLANDS)
