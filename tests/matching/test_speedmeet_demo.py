"""The demo has a drive-in in Amsterdam: the demo partner taps on a phone, the coordinator plans and confirms."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from spil.demo.demo import load_demo
from spil.matching.models import Match, Speedmeet, SpeedmeetMeeting

pytestmark = pytest.mark.django_db


def test_demo_drive_in_can_be_chosen_planned_and_confirmed(client):
    amsterdam = load_demo()[0]
    speedmeet = Speedmeet.objects.select_related("activity").get(activity__network=amsterdam)
    assert speedmeet.presented.count() == 3 and speedmeet.interests.filter(wants=True).exists()
    users = get_user_model().objects
    args = [amsterdam.slug, speedmeet.activity_id]
    client.force_login(users.get(email="partner@spil.example"))
    body = client.get(reverse("matching:speedmeet_choose", args=args)).content.decode()
    assert "Wie wilt u spreken?" in body and "El Idrissi" not in body
    client.force_login(users.get(email="coordinator@spil.example"))
    client.post(reverse("matching:speedmeet_plan", args=args))
    assert (
        SpeedmeetMeeting.objects.filter(speedmeet=speedmeet).count() == speedmeet.interests.filter(wants=True).count()
    )
    client.post(reverse("matching:speedmeet_confirm", args=args))
    assert Match.objects.filter(opportunity__network=amsterdam, stage="introduction").exists()
