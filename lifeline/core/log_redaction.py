"""Identifiers kept out of log output and stored task failures: values echoed by validation
errors, and anything shaped like an SSN or an A-number, are replaced before they are written."""

from __future__ import annotations

import logging
import re
import traceback

# Pydantic's errors repeat the rejected input (`input_value='P01234567', input_type=str`):
# a passport or bank number has no shape of its own to recognise, so the echo goes whole.
_ECHOED_INPUT = re.compile(r"input_value=.*?(?=, input_type=|$)", re.MULTILINE)
# Digits grouped by a hyphen or a space, as people type them ("123 45 6789", "A 123 456 789").
_SSN = re.compile(r"(?<![\w-])\d{3}[- ]?\d{2}[- ]?\d{4}(?![\w-])")
_A_NUMBER = re.compile(r"(?<![\w-])A?[- ]?\d{3}[- ]?\d{3}[- ]?\d{2,3}(?![\w-])", re.IGNORECASE)
HIDDEN = "[hidden]"


def redact(text: str) -> str:
    text = _ECHOED_INPUT.sub(f"input_value={HIDDEN}", text)
    return _A_NUMBER.sub(HIDDEN, _SSN.sub(HIDDEN, text))


class RedactIdentifiers(logging.Filter):
    """Rewrites a record's message and traceback in place; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # arguments that do not fit the format: keep both apart
            message = f"{record.msg} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class TaskFailed(Exception):
    """A failed task's exception as the task queue stores it: the original class and
    traceback as text, with identifiers hidden as in a log line."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(redact("".join(traceback.format_exception(error))))
