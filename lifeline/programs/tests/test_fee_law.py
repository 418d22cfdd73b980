"""Fee law at its date boundaries: the postmark prices the filing fee, the grant the parole fee.

Written from the texts the fee schedules cite: 8 U.S.C. 1804(a) ("by any alien who is paroled
into the United States", in force on grants from 16 October 2025); 90 FR 52693 (FR Doc
2025-20622), whose adjustments cover "immigration-related fees administered by USCIS under the
One Big Beautiful Bill Act (HR-1)" for "Any immigration benefit request postmarked on or after
January 1, 2026"; and FR Doc 2025-20304 (published 19 November 2025), which "sets the
inflation-adjusted FY 2026 fee amounts" of, among others, "the fee for an alien paroled into the
United States". The Form I-131 fee is not an H.R. 1 fee, so 1 January 2026 does not move it. The
amount and starting date of the FY2026 parole fee were not read, so from the day that notice was
published the answer says the amount is not confirmed.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings

from lifeline.programs.evaluation import prescreen
from lifeline.programs.fees import FeeCatalog
from lifeline.programs.loader import read_fee_schedule
from lifeline.programs.results import FeeLine
from lifeline.programs.tests.builders import BASES, document

NOT_CONFIRMED = "not confirmed"


def _fee(kind: str, changes: dict[str, object], as_of: str = "2026-11-28") -> FeeLine:
    result = prescreen(document("general", changes), as_of=dt.date.fromisoformat(as_of))
    return next(fee for fee in result.fees if fee.kind == kind)


@pytest.mark.parametrize("postmarked_on", ["2025-12-31", "2026-01-01", "2026-01-02"])
def test_the_fy2026_hr1_adjustment_leaves_the_i131_filing_fee_unchanged(postmarked_on):
    fee = _fee("i131_filing", {"filed_on": postmarked_on})
    assert (fee.amount_usd, fee.charged_at, fee.priced_on) == (
        630,
        "filing",
        dt.date.fromisoformat(postmarked_on),
    )


@pytest.mark.parametrize(
    ("postmarked_on", "granted_on", "amount", "confirmed"),
    [
        ("2025-09-01", "2025-10-15", 0, True),
        ("2025-09-01", "2025-10-16", 1000, True),
        ("2025-09-01", "2025-11-18", 1000, True),
        ("2025-09-01", "2025-11-19", 1000, False),
        ("2025-09-01", "2025-12-31", 1000, False),
        ("2025-09-01", "2026-01-01", 1000, False),
        ("2025-12-31", "2026-01-01", 1000, False),
        ("2026-01-01", "2026-01-01", 1000, False),
    ],
)
def test_the_grant_date_prices_the_parole_fee_and_says_when_the_amount_is_unconfirmed(
    postmarked_on, granted_on, amount, confirmed
):
    fee = _fee("parole_grant", {"filed_on": postmarked_on, "granted_on": granted_on})
    assert fee.charged_at == "grant"
    assert fee.priced_on == dt.date.fromisoformat(granted_on)
    assert fee.amount_usd == amount
    assert (NOT_CONFIRMED not in fee.reason) is confirmed


def test_a_grant_before_the_fy2026_notice_is_confirmed_whatever_the_question_date():
    fee = _fee("parole_grant", {"filed_on": "2025-10-01", "granted_on": "2025-11-18"}, "2026-06-01")
    assert fee.priced_on == dt.date(2025, 11, 18)
    assert NOT_CONFIRMED not in fee.reason


def test_the_unconfirmed_parole_fee_names_the_notice_that_sets_it():
    fee = _fee("parole_grant", {"filed_on": "2025-12-01", "granted_on": "2026-01-01"})
    assert "FR Doc 2025-20304" in fee.reason


@pytest.mark.parametrize(("as_of", "confirmed"), [("2025-11-18", True), ("2025-11-19", False)])
def test_without_a_grant_the_question_date_prices_the_parole_fee(as_of, confirmed):
    fee = _fee("parole_grant", {"filed_on": "2025-11-01"}, as_of)
    assert (fee.amount_usd, fee.priced_on) == (1000, dt.date.fromisoformat(as_of))
    assert (NOT_CONFIRMED not in fee.reason) is confirmed


# Each program's base request, postmarked before the grants below (the general base is later).
_POSTMARKS = {
    program: {"filed_on": "2025-09-01"} if program == "general" else {} for program in BASES
}


@pytest.mark.parametrize("program", sorted(BASES))
@pytest.mark.parametrize(
    ("granted_on", "amount", "confirmed"),
    [
        ("2025-10-15", 0, True),
        ("2025-10-16", 1000, True),
        ("2025-11-18", 1000, True),
        ("2025-11-19", 1000, False),
        ("2026-01-01", 1000, False),
    ],
)
def test_every_program_owes_the_parole_fee_by_its_grant_date(
    program, granted_on, amount, confirmed
):
    """8 U.S.C. 1804(a): the fee is paid "by any alien who is paroled into the United States",
    whatever the program, from the grants of 16 October 2025."""
    changes = {**_POSTMARKS[program], "granted_on": granted_on}
    result = prescreen(document(program, changes), as_of=dt.date(2026, 11, 28))
    fee = next(fee for fee in result.fees if fee.kind == "parole_grant")
    assert (fee.amount_usd, fee.priced_on) == (amount, dt.date.fromisoformat(granted_on))
    assert (NOT_CONFIRMED not in fee.reason) is confirmed


def _hr1_filing_fees() -> FeeCatalog:
    folder = Path(settings.LIFELINE_POLICY_DIR) / "pathways" / "fees"
    return FeeCatalog(
        [
            read_fee_schedule(path.read_text(encoding="utf-8"), source_name=path.name)
            for path in sorted(folder.glob("fees-*.yaml"))
        ]
    )


@pytest.mark.parametrize(
    ("kind", "on_31_december_2025", "on_1_january_2026"),
    [
        ("i589_filing", 100, 100),
        ("annual_asylum_fee", 100, 102),
        ("i765_parole_initial", 550, 560),
        ("i765_parole_renewal", 275, 280),
        ("i821_filing", 500, 510),
    ],
)
def test_the_hr1_filing_fees_move_by_postmark_on_1_january_2026(
    kind, on_31_december_2025, on_1_january_2026
):
    """90 FR 52693: "Any immigration benefit request postmarked on or after January 1, 2026
    without the proper filing fee will be rejected." (The amounts come from summaries of the
    notice's list; see the schedule's uncertainty.)"""
    catalog = _hr1_filing_fees()
    before = catalog.on(kind, dt.date(2025, 12, 31))
    after = catalog.on(kind, dt.date(2026, 1, 1))
    assert before is not None and after is not None
    assert (before[0].amount_usd, after[0].amount_usd) == (on_31_december_2025, on_1_january_2026)
    assert before[0].charged_at == after[0].charged_at == "filing"


def test_the_hr1_filing_fee_schedules_do_not_carry_the_parole_fee():
    assert "parole_grant" not in _hr1_filing_fees().kinds()


def _parole_fee_in_force_on_16_october_2025():
    path = Path(settings.LIFELINE_POLICY_DIR) / "_fees" / "fees-2025-10-16.yaml"
    schedule = read_fee_schedule(path.read_text(encoding="utf-8"), source_name=path.name)
    return next(fee for fee in schedule.fees if fee.kind == "parole_grant")


def test_the_parole_fee_cites_the_fy2025_amount_of_subsection_c():
    """Pub. L. 119-21 sec. 100004(c): "For fiscal year 2025, the amount specified in this section
    shall be the greater of— (1) $1,000; or (2) such amount as the Secretary of Homeland Security
    may establish, by rule." """
    fee = _parole_fee_in_force_on_16_october_2025()
    assert fee.amount_usd == 1000
    assert fee.citation.authority.label.startswith("8 U.S.C. 1804(c)")
    assert "$1,000" in fee.citation.quote


