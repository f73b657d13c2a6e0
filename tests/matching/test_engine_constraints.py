"""Hard constraints: consent, hours (with the documented tolerance) and travel distance."""

import pytest

from spil.matching import geo
from spil.matching.engine import HOURS_TOLERANCE, Pool, naive_score

from .engine_factories import AMERSFOORT, candidate, opportunity


def test_place_may_ask_up_to_the_tolerance_more_hours_than_the_candidate_has():
    c = candidate(hours=20)
    pool = Pool([c], [opportunity(hours=20 + HOURS_TOLERANCE), opportunity(id="x", hours=21 + HOURS_TOLERANCE)])
    assert pool.score(0, 0) is not None
    assert pool.score(0, 1) is None


def test_fewer_hours_than_wanted_is_allowed_but_scores_lower():
    pool = Pool([candidate(hours=32)], [opportunity(hours=32), opportunity(id="x", hours=8)])
    assert pool.score(0, 1) is not None
    assert pool.score(0, 1) < pool.score(0, 0)


def test_place_beyond_the_maximum_travel_distance_is_excluded():
    far = opportunity(lat=AMERSFOORT[0], lon=AMERSFOORT[1])
    assert Pool([candidate(max_km=15)], [far]).score(0, 0) is None
    assert Pool([candidate(max_km=25)], [far]).score(0, 0) is not None


def test_same_postcode_area_is_never_excluded_and_counts_as_the_fixed_estimate():
    c = candidate(lat=None, lon=None, postcode="3511 AB", max_km=3)
    o = opportunity(lat=None, lon=None, postcode="3584 CS")
    pool = Pool([c], [o])
    assert pool.score(0, 0) is not None
    assert geo.SAME_AREA_KM > 3
    assert next(p for p in pool.explain(0, 0)["parts"] if p["part"] == "distance")["points"] == 0


def test_unknown_location_fails_with_a_reason():
    pool = Pool([candidate(lat=None, lon=None, postcode="")], [opportunity()])
    assert pool.score(0, 0) is None
    explanation = pool.explain(0, 0)
    assert not explanation["feasible"]
    assert [f["constraint"] for f in explanation["failures"]] == ["location"]


def test_consent_mask_excludes_the_candidate_everywhere():
    pool = Pool([candidate(), candidate(id="b")], [opportunity()], consent=[False, True])
    assert pool.score(0, 0) is None
    assert pool.top_for_candidate(0, 5) == []
    assert [i for i, _ in pool.top_for_opportunity(0, 5)] == [1]
    assert [(i, j) for i, j, _ in pool.assign()] == [(1, 0)]
    assert pool.explain(0, 0)["failures"][0]["constraint"] == "consent"
    assert naive_score(candidate(), opportunity(), consent=False) is None


def test_consent_mask_needs_one_value_per_candidate():
    with pytest.raises(ValueError):
        Pool([candidate()], [opportunity()], consent=[True, False])


def test_failures_give_the_reason_in_dutch():
    c = candidate(hours=10, max_km=5)
    o = opportunity(hours=30, lat=AMERSFOORT[0], lon=AMERSFOORT[1])
    explanation = Pool([c], [o]).explain(0, 0)
    reasons = {f["constraint"]: f["reason"] for f in explanation["failures"]}
    assert "Te veel uren" in reasons["hours"] and "30 uur" in reasons["hours"]
    assert "Te ver weg" in reasons["distance"] and "maximaal 5 km" in reasons["distance"]
    assert explanation["score"] is None
    assert explanation["summary"].startswith("Past niet")
