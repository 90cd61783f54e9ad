"""Hand-worked checks of ai_industry.valuenet (published network statistics)."""

import math

import numpy as np
import pandas as pd
import pytest

from ai_industry.chapters.ai_clusters_2023 import value_network as vn
from ai_industry.paths import published_dir

T_975_DF1 = 12.706204736174698  # Student t, 97.5th percentile, 1 degree of freedom (tables)


# ---- log-log fits --------------------------------------------------------------------------------


def test_loglog_fit_hand_worked_three_points():
    # ln x = 0, 1, 2 and ln y = 0, 1, 3: slope = Σ(x−1)(y−4/3)/Σ(x−1)² = 3/2, intercept = 4/3 − 3/2 = −1/6;
    # residuals 1/6, −1/3, 1/6 -> SSR = 1/6, σ² = SSR/1, se = sqrt(σ²/Sxx) = sqrt(1/12); SST = 42/9 -> R² = 27/28
    f = vn.loglog_fit(np.exp([0, 1, 2]), np.exp([0, 1, 3]))
    assert f.slope == pytest.approx(1.5)
    assert f.intercept == pytest.approx(-1 / 6)
    assert f.se == pytest.approx(math.sqrt(1 / 12))
    assert f.r2 == pytest.approx(27 / 28)
    assert (f.n, f.df_resid) == (3, 1)
    assert f.ci_low == pytest.approx(1.5 - T_975_DF1 * math.sqrt(1 / 12))
    assert f.ci_high == pytest.approx(1.5 + T_975_DF1 * math.sqrt(1 / 12))
    assert f.ci_half_width == pytest.approx(T_975_DF1 * math.sqrt(1 / 12))


def test_densification_recovers_exponent_of_exact_power_law():
    n = np.array([100, 400, 1600, 6400, 25600])
    e = 3 * n**1.5  # E = c·N^1.5
    f = vn.densification(n, e)
    assert f.slope == pytest.approx(1.5, abs=1e-9)
    assert math.exp(f.intercept) == pytest.approx(3.0)
    assert f.r2 == pytest.approx(1.0)
    assert f.ci_low <= 1.5 + 1e-9 and f.ci_high >= 1.5 - 1e-9


def test_densification_of_table_2_exceeds_one():
    net = pd.read_csv(published_dir() / "ai-clusters-2023" / "value_network_by_year.csv")
    f = vn.densification(net.total_nodes_count, net.total_edges_count)
    # hand check of the endpoints: ln(83815/2602) / ln(30765/1973) = 3.4723 / 2.7469 = 1.264
    assert math.log(83815 / 2602) / math.log(30765 / 1973) == pytest.approx(1.2641, abs=1e-4)
    assert 1.25 < f.slope < 1.28 and f.ci_low > 1 and f.n == 9


def test_linear_trend_exact_line():
    t = vn.linear_trend([2014, 2015, 2016, 2017], [10.0, 9.5, 9.0, 8.5])
    assert t.slope == pytest.approx(-0.5)
    assert t.r2 == pytest.approx(1.0)
    with pytest.raises(ValueError):
        vn.linear_trend([1, 2], [1, 2])


def test_year_on_year_moves_against_a_claimed_direction():
    years, c = [2017, 2018, 2019, 2020], [0.007, 0.011, 0.008, 0.033]
    ch = vn.yoy_changes(years, c)
    assert list(ch.direction) == ["up", "down", "up"]
    bad = vn.against_direction(years, c, "up")
    assert len(bad) == 1 and (bad.year_from[0], bad.year_to[0]) == (2018, 2019)
    assert bad.change[0] == pytest.approx(-0.003)
    assert vn.against_direction(years, c, "down").year_to.tolist() == [2018, 2020]
    assert vn.multiple(0.001, 0.040) == pytest.approx(40.0)
    assert vn.annual_growth_pct(100, 121, 2) == pytest.approx(10.0)


# ---- the table's own arithmetic and the random-graph yardstick -----------------------------------


