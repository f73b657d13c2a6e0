"""Campaigns, their guide and target list, conversations with follow-up, contact moments and settings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spil.core.forms import add_service_errors, as_key
from spil.core.pagination import paginate
from spil.core.permissions import OFFICE, Action, allows, can_log_conversation, network_view

from . import selectors, services
from .forms import (
    ActionForm,
    CampaignForm,
    ContactMomentForm,
    ConversationForm,
    GuideForm,
    SettingsForm,
    TargetImportForm,
    TargetSelectForm,
)
from .imports import targets_import
from .models import Appointment, Campaign, ContactMoment, Conversation, FollowUpAction
from .pressure import pressure_for, recent_contacts, settings_for


def _campaign(request, pk: int) -> Campaign:
    campaign = selectors.visible_campaign(request.membership, pk)
    if campaign is None:
        raise Http404
    return campaign


def _office_campaign(request, pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("network"), pk=pk, network=request.network)


def _campaign_url(campaign: Campaign) -> str:
    return reverse("outreach:campaign", args=[campaign.network.slug, campaign.pk])


@require_GET
@network_view(Action.VIEW_OUTREACH)
def campaign_list(request):
    page = paginate(request, selectors.campaigns(request.membership))
    return TemplateResponse(request, "outreach/campaign_list.html", {"page": page})


@require_GET
@network_view(Action.VIEW_OUTREACH)
def campaign_detail(request, pk: int):
    campaign = _campaign(request, pk)
    targets = paginate(request, selectors.targets(campaign), param="doellijst")
    ids = [t.organisation_id for t in targets]
    pressure = recent_contacts(network=request.network, organisation_ids=ids)
    spoken = selectors.spoken_organisations(campaign, ids)
    for target in targets:
        target.pressure = pressure[target.organisation_id]
        target.spoken = target.organisation_id in spoken
    context = {
        "campaign": campaign,
        "guide": selectors.current_guide(campaign),
        "interviewers": campaign.interviewers.order_by("first_name", "last_name"),
        "targets": targets,
        "conversations": paginate(request, selectors.conversations(campaign, request.membership), param="gesprekken"),
        "may_log": can_log_conversation(request.membership, campaign),
        "manage": allows(request.membership, Action.MANAGE_OUTREACH),
    }
    return TemplateResponse(request, "outreach/campaign_detail.html", context)


def _campaign_form_page(request, campaign: Campaign | None):
    form = CampaignForm(request.POST or None, instance=campaign, network=request.network)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.network = request.network
        try:
            services.campaign_save(
                campaign=saved,
                interviewers=form.cleaned_data["interviewers"],
                questions=form.cleaned_data.get("questions"),
                user=request.user,
            )
        except ValidationError as error:
            saved.pk = campaign.pk if campaign else None
            add_service_errors(form, error)
        else:
            messages.success(request, _("De gespreksronde %(name)s is opgeslagen.") % {"name": saved.name})
            return redirect(_campaign_url(saved))
    return TemplateResponse(request, "outreach/campaign_form.html", {"form": form, "campaign": campaign})


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_OUTREACH)
def campaign_create(request):
    return _campaign_form_page(request, None)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_OUTREACH)
def campaign_edit(request, pk: int):
    return _campaign_form_page(request, _office_campaign(request, pk))


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_OUTREACH)
def guide_edit(request, pk: int):
    campaign = _office_campaign(request, pk)
    guide = selectors.current_guide(campaign)
    initial = {"questions": "\n".join(q.text for q in guide.question_list)} if guide else {}
    form = GuideForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.guide_revise(
                campaign=campaign, questions=form.cleaned_data["questions"], user=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Versie %(n)s van de leidraad is opgeslagen.") % {"n": version.number})
            return redirect(_campaign_url(campaign))
    return TemplateResponse(request, "outreach/guide_form.html", {"form": form, "campaign": campaign, "guide": guide})


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_OUTREACH)
def targets_edit(request, pk: int):
    campaign = _office_campaign(request, pk)
    posted = request.POST.get("form")
    select_form = TargetSelectForm(request.POST if posted == "select" else None, campaign=campaign)
    import_form = TargetImportForm(
        request.POST if posted == "import" else None, request.FILES if posted == "import" else None
    )
    if posted == "select" and select_form.is_valid():
        added = services.targets_add(campaign=campaign, organisations=select_form.cleaned_data["organisations"])
        messages.success(request, _("%(n)s werkgever(s) op de doellijst gezet.") % {"n": added})
        return redirect(_campaign_url(campaign))
    if posted == "import" and import_form.is_valid():
        upload = import_form.cleaned_data["file"]
        try:
            added, already = targets_import(campaign=campaign, name=upload.name, content=upload.read())
        except ValidationError as error:
            import_form.add_error("file", error)
        else:
            messages.success(
                request,
                _("%(added)s werkgever(s) ingelezen; %(already)s stond(en) al op de doellijst.")
                % {"added": added, "already": already},
            )
            return redirect(_campaign_url(campaign))
    context = {"campaign": campaign, "select_form": select_form, "import_form": import_form}
    return TemplateResponse(request, "outreach/targets_form.html", context)


def _conversation_page(request, campaign: Campaign, appointment: Appointment | None):
    guide = selectors.current_guide(campaign)
    questions = guide.question_list if guide else []
    pressure_url = reverse("outreach:pressure", args=[request.network.slug])
    organisation = appointment.organisation if appointment else None
    data = request.POST if request.method == "POST" else None
    initial = {}
    if organisation is None and (chosen := as_key(request.GET.get("organisation"))):
        initial["organisation"] = chosen
    form = ConversationForm(
        data,
        initial=initial,
        campaign=campaign,
        questions=questions,
        pressure_url=pressure_url,
        organisation=organisation,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        conversation = Conversation(
            organisation=data["organisation"],
            interviewer=request.user,
            appointment=appointment,
            held_on=data["held_on"],
            needs_count=data["needs_count"],
            needs=data["needs"],
            vacancies_count=data["vacancies_count"],
            vacancies=data["vacancies"],
            consent_share_name=data["consent_share_name"],
            note=data["note"],
        )
        referrals = [(data["referral_to"].pk, data["referral_note"])] if data.get("referral_to") else []
        actions = []
        if data.get("action_description"):
            owner = data.get("action_owner")
            actions.append(
                services.ActionInput(
                    data["action_description"], owner.pk if owner else request.user.pk, data["action_due"]
                )
            )
        try:
            services.conversation_log(
                campaign=campaign,
                conversation=conversation,
                answers=form.answers(),
                referrals=referrals,
                actions=actions,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het gesprek met %(name)s is vastgelegd.") % {"name": data["organisation"]})
            return redirect("outreach:conversation", request.network.slug, conversation.pk)
    chosen = organisation.pk if organisation else (form["organisation"].value() or None)
    chosen = as_key(chosen)
    context = {
        "campaign": campaign,
        "guide": guide,
        "form": form,
        "appointment": appointment,
        "pressure": pressure_for(network=request.network, organisation_id=chosen) if chosen else None,
    }
    return TemplateResponse(request, "outreach/conversation_form.html", context)


@require_http_methods(["GET", "POST"])
@network_view(Action.LOG_CONVERSATION)
def conversation_create(request, pk: int):
    campaign = _campaign(request, pk)
    if not can_log_conversation(request.membership, campaign):
        raise PermissionDenied
    return _conversation_page(request, campaign, None)


@require_http_methods(["GET", "POST"])
@network_view(Action.LOG_CONVERSATION)
def conversation_from_appointment(request, pk: int):
    appointment = get_object_or_404(
        Appointment.objects.select_related("organisation", "stop__tour__campaign__network"),
        pk=pk,
        stop__tour__network=request.network,
        stop__tour__campaign__isnull=False,
    )
    campaign = appointment.stop.tour.campaign
    # The office, the adviser of the appointment and the campaign's interviewers follow it up.
    adviser = request.membership.role in OFFICE or appointment.adviser_id == request.user.pk
    if not adviser and not can_log_conversation(request.membership, campaign):
        raise PermissionDenied
    return _conversation_page(request, campaign, appointment)


@require_GET
@network_view(Action.RECORD_CONTACT)
def contact_pressure(request):
    organisation = as_key(request.GET.get("organisation"))
    pressure = None
    if organisation and selectors.network_organisations(request.network).filter(pk=organisation).exists():
        pressure = pressure_for(network=request.network, organisation_id=organisation)
    return TemplateResponse(request, "outreach/_pressure.html", {"pressure": pressure})


@require_http_methods(["GET", "POST"])
@network_view(Action.VIEW_OUTREACH)
def conversation_detail(request, pk: int):
    conversation = selectors.visible_conversation(request.membership, pk)
    if conversation is None:
        raise Http404
    form = ActionForm(request.POST or None, network=request.network)
    if request.method == "POST" and form.is_valid():
        owner = form.cleaned_data["owner"]
        action = services.ActionInput(
            form.cleaned_data["description"], owner.pk if owner else request.user.pk, form.cleaned_data["due_date"]
        )
        services.action_add(conversation=conversation, action=action)
        messages.success(request, _("De vervolgactie is toegevoegd."))
        return redirect("outreach:conversation", request.network.slug, conversation.pk)
    context = {
        "conversation": conversation,
        "answers": selectors.answers(conversation),
        "referrals": conversation.referrals.select_related("to_organisation"),
        "actions": conversation.actions.select_related("owner"),
        "form": form,
        "today": timezone.localdate(),
    }
    return TemplateResponse(request, "outreach/conversation_detail.html", context)


@require_POST
@network_view(Action.VIEW_OUTREACH)
def action_done(request, pk: int):
    action = get_object_or_404(
        FollowUpAction.objects.select_related("conversation"), pk=pk, conversation__campaign__network=request.network
    )
    if request.membership.role not in OFFICE and action.owner_id != request.user.pk:
        raise PermissionDenied
    done = request.POST.get("done") == "1"
    services.action_set_done(action=action, done=done)
    messages.success(request, _("Afgerond.") if done else _("Weer open gezet."))
    if request.POST.get("next") == "list":
        return redirect("outreach:actions", request.network.slug)
    return redirect("outreach:conversation", request.network.slug, action.conversation_id)


@require_GET
@network_view(Action.VIEW_OUTREACH)
def action_list(request):
    overdue = request.GET.get("te_laat") == "1"
    page = paginate(request, selectors.actions(network=request.network, membership=request.membership, overdue=overdue))
    context = {"page": page, "overdue": overdue, "today": timezone.localdate()}
    return TemplateResponse(request, "outreach/action_list.html", context)


@require_http_methods(["GET", "POST"])
@network_view(Action.RECORD_CONTACT)
def contact_moment_create(request):
    pressure_url = reverse("outreach:pressure", args=[request.network.slug])
    initial = {}
    if chosen := as_key(request.GET.get("organisation")):
        initial["organisation"] = chosen
    form = ContactMomentForm(request.POST or None, initial=initial, network=request.network, pressure_url=pressure_url)
    if request.method == "POST" and form.is_valid():
        moment = form.save(commit=False)
        moment.network = request.network
        moment.who = request.user
        try:
            services.contact_moment_record(moment=moment)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het contact met %(name)s is vastgelegd.") % {"name": moment.organisation})
            return redirect("outreach:contact_moments", request.network.slug)
    chosen = as_key(form["organisation"].value())
    pressure = None
    if chosen:
        pressure = pressure_for(network=request.network, organisation_id=chosen)
    return TemplateResponse(request, "outreach/contact_moment_form.html", {"form": form, "pressure": pressure})


@require_GET
@network_view(Action.RECORD_CONTACT)
def contact_moment_list(request):
    moments = ContactMoment.objects.filter(network=request.network).select_related("organisation", "who")
    if request.membership.role not in OFFICE:
        moments = moments.filter(who=request.user)
    page = paginate(request, moments.order_by("-on", "-pk"))
    return TemplateResponse(request, "outreach/contact_moment_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_OUTREACH)
def settings_edit(request):
    form = SettingsForm(request.POST or None, instance=settings_for(request.network))
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_save(settings=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De instellingen zijn opgeslagen."))
            return redirect("outreach:campaigns", request.network.slug)
    return TemplateResponse(request, "outreach/settings_form.html", {"form": form})
