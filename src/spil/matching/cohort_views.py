"""Pages of the cohort assignment: the cohorts, a new selection, and a cohort with its progress bar (an htmx
poll) and, when done, its one-to-one proposal to accept or decline per pair."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spil.accounts.models import Role
from spil.core.forms import add_service_errors, as_key
from spil.core.pagination import paginate
from spil.core.permissions import Action, network_view, scope_candidates, scope_cohorts
from spil.core.progress import progress_fragment

from . import cohort_services as services
from .access import log_access
from .candidate_selectors import member_organisations
from .candidate_services import PUBLIC_PARTNER_KINDS
from .cohort_forms import CohortForm
from .models import AccessAction, Candidate, Cohort, CohortPair, CohortStatus, PairStatus

PAIRS_PER_PAGE = 20


def _cohorts(request):
    return scope_cohorts(request.membership, Cohort.objects.all())


def _get_cohort(request, pk: int) -> Cohort:
    cohort = _cohorts(request).select_related("organisation", "created_by").filter(pk=pk).first()
    if cohort is None:
        raise Http404
    return cohort


def _organisations(request):
    """Whose candidates a new cohort takes: an advisor's own organisation (None: fixed), or for the
    coordinator a choice of the network's public partners."""
    membership = request.membership
    if membership.role == Role.PUBLIC_ADVISOR:
        if membership.organisation is None or membership.organisation.kind not in PUBLIC_PARTNER_KINDS:
            raise PermissionDenied
        return None
    return member_organisations(request.network, PUBLIC_PARTNER_KINDS)


@require_GET
@network_view(Action.MATCH_CANDIDATES)
def cohort_list(request):
    page = paginate(request, _cohorts(request).select_related("organisation").order_by("-created_at", "-pk"))
    return TemplateResponse(request, "matching/cohort_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@network_view(Action.MATCH_CANDIDATES)
def cohort_create(request):
    organisations = _organisations(request)
    form = CohortForm(request.POST or None, organisations=organisations, initial={"without_match": True})
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_start(
                network=request.network,
                organisation=form.cleaned_data.get("organisation") or request.membership.organisation,
                user=request.user,
                name=form.cleaned_data["name"],
                criteria=form.cleaned_data["criteria"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("matching:cohort", request.network.slug, cohort.pk)
    context = {"form": form, "organisation": request.membership.organisation if organisations is None else None}
    return TemplateResponse(
        request, "matching/cohort_form.html", context, status=400 if request.method == "POST" else 200
    )


@require_GET
@network_view(Action.MATCH_CANDIDATES)
def cohort_detail(request, pk: int):
    cohort = services.cohort_fail_if_stale(_get_cohort(request, pk))
    context = {"cohort": cohort}
    if cohort.status == CohortStatus.DONE:
        pairs = CohortPair.objects.filter(cohort=cohort)
        context["open_pairs"] = pairs.filter(status=PairStatus.OPEN).count()
        # A name only while the member may see that candidate: a consent revoked since the run hides it.
        visible = scope_candidates(request.membership, Candidate.objects.filter(pk=OuterRef("candidate_id")))
        pairs = pairs.select_related("candidate", "opportunity__organisation").annotate(named=Exists(visible))
        context["page"] = paginate(request, pairs.order_by("-score", "pk"), PAIRS_PER_PAGE)
        # Names on this page are personal data: every candidate named is logged.
        log_access(
            user=request.user,
            network=request.network,
            candidates=[pair.candidate_id for pair in context["page"] if pair.named],
            action=AccessAction.VIEW,
            reason=_("Cohortindeling %(name)s") % {"name": cohort.name},
        )
    return TemplateResponse(request, "matching/cohort_detail.html", context)


@require_GET
@network_view(Action.MATCH_CANDIDATES)
def cohort_progress(request, pk: int):
    cohort = services.cohort_fail_if_stale(_get_cohort(request, pk))
    return progress_fragment(request, "matching/cohort_detail.html#progress", {"cohort": cohort}, cohort)


@require_POST
@network_view(Action.MATCH_CANDIDATES)
def cohort_pair_decide(request, pk: int, pair_pk: int):
    cohort = _get_cohort(request, pk)
    pair = CohortPair.objects.filter(cohort=cohort, pk=pair_pk).first()
    if pair is None:
        raise Http404
    decision = request.POST.get("besluit")
    if decision not in {"accept", "decline"}:
        messages.error(request, _("Kies overnemen of afwijzen."))
        return redirect("matching:cohort", request.network.slug, cohort.pk)
    accept = decision == "accept"
    try:
        pair = services.cohort_pair_decide(pair_id=pair.pk, user=request.user, accept=accept)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if accept:
            messages.success(request, _("Voorgelegd aan de werkgever; die krijgt een e-mail."))
        else:
            messages.success(request, _("Paar afgewezen."))
    target = redirect("matching:cohort", request.network.slug, cohort.pk)
    page = as_key(request.POST.get("page"))
    if page:
        target["Location"] += f"?page={page}#paar-{pair.pk}"
    return target
