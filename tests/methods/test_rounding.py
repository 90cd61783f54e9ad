"""Printed-number arithmetic: half-units, implied totals and their rounding interval, whole-count consistency,
the tolerance of a sum, and the one qualifier table."""

import numpy as np
import pytest

from ai_industry.catalog import printed
from ai_industry.methods import rounding


def test_half_unit_of_printed_numbers():
    assert rounding.printed_decimals("14.50") == 2  # trailing zero printed: two decimals
    assert rounding.printed_half_unit("14.50", "pct") == pytest.approx(0.005)
    assert rounding.printed_half_unit("14.5", "pct") == pytest.approx(0.05)
    assert rounding.printed_half_unit("2200", "100m_cny") == 0.5
    assert rounding.printed_half_unit("2200", "count") == 0.0  # counts are exact
    assert rounding.printed_half_unit("3", "rank") == 0.0
    assert rounding.half_unit(0) == 0.5 and rounding.half_unit(3) == pytest.approx(0.0005)


def test_within_half_unit_is_a_closed_interval():
    assert rounding.within_half_unit(0.005, 2)  # exactly half a unit still reproduces
    assert not rounding.within_half_unit(0.0051, 2)
    assert rounding.within_half_unit(-0.02, 2, terms=4)
    assert list(rounding.within_half_unit(np.array([0.004, -0.006]), 2)) == [True, False]


def test_sum_tolerance():
    # five shares at two decimals against a printed total: six half-units
    assert rounding.sum_tolerance(2, 5) == pytest.approx(0.03)
    assert rounding.sum_tolerance(0, 1) == 1.0


def test_implied_total_and_its_rounding_interval():
    assert rounding.implied_total(7, 63.6) == pytest.approx(11.00629, abs=1e-5)
    with pytest.raises(ValueError):
        rounding.implied_total(1, 0)
    lo, hi = rounding.implied_total_bounds(12, 75, 0)  # 75 % printed whole: 74.5–75.5 %
    assert lo == pytest.approx(1200 / 75.5) and hi == pytest.approx(1200 / 74.5)
    assert rounding.whole_numbers(15.9, 16.1) == [16]
    assert rounding.whole_numbers(15.1, 15.9) == []
    assert rounding.whole_numbers(2.0, 3.0) == [2, 3]


def test_whole_count_consistency():
    # 18.72 % of 438 = 81.99 -> 82, which gives 18.7215 %, within 0.005 of 18.72
    assert rounding.nearest_count(18.72, 438) == 82
    assert rounding.share_reproduced(82, 438, 18.72, 2)
    assert not rounding.share_reproduced(81, 438, 18.72, 2)
    assert rounding.share_of(50, 200) == 25.0
    assert rounding.consistent_counts(4, 25, 0) == [1]
    assert rounding.consistent_counts(1318, 20.6, 1) == [271, 272]  # 20.56 % and 20.64 % both print as 20.6
    counts = rounding.nearest_count(np.array([28.09, 30.95]), 2200)
    assert list(counts) == [618, 681]
    assert list(rounding.share_reproduced(counts, 2200, np.array([28.09, 30.95]), 2)) == [True, True]


def test_the_qualifier_table():
    assert printed.bound_of("以上") == "lower_inclusive"  # 以上 includes the printed value
    assert printed.bound_of("超过") == "lower_exclusive"
    assert printed.bound_of("不足") == "upper_exclusive"
    assert printed.bound_of("约") == "approximate"
    assert printed.bound_of("") == "exact" and printed.bound_of(None) == "exact"
    assert printed.bound_of("前") == "rank"
    assert printed.is_lower("至少") and printed.is_upper("仅") and printed.is_approximate("约…左右")
    assert not printed.is_lower("达到")
    assert printed.english("以上") == "at least"  # the one wording (no longer "or more")
    assert printed.english("超过") == "over" and printed.english("不足") == "under"
    assert printed.english("未知") == "未知"  # unknown: kept as printed
    assert printed.qualifier("以上").position == "after" and printed.qualifier("超过").position == "before"
    assert printed.words("upper") == {"不到", "不足", "仅", "less than", "under"}
