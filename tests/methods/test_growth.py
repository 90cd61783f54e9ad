import math

import numpy as np
import pytest

from ai_industry.methods import growth


def test_cagr_hand_worked():
    # 100 -> 200 in 5 years: 2 ** (1/5) = 1.148698 -> 14.87 % a year
    assert growth.cagr(100, 200, 5) == pytest.approx(14.8698355, abs=1e-6)
    # seed 003 line 302: 154 -> 1963 over 2016-2021 (5 years): 12.7468 ** 0.2 = 1.66372 -> 66.37 %, not 69.79 %
    assert growth.cagr(154, 1963, 5) == pytest.approx(66.372, abs=1e-3)
    assert growth.cagr(50, 50, 3) == 0.0
    with pytest.raises(ValueError):
        growth.cagr(0, 10, 5)
    with pytest.raises(ValueError):
        growth.cagr(10, 20, 0)


def test_implied_growth_of_the_idc_projection():
    # 4328 -> 18000 (亿美元) over 2022-2030: 4.15896 ** (1/8) = 1.19501 -> 19.50 % a year
    assert growth.implied_growth(4328, 18000, 8) == pytest.approx(19.501, abs=1e-3)


def test_project_and_years_to_reach():
    assert growth.project(100, 10, 2) == pytest.approx(121.0)
    assert growth.project(4328, 20, 8) == pytest.approx(4328 * 1.2**8)  # 18,609.6
    assert growth.project(4328, 20, 8) == pytest.approx(18609.6, abs=0.1)
    assert list(growth.project(100, 100, np.array([0, 1, 2]))) == [100.0, 200.0, 400.0]
    assert growth.project(121, 10, -2) == pytest.approx(100.0)  # backwards
    assert growth.years_to_reach(100, 400, 100) == pytest.approx(2.0)
    with pytest.raises(ValueError):
        growth.project(100, -100, 1)


def test_sensitivity_table():
    tab = growth.sensitivity(100, [0, 10, 20], 2)
    assert list(tab.columns) == ["rate_pct", "years", "value", "multiple"]
    assert tab.value.tolist() == pytest.approx([100.0, 121.0, 144.0])
    assert tab.multiple.tolist() == pytest.approx([1.0, 1.21, 1.44])


def test_compound_path_and_paths():
    p = growth.compound_path(2016, 100, 10, 2019)
    assert p.year.tolist() == [2016, 2017, 2018, 2019]
    assert p.value.tolist() == pytest.approx([100, 110, 121, 133.1])
    back = growth.compound_path(2021, 121, 10, 2019)
    assert back.year.tolist() == [2021, 2020, 2019] and back.value.iloc[-1] == pytest.approx(100)
    long = growth.paths(2020, 100, [0, 50], 2021)
    assert len(long) == 4 and long[long.rate_pct == 50].value.tolist() == pytest.approx([100, 150])


def test_exact_exponential_recovers_its_rate_with_zero_width():
    years = [2016, 2017, 2018, 2019, 2020]
    values = [100 * 1.1**i for i in range(5)]
    tr = growth.loglinear_trend(years, values, [2021])
    assert tr.growth_pct == pytest.approx(10.0)
    assert tr.growth_ci_low == pytest.approx(10.0) and tr.growth_ci_high == pytest.approx(10.0)
    assert tr.r_squared == pytest.approx(1.0)
    pr = tr.prediction.iloc[0]
    assert pr["median"] == pytest.approx(161.051)
    for col in ("mean_low", "mean_high", "obs_low", "obs_high"):
        assert pr[col] == pytest.approx(161.051)
    assert tr.fitted.fitted.tolist() == pytest.approx(values)


def test_loglinear_trend_hand_worked_intervals():
    # ln(value) = 0, 0.2, 0.1 at x = 0, 1, 2: slope 0.1/2 = 0.05, residuals -0.05, 0.1, -0.05, SSR 0.015, df 1,
    # s^2 = 0.015, se(b) = sqrt(0.015 / 2) = 0.0866025, t(0.975; 1) = 12.7062
    vals = np.exp([0.0, 0.2, 0.1])
    tr = growth.loglinear_trend([0, 1, 2], vals, [3])
    t = 12.7062047
    assert tr.slope_log == pytest.approx(0.05)
    assert tr.slope_se == pytest.approx(0.0866025, abs=1e-6)
    assert tr.resid_df == 1
    assert tr.growth_pct == pytest.approx(100 * (math.exp(0.05) - 1))  # 5.127 %
    assert tr.growth_ci_low == pytest.approx(100 * (math.exp(0.05 - t * 0.0866025) - 1), abs=1e-3)  # -65.02 %
    assert tr.growth_ci_high == pytest.approx(100 * (math.exp(0.05 + t * 0.0866025) - 1), abs=1e-3)  # 215.95 %
    # at x = 3: log-mean 0.2; se(mean) = s * sqrt(1/3 + 4/2) = 0.187083; se(obs) = s * sqrt(1 + 1/3 + 2) = 0.223607
    pr = tr.prediction.iloc[0]
    assert pr["median"] == pytest.approx(math.exp(0.2))
    assert pr["mean_low"] == pytest.approx(math.exp(0.2 - t * 0.187083), rel=1e-4)
    assert pr["mean_high"] == pytest.approx(math.exp(0.2 + t * 0.187083), rel=1e-4)
    assert pr["obs_low"] == pytest.approx(math.exp(0.2 - t * 0.223607), rel=1e-4)
    assert pr["obs_high"] == pytest.approx(math.exp(0.2 + t * 0.223607), rel=1e-4)
    assert pr["obs_low"] < pr["mean_low"] < pr["median"] < pr["mean_high"] < pr["obs_high"]


def test_two_points_are_refused_with_a_reason():
    with pytest.raises(ValueError, match="at least 3 points"):
        growth.loglinear_trend([2016, 2021], [154, 1963], [2025])
    with pytest.raises(ValueError, match="at least 3 points"):
        growth.loglinear_trend([2016, 2016, 2021], [150, 160, 1963], [2025])


def test_cagr_of_multiple_is_cagr_from_one():
    # 2016-2020 patents 10.74 times 2011-2015: 10.74 ** 0.2 = 1.607685 -> 60.77 % a year
    assert growth.cagr_of_multiple(10.74, 5) == pytest.approx(60.7685, abs=1e-4)
    assert growth.cagr_of_multiple(2.0, 4) == growth.cagr(1.0, 2.0, 4)
    got = growth.cagr_of_multiple(np.array([1.0, 4.0, 0.0, np.nan]), 2)
    assert got[0] == 0.0 and got[1] == pytest.approx(100.0) and got[2] == -100.0 and np.isnan(got[3])
    with pytest.raises(ValueError):
        growth.cagr_of_multiple(-1.0, 2)
    with pytest.raises(ValueError):
        growth.cagr_of_multiple(2.0, 0)
