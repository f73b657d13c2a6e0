"""Before contacting an employer, Spil names every contact of the last N weeks: campaigns, bus tours, desk, by hand."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from spil.accounts.models import User
from spil.outreach.models import Campaign, Conversation, OutreachSettings
from spil.outreach.pressure import pressure_for, recent_contacts
from tests.outreach.factories import contact_moment, desk_request, log_conversation, make_campaign, make_tour

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def test_conversation_of_another_campaign_within_the_period_names_who_campaign_and_date(cast):
    jan = User.objects.create_user(email="jan@example.org", first_name="Jan", last_name="Jansen")
    campaign = make_campaign(cast, interviewers=[jan])
    held_on = _today() - timedelta(weeks=2)
    log_conversation(campaign, cast.org_a, jan, held_on)
    pressure = pressure_for(network=cast.network, organisation_id=cast.org_a.pk)
    assert pressure.reached
    assert [str(c) for c in pressure.contacts] == [
        f"Jan Jansen (Blik op de Toekomst) op {held_on.day} {_month(held_on)} {held_on.year}"
    ]


def _month(day) -> str:
    return [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ][day.month - 1]


def test_the_warning_reads_like_the_issue_example(cast):
    jan = User.objects.create_user(email="jan@example.org", first_name="Jan", last_name="Jansen")
    campaign = make_campaign(cast, interviewers=[jan])
    log_conversation(campaign, cast.org_a, jan, timezone.datetime(2026, 11, 3).date())
    pressure = pressure_for(
        network=cast.network, organisation_id=cast.org_a.pk, today=timezone.datetime(2026, 11, 23).date()
    )
    assert pressure.summary == "Jan Jansen (Blik op de Toekomst) op 3 november 2026"


def test_conversation_before_the_period_does_not_count(cast):
    campaign = make_campaign(cast)
    log_conversation(campaign, cast.org_a, cast.wsp_advisor, _today() - timedelta(weeks=9))
    pressure = pressure_for(network=cast.network, organisation_id=cast.org_a.pk)
    assert pressure.contacts == [] and not pressure.reached


def test_desk_intake_within_the_period_counts_and_names_the_handler(cast):
    desk_request(cast.network, cast.org_a, cast.backoffice, timezone.now() - timedelta(days=10))
    pressure = pressure_for(network=cast.network, organisation_id=cast.org_a.pk)
    assert pressure.reached
    assert str(pressure.contacts[0]).startswith("Bram Backoffice (Werkgeversloket) op ")


def test_desk_intake_before_the_period_does_not_count(cast):
    desk_request(cast.network, cast.org_a, cast.backoffice, timezone.now() - timedelta(weeks=10))
    assert pressure_for(network=cast.network, organisation_id=cast.org_a.pk).contacts == []


def test_contact_recorded_by_hand_within_the_period_counts(cast):
    contact_moment(cast.network, cast.org_a, cast.partner_b, _today() - timedelta(days=3), channel="visit")
    pressure = pressure_for(network=cast.network, organisation_id=cast.org_a.pk)
    assert str(pressure.contacts[0]).startswith("Bas Bosman (contactmoment, bezoek) op ")


def test_contact_recorded_by_hand_before_the_period_does_not_count(cast):
    contact_moment(cast.network, cast.org_a, cast.partner_b, _today() - timedelta(weeks=8, days=1))
    assert pressure_for(network=cast.network, organisation_id=cast.org_a.pk).contacts == []


def test_planned_bus_tour_appointment_counts(cast):
    from spil.outreach.models import Appointment

    campaign = make_campaign(cast)
    _tour, stop = make_tour(cast, campaign)
    Appointment.objects.create(stop=stop, organisation=cast.org_b, at=stop.starts_at, adviser=cast.wsp_advisor)
    pressure = pressure_for(network=cast.network, organisation_id=cast.org_b.pk)
    assert [c.source for c in pressure.contacts] == ["Bustour WSP"]


def test_period_and_limit_are_set_per_network(cast):
    OutreachSettings.objects.create(network=cast.network, contact_pressure_weeks=2, contact_limit=2)
    contact_moment(cast.network, cast.org_a, cast.partner_b, _today() - timedelta(days=5))
    contact_moment(cast.network, cast.org_a, cast.partner_b, _today() - timedelta(days=20))
    pressure = pressure_for(network=cast.network, organisation_id=cast.org_a.pk)
    assert len(pressure.contacts) == 1 and not pressure.reached
    contact_moment(cast.network, cast.org_a, cast.partner_a, _today())
    assert pressure_for(network=cast.network, organisation_id=cast.org_a.pk).reached


def test_contacts_in_another_network_do_not_count(cast):
    contact_moment(cast.other_network, cast.org_a, cast.outsider, _today())
    desk_request(cast.other_network, cast.org_a, cast.outsider, timezone.now() - timedelta(days=1))
    elsewhere = Campaign.objects.create(
        network=cast.other_network, name="Elders", kind="outlook", starts_on=_today(), ends_on=_today()
    )
    Conversation.objects.create(
        campaign=elsewhere, organisation=cast.org_a, interviewer=cast.outsider, held_on=_today()
    )
    assert pressure_for(network=cast.network, organisation_id=cast.org_a.pk).contacts == []


def test_a_list_of_employers_costs_the_same_queries_however_long(cast, django_assert_num_queries):
    for org in (cast.org_a, cast.org_b, cast.wsp):
        contact_moment(cast.network, org, cast.partner_a, _today())
    # The network's settings and one query over the four sources.
    with django_assert_num_queries(2):
        result = recent_contacts(network=cast.network, organisation_ids=[cast.org_a.pk, cast.org_b.pk, cast.wsp.pk])
    assert all(p.reached for p in result.values())


def test_the_conversation_form_and_the_htmx_check_show_the_warning(cast, client):
    make_campaign(cast)
    contact_moment(cast.network, cast.org_a, cast.partner_b, _today())
    client.force_login(cast.wsp_advisor)
    response = client.get(f"/n/{cast.network.slug}/gesprekken/contactdruk/?organisation={cast.org_a.pk}")
    assert "Let op: contactdruk" in response.content.decode()
    assert "Bas Bosman (contactmoment, telefoon)" in response.content.decode()


def test_the_target_list_shows_the_pressure(cast, client):
    from spil.outreach import services

    campaign = make_campaign(cast)
    services.targets_add(campaign=campaign, organisations=[cast.org_a, cast.org_b])
    desk_request(cast.network, cast.org_b, cast.backoffice, timezone.now() - timedelta(days=1))
    client.force_login(cast.coordinator)
    body = client.get(f"/n/{cast.network.slug}/gesprekken/rondes/{campaign.pk}/").content.decode()
    assert "Bram Backoffice (Werkgeversloket)" in body


_ = datetime
