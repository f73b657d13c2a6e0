"""Pages of candidates: the scoped list, registration and editing, the profile (full or anonymous), consents,
the access log, inzage and erasure. Every page that shows a candidate's data writes the access log."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spil.accounts.models import Role
from spil.core.forms import add_service_errors
from spil.core.pagination import paginate
from spil.core.permissions import (
    Action,
    can_manage_candidate,
    network_view,
    sees_candidate_contact,
    sees_candidate_identity,
)
from spil.partners.models import OrganisationKind

from . import candidate_selectors as selectors
from . import candidate_services as services
from .access import log_access
from .candidate_forms import CandidateForm, ConsentForm, EraseForm, RegistrationForm, SearchForm, split_tasks
from .models import AccessAction, Consent, Support, TargetGroup, Task

SUGGESTIONS = 15


def _get_candidate(request, pk: int):
    """The candidate if the member may see it at all (404 otherwise: a candidate you may not see does not exist)."""
    candidate = selectors.candidate_for(request.membership, pk)
    if candidate is None:
        raise Http404
    return candidate


def _get_managed(request, pk: int):
    candidate = _get_candidate(request, pk)
    if not can_manage_candidate(request.membership, candidate):
        raise PermissionDenied
    return candidate


def _task_url(request) -> str:
    return reverse("matching:task_suggestions", args=[request.network.slug])


def _public_partners(network):
    return selectors.member_organisations(network, services.PUBLIC_PARTNER_KINDS)


def _employers(network):
    return selectors.member_organisations(network, [OrganisationKind.EMPLOYER])


@require_GET
@network_view(Action.VIEW_CANDIDATES)
def candidate_list(request):
    membership = request.membership
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    page = paginate(request, selectors.candidate_list(membership, q=q))
    identity = sees_candidate_identity(membership)
    # Employers get anonymous profiles: the name never reaches their template.
    rows = list(page) if identity else [selectors.anonymous_profile(c, contact_shared=c.contact_shared) for c in page]
    if rows:
        log_access(
            user=request.user,
            network=request.network,
            candidates=[row.pk for row in rows],
            action=AccessAction.VIEW,
            reason="lijst bekeken" if identity else "anoniem profiel in lijst bekeken",
        )
    return TemplateResponse(
        request,
        "matching/candidate_list.html",
        {"page": page, "rows": rows, "form": form, "identity": identity},
    )


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_CANDIDATES)
def candidate_create(request):
    membership = request.membership
    network = request.network
    if membership.role == Role.PUBLIC_ADVISOR:
        if membership.organisation is None:
            raise PermissionDenied
        organisations, organisation = None, membership.organisation
    else:
        organisations, organisation = _public_partners(network), None
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        network=network,
        organisations=organisations,
        task_url=_task_url(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.candidate_register(
                network=network,
                organisation=organisation or form.cleaned_data["organisation"],
                user=request.user,
                data=form.candidate_data(),
                tasks=form.cleaned_data["tasks"],
                learn_tasks=form.cleaned_data["learn_tasks"],
                consents=form.consents(),
                consent_expires_on=form.cleaned_data["consent_expires_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if selectors.candidate_for(membership, candidate.pk) is None:
                # The coordinator sees a candidate only under a consent to match within the network.
                messages.success(
                    request,
                    _(
                        "De kandidaat is geregistreerd. Zonder toestemming om te matchen ziet alleen de "
                        "registrerende organisatie deze kandidaat."
                    ),
                )
                return redirect("matching:candidates", network.slug)
            messages.success(request, _("De kandidaat is geregistreerd."))
            return redirect("matching:candidate", network.slug, candidate.pk)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "matching/candidate_form.html",
        {"form": form, "organisation": organisation, "creating": True},
        status=status,
    )


@require_GET
@network_view(Action.VIEW_CANDIDATES)
def candidate_detail(request, pk: int):
    membership = request.membership
    candidate = _get_candidate(request, pk)
    if not sees_candidate_identity(membership):
        shared = sees_candidate_contact(membership, candidate)
        log_access(
            user=request.user,
            network=request.network,
            candidates=[candidate],
            action=AccessAction.VIEW,
            reason="profiel met contactgegevens bekeken" if shared else "anoniem profiel bekeken",
        )
        context = {
            "profile": selectors.anonymous_profile(candidate, contact_shared=shared),
            "candidate": candidate if shared else None,
        }
        return TemplateResponse(request, "matching/candidate_profile.html", context)
    log_access(
        user=request.user,
        network=request.network,
        candidates=[candidate],
        action=AccessAction.VIEW,
        reason="profiel bekeken",
    )
    now = timezone.now()
    consents = [(consent, selectors.in_force(consent, now)) for consent in selectors.consent_history(candidate)]
    return TemplateResponse(
        request,
        "matching/candidate_detail.html",
        {
            "candidate": candidate,
            "consents": consents,
            "age_band": selectors.age_band(candidate.birth_date),
            "target_groups": [TargetGroup(v).label for v in candidate.target_groups if v in TargetGroup.values],
            "support_needs": [Support(v).label for v in candidate.support_needs if v in Support.values],
            "can_manage": can_manage_candidate(membership, candidate),
        },
    )


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_CANDIDATES)
def candidate_edit(request, pk: int):
    candidate = _get_managed(request, pk)
    if candidate.anonymised_at is not None:
        messages.error(request, _("Deze kandidaat is geanonimiseerd en kan niet meer worden gewijzigd."))
        return redirect("matching:candidate", request.network.slug, candidate.pk)
    form = CandidateForm(
        request.POST if request.method == "POST" else None, instance=candidate, task_url=_task_url(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_update(
                candidate_id=candidate.pk,
                user=request.user,
                data=form.candidate_data(),
                tasks=form.cleaned_data["tasks"],
                learn_tasks=form.cleaned_data["learn_tasks"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect("matching:candidate", request.network.slug, candidate.pk)
    else:
        # Showing the form shows the data.
        log_access(
            user=request.user,
            network=request.network,
            candidates=[candidate],
            action=AccessAction.VIEW,
            reason="bewerken geopend",
        )
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, "matching/candidate_form.html", {"form": form, "candidate": candidate}, status=status
    )


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_CANDIDATES)
def consent_create(request, pk: int):
    candidate = _get_managed(request, pk)
    network = request.network
    form = ConsentForm(
        request.POST if request.method == "POST" else None, network=network, employers=_employers(network)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(
                candidate_id=candidate.pk,
                purpose=form.cleaned_data["purpose"],
                employer=form.cleaned_data["employer"],
                expires_on=form.cleaned_data["expires_on"],
                user=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De toestemming is vastgelegd."))
            if selectors.candidate_for(request.membership, candidate.pk) is None:
                return redirect("matching:candidates", network.slug)
            return redirect("matching:candidate", network.slug, candidate.pk)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "matching/candidate_consent_form.html",
        {"form": form, "candidate": candidate},
        status=status,
    )


@require_POST
@network_view(Action.MANAGE_CANDIDATES)
def consent_revoke(request, pk: int, consent_pk: int):
    candidate = _get_managed(request, pk)
    consent = Consent.objects.filter(pk=consent_pk, candidate=candidate).first()
    if consent is None:
        raise Http404
    if services.consent_revoke(consent_id=consent.pk, user=request.user):
        messages.success(request, _("De toestemming is ingetrokken. Dat geldt meteen, overal in Spil."))
    else:
        messages.info(request, _("Deze toestemming was al ingetrokken."))
    if selectors.candidate_for(request.membership, candidate.pk) is None:
        # Revoking the coordinator's own basis for seeing the candidate: the page is gone at once.
        return redirect("matching:candidates", request.network.slug)
    return redirect("matching:candidate", request.network.slug, candidate.pk)


@require_GET
@network_view(Action.VIEW_CANDIDATE_LOG)
def candidate_log(request, pk: int):
    candidate = _get_managed(request, pk)
    page = paginate(request, selectors.access_log(candidate), per_page=50)
    return TemplateResponse(request, "matching/candidate_log.html", {"candidate": candidate, "page": page})


@require_GET
@network_view(Action.MANAGE_CANDIDATES)
def candidate_export(request, pk: int):
    candidate = _get_managed(request, pk)
    data = services.candidate_export(candidate_id=candidate.pk, user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="inzage-kandidaat-{candidate.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_CANDIDATES)
def candidate_erase(request, pk: int):
    candidate = _get_managed(request, pk)
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reference = services.candidate_erase(candidate_id=candidate.pk, user=request.user)
        messages.success(
            request,
            _("Kandidaat %(number)s is gewist. In het toegangslogboek blijft alleen het nummer staan.")
            % {"number": reference},
        )
        return redirect("matching:candidates", request.network.slug)
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request, "matching/candidate_erase.html", {"candidate": candidate, "form": form}, status=status
    )


@require_GET
@network_view(Action.SUGGEST_TASKS)
def task_suggestions(request):
    """Suggestions for a comma-separated task field: each option repeats what was typed before the last comma,
    so picking one completes the field instead of replacing it."""
    typed = next((value for value in request.GET.values() if value.strip()), "")[:4000].replace("\x00", "")
    head, _comma, last = typed.rpartition(",")
    last = " ".join(last.split())
    options = []
    if len(last) >= 2:
        chosen = {name.lower() for name in split_tasks(head)}
        prefix = ", ".join(split_tasks(head))
        tasks = Task.objects.filter(key__contains=last.lower()).exclude(key__in=chosen).only("name")
        for task in tasks[:SUGGESTIONS]:
            options.append((f"{prefix}, {task.name}" if prefix else task.name, task.name))
    return TemplateResponse(request, "activities/suggestions.html", {"options": options})
