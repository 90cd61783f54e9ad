"""The section "专利数据方法" (section id `patent_method`) assembled from `patent_method`: the values the notebook's
sentences format (computed once here) and the figures and tables it shows (`show_*`, each taking the open `Chapter`),
for the pair of cities of the loaded micro-data (`patent_data.Micro`)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ai_industry.chapters.gz_sz_synergy import patents as pp
from ai_industry.chapters.gz_sz_synergy.patent_data import (
    PERIOD_EN,
    Micro,
    calibration_at_scale,
    calibration_display,
    city_totals,
    period_label,
    subclass_label,
)
from ai_industry.chapters.gz_sz_synergy.patent_method import (
    applicant_types,
    city_positions,
    city_ranking,
    header_mapping,
    keyword_chart,
    keyword_contributions,
    period_table,
    rsi_input,
    status_label,
    table1_shape,
    unlocated_ai_patents,
    yearly_chart,
    yearly_counts,
)
from ai_industry.chapters.gz_sz_synergy.patents import REST
from ai_industry.methods import patents as pt
from ai_industry.methods.demo import patents as dp
from ai_industry.present import charts


def show_import(ch, m: Micro, files: pd.DataFrame) -> None:
    """The files read and the header mapping."""
    SRC, export, lang = m.SRC, m.export, ch.lang
    ch.table(
        files,
        "patent_import_files",
        SRC,
        title=ch.pick("读入的文件", "Files read"),
        columns={
            "file": ch.pick("文件", "File"),
            "encoding": ch.pick("编码", "Encoding"),
            **({"sheet": ch.pick("工作表", "Sheet")} if any(files.sheet) else {}),
            "header_row": ch.pick("表头行", "Header row"),
            "rows": ch.pick("专利行", "Rows"),
            "address_aligned": ch.pick("地址逐一对应", "Addresses aligned"),
            "address_first_only": ch.pick("仅一个地址", "One address"),
            "address_mismatch": ch.pick("地址数不符", "Count differs"),
            "address_none": ch.pick("无地址", "None"),
        },
        formats={
            c: "{:,}" for c in ("rows", "address_aligned", "address_first_only", "address_mismatch", "address_none")
        },
        note=ch.pick(
            "表头行为文件中的行号（导出文件开头常有标题或检索式）；地址各列为专利件数。",
            "The header row is the file's row number (exports often begin with a title or the query); the address columns count patents.",
        ),
    )
    ch.table(
        header_mapping(export, lang),
        "patent_import_columns",
        SRC,
        title=ch.pick(
            "表头对应：方法所用字段与导出文件中的列",
            "Header mapping: the fields the method uses and the export's columns",
        ),
        columns={
            "field_label": ch.pick("字段", "Field"),
            "headers": ch.pick("导出文件中的表头", "Header in the export"),
        },
        note=ch.pick(
            "表头按 rules/patent_headers.yaml 识别，可用 extra_headers 增补。",
            "Headers are recognised by rules/patent_headers.yaml; add yours with extra_headers.",
        ),
    )


def keywords(m: Micro, keywords: pd.DataFrame) -> dict[str, Any]:
    """What each keyword contributes, and the values of the identification sentence."""
    pats, ident = m.pats, m.an.identification
    kwt = keyword_contributions(ident.summary, keywords)
    n_ai, per_patent = int(ident.is_ai.sum()), ident.n_rules[ident.is_ai]
    top_kw, zero = (
        kwt.sort_values(["ai_patents_matched", "order"], ascending=[False, True]).iloc[0],
        kwt[kwt.ai_patents_matched == 0],
    )
    return {
        "kwt": kwt,
        "n_ai": n_ai,
        "n_pats": len(pats),
        "ai_pct": 100 * n_ai / max(len(pats), 1),
        "mean_rules": per_patent.mean(),
        "one_rule": int((per_patent == 1).sum()),
        "top": top_kw,
        "zero": zero,
        "added": kwt.added_in_order.sum(),
    }


def show_keywords(ch, m: Micro, kw: dict[str, Any]) -> None:
    """Each keyword's matches, drawn and tabled."""
    SRC, kwt = m.SRC, kw["kwt"]
    labels_kw = [ch.pick(k, e) for k, e in zip(kwt.keyword, kwt.keyword_en)]
    fig = keyword_chart(
        kwt,
        labels_kw,
        ch.pick("人工智能专利（件）", "AI patents"),
        ch.pick("匹配的人工智能专利", "AI patents matched"),
        ch.pick("其中仅此关键词（括号内）", "of which only this keyword (in brackets)"),
    )
    ch.figure(
        fig,
        "patent_keyword_contributions",
        SRC + ["patent_search_keywords"],
        title=ch.pick(
            f"报告的 {len(kwt)} 个关键词各自匹配的人工智能专利",
            f"AI patents matched by each of the report's {len(kwt)} keywords",
        ),
        note=ch.pick(
            "一件专利可匹配多个关键词，各条形之和大于人工智能专利总数；深色为只有该关键词匹配的专利。",
            "A patent can match several keywords, so the bars add up to more than the AI patents; the dark part is matched by that keyword alone.",
        ),
    )
    ch.table(
        kwt.assign(label=labels_kw),
        "patent_keyword_contributions",
        SRC + ["patent_search_keywords"],
        title=ch.pick("各关键词的贡献（按报告顺序）", "What each keyword contributes (in the report's order)"),
        columns={
            "order": ch.pick("序号", "No."),
            "label": ch.pick("关键词", "Keyword"),
            "ai_patents_matched": ch.pick("匹配", "Matched"),
            "matched_in_title": ch.pick("标题中", "In title"),
            "matched_in_abstract": ch.pick("摘要中", "In abstract"),
            "only_this_rule": ch.pick("仅此关键词", "Only this keyword"),
            "added_in_order": ch.pick("按序新增", "Added in order"),
            "share_of_ai_pct": ch.pick("占人工智能专利（%）", "% of AI patents"),
        },
        formats={
            **{
                c: "{:,}"
                for c in (
                    "ai_patents_matched",
                    "matched_in_title",
                    "matched_in_abstract",
                    "only_this_rule",
                    "added_in_order",
                )
            },
            "share_of_ai_pct": "{:.2f}",
        },
        note=ch.pick(
            "规则见 rules/ai_patent_rules.yaml：中文关键词按子串匹配，英文译名不区分大小写；关键词取自报告，检索字段是本项目的约定。",
            "Rules in rules/ai_patent_rules.yaml: Chinese keywords match as substrings, the English renderings case-insensitively; the keywords are the report's, the fields searched are our convention.",
        ),
    )


