"""Auditor pages: search the trail, page through events, read one event; each look is audited."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lifeline.audit.access import can_browse_audit_trail
from lifeline.audit.forms import AuditSearchForm
from lifeline.audit.models import AuditEvent
from lifeline.audit.selectors import get_audit_event, list_audit_events
from lifeline.audit.services import record_audit_trail_viewed
from lifeline.audit.verification import verify_streams
from lifeline.core.errors import NotFound

EVENTS_PER_PAGE = 50
View = Callable[..., HttpResponse]


def auditor_required(view: View) -> View:
    """Anonymous visitors go to log in; signed-in users who are not auditors get 403."""

    @wraps(view)
    def guarded(http: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not http.user.is_authenticated:
            return redirect_to_login(http.get_full_path())
        if not can_browse_audit_trail(http.user):
            raise PermissionDenied
        return view(http, *args, **kwargs)

    return guarded


def _auditor(http: HttpRequest) -> AbstractBaseUser:
    assert isinstance(http.user, AbstractBaseUser)  # auditor_required let them in
    return http.user


@require_GET
@auditor_required
def event_list(http: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(http.GET)
    page, filters, chain = None, None, None
    if form.is_valid():
        filters = {
            "case_reference": form.cleaned_data["case_reference"],
            "person_id": form.cleaned_data["person_id"],
            "actor_username": form.cleaned_data["actor"],
            "action": form.cleaned_data["action"],
            "occurred_from": form.cleaned_data["occurred_from"],
            "occurred_until": form.cleaned_data["occurred_until"],
        }
        paginator = Paginator(list_audit_events(**filters), EVENTS_PER_PAGE)
        page = paginator.get_page(http.GET.get("page"))
        chain = verify_streams({event.stream for event in page.object_list})
    query = http.GET.copy()
    query.pop("page", None)
    response = render(
        http,
        "audit/event_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "chain": chain},
    )
    if page is not None:  # recorded after rendering, so a search never lists itself
        record_audit_trail_viewed(
            auditor=_auditor(http),
            details={
                "filters": {k: str(v) if v else v for k, v in (filters or {}).items()},
                "page": page.number,
            },
        )
    return response


@require_GET
@auditor_required
def event_detail(http: HttpRequest, event_id: int) -> HttpResponse:
    try:
        event: AuditEvent = get_audit_event(event_id=event_id)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    record_audit_trail_viewed(auditor=_auditor(http), event_id=event.pk)
    return render(http, "audit/event_detail.html", {"event": event})
