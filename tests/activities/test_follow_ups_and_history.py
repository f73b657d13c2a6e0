"""After an activity: outcomes and follow-up actions; and the participation history per partner and person."""

from datetime import date

from django.urls import reverse

from spil.activities import services
from spil.activities.models import FollowUp, Registration
from tests.activities.factories import make_activity


def test_the_office_records_outcomes_and_follow_ups_that_leave_the_open_list_when_done(cast, client):
    activity = make_activity(cast.network, title="Meet & Greet met werkzoekenden")
    client.force_login(cast.backoffice)
    detail = reverse("activities:detail", args=[cast.network.slug, activity.pk])
    outcomes = reverse("activities:outcomes", args=[cast.network.slug, activity.pk])
    client.post(outcomes, {"outcomes": "Drie gesprekken over een leerwerkplek."})
    activity.refresh_from_db()
    assert activity.outcomes == "Drie gesprekken over een leerwerkplek."
    assert "Drie gesprekken over een leerwerkplek." in client.get(detail).content.decode()

    create = reverse("activities:follow_up_create", args=[cast.network.slug, activity.pk])
    response = client.post(create, {"description": "", "owner": cast.core_member.pk, "due_date": "morgen"})
    assert response.status_code == 200
    assert {"description", "due_date"} <= set(response.context["form"].errors)
    assert not FollowUp.objects.exists()
    client.post(
        create, {"description": "Werkzoekenden nabellen", "owner": cast.core_member.pk, "due_date": "2030-03-01"}
    )
    follow_up = FollowUp.objects.get()
    assert (follow_up.owner, follow_up.due_date) == (cast.core_member, date(2030, 3, 1))
    assert "Werkzoekenden nabellen" in client.get(detail).content.decode()
    open_list = reverse("activities:follow_ups", args=[cast.network.slug])
    assert "Werkzoekenden nabellen" in client.get(open_list).content.decode()

    # Someone else's action: only its owner or the office closes it.
    done = reverse("activities:follow_up_done", args=[cast.network.slug, follow_up.pk])
    client.force_login(cast.chair)
    assert client.post(done, {"done": "1"}).status_code == 403
    client.force_login(cast.core_member)
    assert client.post(done, {"done": "1", "next": "list"}).url == open_list
    follow_up.refresh_from_db()
    assert follow_up.done_at is not None
    client.force_login(cast.backoffice)
    assert "Werkzoekenden nabellen" not in client.get(open_list).content.decode()
    client.post(done, {"done": "0"})
    follow_up.refresh_from_db()
    assert follow_up.done_at is None
    assert "Werkzoekenden nabellen" in client.get(open_list).content.decode()


def test_participation_history_per_partner_and_per_person(cast, client):
    contact = cast.partnership_a.main_contact
    colleague = cast.org_a.contacts.create(name="Bert Aalbers", email="bert@aalbers.example")
    knowledge = make_activity(cast.network, title="Kennissessie jobcarving", days=10)
    visit = make_activity(cast.network, title="Bedrijfsbezoek Bosman", days=20, capacity=1)
    other = make_activity(cast.network, title="Alleen voor Bosman", days=30)
    services.registration_create(activity_id=visit.pk, name="Eerst", email="eerst@example.org")
    for activity in (knowledge, visit):
        services.registration_create(
            activity_id=activity.pk, name=contact.name, email=contact.email, organisation=cast.org_a
        )
    services.registration_create(
        activity_id=knowledge.pk, name=colleague.name, email=colleague.email, organisation=cast.org_a
    )
    services.registration_create(
        activity_id=other.pk, name="Bob Bosman", email="bob@bosman.example", organisation=cast.org_b
    )
    assert Registration.objects.get(activity=visit, email=contact.email.lower()).status == "waiting"

    client.force_login(cast.backoffice)
    page = client.get(reverse("activities:participation_partner", args=[cast.network.slug, cast.org_a.pk]))
    rows = [(r.activity.title, r.name, r.status) for r in page.context["page"]]
    assert rows == [
        ("Bedrijfsbezoek Bosman", contact.name, "waiting"),
        ("Kennissessie jobcarving", colleague.name, "registered"),
        ("Kennissessie jobcarving", contact.name, "registered"),
    ]  # most recent activity first, then the latest registration
    html = page.content.decode()
    assert "Wachtlijst" in html and "Bert Aalbers" in html and "Alleen voor Bosman" not in html

    page = client.get(reverse("activities:participation_contact", args=[cast.network.slug, colleague.pk]))
    assert [r.activity.title for r in page.context["page"]] == ["Kennissessie jobcarving"]

    # A partner contact sees the own organisation's history, not another partner's.
    client.force_login(cast.partner_b)
    assert (
        client.get(reverse("activities:participation_partner", args=[cast.network.slug, cast.org_a.pk])).status_code
        == 404
    )
    page = client.get(reverse("activities:participation_partner", args=[cast.network.slug, cast.org_b.pk]))
    assert [r.activity.title for r in page.context["page"]] == ["Alleen voor Bosman"]


def test_a_group_meeting_is_planned_from_the_group_and_listed_on_its_page(cast, client):
    from spil.activities.models import Group

    group = Group.objects.create(network=cast.network, name="Kennisuitwisseling")
    group.members.add(cast.partnership_a.main_contact)
    client.force_login(cast.coordinator)
    form = client.get(reverse("activities:create", args=[cast.network.slug]) + f"?group={group.pk}").context["form"]
    assert (form.initial["group"], form.initial["audience"], form.initial["kind"]) == (
        str(group.pk),
        "group",
        "group_meeting",
    )
    meeting = make_activity(cast.network, title="Bijeenkomst kennisuitwisseling", audience="group", group=group)
    make_activity(cast.network, title="Iets anders")
    page = client.get(reverse("activities:group", args=[cast.network.slug, group.pk]))
    assert [a.title for a in page.context["activities"]] == [meeting.title]
    assert "Bijeenkomst kennisuitwisseling" in page.content.decode()
