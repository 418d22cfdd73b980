"""Reads of the parole record: a term's filings, and its end as it stood on a date."""

from __future__ import annotations

import datetime as dt
import logging

from pydantic import ValidationError

from lifeline.core.errors import DomainError
from lifeline.parole.models import ParoleTerm
from lifeline.parole.terms import Filing, ParoleRecord, compute_term
from lifeline.programs.registry import get_registry

logger = logging.getLogger(__name__)


def term_filings(term: ParoleTerm) -> list[Filing]:
    """The filings recorded on the term (`pending_filings`, decided ones included)."""
    return [Filing.model_validate(filing) for filing in term.pending_filings]


def term_ends_on(term: ParoleTerm, as_of: dt.date) -> dt.date | None:
    """The term's end as it stood on `as_of`: its record read with the terminations, court
    orders and determinations in force then; the stored end (logged) where the record cannot
    be read."""
    try:
        record = ParoleRecord.model_validate(
            {
                "program": term.program,
                "class_of_admission": term.class_of_admission,
                "paroled_on": term.arrived_on,
                "original_ends_on": term.original_ends_on,
                "pending_filings": term.pending_filings,
                "individual_determinations": term.individual_determinations,
                "departed_on": term.departed_on,
                "as_of": as_of,
            }
        )
        return compute_term(record, get_registry()).ends_on
    except (ValidationError, DomainError) as error:
        logger.warning(
            "Parole term %s: its end on %s could not be computed (%s); the stored end is used.",
            term.pk,
            as_of,
            error,
        )
        return term.ends_on
