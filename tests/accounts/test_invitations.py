import re

from django.contrib.auth import get_user_model
from django.urls import reverse

from spil.accounts.models import Membership

NEW = {"email": "Nieuw.Lid@Example.org", "first_name": "Noor", "last_name": "Nieuw", "role": "core_group"}


def _url(cast):
    return reverse("partners:members", args=[cast.network.slug])


def test_a_new_person_is_invited_and_chooses_a_password_from_the_email(
    cast, client, mailbox, django_capture_on_commit_callbacks
):
    client.force_login(cast.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_url(cast), NEW).status_code == 302
    user = get_user_model().objects.get(email="nieuw.lid@example.org")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user, network=cast.network).role == "core_group"
    [message] = mailbox.to("nieuw.lid@example.org")
    body = mailbox.body(message)
    assert "99vanTestregio" in body and "kerngroeplid" in body
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", body).group(1)
    client.logout()
    form_page = client.get(link, follow=True)
    password = "een-eigen-lang-wachtwoord-9"
    client.post(form_page.redirect_chain[-1][0], {"password1": password, "password2": password})
    assert (
        client.post(reverse("account_login"), {"login": "nieuw.lid@example.org", "password": password}).status_code
        == 302
    )
    assert client.get("/").url == f"/n/{cast.network.slug}/"


def test_someone_with_an_account_gets_a_role_without_a_new_password(
    cast, client, mailbox, django_capture_on_commit_callbacks
):
    client.force_login(cast.coordinator)
    data = {**NEW, "email": cast.outsider.email, "role": "steering"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_url(cast), data).status_code == 302
    assert cast.outsider.memberships.count() == 2
    assert "/accounts/password/reset/key/" not in mailbox.body(mailbox.to(cast.outsider.email)[0])


def test_invitations_are_checked_per_field_and_change_nothing_when_wrong(cast, client):
    client.force_login(cast.coordinator)
    response = client.post(_url(cast), {**NEW, "role": "public_advisor"})
    assert "organisation" in response.context["form"].errors
    response = client.post(_url(cast), {**NEW, "email": cast.chair.email})
    assert "email" in response.context["form"].errors
    response = client.post(_url(cast), {"email": "geen-adres", "role": "baas"})
    assert set(response.context["form"].errors) == {"email", "role"}
    assert not get_user_model().objects.filter(email="nieuw.lid@example.org").exists()
    assert response.status_code == 400


def test_an_employers_contact_is_invited_from_the_partner_page(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("partners:contact_invite", args=[cast.network.slug, cast.partnership_b.pk])
    data = {"email": "nieuw.lid@example.org", "first_name": "Noor"}
    assert client.post(url, data).status_code == 302
    membership = Membership.objects.get(user__email="nieuw.lid@example.org")
    assert (membership.role, membership.organisation) == ("partner_contact", cast.org_b)
    # The general form offers no employer contacts and only the public partners as organisations.
    form = client.get(_url(cast)).context["form"]
    assert "partner_contact" not in dict(form.fields["role"].choices)
    assert list(form.fields["organisation"].queryset) == [cast.wsp]
    response = client.post(
        _url(cast), {**NEW, "email": "x@example.org", "role": "public_advisor", "organisation": cast.org_a.pk}
    )
    assert "organisation" in response.context["form"].errors


def test_ending_a_role_keeps_the_account_and_needs_confirmation(cast, client):
    membership = cast.steering.memberships.get(network=cast.network)
    url = reverse("partners:member_end", args=[cast.network.slug, membership.pk])
    client.force_login(cast.coordinator)
    assert client.get(url).status_code == 200
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert client.post(url).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert get_user_model().objects.filter(pk=cast.steering.pk).exists()


def test_the_coordinator_cannot_end_the_own_role_or_one_in_another_network(cast, client):
    client.force_login(cast.coordinator)
    own = cast.coordinator.memberships.get(network=cast.network)
    response = client.post(reverse("partners:member_end", args=[cast.network.slug, own.pk]))
    assert response.status_code == 400
    assert Membership.objects.filter(pk=own.pk).exists()
    foreign = cast.outsider.memberships.get()
    assert client.post(reverse("partners:member_end", args=[cast.network.slug, foreign.pk])).status_code == 404
