"""`lifeline eligibility` and `lifeline policies`: output, exit codes and messages."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from lifeline.programs.tests.policy_texts import MINIMAL, make_policy_dir, write_version

ROOT = Path(settings.BASE_DIR)
EXAMPLES = sorted(path for path in (ROOT / "examples").glob("*") if path.is_file())


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _refusal(*args: str) -> CommandError:
    with pytest.raises(CommandError) as caught:
        _run(*args)
    assert caught.value.returncode == 2
    return caught.value


def test_examples_hold_only_request_documents_and_cover_every_program():
    from lifeline.programs.registry import get_registry

    assert all(path.suffix == ".json" for path in EXAMPLES)
    programs = {json.loads(path.read_text())["program"] for path in EXAMPLES}
    assert programs == set(get_registry().programs())


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_eligibility_check_answers_every_example(example):
    payload = json.loads(_run("eligibility", "check", str(example)))
    assert payload["program"] == json.loads(example.read_text())["program"]
    assert payload["outcome"] in {
        "not_accepted",
        "route_elsewhere",
        "not_eligible",
        "needs_information",
        "meets_criteria",
    }
    assert payload["rules"]


EXPECTED_OUTCOMES = {
    "general-previously-removed.json": "route_elsewhere",
    "chnv-nicaragua.json": "not_accepted",
    "chnv-haiti-in-united-states.json": "route_elsewhere",
}


@pytest.mark.parametrize(("as_of", "route_to"), [("2024-12-01", "tps"), ("2026-12-01", "asylum")])
def test_the_haitian_already_here_is_routed_by_the_date_asked(as_of, route_to):
    """Resident since 20 May 2024, before the 3 June 2024 date of 89 FR 54484, whose first
    registration ran to 3 February 2026 (ADR 0231)."""
    example = str(ROOT / "examples" / "chnv-haiti-in-united-states.json")
    payload = json.loads(_run("eligibility", "check", example, "--as-of", as_of))
    assert (payload["outcome"], payload["route_to"]) == ("route_elsewhere", route_to)


@pytest.mark.parametrize("example", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_every_example_answers_the_outcome_it_shows(example):
    """An example leaves no fact unknown: it shows its program's outcome, not a question."""
    payload = json.loads(_run("eligibility", "check", str(example), "--as-of", "2026-12-01"))
    expected = EXPECTED_OUTCOMES.get(example.name, "meets_criteria")
    unknown = [rule["id"] for rule in payload["rules"] if rule["result"] == "unknown"]
    assert (payload["outcome"], unknown) == (expected, [])


@pytest.mark.parametrize(
    ("cap_usage", "message"),
    [
        ([{"cap": "u4u_total", "used": 1}], "cap_usage[0].cap 'u4u_total' is not a cap of"),
        ([{"cap": "chnv_monthly", "used": 30000}], "cap_usage[0].month is missing"),
    ],
)
def test_eligibility_check_refuses_cap_usage_it_cannot_read(tmp_path, cap_usage, message):
    document = json.loads((ROOT / "examples" / "chnv-cuba.json").read_text())
    document.update(postmarked_on="2024-03-31", cap_usage=cap_usage)
    path = tmp_path / "capped.json"
    path.write_text(json.dumps(document))
    assert message in _refusal("eligibility", "check", str(path)).args[0]


def test_a_monthly_cap_stated_for_its_month_is_applied(tmp_path):
    document = json.loads((ROOT / "examples" / "chnv-cuba.json").read_text())
    usage = [{"cap": "chnv_monthly", "month": "2024-03", "used": 30000}]
    document.update(postmarked_on="2024-03-31", cap_usage=usage)
    path = tmp_path / "capped.json"
    path.write_text(json.dumps(document))
    payload = json.loads(_run("eligibility", "check", str(path), "--as-of", "2024-03-31"))
    assert payload["outcome"] == "not_accepted"


