"""API for parole requests: create, submit, read, list, timeline and evidence uploads."""

import hashlib
from typing import Annotated, Any

from django.db.models import QuerySet
from django.http import HttpResponse
from ninja import Body, File, Form, Query, Router, UploadedFile
from ninja.pagination import paginate
from ninja.responses import codes_4xx

from lifeline.accounts.api import ApiRequest
from lifeline.core.idempotency import (
    REPLAYED_HEADER,
    IdempotencyKey,
    idempotent_response,
    replayed_answer,
)
from lifeline.core.schemas import ErrorOut, Pagination, ReferencePath
from lifeline.core.uploads import discard_upload
from lifeline.intake import evidence, selectors, services
from lifeline.intake.access import access_request_for_user
from lifeline.intake.models import EvidenceItem, ParoleRequest
from lifeline.intake.schemas import (
    EvidenceKind,
    EvidenceOut,
    RequestCreateIn,
    RequestDetailOut,
    RequestOut,
    RequestStatusQuery,
    SubmitIn,
    TimelineEntry,
)
from lifeline.intake.viewing import record_case_file_viewed

router = Router(tags=["requests"])


@router.post("/requests", response={201: RequestOut, codes_4xx: ErrorOut})
def create_request(
    request: ApiRequest,
    payload: RequestCreateIn,
    idempotency_key: IdempotencyKey,
) -> HttpResponse:
    """Save a draft request; a representative names the consenting client it is for."""
    user = request.auth

    def create() -> RequestOut:
        client = (
            selectors.get_client_by_username(payload.client_username)
            if payload.client_username
            else None
        )
        linked = {
            name: selectors.get_linked_request_for_user(user, reference=reference)
            for name, reference in (
                ("travelling_with", payload.travelling_with),
                ("prior_request", payload.prior_request),
            )
            if reference
        }
        created = services.create_request(
            actor=user,
            document=payload.document,
            client=client,
            family_group=(
                selectors.get_family_group_for_user(user, reference=payload.family_with)
                if payload.family_with
                else None
            ),
            declarations=selectors.list_declarations_for_filing(
                actor=user, client=client, references=payload.declarations
            )
            if payload.declarations
            else None,
            **linked,
        )
        return RequestOut.from_orm(created)

    return idempotent_response(
        user=user,
        key=idempotency_key,
        operation="requests.create",
        payload=payload,
        status=201,
        create=create,
    )


@router.get("/requests", response={200: list[RequestOut], codes_4xx: ErrorOut})
@paginate(Pagination)
def list_requests(
    request: ApiRequest, filters: Query[RequestStatusQuery]
) -> QuerySet[ParoleRequest]:
    """Requests you may see (your own, or your consenting clients'), newest first."""
    return selectors.list_requests_for_user(request.auth, status=filters.status)


@router.get("/requests/{reference}", response={200: RequestDetailOut, codes_4xx: ErrorOut})
def get_request(request: ApiRequest, reference: ReferencePath) -> ParoleRequest:
    found = access_request_for_user(request.auth, reference=reference)
    record_case_file_viewed(viewer=request.auth, request=found, where="api.request")
    return found


@router.post("/requests/{reference}/submit", response={200: RequestOut, codes_4xx: ErrorOut})
def submit_request(
    request: ApiRequest,
    reference: ReferencePath,
    idempotency_key: IdempotencyKey,
    payload: Annotated[SubmitIn | None, Body()] = None,
) -> HttpResponse:
    """Submit a draft: it gets its filing date and is pre-screened at once."""
    expected_version = payload.expected_version if payload else None

    def submit() -> RequestOut:
        found = access_request_for_user(request.auth, reference=reference)
        submitted = services.submit_request(
            request_id=found.pk, actor=request.auth, expected_version=expected_version
        )
        return RequestOut.from_orm(submitted)

    return idempotent_response(
        user=request.auth,
        key=idempotency_key,
        operation="requests.submit",
        payload={"reference": reference, "expected_version": expected_version},
        status=200,
        create=submit,
    )


@router.get(
    "/requests/{reference}/timeline", response={200: list[TimelineEntry], codes_4xx: ErrorOut}
)
def get_request_timeline(request: ApiRequest, reference: ReferencePath) -> list[dict[str, Any]]:
    """Status changes and pre-screen results, oldest first."""
    found = access_request_for_user(request.auth, reference=reference)
    record_case_file_viewed(viewer=request.auth, request=found, where="api.timeline")
    return selectors.list_timeline_for_request(found)


def _sha256_of(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()


@router.post(
    "/requests/{reference}/evidence",
    response={201: EvidenceOut, codes_4xx: ErrorOut, 503: ErrorOut},
)
def add_evidence(
    request: ApiRequest,
    reference: ReferencePath,
    idempotency_key: IdempotencyKey,
    kind: Form[EvidenceKind],
    file: File[UploadedFile],
    description: Form[str] = "",
) -> HttpResponse:
    """Upload one PDF, JPEG or PNG; its type is decided by its content, not its name."""
    found = access_request_for_user(request.auth, reference=reference)
    payload = {
        "reference": reference,
        "kind": kind,
        "description": description,
        "filename": file.name,
        "sha256": _sha256_of(file),
    }
    answer = replayed_answer(
        user=request.auth, key=idempotency_key, operation="requests.evidence", payload=payload
    )
    if answer is not None:
        return answer
    # The scan and decoding run here, before the idempotency transaction opens.
    stored = evidence.prepare_evidence(
        actor=request.auth, request_id=found.pk, kind=kind, upload=file
    )

    def record() -> EvidenceOut:
        item = evidence.record_evidence(
            actor=request.auth,
            request_id=found.pk,
            kind=kind,
            stored=stored,
            description=description,
        )
        return EvidenceOut.from_orm(item)

    try:
        response = idempotent_response(
            user=request.auth,
            key=idempotency_key,
            operation="requests.evidence",
            payload=payload,
            status=201,
            create=record,
        )
    except BaseException:
        discard_upload(stored)
        raise
    if response.has_header(REPLAYED_HEADER):
        discard_upload(stored)  # a concurrent retry with the same key recorded its own file
    return response


@router.get(
    "/requests/{reference}/evidence", response={200: list[EvidenceOut], codes_4xx: ErrorOut}
)
@paginate(Pagination)
def list_evidence(request: ApiRequest, reference: ReferencePath) -> QuerySet[EvidenceItem]:
    found = access_request_for_user(request.auth, reference=reference)
    record_case_file_viewed(viewer=request.auth, request=found, where="api.evidence")
    return selectors.list_evidence_for_request(found)
