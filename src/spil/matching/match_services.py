"""The pipeline of a match: suggested → proposed to the employer → introduction → trial → contract →
sustainable (a contract of at least six months, marked by the sweep) or ended with a reason. Every step is a
MatchEvent; a contract counts as a result against the employer's ambition of the opportunity's kind."""

import calendar
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from spil.partners.models import Ambition, AmbitionKind, Result
from spil.partners.services import result_add

from . import match_tasks, opportunity_selectors
from .access import consented, log_access
from .models import (
    AccessAction,
    Candidate,
    ConsentPurpose,
    EndReason,
    Match,
    MatchEvent,
    Opportunity,
    OpportunityKind,
    Stage,
)

SUSTAINABLE_AFTER_MONTHS = 6

# Which ambition a placement counts against. Internships and work-experience places are "places" (stage- en
# werkervaringsplekken), the ambition kind made for them, rather than jobs.
AMBITION_OF = {
    OpportunityKind.VACANCY: AmbitionKind.JOBS,
    OpportunityKind.LEARNING_JOB_BBL: AmbitionKind.LEARNING_JOBS,
    OpportunityKind.LEARNING_JOB_CERTIFICATE: AmbitionKind.LEARNING_JOBS,
    OpportunityKind.WORK_EXPERIENCE: AmbitionKind.PLACES,
    OpportunityKind.INTERNSHIP: AmbitionKind.PLACES,
}

# The steps an advisor takes after the employer said yes; the employer answers a proposal itself.
ADVANCES = {
    Stage.INTRODUCTION: {Stage.TRIAL, Stage.CONTRACT},
    Stage.TRIAL: {Stage.CONTRACT},
}
FINAL = {Stage.SUSTAINABLE, Stage.ENDED}


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), the month's last day when it has fewer days."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def sustainable_on(contract_starts_on: date) -> date:
    return add_months(contract_starts_on, SUSTAINABLE_AFTER_MONTHS)


def no_consent_reason(candidate: Candidate, network) -> str | None:
    """Why this candidate may not be matched in the network, or None when a match consent is in force."""
    if candidate.anonymised_at is not None:
        return _("Deze kandidaat is geanonimiseerd en kan niet meer worden gematcht.")
    if candidate.network_id != network.pk:
        return _("Deze kandidaat hoort niet bij dit netwerk.")
    if not consented([candidate.pk], purpose=ConsentPurpose.MATCH, network=network):
        return _(
            "Er is geen geldige toestemming van de kandidaat om te matchen binnen %(network)s (nooit gegeven, "
            "verlopen of ingetrokken). Leg eerst toestemming vast."
        ) % {"network": network.name}
    return None


def _event(match: Match, stage: str, user, now, note: str = "") -> None:
    MatchEvent.objects.create(match=match, stage=stage, at=now, actor=user, note=note[:500])


def _locked(match_id: int) -> Match:
    return Match.objects.select_for_update(of=("self",)).select_related("opportunity__network").get(pk=match_id)


def match_propose(
    *,
    candidate: Candidate,
    opportunity: Opportunity,
    user,
    note: str = "",
    now=None,
    notify: bool = True,
    durable: bool = True,
) -> Match:
    """Put a scored match before the employer; refused with the reason when the candidate has no consent.
    `notify`: email the employer's contacts (a speedmeet sends its own schedule mail instead). `durable=False`:
    the caller owns the transaction (the mail still goes out after it commits)."""
    now = now or timezone.now()
    network = opportunity.network
    reason = no_consent_reason(candidate, network)
    if reason:
        raise ValidationError(reason, code="no_consent")
    if not opportunity.is_open:
        raise ValidationError(_("Deze kans is gesloten."), code="closed")
    score, explanation = opportunity_selectors.score_pair(candidate, opportunity)
    with transaction.atomic(durable=durable):
        match = Match.objects.select_for_update().filter(candidate=candidate, opportunity=opportunity).first()
        if match is not None and match.stage != Stage.SUGGESTED:
            raise ValidationError(
                _("Deze kandidaat is al voorgelegd voor deze kans (%(stage)s).") % {"stage": match.get_stage_display()},
                code="exists",
            )
        if match is None:
            match = Match.objects.create(
                candidate=candidate,
                opportunity=opportunity,
                score=score,
                explanation=explanation,
                created_by=user,
                stage_changed_at=now,
            )
            _event(match, Stage.SUGGESTED, user, now)
        match.score, match.explanation = score, explanation
        match.stage, match.stage_changed_at = Stage.PROPOSED, now
        match.save()
        _event(match, Stage.PROPOSED, user, now, note)
        log_access(
            user=user,
            network=network,
            candidates=[candidate.pk],
            action=AccessAction.MATCH,
            reason=_("Voorgelegd voor kans %(pk)s") % {"pk": opportunity.pk},
        )
        if notify:
            transaction.on_commit(lambda: match_tasks.notify_proposal.enqueue(match.pk))
    return match


