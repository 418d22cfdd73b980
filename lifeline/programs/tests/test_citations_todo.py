"""The list of weaker citations names citations that exist, and its counts are the list's own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings

from lifeline.programs.citation_report import count_citations
from lifeline.programs.policy_folders import PATHWAYS_FOLDER
from lifeline.programs.yaml_source import read_yaml

POLICY_DIR = Path(settings.LIFELINE_POLICY_DIR)
TODO = POLICY_DIR / "CITATIONS-TODO.md"
ENTRY = re.compile(r"^- `(policies/[^`]+)`: (?:\S+ )*(\S+) (\S+)$", re.M)
SECTION = re.compile(r"^### (.+)$", re.M)


def _label(item: dict[str, Any]) -> str:
    if "starts_on" in item:
        return f"{item['starts_on']}:{item['status']}"
    return str(item.get("id") or item.get("kind"))


def _cited_items(node: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(list key, item label) of every list item in a policy file that carries a citation."""
    if isinstance(node, dict):
        for child_key, value in node.items():
            yield from _cited_items(value, child_key)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, dict) and {"citation", "not_applicable_citation"} & set(item):
                yield key, _label(item)
            yield from _cited_items(item, key)


def _entries() -> list[tuple[str, str, str, str]]:
    """(section heading, file, list key, item label) for each listed citation."""
    text = TODO.read_text(encoding="utf-8")
    headings = [(match.start(), match.group(1)) for match in SECTION.finditer(text)]
    entries = []
    for match in ENTRY.finditer(text):
        heading = next((h for start, h in reversed(headings) if start < match.start()), "")
        entries.append((heading, *match.groups()))
    return entries


def _program_and_fee_files() -> list[Path]:
    return [
        path for path in sorted(POLICY_DIR.glob("*/*.yaml")) if path.parent.name != PATHWAYS_FOLDER
    ]


def test_every_listed_citation_exists_in_the_file_it_names():
    cited = {
        path: set(_cited_items(read_yaml(path.read_text(encoding="utf-8")).data))
        for path in _program_and_fee_files()
    }
    missing = [
        (file, key, label)
        for _, file, key, label in _entries()
        if (key, label) not in cited.get(POLICY_DIR.parent / file, set())
    ]
    assert missing == []


def test_the_list_states_its_own_counts():
    text = TODO.read_text(encoding="utf-8")
    entries = _entries()
    general = sum("general statement" in heading for heading, *_ in entries)
    total = count_citations(_program_and_fee_files()).total
    listed, of = map(int, re.search(r"(\d+) of the (\d+) citations in the program", text).groups())
    assert (listed, of) == (len(entries), total)
    split = re.search(r"\(general statement, read in a copy\): (\d+) and (\d+)", text)
    assert tuple(map(int, split.groups())) == (general, len(entries) - general)
