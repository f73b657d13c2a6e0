"""Synthetic data at three sizes (demo, region, national) for benchmarks and load tests.

Everything is written with bulk_create in batches inside one transaction, so the
national size (35 networks, 10,000 organisations) takes seconds, not minutes. Names
of people and companies are generated (spil.demo.names); municipalities and
labour-market regions are real places. Generation only adds: networks get a
`gen-<run>-` slug prefix and KvK numbers continue above the highest one in use, so it
can run again on a database that already holds the demo or an earlier run.
"""

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from spil.accounts.models import Membership, Role
from spil.networks.models import (
    Body,
    BodyKind,
    Cooperation,
    CooperationLevel,
    FinancingModel,
    LabourMarketRegion,
    Network,
    OwnershipModel,
    Seat,
    SeatRole,
    Stakeholder,
    StakeholderKind,
)
from spil.partners.models import (
    AdmissionDecision,
    AdmissionOpinion,
    Ambition,
    AmbitionKind,
    Contact,
    Contribution,
    Decision,
    Opinion,
    Organisation,
    OrganisationKind,
    Partnership,
    Result,
    Source,
    Stage,
    Status,
)
from spil.partners.services import ambition_figures_recount

from . import names
from .demo_knowledge import generate_signpost
from .generate_activities import generate_activities
from .generate_desk import generate_desk
from .generate_matching import generate_matching
from .generate_outreach import generate_outreach

BATCH = 1000
BENCH_PASSWORD = "spil-bench-2026"
FIRST_KVK = 70_000_000  # the demo uses 600xxxxx; stay clear of it


@dataclass(frozen=True)
class Size:
    networks: int
    organisations: int  # one partnership each
    contacts_per_organisation: int
    ambitions: int
    results: int


SIZES = {
    "demo": Size(networks=2, organisations=50, contacts_per_organisation=4, ambitions=150, results=150),
    "region": Size(networks=4, organisations=1_000, contacts_per_organisation=4, ambitions=3_000, results=3_000),
    "national": Size(networks=35, organisations=10_000, contacts_per_organisation=4, ambitions=30_000, results=30_000),
}

# The fixed benchmark logins, all in the first (largest) generated network.
BENCH_USERS: dict[str, tuple[str, str]] = {
    "coordinator": ("bench-coordinator@spil.example", Role.COORDINATOR),
    "backoffice": ("bench-backoffice@spil.example", Role.BACKOFFICE),
    "core_group": ("bench-kerngroep@spil.example", Role.CORE_GROUP),
    "chair": ("bench-voorzitter@spil.example", Role.CORE_GROUP),
    "partner_contact": ("bench-partner@spil.example", Role.PARTNER_CONTACT),
    "public_advisor": ("bench-adviseur@spil.example", Role.PUBLIC_ADVISOR),
    "steering": ("bench-stuurgroep@spil.example", Role.STEERING),
    "editor": ("bench-redacteur@spil.example", Role.EDITOR),
}

# Largest regions first: the first network is the biggest one.
REGION_ORDER = ["Rijnmond", "Groot Amsterdam", "Midden-Utrecht", "Haaglanden", "Zuidoost-Brabant"]

