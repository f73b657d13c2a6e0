from datetime import date

from django.urls import reverse

from spil.partners import selectors
from spil.partners.models import Ambition, Result
from tests.cast import add_ambition, add_result


def test_ambition_and_result_change_the_totals(cast, client):
    client.force_login(cast.coordinator)
    slug = cast.network.slug
    client.post(
        reverse("partners:ambition_create", args=[slug, cast.partnership_a.pk]),
        {"kind": "jobs", "target": "4", "target_date": "2027-12-31", "description": "Vier banen"},
    )
    ambition = Ambition.objects.get(partnership=cast.partnership_a)
    client.post(
        reverse("partners:result_create", args=[slug, ambition.pk]),
        {"number": "1", "date": "2026-10-01", "description": "Medewerker bediening"},
    )
    [total] = selectors.ambition_totals(network=cast.network)
    assert (total.kind, total.target, total.realised, total.percentage) == ("jobs", 4, 1, 25)
    detail = client.get(cast.partnership_a.get_absolute_url())
    assert [(t.target, t.realised) for t in detail.context["totals"]] == [(4, 1)]
    dashboard = client.get(reverse("dashboards:network", args=[slug]))
    assert [(t.target, t.realised) for t in dashboard.context["overview"]["totals"]] == [(4, 1)]


def test_totals_are_per_kind_and_results_are_not_double_counted(cast):
    jobs = add_ambition(cast.partnership_a, kind="jobs", target=10, target_date=date(2027, 1, 1))
    add_ambition(cast.partnership_b, kind="jobs", target=5, target_date=date(2027, 1, 1))
    euros = add_ambition(cast.partnership_b, kind="social_procurement", target=20000, target_date=date(2027, 1, 1))
    add_result(jobs, number=2, date=date(2026, 1, 1))
    add_result(jobs, number=3, date=date(2026, 2, 1))
    add_result(euros, number=5000, date=date(2026, 2, 1))
    totals = {t.kind: (t.target, t.realised, t.percentage) for t in selectors.ambition_totals(network=cast.network)}
    assert totals == {"jobs": (15, 5, 33), "social_procurement": (20000, 5000, 25)}
    one = {t.kind: t.realised for t in selectors.ambition_totals(network=cast.network, partnership=cast.partnership_a)}
    assert one == {"jobs": 5}


def test_partners_without_ambition_and_without_result_are_counted_and_listed(cast, client):
    ambition = add_ambition(cast.partnership_a, kind="jobs", target=2, target_date=date(2027, 1, 1))
    client.force_login(cast.coordinator)
    overview = reverse("partners:ambitions", args=[cast.network.slug])
    listing = reverse("partners:list", args=[cast.network.slug])
    assert client.get(overview).context["gaps"] == {"without_ambition": 2, "without_result": 1}
    without = client.get(listing, {"ambition": "none"}).context["page"]
    assert {p.organisation.name for p in without} == {"Bouwbedrijf Bosman", "WSP Testregio"}
    no_result = client.get(listing, {"ambition": "no_result"}).context["page"]
    assert [p.organisation.name for p in no_result] == ["Bakkerij Aalbers"]
    add_result(ambition, number=1, date=date(2026, 3, 1))
    assert client.get(overview).context["gaps"] == {"without_ambition": 2, "without_result": 0}
    assert list(client.get(listing, {"ambition": "no_result"}).context["page"]) == []


def test_a_partner_contact_records_results_for_the_own_organisation_only(cast, client):
    own = add_ambition(cast.partnership_a, kind="jobs", target=2, target_date=date(2027, 1, 1))
    other = add_ambition(cast.partnership_b, kind="jobs", target=2, target_date=date(2027, 1, 1))
    client.force_login(cast.partner_a)
    slug = cast.network.slug
    ok = client.post(reverse("partners:result_create", args=[slug, own.pk]), {"number": "1", "date": "2026-05-01"})
    assert ok.status_code == 302
    refused = client.post(
        reverse("partners:result_create", args=[slug, other.pk]), {"number": "1", "date": "2026-05-01"}
    )
    assert refused.status_code == 403
    assert Result.objects.filter(ambition=other).count() == 0


