"""Fact questions answered Yes, No or "I don't know": stored as true, false or left out."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

YES, NO, UNKNOWN = "yes", "no", "unknown"
ANSWERS = [(YES, _("Yes")), (NO, _("No")), (UNKNOWN, _("I don't know"))]
# The filing fee: sent (the amount due, stated in the document), a fee waiver asked for, or
# not known yet (the amount left out, so the pre-screen asks for it).
FEE_SENT, FEE_WAIVER = "send", "waiver"
FILING_FEE_ANSWERS = [
    (FEE_SENT, _("I send the filing fee due with the request")),
    (FEE_WAIVER, _("I ask for a fee waiver (Form I-912)")),
    (UNKNOWN, _("I don't know yet")),
]


def yes_no_unknown(label: Any, **kwargs: Any) -> forms.ChoiceField:
    """A radio question with "I don't know" as an answer; `fact` turns the answer into data."""
    kwargs.setdefault("required", True)
    return forms.ChoiceField(label=label, choices=ANSWERS, widget=forms.RadioSelect, **kwargs)


def fact(answer: str | None) -> bool | None:
    """True for yes, false for no, None (not known) for "I don't know" or no answer."""
    if answer == YES:
        return True
    if answer == NO:
        return False
    return None


def facts(data: dict[str, Any], *names: str) -> dict[str, bool]:
    """The stated facts among `names`; unknown ones are left out of the document."""
    stated = {name: fact(data.get(name)) for name in names}
    return {name: value for name, value in stated.items() if value is not None}


# Questions a "No" answers with an empty list (none); "Yes" or "I don't know" leaves the lists
# out, so the pre-screen asks for them (a "Yes" needs the dates an officer reads).
HISTORY_LIST_QUESTIONS: dict[str, tuple[str, ...]] = {
    "ever_ordered_removed": ("removal_orders",),
    "ever_entered_irregularly": ("irregular_entries",),
    "ever_interdicted_at_sea": ("sea_interdictions",),
}
PERSON_LIST_QUESTIONS: dict[str, tuple[str, ...]] = {
    "resident_or_refugee_elsewhere": ("permanent_resident_of", "refugee_status_in")
}


def stated_none(
    data: dict[str, Any], questions: dict[str, tuple[str, ...]]
) -> dict[str, list[Any]]:
    """The lists a "No" answer states as empty, by list name."""
    return {
        name: []
        for question, names in questions.items()
        if data.get(question) == NO
        for name in names
    }