def match_answer(*, match_id: int, user, accept: bool, note: str = "", now=None, notify: bool = True) -> Match:
    """The employer says yes to an introduction (or no thanks, which ends the match as not suitable).
    `notify`: email the proposing advisor the answer."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        match = _locked(match_id)
        if match.stage != Stage.PROPOSED:
            raise ValidationError(_("Op dit voorstel is al geantwoord."), code="answered")
        if accept:
            match.stage = Stage.INTRODUCTION
        else:
            match.stage, match.end_reason = Stage.ENDED, EndReason.NOT_SUITABLE
        match.stage_changed_at = now
        match.save()
        _event(match, match.stage, user, now, note or ("" if accept else _("Werkgever zegt nee, dank u.")))
        if notify:
            transaction.on_commit(lambda: match_tasks.notify_answer.enqueue(match.pk))
    return match


def _ambition_for(opportunity: Opportunity, on: date) -> Ambition | None:
    """The employer's ambition of the opportunity's kind in the network: the first still running on the date,
    else the most recent."""
    ambitions = Ambition.objects.filter(
        partnership__network_id=opportunity.network_id,
        partnership__organisation_id=opportunity.organisation_id,
        kind=AMBITION_OF[opportunity.kind],
    )
    return (
        ambitions.filter(target_date__gte=on).order_by("target_date", "pk").first()
        or ambitions.order_by("-target_date", "-pk").first()
    )


def _count_placement(match: Match) -> Result | None:
    """A contract counts once as a result; no ambition of the kind means it is not counted (the page says so)."""
    if match.result_id is not None:
        return match.result
    ambition = _ambition_for(match.opportunity, match.contract_starts_on)
    if ambition is None:
        return None
    # No personal data in a result: every member of the network reads results.
    description = _("Plaatsing: %(title)s") % {"title": match.opportunity.title}
    result = result_add(
        ambition=ambition, result=Result(number=1, date=match.contract_starts_on, description=description[:300])
    )
    match.result = result
    return result


def match_advance(*, match_id: int, user, stage: str, contract_starts_on: date | None = None, note: str = "", now=None):
    """Introduction → trial → contract; a contract needs its start date and counts as a placement."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        match = _locked(match_id)
        if stage not in ADVANCES.get(match.stage, set()):
            raise ValidationError(
                _("Van %(from)s kan de match niet naar %(to)s.")
                % {"from": match.get_stage_display(), "to": Stage(stage).label if stage in Stage.values else stage},
                code="stage",
            )
        if stage == Stage.CONTRACT:
            if contract_starts_on is None:
                raise ValidationError({"contract_starts_on": _("Vul in per wanneer het contract ingaat.")})
            match.contract_starts_on = contract_starts_on
        match.stage, match.stage_changed_at = stage, now
        if stage == Stage.CONTRACT:
            _count_placement(match)
        match.save()
        _event(match, stage, user, now, note)
    if stage == Stage.CONTRACT:
        placements_mark_sustainable(match_ids=[match.pk], today=timezone.localdate(now))
    return match


def match_end(*, match_id: int, user, reason: str, note: str = "", now=None) -> Match:
    now = now or timezone.now()
    if reason not in EndReason.values:
        raise ValidationError({"end_reason": _("Kies een reden.")})
    with transaction.atomic(durable=True):
        match = _locked(match_id)
        if match.stage in FINAL:
            raise ValidationError(_("Deze match is al afgerond."), code="final")
        match.stage, match.end_reason, match.stage_changed_at = Stage.ENDED, reason, now
        match.save()
        _event(match, Stage.ENDED, user, now, note or str(EndReason(reason).label))
    return match


def placements_mark_sustainable(*, today: date | None = None, match_ids=None) -> int:
    """Contracts that started at least six months ago become sustainable placements (run by the sweep).

    A contract that starts in the past (entered late) is marked at once."""
    today = today or timezone.localdate()
    # A few days' slack for month ends (31 August + six months is 28 February); the exact check follows.
    latest_start = add_months(today, -SUSTAINABLE_AFTER_MONTHS) + timedelta(days=3)
    due = Match.objects.filter(stage=Stage.CONTRACT, contract_starts_on__lte=latest_start)
    if match_ids is not None:
        due = due.filter(pk__in=match_ids)
    marked = 0
    now = timezone.now()
    for match_id, starts_on in due.values_list("pk", "contract_starts_on"):
        if sustainable_on(starts_on) > today:
            continue
        with transaction.atomic():
            updated = Match.objects.filter(pk=match_id, stage=Stage.CONTRACT).update(
                stage=Stage.SUSTAINABLE, stage_changed_at=now
            )
            if updated:
                MatchEvent.objects.create(
                    match_id=match_id,
                    stage=Stage.SUSTAINABLE,
                    at=now,
                    note=_("Zes maanden na de start van het contract (%(date)s).") % {"date": starts_on.isoformat()},
                )
                marked += 1
    return marked
