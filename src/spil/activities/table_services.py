"""Use cases of the praktijktafel (seed 003): tables with fixed hosts, guests, the plan, moves and results.

The seating itself comes from `planner` (Python with NumPy, also used by `spil tables plan`). Here people of
the session get planner ids: hosts first, table by table (t·H … t·H+H−1), then the guests.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import planner
from .models import (
    Activity,
    ActivityKind,
    Registration,
    RegistrationStatus,
    Table,
    TableParticipant,
    TableRole,
    TableSeat,
    TableSession,
)


@dataclass
class Layout:
    """A session as the planner sees it, with the way back from ids to tables and participants."""

    instance: planner.Instance
    tables: list[Table]
    people: list[TableParticipant]  # index = planner id
    guest_ids: dict[int, int]  # participant pk -> planner id

    def rounds_from_seats(self, seats) -> list[list[list[int]]]:
        """The stored plan as round -> table -> planner ids (hosts included)."""
        h = self.instance.hosts_per_table
        position = {table.pk: index for index, table in enumerate(self.tables)}
        rounds = [[list(range(t * h, t * h + h)) for t in range(len(self.tables))] for _ in range(self.instance.rounds)]
        for seat in seats:
            if seat.round < self.instance.rounds and seat.participant_id in self.guest_ids:
                rounds[seat.round][position[seat.table_id]].append(self.guest_ids[seat.participant_id])
        return [[sorted(people) for people in tables] for tables in rounds]


def session_create(*, activity: Activity, session: TableSession) -> TableSession:
    with transaction.atomic(durable=True):
        session.activity = activity
        session.save()
        if activity.kind != ActivityKind.PRACTICE_TABLE:
            Activity.objects.filter(pk=activity.pk).update(kind=ActivityKind.PRACTICE_TABLE)
    return session


def session_settings_save(*, session: TableSession, changed: list[str]) -> bool:
    """Save the session's settings; when the rounds or seats changed a plan no longer fits, so it is cleared.
    Returns whether a plan was cleared."""
    cleared = session.planned_at is not None and bool({"rounds", "seats_per_table"} & set(changed))
    with _changing(session.pk):
        session.save()
        if cleared:
            _clear_plan(session)
    return cleared


def _clear_plan(session: TableSession) -> None:
    TableSeat.objects.filter(session=session).delete()
    TableSession.objects.filter(pk=session.pk).update(ratio=None, planned_at=None)
    session.ratio = session.planned_at = None


def table_save(*, table: Table, hosts: list[tuple[str, str]]) -> Table:
    """Save a table with its fixed hosts (name, organisation), replacing the hosts it had."""
    with _changing(table.session_id):
        if table.number is None:
            last = Table.objects.filter(session=table.session).order_by("-number").first()
            table.number = (last.number + 1) if last else 1
        table.save()
        old = list(TableParticipant.objects.filter(table=table, role=TableRole.HOST).order_by("pk"))
        if [(p.name, p.organisation) for p in old] != hosts:
            TableParticipant.objects.filter(pk__in=[p.pk for p in old]).delete()
            TableParticipant.objects.bulk_create(
                TableParticipant(session=table.session, name=n, organisation=o, role=TableRole.HOST, table=table)
                for n, o in hosts
            )
            _clear_plan(table.session)
    return table


def guest_add(*, session: TableSession, name: str, organisation: str, pinned_table: Table | None = None):
    with _changing(session.pk):
        guest = TableParticipant.objects.create(
            session=session, name=name, organisation=organisation, pinned_table=pinned_table
        )
        _clear_plan(session)
    return guest


def guest_remove(*, participant: TableParticipant) -> None:
    with _changing(participant.session_id):
        session = participant.session
        participant.delete()
        _clear_plan(session)


def table_delete(*, table: Table) -> None:
    """Remove a table added by mistake, with its fixed hosts; guests pinned to it lose the pin. The plan no
    longer fits, so it is cleared."""
    with _changing(table.session_id):
        session = table.session
        table.delete()
        _clear_plan(session)


def cancelled_guests(session: TableSession):
    """Guests whose registration for the activity was cancelled after they joined the praktijktafel."""
    return session.participants.filter(role=TableRole.GUEST, registration__status=RegistrationStatus.CANCELLED)


def _remove_cancelled(session: TableSession) -> int:
    _total, per_model = cancelled_guests(session).delete()  # their seats go with them
    removed = per_model.get(TableParticipant._meta.label, 0)
    if removed:
        _clear_plan(session)
    return removed


def guests_cancelled_remove(*, session: TableSession) -> int:
    """Remove the guests who cancelled their registration (the plan is cleared, as when removing a guest).
    Returns how many were removed."""
    with _changing(session.pk):
        return _remove_cancelled(session)


@dataclass
class Import:
    added: int
    removed: int  # guests whose registration was cancelled meanwhile


def guests_from_registrations(*, session: TableSession) -> Import:
    """Everyone registered for the activity joins as a guest (once); who cancelled since leaves."""
    with _changing(session.pk):
        removed = _remove_cancelled(session)
        known = set(session.participants.exclude(registration=None).values_list("registration_id", flat=True))
        registered = Registration.objects.filter(
            activity=session.activity, status=RegistrationStatus.REGISTERED
        ).select_related("organisation")
        new = [
            TableParticipant(
                session=session,
                name=r.name,
                organisation=r.organisation.name if r.organisation else "",
                registration=r,
            )
            for r in registered
            if r.pk not in known
        ]
        TableParticipant.objects.bulk_create(new)
        if new:
            _clear_plan(session)
    return Import(added=len(new), removed=removed)


def _hosts_by_table(tables, participants) -> dict[int, list[TableParticipant]]:
    return {t.pk: [p for p in participants if p.role == TableRole.HOST and p.table_id == t.pk] for t in tables}


def layout(session: TableSession) -> Layout:
    """The planner instance of the session, or a ValidationError that says what to fix (in Dutch)."""
    tables = list(session.tables.all())
    participants = list(session.participants.all())
    hosts = _hosts_by_table(tables, participants)
    guests = [p for p in participants if p.role == TableRole.GUEST]
    if not tables:
        raise ValidationError(_("Voeg eerst de tafels toe, met hun vraag en vaste gasten."))
    counts = {len(people) for people in hosts.values()}
    if len(counts) > 1:
        raise ValidationError(
            _("Geef elke tafel evenveel vaste gasten (nu tussen %(low)s en %(high)s).")
            % {"low": min(counts), "high": max(counts)}
        )
    h = counts.pop()
    if h >= session.seats_per_table:
        raise ValidationError(_("Er zijn meer vaste gasten dan stoelen aan een tafel."))
    room = len(tables) * (session.seats_per_table - h)
    if len(guests) > room:
        raise ValidationError(
            _("%(guests)s deelnemers passen niet: er zijn %(room)s plaatsen per ronde. Voeg een tafel of stoelen toe.")
            % {"guests": len(guests), "room": room}
        )
    people = [p for table in tables for p in hosts[table.pk]] + guests
    position = {table.pk: index for index, table in enumerate(tables)}
    first_guest = len(tables) * h
    organisations = {i: _organisation_key(p) for i, p in enumerate(people) if _organisation_key(p)}
    pins = [
        (first_guest + i, position[g.pinned_table_id]) for i, g in enumerate(guests) if g.pinned_table_id in position
    ]
    try:
        instance = planner.Instance(
            tables=len(tables),
            seats=session.seats_per_table,
            rounds=session.rounds,
            hosts_per_table=h,
            guests=len(guests),
            organisations=organisations,
            pins=pins,
        )
    except planner.PlanError as error:
        raise ValidationError(_infeasible_message(error, tables, people)) from error
    guest_ids = {g.pk: first_guest + i for i, g in enumerate(guests)}
    return Layout(instance=instance, tables=tables, people=people, guest_ids=guest_ids)


def _organisation_key(participant: TableParticipant) -> str:
    """Colleagues are people with the same organisation, whatever its capitals or spaces around it."""
    return participant.organisation.strip().lower()


#: Why no plan is possible, per PlanError code, in the words and numbers people see.
_INFEASIBLE = {
    "host_colleagues": gettext_lazy(
        "Aan tafel %(number)s zitten twee vaste gasten van %(organisation)s, maar collega's zitten niet aan "
        "één tafel. Kies voor een van hen een andere tafel."
    ),
    "pin_host_colleague": gettext_lazy(
        "%(name)s heeft een vaste plaats aan tafel %(number)s, waar een vaste gast ook van %(organisation)s "
        "is. Collega's zitten niet aan één tafel: kies een andere tafel voor %(name)s."
    ),
    "pin_colleagues": gettext_lazy(
        "Twee deelnemers van %(organisation)s hebben een vaste plaats aan tafel %(number)s, maar collega's "
        "zitten niet aan één tafel."
    ),
    "pins_full": gettext_lazy(
        "Aan tafel %(number)s hebben %(count)s deelnemers een vaste plaats, maar met alle tafels even vol "
        "passen er %(limit)s. Geef minder deelnemers daar een vaste plaats."
    ),
    "pins_crowded": gettext_lazy(
        "Aan %(crowded)s tafels hebben meer dan %(least)s deelnemers een vaste plaats; met alle tafels even "
        "vol kan dat aan %(limit)s tafels. Geef minder deelnemers een vaste plaats."
    ),
    "organisation_crowded": gettext_lazy(
        "%(organisation)s heeft %(count)s deelnemers, maar er zijn maar %(places)s tafels waar geen collega "
        "vaste gast is of een vaste plaats heeft. Collega's zitten niet aan één tafel: voeg een tafel toe of "
        "laat minder collega's meedoen."
    ),
}


def _infeasible_message(error: planner.PlanError, tables: list[Table], people: list[TableParticipant]) -> str:
    """Why no plan is possible, in Dutch, with the names and table numbers people see (the planner's own
    message is English and counts from 0)."""
    params = error.params
    values = dict(params)
    if "organisation" in params:
        label = params["organisation"]
        values["organisation"] = next((p.organisation.strip() for p in people if _organisation_key(p) == label), label)
    if "table" in params:
        values["number"] = tables[params["table"]].number
    if "person" in params:
        values["name"] = people[params["person"]].name
    if error.code in _INFEASIBLE:
        return str(_INFEASIBLE[error.code]) % values
    return _(
        "Zo is er geen indeling mogelijk: collega's van één organisatie zitten niet aan één tafel, en de "
        "organisaties en vaste plaatsen laten te weinig plaatsen over. Voeg een tafel toe of haal een vaste "
        "plaats weg."
    )


def session_plan(*, session: TableSession, seed: int = 0) -> planner.Plan:
    """Make a plan for every round and keep it (a new plan replaces the old one)."""
    with _changing(session.pk):
        return plan_and_store(session=session, seed=seed)


def plan_and_store(*, session: TableSession, seed: int = 0) -> planner.Plan:
    """The work of session_plan, inside the caller's transaction (also used by the demo loader)."""
    current = layout(session)
    result = planner.plan(current.instance, seed=seed)
    _store(session, current, result.rounds, result.ratio)
    return result


