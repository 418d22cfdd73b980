"""The forecast page: when the backlog clears, with what-if inputs, an interval and a chart."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lifeline.analytics.access import analytics_page
from lifeline.analytics.forecast.forms import WhatIfForm
from lifeline.analytics.forecast.inputs import build_forecast_inputs
from lifeline.analytics.forecast.model import Forecast, ForecastInputInvalid, forecast_backlog
from lifeline.analytics.forecast.summary import get_forecast_flows
from lifeline.core import clock
from lifeline.programs.registry import get_registry


def describe_forecast(forecast: Forecast) -> str:
    """The answer in one sentence."""
    level = f"{forecast.inputs.interval_level:.0%}"
    low, median, high = forecast.clears_on_low, forecast.clears_on_median, forecast.clears_on_high
    if low is not None and median is not None and high is not None:
        return _(
            "The backlog clears between %(low)s and %(high)s (%(level)s interval), "
            "most likely on %(median)s."
        ) % {"low": _day(low), "high": _day(high), "median": _day(median), "level": level}
    horizon_end = _day(forecast.horizon_ends_on)
    if median is not None:
        return _(
            "The backlog most likely clears on %(median)s, but in %(share)s of simulations it "
            "is still not clear by %(end)s."
        ) % {
            "median": _day(median),
            "share": f"{1 - forecast.share_cleared:.0%}",
            "end": horizon_end,
        }
    return _(
        "At these rates the backlog does not clear by %(end)s: it clears within the horizon in "
        "only %(share)s of simulations (%(arrivals)s requests arrive and %(decisions)s are "
        "decided per day)."
    ) % {
        "end": horizon_end,
        "share": f"{forecast.share_cleared:.0%}",
        "arrivals": f"{forecast.arrivals_per_day:.1f}",
        "decisions": f"{forecast.decisions_per_day:.1f}",
    }


def _day(value: Any) -> str:
    return date_format(value, "DATE_FORMAT")


def _chart_data(forecast: Forecast) -> dict[str, Any]:
    weeks = forecast.weeks
    return {
        "labels": [week.on.isoformat() for week in weeks],
        "low": [round(week.low, 1) for week in weeks],
        "median": [round(week.median, 1) for week in weeks],
        "high": [round(week.high, 1) for week in weeks],
        "expected": [round(week.expected, 1) for week in weeks],
        "travel": [round(week.travel_queue_median, 1) for week in weeks],
        "names": {
            "low": _("Lower bound"),
            "high": _("Upper bound"),
            "median": _("Median of simulations"),
            "expected": _("Expected (mean rates)"),
            "travel": _("Approved, waiting for a cap slot"),
            "x": _("Week ending"),
            "y": _("Cases waiting for a decision"),
        },
    }


@require_GET
@analytics_page
def forecast_page(http: HttpRequest) -> HttpResponse:
    observed = get_forecast_flows(today=clock.today())
    form = WhatIfForm(http.GET or None, programs=get_registry().programs())
    context: dict[str, Any] = {"section": "forecast", "form": form, "observed": observed}
    if http.GET and not form.is_valid():
        return render(http, "analytics/forecast.html", context, status=400)
    what_if = form.what_if() if http.GET else WhatIfForm.defaults()
    inputs = build_forecast_inputs(observed, what_if)
    if not inputs.programs:
        context["answer"] = _("No case is waiting for a decision and none arrived recently.")
        return render(http, "analytics/forecast.html", context)
    try:
        forecast = forecast_backlog(inputs)
    except ForecastInputInvalid as error:
        form.add_error(None, error.message)
        return render(http, "analytics/forecast.html", context, status=400)
    context.update(
        forecast=forecast,
        answer=describe_forecast(forecast),
        chart=_chart_data(forecast),
        interval_percent=f"{inputs.interval_level:.0%}",
    )
    return render(http, "analytics/forecast.html", context)
