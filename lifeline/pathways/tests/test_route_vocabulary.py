"""One route vocabulary (policies/routes.yaml) for rule results and pathway options: every code
either side names is defined there, and loading refuses a code it lacks (ADR 0270)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from lifeline.pathways import registry as pathway_registry
from lifeline.pathways.policy import OptionCode
from lifeline.pathways.registry import get_pathway_registry
from lifeline.programs.citations import is_official_address
from lifeline.programs.document_files import answer_schema
from lifeline.programs.errors import PolicyFileInvalid
from lifeline.programs.registry import get_registry, load_registry
from lifeline.programs.routes import routes
from lifeline.programs.tests.policy_texts import MINIMAL, make_policy_dir, write_version


def _rule_codes() -> set[str]:
    registry = get_registry()
    return {
        rule.route_to
        for program in registry.programs()
        for version in registry.versions(program)
        for rule in version.rules
        if rule.route_to is not None
    }


def _option_codes() -> set[str]:
    return {option.code for policy in get_pathway_registry().policies for option in policy.options}


def test_every_route_a_rule_names_and_every_pathway_option_is_in_the_vocabulary() -> None:
    assert _rule_codes(), "the shipped programs route somewhere"
    assert _rule_codes() - set(routes()) == set()
    assert _option_codes() - set(routes()) == set()


def test_every_option_the_pathway_engine_answers_is_a_route_code() -> None:
    assert set(OptionCode.__args__) - set(routes()) == set()  # type: ignore[attr-defined]


def test_each_route_has_plain_words_and_a_quoted_primary_citation() -> None:
    for code, route in routes().items():
        assert route.label and route.explanation, code
        assert is_official_address(route.citation.authority.url), code
        assert len(route.citation.quote.split()) >= 8, code


def test_a_rule_routing_to_a_code_the_vocabulary_lacks_is_refused(tmp_path: Path) -> None:
    root = make_policy_dir(tmp_path)
    write_version(root, MINIMAL.replace("    route_to: ice\n", "    route_to: consulate\n"))

    with pytest.raises(PolicyFileInvalid) as caught:
        load_registry(root)

    assert "routes to 'consulate', which policies/routes.yaml does not define" in str(
        caught.value.message
    )


def test_a_pathway_option_the_vocabulary_lacks_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "policies"
    shutil.copytree(Path(settings.LIFELINE_POLICY_DIR), root)
    without_tps = {code: route for code, route in routes().items() if code != "tps"}
    monkeypatch.setattr(pathway_registry, "routes", lambda: without_tps)

    with pytest.raises(PolicyFileInvalid) as caught:
        pathway_registry.load_registry(root)

    assert "option 'tps' is not a code of policies/routes.yaml" in str(caught.value.message)


def test_the_answer_schema_lists_the_vocabulary_as_the_codes_a_route_may_take() -> None:
    schema = json.loads(answer_schema())
    codes = sorted(routes())
    top = schema["properties"]["route_to"]["anyOf"]
    person = schema["$defs"]["PersonResult"]["properties"]["route_to"]["anyOf"]

    assert {"enum": codes, "type": "string"} in top
    assert {"enum": codes, "type": "string"} in person
    assert schema["$defs"]["Route"]["properties"]["code"]["enum"] == codes
