"""Consents are recorded with the exact text shown and its version, revoked at once, twice harmlessly, and
their history is on the candidate's page. Sharing contact details names an employer or is refused."""

import pytest
from django.urls import reverse

from spil.matching.candidate_services import consent_record, consent_revoke
from spil.matching.consent_texts import consent_text
from spil.matching.models import AccessLog, Consent
from tests.matching.candidate_factories import make_candidate

pytestmark = pytest.mark.django_db


def _url(cast, candidate, name="consent_create", *extra):
    return reverse(f"matching:{name}", args=[cast.network.slug, candidate.pk, *extra])


def test_share_contact_consent_is_recorded_with_the_exact_text_shown(cast, client):
    candidate = make_candidate(cast, consents=("match",))
    client.force_login(cast.wsp_advisor)
    page = client.get(_url(cast, candidate)).content.decode()
    version, text = consent_text("share_contact", network=cast.network)
    assert text in page and version in page
    response = client.post(
        _url(cast, candidate),
        {"purpose": "share_contact", "employer": cast.org_a.pk, "expires_on": "2099-12-31", "given": "on"},
    )
    assert response.status_code == 302, response.context["form"].errors
    consent = Consent.objects.get(candidate=candidate, purpose="share_contact")
    assert consent.employer == cast.org_a and consent.text == text and consent.text_version == version
    assert consent.recorded_by == cast.wsp_advisor and str(consent.expires_on) == "2099-12-31"
    assert AccessLog.objects.filter(candidate=candidate, action="consent", reason__contains="share_contact").exists()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"purpose": "share_contact", "given": "on"}, "employer", "Kies de werkgever"),
        ({"purpose": "match"}, "given", "gelezen"),
        ({"purpose": "marketing", "given": "on"}, "purpose", "geldige keuze"),
        ({"purpose": "match", "given": "on", "expires_on": "2000-01-01"}, "expires_on", "verleden"),
        ({"purpose": "share_contact", "employer": "999999", "given": "on"}, "employer", "geldige keuze"),
    ],
)
def test_bad_consent_input_answers_per_field(cast, client, data, field, message):
    candidate = make_candidate(cast, consents=("match",))
    client.force_login(cast.wsp_advisor)
    response = client.post(_url(cast, candidate), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert Consent.objects.filter(candidate=candidate).count() == 1


def test_the_service_refuses_share_contact_without_employer(cast):
    from django.core.exceptions import ValidationError

    candidate = make_candidate(cast, consents=())
    with pytest.raises(ValidationError) as refused:
        consent_record(candidate_id=candidate.pk, purpose="share_contact", user=cast.wsp_advisor)
    assert "employer" in refused.value.error_dict
    # A share_contact consent for an organisation outside the network is refused too.
    from tests.cast import make_organisation

    stranger = make_organisation("Elders BV", "99999999")
    with pytest.raises(ValidationError):
        consent_record(candidate_id=candidate.pk, purpose="share_contact", user=cast.wsp_advisor, employer=stranger)
    assert not Consent.objects.exists()


def test_revoking_twice_is_harmless_and_logged_once(cast, client):
    candidate = make_candidate(cast, consents=("match", "anonymous_profile"))
    consent = candidate.consents.get(purpose="anonymous_profile")
    client.force_login(cast.wsp_advisor)
    url = _url(cast, candidate, "consent_revoke", consent.pk)
    first = client.post(url, follow=True)
    assert "ingetrokken" in first.content.decode()
    consent.refresh_from_db()
    revoked_at = consent.revoked_at
    assert revoked_at is not None and consent.revoked_by == cast.wsp_advisor
    second = client.post(url, follow=True)
    assert second.status_code == 200 and "al ingetrokken" in second.content.decode()
    consent.refresh_from_db()
    assert consent.revoked_at == revoked_at
    assert AccessLog.objects.filter(candidate=candidate, action="consent", reason__contains="ingetrokken").count() == 1
    assert consent_revoke(consent_id=consent.pk, user=cast.wsp_advisor) is False
    assert client.get(url).status_code == 405


def test_revoking_hides_the_candidate_from_employers_at_once(cast, client):
    candidate = make_candidate(cast, consents=("anonymous_profile",))
    detail = reverse("matching:candidate", args=[cast.network.slug, candidate.pk])
    client.force_login(cast.partner_a)
    assert client.get(detail).status_code == 200
    consent_revoke(consent_id=candidate.consents.get().pk, user=cast.wsp_advisor)
    assert client.get(detail).status_code == 404


def test_revoking_the_match_consent_hides_the_candidate_from_the_coordinator(cast, client):
    candidate = make_candidate(cast, consents=("match",))
    client.force_login(cast.coordinator)
    consent = candidate.consents.get()
    response = client.post(_url(cast, candidate, "consent_revoke", consent.pk))
    assert response.status_code == 302
    assert response.url == reverse("matching:candidates", args=[cast.network.slug])
    assert client.get(reverse("matching:candidate", args=[cast.network.slug, candidate.pk])).status_code == 404


def test_history_shows_every_consent_with_its_state(cast, client):
    candidate = make_candidate(cast, consents=("match", "anonymous_profile"))
    consent_revoke(consent_id=candidate.consents.get(purpose="anonymous_profile").pk, user=cast.wsp_advisor)
    client.force_login(cast.wsp_advisor)
    body = client.get(reverse("matching:candidate", args=[cast.network.slug, candidate.pk])).content.decode()
    assert "Matchen binnen het netwerk" in body and "Anoniem profiel tonen" in body
    assert "geldig" in body and "ingetrokken" in body and "Wim Adviseur" in body
    assert "match-2026-1" in body


def test_only_the_registering_organisation_or_coordinator_records_consent(cast, client):
    candidate = make_candidate(cast, consents=("anonymous_profile",))
    consent = candidate.consents.get()
    client.force_login(cast.partner_a)
    assert client.get(_url(cast, candidate)).status_code == 403
    assert client.post(_url(cast, candidate, "consent_revoke", consent.pk)).status_code == 403
    consent.refresh_from_db()
    assert consent.revoked_at is None
