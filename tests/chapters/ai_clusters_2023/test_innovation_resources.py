import math

import pandas as pd
import pytest

from ai_industry.chapters.ai_clusters_2023 import innovation_resources as rs
from ai_industry.chapters.ai_clusters_2023 import innovation_resources_findings as rs_findings
from ai_industry.chapters.ai_clusters_2023 import innovation_resources_firms as rs_firms


def _dist(levels, regions, shares, ranks=None):
    n = len(regions)
    return pd.DataFrame(
        {
            "level": levels if isinstance(levels, list) else [levels] * n,
            "rank": ranks or list(range(1, n + 1)),
            "region": regions,
            "share_pct": shares,
            "seed_line": [1] * n,
        }
    )


def test_region_key_spells_out_metro_names():
    assert rs.region_key("长三角地区") == "长江三角洲"
    assert rs.region_key("长江三角洲地区") == "长江三角洲"
    assert rs.region_key("珠三角地区") == rs.region_key("珠江三角洲") == "珠江三角洲"
    assert rs.region_key("川渝地区") == "川渝"
    assert rs.region_key("其他地区") == rs.OTHER
    assert rs.region_key("北京市") == "北京市"
    assert rs.region_key("和田地区") == "和田地区"  # a prefecture-level 地区 keeps its name


def test_implied_counts_and_whole_count_check_hand_worked():
    # 18.72% of 438 = 81.9936 -> 82, and 82/438 = 18.7215% prints as 18.72
    assert rs.implied_count(18.72, 438) == pytest.approx(81.9936)
    assert rs.count_fits(18.72, 438)
    # 50 of 347 = 14.40922%
    assert rs.share_of(50, 347) == pytest.approx(14.409222, abs=1e-6)
    # out of 7 only 1/7 = 14.29%, 2/7 = 28.57%, ... are possible: 30.00% is no whole count
    assert rs.count_fits(14.29, 7)
    assert not rs.count_fits(30.00, 7)
    assert rs.count_fits(30, 10, decimals=0)


def test_base_count_and_line_from_the_ledger():
    claims = pd.DataFrame({"claim_id": ["c001_0735_01", "x"], "value": ["438", "1"], "line": [735, 1]})
    assert rs.base_count(claims, "c001_0735_01") == 438
    assert rs.claim_line(claims, "c001_0735_01") == 735
    with pytest.raises(KeyError):
        rs.base_count(claims, "nope")


def test_tidy_distribution_shares_and_counts():
    # base 200: 40% -> 80, 25.5% -> 51; a counts level: 120 of 200 = 60%
    df = pd.DataFrame(
        {
            "level": ["province", "province", "city"],
            "rank": [1, 2, 1],
            "region": ["甲省", "乙省", "丙市"],
            "value": [40.0, 25.5, 120.0],
            "unit": ["pct", "pct", "count"],
            "seed_line": [5, 5, 6],
        }
    )
    t = rs.tidy_distribution(df, 200)
    assert list(t["share_pct"]) == pytest.approx([40.0, 25.5, 60.0])
    assert list(t["count_rounded"]) == [80, 51, 120]
    assert list(t["count_text"]) == ["≈80", "≈51", "120"]
    assert t["fits"].all()
    assert rs.level_unit(t, "city") == "count" and rs.level_unit(t, "province") == "pct"


def test_unreported_remainder_and_unlisted_bound():
    t = rs.tidy_distribution(_dist("province", ["甲", "乙"], [40.0, 25.5]), 200)
    assert rs.unreported(t, "province", 200) == pytest.approx((34.5, 69.0))  # 200 - 80 - 51
    assert rs.unlisted_bound(t, "province") == 25.5  # min(25.5, 34.5)
    t2 = rs.tidy_distribution(_dist("province", ["甲", "乙"], [60.0, 35.0]), 100)
    assert rs.unlisted_bound(t2, "province") == pytest.approx(5.0)  # min(35, 5)
    # 60.00 + 39.99 leaves 0.01 < 3 half-units of 0.01: rounding, nothing unreported
    t3 = rs.tidy_distribution(_dist("province", ["甲", "乙"], [60.0, 39.99]), 100)
    assert rs.unreported(t3, "province", 100) == (0.0, 0.0)
    # counts: 120 + 30 of 200 leave 50 = 25%
    c = pd.DataFrame(
        {
            "level": ["city"] * 2,
            "rank": [1, 2],
            "region": ["甲", "乙"],
            "value": [120.0, 30.0],
            "unit": ["count"] * 2,
            "seed_line": [1, 1],
        }
    )
    assert rs.unreported(rs.tidy_distribution(c, 200), "city", 200) == pytest.approx((25.0, 50.0))


def test_other_row_is_listed_but_not_a_region():
    t = rs.tidy_distribution(_dist("metro_region", ["长三角地区", "其他地区"], [40.0, 60.0], ranks=[1, None]), 100)
    assert list(t["other"]) == [False, True]
    assert rs.unreported(t, "metro_region", 100) == (0.0, 0.0)
    assert rs.unlisted_bound(t, "metro_region") == pytest.approx(40.0)  # min(40, 100 - 40)
    frame = rs.bar_frame(t, "metro_region", 100)
    assert list(frame["remainder"]) == [False, False] and list(frame["annotation"]) == ["(≈40)", "(≈60)"]


