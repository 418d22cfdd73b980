"""Workspace pages for a case: the case page, decision, evidence request, second review,
sign-off queue and evidence files."""

from __future__ import annotations

import os

from django.conf import settings
from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.csp import CSP
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lifeline.accounts.models import User
from lifeline.adjudication import evidence_requests, guardrails, selectors, services
from lifeline.adjudication.family import list_relatives
from lifeline.adjudication.forms import (
    DecisionForm,
    EvidenceRequestForm,
    SecondReviewForm,
    SignoffForm,
)
from lifeline.core.errors import DomainError, NotFound
from lifeline.intake.access import access_request_for_user
from lifeline.intake.models import ParoleRequest
from lifeline.intake.selectors import policy_for
from lifeline.intake.services import withdraw_request_by_program
from lifeline.intake.viewing import record_case_file_viewed
from lifeline.intake.workflow import PROGRAM_WITHDRAWABLE
from lifeline.triage.access import can_supervise, caseworker_page, staff_user
from lifeline.triage.routing import offices


def _request_for(user: User, reference: str) -> ParoleRequest:
    try:
        return access_request_for_user(user, reference=reference)
    except NotFound as error:
        raise Http404(error.message) from error


def _evidence_choices(request: ParoleRequest) -> list[tuple[str, str]]:
    policy = policy_for(request)
    return [(item.id, item.label) for item in policy.evidence_items(request.category, request.kind)]


def _render_case(
    http: HttpRequest,
    request: ParoleRequest,
    *,
    decision_form: DecisionForm | None = None,
    evidence_form: EvidenceRequestForm | None = None,
    review_form: SecondReviewForm | None = None,
    status: int = 200,
) -> HttpResponse:
    page = selectors.get_case_page(request)
    policy = page["policy"]
    awaiting = selectors.get_decision_awaiting_second_review(request)
    is_second_reviewer = bool(
        awaiting
        and page["case"]
        and page["case"].assigned_to_id == staff_user(http).pk
        and awaiting.officer_id != staff_user(http).pk
    )
    page.update(
        {
            "decision_form": decision_form
            or DecisionForm(
                policy=policy,
                has_relatives=bool(page["relatives"]),
                initial={"expected_version": request.version},
                prefix="decision",
            ),
            "evidence_form": evidence_form
            or EvidenceRequestForm(
                choices=_evidence_choices(request),
                initial={"expected_version": request.version},
                prefix="evidence",
            ),
            "review_form": review_form or SecondReviewForm(policy=policy, prefix="review"),
            "awaiting_second_review": awaiting,
            "is_second_reviewer": is_second_reviewer,
            "is_supervisor": can_supervise(staff_user(http)),
            "can_withdraw_by_program": can_supervise(staff_user(http))
            and request.status in PROGRAM_WITHDRAWABLE,
            "offices": offices(),
            "holds_case": bool(page["case"] and page["case"].assigned_to_id == staff_user(http).pk),
            "concerns": guardrails.list_concerns(request),
            "has_asked_for_evidence": guardrails.has_asked_for_evidence(request),
        }
    )
    return render(http, "adjudication/case.html", page, status=status)


@require_GET
@caseworker_page
def case_page(http: HttpRequest, reference: str) -> HttpResponse:
    request = _request_for(staff_user(http), reference)
    record_case_file_viewed(viewer=staff_user(http), request=request, where="workspace.case")
    return _render_case(http, request)


@require_POST
@caseworker_page
def withdraw_by_program(http: HttpRequest, reference: str) -> HttpResponse:
    """A supervisor withdraws the request for the program office, with a reason."""
    request = _request_for(staff_user(http), reference)
    try:
        version = int(http.POST.get("expected_version", ""))
    except ValueError:
        version = None
    try:
        withdraw_request_by_program(
            actor=staff_user(http),
            request_id=request.pk,
            reason=http.POST.get("reason", ""),
            expected_version=version,
        )
    except DomainError as error:
        messages.error(http, error.message)
    else:
        messages.success(http, "Withdrawn by the program office; the applicant is told why.")
    return redirect("workspace:case", reference=reference)


