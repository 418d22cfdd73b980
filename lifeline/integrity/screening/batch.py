"""The full screen: resolve every supporter, rebuild the hash index, rings and flags at once."""

from __future__ import annotations

import secrets
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import transaction

from lifeline.intake.enums import RequestStatus
from lifeline.intake.models import ParoleRequest
from lifeline.integrity.identity.arrival import write_snapshot
from lifeline.integrity.identity.keys import person_identity_key
from lifeline.integrity.identity.services import identity_label
from lifeline.integrity.models import (
    IdentityMembership,
    NarrativeSignature,
    ResolvedIdentity,
    Ring,
    RingMember,
    ScreeningKey,
)
from lifeline.integrity.rings.detection import (
    RingReport,
    Signal,
    assemble_rings,
    degree_screen,
    edge_table,
    identifier_edges,
    resolve_supporters,
)
from lifeline.integrity.rings.policy import POLICY_VERSION, load_hub_values
from lifeline.integrity.screening.arriving import (
    invalid_ssn_draft,
    narrative_household,
    over_pledged_draft,
)
from lifeline.integrity.screening.keys import (
    declaration_keys,
    narrative_band_keys,
    narrative_signature,
    narrative_text,
    person_household,
)
from lifeline.integrity.screening.narratives import signature_bytes
from lifeline.integrity.screening.rules import DEFAULT_POLICY, FLAG_RULES, version_label
from lifeline.integrity.services import FlagDraft, raise_flags, withdraw_stale_flags
from lifeline.supporters.enums import DeclarationStatus
from lifeline.supporters.models import SupporterDeclaration

Progress = Callable[[str], None]
_PERSON_COLUMNS = {
    "supporter_given_name": "given_name",
    "supporter_family_name": "family_name",
    "supporter_ssn": "ssn",
    "supporter_phone": "phone",
    "supporter_email": "email",
    "supporter_address": "current_location",
    "supporter_bank_account": "bank_account",
}


@dataclass(frozen=True)
class ScreenSummary:
    forms: int
    rings: int
    flags_raised: int
    flags_withdrawn: int
    identities: int


@dataclass
class _Forms:
    """Rows: one per live supporter form, then one per request filed without any form."""

    declarations: list[SupporterDeclaration]
    request_rows: list[tuple[int, str]] = field(default_factory=list)  # pk, household
    narrative_of_row: dict[int, str] = field(default_factory=dict)
    request_of_row: dict[int, int] = field(default_factory=dict)
    program_of_request: dict[int, str] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.declarations) + len(self.request_rows)

    def subject(self, row: int, rule_code: str) -> tuple[str, dict[str, Any], str]:
        """(subject key, foreign keys, program) of the flag a rule raises on a row: narratives
        belong to requests, everything else to the supporter form."""
        if row < len(self.declarations) and rule_code != "NARRATIVE_REUSED":
            declaration = self.declarations[row]
            key = f"declaration:{declaration.pk}"
            return key, {"declaration_id": declaration.pk}, declaration.program
        request_id = self.request_of_row[row]
        return (
            f"request:{request_id}",
            {"request_id": request_id},
            self.program_of_request[request_id],
        )

    def member(self, row: int) -> dict[str, int | None]:
        if row < len(self.declarations):
            return {"declaration_id": self.declarations[row].pk, "request_id": None}
        return {"declaration_id": None, "request_id": self.request_of_row[row]}


