"""Each pathway option's params are checked when the policy is loaded: a missing, mistyped or
unknown one refuses the file (and `policies validate`) instead of failing every answer."""

from __future__ import annotations

import datetime as dt
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from lifeline.pathways.documents import PathwayRequest
from lifeline.pathways.engine import check
from lifeline.pathways.policy import WorkPermitParams
from lifeline.pathways.registry import get_pathway_registry, load_registry
from lifeline.programs.errors import PolicyFileInvalid

POLICY = "pathways/pathways-2024-04-01.yaml"
CAP_ENACTED = 'validity_cap_enacted_on: "2025-07-04", '


@pytest.fixture
def policies(tmp_path: Path) -> Path:
    root = tmp_path / "policies"
    shutil.copytree(Path(settings.LIFELINE_POLICY_DIR), root)
    return root


def _edit(root: Path, old: str, new: str) -> None:
    path = root / POLICY
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_shipped_work_permit_params_are_read_as_dates():
    policy = get_pathway_registry().policies[0]
    params = policy.option("employment_authorization").params_as(WorkPermitParams)

    assert params.validity_cap_enacted_on == dt.date(2025, 7, 4)
    assert params.no_auto_extension_from == dt.date(2025, 10, 30)


def test_a_missing_param_refuses_the_file_naming_the_option_and_the_param(policies: Path):
    _edit(policies, CAP_ENACTED, "")

    with pytest.raises(PolicyFileInvalid) as raised:
        load_registry(policies)

    assert raised.value.args[0] == (
        "pathways-2024-04-01.yaml: option 'employment_authorization': "
        "params.validity_cap_enacted_on: Field required"
    )


def test_policies_validate_refuses_a_missing_param(policies: Path):
    _edit(policies, CAP_ENACTED, "")

    with pytest.raises(CommandError, match=r"params\.validity_cap_enacted_on: Field required"):
        call_command("policies", "validate", str(policies / POLICY), stdout=StringIO())


def test_a_param_that_is_not_a_date_is_refused(policies: Path):
    _edit(policies, CAP_ENACTED, 'validity_cap_enacted_on: "2025-13-04", ')

    with pytest.raises(PolicyFileInvalid, match=r"params\.validity_cap_enacted_on: Input should"):
        load_registry(policies)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "{late_registration_days: 60}",
            "{late_registration_days: 0}",
            "option 'tps': params.late_registration_days: Input should be greater than 0",
        ),
        (
            "{presence_years: 1}",
            "{presence_years: 1, presence_months: 2}",
            "option 'cuban_adjustment': params.presence_months: Extra inputs are not permitted",
        ),
        (
            "  - code: asylum\n",
            "  - code: asylum\n    params: {filing_days: 365}\n",
            "option 'asylum': params.filing_days: Extra inputs are not permitted",
        ),
    ],
)
def test_a_wrong_or_unknown_param_is_refused(policies: Path, old: str, new: str, message: str):
    _edit(policies, old, new)

    with pytest.raises(PolicyFileInvalid, match=message):
        load_registry(policies)


@pytest.mark.parametrize(("days", "late_until"), [(60, "2025-05-19"), (30, "2025-04-19")])
def test_the_late_registration_answer_states_the_period_of_the_policy(
    policies: Path, days: int, late_until: str
):
    # The period is the policy's `late_registration_days` (60 in the shipped file, read from 8 CFR
    # 244.2(g) in a secondary copy: the answer says so and needs legal review); the sentence and
    # the window follow the number the policy sets.
    _edit(policies, "{late_registration_days: 60}", f"{{late_registration_days: {days}}}")
    request = PathwayRequest.model_validate(
        {
            "person": {"citizenships": ["VE"]},
            "arrivals": [{"on": "2023-02-01", "document": "parole"}],
            "parole": [
                {"program": "chnv_venezuela", "from_on": "2023-02-01", "until_on": "2025-03-20"}
            ],
        }
    )

    answer = check(request, as_of=dt.date(2025, 4, 15), registry=load_registry(policies))

    tps = next(option for option in answer.options if option.code == "tps")
    assert tps.window is not None and tps.window.closes_on == dt.date.fromisoformat(late_until)
    assert f"the {days}-day period (8 CFR 244.2(g))" in tps.summary
