"""Speedmeet plans stay true to what people chose: confirming a stale plan introduces only pairs still wanted, the
right to confirm is checked under the lock on what remains, the solver runs outside any transaction and the
plan is written only if nothing changed meanwhile, the first save of the rounds survives a double submit, and
fewer rounds never leave someone's presence silently out of range."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from spil.accounts.models import Membership
from spil.matching import speedmeet_services as services
from spil.matching.models import (
    Match,
    Speedmeet,
    SpeedmeetCandidate,
    SpeedmeetEmployer,
    SpeedmeetInterest,
    SpeedmeetMeeting,
)
from spil.matching.speedmeet import schedule
from tests.cast import make_organisation
from tests.matching.candidate_factories import make_candidate
from tests.matching.opportunity_factories import make_opportunity
from tests.matching.speedmeet_factories import make_speedmeet, mark, present

pytestmark = pytest.mark.django_db


def _membership(cast, user):
    return Membership.objects.get(user=user, network=cast.network)


def _two_by_two(cast):
    speedmeet = make_speedmeet(cast, slots=2, registered=("org_a", "org_b"))
    first = make_candidate(cast, first_name="Eerste")
    second = make_candidate(cast, first_name="Tweede")
    for candidate in (first, second):
        present(cast, speedmeet, candidate)
        mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
        mark(speedmeet, candidate, cast.org_b, True, cast.partner_b)
    make_opportunity(cast, cast.org_a, title="Afwasser A")
    make_opportunity(cast, cast.org_b, title="Afwasser B")
    return speedmeet, first, second


def test_confirming_a_stale_plan_introduces_only_pairs_still_wanted(cast):
    speedmeet, first, second = _two_by_two(cast)
    services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    assert SpeedmeetMeeting.objects.count() == 4
    # After the plan: partner A says No to the first candidate, partner B unregisters.
    services.interest_mark(
        speedmeet=speedmeet, candidate_id=first.pk, organisation=cast.org_a, user=cast.partner_a, wants=False
    )
    speedmeet.activity.registrations.filter(organisation=cast.org_b).update(status="cancelled")
    result = services.speedmeet_confirm(
        speedmeet=speedmeet, user=cast.coordinator, membership=_membership(cast, cast.coordinator)
    )
    assert (result.introductions, result.dropped) == (1, 3)
    assert list(SpeedmeetMeeting.objects.values_list("organisation_id", "candidate_id")) == [(cast.org_a.pk, second.pk)]
    assert list(Match.objects.values_list("opportunity__organisation_id", "candidate_id")) == [
        (cast.org_a.pk, second.pk)
    ]


def test_a_plan_with_nothing_wanted_any_more_is_not_confirmed(cast):
    speedmeet, _first, _second = _two_by_two(cast)
    services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    SpeedmeetInterest.objects.update(wants=False)
    with pytest.raises(ValidationError, match="Maak het rooster opnieuw"):
        services.speedmeet_confirm(
            speedmeet=speedmeet, user=cast.coordinator, membership=_membership(cast, cast.coordinator)
        )
    assert Speedmeet.objects.get(pk=speedmeet.pk).confirmed_at is None
    assert SpeedmeetMeeting.objects.count() == 4 and not Match.objects.exists()


def test_the_right_to_confirm_is_checked_under_the_lock_on_the_meetings_that_remain(cast):
    speedmeet = make_speedmeet(cast)
    uwv = make_organisation("UWV Testregio", "45678901", kind="uwv")
    own = make_candidate(cast, first_name="Eigen")
    other = make_candidate(cast, first_name="Ander", organisation=uwv)
    for candidate in (own, other):
        present(cast, speedmeet, candidate)
        mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
    services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    advisor = _membership(cast, cast.wsp_advisor)
    with pytest.raises(ValidationError, match="de netwerkcoördinator bevestigt het rooster"):
        services.speedmeet_confirm(speedmeet=speedmeet, user=cast.wsp_advisor, membership=advisor)
    assert Speedmeet.objects.get(pk=speedmeet.pk).confirmed_at is None
    assert SpeedmeetMeeting.objects.count() == 2  # nothing dropped by the refused attempt
    # Once the UWV candidate's meeting is no longer wanted, only the WSP's own candidate remains.
    SpeedmeetInterest.objects.filter(candidate=other).update(wants=False)
    result = services.speedmeet_confirm(speedmeet=speedmeet, user=cast.wsp_advisor, membership=advisor)
    assert result.dropped == 1 and Speedmeet.objects.get(pk=speedmeet.pk).confirmed_at is not None
    # A member without the right at all (the backoffice) is refused by the service too.
    second = make_speedmeet(cast, title="Tweede drive-in")
    present(cast, second, own)
    mark(second, own, cast.org_a, True, cast.partner_a)
    services.plan_make(speedmeet=second, user=cast.coordinator)
    with pytest.raises(ValidationError):
        services.speedmeet_confirm(
            speedmeet=second, user=cast.backoffice, membership=_membership(cast, cast.backoffice)
        )


def _outside_transactions() -> bool:
    return not [block for block in connection.atomic_blocks if not block._from_testcase]


def test_the_solver_runs_outside_the_transaction_and_a_change_meanwhile_is_planned_too(cast, monkeypatch):
    speedmeet, _first, second = _two_by_two(cast)
    SpeedmeetInterest.objects.filter(candidate=second, organisation=cast.org_b).delete()
    calls = []

    def solving(*args, **kwargs):
        calls.append(_outside_transactions())
        if len(calls) == 1:  # partner B marks the second candidate while the first solve runs
            mark(speedmeet, second, cast.org_b, True, cast.partner_b)
        return schedule(*args, **kwargs)

    monkeypatch.setattr(services, "schedule", solving)
    result = services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    assert calls == [True, True]
    assert (result.wanted, result.planned) == (4, 4)
    assert SpeedmeetMeeting.objects.filter(organisation=cast.org_b, candidate=second).exists()


def test_a_plan_whose_inputs_keep_changing_asks_to_try_again(cast, monkeypatch):
    speedmeet, first, _second = _two_by_two(cast)
    services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    before = set(SpeedmeetMeeting.objects.values_list("pk", flat=True))

    def solving(*args, **kwargs):
        interest = SpeedmeetInterest.objects.get(candidate=first, organisation=cast.org_a)
        interest.wants = not interest.wants
        interest.save()
        return schedule(*args, **kwargs)

    monkeypatch.setattr(services, "schedule", solving)
    with pytest.raises(ValidationError, match="veranderde er iets"):
        services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    assert set(SpeedmeetMeeting.objects.values_list("pk", flat=True)) == before


def test_a_double_first_save_of_the_rounds_changes_the_one_speedmeet(cast):
    activity = make_speedmeet(cast).activity
    Speedmeet.objects.filter(activity=activity).delete()
    # Both requests read "no speedmeet yet" and send a new one.
    for slots in (4, 5):
        services.speedmeet_save(
            activity=activity, speedmeet=Speedmeet(first_slot_at=activity.starts_at, slot_minutes=10, slots=slots)
        )
    assert Speedmeet.objects.filter(activity=activity).count() == 1
    assert Speedmeet.objects.get(activity=activity).slots == 5


def test_fewer_rounds_end_a_late_presence_at_the_end_and_refuse_one_that_starts_after_it(cast, client):
    speedmeet = make_speedmeet(cast, slots=6)
    candidate = make_candidate(cast)
    presented = present(cast, speedmeet, candidate, from_slot=2, until_slot=6)
    SpeedmeetEmployer.objects.create(speedmeet=speedmeet, organisation=cast.org_a, from_slot=5)
    client.force_login(cast.coordinator)
    url = reverse("matching:speedmeet_settings", args=[cast.network.slug, speedmeet.activity_id])
    start = timezone.localtime(speedmeet.activity.starts_at).strftime("%Y-%m-%dT%H:%M")
    data = {"first_slot_at": start, "slot_minutes": 10, "slots": 4}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Met 4 rondes valt weg wie pas later komt: Bakkerij Aalbers" in response.content.decode()
    assert Speedmeet.objects.get(pk=speedmeet.pk).slots == 6
    SpeedmeetEmployer.objects.update(from_slot=3)
    assert client.post(url, data).status_code == 302
    presented.refresh_from_db()
    assert Speedmeet.objects.get(pk=speedmeet.pk).slots == 4
    assert (presented.from_slot, presented.until_slot) == (2, None)
    assert SpeedmeetCandidate.objects.filter(until_slot__gt=4).count() == 0
