"""Benchmark of the praktijktafel planner: quality (new-encounter ratio) and time per instance.

Run from the repository root: .venv/bin/python benchmarks/planner.py [--seed N]
(or with --schedules K --seeds S --factor F to regenerate the planner's stored 6-table schedule
for K guests per table: 20–90 s per seed, see benchmarks/README.md).
Target per instance: ratio ≥ 0.95 and at most 2 s. The exit code is 0 unless a plan breaks a
hard constraint (the misses of the target are reported, not failed: see benchmarks/README.md).
"""

import argparse
import random
import sys
import time

from spil.activities import planner
from spil.activities.planner import Instance, PlanError, default_iterations, evaluate, plan

TARGET_RATIO = 0.95
TARGET_SECONDS = 2.0


def with_organisations(tables: int, seats: int, rounds: int, hosts: int, guests: int, seed: int = 1) -> Instance:
    """An instance where most people come in small groups of colleagues (hosts included), as at a
    real session: organisations of 1–4 people, and every host from an organisation of its own."""
    rng = random.Random(seed)
    people = tables * hosts + guests
    while True:
        organisations: dict[int, str] = {}
        for person in range(tables * hosts):
            organisations[person] = f"host-org-{person}"
        guest_ids = list(range(tables * hosts, people))
        rng.shuffle(guest_ids)
        number = 0
        while guest_ids:
            size = rng.choice([1, 1, 2, 2, 3, 4])
            members, guest_ids = guest_ids[:size], guest_ids[size:]
            number += 1
            for person in members:
                organisations[person] = f"org-{number}"
        # A quarter of the hosts work for an organisation that also sends guests.
        for person in range(0, tables * hosts, 4):
            organisations[person] = f"org-{rng.randint(1, number)}"
        try:
            return Instance(tables, seats, rounds, hosts, guests, organisations=organisations)
        except PlanError:
            continue


