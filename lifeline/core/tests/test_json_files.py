"""A command's bad JSON file (unreadable, broken, nested too deeply, dates out of range) exits
2 with one line naming the file, never a traceback."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from lifeline.core.json_files import JsonFileInvalid, load_json, read_text

DEEP = "[" * 100_000 + "]" * 100_000


def test_deep_nesting_is_an_error_naming_the_source() -> None:
    with pytest.raises(JsonFileInvalid, match=r"^x\.json cannot be read: .*nested too deeply"):
        load_json(DEEP, source="x.json")
    assert load_json("[[1]]", source="x.json") == [[1]]


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(JsonFileInvalid, match="does not exist"):
        read_text(tmp_path / "none.json")


def _pathway_request(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "request.json"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (DEEP, "nested too deeply"),
        (
            json.dumps(
                {
                    "person": {"citizenships": ["HT"]},
                    "tps": [{"country": "HT", "from_on": "2024-01-01", "until_on": "9999-12-31"}],
                }
            ),
            "tps.0.until_on: 9999-12-31 is out of range",
        ),
        ('{"person": ', "is not valid JSON"),
    ],
)
def test_pathways_check_exits_2_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = _pathway_request(tmp_path, text)
    with pytest.raises(CommandError) as refused:
        call_command("pathways", "check", str(path))
    assert refused.value.returncode == 2
    assert f"{path}" in str(refused.value) and message in str(refused.value)


def test_eligibility_check_reads_deep_json_the_same_way(tmp_path: Path) -> None:
    path = _pathway_request(tmp_path, DEEP)
    with pytest.raises(CommandError, match="nested too deeply") as refused:
        call_command("eligibility", "check", str(path))
    assert refused.value.returncode == 2 and str(path) in str(refused.value)


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01"])
def test_an_as_of_out_of_range_exits_2(tmp_path: Path, as_of: str) -> None:
    path = _pathway_request(tmp_path, '{"person": {"citizenships": ["HT"]}}')
    with pytest.raises(CommandError, match="out of range") as refused:
        call_command("pathways", "check", str(path), "--as-of", as_of)
    assert refused.value.returncode == 2
    env = {**os.environ, "LIFELINE_DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "lifeline.cli", "eligibility", "check", str(path), "--as-of", as_of],
        cwd=Path(__file__).parents[3],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "out of range" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("command", "text", "message"),
    [
        (("parole", "term"), "{", r"^stdin is not valid JSON: "),
        (("parole", "term"), '{"program": 3}', r"^stdin is not a valid parole record:"),
        (("pathways", "check"), "{", r"^stdin is not valid JSON: "),
        (("pathways", "check"), '{"person": 3}', r"^stdin is not a valid pathway request:"),
    ],
)
def test_a_command_reading_stdin_names_it_stdin_in_every_message(
    monkeypatch: pytest.MonkeyPatch, command: tuple[str, ...], text: str, message: str
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))

    with pytest.raises(CommandError, match=message):
        call_command(*command, "-", stdout=io.StringIO())
