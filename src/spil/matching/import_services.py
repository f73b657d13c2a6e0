"""Use cases of imports: store an uploaded CSV/XLSX file as an ImportJob, and run it in the background.

A run is all-or-nothing. It reads the file with `templates.parse` (every problem by row and column), then checks
and builds every row outside any transaction, writing `processed` every PROGRESS_EVERY rows so the page can
show a progress bar, and finally creates everything in one transaction. Any error, in any row or while saving,
leaves nothing behind and lists the problems on the job.

Imported candidates get no consent: a consent is recorded per person, with the text shown to that person, on
the candidate's page."""

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spil.partners.models import Organisation, OrganisationKind

from . import geo, templates
from .access import log_access
from .candidate_selectors import MEMBER_STATUSES
from .candidate_services import PUBLIC_PARTNER_KINDS, tasks_from_names
from .models import (
    CANDIDATE_FIELDS,
    AccessAction,
    Candidate,
    ImportJob,
    ImportKind,
    ImportStatus,
    Opportunity,
    OpportunityTask,
    Task,
)
from .opportunity_services import tasks_for_names

PROGRESS_EVERY = 200
MAX_BYTES = 20 * 1024 * 1024
CANDIDATE_CHECK_EXCLUDE = ["organisation", "network", "registered_by", "tasks", "learn_tasks"]
OPPORTUNITY_CHECK_EXCLUDE = ["organisation", "network", "created_by", "tasks"]


class ImportFailed(Exception):
    def __init__(self, errors: list[templates.RowError]):
        self.errors = errors
        super().__init__(f"{len(errors)} errors")


