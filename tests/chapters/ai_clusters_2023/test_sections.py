"""The result objects the ai-clusters-2023 notebooks 01-04b format (computed once, read by both the zh and the
en sentence), checked against values computed by hand from the published tables in data/processed."""

import pytest

from ai_industry.catalog import datasets as catalog
from ai_industry.catalog import terms
from ai_industry.chapters.ai_clusters_2023 import competitiveness as ranks
from ai_industry.chapters.ai_clusters_2023 import geography as geo
from ai_industry.chapters.ai_clusters_2023 import sample_database as sdb
from ai_industry.chapters.ai_clusters_2023 import value_network as vn
from ai_industry.chapters.ai_clusters_2023 import value_network_microdata as vm

P = "published/ai-clusters-2023/"


def load(name: str):
    return catalog.load(name if "/" in name else P + name)


@pytest.fixture(scope="module")
def claims():
    return load("published/audit/claims").fillna("")


def test_geography_headline_numbers():
    g = geo.geography(load("enterprise_distribution"), load("enterprise_concentration_stated"), top_n=5)
    assert g.base == 2200
    assert list(g.metro.region) == ["长江三角洲", "京津冀", "珠江三角洲", "川渝"] and g.n_metro == 4
    assert g.metro_sum_pct == pytest.approx(90.31)
    assert (g.prov.region[0], g.prov.share_pct[0], g.city.region[0]) == ("北京市", 28.09, "北京市")
    assert list(g.conc.level) == ["metro_region", "province", "city"]


def test_competitiveness_values(claims):
    lists = ranks.indicator_lists(*(load(n) for n in ranks.LIST_INPUTS))
    c = ranks.competitiveness(load("competitiveness_ranking"), claims, lists, top_n=20, min_n=5)
    assert (c.dims, c.n_prov, c.n_city, c.k_ent) == (6, 20, 20, 5)
    assert c.munis == ["北京市", "上海市", "重庆市"] and c.dalian_missing
    assert list(c.wide.province[:3]) == ["北京市", "广东省", "上海市"]
    assert list(c.wide.city[:3]) == ["深圳市", "杭州市", "广州市"]
    assert len(c.fig_claims) == 4 and len(c.corr) == 12
    assert ranks.SOURCES["city"][3] == ranks.TECH_TABLES["city"][1] == "city_enabling_input_share"


def test_indicator_labels_come_from_the_terms_file():
    assert ranks.indicator_label("universities", "zh") == "AI大学占比"
    assert ranks.indicator_label("competitiveness", "en") == "Competitiveness index (Table 1)"
    assert list(terms.group("competitiveness_indicator"))[0] == ranks.BASE


def test_sample_database_values(claims):
    s = sdb.sample_database(load("sample_database"), claims, P + "sample_database", "en")
    assert (len(s.comp), s.policy_count, s.policy_issuers) == (8, 775, 31)
    assert (s.n_same, s.n_same_equal, len(s.body), s.n_enterprises_restated) == (35, 35, 9, 18)
    assert list(s.related["where"]) == [
        "五(二)(2), line 450",
        "五(二)(2), line 451",
        "五(二)(2), line 452",
        "一, line 219",
    ]
    assert (s.university_gap["body"], s.university_gap["value"]) == (438.0, 440.0)
    # each comparison carries the audit's verdict: 2,205 sample nodes cannot be within a 2,200-firm sample, nor
    # 438 universities with any of three programmes fewer than the 440 with one of them
    from ai_industry.catalog import audit

    judged = sdb.sample_database(
        load("sample_database"), claims, P + "sample_database", "en", audited=audit.audit_claims(claims)
    )
    assert list(judged.related["status"]) == ["discrepancy", "reproduced", "reproduced", "discrepancy"]
    assert len(s.more_enterprises) == 1 and s.more_enterprises["diff"].iloc[0] > 0
    zh = sdb.sample_database(load("sample_database"), claims, P + "sample_database", "zh")
    assert zh.related["where"].iloc[-1] == "一，219"
    assert sdb.WHAT["会议"] == (
        "在中国境内召开的人工智能类会议（脚注三）。",
        "AI conferences held in China (footnote three).",
    )


def test_value_network_values():
    v = vn.value_network(load("value_network_by_year"))
    assert v.nodes_multiple == pytest.approx(15.593005575266092)
    assert v.edges_multiple == pytest.approx(32.21176018447348)
    assert v.degree_exponent == pytest.approx(v.fit.slope - 1) and v.fit.slope == pytest.approx(1.26583, abs=1e-5)
    assert (v.relation_share_first_pct, v.relation_share_last_pct) == pytest.approx((75.0127, 92.8490), abs=1e-4)
    assert v.sample_stable_from == 2020 and len(v.path_up) == 1
    assert v.shorter_than_random_pct == pytest.approx((26.6754, 34.6727), abs=1e-4)
    assert list(v.clustering_fall.change_pct) == pytest.approx([-27.2727], abs=1e-4)
    assert (v.clustering_jump.year_from, v.clustering_jump.m) == (2019, 4.125)
    assert v.arith_rows_ok == 9 and v.arith_max_degree_gap == pytest.approx(0.000486, abs=1e-6)


