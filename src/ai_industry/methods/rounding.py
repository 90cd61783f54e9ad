"""Printed-number arithmetic — the suite's one home for checking a printed, rounded number against its
recomputation: the half-unit a printed value stands for, the whole a printed share implies (and the interval its
rounding allows), whole counts consistent with a printed share, and the tolerance of a sum of printed values.

Convention (one for all chapters): a value printed with d decimals stands for the closed interval of half a unit
of its last decimal around it, `half_unit(d)` = 0.5·10^(−d) in the value's own unit ("14.50" → 0.005); counts
are exact. A recomputation reproduces a printed value when it lies within that half-unit plus `EPS` (1e-9, float
noise). Shares are percentages (12.5 means 12.5 %); values stay in the unit of their table. The half-unit, the
printed decimals and the qualifier table live in `ai_industry.catalog.printed` (the catalog's audit needs them and
may import no method) and are re-exported here."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ai_industry.catalog.printed import (  # noqa: F401 (re-exported: the one home of printed-number arithmetic)
    APPROX_REL,
    EPS,
    EXACT_UNITS,
    half_unit,
    printed_decimals,
    printed_half_unit,
    within_half_unit,
)


def value_of(df: pd.DataFrame, column: str = "value", **keys: object) -> float:
    """The one cell of `column` in the row matching all `keys` (raises unless exactly one row matches)."""
    mask = pd.Series(True, index=df.index)
    for k, v in keys.items():
        mask &= df[k].astype(str) == str(v)
    hit = df.loc[mask, column]
    if len(hit) != 1:
        raise KeyError(f"{keys} matches {len(hit)} rows, not 1")
    return float(hit.iloc[0])


def sum_tolerance(decimals: int, n_terms: int) -> float:
    """Largest difference between a sum of `n_terms` values each rounded to `decimals` and a printed total
    rounded to the same decimals: (n_terms + 1) half-units (unit of the values)."""
    return half_unit(decimals) * (n_terms + 1)


def implied_total(part: float, share_pct: float) -> float:
    """The whole that `part` is `share_pct` percent of (same unit as `part`): 100 · part / share."""
    if share_pct <= 0:
        raise ValueError("share must be positive")
    return 100.0 * float(part) / float(share_pct)


def implied_total_bounds(part: float, share_pct: float, decimals: int) -> tuple[float, float]:
    """Smallest and largest total (unit of `part`) of which an exact `part` is the printed share, rounded to
    `decimals`: 100 · part / (share ± half-unit)."""
    h = half_unit(decimals)
    return 100.0 * part / (share_pct + h), 100.0 * part / (share_pct - h)


def whole_numbers(lo: float, hi: float) -> list[int]:
    """The whole numbers in the closed interval [lo, hi] (ends widened by `EPS`)."""
    return list(range(math.ceil(lo - EPS), math.floor(hi + EPS) + 1))


def share_of(count, base):
    """A count as a share (percent) of `base`: 100 · count / base (floats or arrays)."""
    return 100.0 * count / base


def share_reproduced(count, base, share_pct, decimals: int):
    """Whether `count` out of `base` gives back the printed `share_pct` (percent, `decimals` decimals) within its
    half-unit: the whole-count consistency test (floats or numpy arrays)."""
    return within_half_unit(share_of(count, base) - share_pct, decimals)


def nearest_count(share_pct, base):
    """The nearest whole count to share × base / 100 (ties to even; scalars give int, arrays an int array)."""
    out = np.rint(np.asarray(share_pct, dtype=float) * base / 100.0).astype(int)
    return int(out) if out.ndim == 0 else out


def consistent_counts(total: int, share_pct: float, decimals: int) -> list[int]:
    """Every whole count k of `total` whose share 100·k/total reproduces the printed share (half-unit interval)."""
    h = half_unit(decimals)
    return [
        k
        for k in whole_numbers(total * (share_pct - h) / 100.0, total * (share_pct + h) / 100.0)
        if share_reproduced(k, total, share_pct, decimals)
    ]
