"""The Guangzhou–Shenzhen report's (seed 000) published counts and shares, recomputed: totals that count/share
pairs imply, earlier-period counts that growth multiples imply, whole-number splits that rounded shares allow,
a revealed specialisation index of IPC subclasses within the city pair, and partner shares of co-applied patents.

Rounding convention (`ai_industry.methods.rounding`, as in the audit): a printed value stands for the interval of half a unit of its
last printed decimal around it; whole counts are exact. Nothing here invents the unreported part of a
distribution: where only the top of it is published, the rest is returned as one "others / not reported" row.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ai_industry.catalog import printed, terms
from ai_industry.methods.growth import cagr_of_multiple
from ai_industry.methods.rounding import (  # noqa: F401 (half_unit, implied_total, whole_numbers: this module's API)
    consistent_counts,
    half_unit,
    implied_total,
    implied_total_bounds,
    whole_numbers,
    within_half_unit,
)
from ai_industry.paths import raw_dir
from ai_industry.present.charts import PALETTE, REMAINDER_COLOR
from ai_industry.present.fonts import setup_matplotlib

REST = "__rest__"  # key of the "others / not reported" row


# ---- rounding ------------------------------------------------------------------------------------------
def decimals_of(value: float) -> int:
    """Decimals of a value as the shortest text that gives it back (63.6 -> 1, 75.0 -> 0); trailing zeros of the
    printed original (18.20) are not recoverable from a float, so pass the printed decimals where known."""
    text = repr(float(value)).rstrip("0").rstrip(".")
    return len(text.split(".", 1)[1]) if "." in text else 0


# ---- totals implied by count/share pairs -------------------------------------------------------------------
def implied_totals(
    df: pd.DataFrame, by: str, count: str = "patents_count", share: str = "share_pct", decimals: int = 2
) -> pd.DataFrame:
    """Per group (e.g. city) of a top-n table: rows listed, their summed count and share (%), the pooled implied
    total 100·Σcount/Σshare, the range of the row-wise totals 100·count/share, the interval of totals that every
    row's rounding allows (intersection, NaN if empty) and how many whole totals lie in it (patents)."""
    rows = []
    for key, g in df.groupby(by, sort=False):
        n = g[count].astype(float).to_numpy()
        s = g[share].astype(float).to_numpy()
        each = 100.0 * n / s
        bounds = [implied_total_bounds(a, b, decimals) for a, b in zip(n, s)]
        lo, hi = max(b[0] for b in bounds), min(b[1] for b in bounds)
        ints = whole_numbers(lo, hi) if lo <= hi else []
        rows.append(
            {
                by: key,
                "rows": len(g),
                "listed_count": int(n.sum()),
                "listed_share_pct": round(float(s.sum()), 10),
                "pooled_total": 100.0 * n.sum() / s.sum(),
                "row_total_min": float(each.min()),
                "row_total_max": float(each.max()),
                "total_low": lo if lo <= hi else float("nan"),
                "total_high": hi if lo <= hi else float("nan"),
                "whole_totals": len(ints),
                "whole_total_min": ints[0] if ints else None,
                "whole_total_max": ints[-1] if ints else None,
            }
        )
    return pd.DataFrame(rows)


def share_of_stated_total(
    df: pd.DataFrame, stated: Mapping[str, float], by: str = "city", count: str = "patents_count"
) -> pd.Series:
    """The share (%) each row's count would have of another stated total of its group: 100 · count / stated."""
    return 100.0 * df[count].astype(float) / df[by].map(stated).astype(float)


# ---- growth multiples ------------------------------------------------------------------------------------
def earlier_count(count: float, multiple: float) -> float:
    """The earlier period's count that a later count and its growth multiple imply: count / multiple."""
    return float(count) / float(multiple)