def test_top_nodes_values():
    net = vn.value_network(load("value_network_by_year")).net
    top_s, top_r = load("enterprise_degree_centrality_top20"), load("relation_node_degree_centrality_top20")
    d = vn.top_nodes(top_s, top_r, net, 2022, "en")
    assert (d.sample_roles["enablers"], d.sample_roles["receivers"], list(d.receivers.node)) == (19, 1, ["小米"])
    assert d.lead_multiple == pytest.approx(1.97732, abs=1e-5)
    assert (d.year_nodes, d.year_edges) == (30765, 83815)
    assert d.sample_edges["out_pct"] == pytest.approx(27.3758, abs=1e-4)
    assert d.sample_nodes_pct == pytest.approx(100 * 20 / 30765)
    assert d.by_type.set_index("node_type").loc["university", "nodes"] == 6
    assert d.sample.node_label[0] == vn.node_label(d.sample.node[0], "en") != d.sample.node[0]
    none = vn.top_nodes(top_s, top_r, net, 1999, "en")  # a year Table 2 does not have
    assert none.year_edges is None and none.sample_edges is None


def test_value_network_labels_come_from_the_terms_file():
    assert vn.label("band", "en", conf=0.95) == "95% confidence band of the fitted mean"
    assert vn.stat_columns(load("value_network_by_year"), "en")["network_diameter"] == "Diam."
    assert vn.stat_name("total_edges_count", "en") == "Total edges" and vn.stat_name("total_edges_count") == "总边数"
    assert vn.NODE_EN["英伟达"] == "NVIDIA"


def test_microdata_on_the_demo_network(products):
    """The default network is the SYNTHETIC demo firm database's: Table 2's nodes, edges and average degree
    agree in every year, and the chapter says so from the computed statuses, never from a typed sentence."""
    t2 = load("value_network_by_year")
    net, synthetic, what = vm.load_network("", "", 2023)
    m = vm.microdata(net, t2, synthetic=synthetic)
    last = m.yearly.iloc[-1]
    assert (last.year, last.nodes, last.edges, last.pub_nodes) == (2022, 30765, 83815, 30765)
    a = m.agreement.set_index(["statistic", "year"])["status"]
    for stat in ("nodes", "edges", "average_degree"):
        assert (a.loc[stat] == "agrees").all(), stat
    assert (a.loc["average_path_length"] == "differs").all()
    # the diameter (an integer) agrees exactly where the demo's equals the printed one, the clustering where it
    # rounds to the printed three decimals — counted here from the two columns, not pinned to this demo's years
    y = m.yearly.set_index("year")
    same_d = list(y.index[y["diameter"] == y["pub_diameter"].astype(int)])
    same_c = list(y.index[(y["average_clustering"] - y["pub_average_clustering"]).abs() <= 0.0005 + 1e-12])
    assert list(a.loc["diameter"][a.loc["diameter"] == "agrees"].index) == same_d
    assert list(a.loc["average_clustering"][a.loc["average_clustering"] == "agrees"].index) == same_c
    said = vm.agreement_sentences(m.agreement)
    n_ok = int((m.agreement["status"] == "agrees").sum())
    assert n_ok == 27 + len(same_d) + len(same_c) and f"54 个数字中 {n_ok} 个一致" in said["zh"]
    clause = said["en"].split("diameter: ")[1].split(";")[0]  # e.g. "2014 and 2018–2019 agree, … differ"
    assert ("agree" in clause) == bool(same_d) and all(str(yr) in clause for yr in same_d[:1] + same_d[-1:])
    # on the demo, each path statistic that differs says why (placed in the published range, not year by year)
    off = m.agreement[m.agreement["status"] == "differs"]
    assert len(off) and off["reason"].str.contains("published range of 2014–2022").all()
    assert (m.agreement.loc[m.agreement["status"] == "agrees", "reason"] == "").all()
    assert "nodes: all 9 years agree" in said["en"]
    assert (m.deg.label[0], m.deg.out_degree[0]) == ("华为", 4882)  # Table 3's first node, its printed out-degree
    assert len(m.deg) == 30765  # the five firms that left after 2020 are not in the last year's network
    assert synthetic and vm.sources(synthetic, what) == [f"synthetic:{what}", "value_network_by_year"]
    assert vm.sources(False, "mine.csv") == ["file:mine.csv"]
    assert vm.yearly_columns("en")["pub_nodes"] == "Report"
    assert vm.degree_columns(m.deg, "zh", synthetic)["label"] == "名称"
    assert (
        "kind" not in vm.degree_columns(m.deg.drop(columns="kind"), "zh")
        and vm.degree_columns(m.deg, "en")["kind"] == "Kind"
        and "label" not in vm.degree_columns(m.deg, "en")
    )


def test_agreement_is_computed_cell_by_cell():
    import pandas as pd

    yearly = pd.DataFrame(
        {"year": [2014, 2015, 2016], "nodes": [10, 11, 12], "pub_nodes": [10, 12, 12], "diameter": [3, 3, 4],
         "pub_diameter": [3, 3, 3], "edges": [5, 6, 7], "pub_edges": [None, None, None]}
    )  # fmt: skip
    table = vm.agreement(yearly)
    assert list(table["status"]) == ["agrees", "agrees", "differs", "agrees", "agrees", "differs"]
    said = vm.agreement_sentences(table)
    assert said["zh"].startswith("与报告表2逐格比较") and "6 个数字中 4 个一致、2 个不一致" in said["zh"]
    assert "2014 and 2016 agree, 2015 differ" in said["en"] and "2014–2015 agree, 2016 differ" in said["en"]
    empty = vm.agreement(yearly.drop(columns=["pub_nodes", "pub_diameter"]))
    assert empty.empty and "none of Table 2's years" in vm.agreement_sentences(empty)["en"]
