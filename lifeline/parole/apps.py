"""App configuration for parole."""

from django.apps import AppConfig


class ParoleConfig(AppConfig):
    name = "lifeline.parole"
    label = "parole"
