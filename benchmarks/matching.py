"""Benchmark of the matcher (`spil.matching.engine`): time per scenario and the ratio to the naive pure-Python
scorer measured on a sample of pairs in the same run (its time per pair, extrapolated to all pairs).

Run from the repository root:
    .venv/bin/python benchmarks/matching.py [--seed N] [--sample N] [--national] [--only-assignment]
Targets: region 25,000 × 3,000 top 50 for everyone ≤ 5 s; one candidate × 100,000 ≤ 100 ms; 800 × 800 optimal
assignment ≤ 2 s; each ≥ 50× faster than the naive scorer; --national: 800,000 × 100,000 region by region
within 4 GB peak memory. Also shown: the cohort page's case, 800 candidates × 5,000 opportunities with places.
The exit code is 0 unless the engine disagrees with the naive scorer on the sample.
"""

import argparse
import math
import os
import resource
import statistics
import sys
import time

import numpy as np

from spil.matching import geo
from spil.matching.engine import KIND_GROUPS, TARGET_GROUPS, CandidateRow, OpportunityRow, Pool, naive_score

TASKS = 200
SECTORS = ("zorg", "bouw", "logistiek", "horeca", "retail", "techniek", "schoonmaak", "groen", "onderwijs", "ict")
SUPPORT = ("job_coach", "language", "buddy", "supervisor")
EDUCATION = ("none", "primary", "vmbo", "entree", "mbo2", "mbo3", "mbo4", "havo_vwo")
KINDS = tuple(KIND_GROUPS)
KIND_WEIGHTS = (0.5, 0.1, 0.1, 0.2, 0.1)
MAX_KM = (5, 10, 15, 20, 25, 30, 40)
AREA_POINTS = np.array([(lat, lon) for lat, lon, _town in geo.AREAS.values()])
KM_PER_DEGREE = 111.2


class Synthetic:
    """Columnar synthetic data (seeded), turned into engine rows only for the part being matched."""

    def __init__(self, rng: np.random.Generator, n: int, kind: str, areas: np.ndarray, spread_km: float = 8.0):
        self.n, self.kind = n, kind
        popularity = 1.0 / np.arange(1, TASKS + 1) ** 0.8  # a few tasks are common, most are rare
        self.popularity = popularity / popularity.sum()
        counts = rng.integers(3, 9, size=n)
        self.task_start = np.concatenate([[0], np.cumsum(counts)])
        self.task_ids = np.concatenate([rng.choice(TASKS, size=c, replace=False, p=self.popularity) for c in counts])
        self.shares = rng.integers(5, 60, size=len(self.task_ids))
        learn = rng.integers(0, 4, size=n)
        self.learn_start = np.concatenate([[0], np.cumsum(learn)])
        self.learn_ids = rng.choice(TASKS, size=int(learn.sum()), p=self.popularity)
        self.hours = rng.integers(8, 41, size=n)
        self.max_km = rng.choice(MAX_KM, size=n)
        centre = areas[rng.integers(0, len(areas), size=n)]
        self.lat = centre[:, 0] + rng.normal(0, spread_km / KM_PER_DEGREE, size=n)
        self.lon = centre[:, 1] + rng.normal(0, spread_km / KM_PER_DEGREE, size=n) / math.cos(math.radians(52))
        self.sector = rng.integers(0, len(SECTORS), size=(n, 2))
        self.sector_count = rng.integers(0, 3, size=n)
        self.support = rng.integers(0, 16, size=n)
        if kind == "candidate":
            self.support &= rng.integers(0, 16, size=n)  # candidates: mostly no or one kind of support
        self.groups = rng.integers(0, len(TARGET_GROUPS), size=(n, 2))
        self.group_count = rng.integers(0, 3, size=n)
        self.education = rng.integers(0, len(EDUCATION), size=n)
        self.kinds = rng.choice(len(KINDS), size=n, p=KIND_WEIGHTS)
        self.places = np.where(rng.random(n) < 0.1, 2, 1)

    def rows(self, indices) -> list:
        rows = []
        for x in indices:
            x = int(x)
            tasks = self.task_ids[self.task_start[x] : self.task_start[x + 1]].tolist()
            support = frozenset(s for b, s in enumerate(SUPPORT) if self.support[x] >> b & 1)
            if self.kind == "candidate":
                rows.append(
                    CandidateRow(
                        id=x,
                        tasks=frozenset(tasks),
                        learn_tasks=frozenset(self.learn_ids[self.learn_start[x] : self.learn_start[x + 1]].tolist()),
                        hours=int(self.hours[x]),
                        max_km=float(self.max_km[x]),
                        lat=float(self.lat[x]),
                        lon=float(self.lon[x]),
                        sectors=frozenset(SECTORS[s] for s in self.sector[x, : self.sector_count[x]]),
                        support_needs=support,
                        target_groups=frozenset(TARGET_GROUPS[g] for g in self.groups[x, : self.group_count[x]]),
                        education=EDUCATION[self.education[x]],
                    )
                )
            else:
                shares = self.shares[self.task_start[x] : self.task_start[x + 1]].tolist()
                rows.append(
                    OpportunityRow(
                        id=x,
                        title=f"Plek {x}",
                        kind=KINDS[self.kinds[x]],
                        tasks=dict(zip(tasks, shares, strict=True)),
                        hours=int(self.hours[x]),
                        lat=float(self.lat[x]),
                        lon=float(self.lon[x]),
                        sector=SECTORS[self.sector[x, 0]],
                        support=support,
                        places=int(self.places[x]),
                        education_level=EDUCATION[self.education[x]] if self.kinds[x] in (1, 2) else "",
                    )
                )
        return rows


