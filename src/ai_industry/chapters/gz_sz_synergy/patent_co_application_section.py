"""The section "专利合作：任意两城市的合作申请" (section id `patent_co_application`) assembled from
`patent_co_application`: the values the notebook's sentences format (computed once here) and the figures and tables it
shows (`show_*`, each taking the open `Chapter`), for the pair of cities of the loaded micro-data (`patent_data.Micro`)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ai_industry.chapters.gz_sz_synergy import patent_data as pdata
from ai_industry.chapters.gz_sz_synergy import patents as pp
from ai_industry.chapters.gz_sz_synergy.patent_co_application import (
    beside_published_partners,
    beside_published_structure,
    coverage_table,
    field_heatmap,
    field_matrix,
    pair_counts,
    pair_top_fields,
    partner_coverage,
    partner_list,
    structure_chart,
    structure_shares,
    trend_chart,
    trend_pairs,
    trend_summary,
)
from ai_industry.chapters.gz_sz_synergy.patents import REST
from ai_industry.methods import patents as pt


def partners(m: pdata.Micro, top_n: int) -> dict[str, Any]:
    """Co-applied patents by partner city, each city's top partners and how much of its co-applications they cover."""
    A, B, pats, apps = m.A, m.B, m.pats, m.apps
    partners = pt.partner_cities(pats, apps, cities=[A, B])
    lists = {c: partner_list(partners, c, top_n) for c in (A, B)}
    cover = {c: partner_coverage(pats, apps, c, list(lists[c].partner_city)) for c in (A, B)}
    return {"partners": partners, "lists": lists, "cover": cover}


def show_partner_figure(ch, m: pdata.Micro, pr: dict[str, Any], top_n: int) -> None:
    """Figure 2's shape: each city's top partners with the co-applications no listed partner covers."""
    A, B, SRC = m.A, m.B, m.SRC
    lists, cover = pr["lists"], pr["cover"]
    panels = [
        (
            ch.pick(
                f"第一申请人在{c}（合作申请 {cover[c]['total']:,} 件）",
                f"First applicant in {ch.place(c)} ({cover[c]['total']:,} co-applied)",
            ),
            [f"{ch.place(r.partner_city)} ({r.patents_count:,})" for r in lists[c].itertuples()],
            list(lists[c].share_pct),
            100 - cover[c]["listed_pct"],
        )
        for c in (A, B)
        if cover[c]["total"]
    ]
    if panels:
        fig = pp.panel_bars(
            panels,
            ch.pick("占本市合作申请专利的比重（%）", "Share of the city's co-applied patents (%)"),
            ch.pick("无所列城市的合作者", "No partner in a listed city"),
        )
        ch.figure(
            fig,
            "patent_partner_cities",
            SRC,
            title=ch.pick(
                f"图2的形式：第一申请人在{A}或{B}的人工智能合作申请专利，按合作城市（各前 {top_n} 位）",
                f"Figure 2's shape: AI co-applied patents with the first applicant in {ch.place(A)} or {ch.place(B)}, by partner city (top {top_n} each)",
            ),
            note=ch.pick(
                "括号内为件数。一件专利可有多个城市的合作者，会计入每个城市；灰色斜线条是没有任何所列城市合作者的合作专利（合作者在其他城市或同城），与所列部分互不重叠。",
                "Counts in brackets. A patent with partners in several cities counts under each; the grey hatched bar is the co-applied patents with no partner in a "
                "listed city (partners elsewhere or in the same city), disjoint from the listed part.",
            ),
        )