def applicants(m: Micro) -> dict[str, Any]:
    """Applicant records by type, and the numbers of records and distinct names."""
    types = applicant_types(m.apps)
    return {"types": types, "records": len(m.apps), "names": m.apps.name.nunique()}


def show_applicant_types(ch, m: Micro, types: pd.DataFrame) -> None:
    """Applicants by type."""
    SRC, lang = m.SRC, ch.lang
    ch.table(
        types.assign(label=types[f"label_{lang}"]),
        "patent_applicant_types",
        SRC,
        title=ch.pick("申请人类型", "Applicants by type"),
        columns={
            "label": ch.pick("类型", "Type"),
            "applicants_count": ch.pick("申请人记录", "Applicant records"),
            "applicants_share_pct": "%",
            "first_applicants_count": ch.pick("第一申请人", "First applicants"),
            "first_share_pct": "% ",
            "names_count": ch.pick("不同名称", "Distinct names"),
        },
        formats={
            "applicants_count": "{:,}",
            "first_applicants_count": "{:,}",
            "names_count": "{:,}",
            "applicants_share_pct": "{:.2f}",
            "first_share_pct": "{:.2f}",
        },
        note=ch.pick(
            "一件专利的每个申请人计一条记录；第一申请人即每件专利一条。",
            "One record per applicant of a patent; first applicants are one per patent.",
        ),
    )


