"""Patent micro-data method (ai_industry.patents): importers, rules, applicant types, cities, co-application,
periods, and the SYNTHETIC demo's calibration. Hand-made exports are small files written here."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
import yaml

from ai_industry.errors import ConfigError, DataError
from ai_industry.methods import patents as pt
from ai_industry.methods.demo import patents as dp

REPO = Path(__file__).resolve().parents[2]
HEADER = [
    "序号",
    "公开（公告）号",
    "申请号",
    "申请日",
    "标题",
    "摘要",
    "申请（专利权）人",
    "申请人地址",
    "IPC主分类",
    "IPC分类",
    "专利类型",
]
GZ, SZ, FS = "广东省广州市天河区五山路1号", "广东省深圳市南山区科技园2号", "广东省佛山市顺德区大良3号"
BJ, SH, CQ, HK = (
    "北京市海淀区学院路4号",
    "上海市浦东新区张江5号",
    "重庆市渝北区金开大道6号",
    "香港特别行政区沙田区科学园7号",
)
# (number, date, title, applicants, addresses, main IPC, type): the co-application set counted by hand in the tests
ROWS = [
    ("CN1A", "2019-03-01", "一种人工智能方法", "广州甲大学; 深圳乙科技有限公司", f"{GZ}; {SZ}", "G06K9/62", "发明申请"),
    (
        "CN2A",
        "2019/5/2",
        "一种人工智能系统",
        "广州丙科技有限公司；佛山丁电子有限公司",
        f"{GZ}；{FS}",
        "G06F16/35",
        "发明申请",
    ),
    ("CN3A", "2020年1月3日", "一种人工智能装置", "广州戊大学|广州己有限公司", f"{GZ}|{GZ}", "G06K9/00", "发明授权"),
    (
        "CN4A",
        "20200704",
        "人工智能设备",
        "广州庚研究院; 深圳辛有限公司; 佛山壬有限公司",
        f"{GZ}; {SZ}; {FS}",
        "G06T7/00",
        "发明申请",
    ),
    ("CN5A", "2018-01-05", "人工智能芯片", "深圳癸有限公司; 北京子大学", f"{SZ}; {BJ}", "G06K9/46", "发明申请"),
    ("CN6A", "2018-02-06", "人工智能平台", "深圳丑有限公司; 广州寅大学", f"{SZ}; {GZ}", "G06N3/04", "发明申请"),
    ("CN7U", "2017-03-07", "人工智能终端", "深圳卯有限公司", SZ, "G06F3/01", "实用新型"),
    ("CN8A", "2016-04-08", "人工智能语音", "广州辰大学", GZ, "G10L15/22", "发明申请"),
    ("CN9A", "2016-05-09", "人工智能影像", "广州巳医院", GZ, "G06K9/62", "发明申请"),
    ("CN10A", "2015-06-10", "人工智能金融", "广州午有限公司", GZ, "G06Q40/04", "发明申请"),
    ("CN11U", "2014-07-11", "人工智能玩具", "张三", GZ, "G06K9/00", "实用新型"),
    ("CN12U", "2019-08-12", "一种齿轮", "广州未有限公司", GZ, "F16H1/28", "实用新型"),
    ("CN13A", "2019-09-13", "人工智能交通", "重庆申有限公司; 香港酉大学", f"{CQ}; {HK}", "G06K9/62", "发明申请"),
    ("CN14A", "2019-10-14", "人工智能安防", "上海戌有限公司; 北京亥有限公司", f"{SH}; {BJ}", "G06T7/20", "发明申请"),
]


def export_rows(rows=ROWS) -> list[list[str]]:
    out = [HEADER]
    for i, (pn, d, title, apps, addr, ipc, typ) in enumerate(rows, start=1):
        out.append([str(i), pn, f"CN20{i:02d}1{i:07d}.1", d, title, f"本发明涉及{title}。", apps, addr, ipc, ipc, typ])
    return out


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8", preamble: list[str] = ()) -> Path:
    buf = io.StringIO()
    for line in preamble:
        buf.write(line + "\n")
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


@pytest.fixture(scope="module")
def hand(tmp_path_factory) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The hand-made co-application export, read (GB18030, preamble rows) and annotated."""
    path = write_csv(
        tmp_path_factory.mktemp("hand") / "导出.csv",
        export_rows(),
        "gb18030",
        preamble=["智慧芽专利检索导出", "检索式: TA=(人工智能)"],
    )
    e = pt.read_export(path)
    ident = pt.identify_ai(e.patents)
    apps = pt.add_applicant_info(e.applicants)
    return pt.annotate(e.patents, apps, ident), apps


