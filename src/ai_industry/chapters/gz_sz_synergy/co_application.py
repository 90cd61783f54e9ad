"""The section "专利合作与产学研协同" (seed 000, 4.1–4.3): the values the notebook's sentences format (computed once
here, in result objects) and the figures and tables it shows (`show_*`, each taking the open `Chapter`). Inputs are
named by their short names in config/sections.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ai_industry.chapters.gz_sz_synergy import patents as pp

CO, APP = "co_applied_patents", "applicant_structure"
GZ, SZ, BJ = "广州", "深圳", "北京"
IUR = "industry_university_research_coapplication"


# ---- inputs -------------------------------------------------------------------------------------------------
@dataclass
class CoApplication:
    co: pd.DataFrame  # co-applied patents by first-applicant city and partner city, as printed
    app: pd.DataFrame  # applicant structure and 产学研 shares, as printed
    ps: pd.DataFrame  # partner shares recomputed from the counts (`pp.partner_shares`)
    rem: pd.DataFrame  # what the named partners leave, by first-applicant city (`pp.partner_remainder`)
    link: dict[str, float]  # the Guangzhou–Shenzhen links in both directions (`pp.pair_links`)


def load(ch, share_decimals: int) -> CoApplication:
    """The section's inputs with the partner shares recomputed at the printed decimals."""
    co, app = ch.load(CO), ch.load(APP)
    return CoApplication(
        co=co,
        app=app,
        ps=pp.partner_shares(co, decimals=share_decimals),
        rem=pp.partner_remainder(co).set_index("first_applicant_city"),
        link=pp.pair_links(co, GZ, SZ),
    )


# ---- partner cities -------------------------------------------------------------------------------------------
def partner_text(ch, d: CoApplication, city: str) -> str:
    """The partners the report names for `city`, with counts and recomputed shares, in the chapter's language."""
    rows = d.ps[d.ps.first_applicant_city == city]
    if ch.lang == "zh":
        return "、".join(
            f"{r.partner_city} {r.patents_count} 件（{r.share_recomputed_pct:.2f}%）" for r in rows.itertuples()
        )
    return ", ".join(
        f"{ch.place(r.partner_city)} {r.patents_count} ({r.share_recomputed_pct:.2f}%)" for r in rows.itertuples()
    )


def partner_summary(d: CoApplication) -> dict[str, Any]:
    """Shenzhen–Beijing's count, the partners Guangzhou co-applies with more than with Shenzhen and those Shenzhen
    co-applies with less than with Guangzhou, and Shenzhen–Beijing against both Guangzhou–Shenzhen directions."""
    ps, link = d.ps, d.link
    bj = ps[(ps.first_applicant_city == SZ) & (ps.partner_city == BJ)].iloc[0]
    return {
        "bj": bj.patents_count,
        "bj_ratio": bj.patents_count / link["both"],
        "gz_others": list(
            ps[
                (ps.first_applicant_city == GZ) & (ps.partner_city != SZ) & (ps.patents_count > link["a_to_b"])
            ].partner_city
        ),
        "sz_others": list(
            ps[
                (ps.first_applicant_city == SZ) & (ps.partner_city != GZ) & (ps.patents_count < link["b_to_a"])
            ].partner_city
        ),
    }


def show_partners_figure(ch, d: CoApplication) -> None:
    """Figure 2, partly redrawn: each city's named partners with the unnamed rest."""
    ps, rem = d.ps, d.rem
    panels = [
        (
            ch.pick(
                f"第一申请人在{c}（共 {rem.total[c]:,} 件）", f"First applicant in {ch.place(c)} ({rem.total[c]:,})"
            ),
            [f"{ch.place(r.partner_city)} ({r.patents_count})" for r in ps[ps.first_applicant_city == c].itertuples()],
            list(ps[ps.first_applicant_city == c].share_recomputed_pct),
            rem.rest_share_pct[c],
        )
        for c in rem.index
    ]
    fig = pp.panel_bars(
        panels, ch.pick("占本市合作专利的比重（%）", "Share of the city's co-applied patents (%)"), ch.t("others")
    )
    ch.figure(
        fig,
        "fig02_co_applied_partners",
        [CO],
        title=ch.pick(
            "图2（部分重绘）第一申请人地址为广州或深圳的人工智能领域合作专利：报告列出的合作城市",
            "Figure 2 (partly redrawn): AI co-applied patents with the first applicant in Guangzhou or Shenzhen, the partner cities the report names",
        ),
        note=ch.pick(
            "比重均由件数除以本市合作专利总量重算（佛山、珠海、东莞的比重报告未给出）；括号内为件数。灰色斜线条为报告未列出的其余部分（其他城市及同城合作等），"
            "其构成未知；若一件专利有多个城市的合作者，它会计入多个城市，因此其余部分只是近似。",
            "All shares are recomputed as count ÷ the city's co-applied total (the report gives none for Foshan, Zhuhai, Dongguan); counts in brackets. "
            "The grey hatched bar is what the named partners leave (other cities, same-city partners, …), its split unknown; a patent with partners "
            "in several cities counts under each, so the remainder is approximate.",
        ),
    )


