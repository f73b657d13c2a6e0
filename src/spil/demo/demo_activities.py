"""Demo activities, groups and kerngroep meetings for the demo networks (seeds 000, 001, 003).

Rows are created directly (the demo loads in one transaction); the kept counts are recounted at the end.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from spil.activities.models import (
    Activity,
    ActivityKind,
    AgendaSection,
    Attendance,
    Audience,
    FollowUp,
    Group,
    GroupKind,
    GroupUpdate,
    Registration,
    RegistrationStatus,
    Segment,
    Speaker,
    Venue,
)
from spil.activities.services import agenda_build, registration_counts_recount
from spil.partners.models import Contact, Partnership

AMSTERDAM_GROUPS = [
    (
        GroupKind.THEME,
        "In-, door- en uitstroom van medewerkers met een beperking",
        "Ervaringen delen over werving, inwerken, begeleiding en doorgroei van medewerkers met een beperking.",
    ),
    (
        GroupKind.THEME,
        "Krapte in de hospitality",
        "Hoe kan de doelgroep de krapte op de arbeidsmarkt in de hospitality invullen?",
    ),
    (
        GroupKind.THEME,
        "Inclusief ondernemen in kennisintensieve organisaties",
        "Welke taken zijn er in kennisintensieve organisaties voor mensen zonder hoge opleiding?",
    ),
    (GroupKind.THEME, "Sociale inkoop", "Inkopen bij sociale ondernemingen en Social Return in de praktijk."),
    (
        GroupKind.AMBASSADORS,
        "Ambassadeursgroep",
        "Laat het netwerk groeien en betrekt minder actieve partners weer bij het netwerk.",
    ),
]

TWENTE_GROUPS = [
    (
        "Werkgelegenheid creëren",
        "Met gemeenten, de wethouder en bedrijven zoeken naar nieuw werk voor mensen met "
        "een arbeidsbeperking, zoals nieuwe bedrijvigheid, een nieuwbouwproject of werk terughalen uit het buitenland.",
    ),
    ("In-, door- en uitstroom", "Wat werkt bij het aannemen, begeleiden en laten doorgroeien van nieuwe collega's."),
    (
        "Wet- en regelgeving",
        "Regelingen en instrumenten helder krijgen; de advocaten in het netwerk geven pro bono advies.",
    ),
    ("Kennisuitwisseling", "Van elkaar leren: bedrijfsbezoeken en korte kennissessies."),
]


TWENTE_MINUTES = {
    AgendaSection.GROUP_UPDATES: (
        "Sallandse Wegenbouw vertelt over het gesprek met de wethouder: bij het nieuwbouwproject in Hengelo "
        "kunnen werkplekken komen voor mensen met een arbeidsbeperking.",
        "De kartrekker werkt het plan van aanpak uit met het WSP Twente; het komt terug in de volgende vergadering.",
    ),
    AgendaSection.COMMUNICATION: (
        "Het bedrijfsbezoek bij Sallandse Wegenbouw is een goede gelegenheid om het netwerk te laten zien.",
        "Elke maand zet het netwerk op LinkedIn een partner in het zonnetje.",
    ),
    AgendaSection.OTHER: ("Geen bijzonderheden.", ""),
}


def _update(group, text: str, *, days_ago: int) -> GroupUpdate:
    update = GroupUpdate.objects.create(group=group, text=text)
    update.created_at = timezone.now() - timedelta(days=days_ago)
    update.save(update_fields=["created_at"])
    return update


def _at(day, hour: int, minute: int = 0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _activity(network, kind, title, day, start, end, *, venue=None, **extra) -> Activity:
    activity = Activity(
        network=network, kind=kind, title=title, starts_at=_at(day, start), ends_at=_at(day, end), venue=venue, **extra
    )
    activity.copy_venue()
    activity.save()
    return activity


def _register(activity, contacts, *, status=RegistrationStatus.REGISTERED, attendance=Attendance.UNKNOWN, start=0):
    moment = activity.starts_at - timedelta(days=20)
    Registration.objects.bulk_create(
        Registration(
            activity=activity,
            name=contact.name,
            email=contact.email.lower(),
            organisation_id=contact.organisation_id,
            status=status,
            attendance=attendance,
            queued_at=moment + timedelta(minutes=start + index),
        )
        for index, contact in enumerate(contacts)
    )


def _main_contacts(network) -> list[Contact]:
    partnerships = Partnership.objects.filter(network=network).members().select_related("main_contact")
    return [p.main_contact for p in partnerships.order_by("pk") if p.main_contact and p.main_contact.email]


def amsterdam(b, network, users) -> None:
    today = b.today
    contacts = _main_contacts(network)
    partner_contact = Contact.objects.create(
        organisation=users["partner"].memberships.get(network=network).organisation,
        name=users["partner"].get_full_name(),
        email=users["partner"].email,
    )
    wsp_contact = Partnership.objects.get(network=network, organisation__kind="wsp").main_contact
    zuidas = Venue.objects.create(
        network=network,
        name="Kantoor Zuidas",
        address="Gustav Mahlerplein 1, 1082 MA Amsterdam",
        room="Auditorium",
        accessibility="Rolstoeltoegankelijk, ringleiding aanwezig, invalidenparkeerplaatsen in de garage.",
    )
    hotel = Venue.objects.create(
        network=network,
        name="Hotel aan het IJ",
        address="IJdok 10, 1013 MM Amsterdam",
        room="Zaal Noord",
        accessibility="Lift naar de eerste verdieping; rustige ruimte beschikbaar.",
    )
    groups = []
    for index, (kind, name, purpose) in enumerate(AMSTERDAM_GROUPS):
        members = contacts[3 + index * 5 : 8 + index * 5]
        lead = partner_contact if index == 1 else members[0]
        group = Group.objects.create(network=network, kind=kind, name=name, purpose=purpose, lead=lead)
        group.members.add(*members, lead, wsp_contact)
        groups.append(group)
    GroupUpdate.objects.create(
        group=groups[1],
        author=users["partner"],
        text="Twee hotels bieden samen vier leerbanen in de bediening aan; het WSP zoekt kandidaten.",
    )
    GroupUpdate.objects.create(
        group=groups[4],
        text="Tien minder actieve partners gebeld; zes komen naar de jaarbijeenkomst.",
    )

    session = _activity(
        network,
        ActivityKind.KNOWLEDGE_SESSION,
        "Kennissessie: jobcarving in de praktijk",
        today + timedelta(10),
        15,
        17,
        venue=zuidas,
        capacity=40,
        registration_deadline=_at(today + timedelta(8), 12),
        description="Hoe maakt u van losse taken een passende functie? Twee werkgevers vertellen hoe zij het deden.",
    )
    Speaker.objects.create(activity=session, name="Eva de Vries", organisation="UWV", topic="Regio in beeld")
    Speaker.objects.create(
        activity=session,
        name="Ahmed Bakker",
        organisation=contacts[5].organisation.name,
        topic="Van taken naar een functie",
    )
    _register(session, contacts[:12])
    meet = _activity(
        network,
        ActivityKind.MEET_AND_GREET,
        "Meet & Greet met werkzoekenden",
        today + timedelta(10),
        17,
        18,
        venue=zuidas,
        capacity=30,
        host_organisation=contacts[0].organisation,
        description="Aansluitend op de kennissessie: maak kennis met werkzoekenden van Onbeperkt aan de Slag.",
    )
    Segment.objects.create(activity=meet, name="Werkzoekenden", seats=12)
    _register(meet, contacts[:18])
    full = _activity(
        network,
        ActivityKind.COMPANY_VISIT,
        "Bedrijfsbezoek: keuken met leerbanen",
        today + timedelta(17),
        10,
        12,
        venue=hotel,
        capacity=8,
        audience=Audience.ALL_PARTNERS,
    )
    _register(full, contacts[20:28])
    _register(full, contacts[28:31], status=RegistrationStatus.WAITING, start=100)
    group_meeting = _activity(
        network,
        ActivityKind.GROUP_MEETING,
        "Themagroep hospitality: leerbanen vullen",
        today + timedelta(24),
        14,
        16,
        venue=hotel,
        audience=Audience.GROUP,
        group=groups[1],
    )
    _register(group_meeting, [partner_contact, wsp_contact])
    _activity(
        network,
        ActivityKind.GOVERNMENT_DIALOGUE,
        "Dialoogsessie met de gemeente",
        today + timedelta(31),
        16,
        18,
        venue=zuidas,
        audience=Audience.INVITE_LIST,
    ).invitees.add(*contacts[:10])
    _activity(
        network,
        ActivityKind.ANNUAL_MEETING,
        "Jaarbijeenkomst: terugblikken en vooruitkijken",
        today + timedelta(60),
        15,
        19,
        venue=hotel,
        capacity=150,
    )
    past = _activity(
        network,
        ActivityKind.WORKSHOP,
        "Workshop inclusief werven",
        today - timedelta(14),
        9,
        12,
        venue=hotel,
        capacity=25,
        outcomes="Vacatureteksten korter en in taken; drie partners passen hun werving aan.",
    )
    _register(past, contacts[:9], attendance=Attendance.PRESENT)
    _register(past, contacts[9:12], attendance=Attendance.ABSENT, start=50)
    FollowUp.objects.create(
        activity=past,
        description="Voorbeeldteksten delen met alle deelnemers",
        owner=users["backoffice"],
        due_date=today - timedelta(3),
    )
    FollowUp.objects.create(
        activity=past,
        description="Drie partners koppelen aan het WSP",
        owner=users["coordinator"],
        due_date=today + timedelta(7),
    )
    FollowUp.objects.create(
        activity=past,
        description="Verslag in de nieuwsbrief",
        owner=users["backoffice"],
        due_date=today - timedelta(7),
        done_at=timezone.now() - timedelta(days=8),
    )
    meeting = _activity(
        network,
        ActivityKind.CORE_GROUP_MEETING,
        "Kerngroepvergadering",
        today + timedelta(5),
        16,
        17,
        venue=zuidas,
        audience=Audience.CORE_GROUP,
    )
    agenda_build(meeting)
    registration_counts_recount(activities=Activity.objects.filter(network=network))


def twente(b, network, users) -> None:
    today = b.today
    contacts = _main_contacts(network)
    sallandse = Partnership.objects.get(network=network, organisation__name="Sallandse Wegenbouw").main_contact
    venue = Venue.objects.create(
        network=network,
        name="Sallandse Wegenbouw",
        address="Hengelo",
        room="Kantine",
        accessibility="Gelijkvloers; parkeren voor de deur.",
    )
    groups = []
    for index, (name, purpose) in enumerate(TWENTE_GROUPS):
        lead = sallandse if index == 0 else contacts[1 + index]
        group = Group.objects.create(network=network, name=name, purpose=purpose, lead=lead)
        group.members.add(lead, *contacts[6 + index * 3 : 9 + index * 3])
        groups.append(group)
    _update(
        groups[0],
        "Gesprek met de wethouder gehad over werk bij het nieuwbouwproject; plan van aanpak voor de "
        "arbeidsmarktregio volgt.",
        days_ago=25,
    )
    _update(
        groups[2],
        "Vanaf volgende maand houden de advocaten in het netwerk elke maand een pro-bono-spreekuur over de "
        "no-riskpolis en loonkostensubsidie.",
        days_ago=3,
    )
    # The kerngroep meets every three weeks. The last meeting discussed the update posted before it and has its
    # minutes; the next one gets what came in since (the application, the newer update).
    previous = _activity(
        network,
        ActivityKind.CORE_GROUP_MEETING,
        "Kerngroepvergadering",
        today - timedelta(21),
        17,
        18,
        venue=venue,
        audience=Audience.CORE_GROUP,
    )
    agenda_build(previous)
    for item in previous.agenda_items.all():
        item.minutes, item.decision = TWENTE_MINUTES.get(item.section, ("", ""))
        item.save(update_fields=["minutes", "decision"])
    secretary = users["chair"]
    FollowUp.objects.bulk_create(
        [
            FollowUp(
                activity=previous,
                description="Plan van aanpak nieuwbouwproject delen met het WSP Twente",
                owner=secretary,
                due_date=today + timedelta(5),
            ),
            FollowUp(
                activity=previous,
                description="LinkedIn-bericht over het bedrijfsbezoek plaatsen",
                owner=secretary,
                due_date=today - timedelta(3),
            ),
            FollowUp(
                activity=previous,
                description="Verslag naar de kerngroep sturen",
                owner=secretary,
                due_date=today - timedelta(18),
                done_at=timezone.now() - timedelta(days=19),
            ),
        ]
    )
    meeting = _activity(
        network,
        ActivityKind.CORE_GROUP_MEETING,
        "Kerngroepvergadering",
        today + timedelta(2),
        17,
        18,
        venue=venue,
        audience=Audience.CORE_GROUP,
    )
    agenda_build(meeting)
    visit = _activity(
        network,
        ActivityKind.COMPANY_VISIT,
        "Bedrijfsbezoek Sallandse Wegenbouw",
        today + timedelta(12),
        14,
        16,
        venue=venue,
        capacity=20,
        host_organisation=sallandse.organisation,
    )
    _register(visit, contacts[:7])
    registration_counts_recount(activities=Activity.objects.filter(network=network))


# The praktijktafel of seed 003, retold: five municipalities bring a question; an alderman and a kerngroep
# member stay at each table while employers, schools and policy officers rotate over two rounds.
AMERSFOORT_TABLES = [
    (
        "Baarn",
        "Kringloop",
        "Er zijn zoveel bemiddelingsinitiatieven. Hoe houden werkgevers en beleidsmakers het overzicht?",
        [
            "Eén duidelijk aanspreekpunt voor werkgevers",
            "Laat de bedrijvenkring het verbinden",
            "Waardeer goede initiatieven zichtbaar",
            "Persoonlijk contact boven nieuwe regelingen",
        ],
        "Bundel wat er is in plaats van er iets naast te zetten, en laat zien welke initiatieven werken.",
    ),
    (
        "Woudenberg",
        "Art.1 Midden Nederland",
        "Hoe helpen we statushouders aan werk dat blijft?",
        [
            "Een buddy voor de nieuwe collega én voor de werkgever",
            "Blijf mensen ook na de start volgen",
            "Bedrijfsbezoeken met een ambassadeur",
            "Denk in taken in plaats van in een functieprofiel",
        ],
        "Begeleiding stopt niet bij de eerste werkdag; werkgevers leren het snelst van elkaar.",
    ),
    (
        "Soest",
        "ITvitae",
        "Welke ideeën maken meer werkgevers enthousiast om mee te doen?",
        [
            "Kijk naar talent, niet naar de beperking",
            "Laat ambassadeurs hun verhaal vertellen",
            "Maak het laagdrempelig met stages en speedmeets",
            "Spreek de taal van de ondernemer",
        ],
        "Ontmoeting en eerlijke voorbeelden overtuigen meer dan campagnes alleen.",
    ),
    (
        "Leusden",
        "Arcadis",
        "Hoe brengen we vraag en aanbod beter bij elkaar?",
        [
            "Begin met meeloopdagen en werkervaringsplekken",
            "Maatwerk, eventueel met behoud van uitkering",
            "Houd verwachtingen aan beide kanten helder",
            "Betrek het praktijkonderwijs vroeg",
        ],
        "Klein beginnen werkt: wie een dag meeloopt, verliest zijn koudwatervrees.",
    ),
    (
        "Amersfoort",
        "KNGF",
        "Hoe verleiden we meer werkgevers tot inclusief werkgeven?",
        [
            "Denk vanuit de kandidaat, niet vanuit de vacature",
            "Deel succesverhalen en reik een prijs uit",
            "Eén loket dat werkgevers ontzorgt",
            "Investeer in de relatie",
        ],
        "Minder regelingen, meer ontmoeting: werkgevers overtuigen elkaar via mond-tot-mondreclame.",
    ),
]


def amersfoort(b, network, users) -> None:
    from spil.activities import table_services
    from spil.activities.models import Table, TableParticipant, TableRole, TableSession

    day = b.today - timedelta(days=20)
    venue = Venue.objects.create(
        network=network,
        name="Stadhuis Amersfoort",
        address="Stadhuisplein 1, Amersfoort",
        room="Raadzaal",
        accessibility="Rolstoeltoegankelijk; lift aanwezig.",
    )
    activity = _activity(
        network,
        ActivityKind.PRACTICE_TABLE,
        "Praktijktafel: werkgevers helpen wethouders",
        day,
        14,
        17,
        venue=venue,
        capacity=40,
        description="Vijf wethouders brengen elk een actuele vraag mee over inclusie. Werkgevers, scholen en "
        "beleidsmedewerkers denken in twee rondes mee.",
        outcomes="De rode draad: laten we het gaan doen, en samen laten zien wat werkgevers al doen.",
    )
    session = TableSession.objects.create(
        activity=activity,
        rounds=2,
        seats_per_table=6,
        published=True,
        summary="Een interactieve middag: wethouders pitchten hun vraag, werkgevers kwamen met oplossingen uit "
        "eigen ervaring. In de tweede ronde bouwden nieuwe gasten voort op de ideeën van de eerste.",
    )
    core = {
        p.organisation.name: p.main_contact
        for p in Partnership.objects.filter(network=network).select_related("organisation", "main_contact")
    }
    for number, (municipality, member_org, question, solutions, summary) in enumerate(AMERSFOORT_TABLES, 1):
        table = Table.objects.create(
            session=session,
            number=number,
            brought_by=f"Gemeente {municipality}",
            question=question,
            solutions="\n".join(solutions),
            summary=summary,
        )
        member = core.get(member_org)
        TableParticipant.objects.bulk_create(
            [
                TableParticipant(
                    session=session,
                    role=TableRole.HOST,
                    table=table,
                    name=f"Wethouder {municipality}",
                    organisation=f"Gemeente {municipality}",
                ),
                TableParticipant(
                    session=session,
                    role=TableRole.HOST,
                    table=table,
                    name=member.name if member else f"Kerngroeplid {member_org}",
                    organisation=member_org,
                ),
            ]
        )
    employers = [c for name, c in core.items() if name not in {t[1] for t in AMERSFOORT_TABLES} and c]
    guests = [TableParticipant(session=session, name=c.name, organisation=c.organisation.name) for c in employers[:14]]
    guests += [
        TableParticipant(session=session, name=f"Docent {school}", organisation=school)
        for school in ["VSO De Sterrenschool", "PrO Amersfoort"]
    ]
    guests += [
        TableParticipant(session=session, name=f"Beleidsmedewerker {place}", organisation=f"Gemeente {place}")
        for place in ["Amersfoort", "Soest"]
    ]
    TableParticipant.objects.bulk_create(guests)
    table_services.plan_and_store(session=session, seed=3)
