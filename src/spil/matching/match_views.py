"""Matching pages: ranked opportunities for a candidate, ranked candidates for an opportunity, and the pipeline
of one match. Only candidates with a match consent in force are matched, and every match is logged; employers
see anonymous profiles until an introduction with consent to share contact details."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from spil.accounts.models import Role
from spil.core.forms import add_service_errors
from spil.core.pagination import paginate
from spil.core.permissions import (
    CONTACT_STAGES,
    Action,
    allows,
    network_view,
    scope_candidates,
    scope_matches,
    scope_opportunities,
    sees_candidate_contact,
    sees_candidate_identity,
)

from . import match_services as services
from . import opportunity_selectors as selectors
from .access import consented_queryset, log_access
from .candidate_selectors import anonymous_profile
from .list_filters import match_filters
from .models import AccessAction, Candidate, ConsentPurpose, Match, Opportunity, Stage
from .opportunity_forms import AdvanceForm, AnswerForm, EndForm, ProposeForm

TOP = 20


def matchable_candidates(membership):
    """Candidates this member may match: a match consent in force for the network, and for an advisor only
    those the own organisation registered."""
    queryset = scope_candidates(membership, Candidate.objects.all())
    return consented_queryset(queryset, purpose=ConsentPurpose.MATCH, network=membership.network)


def _log(request, candidate_ids, action: str, reason: str) -> None:
    if candidate_ids:
        log_access(user=request.user, network=request.network, candidates=candidate_ids, action=action, reason=reason)


@require_GET
@network_view(Action.MATCH_CANDIDATES)
def candidate_matches(request, pk: int):
    """Ranked open opportunities for one candidate (start from the candidate, not the vacancy)."""
    candidate = get_object_or_404(
        scope_candidates(request.membership, Candidate.objects.all()).filter(anonymised_at=None), pk=pk
    )
    reason = services.no_consent_reason(candidate, request.network)
    if reason:
        context = {"candidate": candidate, "reason": reason}
        return TemplateResponse(request, "matching/match_refused.html", context, status=403)
    # Only the open opportunities that can pass the hours and distance constraints go into the pool; the
    # learning places that explanations name are read for the ranked ones' tasks (the same lists as a pool of
    # every open opportunity of the network gives).
    opportunities = Opportunity.objects.filter(network=request.network, is_open=True)
    pool = selectors.build_pool(
        Candidate.objects.filter(pk=candidate.pk), selectors.opportunities_within_reach(opportunities, candidate)
    )
    pairs = [(0, j, score) for j, score in pool.top_for_candidate(0, k=TOP)]
    pool.teachers = selectors.teachers_for(request.network, [pool.opportunities[j] for _i, j, _s in pairs])
    rows = selectors.ranked(pool, pairs)
    by_id = Opportunity.objects.select_related("organisation").in_bulk([row["opportunity_id"] for row in rows])
    existing = dict(
        Match.objects.filter(candidate=candidate, opportunity_id__in=by_id).values_list("opportunity_id", "pk")
    )
    for row in rows:
        row["opportunity"] = by_id[row["opportunity_id"]]
        row["match_id"] = existing.get(row["opportunity_id"])
    _log(request, [candidate.pk], AccessAction.MATCH, _("Kansen gezocht voor kandidaat"))
    return TemplateResponse(request, "matching/match_for_candidate.html", {"candidate": candidate, "rows": rows})


@require_GET
@network_view(Action.MATCH_CANDIDATES)
def opportunity_matches(request, pk: int):
    """Ranked candidates for one opportunity: only consented candidates the member may match."""
    opportunity = get_object_or_404(
        scope_opportunities(request.membership, Opportunity.objects.select_related("organisation")), pk=pk
    )
    # Only the candidates that can pass the hours and distance constraints go into the pool.
    candidates = selectors.candidates_within_reach(matchable_candidates(request.membership), opportunity)
    pool = selectors.build_pool(candidates, Opportunity.objects.filter(pk=opportunity.pk), network=request.network)
    pool.teachers = selectors.teachers_for(request.network, pool.opportunities)
    rows = selectors.ranked(pool, [(i, 0, score) for i, score in pool.top_for_opportunity(0, k=TOP)])
    by_id = Candidate.objects.in_bulk([row["candidate_id"] for row in rows])
    existing = dict(
        Match.objects.filter(opportunity=opportunity, candidate_id__in=by_id).values_list("candidate_id", "pk")
    )
    for row in rows:
        row["candidate"] = by_id[row["candidate_id"]]
        row["match_id"] = existing.get(row["candidate_id"])
    _log(
        request,
        [row["candidate_id"] for row in rows],
        AccessAction.MATCH,
        _("Kandidaten gezocht voor kans %(pk)s") % {"pk": opportunity.pk},
    )
    context = {"opportunity": opportunity, "rows": rows, "open": opportunity.is_open}
    return TemplateResponse(request, "matching/match_for_opportunity.html", context)


@require_POST
@network_view(Action.MATCH_CANDIDATES)
def match_propose(request):
    form = ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een kandidaat en een kans."))
        return redirect("matching:matches", request.network.slug)
    candidate = get_object_or_404(
        scope_candidates(request.membership, Candidate.objects.all()), pk=form.cleaned_data["candidate"]
    )
    opportunity = get_object_or_404(
        scope_opportunities(request.membership, Opportunity.objects.select_related("network")),
        pk=form.cleaned_data["opportunity"],
    )
    try:
        match = services.match_propose(
            candidate=candidate, opportunity=opportunity, user=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("matching:opportunity", request.network.slug, opportunity.pk)
    messages.success(request, _("Voorgelegd aan de werkgever. Die ziet een anoniem profiel."))
    return redirect("matching:match", request.network.slug, match.pk)


@require_GET
@network_view(Action.VIEW_MATCHES)
def match_list(request):
    membership = request.membership
    stage = match_filters(request.GET)["stage"]
    queryset = scope_matches(membership, Match.objects.all()).select_related("candidate", "opportunity__organisation")
    if stage:
        queryset = queryset.filter(stage=stage)
    identity = sees_candidate_identity(membership)
    if identity:
        # A name only while the member may see that candidate: a revoked consent hides it at once.
        visible = scope_candidates(membership, Candidate.objects.filter(pk=OuterRef("candidate_id")))
        queryset = queryset.annotate(named=Exists(visible))
    page = paginate(request, queryset.order_by("-stage_changed_at", "-pk"))
    if identity:
        named = [match.candidate_id for match in page if match.named]
        _log(request, named, AccessAction.VIEW, _("Overzicht matches"))
    context = {"page": page, "stage": stage, "stages": Stage.choices, "identity": identity}
    return TemplateResponse(request, "matching/match_list.html", context)


def _get_match(request, pk: int) -> Match:
    queryset = scope_matches(request.membership, Match.objects.all())
    return get_object_or_404(
        queryset.select_related("candidate", "opportunity__organisation", "opportunity__network", "result__ambition"),
        pk=pk,
    )


def _detail(request, match: Match, status: int = 200, **forms) -> TemplateResponse:
    membership = request.membership
    candidate = match.candidate
    role_identity = sees_candidate_identity(membership)
    employer = allows(membership, Action.ANSWER_INTRODUCTION) and (
        not role_identity or membership.organisation_id == match.opportunity.organisation_id
    )
    # Who the candidate is, only while the member may see the candidate (a revoked consent hides it at once).
    identity = role_identity and scope_candidates(membership, Candidate.objects.filter(pk=candidate.pk)).exists()
    # Contact details reach the employer only after the introduction, under a share_contact consent.
    contact = identity or (match.stage in CONTACT_STAGES and sees_candidate_contact(membership, candidate))
    can_manage = allows(membership, Action.MATCH_CANDIDATES)
    context = {
        "match": match,
        "candidate": candidate,
        "identity": identity,
        "contact": contact,
        "profile": None if identity else anonymous_profile(candidate, contact_shared=contact),
        "events": match.events.select_related("actor").order_by("at", "pk"),
        "explanation": match.explanation,
        "can_answer": employer and match.stage == Stage.PROPOSED,
        "can_advance": can_manage and match.stage in services.ADVANCES,
        "can_end": can_manage and match.stage not in services.FINAL,
        "sustainable_on": services.sustainable_on(match.contract_starts_on) if match.contract_starts_on else None,
        "counted_kind": services.AMBITION_OF[match.opportunity.kind],
    }
    if context["can_answer"]:
        context["answer_form"] = forms.get("answer_form") or AnswerForm()
    if context["can_advance"]:
        context["advance_form"] = forms.get("advance_form") or AdvanceForm()
    if context["can_end"]:
        context["end_form"] = forms.get("end_form") or EndForm()
    if identity or contact:
        _log(request, [candidate.pk], AccessAction.VIEW, _("Match %(pk)s bekeken") % {"pk": match.pk})
    return TemplateResponse(request, "matching/match_detail.html", context, status=status)


@require_GET
@network_view(Action.VIEW_MATCHES)
def match_detail(request, pk: int):
    return _detail(request, _get_match(request, pk))


def _step(request, pk: int, form_name: str, form, run):
    match = _get_match(request, pk)
    if form.is_valid():
        try:
            run(match, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("matching:match", request.network.slug, match.pk)
    return _detail(request, match, status=400, **{form_name: form})


@require_POST
@network_view(Action.ANSWER_INTRODUCTION)
def match_answer(request, pk: int):
    match = _get_match(request, pk)
    membership = request.membership
    if membership.role != Role.COORDINATOR and membership.organisation_id != match.opportunity.organisation_id:
        raise PermissionDenied

    def run(match, data):
        accept = data["answer"] == "accept"
        services.match_answer(match_id=match.pk, user=request.user, accept=accept, note=data["note"])
        if accept:
            messages.success(request, _("U maakt kennis met deze kandidaat. De adviseur neemt contact met u op."))
        else:
            messages.success(request, _("Uw antwoord is doorgegeven."))

    return _step(request, pk, "answer_form", AnswerForm(request.POST), run)


@require_POST
@network_view(Action.MATCH_CANDIDATES)
def match_advance(request, pk: int):
    form = AdvanceForm(request.POST)

    def run(match, data):
        services.match_advance(
            match_id=match.pk,
            user=request.user,
            stage=data["stage"],
            contract_starts_on=data["contract_starts_on"],
            note=data["note"],
            now=timezone.now(),
        )
        messages.success(request, _("De match is bijgewerkt."))

    return _step(request, pk, "advance_form", form, run)


@require_POST
@network_view(Action.MATCH_CANDIDATES)
def match_end(request, pk: int):
    form = EndForm(request.POST)

    def run(match, data):
        services.match_end(match_id=match.pk, user=request.user, reason=data["end_reason"], note=data["note"])
        messages.success(request, _("De match is beëindigd."))

    return _step(request, pk, "end_form", form, run)
