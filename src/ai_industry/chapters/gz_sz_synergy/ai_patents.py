"""The section "人工智能专利" (section id `patents`, seed 000, 2.3): the values the notebook's sentences format
(computed once here, in result objects) and the figures and tables it shows (`show_*`, each taking the open
`Chapter`). The recomputations themselves are in `patents` (shared with the report's other sections); inputs are
named by their short names in config/sections.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ai_industry.catalog import audit
from ai_industry.chapters.gz_sz_synergy import patents as pp

PAT, FIELDS, KW, CLAIMS = "ai_patents", "patent_fields_ipc", "patent_search_keywords", "claims"
GZ, SZ = "广州", "深圳"
CITIES = [GZ, SZ]


# ---- inputs -------------------------------------------------------------------------------------------------
@dataclass
class Patents:
    pat: pd.DataFrame  # patent totals, growth multiples and the invention share, as printed
    fields: pd.DataFrame  # Table 1: the top five IPC subclasses per city
    kw: pd.DataFrame  # the search keywords
    ref: pd.DataFrame  # the IPC subclass reference table


def load(ch) -> Patents:
    pat, fields, kw = (ch.load(n) for n in (PAT, FIELDS, KW))
    return Patents(pat=pat, fields=fields, kw=kw, ref=pp.ipc_reference())


def show_keywords(ch, d: Patents) -> None:
    """The search keywords in the order printed."""
    kw = d.kw
    ch.table(
        kw,
        "patent_search_keywords",
        [KW],
        title=ch.pick(
            f"专利检索关键词（{len(kw)}个，按原文顺序）", f"The {len(kw)} search keywords, in the order printed"
        ),
        columns={
            "order": ch.pick("序号", "No."),
            "keyword": ch.pick("关键词", "Keyword (zh)"),
            "keyword_en": ch.pick("英文", "English (ours)"),
        },
        note=ch.pick(
            "英文译名为本项目所加；关键词个数为本项目清点，原文未写出。",
            "The English renderings are ours; the report does not state the number of keywords (counted here).",
        ),
    )


# ---- totals and growth multiples --------------------------------------------------------------------------------
def growth(d: Patents, multiple_decimals: int) -> dict[str, Any]:
    """The two periods, the growth table (earlier counts the multiples imply), Shenzhen's counts as multiples of
    Guangzhou's in each period, and the invention-share row."""
    pat = d.pat
    later_ind = next(i for i in pat.indicator.unique() if i.startswith("patents_"))
    mult_ind = next(i for i in pat.indicator.unique() if i.startswith("multiple_vs_"))
    (l0, l1), (e0, e1) = pp.period_of(later_ind), pp.period_of(mult_ind)
    years = l1 - l0 + 1
    table = pp.growth_table(pat, decimals=multiple_decimals, years=years)
    g = table.set_index("region")
    return {
        "l0": l0,
        "l1": l1,
        "e0": e0,
        "e1": e1,
        "years": years,
        "table": table,
        "g": g,
        "inv": pat[pat.indicator == "invention_patent_share"].iloc[0],
        "sz_gz_earlier": g.earlier_implied[SZ] / g.earlier_implied[GZ],
        "sz_gz_later": g.patents_later[SZ] / g.patents_later[GZ],
    }


