"""Every program's version and intake dates, the day before, of and after, from the cited texts."""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.parole.terms import reparole_window_opens_on
from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check
from lifeline.programs.registry import get_registry
from lifeline.programs.tests.builders import rule, screen

YES, NO = True, False

# (program, kind, filed on, version in force, whether the program takes the request). Each block
# names the sentence it comes from; the policy files quote it.
BOUNDARIES = [
    # U4U: "DHS will make the Uniting for Ukraine parole process available on April 25, 2022."
    ("u4u", "initial", "2022-04-24", "u4u-2022-04-25", NO),
    ("u4u", "initial", "2022-04-25", "u4u-2022-04-25", YES),
    ("u4u", "initial", "2022-04-26", "u4u-2022-04-25", YES),
    # U4U re-parole: "Effective Feb. 27, 2024, we will accept and consider ... applications".
    ("u4u", "reparole", "2024-02-26", "u4u-2022-04-25", NO),
    ("u4u", "reparole", "2024-02-27", "u4u-2024-02-27", YES),
    ("u4u", "reparole", "2024-02-28", "u4u-2024-02-27", YES),
    # The USCIS alert of 28 January 2025: "USCIS is pausing acceptance of Form I-134A ... until we
    # review all categorical parole processes". U4U requests start with that form; re-parole is
    # a Form I-131 and goes on. No text read ends the pause by the cut-off.
    ("u4u", "initial", "2025-01-27", "u4u-2024-02-27", YES),
    ("u4u", "initial", "2025-01-28", "u4u-2025-01-28", NO),
    ("u4u", "initial", "2025-01-29", "u4u-2025-01-28", NO),
    ("u4u", "initial", "2026-12-07", "u4u-2025-01-28", NO),
    ("u4u", "reparole", "2025-01-28", "u4u-2025-01-28", YES),
    # Venezuela, 87 FR 63507: "DHS will begin accepting online applications for this process on
    # October 18, 2022."
    ("chnv_venezuela", "initial", "2022-10-17", "chnv_venezuela-2022-10-18", NO),
    ("chnv_venezuela", "initial", "2022-10-18", "chnv_venezuela-2022-10-18", YES),
    ("chnv_venezuela", "initial", "2022-10-19", "chnv_venezuela-2022-10-18", YES),
    # 88 FR 1279 changed the Venezuela process from its publication on 9 January 2023.
    ("chnv_venezuela", "initial", "2023-01-08", "chnv_venezuela-2022-10-18", YES),
    ("chnv_venezuela", "initial", "2023-01-09", "chnv_venezuela-2023-01-09", YES),
    # Cuba, Haiti, Nicaragua, 88 FR 1266, 1243, 1255: "DHS will begin using the Form I-134A ...
    # for this process on January 6, 2023."
    ("chnv_cuba", "initial", "2023-01-05", "chnv_cuba-2023-01-06", NO),
    ("chnv_cuba", "initial", "2023-01-06", "chnv_cuba-2023-01-06", YES),
    ("chnv_cuba", "initial", "2023-01-07", "chnv_cuba-2023-01-06", YES),
    ("chnv_haiti", "initial", "2023-01-05", "chnv_haiti-2023-01-06", NO),
    ("chnv_haiti", "initial", "2023-01-06", "chnv_haiti-2023-01-06", YES),
    ("chnv_nicaragua", "initial", "2023-01-05", "chnv_nicaragua-2023-01-06", NO),
    ("chnv_nicaragua", "initial", "2023-01-06", "chnv_nicaragua-2023-01-06", YES),
    # 88 FR 26329: "DHS will begin applying this amendment on April 28, 2023." (Cubans); 88 FR
    # 26327: "DHS will begin applying this amendment April 29, 2023." (Haitians)
    ("chnv_cuba", "initial", "2023-04-27", "chnv_cuba-2023-01-06", YES),
    ("chnv_cuba", "initial", "2023-04-28", "chnv_cuba-2023-04-28", YES),
    ("chnv_haiti", "initial", "2023-04-28", "chnv_haiti-2023-01-06", YES),
    ("chnv_haiti", "initial", "2023-04-29", "chnv_haiti-2023-04-29", YES),
    ("chnv_nicaragua", "initial", "2023-04-28", "chnv_nicaragua-2023-01-06", YES),
    # August 2024: "ATA processing will restart as soon as possible once this thorough review
    # concludes" pauses travel authorizations, not the supporter's filing.
    ("chnv_cuba", "initial", "2024-08-01", "chnv_cuba-2023-04-28", YES),
    ("chnv_cuba", "initial", "2024-08-02", "chnv_cuba-2023-04-28", YES),
    ("chnv_cuba", "initial", "2024-08-29", "chnv_cuba-2023-04-28", YES),
    # The I-134A pause of 28 January 2025: every CHNV request starts with that form.
    ("chnv_cuba", "initial", "2025-01-27", "chnv_cuba-2023-04-28", YES),
    ("chnv_cuba", "initial", "2025-01-28", "chnv_cuba-2025-01-28", NO),
    ("chnv_cuba", "initial", "2025-01-29", "chnv_cuba-2025-01-28", NO),
    ("chnv_haiti", "initial", "2025-01-27", "chnv_haiti-2023-04-29", YES),
    ("chnv_haiti", "initial", "2025-01-28", "chnv_haiti-2025-01-28", NO),
    ("chnv_nicaragua", "initial", "2025-01-27", "chnv_nicaragua-2023-01-06", YES),
    ("chnv_nicaragua", "initial", "2025-01-28", "chnv_nicaragua-2025-01-28", NO),
    ("chnv_venezuela", "initial", "2025-01-27", "chnv_venezuela-2023-01-09", YES),
    ("chnv_venezuela", "initial", "2025-01-28", "chnv_venezuela-2025-01-28", NO),
    ("chnv_venezuela", "initial", "2025-02-15", "chnv_venezuela-2025-01-28", NO),
    # 90 FR 13611: "DHS is terminating the CHNV parole programs as of March 25, 2025."
    ("chnv_cuba", "initial", "2025-03-24", "chnv_cuba-2025-01-28", NO),
    ("chnv_cuba", "initial", "2025-03-25", "chnv_cuba-2025-03-25", NO),
    ("chnv_venezuela", "initial", "2025-03-24", "chnv_venezuela-2025-01-28", NO),
    ("chnv_venezuela", "initial", "2025-03-25", "chnv_venezuela-2025-03-25", NO),
    ("chnv_venezuela", "initial", "2025-03-26", "chnv_venezuela-2025-03-25", NO),
    # FRP, 88 FR 43591 (Colombians, 10 July 2023), 88 FR 54639 ("DHS will begin using the Form
    # I-134A ... for this process on August 11, 2023"), 88 FR 78762 (Ecuadorians, 16 Nov 2023).
    ("frp", "initial", "2023-07-09", "frp-2023-07-10", NO),
    ("frp", "initial", "2023-07-10", "frp-2023-07-10", YES),
    ("frp", "initial", "2023-08-10", "frp-2023-07-10", YES),
    ("frp", "initial", "2023-08-11", "frp-2023-08-11", YES),
    ("frp", "initial", "2023-11-15", "frp-2023-08-11", YES),
    ("frp", "initial", "2023-11-16", "frp-2023-11-16", YES),
    # The I-134A pause of 28 January 2025: "A petitioner must receive an invitation before
    # submitting Form I-134A", so every FRP request starts with the paused form.
    ("frp", "initial", "2025-01-27", "frp-2023-11-16", YES),
    ("frp", "initial", "2025-01-28", "frp-2025-01-28", NO),
    ("frp", "initial", "2025-02-15", "frp-2025-01-28", NO),
    ("frp", "initial", "2025-12-14", "frp-2025-01-28", NO),
    # 90 FR 58032: "DHS is terminating the FRP programs as of December 15, 2025." The court order
    # of 10 January 2026 keeps existing parole; it does not reopen the programs to new requests.
    ("frp", "initial", "2025-12-15", "frp-2025-12-15", NO),
    ("frp", "initial", "2025-12-16", "frp-2025-12-15", NO),
    ("frp", "initial", "2026-01-09", "frp-2025-12-15", NO),
    ("frp", "initial", "2026-01-10", "frp-2025-12-15", NO),
    # Afghan re-parole: "We will accept and consider, on a case-by-case basis, re-parole requests
    # ... from certain noncitizen Afghan nationals." No text read pauses or ends it; 9 June 2023 is
    # the opening day the file records (its uncertainties give the sources).
    ("afghan_reparole", "reparole", "2023-06-08", "afghan_reparole-2023-06-09", NO),
    ("afghan_reparole", "reparole", "2023-06-09", "afghan_reparole-2023-06-09", YES),
    ("afghan_reparole", "reparole", "2025-01-31", "afghan_reparole-2023-06-09", YES),
    ("afghan_reparole", "reparole", "2025-02-01", "afghan_reparole-2023-06-09", YES),
    ("afghan_reparole", "reparole", "2026-03-03", "afghan_reparole-2023-06-09", YES),
    ("afghan_reparole", "initial", "2026-03-03", "afghan_reparole-2023-06-09", NO),
    # CAM: Executive Order 14163 "suspends the USRAP", from 27 January 2025; CAM requests go
    # through the refugee program and no Form I-134A. Re-parole is still decided case by case.
    # 82 FR 38926: announced 1 December 2014; parole no longer considered from 16 August 2017.
    ("cam", "initial", "2014-11-30", "cam-2014-12-01", NO),
    ("cam", "initial", "2014-12-01", "cam-2014-12-01", YES),
    ("cam", "initial", "2017-08-15", "cam-2014-12-01", YES),
    ("cam", "initial", "2017-08-16", "cam-2014-12-01", NO),
    ("cam", "initial", "2021-03-09", "cam-2014-12-01", NO),
    ("cam", "initial", "2021-03-10", "cam-2021-03-10", YES),
    ("cam", "initial", "2025-01-26", "cam-2021-03-10", YES),
    ("cam", "initial", "2025-01-27", "cam-2025-01-27", NO),
    ("cam", "initial", "2025-01-28", "cam-2025-01-27", NO),
    ("cam", "reparole", "2025-01-28", "cam-2025-01-27", YES),
    # General parole, INA 212(d)(5)(A): case by case, initial and re-parole, no pause.
    ("general", "initial", "2025-01-28", "general-2016-12-23", YES),
    ("general", "reparole", "2026-03-03", "general-2016-12-23", YES),
]

