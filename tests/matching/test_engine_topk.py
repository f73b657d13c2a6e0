"""The vectorised engine gives the same results as the naive scorer on random instances."""

import itertools

import numpy as np
import pytest

from spil.matching.engine import Pool, naive_score

from .engine_factories import random_instance


def naive_matrix(candidates, opportunities, consent):
    return np.array(
        [
            [np.nan if (s := naive_score(c, o, consent=ok)) is None else s for o in opportunities]
            for c, ok in zip(candidates, consent, strict=True)
        ]
    )


def expected_top(row: np.ndarray, k: int) -> list[tuple[int, float]]:
    feasible = [(j, s) for j, s in enumerate(row) if not np.isnan(s)]
    return sorted(feasible, key=lambda p: (-p[1], p[0]))[:k]


@pytest.mark.parametrize("seed", range(6))
def test_scores_and_feasibility_equal_the_naive_scorer(seed):
    candidates, opportunities, consent = random_instance(seed)
    pool = Pool(candidates, opportunities, consent=consent)
    expected = naive_matrix(candidates, opportunities, consent)
    got = pool.scores()
    assert np.array_equal(np.isnan(got), np.isnan(expected))
    assert np.nanmax(np.abs(got - expected)) < 1e-6  # the chord and haversine formulas differ in the last bits
    assert 0 < np.isnan(got).mean() < 1  # both feasible and infeasible pairs occur


@pytest.mark.parametrize(("seed", "spread", "k"), [(1, 0.5, 5), (2, 0.1, 3), (3, 0.1, 40), (4, 2.0, 10), (5, 0.3, 1)])
def test_top_k_per_candidate_equals_the_naive_ranking(seed, spread, k):
    # spread 0.1: most pairs feasible (the partition path); 2.0: few (the sorting path)
    candidates, opportunities, consent = random_instance(seed, spread=spread)
    pool = Pool(candidates, opportunities, consent=consent)
    expected = naive_matrix(candidates, opportunities, consent)
    indices, scores = pool.top_for_candidates(k=k)
    assert indices.shape == scores.shape == (len(candidates), k)
    for i in range(len(candidates)):
        want = expected_top(expected[i], k)
        got = [(int(j), float(s)) for j, s in zip(indices[i], scores[i], strict=True) if j >= 0]
        assert_same_ranking(got, want, expected[i])
        assert all(j == -1 for j in indices[i][len(want) :]) and np.isnan(scores[i][len(want) :]).all()
        assert pool.top_for_candidate(i, k) == got


def assert_same_ranking(got, want, naive_row):
    """Same length, same scores in the same order, each the naive score of its place; the places themselves
    equal unless two naive scores are within rounding of each other."""
    assert len(got) == len(want)
    assert [s for _, s in got] == pytest.approx([s for _, s in want], abs=1e-6)
    assert all(abs(naive_row[j] - s) < 1e-6 for j, s in got)
    if all(abs(a[1] - b[1]) > 1e-6 for a, b in itertools.pairwise(want)):
        assert [j for j, _ in got] == [j for j, _ in want]


def test_top_for_some_candidates_only():
    candidates, opportunities, consent = random_instance(7)
    pool = Pool(candidates, opportunities, consent=consent)
    all_indices, _ = pool.top_for_candidates(k=4)
    some, _ = pool.top_for_candidates([5, 2], k=4)
    assert np.array_equal(some, all_indices[[5, 2]])


@pytest.mark.parametrize("seed", range(3))
def test_top_for_opportunity_equals_the_naive_ranking(seed):
    candidates, opportunities, consent = random_instance(seed, spread=0.2)
    pool = Pool(candidates, opportunities, consent=consent)
    expected = naive_matrix(candidates, opportunities, consent)
    for j in range(0, len(opportunities), 7):
        assert_same_ranking(pool.top_for_opportunity(j, 6), expected_top(expected[:, j], 6), expected[:, j])


def test_empty_pools_answer_empty():
    candidates, opportunities, _ = random_instance(0, n=3, m=3)
    assert Pool(candidates, [])
    indices, scores = Pool(candidates, []).top_for_candidates(k=2)
    assert (indices == -1).all() and np.isnan(scores).all()
    assert Pool([], opportunities).top_for_opportunity(0, 3) == []
    assert Pool([], []).assign() == []


def test_ids_translate_to_indices():
    candidates, opportunities, _ = random_instance(0, n=3, m=3)
    pool = Pool(candidates, opportunities)
    assert pool.candidate_index("c2") == 2 and pool.opportunity_index("o1") == 1


def test_top_k_over_many_groups_of_neighbours_equals_the_naive_ranking():
    # more candidates than one search group, spread over the country: most places are out of reach
    candidates, opportunities, consent = random_instance(11, n=700, m=60, spread=2.5)
    pool = Pool(candidates, opportunities, consent=consent)
    expected = naive_matrix(candidates, opportunities, consent)
    indices, scores = pool.top_for_candidates(k=3)
    for i in range(len(candidates)):
        want = expected_top(expected[i], 3)
        got = [(int(j), float(s)) for j, s in zip(indices[i], scores[i], strict=True) if j >= 0]
        assert_same_ranking(got, want, expected[i])
    subset = [650, 3, 400]
    assert np.array_equal(pool.top_for_candidates(subset, k=3)[0], indices[subset])
    threaded = pool.top_for_candidates(k=3, workers=2)
    assert np.array_equal(threaded[0], indices) and np.array_equal(threaded[1], scores, equal_nan=True)
