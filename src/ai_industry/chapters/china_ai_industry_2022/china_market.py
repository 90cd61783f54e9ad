"""Market-size, growth and financing checks for the 2022 China AI industry report (seed 003, chapters
global_market and china_market): what the stated figures imply, recomputed with `ai_industry.growth`, and the
charts that show them. Values in the unit of the dataset (亿美元 = 100m USD, 亿元 = 100m CNY) unless a
function says otherwise; rates in percent a year."""

from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ai_industry.methods import growth
from ai_industry.methods.growth import previous_from_growth, series_check  # noqa: F401 (used by cities)
from ai_industry.methods.rounding import implied_total, value_of  # noqa: F401 (used by cities)
from ai_industry.present.labels import PERIODS, QUALIFIERS, UNIT_LABELS, qualifier_label, unit_label  # noqa: F401
from ai_industry.present.charts import REMAINDER_COLOR
from ai_industry.present.fonts import setup_matplotlib

# label and factor that turn a dataset unit into the unit shown: zh keeps 亿, en shows billions
UNITS: dict[str, dict[str, tuple[str, float]]] = {
    "100m_usd": {"zh": ("亿美元", 1.0), "en": ("US$ bn", 0.1)},
    "100m_cny": {"zh": ("亿元", 1.0), "en": ("CNY bn", 0.1)},
}


def unit(unit_id: str, lang: str) -> tuple[str, float]:
    """(label, factor) to show values stored in `unit_id` in `lang` (亿 in zh, billions in en)."""
    return UNITS[unit_id][lang]


def indicator_label(indicator_id: str) -> str:
    """An English label from a snake_case indicator id ('ai_job_share' -> 'AI job share')."""
    words = indicator_id.split("_")
    fixed = {"ai": "AI", "gdp": "GDP", "pct": "PCT", "rd": "R&D", "hsr": "HSR", "gba": "GBA", "cagr": "CAGR",
             "us": "US", "china": "China", "km2": "km²", "bn": "bn"}
    out = [fixed.get(w, w) for w in words]
    return " ".join(out).replace(" vs ", " vs. ")


def indicator_table(df: pd.DataFrame, lang: str, label_col: str = "indicator_zh") -> pd.DataFrame:
    """Indicator rows (indicator, indicator_zh, period, value, unit, qualifier, seed_line) with display
    columns measure, qualifier_label, unit_label in `lang` (the data columns are kept)."""
    out = df.copy()
    out["measure"] = out[label_col] if lang == "zh" else out["indicator"].map(indicator_label)
    out["qualifier_label"] = out["qualifier"].map(lambda q: qualifier_label(q, lang))
    out["unit_label"] = out["unit"].map(lambda u: unit_label(u, lang))
    out["period"] = out["period"].fillna("").map(lambda p: p if lang == "zh" else PERIODS.get(p, p))
    return out


def endpoints(df: pd.DataFrame, value: str, year: str = "year") -> tuple[int, float, int, float]:
    """(first year, its value, last year, its value) of a yearly table."""
    s = df.sort_values(year)
    return int(s[year].iloc[0]), float(s[value].iloc[0]), int(s[year].iloc[-1]), float(s[value].iloc[-1])


TECH_EN: dict[str, str] = {  # working translations of the seed's core-technology categories (ours)
    "大数据和云计算": "Big data and cloud computing", "硬件": "Hardware", "机器学习": "Machine learning",
    "服务机器人": "Service robots", "物联网": "Internet of Things", "工业机器人": "Industrial robots",
    "语音识别和自然语言处理": "Speech recognition and NLP",
}


def tech_label(name: str, lang: str) -> str:
    """A core-technology category in `lang` (the seed's name in zh; our translation in en, else the name)."""
    return name if lang == "zh" else TECH_EN.get(name, name)


# ---- the global market projection ------------------------------------------------------------------------
def forecast_check(start_year: int, start: float, end_year: int, target: float, assumed_pct: float) -> dict:
    """The report's projection recomputed: growth the target requires (percent a year), the value the assumed
    rate gives at `end_year`, and the year the assumed rate reaches the target (fractional)."""
    years = end_year - start_year
    projected = growth.project(start, assumed_pct, years)
    return {"years": years, "implied_pct": growth.implied_growth(start, target, years),
            "projected": projected, "projected_minus_target": projected - target,
            "reach_year": start_year + growth.years_to_reach(start, target, assumed_pct)}


