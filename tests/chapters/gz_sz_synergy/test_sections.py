"""The result objects of the gz-sz-synergy sections (seed 000), from the published tables: the values the
notebooks' sentences format."""

import pytest

from ai_industry.chapters.gz_sz_synergy import ai_patents as ap
from ai_industry.chapters.gz_sz_synergy import co_application as ca
from ai_industry.chapters.gz_sz_synergy import patent_data as pdata
from ai_industry.chapters.gz_sz_synergy import platforms_enterprises as pe
from ai_industry.present.chapter import Chapter


@pytest.fixture(scope="module")
def pe_ch():
    return Chapter("gz-sz-synergy/platforms_enterprises", lang="en")


@pytest.fixture(scope="module")
def pat_ch():
    return Chapter("gz-sz-synergy/patents", lang="en")


def test_platforms_imply_the_provincial_totals(pe_ch):
    rows = pe.provincial_rows(pe.load(pe_ch))
    assert [(r["pair"], r["whole"], r["rest"]) for r in rows] == [(7, "11", 4), (12, "16", 4)]
    assert [r["band"] for r in rows] == ["63.55–63.65", "74.5–75.5"]


def test_shenzhen_layers_have_one_whole_split(pe_ch):
    d = pe.load(pe_ch)
    e = pe.enterprises(d)
    s = pe.layer_summary(pe_ch, d, e)
    assert s["total"] == 1318 and s["only"] == (302, 271, 745) and s["splits"] == 1
    assert s["app_pct"] == pytest.approx(56.5) and s["lower_pct"] == pytest.approx(43.5)
    assert s["ratio"] == pytest.approx(56.5 / 43.5)
    assert e["sz_rank_en"] == "2nd"
    assert [c["kind"] for c in pe.checks(d, s)] == ["reproduced"] * 3


def test_ranking_titles_and_top(pe_ch):
    r = pe.ranking(pe_ch, pe.load(pe_ch), 6)
    assert r["n_top"] == 5 and r["stated"].city == "广州" and len(r["shown"]) == 6
    assert "（" not in r["title_zh"] and " (" not in r["title_en"]


def test_co_application_links_and_iur():
    d = ca.load(Chapter("gz-sz-synergy/co_application", lang="en"), 2)
    assert (d.link["a_to_b"], d.link["b_to_a"], d.link["both"]) == (32, 54, 86)
    s = ca.partner_summary(d)
    assert s["bj"] == 140 and s["bj_ratio"] == pytest.approx(140 / 86)
    assert s["gz_others"] == ["佛山", "珠海", "东莞"] and s["sz_others"] == ["南京"]
    a = ca.applicants(d)
    assert a["iur_ratio"] == pytest.approx(4.81 / 1.85)


def test_patents_growth_table1_and_rsi(pat_ch):
    d = ap.load(pat_ch)
    g = ap.growth(d, 2)
    assert (g["l0"], g["l1"], g["e0"], g["e1"], g["years"]) == (2016, 2020, 2011, 2015, 5)
    assert g["sz_gz_later"] == pytest.approx(14945 / 7024)
    t1 = ap.table1(pat_ch, d)
    assert {c: x.ipc for c, x in t1["top"].items()} == {"广州": "G06K", "深圳": "G06F"}
    im = ap.implied(d, g, 2)
    assert im["stated"] == {"广州": 7024, "深圳": 14945}
    assert im["im"].ratio["广州"] == pytest.approx(im["im"].pooled_total["广州"] / 7024)
    r = ap.rsi(pat_ch, d, t1, im, 0.05)
    assert r["near"] == ["G06K", "G06Q"] and r["spread"] < 0.001
    assert r["spec"]["深圳"].startswith("G06F")


def test_micro_data_of_a_demo_run():
    m = pdata.load_micro("广州市", "Shenzhen", {"十二五": [2011, 2015], "十三五": [2016, 2020]}, "", 2000, 1)
    assert (m.A, m.B) == ("广州", "深圳") and m.synthetic and m.SRC[0].startswith("synthetic:")
    assert m.n_ai == int(m.pats.is_ai.sum()) and set(m.have) <= {"广州", "深圳"}
    assert m.totals == pdata.city_totals(m.pats, ["广州", "深圳"])


def test_text_evidence_of_parts_three_to_five(pe_ch):
    ev = pe.evidence(pe.load_evidence(pe_ch))
    by = ev["by"]
    assert list(by.index) == [
        "ai_chip_top100_firms",
        "domestic_cloud_top5",
        "scenario_demonstration_projects",
        "national_cross_regional_clusters",
    ]
    assert ev["chip_share_pct"] == pytest.approx(14.0)  # 14 of a TOP100
    assert (
        by.loc["scenario_demonstration_projects", "value"] == 35
        and by.loc["national_cross_regional_clusters", "value"] == 2
    )
    assert pe.evidence_value_text(5, "rank", 5, "en") == "within the top 5"
    assert pe.evidence_value_text(14, "count", 100, "zh") == "14（榜单共 100 家）"
    assert pe.evidence_value_text(35, "count", float("nan"), "en") == "35"


def test_bay_areas_keep_the_unnamed_three_as_missing():
    import matplotlib.pyplot as plt

    b = ca.bay_areas(Chapter("gz-sz-synergy/co_application", lang="en").load(ca.BAY))
    assert list(b["known"].rate_pct) == [0.95] and list(b["known"].bay_area) == ["粤港澳大湾区"]
    assert b["unknown"].rate_pct.isna().all() and int(b["unknown"].areas.iloc[0]) == 3
    fig = ca.bay_area_chart(["GBA"], [0.95], [("other three", "rate not given")], "%")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["GBA", "other three"]
    assert "rate not given" in [t.get_text() for t in ax.texts]
    plt.close(fig)
    with pytest.raises(ValueError, match="no bay area"):
        ca.bay_areas(b["unknown"])
