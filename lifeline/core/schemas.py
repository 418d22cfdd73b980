"""API schemas shared by every router: the error body and limit/offset pagination."""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Field, Path, Schema
from ninja.pagination import PaginationBase

MAX_PAGE_SIZE = 100
MAX_OFFSET = 1_000_000
REFERENCE_PATTERN = r"^[A-Z]{2}-[0-9A-Z]{4,16}$"

Reference = Annotated[
    str, Field(pattern=REFERENCE_PATTERN, description="A case reference, e.g. HP-7K3M9Q2X4T.")
]
EXAMPLE_REFERENCE = "HP-7K3M9Q2X4T"
ReferencePath = Annotated[
    str,
    Path(pattern=REFERENCE_PATTERN, description="A case reference.", example=EXAMPLE_REFERENCE),
]


class ErrorDetail(Schema):
    code: str = Field(description="Stable, machine-readable: e.g. validation_failed, not_found.")
    message: str = Field(description="Plain language; safe to show to the person.")
    details: dict[str, Any] = Field(description="Structured facts, such as the invalid fields.")


class ErrorOut(Schema):
    error: ErrorDetail


class Pagination(PaginationBase):
    """`limit` (1 to 100, default 20) and `offset`; answers `items`, `count`, `limit`, `offset`."""

    class Input(Schema):
        limit: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description="Items per page.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")

    class Output(Schema):
        items: list[Any]
        count: int
        limit: int
        offset: int

    def paginate_queryset(
        self, queryset: QuerySet[Model], pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        offset, limit = pagination.offset, pagination.limit
        return {
            "items": queryset[offset : offset + limit],
            "count": queryset.count(),
            "limit": limit,
            "offset": offset,
        }
