"""Reads of the flag store: flags on a case, the analysts' queue, rings and counts by program."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.integrity.models import (
    FlagStatus,
    IdentityMembership,
    IntegrityFlag,
    ResolvedIdentity,
    Ring,
)
from lifeline.integrity.screening.rules import describe, requires_supervisor_signoff

QUEUE_LIMIT = 200


def evidence_summary(flag: IntegrityFlag) -> str:
    """One plain sentence of what the flag rests on."""
    evidence = flag.evidence or {}
    if flag.rule_code == "SERIAL_SPONSOR":
        return _("%(value)s is the supporter on %(forms)s forms (policy threshold %(n)s).") % {
            "value": evidence.get("value", "?"),
            "forms": evidence.get("forms", "?"),
            "n": evidence.get("threshold", "?"),
        }
    if flag.rule_code == "SSN_INVALID":
        return _("Never-issued SSN structure: %(problems)s.") % {
            "problems": ", ".join(evidence.get("problems", []))
        }
    if flag.rule_code == "OVER_PLEDGED":
        return _(
            "Income $%(income)s against $%(required)s required for a household of %(size)s "
            "plus %(pledged)s pledged."
        ) % {
            "income": evidence.get("annual_income_usd", "?"),
            "required": evidence.get("required_income_usd", "?"),
            "size": evidence.get("household_size", "?"),
            "pledged": evidence.get("beneficiaries_pledged", "?"),
        }
    if flag.rule_code == "NARRATIVE_REUSED" and "least_similarity" in evidence:
        return _(
            "Nearly the same answer (estimated similarity at least %(similarity)s) is on "
            "%(forms)s requests of %(households)s unrelated households."
        ) % {
            "similarity": evidence["least_similarity"],
            "forms": evidence.get("forms", "?"),
            "households": evidence.get("households", "?"),
        }
    return _("%(value)s is on %(forms)s forms of %(households)s unrelated households.") % {
        "value": evidence.get("value", "?"),
        "forms": evidence.get("forms", "?"),
        "households": evidence.get("households", "?"),
    }


def _flags_on_request(request: ParoleRequest) -> QuerySet[IntegrityFlag]:
    return IntegrityFlag.objects.filter(
        Q(request=request)
        | Q(declaration__in=request.declarations.all())
        | Q(person_id=request.beneficiary_id)
    )


def list_open_flags_for_request(request: ParoleRequest) -> list[dict[str, Any]]:
    """Open flags on the request, its supporter forms or its beneficiary, strongest first."""
    flags = _flags_on_request(request).filter(status=FlagStatus.OPEN).order_by("-score", "pk")
    return [
        {
            "id": flag.pk,
            "code": flag.rule_code,
            "description": describe(flag.rule_code),
            "score": flag.score,
            "evidence": evidence_summary(flag),
            "version": flag.version,
            "requires_supervisor_signoff": requires_supervisor_signoff(flag.rule_code),
            "url": reverse("integrity:flag", args=[flag.pk]),
        }
        for flag in flags
    ]


def list_flag_counts_by_program() -> dict[str, dict[str, float]]:
    """Per program: open, confirmed and dismissed flags, and the share of filed requests with an
    open or confirmed flag (on the request or on a supporter form on it)."""
    counts: dict[str, dict[str, float]] = {}
    for row in IntegrityFlag.objects.values("program", "status").annotate(n=Count("pk")):
        counts.setdefault(row["program"], {s: 0 for s in FlagStatus.values})[row["status"]] = row[
            "n"
        ]
    live = [FlagStatus.OPEN, FlagStatus.CONFIRMED]
    flagged = Q(integrity_flags__status__in=live) | Q(
        declarations__integrity_flags__status__in=live
    )
    requests = (
        ParoleRequest.objects.exclude(status=RequestStatus.DRAFT)
        .values("program")
        .annotate(
            total=Count("pk", distinct=True), flagged=Count("pk", filter=flagged, distinct=True)
        )
    )
    for program_row in requests:
        entry = counts.setdefault(program_row["program"], {s: 0 for s in FlagStatus.values})
        total, flagged_count = program_row["total"], program_row["flagged"]
        entry["requests"] = total
        entry["flagged_requests"] = flagged_count
        entry["flagged_request_share"] = round(flagged_count / total, 4) if total else 0.0
    for entry in counts.values():
        entry.setdefault("requests", 0)
        entry.setdefault("flagged_requests", 0)
        entry.setdefault("flagged_request_share", 0.0)
    return counts


def list_flags(
    *, rule: str | None = None, status: str | None = None, program: str | None = None
) -> list[IntegrityFlag]:
    """The analysts' queue, strongest first."""
    flags = IntegrityFlag.objects.select_related(
        "declaration__supporter", "request__beneficiary", "person", "ring"
    )
    if rule:
        flags = flags.filter(rule_code=rule)
    if status:
        flags = flags.filter(status=status)
    if program:
        flags = flags.filter(program=program)
    return list(flags.order_by("-score", "pk")[:QUEUE_LIMIT])


def count_flags_by_status() -> dict[str, int]:
    rows = IntegrityFlag.objects.values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def list_flag_programs() -> list[str]:
    return sorted(set(IntegrityFlag.objects.values_list("program", flat=True).distinct()))


def get_flag(flag_id: int) -> IntegrityFlag | None:
    return (
        IntegrityFlag.objects.select_related(
            "declaration__supporter", "declaration__beneficiary", "request", "ring", "decided_by"
        )
        .filter(pk=flag_id)
        .first()
    )


def requests_of_flag(flag: IntegrityFlag) -> list[ParoleRequest]:
    if flag.request_id:
        return list(ParoleRequest.objects.filter(pk=flag.request_id))
    if flag.declaration_id:
        return list(ParoleRequest.objects.filter(declarations=flag.declaration_id).order_by("pk"))
    return []


def identity_of_person(person_id: int) -> ResolvedIdentity | None:
    membership = (
        IdentityMembership.objects.select_related("identity").filter(person_id=person_id).first()
    )
    return membership.identity if membership else None


def get_ring(ring_id: int) -> Ring | None:
    return Ring.objects.filter(pk=ring_id).first()


def get_identity(identity_id: int) -> ResolvedIdentity | None:
    return ResolvedIdentity.objects.filter(pk=identity_id).first()


def list_identity_members(identity: ResolvedIdentity) -> list[dict[str, Any]]:
    """The people of an identity, each with the supporter forms they filed."""
    members = (
        identity.memberships.select_related("person")
        .prefetch_related("person__declarations")
        .order_by("person_id")
    )
    return [
        {
            "person": m.person,
            "pinned": m.pinned,
            "forms": [d.reference for d in m.person.declarations.all()],
        }
        for m in members
    ]
