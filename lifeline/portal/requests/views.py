"""Parole requests: the step-by-step request, its page, evidence uploads, family members."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit
from pydantic import ValidationError as PydanticValidationError

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import User
from lifeline.core import clock
from lifeline.core.errors import DomainError
from lifeline.intake.access import can_act_as_applicant
from lifeline.intake.documents import read_document
from lifeline.intake.evidence import add_evidence
from lifeline.intake.services import submit_request
from lifeline.intake.viewing import record_case_file_viewed
from lifeline.intake.workflow import FINAL_STATUSES
from lifeline.portal import choices, selectors, services
from lifeline.portal.access import access_request_for_portal, portal_user
from lifeline.portal.drafts import request_form_key
from lifeline.portal.errors import explain
from lifeline.portal.evidence_words import evidence_text
from lifeline.portal.prescreen_words import describe_open_point
from lifeline.portal.program_intake import FALLBACK_PROGRAM, get_program_intake
from lifeline.portal.requests import timeline
from lifeline.portal.requests.document import build_document
from lifeline.portal.requests.facts import FEE_SENT
from lifeline.portal.requests.forms import (
    EvidenceUploadForm,
    FamilyMemberForm,
    beneficiary_answers,
    beneficiary_document,
    prefill,
    request_steps,
)
from lifeline.portal.requests.household import edit_household
from lifeline.portal.requests.results import (
    count_not_part_of_request,
    get_cut_off_caution,
    list_person_results,
    summarise_household,
)
from lifeline.portal.views_wizard import run_wizard
from lifeline.portal.wizard import Wizard
from lifeline.programs.documents import RequestDocument
from lifeline.programs.evaluation import list_required_evidence
from lifeline.programs.facts import in_united_states_since
from lifeline.programs.registry import get_registry
from lifeline.supporters.models import SupporterDeclaration


def _client(http: HttpRequest, user: User) -> User | None:
    """The consenting client a representative files for (?client=<id>), else None."""
    if user.role != UserRole.REPRESENTATIVE:
        return None
    client_id = http.GET.get("client", "")
    client = (
        selectors.get_consenting_client(user, client_id=int(client_id))
        if client_id.isdigit()
        else None
    )
    if client is None:
        raise Http404
    return client


@require_http_methods(["GET", "POST"])
@login_required
@ratelimit(key="user", rate="30/m", method="POST", block=True)  # type: ignore[untyped-decorator]  # django-ratelimit ships no type hints
def start(http: HttpRequest, step: str = "") -> HttpResponse:
    user = portal_user(http)
    if user.role not in {UserRole.BENEFICIARY, UserRole.REPRESENTATIVE}:
        messages.error(http, _("Only an applicant or a representative can file a request."))
        return redirect("portal:dashboard")
    client = _client(http, user)
    filer = client or user
    attachable = list(selectors.list_attachable_declarations(filer))
    declaration_choices = [
        (d.reference, f"{d.reference}: {d.supporter} → {d.beneficiary}") for d in attachable
    ]
    wizard = Wizard(
        http,
        key=request_form_key(filer.pk),
        steps=request_steps(),
        initial=prefill(attachable, program=http.GET.get("program", "")),
    )

    def chosen(answers: dict[str, dict[str, Any]]) -> list[SupporterDeclaration]:
        return [d for d in attachable if d.reference in answers["support"]["declarations"]]

    def document(answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
        beneficiary = beneficiary_document(beneficiary_answers(answers))
        return build_document(
            answers, chosen(answers), filed_on=clock.today(), beneficiary=beneficiary
        )

    def fee_due_cents(answers: dict[str, dict[str, Any]]) -> int | None:
        """The filing fee due for everyone the earlier steps name, shown on the fee step."""
        needed = ("program", "beneficiary", "residence", "passport", "history", "reason", "support")
        if any(name not in answers for name in needed):
            return None
        sent = {**answers, "fee": {"filing_fee": FEE_SENT}, "attestations": {}}
        try:
            cents: int | None = document(sent).get("filing_fee_remitted_cents")
        except DomainError:  # e.g. no version of the program in force: saving it says so
            return None
        return cents

    def checklist(answers: dict[str, dict[str, Any]]) -> list[str]:
        """The program's evidence list for this request, shown before it is saved."""
        try:
            parsed = RequestDocument.model_validate(document(answers))
        except PydanticValidationError:
            return []  # saving it says what is wrong
        return [item.label for item in list_required_evidence(parsed)]

    def finish(answers: dict[str, dict[str, Any]]) -> HttpResponse:
        created = services.file_request(
            actor=user, document=document(answers), client=client, declarations=chosen(answers)
        )
        messages.success(http, _("Your request was saved as a draft. Add evidence, then send it."))
        return redirect("portal:request", reference=created.reference)

    edited = edit_household(http, wizard, step=step)
    response = edited or run_wizard(
        http,
        wizard,
        step=step,
        url_name="portal:request_step",
        title=_("Request parole"),
        finish=finish,
        submit_label=_("Save the request"),
        form_kwargs={
            "options": {
                "declaration_choices": declaration_choices,
                "fee_due_cents": fee_due_cents,
            }
        },
        intro=_("For %(name)s") % {"name": client.get_username()} if client else "",
        checklist=checklist,
    )
    if response.status_code == 302 and "/requests/new/" in response["Location"]:
        query: dict[str, str] = {"client": str(client.pk)} if client else {}
        if http.GET.get("program"):
            query["program"] = http.GET["program"]
        if query:
            response["Location"] += f"?{urlencode(query)}"
    return response


