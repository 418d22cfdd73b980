"""The public notice verification page and the notice PDF for whoever may see the request."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lifeline.accounts.models import User
from lifeline.core.errors import NotFound
from lifeline.intake.access import access_request_for_user
from lifeline.notices import selectors
from lifeline.notices.forms import VerifyForm


@require_GET
def notice_pdf(http: HttpRequest, code: str) -> FileResponse:
    """The notice PDF, for case staff and for whoever may see the request."""
    if not isinstance(http.user, User):
        raise Http404("No such notice.")
    notice = selectors.get_notice_by_code(code)
    if notice is None or not notice.storage_name:
        raise Http404("No such notice.")
    try:
        access_request_for_user(http.user, reference=notice.request.reference)
    except NotFound as error:
        raise Http404(error.message) from error
    return FileResponse(
        default_storage.open(notice.storage_name, "rb"),
        content_type="application/pdf",
        filename=f"{notice.kind}-{notice.verification_code}.pdf",
    )


@require_GET
def verify(http: HttpRequest, code: str = "") -> HttpResponse:
    """Public: issuer, date, type and valid or revoked; nothing personal."""
    form = VerifyForm(http.GET or ({"code": code} if code else None))
    notice = None
    searched = bool(code or http.GET)
    if form.is_valid():
        notice = selectors.get_notice_by_code(form.cleaned_data["code"])
    return render(
        http,
        "notices/verify.html",
        {"form": form, "notice": notice, "searched": searched},
        status=404 if searched and notice is None else 200,
    )
