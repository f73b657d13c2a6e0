"""Use cases of XLSX list exports in the background: queue an export as an ExportJob, build its file in a task
with a progress bar, and empty the files whose download time is over.

The task builds the same table as the list's direct download, with the same functions (export_services) and the
same scope: the requester's membership as it is when the job runs, which must still have the role and
organisation the export was asked in (otherwise the job fails: the file would show what the member may no
longer see). Consents are read when the job runs, so a consent revoked while the job waited is respected. The
access-log lines are written in one bulk write, in the transaction that marks the job done: a file is never
ready without its log lines.

The file may hold personal data. Only the requester downloads it (core.permissions.scope_export_jobs), for
SPIL_EXPORT_KEEP_MINUTES after it was built; then the sweep (tasks.export_files_sweep) empties it. The row stays,
as a record of who exported what and when."""

import itertools
from collections.abc import Iterator, Sequence
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from spil.accounts.models import Membership
from spil.core.permissions import Action, allows
from spil.core.xlsx import xlsx

from . import export_services
from .models import ExportJob, ExportKind, ExportStatus

FORMAT = "xlsx"
PROGRESS_EVERY = 500  # rows between two progress writes
# What a member needs to export each list: the same action as the list page.
ACTIONS = {
    ExportKind.CANDIDATES: Action.VIEW_CANDIDATES,
    ExportKind.OPPORTUNITIES: Action.VIEW_OPPORTUNITIES,
    ExportKind.MATCHES: Action.VIEW_MATCHES,
}
BUILDERS = {
    ExportKind.CANDIDATES: export_services.candidates_build,
    ExportKind.OPPORTUNITIES: export_services.opportunities_build,
    ExportKind.MATCHES: export_services.matches_build,
}


def export_job_create(*, membership, kind: str, filters: dict, language: str = "") -> ExportJob:
    """Queue an XLSX export of a list as the member sees it, with the list's filters (as list_filters reads
    them); the task runs after commit, so the worker finds the row."""
    if kind not in ExportKind.values:
        raise ValidationError({"kind": _("Onbekende soort export.")})
    with transaction.atomic(durable=True):
        job = ExportJob.objects.create(
            network_id=membership.network_id,
            user_id=membership.user_id,
            role=membership.role,
            organisation_id=membership.organisation_id,
            kind=kind,
            filters=filters,
            language=(language or "")[:10],
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import run_export

    run_export.enqueue(job_id)


def _membership(job: ExportJob) -> Membership | None:
    """The requester's membership as it is now, if it still has the role and organisation of the request and
    still may see the list."""
    membership = (
        Membership.objects.select_related("network", "organisation", "user")
        .filter(user_id=job.user_id, network_id=job.network_id, role=job.role, organisation_id=job.organisation_id)
        .first()
    )
    if membership is None or not allows(membership, ACTIONS[job.kind]):
        return None
    return membership


def _counted(job: ExportJob, rows: Sequence) -> Iterator:
    """The rows as the sheet takes them, writing `processed` every PROGRESS_EVERY rows."""
    for index, row in enumerate(rows, 1):
        yield row
        if index % PROGRESS_EVERY == 0:
            job.record_progress(processed=index)


def export_run(*, job_id: int) -> ExportJob | None:
    """Build the file of a queued export; returns the job with its final status (None if it is gone). Running a
    finished job again does nothing."""
    job = ExportJob.objects.defer("content").filter(pk=job_id).first()
    if job is None or job.finished:
        return job
    with translation.override(job.language or settings.LANGUAGE_CODE):
        membership = _membership(job)
        if membership is None:
            message = _("Uw rol in het netwerk is veranderd sinds u deze export aanvroeg. Vraag hem opnieuw aan.")
            _finish(job, ExportStatus.FAILED, message=message)
            return job
        job.record_progress(status=ExportStatus.RUNNING, total=0, processed=0)
        try:
            export = BUILDERS[job.kind](membership=membership, **job.filters)
            table = export.table
            job.record_progress(total=len(table.rows))
            content = xlsx([(table.title, itertools.chain([table.header], _counted(job, table.rows)))])
            with transaction.atomic(durable=True):
                export_services.export_log(export, membership=membership, user=membership.user, fmt=FORMAT)
                _finish(job, ExportStatus.DONE, content=content, filename=f"{table.filename}.{FORMAT}")
        except DatabaseError:
            _finish(job, ExportStatus.FAILED, message=_("De export is mislukt. Probeer het opnieuw."))
    return job


def _finish(job: ExportJob, status: str, *, content: bytes = b"", filename: str = "", message: str = "") -> None:
    job.record_progress(
        status=status,
        processed=job.total if status == ExportStatus.DONE else job.processed,
        content=content,
        filename=filename[:200],
        message=message[:300],
        finished_at=timezone.now(),
    )


def export_files_wipe(*, now=None) -> int:
    """Empty the files whose download time is over, and their filters (a search may be a name); returns how many.
    The rows stay: who exported which list, and when."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.SPIL_EXPORT_KEEP_MINUTES)
    expired = ExportJob.objects.filter(wiped_at=None, finished_at__lt=cutoff)
    return expired.update(content=b"", filters={}, wiped_at=now)
