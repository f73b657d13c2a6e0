"""An advisor registers a candidate with consent to match and to show an anonymous profile; an employer of
the network sees the anonymous profile without the name; a bad postcode answers on the field."""

import re

from playwright.sync_api import expect

from spil.matching.models import Candidate, Task

FIRST, LAST = "Noor", "Hendriksen"


def test_advisor_registers_with_consent_and_employer_sees_anonymous_profile(new_page, cast, login, axe_check):
    Task.objects.create(name="Afwassen")
    advisor = new_page()
    login(advisor, cast.wsp_advisor)
    advisor.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Kandidaten").click()
    expect(advisor.get_by_role("heading", name="Kandidaten", level=1)).to_be_visible()
    axe_check(advisor)
    advisor.get_by_role("link", name="Kandidaat registreren").click()
    expect(advisor.get_by_role("heading", name="Kandidaat registreren", level=1)).to_be_visible()
    axe_check(advisor)

    advisor.get_by_label(re.compile(r"^Voornaam\b")).fill(FIRST)
    advisor.get_by_label(re.compile(r"^Achternaam\b")).fill(LAST)
    advisor.get_by_label(re.compile(r"^E-mailadres\b")).fill("noor@example.org")
    advisor.get_by_label(re.compile(r"^Postcode\b")).fill("België")
    advisor.get_by_label(re.compile(r"^Gemeente\b")).fill("Amersfoort")
    advisor.get_by_label(re.compile(r"^Geboortedatum\b")).fill("1996-08-14")
    advisor.get_by_role("group", name="Doelgroepen").get_by_label("Participatiewet / bijstand").check()
    advisor.get_by_label(re.compile(r"^Hoogste opleiding\b")).select_option(label="Mbo-2")
    advisor.get_by_label("Taken die de kandidaat kan").fill("Afwassen, Tafels dekken")
    advisor.get_by_label("Taken die de kandidaat wil leren").fill("Koken")
    advisor.get_by_role("group", name="Sectoren waarin de kandidaat wil werken").get_by_label("Horeca").check()
    advisor.get_by_label(re.compile(r"^Uren per week\b")).fill("24")
    advisor.get_by_role("group", name="Ondersteuning nodig").get_by_label("Jobcoach").check()
    advisor.get_by_label("Korte pitch").fill(f"Ik ben {FIRST} en ik werk graag met mensen.")
    advisor.get_by_label("werkplekken bij werkgevers in het netwerk").check()
    advisor.get_by_label("een anoniem profiel van mij zien").check()
    advisor.get_by_role("button", name="Registreren").click()
    expect(advisor.get_by_text("Vul een Nederlandse postcode in")).to_be_visible()
    axe_check(advisor)

    advisor.get_by_label(re.compile(r"^Postcode\b")).fill("3811 ab")
    advisor.get_by_role("button", name="Registreren").click()
    expect(advisor.get_by_role("status")).to_contain_text("De kandidaat is geregistreerd")
    expect(advisor.get_by_role("heading", name=f"{FIRST} {LAST}", level=1)).to_be_visible()
    expect(advisor.get_by_text("3811 AB Amersfoort")).to_be_visible()
    expect(advisor.get_by_role("button", name="Intrekken (Matchen binnen het netwerk)")).to_be_visible()
    axe_check(advisor)
    candidate = Candidate.objects.get(last_name=LAST)
    assert set(candidate.consents.values_list("purpose", flat=True)) == {"match", "anonymous_profile"}

    employer = new_page()
    login(employer, cast.partner_a)
    employer.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Kandidaten").click()
    expect(employer.get_by_role("heading", name="Kandidaten", level=1)).to_be_visible()
    axe_check(employer)
    employer.get_by_role("link", name=f"Kandidaat {candidate.pk}").click()
    expect(employer.get_by_role("heading", name=f"Kandidaat {candidate.pk}", level=1)).to_be_visible()
    expect(employer.get_by_text("Afwassen, Tafels dekken")).to_be_visible()
    expect(employer.get_by_text("ik werk graag met mensen")).to_be_visible()
    content = employer.content()
    assert FIRST not in content and LAST not in content and "noor@example.org" not in content
    axe_check(employer)

    # The advisor's access log shows the employer's view.
    advisor.get_by_role("link", name="Toegangslogboek").click()
    expect(advisor.get_by_role("cell", name="anoniem profiel bekeken")).to_be_visible()
    axe_check(advisor)