def show_growth(ch, gr: dict[str, Any]) -> None:
    """The two periods' counts (the earlier implied) drawn, and the table of implied earlier counts."""
    growth, (l0, l1, e0, e1, years) = gr["table"], (gr[k] for k in ("l0", "l1", "e0", "e1", "years"))
    earlier, later = (
        ch.pick(f"{e0}—{e1}年（由倍数反推）", f"{e0}–{e1} (implied by the multiple)"),
        ch.pick(f"{l0}—{l1}年", f"{l0}–{l1}"),
    )
    fig = pp.paired_bars(
        ch.places(growth.region),
        {earlier: growth.earlier_implied, later: growth.patents_later},
        ch.pick("专利数（件）", "Patents"),
    )
    ch.figure(
        fig,
        "patents_by_period",
        [PAT],
        title=ch.pick(
            "广深人工智能领域专利数：“十二五”与“十三五”时期",
            "AI patents of Guangzhou and Shenzhen in the twelfth and thirteenth five-year periods",
        ),
        note=ch.pick(
            "“十二五”时期的数字报告未写出，由“十三五”时期专利数除以增长倍数得到。",
            "The earlier counts are not in the report; they are the later counts divided by the growth multiples.",
        ),
    )
    ch.table(
        growth.assign(
            region_label=ch.places(growth.region),
            interval=[f"{a:,.2f}–{b:,.2f}" for a, b in zip(growth.earlier_low, growth.earlier_high)],
        ),
        "patent_growth",
        [PAT],
        title=ch.pick("增长倍数所隐含的“十二五”时期专利数", "Earlier-period patents implied by the growth multiples"),
        columns={
            "region_label": ch.t("city"),
            "patents_later": later,
            "multiple": ch.pick("倍数", "Multiple"),
            "earlier_implied": ch.pick(f"隐含的{e0}—{e1}年", f"Implied {e0}–{e1}"),
            "interval": ch.pick("舍入允许的区间", "Rounding interval"),
            "earlier_whole": ch.pick("相符的整数", "Whole"),
            "annual_growth_pct": ch.pick("等价年均增长（%）", "Yearly growth (%)"),
        },
        formats={
            "patents_later": "{:,}",
            "multiple": "{:.2f}",
            "earlier_implied": "{:,.1f}",
            "annual_growth_pct": "{:.1f}",
        },
        note=ch.pick(
            f"等价年均增长 = 倍数的 {years} 次方根减一：若专利数每年以固定比率增长，两个相邻 {years} 年时期的总量之比恰为该比率加一的 {years} 次方。",
            f"Equivalent yearly growth = the {years}th root of the multiple minus one: with a constant yearly rate, the totals of two consecutive {years}-year periods differ by exactly (1 + rate) to the power {years}.",
        ),
    )


# ---- Table 1 ------------------------------------------------------------------------------------------------
def table1(ch, d: Patents) -> dict[str, Any]:
    """Table 1 side by side (`wide`, with shortened field labels), the short chart labels, each city's leading
    subclass and the top five's combined share per city."""
    wide = pp.table1_wide(d.fields, d.ref, CITIES)
    wide["field_label"] = [
        ch.pick(f, pp.short_label(pp.sentence_case(e), 32)) for f, e in zip(wide.field, wide.field_en)
    ]
    short = [
        f"{c} {pp.short_label(ch.pick(f, pp.sentence_case(e)), ch.pick(10, 28))}"
        for c, f, e in zip(wide.ipc, wide.field, wide.field_en)
    ]
    top = {c: wide.sort_values(f"c{i}_rank").iloc[0] for i, c in enumerate(CITIES)}
    return {
        "wide": wide,
        "short": short,
        "top": top,
        "top_share": {GZ: top[GZ].c0_share_pct, SZ: top[SZ].c1_share_pct},
        "sum": {GZ: wide.c0_share_pct.sum(), SZ: wide.c1_share_pct.sum()},
    }


