from django.urls import reverse

from spil.networks.models import Body, BodyKind, Cooperation, LabourMarketRegion, Network, Seat, Stakeholder


def test_the_35_labour_market_regions_are_shipped(db):
    assert LabourMarketRegion.objects.count() == 35
    assert LabourMarketRegion.objects.filter(name="Groot Amsterdam").exists()


def test_coordinator_edits_the_network_and_an_external_funder_must_be_named(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("networks:edit", args=[cast.network.slug])
    twente = LabourMarketRegion.objects.get(name="Twente")
    data = {
        "name": "99vanTestregio",
        "regions": [twente.pk],
        "founded_on": "2017-03-01",
        "financing_model": "external",
        "funder": "",
        "ownership_model": "unburdening",
        "principles": "Banen\nKennis delen",
    }
    response = client.post(url, data)
    assert "funder" in response.context["form"].errors
    assert client.post(url, {**data, "funder": "WSP Twente"}).status_code == 302
    network = Network.objects.get(pk=cast.network.pk)
    assert network.principal == "WSP Twente"
    assert network.principle_list() == ["Banen", "Kennis delen"]
    assert list(network.regions.all()) == [twente]


def test_seats_in_a_body_with_one_chair(cast, client):
    client.force_login(cast.coordinator)
    body = Body.objects.get(network=cast.network, kind=BodyKind.CORE_GROUP)
    url = reverse("networks:body_edit", args=[cast.network.slug, body.pk])
    response = client.post(url, {"add_seat": "1", "seat-person_name": "Iris Bos", "seat-role": "chair"})
    assert response.status_code == 200
    assert "role" in response.context["seat_form"].errors
    response = client.post(
        url,
        {"add_seat": "1", "seat-person_name": "Iris Bos", "seat-organisation_name": "KNGF", "seat-role": "treasurer"},
    )
    assert response.status_code == 302
    assert Seat.objects.filter(body=body, person_name="Iris Bos", role="treasurer").exists()
    response = client.post(url, {"add_seat": "1", "seat-role": "member"})
    assert "person_name" in response.context["seat_form"].errors


def test_meeting_rhythm_of_a_body(cast, client):
    client.force_login(cast.coordinator)
    body = Body.objects.get(network=cast.network, kind=BodyKind.CORE_GROUP)
    url = reverse("networks:body_edit", args=[cast.network.slug, body.pk])
    assert client.post(url, {"meeting_every_weeks": "0"}).status_code == 200
    client.post(url, {"meeting_every_weeks": "3", "description": "Beslist over toelating"})
    body.refresh_from_db()
    assert body.meeting_every_weeks == 3
    page = client.get(reverse("networks:bodies", args=[cast.network.slug])).content.decode()
    assert "Vergadert elke 3 weken" in page


def test_removing_a_seat(cast, client):
    seat = Seat.objects.get(user=cast.core_member)
    client.force_login(cast.coordinator)
    assert client.post(reverse("networks:seat_remove", args=[cast.network.slug, seat.pk])).status_code == 302
    assert not Seat.objects.filter(pk=seat.pk).exists()
    client.force_login(cast.chair)
    other = Seat.objects.get(user=cast.chair)
    assert client.post(reverse("networks:seat_remove", args=[cast.network.slug, other.pk])).status_code == 403


def test_stakeholder_analysis_places_stakeholders_in_a_quadrant(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("networks:stakeholder_create", args=[cast.network.slug])
    client.post(url, {"s-name": "Gemeente Soest", "s-kind": "municipality", "s-interest": "5", "s-influence": "4"})
    client.post(url, {"s-name": "Vakbond", "s-kind": "union", "s-interest": "2", "s-influence": "1"})
    quadrants = {s.name: s.quadrant for s in Stakeholder.objects.all()}
    assert quadrants == {"Gemeente Soest": "Nauw betrekken", "Vakbond": "Monitoren"}
    response = client.post(url, {"s-name": "Gemeente Soest", "s-kind": "municipality", "s-interest": "9"})
    assert response.status_code == 400
    assert set(response.context["stakeholder_form"].errors) >= {"interest", "influence"}


def test_cooperation_with_another_network_at_one_of_four_levels(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("networks:cooperation_create", args=[cast.network.slug])
    assert client.post(url, {"c-partner_name": "Sportnetwerk", "c-level": "5"}).status_code == 400
    assert client.post(url, {"c-partner_name": "Sportnetwerk", "c-level": "2"}).status_code == 302
    response = client.post(url, {"c-partner_name": "Sportnetwerk", "c-level": "3"})
    assert response.status_code == 400 and "partner_name" in response.context["cooperation_form"].errors
    assert Cooperation.objects.get().get_level_display().startswith("2.")


def test_only_the_coordinator_manages_stakeholders(cast, client):
    client.force_login(cast.backoffice)
    url = reverse("networks:stakeholder_create", args=[cast.network.slug])
    assert client.post(url, {"s-name": "X", "s-kind": "uwv", "s-interest": 3, "s-influence": 3}).status_code == 403
    assert not Stakeholder.objects.exists()


def test_a_network_made_in_the_admin_gets_every_kind_of_body(db, admin_client):
    response = admin_client.post(
        "/admin/networks/network/add/",
        {
            "name": "99vanDrenthe",
            "slug": "99vandrenthe",
            "financing_model": "contributions",
            "ownership_model": "ownership",
            "bodies-TOTAL_FORMS": "0",
            "bodies-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    network = Network.objects.get(slug="99vandrenthe")
    assert set(network.bodies.values_list("kind", flat=True)) == set(BodyKind.values)
