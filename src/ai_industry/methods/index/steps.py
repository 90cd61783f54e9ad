"""The construction steps of a composite index, each a small function on a unit x indicator matrix (numpy
arrays, NaN = missing; the DataFrame level is in `build`). The formulas follow the OECD/JRC Handbook on
Constructing Composite Indicators (2008), section 1.5 (normalisation), 1.6 (weighting and aggregation), and
COINr's definitions where the handbook leaves a detail open (named in each docstring).

Arrays: `x` is one indicator (units), `X` a matrix (units x indicators); `A` is the indicator x dimension
membership matrix (0/1); weights are given per replication as rows, so one call aggregates many runs at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

# ---- missing data ---------------------------------------------------------------------------------------


def impute_column(x: np.ndarray, rule: str, total: float | None = None, universe: int | None = None) -> np.ndarray:
    """One indicator's missing values filled by `rule` (raw values, before normalisation):
    none and dimension-mean leave them (the latter is applied after normalisation: `impute_within_dimensions`);
    mean / median: the indicator's mean or median over the units that have it (COINr `i_mean`, `i_median`);
    residual: for a top-k list of shares of `total`, the part of the total the list leaves unallocated spread
    evenly over the `universe - k` units it omits (`universe`: all units the shares are of, default the
    table's units), never above the list's smallest value."""
    x = np.asarray(x, dtype=float).copy()
    miss = np.isnan(x)
    if not miss.any() or rule in ("none", "dimension-mean"):
        return x
    seen = x[~miss]
    if rule == "mean":
        x[miss] = seen.mean()
    elif rule == "median":
        x[miss] = np.median(seen)
    elif rule == "residual":
        if total is None:
            raise ValueError("the residual imputation needs the indicator's total")
        omitted = (universe if universe is not None else len(x)) - len(seen)
        if omitted < miss.sum():
            raise ValueError(f"universe {universe} is smaller than the units in the table ({len(x)})")
        x[miss] = min(max(total - seen.sum(), 0.0) / omitted, seen.min())
    else:
        raise ValueError(f"unknown imputation rule {rule!r}")
    return x


def impute_within_dimensions(N: np.ndarray, A: np.ndarray) -> np.ndarray:
    """Normalised values with each missing cell replaced by the mean of the same unit's available normalised
    indicators of the same dimension (COINr `impute_by = "row"` within a group); a unit with no indicator of a
    dimension keeps it missing."""
    out = N.copy()
    avail = ~np.isnan(N)
    vals = np.where(avail, N, 0.0)
    dim_mean = (vals @ A) / np.where(avail @ A > 0, avail @ A, np.nan)  # units x dimensions
    fill = dim_mean @ A.T  # each indicator gets its dimension's mean (A has one 1 per row)
    out[~avail] = fill[~avail]
    return out


# ---- outliers -------------------------------------------------------------------------------------------


def skewness(x: np.ndarray) -> float:
    """Sample skewness of the available values (the bias-corrected G1 of e1071 and COINr `skew`); NaN below 3."""
    v = x[~np.isnan(x)]
    return float(stats.skew(v, bias=False)) if len(v) >= 3 and np.ptp(v) > 0 else float("nan")


def kurtosis(x: np.ndarray) -> float:
    """Sample excess kurtosis of the available values (bias-corrected G2, COINr `kurt`); NaN below 4."""
    v = x[~np.isnan(x)]
    return float(stats.kurtosis(v, fisher=True, bias=False)) if len(v) >= 4 and np.ptp(v) > 0 else float("nan")


def has_outliers(x: np.ndarray, skew_limit: float = 2.0, kurt_limit: float = 3.5) -> bool:
    """The handbook's (and COINr's) rule: |skewness| > 2 and kurtosis > 3.5 flags an indicator."""
    s, k = skewness(x), kurtosis(x)
    return bool(np.isfinite(s) and np.isfinite(k) and abs(s) > skew_limit and k > kurt_limit)


def winsorise(
    x: np.ndarray, max_points: int, skew_limit: float = 2.0, kurt_limit: float = 3.5
) -> tuple[np.ndarray, int]:
    """Winsorise the most extreme value (the maximum when skewness >= 0, else the minimum; tied values together)
    to the next one in, repeatedly, until the rule passes or `max_points` values have been changed (COINr
    `winsorise`). Returns the values and how many were changed."""
    x = np.asarray(x, dtype=float).copy()
    changed = np.zeros(len(x), dtype=bool)
    while has_outliers(x, skew_limit, kurt_limit) and changed.sum() < max_points:
        v = x[~np.isnan(x)]
        hi = skewness(x) >= 0
        edge = v.max() if hi else v.min()
        at = x == edge
        if changed.sum() + at.sum() > max_points or (~at & ~np.isnan(x)).sum() == 0:
            break
        x[at] = v[v < edge].max() if hi else v[v > edge].min()
        changed |= at
    return x, int(changed.sum())


def log_transform(x: np.ndarray) -> np.ndarray:
    """COINr's `log_CT_plus`: log(x - min + a) for positive skew, -log(max + a - x) for negative skew, with
    a = 1 % of the range, so every value is defined and the order is kept."""
    v = x[~np.isnan(x)]
    a = 0.01 * np.ptp(v)
    if skewness(x) >= 0 or not np.isfinite(skewness(x)):
        return np.log(x - v.min() + a)
    return -np.log(v.max() + a - x)


@dataclass(frozen=True)
class Treatment:
    """What the outlier step did to one indicator."""

    skew: float
    kurtosis: float
    flagged: bool
    treatment: str  # "" | "winsorised" | "log"
    points: int
    skew_after: float
    kurtosis_after: float


def treat(
    x: np.ndarray, treatment: str, max_points: int, skew_limit: float, kurt_limit: float
) -> tuple[np.ndarray, Treatment]:
    """One indicator through the outlier step: untouched unless flagged; then winsorised (up to `max_points`
    values, and the log of the original if that is not enough, as COINr's default `Treat`), or logged."""
    s0, k0 = skewness(x), kurtosis(x)
    flagged = has_outliers(x, skew_limit, kurt_limit)
    out, how, pts = x, "", 0
    if flagged and treatment == "winsorise":
        out, pts = winsorise(x, max_points, skew_limit, kurt_limit)
        how = "winsorised" if pts else ""
        if has_outliers(out, skew_limit, kurt_limit):
            out, how, pts = log_transform(x), "log", 0
    elif flagged and treatment == "log":
        out, how = log_transform(x), "log"
    return out, Treatment(s0, k0, flagged, how, pts, skewness(out), kurtosis(out))


# ---- normalisation --------------------------------------------------------------------------------------


def orient(X: np.ndarray, directions: np.ndarray) -> np.ndarray:
    """Indicators with direction -1 reflected within their range (x -> max + min - x), so that larger is better
    everywhere and each indicator keeps its scale (min-max, z-score and ranks are as for -x)."""
    lo, hi = np.nanmin(X, axis=0), np.nanmax(X, axis=0)
    return np.where(np.asarray(directions) < 0, hi + lo - X, X)


def normalise(X: np.ndarray, method: str) -> np.ndarray:
    """Each column normalised over its available values (handbook section 1.5, Table 3; COINr `n_*`):
    minmax  100 (x - min) / (max - min)                               (COINr n_minmax, l_u = 0, 100)
    zscore  (x - mean) / sd, sd with n - 1                            (COINr n_zscore)
    rank    the percentile rank 100 (r - 1) / (n - 1), r the rank with 1 for the smallest and ties the lowest
            rank, n the units with a value (COINr n_prank x 100): ranks of indicators that list different
            numbers of units stay comparable
    distance  x / x_best: the distance to the leader, as a fraction   (handbook "distance to a reference",
              COINr n_fracmax); a column with negative values is first shifted to start at 0."""
    X = np.asarray(X, dtype=float)
    lo, hi = np.nanmin(X, axis=0), np.nanmax(X, axis=0)
    if method == "minmax":
        return 100.0 * (X - lo) / (hi - lo)
    if method == "zscore":
        return (X - np.nanmean(X, axis=0)) / np.nanstd(X, axis=0, ddof=1)
    if method == "rank":
        r = stats.rankdata(np.where(np.isnan(X), np.inf, X), method="min", axis=0).astype(float)
        n = (~np.isnan(X)).sum(axis=0)
        return np.where(np.isnan(X), np.nan, 100.0 * (r - 1) / np.maximum(n - 1, 1))
    if method == "distance":
        shifted = np.where(lo < 0, X - lo, X)
        return shifted / np.nanmax(shifted, axis=0)
    raise ValueError(f"unknown normalisation {method!r}")


def geometric_scale(N: np.ndarray) -> np.ndarray:
    """Normalised values mapped linearly onto [1, 100] per indicator, so a geometric mean is defined for any
    normalisation (z-scores are negative, min-max has zeros); the order within each indicator is kept."""
    lo, hi = np.nanmin(N, axis=0), np.nanmax(N, axis=0)
    return 1.0 + 99.0 * (N - lo) / (hi - lo)


# ---- weights --------------------------------------------------------------------------------------------


def within_dimension(w: np.ndarray, A: np.ndarray) -> np.ndarray:
    """Indicator weights rescaled to sum to 1 within each dimension (works row-wise on a replications x
    indicators array too)."""
    w = np.asarray(w, dtype=float)
    sums = w @ A  # (..., dimensions)
    return w / np.where(sums @ A.T > 0, sums @ A.T, 1.0)


def pca_weights(N: np.ndarray, A: np.ndarray) -> np.ndarray:
    """Indicator weights from principal components, per dimension: proportional to the squared loadings of the
    first component of the dimension's standardised indicators (complete units only), summing to 1 within the
    dimension (handbook section 1.6, weights from PCA/FA with one factor per dimension; with one factor,
    rotation changes nothing). A dimension with one indicator, or fewer than 3 complete units, gets equal
    weights."""
    w = np.ones(N.shape[1])
    for d in range(A.shape[1]):
        cols = np.flatnonzero(A[:, d])
        sub = N[:, cols]
        sub = sub[~np.isnan(sub).any(axis=1)]
        if len(cols) < 2 or len(sub) < 3:
            continue
        load = first_component(sub)[0]
        if np.all(np.isfinite(load)) and (load**2).sum() > 0:
            w[cols] = load**2
    return within_dimension(w, A)


def first_component(X: np.ndarray) -> tuple[np.ndarray, float]:
    """Loadings (correlations of each column with the first principal component of the standardised columns)
    and the share of variance it explains; the sign is chosen so that the loadings sum to a positive number."""
    Z = (X - X.mean(axis=0)) / X.std(axis=0, ddof=1)
    vals, vecs = np.linalg.eigh(np.corrcoef(Z, rowvar=False))
    v, lam = vecs[:, -1], vals[-1]
    load = v * np.sqrt(max(lam, 0.0))
    return (load if load.sum() >= 0 else -load), float(lam / vals.sum())


# ---- aggregation and ranks ------------------------------------------------------------------------------


def weighted_means(V: np.ndarray, W: np.ndarray, A: np.ndarray) -> np.ndarray:
    """Per replication, unit and dimension, the weighted mean of the unit's available values of the dimension:
    V units x indicators (NaN = missing), W replications x indicators, A indicators x dimensions ->
    replications x units x dimensions (NaN where a unit has no value in a dimension)."""
    avail = (~np.isnan(V)).astype(float)
    num = np.einsum("uk,rk,kd->rud", np.nan_to_num(V), W, A, optimize=True)
    den = np.einsum("uk,rk,kd->rud", avail, W, A, optimize=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1.0), np.nan)


