"""Downloads of the candidate, opportunity and match lists, with the list's filters applied: CSV streamed at
once, XLSX built in the background as an export job (a page with a progress bar, then the file).

Each view has the same access rule as its list page and reads through the same scope (export_services), so a
download never shows more than the page; it is never cached, so a consent revoked a moment ago is absent from
the next download. An export job's file is for its requester only, for a limited time."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET, require_POST

from spil.core.downloads import file_response, table_response
from spil.core.permissions import Action, allows, network_view, scope_export_jobs
from spil.core.progress import progress_fragment

from . import export_job_services as job_services
from . import export_services as services
from .list_filters import candidate_filters, match_filters, opportunity_filters
from .models import ExportJob, ExportKind


def _format(fmt: str) -> str:
    # An XLSX file of a big list takes seconds to write: it is an export job (export_create), never made here.
    if fmt != "csv":
        raise Http404
    return fmt


@require_GET
@network_view(Action.VIEW_CANDIDATES)
def candidate_list_export(request, fmt: str):
    fmt = _format(fmt)
    table = services.candidates_export(
        membership=request.membership, user=request.user, fmt=fmt, **candidate_filters(request.GET)
    )
    return table_response(table, fmt)


@require_GET
@network_view(Action.VIEW_OPPORTUNITIES)
def opportunity_list_export(request, fmt: str):
    fmt = _format(fmt)
    table = services.opportunities_export(membership=request.membership, **opportunity_filters(request.GET))
    return table_response(table, fmt)


@require_GET
@network_view(Action.VIEW_MATCHES)
def match_list_export(request, fmt: str):
    fmt = _format(fmt)
    table = services.matches_export(
        membership=request.membership, user=request.user, fmt=fmt, **match_filters(request.GET)
    )
    return table_response(table, fmt)


# XLSX: built in the background as an export job (export_job_services); a big list takes seconds to write.

FILTERS = {
    ExportKind.CANDIDATES: candidate_filters,
    ExportKind.OPPORTUNITIES: opportunity_filters,
    ExportKind.MATCHES: match_filters,
}
LIST_PAGES = {
    ExportKind.CANDIDATES: "matching:candidates",
    ExportKind.OPPORTUNITIES: "matching:opportunities",
    ExportKind.MATCHES: "matching:matches",
}


def _get_job(request, pk: int, *, with_file: bool = False) -> ExportJob:
    """The member's own export job (404 for anyone else's, as for a candidate you may not see); the file only
    when it is to be sent."""
    jobs = scope_export_jobs(request.membership, ExportJob.objects.all())
    job = (jobs if with_file else jobs.defer("content")).filter(pk=pk).first()
    if job is None or not allows(request.membership, job_services.ACTIONS[job.kind]):
        raise Http404
    return job


# VIEW_OPPORTUNITIES is held by every role that may export a list (those with VIEW_CANDIDATES or VIEW_MATCHES
# too); each kind's own action is checked below, and scope_export_jobs narrows jobs to their requester.
@require_POST
@network_view(Action.VIEW_OPPORTUNITIES)
def export_create(request, kind: str, fmt: str):
    """Queue an XLSX export of a list, with the list's filters (the query string of the form's action)."""
    if kind not in ExportKind.values or fmt != job_services.FORMAT:
        raise Http404
    if not allows(request.membership, job_services.ACTIONS[kind]):
        raise PermissionDenied
    job = job_services.export_job_create(
        membership=request.membership,
        kind=kind,
        filters=FILTERS[kind](request.GET),
        language=translation.get_language() or "",
    )
    return redirect("matching:export_job", request.network.slug, job.pk)


@require_GET
@network_view(Action.VIEW_OPPORTUNITIES)
def export_job(request, pk: int):
    job = _get_job(request, pk)
    context = {"job": job, "list_url": LIST_PAGES[job.kind], "keep_minutes": settings.SPIL_EXPORT_KEEP_MINUTES}
    return TemplateResponse(request, "matching/export_job.html", context)


@require_GET
@network_view(Action.VIEW_OPPORTUNITIES)
def export_progress(request, pk: int):
    job = _get_job(request, pk)
    if request.headers.get("HX-Request"):
        return progress_fragment(request, "matching/export_job.html#progress", {"job": job}, job)
    return JsonResponse(
        {"status": job.status, "total": job.total, "processed": job.processed, "percentage": job.percentage}
    )


@require_GET
@network_view(Action.VIEW_OPPORTUNITIES)
def export_download(request, pk: int):
    """The file, for its requester only and only until its time is over (then the sweep empties it)."""
    job = _get_job(request, pk, with_file=True)
    content = bytes(job.content or b"")
    if not job.available or not content:
        raise Http404
    ExportJob.objects.filter(pk=job.pk).update(downloaded_at=timezone.now())
    return file_response(content, job.filename, job_services.FORMAT)
