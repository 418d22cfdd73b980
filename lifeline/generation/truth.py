"""The ground truth of a generated data set: who is who, duplicates, rings and hard cases."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from lifeline.core.masking import SEALED_KINDS, lookup_index, masked
from lifeline.generation.dataset import Dataset

FORMAT = "lifeline-generation-truth/1"
# Database ids of what a record became, by record id (empty in offline mode).
Saved = Mapping[str, Mapping[str, Any]]


def _duplicate_clusters(dataset: Dataset) -> list[dict[str, Any]]:
    by_entity: dict[str, list[str]] = defaultdict(list)
    for request in dataset.requests:
        by_entity[request.beneficiary_entity].append(request.record_id)
    variations = {r.record_id: list(r.variations) for r in dataset.requests if r.duplicate_of}
    return [
        {
            "entity_id": entity,
            "requests": records,
            "variations": {
                record: variations[record] for record in records if record in variations
            },
        }
        for entity, records in by_entity.items()
        if len(records) > 1 and any(record in variations for record in records)
    ]


def _namesakes(dataset: Dataset) -> list[dict[str, Any]]:
    """Different beneficiaries who carry exactly the same name: not duplicates."""
    by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
    for request in dataset.requests:
        human = dataset.humans[request.beneficiary_entity]
        by_name[(human.given.latin.casefold(), human.family.latin.casefold())].add(human.entity_id)
    return [
        {"kind": "namesakes", "entity_ids": sorted(entities), "note": "same name, other people"}
        for entities in by_name.values()
        if len(entities) > 1
    ]


def _rings(dataset: Dataset) -> list[dict[str, Any]]:
    rings = []
    for ring in dataset.rings:
        records = set(ring.records)
        declarations = [
            d.record_id
            for d in dataset.declarations
            if d.request_record in records
            and (not ring.sponsors or d.supporter_entity in ring.sponsors)
        ]
        rings.append(
            {
                "ring_id": ring.ring_id,
                "pattern": ring.pattern,
                "shared": _shown(ring.shared),
                "requests": ring.records,
                "declarations": declarations,
                "supporter_entities": ring.sponsors,
            }
        )
    return rings


def _shown(shared: Mapping[str, str]) -> dict[str, str]:
    """What a ring shares, as the truth file keeps it: a shared SSN masked, with its keyed hash
    for exact lookups, never in clear."""
    shown = {}
    for kind, value in shared.items():
        if kind in SEALED_KINDS:
            shown[kind] = masked(kind, value)
            shown[f"{kind}_index"] = lookup_index(kind, value)
        else:
            shown[kind] = value
    return shown


def build_truth(dataset: Dataset, saved: Saved | None = None) -> dict[str, Any]:
    """The truth as one JSON-ready mapping; `saved` adds database references and person ids."""
    saved = saved or {}
    options = dataset.options
    requests = [
        {
            "record_id": r.record_id,
            **saved.get(r.record_id, {}),
            "program": r.document.program,
            "kind": r.document.kind,
            "filed_on": str(r.document.postmarked_on),
            "household_id": r.household_id,
            "beneficiary_entity": r.beneficiary_entity,
            "petitioner_entity": r.petitioner_entity,
            "supporter_entities": r.supporter_entities,
            "declarations": r.declarations,
            "companion_request": r.companion_record,
            "duplicate_of": r.duplicate_of,
            "variations": list(r.variations),
            "represented": bool(r.representative),
            "beneficiary_address": r.beneficiary_address,
            "supporter_addresses": r.supporter_addresses,
            "evidence": r.evidence,
        }
        for r in dataset.requests
    ]
    declarations = [
        {
            "record_id": d.record_id,
            **saved.get(d.record_id, {}),
            "program": d.program,
            "request": d.request_record,
            "supporter_entity": d.supporter_entity,
            "beneficiary_entity": d.beneficiary_entity,
            "joins": d.joins,
            "submitted_from_ip": d.submitted_from_ip,
            "supporter_address": d.supporter_address,
        }
        for d in dataset.declarations
    ]
    hard = [
        {"kind": h.kind, "entity_ids": h.entity_ids, "note": h.note} for h in dataset.hard_cases
    ]
    return {
        "format": FORMAT,
        "parameters": {
            "requests": options.requests,
            "seed": options.seed,
            "last_filing_on": str(options.last_filing_on),
            "duplicate_share": options.duplicate_share,
            "fraud_share": options.fraud_share,
        },
        "evidence_note": "Evidence is metadata only (no files): see each request's `evidence`.",
        "requests": requests,
        "declarations": declarations,
        "duplicate_clusters": _duplicate_clusters(dataset),
        "rings": _rings(dataset),
        "hard_negatives": hard + _namesakes(dataset),
    }


def truth_json(truth: Mapping[str, Any]) -> str:
    return json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def truth_csv(truth: Mapping[str, Any]) -> str:
    """One row per person on a form: which entity it is, and which clusters and rings hold it."""
    rings_of: dict[str, list[str]] = defaultdict(list)
    for ring in truth["rings"]:
        for record in ring["requests"] + ring["declarations"]:
            rings_of[record].append(f"{ring['ring_id']}:{ring['pattern']}")
    clustered = {cluster["entity_id"] for cluster in truth["duplicate_clusters"]}
    hard_of: dict[str, set[str]] = defaultdict(set)
    for case in truth["hard_negatives"]:
        for entity in case["entity_ids"]:
            hard_of[entity].add(case["kind"])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "record_id",
            "record_kind",
            "role",
            "entity_id",
            "reference",
            "person_id",
            "duplicate_cluster",
            "rings",
            "hard_negatives",
        ]
    )

    def row(record: Mapping[str, Any], kind: str, role: str, entity: str, person: Any) -> None:
        writer.writerow(
            [
                record["record_id"],
                kind,
                role,
                entity,
                record.get("reference", ""),
                person or "",
                entity if entity in clustered else "",
                ";".join(rings_of[record["record_id"]]),
                ";".join(sorted(hard_of[entity])),
            ]
        )

    for request in truth["requests"]:
        row(
            request,
            "request",
            "beneficiary",
            request["beneficiary_entity"],
            request.get("beneficiary_person_id"),
        )
        if request["petitioner_entity"]:
            row(
                request,
                "request",
                "petitioner",
                request["petitioner_entity"],
                request.get("petitioner_person_id"),
            )
        for entity in request["supporter_entities"]:
            row(request, "request", "supporter", entity, None)
    for declaration in truth["declarations"]:
        row(
            declaration,
            "declaration",
            "supporter",
            declaration["supporter_entity"],
            declaration.get("supporter_person_id"),
        )
        row(
            declaration,
            "declaration",
            "beneficiary",
            declaration["beneficiary_entity"],
            declaration.get("beneficiary_person_id"),
        )
    return out.getvalue()
