"""The praktijktafel in the app: tables with hosts, guests, a plan, moving a guest, cards and published results."""

from django.urls import reverse

from spil.activities import table_services
from spil.activities.models import Table, TableParticipant, TableSeat, TableSession
from tests.activities.factories import make_activity, register

MUNICIPALITIES = ["Soest", "Amersfoort", "Leusden", "Baarn", "Woudenberg"]


def _amersfoort(cast, guests: int = 20) -> TableSession:
    activity = make_activity(cast.network, kind="practice_table", title="Praktijktafel inclusie")
    session = table_services.session_create(activity=activity, session=TableSession(rounds=2, seats_per_table=6))
    for name in MUNICIPALITIES:
        table_services.table_save(
            table=Table(session=session, brought_by=f"Gemeente {name}", question=f"Vraag van {name}?"),
            hosts=[(f"Wethouder {name}", f"Gemeente {name}"), (f"Kerngroeplid {name}", f"Werkgever {name}")],
        )
    for i in range(guests):
        # Pairs of colleagues: they may never share a table in a round.
        table_services.guest_add(session=session, name=f"Gast {i}", organisation=f"Bedrijf {i // 2}")
    return session


def _url(session, name="tables"):
    return reverse(f"activities:{name}", args=[session.activity.network.slug, session.activity_id])


def test_plan_respects_hosts_capacity_and_colleagues_and_reports_the_ratio(cast, client):
    session = _amersfoort(cast)
    client.force_login(cast.backoffice)
    response = client.post(_url(session, "table_plan"), follow=True)
    assert "De indeling is klaar" in response.content.decode()
    session.refresh_from_db()
    assert session.ratio > 0.9
    seats = list(TableSeat.objects.filter(session=session).select_related("participant", "table"))
    assert len(seats) == 20 * 2
    for round_index in range(2):
        in_round = [s for s in seats if s.round == round_index]
        assert len({s.participant_id for s in in_round}) == 20
        for table in session.tables.all():
            at_table = [s.participant for s in in_round if s.table_id == table.pk]
            assert len(at_table) + 2 <= 6
            organisations = [p.organisation for p in at_table]
            assert len(organisations) == len(set(organisations))
    page = client.get(_url(session))
    assert page.status_code == 200
    assert f"{round(session.ratio * 100)}%" in page.content.decode()


def _valid_move(session, round_index, *, into=None):
    """A guest and a table with room and no colleague of the guest in that round."""
    seats = list(TableSeat.objects.filter(session=session, round=round_index).select_related("participant"))
    for table in [into] if into else session.tables.all():
        at_table = [s for s in seats if s.table_id == table.pk]
        if len(at_table) >= 4:
            continue
        organisations = {s.participant.organisation for s in at_table}
        for seat in seats:
            if seat.table_id != table.pk and seat.participant.organisation not in organisations:
                return seat.participant, table
    return None, None


def _move(client, session, guest, table):
    return client.post(
        _url(session, "table_move"),
        {"round": 1, "participant": guest.pk, "table": table.pk},
        headers={"HX-Request": "true"},
    )


def test_moving_a_guest_updates_the_ratio_and_refuses_full_tables_and_colleagues(cast, client):
    session = _amersfoort(cast, guests=16)
    table_services.session_plan(session=session)
    client.force_login(cast.backoffice)
    guest, target = _valid_move(session, 1)
    html = _move(client, session, guest, target).content.decode()
    assert f"zit in ronde 2 aan tafel {target.number}" in html
    assert TableSeat.objects.get(session=session, round=1, participant=guest).table == target
    session.refresh_from_db()
    assert f"{round(session.ratio * 100)}%" in html
    # A colleague may not join a table where someone of the same organisation sits.
    seats = list(TableSeat.objects.filter(session=session, round=1).select_related("participant"))
    with_room = [s for s in seats if sum(o.table_id == s.table_id for o in seats) < 4]
    first = with_room[0]
    colleague = (
        TableParticipant.objects.filter(session=session, organisation=first.participant.organisation)
        .exclude(pk=first.participant_id)
        .get()
    )
    before = TableSeat.objects.get(session=session, round=1, participant=colleague).table_id
    assert before != first.table_id
    html = _move(client, session, colleague, first.table).content.decode()
    assert f"zit al iemand van {colleague.organisation}" in html
    assert TableSeat.objects.get(session=session, round=1, participant=colleague).table_id == before
    # Balanced tables: 16 guests at 5 tables of 4 guest seats means one full table in each round.
    target = next(
        t for t in session.tables.all() if TableSeat.objects.filter(session=session, round=1, table=t).count() == 4
    )
    full = list(TableSeat.objects.filter(session=session, round=1, table=target).values_list("participant", flat=True))
    assert len(full) == 4
    # Into a full table: the guest changes places with someone there (who is no colleague of anyone).
    organisations = set(TableParticipant.objects.filter(pk__in=full).values_list("organisation", flat=True))
    outside_seat = next(
        s
        for s in TableSeat.objects.filter(session=session, round=1).exclude(table=target).select_related("participant")
        if s.participant.organisation not in organisations
    )
    html = _move(client, session, outside_seat.participant, target).content.decode()
    assert "Gewisseld met" in html
    assert TableSeat.objects.get(session=session, round=1, participant=outside_seat.participant).table == target
    assert TableSeat.objects.filter(session=session, round=1, table=target).count() == 4
    swapped = TableSeat.objects.filter(session=session, round=1, participant__in=full, table=outside_seat.table)
    assert swapped.count() == 1


