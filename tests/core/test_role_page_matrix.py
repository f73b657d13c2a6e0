"""Each persona × each page: allowed → 200, forbidden → 403 or 404, anonymous → login."""

import pytest

from tests.pages import page_urls
from tests.rows import add_rows

PERSONAS = ["coordinator", "backoffice", "chair", "core_member", "partner_a", "partner_b", "wsp_advisor", "steering"]

ALL = set(PERSONAS)
OFFICE = {"coordinator", "backoffice"}
KERNGROEP = {"chair", "core_member"}
GOVERNANCE = OFFICE | KERNGROEP | {"steering"}

# Who gets a 200 on each page; everyone else in the network gets 403 or 404.
ALLOWED = {
    "dashboard": ALL,
    "partner_list": ALL - {"steering"},
    "partner_search": ALL - {"steering"},
    "partner_detail": OFFICE | KERNGROEP | {"partner_a"},
    "partner_create": OFFICE,
    "partner_edit": OFFICE,
    "contact_create": OFFICE,
    "ambition_create": OFFICE | {"partner_a"},
    "result_create": OFFICE | {"partner_a"},
    "ambition_delete": OFFICE | {"partner_a"},
    "result_delete": OFFICE | {"partner_a"},
    "ambitions": ALL,
    "contributions": OFFICE | KERNGROEP,
    "contributions_unpaid": OFFICE | KERNGROEP,
    "contribution_create": OFFICE,
    "contribution_year": OFFICE,
    "admissions": OFFICE | KERNGROEP,
    "admission_create": OFFICE,
    "admission_detail": OFFICE | KERNGROEP,
    "bodies": ALL,
    "body_edit": {"coordinator"},
    "stakeholders": GOVERNANCE,
    "network_edit": {"coordinator"},
    "members": {"coordinator"},
    "contact_invite": {"coordinator"},
    "member_end": {"coordinator"},
    "activities": ALL,
    "activities_past": ALL,
    "activity_detail": ALL,
    "activity_create": OFFICE,
    "activity_edit": OFFICE,
    "activity_ics": ALL,
    "register_other": OFFICE,
    "registration_cancel": OFFICE,
    "attendance": OFFICE,
    "follow_up_create": OFFICE,
    "follow_ups": OFFICE | KERNGROEP,
    "venues": OFFICE,
    "venue_create": OFFICE,
    "venue_edit": OFFICE,
    "participation_partner": OFFICE | KERNGROEP | {"partner_a"},
    "participation_contact": OFFICE | KERNGROEP | {"partner_a"},
    "my_activities": ALL,
    "groups": ALL,
    "group_detail": ALL,
    "group_create": OFFICE,
    "group_edit": OFFICE,
    "meetings": OFFICE | KERNGROEP,
    "meeting_create": OFFICE,
    "meeting_detail": OFFICE | KERNGROEP,
    "practice_table": OFFICE,
    "practice_table_new_table": OFFICE,
    "practice_table_cards": OFFICE,
    "practice_table_results_edit": OFFICE,
    # Not published yet: only the office sees the results page.
    "practice_table_results": OFFICE,
    "mailings": OFFICE,
    "mailing_create": OFFICE,
    "mailing_sent": OFFICE,
    "mailing_draft": OFFICE,
    "mailing_edit": OFFICE,
    "mailing_progress": OFFICE,
}


@pytest.fixture
def urls(cast):
    add_rows(cast, 2)
    return page_urls(cast)


def test_matrix_covers_every_page(urls):
    assert set(ALLOWED) == set(urls)


def test_each_persona_gets_exactly_the_pages_of_its_role(cast, urls, client):
    failures = []
    for persona in PERSONAS:
        client.force_login(getattr(cast, persona))
        for page, url in urls.items():
            status = client.get(url).status_code
            expected_ok = persona in ALLOWED[page]
            if (expected_ok and status != 200) or (not expected_ok and status not in (403, 404)):
                failures.append((persona, page, status))
    assert failures == []


def test_outsider_from_another_network_sees_nothing(cast, urls, client):
    client.force_login(cast.outsider)
    statuses = {page: client.get(url).status_code for page, url in urls.items()}
    assert set(statuses.values()) == {404}


def test_anonymous_is_sent_to_login(urls, client):
    for url in urls.values():
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/?next=")


def test_public_pages_need_no_login(cast, client):
    assert client.get("/ping/").status_code == 200
    assert client.get(f"/aanmelden/{cast.network.slug}/").status_code == 200
    assert client.get(f"/aanmelden/{cast.network.slug}/bedankt/").status_code == 200
    assert client.get("/aanmelden/bestaat-niet/").status_code == 404


def test_home_lists_networks_of_a_person_with_two_roles(cast, client):
    from spil.accounts.models import Membership

    Membership.objects.create(user=cast.coordinator, network=cast.other_network, role="steering")
    client.force_login(cast.coordinator)
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "99vanTestregio" in body and "99vanElders" in body
    # And the same person has another role on the other network's pages.
    assert client.get(f"/n/{cast.other_network.slug}/instellingen/").status_code == 403
    assert client.get(f"/n/{cast.network.slug}/instellingen/").status_code == 200


def test_home_redirects_a_single_network_member_to_the_dashboard(cast, client):
    client.force_login(cast.partner_a)
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == f"/n/{cast.network.slug}/"