def forecast_table(start_year: int, start: float, end_year: int, target: float, assumed_pct: float, fc: dict,
                   lang: str, factor: float = 1.0, unit_text: str = "") -> pd.DataFrame:
    """The projection recomputed as a two-column display table (measure, value) in `lang`."""
    zh = lang == "zh"
    rows = [
        (f"{start_year}年全球市场规模（IDC，报告所述）" if zh else f"World market {start_year} (IDC, as stated)", f"{start * factor:,.1f} {unit_text}"),
        (f"{end_year}年规模（报告所述下限）" if zh else f"World market {end_year} (stated lower bound)", f"> {target * factor:,.1f} {unit_text}"),
        ("假设的同比增长率（报告所述，近）" if zh else "Assumed yearly growth (as stated, 'nearly')", f"{assumed_pct:g}%"),
        ("达到目标所需的年均增长率（复算）" if zh else "Yearly growth the target requires (recomputed)", f"{fc['implied_pct']:.2f}%"),
        (f"按假设增长率推算的{end_year}年规模" if zh else f"{end_year} value at the assumed rate", f"{fc['projected'] * factor:,.1f} {unit_text}"),
        ("推算值减目标" if zh else "Projection minus target", f"{fc['projected_minus_target'] * factor:+,.1f} {unit_text}"),
        ("按假设增长率达到目标的时间" if zh else "When the assumed rate reaches the target", f"{fc['reach_year']:.1f}"),
    ]
    return pd.DataFrame(rows, columns=["measure", "value"])


def china_share_table(china: dict, idc_year: int, lang: str, factor: float = 1.0, unit_text: str = "") -> pd.DataFrame:
    """China's stated 2021 market and world share, the world market they imply, and IDC's next-year world
    figure grown back one year at the assumed rate (`china`: china, share, implied_global, backcast)."""
    zh = lang == "zh"
    y = idc_year - 1
    rows = [
        (f"{y}年中国人工智能市场收支规模（前言）" if zh else f"China's AI market {y} (收支规模, preface)", f"{china['china'] * factor:,.1f} {unit_text}"),
        ("占全球市场规模（前言）" if zh else "Share of the world market (preface)", f"{china['share']:g}%"),
        (f"由此隐含的{y}年全球规模" if zh else f"World market {y} this implies", f"{china['implied_global'] * factor:,.1f} {unit_text}"),
        (f"IDC {idc_year}年全球规模按假设增长率倒推至{y}年" if zh else f"IDC's {idc_year} world figure grown back to {y} at the assumed rate",
         f"{china['backcast'] * factor:,.1f} {unit_text}"),
        ("二者之比" if zh else "Ratio of the two", f"{china['backcast'] / china['implied_global']:.2f}"),
        (f"中国规模占倒推全球规模的比重" if zh else "China's figure as a share of the grown-back world figure",
         f"{100 * china['china'] / china['backcast']:.2f}%"),
    ]
    return pd.DataFrame(rows, columns=["measure", "value"])


def split_note(names: Sequence[str], qualifiers: Sequence[str], shares: Sequence[float], remainder: float,
               lang: str) -> str:
    """The caption note of a stated share split: each share with its qualifier, and what the remainder is."""
    q = ("，" if lang == "zh" else ", ").join(f"{n} {qualifier_label(x, lang)} {v:g}%" for n, x, v in zip(names, qualifiers, shares))
    if remainder > 1e-9:
        return (f"各占比均为约数（{q}）；灰色斜线条为报告未列出的其余部分（{remainder:g}%），其构成未知。" if lang == "zh"
                else f"All shares are approximate ({q}); the grey hatched bar is the {remainder:g}% the report leaves unnamed.")
    return (f"各占比均为约数（{q}），合计恰为百分之百，是完整的划分。" if lang == "zh"
            else f"All shares are approximate ({q}); they sum to exactly one hundred percent, a complete split.")


