"""Citations rest on a quoted primary authority at an official address; others only in see_also."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from lifeline.programs.citation_report import count_citations
from lifeline.programs.citations import is_official_address
from lifeline.programs.errors import PolicyFileInvalid
from lifeline.programs.registry import load_registry
from lifeline.programs.tests.policy_texts import (
    MINIMAL,
    TEST_CITATION,
    make_policy_dir,
    write_version,
)

CAP_CITATION = f"    period: total\n    citation: {TEST_CITATION}"
INA_URL = "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title8-section1182&num=0&edition=prelim"
QUOTE = "only on a case-by-case basis for urgent humanitarian reasons or significant public benefit"


def _with_cap_citation(citation: str) -> str:
    assert CAP_CITATION in MINIMAL
    return MINIMAL.replace(CAP_CITATION, f"    period: total\n    citation: {citation}")


def _refusal(tmp_path: Path, text: str) -> str:
    root = make_policy_dir(tmp_path)
    write_version(root, text)
    with pytest.raises(PolicyFileInvalid) as caught:
        load_registry(root)
    return caught.value.message


@pytest.mark.parametrize(
    ("citation", "problem"),
    [
        ("Test citation.", "caps.0.citation: Input should be a valid dictionary"),
        (f"{{quote: '{QUOTE}'}}", "missing key 'caps.0.citation.authority'"),
        (
            f"{{authority: {{kind: statute, ina_section: 212(d)(5)(A), url: '{INA_URL}'}}}}",
            "missing key 'caps.0.citation.quote'",
        ),
        (
            "{authority: {kind: cfr, title: 8, part: '212', section: '212.5', "
            "url: 'https://www.law.cornell.edu/cfr/text/8/212.5'}, quote: 'the parole of aliens "
            "who have serious medical conditions'}",
            "must be on an official domain",
        ),
        (
            "{authority: {kind: program_page, title: Humanitarian parole, "
            "url: 'https://www.uscis.gov.example.com/humanitarian'}, quote: 'a long enough quote'}",
            "must be on an official domain",
        ),
        (
            f"{{authority: {{kind: statute, url: '{INA_URL}'}}, quote: '{QUOTE}'}}",
            "a statute needs ina_section",
        ),
        (
            "{authority: {kind: federal_register, title: A notice, volume: 90, page: 13611, "
            "document: 2025-05128, published_on: 2025-03-25, "
            "url: 'https://www.govinfo.gov/content/pkg/FR-2025-03-25/html/2025-05128.htm'}, "
            "quote: 'DHS is terminating the CHNV parole programs as of March 25, 2025.', "
            "see_also: ['not a web address']}",
            "not a web address",
        ),
    ],
    ids=[
        "plain text",
        "no primary authority",
        "no quoted sentence",
        "primary on law.cornell.edu",
        "look-alike of an official domain",
        "statute naming no section",
        "see_also not an address",
    ],
)
def test_a_citation_without_a_quoted_primary_authority_is_refused(tmp_path, citation, problem):
    message = _refusal(tmp_path, _with_cap_citation(citation))
    assert "policies/testprog/testprog-2030-01-01.yaml, line" in message
    assert problem in message


def test_secondary_pages_are_accepted_under_see_also(tmp_path):
    citation = (
        TEST_CITATION[:-1] + ", see_also: ['https://www.law.cornell.edu/uscode/text/8/1182']}"
    )
    root = make_policy_dir(tmp_path)
    write_version(root, _with_cap_citation(citation))
    cap = load_registry(root).versions("testprog")[0].caps[0]
    assert cap.citation.see_also == ["https://www.law.cornell.edu/uscode/text/8/1182"]
    assert cap.citation.text == f"INA 212(d)(5)(A), 8 U.S.C. 1182(d)(5)(A), {INA_URL}"


def test_a_cut_off_after_the_check_date_is_refused(tmp_path):
    text = MINIMAL.replace("cut_off_on: 2026-12-07", "cut_off_on: 2027-01-01")
    assert "cut_off_on (2027-01-01) is after checked_on (2026-12-07)" in _refusal(tmp_path, text)


@pytest.mark.parametrize(
    ("url", "official"),
    [
        ("https://www.federalregister.gov/d/2025-05128", True),
        ("https://www.govinfo.gov/content/pkg/FR-2025-03-25/html/2025-05128.htm", True),
        ("https://www.ecfr.gov/current/title-8/section-212.5", True),
        ("https://travel.state.gov/content/travel.html", True),
        ("https://uscis.gov/humanitarian", True),
        ("https://www.supremecourt.gov/docket/docketfiles/html/public/24a1079.html", True),
        ("https://www.courtlistener.com/docket/69683133/doe-v-noem/", False),
        ("https://www.law.cornell.edu/uscode/text/8/1182", False),
        ("http://federal.elaws.us/fr/4/27/2022/2022-09087", False),
        ("https://notuscis.gov/page", False),
        ("ftp://www.govinfo.gov/file", False),
    ],
)
def test_official_addresses_are_the_listed_domains_and_their_subdomains(url, official):
    assert is_official_address(url) is official


def test_every_shipped_citation_has_a_quoted_primary_authority():
    count = count_citations([Path(settings.LIFELINE_POLICY_DIR)])
    assert count.total > 200
    assert count.secondary == 0
    assert count.missing_quote == 0
    assert "plain_text_official_address" not in count.primary


def test_the_report_counts_an_old_plain_text_citation_as_secondary_unless_official(
    tmp_path,
):
    old = tmp_path / "old.yaml"
    old.write_text(
        "rules:\n"
        "  - citation: https://www.constangy.com/newsroom (secondary)\n"
        "  - citation: 90 FR 13611, https://www.govinfo.gov/content/pkg/FR-2025-03-25/x.htm\n",
        encoding="utf-8",
    )
    count = count_citations([old])
    assert (count.secondary, dict(count.primary)) == (1, {"plain_text_official_address": 1})


def test_policies_validate_report_prints_the_counts():
    out = StringIO()
    call_command("policies", "validate", "--report", stdout=out)
    lines = out.getvalue().splitlines()
    assert "valid (28 program versions in 9 programs and 3 fee schedules; " in lines[0]
    assert lines[0].endswith("every citation quoted)")
    assert "0 secondary only" in lines[1]
    assert "0 primary citations without a quote" in lines[2]


def test_policies_validate_fails_on_a_secondary_only_citation(tmp_path):
    root = make_policy_dir(tmp_path)
    write_version(root, _with_cap_citation("https://www.constangy.com/newsroom (secondary)"))
    with pytest.raises(CommandError) as caught:
        call_command("policies", "validate", str(root), stdout=StringIO())
    assert caught.value.returncode == 2
    assert "caps.0.citation" in caught.value.args[0]


def _federal_register_authorities(node: object) -> list[dict]:
    if isinstance(node, dict):
        found = [node] if node.get("kind") == "federal_register" else []
        return found + [a for value in node.values() for a in _federal_register_authorities(value)]
    if isinstance(node, list):
        return [a for value in node for a in _federal_register_authorities(value)]
    return []


def test_every_citation_of_a_federal_register_document_gives_the_same_first_page():
    """A page read for a document (in its printed copy) is given wherever the document is
    cited; a document none of whose citations has a page shows "(page not verified)"."""
    pages: dict[str, set[int | None]] = {}
    for path in sorted(Path(settings.LIFELINE_POLICY_DIR).rglob("*.yaml")):
        for authority in _federal_register_authorities(yaml.safe_load(path.read_text())):
            pages.setdefault(str(authority["document"]), set()).add(authority.get("page"))
    assert len(pages) > 20
    disagreeing = {document: found for document, found in pages.items() if len(found) > 1}
    assert disagreeing == {}
