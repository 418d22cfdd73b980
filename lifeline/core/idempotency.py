"""Idempotency keys: the same key and body replay the first answer and never add a row."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any

from django.db import IntegrityError, transaction
from django.http import JsonResponse
from ninja import Header
from pydantic import BaseModel

from lifeline.core.api_errors import IDEMPOTENCY_HEADER
from lifeline.core.crypto import keyed_digest
from lifeline.core.errors import IdempotencyKeyReused
from lifeline.core.models import IdempotencyRecord

REPLAYED_HEADER = "Idempotent-Replayed"

IdempotencyKey = Annotated[
    str,
    Header(
        alias=IDEMPOTENCY_HEADER,
        pattern=r"^[\x21-\x7e]{1,200}$",
        description="A key you choose (a UUID is fine) that names this one create. A retry "
        "with the same key and body gets the first answer again; a different body is a 409.",
    ),
]


def fingerprint(payload: Any) -> str:
    """Keyed HMAC-SHA256 of the payload as canonical JSON (key order and spacing do not matter).

    Keyed, not a plain SHA-256: the body holds SSNs and A-numbers, and with the rest of the
    body known a plain digest gives a nine-digit number away to a few billion guesses. Stored
    in `body_sha256`, which names the digest's length, not its key."""
    if isinstance(payload, BaseModel):
        payload = payload.model_dump(mode="json")
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return keyed_digest(canonical.encode())


def _replay(record: IdempotencyRecord, body_sha256: str) -> tuple[int, Any, bool]:
    if record.body_sha256 != body_sha256:
        raise IdempotencyKeyReused(
            f"The {IDEMPOTENCY_HEADER} {record.key!r} was already used for a different request. "
            "Use a new key for a new create; resend the same body to get the first answer.",
            details={"key": record.key, "operation": record.operation},
        )
    return record.response_status, record.response_body, True


def replayed_answer(*, user: Any, key: str, operation: str, payload: Any) -> JsonResponse | None:
    """The first answer for this key, read without a transaction, or None if it is new.

    Creates with slow work (a virus scan) ask this before doing it, so a retry costs a read.
    """
    record = IdempotencyRecord.objects.filter(user=user, operation=operation, key=key).first()
    if record is None:
        return None
    status, body, _ = _replay(record, fingerprint(payload))
    return _response(status, body, is_replayed=True)


def _response(status: int, body: Any, *, is_replayed: bool) -> JsonResponse:
    response = JsonResponse(body, status=status, safe=False)
    if is_replayed:
        response[REPLAYED_HEADER] = "true"
    return response


def run_idempotent(
    *,
    user: Any,
    key: str,
    operation: str,
    payload: Any,
    create: Callable[[], tuple[int, Any]],
) -> tuple[int, Any, bool]:
    """Run `create` once per (user, operation, key); returns (status, body, is_replayed).

    The record is written in the same transaction as whatever `create` writes, so a failed
    create leaves neither the row nor the record, and the key can be used again. `create` runs
    inside that transaction: slow work (scanning, rendering, sending) belongs before it.
    """
    body_sha256 = fingerprint(payload)
    lookup = {"user": user, "operation": operation, "key": key}
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.select_for_update().filter(**lookup).first()
            if record is not None:
                return _replay(record, body_sha256)
            status, body = create()
            IdempotencyRecord.objects.create(
                **lookup, body_sha256=body_sha256, response_status=status, response_body=body
            )
            return status, body, False
    except IntegrityError:
        # A concurrent call with the same key committed first: its answer is the answer.
        record = IdempotencyRecord.objects.filter(**lookup).first()
        if record is None:
            raise
        return _replay(record, body_sha256)


def idempotent_response(
    *,
    user: Any,
    key: str,
    operation: str,
    payload: Any,
    status: int,
    create: Callable[[], BaseModel],
) -> JsonResponse:
    """The API side of run_idempotent: `create` returns the output schema for `status`.

    The body was validated against its schema when first made, so a replay sends it as stored.
    """

    def create_and_serialise() -> tuple[int, Any]:
        return status, create().model_dump(mode="json")

    answer_status, body, is_replayed = run_idempotent(
        user=user, key=key, operation=operation, payload=payload, create=create_and_serialise
    )
    return _response(answer_status, body, is_replayed=is_replayed)
