from django.core.management.base import BaseCommand

from spil.partners.services import ambition_figures_recount


class Command(BaseCommand):
    help = "Recompute the kept figures (realised per ambition, ambitions and results per partner) from the rows."

    def handle(self, *args, **options):
        ambition_figures_recount()
        self.stdout.write(self.style.SUCCESS("De aantallen zijn opnieuw geteld."))
