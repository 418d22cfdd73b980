"""Dates and amounts as each portal language writes them (ADR 0268): on the request page, the
parolee's options page, notices and reminders; the memorable date's boxes in the reader's order;
Django's own formats day first (or year first) where the language writes them so."""
# ruff: noqa: RUF001 - letters in Cyrillic and Arabic script are intended.

from __future__ import annotations

import datetime as dt
import mailbox
import re
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django import forms
from django.test import Client
from django.utils import formats, translation

from lifeline.adjudication.models import EvidenceRequest
from lifeline.intake.tests.factories import make_request
from lifeline.notices.enums import NoticeKind
from lifeline.notices.rendering import notice_html
from lifeline.notices.services import issue_notice
from lifeline.notifications.models import Notification
from lifeline.parole.tests.builders import make_u4u_term
from lifeline.pathways.services import send_pathway_reminders
from lifeline.portal.tests.flows import make_account, signed_in

pytestmark = pytest.mark.django_db

# 23 December 2026 as each language writes it: the day before the month except in U.S. English.
DECEMBER_23 = {
    "en": "December 23, 2026",
    "es": "23 de diciembre de 2026",
    "uk": "23 грудня 2026",
    "ru": "23 декабря 2026",
    "ht": "23 desanm 2026",
    "fr": "23 décembre 2026",
    "ar": "23 ديسمبر 2026",
    "fa-af": "23 دسمبر 2026",
    "ps": "23 دسمبر 2026",
}
# 9 January 2026, the day the test parolee's parole ends.
JANUARY_9 = {
    "en": "January 9, 2026",
    "es": "9 de enero de 2026",
    "uk": "9 січня 2026",
    "ru": "9 января 2026",
    "ht": "9 janvye 2026",
    "fr": "9 janvier 2026",
    "ar": "9 يناير 2026",
    "fa-af": "9 جنوری 2026",
    "ps": "9 جنوري 2026",
}
LANGUAGES = list(DECEMBER_23)
# Month first, year first, or any date in figures a reader could take the wrong way round.
MISREADABLE = re.compile(r"\b(12/23/2026|2026-12-23|23/12/2026|12/23/26|Dec\. 23)\b")


def _prefix(language: str) -> str:
    return "" if language == "en" else f"/{language}"


