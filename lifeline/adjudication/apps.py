"""App configuration for adjudication; connects its subscriptions to intake's writes."""

from django.apps import AppConfig


class AdjudicationConfig(AppConfig):
    name = "lifeline.adjudication"
    label = "adjudication"

    def ready(self) -> None:
        from lifeline.adjudication import subscriptions

        subscriptions.connect()
