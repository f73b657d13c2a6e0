"""Pages of opportunities and job carving."""

import math

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from spil.accounts.models import Role
from spil.core.forms import add_service_errors, as_key
from spil.core.pagination import paginate
from spil.core.permissions import (
    Action,
    allows,
    can_manage_opportunity,
    network_view,
    scope_matches,
    scope_opportunities,
    sees_candidate_identity,
)

from . import opportunity_selectors as selectors
from . import opportunity_services as services
from .access import log_access
from .list_filters import opportunity_filters
from .models import AccessAction, Match, Opportunity, OpportunityKind, Support
from .opportunity_forms import (
    CarvingOpportunityForm,
    JobRoleForm,
    OpportunityForm,
    role_task_formset,
    task_share_formset,
)


def _get_opportunity(request, pk: int) -> Opportunity:
    queryset = scope_opportunities(request.membership, Opportunity.objects.all())
    return get_object_or_404(selectors.with_tasks(queryset), pk=pk)


def _own_organisation(request):
    """A partner contact works for the own organisation; None for the office and advisors (they choose)."""
    membership = request.membership
    return membership.organisation if membership.role == Role.PARTNER_CONTACT else None


@require_GET
@network_view(Action.VIEW_OPPORTUNITIES)
def opportunity_list(request):
    filters = opportunity_filters(request.GET)
    queryset = scope_opportunities(request.membership, Opportunity.objects.all())
    page = paginate(request, selectors.opportunity_list(queryset, **filters))
    context = {
        "page": page,
        "kinds": OpportunityKind.choices,
        **filters,
        "can_create": allows(request.membership, Action.MANAGE_OPPORTUNITIES),
    }
    return TemplateResponse(request, "matching/opportunity_list.html", context)


def _form_page(request, opportunity: Opportunity | None):
    own = _own_organisation(request)
    organisations = None if own else selectors.employer_partners(request.network)
    initial_shares = (
        [{"task": s.task.name, "share": s.share} for s in opportunity.task_shares.all()] if opportunity else []
    )
    initial = {} if opportunity else {"postcode": own.postcode if own else ""}
    form = OpportunityForm(request.POST or None, instance=opportunity, organisations=organisations, initial=initial)
    formset = task_share_formset(request.POST or None, initial=initial_shares, extra=3 if initial_shares else 5)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and formset.is_valid():
            item = form.save(commit=False)
            item.network = request.network
            item.organisation = own or form.cleaned_data["organisation"]
            try:
                item = services.opportunity_save(opportunity=item, shares=formset.shares(), user=request.user)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De kans is opgeslagen."))
                return redirect("matching:opportunity", request.network.slug, item.pk)
    context = {
        "form": form,
        "formset": formset,
        "opportunity": opportunity,
        "own": own,
        "task_options": selectors.task_options(),
    }
    return TemplateResponse(request, "matching/opportunity_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_OPPORTUNITIES)
def opportunity_create(request):
    return _form_page(request, None)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_OPPORTUNITIES)
def opportunity_edit(request, pk: int):
    opportunity = _get_opportunity(request, pk)
    if not can_manage_opportunity(request.membership, opportunity.organisation_id):
        raise PermissionDenied
    return _form_page(request, opportunity)


@require_GET
@network_view(Action.VIEW_OPPORTUNITIES)
def opportunity_detail(request, pk: int):
    opportunity = _get_opportunity(request, pk)
    membership = request.membership
    matches = None
    employer_side = not sees_candidate_identity(membership)
    if allows(membership, Action.VIEW_MATCHES):
        matches = list(
            scope_matches(membership, Match.objects.filter(opportunity=opportunity))
            .select_related("candidate")
            .order_by("-stage_changed_at", "-pk")[:50]
        )
        if matches and not employer_side:
            log_access(
                user=request.user,
                network=request.network,
                candidates=[match.candidate_id for match in matches],
                action=AccessAction.VIEW,
                reason=_("Matches bij kans %(pk)s") % {"pk": opportunity.pk},
            )
    context = {
        "opportunity": opportunity,
        "shares": opportunity.task_shares.all(),
        "can_edit": can_manage_opportunity(membership, opportunity.organisation_id),
        "can_match": allows(membership, Action.MATCH_CANDIDATES) and opportunity.is_open,
        "matches": matches,
        "employer_side": employer_side,
        "support_labels": [str(Support(value).label) for value in opportunity.support if value in Support.values],
    }
    return TemplateResponse(request, "matching/opportunity_detail.html", context)


