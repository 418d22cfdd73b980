"""App configuration for pathways."""

from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "lifeline.pathways"
    label = "pathways"

    def ready(self) -> None:
        from lifeline.pathways.registry import check_pathway_files
        from lifeline.programs.validation import register_pathway_loader

        register_pathway_loader(check_pathway_files)
