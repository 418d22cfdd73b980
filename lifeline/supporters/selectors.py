"""Reads for supporter declarations."""

from __future__ import annotations

from django.db.models import QuerySet

from lifeline.accounts.models import User
from lifeline.supporters.models import DeclarationEvidence, SupporterDeclaration


def list_declarations_for_supporter(user: User) -> QuerySet[SupporterDeclaration]:
    return (
        SupporterDeclaration.objects.filter(supporter_user=user)
        .select_related("beneficiary", "joins")
        .order_by("-created_at")
    )


def list_declarations_awaiting_beneficiary(user: User) -> QuerySet[SupporterDeclaration]:
    return (
        SupporterDeclaration.objects.filter(beneficiary_email=user.email.strip().lower())
        .select_related("supporter")
        .order_by("-created_at")
    )


def list_declaration_evidence(declaration: SupporterDeclaration) -> QuerySet[DeclarationEvidence]:
    return DeclarationEvidence.objects.filter(declaration=declaration).order_by("created_at", "pk")
