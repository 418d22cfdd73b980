"""Count policy citations: primary authorities by kind, and those resting on secondary pages."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lifeline.programs.citations import is_official_address
from lifeline.programs.source_quotes import iter_citations
from lifeline.programs.yaml_source import read_yaml

_URL = re.compile(r"https?://[^\s;,)]+")


@dataclass
class CitationCount:
    """How many citations rest on a primary authority, and of which kind, across some files."""

    files: int = 0
    primary: Counter[str] = field(default_factory=Counter)
    secondary: int = 0
    see_also: int = 0
    missing_quote: int = 0
    read_in_copy: int = 0

    @property
    def total(self) -> int:
        return sum(self.primary.values()) + self.secondary

    def lines(self) -> list[str]:
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.primary.items()))
        return [
            f"{self.total} citations in {self.files} files: "
            f"{sum(self.primary.values())} primary ({kinds or 'none'}), "
            f"{self.secondary} secondary only",
            f"{self.see_also} secondary pages kept under see_also; "
            f"{self.missing_quote} primary citations without a quote; "
            f"{self.read_in_copy} quoted from a copy of the primary text (confidence: secondary)",
        ]


def count_citations(paths: list[Path]) -> CitationCount:
    """Walk the YAML of every policy file under `paths`; a plain-text citation (the old format)
    counts as primary only when one of its addresses is on an official domain."""
    count = CitationCount()
    files = sorted({f for p in paths for f in ([p] if p.is_file() else p.rglob("*.yaml"))})
    for path in files:
        count.files += 1
        for citation, _ in iter_citations(read_yaml(path.read_text(encoding="utf-8")).data):
            if isinstance(citation, dict):
                authority = citation.get("authority") or {}
                url = str(authority.get("url", ""))
                if is_official_address(url):
                    count.primary[str(authority.get("kind", "unknown"))] += 1
                    count.missing_quote += 0 if citation.get("quote") else 1
                    count.read_in_copy += citation.get("confidence") == "secondary"
                else:
                    count.secondary += 1
                count.see_also += len(citation.get("see_also") or [])
            else:
                urls = _URL.findall(str(citation))
                official = [url for url in urls if is_official_address(url)]
                if official:
                    count.primary["plain_text_official_address"] += 1
                else:
                    count.secondary += 1
                count.see_also += len(urls) - len(official)
    return count
