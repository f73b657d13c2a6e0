from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spil.core.forms import add_service_errors
from spil.core.pagination import paginate
from spil.core.permissions import OFFICE, Action, can_answer_exchange, network_view

from . import exchange
from .forms import StaffOfferForm
from .models import ExchangeMatch, ExchangeStatus, OfferKind, StaffOffer

# A URL per row action, reversed once per page and filled in per row: a {% url %} per row cost more
# than the rest of the page.
_PK = 987654321


def _row_urls(slug: str) -> dict[str, str]:
    return {
        name: reverse(f"desk:{name}", args=[slug, _PK]).replace(str(_PK), "{}")
        for name in ("offer_close", "match_accept", "match_decline", "match_follow_up")
    }


MATCH_ACTIONS = ("match_accept", "match_decline", "match_follow_up")
MATCHES_SHOWN = 25  # the best proposals first; accepted ones stay on top until followed up


def _matches(membership):
    queryset = ExchangeMatch.objects.filter(surplus__network_id=membership.network_id).select_related(
        "surplus__organisation", "need__organisation"
    )
    if membership.role not in OFFICE and membership.role != "core_group":
        own = membership.organisation_id
        queryset = queryset.filter(Q(surplus__organisation_id=own) | Q(need__organisation_id=own))
    return queryset.exclude(status=ExchangeStatus.DECLINED).order_by("status", "-score", "pk")[:MATCHES_SHOWN]


@require_GET
@network_view(Action.VIEW_EXCHANGE)
def exchange_list(request):
    membership = request.membership
    offers = paginate(
        request,
        StaffOffer.objects.filter(network=request.network, is_open=True)
        .select_related("organisation", "region")
        .order_by("kind", "starts_on", "pk"),
    )
    urls = _row_urls(request.network.slug)
    for offer in offers:
        offer.close_url = urls["offer_close"].format(offer.pk)
    rows = []
    accept = _("Accepteren namens %(name)s")
    for match in _matches(membership):
        # The button labels are made here: a blocktranslate per row costs more than the rest of the row.
        sides = [
            (side, accept % {"name": offer.organisation.name})
            for side, offer in ((OfferKind.SURPLUS, match.surplus), (OfferKind.NEED, match.need))
            if can_answer_exchange(membership, offer.organisation_id)
        ]
        match.urls = {name: urls[name].format(match.pk) for name in MATCH_ACTIONS}
        rows.append((match, sides))
    return TemplateResponse(
        request,
        "desk/exchange.html",
        {"offers": offers, "rows": rows, "is_office": membership.role in OFFICE, "own": membership.organisation_id},
    )


@require_http_methods(["GET", "POST"])
@network_view(Action.POST_STAFF_OFFER)
def offer_create(request):
    membership = request.membership
    if membership.role not in OFFICE and membership.organisation is None:
        raise PermissionDenied
    form = StaffOfferForm(request.POST or None, network=request.network if membership.role in OFFICE else None)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data.get("organisation") or membership.organisation
        try:
            offer = exchange.staff_offer_create(
                network=request.network, organisation=organisation, data=form.cleaned_data, user=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = offer.matches_as_surplus.count() + offer.matches_as_need.count()
            messages.success(request, _("Geplaatst. Spil stelt %(count)d koppeling(en) voor.") % {"count": count})
            return redirect("desk:exchange", request.network.slug)
    return TemplateResponse(request, "desk/offer_form.html", {"form": form})


@require_POST
@network_view(Action.POST_STAFF_OFFER)
def offer_close(request, pk: int):
    offer = get_object_or_404(StaffOffer, pk=pk, network=request.network)
    if not can_answer_exchange(request.membership, offer.organisation_id):
        raise PermissionDenied
    exchange.staff_offer_close(offer_id=offer.pk)
    messages.success(request, _("Het aanbod is gesloten."))
    return redirect("desk:exchange", request.network.slug)


def _match(request, pk: int) -> ExchangeMatch:
    return get_object_or_404(
        ExchangeMatch.objects.select_related("surplus", "need"), pk=pk, surplus__network=request.network
    )


def _answer(request, run) -> None:
    try:
        run()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))


@require_POST
@network_view(Action.POST_STAFF_OFFER)
def match_accept(request, pk: int):
    match = _match(request, pk)
    side = request.POST.get("side")
    offer = {OfferKind.SURPLUS: match.surplus, OfferKind.NEED: match.need}.get(side)
    if offer is None or not can_answer_exchange(request.membership, offer.organisation_id):
        raise PermissionDenied
    _answer(request, lambda: exchange.match_accept(match_id=match.pk, side=side))
    return redirect("desk:exchange", request.network.slug)


@require_POST
@network_view(Action.POST_STAFF_OFFER)
def match_decline(request, pk: int):
    match = _match(request, pk)
    if not any(can_answer_exchange(request.membership, o.organisation_id) for o in (match.surplus, match.need)):
        raise PermissionDenied
    _answer(request, lambda: exchange.match_decline(match_id=match.pk))
    return redirect("desk:exchange", request.network.slug)


@require_POST
@network_view(Action.MANAGE_DUTY)
def match_follow_up(request, pk: int):
    match = _match(request, pk)
    _answer(request, lambda: exchange.match_follow_up(match_id=match.pk, note=request.POST.get("note", "")))
    return redirect("desk:exchange", request.network.slug)