def test_table_arithmetic_flags_a_bad_total_and_a_bad_degree():
    df = pd.DataFrame(
        {
            "year": [2014, 2015, 2016],
            "sample_nodes_count": [493, 688, 10],
            "relation_nodes_count": [1480, 2169, 10],
            "total_nodes_count": [1973, 2857, 21],
            "total_edges_count": [2602, 4007, 42],
            "average_degree": [1.319, 1.404, 2.0],
        }
    )
    a = vn.table_arithmetic(df)
    # 2602/1973 = 1.31880 -> 1.319 ok; 4007/2857 = 1.40252 -> printed 1.404 is off by 0.0015; 10+10 ≠ 21
    assert a.degree_recomputed[0] == pytest.approx(1.318804, abs=1e-6)
    assert a.degree_ok.tolist() == [True, False, True]
    assert a.nodes_ok.tolist() == [True, True, False]
    assert a.nodes_diff.tolist() == [0, 0, -1]
    no_parts = vn.table_arithmetic(df.drop(columns=["sample_nodes_count", "relation_nodes_count"]))
    assert no_parts.nodes_diff.isna().all() and no_parts.degree_ok.tolist() == [True, False, True]


def test_published_table_2_arithmetic_holds():
    net = pd.read_csv(published_dir() / "ai-clusters-2023" / "value_network_by_year.csv")
    a = vn.table_arithmetic(net)
    assert a.nodes_ok.all() and a.degree_ok.all()


def test_directed_density_and_random_graph_benchmark():
    assert vn.directed_density(4, 6) == pytest.approx(0.5)  # 6 / (4·3)
    assert vn.directed_density(17132, 43624) == pytest.approx(43624 / (17132 * 17131))
    b = vn.random_graph_benchmark([1000], [5000])  # k = 10, C = 10/999, L = ln 1000 / ln 10 = 3
    assert b.k_undirected[0] == pytest.approx(10.0)
    assert b.c_random[0] == pytest.approx(10 / 999)
    assert b.l_random[0] == pytest.approx(3.0)
    assert math.isnan(vn.random_graph_benchmark([10], [4]).l_random[0])  # k = 0.8 ≤ 1


def test_small_world_ratios_with_rounding_range():
    df = pd.DataFrame(
        {
            "year": [2022],
            "total_nodes_count": [1000],
            "total_edges_count": [5000],
            "average_clustering_coefficient": [0.1],
            "average_path_length": [2.4],
        }
    )
    sw = vn.small_world(df)
    assert sw.c_ratio[0] == pytest.approx(0.1 * 999 / 10)
    assert sw.c_ratio_low[0] == pytest.approx(0.0995 * 999 / 10)
    assert sw.c_ratio_high[0] == pytest.approx(0.1005 * 999 / 10)
    assert sw.l_ratio[0] == pytest.approx(0.8)


# ---- degree tables -------------------------------------------------------------------------------


def _degrees():
    return pd.DataFrame(
        {
            "position": [1, 2, 3, 4],
            "rank": [1, 2, 3, 3],
            "node": ["华为", "小米", "上海市政府", "X"],
            "in_degree": [2502, 321, 91, 5],
            "out_degree": [4882, 315, 0, 5],
            "degree_centrality": [7384, 636, 91, 10],
        }
    )


def test_degree_roles_hand_worked():
    d = vn.degree_roles(_degrees()).set_index("node")
    assert d.loc["华为", "net_out"] == 2380 and d.loc["华为", "role"] == "enabler"
    assert d.loc["华为", "out_in_ratio"] == pytest.approx(4882 / 2502)
    assert d.loc["小米", "role"] == "receiver" and d.loc["小米", "net_out"] == -6
    assert d.loc["上海市政府", "out_in_ratio"] == 0.0
    assert d.loc["X", "role"] == "balanced"
    assert d.sum_ok.all()
    zero_in = vn.degree_roles(
        pd.DataFrame({"node": ["a"], "in_degree": [0], "out_degree": [3], "degree_centrality": [3]})
    )
    assert math.isinf(zero_in.out_in_ratio[0])


def test_role_summary_and_by_type():
    s = vn.role_summary(_degrees())
    assert (s["enablers"], s["receivers"], s["balanced"]) == (1, 2, 1)
    assert s["out_sum"] == 4882 + 315 + 0 + 5 and s["in_sum"] == 2502 + 321 + 91 + 5
    assert s["out_in_ratio"] == pytest.approx(5202 / 2919)
    assert s["sum_errors"] == 0
    bt = vn.roles_by_type(_degrees(), {"华为": "firm", "小米": "firm"}).set_index("node_type")
    assert bt.loc["firm", "nodes"] == 2 and bt.loc["firm", "enablers"] == 1 and bt.loc["firm", "receivers"] == 1
    assert bt.loc["other", "out_in_ratio"] == pytest.approx(5 / 96)


