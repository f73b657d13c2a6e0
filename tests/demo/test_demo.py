import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from spil.accounts.models import Membership, Role
from spil.demo.demo import AMERSFOORT_CORE, DEMO_LOGINS
from spil.networks.models import BodyKind, Network, Seat, Stakeholder
from spil.partners.models import Partnership


@pytest.fixture
def demo_output(db):
    out = StringIO()
    call_command("spil_demo", stdout=out)
    return out.getvalue()


def test_demo_loads_the_three_networks_of_the_seeds(demo_output):
    assert set(Network.objects.values_list("name", flat=True)) == {
        "99vanGroot-Amsterdam",
        "99vanTwente",
        "De Normaalste Zaak Amersfoort",
    }


def test_amsterdam_was_founded_in_2015_after_de_ambitie_van_zuid_with_108_partners(demo_output):
    amsterdam = Network.objects.get(name="99vanGroot-Amsterdam")
    assert amsterdam.founded_on == date(2015, 6, 8)
    assert amsterdam.predecessor == "De Ambitie van Zuid"
    assert Partnership.objects.filter(network=amsterdam).members().count() == 108


def test_twente_has_20_partners_and_a_kerngroep_meeting_every_three_weeks(demo_output):
    twente = Network.objects.get(name="99vanTwente")
    assert Partnership.objects.filter(network=twente).members().count() == 20
    assert twente.bodies.get(kind=BodyKind.CORE_GROUP).meeting_every_weeks == 3


def test_amersfoort_has_the_eight_kerngroep_employers_and_five_municipalities(demo_output):
    amersfoort = Network.objects.get(name="De Normaalste Zaak Amersfoort")
    seats = Seat.objects.filter(body__network=amersfoort, body__kind=BodyKind.CORE_GROUP)
    assert sorted(seats.values_list("organisation_name", flat=True)) == sorted(AMERSFOORT_CORE)
    assert len(AMERSFOORT_CORE) == 8
    assert Stakeholder.objects.filter(network=amersfoort, kind="municipality").count() == 5


def test_every_role_has_a_demo_login_that_works_with_the_printed_password(demo_output, client):
    password = re.search(r"wachtwoord voor allemaal: (\S+?)\)", demo_output).group(1)
    emails = [login.email for login in DEMO_LOGINS]
    assert {m.role for m in Membership.objects.filter(user__email__in=emails)} == set(Role.values)
    for email in emails:
        assert email in demo_output
        response = client.post(reverse("account_login"), {"login": email, "password": password})
        assert response.status_code == 302, email
        assert client.session.get("_auth_user_id"), email
        client.logout()


def test_twente_has_its_four_theme_working_groups_with_sallandse_wegenbouw_leading_one(demo_output):
    from spil.activities.models import Group

    groups = Group.objects.filter(network__name="99vanTwente").select_related("lead__organisation")
    assert {g.name for g in groups} == {
        "Werkgelegenheid creëren",
        "In-, door- en uitstroom",
        "Wet- en regelgeving",
        "Kennisuitwisseling",
    }
    assert groups.get(name="Werkgelegenheid creëren").lead.organisation.name == "Sallandse Wegenbouw"


def test_amsterdam_has_theme_groups_an_ambassadors_group_activities_and_a_prepared_kerngroep_agenda(
    demo_output, client
):
    from spil.activities.models import Activity, Group

    amsterdam = Network.objects.get(name="99vanGroot-Amsterdam")
    kinds = list(Group.objects.filter(network=amsterdam).values_list("kind", flat=True))
    assert kinds.count("theme") == 4
    assert kinds.count("ambassadors") == 1
    full = Activity.objects.get(network=amsterdam, title__startswith="Bedrijfsbezoek")
    assert (full.registered_count, full.capacity, full.waiting_count) == (8, 8, 3)
    meeting = Activity.objects.get(network=amsterdam, kind="core_group_meeting")
    assert meeting.agenda_items.filter(section="admissions").count() == 3
    client.force_login(Membership.objects.get(network=amsterdam, role=Role.COORDINATOR).user)
    for url in (
        reverse("activities:list", args=[amsterdam.slug]),
        reverse("activities:detail", args=[amsterdam.slug, full.pk]),
        reverse("activities:meeting", args=[amsterdam.slug, meeting.pk]),
        reverse("activities:groups", args=[amsterdam.slug]),
    ):
        assert client.get(url).status_code == 200, url


def test_amersfoort_praktijktafel_has_five_municipal_tables_two_rounds_a_plan_and_published_results(demo_output):
    from spil.activities.models import TableSession

    session = TableSession.objects.get(activity__network__slug="dnz-amersfoort")
    tables = list(session.tables.all())
    assert [t.brought_by for t in tables] == [
        "Gemeente Baarn",
        "Gemeente Woudenberg",
        "Gemeente Soest",
        "Gemeente Leusden",
        "Gemeente Amersfoort",
    ]
    assert session.rounds == 2
    assert all(t.hosts.count() == 2 and t.solution_lines() for t in tables)
    guests = session.participants.filter(role="guest").count()
    assert session.seats.count() == guests * 2
    assert session.published
    assert session.ratio > 0.9


def test_twentes_kerngroep_meetings_open_with_a_demo_login_with_minutes_and_each_update_on_one_agenda(
    demo_output, client
):
    from spil.activities.models import Activity, AgendaItem

    twente = Network.objects.get(name="99vanTwente")
    past, upcoming = Activity.objects.filter(network=twente, kind="core_group_meeting").order_by("starts_at")
    updates = AgendaItem.objects.filter(meeting__network=twente, group_update__isnull=False)
    assert updates.count() == 2
    assert len(set(updates.values_list("group_update_id", flat=True))) == 2
    assert set(updates.values_list("meeting_id", flat=True)) == {past.pk, upcoming.pk}
    assert past.agenda_items.exclude(decision="").count() >= 2
    assert past.follow_ups.count() >= 2
    assert upcoming.agenda_items.filter(section="admissions").count() == 1
    assert not past.agenda_items.filter(section="admissions").exists()
    client.force_login(Membership.objects.get(network=twente, role=Role.CORE_GROUP).user)
    assert client.get(reverse("activities:meetings", args=[twente.slug])).status_code == 200
    page = client.get(reverse("activities:meeting", args=[twente.slug, past.pk])).content.decode()
    assert "Besluit" in page and "te laat" in page
    assert client.get(reverse("activities:meeting", args=[twente.slug, upcoming.pk])).status_code == 200
