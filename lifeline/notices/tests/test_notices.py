"""PDF notices in the applicant's language, right-to-left scripts with Arabic-script fonts, a
verification code and QR code; revocation shows on the public page."""
# ruff: noqa: S603, S607 - poppler tools on a PDF the test wrote

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import time_machine
from django.test import Client
from django.utils.html import escape

from lifeline.core.errors import Conflict, PermissionDenied
from lifeline.core.local_formats import format_date_local, format_usd_local
from lifeline.notices.enums import NoticeKind
from lifeline.notices.rendering import notice_html, render_notice_pdf
from lifeline.notices.services import issue_notice, revoke_notice
from lifeline.notices.texts import texts_for
from lifeline.triage.tests.scenario import officer, submitted_request, supervisor

pytestmark = pytest.mark.django_db


def _notice(language: str):  # type: ignore[no-untyped-def]
    request = submitted_request()
    request.filed_by.preferred_language = language  # the language they read the portal in
    request.filed_by.save(update_fields=["preferred_language"])
    return issue_notice(
        request=request,
        kind=NoticeKind.EVIDENCE_REQUEST,
        key=f"t:{language}",
        context={
            "evidence_items": [{"id": "passport", "label": "Passport"}],
            "due_on": "2026-12-02",
        },
    )


def test_a_kreyol_notice_uses_the_portals_word_for_parole_and_an_inclusive_deadline() -> None:
    texts = texts_for("ht")
    assert texts["title.payment"] == "Avi pou peye frè libète sou kondisyon an"
    assert "pa pita pase {due_on}" in texts["intro.evidence_request"]


def test_a_language_without_a_catalog_gets_the_english_wording() -> None:
    assert texts_for("de")["title.denial"] == "Denial notice"


@pytest.mark.parametrize(
    ("language", "direction", "phrase"),
    [
        ("en", "ltr", "Request for evidence"),
        ("uk", "ltr", "Запит додаткових доказів"),
        ("ar", "rtl", "طلب أدلة إضافية"),
        ("ps", "rtl", "د نورو اسنادو غوښتنه"),
        ("fa-af", "rtl", "درخواست اسناد بیشتر"),
    ],
)
def test_a_notice_is_written_in_the_applicants_language_and_direction(
    language,
    direction,  # type: ignore[no-untyped-def]
    phrase,
) -> None:
    notice = _notice(language)
    html = notice_html(notice)
    assert f'dir="{direction}"' in html and phrase in html
    assert notice.verification_code in html and "data:image/png;base64," in html  # the QR code


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler-utils")
def test_an_arabic_script_notice_embeds_an_arabic_font(tmp_path: Path) -> None:
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(render_notice_pdf(_notice("ps")))
    fonts = subprocess.run(
        ["pdffonts", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Noto-Naskh-Arabic" in fonts
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    visible = re.sub("[\u202a-\u202e\u2066-\u2069]", "", text)  # drop bidi controls
    assert "د نورو اسنادو غوښتنه" in visible and "2026" in visible


@time_machine.travel("2026-11-02 09:00:00Z", tick=False)
def test_a_revoked_notice_shows_as_revoked_on_the_public_page() -> None:
    notice = _notice("en")
    with pytest.raises(PermissionDenied):
        revoke_notice(supervisor=officer(), notice_id=notice.pk, reason="Issued in error today.")
    revoke_notice(supervisor=supervisor(), notice_id=notice.pk, reason="Issued in error today.")
    with pytest.raises(Conflict):
        revoke_notice(supervisor=supervisor(), notice_id=notice.pk, reason="Issued in error again.")
    page = Client().get(f"/verify/?code={notice.verification_code.lower()}").content.decode()
    assert "Revoked notice" in page and "November 2, 2026" in page


@pytest.mark.parametrize(
    "typed",
    [
        lambda code: code.replace("-", ""),
        lambda code: code.replace("-", " ").lower(),
        lambda code: f" {code.replace('-', '\u2013')} ",  # en dashes from a word processor
    ],
)
@time_machine.travel("2026-11-02 09:00:00Z", tick=False)
def test_a_verification_code_is_found_however_its_groups_are_typed(typed) -> None:  # type: ignore[no-untyped-def]
    notice = _notice("en")
    response = Client().get("/verify/", {"code": typed(notice.verification_code)})
    assert response.status_code == 200
    assert "Valid notice" in response.content.decode()


@pytest.mark.parametrize("language", ["en", "es", "uk", "ru", "ht", "fr", "ar", "fa-af", "ps"])
def test_an_evidence_request_notice_says_how_and_by_when_to_answer(language: str) -> None:
    html = notice_html(_notice(language))
    due = format_date_local(dt.date(2026, 12, 2), language)
    how = texts_for(language)["answer.evidence_request"].format(due_on=due)
    assert escape(how) in html and "2026-12-02" not in html
    if language != "en":
        assert how != texts_for("en")["answer.evidence_request"].format(due_on=due)


@pytest.mark.parametrize("language", ["en", "uk", "ar"])
def test_an_approval_notice_states_the_period_it_grants(language: str) -> None:
    request = submitted_request()
    request.filed_by.preferred_language = language
    request.filed_by.save(update_fields=["preferred_language"])
    notice = issue_notice(
        request=request, kind=NoticeKind.APPROVAL, key="a", context={"parole_days": 365}
    )
    html = notice_html(notice)
    assert escape(texts_for(language)["period.approval"].format(parole_days=365)) in html
    assert "365" in html


@pytest.mark.parametrize("language", ["en", "es", "uk", "ru", "ht", "fr", "ar", "fa-af", "ps"])
def test_a_payment_notice_writes_the_fee_as_the_portals_pages_do(language: str) -> None:
    request = submitted_request()
    request.filed_by.preferred_language = language
    request.filed_by.save(update_fields=["preferred_language"])
    notice = issue_notice(
        request=request,
        kind=NoticeKind.PAYMENT,
        key="fee",
        context={"amount_usd": "1,250", "due_on": "2026-12-02"},
    )
    html = notice_html(notice)
    fee = format_usd_local(1250, language)  # e.g. "$1,250" in English, "1 250 USD" in Ukrainian
    due = format_date_local(dt.date(2026, 12, 2), language)
    intro = texts_for(language)["intro.payment"].format(amount_usd=fee, due_on=due)
    assert escape(intro) in html
    assert "$$" not in html and "$1" not in html.replace(fee, "")
