"""An advisor registers a candidate for the own organisation, the coordinator on behalf of a public partner;
bad input answers per field and writes nothing; the form has no BSN field."""

import re

import pytest
from django.urls import reverse

from spil.matching.models import AccessLog, Candidate, Consent, Task
from tests.matching.candidate_factories import make_candidate

pytestmark = pytest.mark.django_db


def _form(**extra) -> dict:
    data = {
        "first_name": "Jan",
        "last_name": "de Vries",
        "email": "jan@example.org",
        "phone": "06 9876 5432",
        "postcode": "3811ab",
        "municipality": "Amersfoort",
        "birth_date": "1995-03-02",
        "target_groups": ["job_agreement", "wajong"],
        "education": "entree",
        "tasks": "Vakken vullen, afwassen ,  Orderpicken",
        "learn_tasks": "Heftruck rijden",
        "sectors": ["Logistiek en transport"],
        "hours_per_week": "20",
        "max_travel_km": "10",
        "work_fit": "with_support",
        "support_needs": ["job_coach", "buddy"],
        "pitch": "Ik ben Jan en ik ben altijd op tijd.",
        "video_url": "",
    }
    data.update(extra)
    return data


def test_advisor_registers_a_candidate_with_consents_and_tasks(cast, client):
    Task.objects.create(name="Afwassen")
    client.force_login(cast.wsp_advisor)
    url = reverse("matching:candidate_create", args=[cast.network.slug])
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    names = re.findall(r'name="([^"]+)"', body)
    assert not [name for name in names if "bsn" in name.lower() or "burgerservice" in name.lower()]
    assert 'name="organisation"' not in body  # an advisor registers for the own organisation
    assert "match-2026-1" in body  # the consent text and its version are on the form

    response = client.post(url, _form(consent_match="on", consent_anonymous_profile="on"))
    candidate = Candidate.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("matching:candidate", args=[cast.network.slug, candidate.pk])
    assert candidate.organisation == cast.wsp and candidate.registered_by == cast.wsp_advisor
    assert candidate.postcode == "3811 AB"
    assert candidate.latitude is not None and candidate.longitude is not None
    assert sorted(candidate.target_groups) == ["job_agreement", "wajong"]
    assert sorted(t.name for t in candidate.tasks.all()) == ["Afwassen", "Orderpicken", "Vakken vullen"]
    assert [t.name for t in candidate.learn_tasks.all()] == ["Heftruck rijden"]
    assert Task.objects.filter(key="afwassen").count() == 1  # the shared list gains no near-duplicates
    consents = {c.purpose: c for c in Consent.objects.filter(candidate=candidate)}
    assert set(consents) == {"match", "anonymous_profile"}
    assert consents["match"].text_version == "match-2026-1"
    assert consents["match"].text in body  # exactly the text that was shown
    assert consents["match"].recorded_by == cast.wsp_advisor
    assert AccessLog.objects.filter(candidate=candidate, action="edit").exists()


def test_coordinator_registers_on_behalf_of_a_public_partner(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("matching:candidate_create", args=[cast.network.slug])
    body = client.get(url).content.decode()
    assert 'name="organisation"' in body
    assert cast.org_a.name not in body  # an employer does not register candidates
    response = client.post(url, _form(organisation=cast.wsp.pk, consent_match="on"))
    candidate = Candidate.objects.get()
    assert response.status_code == 302
    assert candidate.organisation == cast.wsp and candidate.registered_by == cast.coordinator


def test_coordinator_without_match_consent_is_told_the_candidate_stays_with_the_organisation(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("matching:candidate_create", args=[cast.network.slug])
    response = client.post(url, _form(organisation=cast.wsp.pk), follow=True)
    assert Candidate.objects.count() == 1
    assert "registrerende organisatie" in response.content.decode()
    assert "de Vries" not in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "Belgie 1000", "Nederlandse postcode"),
        ("birth_date", "2099-01-01", "toekomst"),
        ("birth_date", "31-02-1990", "geldige datum"),
        ("hours_per_week", "0", "minstens 1"),
        ("hours_per_week", "veel", "geheel getal"),
        ("first_name", "", "verplicht"),
        ("email", "geen-adres", "geldig e-mailadres"),
        ("video_url", "javascript:alert(1)", "geldige URL"),
        ("target_groups", ["bsn"], "geldige keuze"),
        ("tasks", "x" * 130, "120 tekens"),
        ("consent_expires_on", "2001-01-01", "verleden"),
    ],
)
def test_bad_input_answers_per_field_and_writes_nothing(cast, client, field, value, message):
    client.force_login(cast.wsp_advisor)
    url = reverse("matching:candidate_create", args=[cast.network.slug])
    response = client.post(url, _form(**{field: value}))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in " ".join(errors[field])
    assert Candidate.objects.count() == 0 and Task.objects.count() == 0


def test_an_empty_post_names_every_required_field(cast, client):
    client.force_login(cast.wsp_advisor)
    response = client.post(reverse("matching:candidate_create", args=[cast.network.slug]), {})
    assert response.status_code == 400
    required = {"first_name", "last_name", "postcode", "municipality", "birth_date", "education", "hours_per_week"}
    assert required <= set(response.context["form"].errors)


def test_coordinator_cannot_register_for_an_employer(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("matching:candidate_create", args=[cast.network.slug])
    response = client.post(url, _form(organisation=cast.org_a.pk))
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert Candidate.objects.count() == 0


def test_edit_changes_the_data_and_the_tasks(cast, client):
    candidate = make_candidate(cast)
    client.force_login(cast.wsp_advisor)
    url = reverse("matching:candidate_edit", args=[cast.network.slug, candidate.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Afwassen, Tafels dekken" in page.content.decode()
    response = client.post(url, _form(first_name="Fatima", last_name="Bennani", tasks="Koken"))
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.last_name == "Bennani" and candidate.postcode == "3811 AB"
    assert [t.name for t in candidate.tasks.all()] == ["Koken"]
    bad = client.post(url, _form(postcode="12"))
    assert bad.status_code == 400 and "postcode" in bad.context["form"].errors


def test_task_suggestions_complete_the_list_typed_so_far(cast, client):
    for name in ("Afwassen", "Afvalscheiding", "Koken"):
        Task.objects.create(name=name)
    client.force_login(cast.wsp_advisor)
    url = reverse("matching:task_suggestions", args=[cast.network.slug])
    body = client.get(url, {"tasks": "Koken, afw"}).content.decode()
    assert 'value="Koken, Afwassen"' in body
    assert "Afvalscheiding" not in body
    assert client.get(url, {"tasks": "Koken, a"}).content.decode().strip() == ""
