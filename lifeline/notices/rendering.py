"""Render a notice to PDF with WeasyPrint: the applicant's language, RTL scripts, a QR code."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from typing import Any

import qrcode
from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML

from lifeline.core.io_guard import ensure_no_transaction
from lifeline.core.local_formats import format_date_local, format_usd_local
from lifeline.notices.models import Notice
from lifeline.notices.texts import RTL_LANGUAGES, texts_for


def verification_url(code: str = "") -> str:
    base = getattr(settings, "LIFELINE_PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
    return f"{base}/verify/{code}" if code else f"{base}/verify/"


def qr_data_uri(text: str) -> str:
    image = qrcode.make(text, box_size=4, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def localised_context(context: dict[str, Any], language: str) -> dict[str, Any]:
    """The notice's facts as its reader writes them: a day (stored ISO, `due_on`, `ends_on`...)
    in the language's date format, a dollar amount written as the portal's pages write it
    (`format_usd_local`: "$1,250" in English, "1 250 USD" in Ukrainian)."""
    shown = dict(context)
    for key, value in context.items():
        if key.endswith("_on") and isinstance(value, str) and _ISO_DAY.fullmatch(value):
            shown[key] = format_date_local(dt.date.fromisoformat(value), language)
        elif key == "amount_usd" and str(value).replace(",", "").isdigit():
            shown[key] = format_usd_local(int(str(value).replace(",", "")), language)
    return shown


def notice_html(notice: Notice) -> str:
    texts = texts_for(notice.language)
    context = localised_context(notice.context, notice.language)
    intro = texts[f"intro.{notice.kind}"].format_map(_Defaulting(context))
    # What the notice states beside its intro: an approval's period, how to answer a request.
    followups = [
        texts[key].format_map(_Defaulting(context))
        for key in (f"period.{notice.kind}", f"answer.{notice.kind}")
        if key in texts and (key != f"period.{notice.kind}" or "parole_days" in context)
    ]
    return render_to_string(
        "notices/notice.html",
        {
            "notice": notice,
            "issued_on": format_date_local(notice.issued_at, notice.language),
            "t": texts,
            "title": texts[f"title.{notice.kind}"],
            "intro": intro,
            "followups": followups,
            "context": context,
            "direction": "rtl" if notice.language in RTL_LANGUAGES else "ltr",
            "qr": qr_data_uri(verification_url(notice.verification_code)),
            "verify_how": texts["verify_how"].format(
                url=verification_url(), code=notice.verification_code
            ),
        },
    )


def render_notice_pdf(notice: Notice) -> bytes:
    """The PDF bytes; never inside a transaction (rendering takes seconds)."""
    ensure_no_transaction(operation="PDF rendering")
    pdf: bytes = HTML(string=notice_html(notice)).write_pdf()  # no target: the bytes
    return pdf


class _Defaulting(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "—"
