"""App configuration for triage; connects the subscriptions that put requests in the queue."""

from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "lifeline.triage"
    label = "triage"

    def ready(self) -> None:
        from lifeline.triage import subscriptions

        subscriptions.connect()
