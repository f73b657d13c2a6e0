"""Cohort assignment: the maximum total score, one candidate per place, never an infeasible pair."""

import itertools
from collections import Counter
from dataclasses import replace

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

from spil.matching import assignment
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


def dense_reference(pool: Pool, rows, cols) -> float:
    """The best total by the plain dense solver on the whole score block, one column per place."""
    scores = pool.scores(rows, cols)
    seat_of = np.repeat(np.arange(len(cols)), [max(pool.opportunities[j].places, 1) for j in cols])
    block = np.nan_to_num(scores[:, seat_of], nan=0.0)
    r, s = linear_sum_assignment(block, maximize=True)
    return float(block[r, s].sum())


def check_assignment(pool: Pool, pairs, rows, cols) -> None:
    assert len({i for i, _, _ in pairs}) == len(pairs)
    per_place = Counter(j for _, j, _ in pairs)
    assert all(n <= pool.opportunities[j].places for j, n in per_place.items())
    assert {i for i, _, _ in pairs} <= set(rows) and set(per_place) <= set(cols)
    for i, j, s in pairs:
        assert s == pytest.approx(pool.score(i, j))
    assert [i for i, _, _ in pairs] == sorted(i for i, _, _ in pairs)


@pytest.mark.parametrize("seed", range(6))
def test_warm_started_assignment_matches_the_plain_solver(seed, monkeypatch):
    # A small threshold sends these instances through the auction warm start (padded square components).
    monkeypatch.setattr(assignment, "WARM_ROWS", 5)
    monkeypatch.setattr(assignment, "WARM_SQUARE", 2.0)
    warm_calls = []
    warm = assignment._warm_lsa
    monkeypatch.setattr(
        assignment, "_warm_lsa", lambda ri, cj, weights, size: warm_calls.append(size) or warm(ri, cj, weights, size)
    )
    candidates, opportunities, consent = random_instance(400 + seed, n=70, m=60, spread=0.3)
    pool = Pool(candidates, opportunities, consent=consent)
    rows, cols = list(range(70)), list(range(60))
    pairs = pool.assign()
    assert warm_calls
    check_assignment(pool, pairs, rows, cols)
    assert sum(s for _, _, s in pairs) == pytest.approx(dense_reference(pool, rows, cols))


@pytest.mark.parametrize("seed", range(4))
def test_assignment_with_many_more_opportunities_than_candidates(seed):
    # The cohort page: a few candidates against many places spread out, some with several places; a subset of
    # the opportunities, in any order.
    candidates, opportunities, consent = random_instance(500 + seed, n=25, m=300, spread=1.5)
    pool = Pool(candidates, opportunities, consent=consent)
    rows = list(range(25))
    cols = [int(j) for j in np.random.default_rng(seed).permutation(300)[:240]]
    pairs = pool.assign(rows, cols)
    check_assignment(pool, pairs, rows, cols)
    assert sum(s for _, _, s in pairs) == pytest.approx(dense_reference(pool, rows, cols))


def test_assignment_fills_every_place_of_one_opportunity():
    candidates, opportunities, _consent = random_instance(600, n=6, m=1, spread=0.01)
    opportunities = [replace(opportunities[0], places=4, hours=4)]
    candidates = [replace(c, max_km=60, hours=40) for c in candidates]
    pool = Pool(candidates, opportunities)
    pairs = pool.assign()
    assert len(pairs) == 4 and {j for _, j, _ in pairs} == {0}


def test_assignment_needs_distinct_opportunities():
    candidates, opportunities, _consent = random_instance(601, n=5, m=5)
    with pytest.raises(ValueError):
        Pool(candidates, opportunities).assign(None, [1, 2, 1])


@pytest.mark.parametrize("split", [False, True])
@pytest.mark.parametrize("warm", [False, True])
@pytest.mark.parametrize("seed", range(40))
def test_max_weight_matching_against_the_dense_solver(seed, warm, split, monkeypatch):
    if warm:
        monkeypatch.setattr(assignment, "WARM_ROWS", 2)
    if split:  # never solve the graph whole: split it into components first
        monkeypatch.setattr(assignment, "DENSE_CELLS", 0)
    rng = np.random.default_rng(seed)
    n, m = (int(x) for x in rng.integers(1, 25, size=2))
    edges = rng.random((n, m)) < rng.random() * 0.6
    # Integer weights in part of the instances: many ties.
    weights = np.round(rng.random((n, m)) * 20, int(rng.integers(0, 3)))
    rows, cols = np.nonzero(edges)
    chosen = assignment.max_weight_matching(rows, cols, weights[rows, cols], (n, m))
    r, c = rows[chosen], cols[chosen]
    assert len(set(r.tolist())) == len(r) and len(set(c.tolist())) == len(c)
    assert (np.diff(r) > 0).all() and (weights[r, c] > 0).all()
    dense = np.where(edges, weights, 0.0)
    ri, ci = linear_sum_assignment(dense, maximize=True)
    assert weights[r, c].sum() == pytest.approx(dense[ri, ci].sum())


@pytest.mark.parametrize("split", [False, True])
def test_max_weight_matching_without_edges_and_with_components(split, monkeypatch):
    # Small dense graphs are solved whole; DENSE_CELLS = 0 sends them through the split into components.
    if split:
        monkeypatch.setattr(assignment, "DENSE_CELLS", 0)
    assert len(assignment.max_weight_matching([], [], [], (3, 3))) == 0
    assert len(assignment.max_weight_matching([0, 1], [1, 0], [0.0, -1.0], (2, 2))) == 0
    # Two components, {0, 1} × {0, 1} and {3} × {4}; row 2 and columns 2, 3 have no edge.
    chosen = assignment.max_weight_matching([0, 0, 1, 3], [0, 1, 0, 4], [5.0, 4.0, 3.0, 1.0], (4, 5))
    assert sorted(chosen.tolist()) == [1, 2, 3]


@pytest.mark.parametrize("seed", range(8))
def test_warm_solver_on_large_square_graphs_with_ties(seed):
    # From WARM_ROWS rows the dense graph goes through the single-precision auction and Jonker–Volgenant;
    # integer weights make many optimal assignments (ties), real weights none. Compared with SciPy's solver.
    rng = np.random.default_rng(seed)
    n, m = 260, int(rng.integers(260, 320))
    edges = rng.random((n, m)) < (0.05 if seed % 4 == 3 else 0.3)
    weights = rng.integers(1, 21, size=(n, m)).astype(float) if seed % 2 else rng.random((n, m)) * 100
    rows, cols = np.nonzero(edges)
    chosen = assignment.max_weight_matching(rows, cols, weights[rows, cols], (n, m))
    r, c = rows[chosen], cols[chosen]
    assert len(set(r.tolist())) == len(r) and len(set(c.tolist())) == len(c)
    dense = np.where(edges, weights, 0.0)
    ri, ci = linear_sum_assignment(dense, maximize=True)
    assert weights[r, c].sum() == pytest.approx(dense[ri, ci].sum(), abs=1e-9)