def overall(D: np.ndarray, F: np.ndarray) -> np.ndarray:
    """Per replication and unit, the weighted mean of the available dimension scores: D replications x units x
    dimensions, F replications x dimensions (dimension weights) -> replications x units."""
    avail = ~np.isnan(D)
    num = np.where(avail, D, 0.0) * F[:, None, :]
    den = avail * F[:, None, :]
    with np.errstate(invalid="ignore", divide="ignore"):
        s = den.sum(axis=2)
        return np.where(s > 0, num.sum(axis=2) / np.where(s > 0, s, 1.0), np.nan)


def aggregate(V: np.ndarray, W: np.ndarray, A: np.ndarray, F: np.ndarray, method: str) -> tuple[np.ndarray, np.ndarray]:
    """Dimension scores and index per replication (arithmetic or geometric means, first within each dimension,
    then over dimensions, each over the available values with their weights rescaled). For `geometric`, V must
    be the log of positive values (`geometric_scale`); the scores are returned on the original scale."""
    D = weighted_means(V, W, A)
    idx = overall(D, F)
    if method == "geometric":
        return np.exp(D), np.exp(idx)
    if method != "arithmetic":
        raise ValueError(f"unknown aggregation {method!r}")
    return D, idx


def ranks(S: np.ndarray) -> np.ndarray:
    """Ranks along the last axis, 1 for the highest score, ties sharing the best rank; missing scores last."""
    return stats.rankdata(-np.where(np.isnan(S), -np.inf, S), method="min", axis=-1)
