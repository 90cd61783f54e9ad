"""Hand-worked checks of ai_industry.patents_published (seed 000's counts, shares, multiples, RSI)."""

import math

import pandas as pd
import pytest

from ai_industry.chapters.gz_sz_synergy import patents as pp


def test_rounding_helpers():
    assert pp.half_unit(2) == pytest.approx(0.005)
    assert pp.half_unit(0) == 0.5
    assert pp.decimals_of(63.6) == 1
    assert pp.decimals_of(75.0) == 0
    assert pp.decimals_of(4.81) == 2
    assert pp.whole_numbers(10.2, 12.0) == [11, 12]
    assert pp.whole_numbers(10.2, 10.8) == []


def test_implied_total_and_bounds():
    # 4 + 3 = 7 parks are 63.6% of the province: 700 / 63.6 = 11.006
    assert pp.implied_total(7, 63.6) == pytest.approx(11.00629, abs=1e-5)
    # 12 platforms are 75% (no decimals, so 74.5..75.5): 1200/75.5 = 15.894 .. 1200/74.5 = 16.107 -> only 16
    lo, hi = pp.implied_total_bounds(12, 75, 0)
    assert (lo, hi) == pytest.approx((15.89404, 16.10738), abs=1e-5)
    assert pp.whole_numbers(lo, hi) == [16]


def test_platform_totals():
    df = pd.DataFrame(
        {
            "platform_type": ["P"] * 3 + ["Q"],
            "scope": ["广州和深圳", "广州", "深圳", "深圳"],
            "value": [75.0, 6.0, 6.0, 10.0],
            "unit": ["pct", "count", "count", "count"],
        }
    )
    out = pp.platform_totals(df)
    assert list(out["platform_type"]) == ["P"]  # Q has no pair share
    r = out.iloc[0]
    assert r["pair_count"] == 12 and r["share_decimals"] == 0
    assert r["implied_total"] == pytest.approx(16.0)
    assert r["whole_totals"] == "16" and r["rest_of_province"] == 4


def test_implied_totals_intersection():
    # counts 10 and 30 at 10.0% and 30.0% (one decimal): row bounds 1000/10.05=99.50..1000/9.95=100.50 and
    # 3000/30.05=99.83..3000/29.95=100.17; intersection 99.83..100.17 holds one whole total, 100
    df = pd.DataFrame({"city": ["A", "A"], "patents_count": [10, 30], "share_pct": [10.0, 30.0]})
    r = pp.implied_totals(df, "city", decimals=1).iloc[0]
    assert r["listed_count"] == 40 and r["listed_share_pct"] == pytest.approx(40.0)
    assert r["pooled_total"] == pytest.approx(100.0)
    assert r["total_low"] == pytest.approx(3000 / 30.05)
    assert r["total_high"] == pytest.approx(3000 / 29.95)
    assert (r["whole_totals"], r["whole_total_min"], r["whole_total_max"]) == (1, 100, 100)
    # shares that cannot share one denominator give an empty intersection
    bad = pd.DataFrame({"city": ["A", "A"], "patents_count": [10, 30], "share_pct": [10.0, 20.0]})
    rb = pp.implied_totals(bad, "city", decimals=1).iloc[0]
    assert math.isnan(rb["total_low"]) and rb["whole_totals"] == 0


def test_share_of_stated_total():
    # 表1's 1,653 of the prose's 7,024 would be 23.53%, not the printed 18.20%
    df = pd.DataFrame({"city": ["广州"], "patents_count": [1653]})
    assert pp.share_of_stated_total(df, {"广州": 7024}).iloc[0] == pytest.approx(23.5336, abs=1e-4)


def test_growth_multiples():
    assert pp.earlier_count(7024, 10.74) == pytest.approx(654.0037, abs=1e-4)
    lo, hi = pp.earlier_count_bounds(7024, 10.74, 2)  # 7024/10.745 .. 7024/10.735
    assert (lo, hi) == pytest.approx((653.6994, 654.3083), abs=1e-4)
    # doubling every year: sums 1+2+4+8+16 = 31 and 32+…+512 = 992, a multiple of 32 = 2^5 -> 100 % a year
    assert pp.annualised_growth_pct(32, 5) == pytest.approx(100.0)
    assert sum(2**k for k in range(5, 10)) / sum(2**k for k in range(5)) == 32
    with pytest.raises(ValueError):
        pp.annualised_growth_pct(0)
    df = pd.DataFrame(
        {
            "region": ["广州", "广州", "X"],
            "indicator": ["patents_2016_2020", "multiple_vs_2011_2015", "invention_patent_share"],
            "value": [7024.0, 10.74, 80.0],
        }
    )
    g = pp.growth_table(df).iloc[0]
    assert g["earlier_whole"] == "654" and g["earlier_whole_n"] == 1
    assert g["increase"] == pytest.approx(7024 - 654.0037, abs=1e-4)
    assert g["annual_growth_pct"] == pytest.approx(100 * (10.74**0.2 - 1))


