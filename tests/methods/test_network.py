"""Gephi-equivalent network statistics: hand-built graphs, classic graphs against networkx, importers, errors."""

import json
import subprocess
import sys

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from ai_industry.errors import DataError
from ai_industry.methods import network as nw
from ai_industry.methods import network_reference

FIX = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures"


def _net(graph, directed):
    e = pd.DataFrame([(str(u), str(v)) for u, v in graph.edges()], columns=["Source", "Target"])
    e["Type"] = "Directed" if directed else "Undirected"
    n = pd.DataFrame({"Id": [str(v) for v in graph.nodes()]})
    return nw.from_tables(e, n)


def test_hand_built_directed_graph_by_year():
    """Hand-computed: 2015 snapshot a→b, b→c, c→a, a→d: 9 reachable pairs, distances summing to 15, diameter 3;
    clustering a: 1/6 (b→c among {b,c,d}), b: 1/2, c: 1/2, d: 0 → 7/24 over all four nodes."""
    net = nw.read_gephi_csv(FIX / "gephi_edges.csv", FIX / "gephi_nodes.csv")
    by = {r["year"]: r for r in nw.stats_by_year(net)}
    assert set(by) == {2014, 2015, 2016}
    s = by[2015]
    assert (s["nodes"], s["edges"], s["diameter"], s["reachable_pairs"]) == (4, 4, 3, 9)
    assert s["average_path_length"] == pytest.approx(15 / 9)
    assert s["average_degree"] == pytest.approx(1.0) and s["density"] == pytest.approx(4 / 12)
    assert s["average_clustering"] == pytest.approx(7 / 24)
    # 2016: the repeated a→b edge is merged (Gephi merges parallel edges)
    assert by[2016]["edges"] == 5 and by[2016]["nodes"] == 5


def test_a_node_with_a_last_year_leaves_with_its_edges():
    """d's last year is 2015: it and a→d are in the 2015 snapshot, gone from 2016 on and from `current`."""
    e = pd.DataFrame(
        {"Source": ["a", "b", "a", "d", "c"], "Target": ["b", "c", "d", "b", "a"], "Year": ["2014", "2014", "2015", "2015", "2016"]}
    )  # fmt: skip
    n = pd.DataFrame({"Id": list("abcd"), "Exit_year": ["", "", "", "2015"]})
    net = nw.from_tables(e, n)
    assert net.nodes["last_year"].tolist()[3] == 2015
    by = {r["year"]: r for r in nw.stats_by_year(net)}
    assert (by[2015]["nodes"], by[2015]["edges"]) == (4, 4)
    snap = nw.snapshot(net, 2016)
    assert (sorted(snap.nodes["id"]), len(snap.edges)) == (["a", "b", "c"], 3)
    assert (by[2016]["nodes"], by[2016]["edges"]) == (3, 3)
    now = nw.current(net)
    assert sorted(now.nodes["id"]) == ["a", "b", "c"] and len(now.edges) == 3
    plain = nw.from_tables(e, n.drop(columns="Exit_year"))
    assert nw.current(plain) is plain  # no last year: the whole export
    with pytest.raises(DataError, match="last_year"):
        nw.from_tables(e, n.assign(Exit_year=["", "", "", "soon"]))


def test_hand_built_undirected_triangle_with_tail():
    """Triangle a-b-c plus tail c-d: clustering over k≥2 nodes only: a=1, b=1, c=1/3 → 7/9 (d, k=1, left out)."""
    e = pd.DataFrame({"Source": ["a", "b", "c", "c"], "Target": ["b", "c", "a", "d"], "Type": "Undirected"})
    s = nw.gephi_stats(nw.from_tables(e))
    assert s["average_clustering"] == pytest.approx(7 / 9)
    assert s["average_degree"] == pytest.approx(2 * 4 / 4) and s["diameter"] == 2
    assert s["average_path_length"] == pytest.approx((1 + 1 + 2 + 1 + 1 + 2 + 1 + 1 + 1 + 2 + 2 + 1) / 12)


