"""The health check."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, JsonResponse


def health(http: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
