"""Innovation resources (report 001, section 七): AI universities, research institutes and new innovation
organisations by metro region / province / city — shares and counts converted through the stated sample sizes
(implied counts), the university sample against the programme populations it is defined from, nesting checks,
and the gaps between each resource's regional shares and the 2,200 backbone firms' shares."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.transforms import blended_transform_factory

from ai_industry.catalog import terms
from ai_industry.methods import rounding
from ai_industry.methods.distributions import LEVELS, equal_shares_across_levels
from ai_industry.methods.rounding import half_unit, nearest_count, share_reproduced
from ai_industry.methods.rounding import sum_tolerance as rounding_tolerance
from ai_industry.paths import raw_dir
from ai_industry.present import charts, labels
from ai_industry.present.fonts import setup_matplotlib

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


# ---- resources against firms --------------------------------------------------------------------------
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
            for x in f[~f["key"].isin(r["key"])].itertuples():
                out.append(
                    {
                        "resource": key,
                        "level": level,
                        "key": x.key,
                        "region": x.region,
                        "listed_in": "firms",
                        "side": "≤",
                        "resource_share": math.nan,
                        "firm_share": x.share_pct,
                        "bound_pct": rb,
                        "gap_bound_pp": round(rb - x.share_pct, 10),
                        "ratio_bound": rb / x.share_pct,
                    }
                )
            for x in r[~r["key"].isin(f["key"])].itertuples():
                out.append(
                    {
                        "resource": key,
                        "level": level,
                        "key": x.key,
                        "region": x.region,
                        "listed_in": "resource",
                        "side": "≥",
                        "resource_share": x.share_pct,
                        "firm_share": math.nan,
                        "bound_pct": fb,
                        "gap_bound_pp": round(x.share_pct - fb, 10),
                        "ratio_bound": x.share_pct / fb if fb > 0 else math.inf,
                    }
                )
    return pd.DataFrame(
        out,
        columns=[
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
        ],
    )


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


# ---- findings for the box -----------------------------------------------------------------------------
def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def sample_findings(
    cov: Mapping[str, float], programmes: pd.DataFrame, sample_line: int, intro_line: int
) -> list[dict[str, str]]:
    """The 438-vs-440 finding (the sample is defined to include a population larger than itself) and the note
    that the programme counts carry two dates in the report."""
    p = programmes.sort_values("count", ascending=False)
    top = p.iloc[0]
    counts_zh = "、".join(f"{r.programme} {r.count:,}" for r in p.itertuples())
    counts_en = ", ".join(f"{r.programme_en} {r.count:,}" for r in p.itertuples())
    pline = int(top["seed_line"])
    kind = "discrepancy" if cov["shortfall"] > 0 else "reproduced"
    out = [
        {
            "kind": kind,
            "zh": (
                f"样本定义与数量：报告称采集到 {cov['sample']:,.0f} 所“设置人工智能、智能科学与技术和人工智能技术服务专业的大学”"
                f"（原文第{sample_line}行）；同节给出的全国数量为 {counts_zh} 所（第{pline}行）。三类专业可同时开设，数量不能相加，"
                f"按此定义样本应覆盖的并集介于 {cov['union_low']:,.0f} 与 {cov['union_high']:,.0f} 所之间。"
                + (
                    f"样本比仅开设{top['programme']}专业的 {cov['union_low']:,.0f} 所还少 {cov['shortfall']:,.0f} 所，"
                    f"最多覆盖并集的 {cov['coverage_max']:.2f}%，最少 {cov['coverage_min']:.2f}%。报告未说明原因"
                    "（采集时点不同、只收“大学”而不收专科院校，或样本不完整）。"
                    if kind == "discrepancy"
                    else f"样本不小于其下限，覆盖并集的 {cov['coverage_min']:.2f}%–{cov['coverage_max']:.2f}%。"
                )
            ),
            "en": (
                f"Sample definition vs size: the report collected {cov['sample']:,.0f} “universities offering the AI, "
                f"intelligence science and technology or AI technology services programme” (seed line {sample_line}); the "
                f"same section gives the national counts {counts_en} (line {pline}). Programmes overlap, so the counts "
                f"cannot be added: by its definition the sample should cover a union of between {cov['union_low']:,.0f} "
                f"and {cov['union_high']:,.0f} institutions. "
                + (
                    f"The sample is {cov['shortfall']:,.0f} short of the {cov['union_low']:,.0f} offering the "
                    f"{top['programme_en']} programme alone, so it covers at most {cov['coverage_max']:.2f}% of the union "
                    f"and at least {cov['coverage_min']:.2f}%. The report does not say why (a different collection date, "
                    "universities only without vocational colleges, or an incomplete sample)."
                    if kind == "discrepancy"
                    else f"The sample is not below that floor and covers {cov['coverage_min']:.2f}–"
                    f"{cov['coverage_max']:.2f}% of the union."
                )
            ),
        }
    ]
    as_of = str(top["as_of"])
    if as_of != INTRO_AS_OF:
        out.append(
            {
                "kind": "note",
                "zh": (
                    f"同样三个数量在内容提要（第{intro_line}行）注为截至 {INTRO_AS_OF}，在本节（第{pline}行）注为截至 {as_of}："
                    "同一组数字标了两个时点。"
                ),
                "en": (
                    f"The introduction (line {intro_line}) dates the same three counts {INTRO_AS_OF}, this section "
                    f"(line {pline}) {as_of}: one set of numbers carries two dates."
                ),
            }
        )
    return out


def count_findings(
    tidies: Mapping[str, pd.DataFrame], bases: Mapping[str, int], names: Mapping[str, tuple[str, str]]
) -> list[dict[str, str]]:
    """Per resource: whether every printed share is a whole number of units out of the stated sample size
    (names: resource key -> (zh, en))."""
    out = []
    for key, tidy in tidies.items():
        pct = tidy[tidy["reported"] == "pct"]
        if pct.empty:
            continue
        bad = pct[~pct["fits"]]
        zh, en = names[key]
        if bad.empty:
            out.append(
                {
                    "kind": "reproduced",
                    "zh": (
                        f"{zh}：报告给出的 {len(pct)} 个占比都能还原为 {bases[key]:,} 中的整数个"
                        f"（隐含数量 {'、'.join(f'{c:,}' for c in pct['count_rounded'])}），占比与样本量相互吻合。"
                    ),
                    "en": (
                        f"{_cap(en)}: each of the {len(pct)} printed shares is a whole number out of "
                        f"{bases[key]:,} (implied counts {', '.join(f'{c:,}' for c in pct['count_rounded'])}): "
                        "shares and sample size agree."
                    ),
                }
            )
        else:
            lst = "、".join(f"{r.region} {r.share_pct:.2f}%" for r in bad.itertuples())
            lst_en = ", ".join(f"{labels.place(r.region, 'en')} {r.share_pct:.2f}%" for r in bad.itertuples())
            out.append(
                {
                    "kind": "discrepancy",
                    "zh": f"{zh}：{lst} 无法还原为 {bases[key]:,} 中的整数个（按两位小数）。",
                    "en": f"{_cap(en)}: {lst_en} is not a whole number out of {bases[key]:,} at two decimals.",
                }
            )
    return out


# level words from catalog/terms.csv (group ac23_resource_level)
LEVEL_ZH = {k: zh for k, (zh, _) in terms.group("ac23_resource_level").items()}
LEVEL_EN = {k: en for k, (_, en) in terms.group("ac23_resource_level").items()}


def nesting_findings(checks: Mapping[str, pd.DataFrame], names: Mapping[str, tuple[str, str]]) -> list[dict[str, str]]:
    """One summary finding if every nesting check holds (with the tightest one), else one per failure."""
    allc = pd.concat([c.assign(resource=k) for k, c in checks.items()], ignore_index=True)
    if allc.empty:
        return []
    bad = allc[~allc["holds"]]
    if bad.empty:
        loose = allc[allc["slack_pp"].abs() > allc["tolerance"]]  # equal cases are the equality notes' business
        pool = loose if len(loose) else allc
        t = pool.loc[pool["slack_pp"].idxmin()]
        zh, en = names[t["resource"]]
        kids_en = ", ".join(labels.place(c, "en") for c in t["children"].split("、"))
        return [
            {
                "kind": "reproduced",
                "zh": (
                    f"层级嵌套：共 {len(allc)} 处“上级地区不少于其列出的下级地区之和”的检验全部成立；除恰好相等者外，最紧的一处是{zh}的"
                    f"{t['parent']}（{t['parent_share']:.2f}%）≥ {t['children']}（合计 {t['children_share']:.2f}%），"
                    f"余量 {t['slack_pp']:+.2f} 个百分点。"
                ),
                "en": (
                    f"Nesting: all {len(allc)} checks that a region holds at least its listed sub-regions hold; apart "
                    f"from exact equalities the tightest is {en}: {labels.place(t['parent'], 'en')} "
                    f"({t['parent_share']:.2f}%) ≥ {kids_en} (together "
                    f"{t['children_share']:.2f}%), a slack of {t['slack_pp']:+.2f} pp."
                ),
            }
        ]
    out = []
    for r in bad.itertuples():
        zh, en = names[r.resource]
        kids_en = ", ".join(labels.place(c, "en") for c in r.children.split("、"))
        out.append(
            {
                "kind": "discrepancy",
                "zh": (
                    f"{zh}：{r.parent}（{r.parent_share:.2f}%）小于其列出的下级地区 {r.children} 之和 "
                    f"{r.children_share:.2f}%，差 {r.slack_pp:+.2f} 个百分点，超出四舍五入误差。"
                ),
                "en": (
                    f"{_cap(en)}: {labels.place(r.parent, 'en')} ({r.parent_share:.2f}%) is smaller than its "
                    f"listed sub-regions {kids_en} together ({r.children_share:.2f}%), {r.slack_pp:+.2f} pp, "
                    "beyond rounding."
                ),
            }
        )
    return out


def equality_findings(
    tidies: Mapping[str, pd.DataFrame], names: Mapping[str, tuple[str, str]], decimals: int = 2
) -> list[dict[str, str]]:
    """Notes where a metro region and a province carry the same share (to the printed decimals) within one
    resource — e.g. 珠三角 = 广东省, although the Pearl River Delta is only part of Guangdong."""
    out = []
    for key, tidy in tidies.items():
        frame = tidy[~tidy["other"]][["level", "region", "share_pct"]]
        frame = frame.assign(share_pct=frame["share_pct"].round(decimals))
        zh, en = names[key]
        for r in equal_shares_across_levels(frame).to_dict("records"):
            prd = {region_key(r["region_a"]), region_key(r["region_b"])} == {"珠江三角洲", "广东省"}
            why_zh = (
                "珠三角只是广东省的一部分，报告很可能把整个广东省计为珠三角" if prd else "报告很可能把二者视为同一组"
            )
            why_en = (
                "the Pearl River Delta is only part of Guangdong, so the report probably counts the whole province "
                "as the PRD"
                if prd
                else "the report probably counts them as the same set"
            )
            out.append(
                {
                    "kind": "note",
                    "zh": (
                        f"{zh}：{r['region_a']}（{LEVEL_ZH[r['level_a']]}）与{r['region_b']}（{LEVEL_ZH[r['level_b']]}）"
                        f"占比同为 {r['share_pct']:.2f}%；{why_zh}。原文如此，未作改动。"
                    ),
                    "en": (
                        f"{_cap(en)}: {labels.place(r['region_a'], 'en')} ({LEVEL_EN[r['level_a']]}) and "
                        f"{labels.place(r['region_b'], 'en')} ({LEVEL_EN[r['level_b']]}) carry the same share, "
                        f"{r['share_pct']:.2f}%; {why_en}. Recorded as printed."
                    ),
                }
            )
    return out


def comparison_limitation(pairs: pd.DataFrame, sided: pd.DataFrame) -> dict[str, str]:
    """What the resource-vs-firm comparison can and cannot say."""
    return {
        "kind": "limitation",
        "zh": (
            f"资源与企业的对照只用到两边都列出的 {len(pairs)} 组地区；另有 {len(sided)} 组只在一边列出，只能给出区间。"
            "比值是两种不同总体（机构与企业）中各自的占比之比，相当于只在列出地区上计算的区位熵；其余地区的占比未公布，不能推断。"
        ),
        "en": (
            f"The resource-vs-firm comparison uses only the {len(pairs)} region pairs listed on both sides; "
            f"{len(sided)} more are listed on one side only and give bounds. The ratio compares shares of two "
            "different populations (institutions and firms) — a location quotient restricted to the listed "
            "regions; the unlisted regions' shares are not published and are not inferred."
        ),
    }


# ---- charts -------------------------------------------------------------------------------------------
def resource_bars(
    frame: pd.DataFrame, bar_labels: Sequence[str], remainder_label: str, xlabel: str, digits: int = 2
) -> plt.Figure:
    """charts.share_bars of a `bar_frame` (value in the report's unit), each value label followed by its
    annotation (the implied count or the share); the remainder bar grey and hatched."""
    listed = frame[~frame["remainder"]]
    rest = frame.loc[frame["remainder"], "value"]
    fig = charts.share_bars(
        list(bar_labels),
        list(listed["value"]),
        float(rest.iloc[0]) if len(rest) else None,
        remainder_label,
        xlabel,
        digits=digits,
    )
    ax = fig.axes[0]
    for txt, extra in zip(ax.texts, frame["annotation"]):
        txt.set_text(f"{txt.get_text()}  {extra}")
    ax.set_xlim(0, float(frame["value"].max()) * 1.35)
    return fig


def gap_dumbbell(
    row_labels: Sequence[str],
    resource_share: Sequence[float],
    firm_share: Sequence[float],
    series: Sequence[str],
    firm_label: str,
    xlabel: str,
    gap_unit: str = "pp",
) -> plt.Figure:
    """A dumbbell per row: the firm share (dark dot) and the resource share (dot coloured by `series`) in
    percent, joined by a line (teal where the resource share is larger, orange where the firms' is); the gap
    (percentage points) and the ratio are written at the right."""
    setup_matplotlib()
    names = list(dict.fromkeys(series))
    pal = dict(zip(names, sns.color_palette("colorblind", n_colors=max(len(names), 3))))
    n = len(row_labels)
    fig, ax = plt.subplots(figsize=(8.2, 0.38 * n + 1.6))
    right = blended_transform_factory(ax.transAxes, ax.transData)
    for i, (r, f, s) in enumerate(zip(resource_share, firm_share, series)):
        ax.plot([f, r], [i, i], color="#2a9d8f" if r >= f else "#e76f51", linewidth=2.2, zorder=1)
        ax.scatter([f], [i], color="#3d3d3d", s=36, zorder=2)
        ax.scatter([r], [i], color=pal[s], s=46, zorder=3, edgecolor="white", linewidth=0.6)
        ax.text(1.01, i, f"{r - f:+.2f} {gap_unit}  ×{r / f:.2f}", transform=right, va="center", fontsize=8)
    for i in range(1, n):
        if series[i] != series[i - 1]:
            ax.axhline(i - 0.5, color="#d0d7de", linewidth=0.8)
    ax.set_yticks(range(n), list(row_labels))
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, max(max(resource_share), max(firm_share)) * 1.08)
    ax.set_xlabel(xlabel)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color="#3d3d3d", label=firm_label)]
    handles += [plt.Line2D([], [], marker="o", linestyle="", color=pal[s], label=s) for s in names]
    ax.legend(
        handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(handles), fontsize=8, frameon=False
    )
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


def programme_bars(
    bar_labels: Sequence[str], counts: Sequence[int], sample_label: str, sample: int, floor_label: str, xlabel: str
) -> plt.Figure:
    """The programme counts (institutions) and the sample as bars (the sample highlighted), with a dashed line
    at the largest programme count — the least the union of the programmes can be."""
    fig = charts.share_bars(
        list(bar_labels) + [sample_label], [float(c) for c in counts] + [float(sample)], None, "", xlabel, digits=0
    )
    ax = fig.axes[0]
    ax.patches[-1].set_facecolor("#e76f51")
    floor = max(counts)
    ax.axvline(floor, color="#9a3412", linestyle="--", linewidth=1)
    ax.text(floor, -0.6, f" {floor_label}", color="#9a3412", fontsize=8, va="bottom", ha="right")
    ax.set_ylim(len(counts) + 0.5, -1.1)
    return fig
