"""handler500: a database that cannot be reached answers 503 with Retry-After, never 500."""

from __future__ import annotations

import logging
import sys

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

from lifeline.core.api_errors import unavailable_api_response
from lifeline.core.db_errors import RETRY_AFTER_SECONDS, is_database_unavailable

logger = logging.getLogger(__name__)


def unavailable_page_response() -> HttpResponse:
    """A plain page in the visitor's language; it reads nothing from the database (no request
    context: the signed-in user, the menu and the session all live there)."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: called while Django handles an uncaught exception, from a view or from a
    middleware (the session or the signed-in user read before any view). An unreachable
    database answers 503; anything else is the ordinary 500."""
    error = sys.exc_info()[1]
    if not is_database_unavailable(error):
        return defaults.server_error(request)
    logger.warning("database unavailable for %s %s: %s", request.method, request.path, error)
    if request.path.startswith("/api/"):
        return unavailable_api_response()
    return unavailable_page_response()
