"""Use cases that change activities, registrations, attendance and follow-ups."""

from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from spil.networks.models import Network

from . import tasks
from .models import (
    Activity,
    ActivityKind,
    AgendaItem,
    AgendaSection,
    Attendance,
    Audience,
    CalendarFeed,
    FollowUp,
    Group,
    GroupUpdate,
    Registration,
    RegistrationStatus,
    Segment,
    Venue,
)


def activity_save(*, activity: Activity, speakers=None, segments=None) -> Activity:
    """Create or edit an activity with its speakers and reserved places (formsets), in one transaction.

    The venue is copied onto the activity when it is new, when its venue changes, or while it has not ended:
    a past activity keeps the venue as it was. More places (a higher or no capacity, fewer reserved seats)
    go at once to the waiting list, first come first served, and those promoted are emailed. When the time or
    place of a coming activity changes, everyone registered or waiting is emailed the new details (with the
    updated appointment for the calendar), and the reminders follow the new date.
    """
    with transaction.atomic(durable=True):
        before = _locked_activity(activity.pk) if activity.pk is not None else None
        if before is not None and before.cancelled_at is not None:
            raise ValidationError(_("Deze activiteit is afgelast; wijzigen kan niet meer."))
        if before is not None:
            # What the services keep, as it is now (the form's copy was read before the lock).
            for field in ("registered_count", "waiting_count", "sequence", "cancelled_at", "cancel_reason"):
                setattr(activity, field, getattr(before, field))
        if before is None or before.venue_id != activity.venue_id or activity.ends_at >= timezone.now():
            activity.copy_venue()
        moved = before is not None and activity.starts_at > timezone.now() and _schedule(before) != _schedule(activity)
        if moved:
            activity.sequence += 1
        activity.save()
        for formset in (speakers, segments):
            if formset is not None:
                formset.instance = activity
                formset.save()
        if activity.capacity is not None:
            reserved = sum(Segment.objects.filter(activity=activity).values_list("seats", flat=True))
            if reserved > activity.capacity:
                raise ValidationError(
                    {
                        "capacity": _("Er zijn %(reserved)s plaatsen gereserveerd; dat is meer dan het maximum.")
                        % {"reserved": reserved}
                    }
                )
        if activity.starts_at > timezone.now() and _promote_and_notify(activity):
            _keep_counts(activity)
        if moved:
            _notify_all(activity, tasks.send_activity_changed)
    return activity


def _schedule(activity: Activity) -> tuple:
    """What a calendar holds of an activity: when (to the minute, as the form shows it) and where."""
    return (
        activity.starts_at.replace(second=0, microsecond=0),
        activity.ends_at.replace(second=0, microsecond=0),
        activity.venue_name,
        activity.venue_room,
        activity.venue_address,
        activity.online_link,
    )


def _notify_all(activity: Activity, task) -> None:
    """Email everyone registered or waiting, once the transaction commits."""
    people = Registration.objects.filter(
        activity=activity, status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]
    ).values_list("pk", flat=True)
    for registration_pk in people:
        transaction.on_commit(lambda pk=registration_pk: task.enqueue(pk))


def activity_cancel(*, activity_id: int, reason: str) -> Activity:
    """Call off a coming activity: registration closes, reminders stop, and everyone registered or waiting
    is emailed (the registered with a cancellation for their calendar). Registrations stay as history."""
    with transaction.atomic(durable=True):
        activity = _locked_activity(activity_id)
        if activity.cancelled_at is not None:
            raise ValidationError(_("Deze activiteit is al afgelast."))
        if activity.starts_at <= timezone.now():
            raise ValidationError(_("Deze activiteit is al begonnen; afgelasten kan niet meer."))
        activity.cancelled_at = timezone.now()
        activity.cancel_reason = reason.strip()
        activity.sequence += 1
        activity.save(update_fields=["cancelled_at", "cancel_reason", "sequence"])
        # A called-off kerngroep meeting lets go of its group updates: they go on the next agenda.
        AgendaItem.objects.filter(meeting=activity, group_update__isnull=False).update(group_update=None)
        _notify_all(activity, tasks.send_activity_cancelled)
    return activity


