"""Portal pages: home, dashboard, language choice, accessibility, the demo's mailbox."""

from __future__ import annotations

import mailbox
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.i18n import set_language as django_set_language

from lifeline.accounts.enums import UserRole
from lifeline.accounts.landing import HOME_FOR_ROLE, home_url_for
from lifeline.accounts.services import set_preferred_language
from lifeline.intake.selectors import list_requests_for_user
from lifeline.portal import selectors
from lifeline.portal.access import portal_user
from lifeline.portal.drafts import DECLARATION_FORM_KEY, has_draft, request_form_key
from lifeline.supporters.selectors import list_declarations_for_supporter

MAILBOX_MESSAGES_SHOWN = 30


@require_GET
def home(http: HttpRequest) -> HttpResponse:
    return render(http, "portal/home.html")


@require_GET
def accessibility(http: HttpRequest) -> HttpResponse:
    return render(http, "portal/accessibility.html")


@require_POST
def set_language(http: HttpRequest) -> HttpResponse:
    """Switch the page language; a signed-in person's choice is kept for their notices."""
    response = django_set_language(http)
    language = http.POST.get("language", "")
    if http.user.is_authenticated and language in dict(settings.LANGUAGES):
        set_preferred_language(user=portal_user(http), language=language)
    return response


@require_GET
@login_required
def dashboard(http: HttpRequest) -> HttpResponse:
    user = portal_user(http)
    if user.role in HOME_FOR_ROLE:
        return redirect(home_url_for(user))
    context: dict[str, object] = {"role": user.role}
    if user.role == UserRole.SUPPORTER:
        context["declarations"] = list_declarations_for_supporter(user)
        context["has_draft"] = has_draft(owner=user, form_key=DECLARATION_FORM_KEY)
    if user.role in {UserRole.BENEFICIARY, UserRole.SUPPORTER, UserRole.REPRESENTATIVE}:
        context["requests"] = list_requests_for_user(user)
    if user.role == UserRole.BENEFICIARY:
        context["to_confirm"] = selectors.list_declarations_to_confirm(user)
        context["confirmed"] = selectors.list_attachable_declarations(user)
        context["has_draft"] = has_draft(owner=user, form_key=request_form_key(user.pk))
    if user.role == UserRole.REPRESENTATIVE:
        context["clients"] = selectors.list_active_clients(user)
    return render(http, "portal/dashboard.html", context)


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    return part.get_content() if part is not None else ""


@require_GET
def demo_mailbox(http: HttpRequest) -> HttpResponse:
    """The demo's outgoing mail (the local SMTP sink's folder); absent outside the demo."""
    if not settings.DEBUG:
        raise Http404
    folder = Path(settings.LIFELINE_DEMO_MAILDIR)
    letters = []
    if (folder / "new").is_dir():
        box = mailbox.Maildir(folder, create=False)
        # Maildir names start with the delivery time: newest first.
        for key in sorted(box.keys(), reverse=True)[:MAILBOX_MESSAGES_SHOWN]:
            message = message_from_bytes(box.get_bytes(key), policy=policy.default)
            letters.append(
                {
                    "to": str(message.get("To", "")),
                    "subject": str(message.get("Subject", "")),
                    "sent_at": getattr(message.get("Date"), "datetime", None),
                    "body": _body(message),
                }
            )
    return render(http, "portal/demo_mailbox.html", {"letters": letters})