def show_partner_tables(ch, m: pdata.Micro, pr: dict[str, Any], top_n: int) -> None:
    """The partner counts and shares, and how much of the co-applications the listed partners cover."""
    A, B, SRC = m.A, m.B, m.SRC
    partners, cover = pr["partners"], pr["cover"]
    both = partner_list(partners, [A, B], top_n)
    ch.table(
        both.assign(first_label=ch.places(both.first_applicant_city), partner_label=ch.places(both.partner_city)),
        "patent_partner_cities",
        SRC,
        title=ch.pick("合作城市：件数与比重", "Partner cities: counts and shares"),
        columns={
            "first_label": ch.pick("第一申请人", "First applicant in"),
            "rank": ch.pick("名次", "Rank"),
            "partner_label": ch.pick("合作城市", "Partner"),
            "patents_count": ch.pick("件数", "Patents"),
            "share_pct": ch.pick("占合作申请（%）", "% of co-applied"),
            "share_cross_pct": ch.pick("占跨城合作（%）", "% of cross-city"),
            "first_city_total_count": ch.pick("本市合作申请", "City's co-applied"),
        },
        formats={
            "patents_count": "{:,}",
            "share_pct": "{:.2f}",
            "share_cross_pct": "{:.2f}",
            "first_city_total_count": "{:,}",
        },
        note=ch.pick(
            "报告以本市合作申请专利总量为比重的分母；“占跨城合作”以有其他城市合作者的专利为分母，供参考。",
            "The report's base is all of the city's co-applied patents; '% of cross-city' uses those with a partner in another city, for reference.",
        ),
    )
    cov = coverage_table(cover)
    ch.table(
        cov.assign(city_label=ch.places(cov.city)),
        "patent_partner_coverage",
        SRC,
        title=ch.pick("所列合作城市覆盖了多少合作申请", "How much of the co-applications the listed partners cover"),
        columns={
            "city_label": ch.pick("第一申请人所在城市", "First applicant in"),
            "total": ch.pick("合作申请", "Co-applied"),
            "listed": ch.pick("有所列城市合作者", "Partner in a listed city"),
            "listed_pct": "%",
            "other_only": ch.pick("仅其他城市合作者", "Partners elsewhere only"),
            "other_only_pct": "% ",
            "no_other_city": ch.pick("无外地合作者", "No partner in another city"),
            "no_other_city_pct": "%  ",
        },
        formats={
            "total": "{:,}",
            "listed": "{:,}",
            "other_only": "{:,}",
            "no_other_city": "{:,}",
            "listed_pct": "{:.2f}",
            "other_only_pct": "{:.2f}",
            "no_other_city_pct": "{:.2f}",
        },
        note=ch.pick(
            "三部分互不重叠，合计为本市合作申请；“无外地合作者”含合作者与第一申请人同城或地址无法定位的专利。",
            "The three parts are disjoint and add up to the city's co-applied patents; 'no partner in another city' includes same-city partners and unplaced addresses.",
        ),
    )


def pair(m: pdata.Micro, pr: dict[str, Any]) -> dict[str, float]:
    """The two cities' links (`pair_counts`) and the co-applied patents of the two together."""
    p = pair_counts(pr["partners"], m.an.tables["city_pairs"], m.A, m.B)
    return p | {"co_applied": p["co_applied_a"] + p["co_applied_b"]}


def show_partners_vs_published(ch, m: pdata.Micro, pr: dict[str, Any], co_pub: pd.DataFrame) -> None:
    """The partner cities computed beside the report's (Guangzhou–Shenzhen only)."""
    SRC = m.SRC
    side = beside_published_partners(pr["partners"], co_pub)
    ch.table(
        side.assign(first_label=ch.places(side.first_applicant_city), partner_label=ch.places(side.partner_city)),
        "patent_partners_vs_published",
        SRC + ["co_applied_patents"],
        title=ch.pick("合作城市：计算结果与报告公布的数字", "Partner cities: computed and as published"),
        columns={
            "first_label": ch.pick("第一申请人", "First applicant in"),
            "partner_label": ch.pick("合作城市", "Partner"),
            "published_count": ch.pick("报告件数", "Report: n"),
            "published_share_pct": ch.pick("报告比重（%）", "Report: %"),
            "computed_count": ch.pick("计算件数", "Computed: n"),
            "computed_share_pct": ch.pick("计算比重（%）", "Computed: %"),
        },
        formats={
            "published_count": "{:,}",
            "computed_count": "{:,}",
            "published_share_pct": "{:.2f}",
            "computed_share_pct": "{:.2f}",
        },
        note=ch.pick(
            "报告比重 = 报告件数 ÷ 报告所述本市合作申请总量（广州、深圳分别为报告所给的总数）；计算比重以本数据的合作申请总量为分母。",
            "Report % = the report's count ÷ the city's co-applied total stated in the report; computed % uses this data's co-applied total.",
        ),
    )


def trend(m: pdata.Micro, pr: dict[str, Any], trend_partners: int) -> dict[str, Any]:
    """Co-applications by year of the two cities with each other and with their main partners, their summary, and the rows of the two directions between the cities (None without co-applications)."""
    A, B, pats, apps = m.A, m.B, m.pats, m.apps
    partners = pr["partners"]
    prs = trend_pairs(partners, A, B, trend_partners)
    trend = pt.partner_trend(pats, apps, pairs=prs)
    summ = trend_summary(trend)
    found = bool(trend.patents_count.sum())
    ab, ba = (
        (summ[(summ.first_applicant_city == x) & (summ.partner_city == y)].iloc[0] for x, y in ((A, B), (B, A)))
        if found
        else (None, None)
    )
    return {"prs": prs, "trend": trend, "summ": summ, "found": found, "ab": ab, "ba": ba}