def venue_save(*, venue: Venue) -> Venue:
    """Save a venue; activities that have not ended yet take over the change, past ones keep their copy.
    Where a coming activity's place changes (name, address or room), everyone registered or waiting is emailed,
    as when the activity itself is moved."""
    with transaction.atomic(durable=True):
        venue.save()
        now = timezone.now()
        upcoming = Activity.objects.filter(venue=venue, ends_at__gte=now)
        place = {"venue_name": venue.name, "venue_address": venue.address, "venue_room": venue.room}
        moved = list(upcoming.filter(starts_at__gt=now, cancelled_at__isnull=True).exclude(**place))
        upcoming.update(**place, venue_accessibility=venue.accessibility)
        Activity.objects.filter(pk__in=[activity.pk for activity in moved]).update(sequence=F("sequence") + 1)
        for activity in moved:
            _notify_all(activity, tasks.send_activity_changed)
    return venue


def _locked_activity(activity_id: int) -> Activity:
    """The activity, locked until the transaction ends, so registrations are counted one at a time.

    PostgreSQL takes a row lock; SQLite's IMMEDIATE transactions already hold the write lock.
    """
    return Activity.objects.select_for_update().get(pk=activity_id)


def _registered_per_segment(activity: Activity) -> Counter:
    rows = (
        Registration.objects.filter(activity=activity, status=RegistrationStatus.REGISTERED)
        .values("segment_id")
        .annotate(n=Count("pk"))
        .values_list("segment_id", "n")
    )
    return Counter(dict(rows))


def _has_place(activity: Activity, segments: list[Segment], registered: Counter, segment_id: int | None) -> bool:
    """A reserved place of the person's segment, else one of the places nobody reserved."""
    if activity.capacity is None:
        return True
    for segment in segments:
        if segment.pk == segment_id and registered[segment.pk] < segment.seats:
            return True
    reserved = sum(segment.seats for segment in segments)
    overflow = sum(max(registered[segment.pk] - segment.seats, 0) for segment in segments)
    return registered[None] + overflow < activity.capacity - reserved


def _keep_counts(activity: Activity) -> None:
    registration_counts_recount(activities=Activity.objects.filter(pk=activity.pk))


def registration_closed_reason(activity: Activity, now=None) -> str | None:
    """Why nobody can register (any more), or None."""
    now = now or timezone.now()
    if activity.cancelled_at is not None:
        return _("Deze activiteit is afgelast.")
    if activity.starts_at <= now:
        return _("Deze activiteit is al begonnen; aanmelden kan niet meer.")
    if activity.registration_deadline and activity.registration_deadline < now:
        return _("Aanmelden voor deze activiteit kon tot %(deadline)s.") % {
            "deadline": timezone.localtime(activity.registration_deadline).strftime("%d-%m-%Y %H:%M")
        }
    return None


