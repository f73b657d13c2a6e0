"""The demo: the three networks of the source documents, with generated people.

Facts (names of networks and organisations, dates, numbers) come from the seeds;
every person and every other organisation is generated.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from spil.accounts.models import Membership, Role
from spil.networks.models import (
    Body,
    BodyKind,
    Cooperation,
    LabourMarketRegion,
    Network,
    Seat,
    Stakeholder,
)
from spil.partners.models import (
    AdmissionDecision,
    AdmissionOpinion,
    Ambition,
    AmbitionKind,
    Contact,
    Contribution,
    Organisation,
    OrganisationKind,
    Partnership,
    Result,
    Source,
    Stage,
    Status,
)
from spil.partners.services import ambition_figures_recount

from . import demo_activities, demo_desk, demo_knowledge, demo_matching, demo_outreach, names

DEMO_PASSWORD = "spil-demo-2026"
DEMO_SLUGS = ["99vangroot-amsterdam", "99vantwente", "dnz-amersfoort"]


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    network: str


DEMO_LOGINS = [
    DemoLogin("coordinator@spil.example", "Netwerkcoördinator (ook in Amersfoort)", "99vanGroot-Amsterdam"),
    DemoLogin("backoffice@spil.example", "Backoffice", "99vanGroot-Amsterdam"),
    DemoLogin("voorzitter@spil.example", "Kerngroep, voorzitter (in Twente: secretaris)", "99vanGroot-Amsterdam"),
    DemoLogin("kerngroep@spil.example", "Kerngroeplid (in Twente: contactpersoon)", "99vanGroot-Amsterdam"),
    DemoLogin("partner@spil.example", "Contactpersoon van een partner", "99vanGroot-Amsterdam"),
    DemoLogin("wsp@spil.example", "Adviseur WSP Groot-Amsterdam", "99vanGroot-Amsterdam"),
    DemoLogin("stuurgroep@spil.example", "Stuurgroeplid", "99vanGroot-Amsterdam"),
    DemoLogin("redacteur@spil.example", "Redacteur wegwijzer (ook in Amersfoort)", "99vanGroot-Amsterdam"),
]


def demo_present() -> bool:
    return Network.objects.filter(slug__in=DEMO_SLUGS).exists()


def demo_remove() -> None:
    with transaction.atomic():
        Network.objects.filter(slug__in=DEMO_SLUGS).delete()
        get_user_model().objects.filter(email__in=[login.email for login in DEMO_LOGINS]).delete()


class Builder:
    def __init__(self, seed: int = 2015):
        self.rng = random.Random(seed)
        self.kvk = 60000000 + seed
        self.today = timezone.localdate()

    def next_kvk(self) -> str:
        self.kvk += self.rng.randint(1, 97)
        return str(self.kvk)

    def organisation(self, name: str, region: str, kind=OrganisationKind.EMPLOYER, sector: str = "") -> Organisation:
        municipality, prefix = self.rng.choice(names.MUNICIPALITIES[region])
        return Organisation.objects.create(
            name=name,
            kind=kind,
            kvk_number=self.next_kvk(),
            sector=sector or self.rng.choice(names.TRADES)[1],
            employees=self.rng.choice([8, 15, 25, 40, 60, 120, 250, 800]),
            street=f"{self.rng.choice(['Stationsweg', 'Industrieweg', 'Kerkstraat', 'Dorpsstraat'])} "
            f"{self.rng.randint(1, 180)}",
            postcode=names.postcode(self.rng, prefix),
            municipality=municipality,
        )

    def contact(self, organisation: Organisation, name: str | None = None) -> Contact:
        name = name or names.person_name(self.rng)
        domain = organisation.name.lower().split()[0].replace(".", "") + ".example"
        return Contact.objects.create(
            organisation=organisation,
            name=name,
            function=self.rng.choice(names.FUNCTIONS),
            email=names.email_for(name, domain),
            phone=f"06-{self.rng.randint(10000000, 99999999)}",
        )

    def partnership(self, network: Network, organisation: Organisation, **extra) -> Partnership:
        contact = self.contact(organisation)
        extra.setdefault("status", Status.ACTIVE)
        extra.setdefault("stage", self.rng.choice([Stage.STARTER, Stage.STARTER, Stage.ADVANCED, Stage.EXPERT]))
        extra.setdefault("joined_on", (network.founded_on or date(2018, 1, 1)) + timedelta(self.rng.randint(0, 900)))
        return Partnership.objects.create(network=network, organisation=organisation, main_contact=contact, **extra)

    def ambition_with_results(self, partnership: Partnership, *, with_results: bool = True) -> None:
        kind = self.rng.choice([AmbitionKind.JOBS, AmbitionKind.JOBS, AmbitionKind.LEARNING_JOBS, AmbitionKind.PLACES])
        target = self.rng.randint(1, 10)
        ambition = Ambition.objects.create(
            partnership=partnership,
            kind=kind,
            target=target,
            target_date=date(self.today.year + 1, 12, 31),
            description="",
        )
        if with_results:
            for _ in range(self.rng.randint(0, 3)):
                Result.objects.create(
                    ambition=ambition,
                    number=self.rng.randint(1, max(1, target // 2)),
                    date=self.today - timedelta(self.rng.randint(10, 400)),
                    description=self.rng.choice(
                        ["Medewerker in dienst via WSP", "Leerbaan gestart", "Proefplaatsing omgezet in contract", ""]
                    ),
                )

    def bodies(self, network: Network, rhythm: dict | None = None) -> dict[str, Body]:
        rhythm = rhythm or {}
        return {
            kind: Body.objects.create(network=network, kind=kind, meeting_every_weeks=rhythm.get(kind))
            for kind in BodyKind.values
        }


def user(email: str, first: str, last: str):
    return get_user_model().objects.create_user(email=email, password=DEMO_PASSWORD, first_name=first, last_name=last)


def _amsterdam(b: Builder, users: dict) -> Network:
    network = Network.objects.create(
        name="99vanGroot-Amsterdam",
        slug="99vangroot-amsterdam",
        founded_on=date(2015, 6, 8),
        predecessor="De Ambitie van Zuid",
        principles="Banen voor een inclusieve arbeidsmarkt\nAmbitie en transparantie\n"
        "Kennis en netwerk delen\nIn gesprek met de overheid",
        financing_model="external",
        funder="Werkgeversservicepunt Groot-Amsterdam",
        ownership_model="unburdening",
        description="Netwerk van werkgevers in de regio Groot-Amsterdam dat samen bouwt aan een inclusieve "
        "arbeidsmarkt. Gestart door tien bedrijven aan de Zuidas; het WSP betaalt de inzet van de coördinator.",
    )
    network.regions.add(LabourMarketRegion.objects.get(name="Groot Amsterdam"))
    bodies = b.bodies(network, {BodyKind.CORE_GROUP: 4, BodyKind.STEERING: 8, BodyKind.AMBASSADORS: 6})
    bodies[BodyKind.STEERING].description = "Stuurt op hoofdlijnen en resultaten."
    bodies[BodyKind.STEERING].save()
    for org in ["ORAM", "Werkgeversservicepunt Groot-Amsterdam", "De Normaalste Zaak"]:
        Seat.objects.create(body=bodies[BodyKind.STEERING], person_name=names.person_name(b.rng), organisation_name=org)
    Seat.objects.create(body=bodies[BodyKind.STEERING], user=users["steering"], organisation_name="ORAM", role="member")

    wsp = b.organisation("Werkgeversservicepunt Groot-Amsterdam", "Groot Amsterdam", OrganisationKind.WSP, "Overheid")
    b.partnership(network, wsp, stage=Stage.EXPERT)
    partnerships = []
    # 108 partners in all (seed 000): the WSP, 106 employers and the admitted applicant below.
    for _ in range(106):
        name, sector = names.company_name(b.rng)
        partnerships.append(b.partnership(network, b.organisation(name, "Groot Amsterdam", sector=sector)))
    for index, partnership in enumerate(partnerships):
        # Every partner has an ambition; not all have realised one yet.
        b.ambition_with_results(partnership, with_results=index % 4 != 0)
    for partnership in partnerships[100:]:
        partnership.status = Status.INACTIVE
        partnership.save(update_fields=["status"])

    core = bodies[BodyKind.CORE_GROUP]
    Seat.objects.create(
        body=core, user=users["chair"], role="chair", organisation_name=partnerships[0].organisation.name
    )
    Seat.objects.create(
        body=core, user=users["core"], role="member", organisation_name=partnerships[1].organisation.name
    )
    for role in ["secretary", "treasurer", "communication"]:
        Seat.objects.create(
            body=core,
            person_name=names.person_name(b.rng),
            role=role,
            organisation_name=b.rng.choice(partnerships).organisation.name,
        )
    for _ in range(4):
        Seat.objects.create(
            body=bodies[BodyKind.AMBASSADORS],
            person_name=names.person_name(b.rng),
            organisation_name=b.rng.choice(partnerships).organisation.name,
        )

    Membership.objects.create(user=users["coordinator"], network=network, role=Role.COORDINATOR)
    Membership.objects.create(user=users["backoffice"], network=network, role=Role.BACKOFFICE)
    Membership.objects.create(user=users["chair"], network=network, role=Role.CORE_GROUP)
    Membership.objects.create(user=users["core"], network=network, role=Role.CORE_GROUP)
    Membership.objects.create(user=users["steering"], network=network, role=Role.STEERING)
    Membership.objects.create(
        user=users["partner"], network=network, role=Role.PARTNER_CONTACT, organisation=partnerships[2].organisation
    )
    Membership.objects.create(user=users["wsp"], network=network, role=Role.PUBLIC_ADVISOR, organisation=wsp)

    for name, kind, interest, influence in [
        ("ORAM", "employer_association", 4, 4),
        ("VNO-NCW", "employer_association", 3, 4),
        ("Werkgeversservicepunt Groot-Amsterdam", "wsp", 5, 5),
        ("Gemeente Amsterdam", "municipality", 4, 5),
        ("UWV", "uwv", 4, 3),
        ("Amsterdam Economic Board", "other", 3, 3),
        ("Onbeperkt aan de Slag", "other", 4, 2),
    ]:
        Stakeholder.objects.create(network=network, name=name, kind=kind, interest=interest, influence=influence)

    # Open applications with opinions, and one earlier decision with its history.
    for index in range(3):
        name, sector = names.company_name(b.rng)
        applicant = b.partnership(
            network,
            b.organisation(name, "Groot Amsterdam", sector=sector),
            status=Status.APPLICANT,
            joined_on=None,
            source=Source.PUBLIC_FORM,
            applied_at=timezone.now() - timedelta(days=3 + index * 5),
            motivation="Wij willen twee leerbanen creëren en leren van andere werkgevers in de regio.",
        )
        if index == 0:
            AdmissionOpinion.objects.create(
                partnership=applicant,
                author=users["core"],
                opinion="in_favour",
                comment="Past goed bij onze themagroep hospitality.",
            )
    name, sector = names.company_name(b.rng)
    admitted = b.partnership(
        network,
        b.organisation(name, "Groot Amsterdam", sector=sector),
        status=Status.ADMITTED,
        source=Source.PUBLIC_FORM,
        applied_at=timezone.now() - timedelta(days=40),
        motivation="Aangedragen door een partner die al in het netwerk zit.",
    )
    AdmissionOpinion.objects.create(partnership=admitted, author=users["core"], opinion="in_favour")
    AdmissionDecision.objects.create(
        partnership=admitted,
        decided_by=users["chair"],
        decision="admitted",
        reason="Intrinsiek gemotiveerd en aangedragen door een actieve partner.",
    )
    return network


def _twente(b: Builder, users: dict) -> Network:
    network = Network.objects.create(
        name="99vanTwente",
        slug="99vantwente",
        founded_on=date(2017, 3, 1),
        principles="Werkgevers bepalen zelf wat ze doen en wat het moet opleveren\nActiegericht en praktisch",
        financing_model="contributions",
        ownership_model="ownership",
        description="Ontstaan op initiatief van een werkgever met een initiatiefgroep van zes werkgevers. "
        "De kerngroep vergadert elke drie weken en beslist over elke nieuwe deelnemer.",
    )
    network.regions.add(LabourMarketRegion.objects.get(name="Twente"))
    bodies = b.bodies(network, {BodyKind.CORE_GROUP: 3})
    sallandse = b.organisation("Sallandse Wegenbouw", "Twente", sector="Bouw")
    partnerships = [b.partnership(network, sallandse, stage=Stage.ADVANCED)]
    for _ in range(19):
        name, sector = names.company_name(b.rng)
        partnerships.append(b.partnership(network, b.organisation(name, "Twente", sector=sector)))
    for index, partnership in enumerate(partnerships):
        if index % 3:
            b.ambition_with_results(partnership, with_results=index % 2 == 0)
        Contribution.objects.create(
            partnership=partnership,
            year=b.today.year,
            amount=Decimal("750.00"),
            invoiced_on=date(b.today.year, 2, 1),
            paid_on=date(b.today.year, 3, 1) if index % 4 else None,
        )
    # The initiative group of six employers became the kerngroep.
    core = bodies[BodyKind.CORE_GROUP]
    for index, partnership in enumerate(partnerships[:6]):
        Seat.objects.create(
            body=core,
            person_name=partnership.main_contact.name,
            organisation_name=partnership.organisation.name,
            role="chair" if index == 0 else "member",
        )
    Membership.objects.create(
        user=users["core"], network=network, role=Role.PARTNER_CONTACT, organisation=partnerships[3].organisation
    )
    # The voorzitter of Amsterdam is Twente's secretary, who keeps the minutes: a demo login for its meetings.
    Seat.objects.create(
        body=core, user=users["chair"], role="secretary", organisation_name=partnerships[1].organisation.name
    )
    Membership.objects.create(user=users["chair"], network=network, role=Role.CORE_GROUP)
    # An application for the next kerngroep meeting, which decides on every new participant.
    name, sector = names.company_name(b.rng)
    b.partnership(
        network,
        b.organisation(name, "Twente", sector=sector),
        status=Status.APPLICANT,
        joined_on=None,
        source=Source.PUBLIC_FORM,
        applied_at=timezone.now() - timedelta(days=4),
        motivation="Wij zoeken werkplekken voor mensen met een arbeidsbeperking en willen leren van andere werkgevers.",
    )
    for name, kind in [
        ("Gemeente Enschede", "municipality"),
        ("Gemeente Hengelo", "municipality"),
        ("Werkgeversservicepunt Twente", "wsp"),
        ("ROC van Twente", "education"),
    ]:
        Stakeholder.objects.create(network=network, name=name, kind=kind, interest=4, influence=4)
    Cooperation.objects.create(
        network=network,
        partner_name="Ondernemersvereniging in Twente",
        level=3,
        notes="Afstemming door de voorzitter; gezamenlijke activiteiten waar het kan.",
    )
    return network


AMERSFOORT_CORE = [
    "KNGF",
    "Autitalent",
    "Arcadis",
    "Kringloop",
    "Regardz",
    "ITvitae",
    "Art.1 Midden Nederland",
    "Branderhorst",
]


def _amersfoort(b: Builder, users: dict) -> Network:
    network = Network.objects.create(
        name="De Normaalste Zaak Amersfoort",
        slug="dnz-amersfoort",
        founded_on=date(2016, 9, 1),
        financing_model="contributions",
        ownership_model="ownership",
        description="Regionaal netwerk rond Amersfoort dat met de gemeenten in gesprek gaat aan praktijktafels.",
    )
    network.regions.add(LabourMarketRegion.objects.get(name="Amersfoort"))
    bodies = b.bodies(network, {BodyKind.CORE_GROUP: 6})
    core = bodies[BodyKind.CORE_GROUP]
    for index, org_name in enumerate(AMERSFOORT_CORE):
        partnership = b.partnership(network, b.organisation(org_name, "Amersfoort"), stage=Stage.EXPERT)
        b.ambition_with_results(partnership)
        Seat.objects.create(
            body=core,
            person_name=partnership.main_contact.name,
            organisation_name=org_name,
            role="chair" if index == 0 else "member",
        )
    for _ in range(12):
        name, sector = names.company_name(b.rng)
        b.partnership(network, b.organisation(name, "Amersfoort", sector=sector))
    for municipality in ["Soest", "Amersfoort", "Leusden", "Baarn", "Woudenberg"]:
        Stakeholder.objects.create(
            network=network,
            name=f"Gemeente {municipality}",
            kind="municipality",
            interest=4,
            influence=4,
            notes=f"Wethouder {municipality} schuift aan bij de praktijktafel.",
        )
    Membership.objects.create(user=users["coordinator"], network=network, role=Role.COORDINATOR)
    return network


def load_demo(seed: int = 2015) -> list[Network]:
    """Create the three demo networks and one login per role. Run in one transaction."""
    b = Builder(seed)
    with transaction.atomic():
        users = {
            "coordinator": user("coordinator@spil.example", *names.person_name(b.rng).split(" ", 1)),
            "backoffice": user("backoffice@spil.example", *names.person_name(b.rng).split(" ", 1)),
            "chair": user("voorzitter@spil.example", *names.person_name(b.rng).split(" ", 1)),
            "core": user("kerngroep@spil.example", *names.person_name(b.rng).split(" ", 1)),
            "partner": user("partner@spil.example", *names.person_name(b.rng).split(" ", 1)),
            "wsp": user("wsp@spil.example", *names.person_name(b.rng).split(" ", 1)),
            "steering": user("stuurgroep@spil.example", *names.person_name(b.rng).split(" ", 1)),
        }
        networks = [_amsterdam(b, users), _twente(b, users), _amersfoort(b, users)]
        demo_activities.amsterdam(b, networks[0], users)
        demo_activities.twente(b, networks[1], users)
        demo_activities.amersfoort(b, networks[2], users)
        demo_desk.amsterdam(b, networks[0], users)
        demo_outreach.amsterdam(b, networks[0], users)
        demo_matching.amsterdam(b, networks[0], users)
        demo_knowledge.load(networks, password=DEMO_PASSWORD)
        ambition_figures_recount(partnerships=Partnership.objects.filter(network__in=networks))
        return networks


def logins_text() -> str:
    lines = [f"Demo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD}):"]
    lines += [f"  {login.email:<28} {login.role} — {login.network}" for login in DEMO_LOGINS]
    return "\n".join(lines)