def import_job_create(*, network, kind: str, user, organisation, filename: str, content: bytes) -> ImportJob:
    """Store the file and queue its run (after commit, so the worker finds the row)."""
    if kind not in ImportKind.values:
        raise ValidationError({"kind": _("Onbekende soort import.")})
    if not filename.lower().endswith((".csv", ".xlsx")):
        raise ValidationError({"file": _("Kies een CSV- of XLSX-bestand.")})
    if len(content) > MAX_BYTES:
        raise ValidationError({"file": _("Het bestand is groter dan 20 MB; splits het op.")})
    if kind == ImportKind.CANDIDATES and (organisation is None or organisation.kind not in PUBLIC_PARTNER_KINDS):
        raise ValidationError({"organisation": _("Alleen een publieke partner registreert kandidaten.")})
    with transaction.atomic(durable=True):
        job = ImportJob.objects.create(
            network=network,
            kind=kind,
            user=user,
            organisation=organisation,
            filename=filename[-200:],
            content=content,
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import run_import

    run_import.enqueue(job_id)


def import_run(*, job_id: int) -> ImportJob:
    """Run a queued import; returns the job with its final status. Running a finished job again does nothing."""
    job = ImportJob.objects.select_related("network", "organisation", "user").get(pk=job_id)
    if job.finished:
        return job
    job.record_progress(status=ImportStatus.RUNNING, processed=0)
    try:
        records = templates.parse(job.kind, job.filename, bytes(job.content))
        job.record_progress(total=len(records))
        if job.kind == ImportKind.CANDIDATES:
            created, new_tasks = _import_candidates(job, records)
        else:
            created, new_tasks = _import_opportunities(job, records)
    except (templates.TemplateError, ImportFailed) as error:
        _finish(job, ImportStatus.FAILED, errors=error.errors)
    except (DatabaseError, ValidationError):
        _finish(
            job,
            ImportStatus.FAILED,
            errors=[
                templates.RowError(None, None, _("Opslaan is mislukt; er is niets ingelezen. Probeer het opnieuw."))
            ],
        )
    else:
        _finish(job, ImportStatus.DONE, created=created, tasks_created=new_tasks)
    return job


def _finish(job: ImportJob, status: str, *, errors=(), created: int = 0, tasks_created: int = 0) -> None:
    job.record_progress(
        status=status,
        processed=job.total if status == ImportStatus.DONE else job.processed,
        errors=[{"row": e.row, "column": e.column, "message": e.message} for e in errors],
        created_count=created,
        tasks_created=tasks_created,
        finished_at=timezone.now(),
        # The file holds personal data; once read it has no use left (data minimisation, AVG art. 5).
        content=b"",
    )


def _model_errors(number: int, error: ValidationError, headers: dict[str, str]) -> list[templates.RowError]:
    return [
        templates.RowError(number, headers.get(field), " ".join(messages))
        for field, messages in error.message_dict.items()
    ]


def _check_rows(job: ImportJob, records: list[dict], build, headers: dict[str, str], exclude: list[str]) -> list:
    """Build and validate one model instance per row (progress every PROGRESS_EVERY rows); ImportFailed with
    every problem."""
    built, errors = [], []
    for index, record in enumerate(records, 1):
        try:
            instance = build(record)
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors.extend(_model_errors(record["row"], error, headers))
        except ImportFailed as error:
            errors.extend(error.errors)
        else:
            built.append(instance)
        if index % PROGRESS_EVERY == 0:
            job.record_progress(processed=index)
    if errors:
        raise ImportFailed(errors)
    return built


def _headers(kind: str) -> dict[str, str]:
    return {column.field: column.header for column in templates.COLUMNS[kind]}


def _task_count() -> int:
    return Task.objects.count()


def _import_candidates(job: ImportJob, records: list[dict]) -> tuple[int, int]:
    now = timezone.now()
    organisation = job.organisation
    if organisation is None or organisation.kind not in PUBLIC_PARTNER_KINDS:
        raise ImportFailed([templates.RowError(None, None, _("Alleen een publieke partner registreert kandidaten."))])

    def build(record: dict) -> Candidate:
        point = geo.coordinates(record["postcode"])
        return Candidate(
            network=job.network,
            organisation=organisation,
            registered_by=job.user,
            last_activity_at=now,
            created_at=now,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            **{name: record[name] for name in CANDIDATE_FIELDS},
        )

    candidates = _check_rows(job, records, build, _headers("candidates"), CANDIDATE_CHECK_EXCLUDE)
    with transaction.atomic(durable=True):
        tasks_before = _task_count()
        Candidate.objects.bulk_create(candidates, batch_size=500)
        names = [name for record in records for field in ("tasks", "learn_tasks") for name in record[field]]
        tasks = {task.key: task for task in tasks_from_names(names, user=job.user)}
        able, learning = [], []
        for candidate, record in zip(candidates, records, strict=True):
            for key in dict.fromkeys(templates.task_key(t) for t in record["tasks"]):
                able.append(Candidate.tasks.through(candidate_id=candidate.pk, task_id=tasks[key[:120]].pk))
            for key in dict.fromkeys(templates.task_key(t) for t in record["learn_tasks"]):
                learning.append(Candidate.learn_tasks.through(candidate_id=candidate.pk, task_id=tasks[key[:120]].pk))
        Candidate.tasks.through.objects.bulk_create(able, batch_size=1000)
        Candidate.learn_tasks.through.objects.bulk_create(learning, batch_size=1000)
        log_access(
            user=job.user, network=job.network, candidates=candidates, action=AccessAction.EDIT, reason="geïmporteerd"
        )
        new_tasks = _task_count() - tasks_before
    return len(candidates), new_tasks


def _employers(network) -> tuple[dict[str, Organisation], dict[str, list[Organisation]]]:
    """The network's employer partners by KvK number and by name (lower case)."""
    by_kvk, by_name = {}, {}
    for organisation in Organisation.objects.filter(
        partnerships__network=network, partnerships__status__in=MEMBER_STATUSES, kind=OrganisationKind.EMPLOYER
    ).distinct():
        if organisation.kvk_number:
            by_kvk[organisation.kvk_number] = organisation
        by_name.setdefault(" ".join(organisation.name.split()).casefold(), []).append(organisation)
    return by_kvk, by_name


def _find_employer(value: str, by_kvk: dict, by_name: dict, number: int) -> Organisation:
    text = " ".join(str(value).split())
    if text.isdigit() and text.zfill(8) in by_kvk:
        return by_kvk[text.zfill(8)]
    found = by_name.get(text.casefold(), [])
    if len(found) == 1:
        return found[0]
    message = (
        _("meer werkgevers heten zo; noem het KvK-nummer.")
        if found
        else _("'%(value)s' is geen werkgever die partner is van het netwerk; noem de naam of het KvK-nummer.")
        % {"value": text}
    )
    raise ImportFailed([templates.RowError(number, "werkgever", message)])


def _import_opportunities(job: ImportJob, records: list[dict]) -> tuple[int, int]:
    by_kvk, by_name = _employers(job.network)

    def build(record: dict) -> Opportunity:
        employer = _find_employer(record["employer"], by_kvk, by_name, record["row"])
        point = geo.coordinates(record["postcode"])
        return Opportunity(
            network=job.network,
            organisation=employer,
            created_by=job.user,
            latitude=point[0] if point else None,
            longitude=point[1] if point else None,
            starts_on=record["starts_on"] or None,
            **{
                name: record[name]
                for name in (
                    "kind",
                    "title",
                    "description",
                    "hours_per_week",
                    "postcode",
                    "support",
                    "sector",
                    "learning_route",
                    "school",
                    "education_level",
                    "places",
                )
            },
        )

    opportunities = _check_rows(job, records, build, _headers("opportunities"), OPPORTUNITY_CHECK_EXCLUDE)
    with transaction.atomic(durable=True):
        tasks_before = _task_count()
        Opportunity.objects.bulk_create(opportunities, batch_size=500)
        tasks = tasks_for_names([name for record in records for name, _share in record["tasks"]], user=job.user)
        shares = []
        for opportunity, record in zip(opportunities, records, strict=True):
            per_task: dict[str, int] = {}
            for name, share in record["tasks"]:
                key = templates.task_key(name)
                per_task[key] = per_task.get(key, 0) + share
            shares.extend(
                OpportunityTask(opportunity=opportunity, task=tasks[key], share=share)
                for key, share in per_task.items()
            )
        OpportunityTask.objects.bulk_create(shares, batch_size=1000)
        new_tasks = _task_count() - tasks_before
    return len(opportunities), new_tasks


def import_jobs_recent(queryset, *, kind: str, limit: int = 10):
    return queryset.filter(kind=kind).select_related("user").order_by("-created_at", "-pk")[:limit]
