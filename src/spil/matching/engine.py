"""The matcher: hard constraints, a score of 0–100 with its parts, explanations in Dutch, top-k lists and the
optimal cohort assignment. Plain inputs, no Django models, so that the app, `spil match` and the benchmarks
run the same code.

API (stable; the app, the command and the benchmark use only this):

    pool = Pool(candidates: Sequence[CandidateRow], opportunities: Sequence[OpportunityRow], *,
                consent: Sequence[bool] | None = None, task_names: Mapping | None = None)
    pool.top_for_candidates(candidate_indices=None, k=10, *, workers=1) -> (indices int64[n, k], scores float64[n, k])
        # padded with -1 / nan where fewer than k places are feasible
    pool.top_for_candidate(i, k=10) -> list[(opportunity_index, score)]
    pool.top_for_opportunity(j, k=10, candidate_indices=None) -> list[(candidate_index, score)]
    pool.score(i, j) -> float | None            # None: a hard constraint fails
    pool.scores(candidate_indices, opportunity_indices) -> float64[n, m]   # nan where infeasible
    pool.explain(i, j, teaching=None) -> dict   # JSON-able, Dutch sentences; teaching: {task: [str]}, by
                                                # default the pool's other learning places (see explain.py)
    pool.teaching() -> {task: [(opportunity_id, str)]}   # the pool's learning places per task
    pool.assign(candidate_indices=None, opportunity_indices=None) -> list[(i, j, score)]   # by candidate
    naive_score(candidate, opportunity, consent=True) -> float | None   # the slow reference, for tests only

Indices are positions in the sequences given to `Pool`; `pool.candidate_index(id)` and
`pool.opportunity_index(id)` translate ids. Tasks are any hashable keys (Task ids in the app, lower-case task
names in the command); `task_names` maps them to the names the explanation shows.

Hard constraints (a pair that fails one is never ranked, scored or assigned):
- consent: the caller passes only candidates with a consent in force for matching, and may pass `consent`, a
  mask, as a second guard;
- hours: the place may ask at most `HOURS_TOLERANCE` (4) hours a week more than the candidate can work; fewer
  hours than the candidate wants is allowed (combining places is common) and only lowers the hours part;
- distance: the great-circle distance between the postcode points is at most the candidate's maximum travel
  distance. Missing coordinates are filled from the postcode (`geo.coordinates`); a pair whose location stays
  unknown fails. Two postcodes of the same area share one point: that pair is never excluded on distance and
  counts as `geo.SAME_AREA_KM` for the score.

Score (points, 100 in all), each part a fraction of its weight:
- tasks 35: the share of the place's time in tasks the candidate can do (shares weigh the tasks);
- learning route 10: on a learning place (learning job, work-experience place, internship) the share of the time
  the candidate can do now or wants to learn there; on a vacancy the same as the tasks part;
- hours 10: smaller ÷ larger of the candidate's and the place's hours;
- distance 15: 1 − distance ÷ maximum travel distance;
- sector 10: 1 when the place's sector is among the candidate's interests, 0 when not, ½ when either is empty;
- support 10: the share of the candidate's support needs the place offers (1 without needs);
- target group 10: 1 when the kind of place suits one of the candidate's target groups (`KIND_GROUPS`), or it
  is a learning job above the candidate's education (a qualification to gain); ½ without target groups; else 0.

Vectorised with NumPy and SciPy sparse matrices: candidates' tasks are a CSR matrix, places' task shares a
matrix of normalised shares, so the covered share of a block of pairs is one sparse product; distances come
from unit vectors (chord length); sector, support and target group are per-candidate lookup tables. Only the
feasible pairs of a block are scored. Blocks of about 100,000 pairs keep memory flat (larger ones were slower:
the allocator hands their temporaries back to the system, and fresh pages cost more than the arithmetic), and
top-k lists and the assignment score a group of neighbouring candidates only against the places inside their
reach (exact, see `_reachable`). The assignment's solver is in `assignment.py`.
Single-threaded on purpose: BLAS is kept out of the hot path, whose thin products made its threads spin.
"""

import contextlib
import ctypes
import functools
import platform
from collections.abc import Hashable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
from scipy import sparse

from . import geo

HOURS_TOLERANCE = 4
WEIGHTS = {
    "tasks": 35,
    "learning": 10,
    "hours": 10,
    "distance": 15,
    "sector": 10,
    "support": 10,
    "target_group": 10,
}
BLOCK_PAIRS = 100_000
GROUP_ROWS = 256  # candidates that share one search box of reachable places
PAIR_SUM_SHARE = 64  # below 1 in 64 pairs feasible, add task shares per pair instead of a block product