@require_POST
@caseworker_page
def decide(http: HttpRequest, reference: str) -> HttpResponse:
    request = _request_for(staff_user(http), reference)
    form = DecisionForm(
        http.POST,
        policy=policy_for(request),
        has_relatives=bool(list_relatives(request)),
        prefix="decision",
    )
    if not form.is_valid():
        return _render_case(http, request, decision_form=form, status=422)
    try:
        decision = services.record_decision(
            officer=staff_user(http),
            request_id=request.pk,
            expected_version=form.cleaned_data["expected_version"],
            outcome=form.cleaned_data["outcome"],
            reason_codes=form.cleaned_data["reason_codes"],
            rubric_scores=form.rubric_scores(),
            rationale=form.cleaned_data["rationale"],
            confirm_family_split=form.cleaned_data.get("confirm_family_split", False),
            override_reason=form.cleaned_data["override_reason"],
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _render_case(http, request, decision_form=form, status=409)
    messages.success(http, f"Decision recorded: {decision.get_status_display()}.")
    return redirect("workspace:case", reference=reference)


@require_POST
@caseworker_page
def second_review(http: HttpRequest, reference: str) -> HttpResponse:
    request = _request_for(staff_user(http), reference)
    decision = selectors.get_decision_awaiting_second_review(request)
    form = SecondReviewForm(http.POST, policy=policy_for(request), prefix="review")
    if decision is None:
        messages.error(http, "This case is not waiting for a second review.")
        return redirect("workspace:case", reference=reference)
    if not form.is_valid():
        return _render_case(http, request, review_form=form, status=422)
    try:
        review = services.record_second_review(
            reviewer=staff_user(http),
            decision_id=decision.pk,
            outcome=form.cleaned_data["outcome"],
            reason_codes=form.cleaned_data["reason_codes"],
            rubric_scores=form.rubric_scores(),
            rationale=form.cleaned_data["rationale"],
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _render_case(http, request, review_form=form, status=409)
    messages.success(
        http,
        "Second review recorded: "
        + ("agrees." if review.agrees else "disagrees; sent to a supervisor."),
    )
    return redirect("workspace:queue")


@require_POST
@caseworker_page
def request_evidence(http: HttpRequest, reference: str) -> HttpResponse:
    request = _request_for(staff_user(http), reference)
    form = EvidenceRequestForm(http.POST, choices=_evidence_choices(request), prefix="evidence")
    if not form.is_valid():
        return _render_case(http, request, evidence_form=form, status=422)
    try:
        asked = evidence_requests.request_evidence(
            officer=staff_user(http),
            request_id=request.pk,
            expected_version=form.cleaned_data["expected_version"],
            item_ids=form.cleaned_data["items"],
            free_text=form.cleaned_data["free_text"],
        )
    except DomainError as error:
        form.add_error(None, error.message)
        return _render_case(http, request, evidence_form=form, status=409)
    messages.success(http, f"Evidence requested; due on {asked.due_on}. The clock is paused.")
    return redirect("workspace:case", reference=reference)


@require_http_methods(["GET", "POST"])
@caseworker_page
def signoff_queue(http: HttpRequest) -> HttpResponse:
    if not can_supervise(staff_user(http)):
        raise Http404("No such page.")
    if http.method == "POST":
        form = SignoffForm(http.POST)
        decision_id = http.POST.get("decision_id", "")
        if form.is_valid() and decision_id.isdigit():
            try:
                if form.cleaned_data["action"] == "sign":
                    services.sign_off_decision(
                        supervisor=staff_user(http),
                        decision_id=int(decision_id),
                        comment=form.cleaned_data["comment"],
                    )
                    messages.success(http, "Signed: the decision is in effect.")
                else:
                    services.return_decision(
                        supervisor=staff_user(http),
                        decision_id=int(decision_id),
                        comment=form.cleaned_data["comment"],
                    )
                    messages.success(http, "Returned to the officer with your comments.")
            except DomainError as error:
                messages.error(http, error.message)
        else:
            messages.error(http, "Choose sign or return.")
        return redirect("workspace:signoff")
    return render(
        http,
        "adjudication/signoff.html",
        {"decisions": selectors.list_signoff_queue(), "form": SignoffForm()},
    )


@require_GET
@xframe_options_sameorigin
@csp_override(
    {
        **settings.SECURE_CSP,
        "frame-ancestors": [CSP.SELF],
        # A bare directive: nothing in an uploaded file runs, even opened on its own.
        "sandbox": True,  # type: ignore[dict-item]  # Django takes True; the stubs do not
    }
)
@caseworker_page
def evidence_file(http: HttpRequest, reference: str, evidence_id: int) -> FileResponse:
    request = _request_for(staff_user(http), reference)
    item = request.evidence.filter(pk=evidence_id).first()
    if item is None or not item.storage_name:
        raise Http404("No such file.")
    # Pictures show in the case page; a PDF is downloaded, so no browser plug-in opens it here.
    response = FileResponse(
        default_storage.open(item.storage_name, "rb"),
        content_type=item.content_type,
        as_attachment=item.content_type == "application/pdf",
        filename=f"evidence-{item.pk}{os.path.splitext(item.storage_name)[1]}",
    )
    if item.content_type != "application/pdf":
        response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