def registration_create(
    *,
    activity_id: int,
    name: str,
    email: str,
    organisation=None,
    user=None,
    segment_id: int | None = None,
    registered_by=None,
) -> Registration:
    """Register one person: a place when there is one, else the waiting list. Never more than the capacity."""
    email = email.strip().lower()
    with transaction.atomic(durable=True):
        activity = _locked_activity(activity_id)
        reason = registration_closed_reason(activity)
        if reason:
            raise ValidationError(reason)
        segments = list(Segment.objects.filter(activity=activity))
        if segment_id is not None and segment_id not in {segment.pk for segment in segments}:
            raise ValidationError({"segment": _("Kies een doelgroep van deze activiteit.")})
        registration = Registration.objects.filter(activity=activity, email=email).first()
        if registration and registration.status == RegistrationStatus.REGISTERED:
            raise ValidationError(_("%(email)s is al aangemeld voor deze activiteit.") % {"email": email})
        if registration and registration.status == RegistrationStatus.WAITING:
            raise ValidationError(_("%(email)s staat al op de wachtlijst van deze activiteit.") % {"email": email})
        registration = registration or Registration(activity=activity, email=email)
        registration.name = name
        registration.organisation = organisation
        registration.user = user or registration.user
        registration.segment_id = segment_id
        registration.registered_by = registered_by
        registration.queued_at = timezone.now()
        registration.cancelled_at = None
        registration.attendance = Attendance.UNKNOWN
        # Whoever waits and fits a free place gets it first, so nobody jumps the queue.
        _promote_and_notify(activity)
        registered = _registered_per_segment(activity)
        placed = _has_place(activity, segments, registered, segment_id)
        registration.status = RegistrationStatus.REGISTERED if placed else RegistrationStatus.WAITING
        registration.save()
        _keep_counts(activity)
        mail = tasks.send_registration_confirmed if placed else tasks.send_waiting_list_notice
        transaction.on_commit(lambda: mail.enqueue(registration.pk))
    return registration


def registration_cancel(*, registration_id: int) -> Registration:
    """Cancel a registration; a freed place goes to the first person on the waiting list who fits it."""
    with transaction.atomic(durable=True):
        registration = Registration.objects.get(pk=registration_id)
        activity = _locked_activity(registration.activity_id)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CANCELLED:
            raise ValidationError(_("Deze aanmelding was al geannuleerd."))
        if activity.cancelled_at is not None:
            raise ValidationError(_("Deze activiteit is afgelast; afmelden is niet nodig."))
        if activity.starts_at <= timezone.now():
            raise ValidationError(_("Deze activiteit is al begonnen; afmelden kan niet meer."))
        freed = registration.status == RegistrationStatus.REGISTERED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if freed:
            _promote_and_notify(activity)
        _keep_counts(activity)
        transaction.on_commit(lambda: tasks.send_registration_cancelled.enqueue(registration.pk))
    return registration


def _promote_and_notify(activity: Activity) -> list[int]:
    """Give free places to the waiting list and email those promoted once the transaction commits; returns
    them (the caller keeps the counts)."""
    promoted = _promote_waiting(activity)
    for promoted_pk in promoted:
        transaction.on_commit(lambda pk=promoted_pk: tasks.send_promoted_from_waiting_list.enqueue(pk))
    return promoted


def _promote_waiting(activity: Activity) -> list[int]:
    segments = list(Segment.objects.filter(activity=activity))
    registered = _registered_per_segment(activity)
    promoted = []
    waiting = Registration.objects.filter(activity=activity, status=RegistrationStatus.WAITING).order_by(
        "queued_at", "pk"
    )
    for candidate in waiting:
        if _has_place(activity, segments, registered, candidate.segment_id):
            Registration.objects.filter(pk=candidate.pk).update(status=RegistrationStatus.REGISTERED)
            registered[candidate.segment_id] += 1
            promoted.append(candidate.pk)
    return promoted


def attendance_closed_reason(activity: Activity) -> str | None:
    """Why nobody can be checked in (yet): check-in opens on the day of the activity."""
    if activity.cancelled_at is not None:
        return _("Deze activiteit is afgelast.")
    if timezone.localdate(activity.starts_at) > timezone.localdate():
        return _("Inchecken kan vanaf de dag van de activiteit.")
    return None


def attendance_set(*, registration: Registration, attendance: str) -> Registration:
    reason = attendance_closed_reason(registration.activity)
    if reason:
        raise ValidationError(reason)
    with transaction.atomic(durable=True):
        registration.attendance = attendance
        registration.save(update_fields=["attendance"])
    return registration