# Values as in models.OpportunityKind, TargetGroup, Education and Support (a test keeps them equal).
LEARNING_JOB_KINDS = frozenset({"learning_job_bbl", "learning_job_certificate"})
LEARNING_PLACE_KINDS = LEARNING_JOB_KINDS | {"work_experience", "internship"}
KIND_GROUPS = {
    "vacancy": frozenset({"job_agreement", "wajong", "ww", "wia", "participation", "refugee"}),
    "learning_job_bbl": frozenset({"no_qualification", "refugee", "participation", "ww"}),
    "learning_job_certificate": frozenset(
        {"job_agreement", "wajong", "wsw", "sheltered", "no_qualification", "refugee", "participation"}
    ),
    "work_experience": frozenset(
        {"participation", "ww", "wia", "refugee", "wsw", "sheltered", "job_agreement", "wajong"}
    ),
    "internship": frozenset({"no_qualification", "refugee"}),
}
TARGET_GROUPS = (
    "job_agreement",
    "wajong",
    "wsw",
    "sheltered",
    "ww",
    "participation",
    "refugee",
    "no_qualification",
    "wia",
)
EDUCATION_RANK = {
    "none": 0,
    "primary": 1,
    "vmbo": 2,
    "entree": 3,
    "mbo2": 4,
    "mbo3": 5,
    "mbo4": 6,
    "havo_vwo": 6,
    "hbo_wo": 7,
}
LEARNING_JOB_DEFAULT_LEVEL = "mbo2"  # learning jobs are at entree or level 2 (issue 4) when none is given


def _(text: str) -> str:
    """gettext when Django is set up (the app, the command); the Dutch text as is otherwise (benchmarks)."""
    try:
        from django.conf import settings

        if settings.configured:
            from django.utils.translation import gettext

            return gettext(text)
    except ImportError:  # pragma: no cover - Django is always installed with Spil
        pass
    return text


LABELS = {
    "job_coach": "Jobcoach",
    "language": "Taalondersteuning",
    "buddy": "Buddy",
    "supervisor": "Praktijkbegeleider",
    "job_agreement": "Banenafspraak / doelgroepregister",
    "wajong": "Wajong",
    "wsw": "WSW",
    "sheltered": "Beschut werk",
    "ww": "WW",
    "participation": "Participatiewet / bijstand",
    "refugee": "Statushouder",
    "no_qualification": "Zonder startkwalificatie",
    "wia": "WIA",
    "vacancy": "Vacature",
    "learning_job_bbl": "Leerbaan (bbl)",
    "learning_job_certificate": "Leerbaan met praktijkverklaring",
    "work_experience": "Werkervaringsplek",
    "internship": "Stage",
    "none": "Geen",
    "primary": "Basisonderwijs",
    "vmbo": "Vmbo",
    "entree": "Entreeopleiding (mbo-1)",
    "mbo2": "Mbo-2",
    "mbo3": "Mbo-3",
    "mbo4": "Mbo-4",
    "havo_vwo": "Havo / vwo",
    "hbo_wo": "Hbo / wo",
}


def _label(code: str) -> str:
    return _(LABELS[code]) if code in LABELS else code


@dataclass(frozen=True, slots=True)
class CandidateRow:
    id: Hashable
    tasks: frozenset = frozenset()
    learn_tasks: frozenset = frozenset()
    hours: int = 0
    max_km: float = 15.0
    lat: float | None = None
    lon: float | None = None
    postcode: str = ""
    sectors: frozenset = frozenset()
    support_needs: frozenset = frozenset()
    target_groups: frozenset = frozenset()
    education: str = ""


@dataclass(frozen=True, slots=True)
class OpportunityRow:
    id: Hashable
    title: str = ""
    kind: str = "vacancy"
    tasks: Mapping = field(default_factory=dict)  # task -> share of the time (any positive numbers)
    hours: int = 0
    lat: float | None = None
    lon: float | None = None
    postcode: str = ""
    sector: str = ""
    support: frozenset = frozenset()
    places: int = 1
    learning_route: str = ""
    school: str = ""
    education_level: str = ""
    employer: str = ""


HEAP_PAD = 64 << 20  # bytes of freed memory glibc keeps at the top of the heap (see `_keep_heap_pad`)


