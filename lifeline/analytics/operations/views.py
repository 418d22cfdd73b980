"""Operations dashboard pages: backlog, throughput, time to decision, SLAs, caps, agreement."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lifeline.analytics.access import analytics_page
from lifeline.analytics.models import OperationsSnapshot
from lifeline.analytics.operations import dashboard
from lifeline.analytics.operations.exports import EXPORT_FORMATS, export_response
from lifeline.analytics.operations.forms import OperationsFilterForm
from lifeline.analytics.operations.tasks import refresh_operations_summaries_task
from lifeline.analytics.recompute import (
    POLL_SECONDS,
    get_recompute_status,
    mark_recompute_requested,
)


def _filter_form(http: HttpRequest, snapshot: OperationsSnapshot) -> OperationsFilterForm:
    return OperationsFilterForm(
        http.GET,
        programs=dashboard.list_programs(snapshot),
        offices=dashboard.list_offices(snapshot),
    )


@require_GET
@analytics_page
def operations(http: HttpRequest) -> HttpResponse:
    snapshot = dashboard.latest_snapshot()
    polling = bool(getattr(http, "htmx", False))
    recompute = get_recompute_status(
        http,
        what="operations",
        computed_at=snapshot.computed_at if snapshot else None,
        keep=polling,
    )
    if polling:  # the page asks while a recompute runs; it reloads itself once it is done
        response = HttpResponse(status=204)
        if recompute.done_at:
            response["HX-Refresh"] = "true"
        return response
    context: dict[str, object] = {
        "section": "operations",
        "snapshot": snapshot,
        "recompute": recompute,
        "poll_seconds": POLL_SECONDS,
    }
    if snapshot is None:
        return render(http, "analytics/operations.html", context)
    form = _filter_form(http, snapshot)
    context["form"] = form
    if not form.is_valid():
        return render(http, "analytics/operations.html", context, status=400)
    context["tables"] = dashboard.dashboard_tables(snapshot, form.filters())
    context["query"] = http.GET.urlencode()
    return render(http, "analytics/operations.html", context)


@require_POST
@analytics_page
def refresh_operations(http: HttpRequest) -> HttpResponse:
    mark_recompute_requested(http, what="operations")
    refresh_operations_summaries_task.enqueue(actor_id=http.user.pk)
    return redirect("analytics:operations")


@require_GET
@analytics_page
def export_table(http: HttpRequest, table: str, file_format: str) -> HttpResponse:
    build = dashboard.TABLES.get(table)
    if build is None or file_format not in EXPORT_FORMATS:
        raise Http404(_("No such table or file format."))
    snapshot = dashboard.latest_snapshot()
    if snapshot is None:
        return HttpResponse(
            _("No summaries yet: run `lifeline analytics refresh` first."),
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    form = _filter_form(http, snapshot)
    if not form.is_valid():
        errors = "; ".join(
            f"{name}: {' '.join(str(message) for message in messages)}"
            for name, messages in form.errors.items()
        )
        return HttpResponse(
            _("Invalid filters: %(errors)s") % {"errors": errors},
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    stem = f"lifeline-{table}-{snapshot.computed_at:%Y%m%d-%H%M}"
    return export_response(build(snapshot, form.filters()), file_format, stem=stem)
