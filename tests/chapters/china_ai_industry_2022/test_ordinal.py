"""Ordinal statements of seed 003 where a chart was lost, and the report series of its back matter."""

import pandas as pd
import pytest

from ai_industry.chapters.china_ai_industry_2022 import ordinal
from ai_industry.paths import published_dir

D = published_dir() / "china-ai-industry-2022"


@pytest.fixture(scope="module")
def st():
    return pd.read_csv(D / "ordinal_statements.csv", dtype={"chapter": str})


@pytest.fixture(scope="module")
def ranking():
    return pd.read_csv(D / "city_patent_ranking.csv")


def test_quotes_and_chart_headings_stand_on_their_lines(st):
    seed = (published_dir() / "seeds" / "003_f693247049b42479.txt").read_text(encoding="utf-8").split("\n")
    for r in st.itertuples():
        assert r.quote in seed[r.seed_line - 1], r.seed_line
        if isinstance(r.chart, str):
            assert r.chart == seed[int(r.chart_line) - 1].strip(), r.chart_line


def test_checks_against_the_key_cities_ranking(st, ranking):
    s03, s04 = ordinal.statements(st, "03", ranking), ordinal.statements(st, "04", ranking)
    by = {(r.seed_line, r.order): (r.check, r.check_detail) for r in pd.concat([s03, s04]).itertuples()}
    assert by[(338, 2)] == ("holds", "北京 1 / 上海 3")  # 上海…与北京差距较大
    assert by[(338, 1)][0] == "no_table"  # 广东 is a province the city ranking does not hold
    assert by[(403, 1)][0] == "source" and by[(396, 1)][0] == "no_table"
    assert by[(441, 1)] == ("holds", "广州 > 5")  # not among the five ranked
    assert list(ordinal.statements(st, "02").check) == ["no_table"]
    # a statement the ranking contradicts
    row = s03[(s03.seed_line == 338) & (s03.order == 2)].iloc[0].copy()
    row["ahead"], row["behind"] = "上海", "北京"
    assert ordinal.check(row, ranking) == ("fails", "上海 3 / 北京 1")


def test_fact_text_and_summary(st, ranking):
    from ai_industry.present import labels

    s04 = ordinal.statements(st, "04", ranking)
    en = [ordinal.fact_text(r, "en", lambda n: labels.place(n, "en")) for r in s04.itertuples()]
    assert en[0] == "Shanghai overtook Shenzhen (number of investment events, past five years)"
    assert en[2] == "Guangzhou behind the other cities (patent applications)"
    zh = ordinal.fact_text(s04.iloc[1], "zh", lambda n: n)
    assert zh == "依次为北京、深圳、上海、杭州、南京（专利申请，近五年）"
    s03 = ordinal.statements(st, "03", ranking)
    assert "大湾区" not in ordinal.fact_text(s03.iloc[1], "en", lambda n: labels.place(n, "en"))
    assert ordinal.summary(s03)["en"].startswith("This part has 6 ordinal statements (6 describing")
    assert "1 can be checked" in ordinal.summary(s03)["en"] and "0 disagree" in ordinal.summary(s03)["en"]


def test_report_series_finds_this_report():
    s = ordinal.series(pd.read_csv(D / "report_series_2022.csv"), "中国人工智能产业报告")
    assert len(s["rows"]) == 9 and list(s["rows"].month) == sorted(s["rows"].month)
    assert s["own"].report == "人工智能产业报告" and s["own"].month == 9
    assert ordinal.series(pd.read_csv(D / "report_series_2022.csv"), "别的报告")["own"] is None
