"""Operations dashboard pages: backlog, throughput, time to decision, SLAs, caps, agreement."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lifeline.analytics.access import analytics_page


@require_GET
@analytics_page
def operations(request: HttpRequest) -> HttpResponse:
    return render(request, "analytics/operations.html", {"section": "operations"})