def earlier_count_bounds(count: float, multiple: float, decimals: int) -> tuple[float, float]:
    """Smallest and largest earlier count for which count / earlier rounds to the printed multiple."""
    h = half_unit(decimals)
    return float(count) / (multiple + h), float(count) / (multiple - h)


def annualised_growth_pct(multiple: float, years: int = 5) -> float:
    """Constant yearly growth (%) under which a total over `years` years is `multiple` times the total over the
    `years` years before: 100 · (multiple^(1/years) − 1) (each year of the later period is the same year of the
    earlier one times (1+g)^years, so the ratio of the two sums is exactly that)."""
    if multiple <= 0 or years < 1:
        raise ValueError("multiple must be positive and years at least 1")
    return cagr_of_multiple(float(multiple), years)


def growth_table(df: pd.DataFrame, decimals: int = 2, years: int = 5) -> pd.DataFrame:
    """Per region of the published patent indicators (rows patents_2016_2020 and multiple_vs_2011_2015): the
    later count, the multiple, the implied earlier count with its rounding interval, the whole earlier counts
    that reproduce the printed multiple, and the equivalent constant yearly growth (%)."""
    wide = df.pivot_table(index="region", columns="indicator", values="value", aggfunc="first")
    wide = wide.dropna(subset=["patents_2016_2020", "multiple_vs_2011_2015"])
    order = [r for r in df["region"].drop_duplicates() if r in wide.index]
    rows = []
    for region in order:
        n, m = float(wide.loc[region, "patents_2016_2020"]), float(wide.loc[region, "multiple_vs_2011_2015"])
        lo, hi = earlier_count_bounds(n, m, decimals)
        ints = [k for k in whole_numbers(lo, hi) if within_half_unit(n / k - m, decimals)]
        rows.append(
            {
                "region": region,
                "patents_later": int(n),
                "multiple": m,
                "earlier_implied": earlier_count(n, m),
                "earlier_low": lo,
                "earlier_high": hi,
                "earlier_whole": ", ".join(f"{k:,}" for k in ints),
                "earlier_whole_n": len(ints),
                "increase": n - earlier_count(n, m),
                "annual_growth_pct": annualised_growth_pct(m, years),
            }
        )
    return pd.DataFrame(rows)


# ---- whole-number splits ---------------------------------------------------------------------------------
def consistent_split(total: int, shares_pct: Sequence[float], decimals: int) -> list[tuple[int, ...]]:
    """Every split of `total` into whole counts, one per printed share, that reproduces each share and sums to
    `total` (a complete distribution)."""
    options = [consistent_counts(total, s, decimals) for s in shares_pct]
    return [combo for combo in itertools.product(*options) if sum(combo) == total]


def platform_totals(
    df: pd.DataFrame, pair: str = "广州和深圳", cities: Sequence[str] = ("广州", "深圳")
) -> pd.DataFrame:
    """Per platform type with a pair share (%) of the provincial total: the two cities' summed count, the implied
    provincial total 100·count/share, its rounding interval (decimals read from the value) and the whole totals in
    it (number of platforms or parks)."""
    rows = []
    for ptype, g in df.groupby("platform_type", sort=False):
        pct = g[(g["scope"] == pair) & (g["unit"] == "pct")]
        cnt = g[g["scope"].isin(cities) & (g["unit"] == "count")]
        if pct.empty or len(cnt) != len(cities):
            continue
        share, part = float(pct["value"].iloc[0]), float(cnt["value"].sum())
        d = decimals_of(share)
        lo, hi = implied_total_bounds(part, share, d)
        ints = whole_numbers(lo, hi)
        rows.append(
            {
                "platform_type": ptype,
                "pair_count": int(part),
                "share_pct": share,
                "share_decimals": d,
                "implied_total": implied_total(part, share),
                "total_low": lo,
                "total_high": hi,
                "whole_totals": ", ".join(map(str, ints)),
                "rest_of_province": ints[0] - int(part) if len(ints) == 1 else None,
            }
        )
    return pd.DataFrame(rows)


