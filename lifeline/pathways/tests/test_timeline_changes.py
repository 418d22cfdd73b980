"""A new policy timeline goes through review and publish: the review lists the parolees whose
answers change (before and after, per option), publishing tells them and their representative
in their language by portal, e-mail and text message, writes the file and is audited."""

from __future__ import annotations

import datetime as dt
import io
import threading
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import RepresentationConsent, User
from lifeline.audit.models import AuditEvent
from lifeline.core.errors import Conflict, NotFound
from lifeline.intake.tests.factories import make_user
from lifeline.notifications.models import Notification
from lifeline.parole.models import ParoleTerm
from lifeline.parole.tests.builders import make_term
from lifeline.pathways.models import TimelineChange
from lifeline.pathways.registry import get_pathway_registry, reset_pathway_registry
from lifeline.pathways.tests.timeline_texts import (
    SHIPPED_VERSION,
    policy_copy,
    shipped_text,
    with_stay,
)
from lifeline.pathways.timeline_changes import (
    ReviewStale,
    publish_timeline_change,
    review_timeline_change,
)
from lifeline.pathways.timeline_comparison import changed_event_ids, comparison_dates
from lifeline.programs.errors import PolicyFileInvalid, PublishNotAllowed
from lifeline.programs.timeline_files import read_timeline_text

pytestmark = pytest.mark.django_db

