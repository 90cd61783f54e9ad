"""The helpers of the section "专利合作：任意两城市的合作申请" (section id `patent_co_application`, §4.1–4.3 on patent
micro-data): partner cities, the pair's links, trends, fields, 产学研 and sole applicants for any two cities, as tables
and charts, and set beside the published numbers for Guangzhou–Shenzhen; the section itself is
`patent_co_application_section`. Counting is `ai_industry.methods.patents`'s; conventions as in `patent_method`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.ticker import MaxNLocator

from ai_industry.chapters.gz_sz_synergy.patents import REST
from ai_industry.methods import patents as pt
from ai_industry.present.fonts import setup_matplotlib


# ---- co-application -------------------------------------------------------------------------------------------------
def partner_list(partners: pd.DataFrame, city: str | Sequence[str], top_n: int) -> pd.DataFrame:
    """The `top_n` partner cities of `city` (or of each of several cities, in their order) from
    `patents.partner_cities` (largest count first, ties by name), with the share (%) of the city's cross-city
    co-applications added (share_cross_pct; share_pct is of all its co-applied patents)."""
    cities = [city] if isinstance(city, str) else list(city)
    p = pd.concat([partners[partners["first_applicant_city"] == c].head(int(top_n)) for c in cities], ignore_index=True)
    p["share_cross_pct"] = (
        100.0 * p["patents_count"] / p["cross_city_total_count"].where(p["cross_city_total_count"] > 0)
    )
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
    out = {
        "total": total,
        "listed": len(with_listed),
        "other_only": len(other_only),
        "no_other_city": total - len(with_listed) - len(other_only),
    }
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
    return {
        "a_to_b": ab,
        "b_to_a": ba,
        "both": ab + ba,
        "any_position": int(pr["patents_count"].iloc[0]) if len(pr) else 0,
        "co_applied_a": total(a),
        "co_applied_b": total(b),
        "share_pct": 100.0 * (ab + ba) / tot if tot else float("nan"),
    }


def beside_published_partners(partners: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """The partner rows the report publishes (co_applied_patents) with the computed ones beside: published count,
    total and share (% = count ÷ the city's co-applied total, from the published numbers), computed count, total and
    share (%), for the same first-applicant city and partner (0 where the computation finds none)."""
    pub = published[["first_applicant_city", "partner_city", "patents_count", "first_city_total_count"]].rename(
        columns={"patents_count": "published_count", "first_city_total_count": "published_total"}
    )
    pub["published_share_pct"] = 100.0 * pub["published_count"] / pub["published_total"]
    comp = partners[["first_applicant_city", "partner_city", "patents_count", "share_pct"]].rename(
        columns={"patents_count": "computed_count", "share_pct": "computed_share_pct"}
    )
    out = pub.merge(comp, on=["first_applicant_city", "partner_city"], how="left")
    totals = partners.drop_duplicates("first_applicant_city").set_index("first_applicant_city")[
        "first_city_total_count"
    ]
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
        rows.append(
            {
                "first_applicant_city": x,
                "partner_city": y,
                "patents_count": int(n.sum()),
                "first_year": int(yrs[has[0]]) if len(has) else pd.NA,
                "peak_year": int(yrs[int(np.argmax(n))]) if n.sum() else pd.NA,
                "peak_count": int(n.max()) if len(n) else 0,
                "last_year": int(yrs[-1]) if len(yrs) else pd.NA,
                "last_count": int(n[-1]) if len(n) else 0,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "first_applicant_city",
            "partner_city",
            "patents_count",
            "first_year",
            "peak_year",
            "peak_count",
            "last_year",
            "last_count",
        ],
    )


def trend_chart(
    trend: pd.DataFrame, a: str, b: str, place: Callable[[str], str], panel_title: Callable[[str], str], ylabel: str
) -> plt.Figure:
    """Co-applied patents by application year in two panels, first applicant in a (left) and in b (right), one line
    per partner; `place` names a city, `panel_title` titles a panel from its city."""
    setup_matplotlib()
    fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.8), sharey=True)
    colors = sns.color_palette("deep", 8)
    for ax, x in zip(axes, (a, b)):
        d = trend[trend["first_applicant_city"] == x]
        for i, (y, g) in enumerate(d.groupby("partner_city", sort=False)):
            ax.plot(
                g["year"],
                g["patents_count"],
                marker="o",
                ms=3,
                color=colors[i % len(colors)],
                label=f"→ {place(y)}",
                lw=2.2 if i == 0 else 1.3,
            )
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
    mat = pd.DataFrame(
        0.0,
        index=pd.MultiIndex.from_tuples(rows, names=["first_applicant_city", "partner_city"])
        if rows
        else pd.MultiIndex.from_tuples([], names=["first_applicant_city", "partner_city"]),
        columns=cols,
    )
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


def field_heatmap(
    mat: pd.DataFrame, row_labels: Sequence[str], col_labels: Sequence[str], cbar_label: str
) -> plt.Figure:
    """A heatmap of `field_matrix` (rows pairs, columns subclasses, the last column the remainder), each non-zero cell
    labelled with its share (%)."""
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(min(max(1.0 + 0.72 * mat.shape[1], 5.5), 9.5), 0.45 * mat.shape[0] + 1.5))
    vals = mat.to_numpy(dtype=float)
    text = np.where(vals > 0, np.vectorize(lambda v: f"{v:.0f}")(vals), "") if vals.size else vals
    sns.heatmap(
        vals,
        annot=text,
        fmt="",
        cmap="Blues",
        cbar_kws={"label": cbar_label},
        ax=ax,
        xticklabels=list(col_labels),
        yticklabels=list(row_labels),
        annot_kws={"fontsize": 8},
        vmin=0,
        vmax=100,
        linewidths=0.5,
        linecolor="white",
    )
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


def structure_chart(
    shares: pd.DataFrame, row_labels: Sequence[str], type_labels: Sequence[str], xlabel: str
) -> plt.Figure:
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
                ax.text(
                    x0 + v / 2, bar.get_y() + bar.get_height() / 2, f"{v:.0f}", ha="center", va="center", fontsize=8.5
                )
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
            v = (
                100.0 * float(s.loc[s["applicant_type"] == "enterprise", "patents_count"].sum()) / tot
                if tot
                else np.nan
            )
        else:
            hit = iur[iur["city"] == r.city]
            v = float(hit["iur_share_pct"].iloc[0]) if len(hit) else np.nan
        rows.append(
            {
                "city": r.city,
                "indicator": r.indicator,
                "published_pct": float(r.share_pct),
                "qualifier": r.qualifier if isinstance(r.qualifier, str) else "",
                "computed_pct": v,
            }
        )
    return pd.DataFrame(rows)
