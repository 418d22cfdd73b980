"""The facts a generated request states outright, true or false, with a share left unknown.

Applicants answer most questions the rules turn on and leave some out ("I don't know"); a
generated request does the same, so that the demo and the benchmarks are mostly decided
answers with a realistic share that asks for information. Draws come from a generator of
their own so that adding a fact does not move any other generated value.
"""

from __future__ import annotations

import random
from typing import Any

from lifeline.programs.documents import ImmigrationHistory, RequestDocument, SupporterDocument
from lifeline.programs.evaluation import get_filing_fee_due_cents

UNKNOWN_SHARE = 0.04
APART_SHARE = 0.03
# Lists a generated history states as empty ("none") unless the generator filled them.
_HISTORY_LISTS = ("removal_orders", "irregular_entries", "sea_interdictions", "pending_filings")


def stated(rng: random.Random, value: bool) -> bool | None:
    """`value`, or None (not known) for a share of the answers."""
    return None if rng.random() < UNKNOWN_SHARE else value


def stated_history(
    history: ImmigrationHistory, rng: random.Random, *, in_united_states: bool
) -> ImmigrationHistory:
    """The history with its yes-or-no facts answered and its lists stated where left open."""
    answers = {
        "in_united_states": in_united_states,
        "in_removal_proceedings": False,
        "immigrant_visa_issued": False,
    }
    update: dict[str, Any] = {
        name: stated(rng, value)
        for name, value in answers.items()
        if getattr(history, name) is None
    }
    for name in _HISTORY_LISTS:
        if getattr(history, name) is None:
            update[name] = []
    return history.model_copy(update=update)


def stated_supporter(supporter: SupporterDocument, rng: random.Random) -> SupporterDocument:
    """A person (not an organisation) supports the beneficiary, as the generator makes them."""
    if supporter.is_organization is not None:
        return supporter
    return supporter.model_copy(update={"is_organization": stated(rng, False)})


def travels_with_principal(rng: random.Random, relationship: str) -> bool | None:
    """Whether a spouse or child travels with the principal: most do, a few do not."""
    if relationship == "principal":
        return None
    if rng.random() < APART_SHARE:
        return False
    return stated(rng, True)


def stated_fee_sent(document: RequestDocument, rng: random.Random) -> RequestDocument:
    """The document with the filing fee due stated as sent, or left unknown for a share."""
    if rng.random() < UNKNOWN_SHARE:
        return document
    due_cents = get_filing_fee_due_cents(document)
    return document.model_copy(update={"filing_fee_remitted_cents": due_cents})
