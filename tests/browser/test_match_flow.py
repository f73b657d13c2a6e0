"""An advisor sees explained matches for a consented candidate and proposes one; the employer sees an anonymous
profile, accepts an introduction and then sees the contact details; six months after the contract start the
placement is sustainable and counts among the partner's results."""

from datetime import date

from django.utils import timezone
from playwright.sync_api import expect

from spil.matching.match_services import add_months
from spil.matching.match_tasks import placements_sweep
from spil.matching.models import Match
from tests.cast import add_ambition
from tests.matching.candidate_factories import add_consent, make_candidate
from tests.matching.opportunity_factories import make_learning_job, make_opportunity


def test_match_from_proposal_to_sustainable_placement(new_page, cast, login, axe_check):
    candidate = make_candidate(cast, tasks=["Afwassen"])
    make_opportunity(cast, title="Afwasser")  # Afwassen 60%, Koken 40%
    make_learning_job(cast)  # teaches Koken
    add_ambition(cast.partnership_a, kind="jobs", target=3, target_date=date(2030, 1, 1))
    slug = cast.network.slug

    # The advisor of the WSP that registered the candidate sees the explained matches and proposes one.
    advisor = new_page()
    login(advisor, cast.wsp_advisor)
    advisor.goto(f"/n/{slug}/matches/kandidaat/{candidate.pk}/")
    expect(advisor.get_by_role("heading", level=1)).to_contain_text("Passende kansen voor Fatima Bennani")
    expect(advisor.get_by_text("Taken die passen: Afwassen (60%)")).to_be_visible()
    expect(advisor.get_by_text("Koken leren bij: Leerbaan kok")).to_be_visible()
    axe_check(advisor)
    advisor.get_by_role("button", name="Voorleggen aan werkgever: Afwasser").click()
    expect(advisor.get_by_role("status")).to_contain_text("Voorgelegd aan de werkgever")
    expect(advisor.get_by_test_id("match-stage")).to_have_text("Voorgelegd aan de werkgever")
    axe_check(advisor)
    match = Match.objects.get()

    # The employer sees an anonymous profile and accepts the introduction.
    employer = new_page()
    login(employer, cast.partner_a)
    employer.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Matches").click()
    axe_check(employer)
    employer.get_by_role("link", name=f"Kandidaat {candidate.pk}").click()
    profile = employer.get_by_test_id("anonymous-profile")
    expect(profile).to_contain_text("Afwassen")
    expect(employer.locator("main")).not_to_contain_text("Bennani")
    expect(employer.locator("main")).not_to_contain_text("fatima@example.org")
    axe_check(employer)
    employer.get_by_label("Ja, ik wil kennismaken").check()
    employer.get_by_role("button", name="Antwoord versturen").click()
    expect(employer.get_by_role("status")).to_contain_text("U maakt kennis met deze kandidaat")
    expect(employer.get_by_test_id("match-stage")).to_have_text("Kennismaking")
    expect(employer.locator("main")).not_to_contain_text("fatima@example.org")

    # The candidate agrees to share contact details with this employer: now the employer sees them.
    add_consent(cast, candidate, "share_contact", employer=cast.org_a)
    employer.reload()
    expect(employer.get_by_test_id("anonymous-profile")).to_contain_text("fatima@example.org")
    expect(employer.get_by_role("heading", level=1)).to_contain_text("Fatima Bennani")
    axe_check(employer)

    # The advisor records the contract; six months after its start the placement is sustainable.
    advisor.reload()
    advisor.get_by_label("Contract", exact=True).check()
    advisor.get_by_label("Contract per").fill(timezone.localdate().isoformat())
    advisor.get_by_role("button", name="Vastleggen").click()
    expect(advisor.get_by_test_id("match-stage")).to_have_text("Contract")
    expect(advisor.get_by_test_id("placement-result")).to_contain_text("Telt mee als resultaat")
    axe_check(advisor)
    Match.objects.filter(pk=match.pk).update(contract_starts_on=add_months(timezone.localdate(), -6))
    placements_sweep.enqueue()
    advisor.reload()
    expect(advisor.get_by_test_id("match-stage")).to_have_text("Duurzaam geplaatst")
    axe_check(advisor)

    # The placement is among partner A's results.
    employer.goto(f"/n/{slug}/partners/{cast.partnership_a.pk}/")
    expect(employer.get_by_text("Plaatsing: Afwasser")).to_be_visible()
    axe_check(employer)
