"""An employer asks the desk a question on the public form; the person on duty does the intake and refers it
to the WSP; the WSP advisor confirms; the employer follows every step by email and on the status page."""

import re

from django.utils import timezone
from playwright.sync_api import Page, expect

from spil.desk.models import DutyShift
from spil.desk.services import duty_day

EMPLOYER = "Fietsenmakerij Van Dam"
EMAIL = "anouk@vandam.example"


def _status_link(mailbox, message) -> str:
    return re.search(r"https?://\S+/loket/status/\S+/", mailbox.body(message)).group(0)


def _open_request(page: Page, axe_check) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Loket").click()
    expect(page.get_by_role("heading", name="Werkgeversloket", level=1)).to_be_visible()
    axe_check(page)
    page.get_by_role("link", name=EMPLOYER).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(EMPLOYER)
    axe_check(page)


def test_public_request_intake_referral_confirmation(new_page, cast, mailbox, login, axe_check, live_server, settings):
    settings.SITE_URL = live_server.url
    # The partner contact of A is on duty today: a partner's employee can staff the desk.
    DutyShift.objects.create(network=cast.network, day=duty_day(timezone.now()), user=cast.partner_a)

    employer = new_page()
    employer.goto(f"/loket/{cast.network.slug}/")
    expect(employer.get_by_role("heading", name=f"Werkgeversloket {cast.network.name}")).to_be_visible()
    axe_check(employer)
    employer.get_by_role("group", name="Waar gaat uw vraag over?").get_by_label("Ik zoek personeel").check()
    employer.get_by_label("Uw vraag").fill("Wij zoeken iemand voor eenvoudige reparaties, 24 uur per week.")
    employer.get_by_label("Naam organisatie").fill(EMPLOYER)
    employer.get_by_label("Uw naam").fill("Anouk van Dam")
    employer.get_by_label("Uw e-mailadres").fill(EMAIL)
    employer.get_by_label("Postcode van de vestiging").fill("Belgie 1000")
    employer.get_by_role("button", name="Vraag versturen").click()
    expect(employer.get_by_text("Vul een Nederlandse postcode in")).to_be_visible()
    axe_check(employer)
    employer.get_by_label("Postcode van de vestiging").fill("3812 cd")
    employer.get_by_role("button", name="Vraag versturen").click()
    expect(employer.get_by_role("heading", name="Bedankt voor uw vraag")).to_be_visible()
    axe_check(employer)
    (received,) = mailbox.to(EMAIL)
    (duty_notice,) = mailbox.to(cast.partner_a.email)
    assert EMPLOYER in duty_notice["Subject"]

    # The person on duty does the intake and refers to the WSP the desk suggests for the region.
    desk = new_page()
    login(desk, cast.partner_a)
    _open_request(desk, axe_check)
    desk.get_by_label("Vraag achter de vraag").fill("Eigenlijk zoeken ze een leerbaan voor fietstechniek.")
    desk.get_by_role("button", name="Intake vastleggen").click()
    expect(desk.get_by_role("status")).to_contain_text("De intake is vastgelegd")
    expect(desk.get_by_label("Doorverwijzen naar")).to_have_value(str(cast.wsp.pk))
    desk.get_by_label("Overdrachtsnotitie").fill("Graag deze week bellen; mbo-2 fietstechniek.")
    desk.get_by_role("button", name="Doorverwijzen", exact=True).click()
    expect(desk.get_by_role("status")).to_contain_text("Doorverwezen naar WSP Testregio")
    axe_check(desk)

    # The WSP advisor gets the handover and confirms the follow-up.
    (handover,) = mailbox.to(cast.wsp_advisor.email)
    assert "mbo-2 fietstechniek" in mailbox.body(handover)
    advisor = new_page()
    login(advisor, cast.wsp_advisor)
    _open_request(advisor, axe_check)
    advisor.get_by_role("button", name="Ik pak dit op").click()
    expect(advisor.get_by_role("status")).to_contain_text("Bevestigd")
    axe_check(advisor)

    # The employer got a mail at each step and sees the status without an account.
    subjects = [message["Subject"] for message in mailbox.to(EMAIL)]
    assert len(subjects) == 4
    assert "WSP Testregio neemt uw vraag op" in subjects
    employer.goto(_status_link(mailbox, received))
    expect(employer.get_by_text("Opvolging bevestigd").first).to_be_visible()
    expect(employer.get_by_text("doorverwezen naar WSP Testregio")).to_be_visible()
    expect(employer.get_by_text("leerbaan voor fietstechniek")).to_have_count(0)
    axe_check(employer)
