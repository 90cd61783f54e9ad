"""Value-network statistics with Gephi 0.9.2's definitions, computed exactly and fast.

Input: node and edge tables as Gephi exports them (CSV ``Id,Label,…`` / ``Source,Target,Type,Weight,…``, or
GEXF), with optional attributes: node ``kind`` (sample|relation), ``province``, ``city``, ``first_year``,
``last_year`` (``exit_year``: the last year the node is in the network; it leaves with its edges after it); edge
``type`` (technology cooperation / human capital / investment) and ``year``.

Definitions (Gephi 0.9.2, org.gephi.statistics.plugin; where igraph/networkx differ it is said):
- nodes N, edges E: parallel edges between the same ordered pair are merged (Gephi merges them into one
  edge with summed weight); self-loops are kept in E but ignored by every path and clustering statistic.
- average degree: directed E/N (Gephi's "Average Degree" of a directed graph = mean in-degree = mean
  out-degree); undirected 2E/N.
- density: directed E/(N(N−1)); undirected 2E/(N(N−1)).
- diameter and average path length (GraphDistance): breadth-first search from every node, following edge
  direction in directed mode; the average is over all ordered pairs (s, t), s ≠ t, with t reachable from s;
  the diameter is the largest such distance. Unreachable pairs are left out (igraph's
  `average_path_length(unconn=True)` agrees; networkx raises on disconnected graphs).
- average clustering (ClusteringCoefficient): directed — for each node, k = number of distinct neighbours
  (in ∪ out), t = number of directed edges among them, C = t/(k(k−1)); nodes with k < 2 contribute 0 and the
  mean is over **all** nodes. Undirected — C = 2·triangles/(k(k−1)); the mean is over nodes with k ≥ 2 only
  (networkx `average_clustering` counts the k < 2 nodes as zeros; igraph's `transitivity_avglocal_undirected`
  with mode="zero" likewise).
- modularity: Louvain (igraph `community_multilevel`) on the undirected view, edge weights summed, with a
  resolution parameter; Python's `random` is seeded first and the seed is reported.

The path statistics use a bit-parallel multi-source BFS (64 sources per machine word, numba, parallel over
batches), which is exact: it visits the same (source, target, distance) triples as one BFS per source. Above a
documented size (`network_scale.EXACT_WORK`: nodes × (nodes + arcs) > 5·10⁹, 1–2 s on 2 cores), or when asked (`path_sample=k`),
they are estimated from k seeded random sources instead, and the result says so (`path_method` = sampled,
`path_sources`, `average_path_length_se`; the diameter is then a lower bound): never silently. The clustering
coefficient is exact at any size (`network_scale.average_clustering`, triangle enumeration).
"""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ai_industry.errors import DataError, Problem
from ai_industry.io import read_text_table
from ai_industry.methods import network_scale

NODE_ALIASES = {
    "id": "id",
    "label": "label",
    "kind": "kind",
    "type": "kind",
    "province": "province",
    "city": "city",
    "first_year": "first_year",
    "year": "first_year",
    "last_year": "last_year",
    "exit_year": "last_year",
}
EDGE_ALIASES = {
    "source": "source",
    "target": "target",
    "type": "direction",
    "kind": "relation",
    "relation": "relation",
    "relation_type": "relation",
    "weight": "weight",
    "year": "year",
}


@dataclass
class Network:
    """Node and edge tables. nodes: id (str) + attributes; edges: source, target (str), weight, year…"""

    nodes: pd.DataFrame
    edges: pd.DataFrame
    directed: bool = True


def _rename(df: pd.DataFrame, aliases: dict[str, str]) -> pd.DataFrame:
    cols = {}
    for c in df.columns:
        key = c.strip().lower().replace(" ", "_")
        if key in aliases and aliases[key] not in cols.values():
            cols[c] = aliases[key]
    return df.rename(columns=cols)


def _year(series: pd.Series, file: str, column: str) -> tuple[pd.Series, list[Problem]]:
    num = pd.to_numeric(series.replace("", None), errors="coerce")
    bad = num.isna() & series.ne("")
    probs = [Problem("not a year", int(i) + 1, column, series.iloc[i]) for i in np.flatnonzero(bad.to_numpy())]
    return num.astype("Int64"), probs