def show_trend_figure(ch, m: pdata.Micro, tr: dict[str, Any]) -> None:
    """Figure 3's shape: co-applications by application year."""
    A, B, SRC = m.A, m.B, m.SRC
    trend = tr["trend"]
    fig = trend_chart(
        trend,
        A,
        B,
        ch.place,
        lambda c: ch.pick(f"第一申请人在{c}", f"First applicant in {ch.place(c)}"),
        ch.pick("合作申请专利（件）", "Co-applied patents"),
    )
    ch.figure(
        fig,
        "patent_pair_trend",
        SRC,
        title=ch.pick(
            f"图3的形式：{A}与{B}及各自主要合作城市的合作申请专利，按申请年份",
            f"Figure 3's shape: co-applications of {ch.place(A)} and {ch.place(B)} and their main partners, by application year",
        ),
        note=ch.pick(
            "粗线为两市之间的合作。发明专利申请一般在申请后约十八个月才公开，最近两年的数字偏低，不宜据此判断下降。",
            "The thick lines are the two cities' co-applications with each other. Invention applications are published about eighteen months after filing, so the last two years are undercounted; do not read a fall into them.",
        ),
    )


def show_trend_table(ch, m: pdata.Micro, tr: dict[str, Any]) -> None:
    """Co-applications per period and peak year, per pair."""
    SRC, lang = m.SRC, ch.lang
    trend, summ, per = tr["trend"], tr["summ"], m.per
    pperiod = pdata.pair_periods(trend, per)
    plab = {p: pdata.period_label(p, s, lang) for p, s in per.items()}
    ch.table(
        pperiod.merge(summ, on=["first_applicant_city", "partner_city"]).assign(
            first_label=lambda f: ch.places(f.first_applicant_city), partner_label=lambda f: ch.places(f.partner_city)
        ),
        "patent_pair_trend",
        SRC,
        title=ch.pick("合作申请专利：各时期合计与峰值年份", "Co-applied patents: per period and peak year"),
        columns={
            "first_label": ch.pick("第一申请人", "First applicant in"),
            "partner_label": ch.pick("合作城市", "Partner"),
            **{p: plab[p] for p in per},
            "patents_count": ch.pick("全部年份", "All years"),
            "peak_year": ch.pick("峰值年份", "Peak year"),
            "peak_count": ch.pick("峰值件数", "Peak"),
        },
        formats={**{p: "{:,}" for p in per}, "patents_count": "{:,}", "peak_year": "{}", "peak_count": "{:,}"},
    )


def fields(m: pdata.Micro, tr: dict[str, Any], fields_top: int) -> dict[str, Any]:
    """IPC subclasses of each pair's co-applications: the matrix of the top ones, and each direction's leading subclass with its labels."""
    A, B, pats, apps, prs = m.A, m.B, m.pats, m.apps, tr["prs"]
    pf = pt.partner_fields(pats, apps, pairs=prs, top=None)
    mat = field_matrix(pf, prs, fields_top)
    ref = pp.ipc_reference().set_index("subclass")
    lead = pair_top_fields(pf, [(A, B), (B, A)], 1) if len(mat) else pd.DataFrame()
    lead_rows = [
        {
            "first": r.first_applicant_city,
            "partner": r.partner_city,
            "share": r.share_pct,
            "zh": pdata.subclass_label(r.ipc_subclass, ref.title_zh.get(r.ipc_subclass, ""), "", "zh", 16),
            "en": pdata.subclass_label(r.ipc_subclass, "", ref.title_en.get(r.ipc_subclass, ""), "en", 36),
        }
        for r in lead.itertuples()
    ]
    return {"pf": pf, "mat": mat, "ref": ref, "prs": prs, "lead": lead_rows}


