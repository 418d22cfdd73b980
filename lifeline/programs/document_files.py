"""Read request documents from files (one JSON file, a folder of them, or JSON Lines)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from lifeline.core.errors import ValidationFailed
from lifeline.core.json_files import load_json, read_text
from lifeline.programs.documents import RequestDocument
from lifeline.programs.results import ROUTE_CODE_MARK, PrescreenResult
from lifeline.programs.routes import routes
from lifeline.programs.upgrades import SCHEMA_VERSION

_MAX_REPORTED = 5


class RequestDocumentInvalid(ValidationFailed):
    code = "request_document_invalid"


def describe_errors(exc: ValidationError) -> str:
    """Pydantic's errors as one line each: `where: what (got value)`."""
    parts = []
    for error in exc.errors()[:_MAX_REPORTED]:
        where = ".".join(str(step) for step in error["loc"]) or "the document"
        value = error.get("input")
        shown = f" (got {value!r})" if isinstance(value, str | int | float | bool) else ""
        message = error["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}{shown}")
    if len(exc.errors()) > _MAX_REPORTED:
        parts.append(f"and {len(exc.errors()) - _MAX_REPORTED} more problems")
    return "; ".join(parts)


def parse_request_document(data: Any, *, source: str) -> RequestDocument:
    if not isinstance(data, dict):
        raise RequestDocumentInvalid(f"{source} must hold one JSON object (a request document).")
    try:
        return RequestDocument.model_validate(data)
    except ValidationError as exc:
        raise RequestDocumentInvalid(
            f"{source} is not a valid request document: {describe_errors(exc)}."
        ) from None


def read_request_document(path: Path) -> RequestDocument:
    source = str(path)
    text = read_text(path, error=RequestDocumentInvalid)
    data = load_json(text, source=source, error=RequestDocumentInvalid)
    return parse_request_document(data, source=source)


def iter_request_documents(path: Path) -> Iterator[tuple[str, RequestDocument]]:
    """(reference, document) from a folder of *.json files or a JSON Lines file.

    A JSON Lines row is either a document or {"reference": ..., "document": {...}}.
    """
    if path.is_dir():
        for file in sorted(path.glob("*.json")):
            yield file.stem, read_request_document(file)
        return
    for reference, read in iter_request_rows(path):
        yield reference, read()


def iter_request_rows(path: Path) -> Iterator[tuple[str, Callable[[], RequestDocument]]]:
    """(reference, reader) for each row of a JSON Lines file; a reader raises
    RequestDocumentInvalid for its own row only, so the other rows can still be read."""
    for number, line in enumerate(
        read_text(path, error=RequestDocumentInvalid).splitlines(), start=1
    ):
        if not line.strip():
            continue
        source = f"{path}, line {number}"
        try:
            row = load_json(line, source=source, error=RequestDocumentInvalid)
        except RequestDocumentInvalid as exc:
            yield str(number), partial(_raise, exc)
            continue
        if isinstance(row, dict) and "document" in row:
            reference = str(row.get("reference", number))
            yield reference, partial(parse_request_document, row["document"], source=source)
        else:
            yield str(number), partial(parse_request_document, row, source=source)


def _raise(error: RequestDocumentInvalid) -> RequestDocument:
    raise error


def request_document_schema() -> str:
    """The JSON Schema of a request document, as saved in docs/request-document-v2.schema.json."""
    schema = RequestDocument.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"Lifeline request document, version {SCHEMA_VERSION}"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True)


def _route_codes_listed(node: Any, codes: list[str]) -> None:
    """Every schema marked as a route code becomes an enum of the vocabulary's codes."""
    if isinstance(node, dict):
        if node.pop(ROUTE_CODE_MARK, False):
            node["enum"] = codes
        for value in node.values():
            _route_codes_listed(value, codes)
    elif isinstance(node, list):
        for item in node:
            _route_codes_listed(item, codes)


def answer_schema() -> str:
    """The JSON Schema of a pre-screen answer, as saved in docs/prescreen-answer-v2.schema.json;
    route codes are listed from policies/routes.yaml."""
    schema = PrescreenResult.model_json_schema(mode="serialization")
    _route_codes_listed(schema, sorted(routes()))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Lifeline pre-screen answer, version 2"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True)
