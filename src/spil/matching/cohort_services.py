"""Use cases of a cohort assignment (De achthonderd, seed 004): an advisor selects a cohort of the own
organisation's candidates and the network's open opportunities; a background run proposes the one-to-one
assignment with the maximum total score (hard constraints and places per opportunity respected); the advisor
then accepts or declines each pair. Accepting puts the match before the employer (`match_propose`)."""

import logging
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import match_services, opportunity_selectors
from .access import consented_queryset, log_access
from .models import (
    AccessAction,
    Candidate,
    Cohort,
    CohortPair,
    CohortStatus,
    ConsentPurpose,
    Match,
    Opportunity,
    OpportunityKind,
    PairStatus,
    Stage,
    WorkFit,
)

logger = logging.getLogger(__name__)

MAX_CANDIDATES = 1000
# A run that has not finished this long after it was started lost its worker (a run takes seconds).
STALE_AFTER = timedelta(hours=1)
MAX_OPPORTUNITIES = 10_000
# Matches that hold a place: the employer said yes, or further on. A place taken is not offered again.
HOLDS_A_PLACE = [Stage.INTRODUCTION, Stage.TRIAL, Stage.CONTRACT, Stage.SUSTAINABLE]
ACTIVE = [Stage.PROPOSED, *HOLDS_A_PLACE[:-1]]


def _prefixes(text: str) -> list[str]:
    return [part for part in text.replace(",", " ").split() if part]


def cohort_candidates(cohort: Cohort):
    """The cohort's candidates: the organisation's, with a consent to match in the network, as selected."""
    criteria = cohort.criteria
    queryset = Candidate.objects.filter(network_id=cohort.network_id, organisation_id=cohort.organisation_id)
    queryset = consented_queryset(queryset, purpose=ConsentPurpose.MATCH, network=cohort.network)
    if criteria.get("municipality"):
        queryset = queryset.filter(municipality__iexact=criteria["municipality"].strip())
    if criteria.get("postcodes"):
        area = Q()
        for prefix in criteria["postcodes"]:
            area |= Q(postcode__startswith=prefix)
        queryset = queryset.filter(area)
    if criteria.get("work_fit"):
        queryset = queryset.filter(work_fit__in=criteria["work_fit"])
    if criteria.get("without_match"):
        queryset = queryset.exclude(matches__stage__in=ACTIVE)
    return queryset.order_by("pk")


def cohort_opportunities(cohort: Cohort):
    criteria = cohort.criteria
    queryset = Opportunity.objects.filter(network_id=cohort.network_id, is_open=True)
    if criteria.get("kinds"):
        queryset = queryset.filter(kind__in=criteria["kinds"])
    if criteria.get("opportunity_postcodes"):
        area = Q()
        for prefix in criteria["opportunity_postcodes"]:
            area |= Q(postcode__startswith=prefix)
        queryset = queryset.filter(area)
    return queryset.order_by("pk")


def clean_criteria(data: dict) -> dict:
    """The stored selection: known keys only, postcodes as digit prefixes; a message per field otherwise."""
    errors = {}
    criteria = {
        "municipality": (data.get("municipality") or "").strip(),
        "work_fit": [value for value in data.get("work_fit") or [] if value in WorkFit.values],
        "without_match": bool(data.get("without_match")),
        "kinds": [value for value in data.get("kinds") or [] if value in OpportunityKind.values],
    }
    for key in ("postcodes", "opportunity_postcodes"):
        prefixes = _prefixes(data.get(key) or "")
        if any(not (prefix.isascii() and prefix.isdigit()) or len(prefix) > 4 for prefix in prefixes):
            errors[key] = _("Vul postcodegebieden in als cijfers, bijvoorbeeld 38 of 3811, gescheiden door komma's.")
        criteria[key] = prefixes
    if errors:
        raise ValidationError(errors)
    return criteria


def cohort_start(*, network, organisation, user, name: str, criteria: dict) -> Cohort:
    """Check the selection (at least one candidate and one opportunity, within the limits) and queue the run."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Geef de cohortindeling een naam.")})
    cohort = Cohort(network=network, organisation=organisation, name=name[:200], criteria=criteria, created_by=user)
    candidates = cohort_candidates(cohort).count()
    opportunities = cohort_opportunities(cohort).count()
    if candidates == 0:
        raise ValidationError(
            _("Deze selectie bevat geen kandidaten met een geldige toestemming om te matchen in dit netwerk.")
        )
    if candidates > MAX_CANDIDATES:
        raise ValidationError(
            _("Deze selectie bevat %(n)s kandidaten; een cohort heeft er hoogstens %(max)s. Maak de selectie kleiner.")
            % {"n": candidates, "max": MAX_CANDIDATES}
        )
    if opportunities == 0:
        raise ValidationError(_("Deze selectie bevat geen open kansen."))
    if opportunities > MAX_OPPORTUNITIES:
        raise ValidationError(
            _("Deze selectie bevat %(n)s kansen; hoogstens %(max)s. Maak de selectie kleiner.")
            % {"n": opportunities, "max": MAX_OPPORTUNITIES}
        )
    cohort.candidate_count, cohort.opportunity_count = candidates, opportunities
    with transaction.atomic(durable=True):
        cohort.save()
        from .match_tasks import run_cohort

        transaction.on_commit(lambda: run_cohort.enqueue(cohort.pk))
    return cohort


def cohort_compute(*, network, organisation, user, name: str, criteria: dict) -> Cohort:
    """Create a cohort and compute it at once, in the caller's transaction: for demo and generated data."""
    cohort = Cohort.objects.create(
        network=network, organisation=organisation, name=name, criteria=clean_criteria(criteria), created_by=user
    )
    return cohort_run(cohort_id=cohort.pk)