def _weights(raw: pd.Series, default: float | None) -> tuple[pd.Series, list[Problem]]:
    """Edge weights as numbers: a non-numeric, infinite or negative weight is an error, never a silent 1.0; an
    empty cell takes `default` when one is given (--weight-default), else is an error too."""
    text = raw.astype(str).str.strip()
    num = pd.to_numeric(text.where(text.ne(""), None), errors="coerce").astype(float)
    problems = []
    for i in np.flatnonzero((num.isna() & text.ne("")).to_numpy()):
        problems.append(Problem("weight is not a number", int(i) + 1, "weight", raw.iloc[i]))
    for i in np.flatnonzero((num.notna() & (~np.isfinite(num) | (num < 0))).to_numpy()):
        problems.append(Problem("weight must be a finite number ≥ 0", int(i) + 1, "weight", raw.iloc[i]))
    empty = text.eq("")
    if empty.any():
        if default is None:
            for i in np.flatnonzero(empty.to_numpy())[:20]:
                problems.append(
                    Problem(
                        "empty weight (give --weight-default to use one value for empty cells)", int(i) + 1, "weight"
                    )
                )
        else:
            num = num.where(~empty, float(default))
    return num, problems


def _edge_table(edges: pd.DataFrame, edges_file: str, weight_default: float | None) -> tuple[pd.DataFrame, bool]:
    """The validated edge table (source and target stripped; weight and year as numbers) and whether the network
    is directed (any edge not "undirected")."""
    e = _rename(edges, EDGE_ALIASES)
    if len(e) == 0:
        raise DataError(
            edges_file, message="the edge table has no rows (a header only): there is no network to measure"
        )
    missing = [c for c in ("source", "target") if c not in e.columns]
    if missing:
        raise DataError(
            edges_file,
            [Problem("required column is missing", None, c) for c in missing],
            "not a Gephi edge table (needs Source and Target)",
            line_offset=1,
        )
    e = e.copy()
    e["source"] = e["source"].astype(str).str.strip()
    e["target"] = e["target"].astype(str).str.strip()
    problems = [
        Problem("empty node id", int(i) + 1, c)
        for c in ("source", "target")
        for i in np.flatnonzero(e[c].eq("").to_numpy())
    ]
    directed = True
    if "direction" in e.columns:
        d = e["direction"].astype(str).str.strip().str.lower()
        directed = not d.eq("undirected").all()
    if "weight" in e.columns:
        e["weight"], probs = _weights(e["weight"], weight_default)
        problems += probs
    else:
        e["weight"] = 1.0
    if "year" in e.columns:
        e["year"], probs = _year(e["year"].astype(str).str.strip(), edges_file, "year")
        problems += probs
    if problems:
        raise DataError(edges_file, problems, "bad edge rows", line_offset=1)
    return e, directed


def _node_table(nodes: pd.DataFrame | None, e: pd.DataFrame, nodes_file: str, edges_file: str) -> pd.DataFrame:
    """The validated node table (ids stripped and unique; first years as numbers) or, without one, the ids the edges
    `e` name; every edge must refer to a node of the table."""
    if nodes is None:
        ids = pd.unique(pd.concat([e["source"], e["target"]], ignore_index=True))
        return pd.DataFrame({"id": ids})
    n = _rename(nodes, NODE_ALIASES).copy()
    if "id" not in n.columns:
        raise DataError(
            nodes_file,
            [Problem("required column is missing", None, "Id")],
            "not a Gephi node table (needs Id)",
            line_offset=1,
        )
    n["id"] = n["id"].astype(str).str.strip()
    dup = n["id"].duplicated(keep=False)
    if dup.any():
        raise DataError(
            nodes_file,
            [Problem("duplicate node id", int(i) + 1, "Id", n["id"].iloc[i]) for i in np.flatnonzero(dup.to_numpy())],
            "duplicate node ids",
            line_offset=1,
        )
    for col, header in (("first_year", "year"), ("last_year", "last_year")):
        if col in n.columns:
            n[col], probs = _year(n[col].astype(str).str.strip(), nodes_file, header)
            if probs:
                raise DataError(nodes_file, probs, "bad node rows", line_offset=1)
    known = set(n["id"])
    dangling = [
        Problem(f"edge refers to node '{v}' that is not in the node table", int(i) + 1, c, v)
        for c in ("source", "target")
        for i, v in enumerate(e[c])
        if v not in known
    ]
    if dangling:
        raise DataError(edges_file, dangling, f"dangling edge ids (not in {nodes_file})", line_offset=1)
    return n


