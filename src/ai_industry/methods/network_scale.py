"""Network statistics that stay fast on a national-scale network (100,000 nodes, 2,000,000 edges): the average
clustering coefficient by degree-ordered triangle enumeration (exact, numba), and an explicit, seeded **sampled
estimator** of the path statistics for networks too large for the exact all-pairs search.

Clustering (Gephi's definitions, `methods.network`): each triangle {u, v, w} of the undirected view is found once
(edges oriented from the lower to the higher degree rank, sorted adjacency lists intersected); directed, a node
gains the number of arcs (1 or 2) between the triangle's two other nodes; undirected, one triangle. The
coefficients are then summed in node order with the same arithmetic as the plain reference
(`network_reference.average_clustering`), so the two agree to the last bit (tests).

Sampled path statistics (`sampled_paths`), used only when asked (`path_sample=k`) or above `EXACT_WORK`
(`network.path_method`): breadth-first searches from `k` sources drawn without replacement with a fixed seed
(bit-parallel, 64 sources a word, as the exact kernel). The average path length is the ratio estimator
Σ_s D_s / Σ_s P_s over the sampled sources s (D_s: the sum of distances from s to the nodes it reaches, P_s: their
number), which is the exact all-pairs average when every node is a source; its standard error is the
delta-method error of that ratio with the finite-population correction (1 − k/n). The diameter of the sample is
the largest distance from a sampled source: a **lower bound** of the diameter, reported as such.
"""

from __future__ import annotations

import numpy as np

DEFAULT_SOURCES = 1024  # sources of the sampled estimator when the size decides
EXACT_WORK = 5e9  # nodes × (nodes + arcs) up to which path statistics are exact unless asked (≈ 1–2 s on 2 cores)


# ---- clustering -------------------------------------------------------------------------------------------------


def _kernels():
    import numba

    @numba.njit(cache=True)
    def triangle_weights(n, indptr, indices, weight):  # pragma: no cover - compiled
        """Per node: directed arcs between the other two nodes of its triangles (t) and its triangles (tri), over
        the forward adjacency (indptr, indices sorted; weight = arcs between the pair, 1 or 2)."""
        t = np.zeros(n, dtype=np.int64)
        tri = np.zeros(n, dtype=np.int64)
        for u in range(n):
            for p in range(indptr[u], indptr[u + 1]):
                v = indices[p]
                wuv = weight[p]
                i, j = indptr[u], indptr[v]
                while i < indptr[u + 1] and j < indptr[v + 1]:
                    a, b = indices[i], indices[j]
                    if a < b:
                        i += 1
                    elif a > b:
                        j += 1
                    else:
                        w = a
                        t[u] += weight[j]
                        t[v] += weight[i]
                        t[w] += wuv
                        tri[u] += 1
                        tri[v] += 1
                        tri[w] += 1
                        i += 1
                        j += 1
        return t, tri

    @numba.njit(cache=True)
    def mean_coefficient(n, k, t, tri, directed):  # pragma: no cover - compiled
        total = 0.0
        counted = 0
        for i in range(n):
            if k[i] < 2:
                continue
            if directed:
                total += t[i] / (k[i] * (k[i] - 1))
            else:
                total += 2 * (tri[i] * 1.0) / (k[i] * (k[i] - 1))
            counted += 1
        if directed:
            return total / n
        return total / counted if counted else 0.0

    return triangle_weights, mean_coefficient


_CLUSTER = None


def average_clustering(n: int, src: np.ndarray, dst: np.ndarray, directed: bool) -> float:
    """Gephi's average clustering coefficient of the arcs src→dst (no self-loops; unique arcs, or both directions
    of every undirected edge), equal to `network_reference.average_clustering`."""
    global _CLUSTER
    if n == 0:
        return 0.0
    if _CLUSTER is None:
        _CLUSTER = _kernels()
    src = np.asarray(src, dtype=np.int64)
    dst = np.asarray(dst, dtype=np.int64)
    lo, hi = np.minimum(src, dst), np.maximum(src, dst)
    keys = lo * n + hi
    pairs, weight = np.unique(keys, return_counts=True)  # an undirected pair and its arcs (1 or 2)
    if not directed:
        weight = np.ones_like(weight)
    a, b = pairs // n, pairs % n
    k = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)  # distinct neighbours
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), k))] = np.arange(n)
    u = np.where(rank[a] < rank[b], a, b)
    v = np.where(rank[a] < rank[b], b, a)
    order = np.lexsort((v, u))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.add.at(indptr, u + 1, 1)
    t, tri = _CLUSTER[0](n, np.cumsum(indptr), v[order], weight[order].astype(np.int64))
    return float(_CLUSTER[1](n, k, t, tri, directed))


