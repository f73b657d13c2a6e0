"""Synthetic activities for `spil generate`: venues, activities with registrations, follow-ups, groups, meetings,
and mailings with their deliveries.

Roughly one activity per two organisations (5,000 at national size), two thirds of them past, each with
10 to 40 registrations of the network's contacts; the benchmark logins are registered for some of them.
"""

from collections import defaultdict
from datetime import timedelta

from spil.activities.models import (
    Activity,
    ActivityKind,
    AgendaItem,
    AgendaSection,
    Attendance,
    Audience,
    FollowUp,
    Group,
    GroupKind,
    GroupUpdate,
    Registration,
    RegistrationStatus,
    Venue,
)
from spil.activities.services import registration_counts_recount
from spil.communication.models import Delivery, DeliveryStatus, Mailing, MailingAudience, MailingKind, MailingStatus

KINDS = [kind for kind in ActivityKind.values if kind != ActivityKind.CORE_GROUP_MEETING]
TITLES = {
    ActivityKind.KNOWLEDGE_SESSION: "Kennissessie {topic}",
    ActivityKind.MEET_AND_GREET: "Meet & Greet met werkzoekenden",
    ActivityKind.WORKSHOP: "Workshop {topic}",
    ActivityKind.COMPANY_VISIT: "Bedrijfsbezoek",
    ActivityKind.ANNUAL_MEETING: "Jaarbijeenkomst",
}
TOPICS = ["inclusief werven", "jobcarving", "de banenafspraak", "begeleiding op de werkvloer", "sociale inkoop"]
GROUP_NAMES = ["In-, door- en uitstroom", "Wet- en regelgeving", "Kennisuitwisseling", "Sociale inkoop"]


def generate_activities(gen) -> None:
    rng, now = gen.rng, gen.now
    contacts_by_network = defaultdict(list)
    for contact, network_index in zip(gen.contacts, gen.contact_network, strict=True):
        contacts_by_network[network_index].append(contact)
    bench_people = [gen.bench["partner_contact"], gen.bench["coordinator"]]
    total = max(len(gen.networks) * 4, len(gen.organisations) // 2)
    per_network = [max(4, int(total * size / len(gen.organisations))) for size in gen._network_sizes()]

    venues = gen.bulk(
        Venue,
        [
            Venue(
                network_id=network.pk,
                name=f"Locatie {number + 1}",
                address=f"Stationsweg {number + 1}",
                room="Zaal",
                accessibility="Rolstoeltoegankelijk",
            )
            for network in gen.networks
            for number in range(5)
        ],
    )
    activities = []
    for index, network in enumerate(gen.networks):
        for number in range(per_network[index]):
            kind = rng.choice(KINDS)
            days = rng.randint(-1500, 180) if number % 3 == 0 else rng.randint(-1500, -1)
            starts = now + timedelta(days=days, hours=rng.randint(0, 8))
            venue = venues[index * 5 + rng.randrange(5)]
            activities.append(
                Activity(
                    network_id=network.pk,
                    kind=kind,
                    title=TITLES.get(kind, "{kind}").format(
                        topic=rng.choice(TOPICS), kind=kind.replace("_", " ").capitalize()
                    ),
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=2),
                    venue_id=venue.pk,
                    venue_name=venue.name,
                    venue_address=venue.address,
                    venue_room=venue.room,
                    audience=Audience.ALL_PARTNERS,
                    capacity=rng.choice([None, 40, 60, 100]),
                    outcomes="Goede opkomst; vervolg in de themagroep." if days < 0 else "",
                )
            )
        for number in range(12):
            starts = now + timedelta(days=21 * (number - 9))
            activities.append(
                Activity(
                    network_id=network.pk,
                    kind=ActivityKind.CORE_GROUP_MEETING,
                    title="Kerngroepvergadering",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=1),
                    audience=Audience.CORE_GROUP,
                )
            )
    activities = gen.bulk(Activity, activities)
    registrations, follow_ups, agenda = [], [], []
    network_of = {network.pk: index for index, network in enumerate(gen.networks)}
    for activity in activities:
        index = network_of[activity.network_id]
        past = activity.starts_at < now
        if activity.kind == ActivityKind.CORE_GROUP_MEETING:
            for position, section in enumerate(AgendaSection.values):
                agenda.append(
                    AgendaItem(
                        meeting_id=activity.pk,
                        section=section,
                        title=AgendaSection(section).label,
                        position=position * 1000 + 1,
                        minutes="Besproken." if past else "",
                    )
                )
            continue
        pool = contacts_by_network[index]
        people = rng.sample(pool, min(len(pool), rng.randint(10, 40)))
        if index == 0 and rng.random() < 0.3:
            people += bench_people
        seen = set()
        for number, person in enumerate(people):
            if person.email.lower() in seen:
                continue
            seen.add(person.email.lower())
            waiting = activity.capacity is not None and number >= activity.capacity
            registrations.append(
                Registration(
                    activity_id=activity.pk,
                    name=getattr(person, "name", "") or person.get_full_name(),
                    email=person.email.lower(),
                    organisation_id=getattr(person, "organisation_id", None),
                    status=RegistrationStatus.WAITING if waiting else RegistrationStatus.REGISTERED,
                    attendance=(
                        rng.choice([Attendance.PRESENT] * 4 + [Attendance.ABSENT])
                        if past and not waiting
                        else Attendance.UNKNOWN
                    ),
                    queued_at=activity.starts_at - timedelta(days=30, minutes=-number),
                )
            )
        if past:
            for _ in range(2):
                follow_ups.append(
                    FollowUp(
                        activity_id=activity.pk,
                        description=rng.choice(["Verslag delen", "Deelnemers nabellen", "Vacatures doorsturen"]),
                        owner_id=rng.choice(gen.core_users[index]).pk,
                        due_date=(activity.starts_at + timedelta(days=14)).date(),
                        done_at=activity.starts_at + timedelta(days=10) if rng.random() < 0.8 else None,
                    )
                )
    gen.bulk(Registration, registrations)
    gen.bulk(FollowUp, follow_ups)
    gen.bulk(AgendaItem, agenda)
    groups = []
    for index, network in enumerate(gen.networks):
        pool = contacts_by_network[index]
        for name in GROUP_NAMES:
            groups.append(
                Group(
                    network_id=network.pk,
                    name=name,
                    kind=GroupKind.THEME,
                    lead_id=rng.choice(pool).pk,
                    purpose="Werkgevers leren van elkaar.",
                )
            )
    groups = gen.bulk(Group, groups)
    memberships, updates = [], []
    for group in groups:
        pool = contacts_by_network[network_of[group.network_id]]
        for contact in rng.sample(pool, min(len(pool), 12)):
            memberships.append(Group.members.through(group_id=group.pk, contact_id=contact.pk))
        for number in range(5):
            updates.append(GroupUpdate(group_id=group.pk, text=f"Update {number + 1}: voortgang besproken."))
    Group.members.through.objects.bulk_create(memberships, batch_size=1000)
    gen.bulk(GroupUpdate, updates)
    registration_counts_recount(activities=Activity.objects.filter(network__in=gen.networks))
    _mailings(gen, contacts_by_network)
    _practice_table(gen, contacts_by_network[0])


