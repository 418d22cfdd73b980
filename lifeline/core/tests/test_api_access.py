"""The access matrix: every role (and no sign-in) against every API operation."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from config.api import api
from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import RepresentationConsent, User
from lifeline.core import clock
from lifeline.core.tests.api_helpers import API, image_bytes, token_client
from lifeline.intake.models import ParoleRequest
from lifeline.intake.services import create_request
from lifeline.intake.tests.factories import make_user, person_document, request_document
from lifeline.intake.tests.test_policy_review import draft_text
from lifeline.programs.documents import PersonDocument, SupporterDocument
from lifeline.supporters.services import declare_support

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
ROLES = [ANONYMOUS, *UserRole]
CASE_STAFF = {UserRole.OFFICER, UserRole.SUPERVISOR, UserRole.INTEGRITY_ANALYST}


@dataclass(frozen=True)
class World:
    request: ParoleRequest
    declaration_reference: str


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    body: str = "none"  # none | document | declaration | request | upload

    def call(self, client: Client, world: World) -> Any:
        path = API + self.path.format(
            request=world.request.reference,
            declaration=world.declaration_reference,
            version="general-2099-01-01",
        )
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        if self.body == "upload":
            upload = SimpleUploadedFile("a.pdf", image_bytes("PDF"), "application/pdf")
            data = {"kind": "physician_statement", "file": upload}
            return client.post(path, data, headers=headers)
        payload = _bodies()[self.body]
        if self.method == "GET":
            return client.get(path)
        return client.post(path, payload, content_type="application/json", headers=headers)


EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _bodies() -> dict[str, Any]:
    document = request_document().model_dump(mode="json")
    supporter = {
        "person": person_document(given_name="Ann", citizenships=["US"], current_country="US"),
        "status_in_us": "citizen",
        "annual_income_usd": 90_000,
        "household_size": 2,
    }
    return {
        "none": {},
        "draft": {"source_yaml": draft_text()},
        "document": document,
        "request": {"document": document},
        "pathway": json.loads((EXAMPLES / "pathways" / "afghan-parolee.json").read_text()),
        "declaration": {
            "program": "general",
            "supporter": supporter,
            "beneficiary": person_document(given_name="Iryna"),
            "beneficiary_email": "iryna@example.org",
        },
    }


def _everyone(status: int) -> dict[str, int]:
    return {role: status for role in UserRole}


def _case_file(staff: int, public: int = 404) -> dict[str, int]:
    """Someone else's request: case staff see it; other roles are told it does not exist."""
    return {role: staff if role in CASE_STAFF else public for role in UserRole}


# operation -> expected status per role (anonymous is 401 unless listed).
MATRIX: dict[Operation, dict[str, int]] = {
    Operation("GET", "/me"): _everyone(200),
    Operation("GET", "/programs"): {ANONYMOUS: 200, **_everyone(200)},
    Operation("POST", "/eligibility/check", "document"): _everyone(200),
    Operation("POST", "/pathways/check", "pathway"): _everyone(200),
    Operation("POST", "/declarations", "declaration"): {
        **_everyone(403),
        UserRole.SUPPORTER: 201,
    },
    Operation("GET", "/declarations"): _everyone(200),
    Operation("GET", "/declarations/received"): _everyone(200),
    Operation("POST", "/declarations/{declaration}/confirm"): _everyone(404),
    Operation("POST", "/requests", "request"): {
        **_everyone(403),
        UserRole.BENEFICIARY: 201,
        UserRole.SUPPORTER: 201,
    },
    Operation("GET", "/requests"): _everyone(200),
    Operation("GET", "/requests/{request}"): _case_file(200),
    Operation("POST", "/requests/{request}/submit"): _case_file(403),
    Operation("GET", "/requests/{request}/timeline"): _case_file(200),
    Operation("POST", "/requests/{request}/evidence", "upload"): _case_file(403),
    Operation("GET", "/requests/{request}/evidence"): _case_file(200),
    Operation("POST", "/program-versions/reviews", "draft"): {
        **_everyone(403),
        UserRole.PROGRAM_ADMINISTRATOR: 201,
    },
    Operation("POST", "/program-versions/{version}/publish"): {
        **_everyone(403),
        UserRole.PROGRAM_ADMINISTRATOR: 409,  # not reviewed yet
    },
}


