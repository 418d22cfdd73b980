"""`eligibility check` itself: documents in, answers out; usable before Django is set up."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

from lifeline.core.dates import date_only, plausible_date
from lifeline.programs.document_files import (
    RequestDocumentInvalid,
    iter_request_rows,
    read_request_document,
)
from lifeline.programs.documents import RequestDocument
from lifeline.programs.errors import CapUsageInvalid, UnknownProgram
from lifeline.programs.evaluation import prescreen
from lifeline.programs.registry import Registry, get_registry
from lifeline.programs.results import PrescreenResult


def parse_date(text: str) -> dt.date:
    """`--as-of`: YYYY-MM-DD only, as the API's `as_of` (not 20261101 or 2026-W44-7)."""
    try:
        day = dt.date.fromisoformat(date_only(text))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    try:
        return plausible_date(day)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _configured_registry(_programs: frozenset[str] | None) -> Registry:
    return get_registry()


def check_documents(
    paths: list[Path],
    *,
    as_of: dt.date | None,
    write: Callable[[str], object],
    registry_for: Callable[[frozenset[str] | None], Registry] = _configured_registry,
) -> None:
    """One FILE.json: its answer, indented. Otherwise one JSON line per document.

    With `as_of` the answer's `evaluated_at` is that day's midnight UTC: the clock is not read.
    Invalid input raises RequestDocumentInvalid naming the file (and line), or the folder
    that holds no request document; in a batch every valid document is answered first, and
    the error names each invalid one. `registry_for`
    gives the registry holding the named programs (None: every program); by default the
    configured one.
    """
    evaluated_at = None if as_of is None else dt.datetime.combine(as_of, dt.time(), dt.UTC)
    if len(paths) == 1 and not paths[0].is_dir() and paths[0].suffix != ".jsonl":
        document = read_request_document(paths[0])
        registry = registry_for(frozenset({document.program}))
        answer = _answer(str(paths[0]), document, registry, as_of, evaluated_at)
        write(answer.model_dump_json(indent=2))
        return
    for path in paths:
        if not path.exists():
            raise RequestDocumentInvalid(f"{path} does not exist.")
        if path.is_dir() and not any(path.glob("*.json")):
            raise RequestDocumentInvalid(
                f"No request documents in {path}: it holds no *.json file."
            )
    registry = registry_for(None)
    invalid: list[str] = []
    for path in paths:
        for source, read in _documents(path):
            try:
                answer = _answer(source, read(), registry, as_of, evaluated_at)
            except RequestDocumentInvalid as exc:
                invalid.append(exc.message)
                continue
            write(f'{{"source": {json.dumps(source)}, "answer": {answer.model_dump_json()}}}')
    if invalid:
        count = f"{len(invalid)} invalid document{'s' * (len(invalid) > 1)} not answered"
        raise RequestDocumentInvalid(f"{count}: {' '.join(invalid)}")


def _answer(
    source: str,
    document: RequestDocument,
    registry: Registry,
    as_of: dt.date | None,
    evaluated_at: dt.datetime | None,
) -> PrescreenResult:
    try:
        return prescreen(document, as_of=as_of, evaluated_at=evaluated_at, registry=registry)
    except (UnknownProgram, CapUsageInvalid) as exc:
        raise RequestDocumentInvalid(f"{source}: {exc.message}") from None


def _documents(path: Path) -> Iterator[tuple[str, Callable[[], RequestDocument]]]:
    """(source, reader) for a file, a folder of *.json files or a JSON Lines file; each reader
    raises RequestDocumentInvalid for its own document only."""
    if path.is_dir():
        for file in sorted(path.glob("*.json")):
            yield str(file), partial(read_request_document, file)
    elif path.suffix == ".jsonl":
        for reference, read in iter_request_rows(path):
            yield f"{path}#{reference}", read
    else:
        yield str(path), partial(read_request_document, path)