def _load_forms() -> _Forms:
    declarations = list(
        SupporterDeclaration.objects.exclude(status=DeclarationStatus.WITHDRAWN)
        .select_related("supporter")
        .order_by("pk")
    )
    row_of = {d.pk: row for row, d in enumerate(declarations)}
    first_form: dict[int, int] = {}
    through = ParoleRequest.declarations.through.objects.order_by("pk")
    for request_id, declaration_id in through.values_list(
        "parolerequest_id", "supporterdeclaration_id"
    ):
        if declaration_id in row_of:
            first_form.setdefault(request_id, row_of[declaration_id])
    forms = _Forms(declarations)
    requests = (
        ParoleRequest.objects.exclude(status=RequestStatus.DRAFT)
        .select_related("beneficiary")
        .only("pk", "program", "document", "beneficiary__family_name")
        .order_by("pk")
    )
    for request in requests.iterator(chunk_size=2000):
        forms.program_of_request[request.pk] = request.program
        row = first_form.get(request.pk)
        if row is None:
            row = len(declarations) + len(forms.request_rows)
            household = f"beneficiary:{person_household(request.beneficiary)}"
            forms.request_rows.append((request.pk, household))
        if row not in forms.request_of_row:  # a form on two requests carries the first
            forms.request_of_row[row] = request.pk
            forms.narrative_of_row[row] = str(request.document.get("narrative", "") or "")
    return forms


def _columns(forms: _Forms) -> dict[str, list[str | None]]:
    people = [d.supporter for d in forms.declarations]
    padding: list[str | None] = [None] * len(forms.request_rows)
    columns: dict[str, list[str | None]] = {
        column: [getattr(p, attribute) or None for p in people] + padding
        for column, attribute in _PERSON_COLUMNS.items()
    }
    birth_dates: list[str | None] = [p.birth_date.isoformat() for p in people]
    columns["supporter_birth_date"] = birth_dates + padding
    columns["supporter_ip"] = [d.submitted_from_ip for d in forms.declarations] + padding
    columns["narrative"] = [forms.narrative_of_row.get(row) for row in range(forms.size)]
    return columns


def _resolve(forms: _Forms, columns: dict[str, list[str | None]]) -> tuple[np.ndarray, list[str]]:
    """A resolved supporter per row and a household; request-only rows stand alone."""
    n_forms = len(forms.declarations)
    if n_forms:
        supporter_columns = {
            name: values[:n_forms]
            for name, values in columns.items()
            if name.startswith("supporter_") and name != "supporter_ip"
        }
        supporter, household = resolve_supporters(supporter_columns, n_forms)
    else:
        supporter, household = np.zeros(0, dtype=int), []
    start = int(supporter.max()) + 1 if n_forms else 0
    extra = np.arange(start, start + len(forms.request_rows))
    return np.concatenate([supporter, extra]), household + [h for _, h in forms.request_rows]


@transaction.atomic
def _save_identities(forms: _Forms, supporter: np.ndarray) -> int:
    """Resolved supporters become identities; people an analyst merged or split stay put."""
    existing = {
        m.person_id: m
        for m in IdentityMembership.objects.only("pk", "person_id", "identity_id", "pinned")
    }
    people_of: dict[int, list[Any]] = defaultdict(list)
    for row, declaration in enumerate(forms.declarations):
        people_of[int(supporter[row])].append(declaration.supporter)
    taken: set[int] = set()
    changed: list[IdentityMembership] = []
    created: list[IdentityMembership] = []
    new: list[tuple[ResolvedIdentity, list[Any]]] = []

    def assign(people: list[Any], identity_id: int) -> None:
        for person in people:
            membership = existing.get(person.pk)
            if membership is None:
                created.append(IdentityMembership(identity_id=identity_id, person=person))
            elif membership.identity_id != identity_id:
                membership.identity_id = identity_id
                changed.append(membership)

    for people in people_of.values():
        free = [
            p for p in dict.fromkeys(people) if not getattr(existing.get(p.pk), "pinned", False)
        ]
        if not free:
            continue
        held = Counter(existing[p.pk].identity_id for p in free if p.pk in existing)
        choice = next((pk for pk, _ in held.most_common() if pk not in taken), None)
        if choice is None:
            label, key = identity_label(free[0]), person_identity_key(free[0])
            new.append((ResolvedIdentity(label=label, identity_key=key), free))
            continue
        taken.add(choice)
        assign(free, choice)
    ResolvedIdentity.objects.bulk_create([identity for identity, _ in new], batch_size=1000)
    for identity, people in new:
        assign(people, identity.pk)
    IdentityMembership.objects.bulk_create(created, batch_size=1000)
    IdentityMembership.objects.bulk_update(changed, ["identity"], batch_size=1000)
    ResolvedIdentity.objects.filter(memberships__isnull=True).delete()
    return len(taken) + len(new)


