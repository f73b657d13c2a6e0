import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand

from spil.demo.demo import load_demo, logins_text
from spil.networks.models import Network


class Command(BaseCommand):
    help = "Migrate, load the demo into an empty database, then run the web server and a task worker."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument("--no-worker", action="store_true", help="Do not start the background worker.")

    def handle(self, *args, addrport: str, no_worker: bool, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not Network.objects.exists():
            self.stdout.write("Lege database: de demo wordt geladen…")
            load_demo()
        self.stdout.write(self.style.SUCCESS(f"Spil draait op http://{addrport}/"))
        self.stdout.write(logins_text())
        worker = None
        if not no_worker:
            worker = subprocess.Popen([sys.executable, "-m", "spil.cli", "spil_worker", "--", "--interval", "1"])
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
