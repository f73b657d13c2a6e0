"""Speedmeet forms take any input without a 500, and any consented candidate can be presented: the list shows a
limited number, a search by name or reference finds the rest."""

import pytest
from django.urls import reverse

from spil.matching import speedmeet_views
from spil.matching.models import SpeedmeetCandidate
from tests.cast import make_organisation
from tests.matching.candidate_factories import make_candidate
from tests.matching.speedmeet_factories import make_speedmeet, present

pytestmark = pytest.mark.django_db


def _url(cast, name, speedmeet):
    return reverse(f"matching:{name}", args=[cast.network.slug, speedmeet.activity_id])


@pytest.mark.parametrize("value", ["²", "", "abc", "-1", "99999999999999999999999"])
def test_withdrawing_with_a_strange_number_gets_a_message_not_a_500(cast, client, value):
    speedmeet = make_speedmeet(cast)
    present(cast, speedmeet, make_candidate(cast))
    client.force_login(cast.wsp_advisor)
    response = client.post(_url(cast, "speedmeet_withdraw", speedmeet), {"presented": value}, follow=True)
    assert response.status_code == 200
    assert "Kies de kandidaat die u van de speedmeet wilt halen." in response.content.decode()
    assert SpeedmeetCandidate.objects.count() == 1


def test_moving_a_meeting_with_a_huge_number_gets_a_message(cast, client):
    speedmeet = make_speedmeet(cast)
    client.force_login(cast.coordinator)
    data = {"organisation": "99999999999999999999999", "candidate": "1", "slot": "1"}
    response = client.post(_url(cast, "speedmeet_place", speedmeet), data, follow=True)
    assert response.status_code == 200 and "Kies een ronde uit de lijst." in response.content.decode()


def test_any_consented_candidate_can_be_found_and_presented(cast, client, monkeypatch):
    monkeypatch.setattr(speedmeet_views, "PRESENT_CHOICES", 2)
    speedmeet = make_speedmeet(cast)
    for last in ("Aalders", "Bakker"):
        make_candidate(cast, first_name="Eerder", last_name=last)
    late = make_candidate(cast, first_name="Zoë", last_name="Zwart")
    uwv = make_organisation("UWV Testregio", "45678901", kind="uwv")
    stranger = make_candidate(cast, first_name="Niet", last_name="Eigen", organisation=uwv)
    url = _url(cast, "speedmeet_present", speedmeet)
    client.force_login(cast.wsp_advisor)
    body = client.get(url).content.decode()
    assert "Zwart" not in body and "De lijst toont de eerste 2 kandidaten" in body
    for q in ("zwart", "Zoë Zw", f"Kandidaat {late.pk}", str(late.pk)):
        body = client.get(url, {"q": q}).content.decode()
        assert f'value="{late.pk}"' in body and "Aalders" not in body, q
    body = client.get(url, {"q": "niemand"}).content.decode()
    assert "Geen kandidaat gevonden" in body
    # Another organisation's candidate is not the WSP advisor's to present, whatever is searched or posted.
    assert "Eigen" not in client.get(url, {"q": f"Kandidaat {stranger.pk}"}).content.decode()
    assert client.post(url, {"candidate": stranger.pk}).status_code == 400
    # Posted from a search (or from the first page): any presentable candidate is accepted.
    response = client.post(f"{url}?q=zwart", {"candidate": late.pk})
    assert response.status_code == 302
    assert SpeedmeetCandidate.objects.filter(speedmeet=speedmeet, candidate=late).exists()
    assert client.post(url, {"candidate": late.pk}).status_code == 400  # already presented


@pytest.mark.parametrize("value", ["²", "abc", "99999999999999999999999", "-5"])
def test_presenting_a_strange_candidate_number_answers_on_the_field(cast, client, value):
    speedmeet = make_speedmeet(cast)
    make_candidate(cast)
    client.force_login(cast.wsp_advisor)
    response = client.post(_url(cast, "speedmeet_present", speedmeet), {"candidate": value, "from_slot": "²"})
    assert response.status_code == 400
    assert "Kies een kandidaat uit de lijst" in response.content.decode()
    assert not SpeedmeetCandidate.objects.exists()
