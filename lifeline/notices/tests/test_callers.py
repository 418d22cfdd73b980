"""Adjudication and parole issue their notices through the notices app, which knows nothing of
either: it takes the kind, the request, the language and the facts as arguments."""

from __future__ import annotations

import ast
import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings

from lifeline.adjudication import evidence_requests
from lifeline.adjudication import services as adjudication
from lifeline.audit.models import AuditEvent
from lifeline.notices import services as notice_services
from lifeline.notices.models import Notice
from lifeline.parole import lifecycle
from lifeline.parole import services as parole
from lifeline.parole.enums import TermStatus
from lifeline.parole.models import ParoleTerm
from lifeline.parole.tests.builders import make_term
from lifeline.triage.tests.scenario import GENERAL_RUBRIC, RATIONALE, officer, taken_request

ROOT = Path(settings.BASE_DIR)
CALM = {"urgency": {}, "narrative": "We would like to visit our mother in hospital."}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def _app_modules(app: str) -> list[Path]:
    return [p for p in (ROOT / "lifeline" / app).rglob("*.py") if "tests" not in p.parts]


@pytest.mark.parametrize("path", _app_modules("notices"), ids=lambda p: p.name)
def test_the_notices_app_never_imports_adjudication_or_parole(path: Path) -> None:
    imported = _imports(path)
    assert not {m for m in imported if m.startswith(("lifeline.adjudication", "lifeline.parole"))}


@pytest.mark.parametrize(
    "module",
    [
        "adjudication/services.py",
        "adjudication/evidence_requests.py",
        "parole/services.py",
        "parole/lifecycle.py",
    ],
)
def test_each_module_that_sends_a_notice_calls_the_notices_service(module: str) -> None:
    path = ROOT / "lifeline" / module
    assert "lifeline.notices.services" in _imports(path)
    assert "Notice.objects.create" not in path.read_text()


@pytest.fixture
def codes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Verification codes handed out by the notices app, in order."""
    issued: list[str] = []
    counter = itertools.count(1)

    def next_code() -> str:
        issued.append(f"TEST-CODE-{next(counter):04d}")
        return issued[-1]

    monkeypatch.setattr(notice_services, "new_verification_code", next_code)
    return issued


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(adjudication, "is_sampled_for_second_review", lambda r, s: False)
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


def _approve(**document: Any) -> ParoleTerm:
    alice = officer()
    request = taken_request(alice, **document)
    adjudication.record_decision(
        officer=alice,
        request_id=request.pk,
        expected_version=request.version,
        outcome="approve",
        reason_codes=["approve_urgent_humanitarian"],
        rubric_scores=GENERAL_RUBRIC,
        rationale=RATIONALE,
    )
    return ParoleTerm.objects.get(request=request)


def _issued_event(notice: Notice) -> AuditEvent:
    return AuditEvent.objects.get(
        action="notice.issued", subject_type="notice", subject_id=str(notice.pk)
    )


@pytest.mark.django_db
def test_an_approval_issues_the_approval_notice_with_its_reasons_through_the_notices_app(
    codes: list[str],
) -> None:
    term = _approve()
    notice = Notice.objects.get(request=term.request, kind="approval")
    assert notice.verification_code in codes and notice.key.startswith("decision:")
    assert notice.context["decided_on"] == "2026-11-02"
    assert [r["code"] for r in notice.context["reasons"]] == ["approve_urgent_humanitarian"]
    assert _issued_event(notice).stream == f"request:{term.request_id}"


@pytest.mark.django_db
def test_a_fee_due_on_approval_issues_the_payment_notice_through_the_notices_app(
    codes: list[str],
) -> None:
    term = _approve(**CALM)
    notice = Notice.objects.get(key=f"parole_fee:{term.pk}")
    assert notice.kind == "payment" and notice.verification_code in codes
    assert notice.context["amount_usd"] == "1,000"
    assert _issued_event(notice).details["kind"] == "payment"


@pytest.mark.django_db
def test_travel_authorized_at_once_issues_its_notice_through_the_notices_app(
    codes: list[str],
) -> None:
    term = _approve()  # exempt from the fee: travel is authorized with the approval
    assert term.status == TermStatus.TRAVEL_AUTHORIZED
    notice = Notice.objects.get(request=term.request, kind="travel_authorization")
    assert notice.verification_code in codes
    assert notice.context["expires_on"] == term.travel_authorization_expires_on.isoformat()
    assert _issued_event(notice)


@pytest.mark.django_db
def test_an_evidence_request_issues_its_notice_through_the_notices_app(
    codes: list[str],
) -> None:
    alice = officer()
    request = taken_request(alice)
    asked = evidence_requests.request_evidence(
        officer=alice,
        request_id=request.pk,
        expected_version=request.version,
        item_ids=["passport_bio_page"],
        free_text="",
    )
    notice = Notice.objects.get(key=f"evidence_request:{asked.pk}")
    assert notice.kind == "evidence_request" and notice.verification_code in codes
    assert notice.context["due_on"] == asked.due_on.isoformat()
    assert _issued_event(notice)


@pytest.mark.django_db
def test_the_reparole_window_notice_is_issued_through_the_notices_app(codes: list[str]) -> None:
    term = make_term(
        "u4u-2025-01-28",
        status=TermStatus.TRAVEL_AUTHORIZED,
        travel_authorized_on=dt.date(2026, 10, 1),
        travel_authorization_expires_on=dt.date(2026, 12, 30),
    )
    parole.activate(term, paroled_on=dt.date(2026, 11, 1), class_of_admission="UHP", role="officer")
    with time_machine.travel("2028-05-04 09:00:00Z", tick=False):
        assert lifecycle.send_reparole_window_notices() == 1
    notice = Notice.objects.get(request=term.request, kind="reparole_window")
    assert notice.verification_code in codes
    assert notice.context["ends_on"] == term.ends_on.isoformat()
    assert _issued_event(notice)
