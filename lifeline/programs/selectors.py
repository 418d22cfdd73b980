"""Reads of the published-version record."""

from __future__ import annotations

from django.db.models import QuerySet

from lifeline.programs.models import PublishedProgramVersion


def list_published_versions(*, program: str | None = None) -> QuerySet[PublishedProgramVersion]:
    versions = PublishedProgramVersion.objects.select_related("published_by")
    return versions.filter(program=program) if program else versions


def get_published_version(version: str) -> PublishedProgramVersion | None:
    return PublishedProgramVersion.objects.filter(version=version).first()