def test_cards_results_and_publication(cast, client):
    session = _amersfoort(cast)
    table_services.session_plan(session=session)
    client.force_login(cast.backoffice)
    cards = client.get(_url(session, "table_cards")).content.decode()
    assert cards.count('class="table-card') == 5 * 2
    baarn = session.tables.get(brought_by="Gemeente Baarn")
    client.post(
        _url(session, "table_results_edit"),
        {
            f"solutions-{baarn.pk}": "• Eenduidig organiseren\n• Bedrijvenkring centraal\n\n",
            f"summary-{baarn.pk}": "Veel initiatieven; maak ze bekend.",
            "summary": "Een interactieve middag.",
        },
    )
    baarn.refresh_from_db()
    assert baarn.solution_lines() == ["Eenduidig organiseren", "Bedrijvenkring centraal"]
    session.refresh_from_db()
    public = reverse("table_results_public", args=[session.public_token])
    client.logout()
    assert client.get(public).status_code == 404  # not published yet
    client.force_login(cast.partner_a)
    assert client.get(_url(session, "table_results")).status_code == 404
    client.force_login(cast.backoffice)
    client.post(
        _url(session, "table_results_edit"),
        {f"solutions-{baarn.pk}": baarn.solutions, "summary": session.summary, "published": "on"},
    )
    client.logout()
    page = client.get(public)
    assert page.status_code == 200
    assert "Bedrijvenkring centraal" in page.content.decode()
    client.force_login(cast.partner_a)
    assert client.get(_url(session, "table_results")).status_code == 200


def test_unequal_hosts_or_too_many_guests_get_a_clear_message(cast, client):
    session = _amersfoort(cast, guests=21)
    client.force_login(cast.backoffice)
    response = client.post(_url(session, "table_plan"), follow=True)
    assert "21 deelnemers passen niet" in response.content.decode()
    table_services.table_save(table=session.tables.first(), hosts=[("Alleen", "Gemeente")])
    response = client.post(_url(session, "table_plan"), follow=True)
    assert "evenveel vaste gasten" in response.content.decode()
    assert not TableSeat.objects.exists()


def test_registered_people_join_as_guests_once(cast):
    session = _amersfoort(cast, guests=0)
    register(session.activity, 3)
    assert table_services.guests_from_registrations(session=session) == 3
    assert table_services.guests_from_registrations(session=session) == 0


def test_removing_a_guest_clears_the_plan_and_a_bad_choice_gets_a_message(cast, client):
    session = _amersfoort(cast, guests=4)
    table_services.session_plan(session=session)
    client.force_login(cast.backoffice)
    guest = TableParticipant.objects.filter(session=session, role="guest").first()
    response = client.post(_url(session, "table_guest_remove"), {"participant": "x"}, follow=True)
    assert "Kies de deelnemer" in response.content.decode()
    client.post(_url(session, "table_guest_remove"), {"participant": guest.pk})
    assert not TableParticipant.objects.filter(pk=guest.pk).exists()
    session.refresh_from_db()
    assert session.planned_at is None
    assert not TableSeat.objects.filter(session=session).exists()
