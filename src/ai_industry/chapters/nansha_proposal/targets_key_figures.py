"""The Nansha CPPCC proposal (seed 002): its plan targets against the figures it reports, Guangdong's core AI
industry against the national market series of seed 003, the 2018 H1 investment figures, and the bay areas
as the proposal describes them. Values in the dataset units (亿元 = 100m CNY, 亿美元 = 100m USD, counts)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ai_industry.catalog import terms
from ai_industry.methods import growth
from ai_industry.methods.growth import series_check
from ai_industry.methods.rounding import implied_total, value_of
from ai_industry.present.charts import REMAINDER_COLOR
from ai_industry.present.fonts import setup_matplotlib
from ai_industry.present.labels import measure_rows, qualifier_label, unit_label

SEED_FILE = "002_739fd5536dc51d1a.txt"

# ---- targets and progress ------------------------------------------------------------------------------------------
# English labels from catalog/terms.csv (groups nansha_target, nansha_region)
TARGET_EN = {k: en for k, (_zh, en) in terms.group("nansha_target").items()}
REGION_EN = {k: en for k, (_zh, en) in terms.group("nansha_region").items()}


def region_label(region: str, lang: str) -> str:
    """A region the proposal names, in `lang` (reference-table places via labels.place, else `REGION_EN`)."""
    from ai_industry.present import labels

    if lang == "zh":
        return region
    return REGION_EN.get(region) or labels.place(region, lang)


def progress_table(targets: pd.DataFrame, indicators: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Each plan target with the figure the proposal reports for the same region and indicator (NaN where it
    reports none): region, indicator, label, target_year, target, target_qualifier, reported,
    reported_qualifier, reported_line, progress_pct (reported as a percent of the target), unit."""
    rows = []
    for t in targets.to_dict("records"):
        hit = indicators[(indicators.region == t["region"]) & (indicators.indicator == t["indicator"])]
        rep = float(hit.value.iloc[0]) if len(hit) == 1 else float("nan")
        label = (
            f"{t['region']}：{t['indicator_zh']}（{t['target_year']}年目标）"
            if lang == "zh"
            else f"{REGION_EN.get(t['region'], t['region'])}: {TARGET_EN.get(t['indicator'], t['indicator'])} ({t['target_year']} target)"
        )
        rows.append(
            {
                "region": t["region"],
                "indicator": t["indicator"],
                "label": label,
                "target_year": int(t["target_year"]),
                "target": float(t["value"]),
                "target_qualifier": t["qualifier"],
                "reported": rep,
                "reported_qualifier": hit.qualifier.iloc[0] if len(hit) == 1 else "",
                "reported_line": int(hit.seed_line.iloc[0]) if len(hit) == 1 else pd.NA,
                "progress_pct": 100.0 * rep / float(t["value"]) if len(hit) == 1 else float("nan"),
                "unit": t["unit"],
            }
        )
    return pd.DataFrame(rows)


def progress_chart(table: pd.DataFrame, labels: Mapping[str, str]) -> plt.Figure:
    """Horizontal bars: the reported figure as a percent of each target (100 = target reached); targets
    without a reported figure get a grey 'not reported' placeholder, never a value. `labels`: xlabel,
    not_reported, target."""
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.5, 0.6 * len(table) + 1.4))
    y = np.arange(len(table))
    col = sns.color_palette("crest")[4]
    for yi, rec in zip(y, table.to_dict("records")):
        if np.isnan(rec["progress_pct"]):
            ax.barh(yi, 100, color="none", edgecolor=REMAINDER_COLOR, hatch="//", linewidth=0.8)
            ax.text(50, yi, labels["not_reported"], ha="center", va="center", fontsize=8, color="#57606a")
        else:
            ax.barh(yi, rec["progress_pct"], color=col)
            ax.text(
                rec["progress_pct"],
                yi,
                f" {rec['progress_pct']:.1f}%  ({rec['reported']:,.0f} / {rec['target']:,.0f})",
                va="center",
                fontsize=8,
            )
    ax.axvline(100, color="#9a3412", linestyle="--", linewidth=1)
    ax.text(100, len(table) - 0.45, labels["target"], color="#9a3412", fontsize=8, ha="right", va="bottom")
    ax.set_yticks(y, list(table.label), fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 125)
    ax.set_xlabel(labels["xlabel"])
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