def from_tables(
    edges: pd.DataFrame,
    nodes: pd.DataFrame | None = None,
    edges_file: str = "edges",
    nodes_file: str = "nodes",
    weight_default: float | None = None,
) -> Network:
    """Validate Gephi-style tables (strings) and build a Network. Errors name file, row and column; nothing is
    coerced silently (see `_weights`), and an edge table without rows is refused."""
    e, directed = _edge_table(edges, edges_file, weight_default)
    n = _node_table(nodes, e, nodes_file, edges_file)
    return Network(n.reset_index(drop=True), e.reset_index(drop=True), directed)


def read_gephi_csv(
    edges_path: Path | str, nodes_path: Path | str | None = None, weight_default: float | None = None
) -> Network:
    """Read Gephi's CSV export (edges, optional nodes) in UTF-8, UTF-8-BOM or GB18030."""
    edges = read_text_table(edges_path)
    nodes = read_text_table(nodes_path) if nodes_path else None
    return from_tables(edges, nodes, str(edges_path), str(nodes_path) if nodes_path else "nodes", weight_default)


def read_gexf(path: Path | str, weight_default: float | None = None) -> Network:
    """Read a GEXF file (1.2/1.3): nodes with attributes, edges with weight and attributes. An edge without a
    weight attribute weighs 1.0 (GEXF's own default); a node without an id, or an edge without source or
    target, is an error naming its position in the file."""
    path = Path(path)
    if not path.is_file():
        raise DataError(str(path), message="the file does not exist" if not path.exists() else "a folder, not a file")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise DataError(str(path), message=f"not a GEXF/XML file: {exc}") from None
    except OSError as exc:
        raise DataError(str(path), message=f"cannot read the file: {exc.strerror}") from None
    ns = root.tag.split("}")[0] + "}" if root.tag.startswith("{") else ""
    graph = root.find(f"{ns}graph")
    if graph is None:
        raise DataError(str(path), message="no <graph> element")
    titles: dict[tuple[str, str], str] = {}
    for attrs in graph.findall(f"{ns}attributes"):
        for a in attrs.findall(f"{ns}attribute"):
            titles[(attrs.get("class", "node"), a.get("id"))] = a.get("title", a.get("id"))

    def values(el, cls):
        out = {}
        av = el.find(f"{ns}attvalues")
        if av is not None:
            for v in av.findall(f"{ns}attvalue"):
                out[titles.get((cls, v.get("for")), v.get("for"))] = v.get("value", "")
        return out

    nodes = [{"Id": n.get("id"), "Label": n.get("label", ""), **values(n, "node")} for n in graph.iter(f"{ns}node")]
    edges = [
        {
            "Source": e.get("source"),
            "Target": e.get("target"),
            "Weight": e.get("weight", "1"),
            "Type": e.get("type", graph.get("defaultedgetype", "directed")),
            **values(e, "edge"),
        }
        for e in graph.iter(f"{ns}edge")
    ]
    problems = [Problem("<node> without an id", i + 1, "id") for i, n in enumerate(nodes) if not n["Id"]]
    problems += [
        Problem(f"<edge> without a {k.lower()}", i + 1, k.lower())
        for i, e in enumerate(edges)
        for k in ("Source", "Target")
        if not e[k]
    ]
    if problems:
        raise DataError(str(path), problems, "incomplete GEXF elements (row = position of the <node> or <edge>)")
    nodes_df = pd.DataFrame(nodes).fillna("").astype(str)
    edges_df = (
        pd.DataFrame(edges, columns=["Source", "Target", "Weight", "Type"] if not edges else None)
        .fillna("")
        .astype(str)
    )
    return from_tables(edges_df, nodes_df, str(path), str(path), weight_default)


