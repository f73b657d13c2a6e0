from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "spil.demo"
    label = "demo"
    verbose_name = "Demo data"
