"""One click on "nog actueel" records that the entry was checked today, by whom, and lifts the flag."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from .conftest import make_entry


def test_editor_marks_an_old_entry_as_still_current(cast, client):
    entry = make_entry(cast.network, "Oud initiatief", checked=date(2020, 5, 1))
    client.force_login(cast.editor)
    manage = reverse("knowledge:manage", args=[cast.network.slug])
    response = client.post(
        reverse("knowledge:entry_mark_checked", args=[cast.network.slug, entry.pk]), {"next": manage + "?status=check"}
    )
    assert response.status_code == 302
    assert response.url == manage + "?status=check"
    entry.refresh_from_db()
    assert entry.last_checked_on == timezone.localdate()
    assert entry.last_checked_by == cast.editor == entry.updated_by
    assert not entry.needs_check()
    public = client.get(reverse("knowledge_public:signpost", args=[cast.network.slug])).content.decode()
    assert "Niet gecontroleerd sinds" not in public


def test_marking_checked_needs_a_post_and_ignores_an_outside_next(cast, client):
    entry = make_entry(cast.network, checked=date(2020, 5, 1))
    client.force_login(cast.editor)
    url = reverse("knowledge:entry_mark_checked", args=[cast.network.slug, entry.pk])
    assert client.get(url).status_code == 405
    entry.refresh_from_db()
    assert entry.last_checked_on == date(2020, 5, 1)
    response = client.post(url, {"next": "https://elders.example/"})
    assert response.url == reverse("knowledge:manage", args=[cast.network.slug])


def test_editing_an_entry_does_not_count_as_a_check(cast, client):
    entry = make_entry(cast.network, checked=date(2020, 5, 1))
    client.force_login(cast.editor)
    data = {
        "name": "Nieuwe naam",
        "theme": "coaching",
        "audience": "Iedereen",
        "offer": "Hulp",
        "contact_email": "a@b.nl",
    }
    response = client.post(reverse("knowledge:entry_edit", args=[cast.network.slug, entry.pk]), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.name == "Nieuwe naam"
    assert entry.last_checked_on == date(2020, 5, 1)
    assert entry.updated_by == cast.editor


def test_a_marked_entry_of_an_unknown_id_is_not_found(cast, client):
    client.force_login(cast.editor)
    assert client.post(reverse("knowledge:entry_mark_checked", args=[cast.network.slug, 999999])).status_code == 404
