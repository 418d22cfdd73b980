"""When a term ends: both terminations and the court orders on the policy timeline at their
boundary dates, the FRP notice's I-485 exception, individual determinations, departure, the
re-parole window; and `lifeline parole term` on files, including bad ones."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from lifeline.parole.terms import ParoleRecord, compute_term, reparole_timing
from lifeline.programs.registry import get_registry
from lifeline.programs.timeline import Timeline
from lifeline.programs.timeline_files import get_timeline

CHNV = {
    "program": "chnv_cuba",
    "class_of_admission": "DT",
    "paroled_on": "2024-01-10",
    "original_ends_on": "2026-01-09",
}
FRP = {
    "program": "frp",
    "class_of_admission": "FRP",
    "paroled_on": "2024-03-01",
    "original_ends_on": "2027-02-28",
}


def answer(timeline: Timeline | None = None, **record: Any) -> dict[str, Any]:
    return compute_term(ParoleRecord.model_validate(record), get_registry(), timeline).as_json()


def without_the_frp_order() -> Timeline:
    """The shipped timeline as it would read once the orders blocking the FRP termination are
    lifted: the notice's own rule, exception included, then applies."""
    return without_events("frp_tro", "frp_preliminary_injunction")


def without_events(*ids: str) -> Timeline:
    shipped = get_timeline().file
    events = [event for event in shipped.events if event.id not in ids]
    return Timeline(shipped.model_copy(update={"events": events}))


@pytest.mark.parametrize(
    ("overrides", "ends_on", "status"),
    [
        ({"as_of": "2025-03-24"}, "2026-01-09", "active"),  # before the termination notice
        ({"as_of": "2025-04-14"}, "2025-04-24", "active"),  # the notice, before any order
        ({"as_of": "2025-04-15"}, "2026-01-09", "active"),  # blocked by the district court
        ({"as_of": "2025-05-29"}, "2026-01-09", "active"),  # still blocked
        ({"as_of": "2025-05-30"}, "2025-04-24", "ended"),  # the Supreme Court's stay
        ({"original_ends_on": "2025-04-24", "as_of": "2025-04-25"}, "2025-04-24", "ended"),
        ({"original_ends_on": "2025-04-20", "as_of": "2025-04-01"}, "2025-04-20", "active"),
        (
            {
                "as_of": "2025-06-01",
                "individual_determinations": [
                    {
                        "decided_on": "2025-04-10",
                        "effect": "continue",
                        "ends_on": "2026-01-09",
                        "reference": "Secretary's decision 2025-0042",
                    }
                ],
            },
            "2026-01-09",
            "active",
        ),
        ({"as_of": "2025-04-10", "departed_on": "2025-04-01"}, "2025-04-01", "ended"),
    ],
)
def test_chnv_terms_end_on_24_april_2025_unless_decided_otherwise(
    overrides, ends_on, status
) -> None:  # type: ignore[no-untyped-def]
    result = answer(**{**CHNV, **overrides})
    assert (result["ends_on"], result["status"]) == (ends_on, status)
    assert result["reparole_window_opens_on"] is None  # CHNV parole is not renewed


@pytest.mark.parametrize(
    ("as_of", "ends_on", "blocked"),
    [
        ("2025-12-14", "2027-02-28", False),  # before the notice (90 FR 58032, 15 Dec 2025)
        ("2025-12-15", "2026-01-14", False),  # the notice: unexpired parole ends on 14 Jan
        ("2026-01-09", "2026-01-14", False),  # the day before the court order
        ("2026-01-10", "2027-02-28", True),  # D. Mass. restrains the termination
        ("2026-01-15", "2027-02-28", True),  # past the cut-off, still restrained
    ],
)
def test_frp_terms_follow_the_notice_and_the_court_order_on_the_timeline(
    as_of: str, ends_on: str, blocked: bool
) -> None:
    result = answer(**FRP, as_of=as_of)
    assert (result["ends_on"], result["status"]) == (ends_on, "active")
    assert ("court order" in result["reason"]) is blocked


@pytest.mark.parametrize(
    ("as_of", "ends_on", "status", "blocked"),
    [
        ("2026-01-23", "2026-01-14", "ended", False),  # the day before the injunction
        ("2026-01-24", "2027-02-28", "active", True),  # D. Mass. enjoins the termination
        ("2026-01-25", "2027-02-28", "active", True),  # the day after
    ],
)
def test_the_frp_preliminary_injunction_blocks_the_termination_on_its_own(
    as_of: str, ends_on: str, status: str, blocked: bool
) -> None:
    # Reported: Judge Talwani "issued a preliminary injunction late on Saturday" (24 Jan 2026)
    # that prevents DHS "from terminating humanitarian parole"; read without the 14-day order.
    result = answer(without_events("frp_tro"), **FRP, as_of=as_of)
    assert (result["ends_on"], result["status"]) == (ends_on, status)
    assert ("court order" in result["reason"]) is blocked


