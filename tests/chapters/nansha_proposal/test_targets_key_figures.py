import pandas as pd
import pytest

from ai_industry.chapters.nansha_proposal import targets_key_figures as nansha
from ai_industry.paths import published_dir


def _raw(report, name):
    return pd.read_csv(published_dir() / report / f"{name}.csv")


def test_progress_table_hand_worked():
    prog = nansha.progress_table(_raw("nansha-proposal", "plan_targets"), _raw("nansha-proposal", "indicators"), "en")
    firms = prog[prog.indicator == "ai_enterprises"].iloc[0]
    assert firms.progress_pct == pytest.approx(100 * 130 / 300)  # 43.33 %
    assert prog.progress_pct.isna().sum() == 2  # no current scale reported for Guangzhou or Nansha


def test_guangdong_vs_national_hand_worked():
    size = _raw("china-ai-industry-2022", "china_market_size")
    gd = nansha.guangdong_vs_national(260, 33.33, size, 69.79, 2017, "en")
    implied = gd[gd.kind == "implied"].value.iloc[0]
    assert implied == pytest.approx(100 * 260 / 33.33)  # 780.08
    model = sorted(gd[gd.kind == "model"].value)
    assert model[0] == pytest.approx(154 * 1963**0.2 / 154**0.2, rel=1e-9)  # 154 x 1.66372 = 256.21
    assert model[1] == pytest.approx(154 * 1.6979)  # 261.48
    assert gd[gd.kind == "model"].guangdong_share_pct.round(2).tolist() == [101.48, 99.44]


def test_target_growth_hand_worked():
    t = nansha.target_growth(260, 2017, 3000, 2025)
    assert t["years"] == 8 and t["multiple"] == pytest.approx(11.5385, abs=1e-4)
    assert t["implied_pct"] == pytest.approx(35.76, abs=0.01)  # 11.5385 ** (1/8) = 1.3576
    gt = nansha.guangdong_targets(
        _raw("nansha-proposal", "indicators"), _raw("china-ai-industry-2022", "city_indicators")
    )
    assert [g["target"] for g in gt] == [3000, 18000]
    assert gt[1]["implied_pct"] == pytest.approx(100 * (9**0.125 - 1))  # 2000 -> 18000: 31.6 %


def test_investment_share():
    inv = nansha.investment(_raw("nansha-proposal", "indicators"))
    assert inv["share_pct"] == pytest.approx(100 * 317 / 435)  # 72.87 %
    assert inv["stated_share"] == 70 and inv["period"] == "2018H1"
    tab = nansha.investment_table(inv, "en", 0.1, "US$ bn")
    assert list(tab.columns) == ["measure", "value", "unit", "shown", "basis"] and tab.value.dtype == float
    assert tab.value.tolist() == pytest.approx([43.5, 31.7, 70.0, 100 * 317 / 435, 11.8])
    assert tab.unit.tolist() == ["US$ bn", "US$ bn", "%", "%", "US$ bn"]
    assert tab.shown.tolist() == ["43.5 US$ bn", "31.7 US$ bn", "at least 70%", "72.87%", "11.8 US$ bn"]
    zh = nansha.investment_table(inv, "zh", 1.0, "亿美元")
    assert zh.value.iloc[0] == 435.0 and zh.unit.iloc[0] == "亿美元"
    assert zh.shown.tolist()[:3] == ["435.0 亿美元", "317.0 亿美元", "70% 以上"]


def test_bay_area_table():
    long = nansha.bay_area_long(_raw("nansha-proposal", "bay_area_descriptions"), "en")
    assert set(long.bay) == {"纽约湾区", "旧金山湾区", "东京湾区", "粤港澳大湾区"}
    assert (long.quote != long.text).all()
    assert (
        nansha.region_label("粤港澳大湾区", "en") == "Greater Bay Area"
        and nansha.region_label("深圳", "en") == "Shenzhen"
    )


def test_section_result_hand_worked():
    r = nansha.targets_key_figures(
        _raw("nansha-proposal", "plan_targets"),
        _raw("nansha-proposal", "indicators"),
        _raw("china-ai-industry-2022", "china_market_size"),
        _raw("china-ai-industry-2022", "china_indicators"),
        _raw("china-ai-industry-2022", "city_indicators"),
        "en",
        ("CNY bn", 0.1),
        ("US$ bn", 0.1),
        6.45,
    )
    s = r.shown
    assert (s["nansha_firms"], s["reported_firms"]) == (300, 130)
    assert s["core_base"] == pytest.approx(26.0)  # 260 (100m CNY) in CNY bn
    assert s["implied_national"] == pytest.approx(0.1 * 100 * 260 / 33.33)  # 78.0 CNY bn
    assert r.share == pytest.approx(33.33) and r.size_years == [2016, 2021]
    assert r.national_table.value.max() == pytest.approx(r.national.value.max() * 0.1)
    assert r.targets_growth.base.tolist() == pytest.approx([26.0, 200.0])  # 260 and 2000 (100m CNY)
    assert list(r.targets_table.columns[-3:]) == ["tq", "rq", "unit_label"]
    assert r.investment["share_pct"] == pytest.approx(100 * 317 / 435) and len(r.findings) == 6


def test_labels_come_from_the_terms_file():
    assert nansha.TARGET_EN["ai_enterprises"] == "AI enterprises"
    assert nansha.BAY_EN["粤港澳大湾区"] == "Guangdong-Hong Kong-Macao Greater Bay Area"
    assert nansha.ASPECTS["government"] == ("政府作用", "Role of government")
    gba = nansha.gba_rows(_raw("nansha-proposal", "indicators"))
    assert set(gba.region) <= set(nansha.GBA_REGIONS) and "ai_enterprises" not in set(gba.indicator)
