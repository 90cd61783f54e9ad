"""The patent-method chapters of gz-sz-synergy (§2.3 method, §4.1–4.3 co-application) on patent micro-data: a
user's export or the SYNTHETIC demo. Counting is `ai_industry.patents`'s; this module loads the data, arranges its
tables for one pair of cities (any two), sets computed numbers beside the published ones, and draws the charts.

Conventions are the module's (see `ai_industry.patents`): a patent's city is its first applicant's city, counts are
of AI patents (the seed's 22 keywords in title or abstract), shares are in percent of the stated base.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.ticker import MaxNLocator

from ai_industry.methods.demo import patents as dp
from ai_industry.methods import patents as pt
from ai_industry.present.charts import PALETTE
from ai_industry.errors import ConfigError, DataError
from ai_industry.present.fonts import setup_matplotlib
from ai_industry.present.labels import place
from ai_industry.chapters.gz_sz_synergy.patents import REST, sentence_case, short_label


# ---- parameters -------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _english_city_names() -> dict[str, list[str]]:
    from ai_industry.paths import raw_dir

    ref = pd.read_csv(raw_dir() / "reference" / "regions.csv", dtype=str, keep_default_na=False)
    out: dict[str, list[str]] = {}
    for r in ref[ref["level"] == "city"].itertuples():
        if r.name_en:
            out.setdefault(r.name_en.casefold(), []).append(r.short_zh or r.name_zh)
    for r in ref[ref["level"] == "province"].itertuples():  # 香港, 澳门 are provinces in the reference
        if r.name_en and r.adcode[:2] in pt.SPECIAL_REGIONS:
            out.setdefault(r.name_en.casefold(), []).append(r.short_zh)
    return out


def city_key(name: str) -> str:
    """The short city name the patent tables use: 广州市 -> 广州, 北京 -> 北京, 香港特别行政区 -> 香港; an English
    name (Beijing) through the regions reference table."""
    s = unicodedata.normalize("NFKC", str(name)).strip()
    if not s:
        raise ConfigError("a city name is empty (give e.g. 广州市 or 广州)")
    if s.isascii():
        hits = sorted(set(_english_city_names().get(s.casefold(), [])))
        if len(hits) != 1:
            what = f"is ambiguous ({', '.join(hits)})" if hits else "is not in data/raw/reference/regions.csv"
            raise ConfigError(f"city {name!r} {what}: give its Chinese name, e.g. 广州市 or 广州")
        return hits[0]
    return pt.short_city_name(s)


def city_pair(city_a: str, city_b: str) -> tuple[str, str]:
    """The two chapter cities as short names; they must differ."""
    a, b = city_key(city_a), city_key(city_b)
    if a == b:
        raise ConfigError(f"city_a and city_b are the same city ({a})")
    return a, b


def missing_cities_notice(totals: Mapping[str, int], lang: str) -> str | None:
    """The text of a box for chapter cities without any AI patent in the data (None when both have some)."""
    missing = [c for c, n in totals.items() if not n]
    if not missing:
        return None
    if lang == "zh":
        return (f"数据中没有第一申请人在{'、'.join(missing)}的人工智能专利，涉及该市的表图为空。请检查城市名（可写“广州市”“广州”或 Guangzhou）"
                "及导出文件的申请人地址列。")
    names = ", ".join(place(c, "en") for c in missing)
    return (f"The data hold no AI patent with the first applicant in {names}; the tables and charts of that city are empty. Check the city "
            "name (广州市, 广州 or Guangzhou) and the export's applicant-address column.")


def check_periods(periods: Mapping[str, Sequence[int]]) -> dict[str, tuple[int, int]]:
    """The `periods` parameter as {name: (first year, last year)} in the given order; at least two periods, each
    a pair of years with first ≤ last."""
    if not isinstance(periods, Mapping) or len(periods) < 2:
        raise ConfigError(f"periods must map at least two names to [first_year, last_year], not {periods!r}")
    out: dict[str, tuple[int, int]] = {}
    for name, span in periods.items():
        try:
            a, b = (int(x) for x in span)
        except (TypeError, ValueError):
            raise ConfigError(f"period {name!r}: expected [first_year, last_year], got {span!r}") from None
        if a > b:
            raise ConfigError(f"period {name!r}: first year {a} is after last year {b}")
        out[str(name)] = (a, b)
    return out


PERIOD_EN = {"十一五": "11th Five-Year Plan", "十二五": "12th Five-Year Plan", "十三五": "13th Five-Year Plan",
             "十四五": "14th Five-Year Plan", "十五五": "15th Five-Year Plan"}


def _q(name: str) -> str:
    return f"“{name}”" if name in PERIOD_EN else name


def period_label(name: str, span: Sequence[int], lang: str) -> str:
    """A period with its years: “十二五”（2011—2015年） / 12th Five-Year Plan (2011–2015)."""
    a, b = int(span[0]), int(span[1])
    if lang == "zh":
        return f"{_q(name)}（{a}—{b}年）"
    return f"{PERIOD_EN.get(name, name)} ({a}–{b})"


# ---- loading ----------------------------------------------------------------------------------------------------
_EXPORT_SUFFIXES = pt.TEXT_SUFFIXES + pt.EXCEL_SUFFIXES


def export_paths(text: str) -> list[Path]:
    """The files named by the `patents_path` parameter: one file, a folder (its csv/tsv/txt/xlsx files), a glob
    pattern, or several of these separated by ';'."""
    parts = [p.strip() for p in re.split(r"[;\n]", str(text)) if p.strip()]
    if not parts:
        raise ConfigError("patents_path is empty")
    out: list[Path] = []
    for part in parts:
        p = Path(part).expanduser()
        if p.is_dir():
            found = sorted(q for q in p.iterdir() if q.suffix.lower() in _EXPORT_SUFFIXES and not q.name.startswith((".", "~$")))
            if not found:
                raise DataError(str(p), message=f"the folder holds no export file ({', '.join(_EXPORT_SUFFIXES)})")
            out.extend(found)
        elif any(ch in part for ch in "*?["):
            found = sorted(p.parent.glob(p.name))
            if not found:
                raise DataError(part, message="no file matches this pattern")
            out.extend(found)
        else:
            out.append(p)
    return out


def load_patents(patents_path: str = "", demo_rows: int = 20_000, seed: int = dp.DEFAULT_SEED
                 ) -> tuple[pt.PatentExport, bool, str]:
    """(export, is_synthetic, description for the source line): the user's export(s) at `patents_path` (see
    export_paths; duplicates across files dropped by patent number) or, when it is empty, the SYNTHETIC demo export
    of `demo_rows` rows generated with `seed` into a temporary folder and read back like a user's file."""
    if str(patents_path).strip():
        paths = export_paths(patents_path)
        export = pt.read_exports(paths)
        names = [Path(f["file"]).name for f in export.info["files"]]
        what = ", ".join(names) if len(names) <= 3 else f"{', '.join(names[:3])} … ({len(names)} files)"
        return export, False, what
    with tempfile.TemporaryDirectory() as tmp:
        path = dp.generate_demo(int(demo_rows), int(seed), tmp)
        export = pt.read_export(path)
    return export, True, f"{path.name} ({int(demo_rows):,} rows, seed {int(seed)})"


