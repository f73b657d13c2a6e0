from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spil.core.forms import add_service_errors, as_key
from spil.core.pagination import paginate
from spil.core.permissions import (
    SEES_ALL_PARTNERS,
    Action,
    allowed_actions,
    can_decide,
    can_manage_partnership_ambitions,
    network_view,
    scope_partnerships,
)

from . import selectors, services
from .forms import (
    AmbitionForm,
    ApplicationForm,
    ContactForm,
    ContributionForm,
    DecisionForm,
    OpinionForm,
    OptionalContactForm,
    OrganisationForm,
    PartnerFilterForm,
    PartnershipEditForm,
    PartnershipForm,
    ResultForm,
    YearContributionForm,
)
from .models import Ambition, Contribution, Partnership, Result, Status

AMBITION_PAGE_SIZE = 20


def _get_partnership(request, pk: int) -> Partnership:
    """The partnership if the member may see it, else 404."""
    queryset = scope_partnerships(
        request.membership, Partnership.objects.select_related("organisation", "main_contact")
    )
    return get_object_or_404(queryset, pk=pk)


@require_GET
@network_view(Action.VIEW_PARTNERS)
def partner_list(request):
    form = PartnerFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = paginate(
        request,
        selectors.partner_list(
            membership=request.membership,
            q=filters.get("q", ""),
            status=filters.get("status", ""),
            stage=filters.get("stage", ""),
            ambition=filters.get("ambition", ""),
        ),
    )
    partial = request.htmx and not request.htmx.history_restore_request
    template = "partners/partner_list.html#results" if partial else "partners/partner_list.html"
    response = TemplateResponse(request, template, {"form": form, "page": page})
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_PARTNERS)
def partner_create(request):
    org_form = OrganisationForm(request.POST or None, prefix="org")
    contact_form = OptionalContactForm(request.POST or None, prefix="contact")
    partnership_form = PartnershipForm(request.POST or None, prefix="p")
    if request.method == "POST" and all(f.is_valid() for f in (org_form, contact_form, partnership_form)):
        contact = contact_form.save(commit=False) if contact_form.has_contact() else None
        try:
            partnership = services.partnership_create(
                network=request.network,
                organisation=org_form.save(commit=False),
                contact=contact,
                partnership=partnership_form.save(commit=False),
            )
        except ValidationError as error:
            add_service_errors(org_form, error)
        else:
            messages.success(
                request, _("%(name)s is toegevoegd als partner.") % {"name": partnership.organisation.name}
            )
            return redirect(partnership)
    return TemplateResponse(
        request,
        "partners/partner_form.html",
        {"org_form": org_form, "contact_form": contact_form, "partnership_form": partnership_form},
    )


@require_GET
@network_view(Action.VIEW_PARTNERS)
def partner_detail(request, pk: int):
    partnership = _get_partnership(request, pk)
    can = allowed_actions(request.membership)
    ambitions = list(partnership.ambitions.prefetch_related("results"))
    context = {
        "partnership": partnership,
        "contacts": partnership.organisation.contacts.all(),
        "ambitions": ambitions,
        "totals": selectors.ambition_totals(network=request.network, partnership=partnership),
        "can_manage_ambitions": can_manage_partnership_ambitions(request.membership, partnership),
        "contributions": partnership.contributions.all() if Action.VIEW_CONTRIBUTIONS in can else None,
        "opinions": selectors.admission_opinions(partnership) if Action.VIEW_ADMISSIONS in can else None,
        "decision": getattr(partnership, "decision", None) if Action.VIEW_ADMISSIONS in can else None,
    }
    return TemplateResponse(request, "partners/partner_detail.html", context)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_PARTNERS)
