from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "spil.knowledge"
    label = "knowledge"
    verbose_name = "Kennis en wegwijzer"
