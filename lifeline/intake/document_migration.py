"""Stored request documents brought to version 2 with identifiers sealed, and the re-screen report.

Written against the models it is given, so the data migration (historical models) and the
`rescreen_report` command (current models) run the same code.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from lifeline.intake.documents import open_stored
from lifeline.programs.documents import RequestDocument
from lifeline.programs.evaluation import prescreen
from lifeline.programs.sealing import seal_document
from lifeline.programs.upgrades import upgrade_stored_document

CHUNK_SIZE = 500


def upgrade_stored_documents(request_model: Any) -> int:
    """Every `document` as version 2 with its identifiers sealed; returns how many changed."""
    changed = []
    rows = request_model.objects.only("pk", "document").order_by("pk")
    for request in rows.iterator(chunk_size=CHUNK_SIZE):
        stored = seal_document(upgrade_stored_document(request.document))
        if stored != request.document:
            request.document = stored
            changed.append(request)
        if len(changed) >= CHUNK_SIZE:
            request_model.objects.bulk_update(changed, ["document"])
            changed.clear()
    request_model.objects.bulk_update(changed, ["document"])
    count: int = rows.count()
    return count


def seal_idempotent_bodies(idempotency_model: Any) -> int:
    """Stored create answers that carry a request document get it upgraded and sealed too."""
    count = 0
    for record in idempotency_model.objects.order_by("pk").iterator(chunk_size=CHUNK_SIZE):
        body = record.response_body
        if isinstance(body, dict) and isinstance(body.get("document"), dict):
            body["document"] = seal_document(upgrade_stored_document(body["document"]))
            record.save(update_fields=["response_body"])
            count += 1
    return count


def rescreen(
    request_model: Any,
    record_model: Any | None,
    *,
    evaluated_at: dt.datetime,
) -> dict[str, Any]:
    """Evaluate every filed request again; with `record_model`, record the new pre-screens.

    Old pre-screen records are kept (no longer current). The report counts, per program, the
    requests evaluated and each change of outcome, and lists the changed requests.
    """
    evaluated: Counter[str] = Counter()
    transitions: dict[str, Counter[str]] = defaultdict(Counter)
    changes: list[dict[str, str]] = []
    rows = request_model.objects.filter(filed_on__isnull=False).order_by("pk")
    for request in rows.iterator(chunk_size=CHUNK_SIZE):
        document = RequestDocument.model_validate(open_stored(request.document))
        result = prescreen(document, evaluated_at=evaluated_at)
        before = request.prescreen_outcome or "none"
        evaluated[request.program] += 1
        if before != result.outcome:
            transitions[request.program][f"{before}->{result.outcome}"] += 1
            changes.append(
                {
                    "reference": request.reference,
                    "program": request.program,
                    "before": before,
                    "after": result.outcome,
                    "program_version": result.program_version,
                }
            )
        if record_model is not None:
            _record(request_model, record_model, request, result)
    return {
        "evaluated_at": evaluated_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "evaluated_count": sum(evaluated.values()),
        "changed_count": len(changes),
        "programs": {
            program: {"evaluated": count, "transitions": dict(transitions[program])}
            for program, count in sorted(evaluated.items())
        },
        "changes": changes,
    }


def _record(request_model: Any, record_model: Any, request: Any, result: Any) -> None:
    record_model.objects.filter(request_id=request.pk, is_current=True).update(is_current=False)
    record_model.objects.create(
        request_id=request.pk,
        is_current=True,
        outcome=result.outcome,
        program=result.program,
        program_version=result.program_version,
        evaluated_at=result.evaluated_at,
        route_to=result.route_to or "",
        parole_max_days=result.parole_max_days,
        fees=[fee.model_dump(mode="json") for fee in result.fees],
        rules=[rule.model_dump(mode="json") for rule in result.rules],
    )
    request_model.objects.filter(pk=request.pk).update(
        prescreen_outcome=result.outcome,
        program_version=result.program_version,
        version=request.version + 1,
    )
