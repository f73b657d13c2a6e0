"""The desk's pages: bad input on the public form, who may take which step, the report's figures."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from spil.core.workdays import NETHERLANDS
from spil.desk import services
from spil.desk.models import DutyShift, Request, RequestStatus
from spil.networks.models import LabourMarketRegion
from tests.cast import make_organisation, make_partnership

FORM = {
    "kind": "regulations",
    "description": "Welke subsidie is er voor een jobcoach?",
    "organisation_name": "Garage Gerritsen",
    "contact_name": "Gert Gerritsen",
    "email": "gert@garage.example",
    "postcode": "3811 AB",
}


def public_url(cast):
    return reverse("desk_public:request", args=[cast.network.slug])


def test_public_form_stores_a_request_and_thanks_the_employer(cast, client):
    response = client.post(public_url(cast), FORM)
    assert response.status_code == 302
    request = Request.objects.get()
    assert request.source == "public" and request.region.name == "Amersfoort"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postcode", "B-1000", "postcode"),
        ("postcode", "", "verplicht"),
        ("email", "geen-adres", "e-mailadres"),
        ("kind", "onzin", "geldige keuze"),
        ("description", "x", "ten minste 10"),
        ("kvk_number", "1234", "8 cijfers"),
    ],
)
def test_bad_input_gets_a_message_per_field_and_stores_nothing(cast, client, field, value, message):
    response = client.post(public_url(cast), {**FORM, field: value})
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert message.lower() in " ".join(form.errors[field]).lower()
    assert not Request.objects.exists()


def test_junk_and_bots_never_get_a_server_error_and_store_nothing(cast, client):
    assert client.post(public_url(cast), {"kind": ["a", "b"], "description": "\x00" * 5000}).status_code == 200
    assert client.post(public_url(cast), {**FORM, "website_url": "http://spam.example"}).status_code == 302
    assert not Request.objects.exists()


def test_a_flood_of_posts_is_rate_limited(cast, client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "spil_public_form": "3/m/ip"}
    statuses = [client.post(public_url(cast), FORM).status_code for _ in range(5)]
    assert statuses[:3] == [302, 302, 302]
    assert statuses[3:] == [429, 429]
    assert Request.objects.count() == 3


def _request(cast, **extra) -> Request:
    data = {**FORM, **extra}
    return services.request_submit(network=cast.network, data=data)


def test_a_partner_contact_on_duty_takes_the_intake_and_one_not_on_duty_cannot(cast, client):
    request = _request(cast)
    url = reverse("desk:intake", args=[cast.network.slug, request.pk])
    client.force_login(cast.partner_b)
    assert client.post(url, {"intake-question_behind": "Subsidie jobcoach"}).status_code == 403

    DutyShift.objects.create(network=cast.network, day=datetime.now(NETHERLANDS).date(), user=cast.partner_b)
    response = client.post(url, {"intake-question_behind": "Subsidie jobcoach"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS and request.handler == cast.partner_b


def test_only_an_advisor_of_the_referred_organisation_confirms(cast, client):
    request = _request(cast)
    services.request_intake(request_id=request.pk, user=cast.backoffice, question_behind="Subsidie")
    other_wsp = make_organisation("WSP Elders", "56789012", kind="wsp")
    make_partnership(cast.network, other_wsp)
    services.request_refer(request_id=request.pk, user=cast.backoffice, organisation=other_wsp, note="Bellen")
    url = reverse("desk:confirm", args=[cast.network.slug, request.pk])

    client.force_login(cast.wsp_advisor)  # advisor of another WSP: the request is not theirs
    assert client.post(url, {"confirm-note": ""}).status_code == 404
    client.force_login(cast.partner_a)
    assert client.post(url, {"confirm-note": ""}).status_code in (403, 404)
    assert Request.objects.get(pk=request.pk).status == RequestStatus.REFERRED


def test_a_referral_outside_the_region_shows_the_question_on_the_page(cast, client):
    request = _request(cast)
    services.request_intake(request_id=request.pk, user=cast.backoffice, question_behind="Subsidie")
    far = make_organisation("WSP Twente", "67890123", kind="wsp")
    far.postcode = "7511 AA"
    far.save()
    make_partnership(cast.network, far)
    client.force_login(cast.backoffice)
    url = reverse("desk:refer", args=[cast.network.slug, request.pk])
    response = client.post(url, {"refer-organisation": far.pk, "refer-note": "Bellen"})
    assert response.status_code == 400
    assert "buiten de regio" in response.text
    assert Request.objects.get(pk=request.pk).referred_to is None
    response = client.post(url, {"refer-organisation": far.pk, "refer-note": "Bellen", "refer-outside_region_ok": "on"})
    assert response.status_code == 302
    assert Request.objects.get(pk=request.pk).referred_to == far


def test_step_forms_answer_bad_input_with_messages(cast, client):
    request = _request(cast)
    client.force_login(cast.backoffice)
    slug = cast.network.slug
    response = client.post(
        reverse("desk:intake", args=[slug, request.pk]), {"intake-question_behind": "", "intake-region": "x"}
    )
    assert response.status_code == 400
    assert response.context["intake_form"].errors.keys() >= {"question_behind", "region"}
    response = client.post(reverse("desk:close", args=[slug, request.pk]), {"close-outcome": ""})
    assert response.status_code == 400
    assert Request.objects.get(pk=request.pk).status == RequestStatus.NEW


def test_report_counts_answers_within_one_working_day_per_region_and_per_wsp(cast, client):
    monday = datetime(2026, 11, 16, 9, 0, tzinfo=NETHERLANDS)
    on_time = services.request_submit(network=cast.network, data=FORM, now=monday)
    late = services.request_submit(network=cast.network, data={**FORM, "postcode": "7511 AA"}, now=monday)
    services.request_submit(network=cast.network, data=FORM, now=monday)  # not answered yet
    services.request_intake(
        request_id=on_time.pk, user=cast.backoffice, question_behind="q", now=monday + timedelta(hours=3)
    )
    services.request_intake(
        request_id=late.pk, user=cast.backoffice, question_behind="q", now=monday + timedelta(days=2)
    )
    services.request_refer(
        request_id=on_time.pk, user=cast.backoffice, organisation=cast.wsp, note="n", now=monday + timedelta(hours=4)
    )

    client.force_login(cast.steering)
    response = client.get(reverse("desk:report", args=[cast.network.slug]))
    assert response.status_code == 200
    regions = {row["name"]: row for row in response.context["per_region"]}
    assert regions["Amersfoort"]["total"] == 2 and regions["Amersfoort"]["share"] == 100
    assert regions["Amersfoort"]["average_hours"] == 3.0
    assert regions["Twente"]["share"] == 0
    (wsp,) = response.context["per_wsp"]
    assert wsp["name"] == "WSP Testregio" and wsp["total"] == 1
    assert response.context["total"]["share"] == 50
    assert response.context["overdue_count"] == 1
    assert LabourMarketRegion.objects.count() == 35


def test_report_period_leaves_out_older_requests(cast, client):
    old = datetime.now(NETHERLANDS) - timedelta(days=200)
    services.request_submit(network=cast.network, data=FORM, now=old)
    services.request_submit(network=cast.network, data=FORM)
    client.force_login(cast.coordinator)
    url = reverse("desk:report", args=[cast.network.slug])
    assert client.get(url).context["total"]["total"] == 2
    assert client.get(url, {"months": "3"}).context["total"]["total"] == 1
    assert client.get(url, {"months": "onzin"}).status_code == 200
