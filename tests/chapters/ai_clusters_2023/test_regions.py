"""Hand-worked checks of ai_industry.flows (from→to share lists, net balances, consistency between lists)."""

import math

import pandas as pd
import pytest

from ai_industry.chapters.ai_clusters_2023 import regions as fl
from ai_industry.chapters.ai_clusters_2023 import regions_charts as rch
from ai_industry.chapters.ai_clusters_2023 import regions_statements as rst
from ai_industry.paths import published_dir


def _edges(rows):
    return pd.DataFrame([{"source": s, "target": t, "share_pct": v, "rank": i + 1} for i, (s, t, v) in enumerate(rows)])


def _marg(enabling, inp):
    rows = [{"region": r, "direction": "enabling", "share_pct": v, "rank": i + 1} for i, (r, v) in enumerate(enabling)]
    rows += [{"region": r, "direction": "input", "share_pct": v, "rank": i + 1} for i, (r, v) in enumerate(inp)]
    return pd.DataFrame(rows)


# A small world: flows (percent of all relations) and the two marginal lists.
E = _edges([("A", "A", 10.0), ("B", "A", 7.0), ("A", "B", 6.0), ("B", "B", 5.0), ("A", "C", 2.0)])
M = _marg([("A", 40.0), ("B", 30.0), ("C", 10.0)], [("A", 30.0), ("B", 35.0), ("D", 12.0)])


def test_standard_frames_rename_and_cut_at_top_n():
    raw = pd.DataFrame(
        {"from_x": ["A", "B"], "to_x": ["B", "A"], "share_pct": [3.0, 2.0], "rank": [1, 2], "seed_line": [9, 10]}
    )
    e = fl.edges(raw, "from_x", "to_x", top_n=1)
    assert list(e.columns) == ["source", "target", "share_pct", "rank"] and len(e) == 1
    sh = pd.DataFrame(
        {
            "city": ["A", "A", "B"],
            "direction": ["enabling", "input", "input"],
            "share_pct": [5.0, 4.0, 3.0],
            "rank": [1, 1, 2],
        }
    )
    assert fl.rows_per_list(sh) == 2 and fl.rows_per_list(raw) == 2
    assert len(fl.marginals(sh, "city", top_n=1)) == 2
    assert fl.cutoff([3.0, 1.5, 2.0]) == 1.5


def test_flow_matrix_leaves_unlisted_pairs_blank():
    m = fl.flow_matrix(E)
    # order by listed out + in: A 18 + 17 = 35, B 12 + 11 = 23, C 0 + 2 = 2
    assert list(m.index) == ["A", "B", "C"] and list(m.columns) == ["A", "B", "C"]
    assert m.loc["B", "A"] == 7.0 and m.loc["A", "C"] == 2.0
    assert math.isnan(m.loc["C", "A"]) and math.isnan(m.loc["B", "C"])


def test_intra_inter_split_and_bounds():
    s = fl.intra_inter(E)
    # intra 10 + 5 = 15; inter 7 + 6 + 2 = 15; listed 30; remainder 70; local in listed 50 %; local in all in [15, 85]
    assert (s["n_intra"], s["n_inter"]) == (2, 3)
    assert s["intra_pct"] == 15.0 and s["inter_pct"] == 15.0 and s["listed_pct"] == 30.0
    assert s["remainder_pct"] == 70.0 and s["intra_of_listed_pct"] == 50.0
    assert (s["intra_low"], s["intra_high"]) == (15.0, 85.0)


def test_net_balance_both_lists_and_one_list_bounds():
    nb = fl.net_balance(M).set_index("region")
    assert list(fl.net_balance(M).region) == ["A", "B", "C", "D"]
    assert nb.loc["A", "net_pp"] == 10.0 and nb.loc["A", "role"] == "net exporter"
    assert nb.loc["B", "net_pp"] == -5.0 and nb.loc["B", "role"] == "net importer"
    assert (nb.loc["A", "net_low"], nb.loc["A", "net_high"]) == pytest.approx((9.99, 10.01))
    # C only enabling (10): input in [0, cut-off 12] -> net in [10 - 12, 10] widened by rounding 0.01
    assert math.isnan(nb.loc["C", "net_pp"]) and nb.loc["C", "listed_in"] == "enabling"
    assert (nb.loc["C", "net_low"], nb.loc["C", "net_high"]) == pytest.approx((-2.01, 10.01))
    assert nb.loc["C", "role"] == "undetermined"
    # D only input (12): enabling in [0, cut-off 10] -> net in [-12, -2] -> importer for sure
    assert (nb.loc["D", "net_low"], nb.loc["D", "net_high"]) == pytest.approx((-12.01, -1.99))
    assert nb.loc["D", "role"] == "net importer"
    t = fl.balance_totals(fl.net_balance(M))
    assert t == {"exporters": 1, "importers": 1, "surplus_pp": 10.0, "deficit_pp": -5.0, "net_pp": 5.0}
    assert fl.bounds_text(fl.net_balance(M)) == ["", "", "-2.01 … +10.01", "-12.01 … -1.99"]


