"""Consistency and reason-code pages: the summary refresh on database decisions, the funnel,
drift with CSV export, and who may read them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterator

import pyarrow as pa
import pytest
import time_machine
from django.test import Client

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.adjudication.enums import DecisionStatus, Outcome
from lifeline.adjudication.models import Decision
from lifeline.analytics.consistency.io import DecisionColumns, decision_rows_from_table
from lifeline.analytics.consistency.models import ConsistencySnapshot
from lifeline.analytics.consistency.periods import ConsistencyPeriod
from lifeline.analytics.consistency.report import (
    ConsistencyOptions,
    analyse_consistency,
    build_report,
)
from lifeline.analytics.consistency.summary import (
    COVARIATES,
    get_latest_consistency_snapshot,
    refresh_consistency_summary,
)
from lifeline.analytics.tests.decided_cases import decide_all, requests, staff
from lifeline.audit.models import AuditEvent
from lifeline.intake.enums import RequestStatus

pytestmark = pytest.mark.django_db
APPROVE = ["approve_urgent_humanitarian"]
DENY = ["deny_no_urgent_reason"]
ALTERNATIVE = ["deny_alternative_available"]


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel("2026-11-02 09:00:00Z", tick=False):
        yield


@pytest.fixture
def offices() -> dict[str, User]:
    """Three offices of four officers with 80 decisions each; one officer grants far less."""
    officers = {}
    for office in ("miami", "newark", "houston"):
        for n in range(4):
            officer = staff(office=office)
            officers[f"{office}{n}"] = officer
            program = "u4u" if n % 2 else "general"
            cases = requests(80, program=program, status=RequestStatus.APPROVED)
            grants = 8 if (office, n) == ("miami", 0) else 52 + 2 * n
            decide_all(
                cases[:40], officer=officer, grants=grants // 2, decided_on=dt.date(2026, 8, 10)
            )
            decide_all(
                cases[40:],
                officer=officer,
                grants=grants - grants // 2,
                decided_on=dt.date(2026, 9, 10),
            )
    return officers


def signed_in(role: str) -> Client:
    client = Client()
    client.force_login(staff(role))
    return client


def test_the_refresh_analyses_the_decisions_in_effect_and_is_audited(offices: dict) -> None:
    snapshot = refresh_consistency_summary()

    assert snapshot.decisions == 960 and snapshot.problem == ""
    report = snapshot.report
    assert report is not None
    entries = {entry["adjudicator"]: entry for entry in report["adjudicators"]}
    low = entries[offices["miami0"].username]
    assert low["group"] == "miami 2026-Q3" and low["decisions"] == 80 and low["grant_rate"] == 0.1
    assert low["flagged"] and low["deviates_over_50pct"]
    assert low["rank"] == 1
    assert low["local_fdr"] == pytest.approx(1 - low["outlier_probability"], abs=1e-5)
    ranks = sorted(entry["rank"] for entry in report["adjudicators"])
    assert ranks[:2] == [1, 2] and ranks[-1] <= 12  # ties (local fdr 1) share a rank
    assert sum(entry["flagged"] for entry in report["adjudicators"]) == 1
    assert report["adjudicator_sd_logit"] > 0.3
    assert "program" in report["formula"] and "representation" in report["formula"]
    funnel = report["funnel"]
    assert len(funnel["decisions"]) == 12 and funnel["flagged"].count(True) == 1
    assert all(
        low <= high
        for low, high in zip(funnel["limits"][0]["low"], funnel["limits"][0]["high"], strict=True)
    )
    assert {cell["month"] for cell in snapshot.reason_codes} == {"2026-08-01", "2026-09-01"}
    assert AuditEvent.objects.filter(action="analytics.consistency_refreshed").count() == 1
    assert refresh_consistency_summary().pk == get_latest_consistency_snapshot().pk  # type: ignore[union-attr]


def _case_level_report() -> dict:
    """The reference: every decision read one by one and grouped by office and quarter here."""
    columns: dict[str, list[str]] = {name: [] for name in ("group", "officer", "outcome")}
    columns.update({name: [] for name in COVARIATES})
    decisions = Decision.objects.filter(
        status=DecisionStatus.IN_EFFECT, outcome__in=[Outcome.APPROVE, Outcome.DENY]
    ).select_related("officer", "request__beneficiary", "request__triage")
    for decision in decisions:
        case = decision.request
        quarter = (decision.decided_at.month - 1) // 3 + 1
        columns["group"].append(f"{decision.officer.office} {decision.decided_at.year}-Q{quarter}")
        columns["officer"].append(decision.officer.username)
        columns["outcome"].append(decision.outcome)
        columns["program"].append(case.program)
        columns["category"].append(case.category)
        columns["nationality"].append(case.beneficiary.citizenships[0])
        triage = getattr(case, "triage", None)
        columns["urgency"].append(triage.urgency_level if triage else "untriaged")
        columns["representation"].append("represented" if case.representative_id else "alone")
    case_columns = DecisionColumns(
        group=("group",), adjudicator="officer", outcome="outcome", covariates=COVARIATES
    )
    rows = decision_rows_from_table(pa.table(columns), case_columns)
    return build_report(analyse_consistency(rows, options=ConsistencyOptions()))


def test_cells_counted_by_the_database_give_the_case_level_analysis(offices: dict) -> None:
    for name, nationality in (("miami1", "HT"), ("newark2", "VE"), ("houston3", "HT")):
        cases = requests(60, program="cam", nationality=nationality, status=RequestStatus.APPROVED)
        decide_all(cases, officer=offices[name], grants=24, decided_on=dt.date(2026, 10, 5))

    report = refresh_consistency_summary().report
    expected = _case_level_report()

    assert report is not None
    assert report["summary"]["source_rows"] < expected["summary"]["source_rows"] == 1140
    assert report["summary"] | {"source_rows": 0} == expected["summary"] | {"source_rows": 0}
    assert report["formula"] == expected["formula"]
    assert report["fixed_effects"] == expected["fixed_effects"]
    likelihood = report["fit"]["negative_log_likelihood"]
    assert likelihood == pytest.approx(expected["fit"]["negative_log_likelihood"], rel=1e-9)
    # The group SD is near zero here, where the optimiser stops within 1e-4 of it either way.
    for measure in ("adjudicator_sd_logit", "p5_p95_spread_points", "group_sd_logit"):
        assert report[measure] == pytest.approx(expected[measure], rel=1e-5, abs=1e-4)
    assert len(report["adjudicators"]) == len(expected["adjudicators"]) == 15
    for entry, reference in zip(report["adjudicators"], expected["adjudicators"], strict=True):
        # The two-group model's weights are weakly identified among 15 officers: its posterior
        # figures move more than the odds ratios when the group SD moves by 1e-4, and a q-value
        # (a running mean in the order of the posteriors) with them; the flags must agree.
        assert entry["flagged"] == reference["flagged"]
        posterior = {"q_value", "outlier_probability", "shrunken_odds_ratio"}
        assert {key: entry[key] for key in posterior - {"q_value"}} == pytest.approx(
            {key: reference[key] for key in posterior - {"q_value"}}, abs=0.05
        )
        numbers = {k for k, value in reference.items() if type(value) is float} - posterior
        assert {key: entry[key] for key in numbers} == pytest.approx(
            {key: reference[key] for key in numbers}, rel=1e-5, abs=1e-6
        )
        assert {key: entry[key] for key in entry.keys() - numbers - posterior} == {
            key: reference[key] for key in reference.keys() - numbers - posterior
        }
    assert {group["group"] for group in report["groups"]} >= {"miami 2026-Q3", "miami 2026-Q4"}


def test_another_period_is_computed_on_demand_and_kept_until_the_daily_refresh(
    offices: dict,
) -> None:
    refresh_consistency_summary()
    web = signed_in(UserRole.SUPERVISOR)
    september = {"period": "range", "date_from": "2026-09-01", "date_to": "2026-09-30"}

    page = web.get("/analytics/consistency/", september).content.decode()
    assert "Not computed yet" in page
    assert 'name="period" value="range:2026-09-01:2026-09-30"' in page

    chosen_key = "range:2026-09-01:2026-09-30"
    response = web.post("/analytics/consistency/refresh/", {"period": chosen_key})
    assert response.status_code == 302 and "date_from=2026-09-01" in response["Location"]
    chosen = get_latest_consistency_snapshot(
        ConsistencyPeriod("range", dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    )
    assert chosen is not None and chosen.decisions == 480 and chosen.reason_codes == []
    assert {entry["group"] for entry in chosen.report["adjudicators"]} == {  # type: ignore[index]
        "miami",
        "newark",
        "houston",
    }
    page = web.get("/analytics/consistency/", september).content.decode()
    assert 'id="adjudicator-table"' in page and "480 approvals and denials" in page

    web.post("/analytics/consistency/refresh/", {"period": "year"})
    yearly = get_latest_consistency_snapshot(ConsistencyPeriod("year"))
    assert yearly is not None
    assert yearly.report["groups"][0]["group"] == "houston 2026"  # type: ignore[index]
    assert ConsistencySnapshot.objects.count() == 3  # quarter (the default), range, year

    refresh_consistency_summary()  # the daily refresh: figures on older data go
    assert list(ConsistencySnapshot.objects.values_list("period", flat=True)) == ["quarter"]


@pytest.mark.parametrize(
    "query",
    [
        {"period": "range", "date_from": "2026-09-01"},
        {"period": "range", "date_from": "2026-10-01", "date_to": "2026-09-01"},
        {"period": "decade"},
        {"period": "year", "date_from": "not a date"},
    ],
)
def test_a_bad_period_is_shown_on_the_form(query: dict) -> None:
    page = signed_in(UserRole.SUPERVISOR).get("/analytics/consistency/", query)

    assert page.status_code == 400 and 'id="form-errors"' in page.content.decode()


@pytest.mark.parametrize("period", ["decade", "range:2026-10-01", "range:2026-10-01:2026-09-01"])
def test_a_bad_period_to_recompute_is_refused(period: str) -> None:
    response = signed_in(UserRole.SUPERVISOR).post(
        "/analytics/consistency/refresh/", {"period": period}
    )

    assert response.status_code == 400
    assert get_latest_consistency_snapshot() is None


def test_one_officer_gives_a_clear_reason_instead_of_a_report() -> None:
    decide_all(requests(10), officer=staff(), grants=5)

    snapshot = refresh_consistency_summary()

    assert snapshot.report is None and "only one adjudicator" in snapshot.problem


def test_a_date_range_without_decisions_says_so(offices: dict) -> None:
    empty = ConsistencyPeriod("range", dt.date(2025, 1, 1), dt.date(2025, 3, 31))

    snapshot = refresh_consistency_summary(period=empty)

    assert snapshot.report is None and snapshot.decisions == 0
    assert "decided in these dates" in snapshot.problem


@pytest.mark.parametrize("role", [UserRole.SUPERVISOR, UserRole.PROGRAM_ADMINISTRATOR])
def test_the_page_shows_the_summary_the_funnel_and_the_officers(role: str, offices: dict) -> None:
    refresh_consistency_summary()
    page = signed_in(role).get("/analytics/consistency/")
    html = page.content.decode()

    assert page.status_code == 200
    assert 'id="consistency-summary"' in html and 'id="adjudicator-table"' in html
    found = re.search(r'id="funnel-data" type="application/json">(.*?)</script>', html, re.S)
    assert found is not None
    data = json.loads(found.group(1))
    assert len(data["labels"]) == 12
    rows = re.findall(
        r'<tr><td>(\d+|\u2013)</td><th scope="row">(\w+)</th>',
        html[html.index('id="adjudicator-table"') :],
    )
    assert rows[0] == ("1", offices["miami0"].username)  # flagged, and the likeliest outlier
    ranks = [int(rank) for rank, _officer in rows if rank.isdigit()]
    assert ranks == sorted(ranks) and len(ranks) == 12 and ranks.count(1) == 1


def test_the_page_before_any_refresh_offers_to_compute() -> None:
    web = signed_in(UserRole.SUPERVISOR)
    assert "Not computed yet" in web.get("/analytics/consistency/").content.decode()

    response = web.post("/analytics/consistency/refresh/")

    assert response.status_code == 302
    assert get_latest_consistency_snapshot() is not None  # the immediate task backend ran it
    event = AuditEvent.objects.get(action="analytics.consistency_refreshed")
    assert event.actor_role == UserRole.SUPERVISOR
    done = web.get(response.url).content.decode()
    assert "Recomputed at" in done  # the page says the press is done, once
    assert "Recomputed at" not in web.get(response.url).content.decode()


def test_reason_code_drift_shows_a_changed_mix_and_exports_csv() -> None:
    officer = staff()
    decide_all(
        requests(60, program="u4u"),
        officer=officer,
        grants=0,
        decided_on=dt.date(2026, 7, 5),
        reason_codes=[DENY],
    )
    decide_all(
        requests(60, program="u4u"),
        officer=officer,
        grants=0,
        decided_on=dt.date(2026, 8, 5),
        reason_codes=[DENY],
    )
    decide_all(
        requests(60, program="u4u"),
        officer=officer,
        grants=0,
        decided_on=dt.date(2026, 9, 5),
        reason_codes=[ALTERNATIVE],
    )
    decide_all(
        requests(30, program="cam"),
        officer=officer,
        grants=30,
        decided_on=dt.date(2026, 9, 6),
        reason_codes=[APPROVE],
    )
    refresh_consistency_summary()
    web = signed_in(UserRole.SUPERVISOR)

    page = web.get("/analytics/reasons/", {"program": "u4u", "baseline": "3"})
    html = page.content.decode()
    assert page.status_code == 200
    table = html[html.index('id="drift-table"') :]
    months = re.findall(
        r'<tr><th scope="row">(\d{4}-\d{2})</th>.*?<td>(<strong>yes|no)', table, re.S
    )
    assert months[:3] == [("2026-07", "no"), ("2026-08", "no"), ("2026-09", "<strong>yes")]
    assert "approve_urgent_humanitarian" not in html[html.index('id="shares-table"') :]

    export = web.get("/analytics/reasons.csv", {"program": "u4u"})
    assert export["Content-Type"].startswith("text/csv")
    exported = list(csv.DictReader(io.StringIO(export.content.decode())))
    september = {row["code"]: row for row in exported if row["month"] == "2026-09"}
    assert september["deny_alternative_available"]["count"] == "60"
    assert september["deny_alternative_available"]["drift"] == "yes"
    assert float(september["deny_no_urgent_reason"]["share"]) == 0.0


def test_unknown_filters_fall_back_to_all_programs() -> None:
    page = signed_in(UserRole.SUPERVISOR).get(
        "/analytics/reasons/", {"program": "x", "baseline": "abc"}
    )

    assert page.status_code == 200


@pytest.mark.parametrize(
    "path", ["/analytics/consistency/", "/analytics/reasons/", "/analytics/reasons.csv"]
)
@pytest.mark.parametrize("role", [UserRole.OFFICER, UserRole.AUDITOR, UserRole.BENEFICIARY])
def test_other_roles_may_not_read_consistency(path: str, role: str) -> None:
    assert signed_in(role).get(path).status_code == 403


def test_other_roles_may_not_recompute() -> None:
    assert signed_in(UserRole.OFFICER).post("/analytics/consistency/refresh/").status_code == 403
    assert get_latest_consistency_snapshot() is None
