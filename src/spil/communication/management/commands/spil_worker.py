"""The background worker: resume mailings a dead worker left behind, keep the sweeps scheduled (reminders,
the desk's deadlines), then run django-tasks-db's worker (all its options pass through)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from spil.communication import services


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

        # One of each sweep waiting (now or later) is enough; each schedules its next run itself.
        for path in settings.SPIL_SWEEPS:
            if not DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=path).exists():
                import_string(path).enqueue()
        call_command("db_worker", *worker_args)