def registration_walk_in(
    *, activity_id: int, name: str, email: str, organisation=None, registered_by=None, segment_id: int | None = None
) -> Registration:
    """Someone who comes on the day without a place (no registration, on the waiting list, or cancelled): they
    are there, so they get a place and are checked in, also beyond the capacity. No email: they are at the door."""
    email = email.strip().lower()
    with transaction.atomic(durable=True):
        activity = _locked_activity(activity_id)
        reason = attendance_closed_reason(activity)
        if reason:
            raise ValidationError(reason)
        registration = Registration.objects.filter(activity=activity, email=email).first()
        if registration is None:
            registration = Registration(activity=activity, email=email, name=name, organisation=organisation)
            registration.registered_by = registered_by
            registration.segment_id = segment_id
            registration.queued_at = timezone.now()
        registration.status = RegistrationStatus.REGISTERED
        registration.cancelled_at = None
        registration.attendance = Attendance.PRESENT
        registration.save()
        _keep_counts(activity)
    return registration


def attendance_mark_no_shows(*, activity: Activity) -> int:
    """Everyone registered who was not checked in did not come (only once the activity has begun)."""
    reason = attendance_closed_reason(activity)
    if reason:
        raise ValidationError(reason)
    if activity.starts_at > timezone.now():
        raise ValidationError(_("Wie niet gekomen is, noteert u als de activiteit begonnen is."))
    with transaction.atomic(durable=True):
        return Registration.objects.filter(
            activity=activity, status=RegistrationStatus.REGISTERED, attendance=Attendance.UNKNOWN
        ).update(attendance=Attendance.ABSENT)


def outcomes_save(*, activity: Activity, outcomes: str) -> Activity:
    with transaction.atomic(durable=True):
        activity.outcomes = outcomes
        activity.save(update_fields=["outcomes"])
    return activity


def follow_up_create(*, follow_up: FollowUp) -> FollowUp:
    with transaction.atomic(durable=True):
        follow_up.save()
    return follow_up


def follow_up_set_done(*, follow_up: FollowUp, done: bool) -> FollowUp:
    with transaction.atomic(durable=True):
        follow_up.done_at = timezone.now() if done else None
        follow_up.save(update_fields=["done_at"])
    return follow_up


def calendar_feed_renew(*, user) -> CalendarFeed:
    """Create the personal feed address, or replace it: the old address stops working at once."""
    with transaction.atomic(durable=True):
        CalendarFeed.objects.filter(user=user).delete()
        return CalendarFeed.objects.create(user=user)


def group_save(*, group: Group, add_members=(), remove_members=()) -> Group:
    """Save a group; members change only as asked: those removed go, those added join, the rest stay."""
    with transaction.atomic(durable=True):
        group.save()
        group.members.remove(*remove_members)
        group.members.add(*add_members)
    return group


def group_update_post(*, group: Group, author, text: str) -> GroupUpdate:
    with transaction.atomic(durable=True):
        return GroupUpdate.objects.create(group=group, author=author, text=text)


SECTION_ORDER = list(AgendaSection.values)


def _position(section: str, n: int) -> int:
    return SECTION_ORDER.index(section) * 1000 + n


def meeting_create(*, meeting: Activity, created_by) -> Activity:
    """Plan a kerngroep meeting and build its agenda from what is pending."""
    with transaction.atomic(durable=True):
        _lock_agendas(meeting.network_id)
        meeting.kind = ActivityKind.CORE_GROUP_MEETING
        meeting.audience = Audience.CORE_GROUP
        meeting.created_by = created_by
        meeting.copy_venue()
        meeting.save()
        agenda_build(meeting)
    return meeting


def meeting_agenda_refresh(*, meeting: Activity) -> int:
    """Add what became pending since the agenda was built; returns the number of points added.

    Once the meeting has started its agenda is closed: what comes in later goes to the next meeting.
    """
    with transaction.atomic(durable=True):
        _lock_agendas(meeting.network_id)
        if meeting.starts_at <= timezone.now():
            raise ValidationError(
                _("Deze vergadering is al begonnen; wat nu openstaat komt op de agenda van de volgende vergadering.")
            )
        return agenda_build(meeting)