def band_chart(start_year: int, start: float, end_year: int, rates: Sequence[float], mid_rate: float,
               stated: pd.DataFrame, labels: Mapping[str, str], factor: float = 1.0) -> plt.Figure:
    """Compound paths from (`start_year`, `start`) for the lowest and highest of `rates` (a shaded band) and
    for `mid_rate` (a line), with the report's stated values (`stated`: year, value, label) as points; each
    path's end value is written at `end_year`. `labels`: xlabel, ylabel, band, mid. Values times `factor`."""
    setup_matplotlib()
    lo, hi = min(rates), max(rates)
    p_lo, p_hi, p_mid = (growth.compound_path(start_year, start, r, end_year) for r in (lo, hi, mid_rate))
    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    ax.fill_between(p_lo.year, p_lo.value * factor, p_hi.value * factor, color=sns.color_palette("crest")[1],
                    alpha=0.25, label=labels["band"])
    for p in (p_lo, p_hi):
        ax.plot(p.year, p.value * factor, color=sns.color_palette("crest")[2], linewidth=0.8)
    ax.plot(p_mid.year, p_mid.value * factor, color=sns.color_palette("crest")[4], linewidth=1.8, label=labels["mid"])
    for r, p in ((lo, p_lo), (mid_rate, p_mid), (hi, p_hi)):
        ax.annotate(f"{r:g}%: {p.value.iloc[-1] * factor:,.0f}", (p.year.iloc[-1], p.value.iloc[-1] * factor),
                    xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
    ax.scatter(stated.year, stated.value * factor, color="#9a3412", zorder=5, s=36)
    for rec in stated.to_dict("records"):
        first = rec["year"] == start_year
        ax.annotate(rec["label"], (rec["year"], rec["value"] * factor), xytext=(8, -14) if first else (-6, 8),
                    textcoords="offset points", ha="left" if first else "right", fontsize=8, color="#9a3412")
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


# ---- China's market series -----------------------------------------------------------------------------------
def series_table(chk: dict, lang: str, factor: float = 1.0, unit_text: str = "") -> pd.DataFrame:
    """`series_check` as a display table (measure, value, basis) in `lang`, values times `factor`."""
    zh = lang == "zh"
    st, re_ = ("报告所述", "复算") if zh else ("as stated", "recomputed")
    y0, y1 = chk["start_year"], chk["end_year"]
    rows = [
        (f"{y0}年市场规模" if zh else f"Market size {y0}", f"{chk['start'] * factor:,.1f} {unit_text}", st),
        (f"{y1}年市场规模" if zh else f"Market size {y1}", f"{chk['end'] * factor:,.1f} {unit_text}", st),
        ("年复合增长率" if zh else "Compound annual growth", f"{chk['stated_pct']:.2f}%", st),
        (f"由两端点复算的年复合增长率（{chk['years']}年）" if zh else f"Compound growth from the end points ({chk['years']} years)", f"{chk['implied_pct']:.2f}%", re_),
        ("差（百分点）" if zh else "Difference (pp)", f"{chk['diff_pp']:+.2f}", re_),
        (f"按所述增长率的{y1}年规模" if zh else f"{y1} value at the stated rate", f"{chk['end_at_stated'] * factor:,.1f} {unit_text}", re_),
        (f"所述增长率所需的{y0}年规模" if zh else f"{y0} value the stated rate needs", f"{chk['start_for_stated'] * factor:,.1f} {unit_text}", re_),
        ("两端点给出所述增长率所需年数" if zh else "Years over which the end points give the stated rate", f"{chk['years_for_stated']:.2f}", re_),
    ]
    return pd.DataFrame(rows, columns=["measure", "value", "basis"])


def scenario_paths(start_year: int, start: float, scenarios: Mapping[str, float], end_year: int) -> pd.DataFrame:
    """Compound paths per named scenario (name -> rate, percent a year): columns scenario, rate_pct, year, value."""
    frames = [growth.compound_path(start_year, start, r, end_year).assign(scenario=name, rate_pct=float(r))
              for name, r in scenarios.items()]
    return pd.concat(frames, ignore_index=True)[["scenario", "rate_pct", "year", "value"]]


def series_chart(points: pd.DataFrame, lines: pd.DataFrame, model_from: int, labels: Mapping[str, str],
                 factor: float = 1.0, logy: bool = True) -> plt.Figure:
    """The stated points (year, value, label) with compound paths (`lines`: scenario, year, value); years
    after `model_from` are shaded as model results. `labels`: xlabel, ylabel, model. Values times `factor`."""
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    styles = ["-", "--", ":", "-."]
    colors = sns.color_palette("crest", n_colors=max(lines.scenario.nunique(), 2) + 1)[1:]
    for i, (name, g) in enumerate(lines.groupby("scenario", sort=False)):
        ax.plot(g.year, g.value * factor, styles[i % len(styles)], color=colors[i], linewidth=1.5, label=name)
        end = g.iloc[-1]
        inner = end.year < lines.year.max()
        ax.annotate(f"{end.value * factor:,.0f}", (end.year, end.value * factor), xytext=(-4, 6) if inner else (4, 0),
                    textcoords="offset points", va="bottom" if inner else "center", ha="right" if inner else "left",
                    fontsize=8, color=colors[i])
    ax.scatter(points.year, points.value * factor, color="#9a3412", zorder=5, s=40)
    for rec in points.to_dict("records"):
        ax.annotate(rec["label"], (rec["year"], rec["value"] * factor), xytext=(6, -12), textcoords="offset points",
                    fontsize=8, color="#9a3412")
    right = int(lines.year.max())
    ax.axvspan(model_from, right + 0.9, color="#eceff1", zorder=0)
    ax.text(model_from + 0.1, 0.97, labels["model"], transform=ax.get_xaxis_transform(), va="top", fontsize=8,
            color="#57606a")
    if logy:
        ax.set_yscale("log")
        vals = np.concatenate([points.value.to_numpy(float), lines.value.to_numpy(float)]) * factor
        ticks = [m * 10 ** e for e in range(-2, 8) for m in (1, 2, 5)]
        ax.set_yticks([t for t in ticks if vals.min() / 1.5 <= t <= vals.max() * 1.5])
        ax.yaxis.set_major_formatter(plt.matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        ax.yaxis.set_minor_formatter(plt.matplotlib.ticker.NullFormatter())
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
        scenario_paths(y0, chk["start"], {(f"两端点隐含增长率 {chk['implied_pct']:.2f}%" if zh else
                                           f"rate the end points imply, {chk['implied_pct']:.2f}%"): chk["implied_pct"]}, to_year),
        scenario_paths(y0, chk["start"], {(f"报告所述增长率 {chk['stated_pct']:.2f}%（自{y0}年起）" if zh else
                                           f"stated rate {chk['stated_pct']:.2f}% (from {y0})"): chk["stated_pct"]}, y1),
    ]
    for r in extra_rates:
        parts.append(scenario_paths(y1, chk["end"], {(f"{y1}年后年增长 {r:g}%" if zh else f"{r:g}% a year after {y1}"): r}, to_year))
    return pd.concat(parts, ignore_index=True)


def projection_table(chk: dict, to_year: int, extra_rates: Sequence[float], lang: str) -> pd.DataFrame:
    """The value in `to_year` under constant growth from the last stated point, for the rate the end points
    imply, the stated rate, and `extra_rates`. Columns scenario, rate_pct, base_year, base, year, value, multiple."""
    zh = lang == "zh"
    named = {("两端点隐含增长率" if zh else "rate the end points imply"): chk["implied_pct"],
             ("报告所述增长率" if zh else "stated rate"): chk["stated_pct"]}
    named.update({(f"假定增长率 {r:g}%" if zh else f"assumed {r:g}%"): float(r) for r in extra_rates})
    n = to_year - chk["end_year"]
    rows = [{"scenario": k, "rate_pct": r, "base_year": chk["end_year"], "base": chk["end"], "year": to_year,
             "value": growth.project(chk["end"], r, n), "multiple": growth.project(1.0, r, n)} for k, r in named.items()]
    return pd.DataFrame(rows)


def trend_chart(trend: "growth.Trend", labels: Mapping[str, str], factor: float = 1.0) -> plt.Figure:
    """A fitted log-linear trend: the data points, the fitted median line, and for the prediction years the
    confidence band of the median (dark) and the prediction band of one new year (light). `labels`: xlabel,
    ylabel, data, fit, ci, pi. Values times `factor`; log scale."""
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.5, 4.4))
    pr, fit = trend.prediction, trend.fitted
    c = sns.color_palette("crest")
    ax.fill_between(pr.year, pr.obs_low * factor, pr.obs_high * factor, color=c[1], alpha=0.25, label=labels["pi"])
    ax.fill_between(pr.year, pr.mean_low * factor, pr.mean_high * factor, color=c[3], alpha=0.35, label=labels["ci"])
    ax.plot(list(fit.year) + list(pr.year), list(fit.fitted * factor) + list(pr["median"] * factor), color=c[4],
            linewidth=1.6, label=labels["fit"])
    ax.scatter(fit.year, fit.value * factor, color="#9a3412", zorder=5, s=36, label=labels["data"])
    ax.set_yscale("log")
    ax.set_xlabel(labels["xlabel"])
    ax.set_ylabel(labels["ylabel"])
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    sns.despine(ax=ax)
    fig.tight_layout()
    return fig


