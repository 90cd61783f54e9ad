"""Market-size, growth and financing checks for the 2022 China AI industry report (seed 003, chapter
china_market; the financing statements are in `financing`; the global_market chapter is in `global_market`,
which shares the display helpers at the top):
what the stated figures imply, recomputed with `ai_industry.growth`, and the charts that show them. Values in the unit of the dataset (亿美元 = 100m USD, 亿元 = 100m CNY) unless a
function says otherwise; rates in percent a year."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ai_industry.catalog import terms
from ai_industry.chapters.china_ai_industry_2022.financing import (  # noqa: F401 (the notebook's mc.financing_chart)
    events_constant_growth,
    financing,
    financing_chart,
)
from ai_industry.methods import distributions as dist
from ai_industry.methods import growth, stats
from ai_industry.methods.growth import previous_from_growth, series_check  # noqa: F401 (used by cities)
from ai_industry.methods.rounding import implied_total, value_of  # noqa: F401 (used by cities)
from ai_industry.present.fonts import setup_matplotlib
from ai_industry.present.labels import (  # noqa: F401 (chapter-facing names shared with cities and the notebooks)
    PERIODS,
    QUALIFIERS,
    UNIT_LABELS,
    UNITS,
    indicator_label,
    indicator_table,
    measure_rows,
    qualifier_label,
    unit,
    unit_label,
)


def endpoints(df: pd.DataFrame, value: str, year: str = "year") -> tuple[int, float, int, float]:
    """(first year, its value, last year, its value) of a yearly table."""
    s = df.sort_values(year)
    return int(s[year].iloc[0]), float(s[value].iloc[0]), int(s[year].iloc[-1]), float(s[value].iloc[-1])


# working translations of the seed's core-technology categories (ours; catalog/terms.csv, group core_technology)
TECH_EN: dict[str, str] = {k: en for k, (_zh, en) in terms.group("core_technology").items()}


def tech_label(name: str, lang: str) -> str:
    """A core-technology category in `lang` (the seed's name in zh; our translation in en, else the name)."""
    return name if lang == "zh" else TECH_EN.get(name, name)


# ---- China's market series -----------------------------------------------------------------------------------
def series_table(chk: dict, lang: str, factor: float = 1.0, unit_text: str = "") -> pd.DataFrame:
    """`series_check` as a table of measures (`measure_rows`: measure, value, unit, shown, basis) in `lang`,
    amounts times `factor` in `unit_text`."""
    zh = lang == "zh"
    st, re_ = ("报告所述", "复算") if zh else ("as stated", "recomputed")
    y0, y1 = chk["start_year"], chk["end_year"]
    pct, amt = unit_label("pct", lang), "{:,.1f} {unit}"
    rows = [
        (f"{y0}年市场规模" if zh else f"Market size {y0}", chk["start"] * factor, unit_text, amt, st),
        (f"{y1}年市场规模" if zh else f"Market size {y1}", chk["end"] * factor, unit_text, amt, st),
        ("年复合增长率" if zh else "Compound annual growth", chk["stated_pct"], pct, "{:.2f}{unit}", st),
        (
            f"由两端点复算的年复合增长率（{chk['years']}年）"
            if zh
            else f"Compound growth from the end points ({chk['years']} years)",
            chk["implied_pct"],
            pct,
            "{:.2f}{unit}",
            re_,
        ),
        (
            "差（复算 − 所述，百分点）" if zh else "Difference (recomputed − stated, pp)",
            chk["diff_pp"],
            unit_label("pp", lang),
            "{:+.2f}",
            re_,
        ),
        (
            f"按所述增长率的{y1}年规模" if zh else f"{y1} value at the stated rate",
            chk["end_at_stated"] * factor,
            unit_text,
            amt,
            re_,
        ),
        (
            f"所述增长率所需的{y0}年规模" if zh else f"{y0} value the stated rate needs",
            chk["start_for_stated"] * factor,
            unit_text,
            amt,
            re_,
        ),
        (
            "两端点给出所述增长率所需年数" if zh else "Years over which the end points give the stated rate",
            chk["years_for_stated"],
            unit_label("years", lang),
            "{:.2f}",
            re_,
        ),
    ]
    return measure_rows(rows)


def scenario_paths(start_year: int, start: float, scenarios: Mapping[str, float], end_year: int) -> pd.DataFrame:
    """Compound paths per named scenario (name -> rate, percent a year): columns scenario, rate_pct, year, value."""
    frames = [
        growth.compound_path(start_year, start, r, end_year).assign(scenario=name, rate_pct=float(r))
        for name, r in scenarios.items()
    ]
    return pd.concat(frames, ignore_index=True)[["scenario", "rate_pct", "year", "value"]]


def _draw_paths(ax, lines: pd.DataFrame, factor: float) -> None:
    """The compound path of each scenario, its end value written at its end."""
    styles = ["-", "--", ":", "-."]
    colors = sns.color_palette("crest", n_colors=max(lines.scenario.nunique(), 2) + 1)[1:]
    for i, (name, g) in enumerate(lines.groupby("scenario", sort=False)):
        ax.plot(g.year, g.value * factor, styles[i % len(styles)], color=colors[i], linewidth=1.5, label=name)
        end = g.iloc[-1]
        inner = end.year < lines.year.max()
        ax.annotate(
            f"{end.value * factor:,.0f}",
            (end.year, end.value * factor),
            xytext=(-4, 6) if inner else (4, 0),
            textcoords="offset points",
            va="bottom" if inner else "center",
            ha="right" if inner else "left",
            fontsize=8,
            color=colors[i],
        )


def _draw_points(ax, points: pd.DataFrame, factor: float) -> None:
    """The stated points, each with its label."""
    ax.scatter(points.year, points.value * factor, color="#9a3412", zorder=5, s=40)
    for rec in points.to_dict("records"):
        ax.annotate(
            rec["label"],
            (rec["year"], rec["value"] * factor),
            xytext=(6, -12),
            textcoords="offset points",
            fontsize=8,
            color="#9a3412",
        )


def _log_value_axis(ax, points: pd.DataFrame, lines: pd.DataFrame, factor: float) -> None:
    """A log value axis with plain 1-2-5 ticks spanning the points and paths."""
    ax.set_yscale("log")
    vals = np.concatenate([points.value.to_numpy(float), lines.value.to_numpy(float)]) * factor
    ticks = [m * 10**e for e in range(-2, 8) for m in (1, 2, 5)]
    ax.set_yticks([t for t in ticks if vals.min() / 1.5 <= t <= vals.max() * 1.5])
    ax.yaxis.set_major_formatter(plt.matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
    ax.yaxis.set_minor_formatter(plt.matplotlib.ticker.NullFormatter())


def series_chart(
    points: pd.DataFrame,
    lines: pd.DataFrame,
    model_from: int,
    labels: Mapping[str, str],
    factor: float = 1.0,
    logy: bool = True,
) -> plt.Figure:
    """The stated points (year, value, label) with compound paths (`lines`: scenario, year, value); years
    after `model_from` are shaded as model results. `labels`: xlabel, ylabel, model. Values times `factor`."""
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    _draw_paths(ax, lines, factor)
    _draw_points(ax, points, factor)
    right = int(lines.year.max())
    ax.axvspan(model_from, right + 0.9, color="#eceff1", zorder=0)
    ax.text(
        model_from + 0.1,
        0.97,
        labels["model"],
        transform=ax.get_xaxis_transform(),
        va="top",
        fontsize=8,
        color="#57606a",
    )
    if logy:
        _log_value_axis(ax, points, lines, factor)
    ax.set_xlim(int(points.year.min()) - 0.4, right + 0.9)
    ax.set_xticks(range(int(points.year.min()), right + 1))
    ax.set_xlabel(labels["xlabel"])
    ax.set_ylabel(labels["ylabel"])
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    sns.despine(ax=ax)
    fig.tight_layout()
    return fig


def market_scenarios(chk: dict, to_year: int, extra_rates: Sequence[float], lang: str) -> pd.DataFrame:
    """Compound paths for the market chart (scenario names in `lang`): the path through both end points at the
    rate they imply, continued to `to_year`; the stated rate from the start point to the end year (where it
    misses the stated end value); and each of `extra_rates` from the end point to `to_year`.
    Columns scenario, rate_pct, year, value."""
    zh = lang == "zh"
    y0, y1 = chk["start_year"], chk["end_year"]
    parts = [
        scenario_paths(
            y0,
            chk["start"],
            {
                (
                    f"两端点隐含增长率 {chk['implied_pct']:.2f}%"
                    if zh
                    else f"rate the end points imply, {chk['implied_pct']:.2f}%"
                ): chk["implied_pct"]
            },
            to_year,
        ),
        scenario_paths(
            y0,
            chk["start"],
            {
                (
                    f"报告所述增长率 {chk['stated_pct']:.2f}%（自{y0}年起）"
                    if zh
                    else f"stated rate {chk['stated_pct']:.2f}% (from {y0})"
                ): chk["stated_pct"]
            },
            y1,
        ),
    ]
    for r in extra_rates:
        parts.append(
            scenario_paths(
                y1, chk["end"], {(f"{y1}年后年增长 {r:g}%" if zh else f"{r:g}% a year after {y1}"): r}, to_year
            )
        )
    return pd.concat(parts, ignore_index=True)


def projection_table(chk: dict, to_year: int, extra_rates: Sequence[float], lang: str) -> pd.DataFrame:
    """The value in `to_year` under constant growth from the last stated point, for the rate the end points
    imply, the stated rate, and `extra_rates`. Columns scenario, rate_pct, base_year, base, year, value, multiple."""
    zh = lang == "zh"
    named = {
        ("两端点隐含增长率" if zh else "rate the end points imply"): chk["implied_pct"],
        ("报告所述增长率" if zh else "stated rate"): chk["stated_pct"],
    }
    named.update({(f"假定增长率 {r:g}%" if zh else f"assumed {r:g}%"): float(r) for r in extra_rates})
    n = to_year - chk["end_year"]
    rows = [
        {
            "scenario": k,
            "rate_pct": r,
            "base_year": chk["end_year"],
            "base": chk["end"],
            "year": to_year,
            "value": growth.project(chk["end"], r, n),
            "multiple": growth.project(1.0, r, n),
        }
        for k, r in named.items()
    ]
    return pd.DataFrame(rows)


def trend_chart(trend: growth.Trend, labels: Mapping[str, str], factor: float = 1.0) -> plt.Figure:
    """A fitted log-linear trend: the data points, the fitted median line, and for the prediction years the
    confidence band of the median (dark) and the prediction band of one new year (light). `labels`: xlabel,
    ylabel, data, fit, ci, pi. Values times `factor`; log scale."""
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    pr, fit = trend.prediction, trend.fitted
    c = sns.color_palette("crest")
    ax.fill_between(pr.year, pr.obs_low * factor, pr.obs_high * factor, color=c[1], alpha=0.25, label=labels["pi"])
    ax.fill_between(pr.year, pr.mean_low * factor, pr.mean_high * factor, color=c[3], alpha=0.35, label=labels["ci"])
    ax.plot(
        list(fit.year) + list(pr.year),
        list(fit.fitted * factor) + list(pr["median"] * factor),
        color=c[4],
        linewidth=1.6,
        label=labels["fit"],
    )
    ax.scatter(fit.year, fit.value * factor, color="#9a3412", zorder=5, s=36, label=labels["data"])
    ax.set_yscale("log")
    ax.set_xlabel(labels["xlabel"])
    ax.set_ylabel(labels["ylabel"])
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    sns.despine(ax=ax)
    fig.tight_layout()
    return fig


def china_findings(
    chk: dict, amount: float, amount_growth: float, usd_value: float, cny_per_usd: float, lang_unit: tuple[str, float]
) -> list[dict[str, str]]:
    """Findings (kind, zh, en) of the China-market chapter besides the ledger's: why the stated CAGR might
    differ, the two 2021 market figures, and what the financing statements allow."""
    u, f = lang_unit
    cny = usd_value * cny_per_usd
    return [
        {
            "kind": "note",
            "zh": (
                f"报告所述 {chk['stated_pct']:.2f}% 与两端点不符：若两端点无误，该增长率对应约 {chk['years_for_stated']:.2f} 年；"
                f"若增长率与 {chk['end_year']} 年数值无误，{chk['start_year']} 年应为约 {chk['start_for_stated']:,.0f} 亿元。"
                f"原图的年度数值未随文本保存，无法判断是哪一个数有误。"
            ),
            "en": (
                f"The stated {chk['stated_pct']:.2f}% does not follow from the end points: with both end points right it "
                f"corresponds to {chk['years_for_stated']:.2f} years; with the rate and the {chk['end_year']} value right, "
                f"{chk['start_year']} would be about {chk['start_for_stated'] * f:,.1f} {u}. The yearly values of the original "
                f"chart did not survive in the text, so which number is wrong cannot be told."
            ),
        },
        {
            "kind": "note",
            "zh": (
                f"同为 {chk['end_year']} 年的我国人工智能市场，前言给出收支规模 {usd_value:g} 亿美元（按每美元 {cny_per_usd:g} 元的"
                f"假定汇率约 {cny:,.0f} 亿元），正文给出市场规模 {chk['end']:,.0f} 亿元，后者为前者的 {chk['end'] / cny:.1f} 倍；"
                f"口径不同（IDC 支出口径与市场规模），不宜互相比较。"
            ),
            "en": (
                f"For China's {chk['end_year']} AI market the preface gives {usd_value:g} (100m USD, 收支规模; about "
                f"{cny * f:,.1f} {u} at an assumed {cny_per_usd:g} CNY per USD) and the market page {chk['end'] * f:,.1f} {u}, "
                f"{chk['end'] / cny:.1f} times as much: different scopes (IDC spending vs market size), not comparable."
            ),
        },
        {
            "kind": "limitation",
            "zh": (
                f"投融资图的逐年数值不在文本中：金额只知 {chk['end_year']} 年 {amount:,.2f} 亿元及其较上年增长 {amount_growth:g}%，"
                f"事件数只知五年平均与首尾变化，逐年事件数只能在“恒定增长”假设下示意，不是数据。"
            ),
            "en": (
                f"The yearly values of the financing chart are not in the text: for amounts only {chk['end_year']} "
                f"({amount * f:,.1f} {u}) and its growth on the year before ({amount_growth:g}%) are known; for events only the "
                f"five-year average and the first-to-last change, so yearly events can only be illustrated under a "
                f"constant-growth assumption — not data."
            ),
        },
    ]


# ---- the report's figures that cannot be redrawn ---------------------------------------------------------------
FIGURES_FILE = Path(__file__).with_name("report_figures.csv")


def report_figures(path: Path = FIGURES_FILE) -> dict[str, list[tuple[int, str, str, str, str, str]]]:
    """The report's figures per chapter from `report_figures.csv`: chapter -> (seed line, title zh, title en,
    status, why zh, why en); status: redrawn | partial | not."""
    out: dict[str, list[tuple[int, str, str, str, str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            out.setdefault(r["chapter"], []).append(
                (int(r["seed_line"]), r["title_zh"], r["title_en"], r["status"], r["why_zh"], r["why_en"])
            )
    return out


FIGURES = report_figures()
FIGURE_STATUS = terms.group("figure_status")  # status -> (zh, en)


def figures_table(chapter: str, lang: str, figures: Mapping[str, list] | None = None) -> pd.DataFrame:
    """The report's figures for `chapter`: seed line, title, what happens to it here, and why (in `lang`)."""
    i = 0 if lang == "zh" else 1
    rows = [
        {"seed_line": ln, "figure": (zh, en)[i], "status": FIGURE_STATUS[st][i], "why": (wz, we)[i]}
        for ln, zh, en, st, wz, we in sorted((figures or FIGURES)[chapter])
    ]
    return pd.DataFrame(rows, columns=["seed_line", "figure", "status", "why"])


# ---- the section: everything the china_market notebook shows -----------------------------------------------------
@dataclass
class ChinaMarket:
    """What the china_market chapter shows, computed once; the notebook only words and draws it. Values in
    `shown` are in the display unit (`unit`, times `factor`), so the zh and en sentences format the same numbers."""

    unit: str
    factor: float
    chk: dict  # `series_check` of the market series against the stated CAGR (dataset unit)
    shown: dict  # start, end, end_at_stated, start_for_stated in the display unit
    series_table: pd.DataFrame
    trend: growth.Trend | None  # the log-linear trend with intervals, when the series has three or more points
    level: float  # confidence level of the trend intervals (1 - alpha)
    points: pd.DataFrame  # stated points for the chart: year, value, label
    lines: pd.DataFrame  # compound paths: scenario, rate_pct, year, value
    projection: pd.DataFrame  # `projection_table` in the display unit
    tech: dict = field(default_factory=dict)  # the core-technology split (see `core_technologies`)
    financing: dict = field(default_factory=dict)  # the financing statements (see `financing`)
    beijing_event_share: float = float("nan")
    findings: list = field(default_factory=list)


def core_technologies(tech: pd.DataFrame, indicators: pd.DataFrame, lang: str) -> dict:
    """The core-technology split in rank order, with labels in `lang`, its stated total and unnamed remainder,
    the HHI bounds, and the three metro regions' stated enterprise share."""
    tech = tech.sort_values("rank")
    lo, hi = stats.hhi_bounds(tech.share_pct)
    return {
        "frame": tech,
        "labels": [tech_label(t, lang) for t in tech.technology],
        "n": len(tech),
        "total": tech.share_pct.sum(),
        "rest": dist.remainder(tech),
        "hhi_low": lo,
        "hhi_high": hi,
        "top": tech_label(tech.technology.iloc[0], lang),
        "top_zh": tech.technology.iloc[0],
        "top_share": tech.share_pct.iloc[0],
        "others_share": tech.share_pct.iloc[1:].sum(),
        "three_clusters": value_of(indicators, indicator="three_clusters_enterprise_share"),
    }


def china_market(
    size: pd.DataFrame,
    indicators: pd.DataFrame,
    tech: pd.DataFrame,
    city: pd.DataFrame,
    lang: str,
    projection_year: int,
    extra_rates: Sequence[float],
    alpha: float,
    cny_per_usd: float,
) -> ChinaMarket:
    """The china_market chapter computed: the market series checked against the stated CAGR, the trend (three
    or more points) or the compound paths, the projection, the core-technology split and the financing."""
    ulab, uf = unit("100m_cny", lang)
    chk = series_check(size, value_of(indicators, indicator="ai_market_size_cagr"))
    trend = None
    if chk["points"] >= 3:
        trend = growth.loglinear_trend(
            size.year, size.market_100m_cny, list(range(chk["end_year"] + 1, projection_year + 1)), alpha=alpha
        )
    points = size.assign(
        value=size.market_100m_cny, label=[f"{y}: {v * uf:,.1f}" for y, v in zip(size.year, size.market_100m_cny)]
    )
    proj = projection_table(chk, projection_year, extra_rates, lang)
    fin = financing(indicators, lang, uf, ulab)
    beijing = city[(city.city == "北京") & (city.seed_line == 322)]
    return ChinaMarket(
        unit=ulab,
        factor=uf,
        chk=chk,
        shown={k: chk[k] * uf for k in ("start", "end", "end_at_stated", "start_for_stated")},
        series_table=series_table(chk, lang, factor=uf, unit_text=ulab),
        trend=trend,
        level=1 - alpha,
        points=points,
        lines=market_scenarios(chk, projection_year, extra_rates, lang),
        projection=proj.assign(base=proj.base * uf, value=proj.value * uf),
        tech=core_technologies(tech, indicators, lang),
        financing=fin,
        beijing_event_share=beijing.value.iloc[0],
        findings=china_findings(
            chk,
            fin["amount"],
            fin["amount_growth"],
            value_of(indicators, indicator="ai_market_revenue_expenditure"),
            cny_per_usd,
            (ulab, uf),
        ),
    )
