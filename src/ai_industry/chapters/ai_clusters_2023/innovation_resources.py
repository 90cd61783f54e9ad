"""Innovation resources (report 001, section 七): AI universities, research institutes and new innovation
organisations by metro region / province / city — shares and counts converted through the stated sample sizes
(implied counts), the university sample against the programme populations it is defined from, and nesting
checks. The gaps between each resource's regional shares and the 2,200 backbone firms' shares are in
`innovation_resources_firms`, the findings box in `innovation_resources_findings`, the charts in
`innovation_resources_charts`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ai_industry.catalog import terms
from ai_industry.methods import rounding
from ai_industry.methods.distributions import LEVELS
from ai_industry.methods.rounding import half_unit, nearest_count, share_reproduced
from ai_industry.methods.rounding import sum_tolerance as rounding_tolerance
from ai_industry.paths import raw_dir
from ai_industry.present import labels

# inputs by their short names (config/sections.yaml declares the full ids; Chapter.load / sources resolve them)
FIRMS = "enterprise_distribution"
PROGRAMMES = "ai_programme_universities"
CLAIMS = "claims"
OTHER = "其他"  # key of the report's "其他地区" rows (a reported aggregate, not a region)


@dataclass(frozen=True)
class Resource:
    """One kind of innovation resource of section 七: its dataset, the ledger claim stating its sample size,
    names and the report's figure numbers (metro region, province, city)."""

    key: str
    dataset: str
    base_claim: str
    zh: str
    en: str
    figures: tuple[int, int, int]
    section: str
    classifier: str  # the Chinese measure word the report counts them with (所 / 家)
    short_zh: str  # short labels for table cells and chart rows
    short_en: str

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def short(self, lang: str) -> str:
        return self.short_zh if lang == "zh" else self.short_en


# names (zh, en) and short labels from catalog/terms.csv (groups ac23_resource_name, ac23_resource_short)
_NAME, _SHORT = terms.group("ac23_resource_name"), terms.group("ac23_resource_short")
RESOURCES: dict[str, Resource] = {
    "universities": Resource(
        "universities",
        "ai_universities_distribution",
        "c001_0735_01",
        *_NAME["universities"],
        (26, 27, 28),
        "七(一)",
        "所",
        *_SHORT["universities"],
    ),
    "institutes": Resource(
        "institutes",
        "research_institutes_distribution",
        "c001_0763_01",
        *_NAME["institutes"],
        (29, 30, 31),
        "七(二)",
        "所",
        *_SHORT["institutes"],
    ),
    "new_orgs": Resource(
        "new_orgs",
        "new_innovation_orgs_distribution",
        "c001_0784_01",
        *_NAME["new_orgs"],
        (32, 33, 34),
        "七(三)",
        "家",
        *_SHORT["new_orgs"],
    ),
}


def resource(key: str) -> Resource:
    """The Resource of `key` (universities | institutes | new_orgs); a clear error naming the valid keys."""
    if key not in RESOURCES:
        raise ValueError(f"unknown resource {key!r}; valid: {', '.join(RESOURCES)}")
    return RESOURCES[key]


# The introduction (seed line 219) states the same three programme counts "截至 2022 年 3 月"; section 七(一)
# (line 733, dataset ai_programme_universities) dates them 2022-12.
INTRO_PROGRAMME_CLAIM = "c001_0219_02"
INTRO_AS_OF = "2022-03"
# Figure 33's legend (seed line 798) names eight provinces; the text gives shares for the first three only.
FIG33_LEGEND_LINE = 798
FIG33_LEGEND = ("江苏省", "广东省", "安徽省", "浙江省", "上海市", "天津市", "北京市", "河北省")

ALIASES = {"长三角": "长江三角洲", "珠三角": "珠江三角洲", "成渝": "川渝"}
METROS = frozenset({"长江三角洲", "京津冀", "珠江三角洲", "川渝"})


# ---- names and counts ---------------------------------------------------------------------------------
def region_key(name: str) -> str:
    """A region name as the comparison key: metro regions without '地区' and spelled out ('长三角地区' ->
    '长江三角洲'), '其他地区' -> '其他'; every other name (provinces, cities, '和田地区') unchanged."""
    n = str(name).strip()
    short = n.removesuffix("地区")
    short = ALIASES.get(short, short)
    return short if short in METROS or short == OTHER else n


