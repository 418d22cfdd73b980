"""App configuration for the shared kernel; installs the list of reactions to domain events."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lifeline.core"
    label = "core"

    def ready(self) -> None:
        from importlib import import_module

        from lifeline.core.events import REACTIONS_MODULE

        import_module(REACTIONS_MODULE).install()
