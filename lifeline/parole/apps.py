"""App configuration for parole; connects its subscription to decisions taking effect."""

from django.apps import AppConfig


class ParoleConfig(AppConfig):
    name = "lifeline.parole"
    label = "parole"

    def ready(self) -> None:
        from lifeline.parole import subscriptions

        subscriptions.connect()