def test_ambition_form_rejects_bad_input_per_field(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("partners:ambition_create", args=[cast.network.slug, cast.partnership_a.pk])
    response = client.post(url, {"kind": "wishful", "target": "0", "target_date": "31-31-2027"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"kind", "target", "target_date"}
    assert not Ambition.objects.exists()


def test_reports_show_each_role_the_partners_it_may_see(cast, client):
    add_ambition(cast.partnership_a, kind="jobs", target=2, target_date=date(2027, 1, 1))
    add_ambition(cast.partnership_b, kind="jobs", target=3, target_date=date(2027, 1, 1))
    overview = reverse("partners:ambitions", args=[cast.network.slug])
    seen = {}
    for persona in ("coordinator", "steering", "partner_a", "wsp_advisor"):
        client.force_login(getattr(cast, persona))
        response = client.get(overview)
        seen[persona] = {p.organisation.name for p in response.context["page"]}
        # The network totals are everybody's.
        assert [(t.target, t.realised) for t in response.context["totals"]] == [(5, 0)]
    assert seen["coordinator"] == seen["steering"] == {"Bakkerij Aalbers", "Bouwbedrijf Bosman"}
    assert seen["partner_a"] == {"Bakkerij Aalbers"}
    assert seen["wsp_advisor"] == set()


def test_absurd_figures_are_refused_per_field(cast, client):
    client.force_login(cast.coordinator)
    url = reverse("partners:ambition_create", args=[cast.network.slug, cast.partnership_a.pk])
    response = client.post(url, {"kind": "jobs", "target": str(2**63), "target_date": "2027-01-01"})
    assert "target" in response.context["form"].errors
    ambition = add_ambition(cast.partnership_a, kind="jobs", target=5, target_date=date(2027, 1, 1))
    result_url = reverse("partners:result_create", args=[cast.network.slug, ambition.pk])
    response = client.post(result_url, {"number": "2147483648", "date": "2026-01-01"})
    assert "number" in response.context["form"].errors
    assert client.get(reverse("dashboards:network", args=[cast.network.slug])).status_code == 200


def test_a_mistaken_result_or_ambition_is_taken_back_after_confirmation(cast, client):
    ambition = add_ambition(cast.partnership_a, kind="jobs", target=4, target_date=date(2027, 1, 1))
    wrong = add_result(ambition, number=10, date=date(2026, 5, 1))
    add_result(ambition, number=1, date=date(2026, 5, 2))
    client.force_login(cast.partner_a)
    result_url = reverse("partners:result_delete", args=[cast.network.slug, wrong.pk])
    assert "Ja, verwijderen" in client.get(result_url).content.decode()
    assert Result.objects.filter(pk=wrong.pk).exists()  # asking is not deleting
    assert client.post(result_url).status_code == 302
    ambition.refresh_from_db()
    cast.partnership_a.refresh_from_db()
    assert (ambition.realised, cast.partnership_a.result_count) == (1, 1)
    ambition_url = reverse("partners:ambition_delete", args=[cast.network.slug, ambition.pk])
    assert client.post(ambition_url).status_code == 302
    cast.partnership_a.refresh_from_db()
    assert (cast.partnership_a.ambition_count, cast.partnership_a.result_count) == (0, 0)
    assert not Result.objects.exists()


def test_only_who_may_record_results_may_take_them_back(cast, client):
    ambition = add_ambition(cast.partnership_a, kind="jobs", target=4, target_date=date(2027, 1, 1))
    result = add_result(ambition, number=1, date=date(2026, 5, 1))
    for persona in (cast.partner_b, cast.chair, cast.steering):
        client.force_login(persona)
        assert client.post(reverse("partners:result_delete", args=[cast.network.slug, result.pk])).status_code == 403
        assert (
            client.post(reverse("partners:ambition_delete", args=[cast.network.slug, ambition.pk])).status_code == 403
        )
    client.force_login(cast.outsider)
    assert client.post(reverse("partners:result_delete", args=[cast.network.slug, result.pk])).status_code == 404
    assert Result.objects.filter(pk=result.pk).exists()


def test_network_totals_count_members_only(cast):
    ambition = add_ambition(cast.partnership_a, kind="jobs", target=4, target_date=date(2027, 1, 1))
    add_result(ambition, number=1, date=date(2026, 1, 1))
    departed = add_ambition(cast.partnership_b, kind="jobs", target=10, target_date=date(2027, 1, 1))
    add_result(departed, number=6, date=date(2026, 1, 1))
    add_ambition(cast.partnership_b, kind="learning_jobs", target=3, target_date=date(2027, 1, 1))
    totals = {t.kind: (t.target, t.realised) for t in selectors.ambition_totals(network=cast.network)}
    assert totals == {"jobs": (14, 7), "learning_jobs": (3, 0)}
    cast.partnership_b.status = "left"
    cast.partnership_b.save()
    totals = {t.kind: (t.target, t.realised) for t in selectors.ambition_totals(network=cast.network)}
    assert totals == {"jobs": (4, 1)}
    assert departed.network_id == cast.network.pk