# ---- investment and financing --------------------------------------------------------------------------------
def events_constant_growth(first_year: int, last_year: int, average: float, growth_total_pct: float) -> pd.DataFrame:
    """Yearly counts that (a) average `average` over first_year..last_year and (b) make the last year
    `growth_total_pct` percent above the first, IF the count grew at one constant rate — a model illustration,
    not data. Columns year, events, rate_pct (the constant yearly rate)."""
    n = last_year - first_year
    if n < 1:
        raise ValueError("need at least two years")
    g = (1.0 + growth_total_pct / 100.0) ** (1.0 / n)
    weights = g ** np.arange(n + 1)
    first = average * (n + 1) / weights.sum()
    return pd.DataFrame({"year": np.arange(first_year, last_year + 1), "events": first * weights,
                         "rate_pct": 100.0 * (g - 1.0)})


def amounts_frame(year: int, amount: float, growth_pct: float) -> pd.DataFrame:
    """The stated amount of `year` and the previous year's amount its growth implies: year, value, kind."""
    return pd.DataFrame({"year": [year - 1, year], "value": [previous_from_growth(amount, growth_pct), float(amount)],
                         "kind": ["implied", "stated"]})


def financing_chart(amounts: pd.DataFrame, events: pd.DataFrame, average: float, labels: Mapping[str, str],
                    factor: float = 1.0) -> plt.Figure:
    """Two panels: financing amounts (`amounts`: year, value, kind in stated | implied) and the yearly events
    of the constant-growth illustration (`events`: year, events) against the stated average. `labels`:
    amount_title, amount_ylabel, events_title, events_ylabel, stated, implied, model, average, xlabel."""
    setup_matplotlib()
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(8.5, 4.3))
    col = sns.color_palette("crest")[4]
    for rec in amounts.to_dict("records"):
        implied = rec["kind"] == "implied"
        bar = a1.bar(str(rec["year"]), rec["value"] * factor, color=REMAINDER_COLOR if implied else col,
                     hatch="//" if implied else None, edgecolor="#8c959f" if implied else col,
                     label=labels["implied"] if implied else labels["stated"])
        a1.bar_label(bar, labels=[f"{rec['value'] * factor:,.1f}"], fontsize=8)
    a1.set_title(labels["amount_title"], fontsize=10)
    a1.set_ylabel(labels["amount_ylabel"])
    a1.set_xlabel(labels["xlabel"])
    a1.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    bars = a2.bar(events.year.astype(str), events.events, color=REMAINDER_COLOR, hatch="//", edgecolor="#8c959f",
                  label=labels["model"])
    a2.bar_label(bars, labels=[f"{v:,.0f}" for v in events.events], fontsize=8)
    a2.axhline(average, color="#9a3412", linewidth=1.2, linestyle="--", label=labels["average"])
    a2.set_title(labels["events_title"], fontsize=10)
    a2.set_ylabel(labels["events_ylabel"])
    a2.set_xlabel(labels["xlabel"])
    a2.set_ylim(0, events.events.max() * 1.25)
    a2.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=1)
    for ax in (a1, a2):
        sns.despine(ax=ax)
    fig.tight_layout()
    return fig


