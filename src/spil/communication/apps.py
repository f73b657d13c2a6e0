from django.apps import AppConfig


class CommunicationConfig(AppConfig):
    name = "spil.communication"
    label = "communication"
    verbose_name = "Communicatie"
