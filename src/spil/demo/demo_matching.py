"""Demo candidates in 99vanGroot-Amsterdam, registered by the WSP advisor, with consents of every purpose (one
revoked, one candidate with none, one whose contact details are shared with the demo partner's organisation).
The people are invented. Written directly, because the demo loads in one transaction and the services own
theirs."""

from datetime import date, timedelta

from django.utils import timezone

from spil.accounts.models import Membership, Role
from spil.matching.access import log_access
from spil.matching.consent_texts import consent_text
from spil.matching.geo import coordinates
from spil.matching.models import AccessAction, Candidate, Consent, Task

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
    return made
