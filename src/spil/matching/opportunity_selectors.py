"""Reads of opportunities and job carving shared by their pages; each loads in a fixed number of queries."""

from collections import defaultdict

from django.db.models import Prefetch

from spil.partners.models import Organisation, OrganisationKind

from .engine import LEARNING_PLACE_KINDS, CandidateRow, OpportunityRow, Pool
from .models import Candidate, Complexity, JobRole, Opportunity, OpportunityTask, RoleTask, Task


def employer_partners(network):
    """Employers that take part in the network: who an opportunity or a carved role can belong to."""
    return Organisation.objects.filter(partnerships__network=network, kind=OrganisationKind.EMPLOYER).order_by("name")


def task_names() -> list[str]:
    """The shared task list, for the suggestions under every task field."""
    return list(Task.objects.order_by("name").values_list("name", flat=True)[:2000])


def with_tasks(queryset):
    return queryset.select_related("organisation").prefetch_related(
        Prefetch("task_shares", queryset=OpportunityTask.objects.select_related("task"))
    )


def opportunity_list(queryset, *, kind: str = "", status: str = "", q: str = ""):
    if kind:
        queryset = queryset.filter(kind=kind)
    if status == "open":
        queryset = queryset.filter(is_open=True)
    elif status == "closed":
        queryset = queryset.filter(is_open=False)
    if q:
        queryset = queryset.filter(title__icontains=q)
    return with_tasks(queryset).order_by("-created_at", "-pk")


def roles_of(network, organisation):
    """The employer's roles with their tasks, simple tasks first."""
    return list(
        JobRole.objects.filter(network=network, organisation=organisation)
        .prefetch_related(Prefetch("role_tasks", queryset=RoleTask.objects.select_related("task")))
        .order_by("name", "pk")
    )


def carving_summary(roles, selected_ids: set[int]) -> dict:
    """Hours per week the selected tasks free (people × hours × share), in total and per task.

    A task chosen in two roles adds up: the new role takes it over from both."""
    per_task: dict[str, float] = defaultdict(float)
    rows = []
    for role in roles:
        for role_task in role.role_tasks.all():
            freed = role.people * role.hours_per_week * role_task.share / 100
            chosen = role_task.pk in selected_ids
            rows.append((role, role_task, freed, chosen))
            if chosen:
                per_task[role_task.task.name] += freed
    total = sum(per_task.values())
    return {
        "rows": rows,
        "freed_per_task": dict(per_task),
        "freed_total": round(total, 1),
        "selected": len([row for row in rows if row[3]]),
        "simple": Complexity.SIMPLE,
    }


# Inputs of the matcher (engine.py is Django-free): rows are read with values_list in a fixed number of queries.

OPPORTUNITY_FIELDS = (
    "pk",
    "title",
    "kind",
    "hours_per_week",
    "latitude",
    "longitude",
    "postcode",
    "sector",
    "support",
    "places",
    "learning_route",
    "school",
    "education_level",
    "organisation__name",
)
CANDIDATE_FIELDS = (
    "pk",
    "hours_per_week",
    "max_travel_km",
    "latitude",
    "longitude",
    "postcode",
    "sectors",
    "support_needs",
    "target_groups",
    "education",
)


def _pairs(rows) -> dict:
    grouped = defaultdict(list)
    for owner, *rest in rows:
        grouped[owner].append(rest[0] if len(rest) == 1 else tuple(rest))
    return grouped


def opportunity_rows(queryset) -> list[OpportunityRow]:
    """Two queries: the opportunities and their task shares (tasks by id)."""
    rows = list(queryset.order_by("pk").values_list(*OPPORTUNITY_FIELDS))
    ids = [row[0] for row in rows]
    shares = (
        _pairs(OpportunityTask.objects.filter(opportunity_id__in=ids).values_list("opportunity_id", "task_id", "share"))
        if ids
        else {}
    )
    return [
        OpportunityRow(
            id=pk,
            title=title,
            kind=kind,
            tasks=dict(shares.get(pk, [])),
            hours=hours,
            lat=lat,
            lon=lon,
            postcode=postcode,
            sector=sector,
            support=frozenset(support or ()),
            places=places,
            learning_route=route,
            school=school,
            education_level=level,
            employer=employer,
        )
        for pk, title, kind, hours, lat, lon, postcode, sector, support, places, route, school, level, employer in rows
    ]