def demo_scale(n_rows: int, full_rows: int = dp.DEFAULT_ROWS) -> float:
    """The factor the demo generator scales its calibrated counts by: n_rows / full_rows, at most 1."""
    return min(1.0, int(n_rows) / full_rows)


# ---- the import --------------------------------------------------------------------------------------------------
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "publication_number": ("公开（公告）号", "publication number"), "application_number": ("申请号", "application number"),
    "application_date": ("申请日", "application date"), "publication_date": ("公开（公告）日", "publication date"),
    "title": ("标题", "title"), "abstract": ("摘要", "abstract"), "applicants": ("申请（专利权）人", "applicants"),
    "applicant_address": ("申请人地址", "applicant address"), "ipc_main": ("IPC主分类", "main IPC"),
    "ipc": ("IPC分类", "IPC codes"), "patent_type": ("专利类型", "patent type"), "note": ("备注", "note"),
}


def import_files(export: pt.PatentExport) -> pd.DataFrame:
    """One row per file read: name, format, encoding, sheet, header row (1-based), patent rows, and how many rows had
    one address per applicant (aligned), one address only (first_only), a different number (mismatch) or none."""
    rows = []
    for f in export.info.get("files", []):
        al = f.get("address_alignment", {})
        rows.append({"file": Path(f["file"]).name, "format": f.get("format") or "", "encoding": f.get("encoding") or "",
                     "sheet": f.get("sheet") or "", "header_row": int(f.get("header_row") or 0), "rows": int(f.get("rows", 0)),
                     "address_aligned": int(al.get("aligned", 0)), "address_first_only": int(al.get("first_only", 0)),
                     "address_mismatch": int(al.get("mismatch_first_only", 0)), "address_none": int(al.get("none", 0))})
    return pd.DataFrame(rows)


def header_mapping(export: pt.PatentExport, lang: str) -> pd.DataFrame:
    """Which column of the export(s) was read as which field: field id, field label in `lang`, the header(s) found."""
    found: dict[str, list[str]] = {}
    for f in export.info.get("files", []):
        for fld, header in (f.get("columns") or {}).items():
            if header not in found.setdefault(fld, []):
                found[fld].append(str(header))
    order = [f for f in FIELD_LABELS if f in found] + [f for f in found if f not in FIELD_LABELS]
    return pd.DataFrame({"field": order,
                         "field_label": [FIELD_LABELS.get(f, (f, f))[0 if lang == "zh" else 1] for f in order],
                         "headers": [" / ".join(found[f]) for f in order]})


def import_summary(export: pt.PatentExport) -> dict[str, int]:
    """Counts of the import: files, rows read, duplicate rows dropped, patents kept, applicant rows (one per
    applicant of a patent), co-applied patents (≥ 2 applicants)."""
    pats = export.patents
    return {"files": len(export.info.get("files", [])), "rows_read": int(export.info.get("rows_read", len(pats))),
            "duplicates_dropped": int(export.info.get("duplicates_dropped", 0)), "patents": int(len(pats)),
            "applicants": int(len(export.applicants)), "co_applied": int((pats["n_applicants"].to_numpy() >= 2).sum())}


