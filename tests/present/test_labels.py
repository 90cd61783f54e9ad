"""Tables of measures (`labels.measure_rows`): the exported value is a number with its unit beside it, and the
text a chapter shows is rebuilt from them exactly."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ai_industry.present import labels


def test_measure_rows_keeps_numbers_and_the_shown_text():
    tab = labels.measure_rows(
        [
            ("size 2016", 154.0, "亿元", "{:,.1f} {unit}", "stated"),
            ("size 2021", 1963.0, "CNY bn", "{:,.1f} {unit}", "stated"),
            ("growth", 69.79, "%", "{:.2f}{unit}", "stated"),
            ("difference (pp)", 3.4169, "pp", "{:+.2f}", "recomputed"),  # the label names the unit
            ("lower bound", 18000.0, "亿美元", "> {:,.1f} {unit}", "stated"),
            ("share", 70, "%", "{:g}{unit} 以上", "stated"),
            ("events", 1100, "", "{:,.0f}", "stated"),  # a pure count
        ]
    )
    assert list(tab.columns) == ["measure", "value", "unit", "shown", "basis"]
    assert tab["value"].dtype == float
    assert tab["value"].tolist() == [154.0, 1963.0, 69.79, 3.4169, 18000.0, 70.0, 1100.0]
    assert tab["unit"].tolist() == ["亿元", "CNY bn", "%", "pp", "亿美元", "%", ""]
    assert tab["shown"].tolist() == [
        "154.0 亿元",
        "1,963.0 CNY bn",
        "69.79%",
        "+3.42",
        "> 18,000.0 亿美元",
        "70% 以上",
        "1,100",
    ]
    assert tab["basis"].tolist() == ["stated", "stated", "stated", "recomputed", "stated", "stated", "stated"]


def test_measure_rows_without_a_number_shows_nothing():
    tab = labels.measure_rows([("missing", None, "%", "{:.2f}{unit}", ""), ("nan", float("nan"), "亿元", "{:g}", "")])
    assert tab["value"].isna().all() and tab["shown"].tolist() == ["", ""]


def test_measure_rows_strips_an_empty_unit_and_survives_a_csv_round_trip(tmp_path):
    tab = labels.measure_rows([("amount", 12.345, "", "{:,.1f} {unit}", "b")])
    assert tab["shown"].iloc[0] == "12.3"  # no trailing space where no unit is given
    tab.to_csv(tmp_path / "t.csv", index=False)
    back = pd.read_csv(tmp_path / "t.csv", keep_default_na=False)
    assert back["value"].dtype == float and math.isclose(back["value"].iloc[0], 12.345)


def test_measure_rows_drops_float_noise_but_not_precision():
    tab = labels.measure_rows(
        [("amount", 4130.27 * 0.1, "CNY bn", "{:,.2f} {unit}", ""), ("rate", 100 / 3, "%", "{:.2f}{unit}", "")]
    )
    assert tab["value"].tolist() == [413.027, 33.3333333333] and tab["shown"].tolist() == ["413.03 CNY bn", "33.33%"]


def test_measure_rows_of_nothing_has_the_columns():
    tab = labels.measure_rows([])
    assert list(tab.columns) == labels.MEASURE_COLUMNS and tab.empty


@pytest.mark.parametrize(
    ("unit_id", "zh", "en"), [("pct", "%", "%"), ("pp", "个百分点", "pp"), ("year", "年份", "year")]
)
def test_unit_labels_used_by_measure_tables(unit_id, zh, en):
    assert labels.unit_label(unit_id, "zh") == zh and labels.unit_label(unit_id, "en") == en
