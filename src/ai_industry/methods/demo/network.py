"""SYNTHETIC demo value network, calibrated to published aggregates of seed 001 — never the real network.

The real relation database behind the report is not public. This seeded generator writes a Gephi-style
node/edge export whose yearly sizes equal Table 2 (sample nodes, relation nodes, edges per year, cumulative),
whose out-degree is heavy-tailed like the published concentration (top 10% / 1% / 0.1% of nodes carry about
72.6% / 54.2% / 31.5% of out-edges), and whose sample nodes sit in provinces in the published shares of the
2,200 enterprises (the unreported remainder spread over the other provinces). Every file it writes says
SYNTHETIC in its name and in a `synthetic` column.

Model: nodes appear in the year Table 2 first counts them; each node gets a fixed activity weight from a
Zipf law w_r ∝ r^(−s) (s = `zipf_s` = 1.0: with the published sizes this gives top 10% / 1% / 0.1% shares of about 80 / 55 / 31%, against the published 72.6 / 54.2 / 31.5 — a single Zipf law cannot match all three); each
year's new edges pick their source ∝ activity among the nodes present and their target uniformly among the
present nodes of the other kind (sample ↔ relation), 15% among sample nodes; duplicates and self-loops are
redrawn. Relation types are drawn 60/25/15 (technology cooperation / human capital / investment).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

RELATIONS = ("technology_cooperation", "human_capital", "investment")


def _first_years(years: np.ndarray, sample_cum: np.ndarray, rel_cum: np.ndarray, n_sample: int, n: int) -> np.ndarray:
    """The year each node first appears: sample nodes first (0..n_sample-1), then relation nodes, each kind in the
    order of its cumulative yearly counts."""
    first = np.empty(n, dtype=int)
    prev_s = prev_r = 0
    for y, s, r in zip(years, sample_cum, rel_cum):
        first[prev_s:s] = y
        first[n_sample + prev_r : n_sample + r] = y
        prev_s, prev_r = s, r
    return first


def _provinces(
    rng: np.random.Generator, province_shares: dict[str, float], other_provinces: list[str], n_sample: int, n: int
) -> np.ndarray:
    """Provinces of the sample nodes: the listed shares, the remainder spread evenly over the other provinces;
    relation nodes get ""."""
    names = list(province_shares) + list(other_provinces)
    rest = max(100.0 - sum(province_shares.values()), 0.0)
    probs = np.array(list(province_shares.values()) + [rest / max(len(other_provinces), 1)] * len(other_provinces))
    province = np.array([""] * n, dtype=object)
    province[:n_sample] = rng.choice(names, size=n_sample, p=probs / probs.sum())
    return province


def _edges(
    rng: np.random.Generator,
    years: np.ndarray,
    sample_cum: np.ndarray,
    rel_cum: np.ndarray,
    edge_cum: np.ndarray,
    activity: np.ndarray,
    n_sample: int,
) -> tuple[list[int], list[int], list[int]]:
    """(sources, targets, years) of the edges, year by year up to the cumulative edge count: source ∝ activity
    among the nodes present, target among the present nodes of the other kind (a sample source: 15% among sample
    nodes), duplicates and self-loops redrawn."""
    src_all, dst_all, year_all = [], [], []
    seen: set[tuple[int, int]] = set()
    prev_e = 0
    for y, s_cnt, r_cnt, e_cnt in zip(years, sample_cum, rel_cum, edge_cum):
        present = np.concatenate([np.arange(s_cnt), n_sample + np.arange(r_cnt)])
        samples, relations = np.arange(s_cnt), n_sample + np.arange(r_cnt)
        w = activity[present] / activity[present].sum()
        need = int(e_cnt) - prev_e
        while need > 0:
            k = need * 2 + 16
            src = rng.choice(present, size=k, p=w)
            same = rng.random(k) < 0.15
            dst = np.where(
                src < n_sample,
                np.where(same, rng.choice(samples, size=k), rng.choice(relations, size=k)),
                rng.choice(samples, size=k),
            )
            for a, b in zip(src.tolist(), dst.tolist()):
                if need == 0:
                    break
                if a == b or (a, b) in seen:
                    continue
                seen.add((a, b))
                src_all.append(a)
                dst_all.append(b)
                year_all.append(int(y))
                need -= 1
        prev_e = int(e_cnt)
    return src_all, dst_all, year_all


def generate(
    table2: pd.DataFrame,
    province_shares: dict[str, float],
    other_provinces: list[str],
    seed: int = 2023,
    zipf_s: float = 1.0,
    scale: float = 1.0,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(nodes, edges) of the synthetic network. `table2`: year, sample_nodes_count, relation_nodes_count,
    total_edges_count (cumulative per year); `province_shares`: percent of sample nodes per listed province;
    `scale` < 1 shrinks every count (for tests and quick runs)."""
    rng = np.random.default_rng(seed)
    t2 = table2.sort_values("year").reset_index(drop=True)
    sample_cum = np.maximum.accumulate((t2["sample_nodes_count"] * scale).round().astype(int).to_numpy())
    rel_cum = np.maximum.accumulate((t2["relation_nodes_count"] * scale).round().astype(int).to_numpy())
    edge_cum = np.maximum.accumulate((t2["total_edges_count"] * scale).round().astype(int).to_numpy())
    years = t2["year"].astype(int).to_numpy()
    n_sample, n_rel = int(sample_cum[-1]), int(rel_cum[-1])
    n = n_sample + n_rel
    kind = np.array(["sample"] * n_sample + ["relation"] * n_rel)
    first = _first_years(years, sample_cum, rel_cum, n_sample, n)
    activity = np.empty(n)
    ranks = rng.permutation(n) + 1
    activity[:] = ranks.astype(float) ** (-zipf_s)
    province = _provinces(rng, province_shares, other_provinces, n_sample, n)
    src_all, dst_all, year_all = _edges(rng, years, sample_cum, rel_cum, edge_cum, activity, n_sample)
    ids = np.array([f"S{i:05d}" if i < n_sample else f"R{i - n_sample:05d}" for i in range(n)])
    nodes = pd.DataFrame(
        {"Id": ids, "Label": ids, "Kind": kind, "Province": province, "Year": first, "synthetic": True}
    )
    edges = pd.DataFrame(
        {
            "Source": ids[src_all],
            "Target": ids[dst_all],
            "Type": "Directed",
            "Weight": 1,
            "Relation": rng.choice(RELATIONS, size=len(src_all), p=[0.6, 0.25, 0.15]),
            "Year": year_all,
            "synthetic": True,
        }
    )
    return nodes, edges


def outdegree_top_shares(edges: pd.DataFrame, n_nodes: int, fractions=(0.1, 0.01, 0.001)) -> dict[float, float]:
    """Percent of all out-edges held by the top `fraction` of nodes by out-degree."""
    deg = np.sort(np.bincount(pd.factorize(edges["Source"])[0], minlength=0))[::-1]
    deg = np.concatenate([deg, np.zeros(max(n_nodes - len(deg), 0))])
    total = deg.sum()
    return {f: 100.0 * deg[: max(int(round(f * n_nodes)), 1)].sum() / total for f in fractions}


def write(
    nodes: pd.DataFrame, edges: pd.DataFrame, folder: Path, stem: str = "SYNTHETIC_value_network"
) -> tuple[Path, Path]:
    """Write `<stem>_nodes.csv` and `<stem>_edges.csv` (UTF-8) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    n_path, e_path = folder / f"{stem}_nodes.csv", folder / f"{stem}_edges.csv"
    nodes.to_csv(n_path, index=False, lineterminator="\n")
    edges.to_csv(e_path, index=False, lineterminator="\n")
    return n_path, e_path
