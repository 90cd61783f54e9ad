"""The patent method's co-application tables (§4.1–4.3 of seed 000): partner cities of each first-applicant city,
city pairs, partner trends and fields, 产学研 shares and the sole-applicant structure, counted on the annotated
patents of `tables.annotate` with the counting helpers of `tables` (conventions in `tables`' docstring)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ai_industry.errors import ConfigError
from ai_industry.methods.patents.places import short_city_name
from ai_industry.methods.patents.rules import ApplicantTypeRules, load_applicant_type_rules
from ai_industry.methods.patents.tables import _city_filter, _counts, _group_codes, _scope, _titles


# ---- co-application ----------------------------------------------------------------------------------------------
def _partner_rows(pats: pd.DataFrame, apps: pd.DataFrame, ai_only: bool) -> pd.DataFrame:
    """Unique (patent, first_applicant_city, partner_city) rows: co-applied patents in scope and the cities of
    their non-first applicants that differ from the first applicant's city."""
    df = _scope(pats, ai_only)
    in_scope = np.zeros(len(pats), bool)
    in_scope[df.index.to_numpy()] = True
    fc = pd.Categorical(pats["first_city"])
    cats = fc.categories
    first_code = fc.codes.astype(np.int64)
    a_city = pd.Categorical(apps["city"], categories=cats).codes.astype(np.int64)
    p = apps["patent"].to_numpy().astype(np.int64)
    seq = apps["seq"].to_numpy()
    co = pats["co_applied"].to_numpy(dtype=bool)
    keep = (seq >= 2) & in_scope[p] & co[p] & (a_city >= 0) & (first_code[p] >= 0) & (a_city != first_code[p])
    k = max(len(cats), 1)
    uniq = np.unique(p[keep] * k + a_city[keep])
    pp, pc_ = uniq // k, uniq % k
    labels = np.asarray(cats, dtype=object)
    return pd.DataFrame(
        {
            "patent": pp,
            "first_applicant_city": labels[first_code[pp]] if len(pp) else np.array([], dtype=object),
            "partner_city": labels[pc_] if len(pp) else np.array([], dtype=object),
        }
    )


def partner_cities(
    pats: pd.DataFrame,
    apps: pd.DataFrame,
    *,
    cities: Sequence[str] | None = None,
    base: str = "co_applied",
    ai_only: bool = True,
) -> pd.DataFrame:
    """Co-applied patents of each first-applicant city by partner city (§4.1): patents_count (patents whose other
    applicants include one in the partner city), share_pct of the base, rank within the first city, and the bases:
    first_city_total_count (the city's co-applied patents, ≥ 2 applicants — the seed's 合作申请专利总量) and
    cross_city_total_count (those with a partner in another city). `base` = "co_applied" or "cross_city" chooses
    the share's denominator."""
    if base not in ("co_applied", "cross_city"):
        raise ConfigError(f"partner_cities: base must be 'co_applied' or 'cross_city', not {base!r}")
    df = _scope(pats, ai_only)
    codes, labels = _group_codes(df, "first_city")
    co_tot = dict(
        zip(labels, np.bincount(codes[df["co_applied"].to_numpy(dtype=bool)], minlength=len(labels)).tolist())
    )
    rows = _partner_rows(pats, apps, ai_only)
    cross = rows.groupby("first_applicant_city")["patent"].nunique()
    counts = rows.groupby(["first_applicant_city", "partner_city"]).size().rename("patents_count").reset_index()
    counts["first_city_total_count"] = counts["first_applicant_city"].map(co_tot).fillna(0).astype(int)
    counts["cross_city_total_count"] = counts["first_applicant_city"].map(cross).fillna(0).astype(int)
    denom = counts["first_city_total_count"] if base == "co_applied" else counts["cross_city_total_count"]
    counts["share_pct"] = 100.0 * counts["patents_count"] / denom.where(denom > 0)
    counts["share_base"] = base
    counts = _city_filter(counts, "first_applicant_city", cities)
    counts = counts.sort_values(
        ["first_applicant_city", "patents_count", "partner_city"], ascending=[True, False, True], kind="stable"
    )
    counts["rank"] = (
        counts.groupby("first_applicant_city")["patents_count"].rank(method="min", ascending=False).astype(int)
    )
    return counts[
        [
            "first_applicant_city",
            "partner_city",
            "patents_count",
            "share_pct",
            "rank",
            "first_city_total_count",
            "cross_city_total_count",
            "share_base",
        ]
    ].reset_index(drop=True)


