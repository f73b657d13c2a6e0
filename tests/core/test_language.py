from django.urls import reverse


def test_interface_is_dutch_by_default_and_english_on_request(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("partners:list", args=[cast.network.slug])
    assert "Partner toevoegen" in client.get(url).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": url})
    english = client.get(url).content.decode()
    assert '<html lang="en">' in english
    assert "Add partner" in english