# ---- sampled path statistics ------------------------------------------------------------------------------------

_DEBRUIJN = 0x03F79D71B4CB0A89
_DEBRUIJN_TABLE = np.zeros(64, dtype=np.int64)
for _i in range(64):
    _DEBRUIJN_TABLE[((1 << _i) * _DEBRUIJN & 0xFFFFFFFFFFFFFFFF) >> 58] = _i


def _bfs_from():
    import numba

    @numba.njit(parallel=True, cache=True)
    def per_source(indptr, indices, n, sources, table):  # pragma: no cover - compiled
        """For each source: the sum of distances to the nodes it reaches, their number and the largest distance."""
        k = len(sources)
        dist = np.zeros(k, dtype=np.float64)
        reach = np.zeros(k, dtype=np.int64)
        ecc = np.zeros(k, dtype=np.int64)
        batches = (k + 63) // 64
        for b in numba.prange(batches):
            seen = np.zeros(n, dtype=np.uint64)
            frontier = np.zeros(n, dtype=np.uint64)
            nxt = np.zeros(n, dtype=np.uint64)
            lo = b * 64
            hi = min(lo + 64, k)
            for j in range(lo, hi):
                bit = np.uint64(1) << np.uint64(j - lo)
                seen[sources[j]] |= bit
                frontier[sources[j]] |= bit
            level = 0
            active = True
            while active:
                level += 1
                active = False
                for u in range(n):
                    f = frontier[u]
                    if f != 0:
                        for q in range(indptr[u], indptr[u + 1]):
                            nxt[indices[q]] |= f
                for v in range(n):
                    new = nxt[v] & ~seen[v]
                    nxt[v] = 0
                    frontier[v] = new
                    if new != 0:
                        seen[v] |= new
                        active = True
                        x = new
                        while x != 0:
                            low = x & (~x + np.uint64(1))
                            j = lo + table[(low * np.uint64(0x03F79D71B4CB0A89)) >> np.uint64(58)]
                            dist[j] += level
                            reach[j] += 1
                            ecc[j] = level
                            x ^= low
        return dist, reach, ecc

    return per_source


_SAMPLED = None


def sampled_paths(n: int, indptr: np.ndarray, indices: np.ndarray, sources: int, seed: int = 0) -> dict[str, float]:
    """Path statistics of the arcs in compressed sparse rows (indptr, indices) estimated from `sources` BFS
    sources drawn without replacement (seed `seed`): average path length (ratio estimator) with its standard
    error, the sample's largest distance (a lower bound of the diameter), reachable ordered pairs estimated, and
    the number of sources. Every node a source = the exact values."""
    global _SAMPLED
    k = int(min(max(sources, 1), n))
    if n == 0 or len(indices) == 0:
        return {
            "diameter": 0,
            "average_path_length": 0.0,
            "average_path_length_se": 0.0,
            "reachable_pairs": 0,
            "sources": k,
        }
    if _SAMPLED is None:
        _SAMPLED = _bfs_from()
    chosen = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False)).astype(np.int64)
    d, p, ecc = _SAMPLED(indptr, indices, n, chosen, _DEBRUIJN_TABLE)
    total_p = float(p.sum())
    apl = float(d.sum()) / total_p if total_p else 0.0
    se = 0.0
    if k > 1 and total_p:
        resid = d - apl * p
        fpc = 1.0 - k / n
        se = float(np.sqrt(fpc * (resid**2).sum() / (k * (k - 1))) / (total_p / k))
    return {
        "diameter": int(ecc.max()) if k else 0,
        "average_path_length": apl,
        "average_path_length_se": se,
        "reachable_pairs": int(round(total_p * n / k)),
        "sources": k,
    }
