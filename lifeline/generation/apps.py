"""App configuration for synthetic data generation."""

from django.apps import AppConfig


class GenerationConfig(AppConfig):
    name = "lifeline.generation"
    label = "generation"