def show_partner_tables(ch, d: CoApplication) -> None:
    """The partner counts and shares (printed and recomputed), and how much of each city the named partners cover."""
    ps, rem = d.ps, d.rem
    status = {"reproduced": ch.t("reproduced"), "not stated": ch.t("not stated"), "discrepancy": ch.t("discrepancy")}
    ch.table(
        ps.assign(
            first_label=ch.places(ps.first_applicant_city),
            partner_label=ch.places(ps.partner_city),
            status_label=ps.status.map(status),
        ),
        "co_applied_partner_shares",
        [CO],
        title=ch.pick(
            "合作城市的件数与比重：报告所述与由件数重算",
            "Partner counts and shares: as printed and recomputed from the counts",
        ),
        columns={
            "first_label": ch.pick("第一申请人", "First applicant"),
            "partner_label": ch.pick("合作城市", "Partner"),
            "patents_count": ch.pick("件数", "Patents"),
            "first_city_total_count": ch.pick("本市合作总量", "City total"),
            "share_pct": ch.pick("报告比重（%）", "Printed %"),
            "share_recomputed_pct": ch.pick("重算比重（%）", "Recomputed %"),
            "diff_pp": ch.t("difference"),
            "status_label": ch.t("status"),
        },
        formats={
            "share_pct": "{:.2f}",
            "share_recomputed_pct": "{:.2f}",
            "diff_pp": "{:+.4f}",
            "first_city_total_count": "{:,}",
        },
    )
    ch.table(
        rem.reset_index().assign(city_label=lambda f: ch.places(f.first_applicant_city)),
        "co_applied_remainder",
        [CO],
        title=ch.pick(
            "报告列出的合作城市覆盖了多少", "How much of each city's co-applications the named partners cover"
        ),
        columns={
            "city_label": ch.pick("第一申请人所在城市", "First applicant in"),
            "partners": ch.pick("列出的合作城市", "Partners named"),
            "listed_count": ch.pick("列出部分件数", "Named: patents"),
            "listed_share_pct": ch.pick("列出部分（%）", "Named (%)"),
            "rest_count": ch.pick("其余件数", "Rest: patents"),
            "rest_share_pct": ch.pick("其余（%）", "Rest (%)"),
        },
        formats={"listed_share_pct": "{:.2f}", "rest_share_pct": "{:.2f}"},
    )


# ---- applicants and 产学研 ------------------------------------------------------------------------------------
def applicants(d: CoApplication) -> dict[str, Any]:
    """Per city the one sole-applicant row the report gives and the 产学研 share; Guangzhou's 产学研 share as a
    multiple of Shenzhen's."""
    app = d.app
    a = app.set_index(["city", "indicator"])
    sole = {c: app[(app.city == c) & (app.indicator != IUR)].iloc[0] for c in (GZ, SZ)}
    iur = {c: a.loc[(c, IUR), "share_pct"] for c in (GZ, SZ)}
    return {"sole": sole, "iur": iur, "iur_ratio": iur[GZ] / iur[SZ]}


def show_applicant_figure(ch, s: dict[str, Any]) -> None:
    """Each city's sole-applicant and 产学研 shares, with the rest."""
    sole, iur, lang = s["sole"], s["iur"], ch.lang
    panels = [
        (
            ch.place(c),
            [pp.applicant_label(sole[c].indicator, lang), pp.applicant_label(IUR, lang)],
            [sole[c].share_pct, iur[c]],
            100 - sole[c].share_pct - iur[c],
        )
        for c in (GZ, SZ)
    ]
    fig = pp.panel_bars(
        panels,
        ch.pick("占本市人工智能专利的比重（%）", "Share of the city's AI patents (%)"),
        ch.t("others"),
        digits=None,
    )
    ch.figure(
        fig,
        "applicant_structure",
        [APP],
        title=ch.pick(
            "广深人工智能专利的申请主体与产学研合作申请",
            "Who applies for Guangzhou's and Shenzhen's AI patents, and industry–university–research co-applications",
        ),
        note=ch.pick(
            "独立申请人的比重为约数（广州“约”、深圳“约…左右”）；两类比重的分母报告未明说，此处按同为本市全部人工智能专利处理，"
            "二者互不重叠（独立申请与合作申请），灰色斜线条为其余部分（其他独立申请人及其他合作申请），构成未知。",
            "The sole-applicant shares are approximate ('about'); the report does not state the bases, taken here as all of the city's AI patents for both, "
            "which do not overlap (sole vs joint applications). The grey hatched bar is the rest (other sole applicants, other co-applications), split unknown.",
        ),
    )