def test_bar_frame_annotations_and_remainder():
    c = pd.DataFrame(
        {"level": ["city"], "rank": [1], "region": ["南京市"], "value": [151.0], "unit": ["count"], "seed_line": [1]}
    )
    frame = rs.bar_frame(rs.tidy_distribution(c, 347), "city", 347)
    assert list(frame["value"]) == [151.0, 196.0]
    assert list(frame["annotation"]) == ["(43.52%)", "(56.48%)"]
    assert list(frame["remainder"]) == [False, True]


def test_programme_coverage_hand_worked():
    cov = rs.programme_coverage(438, [440, 248, 387])
    assert cov["union_low"] == 440 and cov["union_high"] == 1075 and cov["shortfall"] == 2
    assert cov["coverage_max"] == pytest.approx(99.5454, abs=1e-4)  # 438 / 440
    assert cov["coverage_min"] == pytest.approx(40.7442, abs=1e-4)  # 438 / 1075
    assert rs.programme_coverage(500, [440, 248])["shortfall"] == -60


def _pair_frames():
    res = rs.tidy_distribution(_dist("province", ["甲", "丙"], [30.0, 10.0]), 100)
    firms = rs.tidy_distribution(_dist("province", ["乙", "甲"], [40.0, 20.0]), 100)
    return res, firms


def test_compare_with_firms_gap_and_ratio():
    res, firms = _pair_frames()
    pairs = rs_firms.compare_with_firms({"r": res}, firms)
    assert len(pairs) == 1
    p = pairs.iloc[0]
    assert p["region"] == "甲" and p["gap_pp"] == pytest.approx(10.0) and p["ratio"] == pytest.approx(1.5)
    assert (p["resource_count"], p["firm_count"]) == (30, 20)


def test_one_sided_bounds_hand_worked():
    # resource lists 甲 30, 丙 10 (rest 60): an unlisted region <= min(10, 60) = 10
    # firms list 乙 40, 甲 20 (rest 40): an unlisted region <= min(20, 40) = 20
    res, firms = _pair_frames()
    s = rs_firms.one_sided({"r": res}, firms).set_index("region")
    assert s.loc["乙", "side"] == "≤" and s.loc["乙", "bound_pct"] == 10
    assert s.loc["乙", "gap_bound_pp"] == pytest.approx(-30.0) and s.loc["乙", "ratio_bound"] == pytest.approx(0.25)
    assert s.loc["丙", "side"] == "≥" and s.loc["丙", "bound_pct"] == 20
    assert s.loc["丙", "gap_bound_pp"] == pytest.approx(-10.0) and s.loc["丙", "ratio_bound"] == pytest.approx(0.5)
    texts = rs_firms.bound_texts(s.reset_index()).set_index("region")
    assert texts.loc["乙", "resource_text"] == "≤\u00a010.00" and texts.loc["乙", "ratio_text"] == "≤\u00a00.25"
    assert texts.loc["丙", "firm_text"] == "≤\u00a020.00" and texts.loc["丙", "gap_text"] == "≥\u00a0-10.00"


def test_extremes_pick_lowest_and_highest_ratio():
    pairs = pd.DataFrame({"resource": ["r"] * 3, "region": ["a", "b", "c"], "ratio": [0.5, 2.0, 1.0]})
    ext = rs_firms.extremes(pairs).set_index("which")
    assert ext.loc["low", "region"] == "a" and ext.loc["high", "region"] == "b"


def _regions():
    return pd.DataFrame(
        {
            "level": ["city", "city", "city", "city", "city", "city"],
            "name_zh": ["甲一市", "甲二市", "乙一市", "乙二市", "丙一市", "丙二市"],
            "province_zh": ["甲省", "甲省", "乙省", "乙省", "丙省", "丙省"],
            "metro_region_zh": ["圈", "圈", "圈", "", "湾", ""],
        }
    )


def test_containment_from_reference():
    pairs = rs.containment(_regions())
    got = set(map(tuple, pairs.to_numpy()))
    assert ("province", "甲省", "metro_region", "圈") in got  # all of 甲省's cities are in 圈
    assert ("province", "乙省", "metro_region", "圈") not in got  # 乙二市 is not
    assert ("metro_region", "湾", "province", "丙省") in got  # 湾 lies inside 丙省 (like 珠三角 in 广东省)
    assert ("city", "乙一市", "metro_region", "圈") in got and ("city", "乙一市", "province", "乙省") in got