# ---- revealed specialisation ------------------------------------------------------------------------------
def revealed_specialisation(
    df: pd.DataFrame,
    totals: Mapping[str, float],
    by: str = "city",
    key: str = "field",
    count: str = "patents_count",
    with_rest: bool = True,
) -> pd.DataFrame:
    """Revealed specialisation index within a group of units (here the two cities), per category (IPC subclass):
    RSI = (unit's count of the category / unit's total) / (group's count of the category / group's total);
    shares in %, RSI dimensionless (1 = the group's average, >1 specialised). With `with_rest`, the part of each
    total outside the listed categories is one more category, key REST. Also the symmetric form
    RSSI = (RSI − 1)/(RSI + 1) in [−1, 1]."""
    data = df[[by, key, count]].copy()
    data[count] = data[count].astype(float)
    if with_rest:
        rest = data.groupby(by, sort=False)[count].sum()
        extra = pd.DataFrame({by: rest.index, key: REST, count: [float(totals[u]) - v for u, v in rest.items()]})
        data = pd.concat([data, extra], ignore_index=True)
    grand = float(sum(totals[u] for u in data[by].unique()))
    cat = data.groupby(key, sort=False)[count].sum()
    data["unit_share_pct"] = 100.0 * data[count] / data[by].map(totals).astype(float)
    data["group_share_pct"] = 100.0 * data[key].map(cat) / grand
    data["rsi"] = data["unit_share_pct"] / data["group_share_pct"]
    data["rssi"] = (data["rsi"] - 1.0) / (data["rsi"] + 1.0)
    return data.rename(columns={count: "count"})


def rsi_spread(df: pd.DataFrame, low: Mapping[str, float], high: Mapping[str, float], **kw) -> float:
    """Largest change of any RSI when each unit's total moves anywhere between `low` and `high` (the corners of
    the box suffice: RSI is monotone in each total) relative to the RSI at the midpoints (dimensionless)."""
    mid = {u: (low[u] + high[u]) / 2 for u in low}
    base = revealed_specialisation(df, mid, **kw)["rsi"].to_numpy()
    units = list(low)
    spread = 0.0
    for corner in itertools.product(*[(low[u], high[u]) for u in units]):
        got = revealed_specialisation(df, dict(zip(units, corner)), **kw)["rsi"].to_numpy()
        spread = max(spread, float(np.max(np.abs(got - base))))
    return spread


# ---- IPC subclasses --------------------------------------------------------------------------------------
def ipc_reference() -> pd.DataFrame:
    """The typed IPC subclass titles (data/raw/reference/ipc_subclasses.csv): subclass, title_zh, title_en, …"""
    return pd.read_csv(raw_dir() / "reference" / "ipc_subclasses.csv", dtype=str, keep_default_na=False)


def ipc_code(field: str, ref: pd.DataFrame) -> str:
    """The IPC subclass whose Chinese title the seed's field label is: the label without parenthesised remarks
    equals the title or its first ；-separated part(s). Raises if not exactly one subclass matches."""
    core = re.sub(r"[（(][^）)]*[）)]", "", field).strip()
    hits = [r.subclass for r in ref.itertuples() if r.title_zh == core or r.title_zh.startswith(core + "；")]
    if len(hits) != 1:
        raise ValueError(f"IPC field {field!r} matches {len(hits)} subclasses ({hits}), not 1")
    return hits[0]


def short_label(title: str, max_len: int) -> str:
    """The first part of a long title (up to the first ；/; or （), cut to `max_len` characters with an ellipsis."""
    head = re.split(r"[；;（(]", title, maxsplit=1)[0].strip().rstrip(",")
    return head if len(head) <= max_len else head[: max_len - 1].rstrip() + "…"


