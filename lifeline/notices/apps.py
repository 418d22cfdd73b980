"""App configuration for notices."""

from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "lifeline.notices"
    label = "notices"