# ---- AI identification -------------------------------------------------------------------------------------------
def keyword_contributions(summary: pd.DataFrame, keywords: pd.DataFrame) -> pd.DataFrame:
    """The keyword rules of `identify_ai` in the report's order (`keywords` = the published 22, matched on the
    Chinese term) with what each contributed, in patents: matched (any patent), AI patents matched, matched in title,
    in abstract, only this keyword (AI patents lost without it), first found in rule order, and the share (%) of all
    AI patents it matches (shares overlap: a patent can match several keywords)."""
    kw = summary[summary["group"] == "keyword"].copy()
    cols = ["patents_matched", "ai_patents_matched", "matched_in_title", "matched_in_abstract", "only_this_rule",
            "added_in_order", "share_of_ai_pct"]
    for c in cols:
        if c not in kw.columns:
            kw[c] = 0
    out = keywords[["order", "keyword", "keyword_en"]].merge(kw[["label_zh", "rule", *cols]], how="left",
                                                             left_on="keyword", right_on="label_zh")
    for c in cols[:-1]:
        out[c] = out[c].fillna(0).astype(int)
    return out.drop(columns="label_zh").sort_values("order").reset_index(drop=True)


def keyword_chart(table: pd.DataFrame, labels: Sequence[str], xlabel: str, matched_label: str, only_label: str) -> plt.Figure:
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
        rows.append({"type": typ, "label_zh": lab.get("zh", typ), "label_en": lab.get("en", typ),
                     "applicants_count": int(m.sum()), "first_applicants_count": int((m & first).sum()),
                     "names_count": int(apps.loc[m, "name"].nunique())})
    out = pd.DataFrame(rows)
    out["applicants_share_pct"] = 100.0 * out["applicants_count"] / max(len(apps), 1)
    out["first_share_pct"] = 100.0 * out["first_applicants_count"] / max(int(first.sum()), 1)
    return out


STATUS_LABELS: dict[str, tuple[str, str]] = {
    "ok": ("已定位到城市", "placed in a city"), "no_address": ("无地址", "no address"), "empty": ("地址为空", "empty address"),
    "not_found": ("未识别出地名（多为境外）", "no place recognised (mostly abroad)"),
    "province_only": ("只识别到省", "province only"), "ambiguous": ("地名有歧义", "ambiguous place name"),
}


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
        out[c] = {"rank": int(rank[hit].iloc[0]) if hit.any() else None, "patents": n, "cities": len(tot),
                  "share_pct": 100.0 * n / total if total else float("nan")}
    return out


# ---- periods -----------------------------------------------------------------------------------------------------
def city_totals(pats: pd.DataFrame, cities: Sequence[str]) -> dict[str, int]:
    """AI patents with the first applicant in each of `cities` (all years), 0 where none."""
    fc = pats["first_city"].astype(object).to_numpy()
    ai = pats["is_ai"].to_numpy(dtype=bool)
    return {c: int((ai & (fc == c)).sum()) for c in cities}


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
    out["annual_growth_pct"] = (100.0 * (multiple ** (1.0 / years) - 1.0)).to_numpy() if years > 0 else np.nan
    return out


def period_sentences(table: pd.DataFrame, periods: Mapping[str, tuple[int, int]], names: Mapping[str, str],
                     labels: Mapping[str, str], lang: str) -> str:
    """One sentence per city of a `period_table`: its patents in each period, the multiple last/first and the
    equivalent yearly growth (or why there is none); `names` maps city -> name, `labels` period -> label."""
    keys = list(periods)
    first, last = keys[0], keys[-1]
    parts = []
    for r in table.to_dict("records"):
        counts = ("、" if lang == "zh" else ", ").join(
            (f"{labels[p]} {r[p]:,} 件" if lang == "zh" else f"{r[p]:,} in the {labels[p]}") for p in keys)
        if pd.notna(r["multiple"]):
            growth = (f"，{_q(last)}为{_q(first)}的 {r['multiple']:.2f} 倍（若每年按固定比率增长，相当于年均 {r['annual_growth_pct']:.1f}%）"
                      if lang == "zh" else f"; {r['multiple']:.2f} times as many in the {PERIOD_EN.get(last, last)} as in the "
                      f"{PERIOD_EN.get(first, first)} (a constant {r['annual_growth_pct']:.1f}% a year)")
        else:
            growth = f"，{_q(first)}没有专利，无法计算倍数" if lang == "zh" else f"; none in the {PERIOD_EN.get(first, first)}, so no multiple"
        parts.append(f"{names[r['city']]}：{counts}{growth}" if lang == "zh" else f"{names[r['city']]}: {counts}{growth}")
    return ("；".join(parts) + "。") if lang == "zh" else ("; ".join(parts) + ".")


def yearly_chart(yearly: pd.DataFrame, periods: Mapping[str, tuple[int, int]], names: Mapping[str, str],
                 period_names: Mapping[str, str], ylabel: str) -> plt.Figure:
    """AI patents per application year, one line per city (`names` maps city -> legend label), the periods shaded
    and labelled with `period_names`."""
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    colors = sns.color_palette(PALETTE, max(len(names), 2) + 1)[1:]
    for (p, (a, b)), shade in zip(periods.items(), ["#eef2f6", "#dde5ee", "#eef2f6", "#dde5ee"] * 4):
        ax.axvspan(a - 0.5, b + 0.5, color=shade, zorder=0)
        ax.text((a + b) / 2, 1.0, period_names.get(p, p), transform=ax.get_xaxis_transform(), ha="center", va="bottom", fontsize=8)
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
    return pd.concat([pd.DataFrame({"city": c, "ipc_subclass": listed["ipc_subclass"], "patents_count": listed[f"c{i}_count"]})
                      for i, c in enumerate(cities)], ignore_index=True)


