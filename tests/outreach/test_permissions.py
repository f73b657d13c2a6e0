"""Who may do what in outreach (the page matrix covers GETs; these cover the rules behind them)."""

import pytest

from spil.core.permissions import can_log_conversation, scope_campaigns, sees_company_names
from spil.outreach.models import Campaign
from tests.outreach.factories import make_campaign

pytestmark = pytest.mark.django_db


def _membership(cast, persona):
    return getattr(cast, persona).memberships.get(network=cast.network)


def test_interviewers_office_and_kerngroep_see_a_campaign_others_do_not(cast):
    campaign = make_campaign(cast)
    seen = {
        persona
        for persona in ("coordinator", "backoffice", "chair", "partner_a", "partner_b", "wsp_advisor")
        if scope_campaigns(_membership(cast, persona), Campaign.objects.all()).filter(pk=campaign.pk).exists()
    }
    assert seen == {"coordinator", "backoffice", "chair", "partner_a", "wsp_advisor"}


def test_only_the_office_and_assigned_interviewers_log_conversations(cast):
    campaign = make_campaign(cast)
    may = {
        persona
        for persona in ("coordinator", "backoffice", "chair", "partner_a", "partner_b", "wsp_advisor", "steering")
        if can_log_conversation(_membership(cast, persona), campaign)
    }
    assert may == {"coordinator", "backoffice", "partner_a", "wsp_advisor"}


def test_only_public_partners_have_names_hidden(cast):
    assert not sees_company_names(_membership(cast, "wsp_advisor"))
    assert sees_company_names(_membership(cast, "steering"))


def test_a_campaign_of_another_network_is_not_found(cast, client):
    campaign = make_campaign(cast)
    client.force_login(cast.outsider)
    assert client.get(f"/n/{cast.other_network.slug}/gesprekken/rondes/{campaign.pk}/").status_code == 404


def test_the_office_creates_a_campaign_with_a_message_per_bad_field(cast, client):
    client.force_login(cast.coordinator)
    url = f"/n/{cast.network.slug}/gesprekken/nieuw/"
    response = client.post(
        url,
        {
            "name": "",
            "kind": "outlook",
            "goal_count": "-5",
            "starts_on": "2026-12-01",
            "ends_on": "2026-01-01",
            "questions": "",
        },
    )
    errors = response.context["form"].errors
    assert set(errors) == {"name", "goal_count", "ends_on", "questions"}
    response = client.post(
        url,
        {
            "name": "Werkgeversraadpleging Drenthe",
            "kind": "consultation",
            "goal_count": "50",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "questions": "Vraag 1\nVraag 2",
            "interviewers": [cast.partner_a.pk],
        },
    )
    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert list(campaign.interviewers.all()) == [cast.partner_a]
    assert campaign.guide_versions.get().questions.count() == 2


def test_settings_refuse_a_limit_of_zero(cast, client):
    client.force_login(cast.coordinator)
    response = client.post(
        f"/n/{cast.network.slug}/gesprekken/instellingen/", {"contact_pressure_weeks": "0", "contact_limit": "0"}
    )
    assert set(response.context["form"].errors) == {"contact_pressure_weeks", "contact_limit"}
