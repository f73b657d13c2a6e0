from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "spil.outreach"
    label = "outreach"
    verbose_name = "Werkgeversbenadering"
