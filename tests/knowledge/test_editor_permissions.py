"""Who may change the signpost: the editor and the office. Everyone may read it; the editor reads no partner files."""

import pytest
from django.urls import reverse

from spil.accounts.forms import InviteForm
from spil.accounts.models import Membership, Role
from spil.core.permissions import Action, allows
from spil.knowledge.models import SignpostEntry

from .conftest import make_entry

NEW = {
    "name": "Werkplaats Vathorst",
    "theme": "learning",
    "audience": "Jongeren zonder startkwalificatie",
    "offer": "Een leerwerkplek in de techniek",
    "website": "https://vathorst.example",
}


def _urls(cast, entry) -> dict[str, str]:
    slug = cast.network.slug
    return {
        "manage": reverse("knowledge:manage", args=[slug]),
        "create": reverse("knowledge:entry_create", args=[slug]),
        "edit": reverse("knowledge:entry_edit", args=[slug, entry.pk]),
        "delete": reverse("knowledge:entry_delete", args=[slug, entry.pk]),
        "checked": reverse("knowledge:entry_mark_checked", args=[slug, entry.pk]),
    }


@pytest.mark.parametrize("persona", ["editor", "coordinator", "backoffice"])
def test_editor_and_office_add_an_entry(cast, client, persona):
    client.force_login(getattr(cast, persona))
    response = client.post(reverse("knowledge:entry_create", args=[cast.network.slug]), NEW)
    assert response.status_code == 302
    entry = SignpostEntry.objects.get(name="Werkplaats Vathorst")
    assert entry.network == cast.network
    assert entry.created_by == entry.updated_by == entry.last_checked_by == getattr(cast, persona)


@pytest.mark.parametrize("persona", ["partner_a", "wsp_advisor", "chair", "core_member", "steering"])
def test_other_members_cannot_change_the_signpost(cast, client, entry, persona):
    client.force_login(getattr(cast, persona))
    urls = _urls(cast, entry)
    for name in ("manage", "create", "edit", "delete"):
        assert client.get(urls[name]).status_code == 403, name
    assert client.post(urls["create"], NEW).status_code == 403
    assert client.post(urls["edit"], {**NEW, "name": "Gekaapt"}).status_code == 403
    assert client.post(urls["checked"]).status_code == 403
    assert client.post(urls["delete"]).status_code == 403
    entry.refresh_from_db()
    assert entry.name == "Werkfit Eemland"
    assert not SignpostEntry.objects.filter(name="Werkplaats Vathorst").exists()


def test_an_outsider_from_another_network_gets_not_found(cast, client, entry):
    client.force_login(cast.outsider)
    urls = _urls(cast, entry)
    assert client.get(urls.pop("manage")).status_code == 404
    for url in urls.values():
        assert client.post(url, NEW).status_code == 404


def test_an_editor_of_another_network_cannot_touch_this_networks_entries(cast, client):
    own = make_entry(cast.other_network, "Eigen initiatief")
    foreign = make_entry(cast.network, "Ander netwerk")
    Membership.objects.filter(user=cast.outsider).update(role=Role.EDITOR)
    client.force_login(cast.outsider)
    slug = cast.other_network.slug
    assert client.get(reverse("knowledge:entry_edit", args=[slug, own.pk])).status_code == 200
    assert client.get(reverse("knowledge:entry_edit", args=[slug, foreign.pk])).status_code == 404
    assert client.post(reverse("knowledge:entry_delete", args=[slug, foreign.pk])).status_code == 404
    assert SignpostEntry.objects.filter(pk=foreign.pk).exists()


def test_anonymous_visitors_read_but_are_sent_to_login_for_changes(cast, client, entry):
    assert client.get(reverse("knowledge_public:signpost", args=[cast.network.slug])).status_code == 200
    assert client.get(entry.get_absolute_url()).status_code == 200
    urls = _urls(cast, entry)
    responses = [client.get(urls.pop("manage"))] + [client.post(url, NEW) for url in urls.values()]
    for response in responses:
        assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_the_editor_reads_no_partner_files(cast, client):
    membership = Membership.objects.get(user=cast.editor, network=cast.network)
    for action in (
        Action.VIEW_PARTNERS,
        Action.MANAGE_PARTNERS,
        Action.VIEW_CONTRIBUTIONS,
        Action.VIEW_ADMISSIONS,
        Action.VIEW_PARTICIPATION,
        Action.VIEW_STAKEHOLDERS,
        Action.MANAGE_MEMBERS,
        Action.VIEW_DESK,
        Action.MANAGE_MAILINGS,
    ):
        assert not allows(membership, action), action
    client.force_login(cast.editor)
    slug = cast.network.slug
    assert client.get(reverse("partners:list", args=[slug])).status_code == 403
    assert client.get(reverse("partners:detail", args=[slug, cast.partnership_a.pk])).status_code == 403
    assert client.get(reverse("dashboards:network", args=[slug])).status_code == 200
    # The menu leads the editor to the editors' pages and not to the partner list.
    body = client.get(reverse("dashboards:network", args=[slug])).content.decode()
    assert f'class="nav-link" href="{reverse("knowledge:manage", args=[slug])}"' in body
    assert f'class="nav-link" href="{reverse("partners:list", args=[slug])}"' not in body


def test_the_coordinator_can_make_someone_editor_on_the_people_page(cast, client):
    assert (Role.EDITOR, "Redacteur wegwijzer") in [
        (v, str(label)) for v, label in InviteForm.base_fields["role"].choices
    ]
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("partners:members", args=[cast.network.slug]),
        {"email": "nieuwe-redacteur@example.org", "first_name": "Nina", "last_name": "Nieuw", "role": Role.EDITOR},
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else None
    assert Membership.objects.get(user__email="nieuwe-redacteur@example.org", network=cast.network).role == Role.EDITOR
