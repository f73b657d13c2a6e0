"""Anyone can search the signpost of a network: by text, theme and region, one page at a time."""

import pytest
from django.urls import reverse

from spil.networks.models import LabourMarketRegion

from .conftest import make_entry


def _url(cast, **params) -> str:
    from urllib.parse import urlencode

    url = reverse("knowledge_public:signpost", args=[cast.network.slug])
    return f"{url}?{urlencode(params)}" if params else url


def _names(response) -> list[str]:
    return [entry.name for entry in response.context["page"]]


@pytest.fixture
def entries(cast, region):
    twente = LabourMarketRegion.objects.get(name="Twente")
    return [
        make_entry(
            cast.network, "Taalcafé Soesterkwartier", theme="learning", offer="Nederlands oefenen", region=region
        ),
        make_entry(cast.network, "Jobcoach Collectief", theme="coaching", audience="Werkgevers met een Wajonger"),
        make_entry(cast.network, "Loonkostensubsidie-loket", theme="schemes", region=twente),
    ]


def test_a_visitor_without_account_sees_the_published_entries(cast, entries, client):
    make_entry(cast.network, "Gearchiveerd project", archived=True)
    make_entry(cast.other_network, "Initiatief elders")
    response = client.get(_url(cast))
    assert response.status_code == 200
    assert _names(response) == ["Jobcoach Collectief", "Loonkostensubsidie-loket", "Taalcafé Soesterkwartier"]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("taalcafé", ["Taalcafé Soesterkwartier"]),  # name, any case
        ("WAJONGER", ["Jobcoach Collectief"]),  # audience
        ("nederlands oefenen", ["Taalcafé Soesterkwartier"]),  # offer
        ("bestaat niet", []),
    ],
)
def test_search_looks_in_name_audience_and_offer(cast, entries, client, q, expected):
    assert _names(client.get(_url(cast, q=q))) == expected


def test_filter_by_theme_and_region(cast, entries, client, region):
    assert _names(client.get(_url(cast, theme="coaching"))) == ["Jobcoach Collectief"]
    assert _names(client.get(_url(cast, region=region.pk))) == ["Taalcafé Soesterkwartier"]
    assert _names(client.get(_url(cast, theme="learning", region=region.pk, q="taal"))) == ["Taalcafé Soesterkwartier"]


def test_region_filter_offers_only_regions_the_entries_name(cast, entries, client):
    choices = [str(label) for _value, label in client.get(_url(cast)).context["form"].fields["region"].choices]
    assert choices == ["Alle regio's", "Amersfoort", "Twente"]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "999"},
        {"page": "-1"},
        {"theme": "onbekend"},
        {"region": "abc"},
        {"region": "999999"},
        {"q": "x" * 500},
        {"q": "%_\\'\""},
    ],
)
def test_bad_query_parameters_give_a_page_not_an_error(cast, entries, client, params):
    response = client.get(_url(cast, **params))
    assert response.status_code == 200


def test_an_unknown_theme_is_ignored_and_explained(cast, entries, client):
    response = client.get(_url(cast, theme="onbekend", q="jobcoach"))
    assert _names(response) == ["Jobcoach Collectief"]
    assert response.context["form"].errors["theme"]


def test_list_is_paginated(cast, client, settings):
    settings.PAGE_SIZE = 2
    for i in range(5):
        make_entry(cast.network, f"Initiatief {i}")
    response = client.get(_url(cast, page=3))
    assert _names(response) == ["Initiatief 4"]
    assert response.context["page"].paginator.num_pages == 3


def test_htmx_search_returns_only_the_results(cast, entries, client):
    response = client.get(_url(cast, q="jobcoach"), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results">')
    assert "Jobcoach Collectief" in body and "Taalcafé" not in body


def test_detail_page_shows_contact_and_hides_archived_and_other_networks(cast, client):
    shown = make_entry(
        cast.network, "Werkfit Eemland", contact_phone="033 123 45 67", website="https://werkfit.example"
    )
    archived = make_entry(cast.network, "Oud", archived=True)
    elsewhere = make_entry(cast.other_network, "Elders")
    response = client.get(reverse("knowledge_public:signpost_detail", args=[cast.network.slug, shown.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "033 123 45 67" in body and "https://werkfit.example" in body and "info@werkfit.example" in body
    for hidden in (archived, elsewhere):
        assert (
            client.get(reverse("knowledge_public:signpost_detail", args=[cast.network.slug, hidden.pk])).status_code
            == 404
        )
    assert client.get("/wegwijzer/bestaat-niet/").status_code == 404
