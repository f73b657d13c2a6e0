from django.urls import reverse


def test_interface_is_dutch_by_default_and_english_on_request(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("partners:list", args=[cast.network.slug])
    assert "Partner toevoegen" in client.get(url).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": url})
    english = client.get(url).content.decode()
    assert '<html lang="en">' in english
    assert "Add partner" in english


def test_an_english_browser_still_gets_dutch_until_english_is_chosen(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("partners:list", args=[cast.network.slug])
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl">' in response.content.decode()


def test_error_pages_are_dutch_and_in_the_site_layout(cast, client):
    client.force_login(cast.partner_a)
    not_found = client.get(f"/n/{cast.network.slug}/partners/999999/")
    assert not_found.status_code == 404
    assert "Pagina niet gevonden" in not_found.content.decode()
    forbidden = client.get(f"/n/{cast.network.slug}/instellingen/")
    assert forbidden.status_code == 403
    assert "Geen toegang" in forbidden.content.decode()
