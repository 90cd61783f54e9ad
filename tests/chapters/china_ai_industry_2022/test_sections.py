"""The section functions of the 2022 China AI industry report on the published tables: each result object
holds the numbers its chapter states, worked by hand here."""

import pandas as pd
import pytest

from ai_industry.chapters.china_ai_industry_2022 import china_market as mc
from ai_industry.chapters.china_ai_industry_2022 import cities as ct
from ai_industry.chapters.china_ai_industry_2022 import global_market as gm
from ai_industry.chapters.china_ai_industry_2022 import policy_pilot_zones as tl
from ai_industry.paths import published_dir

R = "china-ai-industry-2022"


def _raw(name):
    return pd.read_csv(published_dir() / R / f"{name}.csv")


def test_global_market_section_hand_worked():
    r = gm.global_market(
        _raw("global_market_forecast"), _raw("global_indicators"), _raw("china_indicators"), "en", 15.0, 25.0, 2.5
    )
    assert (r.start_year, r.start, r.end_year, r.target, r.assumed) == (2022, 4328.0, 2030, 18000.0, 20.0)
    assert r.unit == "US$ bn" and r.factor == 0.1
    assert r.shown["start"] == pytest.approx(432.8) and r.shown["target"] == pytest.approx(1800.0)
    assert r.shown["projected"] == pytest.approx(432.8 * 1.2**8)  # 1,860.96
    assert r.rates.tolist() == [15.0, 17.5, 20.0, 22.5, 25.0]
    # in US$ bn: 432.8 x 1.2^8 - 1800 = 60.96
    assert r.sensitivity.set_index("rate_pct").loc[20.0, "vs_target"] == pytest.approx(60.96, abs=0.01)
    assert r.china["implied_global"] == pytest.approx(100 * 82 / 9.6)  # 854.17
    assert r.china["backcast"] == pytest.approx(4328 / 1.2)  # 3,606.67
    assert len(r.findings) == 3
    proj = r.projection_table
    assert list(proj.columns) == ["measure", "value", "unit", "shown", "basis"] and proj.value.dtype == float
    assert proj.value.tolist() == pytest.approx(
        [432.8, 1800.0, 20.0, r.fc["implied_pct"], 432.8 * 1.2**8, 432.8 * 1.2**8 - 1800, r.fc["reach_year"]]
    )
    assert proj.unit.tolist() == ["US$ bn", "US$ bn", "%", "%", "US$ bn", "US$ bn", "year"]
    assert proj.shown.tolist() == [
        "432.8 US$ bn",
        "> 1,800.0 US$ bn",
        "20%",
        "19.50%",
        "1,861.0 US$ bn",
        "+61.0 US$ bn",
        "2029.8",
    ]
    china = r.china_table
    assert china.value.dtype == float and china.value.tolist() == pytest.approx(
        [8.2, 9.6, 8200 / 9.6 / 10, 432.8 / 1.2, (4328 / 1.2) / (100 * 82 / 9.6), 100 * 82 / (4328 / 1.2)]
    )
    assert china.unit.tolist() == ["US$ bn", "%", "US$ bn", "US$ bn", "times", "%"]
    assert china.shown.tolist() == ["8.2 US$ bn", "9.6%", "85.4 US$ bn", "360.7 US$ bn", "4.22", "2.27%"]


def test_global_market_tables_in_chinese():
    r = gm.global_market(
        _raw("global_market_forecast"), _raw("global_indicators"), _raw("china_indicators"), "zh", 15.0, 25.0, 2.5
    )
    assert r.projection_table.value.iloc[1] == 18000.0 and r.projection_table.unit.iloc[1] == "亿美元"
    assert r.projection_table.shown.iloc[1] == "> 18,000.0 亿美元"
    assert r.china_table.shown.tolist()[:2] == ["82.0 亿美元", "9.6%"] and r.china_table.unit.iloc[4] == "倍"


def test_global_market_splits_and_figures():
    fig, note, region = gm.share_split(_raw("global_market_by_region"), "region", "en", "others", "share")
    assert region["sum"] == 95 and region["rest"] == pytest.approx(5.0)  # 50 + 25 + 20
    assert "5%" in note and "North America close to 50%" in note
    figs, n_not = gm.report_figures("zh")
    assert len(figs) == 11 and n_not == 10  # all but the market forecast (partly redrawn)