def test_top_by_total():
    # A 40 + 30 = 70, B 30 + 35 = 65; C and D are in one list only
    assert fl.top_by_total(M, 2) == ["A", "B"]
    assert fl.top_by_total(M, 5) == ["A", "B"]


def test_bilateral_balance_exact_and_bounded():
    b = fl.bilateral_balance(E)
    first = b.iloc[0]
    # B->A 7 against A->B 6: B leads by 1 (±0.01)
    assert (first.a, first.b, first.a_to_b_pct, first.b_to_a_pct) == ("B", "A", 7.0, 6.0)
    assert first.net_pp == pytest.approx(1.0) and first.leader == "B"
    # A->C 2 listed, C->A not: C->A in [0, cut-off 2] -> net in [-0.01, 2.01]: no leader
    second = b.iloc[1]
    assert math.isnan(second.b_to_a_pct) and (second.net_low, second.net_high) == pytest.approx((-0.01, 2.01))
    assert second.leader == ""
    pb = fl.partner_balance(b, "A").set_index("partner")
    assert pb.loc["B", "out_pct"] == 6.0 and pb.loc["B", "back_pct"] == 7.0 and pb.loc["B", "role"] == "net importer"
    assert pb.loc["B", "net_low"] == pytest.approx(-1.01)


def test_margin_check():
    mc = fl.margin_check(E, M).set_index("region")
    # A: out 10 + 6 + 2 = 18 of enabling 40 -> 22 left; in 10 + 7 = 17 of input 30 -> 13 left
    assert mc.loc["A", "listed_out_pct"] == 18.0 and mc.loc["A", "unlisted_out_pp"] == 22.0
    assert mc.loc["A", "listed_in_pct"] == 17.0 and mc.loc["A", "unlisted_in_pp"] == 13.0
    assert mc.loc["A", "status"] == "consistent"
    assert mc.loc["C", "status"] == "not checkable"  # C receives a flow but is not in the input list
    tight = _marg([("A", 17.0), ("B", 30.0)], [("A", 30.0), ("B", 35.0), ("C", 5.0)])
    assert fl.margin_check(E, tight).set_index("region").loc["A", "status"] == "inconsistent"  # 18 > 17 + rounding


def test_same_flow_at_two_levels():
    upper = _edges([("X", "X", 10.87), ("X", "Y", 2.86), ("Y", "X", 0.5), ("P", "Q", 0.4)])
    lower = _edges([("X", "X", 10.87), ("X", "Y", 2.82), ("Z", "Z", 1.0)])
    s = fl.same_across_levels(upper, lower, ["X", "Y"]).set_index(["source", "target"])
    assert s.loc[("X", "X"), "status"] == "same"
    assert s.loc[("X", "Y"), "status"] == "different" and s.loc[("X", "Y"), "diff_pp"] == pytest.approx(-0.04)
    assert s.loc[("Y", "X"), "status"] == "consistent"  # 0.5 is below the lower table's cut-off 1.0
    assert len(s) == 3


def test_cities_within_provinces():
    prov = _edges([("G", "B", 6.91), ("B", "B", 10.87), ("G", "S", 2.53)])
    city = _edges([("sz", "B", 5.36), ("B", "B", 10.87), ("gz", "B", 1.6), ("hz", "B", 3.0)])
    parent = {"sz": "G", "gz": "G", "B": "B", "hz": "Z"}
    w = fl.flows_within_parents(city, prov, parent).set_index(["parent_source", "parent_target"])
    assert w.loc[("G", "B"), "children_pct"] == pytest.approx(6.96)  # 5.36 + 1.60 > 6.91 + 0.015
    assert w.loc[("G", "B"), "status"] == "inconsistent"
    assert w.loc[("B", "B"), "slack_pp"] == 0.0 and w.loc[("B", "B"), "status"] == "consistent"
    assert w.loc[("Z", "B"), "parent_bound_pct"] == 2.53  # unlisted province pair: at most the cut-off
    assert w.loc[("Z", "B"), "status"] == "inconsistent"
    with pytest.raises(ValueError):
        fl.flows_within_parents(city, prov, {"sz": "G"})
    pm = _marg([("G", 30.05)], [("G", 22.93)])
    cm = _marg([("sz", 23.27), ("gz", 4.67)], [("sz", 15.31), ("gz", 5.35)])
    s = fl.shares_within_parents(cm, pm, parent).set_index(["direction", "parent"])
    assert s.loc[("enabling", "G"), "children_pct"] == pytest.approx(27.94)
    assert s.loc[("enabling", "G"), "slack_pp"] == pytest.approx(2.11)
    assert s.loc[("input", "G"), "slack_pp"] == pytest.approx(2.27)


