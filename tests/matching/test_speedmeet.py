"""Speedmeet (drive-in): candidates presented under consent, employers choose on a phone, Spil plans the meetings
and confirming the plan makes the introductions through the match pipeline, logged and mailed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from spil.accounts.models import Membership, Role
from spil.matching import speedmeet_services as services
from spil.matching.models import AccessLog, Consent, Match, MatchEvent, SpeedmeetInterest, SpeedmeetMeeting
from tests.cast import make_organisation, make_user
from tests.matching.candidate_factories import LAST, add_consent, make_candidate
from tests.matching.opportunity_factories import make_opportunity
from tests.matching.speedmeet_factories import make_speedmeet, mark, present, register


def _url(cast, name, speedmeet, *args):
    return reverse(f"matching:{name}", args=[cast.network.slug, speedmeet.activity_id, *args])


def _coordinator(cast):
    return Membership.objects.get(user=cast.coordinator, network=cast.network)


def _yes(client, cast, speedmeet, candidate, wants="yes", htmx=True):
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(_url(cast, "speedmeet_mark", speedmeet, candidate.pk), {"wants": wants}, **headers)


@pytest.fixture
def setup(cast):
    speedmeet = make_speedmeet(cast)
    candidate = make_candidate(
        cast, consents=("match", "anonymous_profile", "video"), video_url="https://video.example/fatima"
    )
    present(cast, speedmeet, candidate)
    return speedmeet, candidate


def test_employer_sees_anonymous_profiles_and_taps_yes(cast, client, setup):
    speedmeet, candidate = setup
    client.force_login(cast.partner_a)
    response = client.get(_url(cast, "speedmeet_choose", speedmeet))
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Kandidaat {candidate.pk}" in body
    assert LAST not in body and "fatima@example.org" not in body and "1990" not in body
    assert "https://video.example/fatima" in body  # shown: the candidate consented to the video
    response = _yes(client, cast, speedmeet, candidate)
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.content.decode()
    interest = SpeedmeetInterest.objects.get(speedmeet=speedmeet, candidate=candidate, organisation=cast.org_a)
    assert interest.wants and interest.by == cast.partner_a
    assert AccessLog.objects.filter(candidate=candidate, user=cast.partner_a, action="view").exists()


def test_marking_works_without_javascript_and_can_change(cast, client, setup):
    speedmeet, candidate = setup
    client.force_login(cast.partner_a)
    response = _yes(client, cast, speedmeet, candidate, htmx=False)
    assert response.status_code == 302 and response.url.endswith(f"#kandidaat-{candidate.pk}")
    _yes(client, cast, speedmeet, candidate, wants="no", htmx=False)
    assert SpeedmeetInterest.objects.get(candidate=candidate).wants is False
    response = _yes(client, cast, speedmeet, candidate, wants="misschien")
    assert "Kies Ja of Nee." in response.content.decode()


def test_video_is_hidden_once_the_video_consent_is_revoked(cast, client, setup):
    speedmeet, candidate = setup
    Consent.objects.filter(candidate=candidate, purpose="video").update(revoked_at=timezone.now())
    client.force_login(cast.partner_a)
    body = client.get(_url(cast, "speedmeet_choose", speedmeet)).content.decode()
    assert f"Kandidaat {candidate.pk}" in body and "video.example" not in body
    assert "video.example" not in _yes(client, cast, speedmeet, candidate).content.decode()


def test_revoked_consent_hides_the_candidate_at_once(cast, client, setup):
    speedmeet, candidate = setup
    client.force_login(cast.partner_a)
    Consent.objects.filter(candidate=candidate, purpose="anonymous_profile").update(revoked_at=timezone.now())
    body = client.get(_url(cast, "speedmeet_choose", speedmeet)).content.decode()
    assert f"Kandidaat {candidate.pk}" not in body
    response = _yes(client, cast, speedmeet, candidate)
    assert "niet (meer) getoond" in response.content.decode()
    assert not SpeedmeetInterest.objects.exists()


def test_an_unregistered_employer_is_told_to_register_first(cast, client, setup):
    speedmeet, candidate = setup
    client.force_login(cast.partner_b)
    body = client.get(_url(cast, "speedmeet_choose", speedmeet)).content.decode()
    assert "niet aangemeld voor deze speedmeet" in body
    assert f"Kandidaat {candidate.pk}" not in body
    response = _yes(client, cast, speedmeet, candidate, htmx=False)
    assert response.status_code == 302
    assert not SpeedmeetInterest.objects.exists()


def test_the_coordinator_previews_the_employers_page_without_marking(cast, client, setup):
    speedmeet, candidate = setup
    client.force_login(cast.coordinator)
    body = client.get(_url(cast, "speedmeet_choose", speedmeet)).content.decode()
    assert "Voorbeeld: zo zien aangemelde werkgevers" in body and f"Kandidaat {candidate.pk}" in body
    assert LAST not in body and "aria-pressed" not in body
    assert _yes(client, cast, speedmeet, candidate).status_code == 403
    assert not SpeedmeetInterest.objects.exists()


def test_an_employer_of_another_network_sees_nothing(cast, client, setup):
    speedmeet, _candidate = setup
    stranger = make_organisation("Elders BV", "99999999")
    person = make_user("elders@example.org")
    Membership.objects.create(user=person, network=cast.other_network, role=Role.PARTNER_CONTACT, organisation=stranger)
    client.force_login(person)
    assert client.get(_url(cast, "speedmeet_choose", speedmeet)).status_code == 404
    other = reverse("matching:speedmeet_choose", args=[cast.other_network.slug, speedmeet.activity_id])
    assert client.get(other).status_code == 404


def test_backoffice_organises_without_seeing_names(cast, client, setup):
    speedmeet, candidate = setup
    mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
    client.force_login(cast.backoffice)
    body = client.get(_url(cast, "speedmeet", speedmeet)).content.decode()
    assert f"Kandidaat {candidate.pk}" in body and LAST not in body
    assert "Bakkerij Aalbers" in body
    assert client.post(_url(cast, "speedmeet_plan", speedmeet)).status_code == 302
    assert SpeedmeetMeeting.objects.filter(speedmeet=speedmeet).count() == 1
    assert LAST not in client.get(_url(cast, "speedmeet", speedmeet)).content.decode()
    # Presenting candidates and confirming the plan are not the backoffice's.
    assert client.get(_url(cast, "speedmeet_present", speedmeet)).status_code == 403
    assert client.post(_url(cast, "speedmeet_confirm", speedmeet)).status_code == 403
    assert not AccessLog.objects.filter(user=cast.backoffice).exists()


def test_the_advisor_sees_names_of_own_candidates_and_the_view_is_logged(cast, client, setup):
    speedmeet, candidate = setup
    client.force_login(cast.wsp_advisor)
    assert LAST in client.get(_url(cast, "speedmeet", speedmeet)).content.decode()
    assert AccessLog.objects.filter(candidate=candidate, user=cast.wsp_advisor, action="view").exists()


def test_presenting_needs_a_consent_for_an_anonymous_profile(cast, client):
    speedmeet = make_speedmeet(cast)
    without = make_candidate(cast, consents=["match"], first_name="Zonder")
    with pytest.raises(ValidationError) as error:
        services.candidate_present(speedmeet=speedmeet, candidate=without, user=cast.wsp_advisor)
    assert "anoniem profiel" in str(error.value)
    client.force_login(cast.wsp_advisor)
    response = client.post(_url(cast, "speedmeet_present", speedmeet), {"candidate": without.pk})
    assert response.status_code == 400
    assert "Kies een kandidaat uit de lijst" in response.content.decode()


def test_presenting_through_the_page_logs_and_checks_rounds(cast, client):
    speedmeet = make_speedmeet(cast)
    candidate = make_candidate(cast)
    client.force_login(cast.wsp_advisor)
    response = client.post(
        _url(cast, "speedmeet_present", speedmeet), {"candidate": candidate.pk, "from_slot": 3, "until_slot": 2}
    )
    assert response.status_code == 400
    assert "De laatste ronde ligt voor de eerste." in response.content.decode()
    response = client.post(_url(cast, "speedmeet_present", speedmeet), {"candidate": candidate.pk, "from_slot": 2})
    assert response.status_code == 302
    assert speedmeet.presented.get().from_slot == 2
    assert AccessLog.objects.filter(candidate=candidate, action="edit", reason__contains="speedmeet").exists()


def test_rounds_outside_the_activity_get_a_clear_message(cast, client):
    speedmeet = make_speedmeet(cast)
    client.force_login(cast.coordinator)
    activity = speedmeet.activity
    data = {"first_slot_at": timezone.localtime(activity.starts_at).strftime("%Y-%m-%dT%H:%M"), "slot_minutes": 30}
    response = client.post(_url(cast, "speedmeet_settings", speedmeet), {**data, "slots": 20})
    assert response.status_code == 400
    assert "na het einde van de activiteit" in response.content.decode()
    early = timezone.localtime(activity.starts_at - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(_url(cast, "speedmeet_settings", speedmeet), {**data, "first_slot_at": early, "slots": 2})
    assert "begint vóór de activiteit" in response.content.decode()
    response = client.post(_url(cast, "speedmeet_settings", speedmeet), {**data, "slots": "veel"})
    assert response.status_code == 400
    response = client.post(_url(cast, "speedmeet_settings", speedmeet), {**data, "slots": 3, "tables": 2})
    assert response.status_code == 302
    speedmeet.refresh_from_db()
    assert (speedmeet.slots, speedmeet.tables, speedmeet.slot_minutes) == (3, 2, 30)


def _two_employers_two_candidates(cast):
    speedmeet = make_speedmeet(cast, slots=2, registered=("org_a", "org_b"))
    first = make_candidate(cast, first_name="Eerste", last_name="Persoon")
    second = make_candidate(cast, first_name="Tweede", last_name="Persoon")
    for candidate in (first, second):
        present(cast, speedmeet, candidate)
        mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
        mark(speedmeet, candidate, cast.org_b, True, cast.partner_b)
    make_opportunity(cast, cast.org_a, title="Afwasser A")
    make_opportunity(cast, cast.org_b, title="Afwasser B")
    return speedmeet, first, second


def test_plan_and_confirm_make_introductions_with_events_log_and_mails(
    cast, client, django_capture_on_commit_callbacks
):
    speedmeet, first, second = _two_employers_two_candidates(cast)
    add_consent(cast, first, "share_contact", employer=cast.org_a)
    client.force_login(cast.coordinator)
    client.post(_url(cast, "speedmeet_plan", speedmeet))
    meetings = list(SpeedmeetMeeting.objects.filter(speedmeet=speedmeet))
    assert len(meetings) == 4
    assert len({(m.slot, m.organisation_id) for m in meetings}) == 4
    assert len({(m.slot, m.candidate_id) for m in meetings}) == 4
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(cast, "speedmeet_confirm", speedmeet))
    assert response.status_code == 302
    matches = Match.objects.filter(candidate__in=[first, second])
    assert matches.count() == 4 and set(matches.values_list("stage", flat=True)) == {"introduction"}
    match = matches.get(candidate=first, opportunity__organisation=cast.org_a)
    stages = list(MatchEvent.objects.filter(match=match).values_list("stage", flat=True))
    assert stages == ["suggested", "proposed", "introduction"]
    assert MatchEvent.objects.get(match=match, stage="introduction").actor == cast.partner_a
    assert AccessLog.objects.filter(candidate=first, action="match", user=cast.coordinator).exists()
    assert all(m.match_id for m in SpeedmeetMeeting.objects.filter(speedmeet=speedmeet))
    subjects = {message.subject: message for message in mail.outbox}
    employer_mails = [m for m in mail.outbox if m.subject.startswith("Uw gesprekken")]
    assert {tuple(m.to) for m in employer_mails} == {(cast.partner_a.email,), (cast.partner_b.email,)}
    to_a = next(m for m in employer_mails if m.to == [cast.partner_a.email]).body
    to_b = next(m for m in employer_mails if m.to == [cast.partner_b.email]).body
    assert "Eerste Persoon" in to_a and "Tweede Persoon" not in to_a  # only the shared contact is named
    assert "Persoon" not in to_b and f"Kandidaat {first.pk}" in to_b
    advisor = next(m for s, m in subjects.items() if "het rooster van uw kandidaten" in s)
    assert cast.wsp_advisor.email in advisor.to
    assert "Eerste Persoon met Bakkerij Aalbers" in advisor.body
    assert "Nog geen toestemming om contactgegevens te delen met Bouwbedrijf Bosman" in advisor.body
    # The employer sees the own schedule on the phone; marking is closed.
    client.force_login(cast.partner_a)
    body = client.get(_url(cast, "speedmeet_choose", speedmeet)).content.decode()
    assert "Uw gesprekken" in body and "Eerste Persoon" in body and "Tweede Persoon" not in body
    response = _yes(client, cast, speedmeet, first, wants="no")
    assert "Het rooster is al bevestigd" in response.content.decode()
    assert SpeedmeetInterest.objects.get(candidate=first, organisation=cast.org_a).wants is True


def test_confirming_twice_is_refused(cast, client):
    speedmeet, _first, _second = _two_employers_two_candidates(cast)
    services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    services.speedmeet_confirm(speedmeet=speedmeet, user=cast.coordinator, membership=_coordinator(cast))
    with pytest.raises(ValidationError, match="al bevestigd"):
        services.speedmeet_confirm(speedmeet=speedmeet, user=cast.coordinator, membership=_coordinator(cast))
    assert Match.objects.count() == 4


def test_confirming_without_a_plan_is_refused(cast):
    speedmeet = make_speedmeet(cast)
    with pytest.raises(ValidationError, match="Maak eerst een rooster"):
        services.speedmeet_confirm(speedmeet=speedmeet, user=cast.coordinator, membership=_coordinator(cast))


def test_a_candidate_without_match_consent_keeps_the_pipelines_reason(cast):
    speedmeet = make_speedmeet(cast)
    candidate = make_candidate(cast, consents=["anonymous_profile"])
    present(cast, speedmeet, candidate)
    mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
    make_opportunity(cast, cast.org_a)
    services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    result = services.speedmeet_confirm(speedmeet=speedmeet, user=cast.coordinator, membership=_coordinator(cast))
    meeting = SpeedmeetMeeting.objects.get()
    assert result.refused == 1 and meeting.match is None
    assert "geen geldige toestemming van de kandidaat om te matchen" in meeting.note
    assert not Match.objects.exists()


def test_an_employer_without_open_opportunity_keeps_the_meeting_without_a_match(cast):
    speedmeet = make_speedmeet(cast)
    candidate = make_candidate(cast)
    present(cast, speedmeet, candidate)
    mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
    services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    services.speedmeet_confirm(speedmeet=speedmeet, user=cast.coordinator, membership=_coordinator(cast))
    assert "geen open kans" in SpeedmeetMeeting.objects.get().note


def test_an_existing_proposal_is_answered_not_duplicated(cast):
    from spil.matching.match_services import match_propose

    speedmeet = make_speedmeet(cast)
    candidate = make_candidate(cast)
    opportunity = make_opportunity(cast, cast.org_a)
    existing = match_propose(candidate=candidate, opportunity=opportunity, user=cast.wsp_advisor)
    present(cast, speedmeet, candidate)
    mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
    services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    services.speedmeet_confirm(speedmeet=speedmeet, user=cast.coordinator, membership=_coordinator(cast))
    existing.refresh_from_db()
    assert existing.stage == "introduction" and Match.objects.count() == 1
    assert SpeedmeetMeeting.objects.get().match == existing


def test_an_advisor_cannot_confirm_a_plan_with_other_organisations_candidates(cast, client):
    speedmeet = make_speedmeet(cast)
    uwv = make_organisation("UWV Testregio", "45678901", kind="uwv")
    candidate = make_candidate(cast, organisation=uwv)
    present(cast, speedmeet, candidate)
    mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
    services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    client.force_login(cast.wsp_advisor)
    body = client.get(_url(cast, "speedmeet", speedmeet)).content.decode()
    assert "Rooster bevestigen" not in body and LAST not in body  # not the WSP's candidate: no name either
    response = client.post(_url(cast, "speedmeet_confirm", speedmeet), follow=True)
    assert "de netwerkcoördinator bevestigt het rooster" in response.content.decode()
    assert speedmeet.__class__.objects.get(pk=speedmeet.pk).confirmed_at is None


def test_moving_a_meeting_never_double_books(cast, client):
    speedmeet, first, _second = _two_employers_two_candidates(cast)
    services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    meeting = SpeedmeetMeeting.objects.get(organisation=cast.org_a, candidate=first)
    other_slot = 1 - meeting.slot
    client.force_login(cast.coordinator)
    data = {"organisation": cast.org_a.pk, "candidate": first.pk, "slot": other_slot + 1}
    response = client.post(_url(cast, "speedmeet_place", speedmeet), data, follow=True)
    assert "heeft in ronde" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.slot != other_slot
    # Out of the plan, then back in a free round.
    client.post(_url(cast, "speedmeet_place", speedmeet), {**data, "slot": ""})
    assert not SpeedmeetMeeting.objects.filter(pk=meeting.pk).exists()
    response = client.post(_url(cast, "speedmeet_place", speedmeet), {**data, "slot": 9}, follow=True)
    assert "Kies een ronde uit de lijst." in response.content.decode()
    response = client.post(
        _url(cast, "speedmeet_place", speedmeet),
        {"organisation": cast.org_a.pk, "candidate": 999999, "slot": 1},
        follow=True,
    )
    assert "niet spreken" in response.content.decode()


def test_a_mark_after_the_plan_shows_the_plan_is_stale(cast, client, setup):
    speedmeet, candidate = setup
    services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    services.interest_mark(
        speedmeet=speedmeet, candidate_id=candidate.pk, organisation=cast.org_a, user=cast.partner_a, wants=True
    )
    client.force_login(cast.coordinator)
    assert "Maak het rooster opnieuw" in client.get(_url(cast, "speedmeet", speedmeet)).content.decode()


def test_withdrawing_a_candidate_removes_marks_and_meetings(cast, client, setup):
    speedmeet, candidate = setup
    mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
    services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    client.force_login(cast.wsp_advisor)
    presented = speedmeet.presented.get()
    client.post(_url(cast, "speedmeet_withdraw", speedmeet), {"presented": presented.pk})
    assert not speedmeet.presented.exists()
    assert not SpeedmeetInterest.objects.exists() and not SpeedmeetMeeting.objects.exists()


def test_employer_page_queries_do_not_grow_with_candidates(cast, client):
    speedmeet = make_speedmeet(cast)

    def count():
        client.force_login(cast.partner_a)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url(cast, "speedmeet_choose", speedmeet)).status_code == 200
        return len(queries)

    for i in range(2):
        candidate = make_candidate(cast, first_name=f"K{i}")
        present(cast, speedmeet, candidate)
        mark(speedmeet, candidate, cast.org_a, True, cast.partner_a)
    few = count()
    for i in range(2, 12):
        candidate = make_candidate(cast, first_name=f"K{i}", tasks=["Afwassen", f"Taak {i}"])
        present(cast, speedmeet, candidate)
        mark(speedmeet, candidate, cast.org_a, i % 2 == 0, cast.partner_a)
    assert count() == few
    register(cast, speedmeet.activity, make_organisation("Derde BV", "11223344"))


def test_the_activity_page_links_to_the_speedmeet(cast, client, setup):
    speedmeet, _candidate = setup
    detail = reverse("activities:detail", args=[cast.network.slug, speedmeet.activity_id])
    client.force_login(cast.partner_a)
    assert _url(cast, "speedmeet_choose", speedmeet) in client.get(detail).content.decode()
    client.force_login(cast.backoffice)
    assert _url(cast, "speedmeet", speedmeet) in client.get(detail).content.decode()


def test_an_employer_says_when_it_is_there_and_the_plan_respects_it(cast, client):
    speedmeet, first, second = _two_employers_two_candidates(cast)
    client.force_login(cast.partner_a)
    url = _url(cast, "speedmeet_presence", speedmeet)
    response = client.post(url, {"from_slot": 2, "until_slot": 1}, follow=True)
    assert "De laatste ronde ligt voor de eerste." in response.content.decode()
    response = client.post(url, {"from_slot": 7}, follow=True)
    assert "Kies een ronde uit de lijst." in response.content.decode()
    response = client.post(url, {"from_slot": 2, "until_slot": 2}, follow=True)
    assert "Uw tijden zijn opgeslagen." in response.content.decode()
    assert "(ronde 2 t/m 2)" in response.content.decode()
    result = services.plan_make(speedmeet=speedmeet, user=cast.coordinator)
    # Partner A is there only in round 2: one of its two wishes fits; partner B meets both.
    assert (result.wanted, result.planned) == (4, 3)
    assert set(SpeedmeetMeeting.objects.filter(organisation=cast.org_a).values_list("slot", flat=True)) == {1}
    meeting = SpeedmeetMeeting.objects.get(organisation=cast.org_a)
    other = first if meeting.candidate_id == second.pk else second
    with pytest.raises(ValidationError, match="niet aanwezig"):
        services.meeting_place(speedmeet=speedmeet, organisation_id=cast.org_a.pk, candidate_id=other.pk, slot=0)
    client.force_login(cast.coordinator)
    body = client.get(_url(cast, "speedmeet", speedmeet)).content.decode()
    assert "ronde 2 t/m 2" in body and "Gewenst maar niet ingepland" in body


def test_an_unregistered_employer_cannot_set_its_times(cast, client, setup):
    speedmeet, _candidate = setup
    client.force_login(cast.partner_b)
    response = client.post(_url(cast, "speedmeet_presence", speedmeet), {"from_slot": 1}, follow=True)
    assert "niet aangemeld voor deze speedmeet" in response.content.decode()


def test_the_organiser_sets_up_the_rounds_of_a_new_speedmeet(cast, client):
    from spil.matching.models import Speedmeet

    activity = make_speedmeet(cast).activity
    Speedmeet.objects.filter(activity=activity).delete()
    client.force_login(cast.backoffice)
    page = reverse("matching:speedmeet", args=[cast.network.slug, activity.pk])
    assert "Rondes opslaan" in client.get(page).content.decode()
    start = timezone.localtime(activity.starts_at + timedelta(minutes=15)).strftime("%Y-%m-%dT%H:%M")
    data = {"first_slot_at": start, "slot_minutes": 10, "slots": 8}
    response = client.post(reverse("matching:speedmeet_settings", args=[cast.network.slug, activity.pk]), data)
    assert response.status_code == 302
    assert Speedmeet.objects.get(activity=activity).slots == 8
    workshop = make_speedmeet(cast, title="Workshop").activity
    workshop.kind = "workshop"
    workshop.save()
    assert client.get(reverse("matching:speedmeet", args=[cast.network.slug, workshop.pk])).status_code == 404
