"""Groups with a kartrekker who posts updates, and kerngroep meetings whose agenda comes from what is pending."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from spil.activities import services
from spil.activities.models import Activity, AgendaItem, FollowUp, Group, GroupUpdate
from spil.partners.models import Organisation, Partnership, Status


def _group_led_by_partner_a(cast) -> Group:
    lead = cast.org_a.contacts.create(name="Anna Aalbers", email="Partner-A@example.org")
    group = Group.objects.create(network=cast.network, name="Werkgelegenheid creëren", lead=lead)
    group.members.add(lead, cast.partnership_b.main_contact)
    return group


def test_the_kartrekker_posts_updates_and_other_members_cannot(cast, client):
    group = _group_led_by_partner_a(cast)
    url = reverse("activities:group_update", args=[cast.network.slug, group.pk])
    client.force_login(cast.partner_b)
    assert client.post(url, {"text": "Niet van mij"}).status_code == 403
    page = client.get(reverse("activities:group", args=[cast.network.slug, group.pk]))
    assert page.status_code == 200
    assert not page.context["can_post"]
    client.force_login(cast.partner_a)
    client.post(url, {"text": "Plan van aanpak met de wethouder besproken."})
    client.post(url, {"text": ""})
    assert list(GroupUpdate.objects.values_list("text", flat=True)) == ["Plan van aanpak met de wethouder besproken."]


def test_coordinator_creates_a_group_with_lead_and_members(cast, client):
    client.force_login(cast.coordinator)
    lead = cast.partnership_a.main_contact
    response = client.post(
        reverse("activities:group_create", args=[cast.network.slug]),
        {
            "kind": "theme",
            "name": "Wet- en regelgeving",
            "lead": lead.email.upper(),
            "members": f"{lead.email}\n{cast.partnership_b.main_contact.email}",
            "status": "active",
        },
    )
    assert response.status_code == 302
    group = Group.objects.get(name="Wet- en regelgeving")
    assert group.lead == lead
    assert set(group.members.all()) == {lead, cast.partnership_b.main_contact}
    response = client.post(
        reverse("activities:group_create", args=[cast.network.slug]),
        {"kind": "theme", "lead": "niemand@example.org", "members": "a@b.nl; geen-adres"},
    )
    errors = response.context["form"].errors
    assert set(errors) == {"name", "status", "lead", "members"}
    assert "geen-adres" in errors["members"][0]
    assert Group.objects.count() == 1


def test_meeting_agenda_is_built_from_pending_applications_and_updates_since_the_last_meeting(cast, client):
    group = _group_led_by_partner_a(cast)
    now = timezone.now()
    services.meeting_create(
        meeting=Activity(
            network=cast.network, title="Vorige", starts_at=now - timedelta(days=21), ends_at=now - timedelta(days=21)
        ),
        created_by=cast.coordinator,
    )
    old_update = GroupUpdate.objects.create(group=group, text="Oud nieuws")
    GroupUpdate.objects.filter(pk=old_update.pk).update(created_at=now - timedelta(days=30))
    GroupUpdate.objects.create(group=group, text="Nieuw: drie leerwerkplekken gevonden")
    applicant = Partnership.objects.create(
        network=cast.network,
        organisation=Organisation.objects.create(name="Kringloop Oost"),
        status=Status.APPLICANT,
        applied_at=now,
    )
    client.force_login(cast.coordinator)
    response = client.post(
        reverse("activities:meeting_create", args=[cast.network.slug]),
        {"title": "Kerngroepvergadering", "starts_at": "2030-01-10T16:00", "ends_at": "2030-01-10T17:30"},
    )
    meeting = Activity.objects.get(title="Kerngroepvergadering")
    assert response.url == reverse("activities:meeting", args=[cast.network.slug, meeting.pk])
    assert meeting.audience == "core_group"
    agenda = list(meeting.agenda_items.values_list("section", "title"))
    assert agenda == [
        ("admissions", "Aanmelding: Kringloop Oost"),
        ("group_updates", "Update Werkgelegenheid creëren"),
        ("communication", "Communicatie over en zichtbaarheid van het netwerk"),
        ("other", "Verdere ontwikkelingen en behoeften"),
    ]
    assert meeting.agenda_items.get(section="admissions").partnership == applicant
    # Refreshing adds only what is new.
    GroupUpdate.objects.create(group=group, text="Nog een update")
    assert services.meeting_agenda_refresh(meeting=meeting) == 1
    assert services.meeting_agenda_refresh(meeting=meeting) == 0


def test_kerngroep_records_minutes_decisions_and_actions(cast, client):
    meeting = services.meeting_create(
        meeting=Activity(network=cast.network, title="Kerngroep", starts_at=timezone.now(), ends_at=timezone.now()),
        created_by=cast.coordinator,
    )
    item = AgendaItem.objects.get(meeting=meeting, section="communication")
    client.force_login(cast.core_member)
    client.post(
        reverse("activities:agenda_item_record", args=[cast.network.slug, item.pk]),
        {
            f"item{item.pk}-minutes": "Nieuwsbrief besproken.",
            f"item{item.pk}-decision": "Elk kwartaal een nieuwsbrief.",
        },
    )
    item.refresh_from_db()
    assert (item.minutes, item.decision) == ("Nieuwsbrief besproken.", "Elk kwartaal een nieuwsbrief.")
    url = reverse("activities:meeting_action_add", args=[cast.network.slug, meeting.pk])
    response = client.post(url, {"description": "", "owner": cast.chair.pk, "due_date": "gisteren"}, follow=True)
    assert "niet toegevoegd" in response.content.decode()
    client.post(url, {"description": "Nieuwsbrief opzetten", "owner": cast.chair.pk, "due_date": "2030-02-01"})
    assert FollowUp.objects.get().activity == meeting
    follow_ups = client.get(reverse("activities:follow_ups", args=[cast.network.slug]))
    assert "Nieuwsbrief opzetten" in follow_ups.content.decode()
    client.force_login(cast.partner_a)
    assert client.get(reverse("activities:meeting", args=[cast.network.slug, meeting.pk])).status_code == 403


def test_a_refused_update_or_agenda_item_says_which_field_and_why(cast, client):
    group = _group_led_by_partner_a(cast)
    client.force_login(cast.partner_a)
    url = reverse("activities:group_update", args=[cast.network.slug, group.pk])
    response = client.post(url, {"text": "x" * 6000}, follow=True)
    html = response.content.decode()
    assert "De update is niet geplaatst." in html
    assert "Update: Zorg dat deze waarde niet meer dan 5000 tekens bevat" in html
    assert not GroupUpdate.objects.exists()

    meeting = services.meeting_create(
        meeting=Activity(network=cast.network, title="Kerngroep", starts_at=timezone.now(), ends_at=timezone.now()),
        created_by=cast.coordinator,
    )
    before = meeting.agenda_items.count()
    client.force_login(cast.core_member)
    url = reverse("activities:agenda_item_add", args=[cast.network.slug, meeting.pk])
    html = client.post(url, {"section": "geen-rubriek", "title": "Begroting"}, follow=True).content.decode()
    assert "Het agendapunt is niet toegevoegd." in html
    assert "geen-rubriek" in html  # the choice field's own message names the bad value
    assert meeting.agenda_items.count() == before