def coapplication_totals(
    pats: pd.DataFrame, *, cities: Sequence[str] | None = None, ai_only: bool = True
) -> pd.DataFrame:
    """Per first-applicant city: patents, co-applied patents (≥ 2 applicants), cross-city patents (≥ 2 cities),
    产学研 patents, and their shares (%) of the city's patents."""
    df = _scope(pats, ai_only, cities)
    codes, labels = _group_codes(df, "first_city")
    k = len(labels)
    out = pd.DataFrame({"city": labels, "patents_count": np.bincount(codes, minlength=k)})
    for c in ("co_applied", "cross_city", "iur"):
        out[f"{c}_count"] = np.bincount(codes[df[c].to_numpy(dtype=bool)], minlength=k)
    for c in ("co_applied", "cross_city", "iur"):
        out[f"{c}_share_pct"] = 100.0 * out[f"{c}_count"] / out["patents_count"]
    return out.sort_values(["patents_count", "city"], ascending=[False, True], kind="stable").reset_index(drop=True)


def city_pairs(pats: pd.DataFrame, apps: pd.DataFrame, *, ai_only: bool = True) -> pd.DataFrame:
    """Undirected city pairs: patents with applicants located in both cities (any applicant positions), and how
    many of them have their first applicant in each city (city_a < city_b by name)."""
    sel = np.zeros(len(pats), bool)
    if ai_only and "is_ai" in pats.columns:
        sel |= pats["is_ai"].to_numpy(dtype=bool)
    else:
        sel[:] = True
    sel &= pats["cross_city"].to_numpy(dtype=bool)
    ca = pd.Categorical(apps["city"])
    cats = np.asarray(ca.categories, dtype=object)
    code = ca.codes.astype(np.int64)
    p = apps["patent"].to_numpy().astype(np.int64)
    keep = sel[p] & (code >= 0)
    k = max(len(cats), 1)
    u = np.unique(p[keep] * k + code[keep])
    pc_df = pd.DataFrame({"patent": u // k, "code": u % k})
    m = pc_df.merge(pc_df, on="patent", suffixes=("_a", "_b"))
    if len(m):
        m = m[cats[m["code_a"].to_numpy()] < cats[m["code_b"].to_numpy()]]
    if m.empty:
        return pd.DataFrame(columns=["city_a", "city_b", "patents_count", "first_in_a_count", "first_in_b_count"])
    m = m.assign(city_a=cats[m["code_a"].to_numpy()], city_b=cats[m["code_b"].to_numpy()])
    first = np.asarray(pd.Categorical(pats["first_city"]).astype(object))[m["patent"].to_numpy()]
    m["first_a"] = first == m["city_a"].to_numpy()
    m["first_b"] = first == m["city_b"].to_numpy()
    out = (
        m.groupby(["city_a", "city_b"])
        .agg(patents_count=("patent", "size"), first_in_a_count=("first_a", "sum"), first_in_b_count=("first_b", "sum"))
        .reset_index()
    )
    return out.sort_values(
        ["patents_count", "city_a", "city_b"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)


def _pair_filter(rows: pd.DataFrame, pairs: Sequence[tuple[str, str]] | None) -> pd.DataFrame:
    if pairs is None:
        return rows
    want = {(short_city_name(a), short_city_name(b)) for a, b in pairs}
    key = list(zip(rows["first_applicant_city"], rows["partner_city"]))
    return rows[[k in want for k in key]]


def partner_trend(
    pats: pd.DataFrame,
    apps: pd.DataFrame,
    *,
    pairs: Sequence[tuple[str, str]] | None = None,
    years: tuple[int, int] | None = None,
    ai_only: bool = True,
) -> pd.DataFrame:
    """Co-applied patents per (first-applicant city, partner city) and application year (§4.2), every year of the
    range present (0 when none). `pairs` [(first, partner), …] limits the pairs; `years` (first, last) the range."""
    rows = _pair_filter(_partner_rows(pats, apps, ai_only), pairs)
    rows = rows.assign(
        year=pats["year"].to_numpy()[rows["patent"].to_numpy()] if len(rows) else np.array([], dtype=int)
    )
    if years is None:
        years = (int(rows["year"].min()), int(rows["year"].max())) if len(rows) else (0, -1)
    g = rows.groupby(["first_applicant_city", "partner_city", "year"]).size().rename("patents_count")
    keys = pairs if pairs is not None else sorted(set(zip(rows["first_applicant_city"], rows["partner_city"])))
    keys = [(short_city_name(a), short_city_name(b)) for a, b in keys]
    idx = pd.MultiIndex.from_tuples(
        [(a, b, y) for a, b in keys for y in range(years[0], years[1] + 1)],
        names=["first_applicant_city", "partner_city", "year"],
    )
    out = g.reindex(idx, fill_value=0).reset_index()
    out["patents_count"] = out["patents_count"].astype(int)
    return out


def partner_fields(
    pats: pd.DataFrame,
    apps: pd.DataFrame,
    *,
    pairs: Sequence[tuple[str, str]] | None = None,
    field_column: str = "ipc_subclass",
    top: int | None = None,
    ai_only: bool = True,
) -> pd.DataFrame:
    """IPC main subclasses of the co-applied patents of each (first-applicant city, partner city) pair (§4.2):
    patents_count, share_pct of the pair's patents, rank; `top` keeps the first n ranks per pair."""
    rows = _pair_filter(_partner_rows(pats, apps, ai_only), pairs)
    f = np.asarray(pd.Categorical(pats[field_column]).astype(object))[rows["patent"].to_numpy()] if len(rows) else []
    rows = rows.assign(**{field_column: f})
    tot = rows.groupby(["first_applicant_city", "partner_city"])["patent"].nunique().rename("pair_total_count")
    rows = rows[rows[field_column].notna()]
    g = (
        rows.groupby(["first_applicant_city", "partner_city", field_column])
        .size()
        .rename("patents_count")
        .reset_index()
    )
    g = g.join(tot, on=["first_applicant_city", "partner_city"])
    g["share_pct"] = 100.0 * g["patents_count"] / g["pair_total_count"]
    g = g.sort_values(
        ["first_applicant_city", "partner_city", "patents_count", field_column],
        ascending=[True, True, False, True],
        kind="stable",
    )
    g["rank"] = (
        g.groupby(["first_applicant_city", "partner_city"])["patents_count"]
        .rank(method="min", ascending=False)
        .astype(int)
    )
    if top is not None:
        g = g[g["rank"] <= top]
    return _titles(g.reset_index(drop=True), field_column, en=False)


def iur_shares(pats: pd.DataFrame, *, cities: Sequence[str] | None = None, ai_only: bool = True) -> pd.DataFrame:
    """产学研 co-applications per first-applicant city (§4.3): iur_count and its share (%) of all the city's
    patents (iur_share_pct, the seed's "产学研合作申请专利量占比") and of its co-applied patents."""
    t = coapplication_totals(pats, cities=cities, ai_only=ai_only)
    t["iur_share_of_co_applied_pct"] = 100.0 * t["iur_count"] / t["co_applied_count"].where(t["co_applied_count"] > 0)
    return t[["city", "patents_count", "co_applied_count", "iur_count", "iur_share_pct", "iur_share_of_co_applied_pct"]]


def sole_applicant_structure(
    pats: pd.DataFrame,
    *,
    cities: Sequence[str] | None = None,
    type_rules: ApplicantTypeRules | None = None,
    ai_only: bool = True,
) -> pd.DataFrame:
    """Sole-applicant patents (one applicant) per first-applicant city by applicant type, with the type's group
    (public_institution = university + research institute + hospital, the seed's 事业单位) and shares (%) of the
    city's sole-applicant patents by type and by group (§4.3: 广州约40%为事业单位, 深圳约90%为企业)."""
    rules = type_rules or load_applicant_type_rules()
    df = _scope(pats, ai_only, cities)
    df = df[df["n_applicants"].to_numpy() == 1]
    codes, labels = _group_codes(df, "first_city")
    tcat = pd.Categorical(df["first_type"])
    out = _counts(codes, labels, tcat.codes.astype(np.int64), list(tcat.categories))
    out.columns = ["city", "applicant_type", "patents_count"]
    group_of: dict[str, str] = {}
    for grp in ("public_institution", "enterprise"):
        for t in rules.groups.get(grp, ()):
            group_of.setdefault(t, grp)
    out["group"] = out["applicant_type"].map(lambda t: group_of.get(t, t))
    tot = out.groupby("city")["patents_count"].transform("sum")
    out["share_pct"] = 100.0 * out["patents_count"] / tot
    out["group_share_pct"] = 100.0 * out.groupby(["city", "group"])["patents_count"].transform("sum") / tot
    out["sole_total_count"] = tot.astype(int)
    order = {t: i for i, t in enumerate(rules.types)}
    out = out.sort_values(
        ["city", "applicant_type"], key=lambda s: s.map(order) if s.name == "applicant_type" else s, kind="stable"
    )
    return out.reset_index(drop=True)