def financing_table(amount: float, amount_growth: float, events_avg: float, events_growth: float,
                    events: pd.DataFrame, early_decline: float, lang: str, factor: float = 1.0,
                    unit_text: str = "") -> pd.DataFrame:
    """The financing statements and what follows from them (measure, value, basis) in `lang`: the 2021 amount
    and the 2020 amount its growth implies; the average yearly events, their implied total and the constant
    yearly rate the 2021-vs-2017 change implies; the model's first and last year; the early-stage decline."""
    zh = lang == "zh"
    st, de, mo = (("报告所述", "由报告数字推得", "模型示意（恒定增长）") if zh else
                  ("as stated", "follows from stated numbers", "model illustration (constant growth)"))
    y0, y1 = int(events.year.iloc[0]), int(events.year.iloc[-1])
    rows = [
        (f"{y1}年融资金额（峰值）" if zh else f"Financing amount {y1} (peak)", f"{amount * factor:,.2f} {unit_text}", st),
        (f"较{y1 - 1}年增长" if zh else f"Growth on {y1 - 1}", f"{amount_growth:g}%", st),
        (f"隐含的{y1 - 1}年融资金额" if zh else f"Implied amount {y1 - 1}", f"{previous_from_growth(amount, amount_growth) * factor:,.2f} {unit_text}", de),
        (f"年均融资事件（{y0}–{y1}）" if zh else f"Average financing events a year ({y0}–{y1})", f"{events_avg:,.0f}", st),
        (f"隐含的{y1 - y0 + 1}年事件总数" if zh else f"Implied total events over {y1 - y0 + 1} years", f"{events_avg * (y1 - y0 + 1):,.0f}", de),
        (f"{y1}年相比{y0}年事件增加" if zh else f"Events {y1} vs {y0}", f"{events_growth:+g}%", st),
        ("对应的恒定年增长率" if zh else "Constant yearly rate this implies", f"{events.rate_pct.iloc[0]:.2f}%", de),
        (f"{y0}年事件数" if zh else f"Events {y0}", f"{events.events.iloc[0]:,.0f}", mo),
        (f"{y1}年事件数" if zh else f"Events {y1}", f"{events.events.iloc[-1]:,.0f}", mo),
        ("早期融资占比下降" if zh else "Decline of the early-stage share", f"{early_decline:g}%", st),
    ]
    return pd.DataFrame(rows, columns=["measure", "value", "basis"])