def _store(session: TableSession, current: Layout, rounds, ratio: float) -> None:
    TableSeat.objects.filter(session=session).delete()
    first_guest = current.instance.first_guest
    TableSeat.objects.bulk_create(
        TableSeat(session=session, round=r, table=current.tables[t], participant=current.people[person])
        for r, tables in enumerate(rounds)
        for t, people in enumerate(tables)
        for person in people
        if person >= first_guest
    )
    session.ratio = ratio
    session.planned_at = timezone.now()
    TableSession.objects.filter(pk=session.pk).update(ratio=ratio, planned_at=session.planned_at)


@dataclass
class Move:
    ratio: float
    swapped_with: TableParticipant | None


def guest_move(*, session: TableSession, round_index: int, participant: TableParticipant, table: Table) -> Move:
    """Move a guest to another table in one round. When that table is full, or the move would fill the
    tables unevenly, the guest changes places with the guest of that table for whom the plan stays best.
    Refused with a clear message when neither can be done.

    The session is locked while the plan is read, checked and written, so that two people moving guests at
    the same moment cannot together overfill a table or seat colleagues together."""
    with _changing(session.pk):
        current = layout(session)
        rounds = current.rounds_from_seats(session.seats.all())
        guest = current.guest_ids.get(participant.pk)
        if guest is None or not 0 <= round_index < current.instance.rounds or table not in current.tables:
            raise ValidationError(_("Deze deelnemer of ronde hoort niet bij deze praktijktafel."))
        to_table = current.tables.index(table)
        if guest in rounds[round_index][to_table]:
            return Move(ratio=session.ratio or 0.0, swapped_with=None)
        swapped_with = None
        try:
            moved = planner.move_guest(current.instance, rounds, round_index, guest, to_table)
        except planner.PlanError as error:
            if error.code not in {"full", "uneven"}:
                raise ValidationError(_move_message(error, participant, table)) from error
            moved, swapped_with = _best_swap(current, rounds, round_index, guest, to_table, participant, table)
        ratio = planner.evaluate(current.instance, moved).ratio
        TableSeat.objects.filter(session=session, round=round_index, participant=participant).update(table=table)
        if swapped_with is not None:
            origin = current.tables[_table_of(rounds[round_index], guest)]
            TableSeat.objects.filter(session=session, round=round_index, participant=swapped_with).update(table=origin)
        TableSession.objects.filter(pk=session.pk).update(ratio=ratio)
    session.ratio = ratio
    return Move(ratio=ratio, swapped_with=swapped_with)


