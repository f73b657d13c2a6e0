"""Contact pressure: who contacted an employer in the network lately, from every source at once.

Sources: conversations of any campaign, planned bus-tour appointments (not yet followed by a conversation),
the desk's intakes (an employer request linked to the organisation) and contacts recorded by hand.
All sources are one query for any number of organisations, so a list of employers costs the same
number of queries however long it is.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from spil.desk.models import Request

from .models import Appointment, ContactMoment, Conversation, OutreachSettings


@dataclass(frozen=True)
class PriorContact:
    organisation_id: int
    who: str
    source: str
    on: date

    def __str__(self):
        return _("%(who)s (%(source)s) op %(date)s") % {
            "who": self.who,
            "source": self.source,
            "date": date_format(self.on, "j F Y"),
        }


@dataclass
class Pressure:
    weeks: int
    limit: int
    contacts: list[PriorContact] = field(default_factory=list)

    @property
    def reached(self) -> bool:
        return len(self.contacts) >= self.limit

    @property
    def summary(self) -> str:
        return "; ".join(str(contact) for contact in self.contacts)


def settings_for(network) -> OutreachSettings:
    """The network's settings, or the defaults (unsaved) when the office never changed them."""
    return OutreachSettings.objects.filter(network=network).first() or OutreachSettings(network=network)


def _name(first: str | None, last: str | None, email: str | None, fallback: str) -> str:
    full = f"{first or ''} {last or ''}".strip()
    return full or email or fallback


def recent_contacts(
    *, network, organisation_ids, today: date | None = None, weeks: int | None = None, limit: int | None = None
) -> dict[int, Pressure]:
    """Per organisation: its contacts in the network in the last `weeks` weeks, newest first."""
    if weeks is None or limit is None:
        config = settings_for(network)
        weeks = config.contact_pressure_weeks if weeks is None else weeks
        limit = config.contact_limit if limit is None else limit
    ids = [pk for pk in organisation_ids if pk]
    result = {pk: Pressure(weeks=weeks, limit=limit) for pk in ids}
    if not ids:
        return result
    today = today or timezone.localdate()
    since = today - timedelta(weeks=weeks)
    since_at = timezone.make_aware(datetime.combine(since, time.min))
    found: dict[int, list[PriorContact]] = defaultdict(list)
    unknown = _("onbekend")

    # One UNION ALL of the four sources. Conversations, desk requests and contact moments are read through
    # their organisation index and kept to the network in Python: with the network in the WHERE clause SQLite
    # walks the network's rows (thousands) instead of the organisations' (a handful each, in any network).
    def rows(queryset, kind: str, network_id, first: str, last: str, email: str, label, day):
        return queryset.order_by().values(
            n=network_id,
            o=F("organisation_id"),
            fn=F(first),
            ln=F(last),
            em=F(email),
            lb=label,
            d=day,
            k=Value(kind, output_field=CharField()),
        )

    conversations = rows(
        Conversation.objects.filter(organisation_id__in=ids, held_on__gte=since),
        "conversation",
        F("campaign__network_id"),
        "interviewer__first_name",
        "interviewer__last_name",
        "interviewer__email",
        F("campaign__name"),
        F("held_on"),
    )
    appointments = rows(
        Appointment.objects.filter(
            stop__tour__network=network, organisation_id__in=ids, at__gte=since_at, conversation__isnull=True
        ),
        "appointment",
        F("stop__tour__network_id"),
        "adviser__first_name",
        "adviser__last_name",
        "adviser__email",
        F("stop__tour__name"),
        TruncDate("at"),
    )
    requests = rows(
        Request.objects.filter(organisation_id__in=ids)
        .annotate(contact_at=Coalesce(F("first_response_at"), F("submitted_at")))
        .filter(contact_at__gte=since_at),
        "desk",
        F("network_id"),
        "handler__first_name",
        "handler__last_name",
        "handler__email",
        Value("", output_field=CharField()),
        TruncDate("contact_at"),
    )
    moments = rows(
        ContactMoment.objects.filter(organisation_id__in=ids, on__gte=since),
        "moment",
        F("network_id"),
        "who__first_name",
        "who__last_name",
        "who__email",
        F("channel"),
        F("on"),
    )
    desk = _("Werkgeversloket")
    channels = dict(ContactMoment._meta.get_field("channel").flatchoices)
    for row in conversations.union(appointments, requests, moments, all=True).order_by():
        if row["n"] != network.pk:
            continue
        kind, org = row["k"], row["o"]
        who = _name(row["fn"], row["ln"], row["em"], desk if kind == "desk" else unknown)
        if kind == "desk":
            source = desk
        elif kind == "moment":
            channel = str(channels.get(row["lb"], row["lb"])).lower()
            source = _("contactmoment, %(channel)s") % {"channel": channel}
        else:
            source = row["lb"]
        found[org].append(PriorContact(org, who, source, row["d"]))

    for org, contacts in found.items():
        result[org].contacts = sorted(contacts, key=lambda c: c.on, reverse=True)
    return result


def pressure_for(*, network, organisation_id: int, today: date | None = None) -> Pressure:
    return recent_contacts(network=network, organisation_ids=[organisation_id], today=today)[organisation_id]
