"""Two people move two colleagues into the last free seat of one table at the same moment.

With the session lock the second move sees the first: the plan keeps every table size and keeps the
colleagues apart. The control removes the lock and shows both moves landing. PostgreSQL only: SQLite's
IMMEDIATE transactions serialise every write transaction (the registration race tests cover them).
"""

import threading
import time

import pytest
from django.conf import settings
from django.db import connections

from spil.activities import planner, table_services
from spil.activities.models import TableParticipant, TableSeat, TableSession
from tests.activities.test_practice_tables import _amersfoort

ON_POSTGRES = "postgresql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = [
    pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL row locks"),
    pytest.mark.django_db(transaction=True),
]


def _two_colleagues_and_a_table_with_one_seat(session):
    """Round 2: a table with one free seat, and two colleagues sitting elsewhere, none of their
    organisation at that table."""
    seats = list(TableSeat.objects.filter(session=session, round=1).select_related("participant", "table"))
    for table in session.tables.all():
        at_table = [s.participant for s in seats if s.table_id == table.pk]
        if len(at_table) != 3:
            continue
        present = {p.organisation for p in at_table}
        for seat in seats:
            organisation = seat.participant.organisation
            if seat.table_id == table.pk or organisation in present:
                continue
            pair = [s.participant for s in seats if s.participant.organisation == organisation]
            if len(pair) == 2 and all(s.table_id != table.pk for s in seats if s.participant in pair):
                return pair, table
    raise AssertionError("no such table in this plan")


def _race(session, pair, table, monkeypatch, *, read_together: bool) -> list[str]:
    """Both moves at once; each pauses after reading the plan (read_together: until the other has read too)."""
    read = table_services.layout
    both_read = threading.Barrier(2, timeout=30)

    def layout_then_pause(current):
        result = read(current)
        if read_together:
            both_read.wait()
        else:
            time.sleep(0.3)  # long enough for the other move to reach the lock
        return result

    monkeypatch.setattr(table_services, "layout", layout_then_pause)
    start = threading.Barrier(2, timeout=30)
    errors: list[str] = []

    def move(participant: TableParticipant) -> None:
        try:
            start.wait()
            table_services.guest_move(
                session=TableSession.objects.get(pk=session.pk), round_index=1, participant=participant, table=table
            )
        except Exception as error:  # the outcome under test
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=move, args=(p,)) for p in pair]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def _stored_plan(session):
    current = table_services.layout(session)
    return planner.evaluate(current.instance, current.rounds_from_seats(TableSeat.objects.filter(session=session)))


def test_two_moves_at_once_keep_table_sizes_and_colleagues_apart(cast, monkeypatch):
    session = _amersfoort(cast, guests=16)
    table_services.session_plan(session=session)
    pair, table = _two_colleagues_and_a_table_with_one_seat(session)
    errors = _race(session, pair, table, monkeypatch, read_together=False)
    # The second move sees the colleague the first one seated there: it changes places with them when the
    # table is now full, or is refused with the reason (which one depends on who moves first).
    refused = f"ValidationError: ['Aan tafel {table.number} zit al iemand van {pair[0].organisation}.']"
    assert errors in ([], [refused])
    monkeypatch.undo()
    stored = _stored_plan(session)
    assert stored.valid, stored.violations
    at_table = TableSeat.objects.filter(session=session, round=1, table=table, participant__in=pair)
    assert at_table.count() == 1
    session.refresh_from_db()
    assert session.ratio == stored.ratio


def test_control_without_the_lock_overfills_the_table_and_seats_colleagues_together(cast, monkeypatch):
    session = _amersfoort(cast, guests=16)
    table_services.session_plan(session=session)
    pair, table = _two_colleagues_and_a_table_with_one_seat(session)
    monkeypatch.setattr(table_services, "_lock_session", lambda session_id: None)
    errors = _race(session, pair, table, monkeypatch, read_together=True)
    assert errors == []
    monkeypatch.undo()
    stored = _stored_plan(session)
    assert not stored.valid
    assert TableSeat.objects.filter(session=session, round=1, table=table, participant__in=pair).count() == 2
