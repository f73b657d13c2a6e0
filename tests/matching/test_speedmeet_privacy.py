"""Speedmeet and personal data: an employer not registered gets no profile, an employer reads a name only after
an introduction under a share_contact consent, the video-cv only under a recorded video consent, and each
advisor's schedule mail names only the candidates the recipient may see, to current members, logged."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from spil.accounts.models import Membership
from spil.matching import match_tasks, speedmeet_tasks
from spil.matching import speedmeet_services as services
from spil.matching.consent_texts import consent_text
from spil.matching.models import AccessLog, Candidate, Consent, SpeedmeetInterest, SpeedmeetMeeting
from tests.cast import make_user
from tests.matching.candidate_factories import add_consent, make_candidate
from tests.matching.opportunity_factories import make_opportunity
from tests.matching.speedmeet_factories import make_speedmeet, mark, present

pytestmark = pytest.mark.django_db

VIDEO = "https://video.example/pitch"


def _url(cast, name, speedmeet, *args):
    return reverse(f"matching:{name}", args=[cast.network.slug, speedmeet.activity_id, *args])


def _membership(cast, user):
    return Membership.objects.get(user=user, network=cast.network)


def _confirm(cast, speedmeet, capture):
    services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    with capture(execute=True):
        services.speedmeet_confirm(
            speedmeet=speedmeet, user=cast.coordinator, membership=_membership(cast, cast.coordinator)
        )


def test_an_unregistered_employer_gets_no_profile_from_the_htmx_mark(cast, client):
    speedmeet = make_speedmeet(cast)  # only partner A's organisation is registered
    candidate = make_candidate(cast, consents=("match", "anonymous_profile", "video"), video_url=VIDEO)
    present(cast, speedmeet, candidate)
    client.force_login(cast.partner_b)
    response = client.post(
        _url(cast, "speedmeet_mark", speedmeet, candidate.pk), {"wants": "yes"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "niet aangemeld voor deze speedmeet" in body
    assert VIDEO not in body and "Leeftijd" not in body and "Amersfoort" not in body
    assert not AccessLog.objects.filter(user=cast.partner_b).exists()
    assert not SpeedmeetInterest.objects.exists()


def test_an_employer_reads_no_name_without_an_introduction(cast, client, django_capture_on_commit_callbacks):
    speedmeet = make_speedmeet(cast)
    candidate = make_candidate(cast, first_name="Anna", last_name="Eerst")
    add_consent(cast, candidate, "share_contact", employer=cast.org_a)
    present(cast, speedmeet, candidate)
    mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
    # No open opportunity of partner A: the meeting stands, but no introduction is made.
    _confirm(cast, speedmeet, django_capture_on_commit_callbacks)
    assert SpeedmeetMeeting.objects.get().match is None
    client.force_login(cast.partner_a)
    body = client.get(_url(cast, "speedmeet_choose", speedmeet)).content.decode()
    assert "Uw gesprekken" in body and f"Kandidaat {candidate.pk}" in body and "Eerst" not in body
    employer_mail = next(m for m in mail.outbox if m.to == [cast.partner_a.email])
    assert "Eerst" not in employer_mail.body and f"Kandidaat {candidate.pk}" in employer_mail.body
    assert not AccessLog.objects.filter(reason__icontains="contactgegevens").exists()


def test_after_the_introduction_the_name_is_shown_and_logged_as_contact_details(
    cast, client, django_capture_on_commit_callbacks
):
    speedmeet = make_speedmeet(cast)
    candidate = make_candidate(cast, first_name="Anna", last_name="Eerst")
    add_consent(cast, candidate, "share_contact", employer=cast.org_a)
    present(cast, speedmeet, candidate)
    mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
    make_opportunity(cast, cast.org_a)
    _confirm(cast, speedmeet, django_capture_on_commit_callbacks)
    assert SpeedmeetMeeting.objects.get().match.stage == "introduction"
    employer_mail = next(m for m in mail.outbox if m.to == [cast.partner_a.email])
    assert "Anna Eerst" in employer_mail.body
    assert AccessLog.objects.filter(candidate=candidate, user=None, reason__icontains="contactgegevens").exists()
    client.force_login(cast.partner_a)
    assert "Anna Eerst" in client.get(_url(cast, "speedmeet_choose", speedmeet)).content.decode()
    logged = AccessLog.objects.filter(candidate=candidate, user=cast.partner_a)
    assert logged.filter(reason__icontains="contactgegevens").exists()
    # Anonymised, or the consent revoked: the name is gone at once.
    Candidate.objects.filter(pk=candidate.pk).update(anonymised_at=timezone.now())
    assert "Anna Eerst" not in client.get(_url(cast, "speedmeet_choose", speedmeet)).content.decode()
    Candidate.objects.filter(pk=candidate.pk).update(anonymised_at=None)
    Consent.objects.filter(candidate=candidate, purpose="share_contact").update(revoked_at=timezone.now())
    assert "Anna Eerst" not in client.get(_url(cast, "speedmeet_choose", speedmeet)).content.decode()


def test_the_video_shows_only_under_a_recorded_video_consent(cast, client):
    speedmeet = make_speedmeet(cast)
    candidate = make_candidate(cast, video_url=VIDEO)
    present(cast, speedmeet, candidate)
    choose = _url(cast, "speedmeet_choose", speedmeet)
    client.force_login(cast.partner_a)
    assert VIDEO not in client.get(choose).content.decode()
    # The advisor records the candidate's consent like any other, with the exact text shown.
    client.force_login(cast.wsp_advisor)
    consent_url = reverse("matching:consent_create", args=[cast.network.slug, candidate.pk])
    version, text = consent_text("video", network=cast.network)
    assert text in client.get(consent_url).content.decode()
    response = client.post(consent_url, {"purpose": "video", "expires_on": "2099-12-31", "given": "on"})
    assert response.status_code == 302
    consent = Consent.objects.get(candidate=candidate, purpose="video")
    assert (consent.text, consent.text_version, consent.recorded_by) == (text, version, cast.wsp_advisor)
    assert str(consent.expires_on) == "2099-12-31"
    organiser = client.get(_url(cast, "speedmeet", speedmeet)).content.decode()
    assert "met video-cv" in organiser
    client.force_login(cast.partner_a)
    assert VIDEO in client.get(choose).content.decode()
    # Revoked on the candidate's page: gone from the next request on.
    client.force_login(cast.wsp_advisor)
    detail = reverse("matching:candidate", args=[cast.network.slug, candidate.pk])
    assert "Video-cv laten zien aan de werkgevers van het netwerk" in client.get(detail).content.decode()
    revoke = reverse("matching:consent_revoke", args=[cast.network.slug, candidate.pk, consent.pk])
    assert client.post(revoke).status_code == 302
    client.force_login(cast.partner_a)
    assert VIDEO not in client.get(choose).content.decode()
    assert (
        VIDEO
        not in client.post(
            _url(cast, "speedmeet_mark", speedmeet, candidate.pk), {"wants": "yes"}, HTTP_HX_REQUEST="true"
        ).content.decode()
    )


def test_the_advisors_mail_names_only_whom_the_recipient_may_see(cast, django_capture_on_commit_callbacks):
    speedmeet = make_speedmeet(cast)
    seen = make_candidate(cast, first_name="Anna", last_name="Eerst")
    unseen = make_candidate(cast, consents=("anonymous_profile",), first_name="Bram", last_name="Tweede")
    by_former = make_candidate(cast, first_name="Cees", last_name="Derde")
    former = make_user("vertrokken@example.org")  # presented once, no longer a member of the network
    present(cast, speedmeet, seen, added_by=cast.coordinator)
    present(cast, speedmeet, unseen, added_by=cast.wsp_advisor)
    present(cast, speedmeet, by_former, added_by=former)
    for candidate in (seen, unseen, by_former):
        mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
    make_opportunity(cast, cast.org_a)
    _confirm(cast, speedmeet, django_capture_on_commit_callbacks)
    advisor_mails = [m for m in mail.outbox if "het rooster van uw kandidaten" in m.subject]
    assert all(len(m.to) == 1 for m in advisor_mails)
    by_recipient = {m.to[0]: m.body for m in advisor_mails}
    assert set(by_recipient) == {cast.coordinator.email, cast.wsp_advisor.email}
    # The coordinator (who presented one of the WSP's candidates) may not see one without a consent to match.
    assert "Anna Eerst" in by_recipient[cast.coordinator.email]
    assert "Cees Derde" in by_recipient[cast.coordinator.email]
    assert "Tweede" not in by_recipient[cast.coordinator.email]
    assert former.email not in {address for m in mail.outbox for address in m.to}
    assert all(name in by_recipient[cast.wsp_advisor.email] for name in ("Anna Eerst", "Bram Tweede", "Cees Derde"))
    mailed = AccessLog.objects.filter(reason="Speedmeetrooster gemaild")
    assert set(mailed.filter(user=cast.coordinator).values_list("candidate_id", flat=True)) == {seen.pk, by_former.pk}
    assert set(mailed.filter(user=cast.wsp_advisor).values_list("candidate_id", flat=True)) == {
        seen.pk,
        unseen.pk,
        by_former.pk,
    }


def test_schedule_mail_subjects_are_translated_and_share_the_match_mails_renderer(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    assert speedmeet_tasks._render is match_tasks._render
    monkeypatch.setattr(speedmeet_tasks, "_", lambda text: f"[nl] {text}")
    speedmeet = make_speedmeet(cast)
    candidate = make_candidate(cast)
    present(cast, speedmeet, candidate)
    mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
    _confirm(cast, speedmeet, django_capture_on_commit_callbacks)
    subjects = sorted(m.subject for m in mail.outbox)
    title = speedmeet.activity.title
    assert subjects == [
        f"[nl] Speedmeet {title}: het rooster van uw kandidaten",
        f"[nl] Uw gesprekken op de speedmeet {title}",
    ]
