"""The praktijktafel planner: hard constraints, the upper bound, plan quality and the command."""

import itertools
import json
import os
import random
import subprocess
import sys
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from spil.activities import planner
from spil.activities.planner import (
    SCHEDULES,
    Instance,
    PlanError,
    evaluate,
    max_pairs,
    move_guest,
    plan,
    swap_guests,
)

# Iterations for the property tests: enough to exercise every move, small enough to keep them fast.
QUICK = 3000


def check_plan(instance: Instance, rounds: list[list[list[int]]]) -> None:
    """Assert every hard constraint, independently of the planner's own evaluate()."""
    T, H = instance.tables, instance.hosts_per_table
    orgs = instance.organisations or {}
    guests = set(range(T * H, T * H + instance.guests))
    assert len(rounds) == instance.rounds
    for r, tables in enumerate(rounds):
        assert len(tables) == T
        seated = [p for people in tables for p in people]
        assert sorted(seated) == list(range(instance.people)), f"round {r}: everyone exactly once"
        sizes = [len(people) - H for people in tables]
        if instance.balanced:
            assert max(sizes) - min(sizes) <= 1, f"round {r}: tables not filled evenly"
        for t, people in enumerate(tables):
            assert people == sorted(people)
            assert len(people) <= instance.seats, f"round {r}, table {t}: over capacity"
            assert [p for p in people if p < T * H] == list(range(t * H, t * H + H)), "hosts stay at their table"
            labels = [orgs[p] for p in people if orgs.get(p)]
            assert len(labels) == len(set(labels)), f"round {r}, table {t}: colleagues share a table"
        for pin in instance.pins:
            guest, table = pin[0], pin[-1]
            assert guest in guests
            if len(pin) == 2 or pin[1] == r:
                assert guest in tables[table], f"round {r}: pin {pin} not kept"


def distinct_pairs(rounds: list[list[list[int]]]) -> int:
    return len({pair for tables in rounds for people in tables for pair in itertools.combinations(sorted(people), 2)})


@st.composite
def instances(draw, max_guests: int = 14, max_rounds: int = 4):
    tables = draw(st.integers(1, 4))
    hosts = draw(st.integers(0, 2))
    seats = draw(st.integers(hosts + 1, hosts + 4))
    rounds = draw(st.integers(1, max_rounds))
    guests = draw(st.integers(0, min(max_guests, tables * (seats - hosts))))
    people = tables * hosts + guests
    labels = st.sampled_from(["Gemeente", "UWV", "Bakkerij", "Zorg"])
    organisations = draw(st.dictionaries(st.integers(0, max(people - 1, 0)), labels, max_size=people))
    pin = st.one_of(
        st.tuples(st.integers(tables * hosts, tables * hosts + max(guests - 1, 0)), st.integers(0, tables - 1)),
        st.tuples(
            st.integers(tables * hosts, tables * hosts + max(guests - 1, 0)),
            st.integers(0, rounds - 1),
            st.integers(0, tables - 1),
        ),
    )
    pins = draw(st.lists(pin, max_size=6)) if guests else []
    balanced = draw(st.booleans())
    try:
        return Instance(
            tables, seats, rounds, hosts, guests, organisations=organisations, pins=tuple(pins), balanced=balanced
        )
    except PlanError:
        assume(False)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(instance=instances(), seed=st.integers(0, 3))
def test_plans_keep_every_hard_constraint_and_the_ratio_is_at_most_one(instance, seed):
    result = plan(instance, seed=seed, iterations=QUICK)
    check_plan(instance, result.rounds)
    assert result.hosts == [instance.hosts_of(t) for t in range(instance.tables)]
    assert result.distinct_pairs == distinct_pairs(result.rounds)
    assert result.max_pairs == max_pairs(instance)
    assert result.distinct_pairs <= result.max_pairs
    assert 0 <= result.ratio <= 1
    figures = evaluate(instance, result.rounds)
    assert figures.valid and figures.distinct_pairs == result.distinct_pairs and figures.ratio == result.ratio


