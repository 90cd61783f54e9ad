"""A printed number beside its recomputation, with a status the chapter shows: `agrees` when the recomputed
value rounds to the printed one (within half a unit of its last printed decimal, `methods.rounding`), `differs`
otherwise, `not carried` when the data give no value (the reason is said)."""

from __future__ import annotations

import math
import numbers

import pandas as pd

from ai_industry.methods.rounding import within_half_unit

AGREES, DIFFERS, NOT_CARRIED = "agrees", "differs", "not carried"


def status(published: float, recomputed: float | None, decimals: int) -> str:
    """agrees | differs | not carried, for one printed value with `decimals` printed decimals (0 for a count,
    which must be equal)."""
    if recomputed is None or (isinstance(recomputed, float) and math.isnan(recomputed)):
        return NOT_CARRIED
    return AGREES if within_half_unit(float(recomputed) - float(published), decimals) else DIFFERS


def side_by_side(rows: list[dict]) -> pd.DataFrame:
    """A comparison table from rows of item, published, recomputed (None if not carried), decimals and an
    optional reason: adds difference (recomputed − published) and status; the reason defaults to '' and is
    required for `not carried`."""
    for row in rows:  # a value that is not a number is a bug upstream: refuse it rather than call it not carried
        value = row.get("recomputed")
        if value is not None and not isinstance(value, numbers.Real):
            raise TypeError(f"{row.get('item')}: recomputed value {value!r} is not a number")
        missing = value is None or math.isnan(value)
        if missing and not str(row.get("reason") or "").strip():
            raise ValueError(f"{row.get('item')}: a published number the data do not carry needs a reason")
    df = pd.DataFrame(rows)
    if "reason" not in df.columns:
        df["reason"] = ""
    df["reason"] = df["reason"].fillna("")
    df["recomputed"] = df["recomputed"].astype(float)
    df["difference"] = df["recomputed"] - df["published"].astype(float)
    df["status"] = [status(p, r, int(d)) for p, r, d in zip(df["published"], df["recomputed"], df["decimals"])]
    return df


def summary(df: pd.DataFrame) -> dict[str, int]:
    """How many printed values agree, differ and are not carried."""
    counts = df["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in (AGREES, DIFFERS, NOT_CARRIED)}
