"""Use cases of a speedmeet (drive-in, seed 004): set the rounds, present candidates, employers mark yes or no,
plan the meetings, adjust the plan, and confirm it, which makes the introductions through the match pipeline.

Candidates are shown to employers only under a consent in force to show an anonymous profile to the network's
employers; the introductions go through `match_services`, which refuses a candidate without a consent to match
(the reason is kept on the meeting) and writes the match events and access-log lines."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from spil.activities.models import Activity, ActivityKind
from spil.core.permissions import can_confirm_speedmeet

from . import match_services
from . import speedmeet_selectors as selectors
from .access import consented, log_access
from .candidate_selectors import reference
from .models import (
    AccessAction,
    Candidate,
    ConsentPurpose,
    Match,
    Opportunity,
    Speedmeet,
    SpeedmeetCandidate,
    SpeedmeetEmployer,
    SpeedmeetInterest,
    SpeedmeetMeeting,
    Stage,
)
from .speedmeet import schedule


def _local(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")


def _not_confirmed(speedmeet: Speedmeet, message: str | None = None) -> None:
    if speedmeet.confirmed_at is not None:
        raise ValidationError(
            message or _("Het rooster van deze speedmeet is al bevestigd; er kan niets meer veranderen."),
            code="confirmed",
        )


def _locked(speedmeet_id: int) -> Speedmeet:
    return Speedmeet.objects.select_for_update(of=("self",)).select_related("activity__network").get(pk=speedmeet_id)


SETTINGS = ("first_slot_at", "slot_minutes", "slots", "tables")


def _fit_presence(speedmeet: Speedmeet, slots: int) -> None:
    """Fewer rounds: a last round past the new end becomes 'to the end'; whoever only comes after the new end
    would silently drop out of the plan, so that is refused with their names (references for candidates)."""
    late = [
        reference(pk)
        for pk in SpeedmeetCandidate.objects.filter(speedmeet=speedmeet, from_slot__gt=slots)
        .order_by("order", "pk")
        .values_list("candidate_id", flat=True)
    ]
    late += SpeedmeetEmployer.objects.filter(speedmeet=speedmeet, from_slot__gt=slots).values_list(
        "organisation__name", flat=True
    )
    if late:
        raise ValidationError(
            {
                "slots": _(
                    "Met %(slots)s rondes valt weg wie pas later komt: %(who)s. Kies meer rondes. Een kandidaat "
                    "haalt u van de speedmeet en stelt u opnieuw voor met andere rondes; een werkgever past zelf de "
                    "eigen tijden aan."
                )
                % {"slots": slots, "who": ", ".join(late)}
            }
        )
    SpeedmeetCandidate.objects.filter(speedmeet=speedmeet, until_slot__gt=slots).update(until_slot=None)
    SpeedmeetEmployer.objects.filter(speedmeet=speedmeet, until_slot__gt=slots).update(until_slot=None)


def speedmeet_save(*, activity, speedmeet: Speedmeet) -> Speedmeet:
    """Create or change the rounds and tables. The rounds must fall within the activity; a changed setting
    clears a plan that was made (make it again). Fewer rounds must still hold everyone's presence."""
    if activity.kind != ActivityKind.SPEEDMEET:
        raise ValidationError(_("Deze activiteit is geen speedmeet."), code="kind")
    errors = {}
    if speedmeet.first_slot_at < activity.starts_at:
        errors["first_slot_at"] = _("Het eerste gesprek begint vóór de activiteit (%(start)s).") % {
            "start": _local(activity.starts_at)
        }
    elif speedmeet.ends_at > activity.ends_at:
        errors["slots"] = _(
            "De laatste ronde eindigt om %(end)s, na het einde van de activiteit (%(activity_end)s). Kies minder "
            "rondes, kortere gesprekken of een eerder begin."
        ) % {"end": _local(speedmeet.ends_at), "activity_end": _local(activity.ends_at)}
    if errors:
        raise ValidationError(errors)
    speedmeet.activity = activity
    with transaction.atomic(durable=True):
        # Two first saves at once (a double submit) would both create one: the lock on the activity's row makes
        # the second wait, find the first one's speedmeet, and change that instead.
        list(Activity.objects.select_for_update().filter(pk=activity.pk).values_list("pk", flat=True))
        existing = Speedmeet.objects.select_for_update(of=("self",)).filter(activity=activity).first()
        if existing is None:
            speedmeet.pk = None
            speedmeet.save()
            return speedmeet
        _not_confirmed(existing)
        _fit_presence(existing, speedmeet.slots)
        for name in SETTINGS:
            setattr(existing, name, getattr(speedmeet, name))
        SpeedmeetMeeting.objects.filter(speedmeet=existing).delete()
        existing.planned_at = None
        existing.save()
    existing.activity = activity
    return existing