def show_applicants(ch, d: CoApplication) -> None:
    """The applicant structure and 产学研 shares as printed."""
    app, lang = d.app, ch.lang
    ch.table(
        app.assign(
            city_label=ch.places(app.city),
            ind_label=[pp.applicant_label(i, lang) for i in app.indicator],
            value_label=[pp.value_text(v, "pct", q, lang) for v, q in zip(app.share_pct, app.qualifier)],
        ),
        "applicant_structure",
        [APP],
        title=ch.pick(
            "申请主体结构与产学研合作申请比重（报告所述）",
            "Applicant structure and industry–university–research co-application shares (as stated)",
        ),
        columns={
            "city_label": ch.t("city"),
            "ind_label": ch.t("measure"),
            "value_label": ch.pick("比重", "Share"),
            "seed_line": ch.pick("原文行", "Seed line"),
        },
    )


# ---- the bay areas (4.1, citing reference [26]) ------------------------------------------------------------------
BAY = "bay_area_cross_city_rate"


def bay_areas(bay: pd.DataFrame) -> dict[str, Any]:
    """The Greater Bay Area's cross-city co-operation rate (percent) and the bay areas the text compares it with
    without a rate: {"known": rows with a rate, "unknown": rows without one}."""
    known = bay[bay.rate_pct.notna()].reset_index(drop=True)
    if known.empty:
        raise ValueError(f"{BAY}: no bay area has a rate")
    return {"known": known, "unknown": bay[bay.rate_pct.isna()].reset_index(drop=True)}


def bay_area_chart(labels: list[str], rates: list[float], missing: list[tuple[str, str]], xlabel: str):
    """Bars of the known rates (percent) and, for each (label, text) in `missing`, a dashed empty box across
    the axis with the text: a rate the source does not give, drawn as missing (no height is implied)."""
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.patches import Rectangle

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    n = len(labels) + len(missing)
    fig, ax = plt.subplots(figsize=(7.5, 0.6 * n + 1.3))
    xmax = max(rates) * 4
    ax.barh(range(len(rates)), rates, color=sns.color_palette("crest", 1), height=0.6)
    for i, v in enumerate(rates):
        ax.text(v, i, f" {v:.2f}", va="center", fontsize=9)
    for k, (_, text) in enumerate(missing):
        y = len(rates) + k
        ax.add_patch(
            Rectangle((0, y - 0.3), xmax, 0.6, fill=False, hatch="..", edgecolor="#8c959f", linestyle="--", lw=0.8)
        )
        ax.text(
            xmax / 2,
            y,
            text,
            ha="center",
            va="center",
            fontsize=8.5,
            color="#37474f",
            bbox={"facecolor": "white", "edgecolor": "none"},
        )
    ax.set_yticks(range(n), [*labels, *(lab for lab, _ in missing)])
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, xmax)
    ax.set_xlabel(xlabel)
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


def show_bay_areas(ch) -> dict[str, Any]:
    """The Greater Bay Area's cross-city patent co-operation rate against the three other bay areas, whose rates
    the text does not give (drawn as missing); returns `bay_areas`."""
    b = bay_areas(ch.load(BAY))
    known, unknown = b["known"], b["unknown"]
    rate = float(known.rate_pct.iloc[0])
    fig = bay_area_chart(
        [ch.pick(z, e) for z, e in zip(known.bay_area, known.bay_area_en)],
        list(known.rate_pct),
        [
            (
                ch.pick(z, e),
                ch.pick(
                    f"比率未给出：正文只说 {rate:.2f}% {r.split('（')[0]}它们",
                    f"rate not given: the text only says {rate:.2f}% is {re_} theirs",
                ),
            )
            for z, e, r, re_ in zip(
                unknown.bay_area,
                unknown.bay_area_en,
                unknown.relation_zh,
                (x.split(" (")[0] for x in unknown.relation_en),
            )
        ],
        ch.pick("内部跨城市专利合作比率（%）", "Cross-city patent co-operation rate within the bay area (%)"),
    )
    ref = known.reference.iloc[0]
    ch.figure(
        fig,
        "bay_areas_cross_city_rate",
        [BAY],
        title=ch.pick(
            "粤港澳大湾区内部跨城市专利合作比率与世界其他三大湾区（后者未给出数值）",
            "Cross-city patent co-operation within the Greater Bay Area and the world's other three bay areas (their rates not given)",
        ),
        note=ch.pick(
            f"报告引文献{ref}，只给出粤港澳大湾区的比率（全部专利，非仅人工智能专利），未列出其他三大湾区的名称和比率；虚线空框表示未给出的数值，不代表任何高度。",
            f"The report cites reference {ref} and gives only the Greater Bay Area's rate (all patents, not AI patents only); it neither names the other three bay areas nor gives their rates. "
            "The dashed empty box marks a value not given and implies no height.",
        ),
    )
    return b