def show_table1(ch, d: Patents, t1: dict[str, Any]) -> None:
    """Table 1 as printed, IPC codes added, one row per city and subclass."""
    fields, wide = d.fields, t1["wide"]
    table = fields.assign(
        ipc=fields.field.map(dict(zip(wide.field, wide.ipc))),
        field_label=fields.field.map(dict(zip(wide.field, wide.field_label))),
        city_label=ch.places(fields.city),
        order=fields.field.map({f: i for i, f in enumerate(wide.field)}),
    ).sort_values(["order", "city"])
    ch.table(
        table,
        "table1_ipc_fields",
        [FIELDS],
        title=ch.pick(
            "表1 广深人工智能专利细分领域分布情况（补IPC小类代码）",
            "Table 1: AI patents of Guangzhou and Shenzhen by IPC subclass (codes added)",
        ),
        columns={
            "field_label": ch.pick("细分领域（原文）", "Field (shortened)"),
            "ipc": "IPC",
            "city_label": ch.t("city"),
            "patents_count": ch.pick("件数", "Patents"),
            "share_pct": ch.pick("占本市比重（%）", "Share of city (%)"),
            "rank": ch.pick("本市名次", "Rank in city"),
        },
        formats={"patents_count": "{:,}", "share_pct": "{:.2f}"},
        note=ch.pick(
            "IPC代码原文未印出，按参考表 data/raw/reference/ipc_subclasses.csv 由中文名称对应；原文“中类”实为小类。原表两市并列，此处每市一行；只列前五位。",
            "The report prints no IPC codes; they are matched from the Chinese titles with the reference table data/raw/reference/ipc_subclasses.csv "
            "(the report's 'middle class' is the IPC subclass). English titles are shortened (in full in the CSV). The report sets the two cities side by side; here each city has its own row. Only the top five are listed.",
        ),
    )


def show_table1_shares(ch, t1: dict[str, Any]) -> None:
    """Table 1 drawn: the top five's shares per city, with the unlisted rest."""
    wide, short = t1["wide"], t1["short"]
    series = {
        ch.place(c): list(wide[f"c{i}_share_pct"]) + [100 - wide[f"c{i}_share_pct"].sum()] for i, c in enumerate(CITIES)
    }
    fig = pp.paired_bars(
        short + [ch.t("others")],
        series,
        ch.pick("占本市人工智能专利的比重（%）", "Share of the city's AI patents (%)"),
        digits=2,
        hatch_last=True,
    )
    ch.figure(
        fig,
        "table1_shares",
        [FIELDS],
        title=ch.pick(
            "表1（图示）：前五位IPC小类占本市人工智能专利的比重",
            "Table 1 drawn: the top five IPC subclasses' shares of each city's AI patents",
        ),
        note=ch.pick(
            "灰色斜线条为表1未列出的其余小类合计，其构成未知。",
            "The grey hatched bars are the subclasses Table 1 does not list, together; how they split is unknown.",
        ),
    )


# ---- the totals Table 1 implies ---------------------------------------------------------------------------------
def implied(d: Patents, gr: dict[str, Any], share_decimals: int) -> dict[str, Any]:
    """The totals Table 1's count/share pairs imply per city, against the text's later-period totals."""
    stated = dict(zip(gr["g"].index, gr["g"].patents_later))
    table = pp.implied_totals(d.fields, "city", decimals=share_decimals)
    table["stated_total"] = table.city.map(stated)
    table["ratio"] = table.pooled_total / table.stated_total
    return {"stated": stated, "table": table, "im": table.set_index("city")}


def show_implied(ch, im: dict[str, Any], gr: dict[str, Any]) -> None:
    """The table of implied totals against the text's totals."""
    implied, l0, l1 = im["table"], gr["l0"], gr["l1"]
    ch.table(
        implied.assign(
            city_label=ch.places(implied.city),
            interval=[f"{a:,.1f}–{b:,.1f}" for a, b in zip(implied.total_low, implied.total_high)],
        ),
        "table1_implied_totals",
        [FIELDS, PAT],
        title=ch.pick(
            "表1的计数与比重所隐含的总量，与正文总量对照",
            "Totals implied by Table 1's count/share pairs, against the totals in the text",
        ),
        columns={
            "city_label": ch.t("city"),
            "listed_count": ch.pick("前五位件数", "Top-5 n"),
            "listed_share_pct": ch.pick("前五位比重（%）", "Top-5 %"),
            "pooled_total": ch.pick("隐含总量", "Implied total"),
            "interval": ch.pick("舍入允许的区间", "Rounding interval"),
            "stated_total": ch.pick("正文总量", "Text total"),
            "ratio": ch.pick("隐含 ÷ 正文", "Implied ÷ text"),
        },
        formats={
            "listed_count": "{:,}",
            "listed_share_pct": "{:.2f}",
            "pooled_total": "{:,.1f}",
            "stated_total": "{:,}",
            "ratio": "{:.3f}",
        },
        note=ch.pick(
            f"隐含总量 = 100 × 前五位件数之和 ÷ 前五位比重之和；区间为各行区间的交集；正文总量为{l0}—{l1}年专利数。",
            f"Implied total = 100 × the top-5 patents ÷ the top-5 shares (pooled); the interval is the intersection of the rows' intervals; the text total is the {l0}–{l1} count.",
        ),
    )