# ---- Guangdong against the national series ---------------------------------------------------------------------------
def guangdong_vs_national(
    core: float, share_pct: float, size: pd.DataFrame, stated_cagr: float, year: int, lang: str
) -> pd.DataFrame:
    """The national figure implied by Guangdong's core AI industry (`core`, 亿元) being `share_pct` percent of
    the country in `year`, next to seed 003's national market series: its stated points and, for `year`, the
    values on the compound paths at the rate its end points imply and at its stated rate (model values).
    Columns label, year, value, kind (implied | stated | model), guangdong_share_pct."""
    zh = lang == "zh"
    chk = series_check(size, stated_cagr)
    rows = [
        (
            (
                "全国人工智能核心产业（由广东约占三分之一推得）"
                if zh
                else "National core AI industry implied by Guangdong's ~1/3"
            ),
            year,
            implied_total(core, share_pct),
            "implied",
        )
    ]
    for y, v in zip(size.year, size.market_100m_cny):
        rows.append(
            (
                (f"全国人工智能市场规模（报告三，{int(y)}年）" if zh else f"China's AI market (seed 003), {int(y)}"),
                int(y),
                float(v),
                "stated",
            )
        )
    n = year - chk["start_year"]
    rows.append(
        (
            (
                f"全国人工智能市场规模（报告三，{year}年模型值，两端点隐含增长率 {chk['implied_pct']:.2f}%）"
                if zh
                else f"China's AI market (seed 003), {year} model value at the end points' rate {chk['implied_pct']:.2f}%"
            ),
            year,
            growth.project(chk["start"], chk["implied_pct"], n),
            "model",
        )
    )
    rows.append(
        (
            (
                f"全国人工智能市场规模（报告三，{year}年模型值，所述增长率 {stated_cagr:.2f}%）"
                if zh
                else f"China's AI market (seed 003), {year} model value at the stated rate {stated_cagr:.2f}%"
            ),
            year,
            growth.project(chk["start"], stated_cagr, n),
            "model",
        )
    )
    out = pd.DataFrame(rows, columns=["label", "year", "value", "kind"])
    out["guangdong_share_pct"] = 100.0 * core / out.value
    return out.sort_values(["year", "kind"], kind="stable").reset_index(drop=True)


def compare_bars(
    frame: pd.DataFrame, labels: Mapping[str, str], factor: float = 1.0, ref: float | None = None
) -> plt.Figure:
    """Horizontal bars of `frame` (label, value, kind): stated solid, implied hatched outline, model grey
    hatched; an optional vertical reference line at `ref` (e.g. Guangdong's own figure). `labels`: xlabel,
    stated, implied, model, ref."""
    import textwrap

    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.8, 0.55 * len(frame) + 1.5))
    style = {
        "stated": {"color": sns.color_palette("crest")[4]},
        "implied": {"color": "white", "edgecolor": "#9a3412", "hatch": "xx", "linewidth": 0.8},
        "model": {"color": REMAINDER_COLOR, "edgecolor": "#8c959f", "hatch": "//"},
    }
    seen = set()
    for yi, rec in enumerate(frame.to_dict("records")):
        lab = labels[rec["kind"]] if rec["kind"] not in seen else None
        seen.add(rec["kind"])
        ax.barh(yi, rec["value"] * factor, label=lab, **style[rec["kind"]])
        ax.text(rec["value"] * factor, yi, f" {rec['value'] * factor:,.1f}", va="center", fontsize=8)
    if ref is not None:
        ax.axvline(ref * factor, color="#9a3412", linestyle="--", linewidth=1, label=labels["ref"])
    ax.set_yticks(range(len(frame)), ["\n".join(textwrap.wrap(t, 30)) for t in frame.label], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, frame.value.max() * factor * 1.18)
    ax.set_xlabel(labels["xlabel"])
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.4, -0.12 - 0.6 / (0.55 * len(frame) + 1.5)),
        ncol=2,
        fontsize=8,
        frameon=False,
    )
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