def placing(m: Micro) -> dict[str, Any]:
    """How the addresses were placed, the addresses not placed, and the AI patents without a placed first applicant."""
    an, pats = m.an, m.pats
    rep, unm, unloc = an.tables["city_report"], an.tables["unmapped_addresses"], unlocated_ai_patents(pats)
    ok = rep.set_index("city_status").loc["ok"]
    return {"rep": rep, "unm": unm, "unloc": unloc, "ok": ok}


def show_placing(ch, m: Micro, pl: dict[str, Any], listed_max: int) -> None:
    """The placing result, every address not placed (exported), and the most frequent of them."""
    SRC, lang, rep, unm = m.SRC, ch.lang, pl["rep"], pl["unm"]
    ch.table(
        rep.assign(label=[status_label(s, lang) for s in rep.city_status]),
        "patent_city_report",
        SRC,
        title=ch.pick("地址定位结果", "How the addresses were placed"),
        columns={
            "label": ch.pick("结果", "Result"),
            "applicants_count": ch.pick("申请人记录", "Applicant records"),
            "applicants_share_pct": "%",
            "first_applicants_count": ch.pick("第一申请人", "First applicants"),
            "first_applicants_share_pct": "% ",
        },
        formats={
            "applicants_count": "{:,}",
            "first_applicants_count": "{:,}",
            "applicants_share_pct": "{:.2f}",
            "first_applicants_share_pct": "{:.2f}",
        },
    )
    ch.export(
        unm, "patent_unmapped_addresses_all", SRC, title=ch.pick("无法定位的地址（全部）", "Addresses not placed (all)")
    )
    if len(unm):
        ch.table(
            unm.head(listed_max).assign(
                label=[status_label(s, lang) for s in unm.city_status.head(listed_max)],
                province=ch.places(unm.province.head(listed_max).fillna("")),
            ),
            "patent_unmapped_addresses",
            SRC,
            title=ch.pick(
                f"无法定位的地址（按出现次数，前 {min(listed_max, len(unm))} 个，共 {len(unm):,} 个）",
                f"Addresses not placed (most frequent {min(listed_max, len(unm))} of {len(unm):,})",
            ),
            columns={
                "address": ch.pick("地址", "Address"),
                "label": ch.pick("原因", "Reason"),
                "province": ch.pick("识别到的省", "Province found"),
                "applicants_count": ch.pick("申请人记录", "Records"),
                "first_applicants_count": ch.pick("第一申请人", "First"),
                "example_applicant": ch.pick("申请人示例", "Example applicant"),
            },
            note=ch.pick(
                "全部地址见表格文件 patent_unmapped_addresses_all。",
                "All of them are in the table file patent_unmapped_addresses_all.",
            ),
        )


def cities(m: Micro, top_n: int) -> dict[str, Any]:
    """The top cities by AI patents and the chapter cities' positions (with the rank as an English ordinal)."""
    A, B, pats = m.A, m.B, m.pats
    rank, pos = city_ranking(pats, top_n), city_positions(pats, [A, B])
    top, rest = rank[rank.city != REST], float(rank.loc[rank.city == REST, "share_pct"].sum())
    pos = {c: p | {"rank_en": pp.ordinal(p["rank"]) if p["rank"] else ""} for c, p in pos.items()}
    return {"rank": rank, "pos": pos, "top": top, "rest": rest}


def show_cities(ch, m: Micro, cr: dict[str, Any]) -> None:
    """AI patents by the first applicant's city, the top ones drawn."""
    SRC, top, rest = m.SRC, cr["top"], cr["rest"]
    fig = charts.share_bars(
        ch.places(top.city),
        top.share_pct,
        rest if rest > 0 else None,
        ch.pick("其余城市合计", "All other cities"),
        ch.pick("占已定位人工智能专利的比重（%）", "Share of AI patents with a placed first applicant (%)"),
    )
    ch.figure(
        fig,
        "patent_cities_top",
        SRC,
        title=ch.pick(
            f"人工智能专利按第一申请人所在城市（前 {len(top)} 位）",
            f"AI patents by the first applicant's city (top {len(top)})",
        ),
        note=ch.pick("灰色斜线条为其余城市合计。", "The grey hatched bar is all other cities together.")
        if rest > 0
        else None,
    )