@require_http_methods(["GET"])
def before_you_start(http: HttpRequest, program: str) -> HttpResponse:
    """Who can apply, what they need, and whether the program takes a request today."""
    if program not in get_registry().programs():
        raise Http404
    today = clock.today()
    intake = get_program_intake(program, on=today)
    fallback = None
    if not intake.is_open and program != FALLBACK_PROGRAM:
        fallback = get_program_intake(FALLBACK_PROGRAM, on=today)
        fallback = fallback if fallback.is_open else None
    context = {"intake": intake, "fallback": fallback, "today": today}
    return render(http, "portal/before_you_start.html", context)


def _page(
    http: HttpRequest, found: Any, *, upload_form: EvidenceUploadForm | None = None
) -> HttpResponse:
    user = portal_user(http)
    checklist = selectors.list_evidence_checklist(found)
    kinds = [(item.kind, evidence_text(item.label)) for item in checklist if item.kind != "other"]
    kinds.append(("other", _("Another document")))
    current = found.prescreens.filter(is_current=True).first()
    document = read_document(found)
    people = list_person_results(current, document) if current else []
    context = {
        "parole_request": found,
        "program_name": choices.program_name(found.program),
        "status_label": choices.REQUEST_STATUSES.get(found.status, found.status),
        "is_final": found.status in FINAL_STATUSES,
        "checklist": checklist,
        "timeline": timeline.list_timeline(found, today=clock.today()),
        "evidence_request": timeline.get_open_evidence_request(found),
        "notices": timeline.list_notices(found),
        "decision": timeline.get_decision_words(found),
        "family": selectors.list_family_requests(found),
        "prescreen": current,
        # Since when the person has lived here, for a person said to be here (ADR 0274).
        "in_us": document.immigration_history.in_united_states is True,
        "in_us_since": in_united_states_since(document),
        "outcome_text": choices.OUTCOMES.get(current.outcome, "") if current else "",
        "open_points": [
            describe_open_point(rule)
            for rule in current.rules
            if rule["result"] in ("fail", "unknown")
        ]
        if current
        else [],
        "prescreen_people": people,
        "prescreen_household": summarise_household(people),
        "prescreen_not_part": count_not_part_of_request(people),
        "prescreen_cut_off": get_cut_off_caution(current, found.filed_on) if current else None,
        "can_act": can_act_as_applicant(user, found),
        "missing_evidence": _missing_evidence(found) if found.status == "draft" else [],
        "upload_form": upload_form or EvidenceUploadForm(options={"kinds": kinds}),
    }
    status = 422 if upload_form is not None and upload_form.errors else 200
    return render(http, "portal/request.html", context, status=status)


