"""Shares of technology relations by technology category, application field, three sectors and GB/T 4754
section or division (seed 001 figures 18–25), over all years and year by year (figures 19 and 21). A share is
of the relations that carry the attribute; those that do not are counted as `missing`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ai_industry.methods.firmdb.database import FirmDB
from ai_industry.methods.firmdb.selection import active_in_own_year, relations_in

ATTRIBUTES = ("technology", "field", "sector", "industry_section", "industry_division")
WITHIN = {
    "tertiary": ("sector", "tertiary", "industry_section"),
    "secondary": ("sector", "secondary", "industry_section"),
    "manufacturing": ("industry_section", "C", "industry_division"),
}


def _tech(db: FirmDB, year: int) -> pd.DataFrame:
    return db.rel[relations_in(db, year, ("technology",))]


def _has(values: pd.Series) -> np.ndarray:
    """Mask of the values given (not empty, not missing), without turning a categorical column of millions of
    rows into Python strings."""
    return (values.notna() & values.ne("")).to_numpy(bool)


def shares(db: FirmDB, year: int, column: str, within: str | None = None) -> tuple[pd.DataFrame, int]:
    """(rank, category, relations, share_pct — of the relations with a value —, and the number of relations
    without one) of one attribute; `within` = tertiary | secondary | manufacturing narrows to that part (figures
    23–25)."""
    rel = _tech(db, year)
    if within is not None:
        col, value, column = WITHIN[within]
        rel = rel[(rel[col] == value).to_numpy(bool)]
    values, has = rel[column], _has(rel[column])
    counts = values[has].value_counts()
    counts = counts[counts > 0]  # a categorical column counts its unused categories too
    counts.index = counts.index.astype(str)
    df = counts.rename_axis("category").reset_index(name="relations")
    df = df.sort_values(["relations", "category"], ascending=[False, True]).reset_index(drop=True)
    df["share_pct"] = 100.0 * df["relations"] / max(int(has.sum()), 1)
    df.insert(0, "rank", np.arange(1, len(df) + 1))
    return df, int((~has).sum())


def shares_by_year(db: FirmDB, years: list[int], column: str) -> pd.DataFrame:
    """year, category, relations, share_pct: the relations first recorded in each of `years`, by category
    (figures 19 and 21: how the mix changes). A relation counts in its own year if both its ends are active
    then (an organisation that exits later keeps its earlier relations in their years)."""
    rel = db.rel
    m = np.isin(rel["year"].to_numpy(), np.asarray(years)) & rel["relation_type"].eq("technology").to_numpy()
    m &= active_in_own_year(db)
    rel = rel[m]
    values, has = rel[column], _has(rel[column])
    rel = rel[has]
    df = rel.groupby(["year", values[has]], observed=True).size().rename("relations").reset_index()
    df = df.rename(columns={column: "category"})
    df["category"] = df["category"].astype(str)
    df["share_pct"] = 100.0 * df["relations"] / df.groupby("year")["relations"].transform("sum")
    return df.sort_values(["year", "relations", "category"], ascending=[True, False, True]).reset_index(drop=True)
