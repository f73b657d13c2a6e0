"""Outreach objects for tests: a campaign with a guide and interviewers, conversations, a bus tour."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from spil.desk.models import Request
from spil.outreach import services
from spil.outreach.models import (
    Appointment,
    BusStop,
    BusTour,
    Campaign,
    ContactMoment,
    Conversation,
)
from spil.partners.models import Organisation

QUESTIONS = ["Hoe staat uw personeelsbestand ervoor?", "Kent u het werkgeversservicepunt?"]


def make_campaign(cast, name: str = "Blik op de Toekomst", interviewers=None, goal: int = 50) -> Campaign:
    campaign = Campaign(
        network=cast.network,
        name=name,
        kind="outlook",
        goal_count=goal,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
    )
    if interviewers is None:
        interviewers = [cast.wsp_advisor, cast.partner_a]
    return services.campaign_save(
        campaign=campaign, interviewers=interviewers, questions=QUESTIONS, user=cast.coordinator
    )


def log_conversation(
    campaign,
    organisation,
    interviewer,
    held_on: date,
    *,
    consent=False,
    vacancies=0,
    referral_to=None,
    action=None,
    appointment=None,
) -> Conversation:
    version = campaign.guide_versions.order_by("-number").first()
    answers = {q.pk: f"Antwoord op {q.text}" for q in version.questions.all()}
    return services.conversation_log(
        campaign=campaign,
        conversation=Conversation(
            organisation=organisation,
            interviewer=interviewer,
            held_on=held_on,
            vacancies_count=vacancies,
            needs_count=1,
            consent_share_name=consent,
            appointment=appointment,
        ),
        answers=answers,
        referrals=[(referral_to.pk, "Voor een leerbaan")] if referral_to else [],
        actions=[action] if action else [],
    )


def desk_request(network, organisation, handler, responded_at: datetime) -> Request:
    return Request.objects.create(
        network=network,
        kind="staff_wanted",
        description="Wij zoeken personeel",
        organisation=organisation,
        organisation_name=organisation.name,
        contact_name="Iemand",
        email="iemand@example.org",
        postcode="3811 AB",
        submitted_at=responded_at - timedelta(hours=2),
        due_at=responded_at + timedelta(days=1),
        first_response_at=responded_at,
        handler=handler,
    )


def contact_moment(network, organisation, who, on: date, channel="phone") -> ContactMoment:
    return ContactMoment.objects.create(network=network, organisation=organisation, who=who, on=on, channel=channel)


def make_tour(cast, campaign) -> tuple[BusTour, BusStop]:
    tour = BusTour.objects.create(
        network=cast.network, campaign=campaign, name="Bustour WSP", survey_url="https://example.org/enquete"
    )
    starts = timezone.now() + timedelta(days=3)
    stop = BusStop.objects.create(
        tour=tour, business_park="De Hoef", starts_at=starts, ends_at=starts + timedelta(hours=4)
    )
    stop.advisers.add(cast.wsp_advisor)
    return tour, stop


def add_outreach_rows(cast, n: int) -> None:
    """Rows on every outreach page: targets, conversations with answers, referrals and (overdue) actions,
    contact moments, desk requests, appointments."""
    campaign = Campaign.objects.filter(network=cast.network).order_by("pk").first() or make_campaign(cast)
    tour = BusTour.objects.filter(network=cast.network).order_by("pk").first()
    stop = tour.stops.order_by("pk").first() if tour else make_tour(cast, campaign)[1]
    services.targets_add(campaign=campaign, organisations=[cast.org_a])
    today = timezone.localdate()
    for i in range(n):
        org = Organisation.objects.create(name=f"Benaderd {i:03d}", postcode=f"{3811 + i % 50} AB")
        services.targets_add(campaign=campaign, organisations=[org])
        log_conversation(
            campaign,
            org,
            cast.wsp_advisor,
            today - timedelta(days=i % 30),
            consent=bool(i % 2),
            vacancies=2,
            referral_to=cast.wsp,
            action=services.ActionInput(f"Terugbellen {i}", cast.wsp_advisor.pk, today - timedelta(days=1 + i % 5)),
        )
        contact_moment(cast.network, org, cast.partner_a, today - timedelta(days=i % 20))
        contact_moment(cast.network, cast.org_a, cast.partner_a, today - timedelta(days=i % 20))
        desk_request(cast.network, org, cast.backoffice, timezone.now() - timedelta(days=i % 10))
        Appointment.objects.create(
            stop=stop, organisation=org, at=stop.starts_at + timedelta(minutes=i), adviser=cast.wsp_advisor
        )
