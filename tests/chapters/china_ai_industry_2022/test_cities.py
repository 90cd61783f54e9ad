import pandas as pd
import pytest

from ai_industry.chapters.china_ai_industry_2022 import cities as ct
from ai_industry.paths import published_dir

D = published_dir() / "china-ai-industry-2022"


def _raw(name):
    return pd.read_csv(D / f"{name}.csv")


def test_listed_counts_and_research_table():
    inst = pd.DataFrame(
        {
            "city": ["A", "A", "A", "B"],
            "category": ["research_universities", "enterprise_labs", "enterprise_labs", "enterprise_labs"],
            "order": [1, 1, 2, 1],
            "institution": ["u1", "e1", "e2", "e3"],
            "seed_line": [1, 1, 1, 2],
        }
    )
    counts = ct.listed_counts(inst, ["A", "B", "C"]).set_index("city")
    assert counts.loc["A"].tolist() == [1, 0, 2, 3]
    assert counts.loc["C", "total"] == 0
    prof = pd.DataFrame(
        {
            "city": ["A"],
            "feature": ["f"],
            "universities_summary": ["占全国50%以上"],
            "labs_summary": [None],
            "universities_share_pct": [50.0],
            "universities_share_qualifier": ["以上"],
            "labs_count": [None],
            "labs_count_qualifier": [None],
            "seed_line": [1],
        }
    )
    rt = ct.research_table(prof, inst, "zh")
    assert rt.listed.tolist() == ["占全国50%以上：u1", "e1、e2"]  # the empty labs column is left out
    assert rt.n_listed.tolist() == [1, 2]
    assert ct.profile_table(prof, "en").stated.iloc[0] == "at least 50% of the country's research universities"


def test_research_table_of_the_seed():
    rt = ct.research_table(_raw("city_research_profile"), _raw("city_research_institutions"), "en")
    bj = rt[rt.city == "北京"].set_index("category")
    assert bj.loc["enterprise_labs", "n_listed"] == 8
    assert bj.loc["government_or_academic_labs", "listed"].startswith("[超过10个] ")


def test_derived_figures_hand_worked():
    d = ct.derived_figures(_raw("city_indicators"), "en").set_index(["city", "kind", "measure"]).value
    vals = ct.derived_figures(_raw("city_indicators"), "en").value.tolist()
    # 82 / 36 %, 4000 / 30 %, 1500 / 28 %, 1860 / 1.098, 1860 / 2, 20200 / 33.33 %, 420 / 1.34, 420 / 36.5 %, 225.8 / 2038.5
    expected = [227.78, 13333.33, 5357.14, 1693.99, 930.0, 60606.06, 313.43, 1150.68, 11.077]
    assert vals == pytest.approx(expected, abs=0.01)
    assert len(d) == len(ct.DERIVED)


def test_share_statements_exclude_growth():
    sh = ct.share_statements(_raw("city_indicators"), "zh")
    assert not sh.indicator.str.contains("growth").any()
    assert set(sh.unit) == {"pct"}


def test_panel_overview_counts_numbers_per_line():
    ov = ct.panel_overview(_raw("city_panels"), _raw("city_indicators"), "zh", ["深圳"])
    by_line = dict(zip(ov.seed_line, ov.numbers_on_line))
    assert by_line[451] == 2 and by_line[453] == 3 and by_line[447] == 0
    assert ct.excerpt("一二三四五六。七", 4) == "一二三…" and ct.excerpt("短句。后", 10) == "短句"


def test_tianfu_checks():
    tf = ct.tianfu_checks(_raw("tianfu_indicators"), _raw("tianfu_area_by_city"), _raw("science_city_layout"))
    assert tf["area"] == 1578 and tf["area_parts"] == 1484 + 94
    assert tf["groups"] == 7 and tf["components"] == 3 + 4
    f = ct.city_findings(_raw("city_research_profile"), _raw("city_research_institutions"), _raw("city_indicators"), tf)
    assert f[-1]["kind"] == "reproduced"
    assert "5,357" in f[1]["en"] and "26.7%" in f[1]["en"]  # 1432 / 5357.14 = 26.7 %