def china_findings(chk: dict, amount: float, amount_growth: float, usd_value: float, cny_per_usd: float,
                   lang_unit: tuple[str, float]) -> list[dict[str, str]]:
    """Findings (kind, zh, en) of the China-market chapter besides the ledger's: why the stated CAGR might
    differ, the two 2021 market figures, and what the financing statements allow."""
    u, f = lang_unit
    cny = usd_value * cny_per_usd
    return [{
        "kind": "note",
        "zh": (f"报告所述 {chk['stated_pct']:.2f}% 与两端点不符：若两端点无误，该增长率对应约 {chk['years_for_stated']:.2f} 年；"
               f"若增长率与 {chk['end_year']} 年数值无误，{chk['start_year']} 年应为约 {chk['start_for_stated']:,.0f} 亿元。"
               f"原图的年度数值未随文本保存，无法判断是哪一个数有误。"),
        "en": (f"The stated {chk['stated_pct']:.2f}% does not follow from the end points: with both end points right it "
               f"corresponds to {chk['years_for_stated']:.2f} years; with the rate and the {chk['end_year']} value right, "
               f"{chk['start_year']} would be about {chk['start_for_stated'] * f:,.1f} {u}. The yearly values of the original "
               f"chart did not survive in the text, so which number is wrong cannot be told."),
    }, {
        "kind": "note",
        "zh": (f"同为 {chk['end_year']} 年的我国人工智能市场，前言给出收支规模 {usd_value:g} 亿美元（按每美元 {cny_per_usd:g} 元的"
               f"假定汇率约 {cny:,.0f} 亿元），正文给出市场规模 {chk['end']:,.0f} 亿元，后者为前者的 {chk['end'] / cny:.1f} 倍；"
               f"口径不同（IDC 支出口径与市场规模），不宜互相比较。"),
        "en": (f"For China's {chk['end_year']} AI market the preface gives {usd_value:g} (100m USD, 收支规模; about "
               f"{cny * f:,.1f} {u} at an assumed {cny_per_usd:g} CNY per USD) and the market page {chk['end'] * f:,.1f} {u}, "
               f"{chk['end'] / cny:.1f} times as much: different scopes (IDC spending vs market size), not comparable."),
    }, {
        "kind": "limitation",
        "zh": (f"投融资图的逐年数值不在文本中：金额只知 {chk['end_year']} 年 {amount:,.2f} 亿元及其较上年增长 {amount_growth:g}%，"
               f"事件数只知五年平均与首尾变化，逐年事件数只能在“恒定增长”假设下示意，不是数据。"),
        "en": (f"The yearly values of the financing chart are not in the text: for amounts only {chk['end_year']} "
               f"({amount * f:,.1f} {u}) and its growth on the year before ({amount_growth:g}%) are known; for events only the "
               f"five-year average and the first-to-last change, so yearly events can only be illustrated under a "
               f"constant-growth assumption — not data."),
    }]


