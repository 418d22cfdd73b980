"""The case page at desk widths, under an English and an Arabic prefix: no two pieces of text or
controls are drawn over each other, in the case file or in the decision column; the family
members filed in the request are listed with their own pre-screen."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lifeline.intake.tests.factories import person_document
from lifeline.integrity.services import FlagDraft, raise_flags
from lifeline.portal.tests.flows import make_account
from lifeline.triage.tests.scenario import submitted_request

from .driver import Driver
from .roles import Reader, assert_english_left_to_right, sign_in
from .test_staff_tasks import SHARED_PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LONG_NARRATIVE = (
    "My mother needs an operation that is life-threatening to delay; the hospital in Kharkiv "
    "has no surgeon left, and the clinic in Lviv cannot take her before spring. " * 4
)
# Every visible block that carries text or takes input, and the pairs of them whose boxes
# intersect by more than a pixel (one inside the other does not count: a label in its cell).
OVERLAPS_JS = """
selector => {
  const boxes = [...document.querySelectorAll(selector)]
    .filter(e => e.offsetParent !== null)
    .map(e => ({e, r: e.getBoundingClientRect()}))
    .filter(({r}) => r.width > 1 && r.height > 1 && r.right > 0);
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.e.contains(b.e) || b.e.contains(a.e)) continue;
      const x = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
      const y = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
      const name = e => e.outerHTML.slice(0, 80);
      if (x > 1 && y > 1) found.push(`${name(a.e)} / ${name(b.e)}`);
    }
  }
  return found;
}
"""
BLOCKS = (
    "main h1, main h2, main h3, main p, main li, main th, main td, main dt, main dd, "
    "main label, main input, main select, main textarea, main button, main legend, main table"
)
HOUSEHOLD = [
    {"relationship": relationship, "travelling_with_principal": True,
     "person": person_document(given_name=given, birth_date=born, given_name_native="")}
    for relationship, given, born in (("spouse", "Andriy", "1986-07-01"),
                                      ("child", "Sofia", "2015-05-05"))
]  # fmt: skip
DESKS = [Reader(language, width) for language in ("en", "ar") for width in (1280, 1440)]


@pytest.mark.parametrize("reader", DESKS, ids=str)
def test_nothing_on_the_case_page_is_drawn_over_anything_else(
    open_driver: Callable[..., Driver], reader: Reader
) -> None:
    request = submitted_request(narrative=LONG_NARRATIVE, household=HOUSEHOLD)
    raise_flags([FlagDraft(**SHARED_PHONE, request_id=request.pk, subject_key=f"r:{request.pk}")])
    desk = open_driver(language=reader.language, width=reader.width)
    sign_in(desk, make_account("officer"))
    desk.open("/workspace/")
    desk.press("#take-next")
    assert request.reference in desk.page.inner_text("h1")
    assert_english_left_to_right(desk)
    assert desk.page.locator("#record-decision").is_visible()
    rows = desk.page.locator("#household tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).inner_text().startswith("Andriy Kovalenko\tspouse\t1986-07-01")
    assert rows.nth(1).inner_text().startswith("Sofia Kovalenko\tchild\t2015-05-05")
    assert "Andriy Kovalenko (spouse), Sofia Kovalenko (child)" in desk.page.inner_text(
        "#decision-covers"
    )
    overlaps = desk.page.evaluate(OVERLAPS_JS, BLOCKS)
    assert overlaps == [], "\n".join(overlaps)
