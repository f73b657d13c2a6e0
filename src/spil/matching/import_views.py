"""Pages of imports: the upload page per kind with the downloadable templates, and the job page with its
progress bar (an htmx poll) and, when done, what was created or every error by row and column."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from spil.accounts.models import Role
from spil.core.forms import add_service_errors, offer_organisations
from spil.core.permissions import Action, can_import, network_view, scope_import_jobs
from spil.core.progress import progress_fragment
from spil.partners.models import Organisation, OrganisationKind

from . import import_services as services
from . import templates
from .candidate_selectors import member_organisations
from .candidate_services import PUBLIC_PARTNER_KINDS
from .models import ImportJob, ImportKind

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FILE_NAMES = {"candidates": "spil-kandidaten", "opportunities": "spil-kansen"}


class ImportForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Registreren voor"), queryset=Organisation.objects.none(), required=False
    )
    file = forms.FileField(label=_("Bestand (CSV of XLSX)"))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        offer_organisations(self, organisations)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Kies een CSV- of XLSX-bestand."))
        if upload.size > services.MAX_BYTES:
            raise ValidationError(_("Het bestand is groter dan 20 MB; splits het op."))
        return upload


def _jobs(request):
    return scope_import_jobs(request.membership, ImportJob.objects.all())


def _get_job(request, pk: int) -> ImportJob:
    """The job if the member may see it (404 otherwise, like a candidate you may not see)."""
    job = _jobs(request).select_related("organisation", "user").filter(pk=pk).first()
    if job is None:
        raise Http404
    return job


def _import_page(request, kind: str):
    membership = request.membership
    if not can_import(membership, kind):
        raise PermissionDenied
    organisations, organisation = None, membership.organisation
    if kind == ImportKind.CANDIDATES:
        if membership.role == Role.PUBLIC_ADVISOR:
            if organisation is None or organisation.kind not in PUBLIC_PARTNER_KINDS:
                raise PermissionDenied
        else:
            organisation = None
            organisations = member_organisations(request.network, PUBLIC_PARTNER_KINDS)
    elif membership.role != Role.PUBLIC_ADVISOR:
        organisation = None
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        organisations=organisations,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.import_job_create(
                network=request.network,
                kind=kind,
                user=request.user,
                organisation=form.cleaned_data.get("organisation") or organisation,
                filename=upload.name,
                content=upload.read(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("matching:import_job", request.network.slug, job.pk)
    employers = None
    if kind == ImportKind.OPPORTUNITIES:
        employers = member_organisations(request.network, [OrganisationKind.EMPLOYER])
    return TemplateResponse(
        request,
        "matching/import_page.html",
        {
            "kind": kind,
            "form": form,
            "organisation": organisation if kind == ImportKind.CANDIDATES else None,
            "columns": templates.describe(kind),
            "employers": employers,
            "jobs": list(services.import_jobs_recent(_jobs(request), kind=kind)),
        },
        status=400 if request.method == "POST" else 200,
    )


def _template_file(request, kind: str, fmt: str):
    if not can_import(request.membership, kind):
        raise PermissionDenied
    if fmt not in templates.FORMATS:
        raise Http404
    response = HttpResponse(templates.write_template(kind, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{FILE_NAMES[kind]}.{fmt}"'
    return response


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_CANDIDATES)
def candidate_import(request):
    return _import_page(request, ImportKind.CANDIDATES)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_OPPORTUNITIES)
def opportunity_import(request):
    return _import_page(request, ImportKind.OPPORTUNITIES)


@require_GET
@network_view(Action.MANAGE_CANDIDATES)
def candidate_import_template(request, fmt: str):
    return _template_file(request, ImportKind.CANDIDATES, fmt)


@require_GET
@network_view(Action.MANAGE_OPPORTUNITIES)
def opportunity_import_template(request, fmt: str):
    return _template_file(request, ImportKind.OPPORTUNITIES, fmt)


# Both kinds' importers (coordinator, backoffice, advisors) hold MANAGE_OPPORTUNITIES; scope_import_jobs
# narrows it to the jobs each may see.
@require_GET
@network_view(Action.MANAGE_OPPORTUNITIES)
def import_job(request, pk: int):
    job = _get_job(request, pk)
    return TemplateResponse(request, "matching/import_job.html", {"job": job})


@require_GET
@network_view(Action.MANAGE_OPPORTUNITIES)
def import_progress(request, pk: int):
    job = _get_job(request, pk)
    if request.headers.get("HX-Request"):
        return progress_fragment(request, "matching/import_job.html#progress", {"job": job}, job)
    return JsonResponse(
        {
            "status": job.status,
            "total": job.total,
            "processed": job.processed,
            "percentage": job.percentage,
            "created": job.created_count,
            "errors": len(job.errors),
        }
    )
