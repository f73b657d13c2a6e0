"""An interviewer logs a conversation: answers, findings, consent, referral and a follow-up action."""

from datetime import timedelta

import pytest
from django.utils import timezone

from spil.outreach import services
from spil.outreach.models import ActionStatus, Conversation, FollowUpAction
from tests.outreach.factories import log_conversation, make_campaign, make_tour

pytestmark = pytest.mark.django_db


def _form(cast, campaign, **extra):
    questions = campaign.guide_versions.get().questions.order_by("position")
    data = {
        "organisation": cast.org_a.pk,
        "held_on": timezone.localdate().isoformat(),
        "needs_count": 2,
        "needs": "Scholing voor leidinggevenden",
        "vacancies_count": 3,
        "vacancies": "Magazijnmedewerker",
        "consent_share_name": "on",
        "referral_to": cast.wsp.pk,
        "referral_note": "Leerbaan",
        "action_description": "Vacatures doorsturen naar het WSP",
        "action_owner": cast.wsp_advisor.pk,
        "action_due": (timezone.localdate() + timedelta(days=7)).isoformat(),
    }
    for q in questions:
        data[f"q_{q.pk}"] = f"Antwoord: {q.text}"
    data.update(extra)
    return data


def test_an_interviewer_logs_a_conversation_with_referral_and_action(cast, client):
    campaign = make_campaign(cast)
    services.targets_add(campaign=campaign, organisations=[cast.org_a])
    client.force_login(cast.wsp_advisor)
    response = client.post(f"/n/{cast.network.slug}/gesprekken/rondes/{campaign.pk}/gesprek/", _form(cast, campaign))
    assert response.status_code == 302
    conversation = Conversation.objects.get()
    assert conversation.interviewer == cast.wsp_advisor
    assert conversation.vacancies_count == 3 and conversation.consent_share_name
    assert conversation.answers.count() == 2
    assert conversation.referrals.get().to_organisation == cast.wsp
    action = conversation.actions.get()
    assert action.owner == cast.wsp_advisor and action.status == ActionStatus.OPEN


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("held_on", "gisteren"),
        ("needs_count", "-1"),
        ("vacancies_count", "veel"),
        ("organisation", "999999"),
        ("action_due", ""),
        ("referral_to", "999999"),
    ],
)
def test_bad_input_gives_a_message_on_the_field_and_stores_nothing(cast, client, field, value):
    campaign = make_campaign(cast)
    services.targets_add(campaign=campaign, organisations=[cast.org_a])
    client.force_login(cast.wsp_advisor)
    response = client.post(
        f"/n/{cast.network.slug}/gesprekken/rondes/{campaign.pk}/gesprek/", _form(cast, campaign, **{field: value})
    )
    assert response.status_code == 200
    assert response.context["form"].errors.get(field)
    assert Conversation.objects.count() == 0


def test_a_conversation_in_the_future_is_refused(cast, client):
    campaign = make_campaign(cast)
    services.targets_add(campaign=campaign, organisations=[cast.org_a])
    client.force_login(cast.wsp_advisor)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        f"/n/{cast.network.slug}/gesprekken/rondes/{campaign.pk}/gesprek/", _form(cast, campaign, held_on=tomorrow)
    )
    assert "toekomst" in str(response.context["form"].errors["held_on"])


def test_a_member_who_is_not_an_interviewer_of_the_campaign_cannot_log(cast, client):
    campaign = make_campaign(cast)
    services.targets_add(campaign=campaign, organisations=[cast.org_a])
    client.force_login(cast.partner_b)
    response = client.post(f"/n/{cast.network.slug}/gesprekken/rondes/{campaign.pk}/gesprek/", _form(cast, campaign))
    assert response.status_code == 404
    assert Conversation.objects.count() == 0


def test_a_conversation_is_logged_after_a_bus_tour_appointment_once(cast, client):
    from spil.outreach.models import Appointment

    campaign = make_campaign(cast)
    _tour, stop = make_tour(cast, campaign)
    appointment = services.appointment_create(
        appointment=Appointment(stop=stop, organisation=cast.org_b, at=stop.starts_at, adviser=cast.wsp_advisor)
    )
    assert campaign.targets.filter(organisation=cast.org_b).exists()
    client.force_login(cast.wsp_advisor)
    url = f"/n/{cast.network.slug}/gesprekken/afspraken/{appointment.pk}/gesprek/"
    response = client.post(url, _form(cast, campaign, organisation=cast.org_b.pk))
    assert response.status_code == 302
    assert Conversation.objects.get().appointment == appointment
    again = client.post(url, _form(cast, campaign, organisation=cast.org_b.pk))
    assert again.status_code == 200 and "al een gesprek" in again.content.decode()


def test_an_appointment_outside_the_stop_is_refused(cast):
    from django.core.exceptions import ValidationError

    from spil.outreach.models import Appointment

    _tour, stop = make_tour(cast, make_campaign(cast))
    with pytest.raises(ValidationError):
        services.appointment_create(
            appointment=Appointment(stop=stop, organisation=cast.org_b, at=stop.ends_at + timedelta(hours=1))
        )


def test_overdue_actions_are_listed_and_can_be_done(cast, client):
    campaign = make_campaign(cast)
    today = timezone.localdate()
    late = services.ActionInput("Offerte sturen", cast.wsp_advisor.pk, today - timedelta(days=2))
    soon = services.ActionInput("Terugbellen", cast.wsp_advisor.pk, today + timedelta(days=2))
    log_conversation(campaign, cast.org_a, cast.wsp_advisor, today, action=late)
    log_conversation(campaign, cast.org_b, cast.wsp_advisor, today, action=soon)
    client.force_login(cast.wsp_advisor)
    body = client.get(f"/n/{cast.network.slug}/gesprekken/vervolgacties/?te_laat=1").content.decode()
    assert "Offerte sturen" in body and "Terugbellen" not in body and "te laat" in body
    action = FollowUpAction.objects.get(description="Offerte sturen")
    client.post(f"/n/{cast.network.slug}/gesprekken/vervolgacties/{action.pk}/afgerond/", {"done": "1", "next": "list"})
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    body = client.get(f"/n/{cast.network.slug}/gesprekken/vervolgacties/?te_laat=1").content.decode()
    assert "Offerte sturen" not in body


def test_someone_else_cannot_close_an_action(cast, client):
    campaign = make_campaign(cast)
    action = services.ActionInput("Offerte sturen", cast.wsp_advisor.pk, timezone.localdate())
    log_conversation(campaign, cast.org_a, cast.wsp_advisor, timezone.localdate(), action=action)
    client.force_login(cast.partner_a)
    pk = FollowUpAction.objects.get().pk
    assert (
        client.post(f"/n/{cast.network.slug}/gesprekken/vervolgacties/{pk}/afgerond/", {"done": "1"}).status_code == 403
    )
