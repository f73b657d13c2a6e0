"""Seating planner for a praktijktafel (practice-table) session.

A session has ``tables`` tables of ``seats`` seats each. Every table has ``hosts_per_table`` fixed
hosts (for example an alderman and a member of the core group) who stay seated in every round;
the remaining ``seats - hosts_per_table`` seats per table are for guests. The ``guests`` rotate
over ``rounds`` rounds: every guest sits at exactly one table in each round.

Hard constraints (never violated by :func:`plan`, reported by :func:`evaluate`):

* no table holds more than ``seats`` people (hosts included);
* hosts sit at their own table in every round;
* every guest sits at exactly one table in each round;
* two people of one organisation never share a table in a round (hosts have organisations too,
  so a guest never sits at the table of a host of the same organisation);
* a pinned guest sits at its table (in every round, or in the one round of the pin);
* tables are filled evenly (unless ``Instance(balanced=False)``): in each round the numbers of
  guests at two tables differ by at most one.

Goal: as many distinct pairs of people as possible share a table at least once (primary), and
guests visit as many different tables as possible (secondary; with hosts this is part of the
primary goal, as a new table means new hosts).

Person ids: hosts have ids ``0 … T·H−1`` (the hosts of table ``t`` are ``t·H … t·H+H−1``), guests
the following ids ``T·H … T·H+G−1``. Tables and rounds are numbered from 0.

The quality of a plan is its *new-encounter ratio*: the number of distinct unordered pairs of
people who shared a table at least once, divided by :func:`max_pairs`, an upper bound on that
number for the instance (see there for the definition and why it is valid).

The search is Python, with NumPy for the tabu search. Starts: a greedy seating round by round,
and, when the number of tables is a prime power q, a seating from the affine plane over GF(q), in
which no two guests (or units of guests who always sit together) meet twice in the first q
rounds; this gives the
perfect plans of the social golfer kind at once (when the design leaves its column 0 empty, guests
pinned for the whole session take its points, and group b prefers table b, so that every guest
visits a new table in every round). The tables of each round of a start are then permuted to
maximise the distinct table visits (an optimal assignment per round, given the other rounds).
With 6 tables, where no affine plane exists, a stored schedule found offline (SCHEDULES) is one
more start. Then simulated annealing with swaps of two guests
(and moves into free seats, and exchanges of all guests of two tables) within a round, evaluated
incrementally from a pair-count matrix: first for the guest pairs, then for all pairs. Moves
prefer guests with a repeated pair or visit at their table. A plan below the bound gets half as
many iterations again, reheated from the best plan; on small instances (rounds × guests² up to
TABU_LIMIT) there is no such second pass, and TABU_SHARE of the moves go to a tabu search that
finishes the best plan, each step making the best swap of any two guests in any round (_tabu).
The search is bounded by a number of iterations (deterministic for a seed) and a wall-clock cap.
The starts keep to the cap as well: on a large instance, rounds not yet seated when it passes are
dealt (cheap, valid, with less care for new encounters), the tables are no longer permuted and the
search is left out.
"""

import math
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = [
    "DEFAULT_TIME_BUDGET",
    "Evaluation",
    "Instance",
    "Plan",
    "PlanError",
    "evaluate",
    "max_pairs",
    "move_guest",
    "plan",
    "swap_guests",
]

#: Wall-clock safety cap of :func:`plan` in seconds. The search itself is bounded by a number of
#: iterations, so that a seed always gives the same plan; the cap only cuts it short on a machine
#: too slow to finish those iterations in time (and then the result may differ from a fast machine).
DEFAULT_TIME_BUDGET = 1.5

#: Limits that keep a plan within memory and time (a praktijktafel has tens of people, not thousands).
MAX_PEOPLE = 1000
MAX_ROUNDS = 100
MAX_TABLES = 200

Rounds = list[list[list[int]]]


class PlanError(ValueError):
    """An instance that cannot be planned, or a change that would break a hard constraint.

    ``code`` says which, for callers that word their own messages: "invalid" (the instance or an
    argument); for an instance whose organisations or pins leave no plan "host_colleagues",
    "pin_host_colleague", "pin_colleagues", "pins_full", "pins_crowded", "organisation_crowded" or
    "unseatable", with the ids, table numbers (from 0) and organisation labels involved in
    ``params``; and for changes by hand "unknown" (no such round, table or guest), "host",
    "pinned", "full", "colleague" or "uneven".
    """

    def __init__(self, message: str, code: str = "invalid", **params):
        super().__init__(message)
        self.code = code
        self.params = params


def _pairs(n: int) -> int:
    return n * (n - 1) // 2 if n > 1 else 0


def _spread(n: int, parts: int) -> int:
    """The fewest pairs within parts when n people are split over ``parts`` parts (evenly)."""
    q, s = divmod(n, parts)
    return s * _pairs(q + 1) + (parts - s) * _pairs(q)


#: The capacity bound enumerates the mixes of rounds with few and many occupied tables up to
#: this many; beyond it, it uses the simpler (larger, still valid) form.
_MIXES_LIMIT = 3000


