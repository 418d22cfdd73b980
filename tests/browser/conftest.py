"""Fixtures for browser tests: Debian's Chromium through Playwright, axe, the live server."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import Browser, Page, sync_playwright

from lifeline.portal.tests.conftest import clamd_socket, scanner, smtp_inbox

from .driver import Driver

__all__ = ["clamd_socket", "scanner", "smtp_inbox"]

CHROMIUM = os.environ.get("LIFELINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EXPECTED_REFUSAL = re.compile(r"status of (400|422|429) ")
# Playwright's sync API runs an event loop in this thread; the ORM calls made by the tests
# themselves are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: scripts/setup installs Debian's chromium package")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def axe() -> Axe:
    """axe-core from the vendored npm package (static/vendor/axe-core)."""
    return Axe.from_file(Path(settings.BASE_DIR) / "static/vendor/axe-core/axe.min.js")


class PageProblems:
    """CSP refusals and script errors seen by a page; a test fails on any."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def watch(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.messages.append(f"page error: {error}"))

    def _console(self, message: Any) -> None:
        text = message.text
        if EXPECTED_REFUSAL.search(text):
            return  # a form sent back with its errors, or the lockout page: by design
        if message.type == "error" or "Content Security Policy" in text:
            self.messages.append(f"console {message.type}: {text}")


@pytest.fixture
def problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def open_driver(
    browser: Browser, axe: Axe, live_server: Any, problems: PageProblems
) -> Iterator[Callable[..., Driver]]:
    """Open a browser tab for one person: a language, a width, mouse or keyboard alone."""
    contexts = []

    def open_tab(*, language: str = "en", keyboard: bool = False, width: int = 1024) -> Driver:
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        problems.watch(page)
        return Driver(page, axe, live_server.url, language, keyboard=keyboard)

    yield open_tab
    for context in contexts:
        context.close()
    assert not problems.messages, problems.messages


@pytest.fixture(autouse=True)
def fresh_state(settings: Any, tmp_path: Path) -> None:
    """Own media folder; no rate-limit counts left by an earlier test (allauth sends one
    verification mail per address every few minutes)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
