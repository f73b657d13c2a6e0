from datetime import date

from django.urls import reverse

from spil.partners.models import Contribution, Status


def _create_url(cast, partnership):
    return reverse("partners:contribution_create", args=[cast.network.slug, partnership.pk])


def test_registering_a_contribution_and_listing_unpaid(cast, client):
    client.force_login(cast.backoffice)
    slug = cast.network.slug
    response = client.post(_create_url(cast, cast.partnership_a), {"year": "2026", "amount": "750.00"})
    assert response.status_code == 302
    assert response.url == cast.partnership_a.get_absolute_url()
    Contribution.objects.create(partnership=cast.partnership_b, year=2026, amount=750, paid_on=date(2026, 3, 1))
    unpaid = client.get(reverse("partners:contributions", args=[slug]) + "?unpaid=1").context["page"]
    assert [c.partnership for c in unpaid] == [cast.partnership_a]


def test_the_yearly_fee_is_set_for_every_member_without_one(cast, client):
    Contribution.objects.create(partnership=cast.partnership_a, year=2027, amount=100)
    cast.partnership_b.status = Status.LEFT
    cast.partnership_b.save()
    client.force_login(cast.coordinator)
    url = reverse("partners:contribution_year", args=[cast.network.slug])
    response = client.post(url, {"year": "2027", "amount": "750", "invoiced_on": "2027-01-15"}, follow=True)
    assert "Voor 1 partner is de contributie vastgelegd." in response.content.decode()
    amounts = {c.partnership.organisation.name: c.amount for c in Contribution.objects.filter(year=2027)}
    assert amounts == {"Bakkerij Aalbers": 100, "WSP Testregio": 750}
    client.post(url, {"year": "2027", "amount": "750"})
    assert Contribution.objects.filter(year=2027).count() == 2


def test_a_second_contribution_for_the_same_year_is_refused_with_a_message(cast, client):
    Contribution.objects.create(partnership=cast.partnership_a, year=2026, amount=750)
    client.force_login(cast.backoffice)
    response = client.post(_create_url(cast, cast.partnership_a), {"year": "2026", "amount": "100"})
    assert response.status_code == 200
    assert "al een contributie" in response.context["form"].errors["year"][0]
    assert Contribution.objects.count() == 1


def test_contribution_forms_check_each_field(cast, client):
    client.force_login(cast.backoffice)
    data = {"year": "1850", "amount": "-3", "invoiced_on": "2026-05-01", "paid_on": "2026-04-01"}
    response = client.post(_create_url(cast, cast.partnership_a), data)
    assert set(response.context["form"].errors) == {"year", "amount", "paid_on"}
    response = client.post(reverse("partners:contribution_year", args=[cast.network.slug]), {"year": "x"})
    assert set(response.context["form"].errors) == {"year", "amount"}
    assert not Contribution.objects.exists()


def test_a_contribution_for_a_partner_of_another_network_is_404(cast, client):
    foreign = cast.other_network.partnerships.create(organisation=cast.org_b)
    client.force_login(cast.backoffice)
    assert client.post(_create_url(cast, foreign), {"year": "2026", "amount": "1"}).status_code == 404
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


def test_paying_twice_keeps_the_first_payment_date(cast, client):
    contribution = Contribution.objects.create(
        partnership=cast.partnership_a, year=2026, amount=750, paid_on=date(2026, 3, 1)
    )
    client.force_login(cast.coordinator)
    url = reverse("partners:contribution_pay", args=[cast.network.slug, contribution.pk])
    response = client.post(url, follow=True)
    assert "al betaald" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.paid_on == date(2026, 3, 1)


def test_contributions_are_listed_per_year_latest_first_or_all_years(cast, client):
    Contribution.objects.create(partnership=cast.partnership_a, year=2025, amount=700)
    Contribution.objects.create(partnership=cast.partnership_a, year=2026, amount=750)
    Contribution.objects.create(partnership=cast.partnership_b, year=2026, amount=750, paid_on=date(2026, 2, 1))
    client.force_login(cast.backoffice)
    url = reverse("partners:contributions", args=[cast.network.slug])
    latest = client.get(url).context
    assert (latest["year"], latest["years"]) == (2026, [2026, 2025])
    assert {c.year for c in latest["page"]} == {2026}
    assert [c.year for c in client.get(url, {"jaar": "2025"}).context["page"]] == [2025]
    unpaid_all = client.get(url, {"jaar": "alle", "unpaid": "1"}).context["page"]
    assert sorted(c.year for c in unpaid_all) == [2025, 2026]
    assert client.get(url, {"jaar": "1999"}).context["year"] == 2026
