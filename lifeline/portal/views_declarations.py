"""Declarations of support: the supporter's guided form, the beneficiary's confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from lifeline.accounts.enums import UserRole
from lifeline.core.errors import DomainError
from lifeline.portal import selectors, services
from lifeline.portal.access import portal_user
from lifeline.portal.errors import explain
from lifeline.portal.forms_declarations import declaration_arguments, declaration_steps
from lifeline.portal.views_wizard import run_wizard
from lifeline.portal.wizard import Wizard
from lifeline.supporters.services import confirm_declaration, withdraw_declaration


def _client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


@require_http_methods(["GET", "POST"])
@login_required
@ratelimit(key="user", rate="30/m", method="POST", block=True)
def declare(request: HttpRequest, step: str = "") -> HttpResponse:
    user = portal_user(request)
    if user.role != UserRole.SUPPORTER:
        messages.error(request, _("Only a supporter account can declare support."))
        return redirect("portal:dashboard")
    wizard = Wizard(request, key="declaration", steps=declaration_steps())

    def finish(answers: dict) -> HttpResponse:
        declaration = services.declare_support_and_invite(
            actor=user,
            submitted_from_ip=_client_ip(request),
            base_url=request.build_absolute_uri("/"),
            **declaration_arguments(answers),
        )
        messages.success(
            request,
            _("Your declaration %(reference)s was filed. We invited the beneficiary to confirm it.")
            % {"reference": declaration.reference},
        )
        return redirect("portal:declaration", reference=declaration.reference)

    return run_wizard(
        request,
        wizard,
        step=step,
        url_name="portal:declare_step",
        title=_("Declare support for someone"),
        finish=finish,
        submit_label=_("Send the declaration"),
    )


@require_http_methods(["GET"])
@login_required
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = portal_user(request)
    declaration = selectors.get_declaration_for_user(user, reference=reference)
    if declaration is None:
        raise Http404
    return render(
        request,
        "portal/declaration.html",
        {
            "declaration": declaration,
            "is_supporter": declaration.supporter_user_id == user.pk,
            "can_confirm": declaration.status == "submitted"
            and declaration.beneficiary_email == user.email.strip().lower(),
        },
    )


def _act(request: HttpRequest, reference: str, action: str) -> HttpResponse:
    user = portal_user(request)
    try:
        if action == "confirm":
            confirm_declaration(actor=user, reference=reference)
            messages.success(request, _("You confirmed the declaration of support."))
        else:
            withdraw_declaration(actor=user, reference=reference)
            messages.success(request, _("You withdrew the declaration of support."))
    except DomainError as error:
        messages.error(request, explain(error))
    return redirect("portal:declaration", reference=reference)


@require_POST
@login_required
def confirm(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(request, reference, "confirm")


@require_POST
@login_required
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    return _act(request, reference, "withdraw")
