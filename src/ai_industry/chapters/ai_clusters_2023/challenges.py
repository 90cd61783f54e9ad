"""The challenges of the ai-clusters-2023 report (seed 001, section 八): the ITIF AI-race scores and areas
(八(一)), the 2019 chip market shares by headquarters and the HarmonyOS figures (八(二)), the CAICT count and
market value of platform enterprises above USD 10 bn (八(三)); what follows from them and where the seed
disagrees with itself."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ai_industry.catalog import terms
from ai_industry.errors import DataError, Problem
from ai_industry.present.fonts import setup_matplotlib
from ai_industry.present.labels import qualifier_label

SECTIONS = ["八(一)", "八(二)", "八(三)"]
SEGMENTS = ["fabless", "idm", "total"]
# labels from catalog/terms.csv: key -> (zh, en)
SEGMENT_NAMES: dict[str, tuple[str, str]] = terms.group("chip_segment")
SCOPE_NAMES: dict[str, tuple[str, str]] = terms.group("platform_scope")
UNIT_NAMES: dict[str, tuple[str, str]] = terms.group("value_unit")
ROUNDING = 0.5  # the chip shares are printed as whole percent: each may be off by half a point
BELOW = "不到"  # "less than": the value is an upper bound
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def release_date(events: pd.DataFrame, event: str = "itif_update_release") -> tuple[str, str, int]:
    """A dated event of `dated_events` (default: the release of ITIF's updated report, line 813) as the text
    prints it in zh (2021年1月25日), in en (25 January 2021), and its seed line."""
    events = events.reset_index(drop=True)
    row = events.loc[events["event"] == event].iloc[0]
    y, m, d = (int(x) for x in str(row["date"]).split("-"))
    zh = f"{y}年{m}月{d}日"
    if zh not in str(row["quote"]):  # the quote is checked on its seed line; the date must say the same
        raise DataError(
            "data/raw/published/ai-clusters-2023/dated_events.csv",
            [Problem("the date must be the one the quote prints", int(row.name) + 1, "date", row["date"])],
            message=f"event {event}: date {row['date']} is not the quoted {row['quote']!r}",
            line_offset=1,
        )
    return zh, f"{d} {MONTHS_EN[m - 1]} {y}", int(row["seed_line"])


# ---- 八(一) ITIF -----------------------------------------------------------------------------------------


def itif_wide(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per economy (in the order of the 2019 scores, highest first): score per edition (points out of
    100), rank per edition (1 = highest), the change last − first edition (points) and the seed line."""
    eds = sorted(scores["edition"].unique())
    first, last = eds[0], eds[-1]
    w = scores.pivot(index=["economy", "economy_en"], columns="edition", values="score").reset_index()
    w.columns = [c if isinstance(c, str) else f"score_{c}" for c in w.columns]
    for e in eds:
        w[f"rank_{e}"] = w[f"score_{e}"].rank(ascending=False, method="min").astype(int)
    w["change"] = (w[f"score_{last}"] - w[f"score_{first}"]).round(1)
    w["seed_line"] = w["economy"].map(scores.groupby("economy")["seed_line"].min())
    return w.sort_values(f"score_{first}", ascending=False, kind="stable").reset_index(drop=True)


def edition_sums(scores: pd.DataFrame) -> dict[int, float]:
    """The three economies' scores summed per edition (points), rounded to the printed decimal."""
    return {int(e): round(float(v), 1) for e, v in scores.groupby("edition")["score"].sum().items()}


def lead_gap(wide: pd.DataFrame, edition: int) -> float:
    """The leader's margin over the second economy in `edition` (points)."""
    s = wide[f"score_{edition}"].sort_values(ascending=False).to_numpy()
    return round(float(s[0] - s[1]), 1)


def area_leaders(areas: pd.DataFrame) -> pd.DataFrame:
    """Per leading economy (2019): how many areas it leads and which (as line 813 names them), most first."""
    g = areas.groupby(["leader_2019", "leader_2019_en"], sort=False)
    out = g.agg(n_areas=("area", "size"), areas=("area", "、".join), areas_en=("area_en", ", ".join)).reset_index()
    return out.sort_values("n_areas", ascending=False, kind="stable").reset_index(drop=True)


def renamed_areas(areas: pd.DataFrame) -> pd.DataFrame:
    """The areas line 815 names differently from line 813 (the seed disagreeing with itself)."""
    return areas[areas["area"] != areas["area_as_on_815"]].reset_index(drop=True)


# ---- 八(二) chips ----------------------------------------------------------------------------------------


def chip_wide(chips: pd.DataFrame) -> pd.DataFrame:
    """One row per economy, ordered by total share (highest first): the share per segment (% of the global
    market), whether it is printed as 不到 (an upper bound) per segment, the rank by total share and the seed line."""
    v = chips.pivot(index=["region", "region_en"], columns="segment", values="share_pct")
    q = chips.assign(below=chips["qualifier"].fillna("") == BELOW).pivot(
        index=["region", "region_en"], columns="segment", values="below"
    )
    w = v[SEGMENTS].join(q[SEGMENTS].add_suffix("_below")).reset_index()
    w["seed_line"] = w["region"].map(chips.groupby("region")["seed_line"].min())
    w.columns.name = None
    w["rank"] = w["total"].rank(ascending=False, method="min").astype(int)
    return w.sort_values("total", ascending=False, kind="stable").reset_index(drop=True)


def chip_table(wide: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """`chip_wide` with the economy's name in `lang` and each share as printed text (`<v` for 不到 v)."""
    out = wide.assign(name=wide["region_en" if lang != "zh" else "region"])
    for seg in SEGMENTS:
        out[f"{seg}_txt"] = [f"<{v:.0f}" if b else f"{v:.0f}" for v, b in zip(wide[seg], wide[f"{seg}_below"])]
    return out


def chip_year(chips: pd.DataFrame) -> int:
    """The year of the chip market shares (one year in the table)."""
    years = chips["year"].unique()
    if len(years) != 1:
        raise ValueError(f"chip market shares of {len(years)} years, not 1")
    return int(years[0])


def _bounds(value: float, below: bool, step: float = ROUNDING) -> tuple[float, float]:
    """What a printed whole percent can stand for: [v − step, v + step], or [0, v) for 不到 v."""
    return (0.0, value) if below else (max(value - step, 0.0), value + step)


def fabless_weight_bounds(row, step: float = ROUNDING) -> tuple[float, float]:
    """An economy's total share T is the average of its fabless share F and IDM share I weighted by the fabless
    segment's part w of the world chip market: T = w·F + (1 − w)·I, so w = (I − T) / (I − F). The interval
    of w (as a fraction) that the printed shares allow within their rounding (or 不到 bound)."""
    f = _bounds(row.fabless, row.fabless_below, step)
    i = _bounds(row.idm, row.idm_below, step)
    t = _bounds(row.total, row.total_below, step)
    ws = []
    for fv in np.linspace(*f, 21):
        for iv in np.linspace(*i, 21):
            for tv in np.linspace(*t, 21):
                if abs(iv - fv) > 1e-9:
                    w = (iv - tv) / (iv - fv)
                    if 0 <= w <= 1:
                        ws.append(w)
    return (float(min(ws)), float(max(ws))) if ws else (float("nan"), float("nan"))


def fabless_weights(wide: pd.DataFrame, step: float = ROUNDING) -> tuple[pd.DataFrame, tuple[float, float]]:
    """Per economy, the interval of the fabless part of the world market (%) its three shares imply, and the
    interval common to all (empty: lo > hi). All four economies share one world market, so one w must fit."""
    rows = [(r.region, r.region_en, *fabless_weight_bounds(r, step)) for r in wide.itertuples()]
    w = pd.DataFrame(rows, columns=["region", "region_en", "w_low", "w_high"])
    w[["w_low", "w_high"]] = (w[["w_low", "w_high"]] * 100).round(1)
    return w, (float(w["w_low"].max()), float(w["w_high"].min()))


def segment_coverage(wide: pd.DataFrame) -> pd.DataFrame:
    """Per segment: the four economies' shares summed (% of the world, 不到 counted at its bound) and what
    is left to the rest of the world (%), and whether that sum is an upper bound."""
    rows = []
    for seg in SEGMENTS:
        s = round(float(wide[seg].sum()), 1)
        rows.append({"segment": seg, "listed": s, "rest": round(100 - s, 1), "bound": bool(wide[f"{seg}_below"].any())})
    return pd.DataFrame(rows)


# ---- 八(二) HarmonyOS and 八(三) platforms ----------------------------------------------------------------

UNIT_FACTOR = {"100m_persons": 1e8, "10k_persons": 1e4}


def harmony(h: pd.DataFrame) -> dict[str, float | str]:
    """The HarmonyOS / HMS figures in persons (users a lower bound), their month, and users per developer."""
    v = {r.measure: float(r.value) * UNIT_FACTOR[r.unit] for r in h.itertuples()}
    return {
        "users": v["users"],
        "developers": v["developers"],
        "users_per_developer": v["users"] / v["developers"],
        "as_of": str(h["as_of"].iloc[0])[:7],
    }


@dataclass(frozen=True)
class Platforms:
    """The CAICT platform figures (2020) and what follows from them: counts (firms), market values
    (trillion USD), shares (%)."""

    year: int
    threshold_100m_usd: float
    firms_cn_us: int
    firms_cn: int
    firms_us: int  # implied: 64 − 36
    share_firms: float
    new_firms: int
    value_cn_us: float
    share_value: float
    firms_world: float  # implied: 64 / 84 %
    value_world: float  # implied: 12 / 96.3 %
    value_per_firm_bn: float  # China + US, USD bn per firm


def platforms(p: pd.DataFrame) -> Platforms:
    """The platform dataset as named values, with the US count, the world totals and the average value implied."""

    def v(measure: str, scope: str = "china_us") -> float:
        hit = p[(p["measure"] == measure) & (p["scope"] == scope)]
        if len(hit) != 1:
            raise ValueError(f"platform figure {measure}/{scope}: {len(hit)} rows, not 1")
        return float(hit["value"].iloc[0])

    n, cn, sh, val, shv = (
        v("firms"),
        v("firms", "china"),
        v("firms_global_share"),
        v("market_value"),
        v("market_value_global_share"),
    )
    return Platforms(
        year=int(p["year"].iloc[0]),
        threshold_100m_usd=v("value_threshold", "all"),
        firms_cn_us=int(n),
        firms_cn=int(cn),
        firms_us=int(n - cn),
        share_firms=sh,
        new_firms=int(v("new_firms", "global_new")),
        value_cn_us=val,
        share_value=shv,
        firms_world=n / sh * 100,
        value_world=val / shv * 100,
        value_per_firm_bn=val * 1000 / n,
    )


def label(names: dict[str, tuple[str, str]], key: str, lang: str = "zh") -> str:
    """The zh or en label of `key` in a terms group (the key itself where the group has none, e.g. empty)."""
    pair = names.get(key)
    return key if pair is None else pair[0 if lang == "zh" else 1]


def figure_table(df: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A HarmonyOS or platform table with its labels in `lang`: name (the measure), scope_txt (where the
    table has a scope), shown (the value with its qualifier, e.g. 超过 2.4 / over 2.4) and unit_txt."""
    en = lang != "zh"
    q = df["qualifier"].fillna("")
    out = df.assign(
        name=df["measure_en" if en else "measure_zh"],
        shown=[(f"{qualifier_label(k, lang)} " if k else "") + f"{v:g}" for k, v in zip(q, df["value"])],
        unit_txt=[label(UNIT_NAMES, u, lang) for u in df["unit"]],
    )
    if "scope" in df.columns:
        out["scope_txt"] = [label(SCOPE_NAMES, s, lang) for s in df["scope"]]
    return out


# ---- the ledger's claims of section 八 ---------------------------------------------------------------------


def section_claims(claims: pd.DataFrame, seed_file: str, sections: list[str] = SECTIONS) -> pd.DataFrame:
    """Every ledger claim of the seed in `sections`, in line order: claim_id, line, section, quote, value,
    unit, qualifier, dataset (short name, empty where the number is in the ledger only)."""
    c = claims[(claims["seed_file"] == seed_file) & claims["section"].isin(sections)].copy()
    c["line"] = c["line"].astype(int)
    c["dataset"] = c["dataset"].fillna("").str.rsplit("/", n=1).str[-1]
    cols = ["claim_id", "line", "section", "quote", "value", "unit", "qualifier", "dataset", "measure"]
    return c.sort_values(["line", "claim_id"], kind="stable")[cols].reset_index(drop=True)


def uncovered_claims(sec: pd.DataFrame, shown: list[str]) -> pd.DataFrame:
    """The section's claims that are cells of none of the datasets `shown` (short names)."""
    return sec[~sec["dataset"].isin(shown)].reset_index(drop=True)


# ---- charts ----------------------------------------------------------------------------------------------


def itif_chart(wide: pd.DataFrame, names: list[str], edition_label: str, ylabel: str) -> plt.Figure:
    """Grouped bars: each economy's ITIF score (points out of 100) per edition, value on each bar."""
    setup_matplotlib()
    eds = [c.removeprefix("score_") for c in wide.columns if c.startswith("score_")]
    pal = sns.color_palette("crest", n_colors=len(eds))
    fig, ax = plt.subplots(figsize=(7.0, 3.8))
    x = np.arange(len(wide))
    width = 0.8 / len(eds)
    for k, e in enumerate(eds):
        vals = wide[f"score_{e}"].to_numpy(dtype=float)
        bars = ax.bar(x + (k - (len(eds) - 1) / 2) * width, vals, width, color=pal[k], label=edition_label.format(e))
        ax.bar_label(bars, labels=[f"{v:.1f}" for v in vals], fontsize=8, padding=2)
    ax.set_xticks(x, names)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, float(wide[[f"score_{e}" for e in eds]].max().max()) * 1.18)
    ax.legend(frameon=False)
    sns.despine(ax=ax)
    fig.tight_layout()
    return fig


def chip_chart(wide: pd.DataFrame, names: list[str], segment_names: list[str], xlabel: str) -> plt.Figure:
    """Horizontal grouped bars: each economy's share of the world chip market per segment (fabless, IDM,
    total; %); a share printed as 不到 v is drawn hatched at v and labelled "<v"."""
    setup_matplotlib()
    pal = sns.color_palette("colorblind", n_colors=len(SEGMENTS))
    fig, ax = plt.subplots(figsize=(7.5, 0.95 * len(wide) + 1.4))
    y = np.arange(len(wide))
    h = 0.8 / len(SEGMENTS)
    for k, seg in enumerate(SEGMENTS):
        vals = wide[seg].to_numpy(dtype=float)
        below = wide[f"{seg}_below"].to_numpy(dtype=bool)
        bars = ax.barh(y + (k - 1) * h, vals, h, color=pal[k], label=segment_names[k])
        for b, lo in zip(bars, below):
            if lo:
                b.set_hatch("//")
                b.set_alpha(0.55)
        ax.bar_label(
            bars, labels=[f"<{v:.0f}" if lo else f"{v:.0f}" for v, lo in zip(vals, below)], fontsize=8, padding=2
        )
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, float(wide[SEGMENTS].max().max()) * 1.15)
    ax.legend(frameon=False, loc="lower right")
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


def platform_chart(p: Platforms, labels: list[str], xlabel: str) -> plt.Figure:
    """Two bars of 100 %: the China + US share of the world's platform enterprises above the threshold
    (by number and by market value), the rest of the world hatched grey."""
    setup_matplotlib()
    shares = [p.share_firms, p.share_value]
    fig, ax = plt.subplots(figsize=(7.0, 2.2))
    y = np.arange(2)
    ax.barh(y, shares, color=sns.color_palette("crest", 2)[1])
    ax.barh(y, [100 - s for s in shares], left=shares, color="#c8ccd1", hatch="//", edgecolor="#8c959f")
    for i, s in enumerate(shares):
        ax.text(s / 2, i, f"{s:g}%", va="center", ha="center", color="white", fontsize=9)
        rest_x, ha = (s + (100 - s) / 2, "center") if 100 - s >= 8 else (101, "left")
        ax.text(rest_x, i, f"{100 - s:.1f}%", va="center", ha=ha, fontsize=8)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(xlabel)
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


# ---- findings ----------------------------------------------------------------------------------------------


def itif_findings(
    wide: pd.DataFrame, sums: dict[int, float], areas: pd.DataFrame, n_areas: int, release: tuple[str, str, int]
) -> list[dict]:
    """Checks of 八(一): ranks as printed, the areas' count (`n_areas`, the ledger's claim of line 813) and
    their naming on lines 813 and 815, the scores' sums, and how the two lines name the editions."""
    rank_cols = [c for c in wide.columns if c.startswith("rank_")]
    ranks_ok = all(list(wide[c]) == list(range(1, len(wide) + 1)) for c in rank_cols)
    e1, e2 = (c.removeprefix("rank_") for c in (rank_cols[0], rank_cols[-1]))
    out = [
        {
            "kind": "reproduced" if ranks_ok else "discrepancy",
            "zh": f"{e1}年得分的排序（{'、'.join(wide['economy'])}）与报告所说“美国领先、中国第二、欧盟第三”一致；{e2}年更新后排序不变。",
            "en": f"The {e1} scores rank {', '.join(wide['economy_en'])}, as the report says (US first, China second, EU third); "
            f"the {e2} update keeps the order.",
        }
    ]
    out.append(area_finding(areas, n_areas))
    out.append(sum_finding(sums))
    zh_date, en_date, line = release
    line_815 = int(areas["seed_line"].iloc[0])
    out.append(
        {
            "kind": "note",
            "zh": f"第{line}行把{zh_date}发布的报告称为“更新版({e1}年)”，第{line_815}行则区分“{e1}年的报告”与“{e2}年数据更新之后的报告”；"
            f"本章按第{line_815}行把两组得分记为{e1}年版与{e2}年版。",
            "en": f"Line {line} calls the report released on {en_date} the “updated edition ({e1})”, while line {line_815} distinguishes “the {e1} report” "
            f"from “the report after the {e2} data update”; this chapter follows line {line_815} and labels the two sets of scores {e1} and {e2}.",
        }
    )
    return out


def area_finding(areas: pd.DataFrame, n_areas: int) -> dict:
    """The areas led add up to the areas compared (a note), or not (a discrepancy); and the area the two lines
    name differently."""
    led = area_leaders(areas)
    ren = renamed_areas(areas)
    parts_zh = "；".join(
        f"第{r.list_line}行写“{r.area}”，第{r.seed_line}行写“{r.area_as_on_815}”" for r in ren.itertuples()
    )
    parts_en = "; ".join(
        f"line {r.list_line} says “{r.area}” ({r.area_en}), line {r.seed_line} “{r.area_as_on_815}”"
        for r in ren.itertuples()
    )
    total = int(led["n_areas"].sum())
    list_line = int(areas["list_line"].iloc[0])
    terms_ = " + ".join(str(n) for n in led["n_areas"])
    return {
        "kind": "note" if total == n_areas else "discrepancy",
        "zh": f"领先领域数 {terms_} = {total}，{'等于' if total == n_areas else '不等于'}第{list_line}行所说的 {n_areas} 个领域；"
        f"但两行对同一领域的称呼不同：{parts_zh}（两种写法均保留在数据中）。",
        "en": f"The areas led add up to {terms_} = {total}, {'the' if total == n_areas else 'not the'} {n_areas} areas of line {list_line}; "
        f"but the two lines name one area differently: {parts_en} (both kept in the data).",
    }


def sum_finding(sums: dict[int, float], full: float = 100.0, n: int = 3, decimals: int = 1) -> dict:
    """Whether the `n` scores of each edition sum to `full` within their rounding (`decimals` places)."""
    s = "、".join(f"{e}年 {v:.1f}" for e, v in sums.items())
    s_en = " and ".join(f"{v:.1f} ({e})" for e, v in sums.items())
    tol = n * 0.5 * 10**-decimals
    if all(abs(v - full) <= tol + 1e-9 for v in sums.values()):
        zh = (
            f"三方得分之和：{s} 分，均在 {n} 个 {decimals} 位小数的舍入范围内等于 {full:g}——报告所说“以 {full:g} 分为满分”的"
            f" {full:g} 分似乎是在三方之间分配的，得分也就是份额。"
        )
        en = (
            f"The three scores sum to {s_en} points: {full:g} within the rounding of {n} scores printed to {decimals} decimal place. The report's "
            f"“{full:g} points in all” appear to be shared among the three, so a score is also a share."
        )
    else:
        zh = f"三方得分之和：{s} 分（满分各为 {full:g} 分，三方得分彼此独立）。"
        en = f"The three scores sum to {s_en} points (each is out of {full:g}, independently)."
    return {"kind": "note", "zh": zh, "en": en}


def chip_findings(wide: pd.DataFrame, weights: pd.DataFrame, common: tuple[float, float]) -> list[dict]:
    """Checks of 八(二): the ranks by total share as printed (second Korea, third Japan), and whether the
    three shares of every economy fit one world fabless part (within rounding)."""
    order = list(wide["region"])
    ok = order[:3] == ["美国", "韩国", "日本"]
    lo, hi = common
    fits = lo <= hi
    return [
        {
            "kind": "reproduced" if ok else "discrepancy",
            "zh": f"按合计份额排序为{'、'.join(order)}，与报告“排名第二的是韩国……排名第三的是日本”一致。",
            "en": f"By total share the order is {', '.join(wide['region_en'])}, as the report says (Korea second, Japan third).",
        },
        {
            "kind": "reproduced" if fits else "discrepancy",
            "zh": "每个经济体的合计份额应是无晶圆厂与有晶圆厂份额按两类市场在全球芯片市场中的比重加权的平均。在整数百分比的舍入（及“不到”的上限）范围内，"
            + "、".join(f"{r.region} {r.w_low:.1f}%–{r.w_high:.1f}%" for r in weights.itertuples())
            + (
                f"；四者共同的区间为 {lo:.1f}%–{hi:.1f}%，所以四组数字彼此相容。"
                if fits
                else "；四者没有共同区间，四组数字彼此矛盾。"
            ),
            "en": "Each economy's total share should be the average of its fabless and IDM shares weighted by the two segments' parts of the world chip market. "
            "Within the rounding of whole percents (and the “less than” bounds) the fabless part implied is "
            + ", ".join(f"{r.region_en} {r.w_low:.1f}–{r.w_high:.1f}%" for r in weights.itertuples())
            + (
                f"; the interval common to all is {lo:.1f}–{hi:.1f}%, so the four sets of shares are consistent."
                if fits
                else "; there is no common interval: the shares contradict one another."
            ),
        },
        {
            "kind": "note",
            "zh": "报告对美国的表述是“全球68%的无晶圆厂芯片公司、46%的有晶圆厂芯片公司都在美国”（公司数的比例），对其他经济体则是市场份额；本章与台账都按市场份额处理。",
            "en": "For the US the report says “68% of the world's fabless chip companies and 46% of the IDM companies are in the US” (a share of companies), for the others "
            "market shares; this chapter and the ledger read all of them as market shares.",
        },
    ]


def platform_findings(p: Platforms) -> list[dict]:
    """Checks of 八(三): the US count implied by 36 of 64 and the report's 超过美国."""
    return [
        {
            "kind": "reproduced" if p.firms_cn > p.firms_us else "discrepancy",
            "zh": f"中美合计 {p.firms_cn_us} 家、中国 {p.firms_cn} 家，推出美国 {p.firms_us} 家，与“中国……超过美国”一致。",
            "en": f"{p.firms_cn_us} for China and the US together and {p.firms_cn} for China imply {p.firms_us} for the US, consistent with “China … more than the US”.",
        }
    ]


def ledger_value(sec: pd.DataFrame, claim_id: str, column: str = "value") -> float | str:
    """The value of one ledger claim of the section (as a number), or another of its columns (e.g. quote)."""
    hit = sec.loc[sec["claim_id"] == claim_id, column]
    if len(hit) != 1:
        raise ValueError(f"claim {claim_id!r} is not one claim of the section")
    return float(hit.iloc[0]) if column == "value" else str(hit.iloc[0])


def findings(wide, sums, areas, n_areas, chips, weights, common, plat, release) -> list[dict]:
    """All the section's checks, in the report's order."""
    itif = itif_findings(wide, sums, areas, n_areas, release)
    return itif + chip_findings(chips, weights, common) + platform_findings(plat)