def periods(ch, m: Micro) -> dict[str, Any]:
    """Patents per named period and city with the growth multiple, and the periods' labels."""
    A, B, pats, per, lang = m.A, m.B, m.pats, m.per, ch.lang
    ptab = period_table(pats, per, [A, B])
    plab = {p: period_label(p, s, lang) for p, s in per.items()}
    return {"ptab": ptab, "plab": plab}


def show_periods(ch, m: Micro, pr: dict[str, Any]) -> None:
    """The periods drawn and tabled, and AI patents by application year."""
    A, B, SRC, pats, per = m.A, m.B, m.SRC, m.pats, m.per
    ptab, plab = pr["ptab"], pr["plab"]
    fig = pp.paired_bars(
        ch.places(ptab.city), {plab[p]: list(ptab[p]) for p in per}, ch.pick("人工智能专利（件）", "AI patents")
    )
    ch.figure(
        fig,
        "patent_periods",
        SRC,
        title=ch.pick(f"{A}与{B}各时期的人工智能专利", f"AI patents of {ch.place(A)} and {ch.place(B)} by period"),
        note=ch.pick(
            "按申请日所在年份归入时期；城市为第一申请人所在城市。",
            "Periods by application year; the city is the first applicant's.",
        ),
    )
    ch.table(
        ptab.assign(city_label=ch.places(ptab.city)),
        "patent_period_growth",
        SRC,
        title=ch.pick("各时期专利数与增长倍数", "Patents per period and growth multiple"),
        columns={
            "city_label": ch.t("city"),
            **{p: plab[p] for p in per},
            "multiple": ch.pick("倍数（末期 ÷ 首期）", "Multiple (last ÷ first)"),
            "annual_growth_pct": ch.pick("等价年均增长（%）", "Equivalent yearly growth (%)"),
        },
        formats={**{p: "{:,}" for p in per}, "multiple": "{:.2f}", "annual_growth_pct": "{:.1f}"},
        note=ch.pick(
            "等价年均增长：若每年按固定比率增长，两个时期起始年相隔的年数内使首末两期之比成立的年增长率。",
            "Equivalent yearly growth: the constant yearly rate that gives the last/first ratio over the years between the two periods' first years.",
        ),
    )
    yearly = yearly_counts(pats, [A, B])
    ch.figure(
        yearly_chart(
            yearly,
            per,
            {c: ch.place(c) for c in (A, B)},
            {p: ch.pick(p, PERIOD_EN.get(p, p)) for p in per},
            ch.pick("人工智能专利（件）", "AI patents"),
        ),
        "patent_years",
        SRC,
        title=ch.pick("按申请年份的人工智能专利", "AI patents by application year"),
        note=ch.pick(
            "发明专利申请一般在申请后约十八个月才公开，检索时点前最近两年的数字偏低。",
            "Invention applications are published about eighteen months after filing, so the last two years before the search are undercounted.",
        ),
    )


def table1(ch, m: Micro, top_n: int) -> dict[str, Any]:
    """Table 1's shape for the two cities: IPC main subclasses (top `top_n` per city, the rest together) with labels."""
    A, B, pats, lang = m.A, m.B, m.pats, ch.lang
    fs = pt.field_shares(pats, cities=[A, B], top=None)
    totals = city_totals(pats, [A, B])
    t1 = table1_shape(fs, [A, B], totals, top_n)
    t1["label"] = [
        ch.pick("其他小类及无IPC", "Other subclasses, no IPC") if c == REST else subclass_label(c, z, e, lang)
        for c, z, e in zip(t1.ipc_subclass, t1.title_zh, t1.title_en)
    ]
    has_rest = bool((t1.ipc_subclass == REST).any())
    return {"t1": t1, "totals": totals, "has_rest": has_rest}


