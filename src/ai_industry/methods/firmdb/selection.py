"""The part of a firm database a chapter analyses: a year window, the organisation kinds included, and which
organisations are active in a year (founded or not, not yet exited)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ai_industry.methods.firmdb import codes
from ai_industry.methods.firmdb.database import FirmDB


def select(db: FirmDB, years: tuple[int, int] | None = None, kinds: list[str] | None = None) -> FirmDB:
    """`db` restricted to the relations up to the last of `years` (first, last) whose two ends are of `kinds`
    (default all). The network of a year holds the relations of every year up to it, so relations before the
    first year stay: they are part of every network from the first year on (`window` counts them).
    Organisations keep their positions (a relation's s and t stay valid); those of other kinds are dropped
    from `orgs` only through `active`."""
    rel = db.rel
    keep = np.ones(len(rel), dtype=bool)
    if years is not None:
        keep &= rel["year"].to_numpy() <= years[1]
    if kinds:
        unknown = set(kinds) - set(codes.KINDS)
        if unknown:
            raise ValueError(f"unknown organisation kinds {sorted(unknown)}; choose from {', '.join(codes.KINDS)}")
        ok = db.orgs["kind"].isin(kinds).to_numpy()
        keep &= ok[rel["s"].to_numpy()] & ok[rel["t"].to_numpy()]
        orgs = db.orgs.assign(included=ok)
    else:
        orgs = db.orgs.assign(included=True)
    return replace(db, orgs=orgs, rel=rel[keep].reset_index(drop=True))


def _exit_and_included(db: FirmDB) -> tuple[np.ndarray, np.ndarray]:
    exit_year = db.orgs["exit_year"].to_numpy(dtype="float", na_value=np.inf)
    included = db.orgs["included"].to_numpy(bool) if "included" in db.orgs.columns else np.ones(len(db.orgs), bool)
    return exit_year, included


def active(db: FirmDB, year: int) -> np.ndarray:
    """Per organisation: included and active in `year` (no exit year, or exit year ≥ `year`)."""
    exit_year, included = _exit_and_included(db)
    return (exit_year >= year) & included


def active_in_own_year(db: FirmDB) -> np.ndarray:
    """Per relation: both its ends active (as `active`) in the relation's own year — the relations the
    network of their own year holds among those of that year."""
    exit_year, included = _exit_and_included(db)
    year = db.rel["year"].to_numpy()
    s, t = db.rel["s"].to_numpy(), db.rel["t"].to_numpy()
    return (exit_year[s] >= year) & (exit_year[t] >= year) & included[s] & included[t]


def relations_in(db: FirmDB, year: int, relation_types: tuple[str, ...] | None = None) -> np.ndarray:
    """Mask of the relations in the network of `year`: of years ≤ `year`, both ends active in `year`, and of
    `relation_types` (default all)."""
    rel = db.rel
    alive = active(db, year)
    m = (rel["year"].to_numpy() <= year) & alive[rel["s"].to_numpy()] & alive[rel["t"].to_numpy()]
    if relation_types:
        m &= rel["relation_type"].isin(relation_types).to_numpy()
    return m


def window(db: FirmDB, years: tuple[int, int], kinds: list[str] | None = None) -> dict[str, int]:
    """The yearly networks a selection shows and the relations (of `kinds`) outside them: first and last year
    shown (within the years of the relations), `before` the relations recorded before the first year (in every
    network shown) and `after` those recorded after the last (in none)."""
    y = select(db, None, kinds).rel["year"].to_numpy()
    if not len(y):
        return {"first": years[0], "last": years[1], "before": 0, "after": 0}
    first, last = max(years[0], int(y.min())), min(years[1], int(y.max()))
    return {"first": first, "last": last, "before": int((y < first).sum()), "after": int((y > last).sum())}


def last_year(db: FirmDB) -> int:
    return int(db.rel["year"].max())


def years_of(db: FirmDB) -> list[int]:
    return sorted(int(y) for y in db.rel["year"].unique())
