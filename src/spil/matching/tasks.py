"""Background work of matching: the retention sweep and the export sweep (tasks that schedule their next run,
like the reminder sweep of communication), imports and XLSX list exports."""

from datetime import timedelta

from django.tasks import default_task_backend, task
from django.utils import timezone

RETENTION_EVERY = timedelta(hours=24)
EXPORT_SWEEP_EVERY = timedelta(minutes=15)


@task
def candidate_retention_sweep() -> int:
    """Once a day: anonymise candidates with no consent in force and no activity for the retention period."""
    from .candidate_services import candidates_anonymise

    done = candidates_anonymise()
    if default_task_backend.supports_defer:
        candidate_retention_sweep.using(run_after=timezone.now() + RETENTION_EVERY).enqueue()
    return done


@task
def run_import(job_id: int) -> str:
    """Read an uploaded import file and create everything in it, or nothing (see import_services)."""
    from .import_services import import_run

    return import_run(job_id=job_id).status


@task
def run_export(job_id: int) -> str:
    """Build the XLSX file of a queued list export (see export_job_services)."""
    from .export_job_services import export_run

    job = export_run(job_id=job_id)
    return job.status if job else "gone"


@task
def export_files_sweep() -> int:
    """Every quarter of an hour: empty the export files whose download time is over (they may hold personal
    data; the download itself already refuses them)."""
    from .export_job_services import export_files_wipe

    done = export_files_wipe()
    if default_task_backend.supports_defer:
        export_files_sweep.using(run_after=timezone.now() + EXPORT_SWEEP_EVERY).enqueue()
    return done