def base_count(claims: pd.DataFrame, claim_id: str) -> int:
    """The value (a count) of one ledger claim, e.g. the sample size 438 of claim c001_0735_01."""
    hit = claims.loc[claims["claim_id"] == claim_id, "value"]
    if len(hit) != 1:
        raise KeyError(f"claim {claim_id} not found once in the ledger")
    return int(round(float(hit.iloc[0])))


def claim_line(claims: pd.DataFrame, claim_id: str) -> int:
    """The seed line of one ledger claim."""
    return int(claims.loc[claims["claim_id"] == claim_id, "line"].iloc[0])


def implied_count(share_pct: float, base: int) -> float:
    """The count (units) a share (percent) of `base` stands for, unrounded: share × base / 100."""
    return float(share_pct) * base / 100.0


def share_of(count: float, base: int) -> float:
    """A count as a share (percent) of `base`: 100 × count / base."""
    return rounding.share_of(float(count), base)


def count_fits(share_pct: float, base: int, decimals: int = 2) -> bool:
    """Whether the nearest whole count to share × base / 100 gives back the printed share (percent, rounded to
    `decimals`) — i.e. whether the printed share can be a whole number of units out of `base`."""
    return bool(share_reproduced(nearest_count(share_pct, base), base, float(share_pct), decimals))


# ---- one resource's distribution ----------------------------------------------------------------------
def tidy_distribution(df: pd.DataFrame, base: int, decimals: int = 2) -> pd.DataFrame:
    """A published distribution with shares and counts side by side. Takes either a `share_pct` column or
    `value` + `unit` (count | pct) columns. Returns level, rank, region, key, reported (pct | count), value
    (as printed), share_pct (printed, or 100·count/base), count (printed, or share·base/100 unrounded),
    count_rounded (whole units), count_text ('264' as printed, '≈82' implied by a printed share), fits (the
    printed share is a whole count of `base`), other (a '其他地区' aggregate row), seed_line."""
    if "unit" in df.columns:
        reported = df["unit"].astype(str).to_numpy()
        value = df["value"].astype(float).to_numpy()
    else:
        reported = np.array(["pct"] * len(df))
        value = df["share_pct"].astype(float).to_numpy()
    is_count = reported == "count"
    share = np.where(is_count, 100.0 * value / base, value)
    count = np.where(is_count, value, value * base / 100.0)
    out = pd.DataFrame(
        {
            "level": df["level"].astype(str).to_numpy(),
            "rank": pd.array(df["rank"], dtype="Int64"),
            "region": df["region"].astype(str).to_numpy(),
            "key": [region_key(r) for r in df["region"]],
            "reported": reported,
            "value": value,
            "share_pct": share,
            "count": count,
            "count_rounded": np.round(count).astype(int),
            "fits": [True if c else count_fits(v, base, decimals) for c, v in zip(is_count, value)],
            "seed_line": df["seed_line"].astype(int).to_numpy(),
        }
    )
    out["count_text"] = [f"{k:,}" if r == "count" else f"≈{k:,}" for k, r in zip(out["count_rounded"], reported)]
    out["other"] = out["key"] == OTHER
    order = {lv: i for i, lv in enumerate(LEVELS)}
    out = out.assign(_lv=out["level"].map(order)).sort_values(["_lv", "rank"], kind="stable", na_position="last")
    return out.drop(columns="_lv").reset_index(drop=True)


