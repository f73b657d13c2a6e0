"""An interviewer picks an employer that was contacted lately, sees who contacted it and when, and logs the
conversation anyway."""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from spil.outreach import services
from spil.outreach.models import Conversation
from tests.outreach.factories import log_conversation, make_campaign


def test_contact_pressure_warning_then_log_the_conversation(page, cast, login, axe_check):
    campaign = make_campaign(cast, interviewers=[cast.wsp_advisor, cast.coordinator])
    services.targets_add(campaign=campaign, organisations=[cast.org_a, cast.org_b])
    earlier = timezone.localdate() - timedelta(days=12)
    log_conversation(campaign, cast.org_a, cast.coordinator, earlier)

    login(page, cast.wsp_advisor)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gesprekken").click()
    expect(page.get_by_role("heading", name="Werkgeversgesprekken", level=1)).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Blik op de Toekomst").click()
    expect(page.get_by_role("heading", name="Blik op de Toekomst", level=1)).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Gesprek vastleggen — Bouwbedrijf Bosman").click()
    expect(page.get_by_role("heading", name="Gesprek vastleggen")).to_be_visible()
    expect(page.get_by_text("Geen contact met deze werkgever")).to_be_visible()

    # Picking another employer asks Spil (htmx) about that employer's recent contacts.
    page.get_by_role("combobox", name="Werkgever").select_option(label="Bakkerij Aalbers")
    warning = page.get_by_role("alert")
    expected = f"Carla Coördinator (Blik op de Toekomst) op {date_format(earlier, 'j F Y')}"
    expect(warning).to_contain_text("Let op: contactdruk")
    expect(warning).to_contain_text(expected)
    axe_check(page)

    page.get_by_label("Hoe staat uw personeelsbestand ervoor?").fill("Krap, vooral in het magazijn.")
    page.get_by_label("Aantal vacatures").fill("-3")
    page.get_by_role("button", name="Gesprek opslaan").click()
    expect(page.locator("#id_vacancies_count_error")).to_be_visible()
    axe_check(page)
    page.get_by_label("Aantal vacatures").fill("2")
    page.get_by_label("Vacatures", exact=True).fill("Magazijnmedewerker, chauffeur")
    page.get_by_label("De werkgever geeft toestemming").check()
    page.get_by_label("Doorverwezen naar").select_option(label="WSP Testregio")
    page.get_by_label("Vervolgactie", exact=True).fill("Vacatures doorzetten naar het WSP")
    page.get_by_label("Vervolgactie uiterlijk").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Gesprek opslaan").click()
    expect(page.get_by_role("heading", name="Gesprek met Bakkerij Aalbers")).to_be_visible()
    expect(page.get_by_text("Krap, vooral in het magazijn.")).to_be_visible()
    expect(page.get_by_role("cell", name="Vacatures doorzetten naar het WSP", exact=True)).to_be_visible()
    axe_check(page)
    conversation = Conversation.objects.get(interviewer=cast.wsp_advisor)
    assert conversation.vacancies_count == 2 and conversation.consent_share_name
