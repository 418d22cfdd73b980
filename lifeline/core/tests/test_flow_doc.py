"""docs/architecture.md "The flow of a case" is the table of lifeline/reactions.py, row for row."""

from __future__ import annotations

from pathlib import Path

from lifeline import reactions

DOC = Path(__file__).resolve().parents[3] / "docs" / "architecture.md"


def _first_line(text: str | None) -> str:
    return " ".join((text or "").split("\n\n")[0].split())


def flow_table() -> str:
    """The markdown table: writer -> event -> subscribers in order -> what each does."""
    rows = [
        "| Writer (publishes) | Event | Subscribers, in order | What each does |",
        "|---|---|---|---|",
    ]
    for event_type, handlers in reactions.REACTIONS.items():
        writer = _first_line(event_type.__doc__).removeprefix("Published by ").rstrip(".")
        event = f"`{event_type.__module__}.{event_type.__name__}`"
        for position, handler in enumerate(handlers):
            first = position == 0
            rows.append(
                f"| {writer if first else ''} | {event if first else ''} "
                f"| {position + 1}. `{handler.__module__}.{handler.__name__}` "
                f"| {_first_line(handler.__doc__)} |"
            )
    return "\n".join(rows)


def test_the_flow_of_a_case_in_the_architecture_doc_matches_the_reactions_list() -> None:
    text = DOC.read_text()
    section = text.split("## The flow of a case", 1)[1].split("\n## ", 1)[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))
    assert table == flow_table(), "regenerate the table from lifeline/core/tests/test_flow_doc.py"
