"""Representation: a client's consents (grant, revoke) and a representative's clients."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from lifeline.accounts.enums import UserRole
from lifeline.core.errors import DomainError
from lifeline.intake.selectors import list_requests_for_user
from lifeline.portal import selectors, services
from lifeline.portal.access import portal_user
from lifeline.portal.errors import explain
from lifeline.portal.forms import PortalForm


class ConsentForm(PortalForm):
    representative = forms.CharField(
        label=gettext_lazy("Your representative's e-mail address or user name"), max_length=254
    )
    attest = forms.BooleanField(
        label=gettext_lazy(
            "I allow this representative to file and follow requests for me. I can take this "
            "back at any time."
        ),
        error_messages={"required": gettext_lazy("Tick the box to give your consent.")},
    )


@require_http_methods(["GET", "POST"])
@login_required
@ratelimit(key="user", rate="10/m", method="POST", block=True)  # type: ignore[untyped-decorator]  # django-ratelimit ships no type hints
def consents(http: HttpRequest) -> HttpResponse:
    user = portal_user(http)
    if user.role == UserRole.REPRESENTATIVE or user.is_agency_staff:
        raise Http404
    form = ConsentForm(http.POST if http.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.grant_consent(
                client=user, representative_login=form.cleaned_data["representative"]
            )
        except DomainError as error:
            form.add_error("representative", explain(error))
        else:
            messages.success(http, _("Your representative can now act for you."))
            return redirect("portal:consents")
    return render(
        http,
        "portal/consents.html",
        {"form": form, "consents": selectors.list_active_consents_for_client(user)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@login_required
def revoke(http: HttpRequest, consent_id: int) -> HttpResponse:
    try:
        services.revoke_consent(client=portal_user(http), consent_id=consent_id)
    except DomainError as error:
        messages.error(http, explain(error))
    else:
        messages.success(
            http, _("You withdrew your consent. The representative can no longer act for you.")
        )
    return redirect("portal:consents")


@require_http_methods(["GET"])
@login_required
def clients(http: HttpRequest) -> HttpResponse:
    user = portal_user(http)
    if user.role != UserRole.REPRESENTATIVE:
        raise Http404
    return render(
        http,
        "portal/clients.html",
        {
            "clients": selectors.list_active_clients(user),
            "requests": list_requests_for_user(user),
        },
    )
