"""Printed-number arithmetic: reading one printed value from a table, and the whole a printed share implies.
Values stay in the unit of their table; shares are percentages (12.5 means 12.5 %)."""

from __future__ import annotations

import pandas as pd


def value_of(df: pd.DataFrame, column: str = "value", **keys: object) -> float:
    """The one cell of `column` in the row matching all `keys` (raises unless exactly one row matches)."""
    mask = pd.Series(True, index=df.index)
    for k, v in keys.items():
        mask &= df[k].astype(str) == str(v)
    hit = df.loc[mask, column]
    if len(hit) != 1:
        raise KeyError(f"{keys} matches {len(hit)} rows, not 1")
    return float(hit.iloc[0])


def implied_total(part: float, share_pct: float) -> float:
    """The whole that `part` is `share_pct` percent of (same unit as `part`)."""
    if share_pct <= 0:
        raise ValueError("share must be positive")
    return 100.0 * float(part) / float(share_pct)
