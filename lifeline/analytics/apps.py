"""App configuration for analytics."""

from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "lifeline.analytics"
    label = "analytics"
