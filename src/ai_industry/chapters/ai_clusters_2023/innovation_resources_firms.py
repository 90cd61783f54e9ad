"""Innovation resources against the backbone firms (report 001, section 七): each region listed at the same
level for a resource and for the 2,200 firms, with the gap (percentage points) and the ratio of their shares;
the regions listed on one side only, whose unlisted side is bounded by `innovation_resources.unlisted_bound`;
display texts of those bounds and each resource's extreme ratios."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from ai_industry.chapters.ai_clusters_2023.innovation_resources import unlisted_bound
from ai_industry.methods.distributions import LEVELS


def compare_with_firms(resources: Mapping[str, pd.DataFrame], firms: pd.DataFrame) -> pd.DataFrame:
    """Each region listed at the same level for a resource and for the firms (tidy frames): resource_share and
    firm_share (percent of their own totals), gap_pp = resource − firm (percentage points), ratio = resource /
    firm (> 1: the region holds a larger share of the resource than of the firms), and both counts."""
    out = []
    for key, tidy in resources.items():
        m = tidy[~tidy["other"]].merge(firms[~firms["other"]], on=["level", "key"], suffixes=("", "_firm"))
        for r in m.itertuples():
            out.append(
                {
                    "resource": key,
                    "level": r.level,
                    "key": r.key,
                    "region": r.region,
                    "region_firm": r.region_firm,
                    "rank": r.rank,
                    "rank_firm": r.rank_firm,
                    "reported": r.reported,
                    "resource_share": r.share_pct,
                    "firm_share": r.share_pct_firm,
                    "gap_pp": round(r.share_pct - r.share_pct_firm, 10),
                    "ratio": r.share_pct / r.share_pct_firm,
                    "resource_count": r.count_rounded,
                    "firm_count": r.count_rounded_firm,
                }
            )
    cols = [
        "resource",
        "level",
        "key",
        "region",
        "region_firm",
        "rank",
        "rank_firm",
        "reported",
        "resource_share",
        "firm_share",
        "gap_pp",
        "ratio",
        "resource_count",
        "firm_count",
    ]
    df = pd.DataFrame(out, columns=cols)
    order = {lv: i for i, lv in enumerate(LEVELS)}
    return (
        df.assign(_r=df["resource"].map(list(resources).index), _l=df["level"].map(order))
        .sort_values(["_r", "_l", "rank_firm"], kind="stable")
        .drop(columns=["_r", "_l"])
        .reset_index(drop=True)
    )


# the columns of `one_sided`, in order
ONE_SIDED_COLUMNS = [
    "resource",
    "level",
    "key",
    "region",
    "listed_in",
    "side",
    "resource_share",
    "firm_share",
    "bound_pct",
    "gap_bound_pp",
    "ratio_bound",
]


def _firm_only_row(key: str, level: str, x, resource_bound: float) -> dict:
    """A region listed for the firms only: the resource share, gap and ratio are at most the resource's bound."""
    return {
        "resource": key,
        "level": level,
        "key": x.key,
        "region": x.region,
        "listed_in": "firms",
        "side": "≤",
        "resource_share": math.nan,
        "firm_share": x.share_pct,
        "bound_pct": resource_bound,
        "gap_bound_pp": round(resource_bound - x.share_pct, 10),
        "ratio_bound": resource_bound / x.share_pct,
    }


def _resource_only_row(key: str, level: str, x, firm_bound: float) -> dict:
    """A region listed for the resource only: the firm share is at most the firms' bound, so gap and ratio
    are at least."""
    return {
        "resource": key,
        "level": level,
        "key": x.key,
        "region": x.region,
        "listed_in": "resource",
        "side": "≥",
        "resource_share": x.share_pct,
        "firm_share": math.nan,
        "bound_pct": firm_bound,
        "gap_bound_pp": round(x.share_pct - firm_bound, 10),
        "ratio_bound": x.share_pct / firm_bound if firm_bound > 0 else math.inf,
    }


def one_sided(resources: Mapping[str, pd.DataFrame], firms: pd.DataFrame) -> pd.DataFrame:
    """Regions listed at a level on one side only (for the firms or for a resource): the unlisted side's share
    is at most its `unlisted_bound`, which bounds the gap (percentage points) and the ratio resource / firm.
    side is '≤' (listed for firms only: the resource share, gap and ratio are at most the bound) or '≥'
    (listed for the resource only: the firm share is at most its bound, so gap and ratio are at least)."""
    out = []
    for key, tidy in resources.items():
        for level in LEVELS:
            r = tidy[(tidy["level"] == level) & ~tidy["other"]]
            f = firms[(firms["level"] == level) & ~firms["other"]]
            if r.empty or f.empty:
                continue
            rb, fb = unlisted_bound(tidy, level), unlisted_bound(firms, level)
            out += [_firm_only_row(key, level, x, rb) for x in f[~f["key"].isin(r["key"])].itertuples()]
            out += [_resource_only_row(key, level, x, fb) for x in r[~r["key"].isin(f["key"])].itertuples()]
    return pd.DataFrame(out, columns=ONE_SIDED_COLUMNS)


def bound_texts(sided: pd.DataFrame, digits: int = 2) -> pd.DataFrame:
    """`one_sided` with display columns: resource_text and firm_text (the listed share, or '≤ bound' on the
    unlisted side), gap_text and ratio_text (with their '≤' / '≥')."""

    def side_text(v: float, bound: float) -> str:
        return f"≤\u00a0{bound:.{digits}f}" if pd.isna(v) else f"{v:.{digits}f}"

    return sided.assign(
        resource_text=[side_text(v, b) for v, b in zip(sided["resource_share"], sided["bound_pct"])],
        firm_text=[side_text(v, b) for v, b in zip(sided["firm_share"], sided["bound_pct"])],
        gap_text=[f"{s}\u00a0{v:+.{digits}f}" for s, v in zip(sided["side"], sided["gap_bound_pp"])],
        ratio_text=[f"{s}\u00a0{v:.{digits}f}" for s, v in zip(sided["side"], sided["ratio_bound"])],
    )


def extremes(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per resource, the compared region with the lowest ratio (firms most ahead of the resource) and the one
    with the highest (the resource most ahead of firms): columns resource, which (low | high) and the pair's."""
    rows = []
    for _key, g in pairs.groupby("resource", sort=False):
        rows.append({"which": "low", **g.loc[g["ratio"].idxmin()].to_dict()})
        rows.append({"which": "high", **g.loc[g["ratio"].idxmax()].to_dict()})
    return pd.DataFrame(rows)