@pytest.mark.parametrize("graph", [nx.karate_club_graph(), nx.les_miserables_graph()], ids=["karate", "lesmis"])
def test_classic_graphs_match_networkx_with_gephi_definitions(graph):
    s = nw.gephi_stats(_net(graph, directed=False))
    assert s["nodes"] == graph.number_of_nodes() and s["edges"] == graph.number_of_edges()
    assert s["average_path_length"] == pytest.approx(nx.average_shortest_path_length(graph))
    assert s["diameter"] == nx.diameter(graph)
    gephi_cc = np.mean([c for v, c in nx.clustering(graph).items() if graph.degree(v) >= 2])
    assert s["average_clustering"] == pytest.approx(gephi_cc)
    assert s["density"] == pytest.approx(nx.density(graph))


def test_directed_clustering_is_gephi_not_networkx():
    """Gephi's directed clustering counts directed edges among the in∪out neighbours over k(k−1)."""
    g = nx.gnp_random_graph(60, 0.08, seed=5, directed=True)
    s = nw.gephi_stats(_net(g, directed=True))
    und = g.to_undirected()
    vals = []
    for v in g.nodes():
        nb = set(und.neighbors(v)) - {v}
        k = len(nb)
        t = sum(1 for a in nb for b in nb if a != b and g.has_edge(a, b))
        vals.append(t / (k * (k - 1)) if k >= 2 else 0.0)
    assert s["average_clustering"] == pytest.approx(np.mean(vals))


def test_bit_parallel_bfs_equals_plain_bfs_on_random_directed_graphs():
    rng = np.random.default_rng(7)
    for n, m in ((1, 0), (5, 3), (130, 300), (700, 1400)):
        src = rng.integers(0, n, size=m).astype(np.int64)
        dst = rng.integers(0, n, size=m).astype(np.int64)
        keep = src != dst
        assert nw.path_statistics(n, src[keep], dst[keep]) == pytest.approx(
            network_reference.path_statistics(n, src[keep], dst[keep])
        )


def test_modularity_on_karate_is_louvain_quality():
    s = nw.gephi_stats(_net(nx.karate_club_graph(), directed=False), with_modularity=True, seed=1)
    assert 0.37 < s["modularity"] < 0.43 and s["communities"] >= 3 and s["seed"] == 1


def test_gexf_reader():
    net = nw.read_gexf(FIX / "small.gexf")
    assert list(net.nodes["id"]) == ["a", "b", "c"] and net.nodes["kind"].tolist() == ["sample", "sample", "relation"]
    by = {r["year"]: r for r in nw.stats_by_year(net)}
    assert by[2014]["edges"] == 2 and by[2015]["edges"] == 3 and by[2015]["average_path_length"] == pytest.approx(1.5)


def test_bad_exports(tmp_path):
    (tmp_path / "e.csv").write_text("Source,Target\na,b\nb,zz\n", encoding="utf-8")
    (tmp_path / "n.csv").write_text("Id,Label\na,A\nb,B\nb,B2\n", encoding="utf-8")
    with pytest.raises(DataError, match="duplicate node id"):
        nw.read_gephi_csv(tmp_path / "e.csv", tmp_path / "n.csv")
    (tmp_path / "n.csv").write_text("Id,Label\na,A\nb,B\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"row 2 \(file line 3\).*'target'.*zz"):
        nw.read_gephi_csv(tmp_path / "e.csv", tmp_path / "n.csv")
    (tmp_path / "x.csv").write_text("From,To\na,b\n", encoding="utf-8")
    with pytest.raises(DataError, match="Source and Target"):
        nw.read_gephi_csv(tmp_path / "x.csv")


def test_cli_network_stats_json():
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ai_industry.cli",
            "network-stats",
            "--edges",
            str(FIX / "gephi_edges.csv"),
            "--nodes",
            str(FIX / "gephi_nodes.csv"),
            "--by-year",
            "--json",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["year"] for r in rows] == [2014, 2015, 2016]
    for key in ("nodes", "edges", "average_degree", "diameter", "average_path_length", "average_clustering", "density"):
        assert key in rows[0]
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "ai_industry.cli",
            "network-stats",
            "--edges",
            str(FIX / "small.gexf"),
            "--undirected",
            "--modularity",
            "--json",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0 and "modularity" in json.loads(proc.stdout)


