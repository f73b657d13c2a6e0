from django.core.management.base import BaseCommand, CommandError

from spil.demo.demo import demo_present, demo_remove, load_demo, logins_text


class Command(BaseCommand):
    help = "Load the three demo networks of the source documents, with one login per role."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Remove an earlier demo first.")

    def handle(self, *args, reset: bool, **options):
        if demo_present():
            if not reset:
                raise CommandError("De demo staat er al. Gebruik --reset om hem opnieuw te laden.")
            demo_remove()
        networks = load_demo()
        self.stdout.write(self.style.SUCCESS(f"Demo geladen: {', '.join(n.name for n in networks)}."))
        self.stdout.write(logins_text())
