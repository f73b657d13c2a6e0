"""Two chairs' clicks at the same moment: exactly one decision, the other gets a message.

Threads need a database that several connections share, so these run on PostgreSQL
(SQLite's test database lives in memory; there IMMEDIATE transactions serialise writers).
"""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils import timezone

from spil.accounts.models import Membership
from spil.partners import services
from spil.partners.models import AdmissionDecision, Organisation, Partnership, Status
from tests.cast import build_cast

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="needs a database shared by several connections (PostgreSQL)",
    ),
]


def _decide_twice_at_once(monkeypatch, *, without_lock: bool) -> list[str]:
    cast = build_cast()
    application = Partnership.objects.create(
        network=cast.network,
        organisation=Organisation.objects.create(name="Gelijktijdig BV"),
        status=Status.APPLICANT,
        applied_at=timezone.now(),
    )
    membership_id = Membership.objects.get(user=cast.chair, network=cast.network).pk
    both_read = threading.Barrier(2, timeout=10)
    if without_lock:
        # The control: no row lock, and both threads have read "applicant" before either writes.
        original_get = Partnership.objects.get

        def get_after_both_read(*args, **kwargs):
            row = original_get(*args, **kwargs)
            both_read.wait()
            return row

        monkeypatch.setattr(type(Partnership.objects), "select_for_update", lambda self: self)
        monkeypatch.setattr(Partnership.objects, "get", get_after_both_read)
    outcomes: list[str] = []
    start = threading.Barrier(2, timeout=10)

    def decide(decision: str):
        try:
            membership = Membership.objects.select_related("user").get(pk=membership_id)
            start.wait()
            services.admission_decide(
                partnership_id=application.pk, membership=membership, decision=decision, reason="Gelijktijdig"
            )
            outcomes.append("decided")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(d,)) for d in ("admitted", "declined")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert AdmissionDecision.objects.filter(partnership=application).count() == 1
    application.refresh_from_db()
    assert application.status == AdmissionDecision.objects.get(partnership=application).decision
    return sorted(outcomes)


def test_simultaneous_decisions_give_one_decision_and_one_message(monkeypatch):
    assert _decide_twice_at_once(monkeypatch, without_lock=False) == ["decided", "refused"]


def test_control_without_the_row_lock_the_constraint_still_catches_the_race(monkeypatch):
    # Both threads passed the status check: only the one-decision constraint stops the second.
    assert _decide_twice_at_once(monkeypatch, without_lock=True) == ["decided", "refused"]