def show_table1(ch, m: Micro, t: dict[str, Any], top_n: int) -> None:
    """Table 1's shape, tabled and drawn."""
    A, B, SRC = m.A, m.B, m.SRC
    t1, totals, has_rest = t["t1"], t["totals"], t["has_rest"]
    ch.table(
        t1,
        "patent_table1_shape",
        SRC,
        title=ch.pick(
            f"表1的形式：{A}、{B}人工智能专利的IPC主分类小类（各市前 {top_n} 位）",
            f"Table 1's shape: AI patents of {ch.place(A)} and {ch.place(B)} by IPC main subclass (top {top_n} of each)",
        ),
        columns={
            "label": ch.pick("IPC小类", "IPC subclass"),
            "c0_count": ch.pick(f"{A}件数", f"{ch.place(A)} n"),
            "c0_share_pct": "%",
            "c0_rank": ch.pick("名次", "Rank"),
            "c1_count": ch.pick(f"{B}件数", f"{ch.place(B)} n"),
            "c1_share_pct": "% ",
            "c1_rank": ch.pick("名次 ", "Rank "),
        },
        formats={
            "c0_count": "{:,}",
            "c1_count": "{:,}",
            "c0_share_pct": "{:.2f}",
            "c1_share_pct": "{:.2f}",
            "c0_rank": "{}",
            "c1_rank": "{}",
        },
        note=ch.pick(
            f"比重为占本市全部人工智能专利（{A} {totals[A]:,} 件、{B} {totals[B]:,} 件）；每件专利按IPC主分类计入一个小类；“其他”含其余小类及无IPC的专利。",
            f"Shares of each city's AI patents ({ch.place(A)} {totals[A]:,}, {ch.place(B)} {totals[B]:,}); a patent counts once, under its main IPC subclass; 'others' holds the other subclasses and patents without an IPC code.",
        ),
    )
    fig = pp.paired_bars(
        list(t1.label),
        {ch.place(A): list(t1.c0_share_pct), ch.place(B): list(t1.c1_share_pct)},
        ch.pick("占本市人工智能专利的比重（%）", "Share of the city's AI patents (%)"),
        digits=2,
        hatch_last=has_rest,
    )
    ch.figure(
        fig,
        "patent_table1_shape",
        SRC,
        title=ch.pick(
            "表1的形式（图示）：各IPC小类占本市人工智能专利的比重",
            "Table 1's shape drawn: each IPC subclass's share of the city's AI patents",
        ),
        note=ch.pick(
            "灰色斜线条为其余小类及无IPC的专利。",
            "The grey hatched bars are the other subclasses and patents without an IPC code.",
        )
        if has_rest
        else None,
    )


def rsi(ch, m: Micro, t: dict[str, Any], rsi_margin: float) -> dict[str, Any] | None:
    """The RSI of each subclass in the two cities (None when a city has no AI patent) and, per city, the subclasses clearly above one (as text in each language)."""
    A, B, t1, totals = m.A, m.B, t["t1"], t["totals"]
    if not min(totals.values()) > 0:
        return None
    rsi = pp.revealed_specialisation(rsi_input(t1, [A, B]), totals, key="ipc_subclass")
    rsi["label"] = rsi.ipc_subclass.map(dict(zip(t1.ipc_subclass, t1.label)))
    high = {
        c: rsi[(rsi.city == c) & (rsi.ipc_subclass != REST) & (rsi.rsi > 1 + rsi_margin)].sort_values(
            "rsi", ascending=False
        )
        for c in (A, B)
    }
    return {
        "rsi": rsi,
        "high_zh": {
            c: "、".join(f"{x.ipc_subclass}（{x.rsi:.2f}）" for x in high[c].itertuples()) or "无" for c in (A, B)
        },
        "high_en": {
            c: ", ".join(f"{x.ipc_subclass} ({x.rsi:.2f})" for x in high[c].itertuples()) or "none" for c in (A, B)
        },
    }


