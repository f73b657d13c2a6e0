"""The praktijktafel pages: set up tables and guests, plan, move guests, print table cards, capture results."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from spil.core.forms import as_key
from spil.core.permissions import Action, allows, can_read_table_results, network_view, public_view

from . import selectors, table_services
from .forms import GuestForm, MoveForm, ResultsForm, TableForm, TableSessionForm
from .models import Activity, Table, TableParticipant, TableRole, TableSession


def _activity(request, pk: int) -> Activity:
    return get_object_or_404(Activity.objects.select_related("network"), pk=pk, network=request.network)


def _session(request, pk: int) -> TableSession:
    return get_object_or_404(
        TableSession.objects.select_related("activity", "activity__network"),
        activity_id=pk,
        activity__network=request.network,
    )


def _url(session: TableSession, name: str = "tables") -> str:
    return reverse(f"activities:{name}", args=[session.activity.network.slug, session.activity_id])


def _page(request, session: TableSession, *, guest_form=None, settings_form=None, plan_message="", plan_error=""):
    context = {
        "activity": session.activity,
        "session": session,
        "settings_form": settings_form or TableSessionForm(instance=session),
        "tables": session.tables.prefetch_related("hosts"),
        "guests": session.participants.filter(role=TableRole.GUEST).select_related("pinned_table"),
        "cancelled": list(table_services.cancelled_guests(session)),
        "guest_form": guest_form or GuestForm(session=session),
        "plan": table_services.plan_rows(session) if session.planned_at else None,
        "plan_message": plan_message,
        "plan_error": plan_error,
    }
    return TemplateResponse(request, "activities/tables.html", context)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_ACTIVITIES)
def tables_page(request, pk: int):
    activity = _activity(request, pk)
    session = TableSession.objects.filter(activity=activity).first()
    if session is None:
        form = TableSessionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            table_services.session_create(activity=activity, session=form.save(commit=False))
            messages.success(request, _("De praktijktafel is aangemaakt. Voeg nu de tafels toe."))
            return redirect("activities:tables", request.network.slug, activity.pk)
        return TemplateResponse(request, "activities/tables_new.html", {"activity": activity, "form": form})
    if request.method == "POST":
        form = TableSessionForm(request.POST, instance=session)
        if not form.is_valid():
            session.refresh_from_db()  # the page shows the stored settings elsewhere; the form keeps the input
            response = _page(request, session, settings_form=form)
            response.status_code = 400
            return response
        if table_services.session_settings_save(session=form.save(commit=False), changed=form.changed_data):
            messages.success(request, _("Opgeslagen. De indeling past niet meer: maak opnieuw een indeling."))
        else:
            messages.success(request, _("Opgeslagen."))
        return redirect(_url(session))
    return _page(request, session)


def _table_form_page(request, session: TableSession, table: Table | None):
    initial = {}
    if table is not None:
        initial["hosts"] = "\n".join(f"{h.name}, {h.organisation}" for h in table.hosts.order_by("pk"))
    form = TableForm(request.POST or None, instance=table, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.session = session
        table_services.table_save(table=saved, hosts=form.cleaned_data["hosts"])
        messages.success(request, _("Tafel %(number)s is opgeslagen.") % {"number": saved.number})
        return redirect(_url(session))
    context = {"form": form, "session": session, "activity": session.activity, "table": table}
    return TemplateResponse(request, "activities/table_form.html", context)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_ACTIVITIES)
def table_create(request, pk: int):
    return _table_form_page(request, _session(request, pk), None)


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_ACTIVITIES)
def table_edit(request, pk: int, table: int):
    session = _session(request, pk)
    return _table_form_page(request, session, get_object_or_404(Table, pk=table, session=session))


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_ACTIVITIES)
def table_delete(request, pk: int, table: int):
    """Remove a table added by mistake, after a confirmation (the plan is cleared)."""
    session = _session(request, pk)
    table = get_object_or_404(Table, pk=table, session=session)
    if request.method == "POST":
        table_services.table_delete(table=table)
        messages.success(request, _("Tafel %(number)s is verwijderd.") % {"number": table.number})
        return redirect(_url(session))
    context = {"session": session, "activity": session.activity, "table": table}
    return TemplateResponse(request, "activities/table_delete.html", context)


@require_POST
@network_view(Action.MANAGE_ACTIVITIES)
def guest_add(request, pk: int):
    session = _session(request, pk)
    form = GuestForm(request.POST, session=session)
    if not form.is_valid():
        return _page(request, session, guest_form=form)
    data = form.cleaned_data
    table_services.guest_add(
        session=session, name=data["name"], organisation=data["organisation"], pinned_table=data["pinned_table"]
    )
    messages.success(request, _("%(name)s doet mee.") % {"name": data["name"]})
    return redirect(_url(session) + "#deelnemers")


@require_POST
@network_view(Action.MANAGE_ACTIVITIES)
def guests_import(request, pk: int):
    session = _session(request, pk)
    imported = table_services.guests_from_registrations(session=session)
    message = _("%(count)s aangemelde(n) toegevoegd als deelnemer.") % {"count": imported.added}
    if imported.removed:
        message += " " + _("%(count)s afgemelde(n) weggehaald.") % {"count": imported.removed}
    messages.success(request, message)
    return redirect(_url(session) + "#deelnemers")


@require_POST
@network_view(Action.MANAGE_ACTIVITIES)
def guests_cancelled_remove(request, pk: int):
    session = _session(request, pk)
    removed = table_services.guests_cancelled_remove(session=session)
    messages.success(request, _("%(count)s afgemelde(n) weggehaald.") % {"count": removed})
    return redirect(_url(session) + "#deelnemers")


@require_POST
@network_view(Action.MANAGE_ACTIVITIES)
def guest_remove(request, pk: int):
    session = _session(request, pk)
    guest = TableParticipant.objects.filter(
        pk=as_key(request.POST.get("participant")),
        session=session,
        role=TableRole.GUEST,
    ).first()
    if guest is None:
        messages.error(request, _("Kies de deelnemer die u wilt weghalen."))
        return redirect(_url(session) + "#deelnemers")
    table_services.guest_remove(participant=guest)
    messages.success(request, _("%(name)s doet niet meer mee.") % {"name": guest.name})
    return redirect(_url(session) + "#deelnemers")


@require_POST
@network_view(Action.MANAGE_ACTIVITIES)
def session_plan(request, pk: int):
    session = _session(request, pk)
    try:
        result = table_services.session_plan(session=session, seed=session.pk)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("De indeling is klaar: %(ratio)s van de mogelijke nieuwe ontmoetingen.")
            % {"ratio": f"{result.ratio:.0%}"},
        )
    return redirect(_url(session) + "#indeling")


@require_POST
@network_view(Action.MANAGE_ACTIVITIES)
def guest_move(request, pk: int):
    """Move a guest by hand; with htmx only the plan is replaced, with the new ratio."""
    session = _session(request, pk)
    form = MoveForm(request.POST, session=session)
    message, error = "", ""
    if not form.is_valid():
        error = _("Kies een deelnemer, een ronde en een tafel.")
    else:
        data = form.cleaned_data
        try:
            move = table_services.guest_move(
                session=session, round_index=data["round"], participant=data["participant"], table=data["table"]
            )
        except ValidationError as problem:
            error = " ".join(problem.messages)
        else:
            message = _("%(name)s zit in ronde %(round)s aan tafel %(table)s. Nieuwe ontmoetingen: %(ratio)s.") % {
                "name": data["participant"].name,
                "round": data["round"] + 1,
                "table": data["table"].number,
                "ratio": f"{move.ratio:.0%}",
            }
            if move.swapped_with is not None:
                message += " " + _("Gewisseld met %(name)s.") % {"name": move.swapped_with.name}
    if request.htmx:
        session.refresh_from_db()
        return _page(request, session, plan_message=message, plan_error=error)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, message)
    return redirect(_url(session) + "#indeling")


@require_GET
@network_view(Action.MANAGE_ACTIVITIES)
def table_cards(request, pk: int):
    session = _session(request, pk)
    if not session.planned_at:
        messages.error(request, _("Maak eerst een indeling."))
        return redirect(_url(session))
    context = {"session": session, "activity": session.activity, "plan": table_services.plan_rows(session)}
    return TemplateResponse(request, "activities/table_cards.html", context)


# One table's solutions or summary on the results form (the form has a pair of these per table).
_RESULT_TEXT = forms.CharField(max_length=table_services.RESULT_LENGTH, required=False, strip=False)


def _results_rows(post, tables: list[Table]) -> tuple[list[dict], dict[int, dict[str, str]]]:
    """The table fields of the results form: per table the text to show with its errors, and the changes
    (only the fields that were on the submitted form; a table that was not keeps its results)."""
    rows, changes = [], {}
    for table in tables:
        row = {"table": table, "solutions": table.solutions, "summary": table.summary, "errors": {}}
        for name in ("solutions", "summary"):
            key = f"{name}-{table.pk}"
            if post is None or key not in post:
                continue
            row[name] = post[key]
            try:
                _RESULT_TEXT.clean(post[key])  # its length, and no NUL character (PostgreSQL refuses it)
            except ValidationError as error:
                row["errors"][name] = (
                    _("Maximaal %(limit)s tekens (nu %(count)s).")
                    % {"limit": table_services.RESULT_LENGTH, "count": len(post[key])}
                    if error.error_list[0].code == "max_length"
                    else error.messages[0]
                )
            else:
                changes.setdefault(table.pk, {})[name] = post[key]
        rows.append(row)
    return rows, changes


def _published_change(post) -> bool | None:
    """The publication as the user set it, or None to leave it: when the box was not on the form (an
    unticked box sends nothing: the form sends what it showed in "published-shown"), or the user left it as
    the form showed it (someone else may have changed it since)."""
    wanted = "published" in post
    if "published-shown" not in post:
        return True if wanted else None
    return wanted if wanted != (post["published-shown"] == "1") else None


@require_http_methods(["GET", "POST"])
@network_view(Action.MANAGE_ACTIVITIES)
def results_edit(request, pk: int):
    session = _session(request, pk)
    tables = list(session.tables.all())
    post = request.POST if request.method == "POST" else None
    data = None
    if post is not None:
        # Fields missing from the submitted form keep their stored values.
        data = {"summary": post.get("summary", session.summary)}
        if "published" in post:
            data["published"] = post["published"]
    form = ResultsForm(data, instance=session)
    rows, changes = _results_rows(post, tables)
    has_errors = any(row["errors"] for row in rows)
    if post is not None and form.is_valid() and not has_errors:
        table_services.results_save(
            session=session,
            tables=changes,
            summary=form.cleaned_data["summary"] if "summary" in post else None,
            published=_published_change(post),
        )
        messages.success(request, _("De resultaten zijn opgeslagen."))
        return redirect(_url(session, "table_results"))
    if post is not None:
        session.refresh_from_db()  # the form keeps the input; the stored publication is shown as stored
    # Which publication the form showed first: kept through a re-rendered form (see _published_change).
    shown = post.get("published-shown") == "1" if post is not None else session.published
    context = {"session": session, "activity": session.activity, "rows": rows, "form": form, "shown": shown}
    response = TemplateResponse(request, "activities/table_results_form.html", context)
    if post is not None:
        response.status_code = 400
    return response


def _results_context(session: TableSession) -> dict:
    return {
        "session": session,
        "activity": session.activity,
        "tables": session.tables.prefetch_related("hosts"),
    }


@require_GET
@network_view(Action.VIEW_ACTIVITIES)
def results(request, pk: int):
    activity = selectors.visible_activity(request.membership, pk)
    session = TableSession.objects.filter(activity=activity).first() if activity else None
    manage = allows(request.membership, Action.MANAGE_ACTIVITIES)
    if session is None or not (session.published or manage):
        raise Http404
    if not can_read_table_results(request.membership, activity):
        raise PermissionDenied
    context = _results_context(session) | {
        "manage": manage,
        "public_url": request.build_absolute_uri(reverse("table_results_public", args=[session.public_token])),
    }
    return TemplateResponse(request, "activities/table_results.html", context)


@require_GET
@public_view
def results_public(request, token: str):
    """The results page for everyone who took part, also without an account (an unguessable link)."""
    session = (
        TableSession.objects.select_related("activity", "activity__network")
        .filter(public_token=token, published=True)
        .first()
    )
    if session is None:
        raise Http404
    context = _results_context(session) | {"public": True, "network": session.activity.network}
    return TemplateResponse(request, "activities/table_results.html", context)