def show_row_totals(ch, d: Patents, im: dict[str, Any]) -> None:
    """Table 1 row by row: count ÷ share, and the share the text's total would give."""
    fields, ref = d.fields, d.ref
    rows = fields.assign(
        ipc=[pp.ipc_code(f, ref) for f in fields.field],
        city_label=ch.places(fields.city),
        implied_total=[pp.implied_total(n, s) for n, s in zip(fields.patents_count, fields.share_pct)],
        share_of_text_total=pp.share_of_stated_total(fields, im["stated"]),
    ).sort_values(["city", "rank"])
    ch.table(
        rows,
        "table1_row_totals",
        [FIELDS, PAT],
        title=ch.pick(
            "表1各行：计数 ÷ 比重，以及若以正文总量为分母的比重",
            "Table 1 row by row: count ÷ share, and the share the text's total would give",
        ),
        columns={
            "city_label": ch.t("city"),
            "ipc": "IPC",
            "patents_count": ch.pick("件数", "n"),
            "share_pct": ch.pick("表1比重（%）", "Table 1 %"),
            "implied_total": ch.pick("件数 ÷ 比重", "n ÷ share"),
            "share_of_text_total": ch.pick("占正文总量（%）", "% of text total"),
            "seed_line": ch.pick("原文行", "Line"),
        },
        formats={
            "patents_count": "{:,}",
            "share_pct": "{:.2f}",
            "implied_total": "{:,.1f}",
            "share_of_text_total": "{:.2f}",
        },
    )


def related_claims(ch) -> pd.DataFrame:
    """The audit's 'related' claims of section 2.3 (Table 1's shares against the text's totals)."""
    audited = audit.audit_claims(ch.load(CLAIMS).fillna(""))
    return audit.select(audited, seed="000", section="2.3", status="related")


def show_related(ch, rel: pd.DataFrame) -> None:
    ch.table(
        rel,
        "table1_related_claims",
        [FIELDS, PAT, CLAIMS],
        title=ch.pick(
            "审计中的“相关”声明：表1比重与正文总量",
            "The audit's 'related' claims: Table 1 shares against the text's totals",
        ),
        columns={
            "claim_id": ch.pick("声明", "Claim"),
            "line": ch.pick("原文行", "Seed line"),
            "quote": ch.pick("原文", "Quote"),
            "reported": ch.pick("报告值（%）", "Reported (%)"),
            "arithmetic": ch.pick("以正文总量复算", "Recomputed on the text's total"),
        },
        formats={"reported": "{:.2f}"},
    )


