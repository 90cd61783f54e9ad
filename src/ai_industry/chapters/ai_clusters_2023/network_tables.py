"""Growth of a published network over years (densification, trends, year-on-year moves), the table's own
arithmetic with a random-graph benchmark, and the degree tables of its top nodes (net enablers and receivers).
See `value_network` for the conventions; split from it along its banners.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ai_industry.chapters.ai_clusters_2023.network_labels import label, node_label
from ai_industry.methods import growth
from ai_industry.methods.fits import LogLogFit, loglog_fit
from ai_industry.methods.rounding import (
    half_unit,
    within_half_unit,
)

# ================================================================================================
# Fits
# ================================================================================================


# OLS fits with intervals (LogLogFit, loglog_fit, loglog_band, LinearTrend, linear_trend) live in
# ai_industry.methods.fits.


def densification(nodes: Sequence[float], edges: Sequence[float], conf: float = 0.95) -> LogLogFit:
    """Densification law E = c·N^α (Leskovec, Kleinberg & Faloutsos 2005): α from OLS on ln E vs ln N.
    α > 1: edges grow faster than nodes, so the average degree E/N grows as N^(α−1)."""
    return loglog_fit(nodes, edges, conf=conf)


def yoy_changes(years: Sequence[int], values: Sequence[float]) -> pd.DataFrame:
    """Each step between consecutive listed years: from, to, both values, change (unit of the values) and
    direction ('up' | 'down' | 'flat')."""
    df = pd.DataFrame({"year": list(years), "value": list(values)}).sort_values("year").reset_index(drop=True)
    out = pd.DataFrame(
        {
            "year_from": df["year"].iloc[:-1].to_numpy(),
            "year_to": df["year"].iloc[1:].to_numpy(),
            "value_from": df["value"].iloc[:-1].to_numpy(),
            "value_to": df["value"].iloc[1:].to_numpy(),
        }
    )
    out["change"] = out["value_to"] - out["value_from"]
    out["direction"] = np.where(out["change"] > 0, "up", np.where(out["change"] < 0, "down", "flat"))
    return out


def against_direction(years: Sequence[int], values: Sequence[float], claimed: str) -> pd.DataFrame:
    """The year-on-year steps that move against a claimed direction ('up' or 'down'); flat steps are kept out."""
    if claimed not in ("up", "down"):
        raise ValueError("claimed must be 'up' or 'down'")
    ch = yoy_changes(years, values)
    return ch[ch["direction"] == ("down" if claimed == "up" else "up")].reset_index(drop=True)


def multiple(first: float, last: float) -> float:
    """last / first (a multiple, dimensionless)."""
    return float(last) / float(first)


def annual_growth_pct(first: float, last: float, years: float) -> float:
    """Compound annual growth rate (percent per year) from `first` to `last` over `years` years."""
    return growth.cagr(first, last, years)


# ================================================================================================
# The published table's own arithmetic and a random-graph benchmark
# ================================================================================================


def table_arithmetic(df: pd.DataFrame, decimals: int = 3) -> pd.DataFrame:
    """Per row of a Gephi statistics table: total nodes recomputed as sample + relation nodes (where both are
    given) and average degree recomputed as edges / nodes (directed graph: mean in-degree = mean out-degree),
    with the differences from the printed values and whether each holds (exact for counts; within half a unit
    of the printed `decimals` for the average degree)."""
    out = pd.DataFrame(index=df.index)
    if "year" in df:
        out["year"] = df["year"]
    has_parts = {"sample_nodes_count", "relation_nodes_count"} <= set(df.columns)
    if has_parts:
        out["sample_nodes_count"] = df["sample_nodes_count"]
        out["relation_nodes_count"] = df["relation_nodes_count"]
        out["nodes_recomputed"] = df["sample_nodes_count"] + df["relation_nodes_count"]
    out["total_nodes_count"] = df["total_nodes_count"]
    out["nodes_diff"] = (out["nodes_recomputed"] - df["total_nodes_count"]) if has_parts else np.nan
    out["nodes_ok"] = (out["nodes_diff"] == 0) if has_parts else pd.NA
    out["total_edges_count"] = df["total_edges_count"]
    out["degree_recomputed"] = df["total_edges_count"] / df["total_nodes_count"]
    out["average_degree"] = df["average_degree"]
    out["degree_diff"] = out["degree_recomputed"] - df["average_degree"]
    out["degree_ok"] = within_half_unit(out["degree_diff"], decimals)
    return out.reset_index(drop=True)


def directed_density(nodes: float, edges: float) -> float:
    """Density of a directed graph without self-loops: E / (N·(N − 1)) (a fraction)."""
    return float(edges) / (float(nodes) * (float(nodes) - 1.0))


def random_graph_benchmark(nodes: Sequence[float], edges: Sequence[float]) -> pd.DataFrame:
    """Erdős–Rényi graph with the same N and edge count, direction ignored: mean undirected degree k = 2E/N,
    expected clustering C_rand = k/(N − 1) and approximate mean path length L_rand = ln N / ln k (NaN for k ≤ 1).
    An order-of-magnitude yardstick, not a model of the network."""
    n = np.asarray(nodes, float)
    e = np.asarray(edges, float)
    k = 2.0 * e / n
    with np.errstate(divide="ignore", invalid="ignore"):
        l_rand = np.where(k > 1, np.log(n) / np.log(k), np.nan)
    return pd.DataFrame({"k_undirected": k, "c_random": k / (n - 1.0), "l_random": l_rand})


def small_world(df: pd.DataFrame, c_decimals: int = 3) -> pd.DataFrame:
    """Per year: observed average clustering C and path length L next to the random-graph benchmark, the ratios
    C/C_rand (how many times more clustered than chance) with the range the printed rounding of C allows, and
    L/L_rand."""
    bench = random_graph_benchmark(df["total_nodes_count"], df["total_edges_count"])
    c = df["average_clustering_coefficient"].to_numpy(float)
    half = half_unit(c_decimals)
    out = pd.DataFrame(
        {
            "year": df["year"].to_numpy() if "year" in df else np.arange(len(df)),
            "nodes": df["total_nodes_count"].to_numpy(),
            "edges": df["total_edges_count"].to_numpy(),
        }
    )
    out = pd.concat([out, bench], axis=1)
    out["c"] = c
    out["c_ratio"] = c / out["c_random"]
    out["c_ratio_low"] = np.maximum(c - half, 0) / out["c_random"]
    out["c_ratio_high"] = (c + half) / out["c_random"]
    out["l"] = df["average_path_length"].to_numpy(float)
    out["l_ratio"] = out["l"] / out["l_random"]
    return out


# ================================================================================================
# Degree tables (Tables 3–4)
# ================================================================================================

ROLES = ("enabler", "receiver", "balanced")


def degree_roles(df: pd.DataFrame) -> pd.DataFrame:
    """A degree table with net out-degree (out − in, relations), the out/in ratio (inf where in = 0), the role
    ('enabler' out > in, 'receiver' out < in, 'balanced') and whether degree centrality = in + out as printed."""
    out = df.copy()
    ind = out["in_degree"].astype(float)
    outd = out["out_degree"].astype(float)
    out["net_out"] = out["out_degree"] - out["in_degree"]
    with np.errstate(divide="ignore"):
        out["out_in_ratio"] = np.where(ind > 0, outd / ind.where(ind > 0, 1.0), np.inf)
    out["role"] = np.select([outd > ind, outd < ind], ["enabler", "receiver"], "balanced")
    out["sum_ok"] = out["in_degree"] + out["out_degree"] == out["degree_centrality"]
    return out


def role_summary(df: pd.DataFrame) -> dict[str, float]:
    """Counts of enablers, receivers and balanced nodes in a `degree_roles` table, the summed in- and
    out-degree, their ratio, and the nodes whose printed total is not in + out."""
    d = degree_roles(df) if "role" not in df else df
    s_in, s_out = float(d["in_degree"].sum()), float(d["out_degree"].sum())
    return {
        "n": int(len(d)),
        "enablers": int((d["role"] == "enabler").sum()),
        "receivers": int((d["role"] == "receiver").sum()),
        "balanced": int((d["role"] == "balanced").sum()),
        "in_sum": s_in,
        "out_sum": s_out,
        "out_in_ratio": s_out / s_in if s_in else math.inf,
        "sum_errors": int((~d["sum_ok"]).sum()),
    }


def roles_by_type(df: pd.DataFrame, types: Mapping[str, str]) -> pd.DataFrame:
    """Per node type (from `types`, node -> type; unmapped nodes are 'other'): nodes, enablers, receivers,
    summed in- and out-degree and their ratio."""
    d = degree_roles(df) if "role" not in df else df.copy()
    d = d.assign(node_type=[types.get(n, "other") for n in d["node"]])
    g = d.groupby("node_type", sort=False)
    out = pd.DataFrame(
        {
            "nodes": g.size(),
            "enablers": g["role"].apply(lambda r: int((r == "enabler").sum())),
            "receivers": g["role"].apply(lambda r: int((r == "receiver").sum())),
            "in_sum": g["in_degree"].sum(),
            "out_sum": g["out_degree"].sum(),
        }
    )
    out["out_in_ratio"] = out["out_sum"] / out["in_sum"]
    return out.reset_index()


def edge_shares(df: pd.DataFrame, edges: float) -> dict[str, float]:
    """What the listed nodes hold of a network with `edges` directed edges (percent): of all out-edge ends
    (Σ out / E), of all in-edge ends (Σ in / E) and of all edge ends (Σ degree / 2E)."""
    e = float(edges)
    return {
        "out_pct": 100 * float(df["out_degree"].sum()) / e,
        "in_pct": 100 * float(df["in_degree"].sum()) / e,
        "degree_pct": 100 * float(df["degree_centrality"].sum()) / (2 * e),
    }


def degree_table(df: pd.DataFrame, lang: str = "zh", types: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A degree table ready to show: `degree_roles` plus node, short role (and node type, from `types`) labels
    in `lang`."""
    d = degree_roles(df).sort_values("position").reset_index(drop=True)
    d["node_label"] = [node_label(n, lang) for n in d["node"]]
    d["role_label"] = [label(f"{r}_short", lang) for r in d["role"]]
    if types is not None:
        d["node_type"] = [types.get(n, "other") for n in d["node"]]
        d["type_label"] = [label(f"{t}_short", lang) for t in d["node_type"]]
    return d
