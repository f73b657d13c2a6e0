from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "spil.matching"
    label = "matching"
    verbose_name = "Kandidaten en matching"