@pytest.mark.parametrize(
    ("filings", "as_of", "ends_on", "status"),
    [
        ([], "2026-01-14", "2026-01-14", "active"),
        ([], "2026-01-15", "2026-01-14", "ended"),
        ([{"kind": "i485", "filed_on": "2025-12-15"}], "2026-06-01", "2027-02-28", "active"),
        ([{"kind": "i485", "filed_on": "2025-12-16"}], "2026-01-15", "2026-01-14", "ended"),
        ([{"kind": "asylum", "filed_on": "2025-01-05"}], "2026-01-15", "2026-01-14", "ended"),
        (
            [{"kind": "i485", "filed_on": "2025-06-01", "decided_on": "2025-12-14"}],
            "2026-01-15",
            "2026-01-14",
            "ended",
        ),  # decided before 15 December: not pending on that date
        (
            [{"kind": "i485", "filed_on": "2025-06-01", "decided_on": "2025-12-15"}],
            "2025-12-20",
            "2025-12-15",
            "ended",
        ),
        (
            [{"kind": "i485", "filed_on": "2025-06-01", "decided_on": "2026-03-01"}],
            "2026-02-01",
            "2026-03-01",
            "active",
        ),
        (
            [{"kind": "i485", "filed_on": "2025-06-01", "decided_on": "2026-03-01"}],
            "2026-03-02",
            "2026-03-01",
            "ended",
        ),
    ],
)
def test_frp_terms_end_on_14_january_2026_unless_an_i485_was_filed_by_15_december(  # type: ignore[no-untyped-def]
    filings, as_of, ends_on, status
) -> None:
    result = answer(without_the_frp_order(), **FRP, pending_filings=filings, as_of=as_of)
    assert (result["ends_on"], result["status"]) == (ends_on, status)
    assert any("90 FR 58032" in citation for citation in result["citations"])


def test_an_frp_term_ending_before_the_cut_off_is_unchanged() -> None:
    result = answer(**{**FRP, "original_ends_on": "2026-01-10"}, as_of="2026-01-05")
    assert (result["ends_on"], result["status"]) == ("2026-01-10", "active")
    assert "does not change it" in result["reason"]


def test_the_u4u_reparole_window_opens_180_days_before_the_end() -> None:
    result = answer(
        program="u4u",
        class_of_admission="UHP",
        paroled_on="2025-03-01",
        original_ends_on="2027-02-28",
        as_of="2026-06-01",
    )
    assert result["reparole_window_opens_on"] == str(dt.date(2027, 2, 28) - dt.timedelta(180))


def _run(tmp_path: Path, content: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "record.json"
    path.write_text(content, encoding="utf-8")
    lifeline = Path(sys.executable).with_name("lifeline")
    return subprocess.run(  # noqa: S603 - our own command on a file the test wrote
        [str(lifeline), "parole", "term", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_the_command_prints_only_the_json_answer(tmp_path: Path) -> None:
    result = _run(tmp_path, json.dumps({**FRP, "as_of": "2026-01-15"}))
    assert result.returncode == 0, result.stderr
    assert set(json.loads(result.stdout)) == {
        "ends_on",
        "status",
        "reason",
        "citations",
        "reparole_window_opens_on",
    }


def test_bad_input_from_the_command_line_exits_2_without_a_traceback(tmp_path: Path) -> None:
    result = _run(tmp_path, "{not json")
    assert result.returncode == 2 and result.stdout == ""
    assert "not valid JSON" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (json.dumps({**FRP}), "as_of"),
        (json.dumps({**FRP, "as_of": "2023-01-01"}), "before paroled_on"),
        (json.dumps({**FRP, "program": "atlantis", "as_of": "2026-01-01"}), "Unknown program"),
        (json.dumps({**FRP, "as_of": "2026-13-01"}), "as_of"),
        (json.dumps({**FRP, "as_of": "2026-01-01", "colour": "red"}), "colour"),
        (json.dumps([1, 2]), "not a valid parole record"),
        ("\u00ff\u00fe", "not valid JSON"),
    ],
)
def test_bad_input_is_refused_with_exit_code_2_and_a_clear_message(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "record.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message) as refused:
        call_command("parole", "term", str(path), stdout=io.StringIO())
    assert refused.value.returncode == 2


@pytest.mark.parametrize(
    ("program", "class_of_admission", "notice_on"),
    [
        # Rule reparole_while_on_parole: "file it before the parole end date (practitioners
        # advise at least 90 days before)".
        ("general", "DT", str(dt.date(2026, 2, 28) - dt.timedelta(90))),
        # Neither the CAM nor the Afghan re-parole text gives a time to file: no dated notice.
        ("cam", "DT", None),
        ("afghan_reparole", "OAR", None),
    ],
)
def test_re_parole_is_announced_only_when_the_program_s_text_gives_a_time(
    program: str, class_of_admission: str, notice_on: str | None
) -> None:
    result = answer(
        program=program,
        class_of_admission=class_of_admission,
        paroled_on="2025-03-01",
        original_ends_on="2026-02-28",
        as_of="2025-03-01",
    )
    assert result["reparole_window_opens_on"] == "2025-03-01"  # no window: taken at any time
    timing = reparole_timing(
        get_registry(), program=program, ends_on=dt.date(2026, 2, 28), on=dt.date(2025, 3, 1)
    )
    assert timing is not None
    assert (str(timing.notice_on) if timing.notice_on else None) == notice_on


@pytest.mark.parametrize(
    ("original_ends_on", "ends_on"), [("2025-04-30", "2025-04-30"), ("2025-06-30", "2025-04-24")]
)
def test_a_chnv_term_that_ran_out_under_the_court_order_keeps_its_i94_date(
    original_ends_on: str, ends_on: str
) -> None:
    """The D. Mass. order of 15 Apr 2025 blocked the CHNV termination (90 FR 13611) until the
    stay of 30 May 2025: a term whose I-94 date passed in between ended on that date."""
    result = answer(
        **{**CHNV, "original_ends_on": original_ends_on, "paroled_on": "2023-05-01"},
        as_of="2025-06-15",
    )
    assert result["ends_on"] == ends_on