@require_http_methods(["GET"])
@login_required
def detail(http: HttpRequest, reference: str) -> HttpResponse:
    found = access_request_for_portal(http, reference)
    record_case_file_viewed(viewer=portal_user(http), request=found, where="portal.request")
    return _page(http, found)


@require_POST
@login_required
@ratelimit(key="user", rate="20/m", method="POST", block=True)  # type: ignore[untyped-decorator]  # django-ratelimit ships no type hints
def upload(http: HttpRequest, reference: str) -> HttpResponse:
    found = access_request_for_portal(http, reference)
    if not can_act_as_applicant(portal_user(http), found):
        raise Http404  # a case-file reader may read the request, never add to it
    checklist = selectors.list_evidence_checklist(found)
    kinds = [(item.kind, evidence_text(item.label)) for item in checklist]
    form = EvidenceUploadForm(http.POST, http.FILES, options={"kinds": kinds})
    if not form.is_valid():
        return _page(http, found, upload_form=form)
    try:
        add_evidence(
            actor=portal_user(http),
            request_id=found.pk,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
        )
    except DomainError as error:
        form.add_error("file", explain(error))
        return _page(http, found, upload_form=form)
    messages.success(http, _("The file was checked and added to your request."))
    return redirect("portal:request", reference=found.reference)


def _missing_evidence(found: Any) -> list[str]:
    """Labels of the documents the program asks for that have not been sent."""
    checklist = selectors.list_evidence_checklist(found)
    return [item.label for item in checklist if item.kind != "other" and not item.uploaded]


@require_POST
@login_required
def submit(http: HttpRequest, reference: str) -> HttpResponse:
    found = access_request_for_portal(http, reference)
    version = http.POST.get("version", "")
    if _missing_evidence(found) and http.POST.get("send_without_missing") != "yes":
        messages.error(
            http,
            _("Some documents the program asks for are missing. Send them first, or confirm "
              "that you want to send the request without them."),
        )  # fmt: skip
        return redirect("portal:request", reference=found.reference)
    try:
        submit_request(
            request_id=found.pk,
            actor=portal_user(http),
            expected_version=int(version) if version.isdigit() else None,
        )
    except DomainError as error:
        messages.error(http, explain(error))
    else:
        messages.success(http, _("Your request was sent and pre-screened. See the result below."))
    return redirect("portal:request", reference=found.reference)


@require_http_methods(["GET", "POST"])
@login_required
@ratelimit(key="user", rate="30/m", method="POST", block=True)  # type: ignore[untyped-decorator]  # django-ratelimit ships no type hints
def add_family(http: HttpRequest, reference: str) -> HttpResponse:
    principal = access_request_for_portal(http, reference)
    user = portal_user(http)
    if not can_act_as_applicant(user, principal):
        raise Http404
    form = FamilyMemberForm(http.POST if http.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            member = services.file_family_member(
                actor=user,
                principal=principal,
                beneficiary=beneficiary_document(form.cleaned_data),
                relationship_to_principal=form.cleaned_data["relationship_to_principal"],
                companion=form.cleaned_data["companion"],
            )
        except DomainError as error:
            form.add_error(None, explain(error))
        else:
            messages.success(http, _("The family member's own request was saved as a draft."))
            return redirect("portal:request", reference=member.reference)
    return render(
        http,
        "portal/family_member.html",
        {"form": form, "principal": principal},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET"])
@login_required
def notice(http: HttpRequest, reference: str, notice_id: int) -> FileResponse:
    """A notice's PDF, for the person the request belongs to (or their representative)."""
    found = access_request_for_portal(http, reference)
    chosen = timeline.list_notices(found).filter(pk=notice_id).first()
    if chosen is None or not default_storage.exists(chosen.storage_name):
        raise Http404
    return FileResponse(
        default_storage.open(chosen.storage_name),
        as_attachment=True,
        filename=f"{found.reference}-{chosen.kind}.pdf",
        content_type="application/pdf",
    )
