"""The speedmeet scheduler: short meetings between employers and the candidates they want to meet.

Pure: no database. Given the wanted pairs (employer, candidate), a number of slots (rounds), at most `tables`
meetings per slot, and the slots each person is there, it returns meetings such that nobody has two meetings in
one slot, each pair meets at most once, and the number of meetings is as large as possible.

Without availability limits this is bipartite edge colouring: with slots >= the largest number of meetings one
person wants, König's theorem says every pair fits. Limits on tables and availability make it an assignment
problem, solved exactly as a small integer program (HiGHS through `scipy.optimize.milp`); should the solver not
finish in time, a greedy plan takes over: one maximum bipartite matching per slot, preferring the people with
the most meetings still to place.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array, csr_array
from scipy.sparse.csgraph import maximum_bipartite_matching

SOLVER_SECONDS = 10.0


@dataclass(frozen=True, order=True)
class Meeting:
    slot: int  # 0-based round
    table: int  # 1-based table number
    employer: Hashable
    candidate: Hashable


def _allowed(person, available: Mapping | None, slots: int) -> set[int]:
    if available is None or person not in available or available[person] is None:
        return set(range(slots))
    return {slot for slot in available[person] if 0 <= slot < slots}


def _options(pairs, slots, employer_slots, candidate_slots) -> list[tuple[int, int]]:
    """(pair index, slot) for every slot in which both people of the pair are there."""
    options = []
    for index, (employer, candidate) in enumerate(pairs):
        both = _allowed(employer, employer_slots, slots) & _allowed(candidate, candidate_slots, slots)
        options += [(index, slot) for slot in sorted(both)]
    return options


def _solve_exact(pairs, slots, tables, options, time_limit: float) -> list[tuple[int, int]] | None:
    """The largest set of (pair, slot) options without double booking, or None when HiGHS gives up."""
    count = len(options)
    rows, cols = [], []
    row = 0
    by_pair: dict[int, list[int]] = defaultdict(list)
    by_person_slot: dict[tuple, list[int]] = defaultdict(list)
    by_slot: dict[int, list[int]] = defaultdict(list)
    for column, (index, slot) in enumerate(options):
        employer, candidate = pairs[index]
        by_pair[index].append(column)
        by_person_slot[("e", employer, slot)].append(column)
        by_person_slot[("c", candidate, slot)].append(column)
        by_slot[slot].append(column)
    groups = [columns for columns in by_pair.values() if len(columns) > 1]
    groups += [columns for columns in by_person_slot.values() if len(columns) > 1]
    upper = [1.0] * len(groups)
    if tables is not None:
        limited = [columns for columns in by_slot.values() if len(columns) > tables]
        groups += limited
        upper += [float(tables)] * len(limited)
    for columns in groups:
        rows += [row] * len(columns)
        cols += columns
        row += 1
    constraints = []
    if groups:
        matrix = coo_array((np.ones(len(rows)), (rows, cols)), shape=(row, count)).tocsr()
        constraints.append(LinearConstraint(matrix, -np.inf, np.array(upper)))
    # Count every meeting as 1, plus a little for an early round (people can leave early); the little bits of
    # all options together stay below 1, so the number of meetings always comes first.
    early = np.array([slots - slot for _index, slot in options], dtype=float) / (slots * (count + 1))
    result = milp(
        c=-(1.0 + early),
        integrality=np.ones(count),
        bounds=Bounds(0, 1),
        constraints=constraints,
        options={"time_limit": time_limit, "disp": False},
    )
    if result.x is None or result.status not in (0,):
        return None
    return [options[column] for column in np.flatnonzero(result.x > 0.5)]


def _solve_greedy(pairs, slots, tables, options) -> list[tuple[int, int]]:
    """Slot by slot, a maximum bipartite matching among the pairs still to place (fallback for huge events)."""
    slots_of: dict[int, set[int]] = defaultdict(set)
    for index, slot in options:
        slots_of[index].add(slot)
    remaining = set(slots_of)
    employers = sorted({pairs[index][0] for index in remaining}, key=repr)
    candidates = sorted({pairs[index][1] for index in remaining}, key=repr)
    e_index = {person: i for i, person in enumerate(employers)}
    c_index = {person: i for i, person in enumerate(candidates)}
    chosen = []
    for slot in range(slots):
        here = sorted(index for index in remaining if slot in slots_of[index])
        if not here:
            continue
        degree: dict = defaultdict(int)
        for index in remaining:
            degree[("e", pairs[index][0])] += 1
            degree[("c", pairs[index][1])] += 1
        graph = csr_array(
            (
                np.ones(len(here)),
                ([e_index[pairs[index][0]] for index in here], [c_index[pairs[index][1]] for index in here]),
            ),
            shape=(len(employers), len(candidates)),
        )
        matched = maximum_bipartite_matching(graph, perm_type="column")
        picked = []
        lookup = {(e_index[pairs[index][0]], c_index[pairs[index][1]]): index for index in here}
        for e, c in enumerate(matched):
            if c >= 0:
                picked.append(lookup[(e, int(c))])
        # With a table limit, the busiest people (most meetings still to place) go first.
        picked.sort(key=lambda index: -(degree[("e", pairs[index][0])] + degree[("c", pairs[index][1])]))
        if tables is not None:
            picked = picked[:tables]
        for index in picked:
            chosen.append((index, slot))
            remaining.discard(index)
    return chosen


def _tables(chosen: list[tuple[int, int]], pairs) -> list[Meeting]:
    """Table numbers: an employer keeps one table through the rounds where it can (candidates walk)."""
    home: dict = {}
    meetings = []
    by_slot: dict[int, list[int]] = defaultdict(list)
    for index, slot in chosen:
        by_slot[slot].append(index)
    for employer in sorted({pairs[index][0] for index, _slot in chosen}, key=repr):
        home[employer] = len(home) + 1
    for slot in sorted(by_slot):
        indices = sorted(by_slot[slot], key=lambda index: home[pairs[index][0]])
        used: set[int] = set()
        late = []
        for index in indices:
            table = home[pairs[index][0]]
            if table in used or table > len(indices):
                late.append(index)
            else:
                used.add(table)
                meetings.append(Meeting(slot, table, *pairs[index]))
        free = (table for table in range(1, len(indices) + 1) if table not in used)
        for index, table in zip(late, free, strict=False):
            meetings.append(Meeting(slot, table, *pairs[index]))
    return sorted(meetings)


def schedule(
    pairs: Iterable[tuple[Hashable, Hashable]],
    slots: int,
    *,
    tables: int | None = None,
    employer_slots: Mapping | None = None,
    candidate_slots: Mapping | None = None,
    time_limit: float = SOLVER_SECONDS,
) -> list[Meeting]:
    """Meetings for as many of the wanted (employer, candidate) pairs as fit; see the module's docstring.

    `employer_slots` / `candidate_slots` map a person to the slots (0-based) they are there; a person not in the
    map is there all the time. Tables are numbered from 1; with `tables` set, no slot uses more."""
    pairs = list(dict.fromkeys(pairs))
    if slots <= 0 or not pairs or tables == 0:
        return []
    options = _options(pairs, slots, employer_slots, candidate_slots)
    if not options:
        return []
    chosen = _solve_exact(pairs, slots, tables, options, time_limit)
    if chosen is None:
        chosen = _solve_greedy(pairs, slots, tables, options)
    return _tables(chosen, pairs)


def max_degree(pairs: Iterable[tuple[Hashable, Hashable]]) -> int:
    """The most meetings one person wants: with at least this many slots (and enough tables) all fit."""
    degree: dict = defaultdict(int)
    for employer, candidate in set(pairs):
        degree[("e", employer)] += 1
        degree[("c", candidate)] += 1
    return max(degree.values(), default=0)