def candidate_rows(queryset) -> list[CandidateRow]:
    """Three queries: the candidates, the tasks they can do and the tasks they want to learn."""
    rows = list(queryset.order_by("pk").values_list(*CANDIDATE_FIELDS))
    ids = [row[0] for row in rows]
    can = learn = {}
    if ids:
        can = _pairs(
            Candidate.tasks.through.objects.filter(candidate_id__in=ids).values_list("candidate_id", "task_id")
        )
        learn = _pairs(
            Candidate.learn_tasks.through.objects.filter(candidate_id__in=ids).values_list("candidate_id", "task_id")
        )
    return [
        CandidateRow(
            id=pk,
            tasks=frozenset(can.get(pk, ())),
            learn_tasks=frozenset(learn.get(pk, ())),
            hours=hours,
            max_km=max_km,
            lat=lat,
            lon=lon,
            postcode=postcode,
            sectors=frozenset(sectors or ()),
            support_needs=frozenset(needs or ()),
            target_groups=frozenset(groups or ()),
            education=education,
        )
        for pk, hours, max_km, lat, lon, postcode, sectors, needs, groups, education in rows
    ]


def learning_places(network):
    """Open learning jobs, work-experience places and internships of the network: they teach missing tasks."""
    return Opportunity.objects.filter(network=network, is_open=True, kind__in=sorted(LEARNING_PLACE_KINDS))


def _task_names(candidates, opportunities) -> dict:
    ids = set()
    for row in candidates:
        ids |= row.tasks | row.learn_tasks
    for row in opportunities:
        ids |= set(row.tasks)
    return dict(Task.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def build_pool(candidate_queryset, opportunity_queryset, *, teachers=None) -> Pool:
    """A matcher pool of the given rows; `teachers` adds learning places that only explain (never ranked)."""
    candidates = candidate_rows(candidate_queryset)
    opportunities = opportunity_rows(opportunity_queryset)
    pool = Pool(candidates, opportunities, task_names=_task_names(candidates, opportunities))
    pool.teachers = opportunity_rows(teachers) if teachers is not None else None
    return pool


def teaching_for(pool: Pool, opportunity_id) -> dict:
    """Per task, the learning places in the network that teach it (the opportunity itself left out)."""
    source = pool if pool.teachers is None else Pool([], pool.teachers)
    return {task: [text for oid, text in found if oid != opportunity_id] for task, found in source.teaching().items()}


def ranked(pool: Pool, pairs, *, explain: bool = True) -> list[dict]:
    """(candidate index, opportunity index, score) → rows for the pages, with the engine's explanation."""
    teaching_cache: dict = {}
    result = []
    for i, j, score in pairs:
        candidate, opportunity = pool.candidates[i], pool.opportunities[j]
        item = {"candidate_id": candidate.id, "opportunity_id": opportunity.id, "score": round(score, 1)}
        if explain:
            if opportunity.id not in teaching_cache:
                teaching_cache[opportunity.id] = teaching_for(pool, opportunity.id)
            item["explanation"] = pool.explain(i, j, teaching=teaching_cache[opportunity.id])
        result.append(item)
    return result


def score_pair(candidate: Candidate, opportunity: Opportunity) -> tuple[float, dict]:
    """Score and explanation of one pair, to store on the match (0 when a hard constraint fails)."""
    pool = build_pool(
        Candidate.objects.filter(pk=candidate.pk),
        Opportunity.objects.filter(pk=opportunity.pk),
        teachers=learning_places(opportunity.network_id),
    )
    score = pool.score(0, 0)
    explanation = pool.explain(0, 0, teaching=teaching_for(pool, opportunity.pk))
    return (round(score, 1) if score is not None else 0.0), explanation
