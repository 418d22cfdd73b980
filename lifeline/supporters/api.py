"""API for supporter declarations: declare, list your own or those naming you, confirm."""

from django.db.models import QuerySet
from django.http import HttpResponse
from ninja import Router
from ninja.pagination import paginate
from ninja.responses import codes_4xx

from lifeline.accounts.api import ApiRequest
from lifeline.core.idempotency import IdempotencyKey, idempotent_response
from lifeline.core.schemas import ErrorOut, Pagination, ReferencePath
from lifeline.supporters import selectors, services
from lifeline.supporters.models import SupporterDeclaration
from lifeline.supporters.schemas import DeclarationIn, DeclarationOut

router = Router(tags=["declarations"])


@router.post("/declarations", response={201: DeclarationOut, codes_4xx: ErrorOut})
def declare_support(
    request: ApiRequest,
    payload: DeclarationIn,
    idempotency_key: IdempotencyKey,
) -> HttpResponse:
    """A supporter declares financial support for one named beneficiary."""

    def create() -> DeclarationOut:
        declaration = services.declare_support(
            actor=request.auth,
            program=payload.program,
            supporter=payload.supporter,
            beneficiary=payload.beneficiary,
            beneficiary_email=payload.beneficiary_email,
            joins_reference=payload.joins_reference,
            submitted_from_ip=request.META.get("REMOTE_ADDR"),
        )
        return DeclarationOut.from_orm(declaration)

    return idempotent_response(
        user=request.auth,
        key=idempotency_key,
        operation="declarations.create",
        payload=payload,
        status=201,
        create=create,
    )


@router.get("/declarations", response={200: list[DeclarationOut], codes_4xx: ErrorOut})
@paginate(Pagination)
def list_my_declarations(request: ApiRequest) -> QuerySet[SupporterDeclaration]:
    """Declarations you filed as a supporter, newest first."""
    return selectors.list_declarations_for_supporter(request.auth).select_related("supporter")


@router.get("/declarations/received", response={200: list[DeclarationOut], codes_4xx: ErrorOut})
@paginate(Pagination)
def list_declarations_naming_me(request: ApiRequest) -> QuerySet[SupporterDeclaration]:
    """Declarations that name your account's email as the beneficiary's, newest first."""
    declarations = selectors.list_declarations_awaiting_beneficiary(request.auth)
    return declarations.select_related("beneficiary", "joins")


@router.post(
    "/declarations/{reference}/confirm", response={200: DeclarationOut, codes_4xx: ErrorOut}
)
def confirm_declaration(
    request: ApiRequest,
    reference: ReferencePath,
    idempotency_key: IdempotencyKey,
) -> HttpResponse:
    """The beneficiary named in a declaration confirms it."""

    def confirm() -> DeclarationOut:
        declaration = services.confirm_declaration(actor=request.auth, reference=reference)
        return DeclarationOut.from_orm(declaration)

    return idempotent_response(
        user=request.auth,
        key=idempotency_key,
        operation="declarations.confirm",
        payload={"reference": reference},
        status=200,
        create=confirm,
    )
