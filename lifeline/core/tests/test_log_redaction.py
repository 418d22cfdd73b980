"""Log output never carries an identifier, even when an error repeats what was typed."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from pydantic import ValidationError

from lifeline.core.tests.console import console_output
from lifeline.programs.documents import Passport, PersonDocument


@pytest.fixture
def console() -> Iterator[io.StringIO]:
    with console_output() as written:
        yield written


def _refused(**person: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        PersonDocument.model_validate(person)
    return caught.value


def test_a_validation_error_logged_with_its_traceback_keeps_no_identifier(console) -> None:
    error = _refused(given_name="Olena", ssn="123-45-67890", a_number="A98765432X")
    assert "123-45-67890" in str(error)  # pydantic repeats the input: the filter must remove it
    too_long = {"country": "UA", "number": "P0123456789012345678X", "expires_on": "2030-01-01"}
    try:
        Passport.model_validate(too_long)  # the traceback shows this line, not the value
    except ValidationError:
        logging.getLogger("lifeline.test").exception("request refused: %s", error)
    written = console.getvalue()
    assert "request refused" in written and "Traceback" in written
    for identifier in ("123-45-67890", "A98765432X", "P0123456789012345678X"):
        assert identifier not in written
    assert "input_value=[hidden]" in written


@pytest.mark.parametrize(
    ("line", "hidden"),
    [
        ("person 123-45-6789 refused", "123-45-6789"),
        ("person 123456789 refused", "123456789"),
        ("A-number A12345678 refused", "A12345678"),
        ("A-number A-123-456-789 refused", "A-123-456-789"),
        ("person 123 45 6789 refused", "123 45 6789"),
        ("A-number A 123 456 789 refused", "A 123 456 789"),
    ],
)
def test_identifier_shapes_are_hidden_in_a_plain_message(console, line: str, hidden: str) -> None:
    logging.getLogger("lifeline.test").warning(line)
    assert hidden not in console.getvalue() and "[hidden]" in console.getvalue()


def test_other_numbers_stay_readable(console) -> None:
    logging.getLogger("lifeline.test").warning(
        "request 4521 took 1234 ms; reference HP-2026-000123"
    )
    assert "request 4521 took 1234 ms; reference HP-2026-000123" in console.getvalue()


def test_a_message_whose_arguments_do_not_fit_is_still_written_and_redacted(console) -> None:
    logging.getLogger("lifeline.test").warning("refused %s %s", "123-45-6789")  # one short
    written = console.getvalue()
    assert "refused" in written and "123-45-6789" not in written and "[hidden]" in written
