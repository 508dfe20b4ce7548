"""The playground in a real browser: Chromium from the operating system's packages, driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from playground.page import PageServer
from playground.workspace import Workspace

CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path() -> str:
    """The system Chromium (`apt-get install chromium`); Playwright's own download is never used."""
    given = os.environ.get("CHROMIUM")
    found = given or next((p for p in CHROMIUM_PATHS if Path(p).exists()), None) or shutil.which("chromium")
    if not found:
        raise RuntimeError("no Chromium found: apt-get install -y chromium (or set CHROMIUM=/path/to/it)")
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[tuple[Workspace, str]]:
    running = Workspace(tmp_path / "playground").start()
    page_server = PageServer(running, "127.0.0.1", 0)
    page_server.serve_in_background()
    yield running, page_server.url
    page_server.shutdown()
    page_server.server_close()
    running.stop()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="en-US")
    opened = context.new_page()
    opened.set_default_timeout(10_000)
    yield opened
    context.close()
