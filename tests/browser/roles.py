"""What every role's scripted task shares: the readers it runs for, signing in, staff-page
checks, and the tour's screenshots (written when LIFELINE_TOUR_SCREENSHOTS is set)."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from PIL import Image

from lifeline.portal.tests.flows import PASSWORD

from .driver import Driver

TOUR_IMAGES = Path(settings.BASE_DIR) / "docs" / "tour" / "img"
TOUR_COLOURS = 64  # a palette this small keeps a page's PNG near 30 kB and still readable
STAFF_NOTE = "Staff pages are in English, left to right"


@dataclass(frozen=True)
class Reader:
    """The language a person reads and the width of their window."""

    language: str
    width: int

    @property
    def is_right_to_left(self) -> bool:
        return self.language in ("ar", "fa-af", "ps")

    def __str__(self) -> str:
        return f"{self.language}-{self.width}px"


DIRECTIONS = [Reader("en", 360), Reader("en", 1280), Reader("ar", 360), Reader("ar", 1280)]
STAFF_READERS = DIRECTIONS
APPLICANT_READERS = [*DIRECTIONS, Reader("fa-af", 360), Reader("fa-af", 1280)]
# The tour shows each page once per reader below: English at a desk, Arabic on a phone.
TOUR_READERS = {Reader("en", 1280), Reader("ar", 360)}


def sign_in(tab: Driver, user: Any) -> None:
    tab.open("/accounts/login/")
    tab.text("id_login", user.username)
    tab.text("id_password", PASSWORD)
    tab.submit()


def assert_english_left_to_right(tab: Driver) -> None:
    """A staff page under any prefix: English, laid out left to right, and it says so."""
    page = tab.page
    root = page.locator("html")
    assert (root.get_attribute("lang"), root.get_attribute("dir") or "ltr") == ("en", "ltr")
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    assert STAFF_NOTE in page.inner_text("body"), page.url


def snap(tab: Driver, reader: Reader, role: str, name: str, *, at: str = "") -> None:
    """Keep the window as the tour page `role` shows it, when the tour is being refreshed:
    from the top of the page, or from the element `at` when that is the point."""
    if not os.environ.get("LIFELINE_TOUR_SCREENSHOTS") or reader not in TOUR_READERS:
        return
    if at:
        tab.page.locator(at).first.evaluate("element => element.scrollIntoView()")
    else:
        tab.page.evaluate("window.scrollTo(0, 0)")
    picture = Image.open(io.BytesIO(tab.page.screenshot(full_page=False)))
    small = picture.convert("RGB").quantize(colors=TOUR_COLOURS)
    TOUR_IMAGES.mkdir(parents=True, exist_ok=True)
    small.save(TOUR_IMAGES / f"{role}-{name}-{reader.language}-{reader.width}.png", optimize=True)
