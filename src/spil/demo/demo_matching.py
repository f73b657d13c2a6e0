"""Demo candidates in 99vanGroot-Amsterdam, registered by the WSP advisor, with consents of every purpose (one
revoked, one candidate with none, one whose contact details are shared with the demo partner's organisation).
The people are invented. Written directly, because the demo loads in one transaction and the services own
theirs."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from spil.accounts.models import Membership, Role
from spil.matching.access import log_access
from spil.matching.consent_texts import consent_text
from spil.matching.geo import coordinates
from spil.matching.models import AccessAction, Candidate, Consent, Opportunity, Task

# first, last, birth date, postcode, municipality, education, hours, target groups, support, sectors,
# can, wants to learn, pitch, consents
CANDIDATES = [
    (
        "Samira",
        "El Idrissi",
        date(1998, 4, 12),
        "1061 AB",
        "Amsterdam",
        "entree",
        24,
        ["participation"],
        ["job_coach"],
        ["Horeca", "Schoonmaak en facilitair"],
        ["Afwassen", "Groente snijden", "Tafels dekken"],
        ["Koken"],
        "Ik werk graag in een team en ben altijd op tijd. In de keuken van het buurthuis hielp ik twee jaar mee.",
        ["match", "anonymous_profile", "share_contact"],
    ),
    (
        "Dennis",
        "Kuipers",
        date(1987, 9, 3),
        "1102 CD",
        "Amsterdam",
        "vmbo",
        32,
        ["ww"],
        [],
        ["Logistiek en transport"],
        ["Orderpicken", "Inpakken", "Heftruck rijden"],
        ["Voorraadbeheer"],
        "Twaalf jaar magazijnervaring; na een reorganisatie zoek ik weer vast werk dichtbij huis.",
        ["match", "anonymous_profile"],
    ),
    (
        "Mebrahtu",
        "Tesfay",
        date(2001, 1, 27),
        "1025 EF",
        "Amsterdam",
        "none",
        20,
        ["refugee", "no_qualification"],
        ["language", "buddy"],
        ["Groen", "Bouw en infra"],
        ["Gras maaien", "Snoeien"],
        ["Stratenmaken", "Nederlands op de werkvloer"],
        "Ik leer snel en werk graag buiten. Ik wil een vak leren met een praktijkverklaring.",
        ["match"],
    ),
    (
        "Ilse",
        "Verbeek",
        date(1979, 11, 8),
        "1181 GH",
        "Amstelveen",
        "mbo2",
        16,
        ["job_agreement", "wajong"],
        ["job_coach"],
        ["Zorg en welzijn"],
        ["Bedden opmaken", "Koffie en thee rondbrengen"],
        ["Activiteiten begeleiden"],
        "Rustig, precies en zorgzaam. Met een vaste werkplek en een vaste collega kom ik het best tot mijn recht.",
        ["match", "anonymous_profile"],
    ),
    (
        "Kevin",
        "Brouwer",
        date(2004, 6, 19),
        "1503 JK",
        "Zaandam",
        "vmbo",
        36,
        ["no_qualification"],
        [],
        ["Techniek en productie"],
        ["Fietsen repareren"],
        ["Lassen"],
        "Ik sleutel al jaren aan fietsen en brommers en wil een leerbaan in de techniek.",
        [],
    ),
]


def amsterdam(b, network, users: dict) -> list[Candidate]:
    advisor = Membership.objects.select_related("organisation").get(
        user=users["wsp"], network=network, role=Role.PUBLIC_ADVISOR
    )
    partner = Membership.objects.get(user=users["partner"], network=network, role=Role.PARTNER_CONTACT)
    now = timezone.now()
    tasks: dict[str, Task] = {}

    def task(name: str) -> Task:
        if name.lower() not in tasks:
            tasks[name.lower()] = Task.objects.filter(key=name.lower()).first() or Task.objects.create(
                name=name, created_by=users["wsp"]
            )
        return tasks[name.lower()]

    made = []
    for number, row in enumerate(CANDIDATES):
        first, last, born, postcode, municipality, education, hours, groups, support, sectors = row[:10]
        can, learn, pitch, purposes = row[10:]
        point = coordinates(postcode)
        registered = now - timedelta(days=60 - 10 * number)
        candidate = Candidate.objects.create(
            organisation=advisor.organisation,
            network=network,
            registered_by=users["wsp"],
            first_name=first,
            last_name=last,
            email=f"{first.lower()}.{last.lower().replace(' ', '')}@voorbeeld.example",
            phone=f"06 {b.rng.randint(10000000, 99999999)}",
            postcode=postcode,
            municipality=municipality,
            birth_date=born,
            target_groups=groups,
            education=education,
            sectors=sectors,
            hours_per_week=hours,
            max_travel_km=15,
            work_fit="with_support" if support else "ready",
            support_needs=support,
            pitch=pitch,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            last_activity_at=registered,
        )
        candidate.tasks.set([task(name) for name in can])
        candidate.learn_tasks.set([task(name) for name in learn])
        for purpose in purposes:
            version, text = consent_text(purpose, network=network)
            Consent.objects.create(
                candidate=candidate,
                purpose=purpose,
                network=network,
                employer=partner.organisation if purpose == "share_contact" else None,
                given_at=registered,
                recorded_by=users["wsp"],
                text_version=version,
                text=text,
                expires_on=(registered + timedelta(days=365)).date(),
            )
        made.append(candidate)
    # One consent given and later revoked: the history shows both.
    version, text = consent_text("anonymous_profile", network=network)
    Consent.objects.create(
        candidate=made[2],
        purpose="anonymous_profile",
        network=network,
        given_at=now - timedelta(days=30),
        recorded_by=users["wsp"],
        text_version=version,
        text=text,
        revoked_at=now - timedelta(days=5),
        revoked_by=users["wsp"],
    )
    log_access(user=users["wsp"], network=network, candidates=made, action=AccessAction.EDIT, reason="geregistreerd")
    log_access(
        user=users["coordinator"],
        network=network,
        candidates=made[:4],
        action=AccessAction.VIEW,
        reason="profiel bekeken",
    )
    _drive_in(b, network, users, made, task)
    _introduction(network, users, made[0])
    _cohort(network, users, task)
    return made


def _drive_in(b, network, users: dict, made: list[Candidate], task) -> None:
    """A drive-in (speedmeet, seed 004) next month: three candidates with a consent for an anonymous profile are
    presented, two employers registered and tapped yes or no; the plan is left for the organiser to make."""
    from spil.activities.models import Activity, ActivityKind, Audience, Registration, RegistrationStatus
    from spil.matching.models import Opportunity, OpportunityTask, Speedmeet, SpeedmeetCandidate, SpeedmeetInterest
    from spil.partners.models import OrganisationKind, Partnership

    partner = Membership.objects.select_related("organisation").get(user=users["partner"], network=network)
    other = (
        Partnership.objects.filter(network=network, organisation__kind=OrganisationKind.EMPLOYER, status="active")
        .exclude(organisation=partner.organisation)
        .select_related("organisation", "main_contact")
        .order_by("pk")
        .first()
    )
    day = b.today + timedelta(days=30)
    starts = timezone.make_aware(datetime.combine(day, time(14, 0)))
    activity = Activity.objects.create(
        network=network,
        kind=ActivityKind.SPEEDMEET,
        title="Drive-in: kandidaten in beeld",
        description=(
            "Op het grote scherm ziet u korte videopitches van werkzoekenden. Tik op uw telefoon aan wie u wilt "
            "spreken; daarna volgen korte kennismakingsgesprekken van tien minuten."
        ),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        audience=Audience.ALL_PARTNERS,
        venue_name="Parkeerdek DZB",
        venue_address="Amsterdam",
    )
    speedmeet = Speedmeet.objects.create(
        activity=activity, first_slot_at=starts + timedelta(minutes=30), slot_minutes=10, slots=6, tables=4
    )
    employers = [(partner.organisation, users["partner"].get_full_name(), users["partner"].email, users["partner"])]
    if other is not None and other.main_contact is not None:
        employers.append((other.organisation, other.main_contact.name, other.main_contact.email, None))
    for index, (organisation, name, email, user) in enumerate(employers):
        Registration.objects.create(
            activity=activity,
            name=name,
            email=email.lower(),
            organisation=organisation,
            user=user,
            status=RegistrationStatus.REGISTERED,
            queued_at=timezone.now() - timedelta(days=3, minutes=index),
        )
    activity.registered_count = len(employers)
    activity.save(update_fields=["registered_count"])
    shown = [made[0], made[1], made[3]]  # the ones with a consent for an anonymous profile
    for order, candidate in enumerate(shown, start=1):
        SpeedmeetCandidate.objects.create(speedmeet=speedmeet, candidate=candidate, order=order, added_by=users["wsp"])
    marks = [(0, made[0], True), (0, made[1], False), (0, made[3], True)]
    if len(employers) > 1:
        marks += [(1, made[0], True), (1, made[1], True)]
    for index, candidate, wants in marks:
        SpeedmeetInterest.objects.create(
            speedmeet=speedmeet,
            candidate=candidate,
            organisation=employers[index][0],
            wants=wants,
            by=employers[index][3],
        )
    # An open place at the demo partner, so confirming the plan makes introductions.
    point = coordinates("1061 AB")
    kitchen = Opportunity.objects.create(
        network=network,
        organisation=partner.organisation,
        kind="vacancy",
        title="Medewerker keuken",
        description="Meehelpen in de bedrijfskeuken: afwassen, groente snijden, tafels dekken.",
        hours_per_week=24,
        postcode="1061 AB",
        latitude=point[0] if point else None,
        longitude=point[1] if point else None,
        created_by=users["partner"],
    )
    for name, share in (("Afwassen", 40), ("Groente snijden", 30), ("Tafels dekken", 30)):
        OpportunityTask.objects.create(opportunity=kitchen, task=task(name), share=share)


def _cohort(network, users: dict, task) -> None:
    """Two more open places, and a cohort assignment of the WSP's consented candidates over all three
    (De achthonderd, on a small scale): the advisor can accept or decline each proposed pair."""
    from spil.matching.cohort_services import cohort_compute
    from spil.matching.models import OpportunityTask
    from spil.partners.models import Organisation

    advisor = Membership.objects.get(user=users["wsp"], network=network, role=Role.PUBLIC_ADVISOR)
    employers = list(Organisation.objects.filter(partnerships__network=network, kind="employer").order_by("pk")[:3])
    places = [
        ("Magazijnmedewerker", "1101 AA", 32, [("Orderpicken", 50), ("Inpakken", 30), ("Voorraadbeheer", 20)]),
        ("Medewerker groen", "1024 AB", 20, [("Gras maaien", 50), ("Snoeien", 30), ("Stratenmaken", 20)]),
    ]
    for (title, postcode, hours, shares), employer in zip(places, employers[1:] or employers, strict=False):
        point = coordinates(postcode)
        opportunity = Opportunity.objects.create(
            network=network,
            organisation=employer,
            kind="vacancy" if hours > 24 else "learning_job_certificate",
            title=title,
            hours_per_week=hours,
            postcode=postcode,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            learning_route="Entree, praktijkverklaring" if hours <= 24 else "",
            created_by=users["wsp"],
        )
        for name, share in shares:
            OpportunityTask.objects.create(opportunity=opportunity, task=task(name), share=share)
    cohort_compute(
        network=network,
        organisation=advisor.organisation,
        user=users["wsp"],
        name="Voorjaarscohort Amsterdam",
        criteria={"without_match": True},
    )


def _introduction(network, users: dict, candidate: Candidate) -> None:
    """The first candidate was introduced to the demo partner's kitchen place: with the consent to share her
    contact details with that employer, the partner sees who she is."""
    from spil.matching.models import Match, MatchEvent, Opportunity, Stage

    partner = Membership.objects.get(user=users["partner"], network=network, role=Role.PARTNER_CONTACT)
    kitchen = Opportunity.objects.filter(network=network, organisation=partner.organisation).order_by("pk").first()
    if kitchen is None:
        return
    now = timezone.now()
    match = Match.objects.create(
        candidate=candidate,
        opportunity=kitchen,
        score=82,
        stage=Stage.INTRODUCTION,
        stage_changed_at=now - timedelta(days=2),
        created_by=users["wsp"],
    )
    for days, stage, actor in (
        (9, Stage.SUGGESTED, users["wsp"]),
        (8, Stage.PROPOSED, users["wsp"]),
        (2, Stage.INTRODUCTION, users["partner"]),
    ):
        MatchEvent.objects.create(match=match, stage=stage, at=now - timedelta(days=days), actor=actor)
