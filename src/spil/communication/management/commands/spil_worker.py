"""The background worker: resume mailings a dead worker left behind, keep the reminder sweep scheduled, then
run django-tasks-db's worker (all its options pass through)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from spil.communication import services, tasks


class Command(BaseCommand):
    help = "Run the background worker (mailings, reminders, emails)."

    def add_arguments(self, parser):
        parser.add_argument("worker_args", nargs="*", help="options for db_worker, after --")

    def handle(self, *args, worker_args, **options):
        resumed = services.mailings_resume()
        if resumed:
            self.stdout.write(f"{resumed} mailing(s) hervat.")
        from django.tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        # One sweep waiting (now or later) is enough; it schedules the next one itself.
        path = tasks.reminders_sweep.module_path
        if not DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=path).exists():
            tasks.reminders_sweep.enqueue()
        call_command("db_worker", *worker_args)