# ---- the demo's calibration ------------------------------------------------------------------------------------------
COUNT_MEASURES = ("patents 2016-2020", "patents 2011-2015", "patents all years", "Table 1 count", "co-applied patents",
                  "partner count")
MEASURE_LABELS: dict[str, tuple[str, str]] = {
    "patents 2016-2020": ("“十三五”专利数", "patents, 13th FYP"), "patents 2011-2015": ("“十二五”专利数", "patents, 12th FYP"),
    "multiple 十三五/十二五": ("增长倍数", "growth multiple"), "patents all years": ("全部年份专利数", "patents, all years"),
    "Table 1 count": ("表1件数", "Table 1 count"), "Table 1 share %": ("表1比重（%）", "Table 1 share (%)"),
    "Table 1 rank": ("表1名次", "Table 1 rank"), "co-applied patents": ("合作申请专利数", "co-applied patents"),
    "partner count": ("合作城市件数", "partner count"), "partner share %": ("合作城市比重（%）", "partner share (%)"),
    "产学研 share %": ("产学研比重（%）", "industry–university–research share (%)"),
    "sole applicants: public institutions %": ("独立申请·事业单位（%）", "sole applicant: public bodies (%)"),
    "sole applicants: enterprises %": ("独立申请·企业（%）", "sole applicant: enterprises (%)"),
    "invention share %": ("发明专利比重（%，报告：以上）", "invention share (%, report: at least)"),
}


def calibration_at_scale(check: pd.DataFrame, n_rows: int, full_rows: int = dp.DEFAULT_ROWS) -> pd.DataFrame:
    """`demo_patents.calibration_check` at the demo's size: `scale` = n_rows/full_rows (≤ 1); `expected` = the
    published target, for counts times the scale rounded as the generator rounds (round half to even); `diff` =
    computed − expected; status 'exact' (counts and ranks equal, shares and multiples equal at the printed decimals,
    the invention floor met), 'approximate' (a share or multiple of a scaled-down demo off the printed decimals: it
    is a ratio of rounded scaled counts) or 'miss'."""
    f = demo_scale(n_rows, full_rows)
    out = check.copy()
    is_count = out["measure"].isin(COUNT_MEASURES).to_numpy()
    out["scale"] = f
    out["expected"] = np.where(is_count, [float(int(round(t * f))) for t in out["target"]], out["target"].astype(float))
    out["diff"] = out["computed"].astype(float) - out["expected"]
    count_ok = np.isclose(out["computed"].astype(float), out["expected"])
    ratio = ~is_count & ~out["measure"].isin(["Table 1 rank", "invention share %"]).to_numpy()
    status = np.where(is_count, np.where(count_ok, "exact", "miss"),
                      np.where(out["ok"].to_numpy(dtype=bool), "exact", np.where(ratio & (f < 1.0), "approximate", "miss")))
    out["status"] = status
    return out


def measure_label(measure: str, lang: str) -> str:
    """The label of a calibration measure in `lang` (the id itself if unknown)."""
    zh, en = MEASURE_LABELS.get(measure, (measure, measure))
    return zh if lang == "zh" else en


# ---- co-application -------------------------------------------------------------------------------------------------
def partner_list(partners: pd.DataFrame, city: str | Sequence[str], top_n: int) -> pd.DataFrame:
    """The `top_n` partner cities of `city` (or of each of several cities, in their order) from
    `patents.partner_cities` (largest count first, ties by name), with the share (%) of the city's cross-city
    co-applications added (share_cross_pct; share_pct is of all its co-applied patents)."""
    cities = [city] if isinstance(city, str) else list(city)
    p = pd.concat([partners[partners["first_applicant_city"] == c].head(int(top_n)) for c in cities], ignore_index=True)
    p["share_cross_pct"] = 100.0 * p["patents_count"] / p["cross_city_total_count"].where(p["cross_city_total_count"] > 0)
    return p.reset_index(drop=True)


def partner_coverage(pats: pd.DataFrame, apps: pd.DataFrame, city: str, listed: Sequence[str]) -> dict[str, float]:
    """How the co-applied AI patents of `city` (first applicant there, ≥ 2 applicants) split, in patents and % of them:
    with a partner in one of the `listed` cities, with partners only in other cities, and with no partner placed in
    another city (same-city or unplaced co-applicants). The three parts are disjoint and sum to the total."""
    fc = pats["first_city"].astype(object).to_numpy()
    sel = pats["is_ai"].to_numpy(dtype=bool) & pats["co_applied"].to_numpy(dtype=bool) & (fc == city)
    pos = np.flatnonzero(sel)
    a = apps[np.isin(apps["patent"].to_numpy(), pos) & (apps["seq"].to_numpy() >= 2)]
    ac = a["city"].astype(object)
    a = a[ac.notna().to_numpy() & (ac != city).to_numpy()]
    with_listed = set(a.loc[a["city"].astype(object).isin(list(listed)).to_numpy(), "patent"].tolist())
    other_only = set(a["patent"].tolist()) - with_listed
    total = len(pos)
    out = {"total": total, "listed": len(with_listed), "other_only": len(other_only),
           "no_other_city": total - len(with_listed) - len(other_only)}
    for k in ("listed", "other_only", "no_other_city"):
        out[f"{k}_pct"] = 100.0 * out[k] / total if total else float("nan")
    return out


