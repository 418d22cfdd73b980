"""Staff pages speak English, left to right, under any language prefix (/ar/workspace/ too)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation

STAFF_LANGUAGE = "en"
# URL namespaces of the pages only staff use; the portal and sign-in follow the chosen language.
STAFF_NAMESPACES = frozenset({"workspace", "analytics", "integrity", "audit"})
# Staff pages inside a namespace parolees also use: the program office's pathway pages.
STAFF_VIEW_NAMES = frozenset(
    {
        "pathways:cohort",
        "pathways:cohort_csv",
        "pathways:cohort_people_csv",
        "pathways:timeline",
        "pathways:timeline_change",
    }
)
# The second factor is asked of staff accounts only, so its pages are staff pages too.
STAFF_URL_NAME_PREFIX = "mfa_"


def is_staff_page(http: HttpRequest) -> bool:
    match = getattr(http, "resolver_match", None)
    if match is None:
        return False
    return (
        bool(STAFF_NAMESPACES.intersection(match.namespaces))
        or match.view_name in STAFF_VIEW_NAMES
        or (match.url_name or "").startswith(STAFF_URL_NAME_PREFIX)
    )


class StaffPagesInEnglishMiddleware:
    """After the locale middleware: a staff page renders in English whatever the prefix says,
    so its text and its direction agree (an English page laid out right to left misreads)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, http: HttpRequest) -> HttpResponse:
        return self.get_response(http)

    def process_view(self, http: HttpRequest, *args: Any) -> None:
        if is_staff_page(http):
            translation.activate(STAFF_LANGUAGE)
            http.LANGUAGE_CODE = STAFF_LANGUAGE
