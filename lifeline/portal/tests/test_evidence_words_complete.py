"""Every evidence name of every program version is in the catalogs: a label a policy file adds
must be listed in `evidence_words` (and translated) or the applicant reads it in English."""

from __future__ import annotations

from django.utils import translation

from lifeline.portal.evidence_words import TRANSLATED_LABELS, evidence_text
from lifeline.programs.registry import get_registry


def _labels() -> set[str]:
    registry = get_registry()
    return {
        item.label
        for program in registry.programs()
        for version in registry.versions(program)
        for items in version.evidence.values()
        for item in items
    }


def test_every_programs_evidence_name_is_listed_for_the_catalogs() -> None:
    assert _labels() - TRANSLATED_LABELS == set()


def test_the_u4u_passport_reads_in_ukrainian_on_a_ukrainian_page() -> None:
    label = next(label for label in _labels() if label.startswith("A valid passport (a Ukrain"))
    with translation.override("uk"):
        assert evidence_text(label).startswith("Чинний паспорт")
