"""The pipeline after the introduction: trial, contract (a placement that counts as a result against the
employer's ambition of the right kind), sustainable six months after the contract start, or ended."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from spil.matching import match_services
from spil.matching.match_services import add_months, match_advance, match_end, placements_mark_sustainable
from spil.matching.match_tasks import placements_sweep
from spil.matching.models import Match
from spil.partners.models import Ambition
from tests.cast import add_ambition
from tests.matching.candidate_factories import make_candidate
from tests.matching.opportunity_factories import make_learning_job, make_opportunity


def _url(cast, name, *args):
    return reverse(f"matching:{name}", args=[cast.network.slug, *args])


def _match(cast, opportunity=None, stage="introduction"):
    candidate = make_candidate(cast, consents=["match", "anonymous_profile"])
    opportunity = opportunity or make_opportunity(cast)
    return Match.objects.create(candidate=candidate, opportunity=opportunity, score=70, stage=stage)


def _contract(client, cast, match, starts_on):
    return client.post(
        _url(cast, "match_advance", match.pk),
        {"advance-stage": "contract", "advance-contract_starts_on": starts_on.isoformat()},
    )


def test_contract_counts_as_a_result_against_the_employers_jobs_ambition(cast, client):
    jobs = add_ambition(cast.partnership_a, kind="jobs", target=4, target_date=date(2030, 1, 1))
    add_ambition(cast.partnership_a, kind="learning_jobs", target=2, target_date=date(2030, 1, 1))
    match = _match(cast)
    client.force_login(cast.wsp_advisor)
    response = client.post(_url(cast, "match_advance", match.pk), {"advance-stage": "trial"})
    assert response.status_code == 302
    start = timezone.localdate() + timedelta(days=7)
    assert _contract(client, cast, match, start).status_code == 302
    match.refresh_from_db()
    assert match.stage == "contract" and match.contract_starts_on == start
    jobs.refresh_from_db()
    cast.partnership_a.refresh_from_db()
    assert (jobs.realised, cast.partnership_a.result_count) == (1, 1)
    assert match.result.ambition == jobs and match.result.date == start
    assert "Bennani" not in match.result.description  # results are read by the whole network
    assert Ambition.objects.get(kind="learning_jobs").realised == 0
    body = client.get(_url(cast, "match", match.pk)).content.decode()
    assert "Telt mee als resultaat" in body
    # The partner's own page shows it among the results.
    client.force_login(cast.partner_a)
    page = client.get(reverse("partners:detail", args=[cast.network.slug, cast.partnership_a.pk])).content.decode()
    assert "Plaatsing: Afwasser" in page


def test_learning_job_counts_against_learning_jobs(cast):
    learning = add_ambition(cast.partnership_b, kind="learning_jobs", target=2, target_date=date(2030, 1, 1))
    add_ambition(cast.partnership_b, kind="jobs", target=2, target_date=date(2030, 1, 1))
    match = _match(cast, make_learning_job(cast))
    match_advance(match_id=match.pk, user=cast.wsp_advisor, stage="contract", contract_starts_on=date(2026, 1, 5))
    learning.refresh_from_db()
    assert learning.realised == 1


def test_without_an_ambition_of_the_kind_the_placement_is_not_counted_and_the_page_says_so(cast, client):
    add_ambition(cast.partnership_a, kind="learning_jobs", target=2, target_date=date(2030, 1, 1))
    match = _match(cast)
    client.force_login(cast.wsp_advisor)
    _contract(client, cast, match, timezone.localdate())
    match.refresh_from_db()
    assert match.stage == "contract" and match.result is None
    cast.partnership_a.refresh_from_db()
    assert cast.partnership_a.result_count == 0
    assert "Niet meegeteld" in client.get(_url(cast, "match", match.pk)).content.decode()


def test_contract_becomes_sustainable_six_months_after_its_start(cast):
    match = _match(cast)
    year = timezone.localdate().year + 1  # a contract that starts in the future
    match_advance(match_id=match.pk, user=cast.wsp_advisor, stage="contract", contract_starts_on=date(year, 1, 31))
    assert placements_mark_sustainable(today=date(year, 7, 30)) == 0
    match.refresh_from_db()
    assert match.stage == "contract"
    assert placements_mark_sustainable(today=date(year, 7, 31)) == 1
    match.refresh_from_db()
    assert match.stage == "sustainable"
    assert match.events.filter(stage="sustainable").count() == 1
    assert placements_mark_sustainable(today=date(year, 12, 31)) == 0  # once


def test_the_sweep_marks_contracts_that_started_over_six_months_ago(cast):
    old, recent = _match(cast), _match(cast, make_opportunity(cast, title="Tweede"))
    today = timezone.localdate()
    Match.objects.filter(pk=old.pk).update(stage="contract", contract_starts_on=add_months(today, -6))
    Match.objects.filter(pk=recent.pk).update(stage="contract", contract_starts_on=add_months(today, -5))
    placements_sweep.enqueue()
    assert dict(Match.objects.values_list("pk", "stage")) == {old.pk: "sustainable", recent.pk: "contract"}


def test_a_contract_entered_late_is_sustainable_at_once(cast):
    match = _match(cast, stage="trial")
    start = add_months(timezone.localdate(), -7)
    match_advance(match_id=match.pk, user=cast.wsp_advisor, stage="contract", contract_starts_on=start)
    match.refresh_from_db()
    assert match.stage == "sustainable"


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 6, date(2026, 7, 31)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2026, 3, 15), -6, date(2025, 9, 15)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_bad_steps_answer_with_a_message_per_field(cast, client):
    match = _match(cast)
    client.force_login(cast.wsp_advisor)
    response = client.post(_url(cast, "match_advance", match.pk), {"advance-stage": "contract"})
    assert response.status_code == 400
    assert "contract_starts_on" in response.context["advance_form"].errors
    response = client.post(
        _url(cast, "match_advance", match.pk), {"advance-stage": "contract", "advance-contract_starts_on": "2026-13-01"}
    )
    assert "contract_starts_on" in response.context["advance_form"].errors
    response = client.post(_url(cast, "match_advance", match.pk), {"advance-stage": "sustainable"})
    assert "stage" in response.context["advance_form"].errors
    response = client.post(_url(cast, "match_end", match.pk), {"end-end_reason": ""})
    assert response.status_code == 400
    assert "end_reason" in response.context["end_form"].errors
    match.refresh_from_db()
    assert match.stage == "introduction"
    with pytest.raises(ValidationError):
        match_advance(match_id=match.pk, user=cast.wsp_advisor, stage="sustainable")


def test_ending_records_the_reason_and_closes_the_pipeline(cast, client):
    match = _match(cast, stage="trial")
    client.force_login(cast.wsp_advisor)
    response = client.post(_url(cast, "match_end", match.pk), {"end-end_reason": "dropout", "end-note": "Gestopt"})
    assert response.status_code == 302
    match.refresh_from_db()
    assert (match.stage, match.end_reason) == ("ended", "dropout")
    assert match.events.get(stage="ended").note == "Gestopt"
    with pytest.raises(ValidationError):
        match_end(match_id=match.pk, user=cast.wsp_advisor, reason="other")
    response = client.post(_url(cast, "match_advance", match.pk), {"advance-stage": "contract"})
    assert response.status_code == 400


def test_advisors_move_only_their_own_candidates_matches(cast, client):
    from spil.accounts.models import Membership
    from spil.partners.models import Organisation
    from tests.cast import make_user

    uwv = Organisation.objects.create(name="UWV", kind="uwv", postcode="3811 AA")
    person = make_user("uwv@example.org")
    Membership.objects.create(user=person, network=cast.network, role="public_advisor", organisation=uwv)
    match = _match(cast)
    client.force_login(person)
    assert client.post(_url(cast, "match_advance", match.pk), {"advance-stage": "trial"}).status_code == 404
    assert client.get(_url(cast, "match", match.pk)).status_code == 404
    assert match_services.FINAL  # a final stage never moves on