def partner_edit(request, pk: int):
    partnership = _get_partnership(request, pk)
    previous_status = partnership.status
    org_form = OrganisationForm(request.POST or None, instance=partnership.organisation, prefix="org")
    form = PartnershipEditForm(request.POST or None, instance=partnership, prefix="p")
    if request.method == "POST" and org_form.is_valid() and form.is_valid():
        try:
            services.partnership_update(
                partnership=form.save(commit=False),
                organisation=org_form.save(commit=False),
                previous_status=previous_status,
            )
        except ValidationError as error:
            # The KvK number belongs to the organisation form, the status to the partnership form.
            add_service_errors(org_form if "kvk_number" in error.message_dict else form, error)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect(partnership)
    return TemplateResponse(
        request, "partners/partner_edit.html", {"partnership": partnership, "org_form": org_form, "form": form}
    )


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_PARTNERS)
def contact_create(request, pk: int):
    partnership = _get_partnership(request, pk)
    form = ContactForm(request.POST or None)
    form.fields["name"].required = True
    if request.method == "POST" and form.is_valid():
        services.contact_create(
            partnership=partnership, contact=form.save(commit=False), make_main=bool(request.POST.get("make_main"))
        )
        messages.success(request, _("De contactpersoon is toegevoegd."))
        return redirect(partnership)
    return TemplateResponse(request, "partners/contact_form.html", {"partnership": partnership, "form": form})


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_AMBITIONS)
def ambition_create(request, pk: int):
    partnership = _get_partnership(request, pk)
    if not can_manage_partnership_ambitions(request.membership, partnership):
        raise PermissionDenied
    form = AmbitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.ambition_create(partnership=partnership, ambition=form.save(commit=False))
        messages.success(request, _("De ambitie is vastgelegd."))
        return redirect(partnership)
    return TemplateResponse(request, "partners/ambition_form.html", {"partnership": partnership, "form": form})


def _get_managed_ambition(request, pk: int) -> Ambition:
    """An ambition of this network whose figures the member may change, else 404 or 403."""
    ambition = get_object_or_404(
        Ambition.objects.select_related("partnership__organisation"), pk=pk, partnership__network=request.network
    )
    if not can_manage_partnership_ambitions(request.membership, ambition.partnership):
        raise PermissionDenied
    return ambition


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_AMBITIONS)
def result_create(request, pk: int):
    ambition = _get_managed_ambition(request, pk)
    partnership = ambition.partnership
    form = ResultForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.result_create(ambition=ambition, result=form.save(commit=False))
        messages.success(request, _("Het resultaat is geregistreerd."))
        return redirect(partnership)
    return TemplateResponse(
        request, "partners/result_form.html", {"partnership": partnership, "ambition": ambition, "form": form}
    )


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_AMBITIONS)
def ambition_delete(request, pk: int):
    ambition = _get_managed_ambition(request, pk)
    if request.method == "POST":
        services.ambition_delete(ambition=ambition)
        messages.success(request, _("De ambitie en haar resultaten zijn verwijderd."))
        return redirect(ambition.partnership)
    return TemplateResponse(
        request,
        "partners/confirm_delete.html",
        {"partnership": ambition.partnership, "what": ambition, "results": ambition.results.count()},
    )


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_AMBITIONS)
def result_delete(request, pk: int):
    result = get_object_or_404(
        Result.objects.select_related("ambition__partnership__organisation"),
        pk=pk,
        ambition__partnership__network=request.network,
    )
    partnership = result.ambition.partnership
    if not can_manage_partnership_ambitions(request.membership, partnership):
        raise PermissionDenied
    if request.method == "POST":
        services.result_delete(result=result)
        messages.success(request, _("Het resultaat is verwijderd."))
        return redirect(partnership)
    return TemplateResponse(request, "partners/confirm_delete.html", {"partnership": partnership, "what": result})


@require_GET
@network_view(Action.VIEW_AMBITIONS)
def ambition_overview(request):
    network = request.network
    sees_all_partners = request.membership.role in SEES_ALL_PARTNERS
    context = {
        "totals": selectors.ambition_totals(network=network),
        # Each partner takes several lines here, so a page holds fewer partners than a plain list.
        "page": paginate(
            request,
            selectors.partners_with_ambitions(network, membership=request.membership),
            per_page=AMBITION_PAGE_SIZE,
        ),
        "gaps": selectors.registration_gaps(network) if sees_all_partners else None,
        "sees_all_partners": sees_all_partners,
    }
    return TemplateResponse(request, "partners/ambition_overview.html", context)


@require_GET
@network_view(Action.VIEW_CONTRIBUTIONS)
def contribution_list(request):
    """One year's contributions at a time (the latest by default), all or only the unpaid ones."""
    unpaid_only = request.GET.get("unpaid") == "1"
    years = selectors.contribution_years(request.network)
    chosen = request.GET.get("jaar", "")
    year = as_key(chosen)
    if chosen == "alle":
        year = None
    elif year not in years:
        year = years[0] if years else None
    page = paginate(request, selectors.contributions(request.network, unpaid_only=unpaid_only, year=year))
    context = {"page": page, "unpaid_only": unpaid_only, "years": years, "year": year}
    return TemplateResponse(request, "partners/contribution_list.html", context)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_CONTRIBUTIONS)