def best_possible(instance: Instance) -> int:
    """The most distinct pairs of any valid plan, by trying them all (tiny instances only)."""
    T, H, G = instance.tables, instance.hosts_per_table, instance.guests
    orgs = instance.organisations or {}
    first = T * H
    pins = {}
    for pin in instance.pins:
        for r in [pin[1]] if len(pin) == 3 else range(instance.rounds):
            pins[r, pin[0]] = pin[-1]
    options = []
    for r in range(instance.rounds):
        seen = set()
        for tables_of in itertools.product(range(T), repeat=G):
            people = [list(range(t * H, t * H + H)) for t in range(T)]
            for g, t in enumerate(tables_of):
                people[t].append(first + g)
            if any(len(p) > instance.seats for p in people):
                continue
            if instance.balanced and max(map(len, people)) - min(map(len, people)) > 1:
                continue
            if any(pins.get((r, first + g), t) != t for g, t in enumerate(tables_of)):
                continue
            if any(
                len(labels) != len(set(labels)) for labels in ([orgs[p] for p in ps if orgs.get(p)] for ps in people)
            ):
                continue
            seen.add(frozenset(pair for ps in people for pair in itertools.combinations(sorted(ps), 2)))
        options.append(seen)
    return max(len(frozenset().union(*choice)) for choice in itertools.product(*options))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(instance=instances(max_guests=4, max_rounds=2))
def test_the_maximum_is_never_below_the_best_possible_plan(instance):
    assume(instance.tables**instance.guests <= 81)
    assert best_possible(instance) <= max_pairs(instance)


@pytest.mark.parametrize(
    "args",
    [
        # Instances where the joint bound of repeated visits and repeated pairs is the smallest.
        (2, 3, 3, 1, 4),
        (2, 5, 3, 2, 5),
        (2, 4, 2, 1, 6),
        (3, 3, 3, 1, 3),
        (3, 4, 2, 2, 6),
    ],
)
def test_the_joint_bound_is_never_below_the_best_possible_plan(args):
    instance = Instance(*args)
    assert best_possible(instance) <= max_pairs(instance)


@pytest.mark.parametrize(
    ("args", "organisations", "expected", "best", "before"),
    [
        # Guests who cannot visit a new table in every round (2 tables for 3 rounds, or a host of
        # their organisation) pay for their repeated visits beyond what the joint bound counted:
        # max_pairs went from `before` to `expected`; `best` is the best possible plan.
        ((2, 4, 3, 2, 4), None, 22, 22, 24),
        ((2, 5, 3, 3, 4), None, 34, 34, 36),
        ((2, 5, 2, 3, 4), {0: "A", 6: "A"}, 30, 28, 31),
        ((2, 4, 2, 2, 4), {0: "A", 4: "A"}, 19, 18, 20),
        ((2, 6, 2, 3, 6), {0: "A", 6: "A", 7: "B"}, 47, 46, 48),
    ],
)
def test_forced_repeated_visits_lower_the_joint_bound(args, organisations, expected, best, before):
    instance = Instance(*args, organisations=organisations)
    assert max_pairs(instance) == expected < before
    assert best_possible(instance) == best <= expected