def test_degrees_concentration_flows_by_hand():
    net = nw.read_gephi_csv(FIX / "gephi_edges.csv", FIX / "gephi_nodes.csv")
    deg = nw.degree_table(net).set_index("id")
    assert deg.loc["a", ["in_degree", "out_degree", "degree", "net_enabling"]].tolist() == [1, 2, 3, 1]
    assert nw.top_shares(np.array([5, 3, 1, 1]), (0.25, 0.5)) == {0.25: 50.0, 0.5: 80.0}
    curve = nw.concentration_curve(np.array([5, 3, 1, 1]), points=10)
    assert curve["share_pct"].iloc[-1] == pytest.approx(100.0) and curve["share_pct"].iloc[0] == pytest.approx(50.0)
    for empty in (np.array([]), np.array([0, 0, 0])):  # a share of nothing is undefined, never 0 %
        with pytest.raises(ValueError, match="total of zero"):
            nw.top_shares(empty)
        with pytest.raises(ValueError, match="total of zero"):
            nw.concentration_curve(empty)
    flows = nw.flow_matrix(net, "province")
    # located edges: a→b (广东→广东), b→c (广东→北京), c→a (北京→广东); a→d, d→e have an unlocated end
    assert flows.set_index(["from", "to"])["edges"].to_dict() == {
        ("广东省", "广东省"): 1,
        ("广东省", "北京市"): 1,
        ("北京市", "广东省"): 1,
    }
    bal = nw.enabling_input_shares(flows).set_index("region")
    assert bal.loc["广东省", "enabling_pct"] == pytest.approx(200 / 3) and bal.loc[
        "北京市", "net_pct"
    ] == pytest.approx(0.0)


def test_powerlaw_fit_recovers_exponent():
    rng = np.random.default_rng(3)
    x = np.floor((1 - rng.random(4000)) ** (-1 / 1.5) * 2).astype(int)  # discrete Pareto tail, pdf exponent 2.5
    fit = nw.powerlaw_fit(x)
    assert 2.3 < fit["alpha"] < 2.7 and fit["n_tail"] > 100


def test_powerlaw_fit_of_too_few_degrees_says_why_instead_of_failing():
    fit = nw.powerlaw_fit(np.array([1, 2, 1, 0]))
    assert np.isnan(fit["alpha"]) and fit["n"] == 3 and "No data points" in fit["not_fitted"]
    assert nw.powerlaw_fit(np.array([3, 3, 3]))["not_fitted"] == "fewer than 2 distinct positive degrees"


def test_statistics_of_nothing_are_undefined_never_zero():
    """No node: no average degree, clustering or density; no connected pair: no diameter or path length (a
    year before any relation shows blanks, not 0)."""
    edges = pd.DataFrame({"source": pd.Series(dtype=str), "target": pd.Series(dtype=str)})
    lone = nw.gephi_stats(nw.Network(pd.DataFrame({"id": ["a", "b"]}), edges, directed=True))
    assert lone["diameter"] is None and lone["average_path_length"] is None and lone["reachable_pairs"] == 0
    assert lone["average_degree"] == 0.0 and lone["density"] == 0.0  # two nodes and no edge: defined, 0
    empty = nw.gephi_stats(nw.Network(pd.DataFrame({"id": pd.Series(dtype=str)}), edges, directed=True))
    assert all(empty[k] is None for k in ("average_degree", "average_clustering", "density", "diameter"))
    pair = nw.gephi_stats(
        nw.Network(pd.DataFrame({"id": ["a", "b"]}), pd.DataFrame({"source": ["a"], "target": ["b"]}))
    )
    assert (pair["diameter"], pair["average_path_length"]) == (1, 1.0)
