"""Every page runs the same number of SQL queries with 1 row as with 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cast import build_cast
from tests.pages import page_urls
from tests.rows import add_rows


def _query_counts(cast, client, n: int) -> dict[str, int]:
    add_rows(cast, n)
    counts = {}
    for persona in ("coordinator", "chair"):
        client.force_login(getattr(cast, persona))
        for page, url in page_urls(cast).items():
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            if response.status_code == 200:
                counts[f"{persona}:{page}"] = len(queries)
    return counts


@pytest.mark.django_db
def test_query_count_is_the_same_for_1_and_50_rows(client):
    one = _query_counts(build_cast(), client, 1)
    # A fresh database state for the larger set: remove everything, then build again.
    from spil.accounts.models import User
    from spil.networks.models import Network
    from spil.partners.models import Organisation

    Network.objects.all().delete()
    Organisation.objects.all().delete()
    User.objects.all().delete()
    fifty = _query_counts(build_cast(), client, 50)
    assert len(one) >= 25
    grown = {page: (one[page], fifty[page]) for page in one if fifty.get(page) != one[page]}
    assert grown == {}