@pytest.mark.parametrize(("travelling", "outcome_apart"), [(False, True), (None, False)])
def test_the_command_line_leaves_out_a_spouse_who_does_not_travel_or_join(
    tmp_path, travelling, outcome_apart
):
    document = json.loads((ROOT / "examples" / "general-medical.json").read_text())
    spouse = {
        "relationship": "spouse",
        "person": document["beneficiary"] | {"given_name": "Other", "birth_date": "1970-01-01"},
        "travelling_with_principal": travelling,
    }
    document["household"] = [spouse]
    path = tmp_path / "household.json"
    path.write_text(json.dumps(document))
    payload = json.loads(_run("eligibility", "check", str(path), "--as-of", "2026-12-01"))
    member = payload["people"][1]
    assert (member["outcome"] == "not_applicable") is outcome_apart
    assert (member["fees"] == [] and member["rules"] == []) is outcome_apart
    assert payload["household"]["not_part_of_request"] == (1 if outcome_apart else 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        ('{"program": ', "is not valid JSON: Expecting value at line 1, column 13"),
        ("[1, 2]", "must hold one JSON object"),
        ('{"program": "u4u", "kind": 3}', "kind: Input should be 'initial' or 'reparole'"),
        ("UNKNOWN_PROGRAM", "Unknown program 'atlantis'"),
        ("IMPOSSIBLE_DATE", "postmarked_on: Input should be a valid date"),
        ("BIRTH_AFTER_FILING", "beneficiary.birth_date is after postmarked_on"),
        (
            "CONTRADICTORY_TRAVEL",
            "household[0] (child): travelling_with_principal is true but travelling_with says "
            "they travel with nobody",
        ),
    ],
)
def test_eligibility_check_refuses_invalid_input_with_exit_code_2(tmp_path, content, message):
    path = tmp_path / "request.json"
    example = json.loads((ROOT / "examples" / "u4u-initial.json").read_text())
    if content == "UNKNOWN_PROGRAM":
        content = json.dumps({**example, "program": "atlantis"})
    elif content == "IMPOSSIBLE_DATE":
        content = json.dumps({**example, "postmarked_on": "2023-02-30"})
    elif content == "BIRTH_AFTER_FILING":
        content = json.dumps({**example, "postmarked_on": "1980-01-01"})
    elif content == "CONTRADICTORY_TRAVEL":
        child = {
            "relationship": "child",
            "person": {**example["beneficiary"], "given_name": "Child", "birth_date": "2015-04-01"},
            "travelling_with_principal": True,
            "travelling_with": {"none": True},
        }
        content = json.dumps({**example, "household": [child]})
    if content is not None:
        path.write_text(content)
    assert message in _refusal("eligibility", "check", str(path)).args[0]


def test_eligibility_check_refuses_a_folder_without_request_documents(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a request")
    out = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("eligibility", "check", str(empty), "--as-of", "2024-01-01", stdout=out)
    assert caught.value.returncode == 2
    assert f"No request documents in {empty}" in caught.value.args[0]
    assert out.getvalue() == ""


def test_the_lifeline_command_prints_only_json_and_exits_2_without_a_traceback(tmp_path):
    env = {**os.environ, "LIFELINE_DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-m", "lifeline.cli", "eligibility", "check"]
    good = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [*command, "examples/general-medical.json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["program"] == "general"
    (tmp_path / "bad.json").write_text("{")
    bad = subprocess.run(  # noqa: S603
        [*command, str(tmp_path / "bad.json")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (bad.returncode, bad.stdout) == (2, "")
    assert "is not valid JSON" in bad.stderr
    assert "Traceback" not in bad.stderr


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"program": "atlantis"}, "Unknown program 'atlantis'; known programs: afghan_reparole"),
        ({"given_name": "Ami\u202ena"}, "cannot contain invisible, control or text-direction"),
    ],
)
def test_the_lifeline_command_refuses_a_bad_document_naming_it_with_exit_2(
    tmp_path, change, message
):
    document = json.loads((ROOT / "examples" / "u4u-initial.json").read_text())
    if "program" in change:
        document.update(change)
    else:
        document["beneficiary"].update(change)
    path = tmp_path / "request.json"
    path.write_text(json.dumps(document))
    env = {**os.environ, "LIFELINE_DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(  # noqa: S603 (our own interpreter and module)
        [sys.executable, "-m", "lifeline.cli", "eligibility", "check", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert f"{path}: " in done.stderr or f"{path} is not a valid request document" in done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_policies_validate_accepts_the_shipped_policies():
    assert "28 program versions in 9 programs and 3 fee schedules" in _run("policies", "validate")


def test_policies_validate_reports_the_precise_mistake(tmp_path):
    root = make_policy_dir(tmp_path)
    write_version(
        root,
        MINIMAL.replace(
            "doc.immigration_history.in_united_states", "doc.immigration_history.in_united_state"
        ),
    )
    message = _refusal("policies", "validate", str(root)).args[0]
    assert "policies/testprog/testprog-2030-01-01.yaml, line" in message
    assert "rule 'outside_united_states'" in message
    assert "'doc.immigration_history.in_united_state' is not a field" in message


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "- id: filing_fee_remitted",
            "- id: filing_fee_sent",
            "no citation for filing_fee_remitted",
        ),
        ("https://www.uscis.gov/i-131", "https://legalclarity.org/i-131", "official domain"),
    ],
)
def test_policies_validate_checks_the_built_in_rules_citations(tmp_path, old, new, message):
    root = make_policy_dir(tmp_path)
    shipped = (ROOT / "policies" / "built_in_rules.yaml").read_text()
    (root / "built_in_rules.yaml").write_text(shipped.replace(old, new))
    assert message in _refusal("policies", "validate", str(root)).args[0]


