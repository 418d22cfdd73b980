"""App configuration for supporters."""

from django.apps import AppConfig


class SupportersConfig(AppConfig):
    name = "lifeline.supporters"
    label = "supporters"
