"""Reads of notices: by verification code, and a request's notices."""

from __future__ import annotations

from django.db.models import QuerySet

from lifeline.intake.models import ParoleRequest
from lifeline.notices.models import Notice


def get_notice_by_code(code: str) -> Notice | None:
    return Notice.objects.filter(verification_code=code.strip().upper()).first()


def list_notices_for_request(request: ParoleRequest) -> QuerySet[Notice]:
    """Every notice of the request, newest first (the case page's list)."""
    return Notice.objects.filter(request=request).order_by("-issued_at")


def list_delivered_notices_for_request(request: ParoleRequest) -> QuerySet[Notice]:
    """The notices whose PDF is stored, oldest first (what the applicant can open)."""
    return Notice.objects.filter(request=request).exclude(storage_name="").order_by("issued_at")