# After the Supreme Court let the CHNV termination take effect (30 May 2025), before the stay.
TODAY = dt.datetime(2025, 6, 15, 12, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def policies(tmp_path: Path, settings: Any) -> Path:
    return policy_copy(tmp_path, settings)


def cuban_parolee(**fields: object) -> ParoleTerm:
    values: dict[str, object] = {
        "arrived_on": dt.date(2024, 3, 1),
        "original_ends_on": dt.date(2026, 2, 28),
        "ends_on": dt.date(2026, 2, 28),
        "class_of_admission": "DT",
    }
    return make_term("chnv_cuba-2023-01-06", **(values | fields))


def ukrainian_parolee() -> ParoleTerm:
    return make_term("u4u-2022-04-25", class_of_admission="UHP")


def administrator() -> User:
    return make_user(UserRole.PROGRAM_ADMINISTRATOR)


@time_machine.travel(TODAY, tick=False)
def test_the_review_lists_who_changes_from_the_stays_date_with_before_and_after() -> None:
    cuban = cuban_parolee()
    ukrainian_parolee()

    change = review_timeline_change(actor=administrator(), source_yaml=with_stay())

    assert change.events_changed == ["chnv_cuba_test_stay"]
    assert change.report["dates"] == ["2025-06-15", "2025-06-20"]
    assert (change.evaluated_count, change.changed_count) == (2, 1)
    [row] = change.report["rows"]
    assert (row["reference"], row["on"]) == (cuban.request.reference, "2025-06-20")
    parole = next(item for item in row["changes"] if item["code"] == "parole")
    # Terminated: parole ended on the cut-off; stayed: it runs to the I-94 date.
    assert (parole["before"], parole["after"]) == ("2025-04-24", "2026-02-28")
    assert AuditEvent.objects.filter(action="pathways.timeline_reviewed").count() == 1


@time_machine.travel(TODAY, tick=False)
def test_a_stay_taking_effect_before_today_changes_answers_today() -> None:
    cuban_parolee()

    change = review_timeline_change(
        actor=administrator(), source_yaml=with_stay(effective_on="2025-06-01")
    )

    assert change.report["dates"] == ["2025-06-15"]
    assert [row["on"] for row in change.report["rows"]] == ["2025-06-15"]


@time_machine.travel(TODAY, tick=False)
def test_only_a_program_administrator_reviews_or_publishes() -> None:
    officer = make_user(UserRole.OFFICER)

    with pytest.raises(PublishNotAllowed):
        review_timeline_change(actor=officer, source_yaml=with_stay())
    review_timeline_change(actor=administrator(), source_yaml=with_stay())
    with pytest.raises(PublishNotAllowed):
        publish_timeline_change(actor=officer, version="timeline-2026-12-08")


@time_machine.travel(TODAY, tick=False)
def test_bad_timelines_are_refused_before_anything_is_kept() -> None:
    admin = administrator()

    with pytest.raises(PolicyFileInvalid, match="targets unknown event"):
        review_timeline_change(
            actor=admin,
            source_yaml=with_stay().replace("targets: chnv_cuba_termination", "targets: nope"),
        )
    with pytest.raises(Conflict, match="must be newer"):
        review_timeline_change(actor=admin, source_yaml=with_stay(version="timeline-2026-12-07"))
    with pytest.raises(NotFound):
        publish_timeline_change(actor=admin, version="timeline-2026-12-08")
    assert not TimelineChange.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_publishing_tells_the_parolee_and_representative_in_their_language_and_writes_the_file(
    policies: Path, django_capture_on_commit_callbacks: Any
) -> None:
    term = cuban_parolee()
    request = term.request
    request.filed_by.preferred_language = "es"
    request.filed_by.save(update_fields=["preferred_language"])
    representative = make_user(UserRole.REPRESENTATIVE, email="rep@example.org")
    request.representative = representative
    request.save(update_fields=["representative"])
    RepresentationConsent.objects.create(
        representative=representative, client=request.filed_by, granted_at=TODAY
    )
    request.beneficiary.phone = "+15555550100"
    request.beneficiary.save(update_fields=["phone"])
    admin = administrator()
    review_timeline_change(actor=admin, source_yaml=with_stay())

    with django_capture_on_commit_callbacks(execute=True):
        change = publish_timeline_change(actor=admin, version="timeline-2026-12-08")

    assert (change.status, change.notified_count) == ("published", 1)
    sent = Notification.objects.filter(key__startswith="timeline:timeline-2026-12-08:")
    by_channel = {(n.channel, n.recipient_id or n.address) for n in sent}
    assert ("portal", request.filed_by_id) in by_channel
    assert ("portal", representative.pk) in by_channel
    assert ("email", "rep@example.org") in by_channel
    assert ("sms", "+15555550100") in by_channel
    own = sent.get(channel="portal", recipient_id=request.filed_by_id)
    assert own.language == "es" and own.subject != "Your options after parole have changed"
    assert own.link == f"/es/pathways/{request.reference}/"
    assert sent.get(channel="sms").body.endswith(f"/es/pathways/{request.reference}/")
    assert (policies / "pathways" / "timeline-2026-12-08.yaml").exists()
    assert get_pathway_registry().timeline.file.version == "timeline-2026-12-08"
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"pathways.timeline_published", "pathways.change_notified"} <= actions
    with pytest.raises(Conflict):
        publish_timeline_change(actor=admin, version="timeline-2026-12-08")


@time_machine.travel(TODAY, tick=False)
def test_a_review_made_against_an_older_timeline_must_be_done_again(policies: Path) -> None:
    admin = administrator()
    review_timeline_change(actor=admin, source_yaml=with_stay())
    newer = with_stay(version="timeline-2026-12-09")
    (policies / "pathways" / "timeline-2026-12-09.yaml").write_text(newer, encoding="utf-8")
    reset_pathway_registry()

    with pytest.raises(ReviewStale):
        publish_timeline_change(actor=admin, version="timeline-2026-12-08")


