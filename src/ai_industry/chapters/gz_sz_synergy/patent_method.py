"""The section "专利数据方法" (section id `patent_method`, §2.3's method on patent micro-data: a user's export or the
SYNTHETIC demo): the import, AI identification, applicant types, cities, periods and Table 1's shape for one pair of
cities (any two), the values the notebook's sentences format and the figures and tables it shows (`show_*`, each
taking the open `Chapter`). What both patent-method sections share is in `patent_data`, the co-application helpers
in `patent_co_application`; both are re-exported here (`pc.<name>`).

Conventions are the method's (see `ai_industry.methods.patents`): a patent's city is its first applicant's city,
counts are of AI patents (the seed's 22 keywords in title or abstract), shares are in percent of the stated base.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.ticker import MaxNLocator

from ai_industry.catalog import terms
from ai_industry.chapters.gz_sz_synergy import patents as pp

# shared with patent_co_application, and the co-application helpers: re-exported so that `pc.<name>` keeps working
from ai_industry.chapters.gz_sz_synergy.patent_co_application import (  # noqa: F401
    beside_published_partners,
    beside_published_structure,
    coverage_table,
    field_heatmap,
    field_matrix,
    iur_table,
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
from ai_industry.chapters.gz_sz_synergy.patent_data import (  # noqa: F401
    COUNT_MEASURES,
    MEASURE_LABELS,
    PERIOD_EN,
    Micro,
    _q,
    calibration_at_scale,
    calibration_display,
    check_periods,
    city_key,
    city_pair,
    city_totals,
    demo_scale,
    export_paths,
    import_sentences,
    load_patents,
    measure_label,
    missing_cities_notice,
    pair_periods,
    period_label,
    subclass_label,
    synthetic_notice,
)
from ai_industry.chapters.gz_sz_synergy.patents import REST
from ai_industry.methods import patents as pt
from ai_industry.methods.demo import patents as dp
from ai_industry.methods.growth import cagr_of_multiple
from ai_industry.present import charts
from ai_industry.present.charts import PALETTE
from ai_industry.present.fonts import setup_matplotlib

# ---- the import --------------------------------------------------------------------------------------------------
FIELD_LABELS: dict[str, tuple[str, str]] = terms.group(
    "gzsz_patent_field"
)  # in the order shown; from catalog/terms.csv


def import_files(export: pt.PatentExport) -> pd.DataFrame:
    """One row per file read: name, format, encoding, sheet, header row (1-based), patent rows, and how many rows had
    one address per applicant (aligned), one address only (first_only), a different number (mismatch) or none."""
    rows = []
    for f in export.info.get("files", []):
        al = f.get("address_alignment", {})
        rows.append(
            {
                "file": Path(f["file"]).name,
                "format": f.get("format") or "",
                "encoding": f.get("encoding") or "",
                "sheet": f.get("sheet") or "",
                "header_row": int(f.get("header_row") or 0),
                "rows": int(f.get("rows", 0)),
                "address_aligned": int(al.get("aligned", 0)),
                "address_first_only": int(al.get("first_only", 0)),
                "address_mismatch": int(al.get("mismatch_first_only", 0)),
                "address_none": int(al.get("none", 0)),
            }
        )
    return pd.DataFrame(rows)


def header_mapping(export: pt.PatentExport, lang: str) -> pd.DataFrame:
    """Which column of the export(s) was read as which field: field id, field label in `lang`, the header(s) found."""
    found: dict[str, list[str]] = {}
    for f in export.info.get("files", []):
        for fld, header in (f.get("columns") or {}).items():
            if header not in found.setdefault(fld, []):
                found[fld].append(str(header))
    order = [f for f in FIELD_LABELS if f in found] + [f for f in found if f not in FIELD_LABELS]
    return pd.DataFrame(
        {
            "field": order,
            "field_label": [FIELD_LABELS.get(f, (f, f))[0 if lang == "zh" else 1] for f in order],
            "headers": [" / ".join(found[f]) for f in order],
        }
    )


def import_summary(export: pt.PatentExport) -> dict[str, int]:
    """Counts of the import: files, rows read, duplicate rows dropped, patents kept, applicant rows (one per
    applicant of a patent), co-applied patents (≥ 2 applicants)."""
    pats = export.patents
    return {
        "files": len(export.info.get("files", [])),
        "rows_read": int(export.info.get("rows_read", len(pats))),
        "duplicates_dropped": int(export.info.get("duplicates_dropped", 0)),
        "patents": int(len(pats)),
        "applicants": int(len(export.applicants)),
        "co_applied": int((pats["n_applicants"].to_numpy() >= 2).sum()),
    }


# ---- AI identification -------------------------------------------------------------------------------------------
def keyword_contributions(summary: pd.DataFrame, keywords: pd.DataFrame) -> pd.DataFrame:
    """The keyword rules of `identify_ai` in the report's order (`keywords` = the published 22, matched on the
    Chinese term) with what each contributed, in patents: matched (any patent), AI patents matched, matched in title,
    in abstract, only this keyword (AI patents lost without it), first found in rule order, and the share (%) of all
    AI patents it matches (shares overlap: a patent can match several keywords)."""
    kw = summary[summary["group"] == "keyword"].copy()
    cols = [
        "patents_matched",
        "ai_patents_matched",
        "matched_in_title",
        "matched_in_abstract",
        "only_this_rule",
        "added_in_order",
        "share_of_ai_pct",
    ]
    for c in cols:
        if c not in kw.columns:
            kw[c] = 0
    out = keywords[["order", "keyword", "keyword_en"]].merge(
        kw[["label_zh", "rule", *cols]], how="left", left_on="keyword", right_on="label_zh"
    )
    for c in cols[:-1]:
        out[c] = out[c].fillna(0).astype(int)
    return out.drop(columns="label_zh").sort_values("order").reset_index(drop=True)


def keyword_chart(
    table: pd.DataFrame, labels: Sequence[str], xlabel: str, matched_label: str, only_label: str
) -> plt.Figure:
    """Horizontal bars of the AI patents each keyword matches (light), with the part only that keyword finds (dark),
    largest first; `labels` in the order of `table`."""
    setup_matplotlib()
    df = table.assign(label=list(labels)).sort_values(["ai_patents_matched", "order"], ascending=[False, True])
    fig, ax = plt.subplots(figsize=(7.5, 0.28 * len(df) + 1.3))
    light, dark = sns.color_palette(PALETTE, 6)[1], sns.color_palette(PALETTE, 6)[4]
    y = np.arange(len(df))
    ax.barh(y, df["ai_patents_matched"], color=light, label=matched_label, height=0.7)
    ax.barh(y, df["only_this_rule"], color=dark, label=only_label, height=0.7)
    vmax = max(float(df["ai_patents_matched"].max()), 1.0)
    for yi, v, o in zip(y, df["ai_patents_matched"], df["only_this_rule"]):
        ax.text(v + vmax * 0.01, yi, f"{int(v):,}" + (f" ({int(o):,})" if o else ""), va="center", fontsize=7.5)
    ax.set_yticks(y, list(df["label"]), fontsize=8.5)
    ax.invert_yaxis()
    ax.set_xlim(0, vmax * 1.22)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(xlabel)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


# ---- applicants and cities ---------------------------------------------------------------------------------------
def applicant_types(apps: pd.DataFrame, rules: pt.ApplicantTypeRules | None = None) -> pd.DataFrame:
    """Applicants by type (rules/applicant_types.yaml): applicant rows, first-applicant rows, distinct names, and the
    shares (%) of all applicant rows and of first applicants; labels zh/en from the rules; every type listed."""
    rules = rules or pt.load_applicant_type_rules()
    t = apps["type"].astype(object)
    first = (apps["seq"] == 1).to_numpy()
    rows = []
    for typ, lab in rules.types.items():
        m = (t == typ).to_numpy()
        rows.append(
            {
                "type": typ,
                "label_zh": lab.get("zh", typ),
                "label_en": lab.get("en", typ),
                "applicants_count": int(m.sum()),
                "first_applicants_count": int((m & first).sum()),
                "names_count": int(apps.loc[m, "name"].nunique()),
            }
        )
    out = pd.DataFrame(rows)
    out["applicants_share_pct"] = 100.0 * out["applicants_count"] / max(len(apps), 1)
    out["first_share_pct"] = 100.0 * out["first_applicants_count"] / max(int(first.sum()), 1)
    return out


STATUS_LABELS: dict[str, tuple[str, str]] = terms.group("gzsz_city_status")  # from catalog/terms.csv


def status_label(status: str, lang: str) -> str:
    """The label of a city-resolution status in `lang`."""
    zh, en = STATUS_LABELS.get(str(status), (str(status), str(status)))
    return zh if lang == "zh" else en


def unlocated_ai_patents(pats: pd.DataFrame) -> int:
    """AI patents whose first applicant has no city (patents): left out of every city table."""
    return int((pats["is_ai"].to_numpy(dtype=bool) & pats["first_city"].isna().to_numpy()).sum())


def city_ranking(pats: pd.DataFrame, top_n: int) -> pd.DataFrame:
    """AI patents by the first applicant's city: the `top_n` largest (rank, city, patents, share % of AI patents
    with a located first applicant) and one row `REST` with all other cities together (rank empty)."""
    tot = pt.coapplication_totals(pats)[["city", "patents_count"]]
    if tot.empty:
        return pd.DataFrame(columns=["rank", "city", "patents_count", "share_pct"])
    tot = tot.assign(rank=tot["patents_count"].rank(method="min", ascending=False).astype(int))
    total = int(tot["patents_count"].sum())
    top = tot.head(int(top_n))
    rest = pd.DataFrame({"rank": [pd.NA], "city": [REST], "patents_count": [total - int(top["patents_count"].sum())]})
    out = pd.concat([top, rest], ignore_index=True) if len(tot) > len(top) else top.reset_index(drop=True)
    out["share_pct"] = 100.0 * out["patents_count"] / total
    return out[["rank", "city", "patents_count", "share_pct"]]


def city_positions(pats: pd.DataFrame, cities: Sequence[str]) -> dict[str, dict[str, float]]:
    """Rank (1 = most; ties share the best rank), AI patents and share (% of AI patents with a located first applicant)
    of each of `cities` among all first-applicant cities; rank None and 0 patents for a city without any."""
    tot = pt.coapplication_totals(pats)[["city", "patents_count"]]
    total = int(tot["patents_count"].sum())
    rank = tot["patents_count"].rank(method="min", ascending=False)
    out = {}
    for c in cities:
        hit = tot["city"] == c
        n = int(tot.loc[hit, "patents_count"].sum())
        out[c] = {
            "rank": int(rank[hit].iloc[0]) if hit.any() else None,
            "patents": n,
            "cities": len(tot),
            "share_pct": 100.0 * n / total if total else float("nan"),
        }
    return out


# ---- periods -----------------------------------------------------------------------------------------------------
def yearly_counts(pats: pd.DataFrame, cities: Sequence[str], years: tuple[int, int] | None = None) -> pd.DataFrame:
    """AI patents per first-applicant city and application year (patents), every year of `years` (default: the
    first to the last year with an AI patent of these cities) present, 0 where none."""
    fc = pats["first_city"].astype(object).to_numpy()
    m = pats["is_ai"].to_numpy(dtype=bool) & np.isin(fc, list(cities))
    yr = pats["year"].to_numpy()[m].astype(int)
    if years is None:
        if not len(yr):
            return pd.DataFrame(columns=["city", "year", "patents_count"])
        years = (int(yr.min()), int(yr.max()))
    counts = pd.Series(1, index=pd.MultiIndex.from_arrays([fc[m], yr])).groupby(level=[0, 1]).sum()
    idx = pd.MultiIndex.from_product([list(cities), range(years[0], years[1] + 1)], names=["city", "year"])
    return counts.reindex(idx, fill_value=0).rename("patents_count").reset_index()


def period_table(pats: pd.DataFrame, periods: Mapping[str, tuple[int, int]], cities: Sequence[str]) -> pd.DataFrame:
    """Per city (in the given order): AI patents in each period (columns `<period>`), the multiple last/first period
    (NaN when the first is 0) and the equivalent constant yearly growth (%) over the years between the periods'
    starts (patents_count columns are whole patents)."""
    names = list(periods)
    counts = pt.period_counts(pats, periods, cities=list(cities))
    wide = counts.pivot(index="first_city", columns="period", values="patents_count") if len(counts) else pd.DataFrame()
    wide = wide.reindex(index=list(cities), columns=names).fillna(0).astype(int)
    first, last = wide[names[0]].astype(float), wide[names[-1]].astype(float)
    years = periods[names[-1]][0] - periods[names[0]][0]
    multiple = (last / first).where(first > 0)
    out = wide.reset_index().rename(columns={"first_city": "city"})
    out.columns.name = None
    out["multiple"] = multiple.to_numpy()
    out["annual_growth_pct"] = cagr_of_multiple(multiple, years).to_numpy() if years > 0 else np.nan
    return out


def period_sentences(
    table: pd.DataFrame,
    periods: Mapping[str, tuple[int, int]],
    names: Mapping[str, str],
    labels: Mapping[str, str],
    lang: str,
) -> str:
    """One sentence per city of a `period_table`: its patents in each period, the multiple last/first and the
    equivalent yearly growth (or why there is none); `names` maps city -> name, `labels` period -> label."""
    keys = list(periods)
    first, last = keys[0], keys[-1]
    parts = []
    for r in table.to_dict("records"):
        counts = ("、" if lang == "zh" else ", ").join(
            (f"{labels[p]} {r[p]:,} 件" if lang == "zh" else f"{r[p]:,} in the {labels[p]}") for p in keys
        )
        if pd.notna(r["multiple"]):
            growth = (
                f"，{_q(last)}为{_q(first)}的 {r['multiple']:.2f} 倍（若每年按固定比率增长，相当于年均 {r['annual_growth_pct']:.1f}%）"
                if lang == "zh"
                else f"; {r['multiple']:.2f} times as many in the {PERIOD_EN.get(last, last)} as in the "
                f"{PERIOD_EN.get(first, first)} (a constant {r['annual_growth_pct']:.1f}% a year)"
            )
        else:
            growth = (
                f"，{_q(first)}没有专利，无法计算倍数"
                if lang == "zh"
                else f"; none in the {PERIOD_EN.get(first, first)}, so no multiple"
            )
        parts.append(
            f"{names[r['city']]}：{counts}{growth}" if lang == "zh" else f"{names[r['city']]}: {counts}{growth}"
        )
    return ("；".join(parts) + "。") if lang == "zh" else ("; ".join(parts) + ".")


def yearly_chart(
    yearly: pd.DataFrame,
    periods: Mapping[str, tuple[int, int]],
    names: Mapping[str, str],
    period_names: Mapping[str, str],
    ylabel: str,
) -> plt.Figure:
    """AI patents per application year, one line per city (`names` maps city -> legend label), the periods shaded
    and labelled with `period_names`."""
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    colors = sns.color_palette(PALETTE, max(len(names), 2) + 1)[1:]
    for (p, (a, b)), shade in zip(periods.items(), ["#eef2f6", "#dde5ee", "#eef2f6", "#dde5ee"] * 4):
        ax.axvspan(a - 0.5, b + 0.5, color=shade, zorder=0)
        ax.text(
            (a + b) / 2,
            1.0,
            period_names.get(p, p),
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="bottom",
            fontsize=8,
        )
    for (city, label), col in zip(names.items(), colors):
        d = yearly[yearly["city"] == city]
        ax.plot(d["year"], d["patents_count"], marker="o", ms=3, color=col, label=label)
    if len(yearly):
        ax.set_xticks(range(int(yearly["year"].min()), int(yearly["year"].max()) + 1))
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    ax.set_ylabel(ylabel)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    sns.despine(ax=ax)
    fig.tight_layout()
    return fig


# ---- IPC subclasses (Table 1 shape) -----------------------------------------------------------------------------------
def table1_shape(fields: pd.DataFrame, cities: Sequence[str], totals: Mapping[str, int], top_n: int) -> pd.DataFrame:
    """Table 1's shape for two cities from `patents.field_shares(..., top=None)`: the IPC main subclasses in either
    city's top `top_n`, ordered by the two cities' count together, with count, share (% of the city's AI patents) and
    rank per city (columns c0_*, c1_* in the order of `cities`), and a last row `REST` with what they leave (other
    subclasses and patents without an IPC code; left out when it is empty in both cities)."""
    keep = fields[(fields["rank"] <= int(top_n)) & fields["city"].isin(list(cities))]["ipc_subclass"].unique()
    sub = fields[fields["ipc_subclass"].isin(keep)]
    order = sub.groupby("ipc_subclass")["patents_count"].sum().sort_values(ascending=False, kind="stable")
    out = pd.DataFrame({"ipc_subclass": list(order.index)})
    titles = fields.drop_duplicates("ipc_subclass").set_index("ipc_subclass")
    out["title_zh"] = out["ipc_subclass"].map(titles["title_zh"]).fillna("")
    out["title_en"] = out["ipc_subclass"].map(titles["title_en"]).fillna("")
    for i, c in enumerate(cities):
        part = fields[fields["city"] == c].set_index("ipc_subclass")
        out[f"c{i}_count"] = out["ipc_subclass"].map(part["patents_count"]).fillna(0).astype(int)
        total = int(totals.get(c, 0))
        out[f"c{i}_share_pct"] = 100.0 * out[f"c{i}_count"] / total if total else np.nan
        out[f"c{i}_rank"] = out["ipc_subclass"].map(part["rank"]).astype("Int64")
    rest = {"ipc_subclass": REST, "title_zh": "", "title_en": ""}
    for i, c in enumerate(cities):
        total = int(totals.get(c, 0))
        rest[f"c{i}_count"] = total - int(out[f"c{i}_count"].sum())
        rest[f"c{i}_share_pct"] = 100.0 * rest[f"c{i}_count"] / total if total else np.nan
        rest[f"c{i}_rank"] = pd.NA
    if not any(rest[f"c{i}_count"] for i in range(len(cities))):
        return out
    return pd.concat([out, pd.DataFrame([rest])], ignore_index=True)


def rsi_input(table1: pd.DataFrame, cities: Sequence[str]) -> pd.DataFrame:
    """The listed subclasses of a `table1_shape` table in long form (city, ipc_subclass, patents_count), zero counts
    kept, for `patents_published.revealed_specialisation(..., key="ipc_subclass")`."""
    listed = table1[table1["ipc_subclass"] != REST]
    return pd.concat(
        [
            pd.DataFrame({"city": c, "ipc_subclass": listed["ipc_subclass"], "patents_count": listed[f"c{i}_count"]})
            for i, c in enumerate(cities)
        ],
        ignore_index=True,
    )


# ---- the section, for the notebook ----------------------------------------------------------------------------
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


__all__ = [
    "REST",
    "applicant_types",
    "beside_published_partners",
    "beside_published_structure",
    "calibration_at_scale",
    "calibration_display",
    "check_periods",
    "city_key",
    "city_pair",
    "city_positions",
    "city_ranking",
    "city_totals",
    "coverage_table",
    "demo_scale",
    "export_paths",
    "field_heatmap",
    "field_matrix",
    "header_mapping",
    "import_files",
    "import_sentences",
    "import_summary",
    "iur_table",
    "keyword_chart",
    "keyword_contributions",
    "load_patents",
    "measure_label",
    "missing_cities_notice",
    "pair_counts",
    "pair_periods",
    "pair_top_fields",
    "partner_coverage",
    "partner_list",
    "period_label",
    "period_sentences",
    "period_table",
    "rsi_input",
    "status_label",
    "structure_chart",
    "structure_shares",
    "subclass_label",
    "synthetic_notice",
    "table1_shape",
    "trend_chart",
    "trend_pairs",
    "trend_summary",
    "unlocated_ai_patents",
    "yearly_chart",
    "yearly_counts",
]