def region_areas(centre_area: int, radius_km: float) -> np.ndarray:
    lat, lon, _town = geo.AREAS[centre_area]
    distance = geo.haversine_km(lat, lon, AREA_POINTS[:, 0], AREA_POINTS[:, 1])
    return AREA_POINTS[distance <= radius_km]


def timed(fn, repeats: int = 1):
    """(result, median wall seconds, median CPU seconds) of `repeats` runs. The engine runs in one thread, so
    CPU time is what it costs even when other work on the machine slows the wall clock."""
    walls, cpus, result = [], [], None
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return result, statistics.median(walls), statistics.median(cpus)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def naive_seconds_per_pair(rng, candidates: list, opportunities: list, pool: Pool, sample: int) -> tuple[float, int]:
    """CPU time of the naive scorer per pair on a random sample (the fastest of three runs, so the ratio errs
    on the naive scorer's side), and the number of pairs (of the first 2,000) it disagrees with the engine on."""
    ci = rng.integers(0, len(candidates), size=sample)
    oj = rng.integers(0, len(opportunities), size=sample)
    pairs = list(zip(ci.tolist(), oj.tolist(), strict=True))
    elapsed = math.inf
    for _ in range(3):
        start = time.process_time()
        naive = [naive_score(candidates[i], opportunities[j]) for i, j in pairs]
        elapsed = min(elapsed, time.process_time() - start)
    return elapsed / sample, disagreements(pool, pairs[:2000], naive[:2000])


def disagreements(pool: Pool, pairs: list, naive: list) -> int:
    """How many of these pairs the engine scores otherwise than the naive scorer did (None: infeasible)."""
    wrong = 0
    for (i, j), expected in zip(pairs, naive, strict=True):
        got = pool.score(i, j)
        if (got is None) != (expected is None) or (got is not None and abs(got - expected) > 1e-6):
            wrong += 1
    return wrong