# ---- findings for the chapter boxes --------------------------------------------------------------------------
def global_findings(fc: dict, assumed: float, start: float, target: float, later_pct: float, china: dict,
                    factor: float = 1.0, unit_text: str = "亿美元") -> list[dict[str, str]]:
    """Findings (kind, zh, en) on the global projection: the rate the target requires vs the stated one,
    the two statements of the growth rate, and the world market implied by China's 2021 share. Values are
    shown times `factor` in `unit_text`."""
    f, u = factor, unit_text
    ok = fc["implied_pct"] <= assumed
    ratio = china["backcast"] / china["implied_global"]
    return [{
        "kind": "reproduced" if ok else "discrepancy",
        "zh": (f"由 {start * f:,.0f} {u}增长到超过 {target * f:,.0f} {u}，{fc['years']} 年间需年均增长 "
               f"{fc['implied_pct']:.2f}%；按报告所说的近 {assumed:g}% 推算，终点为 {fc['projected'] * f:,.0f} {u}，"
               f"比 {target * f:,.0f} 高 {fc['projected_minus_target'] * f:,.0f}，与“超过”一致。"),
        "en": (f"Growing from {start * f:,.1f} to over {target * f:,.0f} {u} in {fc['years']} years needs "
               f"{fc['implied_pct']:.2f}% a year; at the stated ~{assumed:g}% the end value is {fc['projected'] * f:,.0f} {u}, "
               f"{fc['projected_minus_target'] * f:,.0f} above {target * f:,.0f}, consistent with 'over'."),
    }, {
        "kind": "note",
        "zh": (f"同一页两次给出增长率：推算用“同比增长近 {assumed:g}%”（略低于），要点中写“未来五年平均增速将超过 "
               f"{later_pct:g}%”（高于）；二者期间不同，限定方向相反，本章以前者为中心、以区间展示敏感性。"),
        "en": (f"The page states the growth rate twice: 'nearly {assumed:g}%' for the projection (just below) and "
               f"'over {later_pct:g}% on average in the next five years' (above); the periods differ and the qualifiers "
               f"point opposite ways, so the chapter centres on the first and shows a band."),
    }, {
        "kind": "note",
        "zh": (f"前言称 2021 年我国人工智能市场收支规模 {china['china'] * f:,.1f} {u}、占全球 {china['share']:g}%，"
               f"即全球约 {china['implied_global'] * f:,.0f} {u}；而 IDC 的 2022 年全球规模为 {start * f:,.0f} {u}，"
               f"按近 {assumed:g}% 倒推 2021 年约 {china['backcast'] * f:,.0f} {u}，是前者的 {ratio:.1f} 倍。"
               f"两组数字口径不同，不能混用。"),
        "en": (f"The preface puts China's 2021 AI market (收支规模) at {china['china'] * f:,.1f} {u}, "
               f"{china['share']:g}% of the world, i.e. a world market of about {china['implied_global'] * f:,.1f} {u}; "
               f"IDC's 2022 world figure of {start * f:,.1f} {u} grown back at ~{assumed:g}% gives about "
               f"{china['backcast'] * f:,.1f} {u} for 2021, {ratio:.1f} times as much. The two series have different "
               f"scopes and cannot be combined."),
    }]


