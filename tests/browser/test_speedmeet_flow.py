"""Speedmeet (drive-in): an employer on a phone taps Ja for a presented candidate (htmx, no reload), the
coordinator makes and confirms the plan, and the introduction exists; axe checks every step."""

import re

from playwright.sync_api import expect

from spil.matching.models import Match
from tests.matching.candidate_factories import make_candidate
from tests.matching.opportunity_factories import make_opportunity
from tests.matching.speedmeet_factories import make_speedmeet, present

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_employer_taps_yes_on_a_phone_and_the_plan_makes_the_introduction(
    browser, live_server, new_page, cast, login, axe_check
):
    speedmeet = make_speedmeet(cast)
    candidate = make_candidate(cast, tasks=["Afwassen"])
    present(cast, speedmeet, candidate)
    make_opportunity(cast, title="Afwasser")
    slug, activity = cast.network.slug, speedmeet.activity_id

    context = browser.new_context(base_url=live_server.url, locale="nl-NL", **PHONE)
    try:
        phone = context.new_page()
        login(phone, cast.partner_a)
        phone.goto(f"/n/{slug}/activiteiten/{activity}/")
        phone.get_by_role("link", name="Kandidaten kiezen").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text("Wie wilt u spreken?")
        card = phone.locator(f"#kandidaat-{candidate.pk}")
        expect(card).to_contain_text("Afwassen")
        expect(phone.locator("main")).not_to_contain_text("Bennani")
        axe_check(phone)
        phone.evaluate("window.spilNoReload = true")
        card.get_by_role("button", name=re.compile(f"^Ja – Kandidaat {candidate.pk}")).click()
        card = phone.locator(f"#kandidaat-{candidate.pk}")
        expect(card.get_by_role("status")).to_have_text("Uw keuze: Ja, ik wil kennismaken")
        expect(card.get_by_role("button", name=re.compile("^Ja"))).to_have_attribute("aria-pressed", "true")
        # The answer just given keeps the focus after the swap.
        expect(card.get_by_role("button", name=re.compile("^Ja"))).to_be_focused()
        assert phone.evaluate("window.spilNoReload") is True
        # A touch target of at least 44 by 44 CSS pixels.
        box = card.get_by_role("button", name=re.compile("^Nee")).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
        axe_check(phone)

        organiser = new_page()
        login(organiser, cast.coordinator)
        organiser.goto(f"/n/{slug}/speedmeet/{activity}/")
        expect(organiser.get_by_role("heading", level=1)).to_have_text(speedmeet.activity.title)
        axe_check(organiser)
        organiser.get_by_role("button", name="Rooster maken").click()
        expect(organiser.get_by_text("Alle 1 gewenste gesprekken staan in het rooster.")).to_be_visible()
        expect(organiser.locator("#rooster").get_by_role("cell", name="Bakkerij Aalbers")).to_be_visible()
        axe_check(organiser)
        # Presenting another candidate: the page and its error messages pass axe too.
        organiser.goto(f"/n/{slug}/speedmeet/{activity}/kandidaten/")
        axe_check(organiser)
        organiser.get_by_role("button", name="Voorstellen").click()
        expect(organiser.get_by_text("Dit veld is verplicht.")).to_be_visible()
        axe_check(organiser)
        organiser.goto(f"/n/{slug}/speedmeet/{activity}/")
        organiser.get_by_role("button", name="Rooster bevestigen en kennismakingen vastleggen").click()
        expect(organiser.get_by_text("1 kennismaking(en) vastgelegd")).to_be_visible()
        expect(organiser.get_by_role("link", name="Kennismaking vastgelegd")).to_be_visible()
        axe_check(organiser)
        match = Match.objects.get(candidate=candidate)
        assert match.stage == "introduction"

        phone.reload()
        expect(phone.get_by_role("heading", name="Uw gesprekken")).to_be_visible()
        expect(phone.get_by_role("link", name="Kennismaking bekijken")).to_be_visible()
        expect(phone.get_by_role("button", name=re.compile("^Ja"))).to_have_count(0)
        axe_check(phone)
    finally:
        context.close()
