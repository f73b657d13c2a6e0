"""Playwright in Debian's Chromium against pytest-django's live server, with axe-core checks.

Every test in this folder is marked `browser`. Without /usr/bin/chromium the folder is
skipped, except in CI (CI=true), where a missing browser is an error.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect, sync_playwright

from tests.cast import PASSWORD

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the
# test body (fixtures, assertions on the database) would otherwise be refused.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

expect.set_options(timeout=5_000)


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    in_ci = os.environ.get("CI", "").lower() == "true"
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}: install Debian's chromium to run browser tests")
    for item in items:
        if here not in Path(item.fspath).parents:
            continue
        item.add_marker(pytest.mark.browser)
        if not CHROMIUM.exists() and not in_ci:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is required in CI but {CHROMIUM} is missing.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context (own cookies): one per persona in a flow."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(base_url=live_server.url, locale="nl-NL")
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


@pytest.fixture(scope="session")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def axe_check(axe):
    """Run axe-core (WCAG 2.1 AA) on the page as it is now; fail listing every violation."""

    def check(page: Page) -> None:
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
        violations = results.response["violations"]
        if violations:
            lines = [f"{len(violations)} axe violation(s) on {page.url}:"]
            for violation in violations:
                lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
                lines.extend(f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}" for node in violation["nodes"])
            message = "\n".join(lines)
            print(message)
            pytest.fail(message, pytrace=False)

    return check


@pytest.fixture
def login(axe_check):
    """Log in through allauth's real form; checks the login page with axe on the way."""

    def do_login(page: Page, user) -> None:
        page.goto("/accounts/login/")
        axe_check(page)
        page.locator("input[name=login], input[name=email]").first.fill(user.email)
        page.locator("input[name=password]").fill(PASSWORD)
        page.locator("form[action='/accounts/login/'] [type=submit]").click()
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    return do_login


@pytest.fixture
def logout():
    def do_logout(page: Page) -> None:
        page.get_by_role("button", name=re.compile("Uitloggen|Log out")).click()
        expect(page.get_by_role("button", name=re.compile("Uitloggen|Log out"))).to_have_count(0)

    return do_logout
