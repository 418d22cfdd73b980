"""Workspace pages for the parole term: the record with fee, arrival and departure; terminations."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from lifeline.accounts.models import User
from lifeline.core.errors import DomainError, NotFound
from lifeline.intake.access import access_request_for_user
from lifeline.intake.viewing import record_case_file_viewed
from lifeline.parole import services, terminations
from lifeline.parole.forms import (
    ArrivalForm,
    ConditionMetForm,
    DepartureForm,
    FilingForm,
    PaymentForm,
    TerminationForm,
)
from lifeline.parole.models import ParoleTerm
from lifeline.programs.registry import get_registry
from lifeline.triage.access import can_supervise, caseworker_page, staff_user


def _term_for(user: User, reference: str) -> ParoleTerm:
    try:
        request = access_request_for_user(user, reference=reference)
    except NotFound as error:
        raise Http404(error.message) from error
    term = ParoleTerm.objects.filter(request=request).select_related("request").first()
    if term is None:
        raise Http404("This request has no parole record (it is not approved).")
    return term


def _problem(form: Form, fallback: str) -> str:
    """A date out of range says so; any other problem gets the form's one-line help."""
    for name, problems in form.errors.items():
        if form.has_error(name, code="out_of_range"):
            return f"{form.fields[name].label}: {problems[0]}"
    return fallback


def _act(http: HttpRequest, term: ParoleTerm) -> str | None:
    """Apply the posted form; the error message when refused."""
    action = http.POST.get("action")
    try:
        if action == "pay":
            payment = PaymentForm(http.POST)
            if not payment.is_valid():
                return "Enter the card token."
            services.pay_parole_fee(
                payer=staff_user(http),
                term_id=term.pk,
                payment_token=payment.cleaned_data["payment_token"],
                idempotency_key=payment.cleaned_data["idempotency_key"],
            )
        elif action == "arrival":
            arrival = ArrivalForm(http.POST)
            if not arrival.is_valid():
                return "Fill in every arrival field with a valid value."
            services.record_arrival(
                officer=staff_user(http), term_id=term.pk, **arrival.cleaned_data
            )
        elif action == "departure":
            departure = DepartureForm(http.POST)
            if not departure.is_valid():
                return "Enter the departure date."
            services.record_departure(
                officer=staff_user(http),
                term_id=term.pk,
                departed_on=departure.cleaned_data["departed_on"],
            )
        elif action == "condition":
            condition = ConditionMetForm(http.POST)
            if (
                not condition.is_valid()
                or not term.conditions.filter(pk=condition.cleaned_data["condition_id"]).exists()
            ):
                return "Enter the date the condition was met."
            services.record_condition_met(
                officer=staff_user(http),
                condition_id=condition.cleaned_data["condition_id"],
                met_on=condition.cleaned_data["met_on"],
            )
        elif action == "filing":
            filing = FilingForm(http.POST)
            if not filing.is_valid():
                return _problem(
                    filing, "Enter the filing and its date; once decided, the date and the outcome."
                )
            terminations.record_pending_filing(
                officer=staff_user(http), term_id=term.pk, **filing.cleaned_data
            )
        else:
            return "Unknown action."
    except DomainError as error:
        return error.message
    return None


@require_http_methods(["GET", "POST"])
@caseworker_page
def term_page(http: HttpRequest, reference: str) -> HttpResponse:
    term = _term_for(staff_user(http), reference)
    if http.method == "POST":
        error = _act(http, term)
        if error:
            messages.error(http, error)
        else:
            messages.success(http, "Saved.")
        return redirect("workspace:parole", reference=reference)
    record_case_file_viewed(viewer=staff_user(http), request=term.request, where="workspace.parole")
    return render(
        http,
        "parole/term.html",
        {
            "term": term,
            "request": term.request,
            "conditions": list(term.conditions.all()),
            "payments": list(term.payments.all()),
            "payment_form": PaymentForm(initial={"idempotency_key": secrets.token_urlsafe(16)}),
            "arrival_form": ArrivalForm(initial={"expected_version": term.version}),
            "departure_form": DepartureForm(),
            "filing_form": FilingForm(initial={"idempotency_key": secrets.token_urlsafe(16)}),
        },
    )


@require_http_methods(["GET", "POST"])
@caseworker_page
def terminations_page(http: HttpRequest) -> HttpResponse:
    if not can_supervise(staff_user(http)):
        raise Http404("No such page.")
    form = TerminationForm(http.POST or None, programs=get_registry().programs())
    report = None
    if http.method == "POST" and form.is_valid():
        try:
            report = terminations.apply_program_termination(
                actor=staff_user(http),
                program=form.cleaned_data["program"],
                dry_run=not form.cleaned_data["apply"],
            )
        except DomainError as error:
            messages.error(http, error.message)
    return render(http, "parole/terminations.html", {"form": form, "report": report})
