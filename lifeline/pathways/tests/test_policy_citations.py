"""`lifeline policies validate` checks the pathway policies and timeline: every citation names a
primary authority and quotes the sentence relied on."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from lifeline.programs import validation

TIMELINE = "pathways/timeline-2026-12-07.yaml"
QUOTED = (
    "      The order declared unlawful and vacated four USCIS policies that had placed or"
    " supported\n      country-of-origin holds on immigration benefit adjudications.\n"
)


def _validate(*paths: Path) -> str:
    out = StringIO()
    call_command("policies", "validate", *map(str, paths), stdout=out)
    return out.getvalue()


@pytest.fixture
def policies(tmp_path: Path) -> Path:
    root = tmp_path / "policies"
    shutil.copytree(Path(settings.LIFELINE_POLICY_DIR), root)
    return root


def test_the_shipped_pathway_files_pass_with_every_citation_quoted():
    assert "every citation quoted" in _validate()
    timeline = Path(settings.LIFELINE_POLICY_DIR) / TIMELINE
    assert "valid pathway file" in _validate(timeline)


def test_a_timeline_citation_without_a_quote_fails_with_its_file_and_line(policies: Path):
    timeline = policies / TIMELINE
    text = timeline.read_text(encoding="utf-8")
    assert QUOTED in text
    timeline.write_text(text.replace("    quote: >-\n" + QUOTED, ""), encoding="utf-8")
    for path in (policies, timeline):
        with pytest.raises(CommandError) as refused:
            _validate(path)
        assert refused.value.returncode == 2
        message = str(refused.value)
        assert f"{TIMELINE}:" in message
        assert "(USCIS: Temporary Protected Status) quotes no sentence from the copy" in message
        assert "abachilaw.com" in message


def test_a_pathway_citation_without_a_primary_authority_fails(policies: Path):
    path = policies / "pathways" / "pathways-2024-04-01.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            'url: "https://www.uscis.gov/policy-manual/volume-7-part-f-chapter-10"',
            'url: "https://example.org/afghan"',
        ),
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as refused:
        _validate(path)
    assert "names no primary authority on an official address" in str(refused.value)


@pytest.mark.django_db
def test_a_timeline_change_with_an_unquoted_citation_is_refused_at_review():
    from lifeline.accounts.enums import UserRole
    from lifeline.intake.tests.factories import make_user
    from lifeline.pathways.tests.timeline_texts import with_stay
    from lifeline.pathways.timeline_changes import review_timeline_change
    from lifeline.programs.errors import PolicyFileInvalid

    unquoted = with_stay().replace("    quote: A test order, not a real one.\n", "")
    with pytest.raises(PolicyFileInvalid) as refused:
        review_timeline_change(
            actor=make_user(UserRole.PROGRAM_ADMINISTRATOR), source_yaml=unquoted
        )
    assert "timeline-2026-12-08.yaml:" in str(refused.value)
    assert "quotes no sentence from the copy it was read in" in str(refused.value)


def test_validate_refuses_to_report_pathway_files_it_could_not_load(monkeypatch):
    monkeypatch.setattr(validation, "_pathway_loader", None)
    timeline = Path(settings.LIFELINE_POLICY_DIR) / TIMELINE

    with pytest.raises(CommandError, match="pathway files were not checked"):
        _validate(timeline)