def test_policies_validate_checks_a_draft_outside_the_policy_folder(tmp_path):
    draft = tmp_path / "draft.yaml"
    draft.write_text(MINIMAL)
    assert "valid program version testprog-2030-01-01" in _run("policies", "validate", str(draft))


def test_eligibility_whatif_reports_changes_for_a_draft_over_a_folder_of_documents(tmp_path):
    shipped = (ROOT / "policies" / "u4u" / "u4u-2024-02-27.yaml").read_text()
    draft = tmp_path / "draft.yaml"
    draft.write_text(shipped.replace("    - citizen\n", ""))
    report = json.loads(
        _run("eligibility", "whatif", "--draft", str(draft), "--documents", str(ROOT / "examples"))
    )
    assert report["draft_version"] == "u4u-2024-02-27"
    assert report["evaluated_count"] == 2
    assert [change["reference"] for change in report["changes"]] == ["u4u-initial"]


def test_eligibility_whatif_reads_json_lines(tmp_path):
    example = json.loads((ROOT / "examples" / "u4u-initial.json").read_text())
    lines = tmp_path / "pending.jsonl"
    lines.write_text(
        json.dumps({"reference": "HP-9", "document": example}) + "\n" + json.dumps(example) + "\n"
    )
    draft = tmp_path / "draft.yaml"
    draft.write_text((ROOT / "policies" / "u4u" / "u4u-2024-02-27.yaml").read_text())
    report = json.loads(
        _run("eligibility", "whatif", "--draft", str(draft), "--documents", str(lines))
    )
    assert (report["evaluated_count"], report["changed_count"]) == (2, 0)


@pytest.mark.parametrize("command", ["eligibility", "policies"])
def test_every_subcommand_has_help(command, capsys):
    for action in (
        ([], ["check"], ["whatif"]) if command == "eligibility" else ([], ["validate"], ["load"])
    ):
        with pytest.raises(SystemExit) as caught:
            call_command(command, *action, "--help")
        assert caught.value.code == 0
        assert "usage:" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("saved_as", "options"),
    [
        ("request-document-v2.schema.json", []),
        ("prescreen-answer-v2.schema.json", ["--answer"]),
    ],
)
def test_the_saved_json_schemas_match_the_document_and_the_answer(saved_as, options):
    saved = (ROOT / "docs" / saved_as).read_text(encoding="utf-8")
    assert saved == _run("eligibility", "schema", *options), (
        f"Regenerate with: .venv/bin/lifeline eligibility schema {' '.join(options)} "
        f"> docs/{saved_as}"
    )


