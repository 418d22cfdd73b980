"""`lifeline train_linkage`: retrain the person-linkage model on the project's synthetic people."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from rich.console import Console

from lifeline.generation.linkage_training import train_model


class Command(BaseCommand):
    help = (
        "Retrain the person-linkage model (EM, no labels) on synthetic people; rewrites its file."
    )
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        console = Console(stderr=True)
        with console.status("training (EM on synthetic people)"):
            console.print(f"model written to {train_model()}")
