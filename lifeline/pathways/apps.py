"""App configuration for pathways."""

from pathlib import Path

from django.apps import AppConfig


def _pathway_counts(root: Path) -> tuple[int, int, int]:
    """Load the pathway files under a policy root: options, timeline events, bulletin months."""
    from lifeline.pathways.registry import load_registry
    from lifeline.programs.errors import PolicyFileInvalid
    from lifeline.programs.timeline_files import unannounced_events

    pathways = load_registry(root)
    unannounced = unannounced_events(pathways.timeline)
    if unannounced:
        raise PolicyFileInvalid(f"{pathways.timeline.file.version}: {unannounced[0]}")
    options = sum(len(policy.options) for policy in pathways.policies)
    return options, len(pathways.timeline.file.events), len(pathways.bulletin.months)


class PathwaysConfig(AppConfig):
    name = "lifeline.pathways"
    label = "pathways"

    def ready(self) -> None:
        from lifeline.programs.validation import register_pathway_loader

        register_pathway_loader(_pathway_counts)