def coverage_table(cover: Mapping[str, Mapping[str, float]]) -> pd.DataFrame:
    """`partner_coverage` results of several cities as one table, one row per city (in the mapping's order)."""
    return pd.DataFrame([{"city": c, **v} for c, v in cover.items()])


def pair_counts(partners: pd.DataFrame, pairs: pd.DataFrame, a: str, b: str) -> dict[str, float]:
    """The a–b co-applications (patents): first applicant in a with a partner in b, the reverse (disjoint: one first
    applicant), both, all patents with applicants in both cities in any position (city_pairs; also those led from a
    third city), the two cities' co-applied totals and the share (%) of both directions in them."""
    def one(x: str, y: str) -> int:
        r = partners[(partners["first_applicant_city"] == x) & (partners["partner_city"] == y)]
        return int(r["patents_count"].iloc[0]) if len(r) else 0

    def total(x: str) -> int:
        r = partners[partners["first_applicant_city"] == x]
        return int(r["first_city_total_count"].iloc[0]) if len(r) else 0

    lo, hi = sorted((a, b))
    pr = pairs[(pairs["city_a"] == lo) & (pairs["city_b"] == hi)]
    ab, ba = one(a, b), one(b, a)
    tot = total(a) + total(b)
    return {"a_to_b": ab, "b_to_a": ba, "both": ab + ba, "any_position": int(pr["patents_count"].iloc[0]) if len(pr) else 0,
            "co_applied_a": total(a), "co_applied_b": total(b), "share_pct": 100.0 * (ab + ba) / tot if tot else float("nan")}


def beside_published_partners(partners: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """The partner rows the report publishes (co_applied_patents) with the computed ones beside: published count,
    total and share (% = count ÷ the city's co-applied total, from the published numbers), computed count, total and
    share (%), for the same first-applicant city and partner (0 where the computation finds none)."""
    pub = published[["first_applicant_city", "partner_city", "patents_count", "first_city_total_count"]].rename(
        columns={"patents_count": "published_count", "first_city_total_count": "published_total"})
    pub["published_share_pct"] = 100.0 * pub["published_count"] / pub["published_total"]
    comp = partners[["first_applicant_city", "partner_city", "patents_count", "share_pct"]].rename(
        columns={"patents_count": "computed_count", "share_pct": "computed_share_pct"})
    out = pub.merge(comp, on=["first_applicant_city", "partner_city"], how="left")
    totals = partners.drop_duplicates("first_applicant_city").set_index("first_applicant_city")["first_city_total_count"]
    out["computed_total"] = out["first_applicant_city"].map(totals).fillna(0).astype(int)
    out["computed_count"] = out["computed_count"].fillna(0).astype(int)
    fallback = 100.0 * out["computed_count"] / out["computed_total"].where(out["computed_total"] > 0)
    out["computed_share_pct"] = out["computed_share_pct"].where(out["computed_share_pct"].notna(), fallback)
    return out


def trend_pairs(partners: pd.DataFrame, a: str, b: str, k: int = 2) -> list[tuple[str, str]]:
    """The pairs of Figure 3's layout for any two cities: (a, b) and a's `k` largest other partners, then (b, a) and
    b's `k` largest other partners (largest count first, ties by name)."""
    out: list[tuple[str, str]] = []
    for x, y in ((a, b), (b, a)):
        out.append((x, y))
        others = partners[(partners["first_applicant_city"] == x) & (partners["partner_city"] != y)]
        out.extend((x, p) for p in others["partner_city"].head(int(k)))
    return out


def trend_summary(trend: pd.DataFrame) -> pd.DataFrame:
    """Per (first-applicant city, partner) of `patents.partner_trend`: patents over all years, the first year with
    one, the peak year (the earliest year with the largest count), the peak count and the count in the last year of
    the range (patents)."""
    rows = []
    for (x, y), g in trend.groupby(["first_applicant_city", "partner_city"], sort=False):
        g = g.sort_values("year")
        n = g["patents_count"].to_numpy()
        yrs = g["year"].to_numpy()
        has = np.flatnonzero(n > 0)
        rows.append({"first_applicant_city": x, "partner_city": y, "patents_count": int(n.sum()),
                     "first_year": int(yrs[has[0]]) if len(has) else pd.NA,
                     "peak_year": int(yrs[int(np.argmax(n))]) if n.sum() else pd.NA, "peak_count": int(n.max()) if len(n) else 0,
                     "last_year": int(yrs[-1]) if len(yrs) else pd.NA, "last_count": int(n[-1]) if len(n) else 0})
    return pd.DataFrame(rows, columns=["first_applicant_city", "partner_city", "patents_count", "first_year", "peak_year",
                                       "peak_count", "last_year", "last_count"])


def trend_chart(trend: pd.DataFrame, a: str, b: str, place: Callable[[str], str], panel_title: Callable[[str], str],
                ylabel: str) -> plt.Figure:
    """Co-applied patents by application year in two panels, first applicant in a (left) and in b (right), one line
    per partner; `place` names a city, `panel_title` titles a panel from its city."""
    setup_matplotlib()
    fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.8), sharey=True)
    colors = sns.color_palette("deep", 8)
    for ax, x in zip(axes, (a, b)):
        d = trend[trend["first_applicant_city"] == x]
        for i, (y, g) in enumerate(d.groupby("partner_city", sort=False)):
            ax.plot(g["year"], g["patents_count"], marker="o", ms=3, color=colors[i % len(colors)], label=f"→ {place(y)}",
                    lw=2.2 if i == 0 else 1.3)
        ax.set_title(panel_title(x), fontsize=10, loc="left")
        if len(d):
            yrs = sorted(d["year"].unique())
            step = 1 if len(yrs) <= 12 else 2
            ax.set_xticks(yrs[::step])
        ax.tick_params(axis="x", labelrotation=45, labelsize=8)
        ax.legend(fontsize=8, frameon=False, loc="upper left")
        sns.despine(ax=ax)
    top = float(trend["patents_count"].max()) if len(trend) else 1.0
    axes[0].set_ylim(0, max(top, 1.0) * 1.25)
    axes[0].yaxis.set_major_locator(MaxNLocator(integer=True))
    axes[0].set_ylabel(ylabel)
    fig.tight_layout()
    return fig


