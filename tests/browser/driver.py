"""Fill portal pages the way a person does: with the mouse, or with the keyboard alone."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import Page

MAX_TABS = 120
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
PAGE_WIDTH_SLACK_PX = 1
# Staff pages are English under any language prefix (lifeline.core.staff_language).
STAFF_PATH = re.compile(
    r"^/(?:[a-z]{2}(?:-[a-z]{2})?/)?(?:workspace|analytics|integrity|audit|accounts/2fa)/"
)


@dataclass
class Driver:
    """One person's browser tab. `keyboard=True` reaches every control with Tab alone."""

    page: Page
    axe: Axe
    base_url: str
    language: str
    keyboard: bool = False
    checked_pages: list[str] = field(default_factory=list)

    # --- navigation and checks -------------------------------------------------------------
    def url(self, path: str) -> str:
        prefix = "" if self.language == "en" else f"/{self.language}"
        return f"{self.base_url}{prefix}{path}"

    def open(self, path: str) -> None:
        self.page.goto(self.url(path))
        self.check_page()

    def check_page(self, name: str = "") -> None:
        """axe finds nothing, the page fits the window, and it is in the expected language."""
        page = self.page
        page.wait_for_load_state("load")
        expected = "en" if STAFF_PATH.match(urlsplit(page.url).path) else self.language
        assert page.evaluate("document.documentElement.lang") == expected
        results = self.axe.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
        width = page.evaluate("document.documentElement.scrollWidth")
        viewport = page.viewport_size or {"width": 0}
        assert width <= viewport["width"] + PAGE_WIDTH_SLACK_PX, f"{page.url} is {width}px wide"
        self.checked_pages.append(page.url)
        if name:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{self.language}-{name}.png"), full_page=True)

    # --- keyboard focus -------------------------------------------------------------------
    def _focus(self, selector: str) -> None:
        """Press Tab until `selector` has the focus (keyboard mode), as a person would."""
        target = self.page.locator(selector).first
        target.wait_for(state="attached")
        for _ in range(MAX_TABS):
            self.page.keyboard.press("Tab")
            if target.evaluate("element => element === document.activeElement"):
                return
        raise AssertionError(f"Tab never reached {selector} on {self.page.url}")

    # --- controls ---------------------------------------------------------------------------
    def text(self, element_id: str, value: str) -> None:
        if self.keyboard:
            self._focus(f"#{element_id}")
            self.page.keyboard.press("Control+A")
            self.page.keyboard.type(value)
        else:
            self.page.fill(f"#{element_id}", value)

    def date(self, element_id: str, iso: str) -> None:
        """Fill the memorable date's boxes in the order the page shows them (month, day, year
        in English; day first in Ukrainian or Arabic), as a person typing does."""
        year, month, day = iso.split("-")
        value = {f"{element_id}_0": month, f"{element_id}_1": day, f"{element_id}_2": year}
        boxes = self.page.locator(f"#{element_id}_0").locator(
            "xpath=ancestor::div[@class='usa-memorable-date']//input"
        )
        for box in boxes.evaluate_all("inputs => inputs.map(input => input.id)"):
            self.text(box, value[box])

    def radio(self, name_id: str, index: int) -> None:
        """Choose the index-th option of a radio group (ids name_id_0, name_id_1, ...)."""
        if not self.keyboard:
            self.page.click(f"label[for='{name_id}_{index}']")
            assert self.page.is_checked(f"#{name_id}_{index}")
            return
        self._focus(f"#{name_id}_0")
        for _ in range(index):
            self.page.keyboard.press("ArrowDown")
        self.page.keyboard.press("Space")
        assert self.page.is_checked(f"#{name_id}_{index}")

    def select(self, element_id: str, value: str) -> None:
        if not self.keyboard:
            self.page.select_option(f"#{element_id}", value)
            return
        index = self.page.eval_on_selector(
            f"#{element_id}",
            "(select, value) => [...select.options].findIndex(o => o.value === value)",
            value,
        )
        self._focus(f"#{element_id}")
        self.page.keyboard.press("Home")
        for _ in range(index):
            self.page.keyboard.press("ArrowDown")
        assert self.page.input_value(f"#{element_id}") == value

    def check(self, element_id: str) -> None:
        if self.keyboard:
            self._focus(f"#{element_id}")
            self.page.keyboard.press("Space")
        else:  # the box itself is drawn by its label; the input is off screen (USWDS)
            self.page.click(f"label[for='{element_id}']")
        assert self.page.is_checked(f"#{element_id}")

    def upload(self, element_id: str, path: Path) -> None:
        """Keyboard mode reaches the file control with Tab; the file is then chosen in the
        browser's own dialog, which is not part of the page (and which headless Chromium under
        load sometimes failed to open on Space), so it is set on the focused control."""
        if self.keyboard:
            self._focus(f"#{element_id}")
        self.page.set_input_files(f"#{element_id}", str(path))
        if self.keyboard:
            assert self.page.evaluate("document.activeElement.id") == element_id

    def press(self, selector: str, *, check: bool = True) -> None:
        """Activate a button or link, then check the page it leads to."""
        if self.keyboard:
            self._focus(selector)
            with self.page.expect_navigation():
                self.page.keyboard.press("Enter")
        else:
            with self.page.expect_navigation():
                self.page.click(selector)
        if check:
            self.check_page()

    def submit(self) -> None:
        """The main form's submit button (Continue, Save, Send...), not one that edits a list."""
        self.press("main form button[type=submit]:not([data-edit]):visible")