def test_edge_shares():
    sh = vn.edge_shares(_degrees(), edges=10000)
    assert sh["out_pct"] == pytest.approx(52.02)
    assert sh["in_pct"] == pytest.approx(29.19)
    assert sh["degree_pct"] == pytest.approx(100 * 8121 / 20000)


def test_published_tables_3_4_roles():
    base = published_dir() / "ai-clusters-2023"
    s = vn.role_summary(pd.read_csv(base / "enterprise_degree_centrality_top20.csv"))
    r = vn.role_summary(pd.read_csv(base / "relation_node_degree_centrality_top20.csv"))
    assert (s["enablers"], s["receivers"]) == (19, 1)  # 小米 321 in > 315 out
    assert (r["enablers"], r["receivers"]) == (6, 14)
    assert s["sum_errors"] == r["sum_errors"] == 0


# ---- two regional distributions ------------------------------------------------------------------


def test_implied_counts():
    ic = vn.implied_counts([28.09, 30.95, 28.10], 2200)
    # 28.09% of 2200 = 617.98 -> 618 -> 28.0909%; 30.95% -> 680.9 -> 681 -> 30.9545%; 28.10% -> 618 -> 28.09 ≠ 28.10
    assert ic["count"].tolist() == [618, 681, 618]
    assert ic.consistent.tolist() == [True, True, False]


def test_representation_hand_worked_fisher():
    # 4 firms, 2 of them platforms; region A has 2 firms (50%) and both platforms (100%):
    # table [[2, 0], [0, 2]], P(this table) = 1/C(4,2) = 1/6, two-sided p = 2/6
    sub = pd.DataFrame({"level": ["city"], "region": ["A"], "share_pct": [100.0]})
    whole = pd.DataFrame({"level": ["city", "city"], "region": ["A", "B"], "share_pct": [50.0, 25.0]})
    rep = vn.representation(sub, whole, n_sub=2, n_whole=4, levels=["city"]).set_index("region")
    assert rep.loc["A", "ratio"] == pytest.approx(2.0)
    assert rep.loc["A", "expected_sub"] == pytest.approx(1.0)
    assert rep.loc["A", "fisher_p"] == pytest.approx(1 / 3)
    assert rep.loc["B", "listed_in"] == "whole" and rep.loc["B", "bound_pct"] == pytest.approx(0.0)
    assert rep.loc["others", "sub_share_pct"] == pytest.approx(0.0)
    assert rep.loc["others", "whole_share_pct"] == pytest.approx(25.0)
    assert math.isnan(rep.loc["others", "ratio"])  # the two lists name different regions


def _regions():
    return pd.DataFrame(
        {
            "level": ["province", "province", "province", "city", "city", "city", "city"],
            "name_zh": ["北京市", "天津市", "广东省", "北京市", "天津市", "深圳市", "韶关市"],
            "province_zh": ["北京市", "天津市", "广东省", "北京市", "天津市", "广东省", "广东省"],
            "metro_region_zh": ["京津冀", "京津冀", "珠江三角洲", "京津冀", "京津冀", "珠江三角洲", None],
        }
    )


def test_nesting_residuals():
    df = pd.DataFrame(
        {
            "level": ["metro_region", "metro_region", "province", "province", "city", "city"],
            "region": ["京津冀", "珠江三角洲", "北京市", "广东省", "北京市", "深圳市"],
            "share_pct": [33.0, 25.0, 32.5, 25.5, 32.5, 15.0],
        }
    )
    h = vn.region_hierarchy(_regions())
    assert h["metro"]["京津冀"]["whole"] == ["北京市", "天津市"] and h["metro"]["珠江三角洲"]["partly"] == ["广东省"]
    n = vn.nesting(df, _regions(), base=200).set_index(["outer", "inner"])
    assert n.loc[("京津冀", "北京市"), "residual_pct"] == pytest.approx(0.5)
    assert n.loc[("京津冀", "北京市"), "residual_count"] == 1
    assert n.loc[("广东省", "珠江三角洲"), "residual_pct"] == pytest.approx(0.5)  # PRD lies inside Guangdong
    assert n.loc[("广东省", "深圳市"), "residual_pct"] == pytest.approx(10.5)
    assert n.consistent.all() and ("北京市", "北京市") not in n.index  # the municipality identity is left out
    bad = df.assign(share_pct=[30.0, 25.0, 32.5, 25.5, 32.5, 15.0])
    assert not vn.nesting(bad, _regions()).set_index("outer").loc["京津冀", "consistent"]


