import math

import pandas as pd
import pytest

from ai_industry.chapters.china_ai_industry_2022 import china_market as mc
from ai_industry.chapters.china_ai_industry_2022 import global_market as gm


def _size():
    return pd.DataFrame({"year": [2016, 2021], "market_100m_cny": [154.0, 1963.0], "seed_line": [302, 302]})


def test_value_of_needs_exactly_one_row():
    df = pd.DataFrame({"indicator": ["a", "b", "b"], "value": [1.0, 2.0, 3.0]})
    assert mc.value_of(df, indicator="a") == 1.0
    with pytest.raises(KeyError):
        mc.value_of(df, indicator="b")
    with pytest.raises(KeyError):
        mc.value_of(df, indicator="c")


def test_implied_total_and_previous_value():
    # 82 (100m USD) = 9.6 % of the world -> 100 * 82 / 9.6 = 854.17
    assert mc.implied_total(82, 9.6) == pytest.approx(854.1667, abs=1e-4)
    # 4130.27 (100m CNY) is 26 % above 2020 -> 4130.27 / 1.26 = 3278.0
    assert mc.previous_from_growth(4130.27, 26) == pytest.approx(3278.0, abs=0.01)
    with pytest.raises(ValueError):
        mc.implied_total(1, 0)


def test_forecast_check_hand_worked():
    fc = gm.forecast_check(2022, 4328, 2030, 18000, 20)
    assert fc["years"] == 8
    assert fc["implied_pct"] == pytest.approx(19.501, abs=1e-3)
    assert fc["projected"] == pytest.approx(4328 * 1.2**8)  # 18,609.6
    assert fc["projected_minus_target"] == pytest.approx(609.6, abs=0.1)
    # 18000 / 4328 = 4.15896; ln 4.15896 / ln 1.2 = 1.42526 / 0.18232 = 7.817 years
    assert fc["reach_year"] == pytest.approx(2029.817, abs=1e-3)


def test_series_check_the_stated_cagr_of_seed_003():
    chk = mc.series_check(_size(), 69.79)
    assert chk["implied_pct"] == pytest.approx(66.372, abs=1e-3)
    assert chk["diff_pp"] == pytest.approx(-3.418, abs=1e-3)  # recomputed − stated, as in the audit
    assert chk["end_at_stated"] == pytest.approx(154 * 1.6979**5)  # 2,173.1
    assert chk["end_at_stated"] == pytest.approx(2173.1, abs=0.1)
    assert chk["start_for_stated"] == pytest.approx(1963 / 1.6979**5)  # 139.1
    assert chk["years_for_stated"] == pytest.approx(math.log(1963 / 154) / math.log(1.6979))  # 4.808
    assert chk["years_for_stated"] == pytest.approx(4.808, abs=1e-3)
    tab = mc.series_table(chk, "en", factor=0.1, unit_text="CNY bn")
    assert list(tab.columns) == ["measure", "value", "unit", "shown", "basis"] and tab.value.dtype == float
    assert tab.value.tolist() == pytest.approx(
        [15.4, 196.3, 69.79, chk["implied_pct"], chk["diff_pp"], 217.31, 13.91, 4.808], abs=5e-3
    )
    assert tab.unit.tolist() == ["CNY bn", "CNY bn", "%", "%", "pp", "CNY bn", "CNY bn", "years"]
    assert tab.shown.tolist() == [
        "15.4 CNY bn",
        "196.3 CNY bn",
        "69.79%",
        "66.37%",
        "-3.42",  # recomputed − stated
        "217.3 CNY bn",
        "13.9 CNY bn",
        "4.81",
    ]
    zh = mc.series_table(chk, "zh", unit_text="亿元")
    assert zh.value.iloc[0] == 154.0 and zh.unit.iloc[0] == "亿元" and zh.shown.iloc[0] == "154.0 亿元"
    assert zh.unit.iloc[4] == "个百分点" and zh.basis.tolist()[:3] == ["报告所述"] * 3