@st.composite
def short_instances(draw):
    """Tiny balanced instances with hosts where guests cannot visit a new table in every round:
    2 tables for up to 3 rounds, some guests of a host's organisation, colleagues, a pin."""
    hosts = draw(st.integers(1, 3))
    guests = draw(st.integers(2, 6))
    rounds = draw(st.integers(2, 3))
    seats = hosts + -(-guests // 2) + draw(st.integers(0, 1))
    people = 2 * hosts + guests
    organisations = draw(st.dictionaries(st.integers(0, people - 1), st.sampled_from(["A", "B"]), max_size=people))
    pins = draw(st.lists(st.tuples(st.integers(2 * hosts, people - 1), st.integers(0, 1)), max_size=1))
    try:
        return Instance(2, seats, rounds, hosts, guests, organisations=organisations, pins=tuple(pins))
    except PlanError:
        assume(False)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(instance=short_instances())
def test_the_joint_bound_with_forced_repeats_is_never_below_the_best_possible_plan(instance):
    assert best_possible(instance) <= max_pairs(instance)


def test_the_joint_bound_counts_guests_kept_from_the_tables_of_their_hosts_organisation():
    # 6 × 10 × 6 with 2 hosts and 48 guests (1500 without organisations). Guests 12 … 15 share an
    # organisation with host 0 (table 0): at most 5 tables in 6 rounds; guests 16 … 19 with hosts 4
    # and 8 (tables 2 and 4): at most 4 tables. A pair of rounds costs a table of 8 guests at
    # least 3 + d with d guests who stay (α = 1), so a guest at a table in n rounds costs
    # f(n) = 2·(n − 1) − (1/3)·C(n, 2) beyond the joint bound: 5/3 for n = 2 (one table twice),
    # 3 for n = 3 (the least for 6 rounds over 4 tables). 1500 − ⌈4·5/3 + 4·3⌉ = 1481.
    organisations = {0: "A", 4: "B", 8: "B"} | dict.fromkeys(range(12, 16), "A") | dict.fromkeys(range(16, 20), "B")
    instance = Instance(6, 10, 6, 2, 48, organisations=organisations)
    assert max_pairs(Instance(6, 10, 6, 2, 48)) == 1500
    assert max_pairs(instance) == 1481
    result = plan(instance, iterations=QUICK)
    check_plan(instance, result.rounds)
    assert result.distinct_pairs <= 1481


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # 5 tables of 4 guests and 2 hosts, 2 rounds: 5 host pairs, 2 × 40 host–guest pairs
        # (every guest at 2 tables), 2 × 5 × C(4, 2) guest pairs.
        ((5, 6, 2, 2, 20), 5 + 80 + 60),
        # 32 guests at 8 tables of 4, 10 rounds: 10 × 8 × C(4, 2) = 480 < C(32, 2) = 496.
        ((8, 4, 10, 0, 32), 480),
        # 16 guests in 4 × 4, 5 rounds: C(16, 2) = 120 = 5 × 4 × C(4, 2).
        ((4, 4, 5, 0, 16), 120),
        # 8 guests per table but only 6 tables: the separate bounds give 6 × 168 − 5 × 12 guest
        # pairs + 2 × 288 host–guest pairs + 6 host pairs = 1530, but for two rounds the 8 guests
        # of a table either meet at one of 5 other tables (3 repeated pairs) or one stays (a
        # repeated visit, worth 2 host pairs, and 2 repeated pairs): 6 + 576 + 1008 − 5 × 6 × 3.
        ((6, 10, 6, 2, 48), 6 + 576 + 1008 - 90),
        # 6 guests per table at 6 tables with 2 hosts, 6 rounds: 6 + 432 + 540 − 5 × 6 × 1.
        ((6, 8, 6, 2, 36), 948),
        # 3 guests, 1 round, 2 tables of 2: at most one pair meets.
        ((2, 2, 1, 0, 3), 1),
        # Nobody to meet.
        ((3, 4, 2, 1, 0), 0),
    ],
)
def test_the_maximum_of_known_instances(args, expected):
    assert max_pairs(Instance(*args)) == expected


@pytest.mark.parametrize(
    "args",
    [
        (4, 4, 5, 0, 16),  # the 4 × 4 social golfers, 5 rounds (the most possible)
        (3, 3, 4, 0, 9),  # Kirkman's schoolgirls on 9: 3 × 3, 4 rounds
        (5, 6, 2, 2, 20),  # Amersfoort: 5 tables, 2 hosts each, 20 guests, 2 rounds
        (5, 5, 6, 0, 25),  # 5 × 5, 6 rounds
        (8, 4, 9, 0, 32),  # 8 tables of 4, 9 rounds
        (7, 8, 6, 2, 42),  # 7 tables, 2 hosts and 6 guests each, 6 rounds
    ],
)
def test_perfect_plans_where_they_exist(args):
    result = plan(Instance(*args))
    assert result.repeated_pairs == 0
    assert result.distinct_pairs == result.max_pairs
    assert result.ratio == 1.0


def test_colleagues_of_a_host_still_get_a_perfect_plan():
    # 7 tables, 6 rounds: the affine plane of order 7 leaves one slope unused. Guests 20 … 22 are
    # colleagues of host 0 (table 0), guests 30 and 31 of host 2 (table 1): on a line of the
    # unused slope they never meet each other, never sit at their colleague's table, and still
    # visit a new table in every round (before: 1112 of 1141 pairs, with 5 repeated visits).
    organisations = {0: "A", 20: "A", 21: "A", 22: "A", 2: "B", 30: "B", 31: "B", 40: "C", 41: "C"}
    instance = Instance(7, 8, 6, 2, 42, organisations=organisations)
    result = plan(instance)
    check_plan(instance, result.rounds)
    assert result.repeated_pairs == result.repeated_visits == 0
    assert result.distinct_pairs == result.max_pairs == 1141


