"""The plain words of the pathway pages and reminders, in the portal languages."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

OPTION_LABELS: dict[str, Promise] = {
    "asylum": _("Ask for protection because you fear harm in your country (asylum)"),
    "tps": _("Temporary protection for people from countries in crisis (TPS)"),
    "cuban_adjustment": _("Permanent residence for Cubans after one year in the United States"),
    "afghan_special_immigrant": _(
        "Permanent residence for Afghans who worked for or with the U.S. government"
    ),
    "family_adjustment": _("Permanent residence through a U.S. citizen or resident relative"),
    "reparole": _("Ask to extend your parole (re-parole)"),
    "employment_authorization": _("Permission to work while on parole"),
}

STATUS_LABELS: dict[str, Promise] = {
    "may_apply": _("You may apply"),
    "not_available": _("Not open to you on what we know"),
    "deadline_passed": _("The date has passed"),
    "not_yet": _("Not yet"),
    "needs_information": _("We need more information"),
    "needs_legal_review": _("An accredited representative must check this"),
}

NEXT_STEPS: dict[str, Promise] = {
    "may_apply": _(
        "Prepare and file before the date shown. An accredited representative can help."
    ),
    "not_available": _("Nothing to file for this option. Tell us if your situation changes."),
    "deadline_passed": _("Ask an accredited representative whether an exception applies to you."),
    "not_yet": _("Wait until the date shown, then file."),
    "needs_information": _("Answer the missing questions with your representative."),
    "needs_legal_review": _("Ask an accredited representative before you rely on this answer."),
}

REMINDER_SUBJECT = _("Reminder: {what} by {day}")
REMINDER_BODY = _(
    "{what}: the date to act by is {day}, in {days} days. Open your options page to see what to "
    "do next. Legal information, not legal advice."
)
PAROLE_ENDS = _("Your parole ends")
CHANGE_SUBJECT = _("Your options after parole have changed")
CLIENT_CHANGE_SUBJECT = _("Your client's options after parole have changed ({reference})")
CHANGE_BODY = _(
    "A court order or a change in the law, published on {day}, changes the answers on the options "
    "after parole page. Open the page to see what changed and what to do next. Legal "
    "information, not legal advice."
)


def option_label(code: str, fallback: str) -> str:
    label = OPTION_LABELS.get(code)
    return str(label) if label is not None else fallback