@contextmanager
def _changing(session_id: int):
    """A transaction that changes a session's tables, guests or plan, with the session locked first: a move
    checks the plan it read, so a re-plan, a removed guest or table, or another move must not change it
    meanwhile.

    PostgreSQL takes a row lock; SQLite's IMMEDIATE transactions already hold the write lock."""
    with transaction.atomic(durable=True):
        _lock_session(session_id)
        yield


def _lock_session(session_id: int) -> None:
    TableSession.objects.select_for_update().filter(pk=session_id).first()


def _table_of(tables, person: int) -> int:
    return next(index for index, people in enumerate(tables) if person in people)


def _colleague_message(participant: TableParticipant, table: Table) -> str:
    return _("Aan tafel %(number)s zit al iemand van %(organisation)s.") % {
        "number": table.number,
        "organisation": participant.organisation,
    }


def _best_swap(current: Layout, rounds, round_index: int, guest: int, to_table: int, participant, table):
    best = None
    for other in rounds[round_index][to_table]:
        if not current.instance.is_guest(other):
            continue
        try:
            swapped = planner.swap_guests(current.instance, rounds, round_index, guest, other)
        except planner.PlanError:
            continue
        ratio = planner.evaluate(current.instance, swapped).ratio
        if best is None or ratio > best[0]:
            best = (ratio, swapped, current.people[other])
    if best is None:
        key = _organisation_key(participant)
        if key and any(_organisation_key(current.people[p]) == key for p in rounds[round_index][to_table]):
            raise ValidationError(_colleague_message(participant, table))
        raise ValidationError(
            _("Tafel %(number)s is in deze ronde vol, en niemand daar kan met %(name)s van plaats wisselen.")
            % {"number": table.number, "name": participant.name}
        )
    return best[1], best[2]