def target_growth(base: float, base_year: int, target: float, target_year: int) -> dict:
    """The yearly growth (percent, compound) a target needs from a base, with the multiple."""
    n = target_year - base_year
    return {
        "base": base,
        "base_year": base_year,
        "target": target,
        "target_year": target_year,
        "years": n,
        "multiple": target / base,
        "implied_pct": growth.implied_growth(base, target, n),
    }


def guangdong_targets(indicators: pd.DataFrame, plan: pd.DataFrame) -> list[dict]:
    """Guangdong's 2017 core and related AI industry (this proposal) against the 2025 targets of the Guangdong
    plan quoted by seed 003 (`plan`: seed 003 city_indicators): `target_growth` plus zh/en labels."""
    pairs = [
        ("core_ai_industry_scale", "core_industry_scale_target", "广东人工智能核心产业", "Guangdong core AI industry"),
        (
            "related_industry_scale",
            "industry_scale_target",
            "广东人工智能相关产业（目标为产业规模）",
            "Guangdong AI-related industries (the target is for the whole industry)",
        ),
    ]
    out = []
    for base_id, target_id, zh, en in pairs:
        b = indicators[(indicators.region == "广东") & (indicators.indicator == base_id)].iloc[0]
        t = plan[(plan.city == "广东") & (plan.indicator == target_id)].iloc[0]
        out.append(
            {
                **target_growth(float(b.value), int(b.period), float(t.value), int(t.period)),
                "label_zh": zh,
                "label_en": en,
                "base_qualifier": b.qualifier,
                "target_qualifier": t.qualifier,
            }
        )
    return out


def targets_growth_table(gt: list[dict], lang: str, factor: float = 1.0) -> pd.DataFrame:
    """`guangdong_targets` as a table: label (in `lang`), base_year, base, target_year, target (times
    `factor`), multiple, implied_pct."""
    df = pd.DataFrame(gt)
    df["label"] = df.label_zh if lang == "zh" else df.label_en
    df["base"] = df.base * factor
    df["target"] = df.target * factor
    return df[["label", "base_year", "base", "target_year", "target", "multiple", "implied_pct"]]


def investment(indicators: pd.DataFrame) -> dict:
    """The 2018 H1 AI investment figures (100m USD) with China's share recomputed (percent)."""
    inv = indicators[indicators.indicator == "ai_investment"].set_index("region")
    world, china = float(inv.loc["全球", "value"]), float(inv.loc["中国", "value"])
    stated = indicators[indicators.indicator == "ai_investment_global_share"].iloc[0]
    period = str(inv.loc["中国", "period"])
    return {
        "period": period,
        "world": world,
        "china": china,
        "share_pct": 100.0 * china / world,
        "stated_share": float(stated.value),
        "stated_qualifier": stated.qualifier,
    }


def investment_table(inv: dict, lang: str, factor: float = 1.0, unit_text: str = "") -> pd.DataFrame:
    """`investment` as a table of measures (`measure_rows`) in `lang`, amounts times `factor` in `unit_text`."""
    zh = lang == "zh"
    st, re_ = ("提案所述", "复算") if zh else ("as stated", "recomputed")
    q = qualifier_label(inv["stated_qualifier"], lang)  # zh 以上 follows the number, the English wording precedes it
    pct, amt = unit_label("pct", lang), "{:,.1f} {unit}"
    share, stated = (
        ("中国占全球比重", f"{{:g}}{{unit}} {q}") if zh else ("China's share of the world", f"{q} {{:g}}{{unit}}")
    )
    rows = [
        ("全球人工智能领域投资额" if zh else "World AI investment", inv["world"] * factor, unit_text, amt, st),
        ("中国的投资规模" if zh else "China's AI investment", inv["china"] * factor, unit_text, amt, st),
        (share, inv["stated_share"], pct, stated, st),
        (share, inv["share_pct"], pct, "{:.2f}{unit}", re_),
        ("其余地区合计" if zh else "Rest of the world", (inv["world"] - inv["china"]) * factor, unit_text, amt, re_),
    ]
    return measure_rows(rows)


