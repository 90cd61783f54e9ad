"""Small, pure numeric helpers for published distributions (shares in percent)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd


def top_n_share(shares_pct: Iterable[float], n: int) -> float:
    """Combined share (percent) of the `n` largest shares — the concentration ratio CR-n."""
    vals = np.sort(np.asarray(list(shares_pct), dtype=float))[::-1]
    if n < 1:
        raise ValueError("n must be at least 1")
    if n > len(vals):
        raise ValueError(f"CR-{n} needs {n} shares, only {len(vals)} are known")
    return float(vals[:n].sum())


def remainder_pct(shares_pct: Iterable[float], total: float = 100.0) -> float:
    """What the listed shares leave of `total` (percent): the 'others / not reported' part."""
    return float(total - np.asarray(list(shares_pct), dtype=float).sum())


def hhi(shares_pct: Iterable[float]) -> float:
    """Herfindahl–Hirschman index of shares given in percent (0–10,000 points)."""
    vals = np.asarray(list(shares_pct), dtype=float)
    return float(np.sum(vals**2))


def hhi_bounds(shares_pct: Iterable[float], total: float = 100.0) -> tuple[float, float]:
    """Bounds of the HHI (points) when only the largest shares are known and the rest is unreported.

    Lower bound: the remainder spread infinitely thin (contributes 0). Upper bound: the remainder packed into
    as few units as possible, none larger than the smallest known share.
    """
    vals = np.asarray(list(shares_pct), dtype=float)
    known = float(np.sum(vals**2))
    rest = max(total - float(vals.sum()), 0.0)
    if rest <= 1e-12 or len(vals) == 0:
        return known, known
    cap = float(vals.min())
    full, part = divmod(rest, cap) if cap > 0 else (0.0, rest)
    return known, known + full * cap**2 + part**2


def with_remainder(df: pd.DataFrame, value: str, label_col: str, label: str, total: float = 100.0) -> pd.DataFrame:
    """`df` plus one row holding `total` minus the listed values (never invents how the rest splits)."""
    rest = remainder_pct(df[value], total)
    extra = pd.DataFrame({label_col: [label], value: [round(rest, 10)]})
    return pd.concat([df[[label_col, value]], extra], ignore_index=True)


# ---- agreement of two rankings ------------------------------------------------------------------------------


def _spearman_last_axis(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Spearman's rho along the last axis (average ranks for ties), for arrays of resamples."""
    from scipy import stats

    rx, ry = stats.rankdata(x, axis=-1), stats.rankdata(y, axis=-1)
    rx, ry = rx - rx.mean(axis=-1, keepdims=True), ry - ry.mean(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (rx * ry).sum(axis=-1) / np.sqrt((rx**2).sum(axis=-1) * (ry**2).sum(axis=-1))


def _kendall_last_axis(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Kendall's tau-b along the last axis (ties in either ranking corrected), for arrays of resamples."""
    dx = np.sign(x[..., :, None] - x[..., None, :])
    dy = np.sign(y[..., :, None] - y[..., None, :])
    n = x.shape[-1]
    pairs = n * (n - 1) / 2
    s = (dx * dy).sum(axis=(-1, -2)) / 2
    tx = ((dx == 0).sum(axis=(-1, -2)) - n) / 2
    ty = ((dy == 0).sum(axis=(-1, -2)) - n) / 2
    with np.errstate(invalid="ignore", divide="ignore"):
        return s / np.sqrt((pairs - tx) * (pairs - ty))


def rank_agreement(
    x: Iterable[float], y: Iterable[float], seed: int, n_resamples: int = 9999, level: float = 0.95
) -> dict[str, float]:
    """Spearman's rho and Kendall's tau-b of two rankings of the same units, each with its p-value (scipy)
    and a `level` bootstrap interval (units resampled in pairs, BCa, scipy.stats.bootstrap with a fixed
    seed): keys n, spearman, spearman_p, spearman_lo, spearman_hi, kendall, kendall_p, kendall_lo,
    kendall_hi."""
    from scipy import stats

    x, y = np.asarray(list(x), dtype=float), np.asarray(list(y), dtype=float)
    out: dict[str, float] = {"n": float(len(x))}
    rho, tau = stats.spearmanr(x, y), stats.kendalltau(x, y)
    out.update(spearman=float(rho.statistic), spearman_p=float(rho.pvalue))
    out.update(kendall=float(tau.statistic), kendall_p=float(tau.pvalue))
    for name, fn in (("spearman", _spearman_last_axis), ("kendall", _kendall_last_axis)):
        res = stats.bootstrap(
            (x, y),
            lambda a, b, axis=-1, fn=fn: fn(a, b),
            paired=True,
            vectorized=True,
            n_resamples=n_resamples,
            confidence_level=level,
            method="BCa",
            rng=np.random.default_rng(seed),
        )
        out[f"{name}_lo"], out[f"{name}_hi"] = float(res.confidence_interval.low), float(res.confidence_interval.high)
    return out