def snapshot(net: Network, year: int) -> Network:
    """The cumulative network up to `year`: edges with year ≤ `year` (edges without a year always count),
    nodes with first_year ≤ `year` or touched by such an edge; a node whose last_year is before `year` has left,
    with its edges (the firm database's exit year: Table 2's 2,205 → 2,200 sample nodes)."""
    e = net.edges
    if "year" in e.columns:
        e = e[e["year"].isna() | (e["year"] <= year)]
    n = net.nodes
    if "last_year" in n.columns:
        left = n["last_year"].notna() & (n["last_year"] < year)
        if left.any():
            gone = set(n.loc[left, "id"])
            n = n[~left]
            e = e[~(e["source"].isin(gone) | e["target"].isin(gone))]
    touched = set(e["source"]) | set(e["target"])
    keep = n["id"].isin(touched)
    if "first_year" in n.columns:
        keep |= n["first_year"].notna() & (n["first_year"] <= year)
    else:
        keep |= False
    return Network(n[keep].reset_index(drop=True), e.reset_index(drop=True), net.directed)


def current(net: Network) -> Network:
    """The network as it stands in its last year: `net` itself unless some node has left (last_year before the
    last year), then without those nodes and their edges."""
    ys = years(net)
    if "last_year" not in net.nodes.columns or not ys:
        return net
    left = net.nodes["last_year"].notna() & (net.nodes["last_year"] < ys[-1])
    if not left.any():
        return net
    gone = set(net.nodes.loc[left, "id"])
    e = net.edges[~(net.edges["source"].isin(gone) | net.edges["target"].isin(gone))]
    return Network(net.nodes[~left].reset_index(drop=True), e.reset_index(drop=True), net.directed)


def years(net: Network) -> list[int]:
    """The years present in the edge table (and node first years), sorted."""
    ys = set()
    if "year" in net.edges.columns:
        ys |= set(int(y) for y in net.edges["year"].dropna())
    if "first_year" in net.nodes.columns:
        ys |= set(int(y) for y in net.nodes["first_year"].dropna())
    return sorted(ys)


# ---- graph arrays -----------------------------------------------------------------------------------------


def arcs(net: Network, directed: bool) -> tuple[int, np.ndarray, np.ndarray, int]:
    """(N, src, dst, E): node count, unique arcs without self-loops as index arrays (both directions when
    undirected), and the Gephi edge count E (unique ordered pairs if directed, unordered if undirected,
    self-loops included)."""
    index = pd.Index(net.nodes["id"])
    s = index.get_indexer(net.edges["source"])
    t = index.get_indexer(net.edges["target"])
    if directed:
        pairs = np.unique(np.stack([s, t], axis=1), axis=0) if len(s) else np.zeros((0, 2), dtype=np.int64)
        n_edges = len(pairs)
        pairs = pairs[pairs[:, 0] != pairs[:, 1]]
        return len(index), pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64), n_edges
    lo, hi = np.minimum(s, t), np.maximum(s, t)
    pairs = np.unique(np.stack([lo, hi], axis=1), axis=0) if len(s) else np.zeros((0, 2), dtype=np.int64)
    n_edges = len(pairs)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    src = np.concatenate([pairs[:, 0], pairs[:, 1]]).astype(np.int64)
    dst = np.concatenate([pairs[:, 1], pairs[:, 0]]).astype(np.int64)
    return len(index), src, dst, n_edges


