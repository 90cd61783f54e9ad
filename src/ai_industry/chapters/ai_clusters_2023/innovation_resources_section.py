"""The section "创新资源" (seed 001, 七) assembled from `innovation_resources` and its `_firms`, `_findings` and
`_charts` siblings: the values the notebook's
sentences format (computed once here) and the figures and tables it shows (`show_*`, each taking the open
`Chapter`). Inputs are named by their short names in config/sections.yaml (`innovation_resources.RESOURCES`,
`FIRMS`, `PROGRAMMES`, `CLAIMS`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ai_industry.catalog import terms
from ai_industry.chapters.ai_clusters_2023 import innovation_resources as rs
from ai_industry.chapters.ai_clusters_2023 import innovation_resources_charts as rs_charts
from ai_industry.chapters.ai_clusters_2023 import innovation_resources_findings as rs_findings
from ai_industry.chapters.ai_clusters_2023 import innovation_resources_firms as rs_firms
from ai_industry.present import maps


def level_word(level: str, lang: str) -> str:
    """metro_region | province | city as a word in `lang` (都市圈 / metro region, …)."""
    zh, en = terms.group("ac23_resource_level")[level]
    return zh if lang == "zh" else en


# ---- inputs -------------------------------------------------------------------------------------------------
@dataclass
class Resources:
    claims: pd.DataFrame
    bases: dict[str, int]  # sample size of each resource (from the claims ledger)
    tidy: dict[str, pd.DataFrame]  # each resource's distribution in both units
    n_firms: int
    firms: pd.DataFrame  # the backbone firms' distribution
    programmes: pd.DataFrame  # institutions offering AI-related programmes
    names: dict[str, tuple[str, str]]  # resource -> (zh, en)


def load(ch) -> Resources:
    claims = ch.load(rs.CLAIMS)
    bases = {k: rs.base_count(claims, r.base_claim) for k, r in rs.RESOURCES.items()}
    tidy = {k: rs.tidy_distribution(ch.load(r.dataset), bases[k]) for k, r in rs.RESOURCES.items()}
    firm_raw = ch.load(rs.FIRMS)
    n_firms = int(firm_raw["base_count"].iloc[0])
    return Resources(
        claims=claims,
        bases=bases,
        tidy=tidy,
        n_firms=n_firms,
        firms=rs.tidy_distribution(firm_raw, n_firms),
        programmes=ch.load(rs.PROGRAMMES),
        names={k: (r.zh, r.en) for k, r in rs.RESOURCES.items()},
    )


# ---- one resource's figures and table ---------------------------------------------------------------------------
def show_figure(ch, s: Resources, key: str, level: str) -> None:
    """One of Figures 26–34 redrawn in the report's unit, the other unit in brackets."""
    res, base, unit = rs.RESOURCES[key], s.bases[key], rs.level_unit(s.tidy[key], level)
    frame = rs.bar_frame(s.tidy[key], level, base)
    xlabel = ch.t("share_pct") if unit == "pct" else ch.pick(f"数量（{res.classifier}）", "Number")
    fig = rs_charts.resource_bars(
        frame, ch.places(frame.region[~frame.remainder]), ch.t("others"), xlabel, digits=2 if unit == "pct" else 0
    )
    no, zh_l, en_l = res.figures[rs.LEVELS.index(level)], level_word(level, "zh"), level_word(level, "en")
    note = (
        ch.pick(
            "括号内“≈”为按样本量由占比推算并取整的数量，非报告所给。",
            "“≈” in brackets: the count implied by the share and the sample size, rounded — not given by the report.",
        )
        if unit == "pct"
        else ch.pick("括号内为按样本量换算的占比。", "In brackets: the count as a share of the sample.")
    )
    note += (
        ch.pick(
            "灰色斜线条为报告未列出的部分，其内部构成未知。",
            " The grey hatched bar is the part the report does not list; how it splits is unknown.",
        )
        if frame.remainder.any()
        else ""
    )
    ch.figure(
        fig,
        f"fig{no:02d}_{key}_{level}",
        [res.dataset, rs.CLAIMS],
        title=ch.pick(
            f"图{no}（重绘）{base:,}{res.classifier}{res.zh}的{zh_l}分布",
            f"Figure {no} (redrawn): the {base:,} {res.en} by {en_l}",
        ),
        note=note,
    )


