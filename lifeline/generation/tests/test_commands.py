"""`lifeline generate` and `lifeline demo accounts` against the database."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import RepresentationConsent, User
from lifeline.audit.models import AuditEvent
from lifeline.core import clock
from lifeline.generation.demo import DEMO_PASSWORD
from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.parole.enums import TermStatus
from lifeline.parole.models import ParoleTerm
from lifeline.pathways.selectors import list_client_deadlines
from lifeline.people.models import Person
from lifeline.supporters.enums import DeclarationStatus
from lifeline.supporters.models import SupporterDeclaration

pytestmark = pytest.mark.django_db
GENERATE = [
    "--requests",
    "60",
    "--seed",
    "4",
    "--until",
    "2026-11-01",
    "--fraud-share",
    "0.2",
    "--duplicate-share",
    "0.1",
]


def _generate(*args: str) -> str:
    out = StringIO()
    call_command("generate", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_generate_files_every_request_through_the_services(tmp_path: Path) -> None:
    truth_path = tmp_path / "truth.json"
    _generate(*GENERATE, "--truth", str(truth_path))
    truth = json.loads(truth_path.read_text())
    requests = ParoleRequest.objects.all()
    assert requests.count() == 60
    assert set(requests.values_list("status", flat=True)) == {RequestStatus.PRESCREENED}
    by_reference = {r.reference: r for r in requests}
    for record in truth["requests"]:
        saved = by_reference[record["reference"]]
        assert saved.beneficiary_id == record["beneficiary_person_id"]
        assert saved.filed_on.isoformat() == record["filed_on"]
        assert saved.program == record["program"]
        assert Person.objects.get(pk=saved.beneficiary_id).current_location
    declarations = SupporterDeclaration.objects.all()
    assert declarations.count() == len(truth["declarations"]) > 0
    assert set(declarations.values_list("status", flat=True)) == {DeclarationStatus.CONFIRMED}
    assert AuditEvent.objects.filter(action="request.prescreened").count() == 60
    generated_users = User.objects.filter(username__startswith="gen4-")
    assert not any(user.has_usable_password() for user in generated_users)


def test_a_minor_is_saved_travelling_with_the_parents_request(tmp_path: Path) -> None:
    _generate(*GENERATE, "--truth", str(tmp_path / "truth.json"))
    truth = json.loads((tmp_path / "truth.json").read_text())
    references = {r["record_id"]: r["reference"] for r in truth["requests"]}
    travelling = [r for r in truth["requests"] if r["companion_request"]]
    assert travelling
    for record in travelling:
        saved = ParoleRequest.objects.get(reference=record["reference"])
        assert saved.travelling_with.reference == references[record["companion_request"]]
        assert saved.family_group_id == saved.travelling_with.family_group_id is not None


def test_if_empty_leaves_a_database_with_requests_alone(tmp_path: Path) -> None:
    _generate(*GENERATE, "--truth", str(tmp_path / "one.json"))
    output = _generate(*GENERATE, "--truth", str(tmp_path / "two.json"), "--if-empty")
    assert "nothing generated" in output
    assert ParoleRequest.objects.count() == 60
    assert not (tmp_path / "two.json").exists()


def test_output_dir_writes_documents_and_truth_without_touching_the_database(
    tmp_path: Path,
) -> None:
    _generate(*GENERATE, "--output-dir", str(tmp_path), "--truth", str(tmp_path / "t.csv"))
    assert not ParoleRequest.objects.exists() and not User.objects.exists()
    lines = (tmp_path / "requests.jsonl").read_text().splitlines()
    assert len(lines) == 60
    assert json.loads(lines[0])["document"]["program"]
    assert (tmp_path / "t.csv").read_text().startswith("record_id,record_kind,role,entity_id")


@pytest.mark.parametrize(
    "args",
    [
        ["--requests", "ten"],
        ["--fraud-share", "0.7"],
        ["--until", "yesterday"],
        ["--programs", "atlantis"],
        ["--truth", "truth.txt"],
    ],
)
def test_generate_refuses_bad_input_without_saving_anything(args: list[str]) -> None:
    with pytest.raises((CommandError, SystemExit)):
        _generate("--requests", "5", "--until", "2026-11-01", *args)
    assert not ParoleRequest.objects.exists()


def test_demo_accounts_give_every_role_a_login_and_can_run_again() -> None:
    out = StringIO()
    call_command("demo", "accounts", stdout=out)
    call_command("demo", "accounts", stdout=StringIO())
    users = User.objects.filter(username__startswith="demo-")
    assert sorted(users.values_list("role", flat=True)) == sorted(UserRole)
    assert all(user.check_password(DEMO_PASSWORD) for user in users)
    assert all(user.email.endswith("@example.org") for user in users)
    beneficiary = users.get(role=UserRole.BENEFICIARY)
    representative = users.get(role=UserRole.REPRESENTATIVE)
    assert (
        RepresentationConsent.objects.filter(
            representative=representative, client=beneficiary, revoked_at__isnull=True
        ).count()
        == 1
    )
    filed = ParoleRequest.objects.filter(filed_by=beneficiary)
    assert filed.count() == 3
    assert filed.filter(representative=representative).exists()
    paroled = ParoleTerm.objects.get(request__filed_by=beneficiary)  # one, not one per run
    assert paroled.status == TermStatus.ACTIVE and paroled.request.representative == representative
    assert paroled.ends_on == clock.today() + dt.timedelta(days=60)  # inside the 90 days shown
    clients = list_client_deadlines(representative, as_of=clock.today())
    assert [row.request for row in clients] == [paroled.request]
    supporter = users.get(role=UserRole.SUPPORTER)
    assert SupporterDeclaration.objects.filter(
        supporter_user=supporter, status=DeclarationStatus.CONFIRMED
    ).exists()
    text = out.getvalue()
    assert "demo-integrity-analyst" in text and DEMO_PASSWORD in text
    assert "http://127.0.0.1:8000/" in text


def test_demo_accounts_name_the_address_the_demo_serves(settings: Any) -> None:
    settings.LIFELINE_PUBLIC_BASE_URL = "http://127.0.0.1:8731"
    out = StringIO()
    call_command("demo", "accounts", stdout=out)
    assert out.getvalue().rstrip().endswith("Sign in at http://127.0.0.1:8731/")