@time_machine.travel(TODAY, tick=False)
def test_the_staff_page_reviews_as_a_task_then_publishes_and_others_get_not_found(
    django_capture_on_commit_callbacks: Any,
) -> None:
    cuban_parolee()
    client = Client()
    client.force_login(administrator())

    assert (
        'href="/pathways/office/timeline/"'
        in client.get("/pathways/office/parole-ending/").content.decode()
    )
    assert client.get("/pathways/office/timeline/").status_code == 200
    refused = client.post("/pathways/office/timeline/", {"source_yaml": "version: [unclosed"})
    assert refused.status_code == 400
    with django_capture_on_commit_callbacks() as queued:
        reviewed = client.post("/pathways/office/timeline/", {"source_yaml": with_stay()})
    assert reviewed.status_code == 302 and len(queued) == 1
    waiting = client.get(reviewed["Location"]).content.decode()
    assert "Review in progress" in waiting and "Publish and tell" not in waiting
    too_soon = client.post(reviewed["Location"])
    assert too_soon.status_code == 400 and "still being reviewed" in too_soon.content.decode()

    queued[0]()  # the task runs the review

    page = client.get(reviewed["Location"]).content.decode()
    assert "answers change for 1" in page and "2026-02-28" in page
    published = client.post(reviewed["Location"])
    assert published.status_code == 200 and "Published by" in published.content.decode()

    officer = Client()
    officer.force_login(make_user(UserRole.SUPERVISOR))
    assert officer.get("/pathways/office/timeline/").status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_a_second_change_reviewed_against_the_same_timeline_is_refused_once_one_is_published(
    policies: Path,
) -> None:
    admin = administrator()
    review_timeline_change(actor=admin, source_yaml=with_stay())
    review_timeline_change(actor=admin, source_yaml=with_stay(version="timeline-2026-12-09"))
    # Published, but its file not yet written (the commit and the write are still ahead).
    publish_timeline_change(actor=admin, version="timeline-2026-12-08")

    with pytest.raises(ReviewStale, match="timeline-2026-12-08 is now in force"):
        publish_timeline_change(actor=admin, version="timeline-2026-12-09")


@time_machine.travel(TODAY, tick=False)
def test_every_process_reads_a_timeline_file_published_by_another(policies: Path) -> None:
    assert get_pathway_registry().timeline.file.version == SHIPPED_VERSION
    newer = with_stay(version="timeline-2026-12-09")
    # Written by another process: this one's cache is not reset.
    (policies / "pathways" / "timeline-2026-12-09.yaml").write_text(newer, encoding="utf-8")

    assert get_pathway_registry().timeline.file.version == "timeline-2026-12-09"


@time_machine.travel(TODAY, tick=False)
def test_a_published_change_is_not_reviewed_again_and_a_new_review_goes_through_the_table() -> None:
    admin = administrator()
    review_timeline_change(actor=admin, source_yaml=with_stay())
    again = review_timeline_change(actor=admin, source_yaml=with_stay(effective_on="2025-06-01"))
    assert (again.status, again.report["dates"]) == ("reviewed", ["2025-06-15"])
    assert AuditEvent.objects.filter(action="pathways.timeline_review_started").count() == 2
    publish_timeline_change(actor=admin, version="timeline-2026-12-08")

    with pytest.raises(Conflict, match="already published"):
        review_timeline_change(actor=admin, source_yaml=with_stay())
    assert TimelineChange.objects.get(version="timeline-2026-12-08").status == "published"


def test_a_moved_ends_on_is_compared_the_day_after_the_old_and_the_new_last_day() -> None:
    current = read_timeline_text(shipped_text())
    moved = (
        shipped_text()
        .replace(f"version: {SHIPPED_VERSION}", "version: timeline-2026-12-08")
        .replace("  ends_on: '2026-10-19'", "  ends_on: '2026-04-19'", 1)
    )
    draft = read_timeline_text(moved)

    assert changed_event_ids(current, draft) == ["tps_ua_2025_extension"]
    assert comparison_dates(current, draft, on=dt.date(2025, 6, 15)) == [
        dt.date(2025, 6, 15),
        dt.date(2026, 4, 20),
        dt.date(2026, 10, 20),
    ]