def show_rsi(ch, m: Micro, t: dict[str, Any], r: dict[str, Any]) -> None:
    """The RSI drawn."""
    A, B, SRC, rsi = m.A, m.B, m.SRC, r["rsi"]
    t1, has_rest = t["t1"], t["has_rest"]
    fig = pp.paired_bars(
        list(t1.label),
        {ch.place(c): list(rsi[rsi.city == c].set_index("label").loc[list(t1.label), "rsi"]) for c in (A, B)},
        ch.pick("显示性专业化指数（两市整体 = 1）", "Revealed specialisation index (the pair = 1)"),
        digits=2,
        ref=1.0,
        hatch_last=has_rest,
    )
    ch.figure(
        fig,
        "patent_rsi",
        SRC,
        title=ch.pick(
            f"{A}与{B}各IPC小类的显示性专业化指数（以两市合计为参照）",
            f"Revealed specialisation of {ch.place(A)} and {ch.place(B)} by IPC subclass (reference: the two cities)",
        ),
        note=ch.pick(
            "RSI = 该小类占本市的比重 ÷ 该小类占两市合计的比重；虚线为一。",
            "RSI = the subclass's share of the city ÷ its share of the two cities together; dashed line at one.",
        ),
    )


def calibration(m: Micro, demo_rows: int, lang: str) -> dict[str, Any]:
    """The demo's calibration at this size: the table, how many targets are exact, approximate or missed, the largest approximate difference and the size in percent of the full one."""
    cal = calibration_display(calibration_at_scale(dp.calibration_check(m.an), demo_rows), lang)
    n_by = cal.status.value_counts()
    return {
        "cal": cal,
        "n": len(cal),
        "exact": n_by.get("exact", 0),
        "approximate": n_by.get("approximate", 0),
        "miss": n_by.get("miss", 0),
        "max_diff": cal.loc[cal.status == "approximate", "diff"].abs().max() if n_by.get("approximate", 0) else 0,
        "scale_pct": 100 * cal.scale.iloc[0],
    }


def show_calibration(ch, m: Micro, c: dict[str, Any]) -> None:
    """The calibration table."""
    SRC, cal = m.SRC, c["cal"]
    ch.table(
        cal,
        "patent_demo_calibration",
        SRC + ["ai_patents", "patent_fields_ipc", "co_applied_patents", "applicant_structure"],
        title=ch.pick(
            "校准核对：演示数据与报告公布的汇总数字", "Calibration check: demo vs the paper's published aggregates"
        ),
        columns={
            "city_label": ch.t("city"),
            "measure_label": ch.t("measure"),
            "key_label": ch.pick("小类／合作城市", "Subclass / partner"),
            "target_text": ch.pick("报告", "Report"),
            "expected_text": ch.pick("按规模应为", "Expected at this size"),
            "computed_text": ch.pick("演示数据计算", "Computed on the demo"),
            "diff_text": ch.pick("差", "Diff."),
            "status_label": ch.t("status"),
        },
        note=ch.pick(
            "“按规模应为”：计数按规模缩小后取整（与生成器相同的舍入），比重、倍数与名次不缩放；发明专利比重按报告“以上”的口径为下限。"
            "“近似”：缩小规模的演示数据中，比重或倍数是缩小取整后的计数之比，与报告所印数字在末位小数上不同；差只对不相符的行列出。",
            "'Expected at this size': counts scaled and rounded as the generator rounds; shares, multiples and ranks are not scaled; the invention share "
            "is a floor ('at least'). 'Approx.': on a scaled-down demo a share or multiple is a ratio of scaled, rounded counts and differs from the "
            "printed value in its last decimals; the difference is shown only where not exact.",
        ),
    )
