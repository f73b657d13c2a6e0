from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "spil.activities"
    label = "activities"
    verbose_name = "Activiteiten"
