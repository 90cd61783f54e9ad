"""The regions section's result object, from the published Tables 7–10 (seed 001, 六(一))."""

import pytest

from ai_industry.chapters.ai_clusters_2023 import regions as fl
from ai_industry.chapters.ai_clusters_2023 import regions_section as rg
from ai_industry.chapters.ai_clusters_2023 import regions_statements as rst
from ai_industry.present.chapter import Chapter


@pytest.fixture(scope="module")
def ch():
    return Chapter("ai-clusters-2023/regions", lang="en")


@pytest.fixture(scope="module")
def sec(ch):
    return rg.compute(ch, 20)


def test_compute_net_exporters_and_totals(sec):
    assert sec.exp_p == ["广东省", "北京市", "浙江省"]
    assert sec.exp_c == ["深圳市", "北京市", "杭州市", "合肥市"]
    assert sec.tot_p["surplus_pp"] == pytest.approx(13.92) and sec.tot_p["net_pp"] == pytest.approx(3.13)
    assert sec.tot_p["importers"] == 16
    sp = sec.split["province"]
    assert (sp["n_listed"], sp["n_intra"]) == (20, 4) and sp["intra_pct"] == pytest.approx(24.79)


def test_title_counts_find_the_table_10_mismatch(ch, sec):
    tn = rg.title_counts(ch, sec)
    assert [(p, n, k) for p, _, n, k in tn] == [("表7", 20, 20), ("表8", 20, 20), ("表9", 10, 10), ("表10", 20, 10)]


def test_municipality_flows_and_shanghai(ch, sec):
    mun, same, diff = rg.municipality_flows(sec, ch.place)
    assert mun == ["北京市", "天津市", "上海市", "重庆市"] and len(same) == 4
    assert list(diff.flow) == ["Beijing → Shanghai", "Shanghai → Beijing"]
    sh = rg.shanghai(sec)
    assert sh["province"].net_pp == pytest.approx(-0.46)
    assert sh["gives"] == ["北京市", "广东省", "浙江省"]
    assert rg.guangzhou_missing(sec)


def test_region_terms_come_from_the_terms_file():
    assert fl.term("legend:net importer", "zh") == "净输入（赋能＜输入）"
    assert rst.TABLES[("city", "flows")] == ("表9", "Table 9")
    assert rst.LEVEL_WORDS["province"] == ("省份", "provinces")


def test_partial_flow_maps_count_what_tables_8_and_9_list(sec):
    # Table 8: 20 flows, 4 within a province, over 6 provinces; Table 9: 10 flows, 4 local, over 4 cities
    assert rg.partial_flow_counts(sec.pe) == {"n": 20, "local": 4, "inter": 16, "places": 6}
    assert rg.partial_flow_counts(sec.ce) == {"n": 10, "local": 4, "inter": 6, "places": 4}
    assert {lv: (no, t) for lv, (no, t) in rg.PARTIAL_FIGURES.items()} == {"province": (16, rg.PF), "city": (17, rg.CF)}