def interleaved(fn, rng, candidates: list, opportunities: list, sample: int, runs: int = 9):
    """`fn` and the naive scorer in turn, `runs` times each (the naive scorer on a fresh random sample of
    sample ÷ runs pairs each time), so that a slow spell of the shared machine weighs on both alike. Returns
    fn's result, its median wall and CPU seconds, and the naive scorer's median CPU seconds per pair."""
    walls, cpus, naive, result = [], [], [], None
    size = max(sample // runs, 500)
    for _ in range(runs):
        result, wall, cpu = timed(fn)
        walls.append(wall)
        cpus.append(cpu)
        pairs = zip(
            rng.integers(0, len(candidates), size=size).tolist(),
            rng.integers(0, len(opportunities), size=size).tolist(),
            strict=True,
        )
        start = time.process_time()
        for i, j in pairs:
            naive_score(candidates[i], opportunities[j])
        naive.append((time.process_time() - start) / size)
    return result, statistics.median(walls), statistics.median(cpus), statistics.median(naive)


def line(name: str, wall: float, cpu: float, target: float, naive: float, note: str = "") -> None:
    ratio = naive / cpu
    print(
        f"{name:<36} wall {wall:>7.3f} s  cpu {cpu:>7.3f} s  target {target:>5.3f} s  naive {naive:>7.1f} s  "
        f"ratio {ratio:>5.0f}×  {'yes' if wall <= target and ratio >= 50 else 'NO '}  {note}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=int, default=20_000, help="pairs scored by the naive scorer per scenario")
    parser.add_argument("--national", action="store_true", help="also 800,000 × 100,000 region by region (long)")
    parser.add_argument(
        "--only-assignment",
        action="store_true",
        help="only the assignment scenarios, on the same instances (the earlier scenarios' data is generated, "
        "not timed)",
    )
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    wrong = 0
    print(
        f"seed {args.seed}; naive sample {args.sample:,} pairs per scenario; targets on wall-clock time, ratios on "
        "CPU time (naive CPU per pair × pairs ÷ engine CPU; both single-threaded)\n"
    )

    if args.only_assignment:  # the same random draws as scenarios 1 and 2, so that scenario 3 is the same
        areas = region_areas(35, 30)
        Synthetic(rng, 25_000, "candidate", areas), Synthetic(rng, 3_000, "opportunity", areas)
        rng.integers(0, 25_000, size=args.sample), rng.integers(0, 3_000, size=args.sample)
        Synthetic(rng, 100_000, "opportunity", AREA_POINTS), Synthetic(rng, 200, "candidate", AREA_POINTS)
        rng.integers(0, 200, size=args.sample), rng.integers(0, 100_000, size=args.sample)
    else:
        wrong += search_scenarios(rng, args.sample)
    wrong += assignment_scenarios(rng, args.sample, args.seed)
    print(f"\npeak memory so far: {peak_rss_mb():,.0f} MB")

    if args.national:
        national(rng)
    if wrong:
        print(f"\nFAIL: the engine and the naive scorer disagree on {wrong} sampled pairs")
        return 1
    print("\nengine and naive scorer agree on every checked pair")
    return 0


def search_scenarios(rng: np.random.Generator, sample: int) -> int:
    """Scenarios 1 and 2; returns the number of sampled pairs the engine and the naive scorer disagree on."""
    wrong = 0
    # 1. One region: 25,000 candidates × 3,000 opportunities around Utrecht, top 50 for everyone.
    areas = region_areas(35, 30)
    c_data, o_data = Synthetic(rng, 25_000, "candidate", areas), Synthetic(rng, 3_000, "opportunity", areas)
    candidates, opportunities = c_data.rows(range(c_data.n)), o_data.rows(range(o_data.n))
    pool, build, _cpu = timed(lambda: Pool(candidates, opportunities))
    (_indices, scores), wall, cpu = timed(lambda: pool.top_for_candidates(k=50))
    _result, wall_threads, _cpu = timed(lambda: pool.top_for_candidates(k=50, workers=os.cpu_count() or 1))
    per_pair, bad = naive_seconds_per_pair(rng, candidates, opportunities, pool, sample)
    wrong += bad
    full = np.mean(~np.isnan(scores[:, -1]))
    line(
        "region 25,000 × 3,000, top 50 each",
        wall,
        cpu,
        5.0,
        per_pair * 25_000 * 3_000,
        f"(pool built in {build:.2f} s; {full:.0%} have 50 feasible places; "
        f"{wall_threads:.2f} s wall with {os.cpu_count()} threads)",
    )

    # 2. One candidate against 100,000 opportunities all over the country.
    o_data = Synthetic(rng, 100_000, "opportunity", AREA_POINTS)
    c_data = Synthetic(rng, 200, "candidate", AREA_POINTS)
    candidates, opportunities = c_data.rows(range(c_data.n)), o_data.rows(range(o_data.n))
    pool = Pool(candidates, opportunities)
    pool.top_for_candidate(0, 50)  # warm up (the dense task-share matrix is built on first use)
    runs = [timed(lambda i=i: pool.top_for_candidate(i, 50)) for i in range(1, 101)]
    wall, cpu = statistics.median(r[1] for r in runs), statistics.median(r[2] for r in runs)
    per_pair, bad = naive_seconds_per_pair(rng, candidates, opportunities, pool, sample)
    wrong += bad
    line(
        "1 × 100,000, top 50",
        wall,
        cpu,
        0.1,
        per_pair * 100_000,
        f"(median of 100 candidates; slowest {max(r[1] for r in runs) * 1000:.0f} ms)",
    )
    return wrong


def assignment_scenarios(rng: np.random.Generator, sample: int, seed: int) -> int:
    """Scenario 3, and the cohort against a network's open places (its own random numbers, so that --national
    stays the same); returns the number of sampled pairs the engine and the naive scorer disagree on."""
    wrong = 0
    # 3. Cohort: 800 candidates to 800 workplaces, optimal one-to-one.
    areas = region_areas(30, 30)
    c_data, o_data = Synthetic(rng, 800, "candidate", areas), Synthetic(rng, 800, "opportunity", areas)
    o_data.places[:] = 1
    candidates, opportunities = c_data.rows(range(800)), o_data.rows(range(800))
    pool = Pool(candidates, opportunities)
    wrong += assignment_line("800 × 800 optimal assignment", pool, rng, sample)
    _scores, wall, cpu, per_pair = interleaved(pool.scores, rng, candidates, opportunities, sample)
    line("  of which scoring the 640,000 pairs", wall, cpu, 2.0, per_pair * 800 * 800, "(the rest is the solver)")

    # 4. The cohort page: 800 candidates against a network's 5,000 open opportunities (10% with two places).
    local = np.random.default_rng([seed, 4])
    areas = region_areas(30, 45)
    c_data, o_data = Synthetic(local, 800, "candidate", areas), Synthetic(local, 5_000, "opportunity", areas)
    candidates, opportunities = c_data.rows(range(800)), o_data.rows(range(5_000))
    wrong += assignment_line("800 × 5,000 (with places) assignment", Pool(candidates, opportunities), local, sample)
    return wrong


def assignment_line(name: str, pool: Pool, rng, sample: int) -> int:
    """Time `pool.assign` against the naive scorer (alternated, see `interleaved`) and print its line; returns
    the number of 2,000 random pairs the engine and the naive scorer disagree on."""
    candidates, opportunities = pool.candidates, pool.opportunities
    pool.assign()  # warm up (the dense task-share matrix is built on first use)
    pairs = list(
        zip(
            rng.integers(0, len(candidates), size=2_000).tolist(),
            rng.integers(0, len(opportunities), size=2_000).tolist(),
            strict=True,
        )
    )
    wrong = disagreements(pool, pairs, [naive_score(candidates[i], opportunities[j]) for i, j in pairs])
    chosen, wall, cpu, per_pair = interleaved(pool.assign, rng, candidates, opportunities, sample)
    line(
        name,
        wall,
        cpu,
        2.0,
        per_pair * len(candidates) * len(opportunities),
        f"(median of 9, alternated with the naive scorer; {len(chosen)} pairs, total score "
        f"{sum(p[2] for p in chosen):,.0f})",
    )
    return wrong


def national(rng: np.random.Generator) -> None:
    """800,000 candidates × 100,000 opportunities, one labour-market region at a time: each region takes its
    candidates and every opportunity within reach of any of them (its box widened by the longest travel
    distance), so no feasible pair is lost at a border."""
    print("\nnational: 800,000 × 100,000, region by region (35 regions around the main towns)")
    start_all = time.perf_counter()
    c_data = Synthetic(rng, 800_000, "candidate", AREA_POINTS)
    o_data = Synthetic(rng, 100_000, "opportunity", AREA_POINTS)
    generated = time.perf_counter() - start_all
    centres = AREA_POINTS[np.linspace(0, len(AREA_POINTS) - 1, 35).astype(int)]
    region_of = np.argmin(
        geo.haversine_km(c_data.lat[:, None], c_data.lon[:, None], centres[None, :, 0], centres[None, :, 1]), axis=1
    )
    matching = 0.0
    pairs = 0
    largest = 0
    for region in range(35):
        members = np.flatnonzero(region_of == region)
        if not len(members):
            continue
        reach = float(c_data.max_km[members].max()) / KM_PER_DEGREE
        lat0, lat1 = c_data.lat[members].min() - reach, c_data.lat[members].max() + reach
        widen = reach / math.cos(math.radians(52))
        lon0, lon1 = c_data.lon[members].min() - widen, c_data.lon[members].max() + widen
        near = np.flatnonzero((o_data.lat >= lat0) & (o_data.lat <= lat1) & (o_data.lon >= lon0) & (o_data.lon <= lon1))
        start = time.perf_counter()
        pool = Pool(c_data.rows(members), o_data.rows(near))
        pool.top_for_candidates(k=50)
        matching += time.perf_counter() - start
        pairs += len(members) * len(near)
        largest = max(largest, len(members) * len(near))
        del pool
        if region % 5 == 4:
            print(
                f"  {region + 1} regions done, {time.perf_counter() - start_all:,.0f} s, peak {peak_rss_mb():,.0f} MB"
            )
    total = time.perf_counter() - start_all
    print(
        f"  {total:,.0f} s in all ({generated:.0f} s generating, {matching:,.0f} s building pools and ranking); "
        f"{pairs / 1e9:.2f} billion pairs in the regions' boxes (largest {largest / 1e6:,.0f} million); "
        f"peak memory {peak_rss_mb():,.0f} MB (target ≤ 4,096 MB): {'yes' if peak_rss_mb() <= 4096 else 'NO'}"
    )


if __name__ == "__main__":
    sys.exit(main())
