from datetime import timedelta

from allauth.core import ratelimit
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spil.accounts.models import Membership
from spil.core.forms import add_service_errors
from spil.core.pagination import paginate
from spil.core.permissions import (
    Action,
    can_confirm_request,
    is_desk_staff,
    network_view,
    public_view,
    scope_desk_requests,
)
from spil.networks.models import Network

from . import selectors, services
from .forms import (
    CloseForm,
    ConfirmForm,
    FilterForm,
    IntakeForm,
    ReferForm,
    ReportPeriodForm,
    RequestForm,
    RosterForm,
)
from .models import Request, RequestStatus, Source

ROSTER_DAYS = 20


# Public pages


@require_http_methods(["GET", "POST"])
@public_view
def request_public(request, network: str):
    network = get_object_or_404(Network, slug=network)
    form = RequestForm(request.POST or None)
    context = {"network": network, "form": form}
    if request.method == "POST":
        if not ratelimit.consume(request, action="spil_public_form"):
            return TemplateResponse(request, "desk/request_public.html", {**context, "limited": True}, status=429)
        if form.is_spam():
            return redirect("desk_public:thanks", network.slug)
        if form.is_valid():
            services.request_submit(network=network, data=form.cleaned_data)
            return redirect("desk_public:thanks", network.slug)
    return TemplateResponse(request, "desk/request_public.html", context)


@require_GET
@public_view
def request_thanks(request, network: str):
    network = get_object_or_404(Network, slug=network)
    return TemplateResponse(request, "desk/request_thanks.html", {"network": network})


@require_GET
@public_view
def request_status(request, token: str):
    """What the employer sees through the link in every email: the steps so far, no internal notes."""
    desk_request = get_object_or_404(Request.objects.select_related("network", "referred_to"), token=token)
    return TemplateResponse(
        request,
        "desk/request_status.html",
        {"desk_request": desk_request, "events": desk_request.events.order_by("at", "pk")},
    )


# Pages in Spil


def _get_request(request, pk: int) -> Request:
    queryset = scope_desk_requests(request.membership, Request.objects.all())
    return get_object_or_404(
        queryset.select_related(
            "network", "region", "organisation", "referred_to", "handler", "on_duty", "confirmed_by"
        ),
        pk=pk,
    )


@require_GET
@network_view(Action.VIEW_DESK)
def request_list(request):
    form = FilterForm(request.GET or None)
    status = flag = ""
    if form.is_valid():
        status, flag = form.cleaned_data["status"], form.cleaned_data["flag"]
    queryset = scope_desk_requests(request.membership, Request.objects.all())
    now = timezone.now()
    page = paginate(request, selectors.request_list(queryset, status=status, flag=flag, now=now))
    rows = [(item, selectors.deadline_flag(item, now)) for item in page]
    return TemplateResponse(
        request,
        "desk/request_list.html",
        {"page": page, "rows": rows, "form": form, "is_staff": is_desk_staff(request.membership)},
    )


@require_http_methods(["GET", "POST"])
@network_view(Action.SUBMIT_DESK_REQUEST)
def request_create(request):
    """A partner asks a question from inside Spil; the office can enter one received by phone."""
    membership = request.membership
    partner = membership.organisation if membership.role == "partner_contact" else None
    initial = {"contact_name": request.user.get_full_name(), "email": request.user.email}
    if partner is not None:
        initial["postcode"] = partner.postcode
    form = RequestForm(request.POST or None, partner=partner, initial=initial)
    if request.method == "POST" and form.is_valid():
        desk_request = services.request_submit(
            network=request.network,
            data=form.cleaned_data,
            source=Source.PARTNER if partner else Source.DESK,
            user=request.user,
            organisation=partner,
        )
        messages.success(request, _("De vraag is ontvangen. Een eerste antwoord volgt binnen één werkdag."))
        return redirect("desk:detail", request.network.slug, desk_request.pk)
    return TemplateResponse(request, "desk/request_form.html", {"form": form, "partner": partner})


def _detail(request, desk_request: Request, status: int = 200, **forms) -> TemplateResponse:
    membership = request.membership
    network = request.network
    staff = is_desk_staff(membership)
    is_open = desk_request.status != RequestStatus.CLOSED
    context = {
        "desk_request": desk_request,
        "events": desk_request.events.select_related("actor").order_by("at", "pk"),
        "flag": selectors.deadline_flag(desk_request, timezone.now()),
        "can_handle": staff and is_open,
        "can_confirm": can_confirm_request(membership, desk_request) and desk_request.status == RequestStatus.REFERRED,
    }
    if context["can_handle"]:
        context["intake_form"] = forms.get("intake_form") or IntakeForm(
            network=network,
            initial={
                "question_behind": desk_request.question_behind,
                "region": desk_request.region_id,
                "organisation": desk_request.organisation,
            },
        )
        suggestion = desk_request.referred_to or selectors.wsp_of_region(network, desk_request.region)
        context["refer_form"] = forms.get("refer_form") or ReferForm(
            network=network, initial={"organisation": suggestion.pk if suggestion else None}
        )
        context["close_form"] = forms.get("close_form") or CloseForm()
    if context["can_confirm"]:
        context["confirm_form"] = forms.get("confirm_form") or ConfirmForm()
    return TemplateResponse(request, "desk/request_detail.html", context, status=status)