def test_nesting_checks_hand_worked():
    pairs = rs.containment(_regions())
    t = rs.tidy_distribution(
        _dist(
            ["metro_region", "province", "city", "city"],
            ["圈", "甲省", "甲一市", "乙一市"],
            [30.0, 12.0, 5.0, 15.0],
            ranks=[1, 1, 1, 2],
        ),
        100,
    )
    c = rs.nesting_checks(t, pairs).set_index(["parent", "child_level"])
    # 圈 30 >= 甲省 12 (slack 18); 圈 30 >= 甲一市 5 + 乙一市 15 (slack 10); 甲省 12 >= 甲一市 5 (slack 7)
    assert c.loc[("圈", "province"), "slack_pp"] == pytest.approx(18.0)
    assert c.loc[("圈", "city"), "slack_pp"] == pytest.approx(10.0)
    assert c.loc[("甲省", "city"), "slack_pp"] == pytest.approx(7.0)
    assert c["holds"].all()
    assert c.loc[("圈", "city"), "tolerance"] == pytest.approx(0.015)  # three printed 2-dp shares
    bad = rs.tidy_distribution(
        _dist(["metro_region", "city", "city"], ["圈", "甲一市", "乙一市"], [18.0, 5.0, 15.0], ranks=[1, 1, 2]), 100
    )
    b = rs.nesting_checks(bad, pairs)
    assert not b["holds"].iloc[0] and b["slack_pp"].iloc[0] == pytest.approx(-2.0)
    found = rs_findings.nesting_findings({"r": b}, {"r": ("资源", "resource")})
    assert found[0]["kind"] == "discrepancy" and "-2.00" in found[0]["zh"]


def test_findings_name_the_438_vs_440_shortfall():
    programmes = pd.DataFrame(
        {
            "programme": ["人工智能", "智能科学与技术", "人工智能技术服务"],
            "programme_en": ["Artificial intelligence", "IST", "AI technology services"],
            "count": [440, 248, 387],
            "as_of": ["2022-12"] * 3,
            "seed_line": [733] * 3,
        }
    )
    found = rs_findings.sample_findings(rs.programme_coverage(438, programmes["count"]), programmes, 735, 219)
    assert found[0]["kind"] == "discrepancy"
    assert (
        "438" in found[0]["zh"] and "440" in found[0]["zh"] and "99.55" in found[0]["en"] and "40.74" in found[0]["en"]
    )
    assert found[1]["kind"] == "note" and "2022-03" in found[1]["en"] and "2022-12" in found[1]["en"]


def test_count_and_equality_findings():
    t = rs.tidy_distribution(_dist(["metro_region", "province"], ["珠三角地区", "广东省"], [17.26, 17.26]), 307)
    names = {"i": ("科研院所", "research institutes")}
    cf = rs_findings.count_findings({"i": t}, {"i": 307}, names)
    assert cf[0]["kind"] == "reproduced" and "53" in cf[0]["zh"]  # 17.26% of 307 = 52.99 -> 53
    bad = rs.tidy_distribution(_dist("province", ["甲"], [30.0]), 7)
    assert rs_findings.count_findings({"i": bad}, {"i": 7}, names)[0]["kind"] == "discrepancy"
    eq = rs_findings.equality_findings({"i": t}, names)
    assert len(eq) == 1 and eq[0]["kind"] == "note" and "17.26" in eq[0]["en"]


def test_published_shares_are_whole_counts_of_their_samples(repo):
    """The seed's shares of 438 universities, 307 institutes and 347 organisations all round-trip (sources.yaml notes)."""
    pub = repo / "data/raw/published/ai-clusters-2023"
    for name, base in (
        ("ai_universities_distribution", 438),
        ("research_institutes_distribution", 307),
        ("new_innovation_orgs_distribution", 347),
    ):
        t = rs.tidy_distribution(pd.read_csv(pub / f"{name}.csv"), base)
        assert t["fits"].all(), name
    t = rs.tidy_distribution(pd.read_csv(pub / "ai_universities_distribution.csv"), 438)
    assert list(t[t.level == "metro_region"]["count_rounded"]) == [82, 59, 34, 21, 242]
    assert sum([82, 59, 34, 21, 242]) == 438 and not math.isnan(rs.unlisted_bound(t, "city"))


def test_figure_coverage_and_legend_without_numbers():
    t = rs.tidy_distribution(
        _dist(
            ["metro_region", "metro_region", "province"],
            ["长三角地区", "其他地区", "江苏省"],
            [40.0, 60.0, 54.76],
            ranks=[1, None, 1],
        ),
        347,
    )
    cov = rs.figure_coverage({"new_orgs": t}, {"new_orgs": 347}).set_index("level")
    assert cov.loc["metro_region", "whole"] and not cov.loc["province", "whole"]
    assert cov.loc["province", "figure"] == 33 and cov.loc["province", "unreported_pct"] == pytest.approx(45.24)
    assert cov.loc["city", "listed"] == 0 and not cov.loc["city", "whole"]  # nothing listed: 100% unreported
    assert rs.legend_without_numbers(t) == ["广东省", "安徽省", "浙江省", "上海市", "天津市", "北京市", "河北省"]
    with pytest.raises(ValueError, match="universities"):
        rs.resource("nope")
