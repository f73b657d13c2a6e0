"""An activity that moves or is called off: everyone is told and calendars follow; and the checks around it
(feeds of former members, follow-up owners, dates, reminder days, participation lists)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from spil.accounts.models import Membership
from spil.activities import services
from spil.activities.models import Activity, FollowUp, Venue
from spil.communication import services as communication
from spil.communication.models import Mailing
from tests.activities.factories import NO_FORMSET_ROWS, make_activity, register


def _attachments(message) -> list:
    return [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]


def _ics_of(message) -> Calendar:
    [attachment] = _attachments(message)
    return Calendar.from_ical(attachment.get_content())


def _edit(client, activity, **changes):
    data = {
        "kind": activity.kind,
        "title": activity.title,
        "starts_at": timezone.localtime(activity.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(activity.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "audience": activity.audience,
        "capacity": activity.capacity or "",
        "reminder_days": activity.reminder_days,
        **NO_FORMSET_ROWS,
        **changes,
    }
    return client.post(reverse("activities:edit", args=[activity.network.slug, activity.pk]), data)


def test_moving_an_activity_tells_everyone_and_the_reminders_follow_the_new_date(
    cast, client, mailbox, django_capture_on_commit_callbacks
):
    activity = make_activity(cast.network, days=10, capacity=1)
    register(activity, 2)
    # The reminders of the old date went out.
    for days in (3, 1):
        communication.reminders_create_due(now=activity.starts_at - timedelta(days=days, hours=-1))
    mailbox.messages.clear()
    client.force_login(cast.backoffice)
    with django_capture_on_commit_callbacks(execute=True):
        assert _edit(client, activity, title="Nieuwe titel").status_code == 302
    assert mailbox.messages == []  # a new title does not move anything in a calendar
    later = timezone.localtime(activity.starts_at + timedelta(days=7))
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(
            client,
            activity,
            title="Nieuwe titel",
            starts_at=later.strftime("%Y-%m-%dT%H:%M"),
            ends_at=(later + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.sequence == 1
    [moved] = mailbox.to("deelnemer0@example.org")
    assert moved["Subject"] == "Gewijzigd: Nieuwe titel"
    assert "U blijft aangemeld" in mailbox.body(moved)
    calendar = _ics_of(moved)
    assert str(calendar["method"]) == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == activity.starts_at
    assert event["sequence"] == 1
    assert str(event["attendee"]) == "mailto:deelnemer0@example.org"
    assert str(event["organizer"]).startswith("mailto:")
    [waiting] = mailbox.to("deelnemer1@example.org")
    assert "nog op de wachtlijst" in mailbox.body(waiting) and _attachments(waiting) == []
    # The reminders come again, for the new date.
    mailbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert len(communication.reminders_create_due(now=activity.starts_at - timedelta(days=3, hours=-1))) == 1
    assert [m["To"] for m in mailbox.messages] == ["deelnemer0@example.org"]
    assert Mailing.objects.filter(activity=activity, reminder_for=activity.starts_at).count() == 1


def test_calling_off_tells_everyone_closes_registration_and_stops_reminders(
    cast, client, mailbox, django_capture_on_commit_callbacks
):
    activity = make_activity(cast.network, days=2, capacity=1)
    register(activity, 2)
    mailbox.messages.clear()
    client.force_login(cast.backoffice)
    url = reverse("activities:call_off", args=[cast.network.slug, activity.pk])
    page = client.get(url).content.decode()
    assert "De 2 mensen die aangemeld zijn of op de wachtlijst staan" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "De spreker is ziek; we plannen een nieuwe datum."}, follow=True)
    html = response.content.decode()
    assert "is afgelast" in html and "De spreker is ziek" in html
    activity.refresh_from_db()
    assert activity.cancelled_at is not None and activity.sequence == 1
    [registered] = mailbox.to("deelnemer0@example.org")
    assert registered["Subject"] == f"Afgelast: {activity.title}"
    assert "De spreker is ziek" in mailbox.body(registered)
    calendar = _ics_of(registered)
    assert str(calendar["method"]) == "CANCEL"
    assert calendar.walk("VEVENT")[0]["status"] == "CANCELLED"
    [waiting] = mailbox.to("deelnemer1@example.org")
    assert _attachments(waiting) == []
    # Nobody moves up from the waiting list, nobody can register, nothing is sent as a reminder.
    assert list(activity.registrations.order_by("pk").values_list("status", flat=True)) == ["registered", "waiting"]
    client.force_login(cast.partner_a)
    response = client.post(reverse("activities:register", args=[cast.network.slug, activity.pk]), follow=True)
    assert "Deze activiteit is afgelast." in response.content.decode()
    assert not activity.registrations.filter(email="partner-a@example.org").exists()
    assert communication.reminders_create_due() == []
    # Editing or calling off again is refused with a message; the list marks it.
    client.force_login(cast.backoffice)
    response = client.post(url, {"reason": ""}, follow=True)
    assert "Deze activiteit is al afgelast." in response.content.decode()
    response = _edit(client, activity, title="Toch wel")
    assert "Deze activiteit is afgelast; wijzigen kan niet meer." in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).title != "Toch wel"
    listing = client.get(reverse("activities:list", args=[cast.network.slug])).content.decode()
    assert "afgelast" in listing


def test_the_feed_marks_called_off_activities_and_stops_for_former_members(cast, client):
    activity = make_activity(cast.network, title="Mijn workshop")
    services.registration_create(activity_id=activity.pk, name="Anna", email="partner-a@example.org")
    feed = services.calendar_feed_renew(user=cast.partner_a)
    url = reverse("calendar_feed", args=[feed.token])
    services.activity_cancel(activity_id=activity.pk, reason="")
    [event] = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert event["status"] == "CANCELLED" and event["sequence"] == 1
    Membership.objects.filter(user=cast.partner_a).delete()
    assert Calendar.from_ical(client.get(url).content).walk("VEVENT") == []
    cast.partner_a.is_active = False
    cast.partner_a.save()
    assert client.get(url).status_code == 404


def test_follow_up_owners_are_people_who_can_see_follow_ups(cast, client):
    activity = make_activity(cast.network)
    client.force_login(cast.backoffice)
    url = reverse("activities:follow_up_create", args=[cast.network.slug, activity.pk])
    owners = set(client.get(url).context["form"].fields["owner"].queryset)
    assert cast.backoffice in owners and cast.core_member in owners
    assert cast.partner_a not in owners and cast.steering not in owners
    response = client.post(url, {"description": "Nabellen", "owner": cast.partner_a.pk, "due_date": "2030-01-01"})
    assert "owner" in response.context["form"].errors
    assert not FollowUp.objects.exists()


def test_dates_outside_sensible_years_are_field_errors_not_a_crash(cast, client):
    client.force_login(cast.backoffice)
    url = reverse("activities:create", args=[cast.network.slug])
    base = {
        "kind": "workshop",
        "title": "Workshop",
        "audience": "all_partners",
        "reminder_days": "3,1",
        **NO_FORMSET_ROWS,
    }
    for starts, ends in (("0001-01-01T00:10", "0001-01-01T02:00"), ("9999-12-31T10:00", "9999-12-31T12:00")):
        response = client.post(url, {**base, "starts_at": starts, "ends_at": ends})
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert errors["starts_at"] == ["Kies een datum tussen 1900 en 2100."]
    assert 'min="1900-01-01T00:00"' in response.content.decode()
    response = client.post(
        url, {**base, "starts_at": "2030-01-01T10:00", "ends_at": "2030-01-01T12:00", "reminder_days": "0,99"}
    )
    assert "Een herinnering kan 1 tot 60 dagen vooraf" in str(response.context["form"].errors["reminder_days"])
    assert not Activity.objects.exists()
    activity = make_activity(cast.network)
    response = client.post(
        reverse("activities:follow_up_create", args=[cast.network.slug, activity.pk]),
        {"description": "Nabellen", "owner": cast.backoffice.pk, "due_date": "0001-01-01"},
    )
    assert response.context["form"].errors["due_date"] == ["Kies een datum tussen 1900 en 2100."]
    response = client.post(
        reverse("activities:meeting_create", args=[cast.network.slug]),
        {"title": "Kerngroep", "starts_at": "0001-01-01T00:10", "ends_at": "0001-01-01T02:00"},
    )
    assert response.context["form"].errors["starts_at"] == ["Kies een datum tussen 1900 en 2100."]
    assert not Activity.objects.filter(kind="core_group_meeting").exists()


def test_participation_lists_only_activities_the_viewer_may_see(cast, client):
    secret = make_activity(cast.network, title="Besloten kerngroepoverleg", audience="core_group")
    open_one = make_activity(cast.network, title="Open kennissessie")
    for activity in (secret, open_one):
        services.registration_create(
            activity_id=activity.pk, name="Collega", email="collega@aalbers.example", organisation=cast.org_a
        )
    url = reverse("activities:participation_partner", args=[cast.network.slug, cast.org_a.pk])
    client.force_login(cast.partner_a)
    html = client.get(url).content.decode()
    assert "Open kennissessie" in html and "Besloten kerngroepoverleg" not in html
    client.force_login(cast.backoffice)
    html = client.get(url).content.decode()
    assert "Besloten kerngroepoverleg" in html


def test_a_name_too_long_gets_one_message(cast, client):
    activity = make_activity(cast.network)
    client.force_login(cast.backoffice)
    response = client.post(
        reverse("activities:register_other", args=[cast.network.slug, activity.pk]),
        {"email": "iemand@example.org", "name": "x" * 500},
    )
    assert response.context["form"].errors == {"name": [response.context["form"].errors["name"][0]]}
    assert "200" in response.context["form"].errors["name"][0]


def test_the_end_shows_its_own_date_in_local_time(cast, client):
    starts = timezone.make_aware(timezone.datetime(2030, 1, 10, 22, 30))
    activity = make_activity(cast.network, starts_at=starts, ends_at=starts + timedelta(hours=2))
    client.force_login(cast.backoffice)
    html = client.get(reverse("activities:detail", args=[cast.network.slug, activity.pk])).content.decode()
    assert "22:30 – vrijdag 11 januari 2030, 00:30" in html


def test_a_new_room_for_a_venue_tells_who_comes_to_its_coming_activities(
    cast, mailbox, django_capture_on_commit_callbacks
):
    venue = Venue.objects.create(network=cast.network, name="Stadskantoor", room="Zaal 1")
    activity = make_activity(cast.network, venue=venue, capacity=1)
    register(activity, 2)
    mailbox.messages.clear()
    venue.accessibility = "Lift aanwezig"
    with django_capture_on_commit_callbacks(execute=True):
        services.venue_save(venue=venue)
    assert mailbox.messages == []  # accessibility notes change nobody's calendar
    venue.room = "Zaal 2"
    with django_capture_on_commit_callbacks(execute=True):
        services.venue_save(venue=venue)
    activity.refresh_from_db()
    assert activity.venue_room == "Zaal 2" and activity.sequence == 1
    [moved] = mailbox.to("deelnemer0@example.org")
    assert moved["Subject"] == f"Gewijzigd: {activity.title}"
    [event] = _ics_of(moved).walk("VEVENT")
    assert "Zaal 2" in str(event["location"]) and event["sequence"] == 1
    [waiting] = mailbox.to("deelnemer1@example.org")
    assert _attachments(waiting) == []


def test_saving_an_activity_read_before_a_registration_keeps_the_new_counts(cast):
    activity = make_activity(cast.network, capacity=5)
    stale = Activity.objects.get(pk=activity.pk)  # as the edit form read it
    register(activity, 2)
    stale.title = "Nieuwe titel"
    services.activity_save(activity=stale)
    activity.refresh_from_db()
    assert activity.title == "Nieuwe titel"
    assert activity.registered_count == 2