def test_every_exception_of_subsection_b_is_cited_by_its_own_paragraph():
    """8 U.S.C. 1804(b) lists ten exceptions, paragraphs (1) to (10) (Pub. L. 119-21 sec.
    100004(b)); each is either found from the request's facts or left to the officer, and each
    cites its own paragraph rather than the lead-in of subsection (b)."""
    fee = _parole_fee_in_force_on_16_october_2025()
    cited = [
        exemption.citation.authority.usc_section  # type: ignore[union-attr]
        for exemption in [*fee.exemptions, *fee.officer_exemptions]
    ]
    paragraphs = {section.removeprefix("1804(b)(").split(")")[0] for section in cited}
    assert "1804(b)" not in cited
    assert paragraphs == {str(number) for number in range(1, 11)}


@pytest.mark.parametrize(
    "folder", ["_fees", "pathways/fees"], ids=["program fee law", "pathway fees"]
)
def test_a_fee_whose_quote_states_an_amount_charges_that_amount(folder):
    """Where the quoted sentence gives a dollar amount (8 U.S.C. 1804(c): "$1,000"; 8 U.S.C.
    1802(b): "$100"; 1803(b)(2): "$550"; 1809(b)(1): "$275"), the schedule charges exactly it."""
    paths = sorted((Path(settings.LIFELINE_POLICY_DIR) / folder).glob("fees-*.yaml"))
    compared = 0
    for path in paths:
        schedule = read_fee_schedule(path.read_text(encoding="utf-8"), source_name=path.name)
        for fee in schedule.fees:
            stated = {
                int(amount.replace(",", ""))
                for amount in re.findall(r"\$([\d,]+)", fee.citation.quote)
            }
            if stated:
                assert fee.amount_usd in stated, f"{path.name} {fee.kind}: quote says {stated}"
                compared += 1
    assert compared >= 1


@pytest.mark.parametrize("program", sorted(BASES))
@pytest.mark.parametrize("as_of", [dt.date(2025, 10, 15), dt.date(2025, 10, 16)])
@pytest.mark.parametrize("kind", ["initial", "reparole"])
def test_every_fee_line_cites_its_primary_text_even_when_nothing_is_due(program, as_of, kind):
    """A $0 line (no I-131 in the process, or no parole fee before 8 U.S.C. 1804 applies) says
    where that comes from, as every charged line does."""
    result = prescreen(
        document(program, {"kind": kind}),
        evaluated_at=dt.datetime(2026, 11, 28, tzinfo=dt.UTC),
        as_of=as_of,
    )
    lines = [line for person in result.people for line in person.fees]
    assert lines
    uncited = [(line.kind, line.amount_usd, line.reason) for line in lines if line.citation is None]
    assert uncited == []
