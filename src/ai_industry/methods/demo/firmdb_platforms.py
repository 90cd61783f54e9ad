"""The SYNTHETIC demo's platform sub-network (seed 001 §5.2(3)): calibrated to Table 6's nodes and edges of every
printed year (and so to Table 5, its 2021 row, with all 200 platforms), and to figure 15's out-degree shares of
its top 10%, 1% and 0.1% of nodes to the printed rounding.

The platform network of a year holds the relations with a platform end. The generator (`firmdb`) draws its
relations from two pools of stubs: the platforms' pool (every stub of a platform, the stubs of the relation nodes
chosen as platform partners, platform→platform sample relations) and the others' pool, so that how many
relations and which nodes the platform network holds each year is set, not left to chance:
- `yearly_targets`: the cumulative count in the platform network for every year — the printed one in a printed
  year; between printed years the share of the whole network's count interpolated linearly; before the first
  printed year the first printed share; the last year is left to the stubs (None);
- `calibrate_concentration`: the last step. It swaps the years of pairs of platform relations — one of the year
  after figure 15's year moves into it, one of figure 15's year moves out — until the top shares of figure 15's
  year agree with the printed ones. A swap keeps every year's count of relations in both pools, the first
  relation of every node (so every node count) and every relation's ends, so no other calibrated number
  moves."""

from __future__ import annotations

import numpy as np
import pandas as pd


def yearly_targets(years: list[int], base: list[int], printed: dict[int, int]) -> list[int | None]:
    """Cumulative counts per year: `printed[y]` where printed, else the printed share of `base` interpolated
    (constant before the first printed year), never below the year before; None for the years after the last
    printed one (the generator's stubs decide them)."""
    known = sorted(printed)
    if not known:
        raise ValueError("no printed year to calibrate to")
    share = np.interp(years, known, [printed[y] / base[years.index(y)] for y in known])
    out: list[int | None] = []
    prev = 0
    for y, b, s in zip(years, base, share):
        if y > known[-1]:
            out.append(None)
            continue
        v = printed[y] if y in printed else max(int(round(s * b)), prev)
        if v < prev or v > b:
            raise ValueError(f"the printed count {v:,} of {y} is below the year before or above the whole ({b:,})")
        out.append(v)
        prev = v
    return out


def anchors(s: np.ndarray, t: np.ndarray, year: np.ndarray, entry: np.ndarray) -> np.ndarray:
    """Per relation, whether it is the first relation of one of its ends (one relation of each node in the
    node's entry year): the relations a year swap must not move."""
    idx = np.arange(len(s))
    ends = pd.DataFrame({"node": np.concatenate([s, t]), "edge": np.concatenate([idx, idx])})
    ends = ends[np.concatenate([year, year]) == entry[ends["node"].to_numpy()]]
    out = np.zeros(len(s), dtype=bool)
    out[ends.groupby("node")["edge"].min().to_numpy()] = True
    return out


def _groups(out: np.ndarray, members: np.ndarray, cuts: list[int]) -> np.ndarray:
    """Rank group of every node of the network (0 = the top cuts[0] by out-degree, …, len(cuts) = the rest; ties
    by position); -1 for nodes outside it."""
    g = np.full(len(out), -1)
    order = members[np.lexsort((members, -out[members]))]
    g[order] = np.searchsorted(np.asarray(cuts), np.arange(len(order)), side="right")
    return g


def _extreme(cells: np.ndarray, key: np.ndarray, k: int, largest: bool, rng) -> np.ndarray:
    """`k` of `cells` with the largest (or smallest) `key`, equals in random order."""
    order = np.lexsort((rng.random(len(cells)), -key if largest else key))
    return cells[order[:k]]


def top_counts(out: np.ndarray, members: np.ndarray, fractions: list[float]) -> tuple[list[int], np.ndarray]:
    """(the number of nodes in each top fraction, as `methods.network.top_shares` counts them; their out-degree
    sums)."""
    n = len(members)
    cuts = [max(int(round(f * n)), 1) for f in fractions]
    v = np.sort(out[members])[::-1]
    return cuts, np.array([v[:c].sum() for c in cuts])


def calibrate_concentration(
    edges: pd.DataFrame,
    entry: np.ndarray,
    year: int,
    printed: dict[float, float],
    rng: np.random.Generator,
    rounds: int = 400,
) -> pd.DataFrame:
    """`edges` (s, t, year, pool; pool 0 = the platform network) with the years of platform relations swapped
    so that in the platform network of `year` the top `fraction` of nodes by out-degree hold the printed percent
    of its out-degree, to the printed one decimal (`printed`: fraction -> percent). Raises when no swap is left."""
    e = edges.reset_index(drop=True).copy()
    s, t, yr = e["s"].to_numpy(), e["t"].to_numpy(), e["year"].to_numpy().copy()
    plat = e["pool"].to_numpy() == 0
    fixed = anchors(s, t, yr, entry)
    later = plat & ~fixed & (yr > year) & (np.maximum(entry[s], entry[t]) <= year)  # may move into `year`
    fractions = sorted(printed)  # the smallest first: cuts 0.1%, 1%, 10% of the nodes
    for _ in range(rounds):
        now = plat & (yr <= year)
        members = np.unique(np.concatenate([s[now], t[now]]))
        out = np.bincount(s[now], minlength=len(entry))
        total = int(now.sum())
        cuts, sums = top_counts(out, members, fractions)
        want = np.array([round(printed[f] * total / 100) for f in fractions])
        if all(round(100 * v / total, 1) == round(printed[f], 1) for v, f in zip(sums, fractions)):
            e["year"] = yr
            return e
        g = _groups(out, members, cuts)
        # what each rank group should hold minus what it holds (the last group, the rest, takes the balance)
        need = np.diff(np.concatenate([[0], want, [total]])) - np.diff(np.concatenate([[0], sums, [total]]))
        to, frm = int(np.argmax(need)), int(np.argmin(need))
        k = max(int(min(need[to], -need[frm]) // 2), 1)
        into = np.flatnonzero(later & (yr > year) & (g[s] == to))
        away = np.flatnonzero(now & ~fixed & (yr == year) & (g[s] == frm))
        k = min(k, len(into), len(away))
        if k == 0:
            raise RuntimeError(
                f"figure 15: no platform relation left to move between rank groups {frm} and {to} of {year}"
            )
        # away from the boundary between the two groups, so that a move does not only swap two nodes' ranks:
        # the higher group's largest nodes and the lower group's smallest give and take
        a, b = _extreme(into, out[s[into]], k, to < frm, rng), _extreme(away, out[s[away]], k, frm < to, rng)
        yr[a], yr[b] = year, yr[a]
        later[b] = ~fixed[b] & (np.maximum(entry[s[b]], entry[t[b]]) <= year)
    raise RuntimeError(f"figure 15: the platform network of {year} did not reach the printed shares in {rounds} rounds")
