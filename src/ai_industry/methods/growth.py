"""Growth arithmetic for published market series: compound annual growth, the growth a target requires,
compound projections, sensitivity tables, and a log-linear trend with confidence and prediction intervals.

Rates are in percent a year (20.0 means 20 %/yr); values are in whatever unit the series has (亿元, 亿美元 …)
and come back in that unit.

The log-linear trend (`loglinear_trend`) is statsmodels OLS (`methods.fits.ols`) of ln(value) on the year. Its assumptions, which a
chapter must state whenever it shows the result:

- **constant growth**: the series grows by the same percentage every year (a straight line in logs); breaks,
  saturation and cycles are not modelled;
- **log-normal errors**: deviations from that line are multiplicative, normal in logs, with one variance;
  back-transformed with exp(), the fitted line and its confidence band describe the *median* (geometric mean)
  level, not the arithmetic mean (which would be larger by exp(σ²/2));
- **independent years**: residuals are uncorrelated (no autocorrelation correction), which a short annual
  series cannot test;
- **n small**: with n points the t distribution has n − 2 degrees of freedom, so the intervals are wide, and
  with fewer than three points there is no residual variance and no interval at all (the function refuses;
  with two points only the compound path through them, `compound_path`, exists).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ai_industry.methods.fits import ols

ASSUMPTIONS_ZH = (
    "增长率恒定（对数尺度上为直线）；误差为对数正态（对数尺度上正态、方差相同），反变换后的拟合值与置信区间"
    "对应中位数（几何均值）水平；各年误差相互独立；样本很小，区间按自由度为 n−2 的 t 分布计算。"
)
ASSUMPTIONS_EN = (
    "constant growth (a straight line in logs); log-normal errors (normal in logs, equal variance), so "
    "the back-transformed fit and its confidence band describe the median (geometric-mean) level; "
    "independent years; a small sample, with t intervals on n − 2 degrees of freedom."
)


def _positive(name: str, x: float) -> float:
    x = float(x)
    if not np.isfinite(x) or x <= 0:
        raise ValueError(f"{name} must be a positive number, not {x!r}")
    return x


def cagr(start: float, end: float, years: float) -> float:
    """Compound annual growth rate (percent a year) that takes `start` to `end` in `years` years."""
    start, end, years = _positive("start", start), _positive("end", end), _positive("years", years)
    return 100.0 * ((end / start) ** (1.0 / years) - 1.0)


def cagr_of_multiple(multiple, years: float):
    """Compound annual growth (percent a year) under which a value becomes `multiple` times itself in `years`
    years: 100 · (multiple^(1/years) − 1) — `cagr(1, multiple, years)`, also element-wise for arrays and Series
    (NaN stays NaN; a multiple of 0 gives −100). It is also the yearly growth under which a total over `years`
    years is `multiple` times the total over the `years` years before."""
    if np.any(np.asarray(multiple, dtype=float) < 0) or years <= 0:
        raise ValueError("multiple must not be negative and years must be positive")
    return 100.0 * (multiple ** (1.0 / years) - 1.0)


def implied_growth(start: float, target: float, years: float) -> float:
    """Growth (percent a year, compound) that a `target` reached `years` years after `start` requires."""
    return cagr(start, target, years)


def project(value: float, rate_pct: float, years: float | np.ndarray) -> float | np.ndarray:
    """`value` grown at `rate_pct` percent a year, compounded, for `years` years (same unit as `value`)."""
    if rate_pct <= -100:
        raise ValueError("a growth rate of -100 % or less has no compound meaning")
    out = float(value) * (1.0 + float(rate_pct) / 100.0) ** np.asarray(years, dtype=float)
    return float(out) if np.ndim(out) == 0 else out


def years_to_reach(value: float, target: float, rate_pct: float) -> float:
    """Years (possibly fractional) that `value` needs to reach `target` at `rate_pct` percent a year."""
    value, target = _positive("value", value), _positive("target", target)
    if rate_pct <= 0:
        raise ValueError("the growth rate must be positive to reach a larger target")
    return float(np.log(target / value) / np.log1p(rate_pct / 100.0))


def sensitivity(value: float, rates: Iterable[float], years: float) -> pd.DataFrame:
    """For each growth rate (percent a year): the value after `years` years and its multiple of `value`.
    Columns rate_pct, years, value, multiple (value in the unit of `value`)."""
    rows = [
        {
            "rate_pct": float(r),
            "years": float(years),
            "value": project(value, r, years),
            "multiple": project(1.0, r, years),
        }
        for r in rates
    ]
    return pd.DataFrame(rows, columns=["rate_pct", "years", "value", "multiple"])


def compound_path(start_year: int, start_value: float, rate_pct: float, end_year: int) -> pd.DataFrame:
    """The yearly compound path from (`start_year`, `start_value`) at `rate_pct` percent a year up to
    `end_year` inclusive (may run backwards). Columns year, value."""
    step = 1 if end_year >= start_year else -1
    years = np.arange(start_year, end_year + step, step)
    return pd.DataFrame({"year": years, "value": project(start_value, rate_pct, years - start_year)})


def paths(start_year: int, start_value: float, rates: Iterable[float], end_year: int) -> pd.DataFrame:
    """Compound paths for several rates, long form: columns rate_pct, year, value."""
    frames = [compound_path(start_year, start_value, r, end_year).assign(rate_pct=float(r)) for r in rates]
    return pd.concat(frames, ignore_index=True)[["rate_pct", "year", "value"]]


@dataclass
class Trend:
    """A fitted log-linear trend. Rates in percent a year; levels in the series' unit."""

    n: int
    alpha: float
    growth_pct: float
    growth_ci_low: float
    growth_ci_high: float
    slope_log: float
    slope_se: float
    r_squared: float
    resid_df: int
    fitted: pd.DataFrame = field(repr=False)  # year, value, fitted (median level)
    prediction: pd.DataFrame = field(repr=False)  # year, median, mean_low, mean_high, obs_low, obs_high