def test_consistent_split():
    assert pp.consistent_counts(4, 25, 0) == [1]
    assert pp.consistent_split(4, [25, 75], 0) == [(1, 3)]
    assert pp.consistent_split(3, [33.3, 33.3, 33.3], 1) == [(1, 1, 1)]
    # 20.6% of 1,318 allows 271 (20.56%) or 272 (20.64%); with 22.9% -> 302 and 56.5% -> 745 only 271 sums to 1,318
    assert pp.consistent_counts(1318, 20.6, 1) == [271, 272]
    assert pp.consistent_split(1318, [22.9, 20.6, 56.5], 1) == [(302, 271, 745)]


def _two_cities():
    # A: 10 and 30 of 100; B: 40 and 20 of 200
    return pd.DataFrame(
        {"city": ["A", "A", "B", "B"], "field": ["f1", "f2", "f1", "f2"], "patents_count": [10, 30, 40, 20]}
    )


def test_revealed_specialisation_hand_worked():
    out = pp.revealed_specialisation(_two_cities(), {"A": 100, "B": 200}).set_index(["city", "field"])
    # f1: pair share 50/300 = 16.67%; A 10% -> 0.6, B 20% -> 1.2. f2: pair 50/300; A 30% -> 1.8, B 10% -> 0.6
    assert out.loc[("A", "f1"), "rsi"] == pytest.approx(0.6)
    assert out.loc[("B", "f1"), "rsi"] == pytest.approx(1.2)
    assert out.loc[("A", "f2"), "rsi"] == pytest.approx(1.8)
    assert out.loc[("B", "f2"), "rsi"] == pytest.approx(0.6)
    assert out.loc[("A", "f1"), "group_share_pct"] == pytest.approx(100 / 6)
    # rest: A 60 of 100, B 140 of 200, pair 200/300 -> A 0.6/(2/3) = 0.9, B 0.7/(2/3) = 1.05
    assert out.loc[("A", pp.REST), "count"] == pytest.approx(60)
    assert out.loc[("A", pp.REST), "rsi"] == pytest.approx(0.9)
    assert out.loc[("B", pp.REST), "rsi"] == pytest.approx(1.05)
    # symmetric form (RSI-1)/(RSI+1): 0.6 -> -0.25, 1.8 -> 0.8/2.8
    assert out.loc[("A", "f1"), "rssi"] == pytest.approx(-0.25)
    assert out.loc[("A", "f2"), "rssi"] == pytest.approx(0.8 / 2.8)
    # the total-weighted mean RSI of each field over the pair is 1
    for f in ("f1", "f2", pp.REST):
        assert (100 * out.loc[("A", f), "rsi"] + 200 * out.loc[("B", f), "rsi"]) / 300 == pytest.approx(1.0)
    no_rest = pp.revealed_specialisation(_two_cities(), {"A": 100, "B": 200}, with_rest=False)
    assert pp.REST not in set(no_rest["field"])


def test_rsi_spread():
    df = _two_cities()
    assert pp.rsi_spread(df, {"A": 100, "B": 200}, {"A": 100, "B": 200}) == pytest.approx(0.0)
    # A's total anywhere in 100..110 (midpoint 105), B fixed at 200: the largest move is A's f2, from
    # (30/105)/(50/305) = 1.742857 at the midpoint to 0.3/(50/300) = 1.8 at 100, i.e. 2/35
    assert pp.rsi_spread(df, {"A": 100, "B": 200}, {"A": 110, "B": 200}) == pytest.approx(2 / 35)


def test_ipc_codes_of_the_seed_labels():
    ref = pp.ipc_reference()
    labels = {
        "数据识别；数据表示；记录载体；记录载体的处理": "G06K",
        "电数字数据处理（基于特定计算模型的计算机系统）": "G06F",
        "一般的图像数据处理或产生": "G06T",
        "专门适用于行政、商业、金融、管理、监督或预测目的的数据处理系统或方法": "G06Q",
        "语音分析或合成；语音识别；语音或声音处理；语音或音频编码或解码": "G10L",
    }
    for field, code in labels.items():
        assert pp.ipc_code(field, ref) == code
    with pytest.raises(ValueError):
        pp.ipc_code("数字识别", ref)  # the prose's slip matches nothing


def test_short_label():
    assert pp.short_label("数据识别；数据表示", 10) == "数据识别"
    assert (
        pp.short_label("electric digital data processing (computer systems)", 40) == "electric digital data processing"
    )
    assert pp.short_label("abcdefghijk", 5) == "abcd…"