# ---- the report's figures that cannot be redrawn ---------------------------------------------------------------
FIGURES: dict[str, list[tuple[int, str, str, str, str, str]]] = {
    # chapter -> (seed line, title zh, title en, status, why zh, why en); status: redrawn | partial | not
    "global_market": [
        (100, "人工智能产业链全景图谱", "Panorama of the AI industry chain", "not", "示意图，无数值", "a diagram without numbers"),
        (119, "2018-2025年全球数据量（ZB）", "Global data volume 2018–2025 (ZB)", "not",
         "正文只给出2025年的预计值（第138行）", "the text gives only the 2025 forecast (line 138)"),
        (130, "1971年以来算力增长趋势", "Growth of computing power since 1971", "not", "正文无数值", "no numbers in the text"),
        (179, "全球人工智能市场规模预测（十亿美元）", "Global AI market forecast (US$ bn)", "partial",
         "正文只给出2022年与2030年两个数，其间为增长假设，本章以区间画出",
         "only the 2022 and 2030 values are stated; the path between them is the growth assumption, drawn here as a band"),
        (205, "主要国家人工智能产业战略（OECD）", "National AI strategies (OECD)", "not",
         "除国家数外无数值", "no numbers beyond the count of countries"),
        (214, "全球人工智能产业链空间分布", "Spatial distribution of the global AI industry chain", "not",
         "正文无数值", "no numbers in the text"),
        (227, "全球主要国家AI企业累计融资规模（亿美元）", "Cumulative AI financing by country (100m USD)", "not",
         "正文无数值", "no numbers in the text"),
        (233, "全球人工智能专利情况", "Global AI patents", "not", "正文无数值", "no numbers in the text"),
        (245, "全球人工智能人才分布情况（人）", "Global distribution of AI talent (persons)", "not",
         "正文只有美中倍数（第242行）", "only the US/China multiples are stated (line 242)"),
        (249, "主要国家人工智能人才构成情况（人）", "AI talent composition by country (persons)", "not",
         "正文只有美中倍数（第242行）", "only the US/China multiples are stated (line 242)"),
        (253, "全球人工智能产业竞争格局", "Global competitive landscape (innovation index)", "not",
         "正文只有排名，无指数值", "ranks only, no index values"),
    ],
    "china_market": [
        (272, "我国人工智能战略目标", "China's AI strategic goals", "not", "目标数值不在正文中", "the goals' figures are not in the text"),
        (298, "我国人工智能市场规模（2016–2021年）", "China's AI market size, 2016–2021", "partial",
         "正文只给出2016年与2021年两个数", "only the 2016 and 2021 values are stated"),
        (305, "人工智能企业核心技术分布", "AI enterprises by core technology", "redrawn",
         "正文给出七个占比，其余部分未列出", "seven shares stated; the rest is not named"),
        (313, "主要省市人工智能企业数量", "AI enterprises by province/city", "not", "正文无数值", "no numbers in the text"),
        (320, "人工智能投融资地区分布", "AI investment by region", "not",
         "正文只有北京约三分之一的投资事件", "only Beijing's share of events is stated"),
        (327, "中国AI投融资数量与金额（近五年）", "AI financing events and amounts (past five years)", "partial",
         "正文只有2021年金额、年均事件数与两个变化率", "only the 2021 amount, the yearly average count and two changes are stated"),
        (336, "人工智能专利分布", "AI patents by region", "not", "正文无数值", "no numbers in the text"),
        (342, "人工智能人才分布", "AI talent by region", "not", "正文只有北京约三分之一", "only Beijing's share is stated"),
    ],
    "policy_pilot_zones": [
        (284, "我国人工智能产业政策（2015–2022年时间轴）", "China's AI industry policies, 2015–2022 (timeline)", "redrawn",
         "文件名称与年月均在正文中", "titles, years and months are in the text"),
        (293, "我国人工智能产业链空间分布", "Spatial distribution of China's AI industry chain", "not",
         "图中内容不在正文中；本章改画正文列出的先导区", "its content is not in the text; the chapter maps the pilot areas the text names instead"),
        (368, "我国代表城市政策及发展规划", "Policies and plans of representative cities", "not", "正文无数值", "no numbers in the text"),
        (372, "国家新一代人工智能创新发展试验区（表）", "National AI innovation-and-development pilot zones (table)", "redrawn",
         "十八个试验区及获批时间均在正文中，另画时间轴与地图", "all zones and dates are in the text; also drawn as a timeline and a map"),
    ],
    "cities": [
        (350, "各城市人工智能科研院校与机构特点（表）", "AI research institutions by city (table)", "redrawn", "表格内容在正文中", "the table's content is in the text"),
        (398, "重点城市投融资（近五年）", "Investment in key cities (past five years)", "not",
         "正文只有北京约三分之一的事件", "only Beijing's share of events is stated"),
        (405, "重点城市专利（近五年）", "Patents in key cities (past five years)", "not",
         "正文只有北京超过三分之一及城市先后顺序", "only Beijing's share and the order of cities are stated"),
        (409, "代表城市及区域分析——北京（图）", "Beijing panel (figure)", "not", "图中无正文数值", "no numbers in the text"),
        (418, "代表城市及区域分析——上海（图）", "Shanghai panel (figure)", "not", "图中无正文数值", "no numbers in the text"),
        (427, "代表城市及区域分析——大湾区（图）", "Greater Bay Area panel (figure)", "not", "图中无正文数值", "no numbers in the text"),
        (491, "代表城市分析——杭州（图）", "Hangzhou panel (figure)", "not", "图中无正文数值", "no numbers in the text"),
        (413, "城市板块文字与数字（北京、上海、大湾区、杭州）", "City panel texts and numbers (Beijing, Shanghai, Bay Area, Hangzhou)", "redrawn",
         "整理为结构化表格", "restructured as tables"),
    ],
}

FIGURE_STATUS = {"redrawn": ("已重绘", "redrawn"), "partial": ("部分重绘", "partly"), "not": ("无法重绘", "no")}


def figures_table(chapter: str, lang: str, figures: Mapping[str, list] | None = None) -> pd.DataFrame:
    """The report's figures for `chapter`: seed line, title, what happens to it here, and why (in `lang`)."""
    i = 0 if lang == "zh" else 1
    rows = [{"seed_line": ln, "figure": (zh, en)[i], "status": FIGURE_STATUS[st][i], "why": (wz, we)[i]}
            for ln, zh, en, st, wz, we in sorted((figures or FIGURES)[chapter])]
    return pd.DataFrame(rows, columns=["seed_line", "figure", "status", "why"])