def field_matrix(fields: pd.DataFrame, pairs: Sequence[tuple[str, str]], top: int) -> pd.DataFrame:
    """Share (% of the pair's co-applied patents) of each IPC main subclass for each pair (rows in the order of
    `pairs`), columns = the subclasses among any pair's `top` largest (ties by code; in the order of the pairs), then
    `REST` (other subclasses and patents without an IPC code, never below 0). `fields` = partner_fields(..., top=None);
    a pair without patents is left out."""
    f = fields.assign(pair=list(zip(fields["first_applicant_city"], fields["partner_city"])))
    f = f.sort_values(["patents_count", "ipc_subclass"], ascending=[False, True], kind="stable")
    heads = f.groupby("pair", sort=False).head(int(top))
    heads = heads.assign(order=heads["pair"].map({p: i for i, p in enumerate(pairs)}))
    heads = heads.sort_values(["order", "patents_count"], ascending=[True, False], kind="stable")
    cols = list(dict.fromkeys(heads["ipc_subclass"]))
    rows = [p for p in pairs if (f["pair"] == p).any()]
    mat = pd.DataFrame(0.0, index=pd.MultiIndex.from_tuples(rows, names=["first_applicant_city", "partner_city"]) if rows
                       else pd.MultiIndex.from_tuples([], names=["first_applicant_city", "partner_city"]), columns=cols)
    for p in rows:
        g = f[f["pair"] == p].set_index("ipc_subclass")["share_pct"]
        mat.loc[p, cols] = g.reindex(cols).fillna(0.0).to_numpy()
    mat[REST] = (100.0 - mat[cols].sum(axis=1)).clip(lower=0.0).round(10)
    return mat


def pair_top_fields(fields: pd.DataFrame, pairs: Sequence[tuple[str, str]], top: int) -> pd.DataFrame:
    """The `top` largest IPC subclasses of each pair's co-applications (rows of patents.partner_fields; ties by code,
    so exactly `top` or fewer per pair), pairs in the order of `pairs`."""
    f = fields.sort_values(["patents_count", "ipc_subclass"], ascending=[False, True], kind="stable")
    parts = [f[(f["first_applicant_city"] == x) & (f["partner_city"] == y)].head(int(top)) for x, y in pairs]
    return pd.concat(parts, ignore_index=True) if parts else f.head(0)


def field_heatmap(mat: pd.DataFrame, row_labels: Sequence[str], col_labels: Sequence[str], cbar_label: str) -> plt.Figure:
    """A heatmap of `field_matrix` (rows pairs, columns subclasses, the last column the remainder), each non-zero cell
    labelled with its share (%)."""
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(min(max(1.0 + 0.72 * mat.shape[1], 5.5), 9.5), 0.45 * mat.shape[0] + 1.5))
    vals = mat.to_numpy(dtype=float)
    text = np.where(vals > 0, np.vectorize(lambda v: f"{v:.0f}")(vals), "") if vals.size else vals
    sns.heatmap(vals, annot=text, fmt="", cmap="Blues", cbar_kws={"label": cbar_label}, ax=ax,
                xticklabels=list(col_labels), yticklabels=list(row_labels), annot_kws={"fontsize": 8}, vmin=0, vmax=100,
                linewidths=0.5, linecolor="white")
    ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    ax.tick_params(axis="y", labelrotation=0, labelsize=8.5)
    fig.tight_layout()
    return fig


def iur_table(pats: pd.DataFrame, cities: Sequence[str]) -> pd.DataFrame:
    """Per city (in the given order, zeros where none): AI patents, co-applied, cross-city and 产学研 patents, and
    their shares (%) of the city's AI patents, plus 产学研 as a share (%) of the co-applied ones."""
    t = pt.coapplication_totals(pats, cities=list(cities)).set_index("city").reindex(list(cities))
    counts = ["patents_count", "co_applied_count", "cross_city_count", "iur_count"]
    t[counts] = t[counts].fillna(0).astype(int)
    for c in ("co_applied", "cross_city", "iur"):
        t[f"{c}_share_pct"] = 100.0 * t[f"{c}_count"] / t["patents_count"].where(t["patents_count"] > 0)
    t["iur_share_of_co_applied_pct"] = 100.0 * t["iur_count"] / t["co_applied_count"].where(t["co_applied_count"] > 0)
    return t.reset_index()