def _slot_errors(speedmeet: Speedmeet, from_slot: int | None, until_slot: int | None) -> dict:
    errors = {}
    for name, value in (("from_slot", from_slot), ("until_slot", until_slot)):
        if value is not None and not 1 <= value <= speedmeet.slots:
            errors[name] = _("Kies een ronde van 1 tot en met %(slots)s.") % {"slots": speedmeet.slots}
    if not errors and from_slot and until_slot and until_slot < from_slot:
        errors["until_slot"] = _("De laatste ronde ligt voor de eerste.")
    return errors


def candidate_present(
    *,
    speedmeet: Speedmeet,
    candidate: Candidate,
    user,
    from_slot: int | None = None,
    until_slot: int | None = None,
) -> SpeedmeetCandidate:
    """Present a candidate to the employers: only under a consent in force to show an anonymous profile (the
    video-cv is shown only under a video consent, checked when employers look)."""
    network = speedmeet.activity.network
    _not_confirmed(speedmeet)
    if candidate.network_id != network.pk or candidate.anonymised_at is not None:
        raise ValidationError({"candidate": _("Deze kandidaat hoort niet bij dit netwerk.")})
    if not consented([candidate.pk], purpose=ConsentPurpose.ANONYMOUS_PROFILE, network=network):
        raise ValidationError(
            {
                "candidate": _(
                    "Er is geen geldige toestemming van de kandidaat om een anoniem profiel te laten zien aan de "
                    "werkgevers van %(network)s. Leg die eerst vast."
                )
                % {"network": network.name}
            }
        )
    errors = _slot_errors(speedmeet, from_slot, until_slot)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(durable=True):
        speedmeet = _locked(speedmeet.pk)
        _not_confirmed(speedmeet)
        if SpeedmeetCandidate.objects.filter(speedmeet=speedmeet, candidate=candidate).exists():
            raise ValidationError({"candidate": _("Deze kandidaat staat al op de speedmeet.")})
        presented = SpeedmeetCandidate.objects.create(
            speedmeet=speedmeet,
            candidate=candidate,
            order=SpeedmeetCandidate.objects.filter(speedmeet=speedmeet).count() + 1,
            from_slot=from_slot,
            until_slot=until_slot,
            added_by=user,
        )
        log_access(
            user=user,
            network=network,
            candidates=[candidate.pk],
            action=AccessAction.EDIT,
            reason=_("Voorgesteld op speedmeet %(pk)s") % {"pk": speedmeet.activity_id},
        )
    return presented


def candidate_withdraw(*, presented: SpeedmeetCandidate, user) -> None:
    """Take a candidate off the speedmeet: the marks for the candidate and the planned meetings go with it."""
    with transaction.atomic(durable=True):
        speedmeet = _locked(presented.speedmeet_id)
        _not_confirmed(speedmeet)
        SpeedmeetInterest.objects.filter(speedmeet=speedmeet, candidate_id=presented.candidate_id).delete()
        SpeedmeetMeeting.objects.filter(speedmeet=speedmeet, candidate_id=presented.candidate_id).delete()
        SpeedmeetCandidate.objects.filter(pk=presented.pk).delete()
        log_access(
            user=user,
            network=speedmeet.activity.network,
            candidates=[presented.candidate_id],
            action=AccessAction.EDIT,
            reason=_("Van speedmeet %(pk)s gehaald") % {"pk": speedmeet.activity_id},
        )


def interest_mark(*, speedmeet: Speedmeet, candidate_id: int, organisation, user, wants: bool) -> SpeedmeetInterest:
    """An employer's yes or no to meeting a presented candidate; it may change its mind until the plan is
    confirmed."""
    _not_confirmed(
        speedmeet,
        _(
            "Het rooster is al bevestigd: kiezen kan niet meer. Wilt u nog iemand spreken? Neem contact op met de "
            "organisator."
        ),
    )
    if not selectors.registered_employer_ids(speedmeet).filter(organisation_id=organisation.pk).exists():
        raise ValidationError(
            _("Uw organisatie is niet aangemeld voor deze speedmeet. Meld u eerst aan om kandidaten te kiezen."),
            code="not_registered",
        )
    if not Candidate.objects.filter(pk=candidate_id, pk__in=selectors.shown_candidate_ids(speedmeet)).exists():
        raise ValidationError(_("Deze kandidaat wordt niet (meer) getoond op deze speedmeet."), code="not_shown")
    with transaction.atomic(durable=True):
        _not_confirmed(_locked(speedmeet.pk))
        interest, _created = SpeedmeetInterest.objects.update_or_create(
            speedmeet=speedmeet,
            candidate_id=candidate_id,
            organisation=organisation,
            defaults={"wants": wants, "by": user, "at": timezone.now()},
        )
    return interest