# Job carving


def _carving_organisation(request):
    own = _own_organisation(request)
    if own is not None:
        return own, None
    organisations = selectors.employer_partners(request.network)
    key = as_key(request.GET.get("werkgever") or request.POST.get("werkgever"))
    organisation = organisations.filter(pk=key).first() if key else None
    return organisation, organisations


def _selected_ids(values) -> set[int]:
    return {key for key in map(as_key, values) if key is not None}


@require_http_methods(["GET", "POST"])
@network_view(Action.CARVE_JOBS)
def carving(request):
    """List the tasks of existing roles, select simple ones, see the hours they free, make it an opportunity."""
    organisation, organisations = _carving_organisation(request)
    roles = selectors.roles_of(request.network, organisation) if organisation else []
    source = request.POST if request.method == "POST" else request.GET
    selected = _selected_ids(source.getlist("taak"))
    summary = selectors.carving_summary(roles, selected)
    form = None
    status = 200
    if summary["freed_total"] > 0:
        hours = max(1, min(36, round(summary["freed_total"])))
        initial = {
            "hours_per_week": hours,
            "places": max(1, math.floor(summary["freed_total"] / hours)),
            "postcode": organisation.postcode,
            "title": _("Medewerker ondersteunende taken"),
        }
        form = CarvingOpportunityForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        status = 400
        if form is None:
            messages.error(request, _("Kies minstens één taak om een nieuwe functie van te maken."))
        elif form.is_valid():
            try:
                opportunity = services.carving_opportunity_create(
                    network=request.network,
                    organisation=organisation,
                    freed_per_task=summary["freed_per_task"],
                    data=form.cleaned_data,
                    user=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De nieuwe functie staat als kans open. Vul de details aan."))
                return redirect("matching:opportunity", request.network.slug, opportunity.pk)
    context = {
        "organisation": organisation,
        "organisations": organisations,
        "organisation_options": selectors.organisation_options(organisations, organisation)
        if organisations is not None
        else "",
        "roles": roles,
        "summary": summary,
        "form": form,
        "selected": selected,
    }
    return TemplateResponse(request, "matching/carving_page.html", context, status=status)


@require_http_methods(["GET", "POST"])
@network_view(Action.CARVE_JOBS)
def role_create(request):
    organisation, organisations = _carving_organisation(request)
    if organisation is None:
        if organisations is None:
            raise PermissionDenied
        messages.info(request, _("Kies eerst een werkgever."))
        return redirect("matching:carving", request.network.slug)
    form = JobRoleForm(request.POST or None)
    formset = role_task_formset(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and formset.is_valid():
            tasks = [
                (f.cleaned_data["task"], f.cleaned_data["share"], f.cleaned_data["complexity"])
                for f in formset.forms
                if f.cleaned_data.get("task")
            ]
            try:
                services.job_role_create(
                    network=request.network,
                    organisation=organisation,
                    user=request.user,
                    tasks=tasks,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De functie is vastgelegd."))
                url = reverse("matching:carving", args=[request.network.slug])
                return redirect(f"{url}?werkgever={organisation.pk}")
    context = {
        "organisation": organisation,
        "show_choice": organisations is not None,
        "form": form,
        "formset": formset,
        "task_options": selectors.task_options(),
    }
    return TemplateResponse(request, "matching/carving_role_form.html", context, status=status)