def structure_shares(sole: pd.DataFrame, cities: Sequence[str], types: Sequence[str]) -> pd.DataFrame:
    """Sole-applicant patents per city (rows, given order) and applicant type (columns, given order) as shares (%) of
    the city's sole-applicant patents (from patents.sole_applicant_structure; 0 where a type has none)."""
    wide = sole.pivot_table(index="city", columns="applicant_type", values="share_pct", aggfunc="sum", observed=True)
    return wide.reindex(index=list(cities), columns=list(types)).fillna(0.0)


def structure_chart(shares: pd.DataFrame, row_labels: Sequence[str], type_labels: Sequence[str], xlabel: str) -> plt.Figure:
    """100% stacked horizontal bars, one per city, one segment per applicant type, segments of 4% or more labelled."""
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.5, 0.7 * len(shares) + 1.6))
    colors = list(sns.color_palette("Set2", len(shares.columns)))
    left = np.zeros(len(shares))
    for j, (col, lab) in enumerate(zip(shares.columns, type_labels)):
        vals = shares[col].to_numpy(dtype=float)
        bars = ax.barh(range(len(shares)), vals, left=left, color=colors[j], label=lab, height=0.6)
        for bar, v, x0 in zip(bars, vals, left):
            if v >= 4:
                ax.text(x0 + v / 2, bar.get_y() + bar.get_height() / 2, f"{v:.0f}", ha="center", va="center", fontsize=8.5)
        left = left + vals
    ax.set_yticks(range(len(shares)), list(row_labels))
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel(xlabel)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(len(type_labels), 6), fontsize=8, frameon=False)
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