def show_fields(ch, m: pdata.Micro, fl: dict[str, Any], fields_top: int) -> None:
    """The heatmap of the pairs' subclasses and the table of each pair's top ones."""
    SRC, lang = m.SRC, ch.lang
    pf, mat, ref, prs = fl["pf"], fl["mat"], fl["ref"], fl["prs"]
    rows = [ch.pick(f"{x}→{y}", f"{ch.place(x)} → {ch.place(y)}") for x, y in mat.index]
    cols = [ch.pick("其他小类及无IPC", "Other subclasses, no IPC") if c == REST else c for c in mat.columns]
    ch.figure(
        field_heatmap(
            mat, rows, cols, ch.pick("占该组合合作专利的比重（%）", "Share of the pair's co-applications (%)")
        ),
        "patent_pair_fields",
        SRC,
        title=ch.pick(
            "合作申请专利的IPC主分类小类：两市之间及各自主要合作城市",
            "IPC main subclasses of the co-applications: between the two cities and with their main partners",
        ),
        note=ch.pick(
            f"行为“第一申请人所在城市→合作城市”；列为各组合前 {fields_top} 位小类的并集，最后一列为其余小类及无IPC的专利；每行合计一百。",
            f"Rows are 'first applicant's city → partner'; columns the union of each pair's top {fields_top} subclasses, the last one the other subclasses and patents without an IPC code; each row adds up to one hundred.",
        ),
    )
    topf = pair_top_fields(pf, prs, fields_top).assign(
        pair_label=lambda f: [
            ch.pick(f"{x}→{y}", f"{ch.place(x)} → {ch.place(y)}")
            for x, y in zip(f.first_applicant_city, f.partner_city)
        ],
        label=lambda f: [
            pdata.subclass_label(c, ref.title_zh.get(c, ""), ref.title_en.get(c, ""), lang, ch.pick(16, 36))
            for c in f.ipc_subclass
        ],
    )
    ch.table(
        topf,
        "patent_pair_fields",
        SRC,
        title=ch.pick(
            f"各组合合作专利的前 {fields_top} 位IPC小类",
            f"Top {fields_top} IPC subclasses of each pair's co-applications",
        ),
        columns={
            "pair_label": ch.pick("组合", "Pair"),
            "rank": ch.pick("名次", "Rank"),
            "label": ch.pick("IPC小类", "IPC subclass"),
            "patents_count": ch.pick("件数", "Patents"),
            "share_pct": ch.pick("占该组合（%）", "% of the pair"),
            "pair_total_count": ch.pick("该组合合计", "Pair total"),
        },
        formats={"share_pct": "{:.1f}"},
        note=ch.pick(
            "名次并列时按IPC代码顺序取前几位，名次列保留并列。",
            "Where ranks tie, the first by IPC code are shown; the rank column keeps the ties.",
        ),
    )


def show_iur(ch, m: pdata.Micro, iur: pd.DataFrame) -> None:
    """Co-application, cross-city and 产学研 shares per city, drawn and tabled."""
    A, B, SRC = m.A, m.B, m.SRC
    ix = iur.reset_index()
    cats = [
        ch.pick("合作申请", "Co-applied"),
        ch.pick("有其他城市合作者", "With a partner elsewhere"),
        ch.pick("产学研合作申请", "Industry–university–research"),
    ]
    fig = pp.paired_bars(
        cats,
        {ch.place(c): [iur.co_applied_share_pct[c], iur.cross_city_share_pct[c], iur.iur_share_pct[c]] for c in (A, B)},
        ch.pick("占本市人工智能专利的比重（%）", "Share of the city's AI patents (%)"),
        digits=2,
    )
    ch.figure(
        fig,
        "patent_iur_shares",
        SRC,
        title=ch.pick(
            f"{A}与{B}的合作申请与产学研合作申请比重",
            f"Co-application and industry–university–research shares of {ch.place(A)} and {ch.place(B)}",
        ),
        note=ch.pick(
            "产学研：申请人中至少有一所高校或科研机构、且至少有一家企业。三类不是互斥的：产学研与跨城合作都属于合作申请。",
            "Industry–university–research: at least one university or research institute and at least one enterprise among the applicants. The three overlap: both other kinds are co-applications.",
        ),
    )
    ch.table(
        ix.assign(city_label=ch.places(ix.city)),
        "patent_iur_shares",
        SRC,
        title=ch.pick("合作申请与产学研合作申请", "Co-applications and industry–university–research co-applications"),
        columns={
            "city_label": ch.t("city"),
            "patents_count": ch.pick("人工智能专利", "AI patents"),
            "co_applied_count": ch.pick("合作申请", "Co-applied"),
            "co_applied_share_pct": "%",
            "iur_count": ch.pick("产学研", "Ind.–univ.–res."),
            "iur_share_pct": ch.pick("占全部（%）", "% of all"),
            "iur_share_of_co_applied_pct": ch.pick("占合作申请（%）", "% of co-applied"),
        },
        formats={
            "patents_count": "{:,}",
            "co_applied_count": "{:,}",
            "iur_count": "{:,}",
            "co_applied_share_pct": "{:.2f}",
            "iur_share_pct": "{:.2f}",
            "iur_share_of_co_applied_pct": "{:.2f}",
        },
        note=ch.pick(
            "报告的“产学研合作申请专利量占比”以本市全部人工智能专利为分母（“占全部”）。",
            "The report's share of industry–university–research co-applications is of all the city's AI patents ('% of all').",
        ),
    )


