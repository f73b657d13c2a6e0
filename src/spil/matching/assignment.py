"""The exact solver behind `Pool.assign`: a maximum-weight bipartite matching (each row and each column used at
most once; a row or column may stay unmatched) given as a list of weighted edges.

- The edge graph is split into connected components, each solved on its own; rows and columns without an edge
  never reach a solver.
- A small component, or one with up to WARM_SQUARE times as many columns as rows, goes to
  `scipy.optimize.linear_sum_assignment` as a dense matrix with weight 0 for a missing edge (the same as leaving
  the row unmatched, so the maximum never needs one; such pairs are dropped).
- On a large, nearly square component (from WARM_ROWS rows) the solver is Jonker–Volgenant's (`lap.lapjv`),
  warm-started: a few rounds of a (Jacobi) auction give prices p for the columns, and it solves the reduced costs
  `b_i - a_ij + p_j` instead, with b_i just above max_j (a_ij - p_j) (padded to a square). Every row and every
  column is assigned once, so subtracting a value per row and adding one per column changes every assignment's
  total by the same amount and the optimum stays the same (exact, up to floating-point rounding). Nearly every
  row then has a near-zero cost in a column of its own, which Jonker–Volgenant's column reduction and augmenting
  row reduction take at once, so few rows need a shortest augmenting path. The auction is only a warm start: it
  may stop early or be poor without harm. (SciPy's solver, which starts every row with a shortest path, took
  three times as long on such a matrix.)
- Components are only split when the graph is sparse or large: a small, dense graph (at most DENSE_CELLS cells,
  at least 1 in DENSE_SHARE of them an edge) is solved at once, since a missing edge costs nothing in the dense
  solver and finding components would cost more than it saves.
- A large component with many more columns than rows (a cohort against a network's places) goes to the sparse
  `scipy.sparse.csgraph.min_weight_full_bipartite_matching` with a slack column per row: no dense matrix, and
  its augmenting paths stay short when free columns are plenty.

Single-threaded NumPy/SciPy and `lap`; `scipy.optimize` and `lap` are imported on first use (importing
`scipy.optimize` takes about a second).
"""

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

WARM_ROWS = 200  # from this many rows in a component, warm-start the dense solver with auction prices, ...
WARM_SQUARE = 1.25  # ... up to this many times as many columns as rows (padded to a square); beyond: sparse
AUCTION_EPSILONS = (1 / 25, 1 / 100, 1 / 400)  # bid increments as fractions of the largest weight, a phase each
AUCTION_STOP = 32  # stop a phase when at most this many rows are still without a column, ...
AUCTION_BIDS = 16  # ... and stop altogether after this many bids per row (many rows may want one column)
DENSE_CELLS = 4_000_000  # a graph of at most this many cells ...
DENSE_SHARE = 8  # ... of which at least 1 in this many is an edge is solved whole, without splitting components


def max_weight_matching(rows, cols, weights, shape: tuple[int, int]) -> np.ndarray:
    """The edges (rows[k], cols[k]) with weights[k] of a bipartite graph with shape[0] rows and shape[1]
    columns: returns the positions k of the edges of a matching with the maximum total weight, by row. The edges
    must be distinct; those with a weight of 0 or less never add to the total and are never returned."""
    rows, cols = np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64)
    weights = np.asarray(weights, dtype=np.float64)
    ids = None
    if not (weights > 0).all():
        ids = np.flatnonzero(weights > 0)
        rows, cols, weights = rows[ids], cols[ids], weights[ids]
    n, m = shape
    if not len(rows):
        return np.zeros(0, dtype=np.int64)
    if n * m <= DENSE_CELLS and len(rows) * DENSE_SHARE >= n * m:
        matched = _solve_component(_compact(rows, n), _compact(cols, m), weights)
        matched = matched[np.argsort(rows[matched], kind="stable")]
        return matched if ids is None else ids[matched]
    # Components of the graph on n + m nodes, rows first; a node without an edge is a component of its own.
    graph = sparse.csr_matrix((np.ones(len(rows)), (rows, n + cols)), shape=(n + m, n + m))
    count, label = connected_components(graph, directed=False)
    nodes = np.argsort(label, kind="stable")
    node_starts = np.searchsorted(label[nodes], np.arange(count + 1))
    edge_label = label[rows]
    if (edge_label == edge_label[0]).all():
        edge_order, edge_starts = None, None
    else:
        edge_order = np.argsort(edge_label, kind="stable")
        edge_starts = np.searchsorted(edge_label[edge_order], np.arange(count + 1))
    local = np.zeros(n + m, dtype=np.int64)  # a node's position among its component's rows or columns
    found = []
    for k in np.flatnonzero(np.bincount(edge_label, minlength=count)):
        members = nodes[node_starts[k] : node_starts[k + 1]]
        comp_rows, comp_cols = members[members < n], members[members >= n]
        local[comp_rows] = np.arange(len(comp_rows))
        local[comp_cols] = np.arange(len(comp_cols))
        if edge_order is None:  # one component
            found.append(_solve_component(local[rows], local[n + cols], weights))
        else:
            edges = edge_order[edge_starts[k] : edge_starts[k + 1]]
            found.append(edges[_solve_component(local[rows[edges]], local[n + cols[edges]], weights[edges])])
    matched = np.concatenate(found)
    matched = matched[np.argsort(rows[matched], kind="stable")]
    return matched if ids is None else ids[matched]


