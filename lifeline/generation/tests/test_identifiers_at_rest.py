"""No SSN, A-number, passport or bank number in clear anywhere a generated data set is stored."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, models

from lifeline.intake.documents import read_document
from lifeline.intake.models import ParoleRequest
from lifeline.programs.documents import PersonDocument, RequestDocument

pytestmark = pytest.mark.django_db
_STORED_AS_TEXT = (models.CharField, models.TextField, models.JSONField, models.BinaryField)


def _people(document: RequestDocument) -> list[PersonDocument]:
    people = [document.beneficiary, document.principal, document.petitioner]
    people += [supporter.person for supporter in document.supporters]
    people += [member.person for member in document.household]
    return [person for person in people if person is not None]


def _planted(documents: list[RequestDocument]) -> set[str]:
    """Every identifier the generated documents hold, as written and digits-only for SSNs."""
    found: set[str] = set()
    for document in documents:
        for person in _people(document):
            if person.ssn:
                found |= {person.ssn, person.ssn.replace("-", "")}
            if person.a_number:
                found |= {person.a_number, person.a_number.removeprefix("A")}
            if person.passport is not None:
                found.add(person.passport.number)
        found |= {s.bank_account for s in document.supporters if s.bank_account}
    return {value for value in found if len(value) >= 6}


def _stored_text() -> list[tuple[str, str]]:
    """(table.column, raw stored value) for every text, JSON or binary column, read without the
    model's decryption."""
    rows: list[tuple[str, str]] = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            for field in model._meta.concrete_fields:
                if not isinstance(field, _STORED_AS_TEXT):
                    continue
                column = connection.ops.quote_name(field.column)
                cursor.execute(f"SELECT {column} FROM {connection.ops.quote_name(table)}")  # noqa: S608
                for (value,) in cursor.fetchall():
                    if value is None:
                        continue
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("latin-1")
                    rows.append((f"{table}.{field.column}", str(value)))
    return rows


def test_a_generated_data_set_keeps_no_identifier_in_clear_in_any_table_or_file(tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command(
        "generate",
        *("--requests", "60", "--seed", "4", "--until", "2026-11-01", "--fraud-share", "0.2"),
        stdout=StringIO(),
        stderr=StringIO(),
    )
    documents = [read_document(request) for request in ParoleRequest.objects.all()]
    planted = _planted(documents)
    assert len(planted) > 50, "the generated data set should plant identifiers to look for"
    leaks = {(where, value) for where, text in _stored_text() for value in planted if value in text}
    media = Path(settings.MEDIA_ROOT)
    files = [path for path in media.rglob("*") if path.is_file()] if media.exists() else []
    for path in files:
        content = path.read_bytes().decode("latin-1")
        leaks |= {(str(path), value) for value in planted if value in content}
    assert not leaks, f"identifiers stored in clear: {sorted(leaks)[:10]}"