def _practice_table(gen, contacts) -> None:
    """One planned praktijktafel in the first network: 8 tables of 6 seats, 2 hosts each, 32 guests, 3 rounds."""
    from spil.activities import table_services
    from spil.activities.models import Table, TableParticipant, TableRole, TableSession

    starts = gen.now + timedelta(days=20)
    activity = gen.bulk(
        Activity,
        [
            Activity(
                network_id=gen.networks[0].pk,
                kind=ActivityKind.PRACTICE_TABLE,
                title="Praktijktafel met wethouders",
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
            )
        ],
    )[0]
    session = TableSession.objects.create(activity=activity, rounds=3, seats_per_table=6)
    tables = gen.bulk(
        Table,
        [
            Table(session=session, number=n + 1, brought_by=f"Gemeente {n + 1}", question="Hoe vinden we werkgevers?")
            for n in range(8)
        ],
    )
    people = [
        TableParticipant(session=session, role=TableRole.HOST, table=t, name=f"Wethouder {t.number}", organisation="")
        for t in tables
    ] + [
        TableParticipant(session=session, role=TableRole.HOST, table=t, name=f"Kerngroeplid {t.number}") for t in tables
    ]
    people += [
        TableParticipant(session=session, name=c.name, organisation=str(c.organisation_id)) for c in contacts[:32]
    ]
    gen.bulk(TableParticipant, people)
    table_services.plan_and_store(session=session, seed=1)


def _mailings(gen, contacts_by_network) -> None:
    """Three sent newsletters per network to all its contacts, and a draft."""
    mailings = []
    for network in gen.networks:
        for number in range(3):
            sent_at = gen.now - timedelta(days=30 * (number + 1))
            mailings.append(
                Mailing(
                    network_id=network.pk,
                    kind=MailingKind.NEWSLETTER,
                    subject=f"Nieuwsbrief {number + 1}",
                    body="Beste {{ naam }},\n\nHet nieuws van {{ netwerk }}.",
                    audience=MailingAudience.ACTIVE_PARTNERS,
                    status=MailingStatus.SENT,
                    started_at=sent_at,
                    finished_at=sent_at,
                )
            )
        mailings.append(
            Mailing(
                network_id=network.pk,
                kind=MailingKind.INVITATION,
                subject="Uitnodiging jaarbijeenkomst",
                body="Beste {{ naam }},\n\nGraag tot ziens.",
                audience=MailingAudience.ACTIVE_PARTNERS,
            )
        )
    mailings = gen.bulk(Mailing, mailings)
    network_of = {network.pk: index for index, network in enumerate(gen.networks)}
    deliveries = []
    for mailing in mailings:
        if mailing.status != MailingStatus.SENT:
            continue
        seen = set()
        for contact in contacts_by_network[network_of[mailing.network_id]]:
            email = contact.email.lower()
            if email in seen:
                continue
            seen.add(email)
            deliveries.append(
                Delivery(
                    mailing_id=mailing.pk,
                    email=email,
                    name=contact.name,
                    status=DeliveryStatus.SENT,
                    attempts=1,
                    sent_at=mailing.finished_at,
                )
            )
    gen.bulk(Delivery, deliveries)
