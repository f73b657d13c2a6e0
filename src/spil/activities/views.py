from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spil.core.forms import add_service_errors, as_key
from spil.core.pagination import paginate
from spil.core.permissions import (
    OFFICE,
    Action,
    allowed_actions,
    can_read_table_results,
    can_see_participation,
    network_view,
    public_view,
    scope_activities,
)
from spil.partners.models import Contact, Organisation

from . import selectors, services
from .forms import (
    ActivityFilterForm,
    ActivityForm,
    AttendanceForm,
    CallOffForm,
    FollowUpForm,
    OutcomesForm,
    RegistrationForm,
    SegmentFormSet,
    SpeakerFormSet,
    VenueForm,
    network_contacts,
    network_organisations,
    organisation_label,
)
from .ical import calendar_bytes
from .models import (
    Activity,
    ActivityKind,
    Attendance,
    CalendarFeed,
    FollowUp,
    Registration,
    RegistrationStatus,
    TableSession,
    Venue,
)


def _activity(request, pk: int) -> Activity:
    activity = selectors.visible_activity(request.membership, pk)
    if activity is None:
        raise Http404
    return activity


def _office_activity(request, pk: int) -> Activity:
    return get_object_or_404(Activity.objects.select_related("network"), pk=pk, network=request.network)


def _detail_url(activity: Activity) -> str:
    return reverse("activities:detail", args=[activity.network.slug, activity.pk])


@require_GET
@network_view(Action.VIEW_ACTIVITIES)
def activity_list(request):
    form = ActivityFilterForm(request.GET or None)
    past = form.is_valid() and form.cleaned_data["when"] == "past"
    page = paginate(request, selectors.activity_list(membership=request.membership, past=past))
    return TemplateResponse(request, "activities/activity_list.html", {"form": form, "page": page, "past": past})


@require_GET
@network_view(Action.VIEW_ACTIVITIES)
def activity_detail(request, pk: int):
    activity = _activity(request, pk)
    can = allowed_actions(request.membership)
    manage = Action.MANAGE_ACTIVITIES in can
    own = selectors.own_registration(activity, request.user)
    context = {
        "activity": activity,
        "speakers": activity.speakers.all(),
        "segments": activity.segments.all(),
        "own": own,
        "own_position": selectors.waiting_position(own) if own else None,
        "closed_reason": services.registration_closed_reason(activity),
        "manage": manage,
        "registrations": selectors.registrations(activity) if manage else None,
        "outcomes_form": OutcomesForm(instance=activity) if manage else None,
        "follow_ups": activity.follow_ups.select_related("owner") if Action.VIEW_FOLLOW_UPS in can else None,
        "started": activity.starts_at <= timezone.now(),
        "results_readable": not manage  # the office has its own way to the results
        and _table_results_published(activity)
        and can_read_table_results(request.membership, activity),
    }
    return TemplateResponse(request, "activities/activity_detail.html", context)


def _table_results_published(activity: Activity) -> bool:
    return (
        activity.kind == ActivityKind.PRACTICE_TABLE
        and TableSession.objects.filter(activity=activity, published=True).exists()
    )


def _activity_form_page(request, activity: Activity | None):
    data = request.POST if request.method == "POST" else None
    initial = {}
    if activity is None and as_key(request.GET.get("group")):
        # "Plan a meeting" from a group's page.
        initial = {"group": request.GET["group"], "audience": "group", "kind": "group_meeting"}
    form = ActivityForm(data, instance=activity, network=request.network, initial=initial)
    speakers = SpeakerFormSet(data, instance=activity, prefix="speakers")
    segments = SegmentFormSet(data, instance=activity, prefix="segments")
    if request.method == "POST" and form.is_valid() and speakers.is_valid() and segments.is_valid():
        saved = form.save(commit=False)
        saved.network = request.network
        if saved.created_by_id is None:
            saved.created_by = request.user
        try:
            saved = services.activity_save(activity=saved, speakers=speakers, segments=segments)
        except ValidationError as error:
            saved.pk = activity.pk if activity else None
            add_service_errors(form, error)
        else:
            form.instance = saved
            form.save_m2m()
            messages.success(request, _("De activiteit %(title)s is opgeslagen.") % {"title": saved.title})
            return redirect(_detail_url(saved))
    context = {"form": form, "speakers": speakers, "segments": segments, "activity": activity}
    return TemplateResponse(request, "activities/activity_form.html", context)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_ACTIVITIES)