ACCEPTANCE_RULES = ("accepting_requests_on_filing_date", "request_kind_accepted")


def _document_changes(program: str, kind: str, filed_on: str) -> dict[str, object]:
    changes: dict[str, object] = {"kind": kind, "filed_on": filed_on}
    if kind == "reparole":
        ends_on = dt.date.fromisoformat(filed_on) + dt.timedelta(days=90)
        changes["immigration_history.in_united_states"] = True
        changes["immigration_history.prior_parole"] = {
            "class_of_admission": "OAR" if program == "afghan_reparole" else "PAR",
            "paroled_on": "2022-03-01",
            "ends_on": ends_on.isoformat(),
            "complied_with_conditions": True,
        }
    return changes


@pytest.mark.parametrize(("program", "kind", "filed_on", "version", "takes"), BOUNDARIES)
def test_the_version_in_force_and_its_intake_decide_whether_a_request_is_taken(
    program, kind, filed_on, version, takes
):
    result = screen(program, _document_changes(program, kind, filed_on))
    assert result.program_version == version
    taken = all(rule(result, rule_id).result == "pass" for rule_id in ACCEPTANCE_RULES)
    assert taken is takes
    if not takes:
        # A re-parole request a version does not take goes to the general re-parole request,
        # unless a later version of the program takes it: then it was filed too early.
        starts = get_registry().version(version).effective_from
        later = [
            other
            for other in get_registry().versions(program)
            if other.effective_from > starts and kind in other.request_kinds
        ]
        kind_refused = (
            rule(result, "request_kind_accepted").result == "fail"
            and kind == "reparole"
            and not later
        )
        refused = ("route_elsewhere", "reparole") if kind_refused else ("not_accepted", None)
        assert (result.outcome, result.route_to) == refused