def show_shares_table(ch, s: Resources, key: str) -> None:
    """A resource's regional distribution as given and as converted."""
    res, t = rs.RESOURCES[key], s.tidy[key]
    ch.table(
        t.assign(
            level_label=[level_word(lv, ch.lang) for lv in t.level],
            region_label=ch.places(t.region),
            reported_label=[ch.pick("数量", "count") if u == "count" else ch.pick("占比", "share") for u in t.reported],
        ),
        f"{key}_shares_counts",
        [res.dataset, rs.CLAIMS],
        title=ch.pick(
            f"{s.bases[key]:,}{res.classifier}{res.zh}的地区分布：报告所给与换算所得",
            f"The {s.bases[key]:,} {res.en} by region: as given and as converted",
        ),
        columns={
            "level_label": ch.t("level"),
            "rank": ch.t("rank"),
            "region_label": ch.t("region"),
            "reported_label": ch.pick("报告所给", "Given as"),
            "share_pct": ch.t("share_pct"),
            "count_text": ch.pick(f"数量（{res.classifier}）", "Count"),
            "seed_line": ch.pick("原文行", "Seed line"),
        },
        formats={"rank": "{:d}", "share_pct": "{:.2f}"},
        note=ch.pick(
            "“≈”为由占比和样本量推算并取整的数量；报告给出数量处，占比为换算所得。",
            "“≈”: count implied by the share and the sample size, rounded; where the report gives counts, the shares are computed from them.",
        ),
    )


def show_resource(ch, s: Resources, key: str) -> None:
    """A resource's three figures (metro region, province, city) and its table."""
    for level in rs.LEVELS:
        show_figure(ch, s, key, level)
    show_shares_table(ch, s, key)


def unreported(s: Resources, key: str) -> dict[str, tuple[float, float]]:
    """Per level: the share (percent) and implied count a resource's listed regions leave unreported."""
    return {lv: rs.unreported(s.tidy[key], lv, s.bases[key]) for lv in rs.LEVELS}


# ---- the university sample and the programmes ----------------------------------------------------------------
def programme_coverage(s: Resources) -> tuple[dict[str, float], str]:
    """The union bounds of the programme counts against the university sample, and the date of the counts."""
    prog = s.programmes.sort_values("count", ascending=False).reset_index(drop=True)
    return rs.programme_coverage(s.bases["universities"], s.programmes["count"]), prog.as_of[0]


def show_programmes(ch, s: Resources, cov: dict[str, Any]) -> None:
    """The programme counts against the sample (figure) and as a table."""
    programmes, lang, edu = s.programmes, ch.lang, terms.group("ac23_education_level")
    prog_labels = [
        ch.pick(f"{p.programme}（{edu[p.education_level][0]}）", f"{p.programme_en} ({edu[p.education_level][1]})")
        for p in programmes.itertuples()
    ]
    fig = rs_charts.programme_bars(
        prog_labels,
        list(programmes["count"]),
        ch.pick("本报告样本：AI大学", "The report's sample of AI universities"),
        s.bases["universities"],
        ch.pick(f"并集下限 {cov['union_low']:,.0f}", f"union ≥ {cov['union_low']:,.0f}"),
        ch.pick("高校数量（所）", "Institutions"),
    )
    ch.figure(
        fig,
        "programmes_vs_sample",
        [rs.PROGRAMMES, rs.CLAIMS],
        title=ch.pick(
            f"设置人工智能相关专业的高校数量与本报告的 {s.bases['universities']:,} 所样本",
            f"Institutions offering AI-related programmes and the report's sample of {s.bases['universities']:,}",
        ),
        note=ch.pick(
            "各专业数量有重叠（一校可开设多个专业），不能相加；虚线为三者并集的下限，即最大的单项数量。",
            "The programme counts overlap (one institution can offer several) and cannot be added; the dashed line is the least the union can be, the largest single count.",
        ),
    )
    ch.table(
        programmes.assign(
            level_label=[ch.pick(*edu[e]) for e in programmes.education_level],
            name=programmes.programme if lang == "zh" else programmes.programme_en,
        ),
        "ai_programme_universities",
        [rs.PROGRAMMES],
        title=ch.pick("设置人工智能相关专业的高校数量", "Institutions offering AI-related programmes"),
        columns={
            "name": ch.pick("专业", "Programme"),
            "level_label": ch.pick("层次", "Level"),
            "count": ch.pick("高校数（所）", "Institutions"),
            "as_of": ch.pick("截至", "As of"),
            "seed_line": ch.pick("原文行", "Seed line"),
        },
        formats={"count": "{:,}"},
    )


