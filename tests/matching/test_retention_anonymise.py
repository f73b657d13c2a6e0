"""Retention: candidates with no consent in force and no activity for the retention period (24 months by
default) are anonymised by a daily task; the anonymisation holds in every page and in the export."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from spil.matching.candidate_services import candidates_anonymise
from spil.matching.models import AccessLog, Candidate
from spil.matching.tasks import candidate_retention_sweep
from tests.matching.candidate_factories import FIRST, LAST, add_consent, make_candidate

pytestmark = pytest.mark.django_db


def _old(cast, months: int = 25, **extra) -> Candidate:
    candidate = make_candidate(cast, **extra)
    Candidate.objects.filter(pk=candidate.pk).update(last_activity_at=timezone.now() - timedelta(days=months * 31))
    return candidate


def test_old_candidates_without_consent_are_anonymised(cast):
    expired = _old(cast, consents=())
    add_consent(cast, expired, "match", expires_on=timezone.now().date() - timedelta(days=400))
    consenting = _old(cast, consents=("match",))
    recent = make_candidate(cast, consents=())
    assert candidate_retention_sweep.enqueue().return_value == 1
    expired.refresh_from_db()
    assert expired.anonymised_at is not None
    assert (expired.first_name, expired.last_name, expired.email, expired.phone) == ("", "", "", "")
    assert expired.pitch == "" and expired.video_url == "" and expired.latitude is None
    assert expired.birth_date.year == 1990 and (expired.birth_date.month, expired.birth_date.day) == (1, 1)
    assert expired.postcode == "3811"
    assert expired.tasks.count() == 2  # tasks identify nobody and keep the statistics
    for kept in (consenting, recent):
        kept.refresh_from_db()
        assert kept.anonymised_at is None and kept.first_name == FIRST
    line = AccessLog.objects.get(candidate=expired, action="anonymise")
    assert line.user is None and line.reason == "bewaartermijn verstreken"
    assert candidates_anonymise() == 0  # nothing twice


def test_the_period_is_configurable(cast, settings):
    candidate = _old(cast, months=7, consents=())
    assert candidates_anonymise() == 0
    settings.SPIL_CANDIDATE_RETENTION_MONTHS = 6
    assert candidates_anonymise() == 1
    candidate.refresh_from_db()
    assert candidate.anonymised_at is not None


def test_anonymisation_holds_in_every_page_and_the_export(cast, client):
    candidate = _old(cast, consents=())
    candidates_anonymise()
    # A consent given afterwards still shows no name: there is none left.
    add_consent(cast, candidate, "anonymous_profile")
    client.force_login(cast.wsp_advisor)
    slug = cast.network.slug
    pages = [
        reverse("matching:candidates", args=[slug]),
        reverse("matching:candidate", args=[slug, candidate.pk]),
        reverse("matching:candidate_log", args=[slug, candidate.pk]),
        reverse("matching:candidate_erase", args=[slug, candidate.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert FIRST not in body and LAST not in body and "fatima@example.org" not in body
    export = json.loads(client.get(reverse("matching:candidate_export", args=[slug, candidate.pk])).content)
    assert export["candidate"]["first_name"] == "" and export["candidate"]["pitch"] == ""
    assert client.get(reverse("matching:candidate_edit", args=[slug, candidate.pk])).status_code == 302
    # Employers and the coordinator no longer see an anonymised candidate at all.
    for persona in ("partner_a", "coordinator"):
        client.force_login(getattr(cast, persona))
        assert client.get(reverse("matching:candidate", args=[slug, candidate.pk])).status_code == 404


def test_the_sweep_is_registered(settings):
    assert "spil.matching.tasks.candidate_retention_sweep" in settings.SPIL_SWEEPS
    assert settings.SPIL_CANDIDATE_RETENTION_MONTHS == 24