def _compact(index: np.ndarray, size: int) -> np.ndarray:
    """The positions of `index` among the values 0..size-1 that occur in it (no gaps, order kept)."""
    used = np.bincount(index, minlength=size) > 0
    return index if used.all() else (np.cumsum(used) - 1)[index]


def one_column_per_place(cols: np.ndarray, places: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Edges into columns with `places[col]` places each, as edges into one column per place: per new edge the
    position of its edge and its column (place), and the number of places. A column gets no more places than it
    has edges (the others could never be taken)."""
    seats = np.minimum(places, np.bincount(cols, minlength=len(places)))
    first = np.cumsum(seats) - seats
    copies = seats[cols]
    if (copies == 1).all():
        return np.arange(len(cols)), first[cols], int(seats.sum())
    edge = np.repeat(np.arange(len(cols)), copies)
    offsets = np.arange(len(edge)) - np.repeat(np.cumsum(copies) - copies, copies)
    return edge, first[cols[edge]] + offsets, int(seats.sum())


def _solve_component(ri: np.ndarray, cj: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """One connected component, its edges as local row and column positions: the positions of the matched
    edges."""
    if len(ri) == 1:
        return np.zeros(1, dtype=np.int64)
    n, m = int(ri.max()) + 1, int(cj.max()) + 1
    if n > m:  # the solver wants no more rows than columns
        ri, cj, n, m = cj, ri, m, n
    if n >= WARM_ROWS and m > WARM_SQUARE * n:
        r, c = _sparse_with_slack(ri, cj, weights, n, m)
    elif n >= WARM_ROWS:
        r, c = _warm_lsa(ri, cj, weights, m)
    else:
        a = np.zeros((n, m))
        a[ri, cj] = weights
        r, c = _lsa(np.negative(a, out=a))
    col_of = np.full(max(n, m), -1, dtype=np.int64)
    col_of[r] = c
    return np.flatnonzero(col_of[ri] == cj)  # a missing edge, the padding and a slack are never needed


def _lsa(cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    from scipy.optimize import linear_sum_assignment  # here: importing scipy.optimize takes a second

    return linear_sum_assignment(cost)


def _sparse_with_slack(ri, cj, weights, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Many more columns than rows: the sparse solver on the edges plus one slack column per row (leaving the row
    unmatched), costs big - weight and big: every row is matched, and the least total cost is the largest total
    weight."""
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    big = float(weights.max()) + 1.0  # every cost ≥ 1: the solver takes a zero for a missing edge
    costs = np.concatenate([big - weights, np.full(n, big)])
    graph = sparse.csr_matrix(
        (costs, (np.concatenate([ri, np.arange(n)]), np.concatenate([cj, m + np.arange(n)]))), shape=(n, m + n)
    )
    return min_weight_full_bipartite_matching(graph)


def _warm_lsa(ri: np.ndarray, cj: np.ndarray, weights: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Maximum-weight assignment of the edges (ri, cj) with weights ≥ 0 as a square matrix of `size` (zeros
    for the missing edges and the padding): prices p from `_auction`, then Jonker–Volgenant on the reduced costs
    b_i + p_j - a_ij with b_i ≥ max_j (a_ij - p_j), so all ≥ 0.

    The auction runs in single precision (half the memory to stream; its prices are only a start), the exact
    solver in double; `a` itself is never needed in double. Fresh memory costs page faults, so one block of
    memory holds `a` and the auction's scratch in single precision, then the costs in double."""
    import lap

    memory = np.empty(size * size)  # the single-precision matrix and scratch, then the double-precision costs
    cells = ri * size + cj
    a = memory.view(np.float32)[: size * size]
    a.fill(0)
    a[cells] = weights
    a = a.reshape(size, size)
    scale = float(a.max())
    scratch = memory.view(np.float32)[size * size :].reshape(size, size)
    _owner, prices = _auction(a, [scale * e for e in AUCTION_EPSILONS], AUCTION_STOP, scratch)
    # The row values in single precision, raised by more than their rounding: a constant per row never changes
    # which assignment is best.
    bound = _best(a, prices, scratch).astype(np.float64) + scale * 1e-5
    cost = memory.reshape(size, size)
    np.add.outer(bound, prices.astype(np.float64), out=cost)
    memory[cells] -= weights
    col_of, _row_of = lap.lapjv(cost, return_cost=False)
    return np.arange(size), col_of


def _best(a: np.ndarray, prices: np.ndarray, scratch: np.ndarray, chunk: int = 64) -> np.ndarray:
    """max_j (a_ij - p_j) per row, a few rows at a time."""
    best = np.empty(len(a), dtype=a.dtype)
    for start in range(0, len(a), chunk):
        part = np.subtract(a[start : start + chunk], prices, out=scratch[: min(chunk, len(a) - start)])
        part.max(axis=1, out=best[start : start + chunk])
    return best


def _auction(a: np.ndarray, epsilons, stop: int, scratch: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A Jacobi auction on the square matrix `a`: in each round every row without a column bids for its best
    column (value a_ij - p_j) and raises its price by the margin over its second best plus epsilon; each column
    goes to its highest bidder. One phase per epsilon, keeping the prices and the assignments that are still
    within the new epsilon of the best. A phase ends when at most `stop` rows are without a column, the auction
    after AUCTION_BIDS bids per row. Returns the column per row (-1: none) and the prices."""
    n, m = a.shape
    prices = np.zeros(m, dtype=a.dtype)
    col_of = np.full(n, -1, dtype=np.int64)
    row_of = np.full(m, -1, dtype=np.int64)
    budget = AUCTION_BIDS * n
    for phase, eps in enumerate(epsilons):
        if phase:
            held = np.flatnonzero(col_of >= 0)
            value = a[held, col_of[held]] - prices[col_of[held]]
            loose = held[value < _best(a, prices, scratch)[held] - eps]
            row_of[col_of[loose]] = -1
            col_of[loose] = -1
        free = np.flatnonzero(col_of < 0)
        while stop < len(free) <= budget:
            budget -= len(free)
            k = np.arange(len(free))
            if len(free) == n and not prices.any():  # the first round: `a` itself, restored below
                values = a
            else:
                values = np.take(a, free, axis=0, out=scratch[: len(free)])
                values -= prices
            first = np.argmax(values, axis=1)
            top = values[k, first]
            values[k, first] = -np.inf
            second = values.max(axis=1)
            if values is a:
                a[k, first] = top
            bids = prices[first] + (top - second) + eps
            by_col = np.lexsort((-bids, first))  # per column, the highest bid first
            col_sorted = first[by_col]
            lead = np.ones(len(by_col), dtype=bool)
            lead[1:] = col_sorted[1:] != col_sorted[:-1]
            win = by_col[lead]
            won, winners = first[win], free[win]
            outbid = row_of[won]
            outbid = outbid[outbid >= 0]
            col_of[outbid] = -1
            row_of[won] = winners
            col_of[winners] = won
            prices[won] = bids[win]
            lost = np.ones(len(free), dtype=bool)
            lost[win] = False
            free = np.concatenate([free[lost], outbid])
    return col_of, prices