def table1_wide(df: pd.DataFrame, ref: pd.DataFrame, cities: Sequence[str]) -> pd.DataFrame:
    """Table 1 as printed (one row per field, count / share / rank per city) with the IPC subclass; columns
    ipc, field, field_en, then <city>_count, <city>_share_pct, <city>_rank for each city (keys as given)."""
    first = df.drop_duplicates("field")[["field", "field_en"]].reset_index(drop=True)
    first.insert(0, "ipc", [ipc_code(f, ref) for f in first["field"]])
    for i, c in enumerate(cities):
        part = df[df["city"] == c].set_index("field")
        first[f"c{i}_count"] = first["field"].map(part["patents_count"]).astype(int)
        first[f"c{i}_share_pct"] = first["field"].map(part["share_pct"]).astype(float)
        first[f"c{i}_rank"] = first["field"].map(part["rank"]).astype(int)
    return first


# ---- co-applied patents ----------------------------------------------------------------------------------
def partner_shares(df: pd.DataFrame, decimals: int = 2) -> pd.DataFrame:
    """Each partner city's share (%) of the first-applicant city's co-applied patents recomputed from the counts,
    next to the printed share where there is one: difference (pp) and status reproduced | discrepancy | not
    stated (within half a unit of the printed last decimal)."""
    out = df.copy()
    out["share_recomputed_pct"] = (
        100.0 * out["patents_count"].astype(float) / out["first_city_total_count"].astype(float)
    )
    printed = pd.to_numeric(out["share_pct"], errors="coerce").astype("float64")
    out["diff_pp"] = out["share_recomputed_pct"].astype("float64") - printed
    ok = within_half_unit(out["diff_pp"], decimals).to_numpy(dtype=bool)
    out["status"] = np.where(printed.isna().to_numpy(), "not stated", np.where(ok, "reproduced", "discrepancy"))
    return out


def partner_remainder(df: pd.DataFrame) -> pd.DataFrame:
    """Per first-applicant city: partners listed, their summed count, the city's total and what the listed
    partners leave of it (count and % — other partners, same-city co-applicants; not additive if a patent has
    partners in several cities)."""
    rows = []
    for city, g in df.groupby("first_applicant_city", sort=False):
        total = int(g["first_city_total_count"].iloc[0])
        listed = int(g["patents_count"].sum())
        rows.append(
            {
                "first_applicant_city": city,
                "partners": len(g),
                "listed_count": listed,
                "total": total,
                "listed_share_pct": 100.0 * listed / total,
                "rest_count": total - listed,
                "rest_share_pct": 100.0 * (total - listed) / total,
            }
        )
    return pd.DataFrame(rows)


def pair_links(df: pd.DataFrame, a: str = "广州", b: str = "深圳") -> dict[str, float]:
    """Co-applied patents between cities a and b from both directions (first applicant in a with a partner in b,
    and the reverse; disjoint because a patent has one first applicant): both counts, their sum, the two cities'
    combined co-application total and the pair's share of it (%)."""
    ab = df[(df["first_applicant_city"] == a) & (df["partner_city"] == b)]
    ba = df[(df["first_applicant_city"] == b) & (df["partner_city"] == a)]
    if len(ab) != 1 or len(ba) != 1:
        raise ValueError(f"need one {a}→{b} and one {b}→{a} row")
    n_ab, n_ba = int(ab["patents_count"].iloc[0]), int(ba["patents_count"].iloc[0])
    total = int(ab["first_city_total_count"].iloc[0]) + int(ba["first_city_total_count"].iloc[0])
    return {
        "a_to_b": n_ab,
        "b_to_a": n_ba,
        "both": n_ab + n_ba,
        "total": total,
        "share_pct": 100.0 * (n_ab + n_ba) / total,
    }


# ---- labels ----------------------------------------------------------------------------------------------
def period_of(indicator: str) -> tuple[int, int]:
    """First and last year named in an indicator id ('patents_2016_2020' -> (2016, 2020))."""
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", indicator)]
    if len(years) != 2:
        raise ValueError(f"{indicator!r} does not name a period of two years")
    return years[0], years[1]


