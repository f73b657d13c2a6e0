"""Exports of the candidate, opportunity and match lists as tables (see core.downloads for the files).

Each export reads through the same scope, selector and filters as its list page, so a file never holds more
than the page shows (all its pages). Candidates and opportunities come in the columns of the import templates
(templates.py), so an export can be imported again; employers get anonymous profiles instead. Every candidate
whose data is in a file gets an access-log line, written in bulk.

A national export (20,000 candidates) costs a fixed handful of queries: the rows with `values_list` and the
task names of all of them in one query per relation, never a query per row. The rows are read first and the
log written after, in its own short transaction, so no write lock is held while reading.

The `*_build` functions make a table and say whom it concerns (an Export) without logging; the `*_export`
functions build and log at once, for a download in the request (CSV). An XLSX export job builds, writes the
file and logs when the file is made (export_job_services)."""

import functools
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, CharField, Exists, OuterRef, Subquery, TextField, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from spil.core.downloads import Table
from spil.core.permissions import scope_candidates, scope_matches, scope_opportunities, sees_candidate_identity

from . import candidate_selectors, opportunity_selectors
from .access import log_access
from .match_services import sustainable_on
from .models import (
    AccessAction,
    Candidate,
    Education,
    EndReason,
    Match,
    MatchEvent,
    Opportunity,
    OpportunityKind,
    OpportunityTask,
    Stage,
    Support,
    TargetGroup,
    WorkFit,
)
from .templates import CANDIDATE_COLUMNS, OPPORTUNITY_COLUMNS

LIST_SEPARATOR = "; "  # as the import templates read lists


@dataclass
class Export:
    """A list export before it is written: the table, the candidates whose personal data it holds (each gets an
    access-log line once the file is made) and what the log calls the list."""

    table: Table
    logged: list[int]
    what: str


# The candidate import template's columns (templates.CANDIDATE_COLUMNS, by field) in the order written; the
# values are read with CANDIDATE_FIELDS (the JSON lists as their text, see `_list_text`).
CANDIDATE_EXPORT = (
    "ref",
    "first_name",
    "last_name",
    "email",
    "phone",
    "postcode",
    "municipality",
    "birth_date",
    "target_groups",
    "education",
    "tasks",
    "learn_tasks",
    "sectors",
    "hours_per_week",
    "max_travel_km",
    "work_fit",
    "support_needs",
    "pitch",
    "video_url",
)
CANDIDATE_FIELDS = (
    "pk",
    "first_name",
    "last_name",
    "email",
    "phone",
    "postcode",
    "municipality",
    "birth_date",
    "raw_target_groups",
    "education",
    "raw_sectors",
    "hours_per_week",
    "max_travel_km",
    "work_fit",
    "raw_support_needs",
    "pitch",
    "video_url",
)
PROFILE_FIELDS = (
    "pk",
    "first_name",
    "last_name",
    "birth_date",
    "municipality",
    "hours_per_week",
    "education",
    "work_fit",
    "raw_sectors",
    "pitch",
)
OPPORTUNITY_FIELDS = (
    "pk",
    "organisation__name",
    "title",
    "kind",
    "hours_per_week",
    "postcode",
    "starts_on",
    "support",
    "sector",
    "learning_route",
    "school",
    "education_level",
    "places",
    "description",
)


def _labels(choices) -> dict[str, str]:
    """Code → label in the active language (evaluated once per export, not per row)."""
    return {value: str(label) for value, label in choices.choices}


def _joined(values: Iterable | None, labels: dict | None = None) -> str:
    if not values:
        return ""
    return LIST_SEPARATOR.join([labels.get(v, v) for v in values] if labels else values)


def _stamp(network) -> str:
    return f"{network.slug}-{timezone.localdate().isoformat()}"


def _task_names(relation, candidates) -> dict[int, list[str]]:
    """Candidate id → the names of its tasks (or tasks to learn), in one query over all the candidates."""
    names: dict[int, list[str]] = defaultdict(list)
    links = relation.through.objects.filter(candidate_id__in=candidates.values("pk"))
    for candidate_id, name in links.order_by("task__name", "task_id").values_list("candidate_id", "task__name"):
        names[candidate_id].append(name)
    return names


# candidates


def _raw_lists(queryset, *names: str):
    """The JSON list columns as their stored text (`raw_<name>`), for `_list_text`."""
    return queryset.annotate(**{f"raw_{name}": Cast(name, output_field=TextField()) for name in names})


def _list_text(labels: dict | None = None):
    """A JSON list's text → its values (or their labels) joined with '; ', decoded once per distinct text:
    most candidates share a few lists, and decoding 60,000 lists one by one took most of a second."""

    @functools.cache
    def text(raw) -> str:
        return _joined(json.loads(raw) if isinstance(raw, str) else raw, labels)

    return text


