"""Pages without login: the signpost (wegwijzer) of a network, searchable by anyone."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from spil.core.pagination import paginate
from spil.core.permissions import public_view
from spil.networks.models import Network

from . import selectors
from .forms import SignpostFilterForm


@require_GET
@public_view
def signpost(request, network: str):
    network = get_object_or_404(Network, slug=network)
    form = SignpostFilterForm(request.GET or None, regions=selectors.public_regions(network))
    page = paginate(request, selectors.public_entries(network=network, **form.filters()))
    partial = request.htmx and not request.htmx.history_restore_request
    template = "knowledge/signpost.html#results" if partial else "knowledge/signpost.html"
    context = {"network": network, "form": form, "page": page, "stale_before": selectors.stale_before()}
    response = TemplateResponse(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_GET
@public_view
def signpost_detail(request, network: str, pk: int):
    network = get_object_or_404(Network, slug=network)
    entry = selectors.public_entry(network=network, pk=pk)
    if entry is None:
        raise Http404
    context = {"network": network, "entry": entry, "stale_before": selectors.stale_before()}
    return TemplateResponse(request, "knowledge/signpost_detail.html", context)
