"""Cohort assignment (De achthonderd): an advisor selects a cohort of the own organisation's consented
candidates, Spil proposes the one-to-one assignment with the maximum total score in the background, and the
advisor accepts (the employer gets the proposal) or declines each pair."""

import itertools

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from spil.matching import cohort_services
from spil.matching.models import AccessLog, Cohort, CohortPair, Consent, Match
from spil.matching.opportunity_selectors import build_pool
from spil.partners.models import Organisation
from tests.matching.candidate_factories import make_candidate
from tests.matching.cohort_factories import make_cohort
from tests.matching.opportunity_factories import make_opportunity

pytestmark = pytest.mark.django_db


def _url(cast, name, *args):
    return reverse(f"matching:{name}", args=[cast.network.slug, *args])


@pytest.fixture
def cohort_setup(cast):
    """Three candidates and three places that compete: a greedy choice would not give the best total."""
    cook = make_candidate(cast, first_name="Kok", tasks=["Koken", "Afwassen"])
    washer = make_candidate(cast, first_name="Afwas", tasks=["Afwassen"])
    both = make_candidate(cast, first_name="Beide", tasks=["Koken", "Afwassen", "Tafels dekken"])
    kitchen = make_opportunity(cast, title="Keuken", shares=[("Koken", 80), ("Afwassen", 20)])
    dishes = make_opportunity(cast, title="Afwas", shares=[("Afwassen", 100)])
    hall = make_opportunity(cast, cast.org_b, title="Zaal", shares=[("Tafels dekken", 70), ("Afwassen", 30)])
    return {"candidates": [cook, washer, both], "opportunities": [kitchen, dishes, hall]}


def _best_total(candidates, opportunities) -> float:
    """Brute force over every one-to-one assignment (feasible pairs only), for three by three."""
    pool = build_pool(
        type(candidates[0]).objects.filter(pk__in=[c.pk for c in candidates]).order_by("pk"),
        type(opportunities[0]).objects.filter(pk__in=[o.pk for o in opportunities]).order_by("pk"),
    )
    best = 0.0
    for order in itertools.permutations(range(len(opportunities))):
        total = sum(s for i, j in enumerate(order) if (s := pool.score(i, j)) is not None)
        best = max(best, total)
    return best


def test_the_proposal_has_the_maximum_total_score(cast, cohort_setup):
    cohort = make_cohort(cast)
    assert cohort.status == "done" and cohort.percentage == 100
    pairs = list(cohort.pairs.all())
    assert len(pairs) == 3
    assert len({p.candidate_id for p in pairs}) == 3 and len({p.opportunity_id for p in pairs}) == 3
    best = _best_total(cohort_setup["candidates"], cohort_setup["opportunities"])
    assert sum(p.score for p in pairs) == pytest.approx(best, abs=0.2)
    assert cohort.total_score == pytest.approx(best, abs=0.2)
    # Each pair carries its plain Dutch explanation.
    assert all(p.explanation.get("summary") for p in pairs)


def test_places_per_opportunity_and_places_taken_are_respected(cast, cohort_setup):
    kitchen, dishes, hall = cohort_setup["opportunities"]
    type(kitchen).objects.filter(pk=kitchen.pk).update(places=2)
    type(hall).objects.filter(pk=hall.pk).update(is_open=False)
    # One of the two kitchen places is taken by someone already introduced.
    other = make_candidate(cast, first_name="Ander", tasks=["Koken"])
    Match.objects.create(candidate=other, opportunity=kitchen, score=50, stage="introduction")
    cohort = make_cohort(cast)
    taken = list(cohort.pairs.values_list("opportunity_id", flat=True))
    assert hall.pk not in taken
    assert taken.count(kitchen.pk) <= 1 and taken.count(dishes.pk) <= 1


def test_only_the_organisations_candidates_with_a_match_consent_take_part(cast, cohort_setup):
    without = make_candidate(cast, first_name="Zonder", consents=["anonymous_profile"])
    uwv = Organisation.objects.create(name="UWV Testregio", kind="uwv")
    elsewhere = make_candidate(cast, first_name="Elders", organisation=uwv)
    cohort = make_cohort(cast)
    ids = set(cohort.pairs.values_list("candidate_id", flat=True))
    assert without.pk not in ids and elsewhere.pk not in ids
    assert cohort.candidate_count == 3


