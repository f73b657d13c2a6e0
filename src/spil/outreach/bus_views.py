"""Bus tours: stops per business park with advisers, appointments with employers, follow-up afterwards."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from spil.accounts.models import User
from spil.core.forms import add_service_errors
from spil.core.pagination import paginate
from spil.core.permissions import Action, allows, network_view

from . import selectors, services
from .forms import AppointmentForm, BusStopForm, BusTourForm
from .models import BusStop, BusTour
from .pressure import recent_contacts


def _tour(request, pk: int) -> BusTour:
    return get_object_or_404(BusTour.objects.select_related("campaign"), pk=pk, network=request.network)


@require_GET
@network_view(Action.VIEW_OUTREACH)
def tour_list(request):
    page = paginate(request, selectors.bus_tours(request.network))
    return TemplateResponse(request, "outreach/tour_list.html", {"page": page})


@require_GET
@network_view(Action.VIEW_OUTREACH)
def tour_detail(request, pk: int):
    tour = _tour(request, pk)
    advisers = Prefetch("advisers", queryset=User.objects.order_by("first_name", "last_name"))
    stops = list(tour.stops.prefetch_related(advisers))
    appointments = list(selectors.appointments(tour))
    pressure = recent_contacts(network=request.network, organisation_ids=[a.organisation_id for a in appointments])
    by_stop = {stop.pk: [] for stop in stops}
    for appointment in appointments:
        appointment.pressure = pressure[appointment.organisation_id]
        by_stop[appointment.stop_id].append(appointment)
    for stop in stops:
        stop.appointment_list = by_stop[stop.pk]
    context = {"tour": tour, "stops": stops, "manage": allows(request.membership, Action.MANAGE_OUTREACH)}
    return TemplateResponse(request, "outreach/tour_detail.html", context)


def _tour_form_page(request, tour: BusTour | None):
    form = BusTourForm(request.POST or None, instance=tour, network=request.network)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.network = request.network
        try:
            services.bus_tour_save(tour=saved)
        except ValidationError as error:
            saved.pk = tour.pk if tour else None
            add_service_errors(form, error)
        else:
            messages.success(request, _("De bustour %(name)s is opgeslagen.") % {"name": saved.name})
            return redirect("outreach:tour", request.network.slug, saved.pk)
    return TemplateResponse(request, "outreach/tour_form.html", {"form": form, "tour": tour})


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_OUTREACH)
def tour_create(request):
    return _tour_form_page(request, None)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_OUTREACH)
def tour_edit(request, pk: int):
    return _tour_form_page(request, _tour(request, pk))


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_OUTREACH)
def stop_create(request, pk: int):
    tour = _tour(request, pk)
    form = BusStopForm(request.POST or None, network=request.network)
    if request.method == "POST" and form.is_valid():
        stop = form.save(commit=False)
        stop.tour = tour
        try:
            services.bus_stop_save(stop=stop, advisers=form.cleaned_data["advisers"])
        except ValidationError as error:
            stop.pk = None
            add_service_errors(form, error)
        else:
            messages.success(request, _("De halte %(name)s is toegevoegd.") % {"name": stop.business_park})
            return redirect("outreach:tour", request.network.slug, tour.pk)
    return TemplateResponse(request, "outreach/stop_form.html", {"form": form, "tour": tour})


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_OUTREACH)
def appointment_create(request, pk: int):
    stop = get_object_or_404(BusStop.objects.select_related("tour"), pk=pk, tour__network=request.network)
    form = AppointmentForm(request.POST or None, network=request.network, stop=stop, initial={"at": stop.starts_at})
    if request.method == "POST" and form.is_valid():
        appointment = form.save(commit=False)
        appointment.stop = stop
        try:
            services.appointment_create(appointment=appointment)
        except ValidationError as error:
            appointment.pk = None
            add_service_errors(form, error)
        else:
            messages.success(request, _("De afspraak met %(name)s is gepland.") % {"name": appointment.organisation})
            return redirect("outreach:tour", request.network.slug, stop.tour_id)
    return TemplateResponse(request, "outreach/appointment_form.html", {"form": form, "stop": stop})