def activity_create(request):
    return _activity_form_page(request, None)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_ACTIVITIES)
def activity_edit(request, pk: int):
    return _activity_form_page(request, _office_activity(request, pk))


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_ACTIVITIES)
def activity_call_off(request, pk: int):
    activity = _office_activity(request, pk)
    form = CallOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_cancel(activity_id=activity.pk, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(title)s is afgelast. Iedereen die aangemeld was of op de wachtlijst stond, krijgt een e-mail.")
                % {"title": activity.title},
            )
        return redirect(_detail_url(activity))
    people = activity.registered_count + activity.waiting_count
    return TemplateResponse(
        request, "activities/activity_call_off.html", {"activity": activity, "form": form, "people": people}
    )


@require_GET
@network_view(Action.VIEW_ACTIVITIES)
def activity_ics(request, pk: int):
    activity = _activity(request, pk)
    response = HttpResponse(calendar_bytes([activity], name=activity.title), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="activiteit-{activity.pk}.ics"'
    return response


def _register_outcome_message(request, registration: Registration) -> None:
    if registration.status == RegistrationStatus.REGISTERED:
        messages.success(
            request,
            _("%(name)s is aangemeld. Er is een bevestiging gemaild met de afspraak voor de agenda.")
            % {"name": registration.name},
        )
    else:
        messages.warning(
            request,
            _("De activiteit is vol: %(name)s staat op de wachtlijst en krijgt een e-mail zodra er plaats is.")
            % {"name": registration.name},
        )


@require_POST
@network_view(Action.REGISTER_SELF)
def register_self(request, pk: int):
    activity = _activity(request, pk)
    user = request.user
    try:
        registration = services.registration_create(
            activity_id=activity.pk,
            name=(user.get_full_name() or user.email)[:200],
            email=user.email,
            organisation=request.membership.organisation,
            user=user,
            registered_by=user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _register_outcome_message(request, registration)
    return redirect(_detail_url(activity))


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_ACTIVITIES)
def register_other(request, pk: int):
    activity = _office_activity(request, pk)
    form = RegistrationForm(request.POST or None, activity=activity)
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.registration_create(
                activity_id=activity.pk, registered_by=request.user, **form.person()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _register_outcome_message(request, registration)
            return redirect(_detail_url(activity))
    return TemplateResponse(request, "activities/registration_form.html", {"activity": activity, "form": form})


@require_http_methods(["GET", "POST"])
@network_view(Action.REGISTER_SELF)
def registration_cancel(request, pk: int):
    registration = get_object_or_404(
        Registration.objects.select_related("activity", "activity__network"),
        pk=pk,
        activity__network=request.network,
    )
    office = request.membership.role in OFFICE
    if not office and registration.email.lower() != request.user.email.lower():
        raise PermissionDenied
    activity = registration.activity
    if request.method == "POST":
        try:
            services.registration_cancel(registration_id=registration.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De aanmelding van %(name)s is geannuleerd.") % {"name": registration.name})
            if not scope_activities(request.membership, Activity.objects.filter(pk=activity.pk)).exists():
                return redirect("activities:mine", request.network.slug)  # only the registration opened it
        return redirect(_detail_url(activity))
    return TemplateResponse(
        request, "activities/registration_cancel.html", {"registration": registration, "activity": activity}
    )


@require_GET
@network_view(Action.MANAGE_ACTIVITIES)
def attendance_list(request, pk: int):
    activity = _office_activity(request, pk)
    return _attendance_page(request, activity, RegistrationForm(activity=activity))


@require_POST
@network_view(Action.MANAGE_ACTIVITIES)
def attendance_walk_in(request, pk: int):
    activity = _office_activity(request, pk)
    form = RegistrationForm(request.POST, activity=activity)
    if form.is_valid():
        try:
            registration = services.registration_walk_in(
                activity_id=activity.pk, registered_by=request.user, **form.person()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s is er en staat op de lijst.") % {"name": registration.name})
            return redirect("activities:attendance", request.network.slug, activity.pk)
    return _attendance_page(request, activity, form, status=400)


def _attendance_page(request, activity: Activity, walk_in_form, status: int = 200):
    registered = (
        activity.registrations.filter(status=RegistrationStatus.REGISTERED)
        .select_related("organisation")
        .order_by("name", "pk")
    )
    context = {
        "activity": activity,
        "registered": registered,
        "closed_reason": services.attendance_closed_reason(activity),
        "started": activity.starts_at <= timezone.now(),
        "unchecked": registered.filter(attendance=Attendance.UNKNOWN).count(),
        "walk_in_form": walk_in_form,
    }
    return TemplateResponse(request, "activities/attendance.html", context, status=status)


@require_POST
@network_view(Action.MANAGE_ACTIVITIES)
def attendance_set(request, pk: int):
    registration = get_object_or_404(
        Registration.objects.select_related("activity", "activity__network", "organisation"),
        pk=pk,
        activity__network=request.network,
        status=RegistrationStatus.REGISTERED,
    )
    form = AttendanceForm(request.POST)
    refused = None
    try:
        if not form.is_valid():
            raise ValidationError(_("Kies aanwezig, niet gekomen of nog onbekend."))
        services.attendance_set(registration=registration, attendance=form.cleaned_data["attendance"])
    except ValidationError as error:
        refused = " ".join(error.messages)
    if request.htmx:
        # The row with the reason (htmx swaps only successful answers, so a refusal is one too).
        context = {"registration": registration, "row_error": refused}
        return TemplateResponse(request, "activities/attendance.html#row", context)
    if refused:
        messages.error(request, refused)
    return redirect("activities:attendance", request.network.slug, registration.activity_id)


@require_POST
@network_view(Action.MANAGE_ACTIVITIES)
def attendance_no_shows(request, pk: int):
    activity = _office_activity(request, pk)
    try:
        count = services.attendance_mark_no_shows(activity=activity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(count)s aangemelde(n) zonder check-in als niet gekomen genoteerd.") % {"count": count}
        )
    return redirect("activities:attendance", request.network.slug, activity.pk)


@require_POST
@network_view(Action.MANAGE_ACTIVITIES)
def outcomes_save(request, pk: int):
    activity = _office_activity(request, pk)
    form = OutcomesForm(request.POST, instance=activity)
    if form.is_valid():
        services.outcomes_save(activity=activity, outcomes=form.cleaned_data["outcomes"])
        messages.success(request, _("De opbrengst is opgeslagen."))
    else:
        messages.error(request, " ".join(form.errors.get("outcomes", [])))
    return redirect(_detail_url(activity))


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_ACTIVITIES)
def follow_up_create(request, pk: int):
    activity = _office_activity(request, pk)
    form = FollowUpForm(request.POST or None, network=request.network)
    if request.method == "POST" and form.is_valid():
        follow_up = form.save(commit=False)
        follow_up.activity = activity
        services.follow_up_create(follow_up=follow_up)
        messages.success(request, _("De vervolgactie is toegevoegd."))
        return redirect(_detail_url(activity) + "#vervolg")
    return TemplateResponse(request, "activities/follow_up_form.html", {"activity": activity, "form": form})


@require_POST
@network_view(Action.VIEW_FOLLOW_UPS)
def follow_up_done(request, pk: int):
    follow_up = get_object_or_404(FollowUp.objects.select_related("activity"), pk=pk, activity__network=request.network)
    if request.membership.role not in OFFICE and follow_up.owner_id != request.user.pk:
        raise PermissionDenied
    done = request.POST.get("done") == "1"
    services.follow_up_set_done(follow_up=follow_up, done=done)
    messages.success(request, _("Afgerond.") if done else _("Weer open gezet."))
    next_url = request.POST.get("next")
    if next_url == "list":
        return redirect("activities:follow_ups", request.network.slug)
    if next_url == "meeting" and follow_up.activity.kind == ActivityKind.CORE_GROUP_MEETING:
        return redirect(reverse("activities:meeting", args=[request.network.slug, follow_up.activity_id]) + "#vervolg")
    return redirect(_detail_url(follow_up.activity) + "#vervolg")


@require_GET
@network_view(Action.VIEW_FOLLOW_UPS)
def follow_up_list(request):
    page = paginate(request, selectors.open_follow_ups(network=request.network))
    return TemplateResponse(request, "activities/follow_up_list.html", {"page": page, "today": timezone.localdate()})


@require_GET
@network_view(Action.MANAGE_ACTIVITIES)
def venue_list(request):
    page = paginate(request, Venue.objects.filter(network=request.network))
    return TemplateResponse(request, "activities/venue_list.html", {"page": page})


def _venue_form_page(request, venue: Venue | None):
    form = VenueForm(request.POST or None, instance=venue)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.network = request.network
        services.venue_save(venue=saved)
        messages.success(request, _("De locatie %(name)s is opgeslagen.") % {"name": saved.name})
        return redirect("activities:venues", request.network.slug)
    return TemplateResponse(request, "activities/venue_form.html", {"form": form, "venue": venue})


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_ACTIVITIES)
def venue_create(request):
    return _venue_form_page(request, None)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_ACTIVITIES)
def venue_edit(request, pk: int):
    return _venue_form_page(request, get_object_or_404(Venue, pk=pk, network=request.network))


@require_GET
@network_view(Action.VIEW_PARTICIPATION)
def participation_partner(request, pk: int):
    organisation = get_object_or_404(Organisation, pk=pk, partnerships__network=request.network)
    if not can_see_participation(request.membership, organisation.pk):
        raise Http404
    page = paginate(
        request,
        selectors.participation(network=request.network, organisation=organisation, membership=request.membership),
    )
    return TemplateResponse(
        request, "activities/participation.html", {"page": page, "subject": organisation.name, "show_person": True}
    )


@require_GET
@network_view(Action.VIEW_PARTICIPATION)
def participation_contact(request, pk: int):
    contact = get_object_or_404(
        Contact.objects.select_related("organisation"),
        pk=pk,
        organisation__partnerships__network=request.network,
    )
    if not can_see_participation(request.membership, contact.organisation_id) or not contact.email:
        raise Http404
    page = paginate(
        request, selectors.participation(network=request.network, email=contact.email, membership=request.membership)
    )
    return TemplateResponse(
        request, "activities/participation.html", {"page": page, "subject": contact.name, "show_person": False}
    )


@require_GET
@network_view(Action.REGISTER_SELF)
def my_activities(request):
    page = paginate(
        request, selectors.participation(network=request.network, email=request.user.email, membership=None)
    )
    feed = CalendarFeed.objects.filter(user=request.user).first()
    feed_url = request.build_absolute_uri(reverse("calendar_feed", args=[feed.token])) if feed else None
    return TemplateResponse(request, "activities/my_activities.html", {"page": page, "feed_url": feed_url})


@require_POST
@network_view(Action.REGISTER_SELF)
def calendar_feed_renew(request):
    services.calendar_feed_renew(user=request.user)
    messages.success(request, _("Uw agenda-link is klaar. Een eerdere link werkt niet meer."))
    return redirect("activities:mine", request.network.slug)


@require_GET
@public_view
def calendar_feed(request, token: str):
    feed = CalendarFeed.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed is None:
        raise Http404
    activities = selectors.feed_activities(feed.user)
    response = HttpResponse(calendar_bytes(activities, name=_("Spil-activiteiten")), content_type="text/calendar")
    response["Cache-Control"] = "private, max-age=900"
    return response


SUGGESTIONS = 15


def _typed(request) -> str:
    """What was typed in the suggesting field (htmx sends the field under its own name)."""
    return next((value.strip() for value in request.GET.values() if value.strip()), "")[:100]


@require_GET
@network_view(Action.MANAGE_ACTIVITIES)
def suggest_contacts(request):
    typed = _typed(request)
    options = []
    if len(typed) >= 2:
        contacts = network_contacts(request.network).filter(Q(name__icontains=typed) | Q(email__icontains=typed))
        options = [(c.email, f"{c.name} ({c.organisation.name})") for c in contacts.exclude(email="")[:SUGGESTIONS]]
    return TemplateResponse(request, "activities/suggestions.html", {"options": options})


@require_GET
@network_view(Action.MANAGE_ACTIVITIES)
def suggest_organisations(request):
    typed = _typed(request)
    options = []
    if len(typed) >= 2:
        organisations = network_organisations(request.network).filter(search_text__contains=typed.lower())
        options = [(organisation_label(o), o.municipality) for o in organisations[:SUGGESTIONS]]
    return TemplateResponse(request, "activities/suggestions.html", {"options": options})