def loglinear_trend(
    years: Sequence[float], values: Sequence[float], predict_years: Sequence[float], alpha: float = 0.05
) -> Trend:
    """OLS of ln(value) on year (statsmodels): growth per year (percent) with its (1 − alpha) confidence
    interval, fitted levels, and for `predict_years` the back-transformed median level with the confidence
    interval of that median and the prediction interval of one new observation (levels, series unit).
    Assumptions: see the module docstring. Needs at least three points with distinct years."""
    y_years = np.asarray(years, dtype=float)
    vals = np.asarray(values, dtype=float)
    if y_years.shape != vals.shape:
        raise ValueError("years and values must have the same length")
    if len(vals) < 3 or len(np.unique(y_years)) < 3:
        raise ValueError(
            f"a log-linear trend with intervals needs at least 3 points in distinct years, got "
            f"{len(np.unique(y_years))}: with 2 points the line passes through both exactly and "
            f"there is no residual variance; use compound_path for the path through them"
        )
    if np.any(vals <= 0):
        raise ValueError("values must be positive to take logs")
    if not 0 < alpha < 1:
        raise ValueError("alpha must lie between 0 and 1")
    center = float(y_years.mean())
    res = ols(y_years - center, np.log(vals))
    b, se = float(res.params[1]), float(res.bse[1])
    lo, hi = (float(v) for v in np.asarray(res.conf_int(alpha=alpha))[1])
    xp = np.asarray(predict_years, dtype=float) - center
    Xp = np.column_stack([np.ones_like(xp), xp])
    pr = res.get_prediction(Xp).summary_frame(alpha=alpha)
    prediction = pd.DataFrame(
        {
            "year": np.asarray(predict_years),
            "median": np.exp(pr["mean"].to_numpy()),
            "mean_low": np.exp(pr["mean_ci_lower"].to_numpy()),
            "mean_high": np.exp(pr["mean_ci_upper"].to_numpy()),
            "obs_low": np.exp(pr["obs_ci_lower"].to_numpy()),
            "obs_high": np.exp(pr["obs_ci_upper"].to_numpy()),
        }
    )
    fitted = pd.DataFrame({"year": y_years, "value": vals, "fitted": np.exp(res.fittedvalues)})
    r2 = float(res.rsquared) if np.isfinite(res.rsquared) else 1.0
    return Trend(
        n=len(vals),
        alpha=alpha,
        growth_pct=100 * float(np.expm1(b)),
        growth_ci_low=100 * float(np.expm1(lo)),
        growth_ci_high=100 * float(np.expm1(hi)),
        slope_log=b,
        slope_se=se,
        r_squared=r2,
        resid_df=int(res.df_resid),
        fitted=fitted,
        prediction=prediction,
    )


# ---- checks of printed series -------------------------------------------------------------------------------
def previous_from_growth(value: float, growth_pct: float) -> float:
    """The earlier value that `value` is `growth_pct` percent above (same unit)."""
    return float(value) / (1.0 + float(growth_pct) / 100.0)


def series_check(size: pd.DataFrame, stated_pct: float, value: str = "market_100m_cny") -> dict:
    """The stated CAGR of a two-or-more-point series against the one its end points imply (percent a year),
    with what the stated rate would need (start value) or give (end value), and over how many years the
    end points would give the stated rate."""
    s = size.sort_values("year")
    y0, y1 = int(s.year.iloc[0]), int(s.year.iloc[-1])
    v0, v1 = float(s[value].iloc[0]), float(s[value].iloc[-1])
    n = y1 - y0
    implied = cagr(v0, v1, n)
    return {
        "start_year": y0,
        "end_year": y1,
        "start": v0,
        "end": v1,
        "years": n,
        "points": len(s),
        "implied_pct": implied,
        "stated_pct": stated_pct,
        "diff_pp": implied - stated_pct,  # recomputed − stated, the audit's sign convention
        "end_at_stated": project(v0, stated_pct, n),
        "start_for_stated": project(v1, stated_pct, -n),
        "years_for_stated": years_to_reach(v0, v1, stated_pct),
    }