def test_the_run_is_in_the_access_log_per_candidate(cast, cohort_setup):
    cohort = make_cohort(cast)
    lines = AccessLog.objects.filter(action="match", reason__contains=cohort.name)
    assert sorted(lines.values_list("candidate_id", flat=True)) == sorted(c.pk for c in cohort_setup["candidates"])
    assert {line.user_id for line in lines} == {cast.wsp_advisor.pk}


def test_accepting_a_pair_proposes_the_match_and_mails_the_employer(
    cast, cohort_setup, client, django_capture_on_commit_callbacks
):
    cohort = make_cohort(cast)
    pair = cohort.pairs.filter(opportunity__organisation=cast.org_a).first()
    client.force_login(cast.wsp_advisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(cast, "cohort_pair", cohort.pk, pair.pk), {"besluit": "accept", "page": "1"})
    assert response.status_code == 302 and f"#paar-{pair.pk}" in response["Location"]
    pair.refresh_from_db()
    assert pair.status == "accepted" and pair.match.stage == "proposed" and pair.decided_by == cast.wsp_advisor
    assert [m.to for m in mail.outbox] == [[cast.partner_a.email]]
    # Decided once: a second click changes nothing and says why.
    response = client.post(_url(cast, "cohort_pair", cohort.pk, pair.pk), {"besluit": "decline"}, follow=True)
    assert "al besloten" in response.content.decode()
    pair.refresh_from_db()
    assert pair.status == "accepted"


def test_declining_a_pair_proposes_nothing(cast, cohort_setup, client):
    cohort = make_cohort(cast)
    pair = cohort.pairs.first()
    client.force_login(cast.wsp_advisor)
    client.post(_url(cast, "cohort_pair", cohort.pk, pair.pk), {"besluit": "decline"})
    pair.refresh_from_db()
    assert pair.status == "declined" and pair.match is None
    assert not Match.objects.filter(candidate=pair.candidate, opportunity=pair.opportunity).exists()


def test_a_consent_revoked_after_the_run_refuses_the_pair_with_the_reason(cast, cohort_setup, client):
    cohort = make_cohort(cast)
    pair = cohort.pairs.first()
    Consent.objects.filter(candidate=pair.candidate, purpose="match").update(revoked_at=timezone.now())
    with pytest.raises(ValidationError, match="toestemming"):
        cohort_services.cohort_pair_decide(pair_id=pair.pk, user=cast.wsp_advisor, accept=True)
    pair.refresh_from_db()
    assert pair.status == "open" and not Match.objects.filter(candidate=pair.candidate).exists()


def test_the_form_creates_a_cohort_and_shows_the_pairs(cast, cohort_setup, client):
    client.force_login(cast.wsp_advisor)
    response = client.post(
        _url(cast, "cohort_create"),
        {"name": "Achthonderd", "postcodes": "38", "without_match": "on", "kinds": ["vacancy"]},
    )
    cohort = Cohort.objects.get(name="Achthonderd")
    assert response.status_code == 302 and cohort.organisation == cast.wsp
    assert cohort.criteria["postcodes"] == ["38"] and cohort.criteria["kinds"] == ["vacancy"]
    # In the test run tasks run at once only after commit; run it here as the worker would.
    cohort_services.cohort_run(cohort_id=cohort.pk)
    page = client.get(_url(cast, "cohort", cohort.pk)).content.decode()
    assert "Kok" in page and "Keuken" in page and "Overnemen" in page
    progress = client.get(_url(cast, "cohort_progress", cohort.pk), headers={"HX-Request": "true"})
    assert progress["HX-Refresh"] == "true"


