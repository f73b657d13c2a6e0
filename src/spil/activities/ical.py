"""Activities as iCalendar (RFC 5545): one .ics per activity and a personal feed."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from .models import Activity


def _location(activity: Activity) -> str:
    parts = [activity.venue_name, activity.venue_room, activity.venue_address]
    place = ", ".join(part for part in parts if part)
    return place or activity.online_link


def _event(activity: Activity, *, cancelled: bool = False) -> Event:
    host = urlsplit(settings.SITE_URL).hostname or "spil"
    event = Event()
    event.add("uid", f"activiteit-{activity.pk}@{host}")
    event.add("dtstamp", activity.created_at)
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
    if cancelled:
        event.add("status", "CANCELLED")
    return event


def calendar_bytes(activities, *, name: str, method: str | None = None, cancelled: bool = False) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Spil//Activiteiten//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    if method:
        calendar.add("method", method)
    for activity in activities:
        calendar.add_component(_event(activity, cancelled=cancelled))
    return calendar.to_ical()
