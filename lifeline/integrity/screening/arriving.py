"""The degree screen for one form as it arrives, against the database through indexed hashes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from django.db import transaction
from django.db.models import Count

from lifeline.core.errors import ValidationFailed
from lifeline.intake.models import ParoleRequest
from lifeline.integrity.identity.services import attach_identity
from lifeline.integrity.models import NarrativeSignature, ScreeningKey
from lifeline.integrity.rings.rules import RULE_FOR_KIND, RULES, evidence_strength
from lifeline.integrity.screening.capacity import assess_capacity
from lifeline.integrity.screening.keys import (
    FormKey,
    declaration_keys,
    invalid_ssn_problems,
    narrative_band_keys,
    narrative_signature,
    narrative_text,
    person_household,
    state_of,
)
from lifeline.integrity.screening.narratives import reused_narrative_drafts, signature_bytes
from lifeline.integrity.screening.rules import DEFAULT_POLICY, OVER_PLEDGED, version_label
from lifeline.integrity.services import FlagDraft, raise_flags
from lifeline.people.models import Person
from lifeline.supporters.enums import DeclarationStatus
from lifeline.supporters.models import SupporterDeclaration

_SAMPLE = 10  # form references shown in a flag's evidence
_GUIDELINE_YEARS_BACK = 5  # the newest shipped HHS guideline at or before the filing year


def _store_keys(form_key: str, keys: list[FormKey], household: str, **form: Any) -> None:
    ScreeningKey.objects.filter(form_key=form_key).exclude(
        value_hash__in=[k.value_hash for k in keys]
    ).delete()
    ScreeningKey.objects.bulk_create(
        [
            ScreeningKey(
                form_key=form_key,
                kind=key.kind,
                value_hash=key.value_hash,
                label=key.label,
                household=household,
                **form,
            )
            for key in keys
        ],
        ignore_conflicts=True,
    )


def _shared_value_drafts(key: FormKey, version: str, form_key: str) -> list[FlagDraft]:
    """When unrelated households on this value reach the policy threshold: every form carrying
    it if this form made the count cross the threshold, else this form alone (the others were
    flagged when it crossed; the full screen refreshes their counts). Indexed counts only."""
    carrying = ScreeningKey.objects.filter(kind=key.kind, value_hash=key.value_hash)
    totals = carrying.aggregate(forms=Count("pk"), households=Count("household", distinct=True))
    threshold = 2 if key.kind == "ssn" else DEFAULT_POLICY.shared_households[key.kind]
    if totals["households"] < threshold:
        return []
    others = carrying.exclude(form_key=form_key).aggregate(n=Count("household", distinct=True))
    flagged = carrying if others["n"] < threshold else carrying.filter(form_key=form_key)
    rows = list(flagged.values_list("form_key", "declaration_id", "request_id", "household"))
    code = RULE_FOR_KIND[key.kind]
    evidence = {
        "kind": key.kind,
        "value": key.label,
        "forms": totals["forms"],
        "households": totals["households"],
        "threshold": threshold,
    }
    score = round(evidence_strength(code, count=totals["households"], threshold=threshold), 4)
    programs = _programs(rows)
    return [
        FlagDraft(
            rule_code=code,
            subject_key=subject,
            program=programs.get(subject, ""),
            score=score,
            version=version,
            evidence=evidence,
            declaration_id=declaration_id,
            request_id=request_id,
        )
        for subject, declaration_id, request_id, _ in rows
    ]


def _programs(rows: Sequence[tuple[str, int | None, int | None, str]]) -> dict[str, str]:
    declarations = [d for _, d, _, _ in rows if d]
    requests = [r for _, _, r, _ in rows if r]
    programs = {
        f"declaration:{pk}": program
        for pk, program in SupporterDeclaration.objects.filter(pk__in=declarations).values_list(
            "pk", "program"
        )
    }
    programs |= {
        f"request:{pk}": program
        for pk, program in ParoleRequest.objects.filter(pk__in=requests).values_list(
            "pk", "program"
        )
    }
    return programs


def _serial_sponsor_drafts(
    declaration: SupporterDeclaration, identity_id: int, version: str
) -> list[FlagDraft]:
    """At N live forms of one resolved supporter all of them are flagged; past N, the new one."""
    live = SupporterDeclaration.objects.filter(
        supporter__integrity_membership__identity=identity_id
    ).exclude(status=DeclarationStatus.WITHDRAWN)
    count = live.count()
    threshold = DEFAULT_POLICY.serial_sponsor_forms
    if count < threshold:
        return []
    flagged = live if count - 1 < threshold else live.filter(pk=declaration.pk)
    score = round(evidence_strength("SERIAL_SPONSOR", count=count, threshold=threshold), 4)
    evidence = {
        "kind": "supporter",
        "value": str(declaration.supporter),
        "identity": identity_id,
        "forms": count,
        "threshold": threshold,
        "sample": list(live.order_by("pk").values_list("reference", flat=True)[:_SAMPLE]),
    }
    return [
        FlagDraft(
            rule_code="SERIAL_SPONSOR",
            subject_key=f"declaration:{pk}",
            program=program,
            score=score,
            version=version,
            evidence=evidence,
            declaration_id=pk,
        )
        for pk, program in flagged.values_list("pk", "program")
    ]


def invalid_ssn_draft(declaration: SupporterDeclaration, version: str) -> FlagDraft | None:
    """SSN_INVALID when the supporter's SSN has a never-issued structure."""
    problems = invalid_ssn_problems(declaration.supporter)
    if not problems:
        return None
    return FlagDraft(
        rule_code="SSN_INVALID",
        subject_key=f"declaration:{declaration.pk}",
        program=declaration.program,
        score=RULES["SSN_INVALID"].base,
        version=version,
        evidence={"kind": "ssn_structure", "problems": list(problems)},
        declaration_id=declaration.pk,
    )