@dataclass
class PlanResult:
    wanted: int
    planned: int


def _presence(speedmeet: Speedmeet, rows) -> dict[int, set[int]]:
    """Person id → the rounds (0-based) they are there, for those who set a first or last round."""
    slots = {}
    for person, first, last in rows:
        if first or last:
            slots[person] = set(range((first or 1) - 1, min(last or speedmeet.slots, speedmeet.slots)))
    return slots


def _candidate_slots(speedmeet: Speedmeet) -> dict[int, set[int]]:
    rows = SpeedmeetCandidate.objects.filter(speedmeet=speedmeet).values_list("candidate_id", "from_slot", "until_slot")
    return _presence(speedmeet, rows)


def _employer_slots(speedmeet: Speedmeet) -> dict[int, set[int]]:
    rows = SpeedmeetEmployer.objects.filter(speedmeet=speedmeet).values_list(
        "organisation_id", "from_slot", "until_slot"
    )
    return _presence(speedmeet, rows)


def employer_presence_set(
    *, speedmeet: Speedmeet, organisation, user, from_slot: int | None, until_slot: int | None
) -> SpeedmeetEmployer:
    """The rounds a registered employer is there (empty: the whole time); a plan made before is then redone."""
    _not_confirmed(
        speedmeet, _("Het rooster is al bevestigd: uw tijden liggen vast. Neem contact op met de organisator.")
    )
    if not selectors.registered_employer_ids(speedmeet).filter(organisation_id=organisation.pk).exists():
        raise ValidationError(
            _("Uw organisatie is niet aangemeld voor deze speedmeet. Meld u eerst aan om kandidaten te kiezen."),
            code="not_registered",
        )
    errors = _slot_errors(speedmeet, from_slot, until_slot)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(durable=True):
        _not_confirmed(_locked(speedmeet.pk))
        presence, _created = SpeedmeetEmployer.objects.update_or_create(
            speedmeet=speedmeet,
            organisation=organisation,
            defaults={"from_slot": from_slot, "until_slot": until_slot, "by": user, "at": timezone.now()},
        )
    return presence


@dataclass(frozen=True)
class _PlanInputs:
    """Everything the plan depends on; compared before the plan is written."""

    slots: int
    tables: int | None
    pairs: tuple[tuple[int, int], ...]
    candidate_slots: dict
    employer_slots: dict


def _plan_inputs(speedmeet: Speedmeet) -> _PlanInputs:
    return _PlanInputs(
        slots=speedmeet.slots,
        tables=speedmeet.tables,
        pairs=tuple(selectors.wanted_pairs(speedmeet)),
        candidate_slots=_candidate_slots(speedmeet),
        employer_slots=_employer_slots(speedmeet),
    )


PLAN_ATTEMPTS = 2


def plan_make(*, speedmeet: Speedmeet, user) -> PlanResult:
    """Plan as many wanted meetings as fit the rounds, tables and everyone's presence; replaces a plan.

    The solver may take seconds, so it runs outside any transaction (on SQLite a write transaction holds the
    whole database). The plan is written, under the lock, only if its inputs (rounds, tables, marks, presented
    candidates and their consents, presence) did not change meanwhile; else it is solved once more, and then
    the organiser is asked to try again."""
    for _attempt in range(PLAN_ATTEMPTS):
        current = Speedmeet.objects.select_related("activity__network").get(pk=speedmeet.pk)
        _not_confirmed(current)
        inputs = _plan_inputs(current)
        meetings = schedule(
            inputs.pairs,
            inputs.slots,
            tables=inputs.tables,
            candidate_slots=inputs.candidate_slots,
            employer_slots=inputs.employer_slots,
        )
        with transaction.atomic(durable=True):
            locked = _locked(speedmeet.pk)
            _not_confirmed(locked)
            if _plan_inputs(locked) != inputs:
                continue
            _plan_write(locked, meetings)
        return PlanResult(wanted=len(inputs.pairs), planned=len(meetings))
    raise ValidationError(
        _(
            "Terwijl het rooster werd gemaakt, veranderde er iets (keuzes, kandidaten of tijden). Maak het rooster "
            "opnieuw."
        ),
        code="changed",
    )