def test_everybody_meets_everybody_when_tables_outnumber_rounds_less_than_guests():
    # 50 guests at 5 tables of 10 over 6 rounds: with only 5 tables, 10 guests at a table come
    # from 5 tables of an earlier round, so pairs must repeat; 25 couples who always sit together
    # repeat the fewest, and every one of the C(50, 2) pairs still meets.
    result = plan(Instance(5, 10, 6, 0, 50))
    assert result.distinct_pairs == result.max_pairs == 1225
    assert result.ratio == 1.0


def test_even_tables_by_default_uneven_tables_on_request():
    # 56 guests at 8 tables of 8: evenly 7 per table (an affine plane of order 8: nobody meets twice),
    # unevenly 7 full tables and an empty one (order 7, with 7 couples), which makes more pairs.
    even = plan(Instance(8, 8, 6, 0, 56))
    assert {len(people) for tables in even.rounds for people in tables} == {7}
    assert even.distinct_pairs == even.max_pairs == 6 * 8 * 21
    uneven = plan(Instance(8, 8, 6, 0, 56, balanced=False))
    assert {len(people) for tables in uneven.rounds for people in tables} == {0, 8}
    assert uneven.distinct_pairs == uneven.max_pairs == 6 * 7 * 28 - 5 * 7


@pytest.mark.parametrize(
    "args",
    [
        (8, 4, 10, 0, 32),  # 8 tables of 4 × 10 rounds: the bound 480 is met only by a rare design
        (4, 8, 3, 2, 24),
        (6, 8, 3, 2, 36),
        (7, 8, 3, 2, 40),
        (4, 9, 4, 2, 26),  # 26 guests at 4 tables: 6 or 7 per table
        (8, 6, 6, 1, 38),
        (8, 10, 6, 1, 48),
        (7, 10, 6, 0, 56),
        (6, 8, 6, 2, 36),  # 6 tables: from a stored schedule (no affine plane of order 6)
        (6, 10, 6, 2, 48),
    ],
)
def test_good_plans_up_to_sixty_people(args):
    instance = Instance(*args)
    assert instance.people <= 60
    result = plan(instance, time_budget=30)
    assert result.ratio >= 0.95


@pytest.mark.parametrize(("k", "pairs"), [(5, 689), (6, 903), (7, 1154), (8, 1437)])
def test_the_stored_six_table_schedules(k, pairs):
    # Every round seats k of the 6·k slots at each of the 6 tables, the last three slots never share
    # a table, and the schedule itself is a plan of 6 tables of 2 hosts and k guests for 6 rounds
    # with the figures in SCHEDULES (at least 95 % of the maximum, except 689 of 726 for k = 5); plan()
    # starts from it and keeps the best.
    assert sorted(SCHEDULES) == [5, 6, 7, 8]
    schedule = SCHEDULES[k]
    assert len(schedule) == 6
    for row in schedule:
        assert len(row) == 6 * k and sorted(row) == sorted("012345" * k)
    for i, j in itertools.combinations(range(6 * k - 3, 6 * k), 2):
        assert all(row[i] != row[j] for row in schedule)
    instance = Instance(6, k + 2, 6, 2, 6 * k)
    rounds = [
        [list(range(2 * t, 2 * t + 2)) + [12 + g for g in range(6 * k) if row[g] == str(t)] for t in range(6)]
        for row in schedule
    ]
    figures = evaluate(instance, rounds)
    assert figures.valid and figures.distinct_pairs == pairs
    assert figures.ratio >= 0.95 or k == 5
    assert plan(instance).distinct_pairs >= pairs


@pytest.mark.parametrize(
    "instance",
    [
        Instance(6, 8, 6, 2, 33),  # three slots of the schedule stay empty
        Instance(6, 8, 6, 2, 31),  # five: more than the slots that never share a table
        Instance(6, 10, 5, 1, 46),
        Instance(6, 10, 6, 2, 48, organisations={0: "A", 20: "A", 21: "A", 22: "B", 23: "B"}, pins=((30, 1),)),
        Instance(6, 8, 7, 0, 36, balanced=False),
    ],
)
def test_plans_from_a_stored_schedule_keep_every_hard_constraint(instance):
    result = plan(instance, iterations=QUICK)
    check_plan(instance, result.rounds)
    assert result.distinct_pairs <= result.max_pairs


