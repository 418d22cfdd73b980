"""Schemathesis against the live OpenAPI schema: generated requests never get a server error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig

from config.wsgi import application
from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.accounts.tokens import issue_api_token
from lifeline.core.schemas import EXAMPLE_REFERENCE
from lifeline.intake.models import ParoleRequest
from lifeline.intake.services import create_request
from lifeline.programs.documents import RequestDocument
from lifeline.programs.schemas import EXAMPLE_REQUEST_DOCUMENT

FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _load_schema(*, with_coverage_phase: bool) -> Any:
    """Loaded at import: schemathesis's lazy fixture loader does not run on this pytest version."""
    config = SchemathesisConfig.from_dict(
        {"phases": {"coverage": {"enabled": with_coverage_phase}}}
    )
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=config)


# The coverage phase (boundary and missing values for every field) runs once, as the supporter.
full_schema = _load_schema(with_coverage_phase=True)
fuzz_schema = _load_schema(with_coverage_phase=False)


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, settings: Any) -> Iterator[None]:
    """Keep uploads in a temporary folder and the test's database connection open.

    Django closes connections after each WSGI request; inside a test transaction that would
    end the test (Django's own test client switches this off the same way).
    """
    settings.MEDIA_ROOT = tmp_path
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def _authorization(role: str) -> dict[str, str]:
    """A signed-in user who owns a draft at the schema's example reference, for deeper paths."""
    user = User.objects.create_user(username=f"fuzz-{role}", role=role, email="f@example.org")
    draft = create_request(
        actor=user, document=RequestDocument.model_validate(EXAMPLE_REQUEST_DOCUMENT)
    )
    ParoleRequest.objects.filter(pk=draft.pk).update(reference=EXAMPLE_REFERENCE)
    return {"Authorization": f"Bearer {issue_api_token(user=user, name='schemathesis')}"}


@pytest.fixture
def as_supporter(db: None) -> dict[str, str]:
    return _authorization(UserRole.SUPPORTER)


@pytest.fixture
def as_beneficiary(db: None) -> dict[str, str]:
    return _authorization(UserRole.BENEFICIARY)


@full_schema.parametrize()
@FUZZ
def test_a_supporter_never_gets_a_server_error(case: Any, as_supporter: dict[str, str]) -> None:
    case.call_and_validate(headers=as_supporter, checks=[not_a_server_error])


@fuzz_schema.parametrize()
@FUZZ
def test_a_beneficiary_never_gets_a_server_error(case: Any, as_beneficiary: dict[str, str]) -> None:
    case.call_and_validate(headers=as_beneficiary, checks=[not_a_server_error])
