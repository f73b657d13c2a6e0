"""Background work of the match pipeline: the daily sweep that marks sustainable placements."""

from datetime import timedelta

from django.tasks import default_task_backend, task
from django.utils import timezone

SWEEP_EVERY = timedelta(hours=6)


@task
def placements_sweep() -> int:
    """Contracts that reached six months become sustainable placements; runs a few times a day."""
    from .match_services import placements_mark_sustainable

    marked = placements_mark_sustainable(today=timezone.localdate())
    if default_task_backend.supports_defer:
        placements_sweep.using(run_after=timezone.now() + SWEEP_EVERY).enqueue()
    return marked