@transaction.atomic
def _rebuild_index(forms: _Forms, household_of_row: list[str]) -> None:
    """The keyed-hash index the incremental screen counts against, for every form, with the
    households of the resolved supporters."""
    ScreeningKey.objects.all().delete()
    rows = []
    for row, declaration in enumerate(forms.declarations):
        household = household_of_row[row]
        form_key = f"declaration:{declaration.pk}"
        for key in declaration_keys(declaration):
            rows.append(
                ScreeningKey(
                    form_key=form_key,
                    declaration=declaration,
                    kind=key.kind,
                    value_hash=key.value_hash,
                    label=key.label,
                    household=household,
                )
            )
    row_of_request = {request_id: row for row, request_id in forms.request_of_row.items()}
    requests = ParoleRequest.objects.exclude(status=RequestStatus.DRAFT).select_related(
        "beneficiary"
    )
    NarrativeSignature.objects.all().delete()
    signatures = []
    for request in requests.iterator(chunk_size=2000):
        signature = narrative_signature(narrative_text(request))
        if signature is None:
            continue
        signatures.append(NarrativeSignature(request=request, signature=signature_bytes(signature)))
        household = (
            household_of_row[row_of_request[request.pk]]
            if request.pk in row_of_request
            else narrative_household(request)
        )
        rows += [
            ScreeningKey(
                form_key=f"request:{request.pk}",
                request=request,
                kind=key.kind,
                value_hash=key.value_hash,
                label=key.label,
                household=household,
            )
            for key in narrative_band_keys(signature)
        ]
    NarrativeSignature.objects.bulk_create(signatures, batch_size=1000)
    ScreeningKey.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def _label(signal: Signal, forms: _Forms, rows: list[int]) -> str:
    if signal.kind == "supporter":
        return str(forms.declarations[rows[0]].supporter)
    if signal.kind == "narrative":
        return f"narrative group {signal.value[:8]}"
    return signal.shown_value


def _row_signals(
    edges: list[tuple[int, str, str]], signals: list[Signal]
) -> dict[int, list[Signal]]:
    by_value = {(s.kind, s.value): s for s in signals}
    of_row: dict[int, list[Signal]] = defaultdict(list)
    for row, kind, value in edges:
        signal = by_value.get((kind, value))
        if signal is not None:
            of_row[row].append(signal)
    return of_row


@transaction.atomic
def _save_rings(
    forms: _Forms, report: RingReport, of_row: dict[int, list[Signal]]
) -> tuple[dict[str, int], list[FlagDraft]]:
    """Current rings replace the previous ones (kept for decided flags); drafts of their flags."""
    version = version_label(DEFAULT_POLICY)
    Ring.objects.filter(is_current=True).update(is_current=False)
    rows_of_ring: dict[str, list[int]] = defaultdict(list)
    for row, ring_id in report.ring_of_row.items():
        rows_of_ring[ring_id].append(row)
    ring_pk: dict[str, int] = {}
    members, drafts = [], []
    for ring_id, rows in rows_of_ring.items():
        evidence = []
        for signal in report.evidence_of_ring[ring_id]:
            with_signal = [r for r in rows if signal in of_row.get(r, ())]
            evidence.append(
                {
                    "rule": signal.rule_code,
                    "kind": signal.kind,
                    "value": _label(signal, forms, with_signal or rows),
                    "forms": signal.forms,
                    "households": signal.households,
                    "strength": round(signal.strength, 4),
                    "members": [forms.subject(r, "")[0] for r in with_signal],
                }
            )
        ring = Ring.objects.create(
            score=report.score_of_ring[ring_id],
            evidence=evidence,
            policy_version=f"{POLICY_VERSION} N={DEFAULT_POLICY.serial_sponsor_forms}",
            size=len(rows),
        )
        ring_pk[ring_id] = ring.pk
        for row in rows:
            members.append(
                RingMember(ring=ring, rule_codes=report.rules_of_row[row], **forms.member(row))
            )
            for code in report.rules_of_row[row]:
                strongest = max(
                    (s for s in of_row.get(row, ()) if s.rule_code == code),
                    key=lambda s: s.strength,
                    default=None,
                )
                if code == "SSN_INVALID" or strongest is None:
                    continue  # raised from the form itself, with its problems
                subject, keys, program = forms.subject(row, code)
                drafts.append(
                    FlagDraft(
                        rule_code=code,
                        subject_key=subject,
                        program=program,
                        score=round(strongest.strength, 4),
                        version=version,
                        ring_id=ring.pk,
                        evidence={
                            "kind": strongest.kind,
                            "value": _label(strongest, forms, [row]),
                            "forms": strongest.forms,
                            "households": strongest.households,
                        },
                        **keys,
                    )
                )
    RingMember.objects.bulk_create(members, batch_size=1000)
    return ring_pk, drafts


