"""The helpers of the section "专利数据方法" (section id `patent_method`, §2.3's method on patent micro-data: a
user's export or the SYNTHETIC demo): the import, AI identification, applicant types, cities, periods and Table 1's
shape for one pair of cities (any two), as tables, sentences and charts; the section itself (the values the notebook's
sentences format and the figures and tables it shows) is `patent_method_section`. What both patent-method sections
share is in `patent_data`, the co-application helpers in `patent_co_application`; both are re-exported here
(`pc.<name>`).

Conventions are the method's (see `ai_industry.methods.patents`): a patent's city is its first applicant's city,
counts are of AI patents (the seed's 22 keywords in title or abstract), shares are in percent of the stated base.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.ticker import MaxNLocator

from ai_industry.catalog import terms

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
from ai_industry.methods.growth import cagr_of_multiple
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