def test_table1_wide():
    df = pd.DataFrame(
        {
            "field": ["一般的图像数据处理或产生"] * 2,
            "field_en": ["image"] * 2,
            "city": ["广州", "深圳"],
            "patents_count": [703, 1297],
            "share_pct": [7.74, 6.73],
            "rank": [3, 4],
        }
    )
    w = pp.table1_wide(df, pp.ipc_reference(), ["广州", "深圳"]).iloc[0]
    assert (
        w["ipc"] == "G06T" and w["c0_count"] == 703 and w["c1_share_pct"] == pytest.approx(6.73) and w["c1_rank"] == 4
    )


def _co():
    return pd.DataFrame(
        {
            "first_applicant_city": ["广州", "广州", "深圳", "深圳"],
            "partner_city": ["深圳", "佛山", "广州", "北京"],
            "patents_count": [32, 46, 54, 140],
            "share_pct": [3.63, None, 6.93, 17.98],
            "first_city_total_count": [882, 882, 779, 779],
        }
    )


def test_partner_shares_and_remainder():
    out = pp.partner_shares(_co()).set_index(["first_applicant_city", "partner_city"])
    # 32/882 = 3.628% (printed 3.63: reproduced); 46/882 = 5.215% (no printed share); 140/779 = 17.972% vs 17.98 -> off by 0.008
    assert out.loc[("广州", "深圳"), "share_recomputed_pct"] == pytest.approx(3.62812, abs=1e-5)
    assert out.loc[("广州", "深圳"), "status"] == "reproduced"
    assert out.loc[("广州", "佛山"), "status"] == "not stated"
    assert out.loc[("广州", "佛山"), "share_recomputed_pct"] == pytest.approx(5.21542, abs=1e-5)
    assert out.loc[("深圳", "北京"), "status"] == "discrepancy"
    rest = pp.partner_remainder(_co()).set_index("first_applicant_city")
    assert rest.loc["广州", "listed_count"] == 78 and rest.loc["广州", "rest_count"] == 804
    assert rest.loc["广州", "rest_share_pct"] == pytest.approx(100 * 804 / 882)


def test_pair_links():
    got = pp.pair_links(_co())
    # 32 + 54 = 86 GZ–SZ co-applications of 882 + 779 = 1,661: 5.178%
    assert (got["a_to_b"], got["b_to_a"], got["both"], got["total"]) == (32, 54, 86, 1661)
    assert got["share_pct"] == pytest.approx(100 * 86 / 1661)
    with pytest.raises(ValueError):
        pp.pair_links(_co(), a="广州", b="北京")


def test_charts_build():
    import matplotlib.pyplot as plt

    fig = pp.paired_bars(
        ["a", "b", "rest"], {"A": [1.0, 2.0, 3.0], "B": [2.0, 1.0, 0.5]}, "x", ref=1.0, hatch_last=True
    )
    assert len(fig.axes[0].patches) == 6
    plt.close(fig)
    fig = pp.panel_bars([("p", ["a"], [40.0], 60.0), ("q", ["b", "c"], [4.81, 1.85], None)], "%", "rest")
    assert len(fig.axes) == 2 and len(fig.axes[0].patches) == 2
    plt.close(fig)


def test_labels():
    assert pp.period_of("patents_2016_2020") == (2016, 2020)
    assert pp.period_of("multiple_vs_2011_2015") == (2011, 2015)
    with pytest.raises(ValueError):
        pp.period_of("invention_patent_share")
    assert pp.indicator_label("share_of_national_core_ai_enterprises") == "Share of national core AI enterprises"


def test_stacked_bars_build():
    import matplotlib.pyplot as plt

    fig = pp.stacked_bars(["parks", "platforms"], {"A": [4, 6], "B": [3, 6], "rest": [4, 4]}, "n", hatch_last=True)
    assert len(fig.axes[0].patches) == 6
    plt.close(fig)


def test_text_helpers():
    assert (
        pp.indicator_label("share_of_guangdong_backbone_ai_enterprises") == "Share of Guangdong backbone AI enterprises"
    )
    assert [pp.ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 102)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "102nd",
    ]
    assert pp.value_text(974, "count", "超", "zh") == "超974"
    assert pp.value_text(974, "count", "超", "en") == "over 974"  # the one wording of catalog/qualifiers.csv
    assert pp.value_text(10, "count", "多", "zh") == "10多"
    assert pp.value_text(1318, "count", "达到", "en") == "reaching 1,318"
    assert pp.value_text(63.6, "pct", None, "en") == "63.6%"
    assert pp.value_text(2, "rank", "", "zh") == "第2位" and pp.value_text(2, "rank", "", "en") == "2nd"
    assert pp.sentence_case("basic layer") == "Basic layer"
    assert pp.value_text(90, "pct", "约…左右", "zh") == "约90%左右"
    assert pp.value_text(90, "pct", "约…左右", "en") == "about 90%"
    assert pp.applicant_label("sole_applicant_enterprises", "en") == "Sole applicant an enterprise"
    assert pp.applicant_label("unknown_id", "zh") == "unknown_id"
