"""Answers for dates back to the first fees on file, and clear refusals: a date before them, a
parole program with no policy, a period that ends before it starts."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check
from lifeline.pathways.registry import (
    BeforeFirstPathwayPolicy,
    get_pathway_registry,
    load_registry,
)
from lifeline.programs.errors import PolicyFileInvalid
from lifeline.programs.policy_folders import PATHWAY_FILES, PATHWAYS_FOLDER
from lifeline.programs.registry import get_registry

D = dt.date.fromisoformat
UKRAINIAN = {
    "person": {"citizenships": ["UA"]},
    "arrivals": [{"on": "2023-06-01", "document": "parole"}],
    "parole": [{"program": "u4u", "from_on": "2023-06-01", "until_on": "2025-05-31"}],
    "facts": {"fear_of_return": "yes", "in_removal_proceedings": "no"},
}


def _write(tmp_path: Path, data: dict[str, Any]) -> str:
    path = tmp_path / "request.json"
    path.write_text(json.dumps(data))
    return str(path)


def test_a_date_in_2024_is_answered_with_the_fees_of_the_2024_fee_rule():
    answer = check(PathwayRequest.model_validate(UKRAINIAN), as_of=D("2024-06-01"))

    asylum = next(option for option in answer.options if option.code == "asylum")
    work = next(option for option in answer.options if option.code == "employment_authorization")
    assert answer.policy_version == get_pathway_registry().policies[0].version
    # one year from the arrival of 2023-06-01 is Saturday 2024-06-01: the next business day
    assert asylum.window is not None and asylum.window.closes_on == D("2024-06-03")
    fees = {fee.kind: fee for fee in work.what_to_file.fees}
    assert fees["i765_filing"].schedule == "fees-2024-04-01"
    assert fees["i765_parole_initial"].amount_usd == 0  # the H.R. 1 fee starts on 2025-07-22


def test_a_date_before_the_first_policy_is_refused_with_the_first_date_to_ask_for():
    first = get_pathway_registry().policies[0].effective_from
    request = PathwayRequest.model_validate(UKRAINIAN)

    with pytest.raises(BeforeFirstPathwayPolicy) as raised:
        check(request, as_of=first - dt.timedelta(days=1))

    assert raised.value.http_status == 422
    assert f"Ask for {first} or a later date" in raised.value.message
    assert check(request, as_of=first).as_of == first


def test_a_policy_that_starts_before_the_fees_on_file_is_refused(tmp_path: Path):
    folder = tmp_path / PATHWAYS_FOLDER
    shutil.copytree(Path(settings.LIFELINE_POLICY_DIR) / PATHWAYS_FOLDER, folder)
    policy = next(folder.glob(PATHWAY_FILES))
    first_fees = min(schedule.effective_from for schedule in get_pathway_registry().fees.schedules)
    text = policy.read_text(encoding="utf-8")
    start = get_pathway_registry().policies[0].effective_from
    earlier = first_fees - dt.timedelta(days=1)
    policy.write_text(
        text.replace(f"effective_from: {start}", f"effective_from: {earlier}"), encoding="utf-8"
    )

    with pytest.raises(PolicyFileInvalid, match="before the first fee schedule"):
        load_registry(tmp_path)


def test_the_command_refuses_a_date_before_the_first_policy_with_exit_status_2(tmp_path: Path):
    first = get_pathway_registry().policies[0].effective_from
    path = _write(tmp_path, UKRAINIAN)

    with pytest.raises(CommandError) as raised:
        call_command("pathways", "check", path, "--as-of", str(first - dt.timedelta(days=1)))

    assert raised.value.returncode == 2
    assert path in str(raised.value) and f"Ask for {first}" in str(raised.value)


def test_the_command_refuses_an_unknown_program_naming_the_file_and_the_known_ones(
    tmp_path: Path,
):
    parole = [{"program": "zz", "from_on": "2024-06-01", "until_on": "2026-01-01"}]
    path = _write(tmp_path, UKRAINIAN | {"parole": parole})

    with pytest.raises(CommandError) as raised:
        call_command("pathways", "check", path, "--as-of", "2025-01-01")

    message = str(raised.value)
    assert raised.value.returncode == 2 and path in message and "zz" in message
    assert all(program in message for program in get_registry().programs())


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("tps", [{"country": "UA", "from_on": "2026-01-01", "until_on": "2025-01-01"}], "tps.0"),
        (
            "work_permits",
            [{"category": "c11", "valid_from": "2026-01-01", "valid_until": "2025-01-01"}],
            "work_permits.0",
        ),
    ],
)
def test_a_period_that_ends_before_it_starts_is_refused(
    tmp_path: Path, field: str, value: list[dict[str, str]], problem: str
):
    path = _write(tmp_path, UKRAINIAN | {field: value})

    with pytest.raises(CommandError) as raised:
        call_command("pathways", "check", path)

    assert raised.value.returncode == 2
    assert problem in str(raised.value) and "is before" in str(raised.value)


@pytest.mark.django_db
def test_the_api_refuses_an_unknown_program_and_an_early_date_with_422_and_a_message():
    from lifeline.core.tests.api_helpers import post_json, token_client
    from lifeline.intake.tests.factories import make_user

    client = token_client(make_user())
    first = get_pathway_registry().policies[0].effective_from
    unknown = UKRAINIAN | {
        "as_of": "2025-01-01",
        "parole": [{"program": "zz", "from_on": "2024-06-01", "until_on": "2026-01-01"}],
    }
    early = UKRAINIAN | {"as_of": str(first - dt.timedelta(days=1))}

    refused = post_json(client, "/pathways/check", unknown)
    too_early = post_json(client, "/pathways/check", early)

    assert refused.status_code == 422 and "u4u" in refused.json()["error"]["message"]
    assert refused.json()["error"]["code"] == "unknown_parole_program"
    assert too_early.status_code == 422 and str(first) in too_early.json()["error"]["message"]
    in_2024 = post_json(client, "/pathways/check", UKRAINIAN | {"as_of": "2024-06-01"})
    assert in_2024.status_code == 200 and in_2024.json()["as_of"] == "2024-06-01"
