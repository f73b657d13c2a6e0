"""Postcode to coordinates: the documented fallback of one point per two-digit postcode area."""

import math

import numpy as np
import pytest

from spil.matching import geo


def test_every_area_from_10_to_99_has_a_point_in_the_netherlands():
    assert sorted(geo.AREAS) == list(range(10, 100))
    for lat, lon, town in geo.AREAS.values():
        assert 50.7 < lat < 53.6 and 3.3 < lon < 7.3, town


@pytest.mark.parametrize(
    ("postcode", "town", "point"),
    [
        ("3511 AB", "Utrecht", (52.09, 5.12)),
        ("1012AB", "Amsterdam", (52.37, 4.90)),
        ("9711", "Groningen", (53.22, 6.57)),
        ("6211 AA", "Maastricht", (50.85, 5.69)),
    ],
)
def test_postcode_gets_the_point_of_its_area(postcode, town, point):
    lat, lon = geo.coordinates(postcode)
    assert town in geo.AREAS[geo.area(postcode)][2]
    assert geo.haversine_km(lat, lon, *point) < 5


@pytest.mark.parametrize("postcode", ["", None, "0123 AB", "123", "ABCD EF", "35111 AB"])
def test_not_a_postcode_has_no_point(postcode):
    assert geo.coordinates(postcode) is None


def test_distances_between_towns_are_about_right():
    utrecht, amsterdam = geo.coordinates("3511 AB"), geo.coordinates("1012 AB")
    assert geo.haversine_km(*utrecht, *amsterdam) == pytest.approx(35, abs=5)
    groningen, maastricht = geo.coordinates("9711 AA"), geo.coordinates("6211 AA")
    assert geo.haversine_km(*groningen, *maastricht) == pytest.approx(265, abs=15)


def test_same_area_is_distance_zero_and_the_engine_counts_a_fixed_estimate():
    assert geo.haversine_km(*geo.coordinates("3511 AB"), *geo.coordinates("3584 CS")) == 0
    assert geo.SAME_AREA_KM == 5.0


def test_vectorised_haversine_equals_the_scalar_one():
    rng = np.random.default_rng(0)
    lat1, lon1, lat2, lon2 = (
        rng.uniform(50.7, 53.5, 50),
        rng.uniform(3.3, 7.2, 50),
        rng.uniform(50.7, 53.5, 50),
        rng.uniform(3.3, 7.2, 50),
    )
    vector = geo.haversine_km(lat1, lon1, lat2, lon2)
    scalar = [geo.haversine_km_scalar(*args) for args in zip(lat1, lon1, lat2, lon2, strict=True)]
    assert vector == pytest.approx(scalar)
    assert geo.haversine_km(lat1[:, None], lon1[:, None], lat2[None, :], lon2[None, :]).shape == (50, 50)
    assert not math.isnan(geo.haversine_km(52, 5, 52, 5))
