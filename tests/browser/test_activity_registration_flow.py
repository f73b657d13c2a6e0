"""The backoffice plans an activity; people register until it is full; a cancellation promotes the first waiting."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from spil.activities.models import Activity, Registration

TITLE = "Kennissessie jobcarving"
JOB_SEEKER = "sam@werkzoekende.example"


def _open_activity(page: Page, axe_check) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Activiteiten").click()
    expect(page.get_by_role("heading", name="Activiteiten", level=1)).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()


def test_register_until_full_wait_cancel_and_the_first_waiting_is_promoted_and_mailed(
    new_page, cast, mailbox, login, axe_check
):
    office = new_page()
    login(office, cast.backoffice)
    office.goto(f"/n/{cast.network.slug}/activiteiten/nieuw/")
    axe_check(office)
    office.get_by_label("Soort").select_option(label="Kennissessie")
    office.get_by_label("Titel").fill(TITLE)
    office.get_by_label("Begint").fill("2030-03-10T15:00")
    office.get_by_label("Eindigt").fill("2030-03-10T14:00")
    office.get_by_label("Maximum aantal deelnemers").fill("2")
    office.get_by_role("button", name="Opslaan").click()
    # A bad end time: a message at that field, nothing stored.
    expect(office.locator("#id_ends_at_error")).to_contain_text("Het einde ligt voor het begin.")
    assert not Activity.objects.exists()
    axe_check(office)
    office.get_by_label("Eindigt").fill("2030-03-10T17:00")
    office.get_by_role("button", name="Opslaan").click()
    expect(office.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    axe_check(office)

    # The backoffice registers partner B's contact on their behalf.
    office.get_by_role("link", name="Iemand aanmelden").click()
    axe_check(office)
    # Typing part of a name suggests the partner's contacts (htmx fills the datalist).
    email_field = office.get_by_label("E-mailadres")
    email_field.press_sequentially("bouwbedrijf")
    expect(office.locator("datalist option")).to_have_count(1)
    email_field.fill(cast.partnership_b.main_contact.email)
    office.get_by_role("button", name="Aanmelden").click()
    expect(office.get_by_role("status").first).to_contain_text("is aangemeld")

    # Partner A registers themselves and takes the last place.
    partner = new_page()
    login(partner, cast.partner_a)
    _open_activity(partner, axe_check)
    partner.get_by_role("button", name="Aanmelden").click()
    expect(partner.get_by_role("status").first).to_contain_text("is aangemeld")
    expect(partner.get_by_text("U bent aangemeld.")).to_be_visible()
    axe_check(partner)
    (confirmation,) = mailbox.to(cast.partner_a.email)
    assert any(part.get_content_type() == "text/calendar" for part in confirmation.iter_attachments())

    # Full: a job seeker registered by the backoffice goes on the waiting list.
    office.get_by_role("link", name="Iemand aanmelden").click()
    office.get_by_label("E-mailadres").fill(JOB_SEEKER)
    office.get_by_role("button", name="Aanmelden").click()
    # Not a partner's contact: the name is needed, with a message at that field.
    expect(office.locator("#id_name_error")).to_contain_text("Vul de naam in")
    axe_check(office)
    office.get_by_label("Naam", exact=True).fill("Sam Werkzoekende")
    office.get_by_role("button", name="Aanmelden").click()
    expect(office.get_by_role("status").first).to_contain_text("staat op de wachtlijst")
    expect(office.get_by_role("cell", name=re.compile("Wachtlijst"))).to_be_visible()
    assert Registration.objects.get(email=JOB_SEEKER).status == "waiting"

    # Partner A cancels after a confirmation; the job seeker gets the place and an email.
    partner.get_by_role("link", name="Afmelden").click()
    expect(partner.get_by_role("heading", name="Aanmelding annuleren")).to_be_visible()
    axe_check(partner)
    partner.get_by_role("button", name="Ja, annuleren").click()
    expect(partner.get_by_role("status").first).to_contain_text("is geannuleerd")
    expect(partner.get_by_role("button", name="Op de wachtlijst")).to_be_visible()
    assert Registration.objects.get(email=JOB_SEEKER).status == "registered"
    (promoted,) = mailbox.to(JOB_SEEKER)[-1:]
    assert promoted["Subject"] == f"Er is een plaats voor u: {TITLE}"
    assert any(part.get_content_type() == "text/calendar" for part in promoted.iter_attachments())

    # On the day (the clock moves to an hour after the start), on a phone: check people in without reloading.
    start = timezone.now() - timedelta(hours=1)
    Activity.objects.filter(title=TITLE).update(starts_at=start, ends_at=start + timedelta(hours=3))
    office.set_viewport_size({"width": 390, "height": 844})
    office.reload()
    office.get_by_role("link", name="Aanwezigheid").click()
    expect(office.get_by_role("heading", name="Aanwezigheid", level=1)).to_be_visible()
    axe_check(office)
    office.evaluate("window.spilNoReload = true")
    row = office.get_by_role("listitem").filter(has_text="Sam Werkzoekende")
    row.get_by_role("button", name=re.compile("^Aanwezig")).click()
    expect(row.get_by_role("status")).to_have_text("Aanwezig")
    expect(row.get_by_role("button", name=re.compile("^Aanwezig"))).to_have_attribute("aria-pressed", "true")
    assert office.evaluate("window.spilNoReload") is True
    assert Registration.objects.get(email=JOB_SEEKER).attendance == "present"
    axe_check(office)