def contribution_create(request, pk: int):
    partnership = _get_partnership(request, pk)
    form = ContributionForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        contribution = form.save(commit=False)
        contribution.partnership = partnership
        try:
            services.contribution_save(contribution=contribution)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De contributie is geregistreerd."))
            return redirect(partnership)
    return TemplateResponse(request, "partners/contribution_form.html", {"form": form, "partnership": partnership})


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_CONTRIBUTIONS)
def contribution_year(request):
    form = YearContributionForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        count = services.contributions_create_for_year(network=request.network, **form.cleaned_data)
        messages.success(
            request,
            ngettext(
                "Voor %(count)d partner is de contributie vastgelegd.",
                "Voor %(count)d partners is de contributie vastgelegd.",
                count,
            )
            % {"count": count},
        )
        return redirect("partners:contributions", request.network.slug)
    return TemplateResponse(request, "partners/contribution_year_form.html", {"form": form})


@require_POST
@network_view(Action.MANAGE_CONTRIBUTIONS)
def contribution_pay(request, pk: int):
    contribution = get_object_or_404(
        Contribution.objects.select_related("partnership__organisation"), pk=pk, partnership__network=request.network
    )
    newly_paid = services.contribution_mark_paid(contribution=contribution)
    if request.htmx:
        return TemplateResponse(
            request, "partners/contribution_list.html#row", {"contribution": contribution, "just_paid": True}
        )
    if newly_paid:
        messages.success(request, _("De betaling is geregistreerd."))
    else:
        messages.info(request, _("Deze contributie was al betaald; de eerdere betaaldatum blijft staan."))
    return redirect("partners:contributions", request.network.slug)


@require_GET
@network_view(Action.VIEW_ADMISSIONS)
def admission_list(request):
    context = {
        "open": paginate(request, selectors.open_admissions(request.network), param="open"),
        "decided": paginate(request, selectors.decided_admissions(request.network), param="decided"),
    }
    return TemplateResponse(request, "partners/admission_list.html", context)


@require_http_methods(["GET", "POST"])
@network_view(Action.ENTER_APPLICATION)
def admission_create(request):
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partnership = services.application_submit(
                network=request.network, data=form.cleaned_data, source="coordinator"
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De aanmelding staat klaar voor de kerngroep."))
            return redirect("partners:admission", request.network.slug, partnership.pk)
    return TemplateResponse(request, "partners/admission_form.html", {"form": form})


def _get_application(request, pk: int) -> Partnership:
    return get_object_or_404(
        Partnership.objects.select_related("organisation", "main_contact"),
        pk=pk,
        network=request.network,
        applied_at__isnull=False,
    )


def _admission_context(request, partnership, opinion_form=None, decision_form=None):
    is_open = partnership.status == Status.APPLICANT
    own = None
    if request.membership.role == "core_group":
        own = selectors.own_opinion(partnership, request.user)
    return {
        "partnership": partnership,
        "opinions": selectors.admission_opinions(partnership),
        "decision": getattr(partnership, "decision", None),
        "is_open": is_open,
        "opinion_form": opinion_form or OpinionForm(instance=own),
        "decision_form": decision_form or DecisionForm(),
        "may_opine": is_open and request.membership.role == "core_group",
        "may_decide": is_open and can_decide(request.membership),
    }


@require_GET
@network_view(Action.VIEW_ADMISSIONS)
def admission_detail(request, pk: int):
    partnership = _get_application(request, pk)
    return TemplateResponse(request, "partners/admission_detail.html", _admission_context(request, partnership))


@require_POST
@network_view(Action.GIVE_OPINION)
def admission_opinion(request, pk: int):
    partnership = _get_application(request, pk)
    form = OpinionForm(request.POST)
    if form.is_valid():
        try:
            services.opinion_give(
                partnership=partnership,
                author=request.user,
                opinion=form.cleaned_data["opinion"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Uw advies is vastgelegd."))
            return redirect("partners:admission", request.network.slug, partnership.pk)
    context = _admission_context(request, partnership, opinion_form=form)
    return TemplateResponse(request, "partners/admission_detail.html", context, status=400)


@require_POST
@network_view(Action.DECIDE_ADMISSION)
def admission_decide(request, pk: int):
    partnership = _get_application(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            services.admission_decide(
                partnership_id=partnership.pk,
                membership=request.membership,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het besluit is vastgelegd en de aanmelder is gemaild."))
            return redirect("partners:admission", request.network.slug, partnership.pk)
    context = _admission_context(request, partnership, decision_form=form)
    return TemplateResponse(request, "partners/admission_detail.html", context, status=400)