def _places_taken(opportunities) -> dict[int, int]:
    """{opportunity id: places filled by a match the employer said yes to (or further)}."""
    taken = (
        Match.objects.filter(opportunity__in=opportunities, stage__in=HOLDS_A_PLACE)
        .order_by()
        .values("opportunity_id")
        .annotate(n=Count("pk"))
    )
    return {row["opportunity_id"]: row["n"] for row in taken}


# The steps of a run, for the progress bar.
STEPS = 4


def cohort_run(*, cohort_id: int) -> Cohort:
    """Compute and store the proposal; running a finished cohort again does nothing."""
    cohort = Cohort.objects.select_related("network", "created_by").get(pk=cohort_id)
    if cohort.finished:
        return cohort
    cohort.record_progress(status=CohortStatus.RUNNING, total=STEPS, processed=0)
    try:
        candidates, opportunities = cohort_candidates(cohort), cohort_opportunities(cohort)
        pool = opportunity_selectors.build_pool(
            candidates,
            opportunities,
            teachers=opportunity_selectors.learning_places(cohort.network_id),
            taken=_places_taken(opportunities),
        )
        cohort.record_progress(
            processed=1, candidate_count=len(pool.candidates), opportunity_count=len(pool.opportunities)
        )
        pairs = pool.assign() if pool.opportunities and pool.candidates else []
        cohort.record_progress(processed=2)
        explained = opportunity_selectors.ranked(pool, pairs)
        cohort.record_progress(processed=3)
        with transaction.atomic():
            CohortPair.objects.bulk_create(
                [
                    CohortPair(
                        cohort=cohort,
                        candidate_id=row["candidate_id"],
                        opportunity_id=row["opportunity_id"],
                        score=row["score"],
                        explanation=row["explanation"],
                    )
                    for row in explained
                ],
                batch_size=500,
            )
            log_access(
                user=cohort.created_by,
                network=cohort.network,
                candidates=[row.id for row in pool.candidates],
                action=AccessAction.MATCH,
                reason=_("Cohortindeling %(name)s") % {"name": cohort.name},
            )
    except Exception:
        logger.exception("cohort %s failed", cohort.pk)
        cohort.record_progress(
            status=CohortStatus.FAILED,
            error=_("De berekening is mislukt; er is niets opgeslagen. Probeer het opnieuw."),
            finished_at=timezone.now(),
        )
        return cohort
    cohort.record_progress(
        status=CohortStatus.DONE,
        processed=STEPS,
        total_score=round(sum(row["score"] for row in explained), 1),
        finished_at=timezone.now(),
    )
    return cohort


def cohort_pair_decide(*, pair_id: int, user, accept: bool, now=None) -> CohortPair:
    """Accept a pair (the match goes before the employer) or decline it; each pair is decided once.

    One transaction with the pair locked: two clicks (accept and decline, or twice) cannot both count, and
    the employer's mail goes out only when the decision is stored. Accepting checks again what may have
    changed since the run: the consent (revoked means refused, with the reason) and a free place."""
    now = now or timezone.now()
    with transaction.atomic(durable=True):
        pair = (
            CohortPair.objects.select_for_update(of=("self",))
            .select_related("cohort", "candidate", "opportunity__network")
            .get(pk=pair_id)
        )
        if pair.status != PairStatus.OPEN:
            raise ValidationError(_("Over dit paar is al besloten."), code="decided")
        if accept:
            opportunity = pair.opportunity
            if (
                _places_taken(Opportunity.objects.filter(pk=opportunity.pk)).get(opportunity.pk, 0)
                >= opportunity.places
            ):
                raise ValidationError(_("Deze kans heeft geen vrije plek meer."), code="full")
            pair.match = match_services.match_propose(
                candidate=pair.candidate,
                opportunity=opportunity,
                user=user,
                note=_("Uit cohortindeling %(name)s") % {"name": pair.cohort.name},
                now=now,
                durable=False,
            )
        pair.status = PairStatus.ACCEPTED if accept else PairStatus.DECLINED
        pair.decided_by, pair.decided_at = user, now
        pair.save(update_fields=["status", "match", "decided_by", "decided_at"])
    return pair


def cohort_fail_if_stale(cohort: Cohort, now=None) -> Cohort:
    """A run still queued or running long after it started lost its worker: mark it failed, so the page stops
    waiting and says to start again."""
    now = now or timezone.now()
    if not cohort.finished and cohort.created_at < now - STALE_AFTER:
        updated = Cohort.objects.filter(pk=cohort.pk, status__in=[CohortStatus.QUEUED, CohortStatus.RUNNING]).update(
            status=CohortStatus.FAILED,
            error=_("De berekening is niet afgemaakt. Start een nieuwe cohortindeling."),
            finished_at=now,
        )
        if updated:
            cohort.refresh_from_db()
    return cohort