def colleagues_of_two_hosts() -> Instance:
    """5 tables of 2 hosts and 6 guests for 4 rounds; most guests in groups of 2 or 3 colleagues, two
    of the groups with a host (the tables of those hosts are closed to them)."""
    organisations = {0: "Gemeente", 4: "UWV", 10: "Gemeente", 11: "Gemeente", 13: "org0", 14: "UWV"}
    guest = 15
    for k, size in enumerate([3, 3, 3, 2, 2, 2], start=1):
        for _ in range(size):
            organisations[guest] = f"org{k}"
            guest += 1
    return Instance(5, 8, 4, 2, 30, organisations=organisations)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_tabu_search_finishes_plans_with_colleagues(seed):
    """The annealing alone stops a few pairs short of the bound here for seeds 1 and 2 (511, 508)."""
    instance = colleagues_of_two_hosts()
    result = plan(instance, seed=seed)
    check_plan(instance, result.rounds)
    assert result.distinct_pairs == result.max_pairs == 515


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(instance=instances(), seed=st.integers(0, 3))
def test_the_tabu_search_keeps_every_hard_constraint_and_never_loses_pairs(instance, seed):
    model = instance._model
    rng = random.Random(seed)
    start = [model.feasible_round(r, rng) for r in range(instance.rounds)]
    before = planner._State(model, [[members[:] for members in tables] for tables in start])
    rounds, steps = planner._tabu(model, start, rng, 200, time.perf_counter() + 60)
    after = planner._State(model, rounds)
    check_plan(instance, as_people(instance, rounds))
    assert 0 <= steps <= 200
    H = instance.hosts_per_table
    assert (after.pairs + H * after.visits, after.visits) >= (before.pairs + H * before.visits, before.visits)


def as_people(instance: Instance, guest_rounds: list[list[list[int]]]) -> list[list[list[int]]]:
    """Rounds of guest numbers (0 … G−1) as person ids with the hosts, as plan() returns them."""
    first = instance.first_guest
    return [
        [sorted(instance.hosts_of(t) + [first + g for g in members]) for t, members in enumerate(tables)]
        for tables in guest_rounds
    ]


def test_a_seed_gives_the_same_plan():
    instance = Instance(6, 9, 5, 2, 40, organisations={12: "A", 13: "A", 14: "B", 0: "B"}, pins=((20, 3),))
    first = plan(instance, seed=7, time_budget=30, iterations=20_000)
    second = plan(instance, seed=7, time_budget=30, iterations=20_000)
    assert first.rounds == second.rounds and first.ratio == second.ratio


def test_organisations_and_pins_are_respected():
    # Guests 12 … 17 are colleagues of the host at table 0 (person 0), guest 18 is pinned to table 2.
    organisations = {0: "Gemeente", **{g: "Gemeente" for g in range(12, 16)}, 16: "UWV", 17: "UWV"}
    pins = ((18, 2), (19, 1, 4), (20, 0))
    instance = Instance(6, 6, 4, 2, 24, organisations=organisations, pins=pins)
    result = plan(instance, iterations=20_000, time_budget=30)
    check_plan(instance, result.rounds)
    for tables in result.rounds:
        assert not set(range(12, 16)) & set(tables[0])


@pytest.mark.parametrize(
    "args",
    [
        (200, 6, 10, 1, 800),  # a greedy round costs tables × guests: about two seconds a round
        (1, 1000, 10, 1, 999),  # one table of a thousand: a round costs a million pairs
    ],
)
def test_large_instances_stay_near_the_time_budget(args):
    instance = Instance(*args)
    started = time.perf_counter()
    result = plan(instance, seed=0, time_budget=0.5)
    # The starts, too, stop at the budget; what is left is dealing the remaining rounds and counting.
    assert time.perf_counter() - started < 0.5 + 4
    check_plan(instance, result.rounds)
    assert evaluate(instance, result.rounds).valid


