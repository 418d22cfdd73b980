"""The pathway pages: a parolee's options, a representative's clients by next deadline, the
program office's cohort of paroles ending soon (with its CSV), and the review and publishing of
a new policy timeline."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.core import clock
from lifeline.core.csv_cells import spreadsheet_safe
from lifeline.core.date_fields import PlausibleDateField
from lifeline.core.errors import DomainError, NotFound
from lifeline.intake.access import CASE_FILE_ROLES, access_request_for_user
from lifeline.intake.viewing import record_case_file_viewed
from lifeline.pathways import selectors
from lifeline.pathways.answers import NextDeadline, OptionAnswer
from lifeline.pathways.services import record_cohort_people_exported
from lifeline.pathways.timeline_changes import publish_timeline_change, start_timeline_review
from lifeline.pathways.words import (
    NEXT_STEPS,
    PAROLE_ENDS,
    STATUS_LABELS,
    missing_fact_labels,
    option_label,
)

OFFICE_ROLES = frozenset({UserRole.SUPERVISOR, UserRole.PROGRAM_ADMINISTRATOR})
# The office roles that read case files (ADR 0248) open a parolee's page from the cohort.
OFFICE_CASE_FILE_ROLES = OFFICE_ROLES & CASE_FILE_ROLES
PAROLEE_ROLES = frozenset({UserRole.BENEFICIARY, UserRole.REPRESENTATIVE}) | OFFICE_CASE_FILE_ROLES
ADMINISTRATOR = frozenset({UserRole.PROGRAM_ADMINISTRATOR})
FILING_STATES: tuple[selectors.FilingState, ...] = ("pending", "none_pending", "not_known")


def _user(http: HttpRequest, roles: frozenset[UserRole]) -> User:
    """The signed-in user if their role may use the page; anyone else is told "not found"."""
    user = http.user
    if not isinstance(user, User) or user.role not in roles:
        raise Http404
    return user


@dataclass(frozen=True)
class OptionRow:
    answer: OptionAnswer
    label: str
    status_label: str
    what_next: str
    due_on: dt.date | None
    still_needed: list[str]


def _row(option: OptionAnswer) -> OptionRow:
    window = option.window
    return OptionRow(
        answer=option,
        label=option_label(option.code, option.basis, option.plain_label),
        status_label=str(STATUS_LABELS[option.status]),
        what_next=str(NEXT_STEPS[option.status]),
        due_on=(window.safe_on or window.closes_on) if window else None,
        still_needed=missing_fact_labels(option.missing_facts),
    )


def _deadline_label(deadline: NextDeadline | None) -> str:
    if deadline is None:
        return ""
    if deadline.code == "parole":
        return str(PAROLE_ENDS)
    return option_label(deadline.code, deadline.basis, deadline.what)


@require_GET
@login_required
def parolee(http: HttpRequest, reference: str) -> HttpResponse:
    user = _user(http, PAROLEE_ROLES)
    try:
        request = access_request_for_user(user, reference=reference)
    except NotFound as missing:
        raise Http404(missing.message) from missing
    record_case_file_viewed(viewer=user, request=request, where="pathways.parolee")
    as_of = clock.today()
    answer = selectors.answer_for(request, selectors.term_of(request), as_of=as_of)
    return render(
        http,
        "pathways/parolee.html",
        {
            "request_row": request,
            "answer": answer,
            "rows": [_row(option) for option in answer.options],
            "next_label": _deadline_label(answer.next_deadline),
            "is_parolee": user.role == UserRole.BENEFICIARY,
        },
    )


@require_GET
@login_required
def clients(http: HttpRequest) -> HttpResponse:
    user = _user(http, frozenset({UserRole.REPRESENTATIVE}))
    rows = selectors.list_client_deadlines(user, as_of=clock.today())
    return render(
        http,
        "pathways/clients.html",
        {
            "rows": [
                {
                    "row": row,
                    "label": _deadline_label(row.answer.next_deadline),
                }
                for row in rows
            ]
        },
    )


class CohortForm(forms.Form):
    as_of = PlausibleDateField(required=False, label="As of", help_text="YYYY-MM-DD")
    within = forms.IntegerField(
        required=False, min_value=1, max_value=730, label="Parole ends within (days)"
    )
    program = forms.CharField(required=False, max_length=40, label="Program")


def _cohort(http: HttpRequest) -> tuple[CohortForm, selectors.Cohort | None]:
    form = CohortForm(http.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    data: dict[str, Any] = form.cleaned_data if form.is_bound else {}
    return form, selectors.cohort(
        as_of=data.get("as_of") or clock.today(),
        within_days=data.get("within") or 90,
        program=data.get("program") or "",
    )


@require_GET
@login_required
def cohort(http: HttpRequest) -> HttpResponse:
    user = _user(http, OFFICE_ROLES)
    form, found = _cohort(http)
    chart: dict[str, Any] = {}
    if found is not None:
        chart = {
            "labels": [f"{row.program_name}, {row.nationality_name}" for row in found.rows],
            "series": [
                {"state": state, "counts": [row.counts[state] for row in found.rows]}
                for state in FILING_STATES
            ],
            "names": {
                "pending": "Filing pending",
                "none_pending": "No pending filing",
                "not_known": "Not known",
                "y": "Parolees",
            },
        }
    return render(
        http,
        "pathways_office/cohort.html",
        {
            "section": "parole_ending",
            "form": form,
            "cohort": found,
            "chart": chart,
            "programs": selectors.cohort_programs(),
            "opens_pages": user.role in OFFICE_CASE_FILE_ROLES,
            "query": http.GET.urlencode(),
        },
        status=400 if found is None else 200,
    )


def _form_errors(form: CohortForm) -> HttpResponse:
    return HttpResponse(
        "; ".join(
            f"{name}: {' '.join(str(error) for error in errors)}"
            for name, errors in form.errors.items()
        ),
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def _csv_download(found: selectors.Cohort, stem: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{stem}-{found.as_of.isoformat()}-{found.within_days}d.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@login_required
def cohort_csv(http: HttpRequest) -> HttpResponse:
    _user(http, OFFICE_ROLES)
    form, found = _cohort(http)
    if found is None:
        return _form_errors(form)
    response = _csv_download(found, "parole-ending")
    writer = csv.writer(response)
    writer.writerow(["as_of", "ends_by", "program", "nationality", *FILING_STATES, "total"])
    for row in found.rows:
        writer.writerow(
            [
                found.as_of.isoformat(),
                found.ends_by.isoformat(),
                row.program,
                row.nationality,
                *(row.counts[state] for state in FILING_STATES),
                row.total,
            ]
        )
    return response


@require_GET
@login_required
def cohort_people_csv(http: HttpRequest) -> HttpResponse:
    """The people at risk, one a row, the download audited; every text cell is kept from running
    as a formula."""
    user = _user(http, OFFICE_ROLES)
    form, found = _cohort(http)
    if found is None:
        return _form_errors(form)
    record_cohort_people_exported(
        actor=user,
        as_of=found.as_of,
        within_days=found.within_days,
        program=http.GET.get("program", ""),
        rows=len(found.people),
    )
    response = _csv_download(found, "parole-ending-people")
    writer = csv.writer(response)
    writer.writerow(["reference", "parolee", "program", "nationality", "parole_ends_on", "filing"])
    for person in found.people:
        writer.writerow(
            spreadsheet_safe(value)
            for value in (
                person.reference,
                person.name,
                person.program,
                person.nationality,
                person.ends_on.isoformat(),
                person.filing,
            )
        )
    return response


class TimelineForm(forms.Form):
    source_yaml = forms.CharField(
        label="Timeline file (YAML)", max_length=500_000, widget=forms.Textarea
    )


def _timeline_page(
    http: HttpRequest, form: TimelineForm, *, error: str = "", status: int = 200
) -> HttpResponse:
    return render(
        http,
        "pathways_office/timeline.html",
        {
            "section": "timeline",
            "form": form,
            "error": error,
            "changes": selectors.recent_timeline_changes(),
            "in_force": selectors.timeline_in_force(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def timeline(http: HttpRequest) -> HttpResponse:
    """Review a new timeline file (e.g. one adding a court order) against every parolee."""
    user = _user(http, ADMINISTRATOR)
    if http.method == "GET":
        return _timeline_page(http, TimelineForm())
    form = TimelineForm(http.POST)
    if not form.is_valid():
        return _timeline_page(http, form, status=400)
    try:
        change = start_timeline_review(actor=user, source_yaml=form.cleaned_data["source_yaml"])
    except DomainError as error:
        return _timeline_page(http, form, error=error.message, status=400)
    return redirect("pathways:timeline_change", version=change.version)


@login_required
@require_http_methods(["GET", "POST"])
def timeline_change(http: HttpRequest, version: str) -> HttpResponse:
    """A timeline under review ("review in progress" until the task is done), then the
    parolees whose answers change and the publish button."""
    user = _user(http, ADMINISTRATOR)
    change = selectors.timeline_change(version)
    if change is None:
        raise Http404
    error = ""
    if http.method == "POST":
        try:
            change = publish_timeline_change(actor=user, version=version)
        except DomainError as refused:
            error = refused.message
    return render(
        http,
        "pathways_office/timeline_change.html",
        {"section": "timeline", "change": change, "error": error},
        status=400 if error else 200,
    )