def csr(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Compressed sparse rows of the arcs src→dst: (indptr, indices), neighbours sorted."""
    order = np.lexsort((dst, src))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.add.at(indptr, src + 1, 1)
    return np.cumsum(indptr), dst[order].astype(np.int64)


def _bfs_kernel():
    import numba

    @numba.njit(parallel=True, cache=True)
    def all_pairs(indptr, indices, n):  # pragma: no cover - compiled
        batches = (n + 63) // 64
        total = np.zeros(batches, dtype=np.float64)
        pairs = np.zeros(batches, dtype=np.int64)
        diam = np.zeros(batches, dtype=np.int64)
        for b in numba.prange(batches):
            seen = np.zeros(n, dtype=np.uint64)
            frontier = np.zeros(n, dtype=np.uint64)
            nxt = np.zeros(n, dtype=np.uint64)
            lo = b * 64
            hi = min(lo + 64, n)
            for s in range(lo, hi):
                bit = np.uint64(1) << np.uint64(s - lo)
                seen[s] |= bit
                frontier[s] |= bit
            level = 0
            active = True
            while active:
                level += 1
                active = False
                for u in range(n):
                    f = frontier[u]
                    if f != 0:
                        for k in range(indptr[u], indptr[u + 1]):
                            nxt[indices[k]] |= f
                found = 0
                for v in range(n):
                    new = nxt[v] & ~seen[v]
                    nxt[v] = 0
                    frontier[v] = new
                    if new != 0:
                        seen[v] |= new
                        c = 0
                        x = new
                        while x != 0:
                            x &= x - np.uint64(1)
                            c += 1
                        found += c
                if found > 0:
                    active = True
                    total[b] += found * level
                    pairs[b] += found
                    diam[b] = level
        return total.sum(), pairs.sum(), diam.max() if batches > 0 else 0

    return all_pairs


_KERNEL = None


def path_statistics(n: int, src: np.ndarray, dst: np.ndarray) -> tuple[int, float, int]:
    """(diameter, average path length, reachable ordered pairs) by exact bit-parallel BFS from every node."""
    global _KERNEL
    if n == 0 or len(src) == 0:
        return 0, 0.0, 0
    if _KERNEL is None:
        _KERNEL = _bfs_kernel()
    indptr, indices = csr(n, src, dst)
    total, pairs, diam = _KERNEL(indptr, indices, n)
    return int(diam), (float(total) / pairs if pairs else 0.0), int(pairs)


def average_clustering(n: int, src: np.ndarray, dst: np.ndarray, directed: bool) -> float:
    """Gephi's average clustering coefficient (see the module docstring for the two definitions), by triangle
    enumeration (`network_scale.average_clustering`): the same value as `network_reference.average_clustering`."""
    return network_scale.average_clustering(n, src, dst, directed)


def modularity(n: int, net: Network, resolution: float = 1.0, seed: int = 42) -> tuple[float, int]:
    """Louvain modularity on the undirected view (weights summed): (modularity, communities)."""
    import igraph as ig

    index = pd.Index(net.nodes["id"])
    s = index.get_indexer(net.edges["source"])
    t = index.get_indexer(net.edges["target"])
    w = net.edges["weight"].astype(float).to_numpy() if "weight" in net.edges.columns else np.ones(len(s))
    g = ig.Graph(n=n, edges=list(zip(s.tolist(), t.tolist())), directed=False)
    g.es["weight"] = w
    g = g.simplify(combine_edges={"weight": "sum"})
    random.seed(seed)
    ig.set_random_number_generator(random)
    parts = g.community_multilevel(weights="weight", resolution=resolution)
    return float(g.modularity(parts, weights="weight", resolution=resolution)), len(parts)


def path_method(n: int, arcs: int, path_sample: int | None) -> tuple[str, int]:
    """How the path statistics of a network of `n` nodes and `arcs` arcs are computed: ("exact", n) when
    `path_sample` is None and n × (n + arcs) ≤ `network_scale.EXACT_WORK`, or when `path_sample` ≥ n; else
    ("sampled", k) with k = `path_sample` or `network_scale.DEFAULT_SOURCES`."""
    if path_sample is None:
        if n * (n + arcs) <= network_scale.EXACT_WORK:
            return "exact", n
        path_sample = network_scale.DEFAULT_SOURCES
    if path_sample < 1:
        raise ValueError(f"path_sample must be a number of sources ≥ 1 (or None), not {path_sample}")
    return ("exact", n) if path_sample >= n else ("sampled", int(path_sample))


def gephi_stats(
    net: Network,
    directed: bool | None = None,
    with_modularity: bool = False,
    resolution: float = 1.0,
    seed: int = 42,
    path_sample: int | None = None,
) -> dict[str, Any]:
    """The statistics of Gephi's 'Network Overview' for one network (keys as in the CLI's JSON). Path statistics
    are exact, or sampled (`path_method`); sampled ones add path_method, path_sources (the seed is `seed`),
    average_path_length_se, and the diameter is the sample's largest distance (a lower bound)."""
    directed = net.directed if directed is None else directed
    n, src, dst, n_edges = arcs(net, directed)
    method, k = path_method(n, len(src), path_sample)
    sampled = None
    if method == "exact":
        diam, apl, pairs = path_statistics(n, src, dst)
    else:
        sampled = network_scale.sampled_paths(n, *csr(n, src, dst), k, seed)
        diam, apl, pairs = sampled["diameter"], sampled["average_path_length"], sampled["reachable_pairs"]
    # a statistic of nothing is undefined, never 0: no node, no average; no pair of connected nodes, no path
    out: dict[str, Any] = {
        "nodes": n,
        "edges": n_edges,
        "average_degree": (n_edges / n if directed else 2 * n_edges / n) if n else None,
        "diameter": diam if pairs else None,
        "average_path_length": apl if pairs else None,
        "reachable_pairs": pairs,
        "average_clustering": average_clustering(n, src, dst, directed) if n else None,
        "density": (n_edges / (n * (n - 1)) * (1 if directed else 2)) if n > 1 else None,
        "directed": directed,
    }
    if sampled is not None:
        out.update(
            {
                "path_method": "sampled",
                "path_sources": k,
                "average_path_length_se": sampled["average_path_length_se"],
            }
        )
    if with_modularity:
        q, c = modularity(n, net, resolution, seed)
        out.update({"modularity": q, "communities": c, "resolution": resolution, "seed": seed})
    return out


