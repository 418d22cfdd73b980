"""Syncing shipped policy files into the record, and publishing a new program version."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.audit.models import AuditEvent
from lifeline.programs.enums import PublishedVersionStatus
from lifeline.programs.errors import PolicyFileInvalid, PolicyVersionConflict, PublishNotAllowed
from lifeline.programs.models import PublishedProgramVersion
from lifeline.programs.registry import get_registry, reset_registry
from lifeline.programs.services import (
    load_shipped_policies,
    publish_program_version,
    record_draft_program_version,
)
from lifeline.programs.tests.policy_texts import MINIMAL, make_policy_dir, write_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy_root(tmp_path, settings):
    root = make_policy_dir(tmp_path)
    write_version(root)
    settings.LIFELINE_POLICY_DIR = root
    reset_registry()
    yield root
    reset_registry()


@pytest.fixture
def administrator():
    return User.objects.create_user(username="admin1", role=UserRole.PROGRAM_ADMINISTRATOR)


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(dt.datetime(2031, 3, 1, 9, 0, tzinfo=dt.UTC))


def test_loading_shipped_policies_records_every_version_and_is_safe_to_repeat(policy_root):
    first = load_shipped_policies()
    second = load_shipped_policies()
    assert first.created == ["testprog-2030-01-01"]
    assert (second.created, second.updated, second.unchanged) == ([], [], ["testprog-2030-01-01"])
    row = PublishedProgramVersion.objects.get()
    assert (row.program, row.status, row.published_by) == ("testprog", "published", None)
    assert row.source_yaml == MINIMAL
    assert AuditEvent.objects.filter(action="program_version.loaded").count() == 1


def test_loading_again_records_a_changed_file_and_retires_a_removed_one(policy_root):
    load_shipped_policies()
    write_version(policy_root, MINIMAL.replace("title: A test program", "title: Renamed"))
    write_version(
        policy_root,
        MINIMAL.replace("testprog", "otherprog").replace("id: test_total", "id: other_total"),
        name="otherprog-2030-01-01",
    )
    report = load_shipped_policies()
    assert (report.created, report.updated) == (["otherprog-2030-01-01"], ["testprog-2030-01-01"])
    (policy_root / "otherprog" / "otherprog-2030-01-01.yaml").unlink()
    assert load_shipped_policies().retired == ["otherprog-2030-01-01"]
    retired = PublishedProgramVersion.objects.get(version="otherprog-2030-01-01")
    assert retired.status == PublishedVersionStatus.RETIRED


def test_loading_every_shipped_program_records_twenty_eight_versions():
    reset_registry()
    report = load_shipped_policies()
    assert len(report.created) == 28
    frp = PublishedProgramVersion.objects.get(version="frp-2023-07-10")
    assert frp.effective_until == dt.date(2023, 8, 10)


def test_publishing_writes_the_file_records_who_and_puts_it_in_force(
    policy_root, administrator, frozen, django_capture_on_commit_callbacks
):
    text = MINIMAL.replace("2030-01-01", "2031-06-01").replace('"2030-06-01"', '"2031-12-01"')
    with django_capture_on_commit_callbacks(execute=True):
        row = publish_program_version(actor=administrator, source_yaml=text)
    assert (row.version, row.status, row.published_by) == (
        "testprog-2031-06-01",
        "published",
        administrator,
    )
    assert (policy_root / "testprog" / "testprog-2031-06-01.yaml").read_text() == text
    registry = get_registry()
    assert [v.version for v in registry.versions("testprog")] == [
        "testprog-2030-01-01",
        "testprog-2031-06-01",
    ]
    event = AuditEvent.objects.get(action="program_version.published")
    assert (event.actor, event.subject_id) == (administrator, "testprog-2031-06-01")
    assert json.loads(event.details_json)["status"] == "published"


def test_publishing_refuses_a_mistake_with_the_precise_message(policy_root, administrator, frozen):
    text = MINIMAL.replace("2030-01-01", "2031-06-01").replace("!facts.is_minor", "!facts.is_minr")
    with pytest.raises(PolicyFileInvalid) as caught:
        publish_program_version(actor=administrator, source_yaml=text)
    assert "the submitted policy, line" in caught.value.message
    assert "rule 'adult'" in caught.value.message
    assert "unknown fact 'facts.is_minr'" in caught.value.message
    assert not PublishedProgramVersion.objects.exists()


def test_publishing_refuses_a_version_that_would_already_be_in_force(
    policy_root, administrator, frozen
):
    text = MINIMAL.replace("2030-01-01", "2031-03-01")
    with pytest.raises(PolicyVersionConflict, match="must start after today"):
        publish_program_version(actor=administrator, source_yaml=text)


def test_publishing_refuses_a_version_overlapping_another(policy_root, administrator, frozen):
    text = MINIMAL.replace("version: testprog-2030-01-01", "version: testprog-2031-06-01")
    text = text.replace("2030-01-01", "2031-06-01").replace(
        "effective_from: 2031-06-01", "effective_from: 2031-06-01\neffective_until: 2031-12-31"
    )
    write_version(
        policy_root, MINIMAL.replace("2030-01-01", "2031-09-01"), name="testprog-2031-09-01"
    )
    reset_registry()
    with pytest.raises(PolicyFileInvalid, match="overlap"):
        publish_program_version(actor=administrator, source_yaml=text)


@pytest.mark.parametrize(
    "role", [role for role in UserRole if role != UserRole.PROGRAM_ADMINISTRATOR]
)
def test_only_a_program_administrator_may_publish_or_draft(policy_root, role):
    user = User.objects.create_user(username=f"user-{role}", role=role)
    with pytest.raises(PublishNotAllowed):
        publish_program_version(actor=user, source_yaml=MINIMAL)
    with pytest.raises(PublishNotAllowed):
        record_draft_program_version(actor=user, source_yaml=MINIMAL)


def test_a_draft_is_recorded_without_putting_it_in_force(policy_root, administrator, frozen):
    text = MINIMAL.replace("2030-01-01", "2031-06-01")
    row = record_draft_program_version(actor=administrator, source_yaml=text)
    assert row.status == PublishedVersionStatus.DRAFT
    assert not (policy_root / "testprog" / "testprog-2031-06-01.yaml").exists()
    assert [v.version for v in get_registry().versions("testprog")] == ["testprog-2030-01-01"]
