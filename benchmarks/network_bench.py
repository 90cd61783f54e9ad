"""Benchmark: exact Gephi statistics for all nine yearly snapshots of a seed-sized SYNTHETIC value network (the
demo firm database's, `methods.demo.firmdb`, as chapters 04b and 04c see it).

Target (issue: value-network engine): all nine snapshots (2022: 30,765 nodes, 83,815 edges) in <= 10 s on
2 cores, peak memory <= 2 GB. Also checks exactness against igraph (largest snapshot) and against one plain BFS
per source (smallest snapshot), and reports the speed ratio against networkx on the 2017 snapshot.

    .venv/bin/python benchmarks/network_bench.py [--out benchmarks/results/network.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ai_industry.methods import network as nw  # noqa: E402
from ai_industry.methods import network_reference  # noqa: E402
from ai_industry.methods.demo import firmdb as demo_db  # noqa: E402
from ai_industry.methods.firmdb import database, graph  # noqa: E402


def demo() -> nw.Network:
    """The SYNTHETIC demo firm database as a Gephi-style network (generated in memory, not timed)."""
    return graph.as_network(database.from_frames(*demo_db.generate(), synthetic=True))


def networkx_seconds(snap: nw.Network) -> tuple[float, float]:
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(snap.nodes["id"])
    g.add_edges_from(zip(snap.edges["source"], snap.edges["target"]))
    t = time.perf_counter()
    total = pairs = 0
    for _, dist in nx.all_pairs_shortest_path_length(g):
        total += sum(dist.values())
        pairs += len(dist) - 1
    return time.perf_counter() - t, total / pairs


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "benchmarks/results/network.json"))
    args = ap.parse_args()
    net = demo()
    small = nw.snapshot(net, min(nw.years(net)))
    nw.gephi_stats(small)  # compile (numba caches the kernel on disk after the first run)
    t0 = time.perf_counter()
    rows = nw.stats_by_year(net)
    total_s = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # exactness: igraph on the largest snapshot, plain BFS on the smallest
    import igraph as ig

    big = nw.snapshot(net, max(nw.years(net)))
    n, src, dst, _ = nw.arcs(big, True)
    g = ig.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist())), directed=True)
    t = time.perf_counter()
    ig_apl = g.average_path_length(directed=True, unconn=True)
    ig_s = time.perf_counter() - t
    ig_diam = g.diameter(directed=True, unconn=True)
    ns, ss, ds, _ = nw.arcs(small, True)
    ref = network_reference.path_statistics(ns, ss, ds)
    ours_small = nw.gephi_stats(small)
    mid = nw.snapshot(net, 2017 if 2017 in nw.years(net) else nw.years(net)[len(nw.years(net)) // 2])
    t = time.perf_counter()
    ours_mid = nw.gephi_stats(mid)
    ours_mid_s = time.perf_counter() - t
    nx_s, nx_apl = networkx_seconds(mid)
    last = rows[-1]
    result = {
        "synthetic": True,
        "snapshots": len(rows),
        "largest": {"nodes": last["nodes"], "edges": last["edges"]},
        "all_snapshots_seconds": round(total_s, 3),
        "peak_rss_mb": round(peak_mb, 1),
        "target": {"seconds": 10, "peak_mb": 2048},
        "meets_target": total_s <= 10 and peak_mb <= 2048,
        "exact_vs_igraph_largest": {
            "apl_equal": abs(ig_apl - last["average_path_length"]) < 1e-9,
            "diameter_equal": ig_diam == last["diameter"],
            "igraph_apl_seconds": round(ig_s, 3),
        },
        "exact_vs_plain_bfs_smallest": [ref[0], ref[1]] == [ours_small["diameter"], ours_small["average_path_length"]],
        "networkx_ratio": {
            "snapshot_nodes": ours_mid["nodes"],
            "snapshot_edges": ours_mid["edges"],
            "networkx_apl_seconds": round(nx_s, 3),
            "ours_all_stats_seconds": round(ours_mid_s, 4),
            "ratio": round(nx_s / max(ours_mid_s, 1e-9), 1),
            "apl_equal": abs(nx_apl - ours_mid["average_path_length"]) < 1e-9,
        },
        "per_year": rows,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2, default=float) + "\n", encoding="utf-8")
    summary = {k: v for k, v in result.items() if k != "per_year"}
    print(json.dumps(summary, indent=2, default=float))
    return 0 if result["meets_target"] and result["exact_vs_plain_bfs_smallest"] else 1


if __name__ == "__main__":
    sys.exit(main())
