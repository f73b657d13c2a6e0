"""The editors' pages of the signpost: list with what needs checking, add, edit, confirm, remove."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spil.core.forms import add_service_errors
from spil.core.pagination import paginate
from spil.core.permissions import Action, network_view

from . import selectors, services
from .forms import SignpostEntryForm, SignpostManageFilterForm
from .models import SignpostEntry


def _entry(request, pk: int) -> SignpostEntry:
    """An entry of the member's network (also archived ones), else 404."""
    return get_object_or_404(SignpostEntry.objects.select_related("network", "region"), pk=pk, network=request.network)


def _manage_url(request) -> str:
    return reverse("knowledge:manage", args=[request.network.slug])


@require_GET
@network_view(Action.MANAGE_SIGNPOST)
def manage(request):
    form = SignpostManageFilterForm(request.GET or None)
    page = paginate(request, selectors.managed_entries(network=request.network, **form.filters()))
    context = {
        "form": form,
        "page": page,
        "needs_check": selectors.needs_check_count(network=request.network),
        "stale_before": selectors.stale_before(),
        "title": _("Wegwijzer beheren"),
    }
    return TemplateResponse(request, "knowledge/manage.html", context)


def _form_page(request, entry: SignpostEntry | None):
    form = SignpostEntryForm(
        request.POST if request.method == "POST" else None, instance=entry, network=request.network
    )
    if request.method == "POST" and form.is_valid():
        try:
            if entry is None:
                saved = services.signpost_entry_create(
                    network=request.network, entry=form.save(commit=False), user=request.user
                )
            else:
                saved = services.signpost_entry_update(entry=form.save(commit=False), user=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is opgeslagen in de wegwijzer.") % {"name": saved.name})
            return redirect(_manage_url(request))
    title = _("Initiatief toevoegen") if entry is None else _("Initiatief bewerken")
    context = {"form": form, "entry": entry, "title": title, "cancel_url": _manage_url(request)}
    return TemplateResponse(request, "knowledge/entry_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_SIGNPOST)
def entry_create(request):
    return _form_page(request, None)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_SIGNPOST)
def entry_edit(request, pk: int):
    return _form_page(request, _entry(request, pk))


@require_POST
@network_view(Action.MANAGE_SIGNPOST)
def entry_mark_checked(request, pk: int):
    entry = services.signpost_entry_mark_checked(entry=_entry(request, pk), user=request.user)
    messages.success(request, _("%(name)s is gemarkeerd als nog actueel.") % {"name": entry.name})
    next_url = request.POST.get("next", "")
    # Only a path on this site; redirect() would take anything else for a view name to reverse.
    if next_url.startswith("/") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(next_url)
    return redirect(_manage_url(request))


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_SIGNPOST)
def entry_delete(request, pk: int):
    entry = _entry(request, pk)
    if request.method == "POST":
        services.signpost_entry_delete(entry=entry)
        messages.success(request, _("%(name)s is uit de wegwijzer verwijderd.") % {"name": entry.name})
        return redirect(_manage_url(request))
    return TemplateResponse(
        request, "knowledge/entry_delete.html", {"entry": entry, "cancel_url": _manage_url(request)}
    )
