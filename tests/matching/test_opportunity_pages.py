"""Opportunities: who creates them for which employer, who sees which, and a message per bad field."""

from django.urls import reverse

from spil.matching.models import Opportunity, Task
from tests.matching.opportunity_factories import make_opportunity


def _url(cast, name, *args):
    return reverse(f"matching:{name}", args=[cast.network.slug, *args])


def _post_data(**extra):
    data = {
        "kind": "vacancy",
        "title": "Medewerker inpak",
        "hours_per_week": "24",
        "postcode": "3811ab",
        "places": "2",
        "is_open": "on",
        "support": ["job_coach", "buddy"],
        "tasks-TOTAL_FORMS": "3",
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "20",
        "tasks-0-task": "Inpakken",
        "tasks-0-share": "60",
        "tasks-1-task": "  orderpicken ",
        "tasks-1-share": "40",
        "tasks-2-task": "",
        "tasks-2-share": "",
    }
    data.update(extra)
    return data


def test_partner_contact_creates_an_opportunity_for_the_own_organisation(cast, client):
    Task.objects.create(name="Orderpicken")
    client.force_login(cast.partner_a)
    response = client.post(_url(cast, "opportunity_create"), _post_data(organisation=cast.org_b.pk))
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    assert opportunity.organisation == cast.org_a  # the own organisation, whatever was posted
    assert opportunity.postcode == "3811 AB"
    assert opportunity.latitude is not None
    assert opportunity.support == ["job_coach", "buddy"]
    shares = {share.task.name: share.share for share in opportunity.task_shares.select_related("task")}
    assert shares == {"Inpakken": 60, "Orderpicken": 40}
    assert Task.objects.filter(key="orderpicken").count() == 1  # the existing task, not a near-duplicate


def test_advisor_creates_an_opportunity_for_any_employer_partner(cast, client):
    client.force_login(cast.wsp_advisor)
    response = client.post(_url(cast, "opportunity_create"), _post_data(organisation=cast.org_b.pk))
    assert response.status_code == 302
    assert Opportunity.objects.get().organisation == cast.org_b


def test_the_wsp_is_no_employer_to_choose(cast, client):
    client.force_login(cast.coordinator)
    response = client.post(_url(cast, "opportunity_create"), _post_data(organisation=cast.wsp.pk))
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert not Opportunity.objects.exists()


def test_bad_input_gets_a_message_per_field_and_writes_nothing(cast, client):
    client.force_login(cast.partner_a)
    data = _post_data(
        kind="learning_job_bbl",
        title="",
        hours_per_week="99",
        postcode="Belgie 1000",
        places="0",
        starts_on="2026-02-31",
        **{"tasks-0-share": "abc", "tasks-1-task": "", "tasks-2-share": "10"},
    )
    response = client.post(_url(cast, "opportunity_create"), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"title", "hours_per_week", "postcode", "places", "starts_on", "learning_route"} <= set(errors)
    formset = response.context["formset"]
    assert "share" in formset.forms[0].errors
    assert "task" in formset.forms[1].errors
    assert "task" in formset.forms[2].errors
    assert not Opportunity.objects.exists() and not Task.objects.exists()


def test_shares_over_100_percent_and_duplicate_tasks_are_refused(cast, client):
    client.force_login(cast.partner_a)
    data = _post_data(**{"tasks-1-task": "inpakken", "tasks-1-share": "30"})
    response = client.post(_url(cast, "opportunity_create"), data)
    assert response.status_code == 400
    assert "Deze taak staat er al." in response.content.decode()
    data = _post_data(**{"tasks-0-share": "80", "tasks-1-share": "30"})
    response = client.post(_url(cast, "opportunity_create"), data)
    assert "110%" in response.content.decode()
    data = _post_data(**{"tasks-0-task": "", "tasks-0-share": "", "tasks-1-task": "", "tasks-1-share": ""})
    response = client.post(_url(cast, "opportunity_create"), data)
    assert "Noem minstens één taak." in response.content.decode()
    assert not Opportunity.objects.exists()


def test_list_is_scoped_to_the_own_organisation_for_partner_contacts(cast, client):
    make_opportunity(cast, cast.org_a, title="Bij Aalbers")
    make_opportunity(cast, cast.org_b, title="Bij Bosman")
    expectations = {
        "partner_a": ({"Bij Aalbers"}, {"Bij Bosman"}),
        "partner_b": ({"Bij Bosman"}, {"Bij Aalbers"}),
        "coordinator": ({"Bij Aalbers", "Bij Bosman"}, set()),
        "chair": ({"Bij Aalbers", "Bij Bosman"}, set()),
        "wsp_advisor": ({"Bij Aalbers", "Bij Bosman"}, set()),
    }
    for persona, (seen, unseen) in expectations.items():
        client.force_login(getattr(cast, persona))
        body = client.get(_url(cast, "opportunities")).content.decode()
        assert all(title in body for title in seen), persona
        assert not any(title in body for title in unseen), persona
    client.force_login(cast.steering)
    assert client.get(_url(cast, "opportunities")).status_code == 403


def test_partner_contact_cannot_open_or_edit_another_employers_opportunity(cast, client):
    other = make_opportunity(cast, cast.org_b, title="Bij Bosman")
    client.force_login(cast.partner_a)
    assert client.get(_url(cast, "opportunity", other.pk)).status_code == 404
    assert client.post(_url(cast, "opportunity_edit", other.pk), _post_data()).status_code == 404
    client.force_login(cast.chair)
    assert client.get(_url(cast, "opportunity", other.pk)).status_code == 200
    assert client.get(_url(cast, "opportunity_edit", other.pk)).status_code == 403


def test_edit_replaces_the_task_shares_and_can_close(cast, client):
    opportunity = make_opportunity(cast)
    client.force_login(cast.partner_a)
    page = client.get(_url(cast, "opportunity_edit", opportunity.pk))
    assert 'value="Afwassen"' in page.content.decode()
    data = _post_data(title="Inpakker (gesloten)", is_open="")
    data.pop("is_open")
    response = client.post(_url(cast, "opportunity_edit", opportunity.pk), data)
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title == "Inpakker (gesloten)" and not opportunity.is_open
    assert sorted(opportunity.task_shares.values_list("share", flat=True)) == [40, 60]
