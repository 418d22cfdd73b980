"""Turn request slots into validated request documents and supporter declarations."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from lifeline.generation import facts
from lifeline.generation.people import Human, person_document
from lifeline.generation.records import Account, Ids, Slot, Support
from lifeline.programs.documents import (
    Companion,
    PersonDocument,
    RequestDocument,
    SupporterDocument,
)


@dataclass
class GeneratedDeclaration:
    """One supporter's declaration for one beneficiary, as the supporter files it."""

    record_id: str
    program: str
    supporter: SupporterDocument
    beneficiary: PersonDocument
    beneficiary_email: str
    filer: str
    confirmer: str
    submitted_from_ip: str
    supporter_entity: str
    beneficiary_entity: str
    request_record: str
    supporter_address: str
    joins: str = ""


@dataclass
class GeneratedRequest:
    """One request document with who files it and how it links to the rest of the data set."""

    record_id: str
    document: RequestDocument
    filer: str
    household_id: str
    beneficiary_entity: str
    beneficiary_address: str
    petitioner_entity: str = ""
    representative: str = ""
    companion_record: str = ""
    declarations: list[str] = field(default_factory=list)
    supporter_entities: list[str] = field(default_factory=list)
    supporter_addresses: list[str] = field(default_factory=list)
    duplicate_of: str = ""
    variations: tuple[str, ...] = ()
    evidence: list[dict[str, object]] = field(default_factory=list)


def _supporter_document(support: Support, pledged: int, rng: random.Random) -> SupporterDocument:
    sponsor = support.sponsor
    declared = sponsor.pledges_declared if sponsor.pledges_declared is not None else pledged
    return SupporterDocument(
        person=person_document(sponsor.human, variations=support.variations, rng=rng),
        status_in_us=sponsor.status_in_us,  # type: ignore[arg-type]
        annual_income_usd=sponsor.annual_income_usd,
        household_size=sponsor.household_size,
        relationship=support.relationship,  # type: ignore[arg-type]
        other_beneficiaries_pledged=declared,
        bank_account=sponsor.bank_account,
    )


def _plain(human: Human | None) -> PersonDocument | None:
    return person_document(human) if human is not None else None


def assemble(
    slots: Sequence[Slot], accounts: dict[str, Account], *, seed: int, ids: Ids
) -> tuple[list[GeneratedRequest], list[GeneratedDeclaration]]:
    """Documents for every slot, in filing order, and a declaration per supporter where due."""
    pledges = Counter(
        support.sponsor.human.entity_id for slot in slots for support in slot.supports
    )
    requests: list[GeneratedRequest] = []
    declarations: list[GeneratedDeclaration] = []
    for slot in slots:
        rng = random.Random(f"{seed}:{slot.record_id}")
        stating = random.Random(f"{seed}:{slot.record_id}:facts")
        beneficiary = person_document(slot.beneficiary, variations=slot.variations, rng=rng)
        supporters = [
            _supporter_document(support, pledges[support.sponsor.human.entity_id] - 1, rng)
            for support in slot.supports
        ]
        supporters = [facts.stated_supporter(item, stating) for item in supporters]
        travelling = facts.travels_with_principal(stating, slot.relationship)
        document = RequestDocument(
            program=slot.program,
            kind=slot.kind,  # type: ignore[arg-type]
            category=slot.category,  # type: ignore[arg-type]
            postmarked_on=slot.filed_on,
            beneficiary=beneficiary,
            relationship_to_principal=slot.relationship,  # type: ignore[arg-type]
            principal=_plain(slot.principal),
            petitioner=_plain(slot.petitioner),
            # Generated petitioners are citizens or residents living in the United States.
            petitioner_lawfully_present_in_us=True if slot.petitioner is not None else None,
            supporters=supporters,
            travelling_with_principal=True if slot.companion else travelling,
            travelling_with=Companion(relationship="parent", person=person_document(slot.companion))
            if slot.companion
            else None,
            immigration_history=facts.stated_history(
                slot.history, stating, in_united_states=slot.history.prior_parole is not None
            ),
            urgency=slot.urgency,
            invitation=slot.invitation,
            attestations=slot.attestations,
            narrative=slot.narrative,
            requested_duration_days=slot.duration_days,
            fee_waiver_requested=slot.fee_waiver_requested,
        )
        document = facts.stated_fee_sent(document, stating)
        request = GeneratedRequest(
            record_id=slot.record_id,
            document=document,
            filer=slot.filer,
            household_id=slot.household_id,
            beneficiary_entity=slot.beneficiary.entity_id,
            beneficiary_address=slot.beneficiary.address.text,
            petitioner_entity=slot.petitioner.entity_id if slot.petitioner else "",
            representative=slot.representative,
            companion_record=slot.companion_record,
            supporter_entities=[s.sponsor.human.entity_id for s in slot.supports],
            supporter_addresses=[s.sponsor.human.address.text for s in slot.supports],
            duplicate_of=slot.duplicate_of,
            variations=slot.variations,
            evidence=slot.evidence,
        )
        if slot.has_declaration:
            first = ""
            for support, supporter in zip(slot.supports, supporters, strict=True):
                record_id = ids.next("declaration")
                declarations.append(
                    GeneratedDeclaration(
                        record_id=record_id,
                        program=slot.program,
                        supporter=supporter,
                        beneficiary=beneficiary,
                        beneficiary_email=accounts[slot.filer].email,
                        filer=support.sponsor.account,
                        confirmer=slot.filer,
                        submitted_from_ip=support.ip,
                        supporter_entity=support.sponsor.human.entity_id,
                        beneficiary_entity=slot.beneficiary.entity_id,
                        request_record=slot.record_id,
                        supporter_address=support.sponsor.human.address.text,
                        joins=first,
                    )
                )
                first = first or record_id
                request.declarations.append(record_id)
        requests.append(request)
    return requests, declarations
