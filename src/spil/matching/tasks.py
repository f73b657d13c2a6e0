"""Background work of matching: the retention sweep (a task that schedules its next run, like the reminder
sweep of communication)."""

from datetime import timedelta

from django.tasks import default_task_backend, task
from django.utils import timezone

RETENTION_EVERY = timedelta(hours=24)


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
