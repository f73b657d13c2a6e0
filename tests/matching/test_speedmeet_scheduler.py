"""The speedmeet scheduler: nobody double-booked, everyone fits when the slots allow, optimal on small cases."""

import itertools
import random
from collections import Counter

import pytest

from spil.matching.speedmeet import _solve_greedy, max_degree, schedule


def _check(meetings, pairs, slots, tables=None, employer_slots=None, candidate_slots=None):
    assert len({(m.employer, m.candidate) for m in meetings}) == len(meetings), "a pair meets twice"
    assert {(m.employer, m.candidate) for m in meetings} <= set(pairs), "a meeting nobody wanted"
    assert all(0 <= m.slot < slots for m in meetings)
    assert not [k for k, n in Counter((m.slot, m.employer) for m in meetings).items() if n > 1]
    assert not [k for k, n in Counter((m.slot, m.candidate) for m in meetings).items() if n > 1]
    assert not [k for k, n in Counter((m.slot, m.table) for m in meetings).items() if n > 1]
    if tables is not None:
        assert all(1 <= m.table <= tables for m in meetings)
    for m in meetings:
        if employer_slots and m.employer in employer_slots:
            assert m.slot in employer_slots[m.employer]
        if candidate_slots and m.candidate in candidate_slots:
            assert m.slot in candidate_slots[m.candidate]


def _random_pairs(rng, employers, candidates, density):
    return [(f"e{e}", f"c{c}") for e in range(employers) for c in range(candidates) if rng.random() < density]


def test_everyone_fits_when_slots_reach_the_largest_wish_list():
    rng = random.Random(4)
    for _ in range(30):
        pairs = _random_pairs(rng, rng.randint(1, 9), rng.randint(1, 12), 0.5)
        if not pairs:
            continue
        slots = max_degree(pairs)
        meetings = schedule(pairs, slots)
        _check(meetings, pairs, slots)
        assert len(meetings) == len(pairs)


def test_nobody_is_double_booked_when_slots_are_short():
    pairs = [(e, c) for e in "ABC" for c in range(5)]  # every employer wants all five candidates
    meetings = schedule(pairs, 3)
    _check(meetings, pairs, 3)
    assert len(meetings) == 9  # three employers, three rounds


def test_table_limit_caps_each_slot():
    pairs = [(e, c) for e in range(6) for c in range(6)]
    meetings = schedule(pairs, 4, tables=2)
    _check(meetings, pairs, 4, tables=2)
    assert len(meetings) == 8


def test_an_employer_keeps_its_table_when_it_can():
    pairs = [(e, c) for e in "AB" for c in range(3)]
    meetings = schedule(pairs, 3)
    tables = {m.employer: {x.table for x in meetings if x.employer == m.employer} for m in meetings}
    assert all(len(numbers) == 1 for numbers in tables.values())


def test_availability_is_respected():
    pairs = [("A", 1), ("A", 2), ("B", 1), ("B", 2)]
    candidate_slots = {1: {0}}
    employer_slots = {"B": {1, 2}}
    meetings = schedule(pairs, 3, candidate_slots=candidate_slots, employer_slots=employer_slots)
    _check(meetings, pairs, 3, candidate_slots=candidate_slots, employer_slots=employer_slots)
    # Candidate 1 is there only in round 0, when B is not: B cannot meet 1; the rest fits.
    assert len(meetings) == 3


def test_empty_and_degenerate_input():
    assert schedule([], 5) == []
    assert schedule([("A", 1)], 0) == []
    assert schedule([("A", 1)], 3, tables=0) == []
    assert len(schedule([("A", 1), ("A", 1)], 3)) == 1


def _brute_force(pairs, slots, tables, employer_slots, candidate_slots):
    """The largest number of meetings, by trying every slot (or none) for every pair."""
    best = 0
    choices = [None, *range(slots)]
    for assignment in itertools.product(choices, repeat=len(pairs)):
        used = Counter()
        ok = True
        for (employer, candidate), slot in zip(pairs, assignment, strict=True):
            if slot is None:
                continue
            if employer in employer_slots and slot not in employer_slots[employer]:
                ok = False
                break
            if candidate in candidate_slots and slot not in candidate_slots[candidate]:
                ok = False
                break
            for key in (("e", employer, slot), ("c", candidate, slot)):
                used[key] += 1
                ok = ok and used[key] == 1
            used[("t", slot)] += 1
            ok = ok and (tables is None or used[("t", slot)] <= tables)
            if not ok:
                break
        if ok:
            best = max(best, sum(slot is not None for slot in assignment))
    return best


@pytest.mark.parametrize("seed", range(25))
def test_optimal_on_small_random_cases(seed):
    rng = random.Random(seed)
    pairs = _random_pairs(rng, rng.randint(1, 3), rng.randint(1, 4), 0.6)[:7]
    slots = rng.randint(1, 3)
    tables = rng.choice([None, 1, 2])
    employer_slots = {e: set(rng.sample(range(slots), rng.randint(1, slots))) for e, _ in pairs if rng.random() < 0.4}
    candidate_slots = {c: set(rng.sample(range(slots), rng.randint(1, slots))) for _, c in pairs if rng.random() < 0.4}
    meetings = schedule(pairs, slots, tables=tables, employer_slots=employer_slots, candidate_slots=candidate_slots)
    _check(meetings, pairs, slots, tables, employer_slots, candidate_slots)
    assert len(meetings) == _brute_force(pairs, slots, tables, employer_slots, candidate_slots)


def test_greedy_fallback_never_double_books():
    rng = random.Random(7)
    pairs = _random_pairs(rng, 8, 15, 0.4)
    options = [(index, slot) for index in range(len(pairs)) for slot in range(4)]
    chosen = _solve_greedy(pairs, 4, 3, options)
    seen = Counter()
    for index, slot in chosen:
        seen[("e", pairs[index][0], slot)] += 1
        seen[("c", pairs[index][1], slot)] += 1
        seen[("t", slot)] += 1
    assert all(n == 1 for key, n in seen.items() if key[0] != "t")
    assert all(n <= 3 for key, n in seen.items() if key[0] == "t")
    assert len({index for index, _slot in chosen}) == len(chosen)


def test_a_large_event_is_planned_quickly():
    import time

    rng = random.Random(1)
    pairs = _random_pairs(rng, 40, 100, 0.08)
    started = time.perf_counter()
    meetings = schedule(pairs, 8, tables=40)
    _check(meetings, pairs, 8, tables=40)
    assert time.perf_counter() - started < 20
    assert len(meetings) >= min(len(pairs), 8 * 40) * 0.9


def test_meetings_come_early_when_there_is_room():
    meetings = schedule([("A", 1), ("B", 2)], 5)
    assert {m.slot for m in meetings} == {0}