def over_pledged_draft(
    declaration: SupporterDeclaration, pledged_here: int, version: str
) -> FlagDraft | None:
    """The capacity ledger for the supporter behind this form: the beneficiaries pledged are
    this one plus the others the supporter declares, or the distinct beneficiaries on their
    live forms (`pledged_here`) when that is more (an under-declaration)."""
    pledged = max(pledged_here, 1 + declaration.other_beneficiaries_pledged)
    state = state_of(declaration.supporter.current_location)
    filed = declaration.created_at.year
    for year in range(filed, filed - _GUIDELINE_YEARS_BACK, -1):
        try:
            ledger = assess_capacity(
                year=year,
                state=state,
                household_size=declaration.household_size,
                beneficiaries_pledged=pledged,
                annual_income_usd=declaration.annual_income_usd,
            )
        except ValidationFailed:
            continue
        if not ledger.is_over_pledged:
            return None
        share = ledger.shortfall_usd / max(1, ledger.required_income_usd)
        return FlagDraft(
            rule_code=OVER_PLEDGED.code,
            subject_key=f"declaration:{declaration.pk}",
            program=declaration.program,
            score=round(min(0.9, OVER_PLEDGED.base + 0.6 * share), 4),
            version=f"{version}; HHS {ledger.year} {ledger.region}",
            evidence={
                "beneficiaries_pledged": pledged,
                "household_size": ledger.household_size,
                "annual_income_usd": ledger.annual_income_usd,
                "required_income_usd": ledger.required_income_usd,
                "max_beneficiaries_supported": ledger.max_beneficiaries_supported,
            },
            declaration_id=declaration.pk,
        )
    return None


@transaction.atomic
def screen_declaration(declaration_id: int) -> int:
    """Index one supporter form's values and raise the flags it completes; returns how many new
    flags were raised (0 when run again)."""
    declaration = (
        SupporterDeclaration.objects.select_related("supporter").filter(pk=declaration_id).first()
    )
    if declaration is None or declaration.status == DeclarationStatus.WITHDRAWN:
        return 0
    version = version_label()
    supporter = declaration.supporter
    identity = attach_identity(supporter)
    form_key = f"declaration:{declaration.pk}"
    keys = declaration_keys(declaration)
    _store_keys(form_key, keys, supporter_household(supporter), declaration=declaration)
    drafts = _serial_sponsor_drafts(declaration, identity.pk, version)
    for key in keys:
        drafts += _shared_value_drafts(key, version, form_key)
    invalid = invalid_ssn_draft(declaration, version)
    if invalid is not None:
        drafts.append(invalid)
    live = SupporterDeclaration.objects.filter(
        supporter__integrity_membership__identity=identity.pk
    ).exclude(status=DeclarationStatus.WITHDRAWN)
    pledged = live.values("beneficiary_key").distinct().count()
    over = over_pledged_draft(declaration, pledged, version)
    if over is not None:
        drafts.append(over)
    return raise_flags(drafts)


def supporter_household(person: Person) -> str:
    """The household of the person's resolved identity (its first person's paternal surname),
    so spellings of one supporter count as one household, as in the full screen."""
    first = (
        Person.objects.filter(integrity_membership__identity__memberships__person=person)
        .order_by("pk")
        .first()
    )
    return person_household(first or person)


def narrative_household(request: ParoleRequest) -> str:
    """Whose answer a narrative is: the first supporter's household, else the beneficiary's."""
    declaration = request.declarations.select_related("supporter").order_by("pk").first()
    if declaration is not None:
        return supporter_household(declaration.supporter)
    return f"beneficiary:{person_household(request.beneficiary)}"


def store_narrative(request: ParoleRequest, household: str) -> np.ndarray | None:
    """Index the request's narrative (its LSH band keys and MinHash signature); None, and
    nothing indexed, for a short generic answer."""
    signature = narrative_signature(narrative_text(request))
    keys = narrative_band_keys(signature) if signature is not None else []
    _store_keys(f"request:{request.pk}", keys, household, request=request)
    if signature is None:
        NarrativeSignature.objects.filter(request=request).delete()
    else:
        NarrativeSignature.objects.update_or_create(
            request=request, defaults={"signature": signature_bytes(signature)}
        )
    return signature


@transaction.atomic
def screen_request(request_id: int) -> int:
    """Screen a submitted or imported request: each supporter form on it (which resolves its
    supporters), then its narrative against nearly identical ones of unrelated households."""
    request = ParoleRequest.objects.select_related("beneficiary").filter(pk=request_id).first()
    if request is None:
        return 0
    raised = 0
    for declaration_id in request.declarations.values_list("pk", flat=True):
        raised += screen_declaration(declaration_id)
    household = narrative_household(request)
    signature = store_narrative(request, household)
    if signature is not None:
        drafts = reused_narrative_drafts(request, signature, household, version_label())
        raised += raise_flags(drafts)
    return raised
