"""Who sees which candidate: advisors their own organisation's, the coordinator those with a match consent,
employers anonymous profiles under an anonymous-profile consent for their network, nobody else any."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from spil.accounts.models import Membership, Role
from spil.core.permissions import scope_candidates
from spil.matching.models import Candidate
from tests.cast import make_organisation, make_partnership, make_user
from tests.matching.candidate_factories import FIRST, LAST, add_consent, make_candidate

pytestmark = pytest.mark.django_db

NO_CANDIDATES = ["backoffice", "chair", "core_member", "steering", "editor"]


def _list(client, cast) -> str:
    response = client.get(reverse("matching:candidates", args=[cast.network.slug]))
    assert response.status_code == 200
    return response.content.decode()


def _detail(client, cast, candidate):
    return client.get(reverse("matching:candidate", args=[cast.network.slug, candidate.pk]))


def _visible(cast, persona) -> set[int]:
    membership = getattr(cast, persona).memberships.get(network=cast.network)
    return set(scope_candidates(membership, Candidate.objects.all()).values_list("pk", flat=True))


def test_an_advisor_of_wsp_x_sees_only_the_candidates_of_x(cast, client):
    other_wsp = make_organisation("UWV Testregio", "45678901", kind="uwv")
    make_partnership(cast.network, other_wsp)
    other_advisor = make_user("uwv@example.org", "Uma", "UWV")
    Membership.objects.create(
        user=other_advisor, network=cast.network, role=Role.PUBLIC_ADVISOR, organisation=other_wsp
    )
    own = make_candidate(cast, consents=())
    theirs = make_candidate(cast, organisation=other_wsp, first_name="Yusuf", last_name="Demir")

    assert _visible(cast, "wsp_advisor") == {own.pk}
    client.force_login(cast.wsp_advisor)
    body = _list(client, cast)
    assert LAST in body and "Demir" not in body
    assert _detail(client, cast, theirs).status_code == 404
    for name in ("candidate_edit", "consent_create", "candidate_log", "candidate_export", "candidate_erase"):
        assert client.get(reverse(f"matching:{name}", args=[cast.network.slug, theirs.pk])).status_code == 404

    client.force_login(other_advisor)
    body = _list(client, cast)
    assert "Demir" in body and LAST not in body


def test_the_coordinator_sees_only_candidates_with_a_match_consent(cast, client):
    matched = make_candidate(cast, consents=("match",))
    profile_only = make_candidate(cast, consents=("anonymous_profile",), last_name="Jansen")
    none = make_candidate(cast, consents=(), last_name="Pietersen")
    assert _visible(cast, "coordinator") == {matched.pk}
    client.force_login(cast.coordinator)
    body = _list(client, cast)
    assert LAST in body and "Jansen" not in body and "Pietersen" not in body
    assert _detail(client, cast, profile_only).status_code == 404
    assert _detail(client, cast, none).status_code == 404


@pytest.mark.parametrize("persona", NO_CANDIDATES)
def test_office_kerngroep_steering_and_editor_never_see_candidates(cast, client, persona):
    candidate = make_candidate(cast, consents=("match", "anonymous_profile"))
    assert _visible(cast, persona) == set()
    client.force_login(getattr(cast, persona))
    assert client.get(reverse("matching:candidates", args=[cast.network.slug])).status_code == 403
    assert _detail(client, cast, candidate).status_code == 403


def test_an_employer_of_network_a_never_sees_a_candidate_without_consent_for_a(cast, client):
    # Consents of every purpose, but for the other network: nothing for network A's employers.
    candidate = make_candidate(cast, consents=())
    for purpose in ("match", "anonymous_profile"):
        consent = add_consent(cast, candidate, purpose)
        consent.network = cast.other_network
        consent.save()
    make_candidate(cast, consents=("match",), last_name="Alleenmatch")
    assert _visible(cast, "partner_a") == set()
    client.force_login(cast.partner_a)
    body = _list(client, cast)
    assert "Geen profielen" in body
    assert _detail(client, cast, candidate).status_code == 404


def test_an_employer_sees_the_anonymous_profile_without_name_or_contact_details(cast, client):
    candidate = make_candidate(
        cast,
        pitch=f"Hallo, ik ben {FIRST}! Mail me op fatima@example.org of bel 06-12345678. {LAST.upper()} werkt hard.",
        video_url="https://video.example.org/fatima",
    )
    client.force_login(cast.partner_a)
    for body in (_list(client, cast), _detail(client, cast, candidate).content.decode()):
        assert FIRST not in body and LAST not in body and LAST.upper() not in body
        assert "fatima@example.org" not in body and "1234" not in body and "video.example.org" not in body
        assert "17 mei 1990" not in body and "1990" not in body
        assert f"Kandidaat {candidate.pk}" in body
        assert "Amersfoort" in body and "Afwassen" in body
    detail = _detail(client, cast, candidate).content.decode()
    assert "werkt hard" in detail and "30 tot 45" not in detail
    assert "35 tot 45 jaar" in detail or "27 tot 35 jaar" in detail
    assert "Wajong" not in detail  # target groups are health-related: not for employers


def test_contact_details_only_for_the_employer_introduced_and_named_in_a_share_contact_consent(cast, client):
    from spil.matching.models import Match
    from tests.matching.opportunity_factories import make_opportunity

    candidate = make_candidate(cast, consents=("anonymous_profile", "share_contact"), employer=cast.org_a)
    client.force_login(cast.partner_a)
    # The consent alone is not enough: anonymous until an introduction to this employer.
    body = _detail(client, cast, candidate).content.decode()
    assert FIRST not in body and "fatima@example.org" not in body
    assert "contactgegevens gedeeld" not in _list(client, cast)
    match = Match.objects.create(candidate=candidate, opportunity=make_opportunity(cast), score=70, stage="proposed")
    assert "fatima@example.org" not in _detail(client, cast, candidate).content.decode()
    Match.objects.filter(pk=match.pk).update(stage="introduction")
    body = _detail(client, cast, candidate).content.decode()
    assert f"{FIRST} {LAST}" in body and "fatima@example.org" in body
    assert "contactgegevens gedeeld" in _list(client, cast)
    client.force_login(cast.partner_b)
    body = _detail(client, cast, candidate).content.decode()
    assert FIRST not in body and "fatima@example.org" not in body


def test_revoking_or_expiry_hides_the_candidate_at_once(cast, client):
    candidate = make_candidate(cast, consents=())
    profile = add_consent(cast, candidate, "anonymous_profile")
    client.force_login(cast.partner_a)
    assert _detail(client, cast, candidate).status_code == 200
    profile.revoked_at = timezone.now()
    profile.save()
    assert _detail(client, cast, candidate).status_code == 404
    assert f"Kandidaat {candidate.pk}" not in _list(client, cast)
    add_consent(cast, candidate, "anonymous_profile", expires_on=timezone.now().date() - timedelta(days=1))
    assert _detail(client, cast, candidate).status_code == 404
    add_consent(cast, candidate, "anonymous_profile", given_at=timezone.now() + timedelta(days=1))
    assert _detail(client, cast, candidate).status_code == 404


def test_a_member_of_another_network_sees_nothing(cast, client):
    candidate = make_candidate(cast)
    client.force_login(cast.outsider)
    assert client.get(reverse("matching:candidates", args=[cast.network.slug])).status_code == 404
    assert _detail(client, cast, candidate).status_code == 404
    # Even with a role in that other network, the candidate's network decides.
    assert client.get(reverse("matching:candidate", args=[cast.other_network.slug, candidate.pk])).status_code == 404


def test_employers_search_by_task_but_not_by_name(cast, client):
    make_candidate(cast)
    client.force_login(cast.partner_a)
    url = reverse("matching:candidates", args=[cast.network.slug])
    assert "Geen profielen" not in client.get(url, {"q": "afwas"}).content.decode()
    assert "Geen profielen" in client.get(url, {"q": LAST}).content.decode()


def test_a_revoked_match_consent_hides_the_name_on_the_coordinators_match_pages_at_once(cast, client):
    from spil.matching.match_services import match_propose
    from spil.matching.models import AccessLog, Consent
    from tests.matching.opportunity_factories import make_opportunity

    candidate = make_candidate(cast, first_name="Yasmina", last_name="Ouali")
    match = match_propose(candidate=candidate, opportunity=make_opportunity(cast), user=cast.wsp_advisor)
    client.force_login(cast.coordinator)
    matches = reverse("matching:matches", args=[cast.network.slug])
    detail = reverse("matching:match", args=[cast.network.slug, match.pk])
    assert "Ouali" in client.get(matches).content.decode() and "Ouali" in client.get(detail).content.decode()
    Consent.objects.filter(candidate=candidate, purpose="match").update(revoked_at=timezone.now())
    logged = AccessLog.objects.filter(candidate=candidate).count()
    for url in (matches, detail):
        body = client.get(url).content.decode()
        assert "Ouali" not in body and "Yasmina" not in body and f"Kandidaat {candidate.pk}" in body
    assert AccessLog.objects.filter(candidate=candidate).count() == logged


def test_a_revoked_match_consent_hides_contact_details_from_the_coordinator_after_an_introduction(cast, client):
    from spil.matching.models import Consent, Match
    from tests.matching.opportunity_factories import make_opportunity

    candidate = make_candidate(cast, first_name="Yasmina", last_name="Ouali", email="yasmina@example.org")
    match = Match.objects.create(candidate=candidate, opportunity=make_opportunity(cast), score=70, stage="trial")
    Consent.objects.filter(candidate=candidate, purpose="match").update(revoked_at=timezone.now())
    client.force_login(cast.coordinator)
    body = client.get(reverse("matching:match", args=[cast.network.slug, match.pk])).content.decode()
    assert "Ouali" not in body and "yasmina@example.org" not in body and "06 1234 5678" not in body
