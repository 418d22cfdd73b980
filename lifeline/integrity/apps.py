"""App configuration for the integrity engine."""

from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "lifeline.integrity"
    label = "integrity"
