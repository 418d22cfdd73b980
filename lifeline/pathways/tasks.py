"""Daily pathway task: queue the deadline reminders that fall due today."""

from __future__ import annotations

from django.tasks import task

from lifeline.core import clock
from lifeline.pathways import services


@task
def send_pathway_reminders_task() -> int:
    return services.send_pathway_reminders(on=clock.today())
