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