def _plan_write(speedmeet: Speedmeet, meetings) -> None:
    SpeedmeetMeeting.objects.filter(speedmeet=speedmeet).delete()
    SpeedmeetMeeting.objects.bulk_create(
        [
            SpeedmeetMeeting(
                speedmeet=speedmeet, slot=m.slot, table=m.table, organisation_id=m.employer, candidate_id=m.candidate
            )
            for m in meetings
        ]
    )
    speedmeet.planned_at = timezone.now()
    speedmeet.save(update_fields=["planned_at"])


def meeting_place(*, speedmeet: Speedmeet, organisation_id: int, candidate_id: int, slot: int | None) -> None:
    """Move a wanted meeting to another round (or out of the plan with slot None), at a free table."""
    with transaction.atomic(durable=True):
        speedmeet = _locked(speedmeet.pk)
        _not_confirmed(speedmeet)
        if (organisation_id, candidate_id) not in set(selectors.wanted_pairs(speedmeet)):
            raise ValidationError(_("Deze werkgever wil deze kandidaat (nu) niet spreken."), code="not_wanted")
        meetings = SpeedmeetMeeting.objects.filter(speedmeet=speedmeet)
        current = meetings.filter(organisation_id=organisation_id, candidate_id=candidate_id).first()
        if slot is None:
            if current is not None:
                current.delete()
            return
        if not 0 <= slot < speedmeet.slots:
            raise ValidationError(
                {"slot": _("Kies een ronde van 1 tot en met %(slots)s.") % {"slots": speedmeet.slots}}
            )
        others = meetings.filter(slot=slot).exclude(pk=current.pk if current else None)
        if others.filter(organisation_id=organisation_id).exists():
            raise ValidationError({"slot": _("De werkgever heeft in ronde %(n)s al een gesprek.") % {"n": slot + 1}})
        if others.filter(candidate_id=candidate_id).exists():
            raise ValidationError({"slot": _("De kandidaat heeft in ronde %(n)s al een gesprek.") % {"n": slot + 1}})
        presence = _candidate_slots(speedmeet).get(candidate_id)
        if presence is not None and slot not in presence:
            raise ValidationError({"slot": _("De kandidaat is in ronde %(n)s niet aanwezig.") % {"n": slot + 1}})
        presence = _employer_slots(speedmeet).get(organisation_id)
        if presence is not None and slot not in presence:
            raise ValidationError({"slot": _("De werkgever is in ronde %(n)s niet aanwezig.") % {"n": slot + 1}})
        taken = set(others.values_list("table", flat=True))
        limit = speedmeet.tables or len(taken) + 1
        free = [table for table in range(1, limit + 1) if table not in taken]
        if not free:
            raise ValidationError({"slot": _("In ronde %(n)s zijn alle tafels bezet.") % {"n": slot + 1}})
        table = current.table if current is not None and current.table in free else free[0]
        if current is None:
            SpeedmeetMeeting.objects.create(
                speedmeet=speedmeet, slot=slot, table=table, organisation_id=organisation_id, candidate_id=candidate_id
            )
        else:
            current.slot, current.table = slot, table
            current.save(update_fields=["slot", "table"])


def _best_opportunity(candidate: Candidate, organisation_id: int, network) -> Opportunity | None:
    """The employer's open opportunity in the network that scores best for the candidate."""
    from . import opportunity_selectors

    opportunities = Opportunity.objects.filter(network=network, organisation_id=organisation_id, is_open=True)
    found = list(opportunities.order_by("-created_at", "-pk")[:50])
    if len(found) <= 1:
        return found[0] if found else None
    pool = opportunity_selectors.build_pool(
        Candidate.objects.filter(pk=candidate.pk), opportunities.filter(pk__in=[o.pk for o in found])
    )
    scores = [(pool.score(0, j) or 0.0, j) for j in range(len(pool.opportunities))]
    best = max(scores, key=lambda item: (item[0], -item[1]))[1] if scores else None
    by_id = {o.pk: o for o in found}
    return by_id.get(pool.opportunities[best].id) if best is not None else found[0]


