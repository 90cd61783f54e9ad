"""Plain, slow reference implementations of the value-network statistics of `methods.network`, kept for tests
and benchmarks to check the fast ones against (one BFS per source; neighbour sets per node)."""

from __future__ import annotations

import numpy as np

from ai_industry.methods import network


def path_statistics(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[int, float, int]:
    """The same as `network.path_statistics` by one plain BFS per source."""
    from collections import deque

    indptr, indices = network.csr(n, src, dst)
    total = pairs = diam = 0
    for s in range(n):
        dist = {s: 0}
        q = deque([s])
        while q:
            u = q.popleft()
            for k in range(indptr[u], indptr[u + 1]):
                v = int(indices[k])
                if v not in dist:
                    dist[v] = dist[u] + 1
                    q.append(v)
        for v, d in dist.items():
            if v != s:
                total += d
                pairs += 1
                diam = max(diam, d)
    return diam, (total / pairs if pairs else 0.0), pairs


def average_clustering(n: int, src: np.ndarray, dst: np.ndarray, directed: bool) -> float:
    """Gephi's average clustering coefficient by neighbour sets per node (`network`'s module docstring)."""
    if n == 0:
        return 0.0
    out_sets = [set() for _ in range(n)]
    nb = [set() for _ in range(n)]
    for u, v in zip(src.tolist(), dst.tolist()):
        out_sets[u].add(v)
        nb[u].add(v)
        nb[v].add(u)
    total = 0.0
    counted = 0
    for i in range(n):
        k = len(nb[i])
        if k < 2:
            continue
        neigh = nb[i]
        if directed:
            t = sum(len(out_sets[a] & neigh) - (1 if a in out_sets[a] else 0) for a in neigh)
            total += t / (k * (k - 1))
        else:
            t = sum(len(out_sets[a] & neigh) for a in neigh) / 2  # each triangle edge seen from both ends
            total += 2 * t / (k * (k - 1))
        counted += 1
    return total / n if directed else (total / counted if counted else 0.0)
