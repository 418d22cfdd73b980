"""App configuration for accounts."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lifeline.accounts"
    label = "accounts"

    def ready(self) -> None:
        from lifeline.accounts import signals  # noqa: F401 - connects the receivers