PROPER = {"ai": "AI", "guangdong": "Guangdong", "guangzhou": "Guangzhou", "shenzhen": "Shenzhen", "china": "China"}


def sentence_case(text: str) -> str:
    """The text with its first letter upper-cased ('basic layer' -> 'Basic layer')."""
    return text[:1].upper() + text[1:]


def indicator_label(indicator: str) -> str:
    """An English label from a snake_case indicator id ('share_of_guangdong_backbone_ai_enterprises' ->
    'Share of Guangdong backbone AI enterprises')."""
    return sentence_case(" ".join(PROPER.get(w, w) for w in indicator.split("_")))


def ordinal(n: int) -> str:
    """An English ordinal (1 -> '1st', 2 -> '2nd', 11 -> '11th')."""
    n = int(n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def value_text(value: float, unit: str, qualifier: str | None, lang: str) -> str:
    """A printed value with its qualifier and unit for a table cell: ('超', 974, count) -> '超974' / 'more than 974';
    pct -> '63.6%'; rank -> '第2位' / '2nd'. Wording and Chinese position from the qualifier table
    (catalog/qualifiers.csv); unknown qualifiers are kept in Chinese."""
    q = qualifier if isinstance(qualifier, str) else ""
    if unit == "rank":
        num = f"第{int(value)}位" if lang == "zh" else ordinal(int(value))
    else:
        num = f"{value:,.0f}" if unit == "count" else f"{value:g}"
        num += "%" if unit == "pct" else ""
    if not q:
        return num
    if lang == "zh":
        if "…" in q:
            before, after = q.split("…", 1)
            return f"{before}{num}{after}"
        row = printed.qualifier(q)
        return f"{num}{q}" if row is not None and row.position == "after" else f"{q}{num}"
    en = printed.english(q)
    return f"{en} {num}".strip()


APPLICANT_LABELS = terms.group("gzsz_applicant_indicator")  # indicator -> (zh, en), from catalog/terms.csv


def applicant_label(indicator: str, lang: str) -> str:
    """A short bilingual label of an applicant-structure indicator (the id itself if unknown)."""
    zh, en = APPLICANT_LABELS.get(indicator, (indicator, indicator))
    return zh if lang == "zh" else en


# ---- charts ----------------------------------------------------------------------------------------------
def paired_bars(
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    xlabel: str,
    digits: int = 0,
    ref: float | None = None,
    hatch_last: bool = False,
    width: float = 7.5,
) -> plt.Figure:
    """Horizontal grouped bars, one group per category and one bar per series (e.g. city), each labelled with its
    value; `ref` draws a vertical reference line; `hatch_last` greys and hatches the last category (a remainder)."""
    setup_matplotlib()
    names = list(series)
    k, n = len(names), len(categories)
    colors = sns.color_palette(PALETTE, n_colors=max(k, 2) + 1)[1:][:k]
    h = 0.8 / k
    fig, ax = plt.subplots(figsize=(width, 0.38 * n * k + 1.4))
    vmax = max((float(v) for s in series.values() for v in s if pd.notna(v)), default=1.0)
    for j, name in enumerate(names):
        ys = np.arange(n) + (j - (k - 1) / 2) * h
        vals = [float(v) if pd.notna(v) else 0.0 for v in series[name]]
        bars = ax.barh(ys, vals, height=h * 0.95, color=colors[j], label=name)
        if hatch_last:
            bars[-1].set_facecolor(REMAINDER_COLOR)
            bars[-1].set_hatch("//" if j == 0 else "\\\\")
            bars[-1].set_edgecolor(colors[j])
        for y, v in zip(ys, vals):
            ax.text(v, y, f" {v:,.{digits}f}", va="center", fontsize=8)
    ax.set_yticks(range(n), list(categories))
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, vmax * 1.18)
    if ref is not None:
        ax.axvline(ref, color="#57606a", lw=1, ls="--")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=k, fontsize=8, frameon=False)
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


