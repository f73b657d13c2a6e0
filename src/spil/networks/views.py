from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spil.core.forms import add_service_errors
from spil.core.permissions import Action, network_view

from . import services
from .forms import BodyForm, CooperationForm, NetworkForm, SeatForm, StakeholderForm
from .models import Body, Seat


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_NETWORK)
def network_edit(request):
    form = NetworkForm(request.POST or None, instance=request.network)
    if request.method == "POST" and form.is_valid():
        services.network_update(network=form.save(commit=False), regions=form.cleaned_data["regions"])
        messages.success(request, _("De netwerkgegevens zijn opgeslagen."))
        return redirect(request.network)
    return TemplateResponse(request, "networks/network_form.html", {"form": form})


@require_GET
@network_view(Action.VIEW_BODIES)
def body_list(request):
    bodies = Body.objects.filter(network=request.network).prefetch_related(
        Prefetch("seats", queryset=Seat.objects.select_related("user"))
    )
    return TemplateResponse(request, "networks/body_list.html", {"bodies": bodies})


def _get_body(request, pk: int) -> Body:
    return get_object_or_404(Body, pk=pk, network=request.network)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_BODIES)
def body_edit(request, pk: int):
    body = _get_body(request, pk)
    form = BodyForm(request.POST or None, instance=body)
    seat_form = SeatForm(request.POST or None, body=body, prefix="seat")
    if request.method == "POST":
        if "add_seat" in request.POST:
            if seat_form.is_valid():
                seat = seat_form.save(commit=False)
                seat.body = body
                try:
                    services.seat_add(seat=seat)
                except ValidationError as error:
                    add_service_errors(seat_form, error)
                else:
                    messages.success(request, _("De zetel is toegevoegd."))
                    return redirect("networks:body_edit", request.network.slug, body.pk)
            form = BodyForm(instance=body)
        else:
            seat_form = SeatForm(body=body, prefix="seat")
            if form.is_valid():
                services.body_update(body=form.save(commit=False))
                messages.success(request, _("Het orgaan is opgeslagen."))
                return redirect("networks:bodies", request.network.slug)
    seats = body.seats.select_related("user")
    return TemplateResponse(
        request, "networks/body_edit.html", {"body": body, "form": form, "seat_form": seat_form, "seats": seats}
    )


@require_POST
@network_view(Action.MANAGE_BODIES)
def seat_remove(request, pk: int):
    seat = get_object_or_404(Seat.objects.select_related("body"), pk=pk, body__network=request.network)
    services.seat_remove(seat=seat)
    messages.success(request, _("De zetel is verwijderd."))
    return redirect("networks:body_edit", request.network.slug, seat.body_id)


def _stakeholder_page(request, *, stakeholder_form=None, cooperation_form=None, status: int = 200):
    network = request.network
    context = {
        "stakeholders": network.stakeholders.all(),
        "cooperations": network.cooperations.all(),
        "stakeholder_form": stakeholder_form or StakeholderForm(prefix="s"),
        "cooperation_form": cooperation_form or CooperationForm(prefix="c"),
    }
    return TemplateResponse(request, "networks/stakeholder_list.html", context, status=status)


def _add_to_network(request, form, save, message: str):
    """Save a new row of the network's stakeholder page, or show the form again with its messages."""
    if form.is_valid():
        row = form.save(commit=False)
        row.network = request.network
        try:
            save(row)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, message)
            return redirect("networks:stakeholders", request.network.slug)
    return None


@require_GET
@network_view(Action.VIEW_STAKEHOLDERS)
def stakeholder_list(request):
    return _stakeholder_page(request)


@require_POST
@network_view(Action.MANAGE_STAKEHOLDERS)
def stakeholder_create(request):
    form = StakeholderForm(request.POST, prefix="s")
    saved = _add_to_network(
        request, form, lambda row: services.stakeholder_save(stakeholder=row), _("De stakeholder is toegevoegd.")
    )
    return saved or _stakeholder_page(request, stakeholder_form=form, status=400)


@require_POST
@network_view(Action.MANAGE_STAKEHOLDERS)
def cooperation_create(request):
    form = CooperationForm(request.POST, prefix="c")
    saved = _add_to_network(
        request, form, lambda row: services.cooperation_save(cooperation=row), _("De samenwerking is vastgelegd.")
    )
    return saved or _stakeholder_page(request, cooperation_form=form, status=400)
