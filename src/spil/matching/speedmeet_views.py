"""Speedmeet (drive-in) pages: the organiser's page (rounds, presented candidates, who marked whom, the plan),
presenting a candidate, and the employer's phone page (anonymous profiles, Ja / Nee, the own schedule).

Names reach only those who see the candidate's identity (the coordinator, the registering organisation's
advisors); the backoffice and employers see references and anonymous profiles. Every page that shows a name
or a profile writes the access log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spil.accounts.models import Role
from spil.activities.models import Activity, ActivityKind
from spil.core.forms import add_service_errors, error_summary
from spil.core.permissions import (
    Action,
    allows,
    can_choose_at_speedmeet,
    can_confirm_speedmeet,
    can_manage_candidate,
    network_view,
    scope_activities,
)

from . import speedmeet_selectors as selectors
from . import speedmeet_services as services
from .access import log_access
from .models import AccessAction, Speedmeet, SpeedmeetCandidate, SpeedmeetEmployer
from .speedmeet_forms import (
    MarkForm,
    PlaceForm,
    PresenceForm,
    PresentForm,
    PresentSearchForm,
    SpeedmeetForm,
    WithdrawForm,
)

PRESENT_CHOICES = 300


def _activity(request, pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.select_related("network"), pk=pk, network=request.network, kind=ActivityKind.SPEEDMEET
    )


def _speedmeet(request, pk: int) -> Speedmeet:
    return get_object_or_404(
        Speedmeet.objects.select_related("activity__network"),
        activity_id=pk,
        activity__network=request.network,
        activity__kind=ActivityKind.SPEEDMEET,
    )


def _url(activity: Activity, name: str = "speedmeet") -> str:
    return reverse(f"matching:{name}", args=[activity.network.slug, activity.pk])


def _log(request, candidate_ids, reason: str) -> None:
    if candidate_ids:
        log_access(
            user=request.user,
            network=request.network,
            candidates=sorted(candidate_ids),
            action=AccessAction.VIEW,
            reason=reason,
        )


def _organiser_page(request, activity: Activity, *, settings_form=None, status: int = 200):
    membership = request.membership
    speedmeet = Speedmeet.objects.filter(activity=activity).first()
    context = {"activity": activity, "speedmeet": speedmeet, "present": allows(membership, Action.MATCH_CANDIDATES)}
    if speedmeet is None:
        initial = {"first_slot_at": activity.starts_at}
        context["settings_form"] = settings_form or SpeedmeetForm(initial=initial)
        return TemplateResponse(request, "matching/speedmeet_page.html", context, status=status)
    speedmeet.activity = activity
    labels, visible = selectors.candidate_labels(speedmeet, membership)
    rows = selectors.organiser_rows(speedmeet, membership, labels)
    meetings = list(selectors.plan(speedmeet))
    for meeting in meetings:
        meeting.label = labels.get(meeting.candidate_id, "")
    wanted = selectors.wanted_pairs(speedmeet)
    planned = {(m.organisation_id, m.candidate_id) for m in meetings}
    employer_names = selectors.employer_names(speedmeet)
    last_mark = selectors.last_mark_at(speedmeet)
    context.update(
        {
            "settings_form": settings_form or SpeedmeetForm(instance=speedmeet),
            "rows": rows,
            "labels": labels,
            "rounds": selectors.plan_rounds(speedmeet, meetings),
            "meeting_count": len(meetings),
            "wanted_count": len(wanted),
            "unplanned": [
                {"organisation_id": e, "candidate_id": c, "employer": employer_names.get(e, ""), "label": labels.get(c)}
                for e, c in wanted
                if (e, c) not in planned
            ],
            "stale": bool(speedmeet.planned_at and last_mark and last_mark > speedmeet.planned_at),
            "place_form": PlaceForm(speedmeet=speedmeet),
            "can_confirm": can_confirm_speedmeet(membership, {m.candidate_organisation_id for m in meetings})
            if meetings
            else False,
            "confirmed_by_name": speedmeet.confirmed_by.get_full_name() if speedmeet.confirmed_by_id else "",
            "employers": selectors.employer_overview(speedmeet),
        }
    )
    _log(request, visible, _("Speedmeet %(pk)s bekeken") % {"pk": activity.pk})
    return TemplateResponse(request, "matching/speedmeet_page.html", context, status=status)


@require_GET
@network_view(Action.ORGANISE_SPEEDMEET)
def speedmeet_page(request, pk: int):
    return _organiser_page(request, _activity(request, pk))


@require_POST
@network_view(Action.ORGANISE_SPEEDMEET)
def speedmeet_settings(request, pk: int):
    activity = _activity(request, pk)
    speedmeet = Speedmeet.objects.filter(activity=activity).first()
    form = SpeedmeetForm(request.POST, instance=speedmeet)
    if form.is_valid():
        try:
            services.speedmeet_save(activity=activity, speedmeet=form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De rondes zijn opgeslagen. Maak daarna (opnieuw) een rooster."))
            return redirect(_url(activity))
    return _organiser_page(request, activity, settings_form=form, status=400)


@require_http_methods(["GET", "POST"])
@network_view(Action.MATCH_CANDIDATES)
def speedmeet_present(request, pk: int):
    speedmeet = _speedmeet(request, pk)
    activity = speedmeet.activity
    if speedmeet.confirmed_at is not None:
        messages.error(request, _("Het rooster is al bevestigd: er kunnen geen kandidaten meer bij."))
        return redirect(_url(activity) + "#kandidaten")
    # The list shows at most PRESENT_CHOICES candidates; a search (name or reference) reaches any of them.
    search = PresentSearchForm(request.GET)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    presentable = selectors.presentable(request.membership, speedmeet)
    found = list(selectors.search_candidates(presentable, q)[: PRESENT_CHOICES + 1])
    candidates, more = found[:PRESENT_CHOICES], len(found) > PRESENT_CHOICES
    form = PresentForm(request.POST or None, speedmeet=speedmeet, presentable=presentable, shown=candidates)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            candidate = data["candidate"]
            try:
                services.candidate_present(
                    speedmeet=speedmeet,
                    candidate=candidate,
                    user=request.user,
                    from_slot=data["from_slot"],
                    until_slot=data["until_slot"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("%(name)s staat op de speedmeet.") % {"name": candidate})
                return redirect(_url(activity) + "#kandidaten")
    _log(request, [c.pk for c in candidates], _("Keuzelijst speedmeet %(pk)s") % {"pk": activity.pk})
    context = {
        "activity": activity,
        "speedmeet": speedmeet,
        "form": form,
        "search": search,
        "q": q,
        "more": more,
        "limit": PRESENT_CHOICES,
        "none_left": not candidates,
    }
    return TemplateResponse(request, "matching/speedmeet_present.html", context, status=status)


@require_POST
@network_view(Action.MATCH_CANDIDATES)
def speedmeet_withdraw(request, pk: int):
    speedmeet = _speedmeet(request, pk)
    form = WithdrawForm(request.POST)
    presented = None
    if form.is_valid():
        presented = (
            SpeedmeetCandidate.objects.select_related("candidate")
            .filter(speedmeet=speedmeet, pk=form.cleaned_data["presented"])
            .first()
        )
    if presented is None:
        messages.error(request, _("Kies de kandidaat die u van de speedmeet wilt halen."))
        return redirect(_url(speedmeet.activity) + "#kandidaten")
    if not can_manage_candidate(request.membership, presented.candidate):
        raise PermissionDenied
    try:
        services.candidate_withdraw(presented=presented, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De kandidaat staat niet meer op de speedmeet."))
    return redirect(_url(speedmeet.activity) + "#kandidaten")


@require_POST
@network_view(Action.ORGANISE_SPEEDMEET)
def speedmeet_plan(request, pk: int):
    speedmeet = _speedmeet(request, pk)
    try:
        result = services.plan_make(speedmeet=speedmeet, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if result.planned == result.wanted:
            messages.success(request, _("Alle %(n)s gewenste gesprekken staan in het rooster.") % {"n": result.planned})
        else:
            messages.warning(
                request,
                _(
                    "%(planned)s van de %(wanted)s gewenste gesprekken passen in de rondes en tafels. Voeg een ronde "
                    "of tafel toe, of plan de rest met de hand in."
                )
                % {"planned": result.planned, "wanted": result.wanted},
            )
    return redirect(_url(speedmeet.activity) + "#rooster")


@require_POST
@network_view(Action.ORGANISE_SPEEDMEET)
def speedmeet_place(request, pk: int):
    speedmeet = _speedmeet(request, pk)
    form = PlaceForm(request.POST, speedmeet=speedmeet)
    if not form.is_valid():
        messages.error(request, _("Kies een ronde uit de lijst."))
        return redirect(_url(speedmeet.activity) + "#rooster")
    data = form.cleaned_data
    try:
        services.meeting_place(
            speedmeet=speedmeet,
            organisation_id=data["organisation"],
            candidate_id=data["candidate"],
            slot=data["slot"] - 1 if data["slot"] is not None else None,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het rooster is aangepast."))
    return redirect(_url(speedmeet.activity) + "#rooster")


@require_POST
@network_view(Action.MATCH_CANDIDATES)
def speedmeet_confirm(request, pk: int):
    speedmeet = _speedmeet(request, pk)
    # Who may confirm depends on the candidates in the plan: the service checks it under its lock.
    try:
        result = services.speedmeet_confirm(speedmeet=speedmeet, user=request.user, membership=request.membership)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Het rooster is bevestigd: %(n)s kennismaking(en) vastgelegd. Werkgevers en adviseurs krijgen hun "
                "rooster per e-mail."
            )
            % {"n": result.introductions},
        )
        if result.dropped:
            messages.warning(
                request,
                _(
                    "%(n)s gesprek(ken) uit het rooster gehaald: de werkgever wil de kandidaat niet meer spreken, is "
                    "afgemeld, of de kandidaat wordt niet meer getoond."
                )
                % {"n": result.dropped},
            )
        if result.refused:
            messages.warning(
                request,
                _("%(n)s gesprek(ken) werd(en) geen kennismaking; de reden staat bij het gesprek.")
                % {"n": result.refused},
            )
    return redirect(_url(speedmeet.activity) + "#rooster")


# The employer's phone page


def _employer_activity(request, pk: int) -> Activity:
    queryset = scope_activities(request.membership, Activity.objects.select_related("network"))
    activity = queryset.filter(pk=pk, kind=ActivityKind.SPEEDMEET).first()
    if activity is None:
        raise Http404
    return activity


def _choose_context(request, activity: Activity) -> dict:
    membership = request.membership
    speedmeet = Speedmeet.objects.filter(activity=activity).first()
    context = {"activity": activity, "speedmeet": speedmeet, "registered": False, "rows": [], "meetings": []}
    if speedmeet is None:
        return context
    speedmeet.activity = activity
    context["registered"] = can_choose_at_speedmeet(membership, activity)
    # The coordinator previews what employers see, without marking.
    context["preview"] = membership.role == Role.COORDINATOR
    if not (context["registered"] or context["preview"]):
        return context
    rows = selectors.employer_rows(speedmeet, membership.organisation_id or 0)
    context["rows"] = rows
    context["yes_count"] = sum(1 for row in rows if row.wants)
    named = []
    if speedmeet.confirmed_at and context["registered"]:
        context["meetings"] = selectors.employer_meetings(speedmeet, membership.organisation_id)
        named = [meeting["candidate_id"] for meeting in context["meetings"] if meeting["name"]]
    if context["registered"] and not speedmeet.confirmed_at:
        presence = SpeedmeetEmployer.objects.filter(speedmeet=speedmeet, organisation_id=membership.organisation_id)
        initial = presence.values("from_slot", "until_slot").first() or {}
        context["presence"] = initial
        context["presence_form"] = PresenceForm(speedmeet=speedmeet, initial=initial)
    _log(request, [row.profile.pk for row in rows], _("Anoniem profiel op speedmeet %(pk)s") % {"pk": activity.pk})
    _log(request, named, _("Contactgegevens: naam in speedmeetrooster %(pk)s") % {"pk": activity.pk})
    return context


@require_GET
@network_view(Action.CHOOSE_AT_SPEEDMEET)
def speedmeet_choose(request, pk: int):
    activity = _employer_activity(request, pk)
    return TemplateResponse(request, "matching/speedmeet_choose.html", _choose_context(request, activity))


@require_POST
@network_view(Action.CHOOSE_AT_SPEEDMEET)
def speedmeet_mark(request, pk: int, candidate: int):
    activity = _employer_activity(request, pk)
    speedmeet = Speedmeet.objects.filter(activity=activity).first()
    if speedmeet is None:
        raise Http404
    speedmeet.activity = activity
    organisation = request.membership.organisation
    if request.membership.role != Role.PARTNER_CONTACT or organisation is None:
        raise PermissionDenied
    # A contact of an organisation not registered (or no longer) gets the message, and no profile at all.
    registered = can_choose_at_speedmeet(request.membership, activity)
    form = MarkForm(request.POST)
    error = ""
    if not registered:
        error = _("Uw organisatie is niet aangemeld voor deze speedmeet. Meld u eerst aan om kandidaten te kiezen.")
    elif not form.is_valid():
        error = " ".join(form.errors["wants"])
    else:
        try:
            services.interest_mark(
                speedmeet=speedmeet,
                candidate_id=candidate,
                organisation=organisation,
                user=request.user,
                wants=form.cleaned_data["wants"],
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(_url(activity, "speedmeet_choose") + f"#kandidaat-{candidate}")
    row = selectors.employer_row(speedmeet, organisation.pk, candidate) if registered else None
    if row is not None:
        _log(request, [candidate], _("Anoniem profiel op speedmeet %(pk)s") % {"pk": activity.pk})
    # htmx puts the focus back on the answer just given (the button that had it was swapped out).
    context = {
        "activity": activity,
        "speedmeet": speedmeet,
        "row": row,
        "error": error,
        "candidate_id": candidate,
        "just_marked": True,
    }
    return TemplateResponse(request, "matching/speedmeet_choose.html#candidate", context)


@require_POST
@network_view(Action.CHOOSE_AT_SPEEDMEET)
def speedmeet_presence(request, pk: int):
    """A registered employer says in which rounds it is there (the drive-in ran in shows)."""
    activity = _employer_activity(request, pk)
    speedmeet = get_object_or_404(Speedmeet, activity=activity)
    speedmeet.activity = activity
    organisation = request.membership.organisation
    if request.membership.role != Role.PARTNER_CONTACT or organisation is None:
        raise PermissionDenied
    form = PresenceForm(request.POST, speedmeet=speedmeet)
    if form.is_valid():
        try:
            services.employer_presence_set(
                speedmeet=speedmeet,
                organisation=organisation,
                user=request.user,
                from_slot=form.cleaned_data["from_slot"],
                until_slot=form.cleaned_data["until_slot"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Uw tijden zijn opgeslagen."))
    else:
        messages.error(request, error_summary(form))
    return redirect(_url(activity, "speedmeet_choose"))
