"""App configuration for triage."""

from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "lifeline.triage"
    label = "triage"