# ---- the bay areas as the proposal describes them ------------------------------------------------------------------------
# The statements themselves are a published dataset (published/nansha-proposal/bay_area_descriptions), whose
# schema checks every quote verbatim against its seed line.
# labels from catalog/terms.csv (groups bay_area, bay_aspect)
BAY_EN = {k: en for k, (_zh, en) in terms.group("bay_area").items()}
ASPECTS = terms.group("bay_aspect")  # aspect -> (zh, en)


def bay_area_long(bays: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The bay-area statements in `lang`: bay, bay_label, aspect, aspect_label, text (the quote in zh, our
    English rendering in en), quote (always the seed's words), seed_line."""
    out = bays.copy()
    out["bay_label"] = out["bay"] if lang == "zh" else out["bay"].map(BAY_EN)
    out["aspect_label"] = out["aspect"].map(lambda a: ASPECTS[a][0 if lang == "zh" else 1])
    out["text"] = out["quote"] if lang == "zh" else out["text_en"]
    return out[["bay", "bay_label", "aspect", "aspect_label", "text", "quote", "seed_line"]].reset_index(drop=True)


# ---- findings -------------------------------------------------------------------------------------------------------------
def _enterprise_progress(prog: pd.DataFrame) -> dict[str, str]:
    """The enterprise target's progress, and the targets without a current figure."""
    firms = prog[prog.indicator == "ai_enterprises"].iloc[0]
    missing = prog[prog.progress_pct.isna()]
    return {
        "kind": "note",
        "zh": (
            f"南沙 {int(firms.target_year)} 年企业数目标为超过 {firms.target:,.0f} 家，提案（{int(firms.target_year)} 年 8 月发布）报告已落户 "
            f"{firms.reported:,.0f} 多家，约为目标的 {firms.progress_pct:.0f}%；"
            + "、".join(missing.label)
            + " 提案没有报告对应的现值，无法衡量进度。"
        ),
        "en": (
            f"Nansha's {int(firms.target_year)} target is over {firms.target:,.0f} AI enterprises; the proposal (published August "
            f"{int(firms.target_year)}) reports over {firms.reported:,.0f}, about {firms.progress_pct:.0f}% of it. For "
            + "; ".join(missing.label)
            + " the proposal reports no current figure, so progress cannot be measured."
        ),
    }


def _guangdong_core_vs_market(gd: pd.DataFrame, cny: tuple[str, float]) -> dict[str, str]:
    """Guangdong's core AI industry and the national size it implies, against seed 003's modelled national market."""
    cu, cf = cny
    implied = gd[gd.kind == "implied"].iloc[0]
    model = gd[gd.kind == "model"]
    gd_core = float(implied.value * implied.guangdong_share_pct / 100.0)
    return {
        "kind": "note",
        "zh": (
            f"广东 {int(implied.year)} 年人工智能核心产业约 {gd_core:,.0f} 亿元、约占全国三分之一，隐含全国约 {implied.value:,.0f} 亿元；"
            f"而报告三的全国人工智能市场规模在 {int(implied.year)} 年（模型值）只有 {model.value.min():,.0f}–{model.value.max():,.0f} 亿元，"
            f"广东一省即相当于其 {model.guangdong_share_pct.min():.0f}%–{model.guangdong_share_pct.max():.0f}%。两份报告口径不同（核心产业规模与市场规模），"
            f"属跨报告比较，不作为错误。"
        ),
        "en": (
            f"Guangdong's {int(implied.year)} core AI industry of about {gd_core * cf:,.0f} {cu}, about a third of the country, "
            f"implies a national {implied.value * cf:,.0f} {cu}; seed 003's national AI market for {int(implied.year)} is only "
            f"{model.value.min() * cf:,.1f}–{model.value.max() * cf:,.1f} {cu} on its compound paths, so Guangdong alone would be "
            f"{model.guangdong_share_pct.min():.0f}–{model.guangdong_share_pct.max():.0f}% of it. Different scopes (core industry vs "
            f"market size) in different reports: a related comparison, not an error."
        ),
    }


def _investment_share(inv: dict, usd: tuple[str, float]) -> dict[str, str]:
    """China's share of world AI investment against the share the proposal states ('over …%')."""
    uu, uf = usd
    return {
        "kind": "reproduced" if inv["share_pct"] >= inv["stated_share"] else "discrepancy",
        "zh": (
            f"{inv['period']} 全球人工智能投资 {inv['world']:g} 亿美元、中国 {inv['china']:g} 亿美元，中国占 {inv['share_pct']:.1f}%，"
            f"与“占全球{inv['stated_share']:g}%以上”一致；其余地区合计 {inv['world'] - inv['china']:g} 亿美元。"
        ),
        "en": (
            f"In {inv['period']} world AI investment was {inv['world'] * uf:,.1f} and China's {inv['china'] * uf:,.1f} {uu}: China's share is "
            f"{inv['share_pct']:.1f}%, consistent with 'over {inv['stated_share']:g}%'; the rest of the world had {(inv['world'] - inv['china']) * uf:,.1f} {uu}."
        ),
    }


def _financing_reference(
    inv: dict, fin_2021: float, cny_per_usd: float, cny: tuple[str, float], usd: tuple[str, float]
) -> dict[str, str]:
    """Seed 003's 2021 AI financing beside this proposal's half-year investment, for reference."""
    cu, cf = cny
    uu, uf = usd
    return {
        "kind": "note",
        "zh": (
            f"报告三称 2021 年中国人工智能融资金额 {fin_2021:,.2f} 亿元（按每美元 {cny_per_usd:g} 元的假定汇率约 {fin_2021 / cny_per_usd:,.0f} 亿美元），"
            f"而本提案的 {inv['period']} 为 {inv['china']:g} 亿美元（半年）。两者时期、口径与来源均不同，仅作参照。"
        ),
        "en": (
            f"Seed 003 gives China's 2021 AI financing as {fin_2021 * cf:,.1f} {cu} (about {fin_2021 / cny_per_usd * uf:,.1f} {uu} at an assumed "
            f"{cny_per_usd:g} CNY per USD), this proposal {inv['china'] * uf:,.1f} {uu} for {inv['period']} (half a year). Periods, scopes and "
            f"sources differ; shown for reference only."
        ),
    }


def _guangdong_target_notes(targets_gd: list[dict], cny: tuple[str, float]) -> list[dict[str, str]]:
    """Per Guangdong target: the multiple from this proposal's base and the yearly growth it needs."""
    cu, cf = cny
    out: list[dict[str, str]] = []
    for t in targets_gd:
        out.append(
            {
                "kind": "note",
                "zh": (
                    f"{t['label_zh']}：{t['base_year']} 年 {t['base']:,.0f} 亿元（本提案）到 {t['target_year']} 年目标 {t['target']:,.0f} 亿元（报告三引广东规划），"
                    f"为 {t['multiple']:.1f} 倍，需年均增长 {t['implied_pct']:.1f}%。"
                ),
                "en": (
                    f"{t['label_en']}: from {t['base'] * cf:,.0f} {cu} in {t['base_year']} (this proposal) to the {t['target_year']} target of "
                    f"{t['target'] * cf:,.0f} {cu} (seed 003 quoting the Guangdong plan), {t['multiple']:.1f} times, needs {t['implied_pct']:.1f}% a year."
                ),
            }
        )
    return out


def findings(
    prog: pd.DataFrame,
    gd: pd.DataFrame,
    inv: dict,
    targets_gd: list[dict],
    fin_2021: float,
    cny_per_usd: float,
    cny: tuple[str, float] = ("亿元", 1.0),
    usd: tuple[str, float] = ("亿美元", 1.0),
) -> list[dict[str, str]]:
    """Findings (kind, zh, en) of the Nansha chapter besides the ledger's. `cny`, `usd`: (unit label, factor) for
    the English texts (the Chinese texts keep 亿元 / 亿美元)."""
    out = [
        _enterprise_progress(prog),
        _guangdong_core_vs_market(gd, cny),
        _investment_share(inv, usd),
        _financing_reference(inv, fin_2021, cny_per_usd, cny, usd),
    ]
    out += _guangdong_target_notes(targets_gd, cny)
    return out


# ---- the section: everything the targets_key_figures notebook computes ---------------------------------------------------
@dataclass
class TargetsKeyFigures:
    """What the Nansha chapter shows, computed once; the notebook words and draws it. `shown` holds the numbers
    of its sentences in the display unit (CNY: `cny` = (label, factor)), so zh and en format the same values."""

    progress: pd.DataFrame  # `progress_table`
    targets_table: (
        pd.DataFrame
    )  # progress with qualifier and unit labels in the chapter's language (tq, rq, unit_label)
    core: dict  # Guangdong's core industry against its target (`guangdong_targets`, first row)
    share: float  # Guangdong's stated share of the national core industry (percent)
    national: pd.DataFrame  # `guangdong_vs_national` (dataset unit)
    national_table: pd.DataFrame  # the same in the display unit
    size_years: list  # the years of seed 003's national market series
    targets_growth: pd.DataFrame  # `targets_growth_table` in the display unit
    investment: dict
    investment_table: pd.DataFrame
    shown: dict
    findings: list


def plan_numbers(prog: pd.DataFrame, factor: float = 1.0) -> dict:
    """The plan targets the chapter's first sentence quotes: Guangzhou's industry target and year, Nansha's
    target year, enterprise and industry targets, and the enterprises reported; industry values times `factor`."""
    gz = prog[prog.region == "广州"].iloc[0]
    return {
        "gz_target": gz.target * factor,
        "gz_year": gz.target_year,
        "nansha_year": prog.target_year.min(),
        "nansha_firms": prog[prog.indicator == "ai_enterprises"].target.iloc[0],
        "nansha_scale": prog[(prog.region == "南沙") & (prog.indicator == "ai_industry_scale")].target.iloc[0] * factor,
        "reported_firms": prog.reported.max(),
    }


def targets_key_figures(
    targets: pd.DataFrame,
    ind: pd.DataFrame,
    size: pd.DataFrame,
    cind: pd.DataFrame,
    city: pd.DataFrame,
    lang: str,
    cny: tuple[str, float],
    usd: tuple[str, float],
    cny_per_usd: float,
) -> TargetsKeyFigures:
    """The chapter computed from the proposal's datasets (`targets`, `ind`) and seed 003's (`size`: national
    market series, `cind`: national indicators, `city`: city/province indicators with the Guangdong plan)."""
    prog = progress_table(targets, ind, lang)
    gt = guangdong_targets(ind, city)
    core, share = gt[0], value_of(ind, indicator="core_ai_industry_national_share")
    gd = guangdong_vs_national(
        core["base"], share, size, value_of(cind, indicator="ai_market_size_cagr"), core["base_year"], lang
    )
    inv = investment(ind)
    uf = cny[1]
    shown = {
        **plan_numbers(prog, uf),
        "core_base": core["base"] * uf,
        "implied_national": gd[gd.kind == "implied"].value.iloc[0] * uf,
    }
    return TargetsKeyFigures(
        progress=prog,
        targets_table=prog.assign(
            tq=prog.target_qualifier.map(lambda q: qualifier_label(q, lang)),
            rq=prog.reported_qualifier.map(lambda q: qualifier_label(q, lang)),
            unit_label=prog.unit.map(lambda u: unit_label(u, lang)),
        ),
        core=core,
        share=share,
        national=gd,
        national_table=gd.assign(value=gd.value * uf),
        size_years=list(size.year),
        targets_growth=targets_growth_table(gt, lang, uf),
        investment=inv,
        investment_table=investment_table(inv, lang, usd[1], usd[0]),
        shown=shown,
        findings=findings(prog, gd, inv, gt, value_of(cind, indicator="financing_amount"), cny_per_usd, cny, usd),
    )


GBA_REGIONS = ("深圳", "粤港澳大湾区", "广州", "香港", "南沙")


def gba_rows(ind: pd.DataFrame) -> pd.DataFrame:
    """The proposal's numbers on Shenzhen, Guangzhou, Hong Kong, Nansha and the Greater Bay Area (without the
    enterprise and platform counts of the targets)."""
    return ind[ind.region.isin(list(GBA_REGIONS)) & ~ind.indicator.isin(["ai_enterprises", "ai_rd_platforms"])]
