"""The examples in examples/pathways are valid requests, answered by the command, and between
them reach every option with an answer other than "not available"."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lifeline.pathways.policy import OptionCode

EXAMPLES = sorted((Path(__file__).parents[3] / "examples" / "pathways").glob("*.json"))


def answer(path: Path, *extra: str) -> dict[str, object]:
    out = io.StringIO()
    call_command("pathways", "check", str(path), *extra, stdout=out)
    answered: dict[str, object] = json.loads(out.getvalue())
    return answered


def test_every_option_has_an_example_that_reaches_it() -> None:
    reached = set()
    for path in EXAMPLES:
        for option in answer(path)["options"]:  # type: ignore[attr-defined]
            if option["status"] != "not_available":
                reached.add(option["code"])

    assert reached == set(OptionCode.__args__)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        # 90 FR 10511 moved the close of first-time registration to 3 Aug 2025.
        ("2025-06-30", "may_apply"),
        # From the E.D.N.Y. order (1 Jul 2025, not read) the window runs to 3 Feb 2026 again.
        ("2025-07-01", "needs_legal_review"),
        ("2026-02-03", "needs_legal_review"),
        # From 4 Feb 2026 only the D.D.C. stay (not read) keeps the designation in force, until
        # the Supreme Court's decision of 25 Jun 2026.
        ("2026-02-04", "needs_legal_review"),
        ("2026-06-24", "needs_legal_review"),
        # The Supreme Court's decision lifting the stay was read only in secondary sources.
        ("2026-06-25", "needs_legal_review"),
    ],
)
def test_the_haitian_example_registers_for_tps_until_the_window_closes(as_of: str, status: str):
    path = next(p for p in EXAMPLES if p.name == "haitian-chnv-parolee-tps.json")

    options = {o["code"]: o for o in answer(path, "--as-of", as_of)["options"]}  # type: ignore[attr-defined]

    assert options["tps"]["status"] == status


def test_a_bad_date_is_refused_with_exit_status_2() -> None:
    with pytest.raises(CommandError) as raised:
        answer(EXAMPLES[0], "--as-of", "2026-02-30")
    assert raised.value.returncode == 2