@require_GET
@network_view(Action.VIEW_DESK)
def request_detail(request, pk: int):
    return _detail(request, _get_request(request, pk))


def _step(request, pk: int, form_name: str, form, run) -> TemplateResponse:
    """Run one step of the request's workflow; on an error show the page again with the messages."""
    desk_request = _get_request(request, pk)
    if form.is_valid():
        try:
            run(desk_request, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("desk:detail", request.network.slug, desk_request.pk)
    return _detail(request, desk_request, status=400, **{form_name: form})


def _require_staff(request) -> None:
    if not is_desk_staff(request.membership):
        raise PermissionDenied


@require_POST
@network_view(Action.HANDLE_DESK)
def request_intake(request, pk: int):
    _require_staff(request)
    form = IntakeForm(request.POST, network=request.network)

    def run(desk_request, data):
        services.request_intake(
            request_id=desk_request.pk,
            user=request.user,
            question_behind=data["question_behind"],
            region=data["region"],
            organisation=data["organisation"],
        )
        messages.success(request, _("De intake is vastgelegd; de werkgever krijgt een e-mail."))

    return _step(request, pk, "intake_form", form, run)


@require_POST
@network_view(Action.HANDLE_DESK)
def request_refer(request, pk: int):
    _require_staff(request)
    form = ReferForm(request.POST, network=request.network)

    def run(desk_request, data):
        services.request_refer(
            request_id=desk_request.pk,
            user=request.user,
            organisation=data["organisation"],
            note=data["note"],
            outside_region_ok=data["outside_region_ok"],
        )
        messages.success(
            request,
            _("Doorverwezen naar %(name)s; zij en de werkgever krijgen een e-mail.")
            % {"name": data["organisation"].name},
        )

    return _step(request, pk, "refer_form", form, run)


@require_POST
@network_view(Action.HANDLE_DESK)
def request_confirm(request, pk: int):
    desk_request = _get_request(request, pk)
    if not can_confirm_request(request.membership, desk_request):
        raise PermissionDenied
    form = ConfirmForm(request.POST)

    def run(desk_request, data):
        services.request_confirm(request_id=desk_request.pk, user=request.user, note=data["note"])
        messages.success(request, _("Bevestigd: u pakt de opvolging op. De werkgever krijgt een e-mail."))

    return _step(request, pk, "confirm_form", form, run)


@require_POST
@network_view(Action.HANDLE_DESK)
def request_close(request, pk: int):
    _require_staff(request)
    form = CloseForm(request.POST)

    def run(desk_request, data):
        services.request_close(request_id=desk_request.pk, user=request.user, outcome=data["outcome"])
        messages.success(request, _("De vraag is afgesloten; de werkgever krijgt de uitkomst per e-mail."))

    return _step(request, pk, "close_form", form, run)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_DUTY)
def roster(request):
    network = request.network
    days = services.roster_days(timezone.localdate(), ROSTER_DAYS)
    shifts = selectors.duty_shifts(network, days)
    people = sorted(
        {m.user for m in Membership.objects.filter(network=network).select_related("user")},
        key=lambda user: (user.get_full_name() or user.email).lower(),
    )
    initial = {day.isoformat(): shift.user_id for day, shift in shifts.items()}
    form = RosterForm(request.POST or None, days=days, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.duty_roster_save(network=network, assignments=form.assignments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het rooster is opgeslagen."))
            return redirect("desk:roster", network.slug)
    rows = [(day, form[day.isoformat()]) for day in days]
    return TemplateResponse(request, "desk/roster.html", {"form": form, "rows": rows})


@require_GET
@network_view(Action.VIEW_DESK_REPORT)
def report(request):
    form = ReportPeriodForm(request.GET or None)
    months = form.cleaned_data["months"] if form.is_valid() else ReportPeriodForm.DEFAULT
    since = timezone.now() - timedelta(days=round(30.44 * months)) if months else None
    figures = selectors.report(request.network, since=since)
    return TemplateResponse(
        request,
        "desk/report.html",
        {**figures, "form": form, "list_url": reverse("desk:list", args=[request.network.slug])},
    )