def test_an_event_announced_ahead_is_compared_from_its_announcement() -> None:
    current = read_timeline_text(shipped_text())
    renamed = shipped_text().replace(f"version: {SHIPPED_VERSION}", "version: timeline-2026-12-08")
    added = renamed.rstrip("\n") + "\n" + U4U_TERMINATION.lstrip("\n")
    draft = read_timeline_text(added)

    assert changed_event_ids(current, draft) == ["u4u_test_termination"]
    assert comparison_dates(current, draft, on=dt.date(2025, 6, 1)) == [
        dt.date(2025, 6, 1),
        dt.date(2025, 6, 10),
        dt.date(2025, 7, 2),
    ]


U4U_TERMINATION = """
- id: u4u_test_termination
  subject: parole:u4u
  effect: terminate
  effective_on: '2025-07-01'
  announced_on: '2025-06-10'
  checked_on: '2026-08-19'
  summary: U4U parole terminated on 1 July 2025 (test notice).
  sources:
  - authority:
      kind: program_page
      title: 'USCIS: Uniting for Ukraine'
      url: https://www.uscis.gov/ukraine
    quote: A test order, not a real one.
    confidence: secondary
    read_in: https://example.org/a-test-copy
"""


@time_machine.travel(TODAY, tick=False)
def test_a_termination_ahead_is_compared_on_the_day_after_its_last_day() -> None:
    ukrainian = ukrainian_parolee()
    text = with_stay(effective_on="2025-06-01").rstrip("\n") + "\n" + U4U_TERMINATION.lstrip("\n")

    change = review_timeline_change(actor=administrator(), source_yaml=text)

    assert change.report["dates"] == ["2025-06-15", "2025-07-02"]
    [row] = [r for r in change.report["rows"] if r["reference"] == ukrainian.request.reference]
    parole = next(item for item in row["changes"] if item["code"] == "parole")
    # Announced on 10 June, the termination already sets parole's end today (ADR 0139).
    assert (row["on"], parole["before"], parole["after"]) == (
        "2025-06-15",
        "2026-01-09",
        "2025-07-01",
    )


@pytest.mark.django_db(transaction=True)
def test_two_publishes_against_the_same_timeline_wait_for_each_other_and_the_second_is_refused(
    policies: Path,
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    admin = administrator()
    with time_machine.travel(TODAY, tick=False):
        review_timeline_change(actor=admin, source_yaml=with_stay())
        review_timeline_change(actor=admin, source_yaml=with_stay(version="timeline-2026-12-09"))
    first_holds_its_lock = threading.Event()
    outcome: dict[str, object] = {}

    def second() -> None:
        first_holds_its_lock.wait()
        try:
            publish_timeline_change(actor=admin, version="timeline-2026-12-09")
            outcome["second"] = "published"
        except ReviewStale as refused:
            outcome["second"] = refused.message
        finally:
            connection.close()

    other = threading.Thread(target=second)
    other.start()
    with transaction.atomic():
        publish_timeline_change(actor=admin, version="timeline-2026-12-08")
        first_holds_its_lock.set()
        other.join(timeout=1)
        assert other.is_alive()  # the second publish waits for this one's commit
    other.join(timeout=30)

    assert "timeline-2026-12-08 is now in force" in str(outcome["second"])
    assert TimelineChange.objects.get(version="timeline-2026-12-09").status == "reviewed"


@time_machine.travel(TODAY, tick=False)
def test_the_command_reviews_inline_and_reports_its_progress(tmp_path: Path) -> None:
    cuban_parolee()
    admin = administrator()
    path = tmp_path / "timeline-2026-12-08.yaml"
    path.write_text(with_stay(), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()

    call_command(
        "pathways", "review-timeline", str(path), "--by", admin.username, stdout=out, stderr=err
    )

    assert "reviewed 1 of 1 parolees" in err.getvalue()
    assert "answers change for 1" in out.getvalue()
    assert TimelineChange.objects.get(version="timeline-2026-12-08").status == "reviewed"
