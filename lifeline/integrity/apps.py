"""App configuration for the integrity engine."""

from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "lifeline.integrity"
    label = "integrity"

    def ready(self) -> None:
        from lifeline.integrity import subscriptions

        subscriptions.connect()