def test_eligibility_check_answers_many_documents_as_json_lines_without_the_clock(
    tmp_path, time_machine
):
    time_machine.move_to("2031-01-01T00:00:00Z")
    example = json.loads((ROOT / "examples" / "u4u-initial.json").read_text())
    lines = tmp_path / "more.jsonl"
    lines.write_text(json.dumps({"reference": "HP-1", "document": example}) + "\n")
    out = _run("eligibility", "check", str(ROOT / "examples"), str(lines), "--as-of", "2026-12-01")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == len(EXAMPLES) + 1
    assert rows[-1]["source"] == f"{lines}#HP-1"
    assert {row["answer"]["as_of"] for row in rows} == {"2026-12-01"}
    assert {row["answer"]["evaluated_at"] for row in rows} == {"2026-12-01T00:00:00Z"}


def test_eligibility_check_names_the_bad_file_among_many(tmp_path):
    (tmp_path / "bad.json").write_text("{")
    message = _refusal("eligibility", "check", str(ROOT / "examples"), str(tmp_path)).args[0]
    assert f"{tmp_path / 'bad.json'} is not valid JSON" in message


def test_a_batch_answers_every_valid_document_before_exiting_2_for_the_bad_ones(tmp_path, capsys):
    example = (ROOT / "examples" / "u4u-initial.json").read_text()
    lines = tmp_path / "mixed.jsonl"
    lines.write_text("\n".join([example.replace("\n", ""), "{", example.replace("\n", "")]))
    (tmp_path / "a.json").write_text(example)
    (tmp_path / "b.json").write_text('{"program": "u4u"}')
    (tmp_path / "c.json").write_text(example)
    with pytest.raises(CommandError) as caught:
        call_command("eligibility", "check", str(tmp_path), str(lines), "--as-of", "2026-12-01")
    assert caught.value.returncode == 2
    sources = [json.loads(line)["source"] for line in capsys.readouterr().out.splitlines()]
    assert sources == [
        str(tmp_path / "a.json"), str(tmp_path / "c.json"), f"{lines}#1", f"{lines}#3",
    ]  # fmt: skip
    message = caught.value.args[0]
    assert message.startswith("2 invalid documents not answered:")
    assert f"{tmp_path / 'b.json'} is not a valid request document" in message
    assert f"{lines}, line 2 is not valid JSON" in message


def test_the_lifeline_command_checks_without_importing_django(tmp_path):
    env = {**os.environ, "LIFELINE_DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    probe = (
        "import sys; from lifeline import cli; sys.argv = ['lifeline', 'eligibility', 'check', "
        "'examples/general-medical.json', '--as-of', '2026-12-01']\n"
        "try:\n    cli.main()\nexcept SystemExit as done:\n"
        "    loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'django', 'asyncio'})\n"
        "    print(f'loaded: {loaded}', file=sys.stderr)\n"
        "    raise"
    )
    done = subprocess.run(  # noqa: S603 (our own interpreter)
        [sys.executable, "-c", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["as_of"] == "2026-12-01"
    assert "loaded: []" in done.stderr  # neither Django nor the asyncio it brings


def test_a_registry_narrowed_to_named_programs_reads_only_those_unless_one_is_unknown():
    from lifeline.programs.registry import load_registry

    policies = ROOT / "policies"
    assert load_registry(policies, programs={"u4u"}).programs() == ["u4u"]
    every = load_registry(policies).programs()
    assert load_registry(policies, programs={"u4u", "atlantis"}).programs() == every
    assert load_registry(policies, programs={"_fees"}).programs() == every


@pytest.mark.parametrize("as_of", ["20261101", "2026-W44-7", "2026-11-01T00:00:00", "2026-13-01"])
def test_as_of_is_a_date_written_yyyy_mm_dd_as_the_api_takes_it(as_of):
    from lifeline.programs.checking import parse_date

    with pytest.raises(argparse.ArgumentTypeError, match="YYYY-MM-DD"):
        parse_date(as_of)
    assert parse_date("2026-11-01").isoformat() == "2026-11-01"