# Municipalities per labour-market region with the first two digits of their postcodes.
PLACES: dict[str, list[tuple[str, str]]] = {
    "Groningen": [("Groningen", "97"), ("Veendam", "96")],
    "Friesland": [("Leeuwarden", "89"), ("Heerenveen", "84"), ("Sneek", "86")],
    "Drenthe": [("Assen", "94"), ("Emmen", "78"), ("Hoogeveen", "79")],
    "Regio Zwolle": [("Zwolle", "80"), ("Kampen", "82")],
    "Twente": [("Enschede", "75"), ("Hengelo", "75"), ("Almelo", "76")],
    "Stedendriehoek en Noordwest-Veluwe": [("Apeldoorn", "73"), ("Deventer", "74"), ("Harderwijk", "38")],
    "Achterhoek": [("Doetinchem", "70"), ("Winterswijk", "71")],
    "Midden-Gelderland": [("Arnhem", "68"), ("Duiven", "69")],
    "Food Valley": [("Ede", "67"), ("Veenendaal", "39"), ("Wageningen", "67")],
    "Rijk van Nijmegen": [("Nijmegen", "65"), ("Wijchen", "66")],
    "Rivierenland": [("Tiel", "40"), ("Culemborg", "41")],
    "Flevoland": [("Almere", "13"), ("Lelystad", "82")],
    "Midden-Utrecht": [("Utrecht", "35"), ("Nieuwegein", "34"), ("Zeist", "37")],
    "Amersfoort": [("Amersfoort", "38"), ("Soest", "37")],
    "Gooi en Vechtstreek": [("Hilversum", "12"), ("Huizen", "12")],
    "Zaanstreek/Waterland": [("Zaanstad", "15"), ("Purmerend", "14")],
    "Groot Amsterdam": [("Amsterdam", "10"), ("Amstelveen", "11"), ("Diemen", "11")],
    "Zuid-Kennemerland en IJmond": [("Haarlem", "20"), ("Velsen", "19")],
    "Noord-Holland Noord": [("Alkmaar", "18"), ("Den Helder", "17"), ("Hoorn", "16")],
    "Holland Rijnland": [("Leiden", "23"), ("Katwijk", "22")],
    "Zuid-Holland Centraal": [("Zoetermeer", "27")],
    "Haaglanden": [("Den Haag", "25"), ("Delft", "26")],
    "Midden-Holland": [("Gouda", "28")],
    "Rijnmond": [("Rotterdam", "30"), ("Schiedam", "31"), ("Spijkenisse", "32")],
    "Drechtsteden": [("Dordrecht", "33")],
    "Gorinchem": [("Gorinchem", "42")],
    "Zeeland": [("Middelburg", "43"), ("Vlissingen", "44"), ("Goes", "44")],
    "West-Brabant": [("Breda", "48"), ("Roosendaal", "47"), ("Bergen op Zoom", "46")],
    "Midden-Brabant": [("Tilburg", "50")],
    "Noordoost-Brabant": [("'s-Hertogenbosch", "52"), ("Oss", "53")],
    "Helmond-De Peel": [("Helmond", "57")],
    "Zuidoost-Brabant": [("Eindhoven", "56"), ("Veldhoven", "55")],
    "Noord-Limburg": [("Venlo", "59")],
    "Midden-Limburg": [("Roermond", "60"), ("Weert", "60")],
    "Zuid-Limburg": [("Maastricht", "62"), ("Heerlen", "64")],
}

STREETS = ["Stationsweg", "Industrieweg", "Kerkstraat", "Dorpsstraat", "Havenstraat", "Marktplein", "Molenweg"]
MOTIVATIONS = [
    "Wij willen leerbanen creëren en leren van andere werkgevers in de regio.",
    "Onze personeelstekorten vragen om nieuwe wegen; we zoeken kennis over jobcarving.",
    "Aangedragen door een partner; we hebben al twee medewerkers via het WSP.",
    "We willen onze sociale inkoop vergroten en zoeken partners om mee samen te werken.",
]
RESULT_TEXTS = ["Medewerker in dienst via WSP", "Leerbaan gestart", "Proefplaatsing omgezet in contract", ""]
AMBITION_KINDS = [
    AmbitionKind.JOBS,
    AmbitionKind.JOBS,
    AmbitionKind.JOBS,
    AmbitionKind.LEARNING_JOBS,
    AmbitionKind.LEARNING_JOBS,
    AmbitionKind.PLACES,
    AmbitionKind.PLACES,
    AmbitionKind.SOCIAL_PROCUREMENT,
    AmbitionKind.OTHER,
]
# Share of each status among partnerships beyond the fixed admission cases of each network.
STATUS_WEIGHTS = {
    Status.ACTIVE: 70,
    Status.INACTIVE: 8,
    Status.ADMITTED: 4,
    Status.APPLICANT: 3,
    Status.DECLINED: 4,
    Status.LEFT: 8,
}
MEMBER_STATUSES = {Status.ADMITTED, Status.ACTIVE, Status.INACTIVE}


