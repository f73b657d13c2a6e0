"""Synthetic candidates and opportunities for `spil generate`: two candidates per organisation (20,000 at
national size), registered by the network's WSP, most with consents for matching and an anonymous profile;
one opportunity per two organisations with their task shares; and suggested matches for the benchmark logins.
"""

from datetime import date, timedelta

from spil.matching.geo import coordinates
from spil.matching.models import (
    Candidate,
    Consent,
    ConsentPurpose,
    Education,
    Match,
    Opportunity,
    OpportunityKind,
    OpportunityTask,
    Support,
    TargetGroup,
    Task,
)

TASK_NAMES = [
    "Afwassen",
    "Groente snijden",
    "Tafels dekken",
    "Orderpicken",
    "Inpakken",
    "Heftruck rijden",
    "Voorraadbeheer",
    "Schoonmaken",
    "Groenonderhoud",
    "Klanten ontvangen",
    "Post sorteren",
    "Kopiëren en scannen",
    "Data invoeren",
    "Vakken vullen",
    "Kassa",
    "Fietsen repareren",
    "Schilderen",
    "Metselen",
    "Lassen",
    "Assembleren",
    "Kwaliteitscontrole",
    "Wassen en strijken",
    "Maaltijden rondbrengen",
    "Bestellingen klaarzetten",
    "Telefoon",
]
FIRST = ["Samira", "Dennis", "Fatima", "Jeroen", "Aylin", "Mohamed", "Lisa", "Kevin", "Noor", "Tim"]
LAST = ["de Vries", "Jansen", "Bakker", "El Amrani", "Yilmaz", "Visser", "Smit", "Mulder", "de Boer", "Bos"]
SECTORS = ["Horeca", "Logistiek en transport", "Zorg", "Techniek", "Detailhandel", "Schoonmaak en facilitair"]
CONSENT_TEXT = "Synthetische toestemming voor de benchmark."


def generate_matching(gen) -> None:
    rng = gen.rng
    existing = {task.key: task for task in Task.objects.all()}
    new = [Task(name=name, key=name.lower()) for name in TASK_NAMES if name.lower() not in existing]
    Task.objects.bulk_create(new, ignore_conflicts=True)
    tasks = list(Task.objects.filter(key__in=[name.lower() for name in TASK_NAMES]).values_list("pk", flat=True))
    by_network: dict[int, list] = {}
    for organisation, network_index in zip(gen.organisations, gen.org_network, strict=True):
        by_network.setdefault(network_index, []).append(organisation)
    candidates, opportunities = [], []
    for network_index, organisations in by_network.items():
        network = gen.networks[network_index]
        wsp = organisations[0]
        for number in range(2 * len(organisations)):
            home = rng.choice(organisations)
            point = coordinates(home.postcode) or (None, None)
            candidates.append(
                Candidate(
                    organisation_id=wsp.pk,
                    network_id=network.pk,
                    registered_by=gen.bench["public_advisor"] if network_index == 0 else None,
                    first_name=rng.choice(FIRST),
                    last_name=f"{rng.choice(LAST)} {number}",
                    email=f"kandidaat{network_index}-{number}@example.org",
                    postcode=home.postcode,
                    municipality=home.municipality,
                    birth_date=date(rng.randint(1965, 2006), rng.randint(1, 12), rng.randint(1, 28)),
                    target_groups=rng.sample(TargetGroup.values, rng.randint(1, 2)),
                    education=rng.choice(Education.values),
                    sectors=rng.sample(SECTORS, 2),
                    hours_per_week=rng.choice([16, 20, 24, 32, 36]),
                    max_travel_km=rng.choice([5, 10, 15, 25]),
                    support_needs=rng.sample(Support.values, rng.randint(0, 2)),
                    pitch="Ik werk graag met mijn handen en ben betrouwbaar.",
                    latitude=point[0],
                    longitude=point[1],
                )
            )
        for organisation in organisations[1::2]:
            point = coordinates(organisation.postcode) or (None, None)
            opportunities.append(
                Opportunity(
                    network_id=network.pk,
                    organisation_id=organisation.pk,
                    kind=rng.choice(OpportunityKind.values),
                    title=f"Medewerker {rng.choice(SECTORS).lower()}",
                    hours_per_week=rng.choice([12, 16, 20, 24, 32]),
                    postcode=organisation.postcode,
                    latitude=point[0],
                    longitude=point[1],
                    starts_on=gen.today + timedelta(days=rng.randint(7, 90)),
                    support=rng.sample(Support.values, rng.randint(0, 2)),
                    sector=rng.choice(SECTORS),
                    learning_route="Entree, praktijkverklaring",
                    places=rng.randint(1, 3),
                )
            )
    candidates = gen.bulk(Candidate, candidates)
    opportunities = gen.bulk(Opportunity, opportunities)
    _tasks_and_consents(gen, candidates, opportunities, tasks)


def _tasks_and_consents(gen, candidates, opportunities, tasks) -> None:
    rng, now = gen.rng, gen.now
    able = Candidate.tasks.through
    learn = Candidate.learn_tasks.through
    links, wishes, consents = [], [], []
    for candidate in candidates:
        picked = rng.sample(tasks, rng.randint(3, 6))
        links += [able(candidate_id=candidate.pk, task_id=task) for task in picked[:-1]]
        wishes.append(learn(candidate_id=candidate.pk, task_id=picked[-1]))
        if rng.random() < 0.8:
            for purpose in (ConsentPurpose.MATCH, ConsentPurpose.ANONYMOUS_PROFILE):
                consents.append(
                    Consent(
                        candidate_id=candidate.pk,
                        purpose=purpose,
                        network_id=candidate.network_id,
                        given_at=now - timedelta(days=rng.randint(1, 300)),
                        text_version="synthetisch",
                        text=CONSENT_TEXT,
                    )
                )
    gen.bulk(able, links)
    gen.bulk(learn, wishes)
    gen.bulk(Consent, consents)
    shares = []
    for opportunity in opportunities:
        picked = rng.sample(tasks, rng.randint(2, 5))
        share = 100 // len(picked)
        shares += [OpportunityTask(opportunity_id=opportunity.pk, task_id=task, share=share) for task in picked]
    gen.bulk(OpportunityTask, shares)
    # Suggested matches in the first network, some proposed to the benchmark partner's organisation.
    first = gen.networks[0].pk
    own = [o for o in opportunities if o.network_id == first]
    people = [c for c in candidates if c.network_id == first][:200]
    matches = [
        Match(candidate_id=person.pk, opportunity_id=rng.choice(own).pk, score=rng.uniform(40, 95)) for person in people
    ]
    gen.bulk(Match, matches)
    _cohort(gen, [c for c in candidates if c.network_id == first])


def _cohort(gen, candidates, size: int = 800) -> None:
    """A cohort assignment of about `size` candidates of the first network's WSP (De achthonderd), selected by
    postcode area as an advisor would, computed as the background run does."""
    from collections import Counter

    from spil.matching.cohort_services import cohort_compute

    if not candidates:
        return
    per_area = Counter(c.postcode[:2] for c in candidates)
    areas, total = [], 0
    for area, count in per_area.most_common():
        if total + count <= size:
            areas.append(area)
            total += count
    first = candidates[0]
    cohort_compute(
        network=first.network,
        organisation=first.organisation,
        user=gen.bench["public_advisor"],
        name="De achthonderd",
        criteria={"postcodes": " ".join(areas or [first.postcode[:2]])},
    )