def sole(m: pdata.Micro) -> dict[str, Any]:
    """Sole-applicant patents by applicant type per city, the shares drawn, and each city's group shares."""
    A, B, pats = m.A, m.B, m.pats
    rules = pt.load_applicant_type_rules()
    sole = pt.sole_applicant_structure(pats, cities=[A, B], type_rules=rules)
    shares = structure_shares(sole, [A, B], list(rules.types))
    grp = {c: sole[sole.city == c].drop_duplicates("group").set_index("group").group_share_pct for c in (A, B)}
    return {"rules": rules, "sole": sole, "shares": shares, "grp": grp}


def show_sole_figure(ch, m: pdata.Micro, so: dict[str, Any]) -> None:
    """Sole-applicant patents by applicant type, drawn."""
    A, B, SRC, lang = m.A, m.B, m.SRC, ch.lang
    rules, shares = so["rules"], so["shares"]
    fig = structure_chart(
        shares,
        ch.places([A, B]),
        [rules.types[t][lang] for t in shares.columns],
        ch.pick("占本市独立申请专利的比重（%）", "Share of the city's sole-applicant patents (%)"),
    )
    ch.figure(
        fig,
        "patent_sole_applicants",
        SRC,
        title=ch.pick(
            f"{A}与{B}独立申请的人工智能专利：申请人类型",
            f"Sole-applicant AI patents of {ch.place(A)} and {ch.place(B)} by applicant type",
        ),
        note=ch.pick(
            "类型由申请人名称判断（rules/applicant_types.yaml）；不足百分之四的部分未标数字。",
            "Types from the applicant's name (rules/applicant_types.yaml); segments under four percent are not labelled.",
        ),
    )


def show_sole_table(ch, m: pdata.Micro, so: dict[str, Any]) -> None:
    """Sole-applicant patents by applicant type, tabled."""
    SRC, lang = m.SRC, ch.lang
    rules, sole = so["rules"], so["sole"]
    ch.table(
        sole.assign(city_label=ch.places(sole.city), type_label=[rules.types[t][lang] for t in sole.applicant_type]),
        "patent_sole_applicants",
        SRC,
        title=ch.pick("独立申请专利的申请人类型", "Sole-applicant patents by applicant type"),
        columns={
            "city_label": ch.t("city"),
            "type_label": ch.pick("类型", "Type"),
            "patents_count": ch.pick("件数", "Patents"),
            "share_pct": "%",
            "sole_total_count": ch.pick("本市独立申请", "City's sole-applicant"),
        },
        formats={"patents_count": "{:,}", "share_pct": "{:.2f}", "sole_total_count": "{:,}"},
    )


def show_structure_vs_published(
    ch, m: pdata.Micro, so: dict[str, Any], iur: pd.DataFrame, app_pub: pd.DataFrame
) -> None:
    """The applicant structure computed beside the report's (Guangzhou–Shenzhen only)."""
    SRC, lang = m.SRC, ch.lang
    synthetic, ix = m.synthetic, iur.reset_index()
    sp = beside_published_structure(so["sole"], ix, app_pub)
    ch.table(
        sp.assign(
            city_label=ch.places(sp.city),
            ind_label=[pp.applicant_label(i, lang) for i in sp.indicator],
            pub_label=[pp.value_text(v, "pct", q, lang) for v, q in zip(sp.published_pct, sp.qualifier)],
        ),
        "patent_structure_vs_published",
        SRC + ["applicant_structure"],
        title=ch.pick("申请主体结构：计算结果与报告公布的数字", "Applicant structure: computed and as published"),
        columns={
            "city_label": ch.t("city"),
            "ind_label": ch.t("measure"),
            "pub_label": ch.pick("报告", "Report"),
            "computed_pct": ch.pick("计算（%）", "Computed (%)"),
        },
        formats={"computed_pct": "{:.2f}"},
        note=ch.pick(
            "独立申请的比重以本市独立申请专利为分母，产学研以本市全部人工智能专利为分母。"
            + ("演示数据按报告数字校准，一致是构造使然，不是复现。" if synthetic else ""),
            "Sole-applicant shares are of the city's sole-applicant patents, industry–university–research of all its AI patents."
            + (
                " The demo is calibrated to the report's numbers: agreement is by construction, not a reproduction."
                if synthetic
                else ""
            ),
        ),
    )
