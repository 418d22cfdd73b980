"""Every citation in a policy file names a primary authority and quotes the sentence relied on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lifeline.programs.citations import is_official_address
from lifeline.programs.errors import PolicyFileInvalid
from lifeline.programs.yaml_source import read_yaml

Trail = list[str | int]


def iter_citations(node: Any, trail: Trail | None = None) -> Iterator[tuple[Any, Trail]]:
    """Each citation with its path: a mapping that cites an authority (or says how sure it is of
    one), or an old plain-text `citation`."""
    trail = trail or []
    if isinstance(node, dict):
        if "authority" in node or "confidence" in node:
            yield node, trail
            return
        for key, value in node.items():
            if key == "citation" and not isinstance(value, (dict, list)):
                yield value, [*trail, key]
            else:
                yield from iter_citations(value, [*trail, key])
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from iter_citations(item, [*trail, index])


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


def citation_problems(path: Path, shown: str) -> list[str]:
    """`file:line: what is wrong` for each citation in the YAML file at `path` that names no
    primary authority or quotes no sentence."""
    return citation_problems_in_text(path.read_text(encoding="utf-8"), shown)


def citation_problems_in_text(text: str, shown: str) -> list[str]:
    """`name:line: what is wrong` for each citation in the YAML `text`."""
    document = read_yaml(text)
    problems = []
    for citation, trail in iter_citations(document.data):
        problem = _problem(citation) if isinstance(citation, dict) else None
        if problem:
            problems.append(f"{shown}:{document.line_of(trail)}: the citation {problem}")
    return problems


def require_quoted_citations(text: str, shown: str) -> None:
    """Refuse the YAML `text` (shown as `shown`) if any citation in it has a problem."""
    refuse_citation_problems(citation_problems_in_text(text, shown))


def refuse_citation_problems(problems: list[str]) -> None:
    """Refuse with the first problem and how many there are, if there are any."""
    if problems:
        raise PolicyFileInvalid(f"{problems[0]} ({len(problems)} citations need a quote)")
