"""Downloads of the candidate, opportunity and match lists (CSV or XLSX), with the list's filters applied.

Each view has the same access rule as its list page and reads through the same scope (export_services), so a
download never shows more than the page; it is never cached, so a consent revoked a moment ago is absent from
the next download."""

from django.http import Http404
from django.views.decorators.http import require_GET

from spil.core.downloads import FORMATS, table_response
from spil.core.permissions import Action, network_view

from . import export_services as services
from .list_filters import candidate_filters, match_filters, opportunity_filters


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
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