def _candidate_table(queryset, network) -> tuple[Table, list[int]]:
    """The import-template columns with personal data, for those who see who the candidates are."""
    rows = list(_raw_lists(queryset, "target_groups", "sectors", "support_needs").values_list(*CANDIDATE_FIELDS))
    can = _task_names(Candidate.tasks, queryset)
    learn = _task_names(Candidate.learn_tasks, queryset)
    # Choice values as the Dutch names the import reads (it also reads the codes).
    with translation.override("nl"):
        groups, education, fit, support = (_labels(c) for c in (TargetGroup, Education, WorkFit, Support))
    groups_text, sectors_text, support_text = _list_text(groups), _list_text(), _list_text(support)
    headers = {column.field: column.header for column in CANDIDATE_COLUMNS}
    table = Table(f"kandidaten-{_stamp(network)}", _("Kandidaten"), [headers[name] for name in CANDIDATE_EXPORT])
    for row in rows:
        pk, first, last, email, phone, postcode, municipality, born, raw_groups, level = row[:10]
        raw_sectors, hours, km, work_fit, raw_support, pitch, video = row[10:]
        table.rows.append(
            [
                pk,
                first,
                last,
                email,
                phone,
                postcode,
                municipality,
                born,
                groups_text(raw_groups),
                education.get(level, level),
                _joined(can.get(pk)),
                _joined(learn.get(pk)),
                sectors_text(raw_sectors),
                hours,
                km,
                fit.get(work_fit, work_fit),
                support_text(raw_support),
                pitch,
                video,
            ]
        )
    return table, [row[0] for row in rows]


def _profile_table(queryset, network) -> tuple[Table, list[int]]:
    """Anonymous profiles, as an employer sees them: no name, no contact details, an age band for the birth
    date and the pitch without names, email addresses or phone numbers. The names are read only to take them
    out of the pitch."""
    rows = list(_raw_lists(queryset, "sectors").values_list(*PROFILE_FIELDS))
    can = _task_names(Candidate.tasks, queryset)
    learn = _task_names(Candidate.learn_tasks, queryset)
    education, fit = _labels(Education), _labels(WorkFit)
    sectors_text = _list_text()
    today = timezone.localdate()
    header = [
        _("kandidaat"),
        _("leeftijd"),
        _("gemeente"),
        _("uren per week"),
        _("opleiding"),
        _("werkfit"),
        _("taken"),
        _("wil leren"),
        _("sectoren"),
        _("pitch"),
    ]
    table = Table(f"kandidaten-anoniem-{_stamp(network)}", _("Anonieme profielen"), header)
    reference = _("Kandidaat %(number)s")  # as candidate_selectors.reference, translated once, not per row
    for pk, first, last, born, municipality, hours, level, work_fit, sectors, pitch in rows:
        table.rows.append(
            [
                reference % {"number": pk},
                candidate_selectors.age_band(born, today),
                municipality,
                hours,
                education.get(level, level),
                fit.get(work_fit, work_fit),
                _joined(can.get(pk)),
                _joined(learn.get(pk)),
                sectors_text(sectors),
                candidate_selectors.strip_identity(pitch, first_name=first, last_name=last),
            ]
        )
    return table, [row[0] for row in rows]


def candidates_build(*, membership, q: str = "") -> Export:
    """The candidate list as the member sees it, every page of it; anonymised candidates are left out (nothing
    of them is left to export, and their rows could not be imported again)."""
    queryset = candidate_selectors.candidate_list(membership, q=q).filter(anonymised_at=None).prefetch_related(None)
    identity = sees_candidate_identity(membership)
    table, ids = (_candidate_table if identity else _profile_table)(queryset, membership.network)
    return Export(table, ids, "kandidatenlijst" if identity else "kandidatenlijst, anonieme profielen")


def candidates_export(*, membership, user, q: str = "", fmt: str) -> Table:
    """candidates_build, logged."""
    export = candidates_build(membership=membership, q=q)
    export_log(export, membership=membership, user=user, fmt=fmt)
    return export.table


def export_log(export: Export, *, membership, user, fmt: str) -> None:
    """An access-log line for every candidate whose data is in the file, in one bulk write."""
    _log(membership, user, export.logged, f"Export {export.what} ({fmt.upper()})")


def _log(membership, user, candidate_ids: list[int], reason: str) -> None:
    if candidate_ids:
        log_access(
            user=user, network=membership.network, candidates=candidate_ids, action=AccessAction.EXPORT, reason=reason
        )


# opportunities


def opportunities_export(*, membership, kind: str = "", status: str = "open", q: str = "") -> Table:
    """The opportunity list in the import-template columns (no personal data: nothing to log)."""
    return opportunities_build(membership=membership, kind=kind, status=status, q=q).table


