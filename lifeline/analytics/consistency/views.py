"""Consistency and reason-code pages: read the latest consistency summary computed by a task."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lifeline.analytics.access import analytics_page
from lifeline.analytics.consistency.drift import (
    ReasonCodeCell,
    ReasonCodeDrift,
    measure_reason_code_drift,
)
from lifeline.analytics.consistency.forms import ConsistencyPeriodForm, period_query
from lifeline.analytics.consistency.models import ConsistencySnapshot
from lifeline.analytics.consistency.periods import DEFAULT_PERIOD, ConsistencyPeriod
from lifeline.analytics.consistency.summary import get_latest_consistency_snapshot
from lifeline.analytics.consistency.tasks import refresh_consistency_summary_task
from lifeline.analytics.errors import DecisionTableInvalid
from lifeline.analytics.recompute import (
    POLL_SECONDS,
    get_recompute_status,
    mark_recompute_requested,
)

BASELINE_CHOICES = (3, 6, 12)


@require_GET
@analytics_page
def consistency_page(http: HttpRequest) -> HttpResponse:
    form = ConsistencyPeriodForm(http.GET or None)
    context: dict[str, Any] = {"section": "consistency", "form": form}
    if http.GET and not form.is_valid():
        return render(http, "analytics/consistency.html", context, status=400)
    period = form.chosen_period() if http.GET else DEFAULT_PERIOD
    snapshot = get_latest_consistency_snapshot(period)
    polling = bool(getattr(http, "htmx", False))
    recompute = get_recompute_status(
        http,
        what=f"consistency:{period.key}",
        computed_at=snapshot.computed_at if snapshot else None,
        keep=polling,
    )
    if polling:  # the page asks while a recompute runs; it reloads itself once it is done
        response = HttpResponse(status=204)
        if recompute.done_at:
            response["HX-Refresh"] = "true"
        return response
    report = snapshot.report if snapshot else None
    context.update(
        snapshot=snapshot,
        report=report,
        period_key=period.key,
        recompute=recompute,
        poll_seconds=POLL_SECONDS,
    )
    if report:
        adjudicators = [
            {**entry, "ordinary_percent": _ordinary_percent(entry)}
            for entry in report["adjudicators"]
        ]
        context.update(
            adjudicators=sorted(
                adjudicators,
                key=lambda entry: (
                    not entry["flagged"],
                    entry.get("rank") is None,
                    entry.get("rank") or 0,
                    entry["q_value"] is None,
                    entry["q_value"] or 0,
                ),
            ),
            tested=[entry for entry in adjudicators if entry["tested"]],
            chart={
                **report["funnel"],
                "names": {
                    "flagged": _("Flagged"),
                    "ordinary": _("Officer"),
                    "untested": _("Below minimum caseload"),
                    "centre": _("Typical case"),
                    "limit": _("limits"),
                    "x": _("Decisions by the officer (log scale)"),
                    "y": _("Grant rate adjusted for case mix"),
                },
            },
        )
    return render(http, "analytics/consistency.html", context)


def _ordinary_percent(entry: dict[str, Any]) -> str | None:
    """The chance of being an ordinary officer, in percent with one decimal (None when the
    officer was not tested or the snapshot predates the two-group model)."""
    probability = entry.get("outlier_probability")
    if not entry["tested"] or probability is None:
        return None
    return f"{100 * (1 - probability):.1f}"


@require_POST
@analytics_page
def refresh_consistency(http: HttpRequest) -> HttpResponse:
    try:
        period = ConsistencyPeriod.from_key(http.POST.get("period", DEFAULT_PERIOD.key))
    except DecisionTableInvalid as error:
        return HttpResponseBadRequest(_("Unknown period: %(problem)s") % {"problem": error})
    mark_recompute_requested(http, what=f"consistency:{period.key}")
    refresh_consistency_summary_task.enqueue(actor_id=http.user.pk, period=period.key)
    return redirect(f"{reverse('analytics:consistency')}?{urlencode(period_query(period))}")


def _cells(snapshot: ConsistencySnapshot | None) -> list[ReasonCodeCell]:
    if snapshot is None:
        return []
    return [
        ReasonCodeCell(
            month=dt.date.fromisoformat(cell["month"]),
            program=cell["program"],
            decisions=cell["decisions"],
            counts=cell["codes"],
        )
        for cell in snapshot.reason_codes
    ]


def _drift_request(http: HttpRequest, cells: list[ReasonCodeCell]) -> tuple[str | None, int]:
    programs = {cell.program for cell in cells}
    program = http.GET.get("program") or None
    if program not in programs:
        program = None
    try:
        baseline = int(http.GET.get("baseline", 6))
    except ValueError:
        baseline = 6
    return program, baseline if baseline in BASELINE_CHOICES else 6


def _drift(
    http: HttpRequest,
) -> tuple[ConsistencySnapshot | None, ReasonCodeDrift, dict[str, Any]]:
    snapshot = get_latest_consistency_snapshot()
    cells = _cells(snapshot)
    program, baseline = _drift_request(http, cells)
    drift = measure_reason_code_drift(cells, program=program, baseline_months=baseline)
    filters = {
        "program": program or "",
        "baseline": baseline,
        "programs": sorted({cell.program for cell in cells}),
        "baselines": BASELINE_CHOICES,
    }
    return snapshot, drift, filters


@require_GET
@analytics_page
def reasons_page(http: HttpRequest) -> HttpResponse:
    snapshot, drift, filters = _drift(http)
    rows = [
        {"month": month, "shares": [month.shares[code] for code in drift.codes]}
        for month in drift.months
    ]
    chart = {
        "labels": [month.month.strftime("%Y-%m") for month in drift.months],
        "codes": drift.codes,
        "shares": [
            [round(month.shares[code], 4) for month in drift.months] for code in drift.codes
        ],
        "names": {"x": _("Month"), "y": _("Share of reason codes given")},
    }
    return render(
        http,
        "analytics/reasons.html",
        {
            "section": "reasons",
            "snapshot": snapshot,
            "drift": drift,
            "rows": rows,
            "chart": chart,
            "filters": filters,
        },
    )


@require_GET
@analytics_page
def reasons_csv(http: HttpRequest) -> HttpResponse:
    _snapshot, drift, filters = _drift(http)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"reason-codes-{filters['program'] or 'all'}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "month",
            "program",
            "code",
            "count",
            "share",
            "decisions",
            "js_distance",
            "p_value",
            "drift",
        ]
    )
    for month in drift.months:
        for code in drift.codes:
            writer.writerow(
                [
                    month.month.strftime("%Y-%m"),
                    filters["program"] or "all",
                    code,
                    month.counts[code],
                    f"{month.shares[code]:.6f}",
                    month.decisions,
                    "" if month.js_distance is None else f"{month.js_distance:.6f}",
                    "" if month.p_value is None else f"{month.p_value:.6g}",
                    "yes" if month.is_drift else "no",
                ]
            )
    return response