@pytest.mark.parametrize(
    ("program", "kind", "filed_on", "version", "takes"),
    [row for row in BOUNDARIES if row[1] == "reparole"],
)
def test_the_reparole_window_reads_the_same_intake_as_the_prescreen(
    program, kind, filed_on, version, takes
):
    on = dt.date.fromisoformat(filed_on)
    opens = reparole_window_opens_on(
        get_registry(), program=program, ends_on=on + dt.timedelta(days=90), on=on
    )
    assert (opens is not None) is takes
    if opens is not None:
        assert opens <= on


@pytest.mark.parametrize(
    ("program", "class_of_admission", "on", "status"),
    [
        ("afghan_reparole", "OAR", "2026-03-03", "may_apply"),
        ("general", "DT", "2026-03-03", "may_apply"),
        # U4U: "more than 180 days before the expiration ... we may reject or deny".
        ("u4u", "UHP", "2026-03-03", "not_yet"),
        ("u4u", "UHP", "2026-03-04", "may_apply"),
        ("frp", "FRP", "2025-12-14", "not_available"),
    ],
)
def test_the_pathway_answer_offers_reparole_when_the_prescreen_takes_it(
    program, class_of_admission, on, status
):
    """The pathway answer and the pre-screen read the same version and intake: an Afghan parolee
    whose parole ends on 2026-08-31 may ask for re-parole on 2026-03-03, a U4U parolee from 180
    days before it ends; FRP takes none."""
    request = PathwayRequest.model_validate(
        {
            "person": {"citizenships": ["AF"]},
            "arrivals": [
                {"on": "2024-09-01", "document": "parole", "class_of_admission": class_of_admission}
            ],
            "parole": [
                {"program": program, "from_on": "2024-09-01", "until_on": "2026-08-31"},
            ],
        }
    )
    answer = check(request, as_of=dt.date.fromisoformat(on))
    [reparole] = [option for option in answer.options if option.code == "reparole"]
    assert reparole.status == status
    takes = reparole_window_opens_on(
        get_registry(), program=program, ends_on=dt.date(2026, 8, 31), on=dt.date.fromisoformat(on)
    )
    assert (takes is not None) is (status != "not_available")
