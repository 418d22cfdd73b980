"""Pathway tasks: daily, parole terms follow the policy timeline, then the deadline reminders
that fall due today are queued (after the moves, so they read the terms as moved); on demand,
the review of a new timeline against every parolee."""

from __future__ import annotations

from django.tasks import task

from lifeline.core import clock
from lifeline.pathways import services
from lifeline.pathways.term_moves import move_terms_with_timeline
from lifeline.pathways.timeline_changes import run_timeline_review


@task
def move_terms_with_timeline_task() -> int:
    moves = move_terms_with_timeline(on=clock.today())
    return len(moves.cut) + len(moves.reopened) + len(moves.restored)


@task
def send_pathway_reminders_task() -> int:
    return services.send_pathway_reminders(on=clock.today())


@task
def review_timeline_change_task(version: str, file_sha256: str) -> int:
    change = run_timeline_review(version=version, file_sha256=file_sha256)
    return change.changed_count if change else 0