# ---- resources against firms -------------------------------------------------------------------------------------
@dataclass
class Comparison:
    pairs: pd.DataFrame  # regions listed on both sides: shares, gap and ratio
    sided: pd.DataFrame  # regions listed on one side only, with bounds
    lo: dict[str, Any]  # resource -> its row with the lowest ratio
    hi: dict[str, Any]  # resource -> its row with the highest ratio
    below: int  # pairs with a ratio below 1
    firm_only: Any  # the firm-listed region with the smallest bound on the ratio
    resource_only: Any  # the resource-listed region with the largest bound on the ratio


def compare(s: Resources) -> Comparison:
    pairs, sided = rs_firms.compare_with_firms(s.tidy, s.firms), rs_firms.one_sided(s.tidy, s.firms)
    ext = rs_firms.extremes(pairs)
    fo, ro = sided[sided.side == "≤"], sided[sided.side == "≥"]
    return Comparison(
        pairs=pairs,
        sided=sided,
        lo={r.resource: r for r in ext[ext.which == "low"].itertuples()},
        hi={r.resource: r for r in ext[ext.which == "high"].itertuples()},
        below=int((pairs.ratio < 1).sum()),
        firm_only=fo.loc[fo.ratio_bound.idxmin()],
        resource_only=ro.loc[ro.ratio_bound.idxmax()],
    )


def sources() -> list[str]:
    return [r.dataset for r in rs.RESOURCES.values()] + [rs.FIRMS]


def _against_firms_figure(ch, p: pd.DataFrame, level: str, n_firms: int, src: list[str]) -> None:
    """The dumbbell figure of one level's resource against firm shares (`p`: its pairs, labelled)."""
    fig = rs_charts.gap_dumbbell(
        [f"{a} · {b}" for a, b in zip(p.region_label, p.resource_label)],
        list(p.resource_share),
        list(p.firm_share),
        list(p.resource_label),
        ch.pick(f"{n_firms:,}家骨干企业", f"{n_firms:,} backbone firms"),
        ch.t("share_pct"),
        gap_unit=ch.pick("百分点", "pp"),
    )
    zh_l, en_l = level_word(level, "zh"), level_word(level, "en")
    ch.figure(
        fig,
        f"resources_vs_firms_{level}",
        src,
        title=ch.pick(
            f"创新资源与骨干企业的{zh_l}占比对照",
            f"Innovation resources and backbone firms by {en_l}: shares side by side",
        ),
        note=ch.pick(
            "深色点为企业占比，彩色点为资源占比；青色连线表示资源占比更高，橙色表示企业占比更高；右侧为差值与比值。只含两边都列出的地区。",
            "Dark dot: firm share; coloured dot: resource share; teal line where the resource share is larger, orange where the firms' is; right: gap and ratio. Only regions listed on both sides.",
        ),
    )


def _against_firms_table(ch, p: pd.DataFrame, level: str, n_firms: int, src: list[str]) -> None:
    """The table of one level's resource against firm shares: shares, counts, gap and ratio."""
    zh_l, en_l = level_word(level, "zh"), level_word(level, "en")
    ch.table(
        p.assign(count_label=[f"{n:,}" if u == "count" else f"≈{n:,}" for n, u in zip(p.resource_count, p.reported)]),
        f"resources_vs_firms_{level}",
        src + [rs.CLAIMS],
        title=ch.pick(
            f"创新资源与 {n_firms:,} 家骨干企业的{zh_l}占比：差值与比值",
            f"Innovation resources and the {n_firms:,} backbone firms by {en_l}: gap and ratio",
        ),
        columns={
            "resource_label": ch.pick("资源", "Resource"),
            "region_label": ch.t("region"),
            "resource_share": ch.pick("资源占比（%）", "Share (%)"),
            "count_label": ch.pick("资源数量", "Count"),
            "firm_share": ch.pick("企业占比（%）", "Firms (%)"),
            "firm_count": ch.pick("企业数量", "Firms"),
            "gap_pp": ch.pick("差值（百分点）", "Gap (pp)"),
            "ratio": ch.pick("比值", "Ratio"),
        },
        formats={
            "resource_share": "{:.2f}",
            "firm_share": "{:.2f}",
            "firm_count": "≈{:,}",
            "gap_pp": "{:+.2f}",
            "ratio": "{:.2f}",
        },
        note=ch.pick(
            "“≈”为由占比和样本量推算并取整的数量。", "“≈”: count implied by the share and the sample size, rounded."
        ),
    )


