"""Background work of mailings: the sender and the reminder sweep (a task that schedules its next run)."""

from datetime import timedelta

from django.tasks import default_task_backend, task
from django.utils import timezone

SWEEP_EVERY = timedelta(minutes=15)


@task
def send_mailing(mailing_id: int) -> dict:
    from .services import mailing_deliver

    result = mailing_deliver(mailing_id=mailing_id)
    return {key: str(value) for key, value in result.items()}


@task
def reminders_sweep() -> int:
    """Every quarter of an hour: start due reminders, and take over mailings whose worker died."""
    from .services import mailings_resume, reminders_create_due

    mailings_resume()
    started = reminders_create_due()
    if default_task_backend.supports_defer:
        reminders_sweep.using(run_after=timezone.now() + SWEEP_EVERY).enqueue()
    return len(started)