def _form_drafts(forms: _Forms, supporter: np.ndarray, ring_pk: dict[int, int]) -> list[FlagDraft]:
    """Invalid SSN structures and over-pledging, read off each form and its resolved supporter."""
    version = version_label(DEFAULT_POLICY)
    beneficiaries: dict[int, set[str]] = defaultdict(set)
    for row, declaration in enumerate(forms.declarations):
        beneficiaries[int(supporter[row])].add(declaration.beneficiary_key)
    drafts = []
    for row, declaration in enumerate(forms.declarations):
        for draft in (
            invalid_ssn_draft(declaration, version),
            over_pledged_draft(declaration, len(beneficiaries[int(supporter[row])]), version),
        ):
            if draft is not None:
                drafts.append(_with_ring(draft, ring_pk.get(row)))
    return drafts


def _with_ring(draft: FlagDraft, ring_id: int | None) -> FlagDraft:
    return draft if ring_id is None else FlagDraft(**{**draft.__dict__, "ring_id": ring_id})


def screen_all_forms(*, progress: Progress | None = None) -> ScreenSummary:
    """(Re)build identities, the hash index, rings and flags for every form in the database.
    Decided flags are kept; open flags no rule raises any more are withdrawn."""
    note = progress or (lambda _message: None)
    policy = DEFAULT_POLICY.__class__(hub_values=load_hub_values())
    note("reading forms")
    forms = _load_forms()
    columns = _columns(forms)
    note("resolving supporters")
    supporter, household = _resolve(forms, columns)
    note("normalising identifiers")
    edges, invalid_ssn = identifier_edges(columns, forms.size, policy, secrets.token_bytes(32))
    edges += [(row, "supporter", str(supporter[row])) for row in range(len(forms.declarations))]
    table = edge_table(edges)
    note("degree screen and rings")
    signals = degree_screen(table, supporter, household, policy)
    report = assemble_rings(forms.size, table, signals, invalid_ssn)
    note("saving identities, index, rings and flags")
    with transaction.atomic():
        identities = _save_identities(forms, supporter)
        _rebuild_index(forms, household)
        ring_pk, drafts = _save_rings(forms, report, _row_signals(edges, signals))
        rows_ring = {row: ring_pk[ring] for row, ring in report.ring_of_row.items()}
        drafts += _form_drafts(forms, supporter, rows_ring)
        raised = raise_flags(drafts)
        withdrawn = withdraw_stale_flags(
            keep={draft.key for draft in drafts}, rule_codes=set(FLAG_RULES)
        )
    note("writing the identity snapshot for arriving forms")
    write_snapshot([declaration.supporter for declaration in forms.declarations])
    return ScreenSummary(forms.size, len(ring_pk), raised, withdrawn, identities)