def beside_published_structure(sole: pd.DataFrame, iur: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """The applicant-structure indicators the report publishes (applicant_structure) with the computed value beside
    (%): sole applicants that are public institutions (university, institute, hospital) or enterprises, as a share of
    the city's sole-applicant patents, and 产学研 co-applications as a share of the city's AI patents."""
    rows = []
    for r in published.itertuples():
        s = sole[sole["city"] == r.city]
        tot = float(s["patents_count"].sum())
        if r.indicator == "sole_applicant_public_institutions":
            v = 100.0 * float(s.loc[s["group"] == "public_institution", "patents_count"].sum()) / tot if tot else np.nan
        elif r.indicator == "sole_applicant_enterprises":
            v = 100.0 * float(s.loc[s["applicant_type"] == "enterprise", "patents_count"].sum()) / tot if tot else np.nan
        else:
            hit = iur[iur["city"] == r.city]
            v = float(hit["iur_share_pct"].iloc[0]) if len(hit) else np.nan
        rows.append({"city": r.city, "indicator": r.indicator, "published_pct": float(r.share_pct),
                     "qualifier": r.qualifier if isinstance(r.qualifier, str) else "", "computed_pct": v})
    return pd.DataFrame(rows)


# ---- text ----------------------------------------------------------------------------------------------------------
def synthetic_notice(lang: str, n_rows: int, full_rows: int = dp.DEFAULT_ROWS) -> str:
    """The text of the box that labels the SYNTHETIC demo export (its size and scale included)."""
    f = demo_scale(n_rows, full_rows)
    if lang == "zh":
        scale = (f"本次生成 {int(n_rows):,} 行，为全尺寸（{full_rows:,} 行）的 {100 * f:.0f}%，校准的计数按此比例缩小、比重近似不变。"
                 if f < 1 else f"本次生成 {int(n_rows):,} 行，校准的计数与报告完全相同。")
        return ("本章默认使用**合成演示数据（SYNTHETIC）**：由固定随机种子生成的智慧芽格式专利导出，每行都标注“SYNTHETIC 合成演示数据”，"
                "申请人、地址、标题和摘要都是虚构的。它按报告公布的汇总数字（两市各时期专利数、表1、合作城市、产学研与申请主体比重）校准，"
                f"不是报告背后的检索数据；本章的数字都是合成的，**不是**对报告的复现，只用于演示方法。{scale}"
                "用 `-p patents_path=…` 运行本章即可分析真实的导出文件。")
    scale = (f"This run has {int(n_rows):,} rows, {100 * f:.0f}% of the full size ({full_rows:,}): the calibrated counts are scaled "
             "down by that factor, shares stay about the same." if f < 1 else
             f"This run has {int(n_rows):,} rows: the calibrated counts equal the report's.")
    return ("This chapter runs on **SYNTHETIC demo data** by default: a PatSnap-layout patent export generated with a fixed seed, "
            "every row marked 'SYNTHETIC 合成演示数据', with fictional applicants, addresses, titles and abstracts. It is calibrated to "
            "the report's published aggregates (each city's patents per period, Table 1, partner cities, industry–university–research "
            "and applicant shares) and is not the search behind the report: every number here is synthetic and **not** a reproduction "
            f"of the report; it shows the method. {scale} Run the chapter with `-p patents_path=…` to analyse a real export.")


def import_sentences(summary: Mapping[str, int], files: pd.DataFrame) -> dict[str, str]:
    """What the import found, in zh and en: files, rows, duplicates dropped, patents, applicant rows and how the
    addresses lined up with the applicants."""
    s = summary
    al = files[["address_aligned", "address_first_only", "address_mismatch", "address_none"]].sum() if len(files) else None
    enc = ", ".join(sorted({e for e in files["encoding"] if e})) if len(files) else ""
    zh = (f"读入 {s['files']} 个文件共 {s['rows_read']:,} 行（编码：{enc or '无（xlsx）'}），按专利号去重删去 {s['duplicates_dropped']:,} 行，"
          f"余 {s['patents']:,} 件专利、{s['applicants']:,} 条申请人记录（一件专利的每个申请人一条），其中 {s['co_applied']:,} 件有两个及以上申请人。")
    en = (f"{s['files']} file(s) with {s['rows_read']:,} rows were read (encoding: {enc or 'none, xlsx'}); {s['duplicates_dropped']:,} "
          f"duplicate rows (same patent number) were dropped, leaving {s['patents']:,} patents and {s['applicants']:,} applicant records "
          f"(one per applicant of a patent); {s['co_applied']:,} patents have two or more applicants.")
    if al is not None:
        zh += (f"申请人地址（按去重前的行计）：{int(al['address_aligned']):,} 行的地址与申请人一一对应，{int(al['address_first_only']):,} 行只有一个地址"
               f"（只用于第一申请人），{int(al['address_mismatch']):,} 行地址数与申请人数不符（只把第一个地址给第一申请人），"
               f"{int(al['address_none']):,} 行没有地址。")
        en += (f" Applicant addresses (rows before deduplication): one per applicant in {int(al['address_aligned']):,} rows, a single address "
               f"(used for the first applicant only) in {int(al['address_first_only']):,}, a different number (the first address goes to the "
               f"first applicant only) in {int(al['address_mismatch']):,}, none in {int(al['address_none']):,}.")
    return {"zh": zh, "en": en}


def calibration_display(cal: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`calibration_at_scale` with text columns for display: measure label, city, key, target, expected, computed and
    difference (shown only where not exact) formatted by kind (counts whole, shares and multiples with two decimals),
    status label (exact | approximate | miss)."""
    is_count = cal["measure"].isin(COUNT_MEASURES + ("Table 1 rank",)).to_numpy()

    def fmt(v: float, whole: bool, sign: bool = False) -> str:
        if pd.isna(v):
            return ""
        return (f"{v:+,.0f}" if sign else f"{v:,.0f}") if whole else (f"{v:+.2f}" if sign else f"{v:.2f}")

    status = {"exact": ("相符", "exact"), "approximate": ("近似", "approx."), "miss": ("不符", "miss")}
    out = cal.copy()
    out["measure_label"] = [measure_label(m, lang) for m in cal["measure"]]
    out["city_label"] = [place(c, lang) for c in cal["city"]]
    out["key_label"] = [place(k, lang) if k and not re.fullmatch(r"[A-H]\d{2}[A-Z]", str(k)) else k for k in cal["key"]]
    for col in ("target", "expected", "computed"):
        out[f"{col}_text"] = [fmt(v, w) for v, w in zip(cal[col], is_count)]
    out["diff_text"] = [fmt(v, w, sign=True) if st != "exact" else "" for v, w, st in zip(cal["diff"], is_count, cal["status"])]
    out["status_label"] = [status[s][0 if lang == "zh" else 1] for s in cal["status"]]
    return out


def pair_periods(trend: pd.DataFrame, periods: Mapping[str, tuple[int, int]]) -> pd.DataFrame:
    """Co-applied patents of each (first-applicant city, partner) of `patents.partner_trend` summed over each period
    (inclusive years; columns named by the periods), pairs in their order in `trend`."""
    keys = list(dict.fromkeys(zip(trend["first_applicant_city"], trend["partner_city"])))
    out = pd.DataFrame(keys, columns=["first_applicant_city", "partner_city"])
    for name, (a, b) in periods.items():
        m = trend[(trend["year"] >= a) & (trend["year"] <= b)]
        sums = m.groupby(["first_applicant_city", "partner_city"], sort=False)["patents_count"].sum()
        out[name] = [int(sums.get(k, 0)) for k in keys]
    return out


def subclass_label(code: str, title_zh: str, title_en: str, lang: str, width: int | None = None) -> str:
    """An IPC subclass with a short title: 'G06K 数据识别' / 'G06K Recognition of data' (first part of the title,
    cut to `width` characters; default 10 in zh, 32 in en)."""
    if code == REST:
        return code
    title = title_zh if lang == "zh" else sentence_case(str(title_en).lower())
    if not title:
        return code
    return f"{code} {short_label(title, width or (10 if lang == 'zh' else 32))}"


__all__ = [
    "REST", "applicant_types", "beside_published_partners", "beside_published_structure", "calibration_at_scale",
    "calibration_display", "check_periods", "city_key", "city_pair", "city_positions", "city_ranking",
    "city_totals", "coverage_table", "demo_scale", "export_paths", "field_heatmap", "field_matrix",
    "header_mapping", "import_files", "import_sentences", "import_summary", "iur_table", "keyword_chart",
    "keyword_contributions", "load_patents", "measure_label", "missing_cities_notice", "pair_counts",
    "pair_periods", "pair_top_fields", "partner_coverage", "partner_list", "period_label", "period_sentences",
    "period_table", "rsi_input", "status_label", "structure_chart", "structure_shares", "subclass_label",
    "synthetic_notice", "table1_shape", "trend_chart", "trend_pairs", "trend_summary", "unlocated_ai_patents",
    "yearly_chart", "yearly_counts",
]
