"""The pre-screen's open points in the reader's words: never a raw fact key."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Facts a rule may find missing, by the key the rule engine reports.
FACT_LABELS = {
    "residence_history": gettext_lazy("where the person has lived, and since when"),
    "in_us_since": gettext_lazy("where the person has lived, and since when"),
    "passport": gettext_lazy("the person's passport"),
    "marital_status": gettext_lazy("the person's marital status"),
    "citizenships": gettext_lazy("the person's citizenship"),
    "refugee_status_in": gettext_lazy("where the person has refugee status"),
    "permanent_resident_of": gettext_lazy("where the person is a permanent resident"),
    "current_country": gettext_lazy("the country where the person lives now"),
    "removal_orders": gettext_lazy("whether the person was ever ordered removed"),
    "irregular_entries": gettext_lazy("whether the person ever entered without authorization"),
    "sea_interdictions": gettext_lazy("whether the person was ever interdicted at sea"),
    "petitioner_lawfully_present_in_us": gettext_lazy(
        "whether the parent or guardian is lawfully present in the United States"
    ),
    "supporters": gettext_lazy("a supporter's declaration"),
    "vaccinations": gettext_lazy("the vaccinations"),
    "medical_screening": gettext_lazy("the medical screening"),
    "diagnosis": gettext_lazy("the diagnosis"),
    "treatment_on": gettext_lazy("the date of the treatment"),
    "event_kind": gettext_lazy("the event the request is for"),
    "event_on": gettext_lazy("the date of the event"),
}
# Rules that are unknown for a fact they state in their own words, not the engine's message.
UNKNOWN_RULE_FACTS = {
    "filing_fee_remitted": gettext_lazy("the filing fee sent"),
}
_NOT_CHECKED = re.compile(r"\s*Not checked: the request does not say '?([A-Za-z_.]+)'?\.\s*$")


@dataclass(frozen=True)
class OpenPoint:
    text: str  # in the reader's language
    program_words: str  # the rule's own explanation, in English, without engine keys


def describe_open_point(rule: dict[str, Any]) -> OpenPoint:
    explanation = str(rule.get("explanation", ""))
    if rule.get("result") == "unknown" and rule.get("id") in UNKNOWN_RULE_FACTS:
        fact = UNKNOWN_RULE_FACTS[rule["id"]]
        return OpenPoint(_("Not checked yet: the request does not say %(fact)s.") % {"fact": fact},
                         explanation)  # fmt: skip
    if rule.get("result") == "fail":  # the answers given do not meet it; the outcome says so
        return OpenPoint(_("From what you told us, this is not met."), explanation)
    missing = _NOT_CHECKED.search(explanation)
    if missing is None:
        return OpenPoint(_("An officer will check whether this is met."), explanation)
    key = missing.group(1).rsplit(".", 1)[-1]
    fact = FACT_LABELS.get(key, gettext_lazy("some information the program needs"))
    text = _("Not checked yet: the request does not say %(fact)s.") % {"fact": fact}
    return OpenPoint(text, explanation[: missing.start()].strip())
