import re

from django.urls import reverse

from tests.cast import PASSWORD


def test_login_with_email_and_password_lands_on_the_network(cast, client):
    response = client.post(reverse("account_login"), {"login": "partner-a@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").url == f"/n/{cast.network.slug}/"


def test_login_with_a_wrong_password_says_so_and_logs_nobody_in(cast, client):
    response = client.post(reverse("account_login"), {"login": "partner-a@example.org", "password": "fout"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert client.get("/").status_code == 302
    assert client.get("/").url.startswith("/accounts/login/")


def test_email_login_ignores_case(cast, client):
    response = client.post(reverse("account_login"), {"login": "Partner-A@Example.org", "password": PASSWORD})
    assert response.status_code == 302


def test_logout_ends_the_session(cast, client):
    client.force_login(cast.coordinator)
    client.post(reverse("account_logout"))
    assert client.get(f"/n/{cast.network.slug}/").status_code == 302


def test_password_reset_mails_a_working_link(cast, client, mailbox):
    client.post(reverse("account_reset_password"), {"email": "coordinator@example.org"})
    [message] = mailbox.to("coordinator@example.org")
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+)", mailbox.body(message)).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "een-nieuw-lang-wachtwoord-7"
    response = client.post(form_page.redirect_chain[-1][0], {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    client.logout()
    ok = client.post(reverse("account_login"), {"login": "coordinator@example.org", "password": new_password})
    assert ok.status_code == 302


def test_nobody_signs_up_on_their_own(db, client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert not response.context.get("form")
