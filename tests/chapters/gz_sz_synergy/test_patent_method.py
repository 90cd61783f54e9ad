"""ai_industry.patent_chapters: the patent-method chapters' helpers, on a hand-made export counted by hand
(GB18030 CSV with a preamble + an xlsx file in one folder) and on small hand-built tables."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import matplotlib.pyplot as plt
import openpyxl
import pandas as pd
import pytest

from ai_industry.chapters.gz_sz_synergy import patent_method as pc
from ai_industry.chapters.gz_sz_synergy import patents as pp
from ai_industry.errors import ConfigError, DataError
from ai_industry.methods import patents as pt

REPO = Path(__file__).resolve().parents[3]
HEADER = ["序号", "公开（公告）号", "申请日", "标题", "摘要", "申请（专利权）人", "申请人地址", "IPC主分类", "专利类型"]
GZ, SZ, FS, BJ = (
    "广东省广州市天河区五山路1号",
    "广东省深圳市南山区科技园2号",
    "广东省佛山市顺德区大良3号",
    "北京市海淀区学院路4号",
)
US = "美国加利福尼亚州圣克拉拉市"
# (number, application date, title, applicants, addresses, main IPC, type) — every count below is counted by hand from these
ROWS = [
    ("CN1A", "2015-03-01", "一种人工智能方法", "广州甲大学; 深圳乙科技有限公司", f"{GZ}; {SZ}", "G06K9/62", "发明申请"),
    (
        "CN2A",
        "2016-05-02",
        "一种机器学习系统",
        "广州丙科技有限公司; 佛山丁电子有限公司",
        f"{GZ}; {FS}",
        "G06F16/35",
        "发明申请",
    ),
    ("CN3A", "2017-01-03", "一种神经网络装置", "广州戊大学; 广州己有限公司", f"{GZ}; {GZ}", "G06K9/00", "发明申请"),
    (
        "CN4A",
        "2018-07-04",
        "人工智能设备",
        "广州庚研究院; 深圳辛有限公司; 佛山壬有限公司",
        f"{GZ}; {SZ}; {FS}",
        "G06T7/00",
        "发明申请",
    ),
    ("CN5A", "2018-01-05", "图像识别芯片", "深圳癸有限公司; 北京子大学", f"{SZ}; {BJ}", "G06K9/46", "发明申请"),
    ("CN6A", "2019-02-06", "人工智能平台", "深圳丑有限公司; 广州寅大学", f"{SZ}; {GZ}", "G06N3/04", "发明申请"),
    ("CN7U", "2017-03-07", "人工智能终端", "深圳卯有限公司", SZ, "G06F3/01", "实用新型"),
    ("CN8A", "2012-04-08", "语音识别方法", "广州辰大学", GZ, "G10L15/22", "发明申请"),
    ("CN9A", "2016-05-09", "人工智能影像", "广州巳医院", GZ, "G06K9/62", "发明申请"),
    ("CN10U", "2019-08-12", "一种齿轮", "广州未有限公司", GZ, "F16H1/28", "实用新型"),
    ("CN11A", "2020-09-13", "人工智能交通", "Nova Inc.", US, "G06K9/62", "发明申请"),
    (
        "CN1A",
        "2015-03-01",
        "一种人工智能方法",
        "广州甲大学; 深圳乙科技有限公司",
        f"{GZ}; {SZ}",
        "G06K9/62",
        "发明申请",
    ),  # duplicate
]
PERIODS = {"A": (2012, 2015), "B": (2016, 2019)}


def _rows(rows):
    return [
        [i, pn, d, t, f"本发明涉及{t}。", a, ad, ipc, ty] for i, (pn, d, t, a, ad, ipc, ty) in enumerate(rows, start=1)
    ]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Rows 1–8 in a GB18030 CSV with two preamble lines, rows 9–12 in an xlsx with a title row."""
    d = tmp_path_factory.mktemp("export")
    buf = io.StringIO()
    buf.write("智慧芽专利检索导出\n检索式: TA=(人工智能)\n")
    csv.writer(buf, lineterminator="\n").writerows([HEADER] + _rows(ROWS[:8]))
    (d / "导出一.csv").write_bytes(buf.getvalue().encode("gb18030"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "专利列表"
    ws.append(["检索结果"])
    ws.append(HEADER)
    for r in _rows(ROWS[8:]):
        ws.append(r)
    wb.save(d / "导出二.xlsx")
    return d


@pytest.fixture(scope="module")
def hand(folder) -> tuple[pt.PatentExport, pt.PatentAnalysis]:
    export, synthetic, what = pc.load_patents(str(folder))
    assert not synthetic and what == "导出一.csv, 导出二.xlsx"
    return export, pt.analyse(export)


# ---- parameters ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, key",
    [
        ("广州市", "广州"),
        ("广州", "广州"),
        ("北京", "北京"),
        (" 深圳市 ", "深圳"),
        ("香港特别行政区", "香港"),
        ("Beijing", "北京"),
        ("guangzhou", "广州"),
    ],
)
def test_city_key(name, key):
    assert pc.city_key(name) == key


def test_city_key_and_pair_errors():
    with pytest.raises(ConfigError, match="empty"):
        pc.city_key("  ")
    with pytest.raises(ConfigError, match="Chinese name"):
        pc.city_key("Atlantis")
    with pytest.raises(ConfigError, match="same city"):
        pc.city_pair("广州市", "广州")
    assert pc.city_pair("广州市", "Shenzhen") == ("广州", "深圳")


def test_periods():
    assert pc.check_periods({"十二五": [2011, 2015], "十三五": [2016, 2020]}) == {
        "十二五": (2011, 2015),
        "十三五": (2016, 2020),
    }
    for bad in ({"a": [2011, 2015]}, {"a": [2015, 2011], "b": [2016, 2020]}, {"a": "x", "b": [1, 2]}, [2011, 2015]):
        with pytest.raises(ConfigError):
            pc.check_periods(bad)
    assert pc.period_label("十二五", (2011, 2015), "zh") == "“十二五”（2011—2015年）"
    assert pc.period_label("十二五", (2011, 2015), "en") == "12th Five-Year Plan (2011–2015)"
    assert pc.period_label("early", (2011, 2013), "en") == "early (2011–2013)"


def test_export_paths(folder, tmp_path):
    assert [p.name for p in pc.export_paths(str(folder))] == ["导出一.csv", "导出二.xlsx"]
    assert [p.name for p in pc.export_paths(f"{folder}/*.csv")] == ["导出一.csv"]
    assert [p.name for p in pc.export_paths(f"{folder}/导出二.xlsx; {folder}/导出一.csv")] == [
        "导出二.xlsx",
        "导出一.csv",
    ]
    with pytest.raises(DataError, match="no export file"):
        pc.export_paths(str(tmp_path))
    with pytest.raises(ConfigError):
        pc.export_paths(" ; ")


# ---- the import ----------------------------------------------------------------------------------------------------
def test_import_report(hand):
    export, _ = hand
    s = pc.import_summary(export)
    # 12 rows read, CN1A twice -> 11 patents; applicants 2+2+2+3+2+2+1+1+1+1+1 = 18; co-applied CN1A..CN6A = 6
    assert s == {"files": 2, "rows_read": 12, "duplicates_dropped": 1, "patents": 11, "applicants": 18, "co_applied": 6}
    f = pc.import_files(export)
    assert f[["file", "encoding", "sheet", "header_row", "rows"]].values.tolist() == [
        ["导出一.csv", "gb18030", "", 3, 8],
        ["导出二.xlsx", "", "专利列表", 2, 4],
    ]
    assert f["address_aligned"].tolist() == [8, 4] and f["address_none"].sum() == 0
    m = pc.header_mapping(export, "en").set_index("field")
    assert m.loc["application_date", "headers"] == "申请日" and m.loc["applicants", "field_label"] == "applicants"
    assert "publication_number" in m.index and "abstract" in m.index
    text = pc.import_sentences(s, f)
    assert (
        "12 行" in text["zh"]
        and "去重删去 1 行" in text["zh"]
        and "gb18030" in text["en"]
        and "11 patents" in text["en"]
    )


def test_demo_loading_is_labelled_synthetic():
    export, synthetic, what = pc.load_patents("", demo_rows=500, seed=7)
    assert synthetic and what.startswith("SYNTHETIC_patsnap_export_500_seed7") and "500 rows" in what
    assert len(export.patents) == 500 and export.patents["note"].str.contains("SYNTHETIC").all()
    assert pc.demo_scale(20_000) == 0.2 and pc.demo_scale(250_000) == 1.0
    zh, en = pc.synthetic_notice("zh", 20_000), pc.synthetic_notice("en", 20_000)
    assert "SYNTHETIC" in zh and "20%" in zh and "不是" in zh and "SYNTHETIC" in en and "20%" in en
    assert "完全相同" in pc.synthetic_notice("zh", 100_000)


def test_the_build_product_is_read_when_it_is_the_requested_demo(tmp_path):
    """The build's demo export (product demo/patents) is read as the generated one would be; for other rows or
    another seed the demo is generated, as before; the product refuses a file name the chapters would not know."""
    from ai_industry.methods.demo import patents as dp

    target = dp.demo_path(500, 7, tmp_path)
    dp.write_product({"export": target}, rows=500, seed=7)
    built, synthetic, what = pc.load_patents("", demo_rows=500, seed=7, demo=target)
    generated, _, what_generated = pc.load_patents("", demo_rows=500, seed=7)
    assert synthetic and what == what_generated
    pd.testing.assert_frame_equal(built.patents, generated.patents)
    target.write_text("not read: another size is asked for", encoding="utf-8")
    other, _, _ = pc.load_patents("", demo_rows=400, seed=7, demo=target)
    assert len(other.patents) == 400
    with pytest.raises(ConfigError, match="SYNTHETIC_patsnap_export_500_seed7.csv"):
        dp.write_product({"export": tmp_path / "demo.csv"}, rows=500, seed=7)


# ---- identification, applicants, cities ------------------------------------------------------------------------------
def test_keyword_contributions(hand):
    _, an = hand
    kw = pd.read_csv(REPO / "data/raw/published/gz-sz-synergy/patent_search_keywords.csv")
    t = pc.keyword_contributions(an.identification.summary, kw).set_index("keyword")
    assert len(t) == 22 and t["order"].tolist() == list(range(1, 23))
    # 人工智能 in CN1A, CN4A, CN6A, CN7U, CN9A, CN11A; one patent each for 机器学习, 神经网络, 图像识别, 语音识别
    assert t.loc["人工智能", "ai_patents_matched"] == 6 and t.loc["人工智能", "only_this_rule"] == 6
    assert t.loc["人工智能", "share_of_ai_pct"] == pytest.approx(60.0)
    assert t.loc["机器学习", "matched_in_title"] == 1 and t.loc["机器学习", "matched_in_abstract"] == 1
    assert t.loc["自然语言处理", "ai_patents_matched"] == 0
    assert t["added_in_order"].sum() == int(an.identification.is_ai.sum()) == 10
    fig = pc.keyword_chart(t.reset_index(), list(t.index), "n", "matched", "only")
    assert len(fig.axes[0].patches) == 44
    plt.close(fig)


def test_applicant_types(hand):
    _, an = hand
    t = pc.applicant_types(an.applicants).set_index("type")
    # universities 甲 戊 子 寅 辰; one institute (庚研究院), one hospital (巳医院); eleven enterprises (Nova Inc. included)
    assert t["applicants_count"].to_dict() == {
        "university": 5,
        "research_institute": 1,
        "hospital": 1,
        "enterprise": 11,
        "individual": 0,
        "other": 0,
    }
    assert t["first_applicants_count"].to_dict()["university"] == 3 and t.loc[
        "university", "first_share_pct"
    ] == pytest.approx(300 / 11)
    assert (
        t.loc["enterprise", "applicants_share_pct"] == pytest.approx(1100 / 18)
        and t.loc["hospital", "label_zh"] == "医院"
    )


def test_cities_ranking_positions_and_unlocated(hand):
    _, an = hand
    pats = an.patents
    assert pc.unlocated_ai_patents(pats) == 1  # CN11A, a Californian address
    r = pc.city_ranking(pats, 1)
    assert r["city"].tolist() == ["广州", pc.REST] and r["patents_count"].tolist() == [6, 3]
    assert r["share_pct"].tolist() == pytest.approx([200 / 3, 100 / 3])
    pos = pc.city_positions(pats, ["深圳", "成都"])
    assert pos["深圳"] == {"rank": 2, "patents": 3, "cities": 2, "share_pct": pytest.approx(100 / 3)}
    assert pos["成都"]["rank"] is None and pos["成都"]["patents"] == 0
    assert pc.status_label("not_found", "en").startswith("no place") and pc.status_label("ok", "zh") == "已定位到城市"
    assert pc.city_totals(pats, ["广州", "深圳", "成都"]) == {"广州": 6, "深圳": 3, "成都": 0}
    assert pc.missing_cities_notice({"广州": 6, "成都": 0}, "zh").startswith("数据中没有第一申请人在成都")
    assert (
        "Chengdu" in pc.missing_cities_notice({"成都": 0}, "en") and pc.missing_cities_notice({"广州": 1}, "en") is None
    )


def test_periods_and_years(hand):
    _, an = hand
    pats = an.patents
    t = pc.period_table(pats, PERIODS, ["广州", "深圳", "成都"]).set_index("city")
    # 广州: A = CN8A (2012) + CN1A (2015); B = CN2A, CN9A (2016), CN3A (2017), CN4A (2018); 深圳: B = CN7U, CN5A, CN6A
    assert t[["A", "B"]].values.tolist() == [[2, 4], [0, 3], [0, 0]]
    assert t.loc["广州", "multiple"] == 2.0 and t.loc["广州", "annual_growth_pct"] == pytest.approx(100 * (2**0.25 - 1))
    assert math.isnan(t.loc["深圳", "multiple"]) and math.isnan(t.loc["成都", "multiple"])
    text = pc.period_sentences(
        t.reset_index().head(2), PERIODS, {"广州": "广州", "深圳": "深圳"}, {"A": "A", "B": "B"}, "zh"
    )
    assert "2.00 倍" in text and "A没有专利" in text
    y = pc.yearly_counts(pats, ["广州"])
    assert y["year"].tolist() == list(range(2012, 2019)) and y["patents_count"].tolist() == [1, 0, 0, 1, 2, 1, 1]
    fig = pc.yearly_chart(pc.yearly_counts(pats, ["广州", "深圳"]), PERIODS, {"广州": "GZ", "深圳": "SZ"}, {}, "n")
    assert len(fig.axes[0].lines) == 2
    plt.close(fig)


def test_table1_shape_and_rsi_by_hand():
    fields = pd.DataFrame(
        {
            "city": ["A", "A", "A", "B", "B", "B"],
            "ipc_subclass": ["X", "Y", "Z", "Y", "X", "W"],
            "patents_count": [6, 3, 1, 8, 2, 2],
            "rank": [1, 2, 3, 1, 2, 2],
            "title_zh": ["甲", "乙", "丙", "乙", "甲", "丁"],
            "title_en": ["x", "y", "z", "y", "x", "w"],
        }
    )
    totals = {"A": 12, "B": 12}
    t = pc.table1_shape(fields, ["A", "B"], totals, top_n=1)
    # the top-1 of A is X, of B is Y; ordered by the two cities' count together: Y 11, X 8; the rest A 3, B 2
    assert t["ipc_subclass"].tolist() == ["Y", "X", pc.REST]
    assert t["c0_count"].tolist() == [3, 6, 3] and t["c1_count"].tolist() == [8, 2, 2]
    assert t["c0_share_pct"].tolist() == pytest.approx([25.0, 50.0, 25.0]) and t[
        "c1_share_pct"
    ].tolist() == pytest.approx([200 / 3, 50 / 3, 50 / 3])
    assert t["c0_rank"].tolist()[:2] == [2, 1] and pd.isna(t["c0_rank"].iloc[2])
    rsi = pp.revealed_specialisation(pc.rsi_input(t, ["A", "B"]), totals, key="ipc_subclass").set_index(
        ["city", "ipc_subclass"]
    )["rsi"]
    # Y: pair share 11/24; A 3/12 -> 6/11, B 8/12 -> 16/11; X: pair 8/24; A 6/12 -> 1.5, B 2/12 -> 0.5; rest: pair 5/24; A 1.2, B 0.8
    assert rsi[("A", "Y")] == pytest.approx(6 / 11) and rsi[("B", "Y")] == pytest.approx(16 / 11)
    assert rsi[("A", "X")] == pytest.approx(1.5) and rsi[("B", "X")] == pytest.approx(0.5)
    assert rsi[("A", pc.REST)] == pytest.approx(1.2) and rsi[("B", pc.REST)] == pytest.approx(0.8)
    full = pc.table1_shape(fields, ["A", "B"], {"A": 10, "B": 12}, top_n=3)
    assert pc.REST not in set(full["ipc_subclass"])  # nothing left in either city -> no remainder row
    assert pc.subclass_label("G06K", "数据识别；数据表示", "RECOGNITION OF DATA; PRESENTATION", "zh") == "G06K 数据识别"
    assert pc.subclass_label("G06K", "", "RECOGNITION OF DATA; PRESENTATION", "en") == "G06K Recognition of data"


def test_calibration_at_scale():
    check = pd.DataFrame(
        [
            {"measure": "patents 2016-2020", "city": "广州", "key": "", "target": 7024, "computed": 1405, "ok": False},
            {
                "measure": "multiple 十三五/十二五",
                "city": "广州",
                "key": "",
                "target": 10.74,
                "computed": 10.73,
                "ok": False,
            },
            {"measure": "Table 1 rank", "city": "广州", "key": "G06K", "target": 1, "computed": 2, "ok": False},
            {"measure": "partner count", "city": "广州", "key": "深圳", "target": 32, "computed": 7, "ok": False},
            {"measure": "partner count", "city": "深圳", "key": "北京", "target": 45, "computed": 22, "ok": False},
            {"measure": "invention share %", "city": "深圳", "key": "", "target": 80, "computed": 85.3, "ok": True},
        ]
    )
    small = pc.calibration_at_scale(check.iloc[:4], 20_000)
    # 7024 × 0.2 = 1404.8 -> 1405; 32 × 0.2 = 6.4 -> 6 (computed 7: a miss); shares and ranks are not scaled
    assert small["expected"].tolist() == [1405, 10.74, 1, 6]
    assert small["status"].tolist() == ["exact", "approximate", "miss", "miss"]
    assert small["diff"].tolist() == pytest.approx([0, -0.01, 1, 1])
    half = pc.calibration_at_scale(check.iloc[4:], 50_000)
    assert half["expected"].tolist() == [22, 80] and half["status"].tolist() == [
        "exact",
        "exact",
    ]  # 22.5 rounds half to even
    full = pc.calibration_at_scale(check.iloc[:2], 100_000)
    assert full["status"].tolist() == ["miss", "miss"]
    shown = pc.calibration_display(small, "zh")
    assert shown["expected_text"].tolist() == ["1,405", "10.74", "1", "6"] and shown["diff_text"].tolist() == [
        "",
        "-0.01",
        "+1",
        "+1",
    ]
    assert shown["status_label"].tolist() == ["相符", "近似", "不符", "不符"] and shown["key_label"].tolist()[2:] == [
        "G06K",
        "深圳",
    ]
    assert pc.calibration_display(small, "en")["key_label"].tolist()[3] == "Shenzhen"


# ---- co-application --------------------------------------------------------------------------------------------------
def test_partners_coverage_and_pair(hand):
    _, an = hand
    pats, apps = an.patents, an.applicants
    partners = pt.partner_cities(pats, apps, cities=["广州", "深圳"])
    gz = pc.partner_list(partners, "广州", 5)
    # 广州's co-applied AI patents CN1A..CN4A (4); partners 深圳 (CN1A, CN4A), 佛山 (CN2A, CN4A); cross-city CN1A, CN2A, CN4A
    assert gz["partner_city"].tolist() == ["佛山", "深圳"] and gz["patents_count"].tolist() == [2, 2]
    assert gz["share_pct"].tolist() == pytest.approx([50.0, 50.0]) and gz["share_cross_pct"].tolist() == pytest.approx(
        [200 / 3] * 2
    )
    assert pc.partner_list(partners, ["广州", "深圳"], 1)["partner_city"].tolist() == ["佛山", "北京"]
    cov = pc.partner_coverage(pats, apps, "广州", ["深圳"])
    assert cov == {
        "total": 4,
        "listed": 2,
        "other_only": 1,
        "no_other_city": 1,
        "listed_pct": 50.0,
        "other_only_pct": 25.0,
        "no_other_city_pct": 25.0,
    }
    assert pc.coverage_table({"广州": cov})["listed"].tolist() == [2]
    pair = pc.pair_counts(partners, an.tables["city_pairs"], "广州", "深圳")
    # 广州→深圳 CN1A, CN4A; 深圳→广州 CN6A; both cities anywhere: CN1A, CN4A, CN6A; co-applied 4 + 2
    assert pair == {
        "a_to_b": 2,
        "b_to_a": 1,
        "both": 3,
        "any_position": 3,
        "co_applied_a": 4,
        "co_applied_b": 2,
        "share_pct": 50.0,
    }
    published = pd.DataFrame(
        {
            "first_applicant_city": ["广州", "广州"],
            "partner_city": ["深圳", "东莞"],
            "patents_count": [32, 36],
            "first_city_total_count": [882, 882],
        }
    )
    side = pc.beside_published_partners(partners, published)
    assert side["published_share_pct"].tolist() == pytest.approx([3200 / 882, 3600 / 882])
    assert side["computed_count"].tolist() == [2, 0] and side["computed_share_pct"].tolist() == pytest.approx(
        [50.0, 0.0]
    )
    assert side["computed_total"].tolist() == [4, 4]


def test_trend_periods_and_fields(hand):
    _, an = hand
    pats, apps = an.patents, an.applicants
    partners = pt.partner_cities(pats, apps, cities=["广州", "深圳"])
    prs = pc.trend_pairs(partners, "广州", "深圳", k=1)
    assert prs == [("广州", "深圳"), ("广州", "佛山"), ("深圳", "广州"), ("深圳", "北京")]
    trend = pt.partner_trend(pats, apps, pairs=prs)
    s = pc.trend_summary(trend).set_index(["first_applicant_city", "partner_city"])
    # 广州→深圳 in 2015 and 2018 over 2015-2019: total 2, first 2015, the earliest peak 2015, last year 2019 with 0
    assert s.loc[("广州", "深圳")].tolist() == [2, 2015, 2015, 1, 2019, 0]
    assert s.loc[("深圳", "广州"), "peak_year"] == 2019 and s.loc[("深圳", "北京"), "first_year"] == 2018
    per = pc.pair_periods(trend, PERIODS)
    assert per[["A", "B"]].values.tolist() == [[1, 1], [0, 2], [0, 1], [0, 1]]
    fig = pc.trend_chart(trend, "广州", "深圳", str, str, "n")
    assert len(fig.axes[0].lines) == 2 and len(fig.axes[1].lines) == 2
    plt.close(fig)
    pf = pt.partner_fields(pats, apps, pairs=prs, top=None)
    mat = pc.field_matrix(pf, prs, top=1)
    # tops by count then code: 广州→深圳 G06K (G06K, G06T 1 each), 广州→佛山 G06F, 深圳→广州 G06N, 深圳→北京 G06K
    assert list(mat.columns) == ["G06K", "G06F", "G06N", pc.REST]
    assert mat.values.tolist() == [[50, 0, 0, 50], [0, 50, 0, 50], [0, 0, 100, 0], [100, 0, 0, 0]]
    top = pc.pair_top_fields(pf, [("深圳", "北京"), ("广州", "深圳")], 1)
    assert top["ipc_subclass"].tolist() == ["G06K", "G06K"] and top["partner_city"].tolist() == ["北京", "深圳"]
    fig = pc.field_heatmap(mat, ["a", "b", "c", "d"], list(mat.columns), "%")
    plt.close(fig)


def test_iur_and_sole_structure(hand):
    _, an = hand
    pats = an.patents
    iur = pc.iur_table(pats, ["广州", "深圳", "成都"]).set_index("city")
    # 产学研: CN1A (大学 + 公司), CN3A, CN4A (研究院 + 公司) for 广州; CN5A, CN6A for 深圳; CN2A is two firms
    assert iur.loc["广州", ["patents_count", "co_applied_count", "cross_city_count", "iur_count"]].tolist() == [
        6,
        4,
        3,
        3,
    ]
    assert iur.loc["广州", "iur_share_pct"] == pytest.approx(50.0) and iur.loc[
        "广州", "iur_share_of_co_applied_pct"
    ] == pytest.approx(75.0)
    assert (
        iur.loc["深圳", "iur_share_pct"] == pytest.approx(200 / 3)
        and iur.loc["深圳", "iur_share_of_co_applied_pct"] == 100
    )
    assert iur.loc["成都", "patents_count"] == 0 and math.isnan(iur.loc["成都", "iur_share_pct"])
    rules = pt.load_applicant_type_rules()
    sole = pt.sole_applicant_structure(pats, cities=["广州", "深圳"], type_rules=rules)
    sh = pc.structure_shares(sole, ["广州", "深圳"], list(rules.types))
    # 广州's sole AI patents: CN8A (大学), CN9A (医院); 深圳's: CN7U (公司)
    assert sh.loc["广州"].tolist() == [50.0, 0, 50.0, 0, 0, 0] and sh.loc["深圳", "enterprise"] == 100.0
    published = pd.DataFrame(
        {
            "city": ["广州", "深圳", "广州"],
            "indicator": [
                "sole_applicant_public_institutions",
                "sole_applicant_enterprises",
                "industry_university_research_coapplication",
            ],
            "share_pct": [40.0, 90.0, 4.81],
            "qualifier": ["约", "约…左右", None],
        }
    )
    side = pc.beside_published_structure(sole, iur.reset_index(), published)
    assert side["computed_pct"].tolist() == pytest.approx([100.0, 100.0, 50.0]) and side["qualifier"].tolist() == [
        "约",
        "约…左右",
        "",
    ]
    fig = pc.structure_chart(sh, ["广州", "深圳"], list(rules.types), "%")
    plt.close(fig)
