"""Where the organisations of each kind are (seed 001 figures 6–8, 11–13, 26–34): counts and shares by metro
region, province and city, with the concentration ratio CR-n. Shares are of every organisation of the group,
so an organisation whose place is not resolved stays in the base as `UNRESOLVED`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ai_industry.methods.firmdb import codes
from ai_industry.methods.firmdb.database import FirmDB
from ai_industry.methods.firmdb.selection import active

GROUPS = ("enterprises", "platforms", "universities", "institutes", "new_orgs")
LEVELS = ("metro_region", "province", "city")
UNRESOLVED = "(unresolved)"
ABROAD = "(abroad)"


def group_mask(db: FirmDB, group: str, year: int) -> np.ndarray:
    """The organisations of a group active in `year`: `enterprises` = sample enterprises and platforms (the
    backbone firms), `platforms` = sample platforms, and every university, institute or new innovation
    organisation for the other three."""
    kind = db.orgs["kind"].to_numpy()
    alive = active(db, year)
    if group == "enterprises":
        return alive & np.isin(kind, codes.ENTERPRISE_KINDS) & db.orgs["in_sample"].to_numpy()
    if group == "platforms":
        return alive & (kind == "platform") & db.orgs["in_sample"].to_numpy()
    single = {"universities": "university", "institutes": "institute", "new_orgs": "new_org"}
    if group not in single:
        raise ValueError(f"unknown group {group!r}; choose from {', '.join(GROUPS)}")
    return alive & (kind == single[group])


def distribution(db: FirmDB, mask: np.ndarray, level: str) -> pd.DataFrame:
    """region, count, share_pct (of all organisations in `mask`), rank (by count; ties share a rank, listed
    by name): one row per region, plus `UNRESOLVED` and `ABROAD` rows (unranked) when there are any."""
    orgs = db.orgs[mask]
    place = orgs[level].astype(str).where(orgs[level].astype(str).ne(""), UNRESOLVED)
    place = place.where(orgs["place_status"].ne("abroad"), ABROAD)
    counts = place.value_counts()
    df = counts.rename_axis("region").reset_index(name="count")
    df["share_pct"] = 100.0 * df["count"] / max(len(orgs), 1)
    placed = ~df["region"].isin([UNRESOLVED, ABROAD])
    df = pd.concat(
        [df[placed].sort_values(["count", "region"], ascending=[False, True]), df[~placed].sort_values("region")]
    )
    df["rank"] = df["count"].where(placed).rank(method="min", ascending=False).astype("Int64")
    return df.reset_index(drop=True)[["rank", "region", "count", "share_pct"]]


def concentration(dist: pd.DataFrame, n: int) -> float:
    """CR-n: percent of the group held by its `n` largest placed regions."""
    placed = dist[dist["rank"].notna()]
    return float(placed["share_pct"].head(n).sum())


def geography(db: FirmDB, year: int, groups=GROUPS) -> dict[tuple[str, str], pd.DataFrame]:
    """Every group's distribution at every level: {(group, level): distribution}."""
    out = {}
    for g in groups:
        mask = group_mask(db, g, year)
        for level in LEVELS:
            out[(g, level)] = distribution(db, mask, level)
    return out


def group_sizes(db: FirmDB, year: int, groups=GROUPS) -> dict[str, int]:
    return {g: int(group_mask(db, g, year).sum()) for g in groups}