def mark_exact(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of several networks where some path statistics are sampled: the exact ones say so too
    (path_method exact, every node a source, standard error 0), so that a table of them has no gaps."""
    if any("path_method" in r for r in rows):
        for r in rows:
            if "path_method" not in r:
                r.update({"path_method": "exact", "path_sources": r["nodes"], "average_path_length_se": 0.0})
    return rows


def stats_by_year(
    net: Network,
    directed: bool | None = None,
    with_modularity: bool = False,
    resolution: float = 1.0,
    seed: int = 42,
    path_sample: int | None = None,
) -> list[dict[str, Any]]:
    """`gephi_stats` of the cumulative snapshot of every year in the data."""
    return mark_exact(
        [
            {"year": y, **gephi_stats(snapshot(net, y), directed, with_modularity, resolution, seed, path_sample)}
            for y in years(net)
        ]
    )


# ---- degrees, power law, concentration, regional flows --------------------------------------------------


def degree_table(net: Network) -> pd.DataFrame:
    """In-, out- and total degree of every node (merged parallel edges, self-loops ignored), highest total
    first; node attributes (label, kind, province, city) carried along where present."""
    n, src, dst, _ = arcs(net, True)
    out_deg = np.bincount(src, minlength=n)
    in_deg = np.bincount(dst, minlength=n)
    cols = [c for c in ("id", "label", "kind", "province", "city") if c in net.nodes.columns]
    df = net.nodes[cols].copy()
    df["in_degree"], df["out_degree"] = in_deg, out_deg
    df["degree"] = in_deg + out_deg
    df["net_enabling"] = out_deg - in_deg
    return df.sort_values(["degree", "out_degree", "id"], ascending=[False, False, True]).reset_index(drop=True)


def top_shares(values: np.ndarray, fractions=(0.1, 0.01, 0.001)) -> dict[float, float]:
    """Percent of the total of `values` held by the top `fraction` of units (at least one unit)."""
    v = np.sort(np.asarray(values, dtype=float))[::-1]
    total = v.sum()
    if not total > 0:  # no unit, or no degree at all: a share of nothing is undefined, not 0
        raise ValueError("top shares of a total of zero are undefined (no units or no arcs)")
    return {f: 100.0 * v[: max(int(round(f * len(v))), 1)].sum() / total for f in fractions}


def concentration_curve(values: np.ndarray, points: int = 200) -> pd.DataFrame:
    """The share (percent) of the total held by the top p percent of units, on a log-spaced grid of p."""
    v = np.sort(np.asarray(values, dtype=float))[::-1]
    if not v.sum() > 0:
        raise ValueError("a concentration curve of a total of zero is undefined (no units or no arcs)")
    cum = np.cumsum(v) / v.sum() * 100.0
    ps = np.unique(np.clip(np.round(np.logspace(0, np.log10(len(v)), points)).astype(int), 1, len(v)))
    return pd.DataFrame({"top_pct": 100.0 * ps / len(v), "share_pct": cum[ps - 1]})


def powerlaw_fit(degrees: np.ndarray) -> dict[str, float]:
    """Clauset–Shalizi–Newman fit of a discrete power law to positive degrees (package `powerlaw`): α, x_min,
    σ(α), tail size, and the log-likelihood ratio R against a log-normal with its p-value (R < 0 favours the
    log-normal; p < 0.1 makes the sign meaningful). Degrees too few or too alike to fit (a small export) give
    NaN for every fitted value and the reason in `not_fitted`, never an error."""
    import warnings

    import powerlaw

    d = np.asarray(degrees)
    d = d[d > 0]
    why = "fewer than 2 distinct positive degrees" if len(np.unique(d)) < 2 else ""
    if not why:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                fit = powerlaw.Fit(d, discrete=True, verbose=False)
                r, p = fit.distribution_compare("power_law", "lognormal", normalized_ratio=True)
            except ValueError as exc:  # powerlaw: "No data points in defined range of the distribution"
                why = str(exc)
    if why:
        nan = float("nan")
        keys = ("alpha", "xmin", "sigma", "loglik_ratio_vs_lognormal", "p_value")
        return {**dict.fromkeys(keys, nan), "n_tail": 0, "n": int(len(d)), "not_fitted": why}
    return {
        "alpha": float(fit.power_law.alpha),
        "xmin": float(fit.power_law.xmin),
        "sigma": float(fit.power_law.sigma),
        "n_tail": int((d >= fit.power_law.xmin).sum()),
        "n": int(len(d)),
        "loglik_ratio_vs_lognormal": float(r),
        "p_value": float(p),
    }


def flow_matrix(net: Network, level: str = "province") -> pd.DataFrame:
    """Edges between located nodes by (from, to) region — empowering (source) → receiving (target) — with
    their count and percent of all located edges, largest first (the shape of the report's Tables 8–9)."""
    if level not in net.nodes.columns:
        raise DataError("nodes", [Problem("column needed for flows is missing", None, level)], "no locations")
    loc = dict(zip(net.nodes["id"], net.nodes[level].fillna("").astype(str)))
    e = net.edges.drop_duplicates(["source", "target"])
    e = e[e["source"] != e["target"]]
    f = pd.DataFrame({"from": e["source"].map(loc), "to": e["target"].map(loc)})
    f = f[(f["from"] != "") & (f["to"] != "")]
    out = f.value_counts().rename("edges").reset_index()
    out["share_pct"] = 100.0 * out["edges"] / out["edges"].sum() if len(out) else []
    return out.sort_values(["edges", "from", "to"], ascending=[False, True, True]).reset_index(drop=True)


def enabling_input_shares(flows: pd.DataFrame) -> pd.DataFrame:
    """Per region: percent of located edges it empowers (as source) and receives (as target), and the net
    balance in points (the shape of the report's Tables 7 and 10)."""
    total = flows["edges"].sum()
    en = flows.groupby("from")["edges"].sum() / total * 100
    inp = flows.groupby("to")["edges"].sum() / total * 100
    out = pd.DataFrame({"enabling_pct": en, "input_pct": inp}).fillna(0.0)
    out["net_pct"] = out["enabling_pct"] - out["input_pct"]
    return out.rename_axis("region").reset_index().sort_values("enabling_pct", ascending=False).reset_index(drop=True)
