"""Small random instances for the engine tests (seeded), and a plain candidate/opportunity to vary."""

import random

from spil.matching.engine import KIND_GROUPS, TARGET_GROUPS, CandidateRow, OpportunityRow

SECTORS = ("zorg", "bouw", "logistiek", "retail")
SUPPORT = ("job_coach", "language", "buddy", "supervisor")
EDUCATION = ("none", "vmbo", "entree", "mbo2", "mbo4", "")


def random_instance(seed: int, n: int = 60, m: int = 50, tasks: int = 25, spread: float = 0.5):
    rng = random.Random(seed)

    def point():
        return 52.0 + rng.random() * spread, 4.8 + rng.random() * spread * 1.6

    candidates = []
    for i in range(n):
        lat, lon = point()
        candidates.append(
            CandidateRow(
                id=f"c{i}",
                tasks=frozenset(rng.sample(range(tasks), rng.randint(0, 6))),
                learn_tasks=frozenset(rng.sample(range(tasks), rng.randint(0, 3))),
                hours=rng.randint(4, 40),
                max_km=rng.choice([3, 8, 15, 30, 60]),
                lat=lat,
                lon=lon,
                sectors=frozenset(rng.sample(SECTORS, rng.randint(0, 2))),
                support_needs=frozenset(rng.sample(SUPPORT, rng.randint(0, 2))),
                target_groups=frozenset(rng.sample(TARGET_GROUPS, rng.randint(0, 2))),
                education=rng.choice(EDUCATION),
            )
        )
    opportunities = []
    for j in range(m):
        lat, lon = point()
        opportunities.append(
            OpportunityRow(
                id=f"o{j}",
                title=f"Plek {j}",
                kind=rng.choice(list(KIND_GROUPS)),
                tasks={t: rng.randint(1, 60) for t in rng.sample(range(tasks), rng.randint(1, 6))},
                hours=rng.randint(4, 40),
                lat=lat,
                lon=lon,
                sector=rng.choice((*SECTORS, "")),
                support=frozenset(rng.sample(SUPPORT, rng.randint(0, 3))),
                places=rng.choice([1, 1, 2]),
                education_level=rng.choice(["", "entree", "mbo2", "mbo3"]),
            )
        )
    consent = [rng.random() < 0.9 for _ in candidates]
    return candidates, opportunities, consent


UTRECHT = (52.091, 5.122)
AMERSFOORT = (52.156, 5.388)  # about 20 km from Utrecht


def candidate(**changes) -> CandidateRow:
    values = {
        "id": "sam",
        "tasks": frozenset({"kassa", "vakkenvullen"}),
        "learn_tasks": frozenset({"bestellingen"}),
        "hours": 24,
        "max_km": 30.0,
        "lat": UTRECHT[0],
        "lon": UTRECHT[1],
        "sectors": frozenset({"retail"}),
        "support_needs": frozenset({"job_coach"}),
        "target_groups": frozenset({"no_qualification"}),
        "education": "vmbo",
    }
    values.update(changes)
    return CandidateRow(**values)


def opportunity(**changes) -> OpportunityRow:
    values = {
        "id": "winkel",
        "title": "Medewerker winkel",
        "kind": "learning_job_bbl",
        "tasks": {"kassa": 50, "vakkenvullen": 50},
        "hours": 24,
        "lat": UTRECHT[0],
        "lon": UTRECHT[1],
        "sector": "Retail",
        "support": frozenset({"job_coach"}),
        "learning_route": "BBL retail niveau 2",
        "school": "ROC Midden Nederland",
        "employer": "Bakkerij De Korenaar",
    }
    values.update(changes)
    return OpportunityRow(**values)