def _capacity_bound(G: int, c: int, T: int, R: int) -> int:
    """An upper bound on the distinct guest pairs from the table capacity (see max_pairs).

    Round r has k_{r,t} ≤ c guests at table t and n_r occupied tables. A pair of rounds shares at
    least ov ≥ Σ_t ℓ(k_{r,t}, n_{r'}) pairs, ℓ(k, n) being the fewest pairs among k guests who
    come from n tables (split evenly). The distinct pairs are at most
    Σ_r m_r − (1/R) Σ_{r ≠ r'} Σ_t ℓ(k_{r,t}, n_{r'}), with m_r = Σ_t C(k_{r,t}, 2). For a given
    mix of n_r, each round's part is a convex function of its table sizes, largest at a corner
    (all tables but one full or holding one guest); the bound is the largest total over all mixes.
    """
    if G < 2:
        return 0
    full, rest = divmod(G, c)
    simple = R * (full * _pairs(c) + _pairs(rest)) - (R - 1) * (full * _spread(c, T) + _spread(rest, T))
    least = -(-G // c)
    most = min(T, G)
    if R == 1 or c <= least:
        return simple
    # Classes of occupied-table counts: each n < c on its own, all n ≥ c together (they force nothing).
    small = list(range(least, min(c, most + 1)))
    large = list(range(max(c, least), most + 1))
    classes: list[list[int]] = [[n] for n in small] + ([large] if large else [])
    m = len(classes)
    if math.comb(R + m - 1, m - 1) > _MIXES_LIMIT:
        return simple
    forcing = [n[0] if len(n) == 1 and n[0] < c else 0 for n in classes]  # 0: forces nothing

    def corner_best(n: int, weight: list[int]) -> int:
        """R × the best part of a round with exactly n occupied tables (−1 if impossible)."""

        def part(k: int) -> int:
            return R * _pairs(k) - sum(w * _spread(k, f) for w, f in zip(weight, forcing, strict=True) if w and f)

        best = -1
        for f in range(n):
            ones = n - f - 1
            remainder = G - f * c - ones
            if 1 <= remainder <= c:
                best = max(best, f * part(c) + ones * part(1) + part(remainder))
        return best

    def mixes(total: int, parts: int):
        if parts == 1:
            yield (total,)
            return
        for first in range(total + 1):
            for tail in mixes(total - first, parts - 1):
                yield (first, *tail)

    best_total = None
    for mix in mixes(R, m):
        total = 0
        for i, count in enumerate(mix):
            if not count:
                continue
            others = list(mix)
            others[i] -= 1
            value = max(corner_best(n, others) for n in classes[i])
            if value < 0:
                break
            total += count * value
        else:
            if best_total is None or total > best_total:
                best_total = total
    if best_total is None:  # pragma: no cover - some mix is always possible
        return simple
    return min(simple, best_total // R)


def _balanced_bound(G: int, T: int, R: int) -> int:
    """The capacity bound of _capacity_bound when every round has table sizes G // T or ⌈G/T⌉."""
    a, b = divmod(G, T)
    if a == 0:
        return 0  # one guest or none per table
    per_round = b * _pairs(a + 1) + (T - b) * _pairs(a)
    forced = b * _spread(a + 1, T) + (T - b) * _spread(a, T)
    return R * per_round - (R - 1) * forced


def _joint_bound(T: int, H: int, G: int, R: int, most: Sequence[int] = ()) -> int:
    """An upper bound on all distinct pairs of a balanced instance, counting repeated guest pairs
    and repeated table visits together (see max_pairs).

    For two rounds r, r', the k guests at table t in r sit in r' at t again (d of them, each a
    repeated visit, and C(d, 2) repeated pairs) or at the T − 1 other tables (at least
    ℓ(k − d, T − 1) repeated pairs): at least c_k(d) = H·d + C(d, 2) + ℓ(k − d, T − 1) ≥ j(k) + α·d
    repeats weighted as they cost, j(k) = min_d c_k(d) and α the largest slope that allows.
    Summed over all pairs of rounds and scaled by 2/R, this bounds the loss against
    T·C(H, 2) + H·G·R + R·P (every visit new, every pair new); ``most`` (the most distinct tables
    each guest can visit, for guests who cannot visit a new table in every round) adds what their
    forced repeated visits cost beyond that.
    """
    a, b = divmod(G, T)
    per_round = b * _pairs(a + 1) + (T - b) * _pairs(a)

    def cost(k: int, d: int) -> int:
        return H * d + _pairs(d) + _spread(k - d, T - 1)

    def joint(k: int) -> int:
        if T == 1:
            return H * k + _pairs(k)
        return min(cost(k, d) for d in range(k + 1))

    forced = b * joint(a + 1) + (T - b) * joint(a)
    total = T * _pairs(H) + H * G * R + R * per_round - (R - 1) * forced
    short = [m for m in most if m < R]
    if not short or R < 2:
        return total
    # α: every table of every pair of rounds costs at least j(k) + α·d with d guests who stay.
    alpha = Fraction(0)
    if T > 1:
        sizes = [k for k in (a, a + 1) if k and (k == a or b)]
        alpha = min((Fraction(cost(k, d) - joint(k), d) for k in sizes for d in range(1, k + 1)), default=alpha)
    # A guest at a table in n rounds costs H·(n − 1) beyond its share, less (2/R)·(H − α)·C(n, 2)
    # counted in (R − 1)·J already; in integers, times R·q for α = p/q.
    p, q = alpha.numerator, alpha.denominator

    def extra(n: int) -> int:
        return H * (n - 1) * R * q - 2 * (H * q - p) * _pairs(n)

    least: dict[int, float] = {}
    best: list[float] = [0] + [math.inf] * R  # the least Σ extra(n_t) over splits of s rounds over ≤ m tables
    for m in range(1, max(short) + 1):
        best = [min([best[s]] + [best[s - n] + extra(n) for n in range(1, s + 1)]) for s in range(R + 1)]
        least[m] = best[R]
    loss = int(sum(least[m] for m in short))
    return total - -(-loss // (R * q))


# --------------------------------------------------------------------------------------------
# Max flow (Dinic), used for feasibility and for the upper bound. Graphs here are small.
# --------------------------------------------------------------------------------------------


class _Flow:
    def __init__(self, nodes: int):
        self.adj: list[list[int]] = [[] for _ in range(nodes)]
        self.to: list[int] = []
        self.cap: list[int] = []

    def edge(self, u: int, v: int, cap: int) -> int:
        """Add an edge u→v; returns its index (its flow is ``flow(index)``)."""
        self.adj[u].append(len(self.to))
        self.to.append(v)
        self.cap.append(cap)
        self.adj[v].append(len(self.to))
        self.to.append(u)
        self.cap.append(0)
        return len(self.to) - 2

    def flow(self, index: int) -> int:
        return self.cap[index ^ 1]

    def run(self, source: int, sink: int) -> int:
        """Push the maximum flow from source to sink; returns its value."""
        total = 0
        while True:
            level = [-1] * len(self.adj)
            level[source] = 0
            queue = [source]
            for u in queue:
                for e in self.adj[u]:
                    if self.cap[e] > 0 and level[self.to[e]] < 0:
                        level[self.to[e]] = level[u] + 1
                        queue.append(self.to[e])
            if level[sink] < 0:
                return total
            pointer = [0] * len(self.adj)
            while pushed := self._push(source, sink, 1 << 60, level, pointer):
                total += pushed

    def _push(self, u: int, sink: int, limit: int, level: list[int], pointer: list[int]) -> int:
        if u == sink:
            return limit
        edges = self.adj[u]
        while pointer[u] < len(edges):
            e = edges[pointer[u]]
            v = self.to[e]
            if self.cap[e] > 0 and level[v] == level[u] + 1:
                pushed = self._push(v, sink, min(limit, self.cap[e]), level, pointer)
                if pushed:
                    self.cap[e] -= pushed
                    self.cap[e ^ 1] += pushed
                    return pushed
            pointer[u] += 1
        return 0


def _max_distinct(options: Sequence[int], tables: int) -> int:
    """How many distinct tables one guest can visit, given a bitmask of allowed tables per round
    (maximum bipartite matching of rounds to tables)."""
    match = [-1] * tables  # table -> round

    def augment(r: int, seen: list[bool]) -> bool:
        mask = options[r]
        t = 0
        while mask:
            if mask & 1 and not seen[t]:
                seen[t] = True
                if match[t] < 0 or augment(match[t], seen):
                    match[t] = r
                    return True
            mask >>= 1
            t += 1
        return False

    return sum(augment(r, [False] * tables) for r in range(len(options)))


# --------------------------------------------------------------------------------------------
# Instance
# --------------------------------------------------------------------------------------------


def _whole(name: str, value: object, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlanError(f"{name} must be a whole number (got {value!r}).")
    if value < minimum:
        raise PlanError(f"{name} must be at least {minimum} (got {value}).")
    if value > maximum:
        raise PlanError(f"{name} must be at most {maximum} (got {value}).")
    return value


@dataclass(frozen=True)
class Instance:
    """One praktijktafel session to plan.

    ``organisations`` maps person ids (hosts and guests) to an organisation label; people without
    a label (or with an empty one) have no colleagues. ``pins`` holds ``(guest, table)`` pairs (the
    guest sits at that table in every round) and ``(guest, round, table)`` triples (only in that
    round). With ``balanced`` (the default) the tables are filled evenly: in every round the numbers
    of guests at two tables differ by at most one, so that no host sits alone while another table
    is full. Without it, only the number of seats limits a table (the plan may then leave tables
    empty, as concentrating guests makes more pairs). An instance that cannot be planned raises
    :class:`PlanError` when it is created.
    """

    tables: int
    seats: int
    rounds: int
    hosts_per_table: int
    guests: int
    organisations: Mapping[int, str] | None = None
    pins: Sequence[tuple[int, ...]] = ()
    balanced: bool = True

    def __post_init__(self):
        if not isinstance(self.balanced, bool):
            raise PlanError(f"balanced must be True or False (got {self.balanced!r}).")
        _whole("The number of tables", self.tables, 1, MAX_TABLES)
        _whole("The number of seats per table", self.seats, 1, MAX_PEOPLE)
        _whole("The number of rounds", self.rounds, 1, MAX_ROUNDS)
        _whole("The number of hosts per table", self.hosts_per_table, 0, MAX_PEOPLE)
        _whole("The number of guests", self.guests, 0, MAX_PEOPLE)
        if self.hosts_per_table >= self.seats:
            raise PlanError(
                f"Every table has {self.seats} seats and {self.hosts_per_table} hosts: "
                "there must be fewer hosts per table than seats, to leave seats for guests."
            )
        if self.people > MAX_PEOPLE:
            raise PlanError(f"At most {MAX_PEOPLE} people (hosts and guests) can be planned (got {self.people}).")
        if self.guests > self.tables * self.guest_seats:
            raise PlanError(
                f"{self.guests} guests do not fit: {self.tables} tables × {self.guest_seats} guest seats "
                f"({self.seats} seats minus {self.hosts_per_table} hosts) = {self.tables * self.guest_seats} "
                "guests per round at most."
            )
        self._model  # noqa: B018 - checks organisations, pins and feasibility

    # Person ids -----------------------------------------------------------------------------

    @property
    def guest_seats(self) -> int:
        """Seats per table left for guests."""
        return self.seats - self.hosts_per_table

    @property
    def people(self) -> int:
        return self.tables * self.hosts_per_table + self.guests

    @property
    def table_sizes(self) -> tuple[int, int]:
        """The least and the most guests at a table in a round: (G // T, ⌈G / T⌉) when balanced,
        else (0, seats − hosts)."""
        if not self.balanced:
            return 0, self.guest_seats
        return self.guests // self.tables, -(-self.guests // self.tables)

    @property
    def first_guest(self) -> int:
        """The id of the first guest (hosts come first)."""
        return self.tables * self.hosts_per_table

    def hosts_of(self, table: int) -> list[int]:
        """The ids of the hosts of a table."""
        h = self.hosts_per_table
        return list(range(table * h, table * h + h))

    def host_table(self, person: int) -> int | None:
        """The table of a host, or None for a guest."""
        return person // self.hosts_per_table if 0 <= person < self.first_guest else None

    def is_guest(self, person: int) -> bool:
        return self.first_guest <= person < self.people

    def organisation(self, person: int) -> str | None:
        label = (self.organisations or {}).get(person)
        return label or None

    # Internal model -------------------------------------------------------------------------

    @cached_property
    def _model(self) -> "_Model":
        return _Model(self)


class _Model:
    """The instance in arrays indexed by round, table and guest number (0 … G−1)."""

    def __init__(self, inst: Instance):
        self.T = T = inst.tables
        self.S = inst.seats
        self.H = inst.hosts_per_table
        self.R = R = inst.rounds
        self.G = G = inst.guests
        self.c = inst.guest_seats
        self.first = first = inst.first_guest
        self.balanced = inst.balanced
        # Table sizes: lo ≤ guests ≤ hi, and with balance at most `extra` tables above lo.
        self.lo, self.hi = inst.table_sizes
        self.extra = G - T * self.lo if inst.balanced else T

        # Organisations: an index per label; -1 for none.
        labels: dict[str, int] = {}
        for person, label in (inst.organisations or {}).items():
            if isinstance(person, bool) or not isinstance(person, int) or not 0 <= person < inst.people:
                raise PlanError(
                    f"Organisation given for an unknown person id {person!r} (ids are 0 … {inst.people - 1})."
                )
            if label is not None and not isinstance(label, str):
                raise PlanError(f"The organisation of person {person} must be a text label (got {label!r}).")
            if label:
                labels.setdefault(label, len(labels))
        self.org_labels = list(labels)
        self.O = len(labels)
        self.org = [labels.get(inst.organisation(first + g) or "", -1) for g in range(G)]
        self.host_org: list[set[int]] = []
        for t in range(T):
            orgs: set[int] = set()
            for person in inst.hosts_of(t):
                o = labels.get(inst.organisation(person) or "", -1)
                if o >= 0:
                    if o in orgs:
                        raise PlanError(
                            f"Two hosts of table {t} are both from organisation {self.org_labels[o]!r}: "
                            "colleagues may not share a table.",
                            "host_colleagues",
                            table=t,
                            organisation=self.org_labels[o],
                        )
                    orgs.add(o)
            self.host_org.append(orgs)

        # Pins.
        pin = [[-1] * G for _ in range(R)]
        for raw in inst.pins:
            if not isinstance(raw, tuple | list) or len(raw) not in (2, 3):
                raise PlanError(f"A pin is (guest, table) or (guest, round, table), not {raw!r}.")
            if any(isinstance(v, bool) or not isinstance(v, int) for v in raw):
                raise PlanError(f"A pin holds whole numbers, not {raw!r}.")
            person, table = raw[0], raw[-1]
            if not inst.is_guest(person):
                raise PlanError(
                    f"Pin {tuple(raw)}: {person} is not a guest id (guests are {first} … {inst.people - 1})."
                )
            if not 0 <= table < T:
                raise PlanError(f"Pin {tuple(raw)}: there is no table {table} (tables are 0 … {T - 1}).")
            if len(raw) == 3 and not 0 <= raw[1] < R:
                raise PlanError(f"Pin {tuple(raw)}: there is no round {raw[1]} (rounds are 0 … {R - 1}).")
            for r in [raw[1]] if len(raw) == 3 else range(R):
                previous = pin[r][person - first]
                if previous >= 0 and previous != table:
                    raise PlanError(
                        f"Guest {person} is pinned to both table {previous} and table {table} in round {r}."
                    )
                pin[r][person - first] = table
        self.pin = pin
        self.pinned = [[t >= 0 for t in row] for row in pin]

        # Allowed tables per round and guest, as bitmasks.
        everything = (1 << T) - 1
        org_mask = [everything & ~sum(1 << t for t in range(T) if o in self.host_org[t]) for o in range(self.O)]
        self.allowed: list[list[int]] = []
        checked: set[tuple[int, ...]] = set()
        for r in range(R):
            blocked: dict[int, int] = {}  # org -> tables with a pinned guest of that org
            count = [0] * T
            for g in range(G):
                t = pin[r][g]
                if t < 0:
                    continue
                count[t] += 1
                o = self.org[g]
                if o >= 0:
                    if o in self.host_org[t]:
                        raise PlanError(
                            f"Guest {first + g} is pinned to table {t}, where a host is also from "
                            f"organisation {self.org_labels[o]!r}.",
                            "pin_host_colleague",
                            person=first + g,
                            table=t,
                            organisation=self.org_labels[o],
                        )
                    if blocked.get(o, 0) >> t & 1:
                        raise PlanError(
                            f"Two guests of organisation {self.org_labels[o]!r} are pinned to table {t} in round {r}.",
                            "pin_colleagues",
                            table=t,
                            round=r,
                            organisation=self.org_labels[o],
                        )
                    blocked[o] = blocked.get(o, 0) | 1 << t
            for t in range(T):
                if count[t] > self.hi:  # hi ≤ c: the most guests a table takes in a round
                    reason = (
                        f"which has only {self.c} guest seats"
                        if count[t] > self.c
                        else f"but with {G} guests evenly over {T} tables a table gets at most {self.hi} "
                        "(plan with uneven tables to allow more)"
                    )
                    raise PlanError(
                        f"{count[t]} guests are pinned to table {t} in round {r}, {reason}.",
                        "pins_full",
                        table=t,
                        round=r,
                        count=count[t],
                        limit=self.hi,
                    )
            row = []
            for g in range(G):
                o = self.org[g]
                if pin[r][g] >= 0:
                    row.append(1 << pin[r][g])
                elif o >= 0:
                    row.append(org_mask[o] & ~blocked.get(o, 0))
                else:
                    row.append(everything)
            self.allowed.append(row)
            signature = tuple(pin[r])
            if signature not in checked:
                checked.add(signature)
                self._check_round(r)
        self.movable = [[g for g in range(G) if not self.pinned[r][g]] for r in range(R)]

    # Feasibility of one round ---------------------------------------------------------------

    def _round_flow(self, r: int, rng: random.Random | None = None):
        """A flow network for round r: free guests, grouped by organisation, to tables.

        Returns (flow, the value needed to seat everyone, edges, free) where edges maps (group,
        table) to an edge index and free maps a group to its unpinned guests; group −1 stands for
        the guests without an organisation.
        """
        T, c = self.T, self.c
        free: dict[int, list[int]] = {}
        for g in range(self.G):
            if not self.pinned[r][g]:
                free.setdefault(self.org[g], []).append(g)
        pinned_at = [0] * T
        for g in range(self.G):
            if self.pinned[r][g]:
                pinned_at[self.pin[r][g]] += 1
        # Seats per table up to lo (hi when not balanced), plus a shared budget of `extra` tables
        # that take one more guest (balanced only).
        base = self.lo if self.balanced else c
        room = [max(0, base - k) for k in pinned_at]
        extra = self.extra - sum(k > base for k in pinned_at) if self.balanced else 0
        groups = list(free)
        tables = list(range(T))
        if rng is not None:
            rng.shuffle(groups)
            rng.shuffle(tables)
        source, sink = 0, 1
        flow = _Flow(3 + len(groups) + T)
        spare = 2 + len(groups) + T  # the node of the shared extra seats
        edges: dict[tuple[int, int], int] = {}
        for i, o in enumerate(groups):
            node = 2 + i
            members = free[o]
            flow.edge(source, node, len(members))
            mask = self.allowed[r][members[0]] if o >= 0 else (1 << T) - 1
            for t in tables:
                if mask >> t & 1:
                    edges[o, t] = flow.edge(node, 2 + len(groups) + t, 1 if o >= 0 else c)
        for t in tables:
            flow.edge(2 + len(groups) + t, sink, room[t])
            if extra > 0 and pinned_at[t] <= base:
                flow.edge(2 + len(groups) + t, spare, 1)
        flow.edge(spare, sink, max(extra, 0))
        return flow, sum(len(m) for m in free.values()), edges, free

    def _check_round(self, r: int) -> None:
        if self.balanced:
            pinned_at = [0] * self.T
            for t in self.pin[r]:
                if t >= 0:
                    pinned_at[t] += 1
            crowded = sum(1 for k in pinned_at if k > self.lo)
            if crowded > self.extra:
                raise PlanError(
                    f"In round {r}, {crowded} tables have more than {self.lo} pinned guests, but with "
                    f"{self.G} guests evenly over {self.T} tables only {self.extra} tables get {self.hi} "
                    "(plan with uneven tables to allow more).",
                    "pins_crowded",
                    round=r,
                    crowded=crowded,
                    least=self.lo,
                    limit=self.extra,
                )
        flow, needed, _edges, free = self._round_flow(r)
        if flow.run(0, 1) == needed:
            return
        for o, members in free.items():
            if o < 0:
                continue
            places = bin(self.allowed[r][members[0]]).count("1")
            if len(members) > places:
                raise PlanError(
                    f"Organisation {self.org_labels[o]!r} has {len(members)} guests to seat in round {r}, "
                    f"but only {places} tables without a colleague: colleagues may not share a table.",
                    "organisation_crowded",
                    round=r,
                    organisation=self.org_labels[o],
                    count=len(members),
                    places=places,
                )
        evenly = " at evenly filled tables" if self.balanced else ""
        raise PlanError(
            f"The guests cannot be seated in round {r}{evenly}: colleagues of one organisation may not share "
            "a table, and the organisations and pinned guests leave too few places.",
            "unseatable",
            round=r,
        )

    def feasible_round(self, r: int, rng: random.Random) -> list[list[int]]:
        """Some valid seating of round r (pinned guests at their tables), from a max flow."""
        flow, _needed, edges, free = self._round_flow(r, rng)
        flow.run(0, 1)
        tables: list[list[int]] = [[] for _ in range(self.T)]
        for g in range(self.G):
            if self.pinned[r][g]:
                tables[self.pin[r][g]].append(g)
        for o, members in free.items():
            members = members[:]
            rng.shuffle(members)
            for t in range(self.T):
                index = edges.get((o, t))
                if index is not None:
                    for _ in range(flow.flow(index)):
                        tables[t].append(members.pop())
        return tables

    # Upper bound ----------------------------------------------------------------------------

    @cached_property
    def most_tables(self) -> list[int]:
        """The most distinct tables each guest can visit (a maximum matching of rounds to the
        tables it may use in that round)."""
        T, R = self.T, self.R
        if not self.O and not any(any(row) for row in self.pinned):
            return [min(T, R)] * self.G
        return [_max_distinct([self.allowed[r][g] for r in range(R)], T) for g in range(self.G)]

    @cached_property
    def visit_bound(self) -> int:
        """An upper bound on the number of distinct (guest, table) visits (see max_pairs)."""
        T, R, G = self.T, self.R, self.G
        if G == 0:
            return 0
        if not self.O and not any(any(row) for row in self.pinned):
            return min(G * min(T, R), T * min(G, R * self.hi))
        reach = [0] * G
        for r in range(R):
            for g, mask in enumerate(self.allowed[r]):
                reach[g] |= mask
        most = self.most_tables
        flow = _Flow(2 + G + T)
        for g in range(G):
            flow.edge(0, 2 + g, most[g])
            for t in range(T):
                if reach[g] >> t & 1:
                    flow.edge(2 + g, 2 + G + t, 1)
        for t in range(T):
            flow.edge(2 + G + t, 1, R * self.hi)
        return flow.run(0, 1)

    @cached_property
    def guest_pair_bound(self) -> int:
        """An upper bound on the number of distinct guest–guest pairs (see max_pairs)."""
        G, R = self.G, self.R
        degree_cap = R * (self.hi - 1)
        # Guests with the same organisation and allowed tables are interchangeable: group them.
        groups: dict[tuple[int, tuple[int, ...]], int] = {}
        for g in range(G):
            key = (self.org[g], tuple(self.allowed[r][g] for r in range(R)))
            groups[key] = groups.get(key, 0) + 1
        keys = list(groups)
        degrees = 0
        for i, (org_i, masks_i) in enumerate(keys):
            partners = 0
            for org_j, masks_j in keys:
                if org_i >= 0 and org_i == org_j:
                    continue
                if any(a & b for a, b in zip(masks_i, masks_j, strict=True)):
                    partners += groups[org_j, masks_j]
            if org_i < 0 and any(masks_i):
                partners -= 1  # not oneself
            degrees += groups[keys[i]] * min(partners, degree_cap)
        capacity = _balanced_bound(G, self.T, R) if self.balanced else _capacity_bound(G, self.c, self.T, R)
        return min(capacity, degrees // 2)

    def at_bound(self, pairs: int, visits: int) -> bool:
        """Whether a plan with these distinct guest pairs and visits reaches the bound: all pairs
        at max_pairs (with hosts), or the guest pairs and (with hosts) the visits at theirs."""
        H = self.H
        if H and pairs + H * visits >= self.max_pairs - self.T * _pairs(H):
            return True
        return pairs >= self.guest_pair_bound and (not H or visits >= self.visit_bound)

    @cached_property
    def max_pairs(self) -> int:
        host_pairs = self.T * _pairs(self.H)
        separate = host_pairs + self.H * self.visit_bound + self.guest_pair_bound
        if self.balanced and self.H:
            return min(separate, _joint_bound(self.T, self.H, self.G, self.R, self.most_tables))
        return separate


def max_pairs(instance: Instance) -> int:
    """The theoretical maximum of distinct pairs of people sharing a table at least once.

    Notation: T tables, H hosts per table, c = seats − H guest seats, G guests, R rounds, and
    lo ≤ k ≤ hi guests at a table in a round: with balanced tables lo = ⌊G/T⌋ and hi = ⌈G/T⌉ (and
    exactly G mod T tables hold hi), otherwise lo = 0 and hi = c. C(n, 2) = n(n − 1)/2. The
    maximum is the sum of upper bounds for the three kinds of pairs; each bounds what any valid
    plan achieves, so the new-encounter ratio of a valid plan is at most 1.

    * Host–host: exactly T·C(H, 2). Hosts sit at their own table in every round: the hosts of a
      table always meet, hosts of different tables never.
    * Host–guest: H·V, where V bounds the distinct (guest, table) visits (a visit meets the H hosts
      of the table). Without organisations and pins V = min(G·min(T, R), T·min(G, R·hi)): a guest
      sits at one table per round, and a table seats at most hi guests per round. With them, V is
      a maximum flow from guests to tables: guest g sends at most m_g units (the most distinct
      tables it can visit: a maximum matching of rounds to the tables it may use in that round, i.e.
      its pin, or the tables without a host or a pinned guest of its organisation), one unit to
      each table it may ever use, and a table takes at most R·hi units. The visits of any valid plan
      form such a flow.
    * Guest–guest: the smaller of two bounds.
      Per guest: a guest sits with at most hi − 1 other guests per round, so it meets at most
      min(p_g, R·(hi − 1)) guests, p_g being the guests who are not its colleagues and could share
      a table with it in some round (G − 1 without organisations and pins). Every pair has two
      guests: at most ⌊Σ_g min(p_g, R·(hi − 1)) / 2⌋ (which is at most C(G, 2)).
      Capacity: let m_r be the guest pairs at one table in round r and λ_p the rounds in which
      pair p meets. The distinct pairs are Σ_r m_r − E with E = Σ_p (λ_p − 1)⁺ the repeats. Two
      rounds r, r' share ov(r, r') = Σ_{t,t'} C(k_{t,t'}, 2) pairs (k_{t,t'} guests at t in r and t'
      in r'), and Σ_{r<r'} ov(r, r') = Σ_p C(λ_p, 2) ≤ (R/2)·E as λ_p ≤ R. A table of k guests in
      round r' gets them from the n_r occupied tables of round r, so at least ℓ(k, n_r) of its
      pairs met in r, ℓ(k, n) being the pairs within an even split of k over n (pigeonhole, and
      C(n, 2) is convex). Hence distinct ≤ Σ_r m_r − (1/R)·Σ_{r≠r'} Σ_t ℓ(k_{r',t}, n_r). This
      matters only when a table holds more guests than there are tables: the 48 guests at 6 tables
      of 8 cannot all meet new people after the first round.
      Balanced, all T tables are occupied (when G ≥ T) and the sizes are fixed: R·P − (R − 1)·L
      with P = b·C(a + 1, 2) + (T − b)·C(a, 2) and L = b·ℓ(a + 1, T) + (T − b)·ℓ(a, T), where
      a = ⌊G/T⌋ and b = G mod T. Unbalanced, the bound is the maximum over the table sizes of all
      rounds: for a given number of occupied tables per round, a round's part is convex in its
      table sizes, so largest with all tables but one full or holding one guest; all mixes of
      occupied-table counts are tried (up to 3000, else the simpler, larger bound that fills tables
      completely, P = ⌊G/c⌋·C(c, 2) + C(G mod c, 2), and uses n_r = T).
    * Jointly (balanced, H ≥ 1): the total is also at most
      T·C(H, 2) + H·G·R + R·P − (R − 1)·J − ⌈Φ⌉.
      The visits are G·R − L with L = Σ_{g,t} (n_{g,t} − 1)⁺ the repeated visits (n_{g,t}: rounds
      g sits at t), and the guest pairs R·P − E, so the total is T·C(H, 2) + H·G·R + R·P − (H·L + E).
      For two rounds r < r', the k guests of table t in r sit in r' at t (d of them: d same-table
      guests and C(d, 2) shared pairs) or at the T − 1 other tables (at least ℓ(k − d, T − 1)
      shared pairs), so ov_t + H·d ≥ c_k(d) = H·d + C(d, 2) + ℓ(k − d, T − 1), ov_t being the
      pairs of those k guests who share a table in r' (Σ_t ov_t = ov(r, r')). Let
      j(k) = min_d c_k(d) and α = min over the table sizes k ≥ 1 and 1 ≤ d ≤ k of (c_k(d) − j(k))/d
      (α ≥ 0; α = 0 when T = 1, where d = k is forced); then ov_t + H·d ≥ j(k) + α·d. Summed over
      the tables and the pairs of rounds, with O = Σ_{r<r'} ov(r, r') = Σ_p C(λ_p, 2) and
      S = Σ_{r<r'} (guests at the same table in r and r') = Σ_{g,t} C(n_{g,t}, 2):
      O + (H − α)·S ≥ C(R, 2)·J, J = Σ_t j(k_t) (the same in every round). As C(λ, 2) ≤
      (R/2)·(λ − 1) for 1 ≤ λ ≤ R, E ≥ (2/R)·O ≥ (R − 1)·J − (2/R)·(H − α)·S, hence
      H·L + E ≥ (R − 1)·J + Σ_g φ_g with φ_g = Σ_{t: n_{g,t} ≥ 1} f(n_{g,t}) and
      f(n) = H·(n − 1) − (2/R)·(H − α)·C(n, 2) = (n − 1)·(H − (H − α)·n/R) ≥ 0 for 1 ≤ n ≤ R.
      A guest visits at most m_g distinct tables (the matching above), so its n_{g,t} split R into
      at most m_g parts, and Φ = Σ_g min φ over all such splits (by dynamic programming, exactly,
      in integers); Φ = 0 when every m_g ≥ R (all parts 1, f(1) = 0), and the total is an integer.
      J matters when the guests of a table outnumber the other tables: then keeping every guest
      from its earlier tables forces repeated pairs, e.g. 6 tables of 2 hosts and 6 guests for 6
      rounds: 978 by the separate bounds, 948 jointly. Φ matters when guests cannot visit a new
      table in every round (fewer tables than rounds, or hosts of their organisation): with 6
      tables of 2 hosts and 8 guests for 6 rounds, α = 1 (c_8(0) = 3, c_8(1) = 4), f(2) = 5/3,
      f(3) = 3; 4 guests who may use only 4 tables (n = 3, 1, 1, 1: 3 each) and 4 who may use 5
      (5/3 each) give 1500 − ⌈18.67⌉ = 1481.
      Colleague pairs do not lower it: J and R·P count only pairs that sit at a table, which
      colleagues never are, and C(G, 2) is not part of it.

    The bound is reached where designs exist: the social golfer solutions (4 × 4 for 5 rounds,
    3 × 3 for 4 rounds, 8 × 4 for 9 rounds), two rounds where every guest changes tables and meets
    only new guests (Amersfoort: 5 tables of 2 hosts and 4 guests, 145 pairs), or 10 guests at each
    of 5 tables for 6 rounds: 25 couples who always sit together, and all C(50, 2) pairs meet.
    It is not reached where such designs do not exist, e.g. with 6 tables of 6 guests for more than
    3 rounds (there are no two orthogonal Latin squares of order 6), and the trade-off between
    new tables and new guests is not part of it.
    """
    return instance._model.max_pairs


# --------------------------------------------------------------------------------------------
# Evaluation of a plan
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evaluation:
    """The figures of a plan, and what is wrong with it (``violations``; empty when valid)."""

    distinct_pairs: int
    max_pairs: int
    ratio: float
    repeated_pairs: int
    repeated_visits: int
    violations: tuple[str, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.violations


def _ratio(distinct: int, maximum: int) -> float:
    return distinct / maximum if maximum else 1.0


def evaluate(instance: Instance, rounds: Sequence[Sequence[Sequence[int]]]) -> Evaluation:
    """Figures and constraint violations of a plan given as round → table → person ids.

    ``distinct_pairs`` counts the unordered pairs of people who shared a table at least once;
    ``repeated_pairs`` the pairs, other than two hosts of one table (who always meet), who shared a
    table in more than one round; ``repeated_visits`` the times a guest sat at a table it had sat at
    before. The ratio is ``distinct_pairs / max_pairs`` (1.0 when the maximum is 0); it is at most 1
    for a plan without violations.
    """
    inst = instance
    n = inst.people
    violations: list[str] = []
    if len(rounds) != inst.rounds:
        violations.append(f"The plan has {len(rounds)} rounds instead of {inst.rounds}.")
    seated: list[list[list[int]]] = []  # per round, the known people per table: for the pair counts
    visits: dict[tuple[int, int], int] = {}
    model = inst._model
    # Read once: these loops visit every seat of every round.
    first, labels, H = inst.first_guest, inst.organisations or {}, inst.hosts_per_table
    for r, tables in enumerate(rounds):
        if len(tables) != inst.tables:
            violations.append(f"Round {r} has {len(tables)} tables instead of {inst.tables}.")
        seen: dict[int, int] = {}
        sizes: list[int] = []
        seated.append([])
        for t, people in enumerate(tables):
            known = []
            for person in people:
                if isinstance(person, bool) or not isinstance(person, int) or not 0 <= person < n:
                    violations.append(f"Round {r}, table {t}: unknown person {person!r}.")
                elif person in seen:
                    violations.append(f"Round {r}: person {person} sits at tables {seen[person]} and {t}.")
                else:
                    seen[person] = t
                    known.append(person)
            if len(known) > inst.seats:
                violations.append(f"Round {r}, table {t}: {len(known)} people at a table of {inst.seats} seats.")
            sizes.append(sum(1 for person in known if person >= first))
            by_org: dict[str, int] = {}
            for person in known:
                label = labels.get(person) or None
                if label is not None:
                    if label in by_org:
                        violations.append(
                            f"Round {r}, table {t}: {by_org[label]} and {person} are both from {label!r}."
                        )
                    else:
                        by_org[label] = person
                if person >= first:
                    visits[person, t] = visits.get((person, t), 0) + 1
            seated[-1].append(known)
        if inst.balanced and sizes and max(sizes) - min(sizes) > 1:
            violations.append(
                f"Round {r}: the tables have {min(sizes)} to {max(sizes)} guests; "
                "evenly filled tables differ by at most one."
            )
        for person in range(n):
            table = inst.host_table(person)
            if person not in seen:
                violations.append(f"Round {r}: {'host' if table is not None else 'guest'} {person} has no seat.")
            elif table is not None and seen[person] != table:
                violations.append(f"Round {r}: host {person} sits at table {seen[person]} instead of table {table}.")
            elif table is None and r < inst.rounds and model.pinned[r][person - model.first]:
                pinned = model.pin[r][person - model.first]
                if seen[person] != pinned:
                    violations.append(f"Round {r}: guest {person} sits at table {seen[person]}, pinned to {pinned}.")
    together = np.triu(_together(n, seated), 1)
    distinct = int(np.count_nonzero(together))
    repeated = int(np.count_nonzero(together > 1))
    for t in range(inst.tables if H else 0):
        # The hosts of one table always meet: that is no repeat.
        repeated -= int(np.count_nonzero(together[t * H : t * H + H, t * H : t * H + H] > 1))
    maximum = model.max_pairs
    return Evaluation(
        distinct_pairs=distinct,
        max_pairs=maximum,
        ratio=_ratio(distinct, maximum),
        repeated_pairs=repeated,
        repeated_visits=sum(k - 1 for k in visits.values()),
        violations=tuple(violations),
    )


# --------------------------------------------------------------------------------------------
# Changes by hand
# --------------------------------------------------------------------------------------------


def _locate(instance: Instance, rounds: Sequence[Sequence[Sequence[int]]], round_index: int, guest: int) -> int:
    if not 0 <= round_index < len(rounds):
        raise PlanError(f"There is no round {round_index} (rounds are 0 … {len(rounds) - 1}).", "unknown")
    if not instance.is_guest(guest):
        if 0 <= guest < instance.first_guest:
            raise PlanError(f"Person {guest} is a host: hosts stay at their own table.", "host")
        raise PlanError(f"There is no guest {guest}.", "unknown")
    for t, people in enumerate(rounds[round_index]):
        if guest in people:
            return t
    raise PlanError(f"Guest {guest} has no seat in round {round_index}.", "unknown")


def _check_pin(instance: Instance, round_index: int, guest: int, table: int) -> None:
    model = instance._model
    if round_index < instance.rounds:
        pinned = model.pin[round_index][guest - model.first]
        if pinned >= 0 and pinned != table:
            raise PlanError(f"Guest {guest} is pinned to table {pinned} in round {round_index}.", "pinned")


def _check_colleagues(instance: Instance, people: Sequence[int], person: int, table: int, round_index: int) -> None:
    label = instance.organisation(person)
    if label is None:
        return
    for other in people:
        if other != person and instance.organisation(other) == label:
            raise PlanError(
                f"Guest {person} cannot sit at table {table} in round {round_index}: "
                f"{other} is a colleague from {label!r}.",
                "colleague",
            )


def _copy(rounds: Sequence[Sequence[Sequence[int]]]) -> Rounds:
    return [[list(people) for people in tables] for tables in rounds]


def move_guest(
    instance: Instance, rounds: Sequence[Sequence[Sequence[int]]], round_index: int, guest: int, to_table: int
) -> Rounds:
    """A copy of ``rounds`` with ``guest`` moved to ``to_table`` in round ``round_index``.

    Raises :class:`PlanError` (see its ``code``) if the table is full, a colleague sits there, the
    guest is pinned elsewhere, the ids are unknown, or (for a balanced instance) the tables would
    differ by more than one guest: then :func:`swap_guests` keeps them even. Use :func:`evaluate`
    on the result for the new ratio.
    """
    origin = _locate(instance, rounds, round_index, guest)
    tables = rounds[round_index]
    if not 0 <= to_table < len(tables):
        raise PlanError(f"There is no table {to_table} (tables are 0 … {len(tables) - 1}).", "unknown")
    if to_table == origin:
        return _copy(rounds)
    _check_pin(instance, round_index, guest, to_table)
    target = tables[to_table]
    if len(target) >= instance.seats:
        raise PlanError(f"Table {to_table} is full in round {round_index} ({instance.seats} seats).", "full")
    _check_colleagues(instance, target, guest, to_table, round_index)
    if instance.balanced:
        sizes = [sum(1 for p in people if instance.is_guest(p)) for people in tables]
        before = max(sizes) - min(sizes)
        sizes[origin] -= 1
        sizes[to_table] += 1
        after = max(sizes) - min(sizes)
        if after > 1 and after >= before:
            raise PlanError(
                f"Moving guest {guest} to table {to_table} would fill the tables unevenly in round {round_index}: "
                "swap two guests instead.",
                "uneven",
            )
    result = _copy(rounds)
    result[round_index][origin].remove(guest)
    result[round_index][to_table] = sorted([*target, guest])
    return result


def swap_guests(
    instance: Instance, rounds: Sequence[Sequence[Sequence[int]]], round_index: int, guest: int, other: int
) -> Rounds:
    """A copy of ``rounds`` where two guests change tables in round ``round_index`` (for full tables).

    Raises :class:`PlanError` under the same conditions as :func:`move_guest`.
    """
    first = _locate(instance, rounds, round_index, guest)
    second = _locate(instance, rounds, round_index, other)
    if first == second:
        return _copy(rounds)
    _check_pin(instance, round_index, guest, second)
    _check_pin(instance, round_index, other, first)
    tables = rounds[round_index]
    _check_colleagues(instance, [p for p in tables[second] if p != other], guest, second, round_index)
    _check_colleagues(instance, [p for p in tables[first] if p != guest], other, first, round_index)
    result = _copy(rounds)
    result[round_index][first] = sorted([other if p == guest else p for p in tables[first]])
    result[round_index][second] = sorted([guest if p == other else p for p in tables[second]])
    return result


# --------------------------------------------------------------------------------------------
# Planning
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """A seating plan: ``rounds`` is round → table → sorted person ids (hosts included), ``hosts``
    table → host ids. The figures are those of :func:`evaluate`; ``iterations`` counts the local
    moves tried (a step of the tabu search as TABU_COST), ``seconds`` the time taken."""

    rounds: Rounds
    hosts: list[list[int]]
    ratio: float
    distinct_pairs: int
    max_pairs: int
    repeated_pairs: int
    repeated_visits: int
    seed: int = 0
    iterations: int = 0
    seconds: float = field(default=0.0, compare=False)

    @property
    def tables(self) -> int:
        return len(self.hosts)

    def to_json_dict(self) -> dict:
        """``{"tables": T, "rounds": [...], "hosts": [...], "ratio": r}``, ready for json.dumps."""
        return {
            "tables": self.tables,
            "rounds": [[list(people) for people in tables] for tables in self.rounds],
            "hosts": [list(people) for people in self.hosts],
            "ratio": self.ratio,
        }


def default_iterations(instance: Instance) -> int:
    """The number of local-search moves :func:`plan` tries by default: fewer for larger tables,
    as a move costs time in proportion to the people at the two tables (about 0.6 s in all on a
    slow machine). Where that does not reach the bound, :func:`plan` goes on for half as many again."""
    return ITERATIONS * 5 // (7 + instance.table_sizes[1])


class _State:
    """A seating of all rounds with incremental pair and visit counts (guest numbers 0 … G−1)."""

    def __init__(self, model: _Model, rounds: list[list[list[int]]]):
        G, T = model.G, model.T
        self.tab = rounds
        self.pos = [[0] * G for _ in rounds]
        self.vis = [[0] * T for _ in range(G)]
        self.orgc = [[[0] * model.O for _ in range(T)] for _ in rounds] if model.O else None
        visits = 0
        for r, tables in enumerate(rounds):
            for t, members in enumerate(tables):
                for a in members:
                    self.pos[r][a] = t
                    if self.vis[a][t] == 0:
                        visits += 1
                    self.vis[a][t] += 1
                    if self.orgc is not None and model.org[a] >= 0:
                        self.orgc[r][t][model.org[a]] += 1
        together = _together(G, rounds)
        self.cnt = together.tolist()
        self.pairs = int(np.count_nonzero(together)) // 2
        self.visits = visits

    def snapshot(self) -> list[list[list[int]]]:
        return [[members[:] for members in tables] for tables in self.tab]


def _together(n: int, rounds: Sequence[Sequence[Sequence[int]]]) -> np.ndarray:
    """The rounds in which each two of people 0 … n−1 share a table (0 on the diagonal), counted with
    NumPy: a table of k people costs k² per round, too much in Python for hundreds at a table. Each
    person is at most at one table of a round."""
    together = np.zeros((n, n), dtype=np.int32)
    for tables in rounds:
        table = np.arange(-1, -n - 1, -1)  # people without a seat: a number of their own
        for t, members in enumerate(tables):
            table[list(members)] = t
        together += table[:, None] == table[None, :]
    np.fill_diagonal(together, 0)
    return together


def _prime_power(n: int) -> tuple[int, int] | None:
    """(p, m) with n = p**m for a prime p, or None."""
    if n < 2:
        return None
    p = next(d for d in range(2, n + 1) if n % d == 0)
    m = 0
    while n % p == 0:
        n //= p
        m += 1
    return (p, m) if n == 1 else None


def _field(q: int) -> tuple[list[list[int]], list[list[int]]] | None:
    """Addition and multiplication tables of the finite field with q elements (q a prime power).

    Elements are 0 … q−1, read as polynomials over GF(p) in base p (digit i = coefficient of x^i);
    multiplication is modulo the first monic irreducible polynomial of degree m."""
    pm = _prime_power(q)
    if pm is None:
        return None
    p, m = pm

    def digits(a: int) -> list[int]:
        return [a // p**i % p for i in range(m)]

    def number(coefficients: list[int]) -> int:
        return sum(c * p**i for i, c in enumerate(coefficients))

    def poly_mul_mod(a: list[int], b: list[int], modulus: list[int]) -> list[int]:
        product = [0] * (2 * m - 1)
        for i, x in enumerate(a):
            for j, y in enumerate(b):
                product[i + j] = (product[i + j] + x * y) % p
        for degree in range(len(product) - 1, m - 1, -1):  # modulus is monic of degree m
            factor = product[degree]
            if factor:
                for i in range(m + 1):
                    product[degree - m + i] = (product[degree - m + i] - factor * modulus[i]) % p
        return product[:m]

    modulus = [0] * m + [1]
    if m > 1:
        modulus = next(
            candidate
            for candidate in ([*digits(low), 1] for low in range(p**m))
            if all(
                any(_poly_rem(candidate, [*(low2 // p**i % p for i in range(degree)), 1], p))
                for degree in range(1, m // 2 + 1)
                for low2 in range(p**degree)
            )
        )
    add = [
        [number([(x + y) % p for x, y in zip(digits(a), digits(b), strict=True)]) for b in range(q)] for a in range(q)
    ]
    if m == 1:
        mul = [[a * b % p for b in range(q)] for a in range(q)]
    else:
        mul = [[number(poly_mul_mod(digits(a), digits(b), modulus)) for b in range(q)] for a in range(q)]
    return add, mul


def _poly_rem(a: list[int], b: list[int], p: int) -> list[int]:
    """The remainder of polynomial a divided by the monic polynomial b, over GF(p)."""
    a = a[:]
    for degree in range(len(a) - 1, len(b) - 2, -1):
        factor = a[degree]
        if factor:
            shift = degree - (len(b) - 1)
            for i, coefficient in enumerate(b):
                a[shift + i] = (a[shift + i] - factor * coefficient) % p
    return a[: len(b) - 1]


def _design(model: "_Model", q: int) -> list[list[list[int]]]:
    """Groups of guests per round from an affine plane, for the first rounds; [] if none applies.

    With q ≤ T tables in use, q a prime power, and c' = ⌈G/q⌉ ≤ c guests per table, the points
    (x, y) of the affine plane over GF(q) are units of guests who always sit together: K + 1
    guests for x < s and K for the others, where c' = K·q + s (the most even split of a table
    over q units). In round r the units on the line y = m_r·x + b sit at one table b: every line
    holds one unit of each column x, so a table gets c' guests, and two units meet in at most one
    round. For c' < q only the first c' columns hold a guest (K = 0). The slopes give q rounds
    (q + 1 with the vertical lines x = const when every column holds units of the same size and
    no guests are colleagues). Colleagues are put in one column, where they never meet; with
    column 0 empty and fewer rounds than q, the colleagues of a host go on a line of an unused
    slope instead (see below), where they also never sit at their colleague's table. The groups
    are numbered 0 … q−1; the construction chooses their tables.
    """
    T, c, G = model.T, model.c, model.G
    if q < 2 or q > min(T, 32) or G == 0:
        return []
    per_table = -(-G // q)
    if per_table > c:
        return []
    tables = _field(q)
    if tables is None:
        return []
    add, mul = tables
    # minus[y][v] = y − v in GF(q)
    minus = [[0] * q for _ in range(q)]
    for b in range(q):
        for v in range(q):
            minus[add[b][v]][v] = b
    K, s = divmod(per_table, q)
    size = [K + 1 if x < s else K for x in range(q)]
    if K == 0 and s < q:
        # Column 0 meets the same groups (lines y = m·x + b through (0, b)) in every round: leave
        # it empty, so that the group of intercept b can sit at table b and every guest visits a
        # new table in every round.
        size = [1 if 1 <= x <= s else 0 for x in range(q)]
    # The slots of a column: its units in turn, so that up to q guests in a row get different
    # units. Leftover slots (G < q·c') are the last ones of the last columns: one per table.
    columns: list[list[tuple[int, int]]] = [[(x, y) for _level in range(size[x]) for y in range(q)] for x in range(q)]
    spare = q * per_table - G
    for x in reversed(range(q)):
        cut = min(spare, len(columns[x]))
        if cut:
            del columns[x][len(columns[x]) - cut :]
            spare -= cut
    # Colleagues go to one column, where they never meet: organisations, the largest first, each
    # into the column with the most room (if it fits), then the guests without an organisation.
    # Pinned guests go first, together, so that they never share a group (whose table they fix).
    # With column 0 empty, a guest pinned to table b < q for the whole session takes the point
    # (0, b): the lines through it have intercept b, so its group sits at its table.
    fixed: dict[int, tuple[int, int]] = {}
    if not size[0]:
        for g in range(G):
            if all(row[g] for row in model.pinned) and len({row[g] for row in model.pin}) == 1:
                b = model.pin[0][g]
                if b < q and (0, b) not in fixed.values():
                    fixed[g] = (0, b)
    if fixed:
        # Their slots are taken from the last columns, as leftover slots.
        cut = len(fixed)
        for x in reversed(range(q)):
            take = min(cut, len(columns[x]))
            if take:
                del columns[x][len(columns[x]) - take :]
                cut -= take
    # With column 0 empty and a slope m* left unused (R < q), a guest on the line y = m*·x + f
    # (x ≠ 0) sits in group y − m·x ≠ f in every round (m ≠ m*), so it visits a new table in every
    # round and never table f. The guests of an organisation that has a host at table f go on
    # that line: they never sit with their colleague host, never meet each other (two points
    # share one line, and this one is never used), and every visit is new.
    if not size[0] and q > model.R:
        unused = q - 1
        for o in range(model.O):
            tables_of_org = [t for t in range(min(T, q)) if o in model.host_org[t]]
            members = [g for g in range(G) if model.org[g] == o and g not in fixed]
            if not tables_of_org or not members or any(any(row[g] for row in model.pinned) for g in members):
                continue
            f = tables_of_org[0]
            line = [(x, add[f][mul[unused][x]]) for x in range(1, q)]
            free = [(x, y) for x, y in line if (x, y) in columns[x]]
            if len(free) < len(members):
                continue
            for g, (x, y) in zip(members, free, strict=False):
                fixed[g] = (x, y)
                columns[x].remove((x, y))
    pinned = [g for g in range(G) if g not in fixed and any(row[g] for row in model.pinned)]
    if len(pinned) > q:
        pinned = []
    by_org: dict[int, list[int]] = {}
    for g in range(G):
        if g not in pinned and g not in fixed:
            by_org.setdefault(model.org[g], []).append(g)
    room = [len(column) for column in columns]
    placed: list[list[int]] = [[] for _ in range(q)]
    leftover: list[int] = []
    together = [(-2, pinned)] if pinned else []
    together += sorted(by_org.items(), key=lambda item: (item[0] < 0, -len(item[1]), item[0]))
    for o, members in together:
        if o == -1 or len(members) > q:
            leftover.extend(members)
            continue
        x = max(range(q), key=lambda x: room[x])
        if room[x] >= len(members):
            placed[x].extend(members)
            room[x] -= len(members)
        else:
            leftover.extend(members)
    for x in range(q):
        while room[x] and leftover:
            placed[x].append(leftover.pop(0))
            room[x] -= 1
    unit_of = {g: columns[x][i] for x in range(q) for i, g in enumerate(placed[x])}
    unit_of.update(fixed)
    rounds = []
    slopes = list(range(q))
    if s == 0 and K > 0 and not by_org.keys() - {-1} and not pinned:
        # The vertical lines: not with colleagues or pinned guests, who share a column.
        slopes.append(-1)
    for slope in slopes[: model.R]:
        groups: list[list[int]] = [[] for _ in range(q)]
        for g, (x, y) in unit_of.items():
            if slope < 0:
                groups[x].append(g)
            else:
                # b = y - slope·x in GF(q): b is the solution of b + slope·x = y.
                groups[minus[y][mul[slope][x]]].append(g)
        rounds.append(groups)
    return rounds


#: Schedules for 6 tables, where no affine plane exists (there are no two orthogonal Latin squares
#: of order 6), by the number of guests per table k: for each of 6 rounds, the table (a digit) of
#: each of the 6·k guest slots. They were found offline by long runs of this planner's search for
#: 6 tables of 2 hosts and k guests, with the seed and number of moves noted per schedule
#: (``benchmarks/planner.py --schedules K --seeds S --factor F`` regenerates one). :func:`plan`
#: uses them as one more start when there are 6 tables, and searches on from there. The last slots
#: never share a table (four of them for k = 5 … 7, three for k = 8), so that as many can stay
#: empty with the tables still filled evenly (with fewer guests, the start seats the others where
#: they fit).
SCHEDULES: dict[int, tuple[str, ...]] = {
    5: (  # 689 of 726 pairs with 2 hosts per table, seed 3, 60 times the default moves
        "450421513430345132100245215302",
        "134213405501402545235021340123",
        "245355044053111221012334032054",
        "013542252142230314453153004510",
        "522130135314523400541500423241",
        "301004331225054053524412121435",
    ),
    6: (  # 903 of 948 pairs with 2 hosts per table, seed 3, 60 times the default moves
        "520530103522353254414001143121435402",
        "152341350413212501003343525412040524",
        "241124225030534445120534330500113215",
        "034212542304045313532150211254504031",
        "413005434245120130251212054335251340",
        "305453011151401022345425402043322153",
    ),
    7: (  # 1154 of 1206 pairs with 2 hosts per table, seed 6, 60 times the default moves
        "012023551504540021422033551201453341433412",
        "445512423025131103305204035345242110104532",
        "121254030253453330530515214414004024215321",
        "253331302142215542141450140520531403050243",
        "300445144311002255052142323133315052542140",
        "504100251430324414213321402552120535331054",
    ),
    8: (  # 1437 of 1500 pairs with 2 hosts per table, seed 0, 30 times the default moves
        "433021130124454434154020255111123330522025505034",
        "121343315242341305022101132250512545504330440405",
        "004412242301520523441555315304030152450413213123",
        "250200044413132110513343540435355224141202352510",
        "310515551055003042235232424042441021335411031342",
        "542154423530215251300414003523204303013154124251",
    ),
}

#: Whether plan() uses SCHEDULES (off only to regenerate them).
USE_SCHEDULES = True


def _stored_design(model: _Model) -> list[list[list[int]]]:
    """Groups of guests per round from SCHEDULES for 6 tables and at least 5 rounds (tables 0 … 5
    as group numbers, for the first 6 rounds); [] if none applies.

    Guests take the slots in order; colleagues and pinned guests are then moved to slots where
    they conflict the least (see below). A schedule with conflicts for more than a third of the
    guests (many colleagues, pins) is not used.
    """
    T, G = model.T, model.G
    if T != 6 or G == 0 or model.R < 5:
        return []  # with up to 4 rounds, the search alone reaches the bound or comes close
    k = -(-G // T)
    schedule = SCHEDULES.get(k)
    if schedule is None or k > model.c:
        return []
    slots = len(schedule[0])
    rows = schedule[: model.R]
    # The guests take slots 0 … G−1 (the last slots stay empty); then, if there are colleagues or
    # pins, a local search swaps the slots of two guests (or moves a guest to an empty slot)
    # while that lowers the conflicts: rounds in which two colleagues share a table, or a guest
    # sits at a table it may not use (a colleague host, or a pin elsewhere).
    slot_of = list(range(G))
    colleagues: list[list[int]] = [[] for _ in range(G)]
    for g in range(G):
        for h in range(g + 1, G):
            if model.org[g] >= 0 and model.org[g] == model.org[h]:
                colleagues[g].append(h)
                colleagues[h].append(g)
    constrained = [
        g for g in range(G) if colleagues[g] or any(model.allowed[r][g] != (1 << T) - 1 for r in range(len(rows)))
    ]
    if constrained:
        meet = [[sum(row[i] == row[j] for row in rows) for j in range(slots)] for i in range(slots)]
        table = [[int(row[i]) for row in rows] for i in range(slots)]

        # misfit[g][i]: the rounds in which guest g in slot i would sit at a table it may not use.
        misfit = [
            [sum(not model.allowed[r][g] >> t & 1 for r, t in enumerate(table[i])) for i in range(slots)]
            for g in range(G)
        ]

        def cost(g: int, i: int, skip: int = -1) -> int:
            return misfit[g][i] + sum(meet[i][slot_of[h]] for h in colleagues[g] if h != skip)

        holder: list[int] = [-1] * slots
        for g, i in enumerate(slot_of):
            holder[i] = g
        rng = random.Random(G)
        for _ in range(SLOT_MOVES):
            g = constrained[int(rng.random() * len(constrained))]
            j = int(rng.random() * slots)
            i = slot_of[g]
            h = holder[j]
            if j == i:
                continue
            before = cost(g, i) + (cost(h, j, g) if h >= 0 else 0)
            slot_of[g] = j
            if h >= 0:
                slot_of[h] = i
            after = cost(g, j) + (cost(h, i, g) if h >= 0 else 0)
            if after <= before:
                holder[i], holder[j] = h, g
            else:
                slot_of[g] = i
                if h >= 0:
                    slot_of[h] = j
        conflicts = sum(misfit[g][slot_of[g]] for g in range(G))
        conflicts += sum(meet[slot_of[g]][slot_of[h]] for g in range(G) for h in colleagues[g] if h > g)
        if conflicts > G // 3:
            return []  # too many guests would leave their slots: the schedule is no longer a good start
    rounds = []
    for row in rows:
        groups: list[list[int]] = [[] for _ in range(T)]
        for g in range(G):
            groups[int(row[slot_of[g]])].append(g)
        rounds.append(groups)
    return rounds


class _Seating:
    """One round being seated by _construct: the tables so far, with organisation counts."""

    def __init__(self, model: _Model, r: int, met: list[bytearray], visited: list[bytearray]):
        self.model = model
        self.round = r
        self.allowed = model.allowed[r]
        self.met, self.visited = met, visited
        self.tables: list[list[int]] = [[] for _ in range(model.T)]
        self.orgs = [[0] * model.O for _ in range(model.T)]
        self.above = 0  # tables with more than lo guests (balanced: at most `extra` of them)

    def gain(self, g: int, t: int, without: int = -1) -> float:
        """New people g meets at t (in the seat of `without`, if given)."""
        row = self.met[g]
        new_guests = sum(1 for m in self.tables[t] if not row[m] and m != without)
        return new_guests + (self.model.H + 0.5 if not self.visited[g][t] else 0)

    def fits(self, g: int, t: int, without: int = -1) -> bool:
        """Whether g may sit at t (in the seat of `without`, if given)."""
        model = self.model
        if not self.allowed[g] >> t & 1:
            return False
        if without < 0:
            k = len(self.tables[t])
            if k >= model.hi or (k == model.lo and self.above >= model.extra):
                return False
        o = model.org[g]
        return o < 0 or self.orgs[t][o] - (without >= 0 and model.org[without] == o) == 0

    def sit(self, g: int, t: int) -> None:
        self.tables[t].append(g)
        if self.model.org[g] >= 0:
            self.orgs[t][self.model.org[g]] += 1
        if len(self.tables[t]) == self.model.lo + 1:
            self.above += 1

    def stand(self, g: int, t: int) -> None:
        if len(self.tables[t]) == self.model.lo + 1:
            self.above -= 1
        self.tables[t].remove(g)
        if self.model.org[g] >= 0:
            self.orgs[t][self.model.org[g]] -= 1

    def place(self, g: int, rng: random.Random) -> bool:
        """Seat g where it meets the most new people; if no seat fits, g takes the seat of a guest
        who moves to a free seat. False if neither is possible."""
        T = self.model.T
        options = [(self.gain(g, t) + rng.random() * 0.1, t) for t in range(T) if self.fits(g, t)]
        if options:
            self.sit(g, max(options)[1])
            return True
        pinned = self.model.pinned
        chains = [
            (self.gain(g, u, h) + self.gain(h, w) + rng.random() * 0.1, u, h, w)
            for u in range(T)
            for h in self.tables[u]
            if not pinned[self.round][h] and self.fits(g, u, h)
            for w in range(T)
            if w != u and self.fits(h, w)
        ]
        if not chains:
            return False
        _gain, u, h, w = max(chains)
        self.stand(h, u)
        self.sit(g, u)
        self.sit(h, w)
        return True


def _construct(
    model: _Model,
    rng: random.Random,
    design: list[list[list[int]]],
    intercept: bool = False,
    deadline: float = math.inf,
) -> list[list[list[int]]]:
    """A valid seating, round by round.

    Rounds with design groups (see _design) get them, each group at the table where its guests
    visit the most new tables; guests the constraints keep from their group's table are placed
    like the other rounds: greedily, each guest at the allowed table with a free seat where it
    meets the most new people (new guests, and the hosts of a table it has not visited yet).
    If the greedy placement gets stuck, a valid seating from a max flow is used for that round.
    The greedy placement costs tables × guests per round: once the deadline has passed, the
    remaining rounds are dealt (see _dealt_round).
    """
    T, G = model.T, model.G
    met = [bytearray(G) for _ in range(G)]
    visited = [bytearray(T) for _ in range(G)]
    result = []
    for r in range(model.R):
        if time.perf_counter() > deadline:
            result.append(_dealt_round(model, r, rng, met, visited))
            continue
        pinned, pin = model.pinned[r], model.pin[r]
        preferred = [-1] * G
        if r < len(design):
            preferred = _label_groups(model, r, design[r], visited, rng, intercept)
        seating = _Seating(model, r, met, visited)
        for g in range(G):
            if pinned[g]:
                seating.sit(g, pin[g])
        free = model.movable[r][:]
        rng.shuffle(free)
        rest = []
        for g in free:
            if preferred[g] >= 0 and seating.fits(g, preferred[g]):
                seating.sit(g, preferred[g])
            else:
                rest.append(g)
        # Guests with fewer allowed tables first.
        rest.sort(key=lambda g: bin(model.allowed[r][g]).count("1"))
        placed = all(seating.place(g, rng) for g in rest)
        tables = seating.tables if placed else model.feasible_round(r, rng)
        for t, members in enumerate(tables):
            for a in members:
                visited[a][t] = 1
                for b in members:
                    met[a][b] = 1
        result.append(tables)
    return result


def _dealt_round(
    model: _Model, r: int, rng: random.Random, met: list[bytearray], visited: list[bytearray]
) -> list[list[int]]:
    """A valid seating of round r that costs about one step per guest, for when time is up: the guests
    in a random order are dealt to the tables in turn, each to the next table where it may sit (who met
    whom is not looked at). A guest who fits nowhere takes a seat as in _Seating.place; if that fails
    too, a seating from a max flow is used."""
    T = model.T
    seating = _Seating(model, r, met, visited)
    pinned, pin = model.pinned[r], model.pin[r]
    for g in range(model.G):
        if pinned[g]:
            seating.sit(g, pin[g])
    free = model.movable[r][:]
    rng.shuffle(free)
    turn = r % T
    for g in free:
        for step in range(T):
            t = (turn + step) % T
            if seating.fits(g, t):
                seating.sit(g, t)
                turn = t + 1
                break
        else:
            if not seating.place(g, rng):
                return model.feasible_round(r, rng)
    return seating.tables


def _label_groups(
    model: _Model,
    r: int,
    groups: list[list[int]],
    visited: list[bytearray],
    rng: random.Random,
    intercept: bool = False,
) -> list[int]:
    """The preferred table of every guest in round r: the design groups go to tables so that as
    many of their guests as possible may sit there (pins, organisations of the hosts) and visit a
    new table (an optimal assignment). −1 for guests without a group."""
    pinned, pin, allowed = model.pinned[r], model.pin[r], model.allowed[r]
    big = 10 * (model.G + 1)
    weights = []
    # Group i is the line of intercept i: with column 0 empty, group i at table i in every round
    # gives every guest a new table (y − m·x differs for every slope m when x ≠ 0); prefer it.
    bias = INTERCEPT if intercept else 0.0
    for i, group in enumerate(groups):
        row = []
        for t in range(model.T):
            score = 0.0
            for g in group:
                if pinned[g]:
                    score += big if pin[g] == t else -big
                elif not allowed[g] >> t & 1:
                    score -= big
                elif not visited[g][t]:
                    score += 1
            row.append(score + rng.random() * 0.5 + (bias if t == i else 0.0))
        weights.append(row)
    preferred = [-1] * model.G
    for group, t in zip(groups, _assignment(weights), strict=True):
        for g in group:
            preferred[g] = t
    return preferred


def _relabel(
    model: _Model, rounds: list[list[list[int]]], sweeps: int = 3, deadline: float = math.inf
) -> list[list[list[int]]]:
    """The seating with the tables of each round permuted (the same groups of guests sit together)
    so that guests visit more distinct tables: round by round, an optimal assignment of the groups
    to tables given the tables the guests visit in the other rounds, while that gains visits and
    the deadline has not passed (a round costs tables² × guests per table, and more for the
    assignment)."""
    T, R = model.T, model.R
    if T < 2 or R < 2:
        return rounds
    rounds = [[members[:] for members in tables] for tables in rounds]
    visits = [[0] * T for _ in range(model.G)]
    for tables in rounds:
        for t, members in enumerate(tables):
            for g in members:
                visits[g][t] += 1
    big = model.G + 1
    for _sweep in range(sweeps):
        gained = False
        for r in range(R):
            if time.perf_counter() > deadline:
                return rounds
            tables = rounds[r]
            allowed = model.allowed[r]
            weights = []
            for t0, members in enumerate(tables):
                row = []
                for t in range(T):
                    score = 0
                    for g in members:
                        if not allowed[g] >> t & 1:
                            score -= big
                        elif visits[g][t] - (t0 == t) == 0:
                            score += 1
                    row.append(score)
                weights.append(row)
            target = _assignment(weights)
            current = sum(weights[t][t] for t in range(T))
            if sum(weights[t][target[t]] for t in range(T)) <= current:
                continue
            if any(not allowed[g] >> target[t] & 1 for t in range(T) for g in tables[t]):
                continue  # a guest may not sit there (pin, organisation of a host)
            new_tables: list[list[int]] = [[] for _ in range(T)]
            for t0, members in enumerate(tables):
                t = target[t0]
                new_tables[t] = members
                for g in members:
                    visits[g][t0] -= 1
                    visits[g][t] += 1
            rounds[r] = new_tables
            gained = True
        if not gained:
            break
    return rounds


def _assignment(weights: list[list[float]]) -> list[int]:
    """The column of each row in an assignment of rows to distinct columns with the largest total
    weight (rows ≤ columns), by SciPy's linear_sum_assignment."""
    if not weights:
        return []
    _rows, columns = linear_sum_assignment(np.asarray(weights, dtype=float), maximize=True)
    return columns.tolist()


# Search settings: iterations by default, temperatures of the annealing (in pairs) from a greedy
# start, from an affine-plane start and for the second phase, and the share of the first phase.
ITERATIONS = 600_000
T_START, T_END = 0.6, 0.05
T_DESIGN = 0.3
T2_START = 0.8
PHASE1 = 0.4
#: Share of the default iterations that plan() adds, from the best plan, when it is below the bound.
EXTRA = 0.5
#: The starting temperature of those extra iterations.
T_REHEAT = 0.8
#: Weight of the intercept labelling of design groups (see _label_groups), in new visits.
INTERCEPT = 0.75
#: Moves of the local search that seats colleagues and pinned guests in a stored schedule.
SLOT_MOVES = 20_000
#: Share of the moves (against 1 for every other start) for a start from SCHEDULES.
STORED_SHARE = 0.33
#: Redraws of a guest to move that has no repeated pair or visit at its table.
FOCUS = 2
#: Share of the moves that go to the tabu search where it runs (see _tabu), one step counting as
#: TABU_COST moves; and the least steps a guest may not return to the table it left (up to three
#: times as many, drawn at random).
TABU_SHARE = 0.7
TABU_COST = 100
TABU_TENURE = 5
#: The tabu search runs where rounds × guests² is at most this (a step costs time in proportion).
TABU_LIMIT = 20_000


def _anneal(
    model: _Model,
    state: _State,
    rng: random.Random,
    iterations: int,
    deadline: float,
    *,
    host_weight: int,
    group_rate: float,
    t_start: float,
    t_end: float,
) -> tuple:
    """Simulated annealing over the seating of guests within a round.

    Moves: two guests at different tables swap seats, a guest moves into a free seat, or two tables
    exchange all their guests (which changes only the tables guests visit). Maximises
    pairs + host_weight·visits (pairs: distinct guest pairs; visits: distinct (guest, table) visits,
    each worth H host pairs) plus a small bonus per visit. Returns (best key, best rounds,
    iterations done), the best by (pairs + host_weight·visits, visits).
    """
    T, lo, hi = model.T, model.lo, model.hi
    tab, pos, cnt, vis, orgc = state.tab, state.pos, state.cnt, state.vis, state.orgc
    org = model.org
    host_org = model.host_org
    pinned = model.pinned
    rounds = [r for r in range(model.R) if model.movable[r]]
    H = host_weight
    best = (state.pairs + H * state.visits, state.visits)
    best_rounds = state.snapshot()
    goal_pairs, goal_visits = model.guest_pair_bound, model.visit_bound
    # With hosts, the bound on all pairs (max_pairs) may be below the sum of the separate ones.
    goal_total = model.max_pairs - T * _pairs(model.H) if model.H else goal_pairs + 1
    if (
        T < 2
        or not rounds
        or iterations <= 0
        or (state.pairs >= goal_pairs and state.visits >= goal_visits)
        or state.pairs + model.H * state.visits >= goal_total
    ):
        return best, best_rounds, 0
    host_count = model.H
    movable = model.movable
    rand = rng.random
    exp = math.exp
    bonus = 0.1  # weight of a distinct table visit beyond its hosts
    weight = H + bonus
    pairs, visits = state.pairs, state.visits
    temp = t_start
    cool = (t_end / t_start) ** (1024 / max(iterations, 1024))
    n_rounds = len(rounds)
    done = 0
    # The best plan is copied only when the search is about to leave it (dirty: not copied yet).
    dirty = False
    for it in range(iterations):
        if not it & 1023:
            if it and time.perf_counter() > deadline:
                break
            temp *= cool
        done = it + 1
        r = rounds[int(rand() * n_rounds)]
        if rand() < group_rate:
            # Two tables exchange their guests: the same people meet, at other tables.
            x = int(rand() * T)
            y = int(rand() * (T - 1))
            if y >= x:
                y += 1
            tabr = tab[r]
            tx = tabr[x]
            ty = tabr[y]
            pr = pinned[r]
            dv = 0
            blocked = False
            for m in tx:
                if pr[m] or (org[m] >= 0 and org[m] in host_org[y]):
                    blocked = True
                    break
                vm = vis[m]
                dv += (vm[y] == 0) - (vm[x] == 1)
            if blocked:
                continue
            for m in ty:
                if pr[m] or (org[m] >= 0 and org[m] in host_org[x]):
                    blocked = True
                    break
                vm = vis[m]
                dv += (vm[x] == 0) - (vm[y] == 1)
            if blocked:
                continue
            delta = weight * dv
            if delta < 0 and rand() >= exp(delta / temp):
                continue
            if dirty and dv < 0:
                best_rounds = [[m[:] for m in tables] for tables in tab]
                dirty = False
            posr = pos[r]
            for m in tx:
                vis[m][x] -= 1
                vis[m][y] += 1
                posr[m] = y
            for m in ty:
                vis[m][y] -= 1
                vis[m][x] += 1
                posr[m] = x
            tabr[x] = ty
            tabr[y] = tx
            if orgc is not None:
                orgc[r][x], orgc[r][y] = orgc[r][y], orgc[r][x]
            visits += dv
            score = (pairs + H * visits, visits)
            if score > best:
                best = score
                dirty = True
                if (pairs >= goal_pairs and visits >= goal_visits) or pairs + host_count * visits >= goal_total:
                    break
            continue
        mv = movable[r]
        posr = pos[r]
        a = mv[int(rand() * len(mv))]
        x = posr[a]
        # Focus on conflicts: a guest without a repeated pair or visit here is replaced by another
        # draw (up to FOCUS times), as moving it cannot remove a repeat.
        for _ in range(FOCUS):
            ca = cnt[a]
            if vis[a][x] > 1 and H:
                break
            for m in tab[r][x]:
                if ca[m] > 1 and m != a:
                    break
            else:
                a = mv[int(rand() * len(mv))]
                x = posr[a]
                continue
            break
        y = int(rand() * (T - 1))
        if y >= x:
            y += 1
        tabr = tab[r]
        tx = tabr[x]
        ty = tabr[y]
        oa = org[a]
        ca = cnt[a]
        va = vis[a]
        if len(ty) < hi and len(tx) > lo and (not ty or rand() < 0.5):
            # Move a into a free seat at y.
            if oa >= 0 and (orgc[r][y][oa] or oa in host_org[y]):
                continue
            d = 0
            for m in tx:
                if ca[m] == 1 and m != a:
                    d -= 1
            for m in ty:
                if ca[m] == 0:
                    d += 1
            dv = (va[y] == 0) - (va[x] == 1)
            delta = d + weight * dv
            if delta < 0 and rand() >= exp(delta / temp):
                continue
            if dirty and (d + H * dv, dv) < (0, 0):
                best_rounds = [[m[:] for m in tables] for tables in tab]
                dirty = False
            for m in tx:
                if m != a:
                    ca[m] -= 1
                    cnt[m][a] -= 1
            for m in ty:
                ca[m] += 1
                cnt[m][a] += 1
            tx.remove(a)
            ty.append(a)
            posr[a] = y
            va[x] -= 1
            va[y] += 1
            if oa >= 0:
                orgc[r][x][oa] -= 1
                orgc[r][y][oa] += 1
        else:
            if not ty:
                continue
            b = ty[int(rand() * len(ty))]
            if pinned[r][b]:
                continue
            ob = org[b]
            if oa != ob:
                if oa >= 0 and (orgc[r][y][oa] or oa in host_org[y]):
                    continue
                if ob >= 0 and (orgc[r][x][ob] or ob in host_org[x]):
                    continue
            cb = cnt[b]
            vb = vis[b]
            d = 0
            for m in tx:
                if m != a:
                    if ca[m] == 1:
                        d -= 1
                    if cb[m] == 0:
                        d += 1
            for m in ty:
                if m != b:
                    if cb[m] == 1:
                        d -= 1
                    if ca[m] == 0:
                        d += 1
            dv = (va[y] == 0) - (va[x] == 1) + (vb[x] == 0) - (vb[y] == 1)
            delta = d + weight * dv
            if delta < 0 and rand() >= exp(delta / temp):
                continue
            if dirty and (d + H * dv, dv) < (0, 0):
                best_rounds = [[m[:] for m in tables] for tables in tab]
                dirty = False
            for m in tx:
                if m != a:
                    ca[m] -= 1
                    cnt[m][a] -= 1
                    cb[m] += 1
                    cnt[m][b] += 1
            for m in ty:
                if m != b:
                    cb[m] -= 1
                    cnt[m][b] -= 1
                    ca[m] += 1
                    cnt[m][a] += 1
            tx[tx.index(a)] = b
            ty[ty.index(b)] = a
            posr[a] = y
            posr[b] = x
            va[x] -= 1
            va[y] += 1
            vb[y] -= 1
            vb[x] += 1
            if oa != ob:
                if oa >= 0:
                    orgc[r][x][oa] -= 1
                    orgc[r][y][oa] += 1
                if ob >= 0:
                    orgc[r][y][ob] -= 1
                    orgc[r][x][ob] += 1
        pairs += d
        visits += dv
        score = (pairs + H * visits, visits)
        if score > best:
            best = score
            dirty = True
            if (pairs >= goal_pairs and visits >= goal_visits) or pairs + host_count * visits >= goal_total:
                break
    if dirty:
        best_rounds = [[m[:] for m in tables] for tables in tab]
    return best, best_rounds, done


def _tabu(
    model: _Model,
    rounds: list[list[list[int]]],
    rng: random.Random,
    steps: int,
    deadline: float,
) -> tuple[list[list[list[int]]], int]:
    """Tabu search over swaps of two guests within a round, from ``rounds``.

    Every step evaluates all swaps of all rounds at once (matrix products over the pair counts)
    and makes the best one that is not tabu, also when it loses pairs; a guest may not return to
    the table it left in that round for a few steps, unless that gives a plan better than the best
    so far. Swaps keep the table sizes, pins, hosts' organisations and colleagues apart. Maximises
    pairs + H·visits (ties towards more visits) and stops at the bound. Returns the best rounds
    and the steps done. It complements the annealing: each step sees the whole neighbourhood,
    which gets out of the local optima that colleagues and hosts' organisations make (see
    benchmarks/README.md).
    """
    G, T, R = model.G, model.T, model.R
    if G < 2 or T < 2 or steps <= 0:
        return rounds, 0
    np_rng = np.random.default_rng(rng.getrandbits(64))
    pos = np.zeros((R, G), dtype=np.intp)
    for r, tables in enumerate(rounds):
        for t, members in enumerate(tables):
            pos[r, members] = t
    guests = np.arange(G)
    # seat[g, r, t] = 1 when guest g sits at table t in round r.
    seat = np.zeros((G, R, T), dtype=np.float32)
    for r in range(R):
        seat[guests, r, pos[r]] = 1
    together = np.zeros((G, G), dtype=np.int32)  # rounds two guests share a table
    for r in range(R):
        together += pos[r][:, None] == pos[r][None, :]
    np.fill_diagonal(together, R + 1)  # never "new" nor "met once"
    visits = seat.sum(axis=1)  # guest x table
    org = np.array(model.org)
    colleague = (org[:, None] == org[None, :]) & (org[:, None] >= 0)
    colleague_f = colleague.astype(np.float32)
    allowed = np.array(
        [[[model.allowed[r][g] >> t & 1 for t in range(T)] for g in range(G)] for r in range(R)], dtype=np.float32
    )
    tabu_until = np.zeros((R, G, T), dtype=np.int64)
    noise = np_rng.random(4 * R * G * G, dtype=np.float32) * 0.5
    size = R * G * G
    pairs = int(((together > 0) & (together <= R)).sum()) // 2
    seen = int((visits > 0).sum())
    if model.at_bound(pairs, seen):
        return rounds, 0
    H = model.H
    score = pairs + H * seen
    best = (score, seen)
    best_pos = pos.copy()
    done = 0
    for step in range(steps):
        if not step & 31 and time.perf_counter() > deadline:
            break
        done = step + 1
        flat = seat.reshape(G, R * T)
        by_round = seat.transpose(1, 0, 2)  # round x guest x table
        at = seat.transpose(1, 2, 0)  # round x table x guest
        new = together == 0
        # gain[r, a, b]: pairs a gains at b's table, less what it loses at its own; then both ways.
        joins = ((new.astype(np.float32) @ flat).reshape(G, R, T).transpose(1, 0, 2)) @ at
        once = (((together == 1).astype(np.float32) @ flat).reshape(G, R, T).transpose(1, 0, 2) * by_round).sum(2)
        delta = joins + joins.transpose(0, 2, 1) - once[:, :, None] - once[:, None, :] - 2 * new[None]
        if H:
            fresh = (visits == 0).astype(np.float32) @ at
            last = ((visits == 1).astype(np.float32)[None] * by_round).sum(2)
            delta += H * (fresh + fresh.transpose(0, 2, 1) - last[:, :, None] - last[:, None, :])
        # Valid swaps: different tables, both allowed at the other's table, no other colleague there.
        others = ((colleague_f @ flat).reshape(G, R, T).transpose(1, 0, 2)) @ at - colleague_f[None]
        free = others < 0.5
        fits = (allowed @ at) > 0.5
        valid = ((by_round @ at) < 0.5) & fits & fits.transpose(0, 2, 1)
        valid &= (free & free.transpose(0, 2, 1)) | colleague[None]
        tabu = ((tabu_until > step).astype(np.float32) @ at) > 0.5
        tabu |= tabu.transpose(0, 2, 1)
        allowed_now = valid & (~tabu | (delta > best[0] - score))
        if allowed_now.any():
            valid = allowed_now
        elif not valid.any():
            break  # no swap keeps the constraints
        # else every swap is tabu: the best of them
        start = int(np_rng.integers(0, len(noise) - size))
        choice = np.where(valid, delta + noise[start : start + size].reshape(R, G, G), -math.inf)
        k = int(choice.argmax())
        r, rest = divmod(k, G * G)
        a, b = divmod(rest, G)
        x, y = int(pos[r, a]), int(pos[r, b])
        mates_x = np.flatnonzero(pos[r] == x)
        mates_y = np.flatnonzero(pos[r] == y)
        mates_x = mates_x[mates_x != a]
        mates_y = mates_y[mates_y != b]
        dp = 0
        for mover, leave, join in ((a, mates_x, mates_y), (b, mates_y, mates_x)):
            dp -= int((together[mover, leave] == 1).sum())
            dp += int((together[mover, join] == 0).sum())
            together[mover, leave] -= 1
            together[leave, mover] -= 1
            together[mover, join] += 1
            together[join, mover] += 1
        dv = -int(visits[a, x] == 1) - int(visits[b, y] == 1) + int(visits[a, y] == 0) + int(visits[b, x] == 0)
        pos[r, a], pos[r, b] = y, x
        seat[a, r, x] = seat[b, r, y] = 0
        seat[a, r, y] = seat[b, r, x] = 1
        visits[a, x] -= 1
        visits[a, y] += 1
        visits[b, y] -= 1
        visits[b, x] += 1
        tabu_until[r, a, x] = step + TABU_TENURE + rng.randrange(2 * TABU_TENURE)
        tabu_until[r, b, y] = step + TABU_TENURE + rng.randrange(2 * TABU_TENURE)
        pairs += dp
        seen += dv
        score = pairs + H * seen
        if (score, seen) > best:
            best = (score, seen)
            best_pos = pos.copy()
            if model.at_bound(pairs, seen):
                break
    result = [[[int(g) for g in np.flatnonzero(best_pos[r] == t)] for t in range(T)] for r in range(R)]
    return result, done


def plan(
    instance: Instance,
    *,
    seed: int = 0,
    time_budget: float = DEFAULT_TIME_BUDGET,
    iterations: int | None = None,
) -> Plan:
    """Plan the seating of every round.

    The search tries ``iterations`` local moves (default :func:`default_iterations`, and then
    half as many again from the best plan if it is below the bound; on small instances instead
    TABU_SHARE of them go to the tabu search, a step counting as TABU_COST moves) and stops early when
    the plan reaches :func:`max_pairs`; ``time_budget`` seconds is a wall-clock safety
    cap. The same instance and seed give the same plan, unless the cap cuts the search short.
    """
    if not time_budget > 0:
        raise PlanError(f"The time budget must be more than 0 seconds (got {time_budget!r}).")
    if iterations is not None and (isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 0):
        raise PlanError(f"The number of iterations must be a whole number of at least 0 (got {iterations!r}).")
    model = instance._model
    started = time.perf_counter()
    deadline = started + time_budget
    rng = random.Random(seed)
    extra = 0
    if iterations is None:
        iterations = default_iterations(instance)
        extra = int(iterations * EXTRA)
    H = model.H
    # Small instances: part of the moves go to a tabu search that finishes the plan (see _tabu).
    tabu_steps = 0
    if model.R * model.G * model.G <= TABU_LIMIT:
        tabu_steps = int(iterations * TABU_SHARE / TABU_COST)
        iterations -= int(iterations * TABU_SHARE)
        extra = 0

    def key(state: _State) -> tuple[int, int]:
        return (state.pairs + H * state.visits, state.visits)

    def start(design: list[list[list[int]]], intercept: bool = False) -> _State:
        seating = _construct(model, rng, design, intercept, deadline=deadline)
        return _State(model, _relabel(model, seating, deadline=deadline))

    # The starts are made within the time budget too: on large instances they take most of it (a
    # greedy round costs tables × guests), and then the search is left out.
    greedy = start([])
    designed = []
    least = model.T if model.balanced else -(-model.G // model.c)
    for q in range(max(2, least), min(model.T, 32) + 1):
        if time.perf_counter() > deadline:
            break
        design = _design(model, q)
        if design:
            intercept = -(-model.G // q) < q  # column 0 of the design is empty
            designed.append(start(design, intercept))
    runs = [(greedy, T_START, 1.0)]
    if designed:
        best_design = max(designed, key=key)
        if best_design.pairs >= model.guest_pair_bound and (not H or best_design.visits >= model.visit_bound):
            runs = [(best_design, T_DESIGN, 1.0)]
        else:
            runs.append((best_design, T_DESIGN, 1.0))
    stored = _stored_design(model) if USE_SCHEDULES and time.perf_counter() <= deadline else []
    from_schedule = None
    if stored:
        # A stored schedule (6 tables) is searched on first, with a smaller share of the moves:
        # it starts near its best, and the other runs get what it leaves.
        from_schedule = start(stored, True)
        runs.insert(0, (from_schedule, T_DESIGN, STORED_SHARE))
    if time.perf_counter() > deadline:
        chosen = max((state for state, _t, _weight in runs), key=key)
        return _finish(instance, chosen.tab, seed, 0, time.perf_counter() - started)
    results = []
    done = 0
    weights = sum(weight for _state, _t, weight in runs)
    for i, (state, t_first, weight) in enumerate(runs):
        budget = int(iterations * weight / weights) if i < len(runs) - 1 else iterations - done
        rounds, steps = _search(model, state, rng, budget, deadline, t_first, guests_first=state is not from_schedule)
        results.append(_State(model, rounds))
        done += steps
    chosen = max(results, key=key)
    if extra and not model.at_bound(chosen.pairs, chosen.visits):
        # Not at the bound yet: reheat and search on from the best plan, keeping the better one.
        _best, rounds, steps = _anneal(
            model,
            _State(model, chosen.snapshot()),
            rng,
            extra,
            deadline,
            host_weight=H,
            group_rate=0.3 if H else 0.1,
            t_start=T_REHEAT,
            t_end=T_END,
        )
        done += steps
        more = _State(model, rounds)
        if key(more) > key(chosen):
            chosen = more
    if tabu_steps and not model.at_bound(chosen.pairs, chosen.visits):
        rounds, steps = _tabu(model, chosen.snapshot(), rng, tabu_steps, deadline)
        done += steps * TABU_COST
        more = _State(model, rounds)
        if key(more) > key(chosen):
            chosen = more
    return _finish(instance, chosen.tab, seed, done, time.perf_counter() - started)


def _search(
    model: _Model,
    start: _State,
    rng: random.Random,
    iterations: int,
    deadline: float,
    t_first: float,
    guests_first: bool = True,
) -> tuple[list[list[list[int]]], int]:
    """Anneal from a start: first for the guest pairs (visits as a tie-breaker), then, with hosts,
    for all pairs (only for all pairs without ``guests_first``). Returns the best rounds and the
    number of iterations done."""
    H = model.H
    first = int(iterations * PHASE1) if H else iterations
    if H and (start.pairs >= model.guest_pair_bound or not guests_first):
        first = 0  # nothing to gain in the first phase, or a start that already weighs hosts
    _best1, rounds1, done1 = _anneal(
        model, start, rng, first, deadline, host_weight=0, group_rate=0.1, t_start=t_first, t_end=T_END
    )
    if not H or iterations <= first:
        return rounds1, done1
    _best2, rounds2, done2 = _anneal(
        model,
        _State(model, rounds1),
        rng,
        iterations - first,
        deadline,
        host_weight=H,
        group_rate=0.3,
        t_start=T2_START if guests_first else t_first,
        t_end=T_END,
    )
    one, two = _State(model, rounds1), _State(model, rounds2)
    if (two.pairs + H * two.visits, two.visits) >= (one.pairs + H * one.visits, one.visits):
        return rounds2, done1 + done2
    return rounds1, done1 + done2


def _finish(
    instance: Instance, guest_rounds: list[list[list[int]]], seed: int, iterations: int, seconds: float
) -> Plan:
    first = instance.first_guest
    hosts = [instance.hosts_of(t) for t in range(instance.tables)]
    rounds = [
        [sorted(hosts[t] + [first + g for g in members]) for t, members in enumerate(tables)] for tables in guest_rounds
    ]
    figures = evaluate(instance, rounds)
    if figures.violations:  # pragma: no cover - a bug in the planner, never an input problem
        raise AssertionError("planner produced an invalid plan: " + "; ".join(figures.violations))
    return Plan(
        rounds=rounds,
        hosts=hosts,
        ratio=figures.ratio,
        distinct_pairs=figures.distinct_pairs,
        max_pairs=figures.max_pairs,
        repeated_pairs=figures.repeated_pairs,
        repeated_visits=figures.repeated_visits,
        seed=seed,
        iterations=iterations,
        seconds=seconds,
    )