def _introduce(meeting: SpeedmeetMeeting, *, user, answered_by, activity) -> None:
    """Make the introduction of one planned meeting through the match pipeline; the reason when it cannot."""
    network = activity.network
    candidate = meeting.candidate
    opportunity = _best_opportunity(candidate, meeting.organisation_id, network)
    if opportunity is None:
        meeting.note = _(
            "De werkgever heeft geen open kans in het netwerk: het gesprek staat in het rooster, maar er is geen "
            "match gemaakt. Maak een kans aan en leg de match daarna voor."
        )
        return
    meeting.opportunity = opportunity
    note = _("Speedmeet %(title)s: de werkgever wil kennismaken.") % {"title": activity.title}
    match = Match.objects.filter(candidate=candidate, opportunity=opportunity).first()
    try:
        if match is None or match.stage == Stage.SUGGESTED:
            match = match_services.match_propose(
                candidate=candidate, opportunity=opportunity, user=user, note=note, notify=False
            )
        if match.stage == Stage.PROPOSED:
            match = match_services.match_answer(
                match_id=match.pk, user=answered_by or user, accept=True, note=note, notify=False
            )
    except ValidationError as error:
        meeting.note = " ".join(error.messages)[:300]
        return
    meeting.match = match
    if match.stage == Stage.ENDED:
        meeting.note = _("Deze match was al beëindigd; er is geen nieuwe kennismaking gemaakt.")


@dataclass
class ConfirmResult:
    introductions: int
    refused: int
    dropped: int = 0  # meetings of the plan no longer wanted when it was confirmed


def speedmeet_confirm(*, speedmeet: Speedmeet, user, membership) -> ConfirmResult:
    """Fix the plan, then make each meeting an introduction (proposed and accepted for the employer, who said
    yes) through the match pipeline, and mail employers and advisors their schedule after the commits.

    Under the lock, a plan made before the last changes keeps only the pairs still wanted (a registered
    employer's yes to a candidate still shown); then the member's right to confirm is checked on the meetings
    that remain. Each introduction is its own transaction (the pipeline's use cases own theirs); a meeting that
    cannot become one keeps the reason. Confirming twice is refused, so no introduction is made twice."""
    with transaction.atomic(durable=True):
        speedmeet = _locked(speedmeet.pk)
        _not_confirmed(speedmeet)
        planned = SpeedmeetMeeting.objects.filter(speedmeet=speedmeet)
        if not planned.exists():
            raise ValidationError(_("Er is nog geen rooster. Maak eerst een rooster."), code="no_plan")
        wanted = set(selectors.wanted_pairs(speedmeet))
        stale = [
            pk
            for pk, organisation_id, candidate_id in planned.values_list("pk", "organisation_id", "candidate_id")
            if (organisation_id, candidate_id) not in wanted
        ]
        SpeedmeetMeeting.objects.filter(pk__in=stale).delete()
        organisations = set(
            Candidate.objects.filter(pk__in=planned.values("candidate_id")).values_list("organisation_id", flat=True)
        )
        if not can_confirm_speedmeet(membership, organisations):
            raise ValidationError(
                _(
                    "Er staan kandidaten van andere organisaties in het rooster: de netwerkcoördinator bevestigt "
                    "het rooster."
                ),
                code="not_allowed",
            )
        if not organisations:
            raise ValidationError(
                _("Geen van de gesprekken in het rooster is nog gewenst. Maak het rooster opnieuw."), code="stale"
            )
        speedmeet.confirmed_at, speedmeet.confirmed_by = timezone.now(), user
        speedmeet.save(update_fields=["confirmed_at", "confirmed_by"])
    activity = speedmeet.activity
    # The employer's answer is recorded in the name of the person who tapped yes.
    answered_by = {
        (interest.organisation_id, interest.candidate_id): interest.by
        for interest in SpeedmeetInterest.objects.filter(speedmeet=speedmeet, wants=True).select_related("by")
    }
    meetings = list(SpeedmeetMeeting.objects.filter(speedmeet=speedmeet).select_related("candidate"))
    made = 0
    for meeting in meetings:
        by = answered_by.get((meeting.organisation_id, meeting.candidate_id))
        _introduce(meeting, user=user, answered_by=by, activity=activity)
        meeting.save(update_fields=["opportunity", "match", "note"])
        made += meeting.match_id is not None and not meeting.note
    from . import speedmeet_tasks

    transaction.on_commit(lambda: speedmeet_tasks.mail_schedules.enqueue(speedmeet.pk))
    return ConfirmResult(introductions=made, refused=len(meetings) - made, dropped=len(stale))