def test_regions_reference_helpers():
    assert fl.municipalities() == ["北京市", "天津市", "上海市", "重庆市"]
    assert fl.province_of(["深圳市", "北京市", "不存在市"]) == {"深圳市": "广东省", "北京市": "北京市"}
    assert fl.regions_in_flows(E) == ["A", "B", "C"]
    assert fl.flows_among(E, ["A", "B"]) == (4, 28.0)


def test_set_finding_and_compare_sets():
    c = rst.compare_sets(["a", "b", "c"], ["b", "d"])
    assert c == {"both": ["b"], "only_stated": ["a", "c"], "only_found": ["d"]}
    ok = rst.set_finding("x", "x", 5, ["a", "b"], ["b", "a"], "z", "z", str.upper)
    assert ok["kind"] == "reproduced" and "5" in ok["zh"]
    bad = rst.set_finding("x", "x", 5, ["a", "b"], ["a"], "z", "z", str.upper)
    assert bad["kind"] == "discrepancy" and "Only in the sentence: B" in bad["en"]
    assert rst.set_finding("x", "x", 5, ["a", "b"], ["a"], "z", "z", str.upper, strict=False)["kind"] == "note"
    assert fl.place_names("a→b, c", str.upper) == "A→B, C"


def test_report_statements_on_the_published_tables():
    """Seed 001: Table 7 contradicts line 573 on Shanghai; Tables 8 and 9 disagree on two municipality flows."""
    base = published_dir() / "ai-clusters-2023"
    pm = fl.marginals(pd.read_csv(base / "province_enabling_input_share.csv"), "province")
    cm = fl.marginals(pd.read_csv(base / "city_enabling_input_share.csv"), "city")
    pe = fl.edges(pd.read_csv(base / "province_tech_flows.csv"), "from_province", "to_province")
    ce = fl.edges(pd.read_csv(base / "city_tech_flows.csv"), "from_city", "to_city")
    found = {
        st["line"]: f
        for st, f in zip(
            rst.REGION_STATEMENTS,
            rst.check_statements(
                rst.REGION_STATEMENTS, {"province": pm, "city": cm}, {"province": pe, "city": ce}, str
            ),
        )
    }
    assert found[573]["kind"] == "discrepancy" and "上海市" in found[573]["en"].split("Only in the sentence:")[1]
    assert (
        found[571]["kind"] == "reproduced" and found[601]["kind"] == "reproduced" and found[636]["kind"] == "reproduced"
    )
    assert found[629]["kind"] == "discrepancy"  # 广州市 stated, 杭州市 in the data
    nb = fl.net_balance(pm).set_index("region")
    assert nb.loc["上海市", "net_pp"] == pytest.approx(9.74 - 10.20)
    assert nb.loc["云南省", "role"] == "net importer" and nb.loc["黑龙江省", "role"] == "undetermined"
    same = fl.same_across_levels(pe, ce, fl.municipalities())
    assert sorted(same.loc[same.status == "different", "diff_pp"].round(2)) == [-0.05, -0.04]


def test_charts_build():
    import matplotlib.pyplot as plt

    nb = fl.net_balance(M)
    f1 = rch.net_balance_chart(
        nb, list(nb.region), "pp", {k: k for k in rch.ROLE_COLORS}, {"enabling": "e", "input": "i"}
    )
    f2 = rch.flow_heatmap(fl.flow_matrix(E), ["A", "B", "C"], ["A", "B", "C"], "to", "from", "%", "blank", "diag")
    assert len(f1.axes) == 1 and len(f2.axes) == 2  # heatmap + colour bar
    plt.close("all")


def test_tables_8_and_9_as_printed():
    """The ranked lists as the report prints them, in both languages, with the report's type column."""
    from ai_industry.catalog import datasets as catalog
    from ai_industry.chapters.ai_clusters_2023 import regions

    prov = catalog.load("published/ai-clusters-2023/province_tech_flows")
    zh, en = regions.printed_list(prov, "province", "zh"), regions.printed_list(prov, "province", "en")
    assert zh["rank"].tolist() == list(range(1, len(prov) + 1)) and len(zh) == 20
    assert zh.loc[0, ["flow", "share_pct", "type"]].tolist() == ["北京市-北京市", 10.87, "省内技术流动"]
    assert en.loc[2, ["flow", "type"]].tolist() == ["Guangdong → Beijing", "between provinces"]
    city = regions.printed_list(catalog.load("published/ai-clusters-2023/city_tech_flows"), "city", "en")
    assert city.loc[1, ["flow", "share_pct", "type"]].tolist() == ["Shenzhen → Beijing", 5.36, "between cities"]
    assert not city["type"].isna().any() and not en["type"].isna().any()
