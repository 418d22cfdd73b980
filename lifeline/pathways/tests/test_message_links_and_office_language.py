"""The e-mail and text message of a reminder carry a link a phone can open (the site's public
URL), and the program office's pathway pages are staff pages, in English under any prefix."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client, override_settings

from lifeline.accounts.enums import UserRole
from lifeline.intake.tests.factories import make_user
from lifeline.notifications.models import Notification
from lifeline.parole.tests.builders import make_u4u_term
from lifeline.pathways.services import send_pathway_reminders

pytestmark = pytest.mark.django_db

ENDS_ON = dt.date(2026, 1, 9)


@override_settings(LIFELINE_PUBLIC_BASE_URL="https://lifeline.example.org/")
def test_reminder_email_and_text_link_the_page_by_its_full_address() -> None:
    term = make_u4u_term()
    term.request.filed_by.email = "parolee@example.org"
    term.request.filed_by.save(update_fields=["email"])
    term.request.beneficiary.phone = "+15555550100"
    term.request.beneficiary.save(update_fields=["phone"])

    send_pathway_reminders(on=ENDS_ON - dt.timedelta(days=7))

    url = f"https://lifeline.example.org/pathways/{term.request.reference}/"
    sent = Notification.objects.filter(key__startswith=f"pathways:{term.request.beneficiary_id}:")
    by_channel = {note.channel: note for note in sent}
    assert by_channel["email"].body.endswith(f"\n\n{url}")
    assert by_channel["sms"].body.endswith(f" {url}")
    assert by_channel["portal"].link == f"/pathways/{term.request.reference}/"


@pytest.mark.parametrize(
    "path", ["/ar/pathways/office/parole-ending/", "/fa-af/pathways/office/timeline/"]
)
def test_office_pathway_pages_are_english_left_to_right_under_any_prefix(path: str) -> None:
    client = Client()
    client.force_login(make_user(UserRole.PROGRAM_ADMINISTRATOR))

    response = client.get(path)

    assert response.status_code == 200
    assert 'lang="en" dir="ltr"' in response.content.decode()


def test_the_parolee_page_keeps_the_chosen_language() -> None:
    term = make_u4u_term()
    client = Client()
    client.force_login(term.request.filed_by)

    response = client.get(f"/ar/pathways/{term.request.reference}/")

    assert 'lang="ar" dir="rtl"' in response.content.decode()
