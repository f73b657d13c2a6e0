from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "spil.networks"
    label = "networks"
    verbose_name = "Netwerken"
