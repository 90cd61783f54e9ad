"""Network statistics at national scale: the triangle-enumeration clustering equals the plain reference to the
last bit, and the sampled path estimator is exact when every node is a source, close to the exact value within
its standard error otherwise, seeded, and chosen only when asked or above the documented size."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ai_industry.methods import network as nw
from ai_industry.methods import network_reference, network_scale


def _arcs(n, m, seed, directed=True):
    rng = np.random.default_rng(seed)
    net = nw.Network(
        pd.DataFrame({"id": np.arange(n)}),
        pd.DataFrame({"source": rng.integers(0, n, m), "target": rng.integers(0, n, m)}),
        directed,
    )
    return nw.arcs(net, directed)


@pytest.mark.parametrize("directed", [True, False])
def test_triangle_clustering_equals_the_reference_bit_for_bit(directed):
    for n, m, seed in ((1, 0, 1), (3, 6, 2), (40, 300, 3), (500, 4000, 4), (2000, 6000, 5)):
        size, src, dst, _ = _arcs(n, m, seed, directed)
        fast = network_scale.average_clustering(size, src, dst, directed)
        assert fast == network_reference.average_clustering(size, src, dst, directed), (n, m)


def test_sampled_paths_with_every_node_a_source_are_the_exact_ones():
    n, src, dst, _ = _arcs(900, 2500, 6)
    diam, apl, pairs = nw.path_statistics(n, src, dst)
    s = network_scale.sampled_paths(n, *nw.csr(n, src, dst), sources=n, seed=3)
    assert (s["diameter"], s["reachable_pairs"], s["sources"]) == (diam, pairs, n)
    assert s["average_path_length"] == pytest.approx(apl, rel=1e-12) and s["average_path_length_se"] == 0.0


def test_sampled_paths_estimate_within_their_standard_error_and_are_seeded():
    n, src, dst, _ = _arcs(3000, 9000, 7)
    _, apl, _ = nw.path_statistics(n, src, dst)
    indptr, indices = nw.csr(n, src, dst)
    a = network_scale.sampled_paths(n, indptr, indices, sources=256, seed=1)
    assert a == network_scale.sampled_paths(n, indptr, indices, sources=256, seed=1)  # same seed, same numbers
    assert 0 < a["average_path_length_se"] < 0.05
    assert abs(a["average_path_length"] - apl) < 4 * a["average_path_length_se"]
    assert a["diameter"] <= nw.path_statistics(n, src, dst)[0]  # a lower bound


def test_path_method_is_exact_unless_asked_or_above_the_documented_size():
    assert nw.path_method(30_765, 83_815, None) == ("exact", 30_765)  # the seed-sized network
    assert nw.path_method(100_000, 1_800_000, None) == ("sampled", network_scale.DEFAULT_SOURCES)
    assert nw.path_method(100_000, 1_800_000, 100_000) == ("exact", 100_000)  # every node a source: exact
    assert nw.path_method(500, 900, 64) == ("sampled", 64)
    with pytest.raises(ValueError, match="path_sample"):
        nw.path_method(500, 900, 0)


def test_gephi_stats_say_when_paths_are_sampled():
    n = 400
    rng = np.random.default_rng(8)
    e = pd.DataFrame({"source": rng.integers(0, n, 1500).astype(str), "target": rng.integers(0, n, 1500).astype(str)})
    e["year"] = pd.array(rng.choice([2020, 2021], 1500), dtype="Int64")
    net = nw.Network(pd.DataFrame({"id": np.arange(n).astype(str)}), e, True)
    exact = nw.gephi_stats(net)
    assert "path_method" not in exact
    s = nw.gephi_stats(net, path_sample=50, seed=5)
    assert (s["path_method"], s["path_sources"]) == ("sampled", 50) and s["average_path_length_se"] > 0
    assert s["average_clustering"] == exact["average_clustering"]
    early = pd.DataFrame(
        {"source": ["0", "1", "2"], "target": ["1", "2", "0"], "year": pd.array([2019] * 3, dtype="Int64")}
    )
    rows = nw.stats_by_year(nw.Network(net.nodes, pd.concat([early, e], ignore_index=True), True), path_sample=300)
    by = {r["year"]: r for r in rows}
    assert (by[2019]["path_method"], by[2019]["path_sources"], by[2019]["average_path_length_se"]) == ("exact", 3, 0.0)
    assert (by[2021]["path_method"], by[2021]["path_sources"]) == ("sampled", 300)
