"""Every view, export and change of a candidate's data writes a line to the access log (who, what, when,
why); the coordinator and the registering organisation's advisors read it, nobody else."""

import pytest
from django.urls import reverse

from spil.matching.models import AccessLog
from tests.matching.candidate_factories import make_candidate

pytestmark = pytest.mark.django_db


def _lines(candidate, **filters) -> list[AccessLog]:
    return list(AccessLog.objects.filter(candidate_ref=candidate.pk, **filters).order_by("pk"))


@pytest.mark.parametrize("persona", ["coordinator", "wsp_advisor", "partner_a"])
def test_the_list_and_the_detail_write_a_line_per_candidate_shown(cast, client, persona):
    shown = [make_candidate(cast, last_name=f"Kandidaat{i}") for i in range(3)]
    user = getattr(cast, persona)
    client.force_login(user)
    client.get(reverse("matching:candidates", args=[cast.network.slug]))
    for candidate in shown:
        (line,) = _lines(candidate)
        assert line.user == user and line.action == "view" and line.network == cast.network
    client.get(reverse("matching:candidate", args=[cast.network.slug, shown[0].pk]))
    last = _lines(shown[0])[-1]
    assert last.action == "view" and last.reason in {"profiel bekeken", "anoniem profiel bekeken"}


def test_an_empty_list_writes_nothing_and_a_refused_page_neither(cast, client):
    candidate = make_candidate(cast, consents=())
    client.force_login(cast.partner_a)
    client.get(reverse("matching:candidates", args=[cast.network.slug]))
    assert client.get(reverse("matching:candidate", args=[cast.network.slug, candidate.pk])).status_code == 404
    client.force_login(cast.backoffice)
    client.get(reverse("matching:candidate", args=[cast.network.slug, candidate.pk]))
    assert not AccessLog.objects.exists()


def test_edit_form_export_and_consent_changes_are_logged(cast, client):
    candidate = make_candidate(cast)
    client.force_login(cast.wsp_advisor)
    slug = cast.network.slug
    client.get(reverse("matching:candidate_edit", args=[slug, candidate.pk]))
    client.get(reverse("matching:candidate_export", args=[slug, candidate.pk]))
    consent = candidate.consents.get(purpose="match")
    client.post(reverse("matching:consent_revoke", args=[slug, candidate.pk, consent.pk]))
    actions = [(line.action, line.reason) for line in _lines(candidate)]
    assert actions == [
        ("view", "bewerken geopend"),
        ("export", "inzage"),
        ("consent", "toestemming ingetrokken: match"),
    ]


def test_the_log_page_shows_who_what_when_and_why(cast, client):
    candidate = make_candidate(cast)
    client.force_login(cast.partner_a)
    client.get(reverse("matching:candidate", args=[cast.network.slug, candidate.pk]))
    client.force_login(cast.coordinator)
    url = reverse("matching:candidate_log", args=[cast.network.slug, candidate.pk])
    body = client.get(url).content.decode()
    assert "Anna Aalbers" in body and "anoniem profiel bekeken" in body and "Bekeken" in body
    client.force_login(cast.wsp_advisor)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("persona", ["partner_a", "backoffice", "chair", "steering", "editor"])
def test_others_cannot_read_the_log(cast, client, persona):
    candidate = make_candidate(cast)
    client.force_login(getattr(cast, persona))
    url = reverse("matching:candidate_log", args=[cast.network.slug, candidate.pk])
    assert client.get(url).status_code in (403, 404)


def test_the_access_log_insert_names_every_column_but_the_key():
    # log_access writes its lines with a hand-made INSERT for speed: a new column must be added there too.
    from spil.matching.access import LOG_FIELDS
    from spil.matching.models import AccessLog

    columns = {field.name for field in AccessLog._meta.concrete_fields if not field.primary_key}
    assert set(LOG_FIELDS) == columns
