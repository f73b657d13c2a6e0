"""The backoffice plans a praktijktafel, moves a guest (the ratio updates in place), prints the table cards and
captures the solutions, which participants then read on the published results page."""

import re

from playwright.sync_api import expect

from spil.activities import table_services
from spil.activities.models import Table, TableSeat, TableSession
from tests.activities.factories import make_activity


def test_plan_move_print_and_capture(new_page, cast, login, axe_check):
    activity = make_activity(cast.network, kind="practice_table", title="Praktijktafel met wethouders")
    session = table_services.session_create(activity=activity, session=TableSession(rounds=2, seats_per_table=4))
    for name in ["Soest", "Baarn", "Leusden"]:
        table_services.table_save(
            table=Table(
                session=session, brought_by=f"Gemeente {name}", question=f"Hoe bereiken we werkgevers in {name}?"
            ),
            hosts=[(f"Wethouder {name}", f"Gemeente {name}")],
        )
    for i in range(7):
        table_services.guest_add(session=session, name=f"Gast {i}", organisation=f"Bedrijf {i}")

    page = new_page()
    login(page, cast.backoffice)
    page.goto(f"/n/{cast.network.slug}/activiteiten/{activity.pk}/")
    page.get_by_role("link", name="Praktijktafel", exact=True).click()
    expect(page.get_by_role("heading", name="Praktijktafel", level=1)).to_be_visible()
    axe_check(page)
    page.get_by_role("button", name="Maak de indeling").click()
    expect(page.get_by_role("status").first).to_contain_text("De indeling is klaar")
    ratio = page.get_by_test_id("ratio")
    before = ratio.inner_text()
    axe_check(page)

    # Move a guest in round 2 to a table with a free seat; only the plan is replaced.
    page.evaluate("window.spilNoReload = true")
    seats = TableSeat.objects.filter(session=session, round=1).select_related("participant", "table")
    counts = {t.pk: sum(s.table_id == t.pk for s in seats) for t in session.tables.all()}
    target = next(t for t in session.tables.all() if counts[t.pk] < 3)
    guest = next(s.participant for s in seats if s.table_id != target.pk)
    page.get_by_label("Verplaats in ronde 2").select_option(label=guest.name)
    page.get_by_label("naar", exact=True).nth(1).select_option(label=f"tafel {target.number}")
    page.get_by_role("button", name="Verplaats – ronde 2").click()
    expect(page.locator("#plan").get_by_role("status").first).to_contain_text(
        f"{guest.name} zit in ronde 2 aan tafel {target.number}"
    )
    assert page.evaluate("window.spilNoReload") is True
    session.refresh_from_db()
    expect(ratio).to_have_text(f"{round(session.ratio * 100)}%")
    assert re.fullmatch(r"\d+%", before)
    axe_check(page)

    # Table cards: one per table per round, ready to print.
    page.get_by_role("link", name="Tafelkaarten printen").click()
    expect(page.locator("article.table-card")).to_have_count(3 * 2)
    page.emulate_media(media="print")
    expect(page.get_by_role("banner")).to_be_hidden()
    page.emulate_media(media="screen")
    axe_check(page)

    # Capture the solutions per table and publish.
    page.go_back()
    page.get_by_role("link", name="Resultaten vastleggen").click()
    baarn = session.tables.get(brought_by="Gemeente Baarn")
    page.locator(f"#solutions-{baarn.pk}").fill("Eenduidig organiseren\nBedrijvenkring centraal")
    page.locator(f"#summary-{baarn.pk}").fill("Veel initiatieven; maak ze bekend.")
    page.get_by_label("Samenvatting van de middag").fill("Werkgevers en wethouders zochten samen naar oplossingen.")
    page.get_by_label("Resultaten gepubliceerd").check()
    axe_check(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Resultaten: Praktijktafel met wethouders")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Bedrijvenkring centraal")).to_be_visible()
    axe_check(page)

    # A participant without an account reads the results through the published link.
    session.refresh_from_db()
    visitor = new_page()
    visitor.goto(f"/praktijktafel/{session.public_token}/")
    expect(visitor.get_by_text("Eenduidig organiseren")).to_be_visible()
    axe_check(visitor)
