"""The investment and financing statements of the 2022 China AI industry report (seed 003, chapter
china_market): the stated amount and event counts, what follows from them, and a constant-growth illustration of
the yearly events (a model, not data). Amounts in the dataset unit (亿元 = 100m CNY) unless a function says
otherwise; rates in percent."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ai_industry.methods.growth import previous_from_growth
from ai_industry.methods.rounding import value_of
from ai_industry.present.charts import REMAINDER_COLOR
from ai_industry.present.fonts import setup_matplotlib
from ai_industry.present.labels import measure_rows, unit_label


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
    return pd.DataFrame(
        {"year": np.arange(first_year, last_year + 1), "events": first * weights, "rate_pct": 100.0 * (g - 1.0)}
    )


def amounts_frame(year: int, amount: float, growth_pct: float) -> pd.DataFrame:
    """The stated amount of `year` and the previous year's amount its growth implies: year, value, kind."""
    return pd.DataFrame(
        {
            "year": [year - 1, year],
            "value": [previous_from_growth(amount, growth_pct), float(amount)],
            "kind": ["implied", "stated"],
        }
    )


def financing_chart(
    amounts: pd.DataFrame, events: pd.DataFrame, average: float, labels: Mapping[str, str], factor: float = 1.0
) -> plt.Figure:
    """Two panels: financing amounts (`amounts`: year, value, kind in stated | implied) and the yearly events
    of the constant-growth illustration (`events`: year, events) against the stated average. `labels`:
    amount_title, amount_ylabel, events_title, events_ylabel, stated, implied, model, average, xlabel."""
    setup_matplotlib()
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(8.5, 4.3))
    col = sns.color_palette("crest")[4]
    for rec in amounts.to_dict("records"):
        implied = rec["kind"] == "implied"
        bar = a1.bar(
            str(rec["year"]),
            rec["value"] * factor,
            color=REMAINDER_COLOR if implied else col,
            hatch="//" if implied else None,
            edgecolor="#8c959f" if implied else col,
            label=labels["implied"] if implied else labels["stated"],
        )
        a1.bar_label(bar, labels=[f"{rec['value'] * factor:,.1f}"], fontsize=8)
    a1.set_title(labels["amount_title"], fontsize=10)
    a1.set_ylabel(labels["amount_ylabel"])
    a1.set_xlabel(labels["xlabel"])
    a1.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    bars = a2.bar(
        events.year.astype(str),
        events.events,
        color=REMAINDER_COLOR,
        hatch="//",
        edgecolor="#8c959f",
        label=labels["model"],
    )
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


def financing_table(
    amount: float,
    amount_growth: float,
    events_avg: float,
    events_growth: float,
    events: pd.DataFrame,
    early_decline: float,
    lang: str,
    factor: float = 1.0,
    unit_text: str = "",
) -> pd.DataFrame:
    """The financing statements and what follows from them (`measure_rows`) in `lang`: the 2021 amount
    and the 2020 amount its growth implies; the average yearly events, their implied total and the constant
    yearly rate the 2021-vs-2017 change implies; the model's first and last year; the early-stage decline."""
    zh = lang == "zh"
    st, de, mo = (
        ("报告所述", "由报告数字推得", "模型示意（恒定增长）")
        if zh
        else ("as stated", "follows from stated numbers", "model illustration (constant growth)")
    )
    y0, y1 = int(events.year.iloc[0]), int(events.year.iloc[-1])
    pct, amt = unit_label("pct", lang), "{:,.2f} {unit}"
    rows = [
        (f"{y1}年融资金额（峰值）" if zh else f"Financing amount {y1} (peak)", amount * factor, unit_text, amt, st),
        (f"较{y1 - 1}年增长" if zh else f"Growth on {y1 - 1}", amount_growth, pct, "{:g}{unit}", st),
        (
            f"隐含的{y1 - 1}年融资金额" if zh else f"Implied amount {y1 - 1}",
            previous_from_growth(amount, amount_growth) * factor,
            unit_text,
            amt,
            de,
        ),
        (
            f"年均融资事件（{y0}–{y1}）" if zh else f"Average financing events a year ({y0}–{y1})",
            events_avg,
            "",
            "{:,.0f}",
            st,
        ),
        (
            f"隐含的{y1 - y0 + 1}年事件总数" if zh else f"Implied total events over {y1 - y0 + 1} years",
            events_avg * (y1 - y0 + 1),
            "",
            "{:,.0f}",
            de,
        ),
        (f"{y1}年相比{y0}年事件增加" if zh else f"Events {y1} vs {y0}", events_growth, pct, "{:+g}{unit}", st),
        (
            "对应的恒定年增长率" if zh else "Constant yearly rate this implies",
            events.rate_pct.iloc[0],
            pct,
            "{:.2f}{unit}",
            de,
        ),
        (f"{y0}年事件数" if zh else f"Events {y0}", events.events.iloc[0], "", "{:,.0f}", mo),
        (f"{y1}年事件数" if zh else f"Events {y1}", events.events.iloc[-1], "", "{:,.0f}", mo),
        ("早期融资占比下降" if zh else "Decline of the early-stage share", early_decline, pct, "{:g}{unit}", st),
    ]
    return measure_rows(rows)


def financing(indicators: pd.DataFrame, lang: str, factor: float = 1.0, unit_text: str = "") -> dict:
    """The financing statements: amount and its growth, average yearly events and their change over the
    period (first, last), the constant-growth events illustration, the amounts frame and the display table."""
    amount = value_of(indicators, indicator="financing_amount")
    amount_growth = value_of(indicators, indicator="financing_amount_growth_2021_vs_2020")
    avg = value_of(indicators, indicator="financing_events_annual_average")
    ev_growth = value_of(indicators, indicator="financing_events_growth_2021_vs_2017")
    period = indicators.set_index("indicator").loc["financing_events_annual_average", "period"]
    first, last = (int(y) for y in period.split("-"))
    events = events_constant_growth(first, last, avg, ev_growth)
    decline = value_of(indicators, indicator="early_stage_financing_share_decline")
    return {
        "amount": amount,
        "amount_growth": amount_growth,
        "average": avg,
        "events_growth": ev_growth,
        "first": first,
        "last": last,
        "events": events,
        "amounts": amounts_frame(last, amount, amount_growth),
        "table": financing_table(amount, amount_growth, avg, ev_growth, events, decline, lang, factor, unit_text),
    }
