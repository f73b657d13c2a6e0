"""AVG rights: inzage (art. 15) exports everything Spil holds on a candidate and is itself logged; erasure
(art. 17) deletes the candidate, consents and matches after a confirmation, and the access log keeps only
the reference number and the fact."""

import json

import pytest
from django.urls import reverse

from spil.matching.models import AccessLog, Candidate, Consent, Match, Opportunity
from tests.matching.candidate_factories import FIRST, LAST, make_candidate

pytestmark = pytest.mark.django_db


def _match(cast, candidate) -> Match:
    opportunity = Opportunity.objects.create(
        network=cast.network,
        organisation=cast.org_a,
        kind="vacancy",
        title="Afwasser",
        hours_per_week=24,
        postcode="3811 AB",
    )
    return Match.objects.create(candidate=candidate, opportunity=opportunity, score=0.8, stage="proposed")


def test_inzage_holds_the_data_consents_matches_and_access_log(cast, client):
    candidate = make_candidate(cast)
    _match(cast, candidate)
    client.force_login(cast.coordinator)
    client.get(reverse("matching:candidate", args=[cast.network.slug, candidate.pk]))
    response = client.get(reverse("matching:candidate_export", args=[cast.network.slug, candidate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["candidate"]["first_name"] == FIRST and data["candidate"]["birth_date"] == "1990-05-17"
    assert data["candidate"]["tasks"] == ["Afwassen", "Tafels dekken"]
    assert {c["purpose"] for c in data["consents"]} == {"match", "anonymous_profile"}
    assert all(c["text"] and c["text_version"] for c in data["consents"])
    assert data["matches"][0]["opportunity"] == "Afwasser"
    assert [row["action"] for row in data["access_log"]] == ["view", "export"]
    assert AccessLog.objects.filter(candidate=candidate, action="export").count() == 1


def test_erasure_asks_for_confirmation_first(cast, client):
    candidate = make_candidate(cast)
    client.force_login(cast.wsp_advisor)
    url = reverse("matching:candidate_erase", args=[cast.network.slug, candidate.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {})
    assert response.status_code == 400
    assert "echt wilt wissen" in response.content.decode()
    assert Candidate.objects.filter(pk=candidate.pk).exists()


def test_erasure_deletes_candidate_consents_and_matches_and_keeps_only_the_fact(cast, client):
    candidate = make_candidate(cast)
    _match(cast, candidate)
    pk = candidate.pk
    client.force_login(cast.coordinator)
    client.get(reverse("matching:candidate", args=[cast.network.slug, pk]))
    response = client.post(reverse("matching:candidate_erase", args=[cast.network.slug, pk]), {"confirm": "on"})
    assert response.status_code == 302
    assert not Candidate.objects.filter(pk=pk).exists()
    assert not Consent.objects.filter(candidate_id=pk).exists()
    assert not Match.objects.filter(candidate_id=pk).exists()
    lines = AccessLog.objects.filter(candidate_ref=pk)
    assert sorted(lines.values_list("action", flat=True)) == ["erase", "view"]
    assert set(lines.values_list("candidate", flat=True)) == {None}
    for line in lines:
        assert FIRST not in line.reason and LAST not in line.reason
    followed = client.get(reverse("matching:candidates", args=[cast.network.slug]))
    assert LAST not in followed.content.decode()


def test_employers_cannot_export_or_erase(cast, client):
    candidate = make_candidate(cast)
    client.force_login(cast.partner_a)
    for name in ("candidate_export", "candidate_erase"):
        assert client.get(reverse(f"matching:{name}", args=[cast.network.slug, candidate.pk])).status_code == 403
    assert (
        client.post(
            reverse("matching:candidate_erase", args=[cast.network.slug, candidate.pk]), {"confirm": "on"}
        ).status_code
        == 403
    )
    assert Candidate.objects.filter(pk=candidate.pk).exists()
    assert not AccessLog.objects.filter(action="export").exists()
