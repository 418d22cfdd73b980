"""App configuration for operations (backup and restore)."""

from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "lifeline.operations"
    label = "operations"
