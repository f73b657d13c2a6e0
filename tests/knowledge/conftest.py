from datetime import date

import pytest
from django.utils import timezone

from spil.knowledge.models import SignpostEntry
from spil.networks.models import LabourMarketRegion


def make_entry(network, name: str = "Werkfit Eemland", checked: date | None = None, **fields) -> SignpostEntry:
    fields.setdefault("audience", "Werkzoekenden met een afstand tot de arbeidsmarkt")
    fields.setdefault("offer", "Een traject van drie maanden naar betaald werk")
    fields.setdefault("theme", "job_search")
    fields.setdefault("contact_email", "info@werkfit.example")
    return SignpostEntry.objects.create(
        network=network, name=name, last_checked_on=checked or timezone.localdate(), **fields
    )


@pytest.fixture
def entry(cast):
    return make_entry(cast.network)


@pytest.fixture
def region():
    return LabourMarketRegion.objects.get(name="Amersfoort")
