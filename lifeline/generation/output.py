"""Write a generated data set to files: request and declaration documents (JSONL) and the truth."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lifeline.core.errors import ValidationFailed
from lifeline.generation.dataset import Dataset
from lifeline.generation.truth import truth_csv, truth_json


def _line(value: Mapping[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) + "\n"


def write_documents(dataset: Dataset, folder: Path) -> list[Path]:
    """`requests.jsonl` and `declarations.jsonl` in `folder`, one record a line, in filing order."""
    folder.mkdir(parents=True, exist_ok=True)
    requests_path, declarations_path = folder / "requests.jsonl", folder / "declarations.jsonl"
    accounts = dataset.accounts
    with requests_path.open("w", encoding="utf-8") as out:
        for request in dataset.requests:
            out.write(
                _line(
                    {
                        "record_id": request.record_id,
                        "filer_email": accounts[request.filer].email,
                        "represented": bool(request.representative),
                        "household_id": request.household_id,
                        "travelling_with_request": request.companion_record,
                        "declarations": request.declarations,
                        "beneficiary_address": request.beneficiary_address,
                        "supporter_addresses": request.supporter_addresses,
                        "evidence": request.evidence,
                        "document": request.document.model_dump(mode="json"),
                    }
                )
            )
    with declarations_path.open("w", encoding="utf-8") as out:
        for declaration in dataset.declarations:
            out.write(
                _line(
                    {
                        "record_id": declaration.record_id,
                        "program": declaration.program,
                        "request": declaration.request_record,
                        "joins": declaration.joins,
                        "supporter_email": accounts[declaration.filer].email,
                        "beneficiary_email": declaration.beneficiary_email,
                        "submitted_from_ip": declaration.submitted_from_ip,
                        "supporter_address": declaration.supporter_address,
                        "supporter": declaration.supporter.model_dump(mode="json"),
                        "beneficiary": declaration.beneficiary.model_dump(mode="json"),
                    }
                )
            )
    return [requests_path, declarations_path]


def write_truth(truth: Mapping[str, Any], path: Path) -> Path:
    """The truth as JSON, or as CSV when `path` ends in .csv."""
    if path.suffix not in {".json", ".csv"}:
        raise ValidationFailed(f"The truth file must end in .json or .csv, not {path.name!r}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = truth_csv(truth) if path.suffix == ".csv" else truth_json(truth)
    path.write_text(text, encoding="utf-8")
    return path
