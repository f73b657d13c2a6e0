"""The backoffice composes a newsletter, checks the preview, sends it and watches the progress reach 100%."""

import re

from playwright.sync_api import expect

from spil.communication import services
from spil.communication.models import Mailing


def test_compose_preview_send_and_progress(page, cast, mailbox, login, axe_check, settings):
    # The sender runs when the test says so, as a worker would, so that the page shows it under way.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    login(page, cast.backoffice)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Mailings").click()
    expect(page.get_by_role("heading", name="Mailings", level=1)).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name="Nieuwe mailing").click()
    page.get_by_label("Soort").select_option(label="Nieuwsbrief")
    page.get_by_label("Ontvangers").select_option(label="Contactpersonen van alle actieve partners")
    page.get_by_label("Onderwerp").fill("Nieuws uit {{ netwerk }}")
    page.get_by_label("Tekst").fill("Beste {{ naam }},\n\nOp 10 maart is er een kennissessie. {% if %}")
    page.get_by_role("button", name="Opslaan en voorbeeld bekijken").click()
    expect(page.locator("#id_body_error")).to_contain_text("De tekst klopt niet")
    axe_check(page)
    page.get_by_label("Tekst").fill("Beste {{ naam }},\n\nOp 10 maart is er een kennissessie.")
    page.get_by_role("button", name="Opslaan en voorbeeld bekijken").click()
    expect(page.get_by_role("heading", name="Nieuws uit {{ netwerk }}")).to_be_visible()
    expect(page.get_by_text("Nieuws uit 99vanTestregio")).to_be_visible()
    expect(page.locator("pre.mail-preview")).to_contain_text(re.compile(r"Beste Contact \w+"))
    axe_check(page)

    page.get_by_role("button", name="Versturen naar 3 ontvangers").click()
    expect(page.get_by_role("status").filter(has_text="Wordt verstuurd:")).to_contain_text("0 van 3 verstuurd")
    axe_check(page)
    services.mailing_deliver(mailing_id=Mailing.objects.get().pk)  # the worker's turn
    progress = page.get_by_label("Voortgang van het versturen")
    expect(progress).to_have_attribute("value", "100")
    expect(page.get_by_role("status").filter(has_text="Klaar:")).to_contain_text("3 van 3 verstuurd")
    expect(page.get_by_role("cell", name=re.compile("Verstuurd"))).to_have_count(3)
    axe_check(page)
    assert len(mailbox.messages) == 3