@functools.cache
def _keep_heap_pad() -> None:
    """Ask glibc to keep HEAP_PAD bytes of freed memory at the top of the heap (mallopt M_TOP_PAD) rather than
    hand it back to the system whenever a block's temporaries are freed: the next block's temporaries would
    then come from fresh pages, and those page faults took a third of the 800 × 800 assignment's time. Once per
    process, and a no-op on other C libraries; the process keeps at most HEAP_PAD more memory."""
    if platform.libc_ver()[0] != "glibc":
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).mallopt(-2, HEAP_PAD)  # -2: M_TOP_PAD in glibc's malloc.h


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def _point(row) -> tuple[float, float] | None:
    if row.lat is not None and row.lon is not None:
        return float(row.lat), float(row.lon)
    return geo.coordinates(row.postcode)


def _degrees(rows) -> tuple[np.ndarray, np.ndarray]:
    points = [_point(row) or (np.nan, np.nan) for row in rows]
    return np.array([p[0] for p in points], dtype=np.float64), np.array([p[1] for p in points], dtype=np.float64)


def _unit_vectors(points: list) -> np.ndarray:
    out = np.full((len(points), 3), np.nan)
    known = [k for k, p in enumerate(points) if p is not None]
    if known:
        lat = np.radians([points[k][0] for k in known])
        lon = np.radians([points[k][1] for k in known])
        out[known] = np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
    return out


def _chord2(angle_km: np.ndarray) -> np.ndarray:
    """Squared chord length on the unit sphere for a great-circle distance in km."""
    return (2 * np.sin(np.asarray(angle_km, dtype=np.float64) / (2 * geo.EARTH_RADIUS_KM))) ** 2


def _km(chord2: np.ndarray) -> np.ndarray:
    return 2 * geo.EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(chord2, 0.0, 4.0)) / 2)


def _csr(rows: list[Iterable[int]], columns: int, values: list[Iterable[float]] | None = None) -> sparse.csr_matrix:
    lengths = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    indices = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=int(indptr[-1]))
    if values is None:
        data = np.ones(len(indices))
    else:
        data = np.fromiter((v for r in values for v in r), dtype=np.float64, count=int(indptr[-1]))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), columns))


class _Block(NamedTuple):
    """A block of pairs scored by `Pool._evaluate`."""

    feasible: np.ndarray  # rows × columns
    flat: np.ndarray  # the pairs scored, as positions row * width + column ...
    rows: np.ndarray  # ... and as row ...
    cols: np.ndarray  # ... and column in the block
    total: np.ndarray  # the score per pair ...
    parts: dict  # ... and its parts
    km: np.ndarray  # the distance per pair (nan: unknown)