def _move_message(error: planner.PlanError, participant: TableParticipant, table: Table) -> str:
    if error.code == "pinned":
        return _("%(name)s zit vast aan een andere tafel.") % {"name": participant.name}
    if error.code == "colleague":
        return _colleague_message(participant, table)
    return _("Deze verplaatsing kan niet.")


def plan_rows(session: TableSession):
    """The stored plan for pages: per round, per table, the hosts and the guests (participants)."""
    tables = list(session.tables.all())
    participants = list(session.participants.all())
    hosts = _hosts_by_table(tables, participants)
    by_pk = {p.pk: p for p in participants}
    seated = {}
    rows = session.seats.order_by("round", "participant_id").values_list("round", "table_id", "participant_id")
    for round_index, table_id, participant_id in rows:
        seated.setdefault((round_index, table_id), []).append(by_pk[participant_id])
    # Labels are made once per table here: in a template loop over every round they cost the most.
    labels = {}
    for t in tables:
        title = _("Tafel %(number)s") % {"number": t.number}
        labels[t.pk] = (
            f"{title}: {t.brought_by}" if t.brought_by else title,
            _("tafel %(number)s") % {"number": t.number},
        )
    return [
        {
            "number": r + 1,
            "index": r,
            "tables": [
                {
                    "table": t,
                    "title": labels[t.pk][0],
                    "short": labels[t.pk][1],
                    "hosts": hosts[t.pk],
                    "guests": seated.get((r, t.pk), []),
                }
                for t in tables
            ],
        }
        for r in range(session.rounds)
    ]


#: The most characters of one text of a table's results (solutions, summary).
RESULT_LENGTH = 5000


def results_save(
    *,
    session: TableSession,
    tables: dict[int, dict[str, str]],
    summary: str | None = None,
    published: bool | None = None,
) -> TableSession:
    """Solutions and a summary per table, the summary of the session, and whether participants can read it.

    Only what is given changes: the tables in ``tables`` (and of those only the fields given), the session's
    summary unless None, the publication unless None."""
    with transaction.atomic(durable=True):
        for table in session.tables.filter(pk__in=list(tables)):
            fields = [name for name in ("solutions", "summary") if name in tables[table.pk]]
            for name in fields:
                setattr(table, name, tables[table.pk][name])
            if fields:
                table.save(update_fields=fields)
        fields = []
        if summary is not None:
            session.summary = summary
            fields.append("summary")
        if published is not None:
            session.published = published
            fields.append("published")
        if fields:
            session.save(update_fields=fields)
    return session
