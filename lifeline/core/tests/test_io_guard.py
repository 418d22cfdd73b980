"""Slow work (scan, decoding, PDF rendering, mail, SMS) refuses to run inside a transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from lifeline.core.io_guard import SlowWorkInTransaction, ensure_no_transaction
from lifeline.core.tests.api_helpers import image_bytes
from lifeline.core.uploads import ScanVerdict, _reencode_image, scan
from lifeline.notifications import channels
from lifeline.notifications.models import Notification


class _CleanScanner:
    def scan(self, data: bytes) -> ScanVerdict:
        return ScanVerdict(is_clean=True)


def _render_pdf() -> Any:
    from lifeline.notices.rendering import render_notice_pdf

    return render_notice_pdf(None)  # type: ignore[arg-type]  # refused before it is read


def _send_invitation() -> Any:
    from lifeline.portal.services import _send_invitation

    return _send_invitation(None, base_url="", language="en")  # type: ignore[arg-type]


def _send(channel: str) -> Callable[[], Any]:
    return lambda: channels.send(
        Notification(key="k", channel=channel, subject="s", body="b", address="a@example.org")
    )


SLOW_WORK: list[tuple[str, Callable[[], Any]]] = [
    ("virus scan", lambda: scan(_CleanScanner(), b"data")),
    ("image decoding", lambda: _reencode_image(image_bytes("PNG"), "image/png")),
    ("PDF rendering", _render_pdf),
    ("email sending", _send("email")),
    ("sms sending", _send("sms")),
    ("invitation mail", _send_invitation),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("operation", "work"), SLOW_WORK, ids=[name for name, _ in SLOW_WORK])
def test_each_kind_of_slow_work_is_refused_inside_a_transaction(
    operation: str, work: Callable[[], Any]
) -> None:
    with transaction.atomic(), pytest.raises(SlowWorkInTransaction, match=operation):
        work()


@pytest.mark.django_db
def test_the_transaction_a_test_case_wraps_around_each_test_does_not_count() -> None:
    assert transaction.get_connection().in_atomic_block  # the test's own wrapper
    ensure_no_transaction(operation="virus scan")
    with transaction.atomic(), transaction.atomic(), pytest.raises(SlowWorkInTransaction):
        ensure_no_transaction(operation="virus scan")  # a savepoint inside counts too


@pytest.mark.django_db(transaction=True)
def test_without_a_test_wrapper_only_an_open_transaction_is_refused() -> None:
    ensure_no_transaction(operation="virus scan")
    with transaction.atomic(), pytest.raises(SlowWorkInTransaction, match="'default'"):
        ensure_no_transaction(operation="virus scan")
    ensure_no_transaction(operation="virus scan")
