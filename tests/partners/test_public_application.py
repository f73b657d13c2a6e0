from django.urls import reverse

from spil.partners.models import Contact, Organisation, Partnership, Status

VALID = {
    "organisation_name": "Hotel De Zonnebloem",
    "kvk_number": "87654321",
    "sector": "Horeca",
    "employees": "40",
    "postcode": "1012ab",
    "municipality": "Amsterdam",
    "contact_name": "Mila Jansen",
    "contact_function": "Eigenaar",
    "contact_email": "mila@zonnebloem.example",
    "contact_phone": "020-1234567",
    "motivation": "Wij willen drie leerbanen in de bediening creëren.",
    "website_url": "",
}


def _url(cast):
    return reverse("partners_public:apply", args=[cast.network.slug])


def test_application_is_stored_for_the_kerngroep_and_confirmed_by_email(
    cast, client, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(cast), VALID)
    assert response.status_code == 302
    assert response.url == reverse("partners_public:apply_thanks", args=[cast.network.slug])
    partnership = Partnership.objects.get(organisation__kvk_number="87654321")
    assert partnership.status == Status.APPLICANT
    assert partnership.organisation.postcode == "1012 AB"
    assert partnership.main_contact.email == "mila@zonnebloem.example"
    assert partnership.applied_at is not None
    [message] = mailbox.to("mila@zonnebloem.example")
    assert "ontvangen" in message["Subject"]
    assert "Hotel De Zonnebloem" in mailbox.body(message)


def test_honeypot_answers_like_success_but_stores_nothing(cast, client, mailbox):
    response = client.post(_url(cast), {**VALID, "website_url": "http://spam.example"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(name="Hotel De Zonnebloem").exists()
    assert mailbox.messages == []


def test_each_bad_field_gets_its_own_message_and_nothing_is_stored(cast, client):
    bad = {**VALID, "postcode": "B-1000", "kvk_number": "1234", "contact_email": "geen-mail", "motivation": ""}
    response = client.post(_url(cast), bad)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"postcode", "kvk_number", "contact_email", "motivation"}
    assert "Nederlandse postcode" in form.errors["postcode"][0]
    assert not Organisation.objects.filter(name="Hotel De Zonnebloem").exists()
    assert not Contact.objects.filter(name="Mila Jansen").exists()


def test_junk_input_never_gives_a_server_error(cast, client):
    junk = [
        {},
        {"organisation_name": "x" * 5000, "employees": "veel", "postcode": "\x00", "contact_email": "@"},
        {key: ["a", "b"] for key in VALID},
        {**VALID, "employees": "-5", "kvk_number": "１２３４５６７８"},
    ]
    for data in junk:
        assert client.post(_url(cast), data).status_code in (200, 302)
    assert not Partnership.objects.filter(status=Status.APPLICANT).exists()


def test_the_public_form_never_attaches_a_stranger_to_a_known_organisation(cast, client):
    for network in (cast.network, cast.other_network):
        url = reverse("partners_public:apply", args=[network.slug])
        response = client.post(url, {**VALID, "kvk_number": cast.org_a.kvk_number})
        assert response.status_code == 200
        message = response.context["form"].errors["kvk_number"][0]
        # Neutral: it names neither the organisation nor its standing in any network.
        assert "netwerkcoördinator" in message and "Bakkerij" not in message
    assert not Contact.objects.filter(name="Mila Jansen").exists()
    assert Partnership.objects.filter(organisation=cast.org_a).count() == 1


def test_the_coordinator_may_apply_for_a_known_organisation_in_another_network(cast, client):
    from spil.accounts.models import Membership

    Membership.objects.create(user=cast.coordinator, network=cast.other_network, role="coordinator")
    client.force_login(cast.coordinator)
    url = reverse("partners:admission_create", args=[cast.other_network.slug])
    assert client.post(url, {**VALID, "kvk_number": cast.org_a.kvk_number}).status_code == 302
    assert Partnership.objects.get(network=cast.other_network).organisation == cast.org_a
    again = client.post(
        reverse("partners:admission_create", args=[cast.network.slug]), {**VALID, "kvk_number": cast.org_a.kvk_number}
    )
    assert "Bakkerij Aalbers" in again.context["form"].errors["kvk_number"][0]


def test_a_flood_of_posts_is_rate_limited_without_5xx(cast, client):
    statuses = []
    for i in range(12):
        statuses.append(client.post(_url(cast), {**VALID, "kvk_number": f"{70000000 + i}"}).status_code)
    assert 429 in statuses
    assert all(status < 500 for status in statuses)
    # The limit lets the first ones through and stores only those.
    assert Partnership.objects.filter(status=Status.APPLICANT).count() == statuses.index(429)


def test_unknown_network_gives_404(db, client):
    assert client.get("/aanmelden/onbekend/").status_code == 404
    assert client.post("/aanmelden/onbekend/", VALID).status_code == 404
