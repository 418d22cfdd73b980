"""The fixed wording of notices, translated in the portal's catalogs (context "notice")."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import pgettext

RTL_LANGUAGES = frozenset({"ar", "fa-af", "ps"})


def _wording() -> dict[str, str]:
    """The wording in the active language; the reasons themselves stay as the policy says."""
    return {
        "title.approval": pgettext("notice", "Approval notice"),
        "title.denial": pgettext("notice", "Denial notice"),
        "title.closure": pgettext("notice", "Closure notice"),
        "title.evidence_request": pgettext("notice", "Request for evidence"),
        "title.payment": pgettext("notice", "Parole fee payment notice"),
        "title.travel_authorization": pgettext("notice", "Travel authorization"),
        "title.reparole_window": pgettext("notice", "Your re-parole window"),
        "title.termination": pgettext("notice", "Notice of parole termination"),
        "title.program_withdrawal": pgettext("notice", "Notice of withdrawal"),
        "reference": pgettext("notice", "Reference"),
        "program": pgettext("notice", "Program"),
        "beneficiary": pgettext("notice", "Beneficiary"),
        "date": pgettext("notice", "Date of notice"),
        "issuer": pgettext("notice", "Issued by"),
        "intro.approval": pgettext("notice", "Your request for parole was approved."),
        "intro.denial": pgettext(
            "notice",
            "Your request for parole was denied. There is no appeal; you may file a new "
            "request if there are significant new facts.",
        ),
        "period.approval": pgettext(
            "notice",
            "Period: {parole_days} days, counted from the day you enter the United States at "
            "the port of entry.",
        ),
        "intro.closure": pgettext("notice", "Your request was closed."),
        "intro.evidence_request": pgettext(
            "notice",
            "We need more evidence to decide your request. Please send the items below by "
            "{due_on}. If nothing arrives by then, we will decide on the evidence we have.",
        ),
        "answer.evidence_request": pgettext(
            "notice",
            "How to answer: sign in to the portal, open this request and upload each item on "
            "the request's page. Items uploaded up to and including {due_on} count.",
        ),
        "intro.payment": pgettext(
            "notice",
            "Parole takes effect only after the parole fee of {amount_usd} is paid. Please "
            "pay by {due_on}.",
        ),
        "intro.travel_authorization": pgettext(
            "notice",
            "You are authorized to travel to the United States until {expires_on}. The "
            "decision to parole you is made at the port of entry.",
        ),
        "intro.reparole_window": pgettext(
            "notice", "Your parole ends on {ends_on}. You may ask for re-parole from {opens_on}."
        ),
        "intro.termination": pgettext(
            "notice", "Your parole ends on {ends_on} because the program was terminated."
        ),
        "intro.program_withdrawal": pgettext(
            "notice",
            "The program office has withdrawn your request. It will not be decided. You may "
            "file a new request.",
        ),
        "reasons": pgettext("notice", "Reasons"),
        "reasons_english": pgettext(
            "notice", "The reasons below are quoted in English, as the program publishes them."
        ),
        "items": pgettext("notice", "Evidence requested"),
        "verify": pgettext("notice", "Verify this notice"),
        "verify_how": pgettext("notice", "Scan the code, or open {url} and enter the code {code}."),
        "reminder.evidence_request": pgettext(
            "notice", "Reminder: evidence for {reference} is due on {due_on}"
        ),
    }


def texts_for(language: str) -> dict[str, str]:
    """The notice wording in `language` (English where the portal has no catalog for it)."""
    with translation.override(language):
        return _wording()


def notice_subject(kind: str, language: str, reference: str) -> str:
    return f"{texts_for(language)[f'title.{kind}']} — {reference}"


def evidence_reminder_subject(language: str, reference: str, due_on: str) -> str:
    """The reminder that an evidence request's due date is near."""
    wording = texts_for(language)["reminder.evidence_request"]
    return wording.format(reference=reference, due_on=due_on)
