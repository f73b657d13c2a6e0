"""Reads of opportunities and job carving shared by their pages; each loads in a fixed number of queries."""

import dataclasses
import json
import math
from collections import defaultdict

from django.db.models import ExpressionWrapper, F, FloatField, Prefetch, Q, TextField
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import mark_safe

from spil.partners.models import Organisation, OrganisationKind

from . import geo
from .engine import HOURS_TOLERANCE, LEARNING_PLACE_KINDS, CandidateRow, OpportunityRow, Pool
from .models import Candidate, Complexity, JobRole, Opportunity, OpportunityTask, RoleTask, Task


def employer_partners(network):
    """Employers that take part in the network: who an opportunity or a carved role can belong to."""
    return Organisation.objects.filter(partnerships__network=network, kind=OrganisationKind.EMPLOYER).order_by("name")


def task_names() -> list[str]:
    """The shared task list, for the suggestions under every task field."""
    return list(Task.objects.order_by("name").values_list("name", flat=True)[:2000])


def task_options() -> str:
    """The <option>s of the task-name <datalist>, rendered in Python (a template loop over 2,000 names is slow)."""
    # Safe: every name is escaped.
    return mark_safe("".join(f'<option value="{escape(name)}"></option>' for name in task_names()))


def organisation_options(organisations, chosen=None) -> str:
    """The <option>s of an employer <select>, from (id, name) only, rendered in Python."""
    chosen_pk = getattr(chosen, "pk", None)
    parts = []
    for pk, name in organisations.values_list("pk", "name"):
        selected = " selected" if pk == chosen_pk else ""
        parts.append(f'<option value="{pk}"{selected}>{escape(name)}</option>')
    # Safe: the ids are integers, every name is escaped.
    return mark_safe("".join(parts))


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
SCORED_CANDIDATE_FIELDS = (
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


def opportunity_rows(queryset, *, shares=None) -> list[OpportunityRow]:
    """Two queries: the opportunities and their task shares (tasks by id); one when `shares` are given."""
    rows = list(queryset.order_by("pk").values_list(*OPPORTUNITY_FIELDS))
    ids = [row[0] for row in rows]
    if shares is None:
        links = OpportunityTask.objects.filter(opportunity_id__in=ids)
        shares = _pairs(links.values_list("opportunity_id", "task_id", "share")) if ids else {}
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


def _frozensets():
    """frozenset of a JSON list, decoded once per distinct text: most candidates share a few lists."""
    seen: dict = {}

    def decode(text):
        if text not in seen:
            value = json.loads(text) if isinstance(text, str) else text
            seen[text] = frozenset(value or ())
        return seen[text]

    return decode


def _raw(field: str):
    """A JSON column as its stored text, so that equal lists are decoded once (see `_frozensets`)."""
    return Cast(field, output_field=TextField())


def candidate_rows(queryset, *, tasks=None, network=None) -> list[CandidateRow]:
    """Three queries: the candidates, the tasks they can do and the tasks they want to learn.

    `tasks`: only these tasks are read (the pool's opportunities' tasks: no other can score or be explained);
    with `network` (the candidates' network) those links are found by task, not by candidate."""
    raw = {name: _raw(name) for name in ("sectors", "support_needs", "target_groups")}
    fields = [f"raw_{name}" if name in raw else name for name in SCORED_CANDIDATE_FIELDS]
    rows = list(
        queryset.order_by("pk").annotate(**{f"raw_{name}": value for name, value in raw.items()}).values_list(*fields)
    )
    can = learn = {}
    if rows and tasks != set():
        links = [Candidate.tasks.through.objects, Candidate.learn_tasks.through.objects]
        if tasks is not None and network is not None:
            ids = {row[0] for row in rows}
            links = [link.filter(task_id__in=sorted(tasks), candidate__network=network) for link in links]
            links = [[pair for pair in link.values_list("candidate_id", "task_id") if pair[0] in ids] for link in links]
        else:
            links = [link.filter(candidate_id__in=queryset.values("pk")) for link in links]
            if tasks is not None:
                links = [link.filter(task_id__in=sorted(tasks)) for link in links]
            links = [link.values_list("candidate_id", "task_id") for link in links]
        can, learn = (_pairs(link) for link in links)
    decode = _frozensets()
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
            sectors=decode(sectors),
            support_needs=decode(needs),
            target_groups=decode(groups),
            education=education,
        )
        for pk, hours, max_km, lat, lon, postcode, sectors, needs, groups, education in rows
    ]


def learning_places(network):
    """Open learning jobs, work-experience places and internships of the network: they teach missing tasks."""
    return Opportunity.objects.filter(network=network, is_open=True, kind__in=sorted(LEARNING_PLACE_KINDS))


def teachers_for(network, opportunities) -> list[OpportunityRow]:
    """The learning places of the network that hold a task of these opportunities (rows), with only those
    tasks: all that an explanation of them can name (`teaching_for` looks up only the opportunity's own
    tasks), in the same order as from all learning places."""
    tasks = {task for row in opportunities for task in row.tasks}
    if not tasks:
        return []
    places = learning_places(network)
    links = OpportunityTask.objects.filter(task_id__in=sorted(tasks), opportunity__in=places)
    shares = _pairs(links.values_list("opportunity_id", "task_id", "share"))
    return opportunity_rows(places.filter(pk__in=sorted(shares)), shares=shares)


