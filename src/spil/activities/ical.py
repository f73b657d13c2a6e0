"""Activities as iCalendar (RFC 5545): one .ics per activity and a personal feed."""

from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from .models import Activity


def _location(activity: Activity) -> str:
    parts = [activity.venue_name, activity.venue_room, activity.venue_address]
    place = ", ".join(part for part in parts if part)
    return place or activity.online_link


def _event(activity: Activity, *, cancelled: bool = False, attendee=None) -> Event:
    host = urlsplit(settings.SITE_URL).hostname or "spil"
    event = Event()
    event.add("uid", f"activiteit-{activity.pk}@{host}")
    # When this version was made; with SEQUENCE it tells calendars which of two versions is newer.
    event.add("dtstamp", timezone.now())
    event.add("sequence", activity.sequence)
    event.add("dtstart", activity.starts_at)
    event.add("dtend", activity.ends_at)
    event.add("summary", activity.title)
    description = activity.description
    if activity.online_link:
        description = f"{description}\n\n{activity.online_link}".strip()
    if description:
        event.add("description", description)
    location = _location(activity)
    if location:
        event.add("location", location)
    event.add("url", settings.SITE_URL + reverse("activities:detail", args=[activity.network.slug, activity.pk]))
    if attendee is not None:
        # A scheduling message (RFC 5546) names who organises and for whom it is.
        organiser = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
        organiser.params["cn"] = vText(activity.network.name)
        event.add("organizer", organiser)
        person = vCalAddress(f"mailto:{attendee.email}")
        person.params["cn"] = vText(attendee.name)
        person.params["role"] = vText("REQ-PARTICIPANT")
        person.params["partstat"] = vText("DECLINED" if cancelled else "ACCEPTED")
        event.add("attendee", person)
    if cancelled or activity.cancelled_at is not None:
        event.add("status", "CANCELLED")
    return event


def calendar_bytes(
    activities, *, name: str, method: str | None = None, cancelled: bool = False, attendee=None
) -> bytes:
    """An iCalendar file of ``activities``; with ``method`` a scheduling message for one ``attendee`` (a
    registration): REQUEST adds or updates the appointment, CANCEL (``cancelled``) removes it."""
    calendar = Calendar()
    calendar.add("prodid", "-//Spil//Activiteiten//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    if method:
        calendar.add("method", method)
    for activity in activities:
        calendar.add_component(_event(activity, cancelled=cancelled, attendee=attendee))
    return calendar.to_ical()
