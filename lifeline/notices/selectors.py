"""Reads of notices: by verification code, and a request's notices."""

from __future__ import annotations

import re

from django.db.models import QuerySet

from lifeline.intake.models import ParoleRequest
from lifeline.notices.models import Notice

_NOT_IN_CODE = re.compile(r"[^0-9A-Z]")
CODE_GROUP_CHARS = 4


def normalise_verification_code(code: str) -> str:
    """The code as printed (ABCD-EFGH-JKMN) however it was typed: any case, with spaces,
    dashes of any kind or none."""
    bare = _NOT_IN_CODE.sub("", code.upper())
    return "-".join(
        bare[start : start + CODE_GROUP_CHARS] for start in range(0, len(bare), CODE_GROUP_CHARS)
    )


def get_notice_by_code(code: str) -> Notice | None:
    return Notice.objects.filter(verification_code=normalise_verification_code(code)).first()


def list_notices_for_request(request: ParoleRequest) -> QuerySet[Notice]:
    """Every notice of the request, newest first (the case page's list)."""
    return Notice.objects.filter(request=request).order_by("-issued_at")


def list_delivered_notices_for_request(request: ParoleRequest) -> QuerySet[Notice]:
    """The notices whose PDF is stored, oldest first (what the applicant can open)."""
    return Notice.objects.filter(request=request).exclude(storage_name="").order_by("issued_at")
