"""Registering for activities: capacity, waiting list, cancellation, reserved places, emails with .ics."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from spil.activities import forms, services
from spil.activities.models import Activity, Registration, RegistrationStatus, Segment
from spil.partners.models import Contact, Organisation
from tests.activities.factories import NO_FORMSET_ROWS, make_activity, register


def _statuses(activity):
    return list(activity.registrations.order_by("queued_at", "pk").values_list("email", "status"))


def _ics_of(message) -> Calendar:
    [attachment] = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
    return Calendar.from_ical(attachment.get_content())


def test_full_activity_puts_people_on_the_waiting_list_and_a_cancellation_promotes_the_first(
    cast, mailbox, django_capture_on_commit_callbacks
):
    activity = make_activity(cast.network, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        first, second, third, fourth = register(activity, 4)
    assert [r.status for r in (first, second, third, fourth)] == ["registered", "registered", "waiting", "waiting"]
    activity.refresh_from_db()
    assert (activity.registered_count, activity.waiting_count) == (2, 2)
    [confirmation] = mailbox.to("deelnemer0@example.org")
    assert confirmation["Subject"] == f"Aangemeld: {activity.title}"
    event = _ics_of(confirmation).walk("VEVENT")[0]
    assert str(event["summary"]) == activity.title
    assert event.decoded("dtstart") == activity.starts_at
    [notice] = mailbox.to("deelnemer2@example.org")
    assert "wachtlijst" in mailbox.body(notice)

    mailbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration_id=second.pk)
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == RegistrationStatus.REGISTERED
    assert fourth.status == RegistrationStatus.WAITING
    activity.refresh_from_db()
    assert (activity.registered_count, activity.waiting_count) == (2, 1)
    [promoted] = mailbox.to("deelnemer2@example.org")
    assert "plaats" in promoted["Subject"]
    assert _ics_of(promoted).walk("VEVENT")
    [cancelled] = mailbox.to("deelnemer1@example.org")
    assert _ics_of(cancelled).walk("VEVENT")[0]["status"] == "CANCELLED"


def test_one_registration_per_person_also_with_other_capitals(cast):
    activity = make_activity(cast.network)
    register(activity, 1)
    with pytest.raises(ValidationError, match="al aangemeld"):
        services.registration_create(activity_id=activity.pk, name="Dubbel", email="Deelnemer0@Example.org")
    assert activity.registrations.count() == 1


def test_after_cancelling_a_person_can_register_again_at_the_back_of_the_queue(cast):
    activity = make_activity(cast.network, capacity=1)
    [first] = register(activity, 1)
    [waiting] = register(activity, 1, prefix="wachter")
    services.registration_cancel(registration_id=first.pk)
    again = services.registration_create(activity_id=activity.pk, name="Terug", email="deelnemer0@example.org")
    assert again.pk == first.pk
    assert again.status == RegistrationStatus.WAITING
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED


def test_no_registration_after_the_deadline_or_once_started(cast):
    closed = make_activity(cast.network, registration_deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError, match="kon tot"):
        register(closed, 1)
    started = make_activity(cast.network, days=0, starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(ValidationError, match="al begonnen"):
        register(started, 1)
    assert not Registration.objects.exists()


def test_reserved_places_are_kept_for_their_segment(cast):
    activity = make_activity(cast.network, capacity=4, segments={"Werkzoekenden": 2})
    segment = Segment.objects.get(activity=activity)
    general = register(activity, 3, prefix="werkgever")
    assert [r.status for r in general] == ["registered", "registered", "waiting"]
    seekers = register(activity, 3, prefix="werkzoekende", segment=segment)
    assert [r.status for r in seekers] == ["registered", "registered", "waiting"]
    # A freed general place goes to whoever waits longest, a job seeker included.
    services.registration_cancel(registration_id=general[0].pk)
    general[2].refresh_from_db()
    assert general[2].status == RegistrationStatus.REGISTERED
    # A freed reserved place goes to the waiting job seeker, not to a general registration.
    late = register(activity, 1, prefix="laat")[0]
    services.registration_cancel(registration_id=seekers[0].pk)
    seekers[2].refresh_from_db()
    late.refresh_from_db()
    assert seekers[2].status == RegistrationStatus.REGISTERED
    assert late.status == RegistrationStatus.WAITING


def test_reserving_more_places_than_the_capacity_is_refused(cast):
    activity = make_activity(cast.network, capacity=3)
    Segment.objects.create(activity=activity, name="Werkzoekenden", seats=5)
    with pytest.raises(ValidationError) as error:
        services.activity_save(activity=activity)
    assert "capacity" in error.value.error_dict


def test_partner_registers_through_the_page_and_sees_the_waiting_list_position(cast, client):
    activity = make_activity(cast.network, capacity=1)
    register(activity, 1)
    client.force_login(cast.partner_a)
    url = reverse("activities:register", args=[cast.network.slug, activity.pk])
    response = client.post(url, follow=True)
    assert "wachtlijst" in response.content.decode()
    registration = Registration.objects.get(email="partner-a@example.org")
    assert registration.status == RegistrationStatus.WAITING
    assert registration.organisation == cast.org_a
    assert "plaats 1" in response.content.decode()
    # Twice: a clear message, nothing more stored.
    response = client.post(url, follow=True)
    assert "al op de wachtlijst" in response.content.decode()
    assert Registration.objects.filter(email="partner-a@example.org").count() == 1


def test_an_activity_outside_the_members_audience_cannot_be_seen_or_registered_for(cast, client):
    kerngroep_only = make_activity(cast.network, audience="core_group")
    client.force_login(cast.partner_a)
    assert client.get(reverse("activities:detail", args=[cast.network.slug, kerngroep_only.pk])).status_code == 404
    response = client.post(reverse("activities:register", args=[cast.network.slug, kerngroep_only.pk]))
    assert response.status_code == 404
    assert not Registration.objects.exists()
    client.force_login(cast.core_member)
    assert client.get(reverse("activities:detail", args=[cast.network.slug, kerngroep_only.pk])).status_code == 200


def test_invite_list_and_group_activities_are_seen_by_those_invited_or_in_the_group(cast, client):
    from spil.activities.models import Group

    contact_a = cast.org_a.contacts.create(name="Anna Aalbers", email="PARTNER-A@example.org")
    invited = make_activity(cast.network, audience="invite_list")
    invited.invitees.add(contact_a)
    group = Group.objects.create(network=cast.network, name="Wet- en regelgeving")
    group.members.add(contact_a)
    group_meeting = make_activity(cast.network, audience="group", group=group, kind="group_meeting")
    for persona, expected in (("partner_a", 200), ("partner_b", 404), ("backoffice", 200)):
        client.force_login(getattr(cast, persona))
        for activity in (invited, group_meeting):
            url = reverse("activities:detail", args=[cast.network.slug, activity.pk])
            assert client.get(url).status_code == expected, (persona, activity.title)


def test_backoffice_registers_a_contact_or_a_job_seeker_with_a_message_per_field(cast, client):
    activity = make_activity(cast.network, segments={"Werkzoekenden": 3}, capacity=10)
    client.force_login(cast.backoffice)
    url = reverse("activities:register_other", args=[cast.network.slug, activity.pk])
    response = client.post(url, {"name": "", "email": "geen-adres"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"email"}
    response = client.post(url, {"name": "", "email": "onbekend@example.org"})
    assert set(response.context["form"].errors) == {"name"}
    assert not Registration.objects.exists()
    contact = cast.partnership_b.main_contact
    assert client.post(url, {"email": contact.email.upper()}).status_code == 302
    segment = Segment.objects.get(activity=activity)
    client.post(url, {"name": "Sam Werkzoekende", "email": "sam@example.org", "segment": segment.pk})
    rows = {r.email: (r.organisation_id, r.segment_id) for r in activity.registrations.all()}
    assert rows == {contact.email.lower(): (cast.org_b.pk, None), "sam@example.org": (None, segment.pk)}


def test_only_the_person_or_the_office_cancels_a_registration(cast, client):
    activity = make_activity(cast.network)
    [registration] = register(activity, 1)
    url = reverse("activities:cancel", args=[cast.network.slug, registration.pk])
    client.force_login(cast.partner_b)
    assert client.post(url).status_code == 403
    client.force_login(cast.backoffice)
    assert client.post(url).status_code == 302
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_editing_a_venue_changes_coming_activities_but_not_past_ones(cast):
    from spil.activities.models import Venue

    venue = Venue.objects.create(network=cast.network, name="Stadskantoor", room="Zaal 1")
    coming = make_activity(cast.network, venue=venue)
    past = make_activity(
        cast.network,
        venue=venue,
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30, hours=-2),
    )
    venue.room = "Zaal 2"
    services.venue_save(venue=venue)
    coming.refresh_from_db()
    past.refresh_from_db()
    assert coming.venue_room == "Zaal 2"
    assert past.venue_room == "Zaal 1"
    # Editing the past activity's title keeps the venue as it was.
    past.title = "Terugblik"
    services.activity_save(activity=past)
    past.refresh_from_db()
    assert past.venue_room == "Zaal 1"


def test_attendance_check_in_and_no_shows(cast, client):
    activity = make_activity(cast.network)
    came, absent = register(activity, 2)
    client.force_login(cast.backoffice)
    url = reverse("activities:attendance_set", args=[cast.network.slug, came.pk])
    no_shows = reverse("activities:no_shows", args=[cast.network.slug, activity.pk])
    # Two weeks ahead nobody can be checked in or written off yet.
    response = client.post(url, {"attendance": "present"}, headers={"HX-Request": "true"})
    assert "Inchecken kan vanaf de dag van de activiteit." in response.content.decode()
    page = client.get(reverse("activities:attendance", args=[cast.network.slug, activity.pk])).content.decode()
    assert "Inchecken kan vanaf de dag van de activiteit." in page and "niet gekomen noteren" not in page
    response = client.post(no_shows, follow=True)
    assert response.content.decode().count("Inchecken kan vanaf de dag van de activiteit.") == 2  # message, notice
    assert set(activity.registrations.values_list("attendance", flat=True)) == {"unknown"}
    # On the day, an hour after the start.
    start = timezone.now() - timedelta(hours=1)
    Activity.objects.filter(pk=activity.pk).update(starts_at=start, ends_at=start + timedelta(hours=2))
    response = client.post(url, {"attendance": "present"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Aanwezig" in response.content.decode()
    page = client.get(reverse("activities:attendance", args=[cast.network.slug, activity.pk])).content.decode()
    assert "1 aangemelde heeft geen check-in" in page
    client.post(no_shows)
    assert dict(activity.registrations.values_list("pk", "attendance")) == {came.pk: "present", absent.pk: "absent"}
    response = client.post(url, {"attendance": "bogus"}, follow=True)
    assert "Kies aanwezig, niet gekomen of nog onbekend." in response.content.decode()
    came.refresh_from_db()
    assert came.attendance == "present"


def test_creating_an_activity_with_speakers_and_bad_dates(cast, client):
    client.force_login(cast.backoffice)
    url = reverse("activities:create", args=[cast.network.slug])
    base = {
        "kind": "meet_and_greet",
        "title": "Meet & Greet met werkzoekenden",
        "starts_at": "2030-03-10T15:00",
        "ends_at": "2030-03-10T14:00",
        "audience": "all_partners",
        "capacity": "30",
        "speakers-TOTAL_FORMS": "1",
        "speakers-INITIAL_FORMS": "0",
        "speakers-0-name": "Eva de Vries",
        "speakers-0-organisation": "UWV",
        "speakers-0-topic": "Regio in beeld",
        "segments-TOTAL_FORMS": "1",
        "segments-INITIAL_FORMS": "0",
        "segments-0-name": "Werkzoekenden",
        "segments-0-seats": "10",
    }
    response = client.post(url, base)
    assert response.status_code == 200
    assert "ends_at" in response.context["form"].errors
    assert not Activity.objects.exists()
    response = client.post(url, {**base, "ends_at": "2030-03-10T17:00"})
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert list(activity.speakers.values_list("name", flat=True)) == ["Eva de Vries"]
    assert list(activity.segments.values_list("seats", flat=True)) == [10]
    assert timezone.localtime(activity.starts_at).hour == 15


def test_more_speakers_than_allowed_get_a_message_and_nothing_is_stored(cast, client):
    """A form count beyond the limit is refused with a message, without building a form per claimed row."""
    client.force_login(cast.backoffice)
    url = reverse("activities:create", args=[cast.network.slug])
    data = {
        "kind": "workshop",
        "title": "Workshop met veel sprekers",
        "starts_at": "2030-03-10T15:00",
        "ends_at": "2030-03-10T17:00",
        "audience": "all_partners",
        **NO_FORMSET_ROWS,
        "speakers-TOTAL_FORMS": "999999",
    }
    for i in range(forms.MAX_SPEAKERS + 1):
        data[f"speakers-{i}-name"] = f"Spreker {i}"
    response = client.post(url, data)
    assert response.status_code == 200
    assert len(response.context["speakers"].forms) == forms.MAX_SPEAKERS
    assert f"Vul hoogstens {forms.MAX_SPEAKERS} sprekers in." in response.content.decode()
    assert not Activity.objects.exists()


def test_personal_calendar_feed_lists_own_activities_and_a_wrong_token_gives_404(cast, client):
    mine = make_activity(cast.network, title="Mijn workshop")
    make_activity(cast.network, title="Andermans workshop")
    services.registration_create(activity_id=mine.pk, name="Anna", email="partner-a@example.org")
    client.force_login(cast.partner_a)
    client.post(reverse("activities:feed_renew", args=[cast.network.slug]))
    page = client.get(reverse("activities:mine", args=[cast.network.slug]))
    feed_url = page.context["feed_url"]
    client.logout()
    response = client.get(feed_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    titles = [str(event["summary"]) for event in Calendar.from_ical(response.content).walk("VEVENT")]
    assert titles == ["Mijn workshop"]
    assert client.get(feed_url.replace(feed_url[-12:-4], "00000000")).status_code == 404
    # A new link replaces the old one at once.
    client.force_login(cast.partner_a)
    client.post(reverse("activities:feed_renew", args=[cast.network.slug]))
    client.logout()
    assert client.get(feed_url).status_code == 404


def test_activity_ics_download(cast, client):
    activity = make_activity(cast.network, online_link="https://meet.example.org/abc")
    client.force_login(cast.steering)
    response = client.get(reverse("activities:ics", args=[cast.network.slug, activity.pk]))
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert "meet.example.org" in str(event["description"])


def test_suggestions_while_typing_name_contacts_and_partners_of_the_network_only(cast, client):
    client.force_login(cast.backoffice)
    url = reverse("activities:suggest_contacts", args=[cast.network.slug])
    html = client.get(url, {"email": "bosman"}).content.decode()
    assert cast.partnership_b.main_contact.email in html
    assert "Aalbers" not in html
    # A partner of another network is never suggested.
    elsewhere = Organisation.objects.create(name="Bouwgroep Elders", kvk_number="45678901")
    Contact.objects.create(organisation=elsewhere, name="Els Bosman", email="els@elders.example")
    cast.other_network.partnerships.create(organisation=elsewhere, status="active")
    assert "els@elders.example" not in client.get(url, {"email": "bosman"}).content.decode()
    html = client.get(reverse("activities:suggest_organisations", args=[cast.network.slug]), {"h": "bouw"}).content
    assert "Bouwbedrijf Bosman · KvK 23456789" in html.decode()
    assert "Elders" not in html.decode()
    client.force_login(cast.partner_a)
    assert client.get(url, {"email": "bosman"}).status_code == 403


def test_activity_form_takes_host_by_name_and_invitees_as_pasted_emails(cast, client):
    client.force_login(cast.coordinator)
    data = {
        "kind": "government_dialogue",
        "title": "Dialoogsessie",
        "starts_at": "2030-05-01T16:00",
        "ends_at": "2030-05-01T18:00",
        "audience": "invite_list",
        "host_organisation": "Onbekend BV",
        "invitees": "iemand@nergens.example",
        **NO_FORMSET_ROWS,
    }
    url = reverse("activities:create", args=[cast.network.slug])
    response = client.post(url, data)
    assert set(response.context["form"].errors) == {"host_organisation", "invitees"}
    emails = [cast.partnership_a.main_contact.email, cast.partnership_b.main_contact.email]
    data |= {"host_organisation": "Bakkerij Aalbers · KvK 12345678", "invitees": "\t".join(emails) + "\n"}
    assert client.post(url, data).status_code == 302
    activity = Activity.objects.get()
    assert activity.host_organisation == cast.org_a
    assert set(activity.invitees.values_list("email", flat=True)) == set(emails)
    edit = client.get(reverse("activities:edit", args=[cast.network.slug, activity.pk])).content.decode()
    assert "Bakkerij Aalbers · KvK 12345678" in edit
    assert emails[0] in edit


def test_more_places_go_to_the_waiting_list_first_and_nobody_jumps_the_queue(
    cast, mailbox, django_capture_on_commit_callbacks
):
    activity = make_activity(cast.network, capacity=1)
    [first] = register(activity, 1)
    waiting = register(activity, 2, prefix="wachter")
    mailbox.messages.clear()
    # The office raises the capacity by one: the first waiting person gets the place and is emailed.
    activity.capacity = 2
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_save(activity=activity)
    assert _statuses(activity) == [
        ("deelnemer0@example.org", "registered"),
        ("wachter0@example.org", "registered"),
        ("wachter1@example.org", "waiting"),
    ]
    [promoted] = mailbox.to("wachter0@example.org")
    assert "plaats" in promoted["Subject"]
    activity.refresh_from_db()
    assert (activity.registered_count, activity.waiting_count) == (2, 1)
    # A place that came free without a cancellation (here: the capacity raised behind the form's back)
    # still goes to the person who waits, not to a newcomer.
    Activity.objects.filter(pk=activity.pk).update(capacity=3)
    with django_capture_on_commit_callbacks(execute=True):
        [late] = register(activity, 1, prefix="laat")
    assert late.status == RegistrationStatus.WAITING
    waiting[1].refresh_from_db()
    assert waiting[1].status == RegistrationStatus.REGISTERED
    assert mailbox.to("wachter1@example.org")
    first.refresh_from_db()
    assert first.status == RegistrationStatus.REGISTERED


def test_waiting_list_places_follow_the_promotion_order_also_for_the_same_moment(cast):
    from spil.activities.selectors import waiting_position

    activity = make_activity(cast.network, capacity=1)
    register(activity, 1)
    waiting = register(activity, 3, prefix="wachter")
    Registration.objects.filter(pk__in=[r.pk for r in waiting]).update(queued_at=waiting[0].queued_at)
    places = [waiting_position(Registration.objects.get(pk=r.pk)) for r in waiting]
    assert places == [1, 2, 3]


def test_a_cancelled_registration_no_longer_opens_an_activity_outside_the_audience(cast, client):
    kerngroep_only = make_activity(cast.network, audience="core_group")
    [registration] = [
        services.registration_create(
            activity_id=kerngroep_only.pk, name="Anna Aalbers", email="partner-a@example.org", organisation=cast.org_a
        )
    ]
    detail = reverse("activities:detail", args=[cast.network.slug, kerngroep_only.pk])
    client.force_login(cast.partner_a)
    assert client.get(detail).status_code == 200
    cancel = reverse("activities:cancel", args=[cast.network.slug, registration.pk])
    assert client.post(cancel).url == reverse("activities:mine", args=[cast.network.slug])
    assert client.get(detail).status_code == 404
    assert client.post(reverse("activities:register", args=[cast.network.slug, kerngroep_only.pk])).status_code == 404
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_an_email_address_longer_than_the_column_is_a_field_error(cast, client):
    activity = make_activity(cast.network)
    client.force_login(cast.backoffice)
    url = reverse("activities:register_other", args=[cast.network.slug, activity.pk])
    long_address = "a" * 60 + "@" + ".".join(["b" * 60] * 4) + ".nl"
    assert len(long_address) > 254
    response = client.post(url, {"name": "Lang Adres", "email": long_address})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"email"}
    assert not Registration.objects.exists()


def test_registering_oneself_after_the_deadline_shows_why_and_stores_nothing(cast, client):
    closed = make_activity(cast.network, registration_deadline=timezone.now() - timedelta(minutes=1))
    client.force_login(cast.partner_a)
    response = client.post(reverse("activities:register", args=[cast.network.slug, closed.pk]), follow=True)
    assert "Aanmelden voor deze activiteit kon tot" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_long_full_name_is_cut_to_the_column_when_registering_oneself(cast, client):
    activity = make_activity(cast.network)
    cast.partner_a.first_name = "Anna" * 37  # the columns allow 150 each
    cast.partner_a.last_name = "Aalbers" * 20
    cast.partner_a.save()
    client.force_login(cast.partner_a)
    client.post(reverse("activities:register", args=[cast.network.slug, activity.pk]))
    registration = Registration.objects.get()
    assert registration.name == cast.partner_a.get_full_name()[:200]


def test_on_the_day_someone_without_a_place_is_added_as_present(cast, client, mailbox):
    activity = make_activity(cast.network, capacity=1)
    _first, waiting = register(activity, 2)
    client.force_login(cast.backoffice)
    url = reverse("activities:walk_in", args=[cast.network.slug, activity.pk])
    # Before the day: refused with the reason, nothing stored.
    response = client.post(url, {"email": "inloop@example.org", "name": "Ilse Inloop"})
    assert response.status_code == 400
    assert "Inchecken kan vanaf de dag van de activiteit." in response.content.decode()
    assert not activity.registrations.filter(email="inloop@example.org").exists()
    start = timezone.now() - timedelta(minutes=10)
    Activity.objects.filter(pk=activity.pk).update(starts_at=start, ends_at=start + timedelta(hours=2))
    mailbox.messages.clear()
    # A walk-in and the person from the waiting list both get a place and are present, beyond the capacity.
    response = client.post(url, {"email": "inloop@example.org", "name": "Ilse Inloop"}, follow=True)
    assert "Ilse Inloop is er en staat op de lijst." in response.content.decode()
    client.post(url, {"email": waiting.email})
    assert dict(activity.registrations.values_list("email", "attendance")) == {
        "deelnemer0@example.org": "unknown",
        "deelnemer1@example.org": "present",
        "inloop@example.org": "present",
    }
    assert set(activity.registrations.values_list("status", flat=True)) == {"registered"}
    activity.refresh_from_db()
    assert (activity.registered_count, activity.waiting_count) == (3, 0)
    assert mailbox.messages == []
    # A field error for a walk-in without a name who is no partner contact.
    response = client.post(url, {"email": "onbekend@example.org"})
    assert response.status_code == 400
    assert "name" in response.context["walk_in_form"].errors
