"""The campaign page and the conversation form: long lists built in Python show the same, escaped."""

from datetime import date

import pytest

from spil.outreach import services
from spil.partners.models import Organisation
from tests.outreach.factories import log_conversation, make_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(cast):
    campaign = make_campaign(cast)
    tricky = Organisation.objects.create(name="<b>Kaas & Co</b>", postcode="3811 AB")
    services.targets_add(campaign=campaign, organisations=[cast.org_a, tricky])
    log_conversation(campaign, tricky, cast.wsp_advisor, date(2026, 3, 1), vacancies=3)
    return campaign


def test_the_target_list_marks_who_was_spoken_and_escapes_names(cast, client, campaign):
    client.force_login(cast.coordinator)
    body = client.get(f"/n/{cast.network.slug}/gesprekken/rondes/{campaign.pk}/").content.decode()
    assert "<b>Kaas" not in body
    assert "<tr><td>&lt;b&gt;Kaas &amp; Co&lt;/b&gt;</td><td>ja</td>" in body
    assert f"<tr><td>{cast.org_a.name}</td><td>nee</td>" in body
    assert f"gesprek/?organisation={cast.org_a.pk}" in body
    conversation = campaign.conversations.get()
    assert f'<a href="/n/{cast.network.slug}/gesprekken/{conversation.pk}/">1-3-2026</a>' in body
    assert f"<td>&lt;b&gt;Kaas &amp; Co&lt;/b&gt;</td><td>{cast.wsp_advisor.get_full_name()}</td><td>3</td>" in body


def test_the_conversation_form_offers_the_target_list_with_the_chosen_employer(cast, client, campaign):
    tricky = Organisation.objects.get(name="<b>Kaas & Co</b>")
    client.force_login(cast.coordinator)
    url = f"/n/{cast.network.slug}/gesprekken/rondes/{campaign.pk}/gesprek/?organisation={tricky.pk}"
    body = client.get(url).content.decode()
    assert f'<option value="{tricky.pk}" selected>&lt;b&gt;Kaas &amp; Co&lt;/b&gt;</option>' in body
    assert f'<option value="{cast.org_a.pk}">{cast.org_a.name}</option>' in body
    assert '<option value="">' in body
    assert 'name="organisation"' in body and 'class="form-select"' in body and "required" in body


def test_the_office_adds_employers_of_the_network_not_yet_on_the_list(cast, client):
    campaign = make_campaign(cast)
    services.targets_add(campaign=campaign, organisations=[cast.org_a])
    client.force_login(cast.coordinator)
    url = f"/n/{cast.network.slug}/gesprekken/rondes/{campaign.pk}/doellijst/"
    body = client.get(url).content.decode()
    assert f'<option value="{cast.org_b.pk}">{cast.org_b.name}</option>' in body
    assert f'<option value="{cast.org_a.pk}">' not in body
    assert 'name="organisations" size="10" multiple' in body
    response = client.post(url, {"form": "select", "organisations": [cast.org_b.pk]})
    assert response.status_code == 302
    assert set(campaign.targets.values_list("organisation_id", flat=True)) == {cast.org_a.pk, cast.org_b.pk}
