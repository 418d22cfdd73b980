"""The language a signed-in applicant, supporter or representative reads the portal in is kept
as theirs, so notices and messages to them are written in it (ADR 0245)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language_from_path

from lifeline.accounts.enums import PUBLIC_ROLES
from lifeline.accounts.models import User
from lifeline.accounts.services import set_preferred_language


class ReadingLanguageMiddleware:
    """After authentication: a page opened under a language prefix (/uk/, /fa-af/) makes that
    language the person's own. A page without a prefix says nothing (it is the default
    English, also reached by a bare link); choosing English with "Change language" does."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, http: HttpRequest) -> HttpResponse:
        user = getattr(http, "user", None)
        if isinstance(user, User) and user.role in PUBLIC_ROLES:
            language = get_language_from_path(http.path_info)
            if language in dict(settings.LANGUAGES) and language != user.preferred_language:
                set_preferred_language(user=user, language=language)
        return self.get_response(http)
