"""Use cases that change campaigns, guides, target lists, conversations, actions, contacts and bus tours."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    ActionStatus,
    Answer,
    Appointment,
    BusStop,
    BusTour,
    Campaign,
    ContactMoment,
    Conversation,
    FollowUpAction,
    GuideQuestion,
    GuideVersion,
    OutreachSettings,
    Referral,
    Target,
)


def campaign_save(*, campaign: Campaign, interviewers, questions: list[str] | None = None, user=None) -> Campaign:
    """Create or edit a campaign with its interviewers; a new campaign gets version 1 of its guide."""
    with transaction.atomic(durable=True):
        new = campaign.pk is None
        campaign.full_clean()
        campaign.save()
        campaign.interviewers.set(interviewers)
        if new and questions:
            _guide_version_create(campaign, questions, user)
    return campaign


def _guide_version_create(campaign: Campaign, questions: list[str], user) -> GuideVersion:
    last = campaign.guide_versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = GuideVersion.objects.create(campaign=campaign, number=last + 1, created_by=user)
    GuideQuestion.objects.bulk_create(
        GuideQuestion(version=version, position=position, text=text) for position, text in enumerate(questions, 1)
    )
    return version


def guide_revise(*, campaign: Campaign, questions: list[str], user=None) -> GuideVersion:
    """A new version of the guide; conversations keep the version (and questions) they were held with."""
    questions = [text.strip() for text in questions if text.strip()]
    if not questions:
        raise ValidationError({"questions": _("Geef minstens één vraag.")})
    with transaction.atomic(durable=True):
        Campaign.objects.select_for_update().get(pk=campaign.pk)
        current = campaign.guide_versions.order_by("-number").first()
        if current is not None and list(current.questions.values_list("text", flat=True)) == questions:
            raise ValidationError({"questions": _("De vragen zijn niet veranderd.")})
        return _guide_version_create(campaign, questions, user)


def targets_add(*, campaign: Campaign, organisations) -> int:
    """Put employers on the target list; those already on it stay as they are."""
    with transaction.atomic(durable=True):
        present = set(campaign.targets.values_list("organisation_id", flat=True))
        new = [Target(campaign=campaign, organisation=o) for o in organisations if o.pk not in present]
        Target.objects.bulk_create(new)
    return len(new)


@dataclass
class ActionInput:
    description: str
    owner_id: int | None
    due_date: date


def conversation_log(
    *,
    campaign: Campaign,
    conversation: Conversation,
    answers: dict[int, str],
    referrals: list[tuple[int, str]] = (),
    actions: list[ActionInput] = (),
) -> Conversation:
    """Record a conversation with the questions of the guide's current version, its referrals and actions.

    The employer joins the target list if it was not on it (a conversation after a bus-tour appointment).
    """
    with transaction.atomic(durable=True):
        version = campaign.guide_versions.order_by("-number").first()
        questions = {q.pk: q for q in version.questions.all()} if version else {}
        unknown = set(answers) - set(questions)
        if unknown:
            raise ValidationError(_("Het gesprek noemt vragen die niet in de huidige leidraad staan."))
        if (
            conversation.appointment_id
            and Conversation.objects.filter(appointment=conversation.appointment_id).exists()
        ):
            raise ValidationError(_("Van deze afspraak is al een gesprek vastgelegd."))
        conversation.campaign = campaign
        conversation.guide_version = version
        conversation.full_clean(exclude=["guide_version", "appointment", "interviewer"])
        conversation.save()
        Target.objects.get_or_create(campaign=campaign, organisation_id=conversation.organisation_id)
        Answer.objects.bulk_create(
            Answer(conversation=conversation, question_id=pk, text=text.strip()) for pk, text in answers.items()
        )
        Referral.objects.bulk_create(
            Referral(conversation=conversation, to_organisation_id=org, note=note) for org, note in referrals
        )
        FollowUpAction.objects.bulk_create(
            FollowUpAction(
                conversation=conversation, description=a.description, owner_id=a.owner_id, due_date=a.due_date
            )
            for a in actions
        )
    return conversation


def action_add(*, conversation: Conversation, action: ActionInput) -> FollowUpAction:
    with transaction.atomic(durable=True):
        return FollowUpAction.objects.create(
            conversation=conversation,
            description=action.description,
            owner_id=action.owner_id,
            due_date=action.due_date,
        )


def action_set_done(*, action: FollowUpAction, done: bool) -> FollowUpAction:
    with transaction.atomic(durable=True):
        action.status = ActionStatus.DONE if done else ActionStatus.OPEN
        action.done_at = timezone.now() if done else None
        action.save(update_fields=["status", "done_at"])
    return action


def contact_moment_record(*, moment: ContactMoment) -> ContactMoment:
    with transaction.atomic(durable=True):
        moment.full_clean()
        moment.save()
    return moment


def settings_save(*, settings: OutreachSettings) -> OutreachSettings:
    with transaction.atomic(durable=True):
        if settings.contact_limit < 1:
            raise ValidationError({"contact_limit": _("Het maximum is minstens 1.")})
        settings.save()
    return settings


def bus_tour_save(*, tour: BusTour) -> BusTour:
    with transaction.atomic(durable=True):
        if tour.campaign_id and tour.campaign.network_id != tour.network_id:
            raise ValidationError({"campaign": _("Kies een gespreksronde van dit netwerk.")})
        tour.full_clean()
        tour.save()
    return tour


def bus_stop_save(*, stop: BusStop, advisers) -> BusStop:
    with transaction.atomic(durable=True):
        if stop.ends_at <= stop.starts_at:
            raise ValidationError({"ends_at": _("Het vertrek moet na de aankomst liggen.")})
        stop.save()
        stop.advisers.set(advisers)
    return stop


def appointment_create(*, appointment: Appointment) -> Appointment:
    """An appointment with an employer during a stop; it must fall within the stop's time."""
    with transaction.atomic(durable=True):
        stop = appointment.stop
        if not stop.starts_at <= appointment.at <= stop.ends_at:
            raise ValidationError({"at": _("Kies een tijd tijdens deze halte.")})
        appointment.save()
        if stop.tour.campaign_id:
            Target.objects.get_or_create(campaign_id=stop.tour.campaign_id, organisation_id=appointment.organisation_id)
    return appointment
