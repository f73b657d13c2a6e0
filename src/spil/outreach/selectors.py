"""Reads of outreach that pages share, scoped to what the member may see."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from spil.accounts.models import Role
from spil.core.permissions import OFFICE, scope_campaigns
from spil.partners.models import Organisation, OrganisationKind, Partnership

from .models import (
    ActionStatus,
    Appointment,
    BusTour,
    Campaign,
    Conversation,
    FollowUpAction,
    GuideQuestion,
    GuideVersion,
    Target,
)


def campaigns(membership):
    # Two subqueries, not two joins: joining targets and conversations would multiply their rows.
    return (
        scope_campaigns(membership, Campaign.objects.all())
        .annotate(target_count=_count(Target, "campaign"), conversation_count=_count(Conversation, "campaign"))
        .order_by("-starts_on", "name", "pk")
    )


def _count(model, field: str):
    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n")[:1]), 0)


def visible_campaign(membership, pk: int) -> Campaign | None:
    return scope_campaigns(membership, Campaign.objects.select_related("network")).filter(pk=pk).first()


def current_guide(campaign: Campaign) -> GuideVersion | None:
    """The campaign's latest guide version with its questions (`question_list`), in one query."""
    latest = campaign.guide_versions.order_by("-number").values("pk")[:1]
    questions = list(GuideQuestion.objects.filter(version=Subquery(latest)).select_related("version"))
    if questions:
        version = questions[0].version
    else:  # a version without questions (or none at all)
        version = campaign.guide_versions.order_by("-number").first()
        if version is None:
            return None
    version.question_list = questions
    return version


def network_organisations(network):
    """The network's partners and every employer on one of its campaigns' target lists."""
    partners = Partnership.objects.filter(network=network).values("organisation_id")
    targets = Target.objects.filter(campaign__network=network).values("organisation_id")
    return Organisation.objects.filter(Q(pk__in=partners) | Q(pk__in=targets)).order_by("name")


def network_employers(network):
    return network_organisations(network).filter(kind=OrganisationKind.EMPLOYER)


def referral_organisations(network):
    """Where an employer can be referred to: the network's public partners (WSP, UWV, municipality, school).
    Read from the partnerships alone: a target list holds employers to talk to, not places to refer to."""
    return (
        Organisation.objects.filter(partnerships__network=network)
        .exclude(kind=OrganisationKind.EMPLOYER)
        .distinct()
        .order_by("name")
    )


# Steering members read reports and the signpost's editors keep a list; neither interviews employers.
INTERVIEWER_ROLES = [role for role in Role if role not in (Role.STEERING, Role.EDITOR)]


def network_people(network):
    """Members of the network who can interview, advise at a bus stop or own an action."""
    return (
        get_user_model()
        # One filter call: network and role are read from the same membership row.
        .objects.filter(memberships__network=network, memberships__role__in=INTERVIEWER_ROLES)
        .order_by("first_name", "last_name", "email")
        .distinct()
    )


def targets(campaign: Campaign):
    """The target list by name, narrow: the page sorts every target to find its slice, so only the
    columns it shows are read; `spoken_organisations` marks the slice's conversations."""
    return (
        campaign.targets.select_related("organisation")
        .only("campaign_id", "organisation_id", "organisation__name")
        .order_by("organisation__name", "pk")
    )


def spoken_organisations(campaign: Campaign, organisation_ids) -> set[int]:
    """Which of these organisations the campaign has a conversation with, in one query."""
    rows = Conversation.objects.filter(campaign=campaign, organisation_id__in=organisation_ids).order_by()
    return set(rows.values_list("organisation_id", flat=True).distinct())


def conversations(campaign: Campaign, membership):
    queryset = campaign.conversations.select_related("organisation", "interviewer")
    if membership.role in OFFICE or membership.role == Role.CORE_GROUP:
        return queryset
    return queryset.filter(interviewer=membership.user)


def visible_conversation(membership, pk: int) -> Conversation | None:
    queryset = Conversation.objects.select_related("campaign", "organisation", "interviewer", "guide_version")
    queryset = queryset.filter(pk=pk, campaign__in=scope_campaigns(membership, Campaign.objects.all()))
    if membership.role not in OFFICE and membership.role != Role.CORE_GROUP:
        queryset = queryset.filter(interviewer=membership.user)
    return queryset.first()


def answers(conversation: Conversation):
    """The questions of the guide version the conversation used, with its answers."""
    return conversation.answers.select_related("question").order_by("question__position")


def actions(*, network, membership, overdue: bool = False):
    """Open follow-up actions: all of the network's for the office and kerngroep, else the member's own."""
    queryset = FollowUpAction.objects.filter(
        conversation__campaign__network=network, status=ActionStatus.OPEN
    ).select_related("conversation__organisation", "conversation__campaign", "owner")
    if membership.role not in OFFICE and membership.role != Role.CORE_GROUP:
        queryset = queryset.filter(owner=membership.user)
    if overdue:
        queryset = queryset.filter(due_date__lt=timezone.localdate())
    return queryset.order_by("due_date", "pk")


def bus_tours(network):
    return (
        BusTour.objects.filter(network=network)
        .select_related("campaign")
        .annotate(stop_count=Count("stops"))
        .order_by("-pk")
    )


def appointments(tour: BusTour):
    return (
        Appointment.objects.filter(stop__tour=tour)
        .select_related("organisation", "adviser", "stop")
        .annotate(logged=Exists(Conversation.objects.filter(appointment=OuterRef("pk"))))
        .order_by("at", "pk")
    )
