"""App configuration for the shared kernel: reactions to domain events, and task tracebacks
stored without identifiers."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "lifeline.core"
    label = "core"

    def ready(self) -> None:
        from importlib import import_module

        from django.db.models.signals import pre_save
        from django_tasks_db.models import DBTaskResult

        from lifeline.core.events import REACTIONS_MODULE
        from lifeline.core.log_redaction import redact_task_traceback

        import_module(REACTIONS_MODULE).install()
        # The task queue keeps a failed task's traceback in its table (ADR 0110).
        pre_save.connect(redact_task_traceback, sender=DBTaskResult, dispatch_uid="task-traceback")
