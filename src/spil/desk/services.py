"""Use cases of the employer desk: a request comes in, the person on duty does the intake, refers it to the
WSP of the region (or another partner), the WSP confirms, the desk closes it. The employer is emailed at each
step; the coordinator hears of every request that passes its deadline without a first answer."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spil.accounts.models import Membership, Role
from spil.core.workdays import NETHERLANDS, is_working_day, next_working_day, one_working_day_after
from spil.partners.models import Organisation
from spil.partners.validators import normalise_postcode

from . import selectors, tasks
from .models import DutyShift, EventKind, Request, RequestEvent, RequestStatus, Source


def duty_day(moment: datetime) -> date:
    """The working day whose person on duty takes a request that comes in at `moment`."""
    day = moment.astimezone(NETHERLANDS).date()
    return day if is_working_day(day) else next_working_day(day)


def request_submit(
    *, network, data: dict, source: str = Source.PUBLIC, user=None, organisation=None, now=None
) -> Request:
    """Store a new request, start its one-working-day clock and tell the employer and the person on duty."""
    now = now or timezone.now()
    postcode = normalise_postcode(data["postcode"])
    kvk = (data.get("kvk_number") or "").strip()
    if organisation is None and kvk:
        organisation = Organisation.objects.filter(kvk_number=kvk).first()
    on_duty = DutyShift.objects.filter(network=network, day=duty_day(now)).select_related("user").first()
    with transaction.atomic(durable=True):
        request = Request.objects.create(
            network=network,
            kind=data["kind"],
            description=data["description"],
            organisation_name=data.get("organisation_name") or (organisation.name if organisation else ""),
            organisation=organisation,
            contact_name=data["contact_name"],
            email=data["email"].lower(),
            phone=data.get("phone", ""),
            postcode=postcode,
            region=selectors.region_for_postcode(postcode),
            source=source,
            submitted_at=now,
            due_at=one_working_day_after(now),
            on_duty=on_duty.user if on_duty else None,
        )
        RequestEvent.objects.create(request=request, kind=EventKind.SUBMITTED, at=now, actor=user)
        transaction.on_commit(lambda: tasks.mail_employer.enqueue(request.pk, "received"))
        transaction.on_commit(lambda: tasks.notify_new_request.enqueue(request.pk))
    return request


def _locked(request_id: int) -> Request:
    return Request.objects.select_for_update(of=("self",)).select_related("network", "region").get(pk=request_id)


def _answer(request: Request, moment: datetime) -> None:
    """The first answer to the employer stops the clock."""
    if request.first_response_at is None:
        request.first_response_at = moment
        request.response_seconds = max(0, int((moment - request.submitted_at).total_seconds()))
        request.answered_in_time = moment <= request.due_at


def request_intake(*, request_id: int, user, question_behind: str, region=None, organisation=None, now=None) -> Request:
    """The person on duty spoke to the employer and wrote down the question behind the question."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        request = _locked(request_id)
        if request.status == RequestStatus.CLOSED:
            raise ValidationError(_("Deze vraag is al afgesloten."), code="closed")
        if not question_behind.strip():
            raise ValidationError({"question_behind": _("Schrijf de vraag achter de vraag op.")})
        _answer(request, now)
        request.question_behind = question_behind.strip()
        request.handler = user
        if region is not None:
            request.region = region
        if organisation is not None:
            request.organisation = organisation
        if request.status == RequestStatus.NEW:
            request.status = RequestStatus.IN_PROGRESS
        request.save()
        RequestEvent.objects.create(request=request, kind=EventKind.INTAKE, at=now, actor=user, note=question_behind)
        transaction.on_commit(lambda: tasks.mail_employer.enqueue(request.pk, "intake"))
    return request


def request_refer(
    *, request_id: int, user, organisation: Organisation, note: str, outside_region_ok: bool = False, now=None
) -> Request:
    """Hand the request over to the WSP of the region (or another partner) with a note.

    A referral to an organisation outside the request's region needs an explicit confirmation: the
    employer would otherwise be sent to a WSP that does not serve them.
    """
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        request = _locked(request_id)
        if request.status not in (RequestStatus.IN_PROGRESS, RequestStatus.REFERRED):
            raise ValidationError(_("Doe eerst de intake; een afgesloten vraag verwijst u niet meer door."))
        if not note.strip():
            raise ValidationError({"note": _("Schrijf een overdrachtsnotitie voor de organisatie.")})
        target_region = selectors.region_for_postcode(organisation.postcode)
        if request.region_id and target_region != request.region and not outside_region_ok:
            raise ValidationError(
                {
                    "outside_region_ok": _(
                        "%(organisation)s ligt buiten de regio %(region)s. Bevestig dat u toch wilt doorverwijzen."
                    )
                    % {"organisation": organisation.name, "region": request.region}
                },
                code="outside_region",
            )
        request.referred_to = organisation
        request.referral_note = note.strip()
        request.referred_at = now
        request.confirmed_at = None
        request.confirmed_by = None
        request.status = RequestStatus.REFERRED
        request.save()
        RequestEvent.objects.create(
            request=request, kind=EventKind.REFERRED, at=now, actor=user, note=f"{organisation.name}: {note.strip()}"
        )
        transaction.on_commit(lambda: tasks.mail_employer.enqueue(request.pk, "referred"))
        transaction.on_commit(lambda: tasks.notify_referral.enqueue(request.pk))
    return request