# ---- rule files --------------------------------------------------------------------------------------------------
def test_ai_rules_are_the_seed_keywords_in_order():
    kw = pd.read_csv(REPO / "data/raw/published/gz-sz-synergy/patent_search_keywords.csv")
    rules = [r for r in pt.load_ai_rules() if r.group == "keyword"]
    assert [r.zh for r in rules] == [(k,) for k in kw["keyword"]]
    assert len(rules) == 22 and all(r.enabled for r in rules)
    assert {r.group for r in pt.load_ai_rules()} == {"keyword", "ipc"}


def test_rule_files_extend_and_validate(tmp_path):
    user = tmp_path / "my_rules.yaml"
    user.write_text(
        yaml.safe_dump(
            {
                "extends": "default",
                "rules": [
                    {"id": "kw_llm", "group": "keyword", "zh": ["大模型"], "en": ["large language model"]},
                    {"id": "kw22_ai", "group": "keyword", "zh": ["人工智能", "AI芯片"]},
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    rules = {r.id: r for r in pt.load_ai_rules(user)}
    assert len(rules) == 30 and rules["kw22_ai"].zh == ("人工智能", "AI芯片") and "kw_llm" in rules
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - {id: x, group: ipc, ipc: [G6N]}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not IPC"):
        pt.load_ai_rules(bad)
    hdr = pt.load_header_rules(extra={"application_date": ["受理日"]})
    assert hdr.fields["application_date"][0] == "受理日"
    types = tmp_path / "types.yaml"
    types.write_text(
        yaml.safe_dump(
            {"extends": "default", "rules": [{"id": "pengcheng", "type": "research_institute", "contains": ["鹏城"]}]},
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    got = pt.classify_applicants(pd.Series(["鹏城智能有限公司", "腾讯科技有限公司"]), types, return_rule=True)
    assert got["type"].tolist() == ["research_institute", "enterprise"] and got["rule"].iloc[0] == "pengcheng"


# ---- importers -----------------------------------------------------------------------------------------------------
def test_gb18030_export_with_preamble_and_multi_applicant_cells(hand):
    pats, apps = hand
    assert len(pats) == 14 and len(apps) == 23
    assert pats["n_applicants"].tolist() == [2, 2, 2, 3, 2, 2, 1, 1, 1, 1, 1, 1, 2, 2]
    assert pats["application_date"].dt.strftime("%Y-%m-%d").tolist()[:4] == [
        "2019-03-01",
        "2019-05-02",
        "2020-01-03",
        "2020-07-04",
    ]
    assert pats["ipc_subclass"].astype(str).tolist()[:3] == ["G06K", "G06F", "G06K"]
    assert pats["patent_type"].astype(str).tolist()[6] == "utility_model"
    p4 = apps[apps["patent"] == 3]
    assert p4["name"].tolist() == ["广州庚研究院", "深圳辛有限公司", "佛山壬有限公司"] and p4["seq"].tolist() == [
        1,
        2,
        3,
    ]
    assert p4["city"].astype(str).tolist() == ["广州", "深圳", "佛山"]


def test_utf8_bom_utf8_and_gb18030_read_alike(tmp_path):
    rows = export_rows()
    frames = [
        pt.read_export(write_csv(tmp_path / f"e_{enc}.csv", rows, enc)) for enc in ("utf-8", "utf-8-sig", "gb18030")
    ]
    encs = [f.info["files"][0]["encoding"] for f in frames]
    assert encs == ["utf-8-sig", "utf-8-sig", "gb18030"]
    for f in frames[1:]:
        pd.testing.assert_frame_equal(
            f.patents.drop(columns="source_file"), frames[0].patents.drop(columns="source_file")
        )
        pd.testing.assert_frame_equal(f.applicants, frames[0].applicants)


def test_utf8_start_gb18030_later_falls_back(tmp_path):
    head = "Publication Number,Application Date,Title,Applicants,Applicant Address\n"
    ascii_rows = "".join(f"CN{i}A,2019-01-01,plain title {i},Acme Inc.,Somewhere\n" for i in range(6000))
    tail = "CN999999A,2020-02-02,人工智能方法,华为技术有限公司,广东省深圳市龙岗区\n"
    path = tmp_path / "mixed.csv"
    path.write_bytes(head.encode() + ascii_rows.encode() + tail.encode("gb18030"))
    assert path.stat().st_size > 256 * 1024
    e = pt.read_export(path)
    assert e.info["files"][0]["encoding"] == "gb18030" and e.patents["title"].iloc[-1] == "人工智能方法"


def test_xlsx_export_with_title_row_and_excel_dates(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "说明"
    ws.append(["本工作簿由检索平台导出"])
    data = wb.create_sheet("专利列表")
    data.append(["智慧芽 导出 2022-05-01"])
    data.append(["公开(公告)号", "申请号", "申请日", "标题", "申请(专利权)人", "申请人地址", "IPC主分类号", "专利类型"])
    data.append(
        [
            "CN1A",
            "CN201910000001.1",
            dt.datetime(2019, 3, 5),
            "一种基于机器学习的方法",
            "清华大学|华为技术有限公司",
            "北京市海淀区|广东省深圳市龙岗区",
            "G06N 3/08",
            "发明申请",
        ]
    )
    data.append(
        ["CN2B", "CN201810000002.2", 43529, "一种图像识别装置", "张三", "重庆市渝北区", "G06K 9/62", "发明授权"]
    )
    data.append([None] * 8)
    data.append(
        [
            "CN3U",
            "CN202020000003.3",
            "2020.06.30",
            "一种扫地机器人",
            "深圳市某某科技有限公司",
            "广东省深圳市宝安区",
            "A47L11/24",
            "实用新型",
        ]
    )
    wb.save(tmp_path / "export.xlsx")
    e = pt.read_export(tmp_path / "export.xlsx")
    f = e.info["files"][0]
    assert (f["format"], f["sheet"], f["header_row"]) == ("xlsx", "专利列表", 2)
    assert len(e.patents) == 3 and e.patents["n_applicants"].tolist() == [2, 1, 1]
    assert e.patents["application_date"].dt.strftime("%Y-%m-%d").tolist() == ["2019-03-05", "2019-03-05", "2020-06-30"]
    assert (
        e.patents["ipc_main"].tolist()[0] == "G06N3/08" and e.applicants["address"].tolist()[1] == "广东省深圳市龙岗区"
    )


def test_english_headers_and_extra_mapping(tmp_path):
    rows = [
        ["Publication No.", "受理日", "Title", "Abstract", "Applicant", "Address", "Main IPC", "Patent Type"],
        [
            "CN1A",
            "2019-01-02",
            "Neural network based recognition",
            "An artificial-intelligence method.",
            "Tsinghua University; Huawei Technologies Co., Ltd.",
            "北京市海淀区; 广东省深圳市龙岗区",
            "G06N3/04",
            "Invention",
        ],
    ]
    path = write_csv(tmp_path / "en.csv", rows)
    with pytest.raises(DataError, match="application_date"):
        pt.read_export(path)
    e = pt.read_export(path, extra_headers={"application_date": ["受理日"]})
    assert e.patents["patent_type"].astype(str).tolist() == ["invention"]
    ident = pt.identify_ai(e.patents)
    assert ident.matches.loc[0, "kw08_neural_network"] and ident.matches.loc[0, "kw22_ai"]


def test_missing_columns_one_error_and_nothing_written(tmp_path):
    path = write_csv(tmp_path / "bad.csv", [["公开号", "标题", "摘要"], ["CN1A", "人工智能方法", "x"]])
    out = tmp_path / "out"
    with pytest.raises(DataError) as exc:
        pt.ingest(path, out)
    msg = str(exc.value)
    assert "bad.csv" in msg and "application_date" in msg and "applicants" in msg and "headers found" in msg
    assert {p.column for p in exc.value.problems} == {"application_date", "applicants"}
    assert not out.exists() or not any(out.iterdir())


def test_bad_dates_and_empty_cells_one_error(tmp_path):
    rows = export_rows(ROWS[:3])
    rows[1][3] = "2019-13-45"
    rows[2][3] = ""
    rows[3][6] = ""
    path = write_csv(tmp_path / "dates.csv", rows)
    out = tmp_path / "out"
    with pytest.raises(DataError) as exc:
        pt.ingest(path, out)
    err = exc.value
    where = {(p.row, p.column) for p in err.problems}
    assert where == {(1, "申请日"), (2, "申请日"), (3, "申请（专利权）人")}
    assert "dates.csv" in str(err) and "file line 2" in str(err) and "2019-13-45" in str(err)
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize(
    "content, match",
    [
        (b"", "empty"),
        (b"\n  \n", "empty"),
        ("公开(公告)号,申请日,标题,申请(专利权)人\n".encode(), "no patent rows"),
        ("公开(公告)号,申请日,标题,申请(专利权)人\nCN1A,2019-01-01,人工智能\n".encode("utf-16"), "UTF-16"),
        ("Ａ,Ｂ\n1,2\n".encode(), "no header was recognised"),
        ("公開號,申請日,標題,申請人\nCN1A,2019-01-01,人工智慧,甲\n".encode("big5"), "another encoding"),
        (
            "公开(公告)号,申请日,标题,申请(专利权)人\nCN1A,2019-01-01,人工智能,甲,多余\nCN2A,2019-01-01,人工智能,乙\n".encode(),
            "row 1",
        ),
    ],
)
def test_unreadable_exports_fail_clearly(tmp_path, content, match):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(DataError, match=match) as exc:
        pt.read_export(path)
    assert "x.csv" in str(exc.value)


def test_xls_and_empty_workbook_fail_clearly(tmp_path):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0 not read")
    with pytest.raises(DataError, match="xlsx"):
        pt.read_export(tmp_path / "old.xls")
    openpyxl.Workbook().save(tmp_path / "empty.xlsx")
    with pytest.raises(DataError, match="empty"):
        pt.read_export(tmp_path / "empty.xlsx")


def test_read_exports_drops_duplicates_and_writes_parquet(tmp_path):
    (tmp_path / "in").mkdir()
    write_csv(tmp_path / "in" / "a.csv", export_rows(ROWS[:5]))
    write_csv(tmp_path / "in" / "b.csv", export_rows(ROWS[3:8] + ROWS[11:12]), "gb18030")
    e = pt.ingest(tmp_path / "in", tmp_path / "out")
    assert len(e.patents) == 9 and e.info["duplicates_dropped"] == 2 and len(e.info["files"]) == 2
    assert e.applicants["patent"].max() == 8 and e.patents["source_file"].astype(str).tolist()[-1] == "b.csv"
    back = pd.read_parquet(tmp_path / "out" / "patents.parquet")
    assert back["patent_id"].tolist() == e.patents["patent_id"].tolist()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["patents.parquet", "patents_applicants.parquet"]
    ai = pt.select_patents(e, pt.identify_ai(e.patents).is_ai)
    assert len(ai.patents) == 8 and ai.applicants["patent"].max() == 7 and "CN12U" not in set(ai.patents["patent_id"])


# ---- identification ------------------------------------------------------------------------------------------------
def test_identification_rules_fields_and_counts():
    pats = pd.DataFrame(
        {
            "title": [
                "基于神经网络的图像识别方法",
                "一种齿轮",
                "一种方法",
                "人工",
                None,
                "Deep NEURAL NETWORKS for vision",
            ],
            "abstract": ["利用机器学习。", "无关", "采用自然语言处理技术", "智能手环", "模式识别", None],
            "ipc_main": ["G06K9/62", "F16H1/28", "G06F40/30", "A61B5/00", "G06N 3/04", "G06T7/00"],
            "ipc": [None, None, "G06F40/30;G06N3/08", None, None, None],
        },
        dtype="str",
    )
    ident = pt.identify_ai(pats)
    m = ident.matches
    assert ident.is_ai.tolist() == [True, False, True, False, True, True]
    assert m.loc[0, ["kw03_image_recognition", "kw04_machine_learning", "kw08_neural_network"]].all()
    assert not m.loc[3].any()  # 人工|智能 across two cells is not a match
    assert ident.n_rules.tolist() == [3, 0, 1, 0, 1, 1]
    s = ident.summary.set_index("rule")
    assert (
        s.loc["kw08_neural_network", "patents_matched"] == 2 and s.loc["kw08_neural_network", "matched_in_title"] == 2
    )
    assert s.loc["kw01_nlp", "matched_in_abstract"] == 1 and s.loc["kw01_nlp", "only_this_rule"] == 1
    assert s["added_in_order"].sum() == ident.is_ai.sum()
    both = pt.identify_ai(pats, groups=("keyword", "ipc"), how="all_groups")
    assert both.is_ai.tolist() == [True, False, True, False, True, True]
    ipc_only = pt.identify_ai(pats, groups=("ipc",))
    assert ipc_only.is_ai.tolist() == [True, False, True, False, True, True]
    assert ipc_only.matches.loc[2, "ipc_g06f40"] and ipc_only.matches.loc[2, "ipc_g06n"]
    re2 = pt.identify_ai(pats, engine="re2")
    pd.testing.assert_frame_equal(re2.matches, ident.matches)
    with pytest.raises(ConfigError):
        pt.identify_ai(pats, groups=("nothing",))


# ---- applicant types and cities -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "name, typ",
    [
        ("清华大学", "university"),
        ("中国科学院自动化研究所", "research_institute"),
        ("深圳市腾讯计算机系统有限公司", "enterprise"),
        ("北京协和医院", "hospital"),
        ("张三", "individual"),
        ("国家电网有限公司", "enterprise"),
        ("鹏城实验室", "research_institute"),
        ("华为技术有限公司", "enterprise"),
        ("清华大学深圳国际研究生院", "university"),
        ("深圳清华大学研究院", "research_institute"),
        ("中山大学附属第一医院", "hospital"),
        ("南方电网科学研究院有限责任公司", "enterprise"),
        ("人工智能与数字经济广东省实验室(广州)", "research_institute"),
        ("国家超级计算广州中心", "research_institute"),
        ("广州市公安局", "other"),
        ("中国人民解放军93114部队", "other"),
        ("欧阳娜娜", "individual"),
        ("阿卜杜拉·买买提", "individual"),
        ("小米科技", "enterprise"),
        ("Tsinghua University", "university"),
        ("Huawei Technologies Co., Ltd.", "enterprise"),
        ("Massachusetts Institute of Technology", "university"),
        ("Sony Corporation", "enterprise"),
        ("John Smith", "individual"),
        ("索尼株式会社", "enterprise"),
    ],
)
def test_applicant_types(name, typ):
    assert pt.classify_applicants(pd.Series([name])).iloc[0] == typ


def test_cities_municipalities_sars_and_unmapped():
    addrs = [
        "北京市海淀区中关村东路95号",
        "上海市徐汇区虹漕路461号",
        "重庆市渝北区金开大道",
        "重庆市云阳县",
        "香港九龙塘",
        "香港特别行政区沙田区",
        "澳门特别行政区花地玛堂区",
        "518057 广东省深圳市南山区科技园",
        "湖北省仙桃市",
        "天津市滨海新区",
        "朝阳区建国路",
        "广东省",
        "美国加利福尼亚州圣克拉拉市",
        "",
        None,
    ]
    r = pt.resolve_addresses(pd.Series(addrs, dtype="str"))
    assert r["city"].astype(object).where(r["city"].notna(), None).tolist() == [
        "北京",
        "上海",
        "重庆",
        "重庆",
        "香港",
        "香港",
        "澳门",
        "深圳",
        "仙桃",
        "天津",
        None,
        None,
        None,
        None,
        None,
    ]
    assert r["city_adcode"].astype(object).tolist()[:3] == ["110100", "310100", "500100"]
    assert r["city_status"].astype(str).tolist()[-5:] == ["ambiguous", "province_only", "not_found", "empty", "empty"]


def test_unmapped_addresses_are_counted_and_listed(hand):
    _, apps = hand
    odd = pd.DataFrame(
        {
            "patent": [0, 0, 1, 2],
            "seq": [1, 2, 1, 1],
            "name": ["A大学", "B公司", "C公司", "D公司"],
            "address": ["美国加利福尼亚州", "美国加利福尼亚州", "广东省", None],
        }
    )
    info = pt.add_applicant_info(odd)
    listed = pt.unmapped_addresses(info)
    assert listed[["address", "city_status", "applicants_count", "first_applicants_count"]].values.tolist() == [
        ["美国加利福尼亚州", "not_found", 2, 1],
        ["广东省", "province_only", 1, 1],
    ]
    rep = pt.city_report(info).set_index("city_status")
    assert rep.loc["no_address", "applicants_count"] == 1 and rep.loc["ok", "applicants_count"] == 0
    assert (
        pt.unmapped_addresses(apps).empty
        and pt.city_report(apps).set_index("city_status").loc["ok", "applicants_count"] == 23
    )


# ---- co-application, structure, fields, periods (counted by hand) ----------------------------------------------------
def test_partner_cities_by_hand(hand):
    pats, apps = hand
    assert pats["is_ai"].tolist() == [True] * 11 + [False, True, True]
    p = pt.partner_cities(pats, apps, cities=["广州", "深圳市"]).set_index(["first_applicant_city", "partner_city"])
    assert p.loc[("广州", "深圳"), "patents_count"] == 2 and p.loc[("广州", "佛山"), "patents_count"] == 2
    assert p.loc[("广州", "深圳"), "share_pct"] == pytest.approx(50.0)
    assert (
        p.loc[("广州", "深圳"), "first_city_total_count"] == 4
        and p.loc[("广州", "深圳"), "cross_city_total_count"] == 3
    )
    assert p.loc[("深圳", "北京"), "share_pct"] == pytest.approx(50.0) and p.loc[("深圳", "广州"), "patents_count"] == 1
    cross = pt.partner_cities(pats, apps, base="cross_city").set_index(["first_applicant_city", "partner_city"])
    assert cross.loc[("广州", "深圳"), "share_pct"] == pytest.approx(200 / 3)
    assert set(p.index.get_level_values(0)) == {"广州", "深圳"}
    assert cross.loc[("重庆", "香港"), "patents_count"] == 1


def test_city_pairs_trend_and_fields_by_hand(hand):
    pats, apps = hand
    pairs = pt.city_pairs(pats, apps).set_index(["city_a", "city_b"])
    assert pairs.loc[("广州", "深圳")].tolist() == [3, 2, 1]
    assert pairs.loc[("佛山", "广州"), "patents_count"] == 2 and pairs.loc[("佛山", "深圳"), "patents_count"] == 1
    assert pairs.loc[("上海", "北京"), "patents_count"] == 1 and len(pairs) == 6
    tr = pt.partner_trend(pats, apps, pairs=[("广州", "深圳")], years=(2018, 2021))
    assert tr["patents_count"].tolist() == [0, 1, 1, 0]
    f = pt.partner_fields(pats, apps, pairs=[("广州市", "深圳市")])
    assert f[["ipc_subclass", "patents_count", "share_pct"]].values.tolist() == [["G06K", 1, 50.0], ["G06T", 1, 50.0]]


def test_iur_and_sole_structure_by_hand(hand):
    pats, _ = hand
    iur = pt.iur_shares(pats).set_index("city")
    assert iur.loc["广州"].tolist()[:3] == [8, 4, 3]
    assert (
        iur.loc["广州", "iur_share_pct"] == pytest.approx(37.5) and iur.loc["广州", "iur_share_of_co_applied_pct"] == 75
    )
    assert iur.loc["深圳", "iur_share_pct"] == pytest.approx(200 / 3)
    assert iur.loc["上海", "iur_count"] == 0 and iur.loc["重庆", "iur_count"] == 1
    sole = pt.sole_applicant_structure(pats, cities=["广州"]).set_index("applicant_type")
    assert sole["patents_count"].to_dict() == {"university": 1, "hospital": 1, "enterprise": 1, "individual": 1}
    assert sole.loc["university", "group_share_pct"] == 50 and sole.loc["enterprise", "share_pct"] == 25


def test_fields_periods_and_types_by_hand(hand):
    pats, _ = hand
    f = pt.field_shares(pats, cities=["广州"], top=2)
    assert f[["ipc_subclass", "patents_count", "rank"]].values.tolist() == [
        ["G06K", 4, 1],
        ["G06F", 1, 2],
        ["G06Q", 1, 2],
        ["G06T", 1, 2],
        ["G10L", 1, 2],
    ]
    assert f["share_pct"].iloc[0] == pytest.approx(50.0) and f["title_zh"].iloc[0].startswith("数据识别")
    g = pt.period_growth(pats).set_index("first_city")
    assert g.loc["广州", ["base_count", "target_count"]].tolist() == [2, 6] and g.loc["广州", "multiple"] == 3.0
    assert math.isnan(g.loc["深圳", "multiple"])
    c = pt.period_counts(pats, {"early": (2014, 2016), "late": (2017, 2020)}, by=None)
    assert c["patents_count"].tolist() == [4, 9]
    with pytest.raises(ConfigError):
        pt.period_counts(pats, {"bad": (2020, 2010)})
    ty = pt.patent_type_shares(pats, cities=["广州"]).set_index("patent_type")
    assert ty.loc["invention", "share_pct"] == pytest.approx(87.5)


# ---- the SYNTHETIC demo ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, pt.PatentAnalysis]:
    path = pt.generate_demo(folder=tmp_path_factory.mktemp("demo"))
    return path, pt.analyse(pt.read_export(path))


def test_demo_is_labelled_synthetic(demo):
    path, a = demo
    assert path.name.startswith("SYNTHETIC_") and len(a.patents) == dp.DEFAULT_ROWS
    assert (a.patents["note"] == dp.NOTE).all()
    assert path.read_bytes()[:3] == b"\xef\xbb\xbf"


def test_demo_reproduces_its_calibration(demo):
    _, a = demo
    check = dp.calibration_check(a)
    assert check["ok"].all(), check[~check["ok"]]
    assert len(check) >= 50
    t = dp.targets()
    assert (t["广州"]["earlier"], t["深圳"]["earlier"], t["广州"]["total"], t["深圳"]["total"]) == (
        654,
        1048,
        9083,
        19267,
    )
    g = a.tables["period_growth"].set_index("first_city")
    assert g.loc["广州", "target_count"] == 7024 and round(g.loc["深圳", "multiple"], 2) == 14.26
    assert a.identification.is_ai.sum() == dp.DEFAULT_ROWS - round(0.03 * dp.DEFAULT_ROWS)
    trend = a.tables["partner_trend"].set_index(["first_applicant_city", "partner_city", "year"])["patents_count"]
    gz_sz = trend.loc[("广州", "深圳")]
    assert gz_sz.idxmax() == 2018 and gz_sz.loc[2019] > gz_sz.loc[2020] > gz_sz.loc[2021]
    assert trend.loc[("深圳", "北京")].loc[2016:2021].is_monotonic_increasing
    assert "北京" in set(a.tables["partner_cities"]["first_applicant_city"])
    unm = a.tables["city_report"].set_index("city_status")
    assert unm.loc["not_found", "applicants_count"] > 0 and unm.loc["province_only", "applicants_count"] > 0


def test_calibration_of_a_small_demo_reports_gaps_instead_of_failing(tmp_path):
    """1,500 rows leave calibrated pairs and subclasses without any patent: their counts are 0 and fail the
    check, ranks and multiples are missing; the check still returns every row (it used to raise KeyError)."""
    a = pt.analyse(pt.read_export(dp.generate_demo(1500, folder=tmp_path)))
    check = dp.calibration_check(a)
    assert len(check) == len(
        dp.calibration_check(pt.analyse(pt.read_export(dp.generate_demo(500, folder=tmp_path / "b"))))
    )
    missing = check[(check["measure"] == "partner count") & (check["computed"] == 0)]
    assert len(missing) > 0 and not missing["ok"].any()


def test_demo_is_deterministic_and_atomic(tmp_path, monkeypatch):
    a = dp.generate_demo(500, seed=7, folder=tmp_path / "a")
    b = dp.generate_demo(500, seed=7, folder=tmp_path / "b")
    assert a.read_bytes() == b.read_bytes()
    small = pt.read_export(a)
    assert len(small.patents) == 500 and small.patents["note"].eq(dp.NOTE).all()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(dp, "_write_csv", boom)
    with pytest.raises(RuntimeError):
        dp.generate_demo(500, seed=8, folder=tmp_path / "c")
    assert not any((tmp_path / "c").iterdir())
    with pytest.raises(ConfigError):
        dp.generate_demo(50)


def test_demo_xlsx_and_gb18030_read_back(tmp_path):
    x = pt.read_export(dp.generate_demo(200, folder=tmp_path, fmt="xlsx"))
    g = pt.read_export(dp.generate_demo(200, folder=tmp_path, encoding="gb18030"))
    assert x.info["files"][0]["header_row"] == 2 and g.info["files"][0]["encoding"] == "gb18030"
    assert x.patents["patent_id"].tolist() == g.patents["patent_id"].tolist()
    assert np.array_equal(x.patents["year"].to_numpy(), g.patents["year"].to_numpy())


def test_package_stages_and_rules_dir():
    """The method is one package split by stage; its rule files stay in methods/rules and every public name is
    re-exported at the top (`pt.<name>`)."""
    import importlib

    assert pt.RULES_DIR.name == "rules" and pt.RULES_DIR.parent.name == "methods"
    assert pt.HEADERS_FILE.is_file() and pt.AI_RULES_FILE.is_file() and pt.APPLICANT_TYPES_FILE.is_file()
    for stage in ("rules", "read", "read_files", "identify", "places", "tables", "coapplication", "analysis"):
        importlib.import_module(f"ai_industry.methods.patents.{stage}")
    assert all(hasattr(pt, n) for n in pt.__all__)
    assert pt.read_export.__module__ == "ai_industry.methods.patents.read"
    assert pt.analyse.__module__ == "ai_industry.methods.patents.analysis"