def _lock_agendas(network_id: int) -> None:
    """Build one agenda of the network at a time, so a pending update is taken by one meeting only.

    PostgreSQL locks the network's row; SQLite's IMMEDIATE transactions already hold the write lock.
    """
    Network.objects.select_for_update().filter(pk=network_id).first()


def agenda_build(meeting: Activity) -> int:
    """Add pending applications, pending group updates and the standing points to the agenda (inside a
    transaction).

    An application that came in before the meeting goes on every agenda until it is decided. A group update is
    pending until it is on an agenda: each goes on exactly one, that of the first meeting held after it was
    posted. While an earlier meeting has not started yet, updates wait for that one.
    """
    from spil.partners.models import Partnership, Status

    items = list(meeting.agenda_items.all())
    on_agenda = {item.partnership_id for item in items}
    counts = Counter(item.section for item in items)
    new = []

    def add(section, title, **links):
        counts[section] += 1
        new.append(
            AgendaItem(
                meeting=meeting, section=section, title=title, position=_position(section, counts[section]), **links
            )
        )

    applicants = (
        Partnership.objects.filter(network_id=meeting.network_id, status=Status.APPLICANT)
        .exclude(applied_at__gte=meeting.starts_at)
        .select_related("organisation")
        .order_by("applied_at", "pk")
    )
    for partnership in applicants:
        if partnership.pk not in on_agenda:
            add(
                AgendaSection.ADMISSIONS,
                _("Aanmelding: %(name)s") % {"name": partnership.organisation.name},
                partnership=partnership,
            )
    earlier_to_come = Activity.objects.filter(
        network_id=meeting.network_id,
        kind=ActivityKind.CORE_GROUP_MEETING,
        starts_at__gt=timezone.now(),
        starts_at__lt=meeting.starts_at,
        cancelled_at__isnull=True,
    ).exists()
    if not earlier_to_come:
        taken = AgendaItem.objects.filter(meeting__network_id=meeting.network_id, group_update__isnull=False)
        pending = (
            GroupUpdate.objects.filter(group__network_id=meeting.network_id, created_at__lt=meeting.starts_at)
            .exclude(pk__in=taken.values("group_update_id"))
            .select_related("group")
        )
        for update in pending.order_by("created_at", "pk"):
            add(AgendaSection.GROUP_UPDATES, _("Update %(group)s") % {"group": update.group.name}, group_update=update)
    for section in (AgendaSection.COMMUNICATION, AgendaSection.OTHER):
        if counts[section] == 0:
            add(section, str(section.label))
    AgendaItem.objects.bulk_create(new)
    return len(new)


def agenda_item_add(*, meeting: Activity, section: str, title: str) -> AgendaItem:
    with transaction.atomic(durable=True):
        n = AgendaItem.objects.filter(meeting=meeting, section=section).count() + 1
        return AgendaItem.objects.create(meeting=meeting, section=section, title=title, position=_position(section, n))


def agenda_item_record(*, item: AgendaItem, minutes: str, decision: str) -> AgendaItem:
    with transaction.atomic(durable=True):
        item.minutes = minutes
        item.decision = decision
        item.save(update_fields=["minutes", "decision"])
    return item


def registration_counts_recount(*, activities=None) -> None:
    """Recompute the kept registered and waiting counts (after a bulk load)."""
    queryset = Activity.objects.all() if activities is None else activities

    def count(status):
        return Coalesce(
            Subquery(
                Registration.objects.filter(activity=OuterRef("pk"), status=status)
                .values("activity")
                .annotate(n=Count("pk"))
                .values("n")[:1],
                output_field=IntegerField(),
            ),
            Value(0),
        )

    with transaction.atomic():
        queryset.update(
            registered_count=count(RegistrationStatus.REGISTERED), waiting_count=count(RegistrationStatus.WAITING)
        )
