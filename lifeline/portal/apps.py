"""App configuration for the public portal."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "lifeline.portal"
    label = "portal"