# ---- concentration curve and the implied Pareto exponent -----------------------------------------


def test_pareto_top_share_and_gini():
    assert vn.pareto_top_share(0.01, 2.0) == pytest.approx(0.1)  # S = p^(1 − 1/2)
    assert vn.pareto_gini(1.5) == pytest.approx(0.5)  # 1 / (2·1.5 − 1)
    assert vn.alpha_from_slope(0.5) == pytest.approx(2.0) and math.isinf(vn.alpha_from_slope(1.0))
    with pytest.raises(ValueError):
        vn.pareto_top_share(0.1, 1.0)


def test_exact_power_law_points_recover_alpha():
    p = np.array([0.1, 0.01, 0.001])
    s = vn.pareto_top_share(p, 1.5)  # β = 1 − 1/1.5 = 1/3
    f = vn.fit_top_share(p, s)
    assert f.beta == pytest.approx(1 / 3) and f.alpha == pytest.approx(1.5) and f.gamma == pytest.approx(2.5)
    assert f.prefactor == pytest.approx(1.0)
    f0 = vn.fit_top_share(p, s, through_origin=True)
    assert f0.alpha == pytest.approx(1.5) and f0.df_resid == 2
    assert vn.minimax_power_law(p, s)["max_rel_error"] == pytest.approx(0.0, abs=1e-9)
    loc = vn.local_exponents(p, s)
    assert loc.alpha.tolist() == pytest.approx([1.5, 1.5])


def test_local_exponents_hand_worked():
    loc = vn.local_exponents([0.1, 0.01], [0.5, 0.25])
    # β = ln(0.5/0.25) / ln(0.1/0.01) = log10(2) = 0.30103, α = 1/(1 − β) = 1.43068
    assert loc.beta[0] == pytest.approx(math.log10(2))
    assert loc.alpha[0] == pytest.approx(1 / (1 - math.log10(2)))


def test_minimax_power_law_hand_worked():
    # ln p = −2, −1, 0 and ln S = −1, 0, −1: the best line is flat at −0.5, worst log error 0.5
    mm = vn.minimax_power_law(np.exp([-2, -1, 0]), np.exp([-1, 0, -1]))
    assert mm["beta"] == pytest.approx(0.0, abs=1e-9)
    assert mm["max_log_error"] == pytest.approx(0.5)
    assert mm["max_rel_error"] == pytest.approx(math.exp(0.5) - 1)


def test_published_points_do_not_lie_on_one_power_law():
    pts = vn.top_share_points(pd.read_csv(published_dir() / "ai-clusters-2023" / "outdegree_concentration.csv"))
    loc = vn.local_exponents(pts.p, pts.s)
    # β = log10(0.726/0.542) = 0.12694 -> α = 1.1454; β = log10(0.542/0.315) = 0.23569 -> α = 1.3084
    assert loc.alpha.tolist() == pytest.approx([1.1454, 1.3084], abs=1e-4)
    # minimax: half the middle point's log10 gap from the chord, 0.0544/2 = 0.0272 in log10 -> 6.5 %
    assert vn.minimax_power_law(pts.p, pts.s)["max_rel_error"] == pytest.approx(0.0646, abs=5e-4)
    f = vn.fit_top_share(pts.p, pts.s)
    assert f.alpha == pytest.approx(
        1 / (1 - (math.log10(0.726) - math.log10(0.315)) / 2), rel=1e-9
    )  # OLS slope = end-to-end slope for 3 equally spaced x
    assert f.clipped  # β's interval with 1 df reaches below 0


