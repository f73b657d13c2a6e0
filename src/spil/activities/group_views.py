"""Theme, intervision and ambassador groups, and the kerngroep's meetings with their agenda and minutes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spil.core.forms import error_summary
from spil.core.pagination import paginate
from spil.core.permissions import Action, allows, can_post_group_update, network_view, scope_activities

from . import services
from .forms import (
    AgendaItemForm,
    FollowUpForm,
    GroupForm,
    GroupUpdateForm,
    MeetingForm,
    MinutesForm,
    partner_left,
    with_partner_status,
)
from .models import Activity, ActivityKind, AgendaItem, Group


@require_GET
@network_view(Action.VIEW_GROUPS)
def group_list(request):
    groups = (
        Group.objects.filter(network=request.network)
        .select_related("lead", "lead__organisation")
        .annotate(member_count=Count("members"))
        .order_by("status", "name")
    )
    return TemplateResponse(request, "activities/group_list.html", {"page": paginate(request, groups)})


def _group(request, pk: int) -> Group:
    return get_object_or_404(Group.objects.select_related("lead", "lead__organisation"), pk=pk, network=request.network)


@require_GET
@network_view(Action.VIEW_GROUPS)
def group_detail(request, pk: int):
    return _group_page(request, _group(request, pk))


def _group_page(request, group: Group, *, update_form=None, status: int = 200):
    activities = scope_activities(request.membership, Activity.objects.filter(group=group)).order_by("-starts_at")
    members = with_partner_status(group.members.all(), request.network.pk)
    context = {
        "group": group,
        "members": members.order_by("organisation__name", "name"),
        "lead_departed": group.lead is not None and partner_left(group.lead, request.network),
        "activities": activities[:20],
        "updates": group.updates.select_related("author")[:20],
        "can_post": can_post_group_update(request.membership, group),
        "update_form": update_form if update_form is not None else GroupUpdateForm(),
    }
    return TemplateResponse(request, "activities/group_detail.html", context, status=status)


def _group_form_page(request, group: Group | None):
    form = GroupForm(request.POST or None, instance=group, network=request.network)
    if request.method == "POST" and form.is_valid():
        form.instance.network = request.network
        saved = services.group_save(
            group=form.save(commit=False),
            add_members=form.cleaned_data["members"],
            remove_members=form.cleaned_data.get("remove_members", ()),
        )
        messages.success(request, _("De groep %(name)s is opgeslagen.") % {"name": saved.name})
        return redirect("activities:group", request.network.slug, saved.pk)
    return TemplateResponse(request, "activities/group_form.html", {"form": form, "group": group})


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_GROUPS)
def group_create(request):
    return _group_form_page(request, None)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_GROUPS)
def group_edit(request, pk: int):
    return _group_form_page(request, _group(request, pk))


@require_POST
@network_view(Action.VIEW_GROUPS)
def group_update_post(request, pk: int):
    group = _group(request, pk)
    if not can_post_group_update(request.membership, group):
        raise PermissionDenied
    form = GroupUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("De update is niet geplaatst. %(errors)s") % {"errors": error_summary(form)})
        return _group_page(request, group, update_form=form, status=400)
    services.group_update_post(group=group, author=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("Uw update is geplaatst en komt op de agenda van de volgende kerngroepvergadering."))
    return redirect("activities:group", request.network.slug, group.pk)


@require_GET
@network_view(Action.VIEW_CORE_MEETINGS)
def meeting_list(request):
    meetings = Activity.objects.filter(network=request.network, kind=ActivityKind.CORE_GROUP_MEETING).order_by(
        "-starts_at"
    )
    return TemplateResponse(request, "activities/meeting_list.html", {"page": paginate(request, meetings)})


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_ACTIVITIES)
def meeting_create(request):
    form = MeetingForm(request.POST or None, network=request.network)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.network = request.network
        services.meeting_create(meeting=meeting, created_by=request.user)
        messages.success(request, _("De vergadering is gepland; de agenda is opgesteld uit wat er openstaat."))
        return redirect("activities:meeting", request.network.slug, meeting.pk)
    return TemplateResponse(request, "activities/meeting_form.html", {"form": form})


def _meeting(request, pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related("network"),
        pk=pk,
        network=request.network,
        kind=ActivityKind.CORE_GROUP_MEETING,
    )


@require_GET
@network_view(Action.VIEW_CORE_MEETINGS)
def meeting_detail(request, pk: int):
    return _meeting_page(request, _meeting(request, pk))


def _meeting_page(request, meeting: Activity, *, agenda_form=None, follow_up_form=None, item_form=None):
    """The agenda with minutes and the actions; a refused form (bound, with its errors) is shown again (400)."""
    items = list(
        meeting.agenda_items.select_related("partnership__organisation", "group_update__group", "group_update__author")
    )
    record = allows(request.membership, Action.RECORD_MINUTES)
    for item in items:
        if item_form is not None and item_form.instance.pk == item.pk:
            item.form = item_form
        else:
            item.form = MinutesForm(instance=item, prefix=f"item{item.pk}") if record else None
    context = {
        "meeting": meeting,
        "items": items,
        "record": record,
        "started": meeting.starts_at <= timezone.now(),
        "agenda_form": agenda_form if agenda_form is not None else AgendaItemForm(),
        "follow_ups": meeting.follow_ups.select_related("owner"),
        "follow_up_form": follow_up_form if follow_up_form is not None else FollowUpForm(network=request.network),
        "today": timezone.localdate(),
    }
    refused = any(form is not None for form in (agenda_form, follow_up_form, item_form))
    return TemplateResponse(request, "activities/meeting_detail.html", context, status=400 if refused else 200)


@require_POST
@network_view(Action.RECORD_MINUTES)
def meeting_refresh(request, pk: int):
    meeting = _meeting(request, pk)
    try:
        added = services.meeting_agenda_refresh(meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)s nieuwe agendapunt(en) toegevoegd.") % {"count": added})
    return redirect("activities:meeting", request.network.slug, meeting.pk)


@require_POST
@network_view(Action.RECORD_MINUTES)
def agenda_item_add(request, pk: int):
    meeting = _meeting(request, pk)
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Het agendapunt is niet toegevoegd. %(errors)s") % {"errors": error_summary(form)})
        return _meeting_page(request, meeting, agenda_form=form)
    services.agenda_item_add(meeting=meeting, **form.cleaned_data)
    messages.success(request, _("Het agendapunt is toegevoegd."))
    return redirect("activities:meeting", request.network.slug, meeting.pk)


@require_POST
@network_view(Action.RECORD_MINUTES)
def agenda_item_record(request, pk: int):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk, meeting__network=request.network)
    form = MinutesForm(request.POST, instance=item, prefix=f"item{item.pk}")
    if not form.is_valid():
        messages.error(request, _("Het verslag is niet opgeslagen. %(errors)s") % {"errors": error_summary(form)})
        return _meeting_page(request, item.meeting, item_form=form)
    services.agenda_item_record(item=item, **form.cleaned_data)
    messages.success(request, _("Verslag van %(title)s opgeslagen.") % {"title": item.title})
    return redirect(reverse("activities:meeting", args=[request.network.slug, item.meeting_id]) + f"#punt-{item.pk}")


@require_POST
@network_view(Action.RECORD_MINUTES)
def meeting_action_add(request, pk: int):
    meeting = _meeting(request, pk)
    form = FollowUpForm(request.POST, network=request.network)
    if not form.is_valid():
        messages.error(request, _("De actie is niet toegevoegd. %(errors)s") % {"errors": error_summary(form)})
        return _meeting_page(request, meeting, follow_up_form=form)
    follow_up = form.save(commit=False)
    follow_up.activity = meeting
    services.follow_up_create(follow_up=follow_up)
    messages.success(request, _("De actie is toegevoegd."))
    return redirect("activities:meeting", request.network.slug, meeting.pk)
