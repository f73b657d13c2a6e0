from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "spil.accounts"
    label = "accounts"
    verbose_name = "Accounts"
