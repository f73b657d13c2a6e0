"""Cohort assignment: the maximum total score, one candidate per place, never an infeasible pair."""

import itertools
from collections import Counter

import numpy as np
import pytest

from spil.matching.engine import Pool

from .engine_factories import random_instance


def brute_force(scores: np.ndarray, places: list[int]) -> float:
    """The best total over every way to give each candidate one seat or none."""
    seats = [j for j, p in enumerate(places) for _ in range(p)] + [None] * scores.shape[0]
    best = 0.0
    for choice in itertools.permutations(range(len(seats)), scores.shape[0]):
        total, ok = 0.0, True
        for i, seat in enumerate(choice):
            j = seats[seat]
            if j is None:
                continue
            if np.isnan(scores[i, j]):
                ok = False
                break
            total += scores[i, j]
        if ok:
            best = max(best, total)
    return best


@pytest.mark.parametrize("seed", range(8))
def test_assignment_is_optimal_against_brute_force(seed):
    candidates, opportunities, consent = random_instance(100 + seed, n=4, m=3, tasks=6, spread=0.15)
    pool = Pool(candidates, opportunities, consent=consent)
    pairs = pool.assign()
    scores = pool.scores()
    places = [o.places for o in opportunities]
    assert sum(s for _, _, s in pairs) == pytest.approx(brute_force(scores, places))
    for i, j, s in pairs:
        assert s == pytest.approx(scores[i, j])


@pytest.mark.parametrize("seed", range(4))
def test_assignment_respects_places_and_takes_each_candidate_once(seed):
    candidates, opportunities, consent = random_instance(200 + seed, n=40, m=15, spread=0.1)
    pool = Pool(candidates, opportunities, consent=consent)
    pairs = pool.assign()
    assert pairs
    per_place = Counter(j for _, j, _ in pairs)
    assert all(per_place[j] <= opportunities[j].places for j in per_place)
    assert any(opportunities[j].places == 2 and n == 2 for j, n in per_place.items())
    assert len({i for i, _, _ in pairs}) == len(pairs)
    assert all(pool.score(i, j) is not None for i, j, _ in pairs)


def test_assignment_within_a_selection_uses_the_pool_indices():
    candidates, opportunities, _consent = random_instance(300, n=20, m=10, spread=0.1)
    pool = Pool(candidates, opportunities)
    pairs = pool.assign([3, 5, 7], [2, 4])
    assert {i for i, _, _ in pairs} <= {3, 5, 7}
    assert {j for _, j, _ in pairs} <= {2, 4}
