from datetime import date

from django.urls import reverse

from spil.partners.models import Contribution


def test_registering_a_contribution_and_listing_unpaid(cast, client):
    client.force_login(cast.backoffice)
    slug = cast.network.slug
    url = reverse("partners:contribution_create", args=[slug])
    response = client.post(url, {"partnership": cast.partnership_a.pk, "year": "2026", "amount": "750.00"})
    assert response.status_code == 302
    Contribution.objects.create(partnership=cast.partnership_b, year=2026, amount=750, paid_on=date(2026, 3, 1))
    unpaid = client.get(reverse("partners:contributions", args=[slug]) + "?unpaid=1").context["page"]
    assert [c.partnership for c in unpaid] == [cast.partnership_a]


def test_a_second_contribution_for_the_same_year_is_refused_with_a_message(cast, client):
    Contribution.objects.create(partnership=cast.partnership_a, year=2026, amount=750)
    client.force_login(cast.backoffice)
    url = reverse("partners:contribution_create", args=[cast.network.slug])
    response = client.post(url, {"partnership": cast.partnership_a.pk, "year": "2026", "amount": "100"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Contribution.objects.count() == 1


def test_contribution_form_checks_each_field(cast, client):
    client.force_login(cast.backoffice)
    url = reverse("partners:contribution_create", args=[cast.network.slug])
    foreign = cast.other_network.partnerships.create(organisation=cast.org_b)
    response = client.post(
        url,
        {
            "partnership": foreign.pk,
            "year": "1850",
            "amount": "-3",
            "invoiced_on": "2026-05-01",
            "paid_on": "2026-04-01",
        },
    )
    assert set(response.context["form"].errors) == {"partnership", "year", "amount", "paid_on"}
    assert not Contribution.objects.exists()


def test_marking_paid_with_htmx_returns_the_updated_row(cast, client):
    contribution = Contribution.objects.create(partnership=cast.partnership_a, year=2026, amount=750)
    client.force_login(cast.coordinator)
    url = reverse("partners:contribution_pay", args=[cast.network.slug, contribution.pk])
    response = client.post(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.strip().startswith(f'<tr id="contribution-{contribution.pk}"')
    contribution.refresh_from_db()
    assert contribution.paid_on is not None and contribution.invoiced_on is not None


def test_only_the_office_marks_payments(cast, client):
    contribution = Contribution.objects.create(partnership=cast.partnership_a, year=2026, amount=750)
    url = reverse("partners:contribution_pay", args=[cast.network.slug, contribution.pk])
    client.force_login(cast.chair)
    assert client.post(url).status_code == 403
    client.force_login(cast.coordinator)
    assert client.get(url).status_code == 405
    contribution.refresh_from_db()
    assert contribution.paid_on is None
