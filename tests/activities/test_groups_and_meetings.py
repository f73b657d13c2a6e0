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


def test_meeting_agenda_is_built_from_pending_applications_and_updates_not_on_an_agenda_yet(cast, client):
    group = _group_led_by_partner_a(cast)
    now = timezone.now()
    old_update = GroupUpdate.objects.create(group=group, text="Oud nieuws")
    GroupUpdate.objects.filter(pk=old_update.pk).update(created_at=now - timedelta(days=30))
    previous = services.meeting_create(
        meeting=Activity(
            network=cast.network, title="Vorige", starts_at=now - timedelta(days=21), ends_at=now - timedelta(days=21)
        ),
        created_by=cast.coordinator,
    )
    assert previous.agenda_items.get(section="group_updates").group_update == old_update
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


def _group_form_data(group, **changes) -> dict:
    """What the edit page posts back when nothing is changed (the fields as the page shows them)."""
    data = {
        "kind": group.kind,
        "name": group.name,
        "purpose": group.purpose,
        "lead": group.lead.email if group.lead else "",
        "members": "",
        "status": group.status,
    }
    data.update(changes)
    return data


def test_the_edit_page_shows_the_kartrekkers_email_and_an_unchanged_save_keeps_the_lead(cast, client):
    group = _group_led_by_partner_a(cast)
    client.force_login(cast.coordinator)
    url = reverse("activities:group_edit", args=[cast.network.slug, group.pk])
    page = client.get(url)
    assert page.context["form"]["lead"].value() == "Partner-A@example.org"
    assert 'value="Partner-A@example.org"' in page.content.decode()
    response = client.post(url, _group_form_data(group, name="Werkgelegenheid creëren in Twente"))
    assert response.status_code == 302, response.context["form"].errors
    group.refresh_from_db()
    assert (group.name, group.lead.email) == ("Werkgelegenheid creëren in Twente", "Partner-A@example.org")


def test_editing_a_group_never_drops_members_silently_only_those_ticked_for_removal(cast, client):
    group = _group_led_by_partner_a(cast)
    no_email = cast.org_a.contacts.create(name="Zonder Adres", email="")
    shared_1 = cast.org_b.contacts.create(name="Gedeeld Een", email="info@bosman.example")
    shared_2 = cast.org_b.contacts.create(name="Gedeeld Twee", email="INFO@bosman.example")
    group.members.add(no_email, shared_1, shared_2)
    before = set(group.members.all())
    client.force_login(cast.coordinator)
    url = reverse("activities:group_edit", args=[cast.network.slug, group.pk])
    page = client.get(url).content.decode()
    assert "Zonder Adres" in page and "Gedeeld Twee" in page
    assert client.post(url, _group_form_data(group)).status_code == 302
    assert set(group.members.all()) == before
    # Removing is explicit; adding goes by email address and keeps who is there.
    newcomer = cast.org_b.contacts.create(name="Nieuw Lid", email="nieuw@bosman.example")
    response = client.post(url, _group_form_data(group, remove_members=[no_email.pk], members="nieuw@bosman.example"))
    assert response.status_code == 302
    assert set(group.members.all()) == before - {no_email} | {newcomer}


def _leave(partnership) -> None:
    partnership.status = Status.LEFT
    partnership.save(update_fields=["status"])


def test_members_and_a_kartrekker_of_a_departed_partner_do_not_block_saving_and_are_shown_as_departed(cast, client):
    group = _group_led_by_partner_a(cast)
    _leave(cast.partnership_a)
    _leave(cast.partnership_b)
    client.force_login(cast.coordinator)
    url = reverse("activities:group_edit", args=[cast.network.slug, group.pk])
    assert "partner vertrokken" in client.get(url).content.decode()
    response = client.post(url, _group_form_data(group, purpose="Nieuw doel"))
    assert response.status_code == 302, response.context["form"].errors
    group.refresh_from_db()
    assert group.purpose == "Nieuw doel"
    assert group.lead.email == "Partner-A@example.org"
    assert group.members.count() == 2
    detail = client.get(reverse("activities:group", args=[cast.network.slug, group.pk])).content.decode()
    assert "partner vertrokken" in detail
    # A new lead or member must still be a contact of a current partner.
    response = client.post(url, _group_form_data(group, lead=cast.partnership_b.main_contact.email))
    assert set(response.context["form"].errors) == {"lead"}


