"""Declarations of support: guided form, evidence uploads, the beneficiary's confirmation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from lifeline.accounts.enums import UserRole
from lifeline.core.errors import DomainError, PermissionDenied
from lifeline.portal import selectors, services
from lifeline.portal.access import portal_user
from lifeline.portal.declarations.forms import declaration_arguments, declaration_steps
from lifeline.portal.drafts import DECLARATION_FORM_KEY
from lifeline.portal.errors import explain
from lifeline.portal.requests.forms import EvidenceUploadForm
from lifeline.portal.views_wizard import run_wizard
from lifeline.portal.wizard import Wizard
from lifeline.supporters.evidence import add_declaration_evidence
from lifeline.supporters.selectors import list_declaration_evidence
from lifeline.supporters.services import confirm_declaration, withdraw_declaration


def _client_ip(http: HttpRequest) -> str | None:
    return http.META.get("REMOTE_ADDR") or None


@require_http_methods(["GET", "POST"])
@login_required
@ratelimit(key="user", rate="30/m", method="POST", block=True)  # type: ignore[untyped-decorator]  # django-ratelimit ships no type hints
def declare(http: HttpRequest, step: str = "") -> HttpResponse:
    user = portal_user(http)
    if user.role != UserRole.SUPPORTER:
        messages.error(http, _("Only a supporter account can declare support."))
        return redirect("portal:dashboard")
    wizard = Wizard(http, key=DECLARATION_FORM_KEY, steps=declaration_steps())

    def finish(answers: dict[str, dict[str, Any]]) -> HttpResponse:
        declaration = services.declare_support_and_invite(
            actor=user,
            submitted_from_ip=_client_ip(http),
            base_url=http.build_absolute_uri("/"),
            **declaration_arguments(answers),
        )
        messages.success(
            http,
            _("Your declaration %(reference)s was filed. We invited the beneficiary to confirm it.")
            % {"reference": declaration.reference},
        )
        return redirect("portal:declaration", reference=declaration.reference)

    return run_wizard(
        http,
        wizard,
        step=step,
        url_name="portal:declare_step",
        title=_("Declare support for someone"),
        finish=finish,
        submit_label=_("Send the declaration"),
    )


def _evidence_kinds() -> list[tuple[str, str]]:
    return [
        ("status", _("Proof of status in the U.S. (passport, green card, I-94 or EAD)")),
        ("income", _("Proof of income (tax return, pay slips or employer letter)")),
        ("identity", _("Proof of identity")),
    ]


def _page(
    http: HttpRequest, reference: str, *, upload_form: EvidenceUploadForm | None = None
) -> HttpResponse:
    user = portal_user(http)
    declaration = selectors.get_declaration_for_user(user, reference=reference)
    if declaration is None:
        raise Http404
    is_supporter = declaration.supporter_user_id == user.pk
    kind_labels = dict(_evidence_kinds())
    evidence = [
        {"item": item, "kind_label": kind_labels.get(item.kind, item.kind)}
        for item in (list_declaration_evidence(declaration) if is_supporter else [])
    ]
    return render(
        http,
        "portal/declaration.html",
        {
            "declaration": declaration,
            "is_supporter": is_supporter,
            "can_confirm": declaration.status == "submitted"
            and declaration.beneficiary_email == user.email.strip().lower(),
            "evidence": evidence,
            "upload_form": upload_form or EvidenceUploadForm(options={"kinds": _evidence_kinds()}),
        },
        status=422 if upload_form is not None and upload_form.errors else 200,
    )


@require_http_methods(["GET"])
@login_required
def detail(http: HttpRequest, reference: str) -> HttpResponse:
    return _page(http, reference)


@require_POST
@login_required
@ratelimit(key="user", rate="20/m", method="POST", block=True)  # type: ignore[untyped-decorator]  # django-ratelimit ships no type hints
def upload(http: HttpRequest, reference: str) -> HttpResponse:
    user = portal_user(http)
    declaration = selectors.get_declaration_for_user(user, reference=reference)
    if declaration is None:
        raise Http404
    if declaration.supporter_user_id != user.pk:
        messages.error(http, explain(PermissionDenied("Only the supporter adds evidence.")))
        return redirect("portal:declaration", reference=reference)
    form = EvidenceUploadForm(http.POST, http.FILES, options={"kinds": _evidence_kinds()})
    if not form.is_valid():
        return _page(http, reference, upload_form=form)
    try:
        add_declaration_evidence(
            actor=user,
            reference=reference,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
        )
    except DomainError as error:
        form.add_error("file", explain(error))
        return _page(http, reference, upload_form=form)
    messages.success(http, _("The file was checked and added to your declaration."))
    return redirect("portal:declaration", reference=reference)


def _act(http: HttpRequest, reference: str, action: str) -> HttpResponse:
    user = portal_user(http)
    try:
        if action == "confirm":
            confirm_declaration(actor=user, reference=reference)
            messages.success(http, _("You confirmed the declaration of support."))
        else:
            withdraw_declaration(actor=user, reference=reference)
            messages.success(http, _("You withdrew the declaration of support."))
    except DomainError as error:
        messages.error(http, explain(error))
    return redirect("portal:declaration", reference=reference)


@require_POST
@login_required
def confirm(http: HttpRequest, reference: str) -> HttpResponse:
    return _act(http, reference, "confirm")


@require_POST
@login_required
def withdraw(http: HttpRequest, reference: str) -> HttpResponse:
    return _act(http, reference, "withdraw")
