from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "spil.partners"
    label = "partners"
    verbose_name = "Partners"
