"""Every page a GET can show passes axe-core (WCAG 2.1 AA); htmx and the language switch work in the browser."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.dateformat import format as date_format
from playwright.sync_api import Page, expect

from spil.accounts.models import Membership, Role
from spil.networks.models import Cooperation, Stakeholder
from spil.partners.models import Contribution, Organisation, Source, Status
from tests.browser.helpers import axe_report
from tests.cast import add_ambition, add_result, make_partnership
from tests.pages import page_urls
from tests.rows import add_rows

# Files and htmx fragments, not pages.
DOWNLOADS = {
    "activity_ics",
    "mailing_progress",
    "cohort_progress",
    "outreach_report_xlsx",
    "outreach_pressure",
    "candidate_export",
    "task_suggestions",
    "candidate_list_csv",
    "opportunity_list_csv",
    "match_list_csv",
    "export_progress",
    "export_download",
}


@pytest.fixture
def filled_network(cast):
    """The cast's network with a row in every table the pages show."""
    ambition = add_ambition(
        cast.partnership_a, kind="jobs", target=5, target_date=date(2030, 12, 31), description="Vijf banen"
    )
    add_result(ambition, number=2, date=date(2025, 3, 1))
    Contribution.objects.create(
        partnership=cast.partnership_a, year=2025, amount=Decimal("500"), invoiced_on=date(2025, 1, 10)
    )
    applicant = Organisation.objects.create(name="Drukkerij Dekker", postcode="3811 AB", municipality="Amersfoort")
    make_partnership(
        cast.network,
        applicant,
        status=Status.APPLICANT,
        source=Source.PUBLIC_FORM,
        applied_at=timezone.now(),
        joined_on=None,
        motivation="Wij willen meedoen.",
    )
    Stakeholder.objects.create(network=cast.network, name="Gemeente Amersfoort", kind="municipality")
    Cooperation.objects.create(network=cast.network, partner_name="99vanUtrecht", level=3)
    return cast


def test_every_page_passes_axe(new_page, filled_network, login, axe):
    cast = filled_network
    # Activities, registrations, groups and a kerngroep meeting: one row of everything.
    add_rows(cast, 1)
    # A second membership makes the home page a network chooser and shows the network menu in the header.
    Membership.objects.create(user=cast.coordinator, network=cast.other_network, role=Role.BACKOFFICE)
    reports = []

    anonymous = new_page()
    for url in ["/accounts/login/", "/accounts/password/reset/", f"/aanmelden/{cast.network.slug}/"]:
        response = anonymous.goto(url)
        assert response.ok, url
        reports.append(axe_report(anonymous, axe))

    page = new_page()
    login(page, cast.coordinator)
    expect(page.get_by_role("heading", name="Mijn netwerken")).to_be_visible()
    reports.append(axe_report(page, axe))
    for name, url in page_urls(cast).items():
        if name in DOWNLOADS:
            continue
        response = page.goto(url)
        assert response.ok, f"{name}: {url} answered {response.status}"
        reports.append(axe_report(page, axe))

    reports = [report for report in reports if report]
    assert not reports, "\n\n".join(reports)


def test_contribution_is_marked_paid_without_reload(page: Page, filled_network, login, axe_check):
    cast = filled_network
    contribution = Contribution.objects.get(partnership=cast.partnership_a, year=2025)
    login(page, cast.coordinator)
    page.get_by_role("link", name="Contributies", exact=True).click()
    expect(page.get_by_role("heading", name="Contributies", level=1)).to_be_visible()
    axe_check(page)

    row = page.locator(f"#contribution-{contribution.pk}")
    # A marker on the window survives an htmx swap but not a page load.
    page.evaluate("window.spilNoReload = true")
    row.get_by_role("button", name=re.compile("^Markeer als betaald")).click()
    today = date_format(timezone.localdate(), "j-n-Y")
    expect(row.get_by_role("cell").last).to_have_text(f"Betaald op {today}")
    expect(row.get_by_role("button")).to_have_count(0)
    # The button that had the focus is gone; the focus moves to the new status, not to the page top.
    expect(row.get_by_role("status")).to_be_focused()
    assert page.evaluate("window.spilNoReload") is True
    contribution.refresh_from_db()
    assert contribution.paid_on == timezone.localdate()
    axe_check(page)


def test_language_switch_to_english(page: Page, cast, login, axe_check):
    login(page, cast.coordinator)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    axe_check(page)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(rf"/n/{cast.network.slug}/$"))
    expect(page.get_by_role("button", name="Nederlands")).to_be_visible()
    axe_check(page)
