"""Job carving (seed 004, Willy Naessens): the tasks of existing roles, a cluster of simple ones, the hours per
week it frees, and the new role as an opportunity in one step."""

from django.urls import reverse

from spil.matching.models import JobRole, Opportunity
from spil.matching.opportunity_services import carved_shares, job_role_create


def _url(cast, name):
    return reverse(f"matching:{name}", args=[cast.network.slug])


def _roles(cast, organisation=None):
    organisation = organisation or cast.org_a
    office = job_role_create(
        network=cast.network,
        organisation=organisation,
        name="Projectleider",
        people=5,
        hours_per_week=40,
        tasks=[("Post verwerken", 10, 1), ("Archiveren", 5, 1), ("Offertes maken", 50, 3)],
    )
    planner = job_role_create(
        network=cast.network,
        organisation=organisation,
        name="Werkvoorbereider",
        people=2,
        hours_per_week=36,
        tasks=[("Archiveren", 25, 1), ("Planning maken", 75, 2)],
    )
    return office, planner


def _task_ids(*roles, names):
    return [str(rt.pk) for role in roles for rt in role.role_tasks.all() if rt.task.name in names]


def test_carving_lists_role_tasks_and_shows_the_hours_the_selection_frees(cast, client):
    office, planner = _roles(cast)
    client.force_login(cast.partner_a)
    page = client.get(_url(cast, "carving")).content.decode()
    assert "Offertes maken" in page and "Planning maken" in page and "Complex" in page
    selected = _task_ids(office, planner, names={"Post verwerken", "Archiveren"})
    response = client.get(_url(cast, "carving"), {"taak": selected})
    # 5 × 40 × 10% + 5 × 40 × 5% + 2 × 36 × 25% = 20 + 10 + 18 = 48 hours a week
    assert "samen 48,0 uur per week vrij" in response.content.decode()
    assert response.context["summary"]["freed_per_task"] == {"Post verwerken": 20.0, "Archiveren": 28.0}


def test_the_carved_role_becomes_an_opportunity_in_one_step(cast, client):
    office, planner = _roles(cast)
    client.force_login(cast.partner_a)
    selected = _task_ids(office, planner, names={"Post verwerken", "Archiveren"})
    data = {"taak": selected, "kind": "vacancy", "title": "Medewerker post en archief", "hours_per_week": "24"}
    data |= {"places": "2", "postcode": "3811ab"}
    response = client.post(_url(cast, "carving"), data)
    opportunity = Opportunity.objects.get()
    assert response.url == reverse("matching:opportunity", args=[cast.network.slug, opportunity.pk])
    assert (opportunity.organisation, opportunity.places, opportunity.hours_per_week) == (cast.org_a, 2, 24)
    shares = dict(opportunity.task_shares.values_list("task__name", "share"))
    assert shares == {"Archiveren": 58, "Post verwerken": 42}  # 28 and 20 of 48 hours


def test_carved_shares_add_up_to_100():
    assert sum(share for _name, share in carved_shares({"a": 1, "b": 1, "c": 1})) == 100
    assert carved_shares({"a": 99.5, "b": 0.1}) == [("a", 99), ("b", 1)]
    assert carved_shares({}) == []


def test_bad_input_in_carving_gets_a_message_per_field(cast, client):
    office, _planner = _roles(cast)
    client.force_login(cast.partner_a)
    response = client.post(_url(cast, "carving"), {"kind": "vacancy", "title": "X"})
    assert response.status_code == 400
    assert not Opportunity.objects.exists()
    selected = _task_ids(office, names={"Post verwerken"})
    data = {"taak": selected, "kind": "nonsense", "title": "", "hours_per_week": "0", "places": "x", "postcode": "1"}
    response = client.post(_url(cast, "carving"), data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"kind", "title", "hours_per_week", "places", "postcode"}
    assert not Opportunity.objects.exists()


def test_partner_contact_carves_only_the_own_organisation(cast, client):
    _roles(cast, cast.org_b)
    client.force_login(cast.partner_a)
    page = client.get(_url(cast, "carving"), {"werkgever": cast.org_b.pk}).content.decode()
    assert "Offertes maken" not in page
    client.force_login(cast.coordinator)
    page = client.get(_url(cast, "carving"), {"werkgever": cast.org_b.pk}).content.decode()
    assert "Offertes maken" in page
    client.force_login(cast.chair)
    assert client.get(_url(cast, "carving")).status_code == 403


def test_adding_a_role_checks_every_field(cast, client):
    client.force_login(cast.partner_a)
    base = {"tasks-TOTAL_FORMS": "2", "tasks-INITIAL_FORMS": "0", "tasks-MIN_NUM_FORMS": "0"}
    base["tasks-MAX_NUM_FORMS"] = "20"
    bad = base | {"name": "", "people": "0", "hours_per_week": "80", "tasks-0-task": "Post", "tasks-0-share": "200"}
    response = client.post(reverse("matching:role_create", args=[cast.network.slug]), bad)
    assert response.status_code == 400
    assert {"name", "people", "hours_per_week"} <= set(response.context["form"].errors)
    assert "share" in response.context["formset"].forms[0].errors
    good = base | {"name": "Receptionist", "people": "2", "hours_per_week": "32", "tasks-0-task": "Post"}
    good |= {"tasks-0-share": "30", "tasks-0-complexity": "1", "tasks-1-task": "Telefoon", "tasks-1-share": "70"}
    good["tasks-1-complexity"] = "2"
    response = client.post(reverse("matching:role_create", args=[cast.network.slug]), good)
    assert response.status_code == 302
    role = JobRole.objects.get()
    assert role.organisation == cast.org_a
    assert sorted(role.role_tasks.values_list("task__name", "share", "complexity")) == [
        ("Post", 30, 1),
        ("Telefoon", 70, 2),
    ]
