"""The one migration of stored request documents: v1 to v2, identifiers sealed, all re-screened."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from lifeline.core.crypto import keyed_hash
from lifeline.core.models import IdempotencyRecord
from lifeline.intake.documents import read_document
from lifeline.intake.models import ParoleRequest, PrescreenRecord, RescreenReport
from lifeline.intake.tests.factories import make_request, make_user, person_document

pytestmark = pytest.mark.django_db

SSN = "123-45-6789"
A_NUMBER = "A123456789"
PASSPORT = "FE7654321"
BANK = "DE89370400440532013000"
EVALUATED_AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
MIGRATION = importlib.import_module("lifeline.intake.migrations.0005_request_document_v2")


def _v1_document() -> dict:
    """A document as version 1 stored it: every default written out, identifiers in clear."""
    beneficiary = person_document(
        ssn=SSN,
        a_number=A_NUMBER,
        passport={"country": "UA", "number": PASSPORT, "expires_on": "2030-01-01"},
    )
    return {
        "program": "general",
        "kind": "initial",
        "category": "medical",
        "filed_on": "2026-11-02",
        "beneficiary": beneficiary,
        "relationship_to_principal": "principal",
        "principal": None,
        "petitioner": None,
        "supporters": [
            {
                "person": person_document(citizenships=["US"], current_country="US"),
                "status_in_us": "citizen",
                "is_organization": False,
                "annual_income_usd": 90000,
                "household_size": 2,
                "relationship": "none",
                "other_beneficiaries_pledged": 0,
                "bank_account": BANK,
            }
        ],
        "travelling_with": None,
        "immigration_history": {
            "in_united_states": False,
            "in_removal_proceedings": False,
            "removal_orders": [],
            "irregular_entries": [],
            "pending_filings": [],
            "prior_parole": None,
            "immigrant_visa_issued": False,
        },
        "urgency": {
            "diagnosis": "Acute leukaemia",
            "life_threatening": True,
            "treatment_on": "2026-12-15",
            "treatment_unavailable_at_home": True,
            "threat_evidence": False,
            "individually_targeted": False,
            "event_kind": "",
            "event_on": None,
            "child_without_parent": False,
        },
        "invitation": None,
        "attestations": {"vaccinations": None, "medical_screening": None, "tb_screening": None},
        "narrative": "Needs a transplant.",
        "requested_duration_days": 365,
        "fee_waiver_requested": False,
    }


def _filed_v1_request() -> ParoleRequest:
    request = make_request(
        status="submitted",
        filed_on=dt.date(2026, 11, 2),
        prescreen_outcome="meets_criteria",
        program_version="general-2016-12-23",
    )
    ParoleRequest.objects.filter(pk=request.pk).update(document=_v1_document())
    PrescreenRecord.objects.create(
        request=request,
        outcome="meets_criteria",
        program="general",
        program_version="general-2016-12-23",
        evaluated_at=EVALUATED_AT - dt.timedelta(days=30),
    )
    return request


def test_the_migration_upgrades_seals_and_rescreens_and_reports_per_program(capsys):
    request = _filed_v1_request()
    MIGRATION.forward(apps, None)
    request.refresh_from_db()
    stored = request.document
    text = json.dumps(stored)
    assert stored["schema_version"] == 2 and stored["postmarked_on"] == "2026-11-02"
    for identifier in (SSN, A_NUMBER, PASSPORT, BANK):
        assert identifier not in text
    assert stored["beneficiary"]["ssn"]["index"] == keyed_hash(SSN)
    assert "in_removal_proceedings" not in stored["immigration_history"]  # a v1 default: unknown
    opened = read_document(request)
    assert opened.beneficiary.ssn == SSN and opened.supporters[0].bank_account == BANK
    assert opened.immigration_history.in_united_states is None
    records = list(PrescreenRecord.objects.filter(request=request).order_by("pk"))
    assert [(r.outcome, r.is_current) for r in records] == [
        ("meets_criteria", False),
        ("needs_information", True),
    ]
    assert request.prescreen_outcome == "needs_information"
    report = RescreenReport.objects.get()
    assert report.report["programs"]["general"] == {
        "evaluated": 1,
        "transitions": {"meets_criteria->needs_information": 1},
    }
    assert report.report["changes"][0]["reference"] == request.reference
    assert "general: 1 re-screened; meets_criteria->needs_information 1" in capsys.readouterr().out


def test_the_migration_is_safe_to_run_twice():
    request = _filed_v1_request()
    MIGRATION.forward(apps, None)
    request.refresh_from_db()
    first = request.document
    MIGRATION.forward(apps, None)
    request.refresh_from_db()
    assert request.document == first


def test_stored_idempotent_answers_with_a_document_are_sealed_too():
    record = IdempotencyRecord.objects.create(
        user=make_user(),
        key="k1",
        operation="requests.create",
        body_sha256="0" * 64,
        response_status=201,
        response_body={"reference": "HP-1", "document": _v1_document()},
    )
    MIGRATION.forward(apps, None)
    record.refresh_from_db()
    assert SSN not in json.dumps(record.response_body)
    assert record.response_body["document"]["schema_version"] == 2


def test_the_report_command_gives_the_same_report_and_writes_nothing():
    request = _filed_v1_request()
    out = StringIO()
    call_command("rescreen_report", stdout=out)
    report = json.loads(out.getvalue())
    assert report["programs"]["general"]["transitions"] == {"meets_criteria->needs_information": 1}
    assert report["changes"][0]["reference"] == request.reference
    assert PrescreenRecord.objects.filter(request=request).count() == 1
    assert not RescreenReport.objects.exists()
