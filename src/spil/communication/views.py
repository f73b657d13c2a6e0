from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spil.core.forms import add_service_errors
from spil.core.pagination import paginate
from spil.core.permissions import Action, network_view, public_view

from . import services
from .forms import MailingForm
from .models import Mailing, MailingStatus


def _mailing(request, pk: int) -> Mailing:
    return get_object_or_404(
        Mailing.objects.select_related("network", "activity", "stopped_by", "copy_of"), pk=pk, network=request.network
    )


@require_GET
@network_view(Action.MANAGE_MAILINGS)
def mailing_list(request):
    mailings = Mailing.objects.filter(network=request.network).select_related("activity")
    return TemplateResponse(request, "communication/mailing_list.html", {"page": paginate(request, mailings)})


def _form_page(request, mailing: Mailing | None):
    initial = {key: request.GET[key] for key in ("activity", "audience", "kind", "group") if key in request.GET}
    form = MailingForm(request.POST or None, instance=mailing, network=request.network, initial=initial)
    if request.method == "POST" and form.is_valid():
        draft = form.save(commit=False)
        draft.network = request.network
        draft.created_by = draft.created_by or request.user
        try:
            services.mailing_save(mailing=draft)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het concept is opgeslagen. Controleer het voorbeeld en verstuur."))
            return redirect("communication:detail", request.network.slug, draft.pk)
    return TemplateResponse(request, "communication/mailing_form.html", {"form": form, "mailing": mailing})


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_MAILINGS)
def mailing_create(request):
    return _form_page(request, None)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_MAILINGS)
def mailing_edit(request, pk: int):
    mailing = _mailing(request, pk)
    if mailing.status != MailingStatus.DRAFT:
        messages.error(request, _("Een verstuurde mailing kan niet meer worden gewijzigd."))
        return redirect("communication:detail", request.network.slug, mailing.pk)
    return _form_page(request, mailing)


@require_GET
@network_view(Action.MANAGE_MAILINGS)
def mailing_detail(request, pk: int):
    mailing = _mailing(request, pk)
    context = {"mailing": mailing}
    if mailing.status == MailingStatus.DRAFT:
        context["recipient_count"] = services.recipient_count(mailing)
        first = services.preview_recipient(mailing)
        try:
            templates = services.check_texts(mailing)  # a draft saved before a check was added, say
        except ValidationError as error:
            context["text_errors"] = error.messages
        else:
            if first:
                context["preview_to"] = first
                context["preview_subject"], context["preview_body"] = services.render(
                    mailing, first, templates=templates
                )
    else:
        context |= _progress(request, mailing)
    return TemplateResponse(request, "communication/mailing_detail.html", context)


def _progress(request, mailing: Mailing) -> dict:
    return {"progress": services.progress(mailing), "page": paginate(request, mailing.deliveries.order_by("pk"))}


@require_GET
@network_view(Action.MANAGE_MAILINGS)
def mailing_progress(request, pk: int):
    mailing = _mailing(request, pk)
    context = {"mailing": mailing, **_progress(request, mailing)}
    return TemplateResponse(request, "communication/mailing_detail.html#progress", context)


@require_POST
@network_view(Action.MANAGE_MAILINGS)
def mailing_send(request, pk: int):
    mailing = _mailing(request, pk)
    try:
        services.mailing_send(mailing_id=mailing.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De mailing wordt verstuurd. U kunt deze pagina sluiten; het gaat door."))
    return redirect("communication:detail", request.network.slug, mailing.pk)


@require_POST
@network_view(Action.MANAGE_MAILINGS)
def mailing_copy(request, pk: int):
    mailing = _mailing(request, pk)
    try:
        copy = services.mailing_copy(mailing_id=mailing.pk, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("communication:detail", request.network.slug, mailing.pk)
    messages.success(request, _("Dit is een kopie, nog niet verstuurd. Pas hem aan waar nodig en sla op."))
    return redirect("communication:edit", request.network.slug, copy.pk)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_MAILINGS)
def mailing_delete(request, pk: int):
    mailing = _mailing(request, pk)
    if request.method == "POST":
        try:
            services.mailing_delete(mailing_id=mailing.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("communication:detail", request.network.slug, mailing.pk)
        messages.success(request, _("Het concept „%(subject)s” is verwijderd.") % {"subject": mailing.subject})
        return redirect("communication:list", request.network.slug)
    return TemplateResponse(request, "communication/mailing_delete.html", {"mailing": mailing})


@require_POST
@network_view(Action.MANAGE_MAILINGS)
def mailing_stop(request, pk: int):
    mailing = _mailing(request, pk)
    try:
        count = services.mailing_stop(mailing_id=mailing.pk, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            ngettext(
                "Het versturen is gestopt; %(count)s ontvanger krijgt deze mailing niet.",
                "Het versturen is gestopt; %(count)s ontvangers krijgen deze mailing niet.",
                count,
            )
            % {"count": count},
        )
    return redirect("communication:detail", request.network.slug, mailing.pk)


@csrf_exempt  # mail programs post the one-click unsubscribe (RFC 8058) without a form of ours
@require_http_methods(["GET", "POST"])
@public_view
def unsubscribe(request, token: str):
    try:
        network, email = services.unsubscribe_peek(token=token)
    except ValidationError as error:
        return TemplateResponse(request, "communication/unsubscribe.html", {"error": error.messages[0]}, status=404)
    done = None
    if request.method == "POST" and request.POST.get("action") == "resubscribe":
        services.resubscribe(token=token)
        done = "resubscribed"
    elif request.method == "POST":  # our button, or a mail program's one-click POST (RFC 8058)
        services.unsubscribe(token=token)
        done = "unsubscribed"
    unsubscribed = services.is_unsubscribed(network, email)
    context = {"network": network, "email": email, "done": done, "unsubscribed": unsubscribed, "public": True}
    return TemplateResponse(request, "communication/unsubscribe.html", context)
