from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "spil.core"
    label = "core"
    verbose_name = "Spil"
