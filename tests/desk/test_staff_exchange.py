"""Collegial staff exchange: surplus and need are paired by tasks, period and distance; both sides accept,
then the desk follows up."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from spil.desk import exchange
from spil.desk.models import ExchangeMatch, ExchangeStatus, StaffOffer
from tests.cast import make_organisation, make_partnership


def offer(cast, organisation, kind, tasks, start=0, days=30, postcode="3811 AB", user=None):
    today = timezone.localdate()
    return exchange.staff_offer_create(
        network=cast.network,
        organisation=organisation,
        data={
            "kind": kind,
            "tasks": tasks,
            "people": 2,
            "starts_on": today + timedelta(days=start),
            "ends_on": today + timedelta(days=start + days - 1),
            "postcode": postcode,
        },
        user=user,
    )


def test_pairs_rank_by_shared_tasks_overlap_and_distance(cast):
    need = offer(cast, cast.org_a, "need", "Orderpicken, inpakken", days=20)
    near = offer(cast, cast.org_b, "surplus", "inpakken, orderpicken, schoonmaken", days=20)
    far_org = make_organisation("Transport Twente", "11112222")
    make_partnership(cast.network, far_org)
    far = offer(cast, far_org, "surplus", "inpakken", days=20, postcode="7511 AA")
    later_org = make_organisation("Later BV", "11113333")
    make_partnership(cast.network, later_org)
    offer(cast, later_org, "surplus", "inpakken", start=40)  # no overlap in time: no pair
    offer(cast, cast.wsp, "surplus", "lassen")  # no shared task: no pair

    matches = list(ExchangeMatch.objects.filter(need=need).order_by("-score"))
    assert [m.surplus for m in matches] == [near, far]
    assert matches[0].score == pytest.approx(1.0)
    assert "inpakken, orderpicken" in matches[0].explanation and "20 van 20 dagen" in matches[0].explanation
    assert "andere regio" in matches[1].explanation


def test_an_organisation_is_never_paired_with_itself(cast):
    offer(cast, cast.org_a, "need", "inpakken")
    offer(cast, cast.org_a, "surplus", "inpakken")
    assert not ExchangeMatch.objects.exists()


def test_both_sides_accept_then_the_desk_follows_up(cast, mailbox, django_capture_on_commit_callbacks, client):
    need = offer(cast, cast.org_a, "need", "inpakken", user=cast.partner_a)
    offer(cast, cast.org_b, "surplus", "inpakken", user=cast.partner_b)
    match = ExchangeMatch.objects.get(need=need)
    slug = cast.network.slug
    url = reverse("desk:match_accept", args=[slug, match.pk])

    client.force_login(cast.partner_a)
    assert client.post(url, {"side": "surplus"}).status_code == 403  # not partner A's side
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"side": "need"}).status_code == 302
    client.force_login(cast.partner_b)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"side": "surplus"})
    match.refresh_from_db()
    assert match.status == ExchangeStatus.ACCEPTED
    assert mailbox.to(cast.coordinator.email) and mailbox.to(cast.partner_a.email)

    client.force_login(cast.partner_b)
    assert client.post(reverse("desk:match_follow_up", args=[slug, match.pk]), {"note": "x"}).status_code == 403
    client.force_login(cast.backoffice)
    client.post(reverse("desk:match_follow_up", args=[slug, match.pk]), {"note": "Start maandag, 2 mensen."})
    match.refresh_from_db()
    assert match.status == ExchangeStatus.DONE


def test_closing_an_offer_withdraws_its_open_proposals(cast):
    need = offer(cast, cast.org_a, "need", "inpakken")
    offer(cast, cast.org_b, "surplus", "inpakken")
    exchange.staff_offer_close(offer_id=need.pk)
    assert ExchangeMatch.objects.get().status == ExchangeStatus.DECLINED
    with pytest.raises(ValidationError):
        exchange.match_accept(match_id=ExchangeMatch.objects.get().pk, side="need")


def test_the_offer_form_answers_bad_input_per_field(cast, client):
    client.force_login(cast.partner_a)
    url = reverse("desk:offer_create", args=[cast.network.slug])
    response = client.post(
        url,
        {
            "kind": "need",
            "tasks": " , ",
            "people": "0",
            "starts_on": "2026-12-10",
            "ends_on": "2026-12-01",
            "postcode": "B-1000",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"tasks", "people", "ends_on", "postcode"}
    assert not StaffOffer.objects.exists()


def test_the_office_posts_for_a_partner_by_name(cast, client):
    client.force_login(cast.backoffice)
    today = timezone.localdate()
    data = {
        "kind": "surplus",
        "tasks": "inpakken",
        "people": "2",
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=10)).isoformat(),
        "postcode": "3811 AB",
    }
    url = reverse("desk:offer_create", args=[cast.network.slug])
    response = client.post(url, {**data, "organisation": "Onbekend BV"})
    assert response.status_code == 200 and "organisation" in response.context["form"].errors
    assert client.post(url, {**data, "organisation": cast.org_b.name}).status_code == 302
    assert StaffOffer.objects.get().organisation == cast.org_b