@pytest.fixture
def world(tmp_path: Path, settings: Any) -> World:
    settings.MEDIA_ROOT = tmp_path
    owner = make_user(UserRole.BENEFICIARY)
    declaration = declare_support(
        actor=make_user(UserRole.SUPPORTER),
        program="general",
        supporter=SupporterDocument.model_validate(_bodies()["declaration"]["supporter"]),
        beneficiary=PersonDocument.model_validate(person_document()),
        beneficiary_email="someone.else@example.org",
    )
    return World(
        request=create_request(actor=owner, document=request_document()),
        declaration_reference=declaration.reference,
    )


def _client(role: str) -> Client:
    return Client() if role == ANONYMOUS else token_client(make_user(role))


@pytest.mark.parametrize(
    ("operation", "role", "expected"),
    [
        pytest.param(op, role, expected.get(role, 401), id=f"{op.method} {op.path} as {role}")
        for op, expected in MATRIX.items()
        for role in ROLES
    ],
)
def test_each_role_gets_the_expected_answer_from_each_operation(
    world: World, operation: Operation, role: str, expected: int
) -> None:
    response = operation.call(_client(role), world)
    assert response.status_code == expected, response.content


def test_the_matrix_covers_every_documented_operation() -> None:
    documented = {
        (method.upper(), path.removeprefix(API))
        for path, operations in api.get_openapi_schema()["paths"].items()
        for method in operations
    }
    covered = {
        (
            op.method,
            op.path.replace("{request}", "{reference}").replace("{declaration}", "{reference}"),
        )
        for op in MATRIX
    }
    assert covered == documented


def _as(user: User, world: World, method: str, path: str, body: str = "none") -> int:
    return Operation(method, path, body).call(token_client(user), world).status_code


def test_the_owner_reads_uploads_and_submits_their_own_request(world: World) -> None:
    owner = world.request.filed_by
    assert _as(owner, world, "GET", "/requests/{request}") == 200
    assert _as(owner, world, "POST", "/requests/{request}/evidence", "upload") == 201
    assert _as(owner, world, "POST", "/requests/{request}/submit") == 200


def test_the_beneficiary_named_in_a_request_sees_it_but_only_the_filer_submits(
    world: World,
) -> None:
    beneficiary = make_user(UserRole.BENEFICIARY)
    world.request.beneficiary.user = beneficiary
    world.request.beneficiary.save()
    assert _as(beneficiary, world, "GET", "/requests/{request}") == 200
    assert _as(beneficiary, world, "POST", "/requests/{request}/submit") == 403


def test_a_representative_acts_while_consent_lasts_and_loses_the_case_when_revoked(
    tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    representative, client = make_user(UserRole.REPRESENTATIVE), make_user(UserRole.BENEFICIARY)
    consent = RepresentationConsent.objects.create(
        representative=representative, client=client, granted_at=clock.now()
    )
    request = create_request(actor=representative, document=request_document(), client=client)
    world = World(request=request, declaration_reference="SD-0000000000")
    assert _as(representative, world, "GET", "/requests/{request}") == 200
    assert _as(representative, world, "POST", "/requests/{request}/evidence", "upload") == 201
    consent.revoked_at = clock.now()
    consent.save()
    assert _as(representative, world, "GET", "/requests/{request}") == 404
    assert _as(representative, world, "POST", "/requests/{request}/submit") == 404
    assert _as(client, world, "POST", "/requests/{request}/submit") == 200