def request_confirm(*, request_id: int, user, note: str = "", now=None) -> Request:
    """The advisor of the organisation it was referred to confirms that they follow it up."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        request = _locked(request_id)
        if request.status != RequestStatus.REFERRED:
            raise ValidationError(_("Alleen een doorverwezen vraag kan worden bevestigd."), code="status")
        request.status = RequestStatus.CONFIRMED
        request.confirmed_at = now
        request.confirmed_by = user
        request.confirm_seconds = max(0, int((now - request.referred_at).total_seconds()))
        request.confirmed_in_time = now <= one_working_day_after(request.referred_at)
        request.save()
        RequestEvent.objects.create(request=request, kind=EventKind.CONFIRMED, at=now, actor=user, note=note.strip())
        transaction.on_commit(lambda: tasks.mail_employer.enqueue(request.pk, "confirmed"))
    return request


def request_close(*, request_id: int, user, outcome: str, now=None) -> Request:
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        request = _locked(request_id)
        if request.status == RequestStatus.CLOSED:
            raise ValidationError(_("Deze vraag is al afgesloten."), code="closed")
        if not outcome.strip():
            raise ValidationError({"outcome": _("Schrijf de uitkomst op.")})
        _answer(request, now)
        request.status = RequestStatus.CLOSED
        request.closed_at = now
        request.outcome = outcome.strip()
        request.save()
        RequestEvent.objects.create(request=request, kind=EventKind.CLOSED, at=now, actor=user, note=outcome.strip())
        transaction.on_commit(lambda: tasks.mail_employer.enqueue(request.pk, "closed"))
    return request


def requests_escalate(*, now=None) -> list[int]:
    """Tell the coordinator once about each request past its deadline without a first answer."""
    now = now or timezone.now()
    overdue = list(
        selectors.unanswered(Request.objects.all())
        .filter(due_at__lte=now, escalated_at=None)
        .values_list("pk", flat=True)
    )
    escalated = []
    for request_id in overdue:
        with transaction.atomic(durable=True):
            # Claimed with a conditional update: two sweeps never escalate the same request twice.
            claimed = Request.objects.filter(pk=request_id, escalated_at=None).update(escalated_at=now)
            if not claimed:
                continue
            RequestEvent.objects.create(request_id=request_id, kind=EventKind.ESCALATED, at=now)
            transaction.on_commit(lambda pk=request_id: tasks.notify_escalation.enqueue(pk))
        escalated.append(request_id)
    return escalated


def duty_roster_save(*, network, assignments: dict[date, int | None]) -> None:
    """Set who is on duty per working day; None clears a day. Only members of the network can be on duty."""
    members = set(Membership.objects.filter(network=network).values_list("user_id", flat=True))
    errors = [day for day, user_id in assignments.items() if user_id is not None and user_id not in members]
    if errors:
        raise ValidationError(_("Alleen mensen van het netwerk kunnen dienst hebben."))
    not_working = [day for day in assignments if not is_working_day(day)]
    if not_working:
        raise ValidationError(_("%(day)s is geen werkdag.") % {"day": not_working[0].isoformat()})
    with transaction.atomic(durable=True):
        DutyShift.objects.filter(network=network, day__in=list(assignments)).delete()
        DutyShift.objects.bulk_create(
            DutyShift(network=network, day=day, user_id=user_id)
            for day, user_id in sorted(assignments.items())
            if user_id is not None
        )


def roster_days(start: date, count: int) -> list[date]:
    """The next `count` working days from `start` (inclusive)."""
    day = start if is_working_day(start) else next_working_day(start)
    days = []
    while len(days) < count:
        days.append(day)
        day = next_working_day(day)
    return days


def coordinators(network) -> list:
    return [
        membership.user
        for membership in Membership.objects.filter(network=network, role=Role.COORDINATOR).select_related("user")
    ]