@given(instance=instances(max_guests=24, max_rounds=5), seed=st.integers(0, 3))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
def test_a_plan_made_after_the_deadline_keeps_every_hard_constraint(instance, seed):
    """With no time at all every round is dealt (see _dealt_round) and the search is left out."""
    result = plan(instance, seed=seed, time_budget=1e-9)
    check_plan(instance, result.rounds)
    assert evaluate(instance, result.rounds).valid and result.iterations == 0


def test_the_assignment_of_groups_to_tables_is_one_of_largest_weight():
    rng = random.Random(5)
    for trial in range(200):
        n = rng.randint(1, 5)
        m = rng.randint(n, 6)
        # Whole numbers tie often: any optimal assignment will do, but it must be optimal and distinct.
        draw = (lambda: rng.randint(-3, 3)) if trial % 2 else (lambda: rng.random() * 5)
        weights = [[draw() for _ in range(m)] for _ in range(n)]
        columns = planner._assignment(weights)
        assert len(set(columns)) == n
        best = max(sum(weights[i][c] for i, c in enumerate(p)) for p in itertools.permutations(range(m), n))
        assert sum(weights[i][c] for i, c in enumerate(columns)) == pytest.approx(best)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"guests": 21}, "21 guests do not fit"),
        ({"hosts_per_table": 6}, "fewer hosts per table than seats"),
        ({"tables": 0}, "at least 1"),
        ({"rounds": -1}, "at least 1"),
        ({"guests": 2.5}, "whole number"),
        ({"pins": ((10, 0), (11, 0), (12, 0), (13, 0), (14, 0))}, "pinned to table 0"),
        ({"pins": ((10, 0), (10, 1, 2))}, "pinned to both"),
        ({"pins": ((3, 0),)}, "not a guest"),
        ({"pins": ((10, 7),)}, "no table 7"),
        ({"organisations": dict.fromkeys(range(10, 16), "UWV")}, "'UWV' has 6 guests"),
        ({"organisations": {0: "UWV", 1: "UWV"}}, "Two hosts of table 0"),
        ({"organisations": {0: "UWV", 10: "UWV"}, "pins": ((10, 0),)}, "where a host is also from"),
        ({"organisations": {99: "UWV"}}, "unknown person"),
        # 21 guests at 5 tables: evenly, one table gets 5 and the others 4.
        ({"guests": 21, "seats": 8, "pins": tuple((10 + 5 * t + i, t) for t in range(2) for i in range(5))}, "only 1"),
    ],
)
def test_impossible_instances_raise_a_readable_error(kwargs, message):
    arguments = {"tables": 5, "seats": 6, "rounds": 2, "hosts_per_table": 2, "guests": 20} | kwargs
    with pytest.raises(PlanError, match=message):
        Instance(**arguments)


def test_plan_refuses_a_wrong_budget():
    with pytest.raises(PlanError, match="time budget"):
        plan(Instance(2, 3, 2, 0, 4), time_budget=0)
    with pytest.raises(PlanError, match="iterations"):
        plan(Instance(2, 3, 2, 0, 4), iterations=-1)


def test_moving_a_guest_by_hand_updates_the_ratio():
    instance = Instance(3, 4, 2, 1, 6, organisations={3: "UWV", 4: "UWV"}, pins=((5, 0),), balanced=False)
    rounds = [
        [[0, 3, 5], [1, 4, 6], [2, 7, 8]],
        [[0, 5], [1, 3, 7, 8], [2, 4, 6]],
    ]
    before = evaluate(instance, rounds)
    assert before.valid
    moved = move_guest(instance, rounds, 1, 6, 0)
    assert moved[1] == [[0, 5, 6], [1, 3, 7, 8], [2, 4]]
    assert rounds[1][2] == [2, 4, 6]  # the original is left alone
    after = evaluate(instance, moved)
    assert after.valid and after.distinct_pairs == distinct_pairs(moved)
    assert after.ratio == after.distinct_pairs / max_pairs(instance)
    with pytest.raises(PlanError, match="full") as refused:
        move_guest(instance, rounds, 1, 6, 1)
    assert refused.value.code == "full"
    with pytest.raises(PlanError, match="colleague"):
        move_guest(instance, rounds, 0, 3, 1)
    with pytest.raises(PlanError, match="pinned"):
        move_guest(instance, rounds, 0, 5, 1)
    with pytest.raises(PlanError, match="host"):
        move_guest(instance, rounds, 0, 1, 0)
    balanced = Instance(3, 4, 2, 1, 6, organisations={3: "UWV", 4: "UWV"}, pins=((5, 0),))
    assert not evaluate(balanced, rounds).valid  # round 1 has 1 to 3 guests per table
    with pytest.raises(PlanError, match="unevenly") as refused:
        move_guest(balanced, rounds, 0, 6, 2)
    assert refused.value.code == "uneven"
    assert evaluate(balanced, move_guest(balanced, rounds, 1, 7, 0)).valid
    swapped = swap_guests(instance, rounds, 0, 6, 7)
    assert swapped[0] == [[0, 3, 5], [1, 4, 7], [2, 6, 8]]
    with pytest.raises(PlanError, match="colleague"):
        swap_guests(instance, rounds, 0, 3, 6)