def test_projection_and_scenarios():
    chk = mc.series_check(_size(), 69.79)
    proj = mc.projection_table(chk, 2025, [20.0], "en").set_index("scenario")
    assert proj.loc["assumed 20%", "value"] == pytest.approx(1963 * 1.2**4)  # 4,070.5
    assert proj.loc["rate the end points imply", "value"] == pytest.approx(1963 * 1.66372**4, rel=1e-4)
    lines = mc.market_scenarios(chk, 2025, [20.0], "en")
    first = lines[lines.scenario.str.startswith("rate the end points")]
    assert first.year.tolist() == list(range(2016, 2026))
    assert first[first.year == 2021].value.iloc[0] == pytest.approx(1963.0)  # passes through both points
    stated = lines[lines.scenario.str.startswith("stated")]
    assert stated.year.max() == 2021 and stated.value.iloc[-1] == pytest.approx(2173.1, abs=0.1)


def test_events_constant_growth_hand_worked():
    # two years averaging 100 with the second 50 % above the first: x + 1.5x = 200 -> 80, 120
    ev = mc.events_constant_growth(2017, 2018, 100, 50)
    assert ev.events.tolist() == pytest.approx([80.0, 120.0])
    assert ev.rate_pct.iloc[0] == pytest.approx(50.0)
    ev = mc.events_constant_growth(2017, 2021, 1100, 25.4)
    assert ev.events.mean() == pytest.approx(1100)
    assert ev.events.iloc[-1] / ev.events.iloc[0] == pytest.approx(1.254)
    assert ev.rate_pct.iloc[0] == pytest.approx(100 * (1.254**0.25 - 1))  # 5.82 %
    assert ev.events.iloc[0] == pytest.approx(979.1, abs=0.1)


def test_labels_and_units():
    assert mc.unit("100m_usd", "en") == ("US$ bn", 0.1)
    assert mc.unit("100m_cny", "zh") == ("亿元", 1.0)
    assert mc.qualifier_label("约", "en") == "about" and mc.qualifier_label("约", "zh") == "约"
    assert mc.qualifier_label(float("nan"), "en") == ""
    assert mc.indicator_label("ai_rd_expenditure") == "AI R&D expenditure"
    assert mc.tech_label("硬件", "en") == "Hardware" and mc.tech_label("硬件", "zh") == "硬件"
    note = gm.split_note(["A", "B"], ["接近", "接近"], [50, 45], 5, "en")
    assert "5%" in note and "close to 50%" in note
    assert "exactly" in gm.split_note(["A"], ["约"], [100], 0, "en")


def test_figures_tables_are_complete_and_sorted():
    for chapter in mc.FIGURES:
        for lang in ("zh", "en"):
            t = mc.figures_table(chapter, lang)
            assert list(t.columns) == ["seed_line", "figure", "status", "why"]
            assert t.seed_line.is_monotonic_increasing and t.figure.str.len().min() > 0


def test_findings_say_what_they_compare():
    fc = gm.forecast_check(2022, 4328, 2030, 18000, 20)
    china = {"china": 82, "share": 9.6, "implied_global": mc.implied_total(82, 9.6), "backcast": 4328 / 1.2}
    f = gm.global_findings(fc, 20, 4328, 18000, 20, china)
    assert f[0]["kind"] == "reproduced" and "19.50%" in f[0]["zh"]
    assert "4.2" in f[2]["en"]  # 3,606.7 / 854.2 = 4.22
    chk = mc.series_check(_size(), 69.79)
    g = mc.china_findings(chk, 4130.27, 26, 82, 6.45, ("亿元", 1.0))
    assert "4.81" in g[0]["zh"] and "3.7" in g[1]["zh"]  # 1963 / (82 * 6.45) = 3.71


def test_trend_chart_for_three_or_more_points():
    import matplotlib.pyplot as plt

    from ai_industry.methods import growth

    tr = growth.loglinear_trend([2016, 2017, 2018, 2019], [100, 130, 160, 220], [2020, 2021])
    fig = mc.trend_chart(tr, {"xlabel": "x", "ylabel": "y", "data": "d", "fit": "f", "ci": "c", "pi": "p"})
    assert fig.axes[0].get_yscale() == "log"
    plt.close(fig)
