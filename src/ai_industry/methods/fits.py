"""Ordinary least squares with intervals, one home for the suite's fitted lines (statsmodels OLS).

- `ols`: the fit itself (a straight line y = a + b·x, or b·x through the origin), whose results give the
  coefficients, their t confidence intervals and the confidence / prediction intervals of new points;
- `linear_trend` → `LinearTrend`: a straight line with the slope's CI (unit of y per unit of x);
- `loglog_fit` → `LogLogFit`: a power law y = c·x^slope fitted on natural logs (slope dimensionless), and
  `loglog_band`, its fitted line with the confidence band of the fitted mean back in original units.

`methods.growth.loglinear_trend` (ln value on year, growth in percent a year) is built on `ols` too.
Assumptions of every interval here: independent, normal errors with one variance around the fitted line (in
logs for the log–log fits); t intervals on n − k degrees of freedom (k = 2, or 1 through the origin)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd


def ols(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray, through_origin: bool = False):
    """statsmodels OLS of y on x (with an intercept unless `through_origin`); the fitted results object
    (params, bse, conf_int(alpha), get_prediction …; the slope is params[1], or params[0] through the origin)."""
    import statsmodels.api as sm

    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    exog = xa.reshape(-1, 1) if through_origin else sm.add_constant(xa, has_constant="add")
    return sm.OLS(ya, exog).fit()


@dataclass(frozen=True)
class LinearTrend:
    """OLS straight line y = intercept + slope·x: slope (unit of y per unit of x) with a `conf` CI, R², n and
    the two-sided p-value of slope = 0."""

    slope: float
    ci_low: float
    ci_high: float
    intercept: float
    r2: float
    p_value: float
    n: int
    conf: float


def linear_trend(x: Sequence[float], y: Sequence[float], conf: float = 0.95) -> LinearTrend:
    """Linear trend of y on x (e.g. average path length on year: steps per year) by OLS; needs ≥ 3 points."""
    xa, ya = np.asarray(x, float), np.asarray(y, float)
    if len(xa) < 3:
        raise ValueError("a trend with a CI needs at least 3 points")
    res = ols(xa, ya)
    lo, hi = res.conf_int(alpha=1 - conf)[1]
    return LinearTrend(
        slope=float(res.params[1]),
        ci_low=float(lo),
        ci_high=float(hi),
        intercept=float(res.params[0]),
        r2=float(res.rsquared),
        p_value=float(res.pvalues[1]),
        n=len(xa),
        conf=conf,
    )


@dataclass(frozen=True)
class LogLogFit:
    """OLS fit of ln y = ln c + slope·ln x: slope with a two-sided `conf` CI (t distribution), its standard
    error, the intercept ln c (0 when forced through the origin), R² (uncentred when through the origin),
    n points and residual degrees of freedom."""

    slope: float
    ci_low: float
    ci_high: float
    se: float
    intercept: float
    r2: float
    n: int
    df_resid: int
    conf: float
    through_origin: bool = False

    @property
    def ci_half_width(self) -> float:
        """Half the width of the slope's CI (same unit as the slope)."""
        return (self.ci_high - self.ci_low) / 2

    def as_dict(self) -> dict:
        """The fit as a plain dict (for tables and JSON)."""
        return asdict(self)


def loglog_fit(x: Sequence[float], y: Sequence[float], conf: float = 0.95, through_origin: bool = False) -> LogLogFit:
    """Power law y = c·x^slope fitted by OLS on natural logs (slope dimensionless); needs ≥ 3 points (2 through
    the origin)."""
    lx = np.log(np.asarray(x, dtype=float))
    ly = np.log(np.asarray(y, dtype=float))
    need = 2 if through_origin else 3
    if len(lx) < need:
        raise ValueError(f"a log-log fit with a CI needs at least {need} points, got {len(lx)}")
    res = ols(lx, ly, through_origin)
    k = 0 if through_origin else 1
    lo, hi = res.conf_int(alpha=1 - conf)[k]
    return LogLogFit(
        slope=float(res.params[k]),
        ci_low=float(lo),
        ci_high=float(hi),
        se=float(res.bse[k]),
        intercept=0.0 if through_origin else float(res.params[0]),
        r2=float(res.rsquared),
        n=len(lx),
        df_resid=int(res.df_resid),
        conf=conf,
        through_origin=through_origin,
    )


def loglog_band(fit: LogLogFit, x: Sequence[float], x_new: Sequence[float], y: Sequence[float]) -> pd.DataFrame:
    """Fitted y and the `fit.conf` band of the fitted mean at `x_new` (original units), for drawing."""
    lx, ly = np.log(np.asarray(x, float)), np.log(np.asarray(y, float))
    res = ols(lx, ly, fit.through_origin)
    lnew = np.log(np.asarray(x_new, float))
    exog = lnew.reshape(-1, 1) if fit.through_origin else np.column_stack([np.ones_like(lnew), lnew])
    pred = res.get_prediction(exog).summary_frame(alpha=1 - fit.conf)
    return pd.DataFrame(
        {
            "x": np.asarray(x_new, float),
            "fit": np.exp(pred["mean"].to_numpy()),
            "low": np.exp(pred["mean_ci_lower"].to_numpy()),
            "high": np.exp(pred["mean_ci_upper"].to_numpy()),
        }
    )
