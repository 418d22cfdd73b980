"""The request's timeline across steps owned by officers and the parole term, and notices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.utils.html import escape

from lifeline.adjudication.models import EvidenceRequest
from lifeline.core import clock
from lifeline.intake.models import ParoleRequest
from lifeline.intake.tests.factories import make_request
from lifeline.notices.models import Notice
from lifeline.notices.texts import texts_for
from lifeline.parole.models import ParoleTerm
from lifeline.portal.tests.flows import make_account, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel("2026-11-02 12:00Z", tick=False):
        yield


@pytest.fixture
def owner_and_request() -> tuple[Client, ParoleRequest]:
    owner = make_account("beneficiary")
    return signed_in(owner), make_request(status="in_review", filed_by=owner)


def test_an_open_evidence_request_shows_its_due_date_and_items(
    owner_and_request: tuple[Client, ParoleRequest],
) -> None:
    client, request = owner_and_request
    EvidenceRequest.objects.create(
        request=request,
        officer=make_account("officer"),
        items=[{"id": "physician_statement", "label": "A physician's statement"}],
        due_on=dt.date(2026, 12, 2),
    )
    page = client.get(f"/requests/{request.reference}/").content.decode()
    assert 'id="evidence-request"' in page and "A physician&#x27;s statement" in page
    assert "December 2, 2026" in page and "More evidence requested" in page
    spanish = client.get(f"/es/requests/{request.reference}/").content.decode()
    assert "2 de diciembre de 2026" in spanish


def test_the_parole_term_dates_appear_with_the_ones_ahead_marked_expected(
    owner_and_request: tuple[Client, ParoleRequest],
) -> None:
    client, request = owner_and_request
    ParoleTerm.objects.create(
        request=request,
        program="general",
        program_version="general-2016-12-23",
        status="active",
        fee_amount_usd=0,
        fee_state="exempt",
        travel_authorized_on=dt.date(2026, 9, 1),
        arrived_on=dt.date(2026, 10, 1),
        ends_on=dt.date(2027, 9, 30),
        reparole_window_opens_on=dt.date(2027, 4, 3),
    )
    page = client.get(f"/requests/{request.reference}/").content.decode()
    for text in ("Travel authorized", "parole starts", "Parole ends", "re-parole"):
        assert text in page
    assert "Expected: September 30, 2027" in page


def test_a_notice_downloads_for_its_owner_only(
    owner_and_request: tuple[Client, ParoleRequest],
) -> None:
    client, request = owner_and_request
    stored = default_storage.save("notices/test.pdf", ContentFile(b"%PDF-1.4 notice"))
    notice = Notice.objects.create(
        request=request,
        key="approval:1",
        kind="approval",
        language="en",
        verification_code="TESTCODE0001",
        issuer="Lifeline",
        issued_at=clock.now(),
        context={},
        storage_name=stored,
    )
    page = client.get(f"/requests/{request.reference}/").content.decode()
    assert "Approval notice" in page
    url = f"/requests/{request.reference}/notices/{notice.pk}/"
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert signed_in(make_account("beneficiary")).get(url).status_code == 404


def test_a_decision_in_effect_shows_its_meaning_and_reasons_before_its_pdf_is_ready() -> None:
    owner = make_account("beneficiary")
    request = make_request(status="denied", filed_by=owner)
    reason = "Parole is not warranted as a matter of discretion on this record."
    Notice.objects.create(
        request=request,
        key="decision:1",
        kind="denial",
        language="uk",
        verification_code="TESTCODE0002",
        issuer="Lifeline",
        issued_at=clock.now(),
        context={"reasons": [{"code": "deny_discretion", "label": "Discretion", "text": reason}]},
    )
    page = signed_in(owner).get(f"/uk/requests/{request.reference}/").content.decode()
    decision = page.split('id="decision"')[1].split("</section>")[0]
    meaning = texts_for("uk")["intro.denial"]  # the notice's own words, in Ukrainian
    assert meaning != texts_for("en")["intro.denial"] and escape(meaning) in decision
    assert f'<ul class="usa-list" id="decision-reasons" lang="en" dir="ltr"><li>{reason}' in (
        decision.replace("&#x27;", "'")
    )
    assert 'id="notice-in-preparation"' in decision
    assert f"/requests/{request.reference}/notices/" not in page  # no PDF to open yet