def test_a_stopped_group_or_a_departed_kartrekker_posts_no_updates(cast, client):
    group = _group_led_by_partner_a(cast)
    url = reverse("activities:group_update", args=[cast.network.slug, group.pk])
    client.force_login(cast.partner_a)
    _leave(cast.partnership_a)
    assert client.post(url, {"text": "Na ons vertrek"}).status_code == 403
    cast.partnership_a.status = Status.ACTIVE
    cast.partnership_a.save(update_fields=["status"])
    group.status = "ended"
    group.save(update_fields=["status"])
    assert client.post(url, {"text": "Na het stoppen"}).status_code == 403
    client.force_login(cast.coordinator)
    assert client.post(url, {"text": "Namens de gestopte groep"}).status_code == 403
    assert not client.get(reverse("activities:group", args=[cast.network.slug, group.pk])).context["can_post"]
    assert not GroupUpdate.objects.exists()


def test_a_stopped_group_is_not_offered_for_new_activities_but_an_existing_one_keeps_it(cast, client):
    from spil.activities.forms import ActivityForm

    active = Group.objects.create(network=cast.network, name="Actief")
    stopped = Group.objects.create(network=cast.network, name="Gestopt", status="ended")
    assert list(ActivityForm(network=cast.network).fields["group"].queryset) == [active]
    activity = Activity(network=cast.network, title="Terugblik", group=stopped)
    assert set(ActivityForm(network=cast.network, instance=activity).fields["group"].queryset) == {active, stopped}


def _meeting(cast, title: str, starts_at) -> Activity:
    return services.meeting_create(
        meeting=Activity(network=cast.network, title=title, starts_at=starts_at, ends_at=starts_at),
        created_by=cast.coordinator,
    )


def _agendas_with(update) -> list[str]:
    return list(AgendaItem.objects.filter(group_update=update).values_list("meeting__title", flat=True))


def test_each_update_lands_on_exactly_one_agenda_the_next_meeting_to_be_held(cast, client):
    group = _group_led_by_partner_a(cast)
    now = timezone.now()
    a = _meeting(cast, "A", now + timedelta(days=2))
    b = _meeting(cast, "B", now + timedelta(days=23))
    # Posted after A's agenda was built but before A starts: it belongs to A, not to B.
    early = services.group_update_post(group=group, author=cast.partner_a, text="Voor A")
    assert services.meeting_agenda_refresh(meeting=b) == 0
    assert services.meeting_agenda_refresh(meeting=a) == 1
    assert _agendas_with(early) == ["A"]
    # A has started: its agenda is closed, and what is posted now waits for B.
    Activity.objects.filter(pk=a.pk).update(starts_at=now - timedelta(hours=1), ends_at=now)
    a.refresh_from_db()
    late = services.group_update_post(group=group, author=cast.partner_a, text="Na A")
    client.force_login(cast.coordinator)
    response = client.post(reverse("activities:meeting_refresh", args=[cast.network.slug, a.pk]), follow=True)
    assert "al begonnen" in response.content.decode()
    assert _agendas_with(late) == []
    assert services.meeting_agenda_refresh(meeting=b) == 1
    assert (_agendas_with(early), _agendas_with(late)) == (["A"], ["B"])
    # Building B's agenda again adds nothing a second time.
    assert services.meeting_agenda_refresh(meeting=b) == 0


