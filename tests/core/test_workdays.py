"""The one-working-day rule across weekends and Dutch holidays, and around midnight."""

from datetime import date, datetime

import pytest

from spil.core.workdays import NETHERLANDS, holiday_name, is_working_day, one_working_day_after


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=NETHERLANDS)


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        # An ordinary Tuesday: the same time on Wednesday.
        ("2026-11-24 10:15", "2026-11-25 10:15"),
        # Friday afternoon: Monday afternoon.
        ("2026-11-27 14:00", "2026-11-30 14:00"),
        # Saturday and Sunday: the clock starts Monday 00:00, so due at the end of Monday.
        ("2026-11-28 09:00", "2026-12-01 00:00"),
        ("2026-11-29 23:59", "2026-12-01 00:00"),
        # Just before and just after midnight from Friday into Saturday.
        ("2026-11-27 23:59:59", "2026-11-30 23:59:59"),
        ("2026-11-28 00:00:01", "2026-12-01 00:00"),
        # Just before and after midnight from Sunday into Monday.
        ("2026-11-29 23:59:59", "2026-12-01 00:00"),
        ("2026-11-30 00:00:01", "2026-12-01 00:00:01"),
        # King's Day 2026 is Monday 27 April: Friday 24 April -> Tuesday 28 April.
        ("2026-04-24 11:00", "2026-04-28 11:00"),
        ("2026-04-27 11:00", "2026-04-29 00:00"),
        # Easter: Good Friday 3 April and Easter Monday 6 April 2026. Thursday -> Tuesday.
        ("2026-04-02 16:30", "2026-04-07 16:30"),
        # Ascension Day, Thursday 14 May 2026: Wednesday -> Friday.
        ("2026-05-13 09:00", "2026-05-15 09:00"),
        # Whit Monday 25 May 2026: Friday 22 May -> Tuesday 26 May.
        ("2026-05-22 12:00", "2026-05-26 12:00"),
        # Christmas: Friday 25 and Saturday 26 December 2026. Thursday 24 -> Monday 28.
        ("2026-12-24 15:00", "2026-12-28 15:00"),
        ("2026-12-25 15:00", "2026-12-29 00:00"),
        # New Year's Eve into New Year's Day (Friday 1 January 2027): Thursday -> Monday.
        ("2026-12-31 23:30", "2027-01-04 23:30"),
    ],
)
def test_one_working_day_after(submitted, due):
    assert one_working_day_after(at(submitted)) == at(due)


def test_the_holidays_come_from_the_holidays_package_in_dutch():
    assert holiday_name(date(2026, 4, 27)) == "Koningsdag"
    assert holiday_name(date(2026, 5, 14)) == "Hemelvaartsdag"
    assert not is_working_day(date(2026, 12, 26))
    assert is_working_day(date(2026, 12, 28))


def test_utc_input_is_read_in_dutch_time():
    # 23:30 UTC on Friday 27 November is already Saturday 00:30 in Amsterdam.
    utc = datetime.fromisoformat("2026-11-27 23:30+00:00")
    assert one_working_day_after(utc) == at("2026-12-01 00:00")