def show_against_firms(ch, s: Resources, c: Comparison) -> None:
    """Per level: the dumbbell figure of resource against firm shares and its table."""
    lang, n_firms, src = ch.lang, s.n_firms, sources()
    for level in rs.LEVELS:
        p = c.pairs[c.pairs.level == level].assign(
            resource_label=lambda d: [rs.RESOURCES[k].short(lang) for k in d.resource],
            region_label=lambda d: ch.places(d.region),
        )
        _against_firms_figure(ch, p, level, n_firms, src)
        _against_firms_table(ch, p, level, n_firms, src)


def show_bounds(ch, c: Comparison) -> None:
    """The regions listed on one side only: the bound on the unlisted side, the gap and the ratio."""
    lang, bt = ch.lang, rs_firms.bound_texts(c.sided)
    ch.table(
        bt.assign(
            resource_label=[rs.RESOURCES[k].short(lang) for k in bt.resource],
            region_label=[
                ch.pick(f"{r}（{level_word(lv, 'zh')}）", f"{ch.place(r)} ({level_word(lv, 'en')})")
                for r, lv in zip(bt.region, bt.level)
            ],
        ),
        "resources_vs_firms_bounds",
        sources(),
        title=ch.pick(
            "只在一边列出的地区：未列出一方占比的上限及差值、比值的区间",
            "Regions listed on one side only: the bound on the unlisted side, the gap and the ratio",
        ),
        note=ch.pick(
            "“≤”一侧为报告未列出的一方，其占比不超过该层级列出的最小占比及列出部分之外的余额。",
            "“≤” marks the unlisted side: its share is at most the smallest listed share at that level and at most what the listed regions leave.",
        ),
        columns={
            "resource_label": ch.pick("资源", "Resource"),
            "region_label": ch.t("region"),
            "resource_text": ch.pick("资源占比（%）", "Resource (%)"),
            "firm_text": ch.pick("企业占比（%）", "Firms (%)"),
            "gap_text": ch.pick("差值（百分点）", "Gap (pp)"),
            "ratio_text": ch.pick("比值", "Ratio"),
        },
    )


# ---- the map, the figures' coverage and the findings --------------------------------------------------------------
def show_map(ch, s: Resources, key: str) -> None:
    """One resource's provincial shares on a map; unlisted provinces hatched."""
    res = rs.resource(key)
    prov = rs.level_rows(s.tidy[key], "province", include_other=False)
    bound = rs.unlisted_bound(s.tidy[key], "province")
    fig = maps.province_choropleth(
        dict(zip(prov.region, prov.share_pct)), ch.t("share_pct"), ch.pick("报告未列出", "not listed")
    )
    ch.figure(
        fig,
        f"map_{key}_province",
        [res.dataset, rs.CLAIMS],
        title=ch.pick(
            f"{s.bases[key]:,}{res.classifier}{res.zh}的省份分布（地图）",
            f"The {s.bases[key]:,} {res.en} by province (map)",
        ),
        note=ch.pick(
            f"仅报告列出的 {len(prov)} 个省份着色；其余省份占比未公布（斜线），各自不超过 {bound:.2f}%。",
            f"Only the {len(prov)} provinces the report lists are coloured; the others are not published (hatched), each at most {bound:.2f}%.",
        ),
    )


def coverage(s: Resources) -> dict[str, Any]:
    """Which figures can be redrawn whole, which only in part, and Figure 33's legend provinces without a share."""
    figs = rs.figure_coverage(s.tidy, s.bases)
    return {
        "whole": list(figs.figure[figs.whole]),
        "partial": list(figs.figure[~figs.whole]),
        "no33": rs.RESOURCES["new_orgs"].figures[1],
        "fig33": rs.legend_without_numbers(s.tidy["new_orgs"]),
        "bound33": rs.unlisted_bound(s.tidy["new_orgs"], "province"),
    }


def findings(s: Resources, cov: dict[str, Any], c: Comparison) -> list[dict[str, str]]:
    """The report-vs-data findings: the sample definition, counts, nesting, equal shares and the comparison's limits."""
    checks = {k: rs.nesting_checks(t, rs.containment(rs.load_regions())) for k, t in s.tidy.items()}
    out = rs_findings.sample_findings(
        cov,
        s.programmes,
        rs.claim_line(s.claims, rs.RESOURCES["universities"].base_claim),
        rs.claim_line(s.claims, rs.INTRO_PROGRAMME_CLAIM),
    )
    out += (
        rs_findings.count_findings(s.tidy, s.bases, s.names)
        + rs_findings.nesting_findings(checks, s.names)
        + rs_findings.equality_findings(s.tidy, s.names)
    )
    out.append(rs_findings.comparison_limitation(c.pairs, c.sided))
    return out
