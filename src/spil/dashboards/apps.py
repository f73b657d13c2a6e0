from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "spil.dashboards"
    label = "dashboards"
    verbose_name = "Dashboards"