def opportunities_build(*, membership, kind: str = "", status: str = "open", q: str = "") -> Export:
    """The opportunity list as the member sees it, every page of it."""
    scoped = scope_opportunities(membership, Opportunity.objects.all())
    queryset = opportunity_selectors.opportunity_list(scoped, kind=kind, status=status, q=q).prefetch_related(None)
    rows = list(queryset.values_list(*OPPORTUNITY_FIELDS))
    shares: dict[int, list[str]] = defaultdict(list)
    links = OpportunityTask.objects.filter(opportunity_id__in=queryset.values("pk")).order_by("-share", "pk")
    for opportunity_id, name, share in links.values_list("opportunity_id", "task__name", "share"):
        shares[opportunity_id].append(f"{name}:{share}")
    with translation.override("nl"):
        kinds, support, education = (_labels(c) for c in (OpportunityKind, Support, Education))
    header = [c.header for c in OPPORTUNITY_COLUMNS]
    table = Table(f"kansen-{_stamp(membership.network)}", _("Kansen"), header)
    for row in rows:
        record = dict(zip(OPPORTUNITY_FIELDS, row, strict=True))
        pk = record.pop("pk")
        record.update(
            ref=pk,
            employer=record.pop("organisation__name"),
            kind=kinds.get(record["kind"], record["kind"]),
            tasks=_joined(shares.get(pk)),
            support=_joined(record["support"], support),
            education_level=education.get(record["education_level"], record["education_level"]),
        )
        table.rows.append([record[column.field] for column in OPPORTUNITY_COLUMNS])
    return Export(table, [], "kansenlijst")


# matches

MATCH_FIELDS = (
    "candidate_id",
    "named",
    "name",
    "opportunity__title",
    "opportunity__kind",
    "opportunity__organisation__name",
    "score",
    "stage",
    "end_reason",
    "proposed_at",
    "stage_changed_at",
    "contract_starts_on",
)


def match_rows(membership, *, stage: str = ""):
    """The match list's rows as values, with the candidate's name only where the member may see that candidate
    now (scope_candidates: a revoked consent hides the name at once) and an empty name otherwise."""
    queryset = scope_matches(membership, Match.objects.all())
    if stage:
        queryset = queryset.filter(stage=stage)
    proposed = MatchEvent.objects.filter(match=OuterRef("pk"), stage=Stage.PROPOSED).order_by("at", "pk")
    queryset = queryset.annotate(proposed_at=Subquery(proposed.values("at")[:1]))
    if sees_candidate_identity(membership):
        visible = scope_candidates(membership, Candidate.objects.filter(pk=OuterRef("candidate_id")))
        full_name = Concat("candidate__first_name", Value(" "), "candidate__last_name", output_field=CharField())
        queryset = queryset.annotate(
            named=Exists(visible), name=Case(When(named=True, then=full_name), default=Value(""))
        )
    else:
        queryset = queryset.annotate(named=Value(False), name=Value(""))
    return queryset.order_by("-stage_changed_at", "-pk").values_list(*MATCH_FIELDS)


def matches_export(*, membership, user, stage: str = "", fmt: str) -> Table:
    """matches_build, logged for the candidates whose names are in the file."""
    export = matches_build(membership=membership, stage=stage)
    export_log(export, membership=membership, user=user, fmt=fmt)
    return export.table


def matches_build(*, membership, stage: str = "") -> Export:
    """The pipeline: stage, dates, score, employer and the candidate as the member may see them."""
    identity = sees_candidate_identity(membership)
    kinds, stages, reasons = _labels(OpportunityKind), _labels(Stage), _labels(EndReason)
    header = [
        _("kandidaat"),
        *([_("naam")] if identity else []),
        _("kans"),
        _("soort"),
        _("werkgever"),
        _("score"),
        _("fase"),
        _("reden einde"),
        _("voorgelegd op"),
        _("in deze fase sinds"),
        _("contract per"),
        _("duurzaam per"),
    ]
    table = Table(f"matches-{_stamp(membership.network)}", _("Matches"), header)
    reference = _("Kandidaat %(number)s")  # as candidate_selectors.reference, translated once, not per row
    named_ids = []
    for row in match_rows(membership, stage=stage):
        match = dict(zip(MATCH_FIELDS, row, strict=True))
        candidate_id, contract = match["candidate_id"], match["contract_starts_on"]
        name = match["name"].strip() if match["named"] else ""
        if name:
            named_ids.append(candidate_id)
        elif match["named"]:
            name = _("(geanonimiseerd)")
        table.rows.append(
            [
                reference % {"number": candidate_id},
                *([name] if identity else []),
                match["opportunity__title"],
                kinds.get(match["opportunity__kind"], match["opportunity__kind"]),
                match["opportunity__organisation__name"],
                round(match["score"], 1),
                stages.get(match["stage"], match["stage"]),
                reasons.get(match["end_reason"], match["end_reason"]),
                match["proposed_at"],
                match["stage_changed_at"],
                contract,
                sustainable_on(contract) if contract else None,
            ]
        )
    return Export(table, named_ids, "matches")