def test_evaluate_reports_what_is_wrong():
    instance = Instance(2, 3, 1, 1, 4, organisations={2: "UWV", 3: "UWV"}, pins=((5, 0),))
    figures = evaluate(instance, [[[0, 2, 3, 4], [5]]])
    text = " ".join(figures.violations)
    assert not figures.valid
    assert "4 people at a table of 3 seats" in text
    assert "both from 'UWV'" in text
    assert "host 1 has no seat" in text
    assert "pinned to 0" in text


def run(*args: str) -> str:
    out = StringIO()
    call_command("spil_tables", "plan", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_the_plan_and_its_ratio():
    text = run("--tables", "5", "--seats", "6", "--rounds", "2", "--guests", "20", "--hosts-per-table", "2")
    assert "Round 1" in text and "Round 2" in text
    assert "Table 5: H9 H10 | G" in text
    assert "New-encounter ratio: 100.0% (145 of at most 145" in text
    assert "Repeated pairs: 0" in text
    assert "Time:" in text


def test_the_command_fills_tables_unevenly_on_request():
    args = ["--tables", "4", "--seats", "6", "--rounds", "2", "--guests", "10", "--hosts-per-table", "0"]
    assert "tables may be filled unevenly" in run(*args, "--uneven")
    assert "tables may be filled unevenly" not in run(*args)


def test_the_command_prints_json():
    args = ["--tables", "4", "--seats", "5", "--rounds", "3", "--guests", "10", "--hosts-per-table", "1"]
    data = json.loads(run(*args, "--json", "--seed", "3"))
    assert list(data) == ["tables", "rounds", "hosts", "ratio"]
    assert data["tables"] == 4
    assert data["hosts"] == [[0], [1], [2], [3]]
    assert len(data["rounds"]) == 3
    for tables in data["rounds"]:
        assert len(tables) == 4
        assert sorted(p for people in tables for p in people) == list(range(14))  # guests follow as 4 … 13
        for t, people in enumerate(tables):
            assert people == sorted(people) and people[0] == t
    assert isinstance(data["ratio"], float) and 0 < data["ratio"] <= 1
    assert json.loads(run(*args, "--json", "--seed", "3")) == data


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--guests", "30"], "30 guests do not fit"),
        (["--tables", "0"], "--tables: must be at least 1"),
        (["--seats", "six"], "--seats: 'six' is not a whole number"),
        (["--hosts-per-table", "6"], "fewer hosts per table than seats"),
    ],
)
def test_the_command_refuses_impossible_instances(args, message):
    given = {"--tables": "5", "--seats": "6", "--rounds": "2", "--guests": "20", "--hosts-per-table": "2"}
    given.update(dict(itertools.batched(args, 2)))
    with pytest.raises(CommandError, match=message):
        run(*itertools.chain.from_iterable(given.items()))


def test_the_spil_command_exits_with_a_message_on_an_impossible_instance():
    env = os.environ | {"SPIL_TESTING": "1", "DJANGO_SETTINGS_MODULE": "spil.settings"}
    args = ["--tables", "5", "--seats", "6", "--rounds", "2", "--guests", "21", "--hosts-per-table", "2"]
    result = subprocess.run(
        [sys.executable, "-m", "spil.cli", "tables", "plan", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "21 guests do not fit" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