def with_pins(instance: Instance) -> Instance:
    """The same instance with three pinned guests: two for the whole session, one for round 1."""
    first = instance.first_guest
    pins = ((first, 0), (first + 1, instance.tables - 1), (first + 2, 0, instance.tables // 2))
    return Instance(
        instance.tables,
        instance.seats,
        instance.rounds,
        instance.hosts_per_table,
        instance.guests,
        organisations=instance.organisations,
        pins=pins,
    )


def instances() -> list[tuple[str, Instance]]:
    """(name, instance): T×S×R H G is tables × seats (hosts included) × rounds, hosts per table, guests."""
    plain = [
        ("Amersfoort", (5, 6, 2, 2, 20)),
        ("social golfers 4×4", (4, 4, 5, 0, 16)),
        ("Kirkman 3×3", (3, 3, 4, 0, 9)),
        ("8 tables of 4", (8, 4, 10, 0, 32)),
        ("", (4, 8, 3, 2, 24)),
        ("", (4, 9, 4, 2, 26)),
        ("", (5, 8, 4, 2, 30)),
        ("", (4, 10, 3, 2, 32)),
        ("", (6, 8, 3, 2, 36)),
        ("", (5, 10, 4, 2, 40)),
        ("", (8, 7, 6, 1, 48)),
        ("", (6, 10, 5, 2, 40)),
        ("", (8, 10, 6, 1, 48)),
        ("", (7, 8, 6, 2, 42)),
        ("", (5, 10, 6, 0, 50)),
        ("", (6, 8, 6, 2, 36)),
        ("", (6, 10, 4, 2, 48)),
        ("", (6, 10, 6, 2, 48)),
    ]
    result = [(name, Instance(*args)) for name, args in plain]
    result.append(("uneven", Instance(8, 8, 6, 0, 56, balanced=False)))
    result.append(("orgs", with_organisations(5, 8, 4, 2, 30)))
    result.append(("orgs", with_organisations(7, 8, 5, 1, 49)))
    result.append(("orgs", with_organisations(6, 10, 6, 2, 48)))
    result.append(("orgs+pins", with_pins(with_organisations(5, 10, 4, 2, 40))))
    result.append(("orgs+pins", with_pins(with_organisations(7, 8, 6, 2, 42))))
    return result


def describe(name: str, instance: Instance) -> str:
    shape = f"{instance.tables}×{instance.seats}×{instance.rounds} H{instance.hosts_per_table} G{instance.guests}"
    return f"{shape} {name}".strip()


def apart_last(schedule: list[str], count: int = 5) -> list[str]:
    """The schedule with its slots reordered so that the last ones (up to ``count``) never share a
    table: a largest such set, by backtracking."""
    slots = len(schedule[0])
    apart = [[i != j and all(row[i] != row[j] for row in schedule) for j in range(slots)] for i in range(slots)]
    best: list[int] = []

    def extend(chosen: list[int], start: int) -> bool:
        nonlocal best
        if len(chosen) > len(best):
            best = chosen[:]
        if len(best) == count:
            return True
        return any(all(apart[i][j] for j in chosen) and extend([*chosen, i], i + 1) for i in range(start, slots))

    extend([], 0)
    order = [i for i in range(slots) if i not in best] + best
    return ["".join(row[i] for i in order) for row in schedule]


def find_schedules(per_table: list[int], seeds: list[int], factor: int) -> None:
    """Regenerate planner.SCHEDULES: for k guests per table, plan 6 tables of 2 hosts and k guests
    for 6 rounds without the stored schedules, with ``factor`` times the default moves and no time
    cap, for every seed; print the best plan of each k as a schedule (slot → table per round)."""
    planner.USE_SCHEDULES = False
    print("SCHEDULES = {")
    for k in per_table:
        instance = Instance(6, k + 2, 6, 2, 6 * k)
        best = None
        for seed in seeds:
            started = time.perf_counter()
            result = plan(instance, seed=seed, time_budget=10_000, iterations=factor * default_iterations(instance))
            seconds = time.perf_counter() - started
            figures = f"{result.distinct_pairs} of {result.max_pairs} ({seconds:.0f} s)"
            print(f"    # k={k} seed={seed}: {figures}", flush=True)
            if best is None or result.distinct_pairs > best.distinct_pairs:
                best = result
        first = instance.first_guest
        schedule = []
        for tables in best.rounds:
            row = [0] * instance.guests
            for t, people in enumerate(tables):
                for person in people:
                    if person >= first:
                        row[person - first] = t
            schedule.append("".join(map(str, row)))
        print(f"    {k}: (  # {best.distinct_pairs} of {best.max_pairs}, seed {best.seed}, {factor} times the moves")
        for row in apart_last(schedule):
            print(f'        "{row}",')
        print("    ),")
    print("}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="seed of every plan (default 0)")
    parser.add_argument(
        "--schedules",
        metavar="K,K,…",
        help="instead of the benchmark, regenerate the planner's stored 6-table schedules for these guests per table",
    )
    parser.add_argument("--seeds", default="2,3,4,5,6,7,8,9", help="seeds for --schedules (default 2 … 9)")
    parser.add_argument("--factor", type=int, default=60, help="times the default moves for --schedules (default 60)")
    options = parser.parse_args()
    if options.schedules:
        find_schedules(
            [int(k) for k in options.schedules.split(",")], [int(s) for s in options.seeds.split(",")], options.factor
        )
        return 0
    header = ["instance", "people", "distinct pairs", "max", "ratio", "repeated pairs", "time (s)", "target"]
    rows = []
    broken = False
    for name, instance in instances():
        started = time.perf_counter()
        result = plan(instance, seed=options.seed)
        seconds = time.perf_counter() - started
        figures = evaluate(instance, result.rounds)
        if figures.violations:
            broken = True
            print(f"{describe(name, instance)}: INVALID PLAN: {'; '.join(figures.violations)}", file=sys.stderr)
        ok = result.ratio >= TARGET_RATIO and seconds <= TARGET_SECONDS and not figures.violations
        rows.append(
            [
                describe(name, instance),
                str(instance.people),
                str(result.distinct_pairs),
                str(result.max_pairs),
                f"{result.ratio:.3f}",
                str(result.repeated_pairs),
                f"{seconds:.2f}",
                "yes" if ok else "no",
            ]
        )
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)]
        print("| " + " | ".join(cells) + " |")
    met = sum(row[-1] == "yes" for row in rows)
    print(f"\nTarget (ratio ≥ {TARGET_RATIO} and ≤ {TARGET_SECONDS:g} s) met by {met} of {len(rows)} instances.")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
