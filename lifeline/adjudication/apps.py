"""App configuration for adjudication."""

from django.apps import AppConfig


class AdjudicationConfig(AppConfig):
    name = "lifeline.adjudication"
    label = "adjudication"
