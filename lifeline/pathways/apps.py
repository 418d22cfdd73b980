"""App configuration for pathways."""

from pathlib import Path

from django.apps import AppConfig


def _pathway_counts(root: Path) -> tuple[int, int, int]:
    """Load the pathway files under a policy root: options, timeline events, bulletin months."""
    from lifeline.pathways.registry import load_registry

    pathways = load_registry(root)
    options = sum(len(policy.options) for policy in pathways.policies)
    return options, len(pathways.timeline.file.events), len(pathways.bulletin.months)


class PathwaysConfig(AppConfig):
    name = "lifeline.pathways"
    label = "pathways"

    def ready(self) -> None:
        from lifeline.programs.validation import register_pathway_loader

        register_pathway_loader(_pathway_counts)
