"""Bad input on the editors' forms gives a message per field and writes nothing; removing asks first."""

import pytest
from django.urls import reverse

from spil.knowledge.models import SignpostEntry
from spil.networks.models import LabourMarketRegion

from .conftest import make_entry

GOOD = {
    "name": "Werkplaats Vathorst",
    "theme": "learning",
    "audience": "Jongeren zonder startkwalificatie",
    "offer": "Een leerwerkplek in de techniek",
    "contact_email": "info@vathorst.example",
}


@pytest.fixture
def create_url(cast, client):
    client.force_login(cast.editor)
    return reverse("knowledge:entry_create", args=[cast.network.slug])


def test_an_empty_form_names_each_missing_field(client, create_url):
    response = client.post(create_url, {})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"name", "theme", "audience", "offer", "contact_email"}
    assert SignpostEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"theme": "onbekend"}, "theme"),
        ({"contact_email": "geen-adres"}, "contact_email"),
        ({"website": "geen url"}, "website"),
        ({"name": "x" * 201}, "name"),
        ({"contact_phone": "0" * 31}, "contact_phone"),
        ({"offer": "x" * 4001}, "offer"),
        ({"region": "abc"}, "region"),
        ({"contact_email": ""}, "contact_email"),  # no way to get in touch at all
    ],
)
def test_bad_values_get_a_message_on_their_field(client, create_url, changes, field):
    response = client.post(create_url, {**GOOD, **changes})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert SignpostEntry.objects.count() == 0


def test_only_the_networks_own_regions_can_be_chosen_once_it_has_them(cast, client, create_url, region):
    cast.network.regions.add(region)
    twente = LabourMarketRegion.objects.get(name="Twente")
    response = client.post(create_url, {**GOOD, "region": twente.pk})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["region"]
    assert client.post(create_url, {**GOOD, "region": region.pk}).status_code == 302
    assert SignpostEntry.objects.get().region == region


def test_any_region_while_the_network_has_none_set(client, create_url):
    twente = LabourMarketRegion.objects.get(name="Twente")
    assert client.post(create_url, {**GOOD, "region": twente.pk}).status_code == 302


def test_removing_asks_for_confirmation_first(cast, client):
    entry = make_entry(cast.network)
    client.force_login(cast.editor)
    url = reverse("knowledge:entry_delete", args=[cast.network.slug, entry.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Ja, verwijderen" in confirm.content.decode()
    assert SignpostEntry.objects.filter(pk=entry.pk).exists()
    assert client.post(url).status_code == 302
    assert not SignpostEntry.objects.filter(pk=entry.pk).exists()


def test_an_archived_entry_leaves_the_public_signpost_but_stays_for_editors(cast, client):
    entry = make_entry(cast.network)
    client.force_login(cast.editor)
    data = {**GOOD, "name": entry.name, "archived": "on"}
    assert client.post(reverse("knowledge:entry_edit", args=[cast.network.slug, entry.pk]), data).status_code == 302
    archived = client.get(reverse("knowledge:manage", args=[cast.network.slug]) + "?status=archived")
    assert [e.name for e in archived.context["page"]] == [entry.name]
    client.logout()
    assert client.get(entry.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("params", ["?page=abc", "?status=onbekend", "?q=" + "x" * 300, "?page=99"])
def test_bad_parameters_on_the_editors_list_give_a_page(cast, client, params):
    make_entry(cast.network)
    client.force_login(cast.editor)
    assert client.get(reverse("knowledge:manage", args=[cast.network.slug]) + params).status_code == 200
