"""The demo has candidates of the WSP in Amsterdam with consents of every purpose; the demo partner sees
anonymous profiles and, where the candidate consented, contact details."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from spil.demo.demo import load_demo
from spil.matching.models import Candidate, Consent

pytestmark = pytest.mark.django_db


def test_demo_candidates_with_consents_of_every_purpose(client):
    amsterdam = load_demo()[0]
    candidates = Candidate.objects.filter(network=amsterdam)
    assert candidates.count() >= 4
    assert set(candidates.values_list("organisation__kind", flat=True)) == {"wsp"}
    purposes = set(Consent.objects.in_force().filter(candidate__in=candidates).values_list("purpose", flat=True))
    assert purposes == {"match", "anonymous_profile", "share_contact"}
    assert Consent.objects.filter(candidate__in=candidates, revoked_at__isnull=False).exists()

    users = get_user_model().objects
    client.force_login(users.get(email="partner@spil.example"))
    body = client.get(reverse("matching:candidates", args=[amsterdam.slug])).content.decode()
    assert "contactgegevens gedeeld" in body and "Kuipers" not in body
    client.force_login(users.get(email="wsp@spil.example"))
    body = client.get(reverse("matching:candidates", args=[amsterdam.slug])).content.decode()
    assert "Kuipers" in body and "Brouwer" in body
    # A computed cohort assignment for the advisor to accept or decline per pair.
    from spil.matching.models import Cohort

    cohort = Cohort.objects.get(network=amsterdam)
    assert cohort.status == "done" and cohort.pairs.count() >= 2
    body = client.get(reverse("matching:cohort", args=[amsterdam.slug, cohort.pk])).content.decode()
    assert "Overnemen" in body and "Kuipers" in body
