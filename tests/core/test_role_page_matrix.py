"""Each persona × each page: allowed → 200, forbidden → 403 or 404, anonymous → login."""

import pytest

from tests.pages import page_urls
from tests.rows import add_rows

PERSONAS = [
    "coordinator",
    "backoffice",
    "chair",
    "core_member",
    "partner_a",
    "partner_b",
    "wsp_advisor",
    "steering",
    "editor",
]

ALL = set(PERSONAS)
OFFICE = {"coordinator", "backoffice"}
KERNGROEP = {"chair", "core_member"}
GOVERNANCE = OFFICE | KERNGROEP | {"steering"}
# Outreach: every member who may interview or record a contact (not steering, not the signpost editor).
OUTREACH = ALL - {"steering", "editor"}
CANDIDATE_VIEWERS = {"coordinator", "wsp_advisor", "partner_a", "partner_b"}

# Who gets a 200 on each page; everyone else in the network gets 403 or 404.
ALLOWED = {
    "dashboard": ALL,
    # The signpost editor reads no partner files.
    "partner_list": ALL - {"steering", "editor"},
    "partner_search": ALL - {"steering", "editor"},
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
    "call_off": OFFICE,
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
    "practice_table_delete": OFFICE,
    "practice_table_results_edit": OFFICE,
    # Not published yet: only the office sees the results page.
    "practice_table_results": OFFICE,
    "mailings": OFFICE,
    "mailing_create": OFFICE,
    "mailing_sent": OFFICE,
    "mailing_draft": OFFICE,
    "mailing_edit": OFFICE,
    "mailing_delete": OFFICE,
    "mailing_progress": OFFICE,
    # The desk: partner contacts ask and follow their own organisation's requests; the WSP advisor sees what
    # was referred to the WSP; the kerngroep reads along.
    "desk": OFFICE | KERNGROEP | {"partner_a", "partner_b", "wsp_advisor"},
    "desk_overdue": OFFICE | KERNGROEP | {"partner_a", "partner_b", "wsp_advisor"},
    "desk_create": OFFICE | {"partner_a", "partner_b"},
    "desk_detail": OFFICE | KERNGROEP | {"partner_a", "wsp_advisor"},
    "desk_roster": OFFICE,
    "desk_report": GOVERNANCE | {"wsp_advisor"},
    "exchange": OFFICE | KERNGROEP | {"partner_a", "partner_b"},
    "offer_create": OFFICE | {"partner_a", "partner_b"},
    # outreach: interviewers of the campaign are wsp_advisor and partner_a; the conversation is wsp_advisor's.
    "outreach_campaigns": OUTREACH,
    "outreach_campaign": OFFICE | KERNGROEP | {"wsp_advisor", "partner_a"},
    "outreach_campaign_create": OFFICE,
    "outreach_campaign_edit": OFFICE,
    "outreach_guide": OFFICE,
    "outreach_targets": OFFICE,
    "outreach_conversation_create": OFFICE | {"wsp_advisor", "partner_a"},
    "outreach_pressure": OUTREACH,
    "outreach_conversation": OFFICE | KERNGROEP | {"wsp_advisor"},
    "outreach_actions": OUTREACH,
    "outreach_actions_overdue": OUTREACH,
    "outreach_contact_moments": OUTREACH,
    "outreach_contact_moment_create": OUTREACH,
    "outreach_settings": OFFICE,
    "outreach_report": GOVERNANCE | {"wsp_advisor"},
    "outreach_report_campaign": GOVERNANCE | {"wsp_advisor"},
    "outreach_report_xlsx": GOVERNANCE | {"wsp_advisor"},
    "outreach_tours": OUTREACH,
    "outreach_tour": OUTREACH,
    "outreach_tour_create": OFFICE,
    "outreach_tour_edit": OFFICE,
    "outreach_stop_create": OFFICE,
    "outreach_appointment_create": OFFICE,
    "outreach_appointment_log": OFFICE | {"wsp_advisor", "partner_a"},
    # Candidates: advisors and the coordinator see who they are, employers anonymous profiles; the office,
    # kerngroep, steering and editor never see candidates' personal data.
    "candidates": CANDIDATE_VIEWERS,
    "candidate_search": CANDIDATE_VIEWERS,
    "candidate_detail": CANDIDATE_VIEWERS,
    "candidate_create": {"coordinator", "wsp_advisor"},
    "candidate_import": {"coordinator", "wsp_advisor"},
    "candidate_edit": {"coordinator", "wsp_advisor"},
    "consent_create": {"coordinator", "wsp_advisor"},
    "candidate_log": {"coordinator", "wsp_advisor"},
    "candidate_export": {"coordinator", "wsp_advisor"},
    "candidate_erase": {"coordinator", "wsp_advisor"},
    "task_suggestions": ALL - {"steering", "editor"},
    # matching: opportunities are read by the office, kerngroep, advisors and (their own) partner contacts;
    # candidates are matched by the coordinator and the advisor of the registering organisation (the WSP);
    # partner A sees the match proposed to it.
    "opportunities": OFFICE | KERNGROEP | {"partner_a", "partner_b", "wsp_advisor"},
    "opportunities_filtered": OFFICE | KERNGROEP | {"partner_a", "partner_b", "wsp_advisor"},
    "opportunity_create": OFFICE | {"partner_a", "partner_b", "wsp_advisor"},
    # Imports of opportunities are for the office and advisors; a partner contact adds its own by hand.
    "opportunity_import": OFFICE | {"wsp_advisor"},
    "opportunity_detail": OFFICE | KERNGROEP | {"partner_a", "wsp_advisor"},
    "opportunity_edit": OFFICE | {"partner_a", "wsp_advisor"},
    "opportunity_matches": {"coordinator", "wsp_advisor"},
    "carving": OFFICE | {"partner_a", "partner_b", "wsp_advisor"},
    "role_create": OFFICE | {"partner_a", "partner_b", "wsp_advisor"},
    "matches": {"coordinator", "wsp_advisor", "partner_a", "partner_b"},
    "candidate_matches": {"coordinator", "wsp_advisor"},
    "match_detail": {"coordinator", "wsp_advisor", "partner_a"},
    # cohort assignment: the coordinator and the advisors of the organisation whose candidates it holds
    "cohorts": {"coordinator", "wsp_advisor"},
    "cohort_create": {"coordinator", "wsp_advisor"},
    "cohort_detail": {"coordinator", "wsp_advisor"},
    "cohort_progress": {"coordinator", "wsp_advisor"},
    # Speedmeet: the office and advisors run it (the backoffice without candidates' names); the coordinator and
    # advisors present candidates; partner contacts choose (partner B, not registered, is told so) and the
    # coordinator previews their page.
    "speedmeet": OFFICE | {"wsp_advisor"},
    "speedmeet_present": {"coordinator", "wsp_advisor"},
    "speedmeet_choose": {"coordinator", "partner_a", "partner_b"},
    # List exports: whoever sees the list, through the same scope (employers get anonymous profiles).
    "candidate_list_csv": CANDIDATE_VIEWERS,
    "opportunity_list_csv": OFFICE | KERNGROEP | {"partner_a", "partner_b", "wsp_advisor"},
    "match_list_csv": {"coordinator", "wsp_advisor", "partner_a", "partner_b"},
    # XLSX exports are export jobs (asked for with a POST): only the member who asked sees the job and its file.
    "export_job": {"coordinator"},
    "export_progress": {"coordinator"},
    "export_download": {"coordinator"},
    "signpost_manage": OFFICE | {"editor"},
    "signpost_needs_check": OFFICE | {"editor"},
    "signpost_entry_create": OFFICE | {"editor"},
    "signpost_entry_edit": OFFICE | {"editor"},
    "signpost_entry_delete": OFFICE | {"editor"},
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


def test_anonymous_htmx_requests_send_the_whole_page_to_login_and_back(urls, client):
    page = "http://testserver" + urls["attendance"]
    response = client.get(urls["dashboard"], headers={"HX-Request": "true", "HX-Current-URL": page})
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/accounts/login/?next=" + urls["attendance"]
    # A page elsewhere is never where the login sends one back to.
    response = client.get(urls["dashboard"], headers={"HX-Request": "true", "HX-Current-URL": "https://evil.example/x"})
    assert response["HX-Redirect"] == "/accounts/login/?next=" + urls["dashboard"]


def test_public_pages_need_no_login(cast, client):
    assert client.get("/ping/").status_code == 200
    assert client.get(f"/aanmelden/{cast.network.slug}/").status_code == 200
    assert client.get(f"/aanmelden/{cast.network.slug}/bedankt/").status_code == 200
    assert client.get("/aanmelden/bestaat-niet/").status_code == 404
    assert client.get(f"/loket/{cast.network.slug}/").status_code == 200
    assert client.get(f"/loket/{cast.network.slug}/bedankt/").status_code == 200
    assert client.get("/loket/bestaat-niet/").status_code == 404


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