# Pre-filters in the database: a superset of the rows that can pass the engine's hard constraints (hours and
# distance), so that a page builds its pool over the rows near one candidate or opportunity, not the network.
# The box is the engine's own (`Pool._reachable`): a degree of latitude is more than KM_PER_DEGREE km, a degree
# of longitude more than that times the cosine of the latitude furthest from the equator. Rows without stored
# coordinates (the engine takes them from the postcode) always pass; so does a point that stays unknown.

KM_PER_DEGREE = 110.5
MAX_BOXED_KM = 200  # the form's maximum travel distance; rows above it are not boxed (they always pass)


def _point(latitude, longitude, postcode):
    if latitude is not None and longitude is not None:
        return float(latitude), float(longitude)
    return geo.coordinates(postcode)


def _unlocated():
    return Q(latitude=None) | Q(longitude=None)


def opportunities_within_reach(queryset, candidate: Candidate):
    """Opportunities that can pass the hard constraints for this candidate (a superset: the engine decides)."""
    queryset = queryset.filter(hours_per_week__lte=candidate.hours_per_week + HOURS_TOLERANCE)
    point = _point(candidate.latitude, candidate.longitude, candidate.postcode)
    if point is None:
        return queryset
    lat, lon = point
    reach = float(candidate.max_travel_km) / KM_PER_DEGREE
    widen = reach / max(math.cos(math.radians(min(abs(lat) + reach, 89.0))), 1e-6)
    box = Q(
        latitude__gte=lat - reach, latitude__lte=lat + reach, longitude__gte=lon - widen, longitude__lte=lon + widen
    )
    return queryset.filter(box | _unlocated())


def candidates_within_reach(queryset, opportunity: Opportunity):
    """Candidates that can pass the hard constraints for this opportunity (a superset: the engine decides)."""
    queryset = queryset.filter(hours_per_week__gte=opportunity.hours_per_week - HOURS_TOLERANCE)
    point = _point(opportunity.latitude, opportunity.longitude, opportunity.postcode)
    if point is None:
        return queryset
    lat, lon = point
    # Each candidate's own travel distance bounds the box; the cosine is taken at the furthest latitude any
    # boxed candidate can have.
    cosine = max(math.cos(math.radians(min(abs(lat) + MAX_BOXED_KM / KM_PER_DEGREE, 89.0))), 1e-6)
    reach = ExpressionWrapper(F("max_travel_km") / KM_PER_DEGREE, output_field=FloatField())
    widen = ExpressionWrapper(F("max_travel_km") / (KM_PER_DEGREE * cosine), output_field=FloatField())
    box = Q(
        latitude__gte=lat - reach,
        latitude__lte=lat + reach,
        longitude__gte=lon - widen,
        longitude__lte=lon + widen,
    )
    return queryset.filter(box | _unlocated() | Q(max_travel_km__gt=MAX_BOXED_KM))


def _task_names(candidates, opportunities) -> dict:
    ids = set()
    for row in candidates:
        ids |= row.tasks | row.learn_tasks
    for row in opportunities:
        ids |= set(row.tasks)
    return dict(Task.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def build_pool(candidate_queryset, opportunity_queryset, *, teachers=None, network=None, taken=None) -> Pool:
    """A matcher pool of the given rows; `teachers` adds learning places that only explain (never ranked).

    Candidates' tasks are read only where a pool opportunity holds them: no other task scores or is explained.
    `network`: the candidates all belong to it (their tasks are then looked up by task). `taken`: {opportunity
    id: places already filled}; an opportunity with none left is left out."""
    opportunities = opportunity_rows(opportunity_queryset)
    if taken:
        opportunities = [
            dataclasses.replace(row, places=row.places - taken.get(row.id, 0))
            for row in opportunities
            if row.places > taken.get(row.id, 0)
        ]
    tasks = {task for row in opportunities for task in row.tasks}
    candidates = candidate_rows(candidate_queryset, tasks=tasks, network=network)
    pool = Pool(candidates, opportunities, task_names=_task_names(candidates, opportunities))
    pool.teachers = opportunity_rows(teachers) if teachers is not None else None
    return pool


def teaching_for(pool: Pool, opportunity_id, *, found_per_task: dict | None = None) -> dict:
    """Per task, the learning places in the network that teach it (the opportunity itself left out)."""
    if found_per_task is None:
        found_per_task = (pool if pool.teachers is None else Pool([], pool.teachers)).teaching()
    return {task: [text for oid, text in found if oid != opportunity_id] for task, found in found_per_task.items()}


def ranked(pool: Pool, pairs, *, explain: bool = True) -> list[dict]:
    """(candidate index, opportunity index, score) → rows for the pages, with the engine's explanation."""
    teaching_cache: dict = {}
    found_per_task = None
    result = []
    for i, j, score in pairs:
        candidate, opportunity = pool.candidates[i], pool.opportunities[j]
        item = {"candidate_id": candidate.id, "opportunity_id": opportunity.id, "score": round(score, 1)}
        if explain:
            if opportunity.id not in teaching_cache:
                if found_per_task is None:
                    found_per_task = (pool if pool.teachers is None else Pool([], pool.teachers)).teaching()
                teaching_cache[opportunity.id] = teaching_for(pool, opportunity.id, found_per_task=found_per_task)
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
