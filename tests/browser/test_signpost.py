"""A visitor without an account searches the signpost and sees an entry flagged as not checked for a year;
an editor confirms it is still current with one click, and the flag is gone."""

import re
from datetime import date

from playwright.sync_api import expect

from tests.knowledge.conftest import make_entry

OLD = "Buurtwerkplaats De Kei"


def test_visitor_finds_a_flagged_entry_and_an_editor_marks_it_checked(new_page, cast, login, axe_check):
    make_entry(cast.network, "Taalcafé Soesterkwartier", theme="learning", offer="Nederlands oefenen op de werkvloer")
    make_entry(
        cast.network,
        OLD,
        checked=date(2023, 4, 1),
        theme="coaching",
        offer="Werkervaring en begeleiding in een houtwerkplaats",
        contact_phone="033 765 43 21",
    )

    visitor = new_page()
    visitor.goto(f"/wegwijzer/{cast.network.slug}/")
    expect(visitor.get_by_role("heading", name=f"Wegwijzer van {cast.network.name}", level=1)).to_be_visible()
    axe_check(visitor)
    visitor.get_by_label("Zoeken op naam, doelgroep of aanbod").fill("werkplaats")
    visitor.get_by_role("button", name="Zoeken").click()
    results = visitor.get_by_test_id("signpost-entry")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text(OLD)
    expect(results.first.get_by_test_id("not-checked")).to_contain_text("Niet gecontroleerd sinds 1-4-2023")
    visitor.get_by_label("Thema").select_option(label="Begeleiding en jobcoaching")
    expect(visitor.get_by_test_id("signpost-entry")).to_have_count(1)
    axe_check(visitor)
    visitor.get_by_role("link", name=OLD).click()
    expect(visitor.get_by_role("heading", name=OLD, level=1)).to_be_visible()
    expect(visitor.get_by_test_id("not-checked")).to_contain_text("Niet gecontroleerd sinds 1 april 2023")
    expect(visitor.get_by_text("033 765 43 21")).to_be_visible()
    axe_check(visitor)

    editor = new_page()
    login(editor, cast.editor)
    editor.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Wegwijzer").click()
    expect(editor.get_by_role("heading", name="Wegwijzer beheren", level=1)).to_be_visible()
    expect(editor.get_by_test_id("needs-check")).to_contain_text(
        "1 initiatief is langer dan een jaar niet gecontroleerd"
    )
    axe_check(editor)
    editor.get_by_role("link", name="Toon wat controle nodig heeft").click()
    row = editor.get_by_test_id("entry-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("controle nodig")
    # The entry's name is in the button for screen readers (several rows have a "Nog actueel" button).
    row.get_by_role("button", name=re.compile(rf"^Nog actueel\s*:\s*{OLD}$")).click()
    expect(editor.get_by_role("status").first).to_contain_text(f"{OLD} is gemarkeerd als nog actueel.")
    expect(editor.get_by_test_id("needs-check")).to_have_count(0)
    expect(editor.get_by_test_id("entry-row")).to_have_count(0)
    axe_check(editor)

    visitor.reload()
    expect(visitor.get_by_role("heading", name=OLD, level=1)).to_be_visible()
    expect(visitor.get_by_test_id("not-checked")).to_have_count(0)