def test_the_updates_of_a_called_off_meeting_go_to_the_next_one_and_its_page_says_called_off(cast, client):
    group = _group_led_by_partner_a(cast)
    now = timezone.now()
    a = _meeting(cast, "A", now + timedelta(days=2))
    b = _meeting(cast, "B", now + timedelta(days=23))
    update = services.group_update_post(group=group, author=cast.partner_a, text="Voor A")
    assert services.meeting_agenda_refresh(meeting=a) == 1
    services.activity_cancel(activity_id=a.pk, reason="De voorzitter is verhinderd.")
    assert services.meeting_agenda_refresh(meeting=b) == 1
    assert _agendas_with(update) == ["B"]
    client.force_login(cast.core_member)
    page = client.get(reverse("activities:meeting", args=[cast.network.slug, a.pk])).content.decode()
    assert "Afgelast op" in page and "De voorzitter is verhinderd." in page
    listing = client.get(reverse("activities:meetings", args=[cast.network.slug])).content.decode()
    assert listing.count(">afgelast<") == 1


def test_a_meeting_entered_afterwards_takes_only_updates_posted_before_it(cast):
    group = _group_led_by_partner_a(cast)
    now = timezone.now()
    old = services.group_update_post(group=group, author=cast.partner_a, text="Oud")
    GroupUpdate.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=10))
    new = services.group_update_post(group=group, author=cast.partner_a, text="Nieuw")
    _meeting(cast, "Vorige week", now - timedelta(days=7))
    assert (_agendas_with(old), _agendas_with(new)) == (["Vorige week"], [])


def test_refused_meeting_and_group_forms_show_the_page_again_with_the_typed_text_and_the_field_errors(cast, client):
    group = _group_led_by_partner_a(cast)
    meeting = _meeting(cast, "Kerngroep", timezone.now() + timedelta(days=3))
    item = meeting.agenda_items.get(section="communication")
    slug = cast.network.slug
    client.force_login(cast.partner_a)
    response = client.post(reverse("activities:group_update", args=[slug, group.pk]), {"text": "lang " * 1500})
    assert response.status_code == 400
    assert response.context["update_form"].errors["text"]
    assert "lang lang lang" in response.content.decode()

    client.force_login(cast.core_member)
    response = client.post(
        reverse("activities:meeting_action_add", args=[slug, meeting.pk]),
        {"description": "Begroting rondsturen", "owner": cast.chair.pk, "due_date": "volgende week"},
    )
    assert response.status_code == 400
    assert set(response.context["follow_up_form"].errors) == {"due_date"}
    html = response.content.decode()
    assert 'value="Begroting rondsturen"' in html and 'value="volgende week"' in html

    response = client.post(
        reverse("activities:agenda_item_add", args=[slug, meeting.pk]), {"section": "other", "title": "x" * 301}
    )
    assert response.status_code == 400
    assert set(response.context["agenda_form"].errors) == {"title"}
    assert "x" * 301 in response.content.decode()

    # The minutes have no limits to break; recording them still returns to the item.
    url = reverse("activities:agenda_item_record", args=[slug, item.pk])
    response = client.post(url, {f"item{item.pk}-minutes": "Besproken.", f"item{item.pk}-decision": ""})
    assert response.url.endswith(f"#punt-{item.pk}")


def test_finishing_a_meeting_action_returns_to_the_meeting_and_overdue_actions_are_marked_late(cast, client):
    meeting = _meeting(cast, "Kerngroep", timezone.now() - timedelta(days=10))
    yesterday = timezone.localdate() - timedelta(days=1)
    action = FollowUp.objects.create(
        activity=meeting, description="Notulen rondsturen", owner=cast.chair, due_date=yesterday
    )
    client.force_login(cast.coordinator)
    page = client.get(reverse("activities:meeting", args=[cast.network.slug, meeting.pk])).content.decode()
    assert "te laat" in page
    assert 'name="next" value="meeting"' in page
    done = reverse("activities:follow_up_done", args=[cast.network.slug, action.pk])
    response = client.post(done, {"done": "1", "next": "meeting"})
    assert response.url == reverse("activities:meeting", args=[cast.network.slug, meeting.pk]) + "#vervolg"
    # `next` never sends anyone elsewhere: an unknown value or an ordinary activity goes to the activity page.
    response = client.post(done, {"done": "0", "next": "https://example.org/"})
    assert response.url == reverse("activities:detail", args=[cast.network.slug, meeting.pk]) + "#vervolg"