class Pool:
    """Candidates and opportunities turned into arrays once; every query reuses them."""

    def __init__(
        self,
        candidates: Sequence[CandidateRow],
        opportunities: Sequence[OpportunityRow],
        *,
        consent: Sequence[bool] | None = None,
        task_names: Mapping | None = None,
        hours_tolerance: float = HOURS_TOLERANCE,
        same_area_km: float = geo.SAME_AREA_KM,
    ):
        _keep_heap_pad()
        self.candidates = list(candidates)
        self.opportunities = list(opportunities)
        self.task_names = dict(task_names or {})
        self.hours_tolerance = float(hours_tolerance)
        self.same_area_km = float(same_area_km)
        n = len(self.candidates)
        self._candidate_ids = {c.id: i for i, c in enumerate(self.candidates)}
        self._opportunity_ids = {o.id: j for j, o in enumerate(self.opportunities)}

        tasks: dict = {}
        for o in self.opportunities:
            for t in o.tasks:
                tasks.setdefault(t, len(tasks))
        self.task_keys = list(tasks)
        width = len(tasks)
        # Tasks no place asks for cannot score, so they need no column.
        can = [sorted({tasks[t] for t in c.tasks if t in tasks}) for c in self.candidates]
        learn = [sorted({tasks[t] for t in c.learn_tasks if t in tasks and t not in c.tasks}) for c in self.candidates]
        self._can = _csr(can, width)
        self._learn = _csr(learn, width)
        self._can_learn = sparse.vstack([self._can, self._learn], format="csr")  # one product for both
        shares = [[max(float(s), 0.0) for s in o.tasks.values()] for o in self.opportunities]
        totals = [sum(s) or 1.0 for s in shares]
        w = _csr(
            [[tasks[t] for t in o.tasks] for o in self.opportunities],
            width,
            [[s / total for s in row] for row, total in zip(shares, totals, strict=True)],
        )
        self._w = w.T.tocsr()  # tasks × opportunities
        self._w_dense: np.ndarray | None = None

        self._c_hours = np.array([c.hours for c in self.candidates], dtype=np.float64)
        self._o_hours = np.array([o.hours for o in self.opportunities], dtype=np.float64)
        self._c_max_km = np.array([c.max_km for c in self.candidates], dtype=np.float64)
        # Within reach when the unit vectors' dot product is at least this: chord² = 2 − 2·dot ≤ max chord².
        self._c_min_dot = 1.0 - _chord2(self._c_max_km) / 2
        self._c_point = _unit_vectors([_point(c) for c in self.candidates])
        self._o_point = _unit_vectors([_point(o) for o in self.opportunities])
        self._o_point_t = np.ascontiguousarray(self._o_point.T)
        self._c_lat, self._c_lon = _degrees(self.candidates)
        self._o_lat, self._o_lon = _degrees(self.opportunities)
        self._consent = np.ones(n, dtype=bool) if consent is None else np.asarray(consent, dtype=bool).copy()
        if self._consent.shape != (n,):
            raise ValueError("consent needs one value per candidate")
        self._consent_all = bool(self._consent.all())

        # Sector, support and target group depend on a candidate and a few attributes of a place, so each is a
        # per-candidate table over the values of those attributes: one lookup per pair.
        sectors: dict[str, int] = {}
        o_sector = [
            sectors.setdefault(_norm(o.sector), len(sectors)) if o.sector.strip() else -1 for o in self.opportunities
        ]
        self._o_sector = np.array([len(sectors) if k < 0 else k for k in o_sector], dtype=np.int64)
        self._sector = np.zeros((n, len(sectors) + 1))
        for i, c in enumerate(self.candidates):
            if not c.sectors:
                self._sector[i] = 0.5
                continue
            self._sector[i, len(sectors)] = 0.5
            for name in c.sectors:
                k = sectors.get(_norm(name))
                if k is not None:
                    self._sector[i, k] = 1.0

        kinds: dict[str, int] = {}
        for c in self.candidates:
            for value in c.support_needs:
                kinds.setdefault(value, len(kinds))
        if len(kinds) > 63:
            raise ValueError("at most 63 kinds of support")
        # Support a place offers that no candidate needs changes nothing: leave it out of the masks.
        offer = [sum(1 << kinds[v] for v in set(o.support) if v in kinds) for o in self.opportunities]
        offers = {mask: k for k, mask in enumerate(dict.fromkeys(offer))}
        self._o_offer = np.array([offers[mask] for mask in offer], dtype=np.int64)
        need = np.array([sum(1 << kinds[v] for v in set(c.support_needs)) for c in self.candidates], dtype=np.uint64)
        offer_masks = np.array(list(offers), dtype=np.uint64)
        need_count = np.bitwise_count(need).astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            self._support = np.where(
                need_count[:, None] > 0,
                np.bitwise_count(need[:, None] & offer_masks[None, :]) / need_count[:, None],
                1.0,
            ).reshape(n, len(offers))

        groups = {g: k for k, g in enumerate(TARGET_GROUPS)}
        c_groups = np.array(
            [sum(1 << groups[g] for g in set(c.target_groups) if g in groups) for c in self.candidates],
            dtype=np.int64,
        )
        c_education = np.array([EDUCATION_RANK.get(c.education, 99) for c in self.candidates], dtype=np.int64)
        profiles: dict[tuple[str, int], int] = {}
        o_profile = []
        for o in self.opportunities:
            level = EDUCATION_RANK.get(o.education_level or LEARNING_JOB_DEFAULT_LEVEL, -1)
            o_profile.append(
                profiles.setdefault((o.kind, level if o.kind in LEARNING_JOB_KINDS else -1), len(profiles))
            )
        self._o_profile = np.array(o_profile, dtype=np.int64)
        self._target = np.zeros((n, len(profiles)))
        for (kind, level), k in profiles.items():
            kind_mask = sum(1 << groups[g] for g in KIND_GROUPS.get(kind, ()))
            fit = ((c_groups & kind_mask) != 0) | (c_education < level)
            self._target[:, k] = np.where(fit, 1.0, np.where(c_groups == 0, 0.5, 0.0))
        self._o_places = np.array([max(int(o.places), 1) for o in self.opportunities], dtype=np.int64)
        self._o_learning_place = np.array([o.kind in LEARNING_PLACE_KINDS for o in self.opportunities], dtype=bool)
        self._teaching: dict | None = None

    # ids and names

    def candidate_index(self, candidate_id) -> int:
        return self._candidate_ids[candidate_id]

    def opportunity_index(self, opportunity_id) -> int:
        return self._opportunity_ids[opportunity_id]

    def task_name(self, task) -> str:
        return str(self.task_names.get(task, task))

    # the vectorised core

    def _w_full(self) -> np.ndarray:
        """The task shares as a dense tasks × opportunities matrix, built on first use."""
        if self._w_dense is None:
            self._w_dense = self._w.toarray().astype(np.float64)
        return self._w_dense

    def _pair_sums(self, tasks: sparse.csr_matrix, ci: np.ndarray, oj: np.ndarray) -> np.ndarray:
        """Per pair (ci[p], oj[p]): the summed share in opportunity oj[p] of the tasks in row ci[p]."""
        counts = tasks.indptr[ci + 1] - tasks.indptr[ci]
        total = int(counts.sum())
        if total == 0:
            return np.zeros(len(ci))
        pair = np.repeat(np.arange(len(ci)), counts)
        offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        task = tasks.indices[np.repeat(tasks.indptr[ci], counts) + offsets]
        return np.bincount(pair, weights=self._w_full()[task, oj[pair]], minlength=len(ci))

    def _evaluate(self, rows: np.ndarray, cols: np.ndarray | None, *, every_pair: bool = False) -> "_Block":
        """Feasibility of the block rows × cols, and the score of its feasible pairs (or of every pair) with
        the parts. Pairs are flat positions in the block (row * width + column), also as row and column."""
        o_sel = slice(None) if cols is None else cols
        feasible = self._o_hours[o_sel][None, :] <= self._c_hours[rows][:, None] + self.hours_tolerance
        if not self._consent_all:
            feasible &= self._consent[rows][:, None]
        # Elementwise, not a (rows × 3) @ (3 × m) product nor einsum: on a busy machine BLAS threads spin for
        # such thin products, and either may add up in another order for another block shape, so that a pair
        # would not score the same on every page. The distance itself is worked out only for the pairs within
        # reach.
        cp, op = self._c_point[rows], self._o_point_t[:, o_sel]
        dot = np.multiply(cp[:, 0:1], op[0])
        term = np.multiply(cp[:, 1:2], op[1])
        dot += term
        dot += np.multiply(cp[:, 2:3], op[2], out=term)
        with np.errstate(invalid="ignore"):
            feasible &= dot >= self._c_min_dot[rows][:, None]  # nan (unknown place) fails
        width = feasible.shape[1]
        flat = np.arange(feasible.size) if every_pair else np.flatnonzero(feasible)
        rr = flat // width
        jj = flat - rr * width
        oj = jj if cols is None else cols[jj]
        ci = rows[rr]

        if not self._w.shape[0]:
            covered = learnable = np.zeros(len(flat))
        elif len(flat) * PAIR_SUM_SHARE < feasible.size or cols is not None:
            # Few feasible pairs, or a subset of columns (a gather of W's columns costs as much as a block):
            # add up the shares pair by pair.
            covered, learnable = self._pair_sums(self._can, ci, oj), self._pair_sums(self._learn, ci, oj)
        else:
            shares = np.asarray(self._can_learn[np.concatenate([rows, rows + len(self.candidates)])] @ self._w_full())
            covered = np.take(shares[: len(rows)], flat)
            learnable = np.take(shares[len(rows) :], flat)
        learning = np.minimum(covered + np.where(self._o_learning_place[oj], learnable, 0.0), 1.0)

        ch, oh = self._c_hours[ci], self._o_hours[oj]
        with np.errstate(invalid="ignore", divide="ignore"):
            longer = np.maximum(ch, oh)
            hours = np.where(longer > 0, np.minimum(ch, oh) / longer, 0.0)
            km = _km(2.0 - 2.0 * np.take(dot, flat))
            distance = np.clip(1.0 - np.maximum(km, self.same_area_km) / self._c_max_km[ci], 0.0, 1.0)
        distance = np.nan_to_num(distance)

        sector = np.take(self._sector, ci * self._sector.shape[1] + self._o_sector[oj])
        support = np.take(self._support, ci * self._support.shape[1] + self._o_offer[oj])
        target = np.take(self._target, ci * self._target.shape[1] + self._o_profile[oj])

        parts = {
            "tasks": covered,
            "learning": learning,
            "hours": hours,
            "distance": distance,
            "sector": sector,
            "support": support,
            "target_group": target,
        }
        total = np.zeros(len(flat))
        for name, value in parts.items():
            total += WEIGHTS[name] * value
        return _Block(feasible, flat, rr, jj, total, parts, km)

    def _block_rows(self, m: int) -> int:
        return max(1, BLOCK_PAIRS // max(m, 1))

    def scores(self, candidate_indices=None, opportunity_indices=None) -> np.ndarray:
        """Scores of a block of pairs; nan where a hard constraint fails."""
        rows = self._indices(candidate_indices, len(self.candidates))
        cols = None if opportunity_indices is None else np.asarray(opportunity_indices, dtype=np.int64)
        m = len(self.opportunities) if cols is None else len(cols)
        out = np.full((len(rows), m), np.nan)
        step = self._block_rows(m)
        for start in range(0, len(rows), step):
            block = self._evaluate(rows[start : start + step], cols)
            out[start:].reshape(-1)[block.flat] = block.total  # rows from `start` on are one contiguous view
        return out

    def score(self, i: int, j: int) -> float | None:
        value = self.scores([i], [j])[0, 0]
        return None if np.isnan(value) else float(value)

    @staticmethod
    def _indices(indices, size: int) -> np.ndarray:
        return np.arange(size, dtype=np.int64) if indices is None else np.asarray(indices, dtype=np.int64)

    def _spatial_order(self, rows: np.ndarray) -> np.ndarray:
        """Positions of `rows` grouped by travel distance, then by ~10 km band of latitude, then longitude: a
        run of them lies close together and reaches only the places near it."""
        lat = self._c_lat[rows]
        band = np.where(np.isnan(lat), np.inf, np.floor(lat * 10))
        return np.lexsort((np.nan_to_num(self._c_lon[rows], nan=np.inf), band, self._c_max_km[rows]))

    def _reachable(self, chunk: np.ndarray) -> np.ndarray:
        """The opportunities within the box around these candidates widened by their longest travel distance.
        A superset of every feasible place: a degree of latitude is more than 110.5 km, a degree of longitude
        more than 110.5 km × the cosine of the latitude furthest from the equator."""
        ok = self._consent[chunk] & ~np.isnan(self._c_lat[chunk])
        if not ok.any():
            return np.zeros(0, dtype=np.int64)
        lat, lon = self._c_lat[chunk][ok], self._c_lon[chunk][ok]
        reach = float(self._c_max_km[chunk][ok].max()) / 110.5
        lat0, lat1 = lat.min() - reach, lat.max() + reach
        widen = reach / max(np.cos(np.radians(min(max(abs(lat0), abs(lat1)), 89.0))), 1e-6)
        inside = (self._o_lat >= lat0) & (self._o_lat <= lat1)
        inside &= (self._o_lon >= lon.min() - widen) & (self._o_lon <= lon.max() + widen)
        return np.flatnonzero(inside)

    def top_for_candidates(
        self, candidate_indices=None, k: int = 10, *, workers: int = 1
    ) -> tuple[np.ndarray, np.ndarray]:
        """The k best feasible places per candidate: (indices, scores), shape (n, k), best first (equal scores:
        lower index first), padded with -1 and nan.

        Candidates go in groups of neighbours with a similar travel distance (`_spatial_order`); a group is
        scored only against the places it can reach (`_reachable`), in blocks of about BLOCK_PAIRS pairs.
        `workers` > 1 scores blocks in that many threads (NumPy releases the GIL; blocks write disjoint rows):
        for batch runs, not for a web request."""
        rows = self._indices(candidate_indices, len(self.candidates))
        m = len(self.opportunities)
        indices = np.full((len(rows), k), -1, dtype=np.int64)
        scores = np.full((len(rows), k), np.nan)
        if k <= 0 or m == 0 or len(rows) == 0:
            return indices, scores
        order = self._spatial_order(rows)
        full_step = self._block_rows(m)
        group = full_step * max(1, GROUP_ROWS // full_step)  # a group within reach of most places is whole blocks

        def run_group(group_start: int) -> None:
            members = order[group_start : group_start + group]
            cols = self._reachable(rows[members])
            width = len(cols)
            if width == 0:
                return
            whole = width * 2 > m  # most places are within reach: the full width is cheaper than a subset
            if whole:
                cols, width = np.arange(m), m
            step = self._block_rows(width)
            for start in range(0, len(members), step):
                positions = members[start : start + step]
                self._top_block(rows[positions], cols, whole, k, indices, scores, positions)

        starts = range(0, len(rows), group)
        if workers > 1 and len(starts) > 1:
            self._w_full()  # build the shared matrix once, before the threads
            with ThreadPoolExecutor(max_workers=workers) as pool:
                list(pool.map(run_group, starts))
        else:
            for group_start in starts:
                run_group(group_start)
        return indices, scores

    def _top_block(self, chunk, cols, whole, k, indices, scores, positions) -> None:
        width = len(cols)
        block = self._evaluate(chunk, None if whole else cols)
        flat, total = block.flat, block.total
        if k < width and len(flat) * 16 > len(chunk) * width:
            # Many feasible pairs: the k-th best value per row (a partition is much cheaper than sorting or
            # argpartition) ...
            block = np.full((len(chunk), width), -np.inf)
            block.reshape(-1)[flat] = total
            threshold = np.partition(block, width - k, axis=1)[:, width - k]
            keep = total >= threshold[flat // width]
            chosen, v = flat[keep], total[keep]
        else:
            chosen, v = flat, total  # few: sorting them all is cheaper than a partition of the block
        # ... then sort only the pairs at or above it: by row, best score, lowest index.
        r, c = chosen // width, cols[chosen % width]
        order = np.lexsort((c, -v, r))
        r, c, v = r[order], c[order], v[order]
        rank = np.arange(len(r)) - np.searchsorted(r, r)
        keep = rank < k
        indices[positions[r[keep]], rank[keep]] = c[keep]
        scores[positions[r[keep]], rank[keep]] = v[keep]

    def top_for_candidate(self, i: int, k: int = 10) -> list[tuple[int, float]]:
        indices, scores = self.top_for_candidates([i], k)
        return [(int(j), float(s)) for j, s in zip(indices[0], scores[0], strict=True) if j >= 0]

    def top_for_opportunity(self, j: int, k: int = 10, candidate_indices=None) -> list[tuple[int, float]]:
        rows = self._indices(candidate_indices, len(self.candidates))
        column = self.scores(rows, [j])[:, 0]
        feasible = np.flatnonzero(~np.isnan(column))
        if len(feasible) > k:
            feasible = feasible[np.argpartition(-column[feasible], k - 1)[:k]]
        feasible = feasible[np.argsort(-column[feasible], kind="stable")]
        return [(int(rows[r]), float(column[r])) for r in feasible]

    def assign(self, candidate_indices=None, opportunity_indices=None) -> list[tuple[int, int, float]]:
        """The one-to-one proposal with the maximum total score (each place of an opportunity can take one
        candidate; candidates and places may stay free); pairs that fail a hard constraint are never proposed.
        Returns (i, j, score) per pair, by candidate. Opportunity indices must be distinct.

        Exact (`assignment.max_weight_matching`) and fit for many more opportunities than candidates (the
        cohort page: an advisor's candidates against a network's open places): groups of neighbouring
        candidates are scored only against the places within their reach, an opportunity gets no more places
        than it has feasible candidates, and the solver takes each connected part of the feasible pairs on its
        own (sparse when the places far outnumber the candidates)."""
        from .assignment import max_weight_matching, one_column_per_place

        rows = self._indices(candidate_indices, len(self.candidates))
        cols = self._indices(opportunity_indices, len(self.opportunities))
        if len(rows) == 0 or len(cols) == 0:
            return []
        if opportunity_indices is not None and len(np.unique(cols)) < len(cols):
            raise ValueError("opportunity indices must be distinct")
        r, c, v = self._feasible_pairs(rows, None if opportunity_indices is None else cols)
        places = self._o_places[cols]
        if (places == 1).all():
            chosen = max_weight_matching(r, c, v, (len(rows), len(cols)))
        else:
            edge, seat, seats = one_column_per_place(c, places)
            chosen = edge[max_weight_matching(r[edge], seat, v[edge], (len(rows), seats))]
        return [
            (int(i), int(j), float(x))
            for i, j, x in zip(rows[r[chosen]].tolist(), cols[c[chosen]].tolist(), v[chosen].tolist(), strict=True)
        ]

    def _feasible_pairs(self, rows: np.ndarray, cols: np.ndarray | None) -> tuple[np.ndarray, ...]:
        """The feasible pairs of rows × cols (None: every opportunity) as positions in rows and in cols, with
        their scores. Groups of neighbouring candidates are scored only against the places within their reach
        when that is less than half of them."""
        m_all = len(self.opportunities)
        width = m_all if cols is None else len(cols)
        position = np.arange(m_all) if cols is None else np.full(m_all, -1)
        if cols is not None:
            position[cols] = np.arange(len(cols))
        order = self._spatial_order(rows)
        full_step = self._block_rows(width)
        group = full_step * max(1, GROUP_ROWS // full_step)  # whole blocks when most places are within reach
        found_r, found_c, found_v = [], [], []
        for group_start in range(0, len(rows), group):
            members = order[group_start : group_start + group]
            reach = self._reachable(rows[members])
            reach = reach[position[reach] >= 0]
            if not len(reach):
                continue
            whole = len(reach) * 2 > width
            sub = cols if whole else reach  # opportunity indices of the block's columns (None: all)
            step = self._block_rows(width if whole else len(reach))
            for start in range(0, len(members), step):
                part = members[start : start + step]
                block = self._evaluate(rows[part], sub)
                found_r.append(part[block.rows])
                found_c.append(block.cols if whole else position[reach[block.cols]])
                found_v.append(block.total)
        if not found_r:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
        return np.concatenate(found_r), np.concatenate(found_c), np.concatenate(found_v)

    # explanations

    def teaching(self) -> dict:
        """Per task, the learning places in this pool that hold it: (id, 'title (route, school) – employer')."""
        if self._teaching is None:
            found: dict = {}
            for o in self.opportunities:
                if o.kind not in LEARNING_PLACE_KINDS:
                    continue
                route = ", ".join(x for x in (o.learning_route, o.school) if x)
                text = o.title or _label(o.kind)
                text = f"{text} ({route})" if route else f"{text} ({_label(o.kind).lower()})"
                if o.employer:
                    text = f"{text} – {o.employer}"
                for t in o.tasks:
                    found.setdefault(t, []).append((o.id, text))
            self._teaching = found
        return self._teaching

    def explain(self, i: int, j: int, teaching: Mapping | None = None) -> dict:
        """Why this pair scores what it does, in plain Dutch; see `explain.explanation` for the shape."""
        from .explain import explanation

        rows, cols = np.array([i], dtype=np.int64), np.array([j], dtype=np.int64)
        block = self._evaluate(rows, cols, every_pair=True)
        c, o = self.candidates[i], self.opportunities[j]
        if teaching is None:
            teaching = {t: [text for oid, text in found if oid != o.id] for t, found in self.teaching().items()}
        return explanation(
            self,
            c,
            o,
            feasible=bool(block.feasible[0, 0]),
            consent=bool(self._consent[i]),
            located=not (np.isnan(self._c_point[i, 0]) or np.isnan(self._o_point[j, 0])),
            total=float(block.total[0]),
            parts={name: float(value[0]) for name, value in block.parts.items()},
            km=float(block.km[0]) if not np.isnan(block.km[0]) else None,
            teaching=teaching,
        )


def naive_score(candidate: CandidateRow, opportunity: OpportunityRow, consent: bool = True) -> float | None:
    """The same score, written plainly in Python for one pair: the reference for the tests and the baseline
    of the benchmark. Never use it in the app."""
    c, o = candidate, opportunity
    if not consent:
        return None
    if o.hours > c.hours + HOURS_TOLERANCE:
        return None
    cp, op = _point(c), _point(o)
    if cp is None or op is None:
        return None
    km = geo.haversine_km_scalar(cp[0], cp[1], op[0], op[1])
    if km > c.max_km:
        return None
    total_share = sum(max(float(s), 0.0) for s in o.tasks.values()) or 1.0
    covered = 0.0
    learnable = 0.0
    for task, share in o.tasks.items():
        if task in c.tasks:
            covered += max(float(share), 0.0) / total_share
        elif task in c.learn_tasks:
            learnable += max(float(share), 0.0) / total_share
    learning = min(covered + (learnable if o.kind in LEARNING_PLACE_KINDS else 0.0), 1.0)
    hours = min(c.hours, o.hours) / max(c.hours, o.hours) if max(c.hours, o.hours) > 0 else 0.0
    distance = min(max(1.0 - max(km, geo.SAME_AREA_KM) / c.max_km, 0.0), 1.0)
    if not c.sectors or not o.sector.strip():
        sector = 0.5
    else:
        sector = 1.0 if _norm(o.sector) in {_norm(s) for s in c.sectors} else 0.0
    support = len(set(c.support_needs) & set(o.support)) / len(set(c.support_needs)) if c.support_needs else 1.0
    groups = {g for g in c.target_groups if g in TARGET_GROUPS}
    level = EDUCATION_RANK.get(o.education_level or LEARNING_JOB_DEFAULT_LEVEL, -1)
    education_fit = o.kind in LEARNING_JOB_KINDS and EDUCATION_RANK.get(c.education, 99) < level
    if groups & KIND_GROUPS.get(o.kind, frozenset()) or education_fit:  # noqa: SIM108 - plain on purpose
        target = 1.0
    else:
        target = 0.5 if not groups else 0.0
    return (
        WEIGHTS["tasks"] * covered
        + WEIGHTS["learning"] * learning
        + WEIGHTS["hours"] * hours
        + WEIGHTS["distance"] * distance
        + WEIGHTS["sector"] * sector
        + WEIGHTS["support"] * support
        + WEIGHTS["target_group"] * target
    )