def stack(tidies: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The tidy frames of several resources one under the other, with a `resource` column (the key)."""
    return pd.concat([t.assign(resource=k) for k, t in tidies.items()], ignore_index=True)


def level_rows(tidy: pd.DataFrame, level: str, include_other: bool = True) -> pd.DataFrame:
    """The rows of one level in rank order ('其他地区' rows last, or dropped)."""
    rows = tidy[tidy["level"] == level]
    if not include_other:
        rows = rows[~rows["other"]]
    return rows.reset_index(drop=True)


def level_unit(tidy: pd.DataFrame, level: str) -> str:
    """'count' when the report gives counts for every row of `level`, else 'pct'."""
    rows = tidy[tidy["level"] == level]
    return "count" if len(rows) and (rows["reported"] == "count").all() else "pct"


def unreported(tidy: pd.DataFrame, level: str, base: int, decimals: int = 2) -> tuple[float, float]:
    """Share (percent) and count of `level` that the report does not list (listed rows include '其他地区').
    Counts levels: base − listed counts, exactly. Share levels: 100 − listed shares, zero when within the
    rounding of the printed shares; its count is base − the listed rows' whole counts (implied)."""
    rows = tidy[tidy["level"] == level]
    if level_unit(tidy, level) == "count":
        n = float(base - rows["count"].sum())
        return share_of(n, base), n
    rest = 100.0 - float(rows["share_pct"].sum())
    if abs(rest) <= rounding_tolerance(decimals, len(rows)):
        return 0.0, 0.0
    return round(rest, 10), float(base - rows["count_rounded"].sum())


def unlisted_bound(tidy: pd.DataFrame, level: str) -> float:
    """Largest share (percent) a region the report does not list at `level` can hold: no more than the
    smallest listed region (the list is the top by rank) nor than what the listed regions leave of 100
    ('其他地区' counts as not listed)."""
    rows = tidy[(tidy["level"] == level) & ~tidy["other"]]
    if rows.empty:
        return 100.0
    rest = max(100.0 - float(rows["share_pct"].sum()), 0.0)
    return round(min(float(rows["share_pct"].min()), rest), 10)


def bar_frame(tidy: pd.DataFrame, level: str, base: int, decimals: int = 2) -> pd.DataFrame:
    """The bars of one level's redrawn figure: listed rows in rank order ('其他地区' last), then the unreported
    remainder when there is one. value is in the report's unit for the level (count or percent); annotation
    is the other unit in brackets — '≈82' (a count implied by a printed share) or '76.08%' (a count's share)."""
    unit = level_unit(tidy, level)
    rows = level_rows(tidy, level)
    frame = pd.DataFrame(
        {
            "region": rows["region"],
            "value": rows["value"],
            "share_pct": rows["share_pct"],
            "count": rows["count_rounded"].astype(float),
            "remainder": False,
        }
    )
    rest_share, rest_count = unreported(tidy, level, base, decimals)
    if rest_share > 1e-9:
        frame.loc[len(frame)] = {
            "region": "",
            "value": rest_count if unit == "count" else rest_share,
            "share_pct": rest_share,
            "count": rest_count,
            "remainder": True,
        }
    frame["annotation"] = [
        f"({s:.{decimals}f}%)" if unit == "count" else f"(≈{c:,.0f})"
        for s, c in zip(frame["share_pct"], frame["count"])
    ]
    return frame


def figure_coverage(tidies: Mapping[str, pd.DataFrame], bases: Mapping[str, int]) -> pd.DataFrame:
    """One row per figure of the report (26–34): resource, level, regions listed, the unreported share (percent)
    and whether the figure can be redrawn whole (nothing unreported beyond rounding)."""
    rows = []
    for key, tidy in tidies.items():
        for no, level in zip(RESOURCES[key].figures, LEVELS):
            rest, _ = unreported(tidy, level, bases[key])
            rows.append(
                {
                    "figure": no,
                    "resource": key,
                    "level": level,
                    "listed": int((tidy["level"] == level).sum()),
                    "unreported_pct": rest,
                    "whole": rest <= 0,
                }
            )
    return pd.DataFrame(rows)


def legend_without_numbers(tidy: pd.DataFrame, legend: Sequence[str] = FIG33_LEGEND) -> list[str]:
    """Provinces a figure legend names (default: figure 33's) for which the text gives no number."""
    listed = set(tidy.loc[tidy["level"] == "province", "region"])
    return [p for p in legend if p not in listed]


def items_text(tidy: pd.DataFrame, level: str, lang: str, decimals: int = 2) -> str:
    """The listed rows of one level as running text in the report's unit with the other unit in brackets,
    e.g. '长三角地区 18.72%（≈82）、京津冀地区 13.47%（≈59）' / 'Yangtze River Delta 18.72% (≈82), …'."""
    parts = []
    for r in level_rows(tidy, level).itertuples():
        name = labels.place(r.region, lang)
        if r.reported == "count":
            main, extra = f"{r.count_rounded:,}", f"{r.share_pct:.{decimals}f}%"
        else:
            main, extra = f"{r.share_pct:.{decimals}f}%", r.count_text
        parts.append(f"{name} {main}（{extra}）" if lang == "zh" else f"{name} {main} ({extra})")
    return ("、" if lang == "zh" else ", ").join(parts)


# ---- the university sample and the programme populations ----------------------------------------------
def programme_coverage(sample: int, programme_counts: Sequence[int]) -> dict[str, float]:
    """The sample of institutions offering any of several programmes against the programme counts (which
    overlap, so they cannot be added): the union lies between the largest count (union_low) and their sum
    (union_high); shortfall = union_low − sample (units, > 0 means the sample is smaller than one of its own
    constituent populations); coverage_max / coverage_min = the sample as a share (percent) of the smallest /
    largest possible union."""
    counts = [int(c) for c in programme_counts]
    lo, hi = max(counts), sum(counts)
    return {
        "sample": float(sample),
        "union_low": float(lo),
        "union_high": float(hi),
        "shortfall": float(lo - sample),
        "coverage_max": share_of(sample, lo),
        "coverage_min": share_of(sample, hi),
    }


# ---- nesting: a region holds at least its listed sub-regions ------------------------------------------
def load_regions(root: Path | None = None) -> pd.DataFrame:
    """The reference table data/raw/reference/regions.csv (names, province and metro region of each unit)."""
    return pd.read_csv(raw_dir(root) / "reference" / "regions.csv", dtype=str, keep_default_na=False)


def containment(regions: pd.DataFrame) -> pd.DataFrame:
    """Pairs (child_level, child, parent_level, parent) with the child wholly inside the parent, from the
    reference table: city in its province and in its metro region; a province in a metro region when all its
    cities are; a metro region in a province when all its cities are in that province (珠江三角洲 in 广东省)."""
    cities = regions[regions["level"] == "city"]
    rows = [("city", c.name_zh, "province", c.province_zh) for c in cities.itertuples()]
    rows += [("city", c.name_zh, "metro_region", c.metro_region_zh) for c in cities.itertuples() if c.metro_region_zh]
    for prov, g in cities.groupby("province_zh"):
        metros = set(g["metro_region_zh"])
        if len(metros) == 1 and next(iter(metros)):
            rows.append(("province", prov, "metro_region", next(iter(metros))))
    for metro, g in cities[cities["metro_region_zh"] != ""].groupby("metro_region_zh"):
        provs = set(g["province_zh"])
        if len(provs) == 1 and len(cities[cities["province_zh"] == next(iter(provs))]) > len(g):
            rows.append(("metro_region", metro, "province", next(iter(provs))))
    out = pd.DataFrame(rows, columns=["child_level", "child", "parent_level", "parent"])
    return out.drop_duplicates().reset_index(drop=True)


def nesting_checks(tidy: pd.DataFrame, pairs: pd.DataFrame, decimals: int = 2) -> pd.DataFrame:
    """For each listed parent region and each finer level: the parent's share (percent) against the sum of its
    listed sub-regions' shares at that level. slack_pp = parent − children; holds when slack ≥ −tolerance
    (half a unit of the last printed decimal per printed share involved; counts are exact)."""
    listed = tidy[~tidy["other"]]
    share = {(r.level, r.key): (r.share_pct, r.reported) for r in listed.itertuples()}
    out = []
    for (plevel, parent, clevel), g in pairs.groupby(["parent_level", "parent", "child_level"], sort=False):
        if (plevel, parent) not in share or plevel == clevel:
            continue
        kids = [c for c in g["child"] if (clevel, c) in share and c != parent]
        if not kids:
            continue
        p_share, p_rep = share[(plevel, parent)]
        c_sum = sum(share[(clevel, c)][0] for c in kids)
        n_printed = (p_rep == "pct") + sum(share[(clevel, c)][1] == "pct" for c in kids)
        tol = half_unit(decimals) * n_printed
        slack = p_share - c_sum
        out.append(
            {
                "parent_level": plevel,
                "parent": parent,
                "child_level": clevel,
                "children": "、".join(kids),
                "n_children": len(kids),
                "parent_share": p_share,
                "children_share": c_sum,
                "slack_pp": round(slack, 10),
                "tolerance": tol,
                "holds": bool(slack >= -tol - 1e-9),
            }
        )
    return pd.DataFrame(
        out,
        columns=[
            "parent_level",
            "parent",
            "child_level",
            "children",
            "n_children",
            "parent_share",
            "children_share",
            "slack_pp",
            "tolerance",
            "holds",
        ],
    )
