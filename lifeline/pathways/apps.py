"""App configuration for pathways."""

from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "lifeline.pathways"
    label = "pathways"
