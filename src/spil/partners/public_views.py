"""Pages without login: the public application form of a network."""

from allauth.core import ratelimit
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from spil.core.forms import add_service_errors
from spil.core.permissions import public_view
from spil.networks.models import Network

from . import services
from .forms import ApplicationForm


@require_http_methods(["GET", "POST"])
@public_view
def apply(request, network: str):
    network = get_object_or_404(Network, slug=network)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.consume(request, action="spil_public_form"):
            return TemplateResponse(
                request, "partners/apply.html", {"network": network, "form": form, "limited": True}, status=429
            )
        if form.is_spam():
            # Bots get the same answer as people, but nothing is stored.
            return redirect("partners_public:apply_thanks", network.slug)
        if form.is_valid():
            try:
                services.application_submit(network=network, data=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("partners_public:apply_thanks", network.slug)
    return TemplateResponse(request, "partners/apply.html", {"network": network, "form": form})


@require_GET
@public_view
def apply_thanks(request, network: str):
    network = get_object_or_404(Network, slug=network)
    return TemplateResponse(
        request,
        "partners/apply_thanks.html",
        {"network": network, "title": _("Bedankt voor uw aanmelding")},
    )
