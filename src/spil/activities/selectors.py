"""Reads of activities that pages share."""

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from spil.core.permissions import scope_activities

from .models import Activity, FollowUp, Registration, RegistrationStatus


def activity_list(*, membership, past: bool = False):
    """The member's activities, upcoming first or most recent first, with the member's own registration status."""
    now = timezone.now()
    own_status = Registration.objects.filter(activity=OuterRef("pk"), email=membership.user.email.lower()).values(
        "status"
    )[:1]
    queryset = scope_activities(membership, Activity.objects.all()).annotate(own_status=Subquery(own_status))
    if past:
        return queryset.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    return queryset.filter(ends_at__gte=now).order_by("starts_at", "pk")


def visible_activity(membership, pk: int) -> Activity | None:
    queryset = scope_activities(membership, Activity.objects.select_related("network", "group", "host_organisation"))
    return queryset.filter(pk=pk).first()


def own_registration(activity: Activity, user) -> Registration | None:
    return Registration.objects.filter(activity=activity, email=user.email.lower()).first()


def registrations(activity: Activity):
    return activity.registrations.select_related("organisation", "segment").order_by("status", "queued_at", "pk")


def waiting_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITING:
        return None
    # The order in which places go to the waiting list: by time of registering, then by row.
    earlier = Q(queued_at__lt=registration.queued_at) | Q(queued_at=registration.queued_at, pk__lt=registration.pk)
    ahead = Registration.objects.filter(
        earlier, activity_id=registration.activity_id, status=RegistrationStatus.WAITING
    ).count()
    return ahead + 1


def open_follow_ups(*, network):
    return (
        FollowUp.objects.filter(activity__network=network, done_at__isnull=True)
        .select_related("activity", "owner")
        .order_by("due_date", "pk")
    )


def participation(*, network, membership, organisation=None, email: str | None = None):
    """Registrations in the network of one organisation or one person, most recent activity first: only of
    activities the viewing ``membership`` may see (None: a person's own list, every activity)."""
    queryset = Registration.objects.filter(activity__network=network).select_related("activity")
    if membership is not None:
        queryset = queryset.filter(activity__in=scope_activities(membership, Activity.objects.filter(network=network)))
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    if email is not None:
        queryset = queryset.filter(email=email.lower())
    return queryset.order_by("-activity__starts_at", "-pk")


def feed_activities(user):
    """Activities a person has a place at, in the networks the person is still a member of, for the personal
    calendar feed (called-off ones stay in it, marked as cancelled, so calendars remove them)."""
    return (
        Activity.objects.filter(
            registrations__email=user.email.lower(),
            registrations__status=RegistrationStatus.REGISTERED,
            network__memberships__user=user,
        )
        .select_related("network")
        .order_by("starts_at")
    )
