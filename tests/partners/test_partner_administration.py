from django.urls import reverse

from spil.partners.models import Contact, Organisation, Partnership, Status

NEW_PARTNER = {
    "org-name": "Drukkerij Mulder",
    "org-kind": "employer",
    "org-kvk_number": "11223344",
    "org-sector": "Grafisch",
    "org-employees": "25",
    "org-street": "Industrieweg 4",
    "org-postcode": "3812 cd",
    "org-municipality": "Amersfoort",
    "org-website": "https://mulder.example",
    "contact-name": "Sem Mulder",
    "contact-function": "Directeur",
    "contact-email": "sem@mulder.example",
    "contact-phone": "033-1234567",
    "p-stage": "starter",
    "p-joined_on": "2026-11-01",
}


def test_coordinator_adds_a_partner_with_contact(cast, client):
    client.force_login(cast.coordinator)
    response = client.post(reverse("partners:create", args=[cast.network.slug]), NEW_PARTNER)
    partnership = Partnership.objects.get(organisation__kvk_number="11223344")
    assert response.status_code == 302
    assert response.url == partnership.get_absolute_url()
    assert partnership.status == Status.ACTIVE
    assert partnership.organisation.postcode == "3812 CD"
    assert partnership.main_contact.name == "Sem Mulder"


def test_a_duplicate_kvk_is_refused_naming_the_existing_organisation(cast, client):
    client.force_login(cast.coordinator)
    data = {**NEW_PARTNER, "org-kvk_number": cast.org_a.kvk_number}
    response = client.post(reverse("partners:create", args=[cast.network.slug]), data)
    assert response.status_code == 200
    assert "Bakkerij Aalbers" in response.context["org_form"].errors["kvk_number"][0]
    assert not Organisation.objects.filter(name="Drukkerij Mulder").exists()
    assert not Contact.objects.filter(name="Sem Mulder").exists()


def test_bad_fields_each_get_a_message_and_nothing_is_saved(cast, client):
    client.force_login(cast.coordinator)
    data = {**NEW_PARTNER, "org-kvk_number": "12AB", "org-postcode": "12345", "contact-email": "x", "p-stage": "?"}
    response = client.post(reverse("partners:create", args=[cast.network.slug]), data)
    assert response.status_code == 200
    assert "kvk_number" in response.context["org_form"].errors
    assert "postcode" in response.context["org_form"].errors
    assert "email" in response.context["contact_form"].errors
    assert "stage" in response.context["partnership_form"].errors
    assert not Organisation.objects.filter(name="Drukkerij Mulder").exists()


def test_status_follows_the_life_cycle(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("partners:edit", args=[cast.network.slug, cast.partnership_a.pk])
    base = {
        "org-name": cast.org_a.name,
        "org-kind": "employer",
        "org-kvk_number": cast.org_a.kvk_number,
        "org-postcode": "3811 AB",
        "p-stage": "advanced",
        "p-joined_on": "2024-01-01",
        "p-main_contact": cast.partnership_a.main_contact_id,
    }
    assert client.post(url, {**base, "p-status": "inactive"}).status_code == 302
    cast.partnership_a.refresh_from_db()
    assert (cast.partnership_a.status, cast.partnership_a.stage) == ("inactive", "advanced")
    response = client.post(url, {**base, "p-status": "declined", "org-name": "Nieuwe naam"})
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    cast.partnership_a.refresh_from_db()
    cast.org_a.refresh_from_db()
    assert cast.partnership_a.status == "inactive"
    assert cast.org_a.name == "Bakkerij Aalbers"


def test_partner_list_searches_filters_and_paginates(cast, client, settings):
    settings.PAGE_SIZE = 2
    client.force_login(cast.coordinator)
    url = reverse("partners:list", args=[cast.network.slug])
    assert [p.organisation.name for p in client.get(url + "?q=bakk").context["page"]] == ["Bakkerij Aalbers"]
    page = client.get(url).context["page"]
    assert page.paginator.count == 3 and len(page.object_list) == 2
    assert client.get(url + "?page=2").context["page"].number == 2
    assert client.get(url + "?page=999").context["page"].number == 2
    assert client.get(url + "?page=abc").status_code == 200
    assert client.get(url + "?status=nonsense").status_code == 200


def test_partner_list_answers_htmx_with_the_results_partial(cast, client):
    client.force_login(cast.coordinator)
    response = client.get(reverse("partners:list", args=[cast.network.slug]) + "?q=bouw", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert '<div id="results">' in html and "<html" not in html
    assert "Bouwbedrijf Bosman" in html and "Bakkerij Aalbers" not in html


def test_a_partner_contact_sees_only_the_own_organisation(cast, client):
    client.force_login(cast.partner_a)
    page = client.get(reverse("partners:list", args=[cast.network.slug])).context["page"]
    assert [p.organisation for p in page] == [cast.org_a]
    assert client.get(cast.partnership_b.get_absolute_url()).status_code == 404


def test_unknown_or_foreign_ids_give_404(cast, client):
    client.force_login(cast.coordinator)
    foreign = Partnership.objects.create(network=cast.other_network, organisation=cast.org_b)
    for name in ("partners:detail", "partners:edit", "partners:contact_create", "partners:ambition_create"):
        assert client.get(reverse(name, args=[cast.network.slug, foreign.pk])).status_code == 404
        assert client.get(reverse(name, args=[cast.network.slug, 10**9])).status_code == 404
    assert client.get(f"/n/{cast.network.slug}/partners/abc/").status_code == 404


def test_adding_a_contact_can_make_it_the_main_contact(cast, client):
    client.force_login(cast.backoffice)
    url = reverse("partners:contact_create", args=[cast.network.slug, cast.partnership_a.pk])
    assert client.post(url, {"name": "", "email": "x@y.nl"}).status_code == 200
    client.post(url, {"name": "Lotte Smit", "email": "lotte@aalbers.example", "make_main": "1"})
    cast.partnership_a.refresh_from_db()
    assert cast.partnership_a.main_contact.name == "Lotte Smit"


def test_a_partner_can_be_added_without_a_contact_but_not_with_half_a_contact(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("partners:create", args=[cast.network.slug])
    no_contact = {k: v for k, v in NEW_PARTNER.items() if not k.startswith("contact-")}
    half = {**no_contact, "contact-email": "info@mulder.example"}
    response = client.post(url, half)
    assert "name" in response.context["contact_form"].errors
    assert not Organisation.objects.filter(name="Drukkerij Mulder").exists()
    assert client.post(url, no_contact).status_code == 302
    partnership = Partnership.objects.get(organisation__name="Drukkerij Mulder")
    assert partnership.main_contact is None


def test_search_finds_name_municipality_sector_and_kvk_in_any_case(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("partners:list", args=[cast.network.slug])
    cast.org_b.municipality = "Leusden"
    cast.org_b.save(update_fields=["municipality"])

    def found(q):
        return {p.organisation.name for p in client.get(url, {"q": q}).context["page"]}

    assert found("BOUWBEDRIJF") == {"Bouwbedrijf Bosman"}
    assert found("leusden") == {"Bouwbedrijf Bosman"}
    assert found("zorg") == {"Bakkerij Aalbers", "Bouwbedrijf Bosman", "WSP Testregio"}
    assert found("12345678") == {"Bakkerij Aalbers"}
    assert found("  aalbers ") == {"Bakkerij Aalbers"}
