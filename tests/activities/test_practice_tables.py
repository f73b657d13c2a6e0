"""The praktijktafel in the app: tables with hosts, guests, a plan, moving a guest, cards and published results."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spil.activities import planner, services, table_services
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


def _repeating_move(session):
    """A guest at the full table of round 2 and a table with room and no colleague there, where someone the
    guest met in round 1 sits."""
    seats = list(TableSeat.objects.filter(session=session).select_related("participant"))
    table_of = {(s.round, s.participant_id): s.table_id for s in seats}
    tables = {t.pk: t for t in session.tables.all()}
    for seat in (s for s in seats if s.round == 0):
        guest = seat.participant
        met = [s.participant_id for s in seats if s.round == 0 and s.table_id == seat.table_id and s is not seat]
        for other in met:
            target = table_of[1, other]
            at_target = [s.participant for s in seats if s.round == 1 and s.table_id == target]
            at_own = [s for s in seats if s.round == 1 and s.table_id == table_of[1, guest.pk]]
            # From the full table to one with room: the tables stay even, so it is a move, not a swap.
            no_colleague = guest.organisation not in {p.organisation for p in at_target}
            if target != table_of[1, guest.pk] and len(at_target) < 4 and len(at_own) == 4 and no_colleague:
                return guest, tables[target]
    raise AssertionError("no such move in this plan")


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
    guest, target = _repeating_move(session)
    before = session.ratio
    html = _move(client, session, guest, target).content.decode()
    assert f"zit in ronde 2 aan tafel {target.number}" in html
    assert TableSeat.objects.get(session=session, round=1, participant=guest).table == target
    session.refresh_from_db()
    assert f"{round(session.ratio * 100)}%" in html
    # The stored ratio is the new plan's, measured afresh: the guest now meets someone for the second time.
    current = table_services.layout(session)
    moved = planner.evaluate(current.instance, current.rounds_from_seats(session.seats.all()))
    assert session.ratio == moved.ratio
    assert moved.valid and moved.repeated_pairs == 1 and session.ratio < before
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
    # In the app: for the people who took part (partner A did not), the office and the kerngroep.
    detail = reverse("activities:detail", args=[cast.network.slug, session.activity_id])
    results_link = f'href="{_url(session, "table_results")}"'
    client.force_login(cast.partner_a)
    assert client.get(_url(session, "table_results")).status_code == 403
    assert results_link not in client.get(detail).content.decode()
    client.force_login(cast.core_member)
    assert client.get(_url(session, "table_results")).status_code == 200
    assert results_link in client.get(detail).content.decode()


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
    assert table_services.guests_from_registrations(session=session).added == 3
    assert table_services.guests_from_registrations(session=session).added == 0


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


def test_tampered_moves_get_a_message_and_change_nothing(cast, client):
    session = _amersfoort(cast, guests=16)
    table_services.session_plan(session=session)
    other = _amersfoort(cast, guests=4)
    client.force_login(cast.backoffice)
    guest = TableParticipant.objects.filter(session=session, role="guest").first()
    host = TableParticipant.objects.filter(session=session, role="host").first()
    table = session.tables.first()
    stored = sorted(TableSeat.objects.filter(session=session).values_list("round", "participant", "table"))
    for data in (
        {"round": "een", "participant": guest.pk, "table": table.pk},
        {"round": -1, "participant": guest.pk, "table": table.pk},
        {"round": 99, "participant": guest.pk, "table": table.pk},
        {"round": "9" * 30, "participant": guest.pk, "table": table.pk},
        {"round": 1, "participant": "abc", "table": table.pk},
        {"round": 1, "participant": host.pk, "table": table.pk},
        {"round": 1, "participant": guest.pk, "table": other.tables.first().pk},
        {},
    ):
        for headers in ({"HX-Request": "true"}, {}):
            response = client.post(_url(session, "table_move"), data, headers=headers, follow=True)
            assert response.status_code == 200, data
            assert "alert-danger" in response.content.decode() or "text-danger" in response.content.decode(), data
    assert sorted(TableSeat.objects.filter(session=session).values_list("round", "participant", "table")) == stored


def test_a_guest_may_swap_with_the_only_colleague_at_a_full_table(cast):
    session = _amersfoort(cast, guests=20)  # 20 guests at 5 tables of 4: every table is full
    table_services.session_plan(session=session)
    seats = list(TableSeat.objects.filter(session=session, round=0).select_related("participant"))
    seat = seats[0]
    [colleague_seat] = [
        s for s in seats if s.participant.organisation == seat.participant.organisation and s is not seat
    ]
    move = table_services.guest_move(
        session=session, round_index=0, participant=seat.participant, table=colleague_seat.table
    )
    assert move.swapped_with is not None
    assert TableSeat.objects.get(session=session, round=0, participant=seat.participant).table == colleague_seat.table


def test_impossible_organisations_and_pins_are_explained_in_dutch_with_names(cast, client):
    session = _amersfoort(cast, guests=0)
    soest = session.tables.get(brought_by="Gemeente Soest")
    table_services.guest_add(session=session, name="Sanne de Vries", organisation="gemeente soest ", pinned_table=soest)
    client.force_login(cast.backoffice)
    html = client.post(_url(session, "table_plan"), follow=True).content.decode()
    assert f"Sanne de Vries heeft een vaste plaats aan tafel {soest.number}" in html
    assert "Gemeente Soest" in html
    assert "Guest" not in html and "pinned to" not in html
    TableParticipant.objects.filter(name="Sanne de Vries").delete()
    for i in range(6):  # six colleagues, five tables
        table_services.guest_add(session=session, name=f"Collega {i}", organisation="Zorggroep Eemland")
    html = client.post(_url(session, "table_plan"), follow=True).content.decode()
    assert "Zorggroep Eemland heeft 6 deelnemers, maar er zijn maar 5 tafels" in html
    assert not TableSeat.objects.exists()


def test_saving_unchanged_settings_keeps_the_plan_and_bad_settings_are_shown_per_field(cast, client):
    session = _amersfoort(cast, guests=8)
    table_services.session_plan(session=session)
    client.force_login(cast.backoffice)
    response = client.post(_url(session), {"rounds": 2, "seats_per_table": 6}, follow=True)
    assert "Opgeslagen." in response.content.decode()
    session.refresh_from_db()
    assert session.planned_at is not None and TableSeat.objects.filter(session=session).exists()
    response = client.post(_url(session), {"rounds": "twee", "seats_per_table": ""})
    assert response.status_code == 400
    assert set(response.context["settings_form"].errors) == {"rounds", "seats_per_table"}
    assert 'id="id_rounds_error"' in response.content.decode()
    session.refresh_from_db()
    assert (session.rounds, session.seats_per_table) == (2, 6) and session.planned_at is not None
    response = client.post(_url(session), {"rounds": 3, "seats_per_table": 6}, follow=True)
    assert "maak opnieuw een indeling" in response.content.decode()
    session.refresh_from_db()
    assert session.planned_at is None and not TableSeat.objects.filter(session=session).exists()


def _page_queries(client, session) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(session)).status_code == 200
    return len(queries)


def test_guests_who_cancelled_are_flagged_and_leave_in_one_click_or_on_the_next_import(cast, client):
    session = _amersfoort(cast, guests=0)
    registrations = register(session.activity, 6)
    table_services.guests_from_registrations(session=session)
    table_services.session_plan(session=session)
    client.force_login(cast.backoffice)
    services.registration_cancel(registration_id=registrations[0].pk)
    one = _page_queries(client, session)
    html = client.get(_url(session)).content.decode()
    assert "1 deelnemer heeft zich afgemeld" in html and registrations[0].name in html
    services.registration_cancel(registration_id=registrations[1].pk)
    services.registration_cancel(registration_id=registrations[2].pk)
    assert _page_queries(client, session) == one  # the notice costs the same for three as for one
    assert "3 deelnemers hebben zich afgemeld" in client.get(_url(session)).content.decode()
    response = client.post(_url(session, "table_cancelled_remove"), follow=True)
    assert "3 afgemelde(n) weggehaald" in response.content.decode()
    assert "zich afgemeld" not in response.content.decode()
    names = set(TableParticipant.objects.filter(session=session, role="guest").values_list("name", flat=True))
    assert names == {r.name for r in registrations[3:]}
    session.refresh_from_db()
    assert session.planned_at is None and not TableSeat.objects.filter(session=session).exists()
    # Importing the registrations again also takes out who cancelled since (and adds nobody twice).
    services.registration_cancel(registration_id=registrations[3].pk)
    imported = table_services.guests_from_registrations(session=session)
    assert (imported.added, imported.removed) == (0, 1)
    assert TableParticipant.objects.filter(session=session, role="guest").count() == 2


def test_the_results_page_is_for_who_took_part_the_office_and_the_kerngroep(cast, client):
    session = _amersfoort(cast, guests=0)
    TableSession.objects.filter(pk=session.pk).update(published=True)
    url = _url(session, "table_results")
    for user, status in ((cast.backoffice, 200), (cast.core_member, 200), (cast.partner_a, 403)):
        client.force_login(user)
        assert client.get(url).status_code == status, user
    [registration] = register(session.activity, 1, prefix="partner-a")  # partner-a0@…: not Anna's address
    client.force_login(cast.partner_a)
    assert client.get(url).status_code == 403
    registration.email = cast.partner_a.email
    registration.save(update_fields=["email"])
    assert client.get(url).status_code == 200
    services.registration_cancel(registration_id=registration.pk)
    assert client.get(url).status_code == 403


def _with_results(cast):
    session = _amersfoort(cast, guests=0)
    tables = list(session.tables.all())
    for table in tables:
        table.solutions, table.summary = f"Oplossing {table.number}", f"Samenvatting {table.number}"
        table.save()
    TableSession.objects.filter(pk=session.pk).update(published=True, summary="Middag")
    return session, tables


def test_saving_results_changes_only_the_tables_and_publication_on_the_form(cast, client):
    session, tables = _with_results(cast)
    first, second = tables[0], tables[1]
    client.force_login(cast.backoffice)
    # A form with one table only, and without the publication: the rest stays as it was.
    response = client.post(_url(session, "table_results_edit"), {f"solutions-{first.pk}": "Nieuw", "summary": "Anders"})
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    session.refresh_from_db()
    assert (first.solutions, first.summary) == ("Nieuw", "Samenvatting 1")
    assert (second.solutions, second.summary) == ("Oplossing 2", "Samenvatting 2")
    assert session.published and session.summary == "Anders"
    # A stale form showed "not published": leaving the box unticked keeps the publication someone made since.
    client.post(_url(session, "table_results_edit"), {"summary": "Anders", "published-shown": "0"})
    session.refresh_from_db()
    assert session.published
    # Unticking the box the form showed ticked withdraws it.
    client.post(_url(session, "table_results_edit"), {"summary": "Anders", "published-shown": "1"})
    session.refresh_from_db()
    assert not session.published
    page = client.get(_url(session, "table_results_edit")).content.decode()
    assert 'name="published-shown" value="0"' in page


def test_too_long_results_get_a_message_per_field_and_change_nothing(cast, client):
    session, tables = _with_results(cast)
    first, second = tables[0], tables[1]
    client.force_login(cast.backoffice)
    long = "x" * (table_services.RESULT_LENGTH + 1)
    response = client.post(
        _url(session, "table_results_edit"),
        {f"solutions-{first.pk}": long, f"summary-{second.pk}": "Kort en goed", "summary": "Nieuw"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="solutions-{first.pk}_error"' in html and "Maximaal 5000 tekens (nu 5001)" in html
    assert long in html and "Kort en goed" in html  # what was typed is kept
    for table in (first, second):
        table.refresh_from_db()
    session.refresh_from_db()
    assert (first.solutions, second.summary, session.summary) == ("Oplossing 1", "Samenvatting 2", "Middag")


def test_a_nul_character_in_a_table_result_is_a_field_error_not_a_database_error(cast, client):
    session, tables = _with_results(cast)
    first = tables[0]
    client.force_login(cast.backoffice)
    response = client.post(_url(session, "table_results_edit"), {f"solutions-{first.pk}": "a\x00b", "summary": "Nieuw"})
    assert response.status_code == 400
    assert f'id="solutions-{first.pk}_error"' in response.content.decode()
    first.refresh_from_db()
    session.refresh_from_db()
    assert (first.solutions, session.summary) == ("Oplossing 1", "Middag")


def test_a_summary_keeps_its_lines_and_a_table_added_by_mistake_can_be_deleted(cast, client):
    session, tables = _with_results(cast)
    Table.objects.filter(pk=tables[0].pk).update(summary="Eerste regel\nTweede regel")
    client.force_login(cast.backoffice)
    assert "Eerste regel<br>Tweede regel" in client.get(_url(session, "table_results")).content.decode()
    table_services.guest_add(session=session, name="Vast", organisation="", pinned_table=tables[1])
    table_services.guest_add(session=session, name="Vrij", organisation="")
    table_services.session_plan(session=session)
    delete = reverse("activities:table_delete", args=[session.activity.network.slug, session.activity_id, tables[1].pk])
    assert "Tafel 2 verwijderen?" in client.get(delete).content.decode()
    assert Table.objects.filter(pk=tables[1].pk).exists()  # asking changes nothing
    response = client.post(delete, follow=True)
    assert "Tafel 2 is verwijderd" in response.content.decode()
    assert not Table.objects.filter(pk=tables[1].pk).exists()
    assert not TableParticipant.objects.filter(session=session, name="Wethouder Amersfoort").exists()
    assert TableParticipant.objects.get(session=session, name="Vast").pinned_table is None
    session.refresh_from_db()
    assert session.planned_at is None and not TableSeat.objects.filter(session=session).exists()
    table_services.session_plan(session=session)  # the four tables left can be planned
    other = _amersfoort(cast, guests=0)
    stranger = reverse("activities:table_delete", args=[session.activity.network.slug, other.activity_id, tables[0].pk])
    assert client.post(stranger).status_code == 404