@pytest.mark.parametrize(
    "data, field, words",
    [
        ({"name": ""}, "name", "verplicht"),
        ({"name": "X", "postcodes": "Amersfoort"}, "postcodes", "cijfers"),
        ({"name": "X", "opportunity_postcodes": "12345"}, "opportunity_postcodes", "cijfers"),
        ({"name": "X", "municipality": "Nergensdorp"}, None, "geen kandidaten"),
        ({"name": "X", "kinds": ["internship"]}, None, "geen open kansen"),
    ],
)
def test_bad_input_gets_a_message_and_stores_nothing(cast, cohort_setup, client, data, field, words):
    client.force_login(cast.wsp_advisor)
    response = client.post(_url(cast, "cohort_create"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert words in " ".join(errors.get(field or "__all__", [])).lower()
    assert not Cohort.objects.exists()


def test_pairs_are_decided_only_in_the_own_organisations_cohorts(cast, cohort_setup, client):
    cohort = make_cohort(cast)
    pair = cohort.pairs.first()
    uwv = Organisation.objects.create(name="UWV Testregio", kind="uwv")
    other = Cohort.objects.create(network=cast.network, organisation=uwv, name="Ander", status="done")
    client.force_login(cast.wsp_advisor)
    assert client.get(_url(cast, "cohort", other.pk)).status_code == 404
    assert client.post(_url(cast, "cohort_pair", other.pk, pair.pk), {"besluit": "accept"}).status_code == 404
    client.force_login(cast.partner_a)
    assert client.post(_url(cast, "cohort_pair", cohort.pk, pair.pk), {"besluit": "accept"}).status_code == 403
    assert CohortPair.objects.get(pk=pair.pk).status == "open"


def test_a_consent_revoked_after_the_run_hides_the_name_on_the_cohort_page(cast, cohort_setup, client):
    cohort = make_cohort(cast, user=cast.coordinator)
    cook = cohort_setup["candidates"][0]
    Consent.objects.filter(candidate=cook, purpose="match").update(revoked_at=timezone.now())
    client.force_login(cast.coordinator)
    logged = AccessLog.objects.filter(candidate=cook, action="view").count()
    body = client.get(_url(cast, "cohort", cohort.pk)).content.decode()
    assert f"Kandidaat {cook.pk}" in body and "Bennani" in body.replace(f"Kandidaat {cook.pk}", "")
    assert body.count("Bennani") == 2  # the two others, named; not the one who revoked
    assert AccessLog.objects.filter(candidate=cook, action="view").count() == logged


def test_an_unknown_decision_changes_nothing(cast, cohort_setup, client):
    cohort = make_cohort(cast)
    pair = cohort.pairs.first()
    client.force_login(cast.wsp_advisor)
    response = client.post(_url(cast, "cohort_pair", cohort.pk, pair.pk), {"besluit": "misschien"}, follow=True)
    assert "Kies overnemen of afwijzen" in response.content.decode()
    assert CohortPair.objects.get(pk=pair.pk).status == "open"


def test_a_place_filled_since_the_run_is_refused_and_the_pair_stays_open(cast, cohort_setup):
    cohort = make_cohort(cast)
    pair = cohort.pairs.first()
    other = make_candidate(cast, first_name="Sneller")
    Match.objects.create(candidate=other, opportunity=pair.opportunity, score=60, stage="contract")
    with pytest.raises(ValidationError, match="geen vrije plek"):
        cohort_services.cohort_pair_decide(pair_id=pair.pk, user=cast.wsp_advisor, accept=True)
    pair.refresh_from_db()
    assert pair.status == "open" and not Match.objects.filter(candidate=pair.candidate).exists()


def test_a_run_that_lost_its_worker_is_marked_failed_and_the_page_stops_waiting(cast, cohort_setup, client):
    cohort = cohort_services.cohort_start(
        network=cast.network,
        organisation=cast.wsp,
        user=cast.wsp_advisor,
        name="Vastgelopen",
        criteria=cohort_services.clean_criteria({}),
    )
    Cohort.objects.filter(pk=cohort.pk).update(
        status="running", created_at=timezone.now() - cohort_services.STALE_AFTER * 2
    )
    client.force_login(cast.wsp_advisor)
    progress = client.get(_url(cast, "cohort_progress", cohort.pk), headers={"HX-Request": "true"})
    assert progress["HX-Refresh"] == "true"
    cohort.refresh_from_db()
    assert cohort.status == "failed" and "niet afgemaakt" in cohort.error


def test_an_unexpected_error_in_the_run_fails_it_with_a_message(cast, cohort_setup, monkeypatch):
    cohort = cohort_services.cohort_start(
        network=cast.network,
        organisation=cast.wsp,
        user=cast.wsp_advisor,
        name="Kapot",
        criteria=cohort_services.clean_criteria({}),
    )

    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(cohort_services.opportunity_selectors, "build_pool", broken)
    cohort = cohort_services.cohort_run(cohort_id=cohort.pk)
    assert cohort.status == "failed" and cohort.error and not cohort.pairs.exists()
