import json
from tests.pages import page_urls
from spil.partners.models import Ambition
from datetime import date

def test_probe(page, cast, login, axe, live_server):
    Ambition.objects.create(partnership=cast.partnership_a, kind="jobs", target=3, target_date=date(2027,1,1))
    from spil.partners import services
    services.application_submit(network=cast.network, data=dict(organisation_name="X", postcode="3811 AB", municipality="A", contact_name="C", contact_email="c@example.org", motivation="m"))
    out = {}
    page.goto("/accounts/login/")
    out["login"] = axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a","wcag2aa","wcag21a","wcag21aa"]}}).response["violations"]
    page.goto("/accounts/password/reset/")
    out["reset"] = axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a","wcag2aa","wcag21a","wcag21aa"]}}).response["violations"]
    page.goto(f"/aanmelden/{cast.network.slug}/")
    out["apply"] = axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a","wcag2aa","wcag21a","wcag21aa"]}}).response["violations"]
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(cast.coordinator.email)
    page.locator("input[name=password]").fill("test-wachtwoord-42")
    page.locator("form[action='/accounts/login/'] [type=submit]").click()
    page.wait_for_url("**/n/**")
    for name, url in page_urls(cast).items():
        page.goto(url)
        out[name] = axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a","wcag2aa","wcag21a","wcag21aa"]}}).response["violations"]
    for name, vs in out.items():
        for v in vs:
            print(name, v["id"], v["help"], [ (n["target"], n["html"][:200]) for n in v["nodes"]][:4])
