"""Collegial staff exchange (Ondernemers voor ondernemers): an employer with people to spare and one who
needs people for a while are paired by tasks, period and distance; both accept, then the desk follows up."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors, tasks
from .models import ExchangeMatch, ExchangeStatus, OfferKind, StaffOffer

# Weights of the pairing score: shared tasks matter most, then how much of the period overlaps, then distance.
TASK_WEIGHT, PERIOD_WEIGHT, DISTANCE_WEIGHT = 0.5, 0.3, 0.2


def _overlap_days(a: StaffOffer, b: StaffOffer) -> int:
    start, end = max(a.starts_on, b.starts_on), min(a.ends_on, b.ends_on)
    return (end - start).days + 1 if end >= start else 0


def pair_score(surplus: StaffOffer, need: StaffOffer) -> tuple[float, str] | None:
    """Score and a Dutch explanation for a surplus/need pair, or None when they share no task or no day."""
    shared = surplus.task_set() & need.task_set()
    overlap = _overlap_days(surplus, need)
    if not shared or not overlap:
        return None
    needed_days = (need.ends_on - need.starts_on).days + 1
    task_part = len(shared) / len(need.task_set())
    period_part = overlap / needed_days
    if surplus.postcode[:2] == need.postcode[:2]:
        distance_part, distance_text = 1.0, _("zelfde postcodegebied")
    elif surplus.region_id and surplus.region_id == need.region_id:
        distance_part, distance_text = 0.6, _("zelfde regio")
    else:
        distance_part, distance_text = 0.2, _("andere regio")
    score = TASK_WEIGHT * task_part + PERIOD_WEIGHT * period_part + DISTANCE_WEIGHT * distance_part
    explanation = _("Taken: %(tasks)s · %(days)d van %(needed)d dagen · %(distance)s") % {
        "tasks": ", ".join(sorted(shared)),
        "days": overlap,
        "needed": needed_days,
        "distance": distance_text,
    }
    return round(score, 3), explanation


def _propose(offer: StaffOffer) -> int:
    """Pair a new offer with every open offer of the other kind it fits."""
    other_kind = OfferKind.NEED if offer.kind == OfferKind.SURPLUS else OfferKind.SURPLUS
    candidates = StaffOffer.objects.filter(
        network_id=offer.network_id,
        kind=other_kind,
        is_open=True,
        starts_on__lte=offer.ends_on,
        ends_on__gte=offer.starts_on,
    ).exclude(organisation_id=offer.organisation_id)
    matches = []
    for other in candidates:
        surplus, need = (offer, other) if offer.kind == OfferKind.SURPLUS else (other, offer)
        scored = pair_score(surplus, need)
        if scored:
            matches.append(ExchangeMatch(surplus=surplus, need=need, score=scored[0], explanation=scored[1][:500]))
    ExchangeMatch.objects.bulk_create(matches, ignore_conflicts=True)
    return len(matches)


def staff_offer_create(*, network, organisation, data: dict, user) -> StaffOffer:
    if data["ends_on"] < data["starts_on"]:
        raise ValidationError({"ends_on": _("De einddatum ligt voor de begindatum.")})
    if data["ends_on"] < timezone.localdate():
        raise ValidationError({"ends_on": _("Deze periode is al voorbij.")})
    with transaction.atomic(durable=True):
        offer = StaffOffer.objects.create(
            network=network,
            organisation=organisation,
            kind=data["kind"],
            tasks=", ".join(sorted({t.strip().lower() for t in data["tasks"].split(",") if t.strip()})),
            people=data["people"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            postcode=data["postcode"],
            region=selectors.region_for_postcode(data["postcode"]),
            note=data.get("note", ""),
            created_by=user,
        )
        _propose(offer)
    return offer


def staff_offer_close(*, offer_id: int) -> None:
    with transaction.atomic(durable=True):
        StaffOffer.objects.filter(pk=offer_id).update(is_open=False)
        ExchangeMatch.objects.filter(
            Q(surplus_id=offer_id) | Q(need_id=offer_id), status=ExchangeStatus.PROPOSED
        ).update(status=ExchangeStatus.DECLINED)


def match_accept(*, match_id: int, side: str, now=None) -> ExchangeMatch:
    """One side accepts; when both have, the desk is told to follow up."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        match = ExchangeMatch.objects.select_for_update().get(pk=match_id)
        if match.status != ExchangeStatus.PROPOSED:
            raise ValidationError(_("Over deze koppeling is al besloten."))
        if side == OfferKind.SURPLUS:
            match.surplus_accepted_at = match.surplus_accepted_at or now
        else:
            match.need_accepted_at = match.need_accepted_at or now
        if match.surplus_accepted_at and match.need_accepted_at:
            match.status = ExchangeStatus.ACCEPTED
            transaction.on_commit(lambda: tasks.notify_exchange_accepted.enqueue(match.pk))
        match.save()
    return match


def match_decline(*, match_id: int) -> None:
    with transaction.atomic(durable=True):
        updated = ExchangeMatch.objects.filter(pk=match_id, status=ExchangeStatus.PROPOSED).update(
            status=ExchangeStatus.DECLINED
        )
        if not updated:
            raise ValidationError(_("Over deze koppeling is al besloten."))


def match_follow_up(*, match_id: int, note: str) -> None:
    if not note.strip():
        raise ValidationError({"note": _("Schrijf op wat het loket heeft afgesproken.")})
    with transaction.atomic(durable=True):
        updated = ExchangeMatch.objects.filter(pk=match_id, status=ExchangeStatus.ACCEPTED).update(
            status=ExchangeStatus.DONE, follow_up_note=note.strip()
        )
        if not updated:
            raise ValidationError(_("Alleen een koppeling die beide werkgevers accepteerden, volgt het loket op."))
