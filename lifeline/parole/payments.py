"""The payment interface for the parole fee, and the fake gateway used in the demo and tests."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from lifeline.core.errors import DomainError


class PaymentDeclined(DomainError):
    code = "payment_declined"
    http_status = 402


@dataclass(frozen=True)
class Receipt:
    gateway: str
    reference: str


class PaymentGateway(Protocol):
    """Charge once per idempotency key: a retried call returns the first receipt."""

    def charge(
        self, *, amount_usd: int, description: str, payment_token: str, idempotency_key: str
    ) -> Receipt: ...


class FakePaymentGateway:
    """Accepts any token except "decline"; the receipt is derived from the idempotency key."""

    name = "fake"

    def charge(
        self, *, amount_usd: int, description: str, payment_token: str, idempotency_key: str
    ) -> Receipt:
        if payment_token == "decline":  # noqa: S105 - the fake card that is always declined
            raise PaymentDeclined("The payment was declined by the card issuer; try another card.")
        digest = hashlib.sha256(f"{idempotency_key}:{amount_usd}".encode()).hexdigest()[:16]
        return Receipt(gateway=self.name, reference=f"FAKE-{digest.upper()}")


def configured_gateway() -> PaymentGateway:
    path = getattr(
        settings, "LIFELINE_PAYMENT_GATEWAY", "lifeline.parole.payments.FakePaymentGateway"
    )
    gateway: PaymentGateway = import_string(path)()
    return gateway