def test_gini_lower_bound_and_counts():
    assert vn.gini_lower_bound([0.5], [0.75]) == pytest.approx(0.25)  # bottom half holds a quarter
    p = np.geomspace(1e-5, 1, 4000)
    assert vn.gini_lower_bound(p, vn.pareto_top_share(p, 2.0)) == pytest.approx(1 / 3, abs=2e-3)  # → Pareto Gini
    c = vn.top_group_counts([0.1], [0.5], nodes=1000, edges=2000)
    assert (c.top_nodes[0], c.top_out_edges[0], c.top_mean_out[0]) == (100, 1000, 10)
    assert c.rest_mean_out[0] == pytest.approx(1000 / 900)


# ---- findings and charts (smoke) -----------------------------------------------------------------


def _published(name):
    return pd.read_csv(published_dir() / "ai-clusters-2023" / f"{name}.csv")


def test_findings_name_what_the_table_does_not_support():
    net = _published("value_network_by_year")
    f = vn.value_network_findings(
        net,
        _published("enterprise_degree_centrality_top20"),
        _published("relation_node_degree_centrality_top20"),
        sample_size=2200,
        network_year=2022,
    )
    assert [x["kind"] for x in f[:2]] == ["reproduced", "reproduced"]
    assert any("2018→2019" in x["en"] and "0.011" in x["en"] for x in f)
    assert any("2,205" in x["zh"] for x in f)
    plat, firms = _published("platform_distribution"), _published("enterprise_distribution")
    rep = vn.representation(plat, firms, 200, 2200)
    g = vn.platform_findings(
        _published("platform_value_network_stats"),
        _published("platform_value_network_by_year"),
        net,
        rep,
        vn.top_share_points(_published("outdegree_concentration")),
    )
    assert g[0]["kind"] == "reproduced" and g[1]["kind"] == "reproduced"
    assert any("6.5%" in x["en"] for x in g)


def test_chart_builders_return_figures():
    import matplotlib.pyplot as plt

    net = _published("value_network_by_year")
    fit = vn.densification(net.total_nodes_count, net.total_edges_count)
    pts = vn.top_share_points(_published("outdegree_concentration"))
    rep = vn.representation(_published("platform_distribution"), _published("enterprise_distribution"), 200, 2200)
    figs = [
        vn.network_trends_figure(net, "en", {"average_clustering_coefficient": "up"}),
        vn.densification_figure([("x", net, fit)], "zh"),
        vn.small_world_figure(vn.small_world(net), "en"),
        vn.degree_bars(_published("enterprise_degree_centrality_top20"), "en", top_n=5),
        vn.representation_figure(rep, lambda r: r, {}, "zh"),
        vn.top_share_figure(
            pts, vn.fit_top_share(pts.p, pts.s), vn.fit_top_share(pts.p, pts.s, through_origin=True), "en"
        ),
    ]
    assert all(isinstance(f, plt.Figure) for f in figs)
    for f in figs:
        plt.close(f)


def test_stated_tolerances_and_tolerance_multiplier():
    df = pd.DataFrame({"top_nodes_pct": [10.0, 0.1], "outdegree_share_pct": [72.6, 31.5], "qualifier": ["约", None]})
    tol = vn.stated_tolerances(df)
    assert tol[0] == pytest.approx(0.05)  # 约: the audit's ±5 %
    assert tol[1] == pytest.approx(0.005 / 31.5)  # half a unit of the second decimal, relative
    pts = vn.top_share_points(df)
    assert pts.rel_tol.tolist() == pytest.approx([0.05, 0.005 / 31.5])
    # ln S off the best line by 0.5; tolerances of ln(1+tol) = 0.25 must be widened twofold
    p, s = np.exp([-2, -1, 0]), np.exp([-1, 0, -1])
    assert vn.tolerance_multiplier(p, s, [math.expm1(0.25)] * 3) == pytest.approx(2.0)
    assert vn.tolerance_multiplier(p, s, [math.expm1(1.0)] * 3) == pytest.approx(0.5)


def test_published_points_fail_one_power_law_even_with_about_as_five_percent():
    pts = vn.top_share_points(_published("outdegree_concentration"))
    # pinned at 31.50 %, the other two within ±5 %: the middle point sits 0.1253 (ln) above the chord of the outer
    # two, so one power law needs tolerances ≈ 1.7 times wider
    assert vn.tolerance_multiplier(pts.p, pts.s, pts.rel_tol) == pytest.approx(1.709, abs=2e-3)
