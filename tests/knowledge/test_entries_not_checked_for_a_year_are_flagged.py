"""An entry last checked more than a year ago is flagged to visitors and listed for editors as 'controle nodig'."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from spil.knowledge.models import SignpostEntry, one_year_before

from .conftest import make_entry


@pytest.mark.parametrize(
    ("today", "year_before"),
    [
        (date(2026, 3, 10), date(2025, 3, 10)),
        (date(2028, 2, 29), date(2027, 2, 28)),
        (date(2027, 1, 1), date(2026, 1, 1)),
    ],
)
def test_one_year_before_is_the_same_calendar_day(today, year_before):
    assert one_year_before(today) == year_before


def test_checked_exactly_a_year_ago_is_not_flagged_a_day_more_is(cast):
    today = date(2026, 3, 10)
    just_in = make_entry(cast.network, "Precies een jaar", checked=date(2025, 3, 10))
    just_out = make_entry(cast.network, "Een jaar en een dag", checked=date(2025, 3, 9))
    assert not just_in.needs_check(today)
    assert just_out.needs_check(today)
    assert list(SignpostEntry.objects.needs_check(today)) == [just_out]


@pytest.fixture
def old_and_fresh(cast):
    today = timezone.localdate()
    old = make_entry(cast.network, "Oud initiatief", checked=one_year_before(today) - timedelta(days=1))
    fresh = make_entry(cast.network, "Vers initiatief", checked=one_year_before(today))
    return old, fresh


def test_visitors_see_the_flag_on_the_old_entry_only(cast, client, old_and_fresh):
    old, fresh = old_and_fresh
    body = client.get(reverse("knowledge_public:signpost", args=[cast.network.slug])).content.decode()
    assert body.count('data-testid="not-checked"') == 1
    assert "Niet gecontroleerd sinds" in body
    detail = client.get(reverse("knowledge_public:signpost_detail", args=[cast.network.slug, old.pk]))
    assert "Niet gecontroleerd sinds" in detail.content.decode()
    detail = client.get(reverse("knowledge_public:signpost_detail", args=[cast.network.slug, fresh.pk]))
    assert "Niet gecontroleerd sinds" not in detail.content.decode()


def test_editors_get_the_entries_that_need_a_check(cast, client, old_and_fresh):
    old, _fresh = old_and_fresh
    make_entry(cast.network, "Gearchiveerd en oud", checked=date(2020, 1, 1), archived=True)
    client.force_login(cast.editor)
    url = reverse("knowledge:manage", args=[cast.network.slug])
    overview = client.get(url)
    assert overview.context["needs_check"] == 1
    assert "controle nodig" in overview.content.decode()
    listed = client.get(url + "?status=check")
    assert [e.name for e in listed.context["page"]] == [old.name]
