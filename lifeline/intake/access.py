"""Who may see or act on a request: the only way views and the API fetch requests."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from lifeline.accounts.enums import UserRole
from lifeline.accounts.models import RepresentationConsent, User
from lifeline.core.errors import NotFound
from lifeline.intake.models import ParoleRequest

CASE_FILE_ROLES = frozenset({UserRole.OFFICER, UserRole.SUPERVISOR, UserRole.INTEGRITY_ANALYST})


def has_active_consent(*, representative: User, client: User) -> bool:
    return RepresentationConsent.objects.filter(
        representative=representative, client=client, revoked_at__isnull=True
    ).exists()


def requests_visible_to(user: User) -> QuerySet[ParoleRequest]:
    """Requests a user may read: their own, their consenting clients', or all for case staff."""
    requests = ParoleRequest.objects.all()
    if user.role in CASE_FILE_ROLES:
        return requests
    if user.role == UserRole.REPRESENTATIVE:
        clients = RepresentationConsent.objects.filter(
            representative=user, revoked_at__isnull=True
        ).values("client")
        return requests.filter(Q(representative=user) & Q(filed_by__in=clients))
    if user.role in {UserRole.BENEFICIARY, UserRole.SUPPORTER}:
        return requests.filter(Q(filed_by=user) | Q(beneficiary__user=user))
    return requests.none()


def access_request_for_user(user: User, *, reference: str) -> ParoleRequest:
    """The request if the user may read it; otherwise NotFound (existence is not revealed)."""
    request = requests_visible_to(user).filter(reference=reference).first()
    if request is None:
        raise NotFound(f"No request {reference} that you can see.")
    return request


def can_act_as_applicant(user: User, request: ParoleRequest) -> bool:
    if user.role == UserRole.REPRESENTATIVE:
        return request.representative_id == user.pk and has_active_consent(
            representative=user, client=request.filed_by
        )
    return request.filed_by_id == user.pk
