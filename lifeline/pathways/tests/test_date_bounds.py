"""Dates far outside any real case are refused where they come in (the API's documents and
as-of dates, the office cohort page, a timeline upload), and a review that fails anyway says so
instead of staying "in progress"."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.audit.models import AuditEvent
from lifeline.core.errors import ValidationFailed
from lifeline.core.tests.api_helpers import post_json, token_client
from lifeline.intake.tests.factories import make_user, request_document
from lifeline.parole.tests.builders import make_term
from lifeline.pathways import timeline_changes
from lifeline.pathways.models import TimelineChange, TimelineChangeStatus
from lifeline.pathways.tests.timeline_texts import policy_copy, with_stay
from lifeline.pathways.timeline_changes import review_timeline_change

pytestmark = pytest.mark.django_db

TODAY = dt.datetime(2025, 9, 1, 12, tzinfo=dt.UTC)
EXAMPLE = Path(settings.BASE_DIR) / "examples" / "pathways" / "haitian-chnv-parolee-tps.json"


@pytest.fixture(autouse=True)
def policies(tmp_path: Path, settings: Any) -> Path:
    return policy_copy(tmp_path, settings)


def _example() -> dict[str, Any]:
    return copy.deepcopy(json.loads(EXAMPLE.read_text(encoding="utf-8")))


def _tps_until_9999(document: dict[str, Any]) -> str:
    document["tps"] = [{"country": "HT", "from_on": "2024-01-01", "until_on": "9999-12-31"}]
    return "tps.0.until_on"


def _arrival_in_9999(document: dict[str, Any]) -> str:
    document["arrivals"][0]["on"] = "9999-12-31"
    return "arrivals.0.on"


def _as_of_year_1(document: dict[str, Any]) -> str:
    document["as_of"] = "0001-01-01"
    return "as_of"


@pytest.mark.parametrize("change", [_tps_until_9999, _arrival_in_9999, _as_of_year_1])
def test_a_pathway_request_with_a_date_out_of_range_is_a_422_naming_it(change: Any) -> None:
    document = _example()
    where = change(document)
    client = token_client(make_user())

    assert post_json(client, "/pathways/check", _example()).status_code == 200
    refused = post_json(client, "/pathways/check", document)

    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "validation_failed"
    assert [e["path"] for e in error["details"]["errors"]] == [where]
    assert "1900-01-01 to 2199-12-31" in error["message"]


@pytest.mark.parametrize("as_of", ["0001-01-01", "9999-12-31"])
def test_the_pre_screen_as_of_is_held_to_the_range(as_of: str) -> None:
    client = token_client(make_user())
    document = request_document().model_dump(mode="json")

    refused = post_json(client, f"/eligibility/check?as_of={as_of}", document)

    assert refused.status_code == 422
    assert refused.json()["error"]["details"]["errors"][0]["path"] == "as_of"
    answered = post_json(client, "/eligibility/check?as_of=2025-06-01", document)
    assert answered.status_code == 200
    assert answered.json()["evaluated_at"].startswith("2025-06-01T00:00:00")


def test_a_request_document_date_out_of_range_is_a_422() -> None:
    client = token_client(make_user())
    document = request_document().model_dump(mode="json")
    document["postmarked_on"] = "9999-12-31"

    refused = post_json(client, "/eligibility/check", document)

    assert refused.status_code == 422
    assert "out of range" in refused.json()["error"]["message"]


def test_a_body_with_thousands_of_bad_fields_gets_a_short_answer() -> None:
    facts = {f"x{i}": "yes" for i in range(5000)}
    wrong_types = {"person": {"citizenships": ["HT"]}, "filings": [{"form": 1}] * 30}
    client = token_client(make_user())

    unknown = post_json(client, "/pathways/check", {"person": {}, "facts": facts})
    many = post_json(client, "/pathways/check", wrong_types)

    assert unknown.status_code == many.status_code == 422
    assert "(5000 in all)" in unknown.json()["error"]["message"]
    assert len(unknown.content) < 10_000
    details = many.json()["error"]["details"]
    assert len(details["errors"]) == 20 and details["error_count"] >= 30


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize("query", ["as_of=9999-12-31", "as_of=9999-11-01&within=730"])
@pytest.mark.parametrize(
    "path", ["/pathways/office/parole-ending/", "/pathways/office/parole-ending.csv"]
)
def test_the_cohort_page_refuses_an_as_of_out_of_range(query: str, path: str) -> None:
    make_term("u4u-2022-04-25", arrived_on=dt.date(2024, 1, 10), class_of_admission="UHP")
    client = Client()
    client.force_login(make_user(UserRole.SUPERVISOR))

    refused = client.get(f"{path}?{query}")

    assert refused.status_code == 400
    assert client.get(f"{path}?as_of=2199-11-01&within=730").status_code == 200


def _ends_in_9999() -> str:
    text = with_stay()
    assert "  effective_on: '2025-06-20'" in text
    return text.replace(
        "  effective_on: '2025-06-20'", "  effective_on: '2025-06-20'\n  ends_on: '9999-12-31'"
    )


@time_machine.travel(TODAY, tick=False)
def test_a_timeline_with_a_date_out_of_range_is_refused_at_upload() -> None:
    client = Client()
    client.force_login(make_user(UserRole.PROGRAM_ADMINISTRATOR))

    refused = client.post("/pathways/office/timeline/", {"source_yaml": _ends_in_9999()})

    assert refused.status_code == 400
    assert "out of range" in refused.content.decode()
    assert not TimelineChange.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_a_review_that_fails_marks_the_change_failed_with_its_reason(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(timeline_changes, "compare_timelines", broken)
    client = Client()
    client.force_login(make_user(UserRole.PROGRAM_ADMINISTRATOR))
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post("/pathways/office/timeline/", {"source_yaml": with_stay()})

    change = TimelineChange.objects.get()
    assert change.status == TimelineChangeStatus.FAILED
    page = client.get(started["Location"]).content.decode()
    assert "Review failed" in page and "date value out of range" in page
    assert AuditEvent.objects.filter(action="pathways.timeline_review_failed").count() == 1
    assert client.post(started["Location"]).status_code == 400  # never published

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/pathways/office/timeline/", {"source_yaml": with_stay()})
    change.refresh_from_db()
    assert change.status == TimelineChangeStatus.REVIEWED  # reviewed again once it works


@time_machine.travel(TODAY, tick=False)
def test_the_command_line_review_says_why_it_failed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline_changes, "compare_timelines", lambda *a, **k: 1 / 0)
    with pytest.raises(ValidationFailed, match="ZeroDivisionError"):
        review_timeline_change(
            actor=make_user(UserRole.PROGRAM_ADMINISTRATOR), source_yaml=with_stay()
        )
    assert TimelineChange.objects.get().status == TimelineChangeStatus.FAILED
