from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "spil.desk"
    label = "desk"
    verbose_name = "Werkgeversloket"
