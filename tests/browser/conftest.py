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

from tests.browser.helpers import axe_report
from tests.cast import PASSWORD
from tests.reference_data import ensure_reference_data

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HERE = Path(__file__).parent

expect.set_options(timeout=5_000)


def pytest_collection_modifyitems(config, items):
    in_ci = os.environ.get("CI", "").lower() == "true"
    missing = not CHROMIUM.exists()
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}: install Debian's chromium to run browser tests")
    for item in items:
        if HERE not in item.path.parents:
            continue
        item.add_marker(pytest.mark.browser)
        if missing and not in_ci:
            item.add_marker(skip)


@pytest.fixture(scope="package")
def browser(django_db_setup, django_db_blocker):
    # Package scope: Playwright stops when the browser tests are done, so its event loop does not
    # make Django refuse synchronous database work in the tests that run after them. It depends on
    # the test database so that the database is torn down after Playwright has stopped.
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is required in CI (CI=true) but {CHROMIUM} is missing.", pytrace=False)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Playwright's sync API keeps an event loop running in this thread, and Django refuses ORM
    calls from such a thread (fixtures, database flushes, assertions in the test body) unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set. It is set around each browser test only, so that it never
    reaches other tests or their subprocesses (`check --deploy` rejects it)."""
    if HERE not in item.path.parents:
        return (yield)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        return (yield)
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    """Browser tests flush the database after each test, data-migration rows included: restore them."""
    ensure_reference_data()


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
    """Assert that axe-core finds no WCAG 2.1 AA violation on the page; print them all when it does."""

    def check(page: Page) -> None:
        report = axe_report(page, axe)
        if report:
            print(report)
            pytest.fail(report, pytrace=False)

    return check


@pytest.fixture
def login(axe_check):
    """Log in through allauth's real form (checking the login page with axe on the way)."""

    checked = []

    def do_login(page: Page, user) -> None:
        page.goto("/accounts/login/")
        if not checked:  # the same page for every persona: check it once per test
            axe_check(page)
            checked.append(True)
        form = page.locator("form[action='/accounts/login/']")
        form.locator("input[name=login], input[name=email]").fill(user.email)
        form.locator("input[name=password]").fill(PASSWORD)
        form.locator("[type=submit]").click()
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
        expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()

    return do_login