# ---- revealed specialisation ----------------------------------------------------------------------------------
def rsi(ch, d: Patents, t1: dict[str, Any], im: dict[str, Any], rsi_margin: float) -> dict[str, Any]:
    """The RSI per city and subclass on the implied totals (with the unlisted rest), its largest change over the
    rounding intervals, the subclasses clearly above one per city (as text), those near one in both cities, and
    the RSI of the unlisted rest."""
    wide, implied = t1["wide"], im["table"]
    totals = dict(zip(implied.city, implied.pooled_total))
    table = pp.revealed_specialisation(d.fields, totals)
    code = dict(zip(wide.field, t1["short"])) | {pp.REST: ch.t("others")}
    table["label"] = table.field.map(code)
    cats = list(dict.fromkeys(table.label))
    series = {ch.place(c): list(table[table.city == c].set_index("label").loc[cats, "rsi"]) for c in CITIES}
    spread = pp.rsi_spread(
        d.fields, dict(zip(implied.city, implied.total_low)), dict(zip(implied.city, implied.total_high))
    )
    table["ipc"] = table.field.map(dict(zip(wide.field, wide.ipc)))
    listed = table[table.field != pp.REST]
    above = {
        c: listed[(listed.city == c) & (listed.rsi > 1 + rsi_margin)].sort_values("rsi", ascending=False)
        for c in CITIES
    }
    near = [k for k, v in listed.groupby("ipc", sort=False).rsi if ((v - 1).abs() <= rsi_margin).all()]
    spec = {
        c: ch.pick("、", ", ").join(
            ch.pick(f"{x.ipc}（{x.rsi:.2f}）", f"{x.ipc} ({x.rsi:.2f})") for x in above[c].itertuples()
        )
        or ch.pick("无", "none")
        for c in CITIES
    }
    return {
        "table": table,
        "code": code,
        "cats": cats,
        "series": series,
        "spread": spread,
        "near": near,
        "spec": spec,
        "rest": table[table.field == pp.REST].set_index("city").rsi,
    }


def show_rsi_figure(ch, r: dict[str, Any]) -> None:
    fig = pp.paired_bars(
        r["cats"],
        r["series"],
        ch.pick("显示性专业化指数（两市整体 = 1）", "Revealed specialisation index (the pair = 1)"),
        digits=2,
        ref=1.0,
        hatch_last=True,
    )
    ch.figure(
        fig,
        "rsi_ipc_subclasses",
        [FIELDS],
        title=ch.pick(
            "广深人工智能专利各IPC小类的显示性专业化指数（以两市合计为参照）",
            "Revealed specialisation of Guangzhou and Shenzhen by IPC subclass (reference: the two cities together)",
        ),
        note=ch.pick(
            "虚线为 1；“其他／未列出”为表1未列出小类的合计（灰色斜线）。",
            "Dashed line at 1; 'others / not reported' is the subclasses Table 1 does not list, together (grey hatched).",
        ),
    )


def show_rsi_table(ch, r: dict[str, Any]) -> None:
    rsi, code = r["table"], r["code"]
    ch.table(
        rsi.assign(
            city_label=ch.places(rsi.city),
            ipc_label=rsi.ipc.fillna(ch.t("others")),
            order=rsi.field.map({k: i for i, k in enumerate(code)}),
        ).sort_values(["order", "city"]),
        "rsi_ipc_subclasses",
        [FIELDS],
        title=ch.pick("显示性专业化指数明细", "Revealed specialisation index, in detail"),
        columns={
            "ipc_label": ch.pick("IPC小类", "IPC subclass"),
            "city_label": ch.t("city"),
            "count": ch.pick("件数", "Patents"),
            "unit_share_pct": ch.pick("占本市（%）", "City %"),
            "group_share_pct": ch.pick("占两市合计（%）", "Pair %"),
            "rsi": "RSI",
            "rssi": "RSSI",
        },
        formats={
            "count": "{:,.0f}",
            "unit_share_pct": "{:.2f}",
            "group_share_pct": "{:.2f}",
            "rsi": "{:.3f}",
            "rssi": "{:+.3f}",
        },
        note=ch.pick(
            "“其他／未列出”的件数 = 隐含总量减去前五位件数，非整数是因为总量为估计值。",
            "The 'others' count is the implied total minus the top five; it is not whole because the total is an estimate.",
        ),
    )