def test_china_market_section_hand_worked():
    r = mc.china_market(
        _raw("china_market_size"),
        _raw("china_indicators"),
        _raw("core_technology_distribution"),
        _raw("city_indicators"),
        "en",
        2025,
        [20.0, 40.0],
        0.05,
        6.45,
    )
    assert r.trend is None and r.level == pytest.approx(0.95)  # two points: no trend with intervals
    assert r.shown["start"] == pytest.approx(15.4) and r.shown["end"] == pytest.approx(196.3)  # 154, 1963 in CNY bn
    assert r.shown["end_at_stated"] == pytest.approx(15.4 * 1.6979**5)  # 217.31
    t = r.tech
    assert t["n"] == 7 and t["total"] == pytest.approx(77.0) and t["rest"] == pytest.approx(23.0)
    assert t["top"] == "Big data and cloud computing" and t["top_share"] == pytest.approx(41.13)
    assert t["others_share"] == pytest.approx(77.0 - 41.13)
    f = r.financing
    assert (f["first"], f["last"], f["average"], f["events_growth"]) == (2017, 2021, 1100.0, 25.4)
    assert f["amounts"].value.iloc[0] == pytest.approx(4130.27 / 1.26)  # 3,278.0
    tab = f["table"]
    first = 5500 / sum(1.254 ** (k / 4) for k in range(5))  # 979.16: five years of constant growth average 1,100
    assert list(tab.columns) == ["measure", "value", "unit", "shown", "basis"] and tab.value.dtype == float
    assert tab.value.tolist() == pytest.approx(
        [413.027, 26.0, 413.027 / 1.26, 1100.0, 5500.0, 25.4, 100 * (1.254**0.25 - 1), first, first * 1.254, 65.0],
        abs=0.01,
    )
    assert tab.unit.tolist() == ["CNY bn", "%", "CNY bn", "", "", "%", "%", "", "", "%"]
    assert tab.shown.tolist() == [
        "413.03 CNY bn",
        "26%",
        "327.80 CNY bn",
        "1,100",
        "5,500",
        "+25.4%",
        "5.82%",
        "979",
        "1,228",
        "65%",
    ]
    assert r.beijing_event_share == pytest.approx(33.33)
    proj = r.projection.set_index("scenario")
    assert proj.loc["assumed 20%", "value"] == pytest.approx(196.3 * 1.2**4)  # 407.05 CNY bn


def test_report_figures_file_holds_every_chapter():
    figs = mc.report_figures()
    assert {k: len(v) for k, v in figs.items()} == {
        "global_market": 11,
        "china_market": 8,
        "policy_pilot_zones": 4,
        "cities": 8,
    }
    assert mc.FIGURE_STATUS["partial"] == ("部分重绘", "partly")


def test_policy_and_zone_summaries():
    p = tl.policy_summary(_raw("policy_timeline"))
    assert (p["n"], p["first"], p["last"], p["top_year"], p["top_count"], p["no_month"]) == (20, 2015, 2022, 2017, 4, 2)
    z = tl.zone_summary(_raw("innovation_pilot_zones"), "en")
    assert (z["n"], z["n_dates"], z["busiest_count"]) == (18, 8, 4)
    assert z["busiest"] == pd.Timestamp("2019-10-17")
    pts, county = tl.zone_points(_raw("innovation_pilot_zones"), "en")
    assert len(pts) == 18 and county[["part", "drawn_at"]].values.tolist() == [["德清县", "湖州"]]
    apts, batches = tl.area_points(_raw("application_pilot_areas"), "en")
    assert batches == ["batch 1 (2019)", "batch 2 (2021)"] and len(apts) == 9  # Jinan-Qingdao drawn as two cities


def test_city_tables():
    cind = _raw("city_indicators")
    bj = ct.beijing_shares(cind, "en")
    assert set(bj.indicator) == set(ct.BEIJING_SHARES) and set(bj.city_label) == {"Beijing"}
    assert [(g, len(t)) for g, t in ct.number_groups(cind, "en")] == [
        ("Beijing", 21),
        ("Greater Bay Area", 20),
        ("Hangzhou", 10),
    ]
