"""Every citation in a policy file names a primary authority and quotes the sentence relied on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lifeline.programs.citations import is_official_address
from lifeline.programs.yaml_source import read_yaml

Trail = list[str | int]


def _cited(node: Any, trail: Trail) -> Iterator[tuple[dict[str, Any], Trail]]:
    """Each mapping that cites an authority (or says how sure it is of one), with its path."""
    if isinstance(node, dict):
        if "authority" in node or "confidence" in node:
            yield node, trail
            return
        for key, value in node.items():
            yield from _cited(value, [*trail, key])
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _cited(item, [*trail, index])


def _problem(citation: dict[str, Any]) -> str | None:
    authority = citation.get("authority")
    if not isinstance(authority, dict) or not is_official_address(str(authority.get("url", ""))):
        return "names no primary authority on an official address"
    if not str(citation.get("quote") or "").strip():
        label = authority.get("title") or authority.get("case") or authority["url"]
        read_in = citation.get("read_in")
        where = f" from the copy it was read in ({read_in})" if read_in else ""
        return f"({label}) quotes no sentence{where}"
    return None


def unquoted_citations(path: Path, shown: str) -> list[str]:
    """`file:line: what is wrong` for each citation in the YAML file at `path`."""
    return unquoted_citations_in_text(path.read_text(encoding="utf-8"), shown)


def unquoted_citations_in_text(text: str, shown: str) -> list[str]:
    """`name:line: what is wrong` for each citation in the YAML `text`."""
    document = read_yaml(text)
    problems = []
    for citation, trail in _cited(document.data, []):
        problem = _problem(citation)
        if problem:
            problems.append(f"{shown}:{document.line_of(trail)}: the citation {problem}")
    return problems