def stacked_bars(
    categories: Sequence[str],
    parts: Mapping[str, Sequence[float]],
    xlabel: str,
    hatch_last: bool = False,
    width: float = 7.5,
    wrap: int = 28,
) -> plt.Figure:
    """Horizontal stacked bars, one per category, one segment per part (e.g. city), each segment labelled with its
    value; `hatch_last` greys and hatches the last part (a remainder); long category labels wrap at `wrap` chars."""
    import textwrap

    setup_matplotlib()
    names = list(parts)
    colors = list(sns.color_palette(PALETTE, n_colors=max(len(names), 2) + 1)[1:][: len(names)])
    if hatch_last:
        colors[-1] = REMAINDER_COLOR
    fig, ax = plt.subplots(figsize=(width, 0.7 * len(categories) + 1.5))
    left = np.zeros(len(categories))
    for j, name in enumerate(names):
        vals = np.array([float(v) for v in parts[name]])
        bars = ax.barh(range(len(categories)), vals, left=left, color=colors[j], label=name, height=0.6)
        for b, v, x0 in zip(bars, vals, left):
            if hatch_last and j == len(names) - 1:
                b.set_hatch("//")
                b.set_edgecolor("#8c959f")
            if v > 0:
                ax.text(x0 + v / 2, b.get_y() + b.get_height() / 2, f"{v:,.0f}", ha="center", va="center", fontsize=9)
        left = left + vals
    ax.set_yticks(range(len(categories)), [textwrap.fill(c, wrap) for c in categories])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(names), fontsize=8, frameon=False)
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


def panel_bars(
    panels: Sequence[tuple[str, Sequence[str], Sequence[float], float | None]],
    xlabel: str,
    rest_label: str,
    digits: int | None = 2,
    width: float = 7.5,
    wrap: int = 30,
) -> plt.Figure:
    """Panels of horizontal share bars (percent) stacked one above the other on a common axis, each (title, labels,
    values, remainder): the remainder, when given and positive, is a grey hatched bar labelled `rest_label` (never
    split further). Values are labelled with `digits` decimals (None: as short as possible); labels wrap at `wrap`."""
    import textwrap

    setup_matplotlib()
    sizes = [len(p[1]) + (1 if p[3] is not None and p[3] > 1e-9 else 0) for p in panels]
    fig, axes = plt.subplots(
        len(panels),
        1,
        figsize=(width, 0.34 * sum(sizes) + 0.8 * len(panels) + 0.6),
        sharex=True,
        squeeze=False,
        gridspec_kw={"height_ratios": sizes},
    )
    vmax = max(max([float(v) for v in p[2]] + [float(p[3] or 0)]) for p in panels)
    for ax, (title, labels, values, rest) in zip(axes[:, 0], panels):
        names, vals = list(labels), [float(v) for v in values]
        colors = list(sns.color_palette(PALETTE, n_colors=max(len(vals), 1))[::-1])
        if rest is not None and rest > 1e-9:
            names.append(rest_label)
            vals.append(float(rest))
            colors.append(REMAINDER_COLOR)
        bars = ax.barh(range(len(vals)), vals, color=colors)
        if rest is not None and rest > 1e-9:
            bars[-1].set_hatch("//")
            bars[-1].set_edgecolor("#8c959f")
        ax.set_yticks(range(len(vals)), [textwrap.fill(n, wrap) for n in names])
        ax.invert_yaxis()
        ax.set_title(title, fontsize=10, loc="left")
        ax.set_xlim(0, vmax * 1.15)
        for i, v in enumerate(vals):
            ax.text(v, i, f" {v:g}" if digits is None else f" {v:.{digits}f}", va="center", fontsize=8)
        sns.despine(ax=ax, left=True)
    axes[-1, 0].set_xlabel(xlabel)
    fig.tight_layout()
    return fig
