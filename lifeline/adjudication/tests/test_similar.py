"""Similar decided cases: ranked by program, category, facts and narrative, with the reasons."""

from __future__ import annotations

import pytest

from lifeline.adjudication.selectors import list_similar_decided_cases
from lifeline.intake.tests.factories import make_request, request_document

pytestmark = pytest.mark.django_db


def _decided(status: str, **document):  # type: ignore[no-untyped-def]
    request = make_request(status=status)
    request.document = request_document(**document).model_dump(mode="json")
    request.save(update_fields=["document"])
    return request


def test_the_closest_decided_case_comes_first_with_the_reasons_it_is_similar() -> None:
    close = _decided("approved", narrative="Needs a bone-marrow transplant unavailable at home.")
    far = _decided("denied", urgency={}, narrative="Wants to attend a wedding in Miami.")
    _decided("in_review")  # undecided cases are never shown
    case = make_request(status="in_review")
    similar = list_similar_decided_cases(case)
    assert [s.request for s in similar] == [close, far]
    reasons = similar[0].reasons
    assert "same program (general)" in reasons
    assert any(r.startswith("same facts: ") and "life threatening" in r for r in reasons)
    assert any(r.startswith("narrative overlap") for r in reasons)