@dataclass
class Generated:
    run: int
    size: str
    networks: list[Network]
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    bench_emails: dict[str, str] = field(default_factory=dict)

    @property
    def first(self) -> Network:
        return self.networks[0]


def generate(*, size: str, seed: int = 1, log: Callable[[str], None] | None = None) -> Generated:
    """Add one run of synthetic data of the given size; return what was made."""
    if size not in SIZES:
        raise ValueError(f"Unknown size {size!r}; choose one of {', '.join(SIZES)}")
    started = time.perf_counter()
    with transaction.atomic():
        generated = _Generator(SIZES[size], size=size, rng=random.Random(seed), log=log or (lambda _: None)).run()
    generated.seconds = time.perf_counter() - started
    return generated


class _Generator:
    def __init__(self, spec: Size, *, size: str, rng: random.Random, log: Callable[[str], None]):
        self.spec = spec
        self.size = size
        self.rng = rng
        self.log = log
        self.today = timezone.localdate()
        self.now = timezone.now()
        # Hashing is slow on purpose: hash once, share it among all generated users.
        self.password_hash = make_password(BENCH_PASSWORD)
        self.counts: Counter = Counter()

    def bulk(self, model, objects: list) -> list:
        created = model.objects.bulk_create(objects, batch_size=BATCH)
        self.counts[model._meta.model_name] += len(created)
        return created

    def run(self) -> Generated:
        self.run_number = self._next_run_number()
        self.networks = self._networks()
        self.log(f"{len(self.networks)} netwerken")
        self._users()
        self._organisations_and_contacts()
        self.log(f"{self.counts['organisation']} organisaties, {self.counts['contact']} contactpersonen")
        self._partnerships()
        self._admissions()
        self.log(f"{self.counts['partnership']} partnerschappen")
        self._ambitions_and_results()
        self.log(f"{self.counts['ambition']} ambities, {self.counts['result']} resultaten")
        self._contributions()
        self._bodies_and_stakeholders()
        self._memberships()
        generate_activities(self)
        generate_desk(self)
        generate_matching(self)
        self.log(f"{self.counts['request']} loketvragen")
        generate_signpost(self)
        self.log(f"{self.counts['activity']} activiteiten, {self.counts['registration']} aanmeldingen")
        generate_outreach(self)
        self.log(f"{self.counts['conversation']} werkgeversgesprekken, {self.counts['contactmoment']} contactmomenten")
        return Generated(
            run=self.run_number,
            size=self.size,
            networks=self.networks,
            counts=self.counts,
            bench_emails={key: email for key, (email, _role) in BENCH_USERS.items()},
        )

    # Networks and people -----------------------------------------------------------

    def _next_run_number(self) -> int:
        runs = [0]
        for slug in Network.objects.filter(slug__startswith="gen-").values_list("slug", flat=True):
            number = slug.split("-")[1]
            if number.isdigit():
                runs.append(int(number))
        return max(runs) + 1

    def _networks(self) -> list[Network]:
        regions = {region.name: region for region in LabourMarketRegion.objects.all()}
        order = [name for name in REGION_ORDER if name in regions]
        order += [name for name in sorted(regions, key=lambda n: regions[n].number) if name not in order]
        self.regions = [regions[name] for name in order[: self.spec.networks]]
        if len(self.regions) < self.spec.networks:
            raise RuntimeError("The labour-market regions are missing; run the migrations first.")
        suffix = "" if self.run_number == 1 else f" ({self.run_number})"
        networks = []
        for index, region in enumerate(self.regions):
            external = index % 4 == 3  # the first network is financed by contributions
            networks.append(
                Network(
                    name=f"Werkgeversnetwerk {region.name}{suffix}",
                    slug=f"gen-{self.run_number}-{index + 1:02d}-{slugify(region.name)}",
                    founded_on=date(2015, 1, 1) + timedelta(self.rng.randint(0, 3000)),
                    principles="Banen voor een inclusieve arbeidsmarkt\nKennis en netwerk delen",
                    financing_model=FinancingModel.EXTERNAL if external else FinancingModel.CONTRIBUTIONS,
                    funder=f"Werkgeversservicepunt {region.name}" if external else "",
                    ownership_model=self.rng.choice(OwnershipModel.values),
                    description=f"Gegenereerd netwerk van werkgevers in de arbeidsmarktregio {region.name}.",
                )
            )
        networks = self.bulk(Network, networks)
        Network.regions.through.objects.bulk_create(
            [
                Network.regions.through(network_id=network.pk, labourmarketregion_id=region.pk)
                for network, region in zip(networks, self.regions, strict=True)
            ]
        )
        return networks

    def _users(self) -> None:
        user_model = get_user_model()
        emails = [email for email, _role in BENCH_USERS.values()]
        existing = {user.email: user for user in user_model.objects.filter(email__in=emails)}
        missing = [self._user(email, names.person_name(self.rng)) for email in emails if email not in existing]
        for user in self.bulk(user_model, missing):
            existing[user.email] = user
        self.bench = {key: existing[email] for key, (email, _role) in BENCH_USERS.items()}
        # Three kerngroep members per network give opinions and decide; in the first
        # network two of them are the bench chair and kerngroep member.
        generated = []
        for index in range(len(self.networks)):
            for number in range(3 if index else 1):
                email = f"gen-{self.run_number}-{index + 1:02d}-kerngroep{number + 1}@spil.example"
                generated.append(self._user(email, names.person_name(self.rng)))
        generated = iter(self.bulk(user_model, generated))
        self.core_users: list[list] = []
        for index in range(len(self.networks)):
            if index == 0:
                self.core_users.append([self.bench["chair"], self.bench["core_group"], next(generated)])
            else:
                self.core_users.append([next(generated) for _ in range(3)])

    def _user(self, email: str, name: str):
        first, last = name.split(" ", 1)
        return get_user_model()(email=email, first_name=first, last_name=last, password=self.password_hash)

    # Organisations, contacts, partnerships ---------------------------------------

    def _network_sizes(self) -> list[int]:
        """Partnerships per network: a long tail, the first network the largest."""
        weights = [(index + 1) ** -0.8 for index in range(len(self.networks))]
        total = sum(weights)
        sizes = [max(6, int(self.spec.organisations * weight / total)) for weight in weights]
        sizes[0] += self.spec.organisations - sum(sizes)
        return sizes

    def _organisations_and_contacts(self) -> None:
        highest = Organisation.objects.filter(kvk_number__regex=r"^[0-9]{8}$").aggregate(m=Max("kvk_number"))["m"]
        kvk = max(FIRST_KVK, int(highest or 0))
        rng = self.rng
        organisations = []
        self.org_network: list[int] = []
        for index, (region, count) in enumerate(zip(self.regions, self._network_sizes(), strict=True)):
            places = PLACES.get(region.name, [("Utrecht", "35")])
            for number in range(count):
                kvk += rng.randint(1, 9)
                municipality, prefix = rng.choice(places)
                if number == 0:
                    name, sector, kind = f"Werkgeversservicepunt {region.name}", "Overheid", OrganisationKind.WSP
                else:
                    name, sector = names.company_name(rng)
                    kind = OrganisationKind.EMPLOYER
                    if rng.random() < 0.3:
                        name = f"{name} {municipality}"
                organisations.append(
                    Organisation(
                        name=name,
                        kind=kind,
                        kvk_number=f"{kvk:08d}",
                        sector=sector,
                        employees=rng.choice([8, 15, 25, 40, 60, 120, 250, 800, 2500]),
                        street=f"{rng.choice(STREETS)} {rng.randint(1, 180)}",
                        postcode=names.postcode(rng, prefix),
                        municipality=municipality,
                    )
                )
                self.org_network.append(index)
        if kvk > 99_999_999:
            raise RuntimeError("No room left for 8-digit KvK numbers.")
        for organisation in organisations:
            organisation.fill_search_text()  # bulk_create does not call save()
        self.organisations = self.bulk(Organisation, organisations)

        contacts = []
        for organisation in self.organisations:
            domain = slugify(organisation.name.split()[-1]) or "bedrijf"
            for _ in range(self.spec.contacts_per_organisation):
                person = names.person_name(rng)
                contacts.append(
                    Contact(
                        organisation_id=organisation.pk,
                        name=person,
                        function=rng.choice(names.FUNCTIONS),
                        email=names.email_for(person, f"{domain}.example"),
                        phone=f"06-{rng.randint(10_000_000, 99_999_999)}",
                    )
                )
        contacts = self.bulk(Contact, contacts)
        step = self.spec.contacts_per_organisation
        self.contacts = contacts
        self.contact_network = [self.org_network[i // step] for i in range(len(contacts))]
        self.main_contacts = [contacts[i * step].pk for i in range(len(self.organisations))]

    def _partnerships(self) -> None:
        rng = self.rng
        statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
        partnerships = []
        position = Counter()
        for organisation, network_index, contact_id in zip(
            self.organisations, self.org_network, self.main_contacts, strict=True
        ):
            network = self.networks[network_index]
            number = position[network_index]
            position[network_index] += 1
            # Every network has a WSP, two open applications, one admitted and one declined.
            status = {0: Status.ACTIVE, 1: Status.APPLICANT, 2: Status.APPLICANT, 3: Status.ADMITTED}.get(number)
            status = status or (Status.DECLINED if number == 4 else rng.choices(statuses, weights)[0])
            via_form = status in {Status.APPLICANT, Status.DECLINED, Status.ADMITTED} or (
                status != Status.LEFT and number > 0 and rng.random() < 0.2
            )
            days_ago = rng.randint(1, 60) if status == Status.APPLICANT else rng.randint(30, 2500)
            partnerships.append(
                Partnership(
                    network_id=network.pk,
                    organisation_id=organisation.pk,
                    status=status,
                    stage=Stage.EXPERT if number == 0 else rng.choice(["starter", "starter", "advanced", "expert"]),
                    joined_on=None
                    if status in {Status.APPLICANT, Status.DECLINED}
                    else self.today - timedelta(days=max(0, days_ago - 14)),
                    main_contact_id=contact_id,
                    source=Source.PUBLIC_FORM if via_form else rng.choice([Source.COORDINATOR, Source.IMPORT]),
                    motivation=rng.choice(MOTIVATIONS) if via_form else "",
                    applied_at=self.now - timedelta(days=days_ago, minutes=rng.randint(0, 1440)) if via_form else None,
                )
            )
        self.partnerships = self.bulk(Partnership, partnerships)

    def _admissions(self) -> None:
        rng = self.rng
        opinions, decisions = [], []
        for partnership, network_index in zip(self.partnerships, self.org_network, strict=True):
            if partnership.applied_at is None:
                continue
            core = self.core_users[network_index]
            for author in rng.sample(core, rng.randint(0, len(core))):
                opinions.append(
                    AdmissionOpinion(
                        partnership_id=partnership.pk,
                        author_id=author.pk,
                        opinion=rng.choice(Opinion.values),
                        comment=rng.choice(["", "Past goed bij onze themagroep.", "Graag eerst een gesprek."]),
                    )
                )
            if partnership.status != Status.APPLICANT:
                declined = partnership.status == Status.DECLINED
                decisions.append(
                    AdmissionDecision(
                        partnership_id=partnership.pk,
                        decided_by_id=core[0].pk,
                        decision=Decision.DECLINED if declined else Decision.ADMITTED,
                        reason="Past niet bij de doelen van het netwerk." if declined else "Intrinsiek gemotiveerd.",
                    )
                )
        self.bulk(AdmissionOpinion, opinions)
        self.bulk(AdmissionDecision, decisions)

    # Ambitions, results, contributions ------------------------------------------

    def _ambitions_and_results(self) -> None:
        rng = self.rng
        members = [p for p in self.partnerships if p.status in MEMBER_STATUSES]
        # Some members have no ambition yet, and some have ambitions without results.
        with_ambition = [p for p in members if rng.random() >= 0.15] or members
        owners = list(with_ambition)
        if self.spec.ambitions < len(owners):
            owners = rng.sample(owners, self.spec.ambitions)
        owners += rng.choices(with_ambition, k=self.spec.ambitions - len(owners))
        ambitions = []
        for partnership in owners:
            kind = rng.choice(AMBITION_KINDS)
            ambitions.append(
                Ambition(
                    partnership_id=partnership.pk,
                    network_id=partnership.network_id,
                    kind=kind,
                    target=rng.randint(5_000, 50_000)
                    if kind == AmbitionKind.SOCIAL_PROCUREMENT
                    else rng.randint(1, 10),
                    target_date=date(self.today.year + rng.randint(0, 1), 12, 31),
                    description=rng.choice(["", "Via het WSP", "Samen met het ROC", "In de eigen organisatie"]),
                )
            )
        ambitions = self.bulk(Ambition, ambitions)
        without_results = {p.pk for p in with_ambition if rng.random() < 0.15}
        eligible = [a for a in ambitions if a.partnership_id not in without_results] or ambitions
        results = []
        for ambition in rng.choices(eligible, k=self.spec.results):
            results.append(
                Result(
                    ambition_id=ambition.pk,
                    number=rng.randint(1, max(1, ambition.target // 2)),
                    date=self.today - timedelta(days=rng.randint(10, 700)),
                    description=rng.choice(RESULT_TEXTS),
                )
            )
        self.bulk(Result, results)
        # The figures that the result and ambition services keep up to date one by one.
        ambition_figures_recount(partnerships=Partnership.objects.filter(network__in=self.networks))
        self.with_ambition = {a.partnership_id for a in ambitions}

    def _contributions(self) -> None:
        rng = self.rng
        year = self.today.year
        external = {n.pk for n in self.networks if n.financing_model == FinancingModel.EXTERNAL}
        contributions = []
        for partnership in self.partnerships:
            if partnership.network_id in external or partnership.status in {Status.APPLICANT, Status.DECLINED}:
                continue
            years = [year - 1] if partnership.status == Status.LEFT else [year - 1, year]
            amount = Decimal(rng.choice([250, 500, 750, 1000, 1500]))
            for y in years:
                invoiced = date(y, 2, 1) if date(y, 2, 1) <= self.today else None
                paid = None
                if invoiced and rng.random() < (0.95 if y < year else 0.7):
                    paid = min(self.today, invoiced + timedelta(days=rng.randint(5, 60)))
                contributions.append(
                    Contribution(
                        partnership_id=partnership.pk, year=y, amount=amount, invoiced_on=invoiced, paid_on=paid
                    )
                )
        self.bulk(Contribution, contributions)

    # Bodies, stakeholders, memberships ------------------------------------------

    def _bodies_and_stakeholders(self) -> None:
        rng = self.rng
        members_by_network = defaultdict(list)
        for partnership, organisation in zip(self.partnerships, self.organisations, strict=True):
            if partnership.status in MEMBER_STATUSES:
                members_by_network[partnership.network_id].append(organisation.name)
        bodies = []
        for network in self.networks:
            for kind in BodyKind.values:
                bodies.append(
                    Body(
                        network_id=network.pk,
                        kind=kind,
                        meeting_every_weeks=rng.choice([3, 4, 6]) if kind == BodyKind.CORE_GROUP else None,
                    )
                )
        bodies = self.bulk(Body, bodies)
        seats, stakeholders, cooperations = [], [], []
        kinds = len(BodyKind.values)
        for index, network in enumerate(self.networks):
            orgs = members_by_network[network.pk] or ["Werkgeversservicepunt"]
            body = {b.kind: b for b in bodies[index * kinds : (index + 1) * kinds]}

            def seat(kind, role=SeatRole.MEMBER, user=None, orgs=orgs, body=body):
                seats.append(
                    Seat(
                        body_id=body[kind].pk,
                        user_id=user.pk if user else None,
                        person_name="" if user else names.person_name(rng),
                        organisation_name=rng.choice(orgs),
                        role=role,
                    )
                )

            core = self.core_users[index]
            seat(BodyKind.CORE_GROUP, SeatRole.CHAIR, core[0])
            for user in core[1:]:
                seat(BodyKind.CORE_GROUP, SeatRole.MEMBER, user)
            for role in [SeatRole.SECRETARY, SeatRole.TREASURER, SeatRole.RELATIONS, SeatRole.COMMUNICATION]:
                seat(BodyKind.CORE_GROUP, role)
            seat(BodyKind.STEERING, SeatRole.CHAIR)
            seat(BodyKind.STEERING, user=self.bench["steering"] if index == 0 else None)
            for kind, count in [
                (BodyKind.STEERING, 2),
                (BodyKind.SOUNDING_BOARD, 4),
                (BodyKind.AMBASSADORS, 3),
                (BodyKind.COMMUNICATION, 2),
            ]:
                for _ in range(count):
                    seat(kind)

            region = self.regions[index].name
            municipality = PLACES.get(region, [("Utrecht", "")])[0][0]
            for name, kind, interest, influence in [
                (f"Gemeente {municipality}", StakeholderKind.MUNICIPALITY, 4, 5),
                (f"Werkgeversservicepunt {region}", StakeholderKind.WSP, 5, 5),
                (f"UWV {region}", StakeholderKind.UWV, 4, 3),
                (f"ROC {region}", StakeholderKind.EDUCATION, 3, 2),
                (f"Ondernemersvereniging {region}", StakeholderKind.EMPLOYER_ASSOCIATION, 3, 4),
            ]:
                stakeholders.append(
                    Stakeholder(network_id=network.pk, name=name, kind=kind, interest=interest, influence=influence)
                )
            other = self.regions[(index + 1) % len(self.regions)].name
            cooperations.append(
                Cooperation(
                    network_id=network.pk,
                    partner_name=f"Werkgeversnetwerk {other}",
                    level=rng.choice(CooperationLevel.values),
                    since=date(2019, 1, 1) + timedelta(rng.randint(0, 1500)),
                )
            )
        self.bulk(Seat, seats)
        self.bulk(Stakeholder, stakeholders)
        self.bulk(Cooperation, cooperations)

    def _memberships(self) -> None:
        first = self.networks[0]
        first_partnerships = [p for p in self.partnerships if p.network_id == first.pk]
        wsp = first_partnerships[0].organisation_id
        # The partner contact works at an active employer with ambitions (the detail page has content).
        partner = next(
            (p for p in first_partnerships[5:] if p.status == Status.ACTIVE and p.pk in self.with_ambition),
            first_partnerships[-1],
        )
        memberships = []
        for key, (_email, role) in BENCH_USERS.items():
            organisation = {"partner_contact": partner.organisation_id, "public_advisor": wsp}.get(key)
            memberships.append(Membership(user=self.bench[key], network=first, role=role, organisation_id=organisation))
        # A second network makes the home page a choice instead of a redirect.
        if len(self.networks) > 1:
            memberships.append(Membership(user=self.bench["coordinator"], network=self.networks[1], role="coordinator"))
        for index, core in enumerate(self.core_users):
            for user in core:
                if index == 0 and user in (self.bench["chair"], self.bench["core_group"]):
                    continue
                memberships.append(Membership(user=user, network=self.networks[index], role=Role.CORE_GROUP))
        self.bulk(Membership, memberships)