@pytest.mark.parametrize("language", LANGUAGES)
@time_machine.travel("2026-12-01 12:00Z", tick=False)
def test_the_request_page_shows_the_evidence_due_date_as_the_reader_writes_it(
    language: str,
) -> None:
    owner = make_account("beneficiary")
    request = make_request(status="in_review", filed_by=owner)
    EvidenceRequest.objects.create(
        request=request,
        officer=make_account("officer"),
        items=[{"id": "physician_statement", "label": "A physician's statement"}],
        due_on=dt.date(2026, 12, 23),
    )
    page = signed_in(owner).get(f"{_prefix(language)}/requests/{request.reference}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert DECEMBER_23[language] in html
    assert not MISREADABLE.search(html)


@pytest.mark.parametrize("language", LANGUAGES)
@time_machine.travel("2025-12-01 12:00Z", tick=False)
def test_the_parolees_options_page_shows_the_end_of_parole_as_the_reader_writes_it(
    language: str,
) -> None:
    term = make_u4u_term()
    client = Client()
    client.force_login(term.request.filed_by)
    page = client.get(f"{_prefix(language)}/pathways/{term.request.reference}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert JANUARY_9[language] in html
    # The details under "Details and sources (in English)" quote the computation in English;
    # everything in the reader's language writes the date their way.
    own = re.sub(r'<div lang="en" dir="ltr">.*?</div>', "", html, flags=re.DOTALL)
    assert "2026-01-09" not in own and "01/09/2026" not in own


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_notice_states_its_dates_as_the_reader_writes_them(language: str) -> None:
    request = make_request(status="in_review")
    with time_machine.travel("2026-01-09 12:00Z", tick=False):
        notice = issue_notice(
            request=request,
            kind=NoticeKind.EVIDENCE_REQUEST,
            key="evidence_request:dates",
            context={"due_on": "2026-12-23", "evidence_items": [], "free_text": ""},
            language=language,
        )
    html = notice_html(notice)
    issued = re.search(r'<td id="issued-on">([^<]*)</td>', html)
    assert issued is not None and issued.group(1).startswith(JANUARY_9[language])
    assert DECEMBER_23[language] in html
    assert not MISREADABLE.search(html) and "2026-01-09" not in html


@pytest.mark.parametrize("language", ["en", "uk", "ar", "fa-af"])
def test_a_pathway_reminder_names_its_date_as_the_reader_writes_it(language: str) -> None:
    term = make_u4u_term()
    term.request.filed_by.preferred_language = language
    term.request.filed_by.save(update_fields=["preferred_language"])
    send_pathway_reminders(on=dt.date(2026, 1, 9) - dt.timedelta(days=7))
    (reminder,) = Notification.objects.filter(channel="portal", key__startswith="pathways:")
    assert reminder.language == language
    assert JANUARY_9[language] in reminder.subject and "2026-01-09" not in reminder.body


@pytest.mark.parametrize(
    ("language", "order"),
    [
        ("en", ["month", "day", "year"]),
        ("uk", ["day", "month", "year"]),
        ("ar", ["day", "month", "year"]),
        ("ht", ["day", "month", "year"]),
        ("fa-af", ["year", "month", "day"]),
        ("ps", ["year", "month", "day"]),
    ],
)
@time_machine.travel("2026-11-02 12:00Z", tick=False)
def test_the_birth_date_boxes_come_in_the_order_the_reader_writes_a_date(
    language: str, order: list[str]
) -> None:
    client = signed_in(make_account("supporter"))
    html = client.get(f"{_prefix(language)}/declarations/new/", follow=True).content.decode()
    boxes = re.findall(r"usa-form-group--(day|month|year)", html)
    assert boxes[:3] == order
    # Whatever their order, the boxes keep their names: _0 month, _1 day, _2 year.
    assert re.search(r'usa-form-group--day">\s*<label[^>]*for="[^"]*birth_date_1"', html)
    # The example under the label (28 April 1986) is in the boxes' order too.
    example = " ".join({"month": "4", "day": "28", "year": "1986"}[part] for part in order)
    assert re.search(rf"[^<>]*: {example}<", html)


@pytest.mark.parametrize(
    ("language", "typed", "read_as"),
    [
        ("en", "03/04/2026", dt.date(2026, 3, 4)),
        ("ht", "03/04/2026", dt.date(2026, 4, 3)),
        ("ar", "03/04/2026", dt.date(2026, 4, 3)),
        ("uk", "03.04.2026", dt.date(2026, 4, 3)),
        ("fa-af", "2026/04/03", dt.date(2026, 4, 3)),
        ("ps", "2026/04/03", dt.date(2026, 4, 3)),
    ],
)
def test_a_date_typed_in_figures_is_read_in_the_languages_order(
    language: str, typed: str, read_as: dt.date
) -> None:
    with translation.override(language):
        assert forms.DateField(localize=True).clean(typed) == read_as


@pytest.mark.parametrize(
    ("language", "short", "long"),
    [
        ("ht", "23/12/2026", "23/12/2026"),
        ("ps", "2026/12/23", "2026/12/23"),
        ("fa-af", "2026/12/23", "23 دسامبر 2026"),
        ("ar", "23\u200f/12\u200f/2026", "23 ديسمبر، 2026"),
        ("uk", "23.12.2026", "23 грудня 2026 р."),
    ],
)
def test_djangos_own_date_formats_are_not_month_first(language: str, short: str, long: str) -> None:
    day = dt.date(2026, 12, 23)
    with translation.override(language):
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == short
        assert formats.date_format(day) == long


@pytest.mark.parametrize(
    ("language", "written"), [("ar", "1,250.5"), ("fa-af", "1,250.5"), ("ht", "1\xa0250,5")]
)
def test_djangos_number_separators_follow_cldr(language: str, written: str) -> None:
    with translation.override(language):
        assert formats.number_format(1250.5, 1, force_grouping=True) == written


@pytest.mark.parametrize("language", ["uk", "ar", "fa-af"])
def test_the_demo_mailbox_dates_each_letter_as_the_reader_writes_it(
    language: str, settings: Any, tmp_path: Path
) -> None:
    settings.DEBUG = True
    settings.LIFELINE_DEMO_MAILDIR = tmp_path / "mail"
    letter = EmailMessage()
    letter["To"], letter["Subject"] = "olena@example.org", "Lifeline"
    letter["Date"] = "Wed, 23 Dec 2026 10:15:00 +0000"
    letter.set_content("Hello")
    mailbox.Maildir(tmp_path / "mail", create=True).add(letter)
    page = Client().get(f"/{language}/demo/mailbox/").content.decode()
    assert DECEMBER_23[language] in page and "10:15" in page
    assert "23 Dec 2026" not in page


def test_a_letters_day_and_time_are_read_in_one_time_zone(settings: Any, tmp_path: Path) -> None:
    # 23:30 in New York on 23 December is 04:30 on 24 December in the portal's time zone (UTC):
    # the day beside the time is that of the same zone.
    settings.DEBUG = True
    settings.LIFELINE_DEMO_MAILDIR = tmp_path / "mail"
    letter = EmailMessage()
    letter["To"], letter["Subject"] = "olena@example.org", "Lifeline"
    letter["Date"] = "Wed, 23 Dec 2026 23:30:00 -0500"
    letter.set_content("Hello")
    mailbox.Maildir(tmp_path / "mail", create=True).add(letter)
    page = Client().get("/uk/demo/mailbox/").content.decode()
    assert "24 грудня 2026" in page and "04:30" in page
    assert DECEMBER_23["uk"] not in page
