"""The coordinator adds a partner, records its ambition and a result, and sees the totals move."""

import re

from django.utils import timezone
from playwright.sync_api import Page, expect

from spil.partners.models import Contact, Organisation
from tests.browser.helpers import percentage, totals

NAME = "Zorggroep Zuiderpark"


def _open_network_totals(page: Page, axe_check, slug: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """(target, realised) of jobs on the dashboard and on the ambition overview."""
    page.get_by_role("link", name="Overzicht", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/n/{slug}/$"))
    # The link stands below the totals table: once it is there, the table is too.
    expect(page.get_by_role("link", name="Alle ambities en resultaten")).to_be_visible()
    axe_check(page)
    dashboard = totals(page, "jobs")
    page.get_by_role("link", name="Alle ambities en resultaten").click()
    expect(page.get_by_role("heading", name="Per partner")).to_be_visible()
    axe_check(page)
    return dashboard, totals(page, "jobs")


def test_coordinator_adds_partner_and_sees_ambition_totals_change(page: Page, cast, login, axe_check):
    slug = cast.network.slug
    login(page, cast.coordinator)
    expect(page).to_have_url(re.compile(rf"/n/{slug}/$"))
    (dash_target, dash_realised), (overview_target, overview_realised) = _open_network_totals(page, axe_check, slug)
    assert (dash_target, dash_realised) == (overview_target, overview_realised)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Partners").click()
    expect(page.get_by_role("heading", name="Partners", level=1)).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Partner toevoegen").click()
    expect(page.get_by_role("heading", name="Partner toevoegen")).to_be_visible()
    axe_check(page)

    organisation = page.get_by_role("group", name="Organisatie")
    organisation.get_by_label("Naam").fill(NAME)
    organisation.get_by_label("KvK-nummer").fill("87654321")
    organisation.get_by_label("Sector").fill("Zorg")
    organisation.get_by_label("Postcode").fill("12345")
    organisation.get_by_label("Gemeente").fill("Utrecht")
    contact = page.get_by_role("group", name="Contactpersoon")
    contact.get_by_label("Naam").fill("Zeynep Zwart")
    contact.get_by_label("E-mailadres").fill("zeynep@zuiderpark.example")
    page.get_by_role("button", name="Opslaan").click()

    # A wrong postcode: the message stands next to the field, the entries stay, nothing is saved.
    postcode = organisation.get_by_label("Postcode")
    expect(postcode).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(postcode).to_have_attribute("aria-invalid", "true")
    expect(postcode).to_have_accessible_description(re.compile("Nederlandse postcode"))
    expect(postcode.locator("xpath=following-sibling::*[1]")).to_contain_text("vier cijfers en twee letters")
    expect(organisation.get_by_label("Naam")).to_have_value(NAME)
    assert not Organisation.objects.filter(name=NAME).exists()
    assert not Contact.objects.filter(email="zeynep@zuiderpark.example").exists()
    axe_check(page)

    postcode.fill("3512ab")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name=NAME, level=1)).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/n/{slug}/partners/\d+/$"))
    expect(page.get_by_role("status")).to_contain_text(f"{NAME} is toegevoegd als partner.")
    expect(page.get_by_text("3512 AB")).to_be_visible()
    axe_check(page)
    partner_url = page.url
    partner_target, partner_realised = totals(page, "jobs")

    page.get_by_role("link", name="Ambitie vastleggen").click()
    expect(page.get_by_role("heading", name="Ambitie vastleggen")).to_be_visible()
    axe_check(page)
    page.get_by_label("Soort").select_option("jobs")
    page.get_by_label("Doel").fill("4")
    page.get_by_label("Te halen op").fill(f"{timezone.localdate().year + 1}-12-31")
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(partner_url)
    expect(page.get_by_test_id("target-jobs")).to_have_text(str(partner_target + 4))
    expect(page.get_by_test_id("realised-jobs")).to_have_text(str(partner_realised))
    axe_check(page)

    page.get_by_role("link", name=re.compile("^Resultaat registreren")).click()
    expect(page.get_by_role("heading", name="Resultaat registreren")).to_be_visible()
    axe_check(page)
    page.get_by_label("Aantal").fill("1")
    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_label("Omschrijving").fill("Eerste medewerker via de WSP")
    page.get_by_role("button", name="Opslaan").click()
    expect(page).to_have_url(partner_url)
    expect(page.get_by_test_id("realised-jobs")).to_have_text(str(partner_realised + 1))
    expect(page.get_by_test_id("pct-jobs")).to_have_text(f"{percentage(partner_realised + 1, partner_target + 4)}%")
    expect(page.get_by_text("Eerste medewerker via de WSP")).to_be_visible()
    axe_check(page)

    dashboard, overview = _open_network_totals(page, axe_check, slug)
    assert dashboard == (dash_target + 4, dash_realised + 1)
    assert overview == (overview_target + 4, overview_realised + 1)
    expect(page.get_by_test_id("pct-jobs")).to_have_text(f"{percentage(overview_realised + 1, overview_target + 4)}%")
    expect(page.get_by_role("row").filter(has_text=NAME)).to_contain_text("4")
