"""Candidates for tests: rows written directly, with consents of the purposes asked for."""

from datetime import date

from django.utils import timezone

from spil.matching.consent_texts import consent_text
from spil.matching.models import Candidate, Consent, Task

FIRST, LAST = "Fatima", "Bennani"


def make_candidate(cast, *, consents=("match", "anonymous_profile"), employer=None, organisation=None, **fields):
    """A candidate registered by the cast's WSP, with a consent in force for each purpose given."""
    values = {
        "first_name": FIRST,
        "last_name": LAST,
        "email": "fatima@example.org",
        "phone": "06 1234 5678",
        "postcode": "3811 AB",
        "municipality": "Amersfoort",
        "birth_date": date(1990, 5, 17),
        "education": "mbo2",
        "hours_per_week": 24,
        "pitch": f"Ik ben {FIRST} {LAST} en ik werk graag met mijn handen.",
        "target_groups": ["wajong"],
        "support_needs": ["job_coach"],
        "sectors": ["Horeca"],
    }
    values.update(fields)
    tasks = values.pop("tasks", ["Afwassen", "Tafels dekken"])
    candidate = Candidate.objects.create(
        network=cast.network, organisation=organisation or cast.wsp, registered_by=cast.wsp_advisor, **values
    )
    for name in tasks:
        task = Task.objects.filter(key=name.lower()).first() or Task.objects.create(name=name)
        candidate.tasks.add(task)
    for purpose in consents:
        add_consent(cast, candidate, purpose, employer=employer if purpose == "share_contact" else None)
    return candidate


def add_consent(cast, candidate, purpose, *, employer=None, **extra) -> Consent:
    version, text = consent_text(purpose, network=cast.network)
    extra.setdefault("given_at", timezone.now())
    return Consent.objects.create(
        candidate=candidate,
        purpose=purpose,
        network=cast.network,
        employer=employer,
        recorded_by=cast.wsp_advisor,
        text_version=version,
        text=text,
        **extra,
    )


def add_candidate_rows(cast, n: int) -> None:
    """n candidates of the WSP with consents to match and show an anonymous profile, each with tasks, a
    revoked consent and access-log lines, so list, detail and log pages have rows to grow with."""
    from spil.matching.access import log_access

    for i in range(n):
        candidate = make_candidate(
            cast,
            first_name=f"Voornaam{i}",
            last_name=f"Achternaam{i:03d}",
            tasks=["Afwassen", f"Taak {i}"],
        )
        candidate.learn_tasks.add(Task.objects.get(key=f"taak {i}"))
        add_consent(cast, candidate, "share_contact", employer=cast.org_a, revoked_at=timezone.now())
        first = Candidate.objects.filter(network=cast.network).order_by("pk").first()
        if first.pk != candidate.pk:
            add_consent(cast, first, "share_contact", employer=cast.org_b)
        log_access(
            user=cast.coordinator, network=cast.network, candidates=[first, candidate], action="view", reason="test"
        )
