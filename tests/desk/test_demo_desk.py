"""The demo shows the desk at work: a roster, a request in every step (one past its deadline), an exchange."""

from django.core.management import call_command
from django.urls import reverse

from spil.desk.models import DutyShift, ExchangeMatch, Request
from spil.networks.models import Network


def test_demo_desk_has_a_request_in_every_step_and_a_roster(db, client):
    call_command("spil_demo", verbosity=0)
    amsterdam = Network.objects.get(name="99vanGroot-Amsterdam")
    requests = Request.objects.filter(network=amsterdam)
    assert set(requests.values_list("status", flat=True)) == {"new", "in_progress", "referred", "confirmed", "closed"}
    assert requests.filter(escalated_at__isnull=False, first_response_at=None).count() == 1
    assert all(r.region.name == "Groot Amsterdam" for r in requests)
    assert DutyShift.objects.filter(network=amsterdam).count() == 20
    assert ExchangeMatch.objects.filter(surplus__network=amsterdam).count() == 1

    client.login(email="wsp@spil.example", password="spil-demo-2026")
    page = client.get(reverse("desk:list", args=[amsterdam.slug]))
    assert page.status_code == 200
    assert "Drukkerij De Letter" in page.text  # referred to the WSP: the advisor sees it
