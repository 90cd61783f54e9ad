"""The global AI market chapter of the 2022 China AI industry report (seed 003, chapter global_market): the
report's projection from IDC's world market recomputed with `ai_industry.growth`, its sensitivity to the growth
rate, the stated regional and product splits, and China's share. Values in the unit of the dataset (亿美元 =
100m USD) unless a function says otherwise; rates in percent a year."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ai_industry.chapters.china_ai_industry_2022.china_market import (
    FIGURE_STATUS,
    endpoints,
    figures_table,
    indicator_table,  # noqa: F401 (for the notebook)
    qualifier_label,
    unit,
    value_of,
)
from ai_industry.methods import distributions as dist
from ai_industry.methods import growth
from ai_industry.methods.rounding import implied_total
from ai_industry.present import charts
from ai_industry.present.fonts import setup_matplotlib
from ai_industry.present.labels import measure_rows, unit_label


# ---- the global market projection ------------------------------------------------------------------------
def forecast_check(start_year: int, start: float, end_year: int, target: float, assumed_pct: float) -> dict:
    """The report's projection recomputed: growth the target requires (percent a year), the value the assumed
    rate gives at `end_year`, and the year the assumed rate reaches the target (fractional)."""
    years = end_year - start_year
    projected = growth.project(start, assumed_pct, years)
    return {
        "years": years,
        "implied_pct": growth.implied_growth(start, target, years),
        "projected": projected,
        "projected_minus_target": projected - target,
        "reach_year": start_year + growth.years_to_reach(start, target, assumed_pct),
    }


def forecast_table(
    start_year: int,
    start: float,
    end_year: int,
    target: float,
    assumed_pct: float,
    fc: dict,
    lang: str,
    factor: float = 1.0,
    unit_text: str = "",
) -> pd.DataFrame:
    """The projection recomputed as a table of measures (`measure_rows`) in `lang`, amounts times `factor` in
    `unit_text`; the stated lower bound is shown with its '>'."""
    zh = lang == "zh"
    st, re_ = ("报告所述", "复算") if zh else ("as stated", "recomputed")
    y0, y1, u, pct, amt = start_year, end_year, unit_text, unit_label("pct", lang), "{:,.1f} {unit}"
    a0, a1, proj, diff = (v * factor for v in (start, target, fc["projected"], fc["projected_minus_target"]))
    rows = [
        (f"{y0}年全球市场规模（IDC，报告所述）" if zh else f"World market {y0} (IDC, as stated)", a0, u, amt, st),
        (f"{y1}年规模（报告所述下限）" if zh else f"World market {y1} (stated lower bound)", a1, u, "> " + amt, st),
        (
            "假设的同比增长率（报告所述，近）" if zh else "Assumed yearly growth (as stated, 'nearly')",
            assumed_pct,
            pct,
            "{:g}{unit}",
            st,
        ),
        (
            "达到目标所需的年均增长率（复算）" if zh else "Yearly growth the target requires (recomputed)",
            fc["implied_pct"],
            pct,
            "{:.2f}{unit}",
            re_,
        ),
        (f"按假设增长率推算的{y1}年规模" if zh else f"{y1} value at the assumed rate", proj, u, amt, re_),
        ("推算值减目标" if zh else "Projection minus target", diff, u, "{:+,.1f} {unit}", re_),
        (
            "按假设增长率达到目标的时间" if zh else "When the assumed rate reaches the target",
            fc["reach_year"],
            unit_label("year", lang),
            "{:.1f}",
            re_,
        ),
    ]
    return measure_rows(rows)


def china_share_table(china: dict, idc_year: int, lang: str, factor: float = 1.0, unit_text: str = "") -> pd.DataFrame:
    """China's stated 2021 market and world share, the world market they imply, and IDC's next-year world
    figure grown back one year at the assumed rate (`china`: china, share, implied_global, backcast), as a
    table of measures (`measure_rows`), amounts times `factor` in `unit_text`."""
    zh = lang == "zh"
    st, re_ = ("报告所述", "复算") if zh else ("as stated", "recomputed")
    pct, amt = unit_label("pct", lang), "{:,.1f} {unit}"
    y = idc_year - 1
    rows = [
        (
            f"{y}年中国人工智能市场收支规模（前言）" if zh else f"China's AI market {y} (收支规模, preface)",
            china["china"] * factor,
            unit_text,
            amt,
            st,
        ),
        (
            "占全球市场规模（前言）" if zh else "Share of the world market (preface)",
            china["share"],
            pct,
            "{:g}{unit}",
            st,
        ),
        (
            f"由此隐含的{y}年全球规模" if zh else f"World market {y} this implies",
            china["implied_global"] * factor,
            unit_text,
            amt,
            re_,
        ),
        (
            f"IDC {idc_year}年全球规模按假设增长率倒推至{y}年"
            if zh
            else f"IDC's {idc_year} world figure grown back to {y} at the assumed rate",
            china["backcast"] * factor,
            unit_text,
            amt,
            re_,
        ),
        (
            "二者之比" if zh else "Ratio of the two",
            china["backcast"] / china["implied_global"],
            unit_label("multiple", lang),
            "{:.2f}",
            re_,
        ),
        (
            "中国规模占倒推全球规模的比重" if zh else "China's figure as a share of the grown-back world figure",
            100 * china["china"] / china["backcast"],
            pct,
            "{:.2f}{unit}",
            re_,
        ),
    ]
    return measure_rows(rows)


def split_note(
    names: Sequence[str], qualifiers: Sequence[str], shares: Sequence[float], remainder: float, lang: str
) -> str:
    """The caption note of a stated share split: each share with its qualifier, and what the remainder is."""
    q = ("，" if lang == "zh" else ", ").join(
        f"{n} {qualifier_label(x, lang)} {v:g}%" for n, x, v in zip(names, qualifiers, shares)
    )
    if remainder > 1e-9:
        return (
            f"各占比均为约数（{q}）；灰色斜线条为报告未列出的其余部分（{remainder:g}%），其构成未知。"
            if lang == "zh"
            else f"All shares are approximate ({q}); the grey hatched bar is the {remainder:g}% the report leaves unnamed."
        )
    return (
        f"各占比均为约数（{q}），合计恰为百分之百，是完整的划分。"
        if lang == "zh"
        else f"All shares are approximate ({q}); they sum to exactly one hundred percent, a complete split."
    )


def band_chart(
    start_year: int,
    start: float,
    end_year: int,
    rates: Sequence[float],
    mid_rate: float,
    stated: pd.DataFrame,
    labels: Mapping[str, str],
    factor: float = 1.0,
) -> plt.Figure:
    """Compound paths from (`start_year`, `start`) for the lowest and highest of `rates` (a shaded band) and
    for `mid_rate` (a line), with the report's stated values (`stated`: year, value, label) as points; each
    path's end value is written at `end_year`. `labels`: xlabel, ylabel, band, mid. Values times `factor`."""
    setup_matplotlib()
    lo, hi = min(rates), max(rates)
    p_lo, p_hi, p_mid = (growth.compound_path(start_year, start, r, end_year) for r in (lo, hi, mid_rate))
    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    ax.fill_between(
        p_lo.year,
        p_lo.value * factor,
        p_hi.value * factor,
        color=sns.color_palette("crest")[1],
        alpha=0.25,
        label=labels["band"],
    )
    for p in (p_lo, p_hi):
        ax.plot(p.year, p.value * factor, color=sns.color_palette("crest")[2], linewidth=0.8)
    ax.plot(p_mid.year, p_mid.value * factor, color=sns.color_palette("crest")[4], linewidth=1.8, label=labels["mid"])
    for r, p in ((lo, p_lo), (mid_rate, p_mid), (hi, p_hi)):
        ax.annotate(
            f"{r:g}%: {p.value.iloc[-1] * factor:,.0f}",
            (p.year.iloc[-1], p.value.iloc[-1] * factor),
            xytext=(4, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.scatter(stated.year, stated.value * factor, color="#9a3412", zorder=5, s=36)
    for rec in stated.to_dict("records"):
        first = rec["year"] == start_year
        ax.annotate(
            rec["label"],
            (rec["year"], rec["value"] * factor),
            xytext=(8, -14) if first else (-6, 8),
            textcoords="offset points",
            ha="left" if first else "right",
            fontsize=8,
            color="#9a3412",
        )
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
    ax.set_xlim(start_year - 0.3, end_year + 1.6)
    ax.set_xticks(range(start_year, end_year + 1))
    ax.set_xlabel(labels["xlabel"])
    ax.set_ylabel(labels["ylabel"])
    ax.set_ylim(0, None)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    sns.despine(ax=ax)
    fig.tight_layout()
    return fig


# ---- findings for the chapter boxes --------------------------------------------------------------------------
def global_findings(
    fc: dict,
    assumed: float,
    start: float,
    target: float,
    later_pct: float,
    china: dict,
    factor: float = 1.0,
    unit_text: str = "亿美元",
) -> list[dict[str, str]]:
    """Findings (kind, zh, en) on the global projection: the rate the target requires vs the stated one,
    the two statements of the growth rate, and the world market implied by China's 2021 share. Values are
    shown times `factor` in `unit_text`."""
    f, u = factor, unit_text
    ok = fc["implied_pct"] <= assumed
    ratio = china["backcast"] / china["implied_global"]
    return [
        {
            "kind": "reproduced" if ok else "discrepancy",
            "zh": (
                f"由 {start * f:,.0f} {u}增长到超过 {target * f:,.0f} {u}，{fc['years']} 年间需年均增长 "
                f"{fc['implied_pct']:.2f}%；按报告所说的近 {assumed:g}% 推算，终点为 {fc['projected'] * f:,.0f} {u}，"
                f"比 {target * f:,.0f} 高 {fc['projected_minus_target'] * f:,.0f}，与“超过”一致。"
            ),
            "en": (
                f"Growing from {start * f:,.1f} to over {target * f:,.0f} {u} in {fc['years']} years needs "
                f"{fc['implied_pct']:.2f}% a year; at the stated ~{assumed:g}% the end value is {fc['projected'] * f:,.0f} {u}, "
                f"{fc['projected_minus_target'] * f:,.0f} above {target * f:,.0f}, consistent with 'over'."
            ),
        },
        {
            "kind": "note",
            "zh": (
                f"同一页两次给出增长率：推算用“同比增长近 {assumed:g}%”（略低于），要点中写“未来五年平均增速将超过 "
                f"{later_pct:g}%”（高于）；二者期间不同，限定方向相反，本章以前者为中心、以区间展示敏感性。"
            ),
            "en": (
                f"The page states the growth rate twice: 'nearly {assumed:g}%' for the projection (just below) and "
                f"'over {later_pct:g}% on average in the next five years' (above); the periods differ and the qualifiers "
                f"point opposite ways, so the chapter centres on the first and shows a band."
            ),
        },
        {
            "kind": "note",
            "zh": (
                f"前言称 2021 年我国人工智能市场收支规模 {china['china'] * f:,.1f} {u}、占全球 {china['share']:g}%，"
                f"即全球约 {china['implied_global'] * f:,.0f} {u}；而 IDC 的 2022 年全球规模为 {start * f:,.0f} {u}，"
                f"按近 {assumed:g}% 倒推 2021 年约 {china['backcast'] * f:,.0f} {u}，是前者的 {ratio:.1f} 倍。"
                f"两组数字口径不同，不能混用。"
            ),
            "en": (
                f"The preface puts China's 2021 AI market (收支规模) at {china['china'] * f:,.1f} {u}, "
                f"{china['share']:g}% of the world, i.e. a world market of about {china['implied_global'] * f:,.1f} {u}; "
                f"IDC's 2022 world figure of {start * f:,.1f} {u} grown back at ~{assumed:g}% gives about "
                f"{china['backcast'] * f:,.1f} {u} for 2021, {ratio:.1f} times as much. The two series have different "
                f"scopes and cannot be combined."
            ),
        },
    ]


# ---- the section: everything the global_market notebook shows ----------------------------------------------------
@dataclass
class GlobalMarket:
    """What the global_market chapter shows, computed once; the notebook only words and draws it. `shown` holds
    values in the display unit (`unit`, times `factor`) so that the zh and en sentences format the same numbers."""

    unit: str
    factor: float
    start_year: int
    start: float  # IDC's world market in start_year (dataset unit)
    end_year: int
    target: float  # the report's lower bound for end_year (dataset unit)
    assumed: float  # the stated yearly growth of the projection (percent)
    later: float  # the stated average growth of the next five years (percent)
    fc: dict  # `forecast_check`
    shown: dict  # start, target, projected in the display unit
    projection_table: pd.DataFrame
    rates: np.ndarray  # the growth rates of the sensitivity band
    sensitivity: pd.DataFrame  # rate_pct, value, multiple, vs_target (display unit)
    stated: pd.DataFrame  # the stated points for the band chart: year, value, label
    china: dict  # china, share, implied_global, backcast (dataset unit)
    china_table: pd.DataFrame
    findings: list


def sensitivity_rates(low: float, high: float, step: float) -> np.ndarray:
    """The growth rates from `low` to `high` (inclusive) in steps of `step`, rounded against float drift."""
    return np.round(np.arange(low, high + step / 2, step), 6)


def global_market(
    forecast: pd.DataFrame,
    indicators: pd.DataFrame,
    china_indicators: pd.DataFrame,
    lang: str,
    band_low: float,
    band_high: float,
    band_step: float,
) -> GlobalMarket:
    """The global_market chapter computed: the projection checked, its sensitivity over the band of rates, and
    China's stated share with the world market it implies and IDC's figure grown back one year."""
    ulab, uf = unit("100m_usd", lang)
    y0, v0, y1, v1 = endpoints(forecast, "market_100m_usd")
    assumed = value_of(indicators, indicator="global_ai_market_growth_assumed")
    later = value_of(indicators, indicator="global_ai_market_avg_growth_next_5y")
    fc = forecast_check(y0, v0, y1, v1, assumed)
    rates = sensitivity_rates(band_low, band_high, band_step)
    sens = growth.sensitivity(v0, rates, fc["years"]).assign(vs_target=lambda d: d.value - v1)
    china = {
        "china": value_of(china_indicators, indicator="ai_market_revenue_expenditure"),
        "share": value_of(china_indicators, indicator="ai_market_global_share"),
    }
    china["implied_global"] = implied_total(china["china"], china["share"])
    china["backcast"] = growth.project(v0, assumed, -1)
    return GlobalMarket(
        unit=ulab,
        factor=uf,
        start_year=y0,
        start=v0,
        end_year=y1,
        target=v1,
        assumed=assumed,
        later=later,
        fc=fc,
        shown={"start": v0 * uf, "target": v1 * uf, "projected": fc["projected"] * uf},
        projection_table=forecast_table(y0, v0, y1, v1, assumed, fc, lang, factor=uf, unit_text=ulab),
        rates=rates,
        sensitivity=sens.assign(value=sens.value * uf, vs_target=sens.vs_target * uf),
        stated=forecast.assign(
            value=forecast.market_100m_usd, label=[f"{y0}: {v0 * uf:,.1f}", f"{y1}: > {v1 * uf:,.0f}"]
        ),
        china=china,
        china_table=china_share_table(china, y0, lang, factor=uf, unit_text=ulab),
        findings=global_findings(fc, assumed, v0, v1, later, china, factor=uf, unit_text=ulab),
    )


def share_split(frame: pd.DataFrame, col: str, lang: str, others: str, ylabel: str) -> tuple[plt.Figure, str, dict]:
    """A stated share split (region or product segment, column `col`) as bars with its unnamed remainder, the
    caption note, and its sum and remainder (percent)."""
    frame = frame.sort_values("rank")
    names = list(frame[col if lang == "zh" else f"{col}_en"])
    rest = dist.remainder(frame)
    fig = charts.share_bars(names, frame.share_pct, rest, others, ylabel, digits=0)
    return (
        fig,
        split_note(names, frame.qualifier, frame.share_pct, rest, lang),
        {"sum": frame.share_pct.sum(), "rest": rest},
    )


def talent_table(talent: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The US/China talent multiples with the category and the qualifier in `lang` (columns category, q)."""
    return talent.assign(
        category=talent.talent_category if lang == "zh" else talent.talent_category_en,
        q=talent.qualifier.map(lambda q: qualifier_label(q, lang)),
    )


def report_figures(lang: str) -> tuple[pd.DataFrame, int]:
    """The report's figures of this chapter (`figures_table`) and how many of them cannot be redrawn."""
    figs = figures_table("global_market", lang)
    return figs, int((figs.status == FIGURE_STATUS["not"][0 if lang == "zh" else 1]).sum())
