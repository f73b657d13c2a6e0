"""The public signpost pages run the same number of queries with 1 entry as with 40."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spil.networks.models import LabourMarketRegion

from .conftest import make_entry


def _counts(cast, client) -> dict[str, int]:
    slug = cast.network.slug
    first = cast.network.signpost_entries.order_by("pk").first()
    urls = {
        "list": reverse("knowledge_public:signpost", args=[slug]),
        "search": reverse("knowledge_public:signpost", args=[slug]) + "?q=initiatief&theme=coaching",
        "region": reverse("knowledge_public:signpost", args=[slug]) + f"?region={first.region_id}&page=2",
        "detail": reverse("knowledge_public:signpost_detail", args=[slug, first.pk]),
    }
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[name] = len(queries)
    return counts


def _add(cast, start: int, n: int) -> None:
    regions = list(LabourMarketRegion.objects.order_by("pk")[:5])
    for i in range(start, start + n):
        make_entry(cast.network, f"Initiatief {i:03d}", theme="coaching", region=regions[i % 5])


@pytest.mark.django_db
def test_query_count_does_not_grow_with_entries(cast, client):
    _add(cast, 0, 1)
    one = _counts(cast, client)
    _add(cast, 1, 39)
    assert _counts(cast, client) == one
