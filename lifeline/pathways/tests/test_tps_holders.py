"""TPS answers at the dates the cited notices set: holders of each designation, the fees a
re-registrant does not pay, registration opened before a designation begins, late windows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check
from lifeline.pathways.registry import get_pathway_registry

D = dt.date.fromisoformat


def _tps(data: dict[str, Any], on: str) -> Any:
    answer = check(PathwayRequest.model_validate(data), as_of=D(on))
    return next(option for option in answer.options if option.code == "tps")


def _holder(country: str, from_on: str, until_on: str, arrived_on: str) -> dict[str, Any]:
    return {
        "person": {"citizenships": [country]},
        "arrivals": [{"on": arrived_on, "document": "without_inspection"}],
        "tps": [{"country": country, "from_on": from_on, "until_on": until_on}],
    }


def _text(option: Any) -> str:
    return " ".join([option.summary, *option.timeline])


@pytest.mark.parametrize(
    "on", ["2006-09-09", "2006-09-10", "2023-09-09", "2023-09-10", "2025-03-09", "2025-03-10"]
)
def test_el_salvador_tps_stays_in_force_from_2001_through_the_2025_extension(on: str):
    # 88 FR 40282: "The 18-month extension of TPS for El Salvador begins on September 10, 2023,
    # and will remain in effect through March 9, 2025."; 90 FR 5953 extends it to 9 Sep 2026.
    timeline = get_pathway_registry().timeline
    assert timeline.state_on("tps:sv", D(on)).status == "active"


@pytest.mark.parametrize(
    ("on", "status"),
    [
        ("2025-01-16", "not_yet"),
        ("2025-01-17", "may_apply"),
        ("2025-03-18", "may_apply"),
        ("2025-03-19", "needs_legal_review"),
    ],
)
def test_an_el_salvador_holder_to_march_2025_re_registers_in_the_2025_period(on: str, status: str):
    # The 2025 extension's re-registration period: 17 Jan to 18 Mar 2025 (90 FR 5953, read in a
    # copy); a holder re-registers (8 CFR 244.17) and is never sent to first-time registration.
    option = _tps(_holder("SV", "2001-09-09", "2025-03-09", "2000-06-01"), on)
    assert option.status == status
    assert "expired" not in option.summary
    announced = on >= "2025-01-17"  # the extension was published on 17 Jan 2025
    assert (option.window is not None and option.window.closes_on == D("2025-03-18")) is announced
    assert option.what_to_file.fees == []


def test_an_el_salvador_holder_in_2024_keeps_tps_rather_than_seeing_it_expired():
    option = _tps(_holder("SV", "2001-09-09", "2026-09-09", "2000-06-01"), "2024-06-01")
    assert option.status == "not_yet"
    assert option.summary.startswith("You hold TPS until 2026-09-09")


@pytest.mark.parametrize(
    ("country", "until_on", "takes_effect"),
    [("VE", "2025-09-10", "2025-11-07"), ("HN", "2025-07-05", "2025-09-08")],
)
def test_a_holder_keeps_tps_until_the_termination_of_their_designation_takes_effect(
    country: str, until_on: str, takes_effect: str
):
    # 90 FR 43225: "After November 7, 2025, nationals of Venezuela ... who have been granted
    # Temporary Protected Status under Venezuela's 2021 designation will no longer have Temporary
    # Protected Status." 90 FR 30089 says the same of Honduras after September 8, 2025.
    request = _holder(country, "2021-09-01", until_on, "1998-06-01")
    kept = _tps(request, takes_effect)
    assert f"until its termination takes effect on {takes_effect}" in _text(kept)
    assert "Register for TPS by" not in _text(kept)
    assert "Initial registration closed" not in _text(kept)
    assert kept.what_to_file.fees == []
    after = _tps(request, (D(takes_effect) + dt.timedelta(days=1)).isoformat())
    # "Not available", or legal review when the court order it rests on was read only in copies.
    assert after.status in ("not_available", "needs_legal_review")
    assert f"TPS for this country was terminated effective {takes_effect};" in _text(after)
    assert "until its termination takes effect" not in _text(after)
    assert after.what_to_file is None or after.what_to_file.fees == []


@pytest.mark.parametrize("on", ["2025-07-21", "2025-07-22", "2025-08-01"])
def test_a_re_registrant_is_shown_no_first_time_i821_fee(on: str):
    # 8 CFR 244.17 re-registration; Pub. L. 119-21 sec. 100006 raises only the first-time fee of
    # 8 U.S.C. 1254a(c)(1)(B), charged from 22 Jul 2025.
    option = _tps(_holder("HN", "1999-01-05", "2025-09-08", "1998-06-01"), on)
    assert "does not pay the first-time Form I-821 fee" in option.summary
    assert option.what_to_file.fees == []


@pytest.mark.parametrize(
    ("on", "status"), [("2024-06-30", "not_available"), ("2024-07-01", "may_apply")]
)
def test_haiti_first_time_registration_opens_before_the_designation_begins(on: str, status: str):
    # DHS release of 28 Jun 2024 (89 FR 54484): "the initial registration period from July 1,
    # 2024 through February 3, 2026"; the designation itself begins on 4 Aug 2024.
    request = {
        "person": {"citizenships": ["HT"]},
        "arrivals": [{"on": "2024-03-01", "document": "parole"}],
        "parole": [{"program": "chnv_haiti", "from_on": "2024-03-01", "until_on": "2026-02-28"}],
    }
    option = _tps(request, on)
    assert option.status == status
    assert "is active" not in option.summary
    if status == "may_apply":
        assert option.window.opens_on == D("2024-07-01")
        assert option.window.closes_on == D("2026-02-03")


@pytest.mark.parametrize(
    ("parole_ends_on", "late_until"),
    [("2025-01-31", None), ("2025-02-01", None), ("2025-02-02", "2025-04-03")],
)
def test_a_late_registration_window_never_ends_before_it_opens(
    parole_ends_on: str, late_until: str | None
):
    # 8 CFR 244.2(g): late registration within 60 days after parole ends; Venezuela's 2023
    # initial registration closed on 2 Apr 2025, so a period ending by then adds nothing.
    request = {
        "person": {"citizenships": ["VE"]},
        "arrivals": [{"on": "2023-02-01", "document": "parole"}],
        "parole": [
            {"program": "chnv_venezuela", "from_on": "2023-02-01", "until_on": parole_ends_on}
        ],
    }
    option = _tps(request, "2025-04-15")
    window = option.window
    assert window.opens_on is None or window.opens_on <= window.closes_on
    late = [step for step in window.computation if "late registration within" in step]
    if late_until is None:
        assert late == []
    else:
        assert len(late) == 1 and late[0].endswith(f"{late_until}.")


@pytest.mark.parametrize(
    ("on", "status", "said"),
    [
        ("2025-07-14", "not_yet", "until its termination takes effect on 2025-07-14"),
        ("2025-07-15", "needs_legal_review", "a court order keeps this designation's termination"),
        ("2025-07-20", "needs_legal_review", "a court order keeps this designation's termination"),
        ("2025-07-21", "needs_legal_review", "Would be “not available”"),
        ("2025-07-22", "needs_legal_review", "Would be “not available”"),
    ],
)
def test_an_afghan_holder_keeps_tps_while_the_fourth_circuit_stay_lasts(
    on: str, status: str, said: str
):
    # 90 FR 20309: Afghanistan's designation "is terminated, effective at 11:59 p.m., local time,
    # on July 14, 2025"; the Fourth Circuit's administrative stay of 14 Jul 2025 "will last until
    # July 21", when the court found "insufficient evidence to warrant the extraordinary remedy of
    # a postponement of agency action pending appeal" (both read in reports, hence the review).
    option = _tps(_holder("AF", "2023-11-21", "2025-05-20", "2021-09-01"), on)
    assert option.status == status
    assert said in _text(option)


@pytest.mark.parametrize(
    ("on", "said"),
    [
        ("2025-12-30", "Would be “not available”"),
        ("2025-12-31", "a court order keeps this designation's termination"),
        ("2026-01-01", "a court order keeps this designation's termination"),
        ("2026-02-08", "a court order keeps this designation's termination"),
        ("2026-02-09", "Would be “not available”"),
        ("2026-02-10", "Would be “not available”"),
    ],
)
@pytest.mark.parametrize("country", ["HN", "NI"])
def test_a_honduran_or_nicaraguan_holder_has_tps_back_while_the_vacatur_is_in_force(
    country: str, on: str, said: str
):
    # Reported: on 31 Dec 2025 the N.D. Cal. "vacated the Secretary of Homeland Security's
    # termination of TPS designations for Honduras, Nepal and Nicaragua"; on 9 Feb 2026 the
    # Ninth Circuit stayed that judgment ("the government is likely to succeed on the merits").
    option = _tps(_holder(country, "1999-01-05", "2025-07-05", "1998-06-01"), on)
    assert option.status == "needs_legal_review"
    assert said in _text(option)
