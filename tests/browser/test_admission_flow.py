"""An employer applies on the public form; the kerngroep advises, the chair decides, the applicant is mailed."""

import re

from playwright.sync_api import Page, expect

ORGANISATION = "Hoveniersbedrijf De Hortus"
CONTACT_EMAIL = "hanna@dehortus.example"
DECISION_FORM_BUTTON = "Besluit vastleggen en aanmelder mailen"


def _open_application(page: Page, axe_check) -> None:
    """From the dashboard through the menu to the application in the admissions list."""
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanmeldingen").click()
    expect(page.get_by_role("heading", name="Aanmeldingen", level=1)).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name=ORGANISATION).click()
    expect(page.get_by_role("heading", name=f"Aanmelding {ORGANISATION}", level=1)).to_be_visible()
    axe_check(page)


def test_application_is_advised_decided_and_mailed(new_page, cast, mailbox, login, axe_check):
    # The employer, not logged in, applies through the public form.
    applicant = new_page()
    applicant.goto(f"/aanmelden/{cast.network.slug}/")
    expect(applicant.get_by_role("heading", name=f"Aanmelden bij {cast.network.name}")).to_be_visible()
    axe_check(applicant)
    applicant.get_by_label("Naam organisatie").fill(ORGANISATION)
    applicant.get_by_label("KvK-nummer").fill("7654 3210")
    applicant.get_by_label("Sector").fill("Groen")
    applicant.get_by_label("Aantal medewerkers").fill("35")
    applicant.get_by_label("Postcode").fill("3811 ab")
    applicant.get_by_label("Gemeente").fill("Amersfoort")
    applicant.get_by_label("Uw naam").fill("Hanna de Hortus")
    applicant.get_by_label("Uw functie").fill("Directeur")
    applicant.get_by_label("Uw e-mailadres").fill(CONTACT_EMAIL)
    applicant.get_by_label("Waarom wilt u deelnemen?").fill("Wij willen leerbanen bieden in het groen.")
    applicant.get_by_role("button", name="Aanmelding versturen").click()
    expect(applicant.get_by_role("heading", name="Bedankt voor uw aanmelding")).to_be_visible()
    axe_check(applicant)
    # The task runs immediately in tests, so the mail was sent before the thank-you page answered.
    (received,) = mailbox.to(CONTACT_EMAIL)
    assert received["Subject"] == f"Uw aanmelding bij {cast.network.name} is ontvangen"
    assert ORGANISATION in mailbox.body(received)

    # A kerngroep member gives an opinion but cannot record the decision.
    member = new_page()
    login(member, cast.core_member)
    axe_check(member)
    _open_application(member, axe_check)
    expect(member.get_by_role("button", name=DECISION_FORM_BUTTON)).to_have_count(0)
    expect(member.get_by_text("De voorzitter legt het besluit vast.")).to_be_visible()
    opinion = member.get_by_role("group", name="Advies")
    opinion.get_by_label("Voor toelating").check()
    member.get_by_label("Toelichting").fill("Past goed bij onze ambitie voor leerbanen.")
    member.get_by_role("button", name="Advies opslaan").click()
    expect(member.get_by_role("status")).to_contain_text("Uw advies is vastgelegd.")
    expect(member.get_by_role("listitem").filter(has_text="Kees Kerngroep")).to_contain_text("Voor toelating")
    expect(member.get_by_role("button", name=DECISION_FORM_BUTTON)).to_have_count(0)
    axe_check(member)

    # The coordinator sees the application but neither advises nor decides: only the kerngroep does.
    coordinator = new_page()
    login(coordinator, cast.coordinator)
    _open_application(coordinator, axe_check)
    expect(coordinator.get_by_role("listitem").filter(has_text="Kees Kerngroep")).to_be_visible()
    expect(coordinator.get_by_role("button", name=DECISION_FORM_BUTTON)).to_have_count(0)
    expect(coordinator.get_by_role("button", name="Advies opslaan")).to_have_count(0)

    # The chair records the kerngroep's decision.
    chair = new_page()
    login(chair, cast.chair)
    _open_application(chair, axe_check)
    chair.get_by_role("group", name="Besluit").get_by_label("Toegelaten").check()
    chair.get_by_label("Reden").fill("Unaniem positief advies van de kerngroep.")
    chair.get_by_role("button", name=DECISION_FORM_BUTTON).click()
    expect(chair.get_by_role("status")).to_contain_text("Het besluit is vastgelegd")
    expect(chair.get_by_test_id("decision")).to_contain_text("Toegelaten")
    expect(chair.get_by_test_id("decision")).to_contain_text("Unaniem positief advies van de kerngroep.")
    expect(chair.get_by_test_id("status")).to_have_text("Toegelaten")
    expect(chair.get_by_role("button", name=DECISION_FORM_BUTTON)).to_have_count(0)
    axe_check(chair)

    decision_mail = [m for m in mailbox.to(CONTACT_EMAIL) if m["Subject"].startswith("Besluit")]
    assert len(decision_mail) == 1
    assert decision_mail[0]["Subject"] == f"Besluit over uw aanmelding bij {cast.network.name}"
    body = mailbox.body(decision_mail[0])
    assert "is toegelaten tot het netwerk" in body
    assert "Unaniem positief advies van de kerngroep." in body

    # The organisation now counts as an admitted partner: in the partner list and among the decisions.
    chair.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Partners").click()
    expect(chair.get_by_role("heading", name="Partners", level=1)).to_be_visible()
    axe_check(chair)
    row = chair.get_by_role("row").filter(has=chair.get_by_role("link", name=ORGANISATION))
    expect(row).to_contain_text("Toegelaten")
    chair.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanmeldingen").click()
    decided = chair.get_by_role("region", name="Eerdere besluiten")
    expect(decided.get_by_role("row").filter(has_text=ORGANISATION)).to_contain_text("Toegelaten")
    expect(chair.get_by_role("region", name=re.compile("Wacht op besluit"))).not_to_contain_text(ORGANISATION)
    axe_check(chair)
