"""Technology flows between regions, published only as the top of from→to share lists (e.g. seed 001's
Tables 7–10): flow matrices, the intra/inter split, net balances (enabling − input), bilateral balances, and
the checks that the lists agree with each other (flows within their marginal shares, cities within their
provinces, the same municipality at both levels). The report's sentences naming regions are checked against
these lists in `regions_statements`; the charts are in `regions_charts`.

Units: shares in percent of all technology-cooperation relations; differences in percentage points (pp).
A pair or region that a top-k list does not show is **unknown**, never zero: its share lies between 0 and the
smallest listed share of that list (ties allowed), and that is all the functions here assume about it.

Standard frames (build them with `edges` and `marginals`):
- edges: `source` (enabling region), `target` (input region), `share_pct`, `rank`;
- marginals: `region`, `direction` (enabling | input), `share_pct`, `rank`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

import numpy as np
import pandas as pd

from ai_industry.catalog import terms
from ai_industry.methods.rounding import sum_tolerance as rounding_tolerance
from ai_industry.paths import raw_dir

ENABLING, INPUT = "enabling", "input"
DECIMALS = 2  # the published shares carry two decimals


# ---- standard frames ----------------------------------------------------------------------------------------


def edges(flows: pd.DataFrame, src: str, dst: str, top_n: int | None = None) -> pd.DataFrame:
    """The listed flows as an edge frame (source, target, share_pct percent, rank), optionally only ranks ≤ top_n."""
    out = flows.rename(columns={src: "source", dst: "target"})[["source", "target", "share_pct", "rank"]]
    out = out.astype({"source": object, "target": object, "share_pct": float, "rank": int})
    if top_n is not None:
        out = out[out["rank"] <= top_n]
    return out.sort_values("rank", kind="stable").reset_index(drop=True)


def marginals(shares: pd.DataFrame, region: str, top_n: int | None = None) -> pd.DataFrame:
    """Enabling / input share lists as (region, direction, share_pct percent, rank), optionally ranks ≤ top_n."""
    out = shares.rename(columns={region: "region"})[["region", "direction", "share_pct", "rank"]]
    out = out.astype({"region": object, "direction": object, "share_pct": float, "rank": int})
    if top_n is not None:
        out = out[out["rank"] <= top_n]
    return out.sort_values(["direction", "rank"], kind="stable").reset_index(drop=True)


def rows_per_list(df: pd.DataFrame) -> int:
    """Rows a published top-k table prints per list: per direction block where it has two, else all rows."""
    if "direction" in df.columns:
        return int(df.groupby("direction").size().max())
    return int(len(df))


def cutoff(values: Iterable[float]) -> float:
    """Upper bound (percent) of any entry a top-k list leaves out: its smallest listed value."""
    vals = np.asarray(list(values), dtype=float)
    if len(vals) == 0:
        raise ValueError("an empty list has no cut-off")
    return float(vals.min())


# ---- matrices and splits ------------------------------------------------------------------------------------


FLOW_TYPE_EN = {
    "intra_province": "within the province",
    "inter_province": "between provinces",
    "local": "within the city",
    "inter_city": "between cities",
}


def printed_list(flows: pd.DataFrame, level: str, lang: str) -> pd.DataFrame:
    """Table 8 or 9 as the report prints it: in its order, each flow as 技术赋能地-技术输入地 (in English
    enabling → input), its share and the report's type column, with the seed line of each row."""
    out = flows.sort_values("rank", kind="stable").reset_index(drop=True)
    if lang == "zh":
        flow, kind = out["flow"], out["flow_type_zh"]
    else:
        flow = out[f"from_{level}_en"] + " → " + out[f"to_{level}_en"]
        kind = out["flow_type"].map(FLOW_TYPE_EN)
    return pd.DataFrame(
        {"rank": out["rank"], "flow": flow, "share_pct": out["share_pct"], "type": kind, "seed_line": out["seed_line"]}
    )


def flow_matrix(e: pd.DataFrame, order: list[str] | None = None) -> pd.DataFrame:
    """From→to matrix of the listed flows (rows = enabling region, columns = input region), percent; NaN
    where a pair is not listed (unknown, not zero). Default order: by listed outflow + inflow, descending."""
    if order is None:
        tot = e.groupby("source")["share_pct"].sum().add(e.groupby("target")["share_pct"].sum(), fill_value=0)
        order = list(tot.sort_values(ascending=False, kind="stable").index)
    m = e.pivot_table(index="source", columns="target", values="share_pct", aggfunc="sum")
    return m.reindex(index=order, columns=order).astype(float)


def intra_inter(e: pd.DataFrame) -> dict[str, float]:
    """Listed flows split into intra-region (source == target) and inter-region sums (percent), the listed total,
    the unlisted remainder, intra as a percent of the listed flows, and the bounds of the intra share of all
    relations: [listed intra, listed intra + remainder]."""
    intra = e["source"] == e["target"]
    i_sum, x_sum = float(e.loc[intra, "share_pct"].sum()), float(e.loc[~intra, "share_pct"].sum())
    listed = i_sum + x_sum
    rest = 100.0 - listed
    return {
        "n_listed": int(len(e)),
        "n_intra": int(intra.sum()),
        "n_inter": int((~intra).sum()),
        "intra_pct": round(i_sum, 10),
        "inter_pct": round(x_sum, 10),
        "listed_pct": round(listed, 10),
        "remainder_pct": round(rest, 10),
        "intra_of_listed_pct": round(100.0 * i_sum / listed, 10),
        "intra_low": round(i_sum, 10),
        "intra_high": round(i_sum + rest, 10),
    }


def flows_among(e: pd.DataFrame, regions: Iterable[str]) -> tuple[int, float]:
    """How many listed flows have both ends in `regions`, and their combined share (percent)."""
    s = set(regions)
    hit = e[e["source"].isin(s) & e["target"].isin(s)]
    return int(len(hit)), round(float(hit["share_pct"].sum()), 10)


def regions_in_flows(e: pd.DataFrame) -> list[str]:
    """Regions at either end of a listed flow, in order of first appearance by rank."""
    seen: list[str] = []
    for a, b in zip(e["source"], e["target"]):
        for r in (a, b):
            if r not in seen:
                seen.append(r)
    return seen


def top_by_total(m: pd.DataFrame, k: int) -> list[str]:
    """The `k` regions (in both marginal lists) with the largest enabling + input share (percent of relations
    touching the region, a relation within it counted on both sides), largest first."""
    w = m.pivot_table(index="region", columns="direction", values="share_pct").dropna()
    tot = (w[ENABLING] + w[INPUT]).sort_values(ascending=False, kind="stable")
    return list(tot.index[:k])


# ---- balances -----------------------------------------------------------------------------------------------


def _role(lo: float, hi: float) -> str:
    if lo > 0:
        return "net exporter"
    if hi < 0:
        return "net importer"
    return "undetermined"


def net_balance(m: pd.DataFrame, tol: float | None = None) -> pd.DataFrame:
    """Per region of the enabling and input lists: both shares (percent, NaN where the region is not in that
    list), net = enabling − input (pp) where it is in both, and the interval [net_low, net_high] the data allow:
    ± `tol` (default: rounding of two printed values) for regions in both lists; for a region in one list only,
    the missing share lies in [0, that list's cut-off], so the interval follows from it (nothing imputed).
    role: net exporter (interval > 0), net importer (< 0) or undetermined. Sorted by net, one-list rows last."""
    tol = rounding_tolerance(DECIMALS, 1) if tol is None else tol
    en = m[m["direction"] == ENABLING].set_index("region")["share_pct"]
    inp = m[m["direction"] == INPUT].set_index("region")["share_pct"]
    cut_en, cut_in = cutoff(en), cutoff(inp)
    rows = []
    for r in list(dict.fromkeys([*en.index, *inp.index])):
        e, i = en.get(r, np.nan), inp.get(r, np.nan)
        if pd.notna(e) and pd.notna(i):
            listed, net, lo, hi = "both", e - i, e - i - tol, e - i + tol
        elif pd.notna(e):
            listed, net, lo, hi = ENABLING, np.nan, e - cut_in - tol, e + tol
        else:
            listed, net, lo, hi = INPUT, np.nan, -i - tol, cut_en - i + tol
        rows.append(
            {
                "region": r,
                "enabling_pct": float(e),
                "input_pct": float(i),
                "net_pp": round(float(net), 10),
                "net_low": round(float(lo), 10),
                "net_high": round(float(hi), 10),
                "listed_in": listed,
                "role": _role(lo, hi),
            }
        )
    out = pd.DataFrame(rows)
    out["_one"] = out["listed_in"] != "both"
    out["_key"] = out["net_pp"].fillna((out["net_low"] + out["net_high"]) / 2)
    return (
        out.sort_values(["_one", "_key"], ascending=[True, False], kind="stable")
        .drop(columns=["_one", "_key"])
        .reset_index(drop=True)
    )


def balance_totals(nb: pd.DataFrame) -> dict[str, float]:
    """Sums over the regions in both lists (pp): the surplus of the net exporters, the deficit of the net
    importers, and the net of all regions in both lists."""
    both = nb[nb["listed_in"] == "both"]
    return {
        "exporters": int((both["net_pp"] > 0).sum()),
        "importers": int((both["net_pp"] < 0).sum()),
        "surplus_pp": round(float(both.loc[both["net_pp"] > 0, "net_pp"].sum()), 10),
        "deficit_pp": round(float(both.loc[both["net_pp"] < 0, "net_pp"].sum()), 10),
        "net_pp": round(float(both["net_pp"].sum()), 10),
    }


def bilateral_balance(e: pd.DataFrame, tol: float | None = None) -> pd.DataFrame:
    """Per pair of distinct regions with at least one direction listed: a→b and b→a (percent; NaN if unlisted,
    then it lies in [0, the list's cut-off]), the net a→b − b→a (pp) where both are listed, and its interval
    [net_low, net_high]. `a` is the end of the larger listed flow. leader: the net exporter of the pair, or ''
    where the interval contains 0."""
    tol = rounding_tolerance(DECIMALS, 1) if tol is None else tol
    cut = cutoff(e["share_pct"])
    val = {(s, t): float(v) for s, t, v in zip(e["source"], e["target"], e["share_pct"])}
    rows, done = [], set()
    for (s, t), v in sorted(val.items(), key=lambda kv: -kv[1]):
        if s == t or frozenset((s, t)) in done:
            continue
        done.add(frozenset((s, t)))
        back = val.get((t, s), np.nan)
        if pd.notna(back):
            net, lo, hi = v - back, v - back - tol, v - back + tol
        else:
            net, lo, hi = np.nan, v - cut - tol, v + tol
        leader = s if lo > 0 else (t if hi < 0 else "")
        rows.append(
            {
                "a": s,
                "b": t,
                "a_to_b_pct": v,
                "b_to_a_pct": back,
                "net_pp": round(net, 10),
                "net_low": round(lo, 10),
                "net_high": round(hi, 10),
                "leader": leader,
            }
        )
    return pd.DataFrame(rows, columns=["a", "b", "a_to_b_pct", "b_to_a_pct", "net_pp", "net_low", "net_high", "leader"])


# ---- consistency between lists ------------------------------------------------------------------------------


def margin_check(e: pd.DataFrame, m: pd.DataFrame) -> pd.DataFrame:
    """Per region with a listed flow: its enabling (input) share from the marginal lists, the sum of its listed
    flows out (in), and what is left for its unlisted flows (pp). A region's flows out can never exceed its
    enabling share (in: its input share); status is consistent / inconsistent within rounding, or
    'not checkable' where the region is missing from a marginal list."""
    en = m[m["direction"] == ENABLING].set_index("region")["share_pct"]
    inp = m[m["direction"] == INPUT].set_index("region")["share_pct"]
    rows = []
    for r in regions_in_flows(e):
        out_f, in_f = e[e["source"] == r]["share_pct"], e[e["target"] == r]["share_pct"]
        rec = {
            "region": r,
            "enabling_pct": float(en.get(r, np.nan)),
            "listed_out_pct": round(float(out_f.sum()), 10),
            "n_out": int(len(out_f)),
            "input_pct": float(inp.get(r, np.nan)),
            "listed_in_pct": round(float(in_f.sum()), 10),
            "n_in": int(len(in_f)),
        }
        rec["unlisted_out_pp"] = round(rec["enabling_pct"] - rec["listed_out_pct"], 10)
        rec["unlisted_in_pp"] = round(rec["input_pct"] - rec["listed_in_pct"], 10)
        oks = []
        for left, n in ((rec["unlisted_out_pp"], rec["n_out"]), (rec["unlisted_in_pp"], rec["n_in"])):
            if n and pd.notna(left):
                oks.append(left >= -rounding_tolerance(DECIMALS, n))
            elif n:
                oks.append(None)
        rec["status"] = "not checkable" if None in oks else "consistent" if all(oks) else "inconsistent"
        rows.append(rec)
    return pd.DataFrame(rows)


def same_across_levels(upper: pd.DataFrame, lower: pd.DataFrame, names: Iterable[str]) -> pd.DataFrame:
    """Flows whose two ends are both in `names` (units that are the same at both levels, e.g. the
    province-level municipalities) from two edge frames side by side (percent), with lower − upper (pp).
    status: same (within rounding), different, or — where one table does not list the pair — consistent /
    inconsistent with that table's cut-off (the unlisted value must not exceed it)."""
    s = set(names)
    pick = lambda e: e[e["source"].isin(s) & e["target"].isin(s)].set_index(["source", "target"])["share_pct"]
    a, b = pick(upper), pick(lower)
    cut_a, cut_b = cutoff(upper["share_pct"]), cutoff(lower["share_pct"])
    tol = rounding_tolerance(DECIMALS, 1)
    rows = []
    for key in list(dict.fromkeys([*a.index, *b.index])):
        va, vb = a.get(key, np.nan), b.get(key, np.nan)
        if pd.notna(va) and pd.notna(vb):
            status = "same" if abs(vb - va) <= tol + 1e-9 else "different"
        elif pd.notna(va):
            status = "consistent" if va <= cut_b + tol else "inconsistent"
        else:
            status = "consistent" if vb <= cut_a + tol else "inconsistent"
        rows.append(
            {
                "source": key[0],
                "target": key[1],
                "upper_pct": float(va),
                "lower_pct": float(vb),
                "diff_pp": round(float(vb - va), 10),
                "status": status,
            }
        )
    return pd.DataFrame(rows, columns=["source", "target", "upper_pct", "lower_pct", "diff_pp", "status"])


def flows_within_parents(child: pd.DataFrame, parent: pd.DataFrame, parent_of: Mapping[str, str]) -> pd.DataFrame:
    """Listed child flows (e.g. city→city) summed by the pair of their parents (province→province), against the
    parent flow (percent). A parent flow is at least the sum of its children's; where the parent pair is not
    listed its value is at most the parent list's cut-off. status: consistent / inconsistent within rounding."""
    c = child.assign(ps=child["source"].map(parent_of), pt=child["target"].map(parent_of))
    if c[["ps", "pt"]].isna().any().any():
        missing = sorted(set(c.loc[c["ps"].isna(), "source"]) | set(c.loc[c["pt"].isna(), "target"]))
        raise ValueError(f"no parent known for {missing}")
    pv = parent.set_index(["source", "target"])["share_pct"]
    cut = cutoff(parent["share_pct"])
    rows = []
    for (ps, pt), g in c.groupby(["ps", "pt"], sort=False):
        total = float(g["share_pct"].sum())
        listed = (ps, pt) in pv.index
        bound = float(pv[(ps, pt)]) if listed else cut
        tol = rounding_tolerance(DECIMALS, len(g))
        rows.append(
            {
                "parent_source": ps,
                "parent_target": pt,
                "children": ", ".join(f"{a}→{b}" for a, b in zip(g["source"], g["target"])),
                "children_pct": round(total, 10),
                "parent_pct": bound if listed else np.nan,
                "parent_bound_pct": bound,
                "slack_pp": round(bound - total, 10),
                "status": "consistent" if total <= bound + tol else "inconsistent",
            }
        )
    return pd.DataFrame(rows)


def shares_within_parents(child: pd.DataFrame, parent: pd.DataFrame, parent_of: Mapping[str, str]) -> pd.DataFrame:
    """Listed child shares (cities) summed by parent (province) and direction, against the parent's share
    (percent; the parent list's cut-off where the parent is not listed). status as in `flows_within_parents`."""
    c = child.assign(parent=child["region"].map(parent_of))
    rows = []
    for d in (ENABLING, INPUT):
        pv = parent[parent["direction"] == d].set_index("region")["share_pct"]
        cut = cutoff(pv)
        for p, g in c[c["direction"] == d].groupby("parent", sort=False):
            total = float(g["share_pct"].sum())
            bound = float(pv[p]) if p in pv.index else cut
            tol = rounding_tolerance(DECIMALS, len(g))
            rows.append(
                {
                    "direction": d,
                    "parent": p,
                    "children": ", ".join(g["region"]),
                    "children_pct": round(total, 10),
                    "parent_pct": float(pv[p]) if p in pv.index else np.nan,
                    "parent_bound_pct": bound,
                    "slack_pp": round(bound - total, 10),
                    "status": "consistent" if total <= bound + tol else "inconsistent",
                }
            )
    return pd.DataFrame(rows)


# ---- reference: regions -------------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def _regions(path: str) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def regions_reference() -> pd.DataFrame:
    """data/raw/reference/regions.csv (all columns as text)."""
    return _regions(str(raw_dir() / "reference" / "regions.csv"))


def municipalities(ref: pd.DataFrame | None = None) -> list[str]:
    """Names that are both a province-level unit and a city (北京市, 天津市, 上海市, 重庆市), in code order."""
    ref = regions_reference() if ref is None else ref
    prov = set(ref.loc[ref["level"] == "province", "name_zh"])
    return [n for n in ref.loc[ref["level"] == "city", "name_zh"] if n in prov]


def province_of(cities: Iterable[str], ref: pd.DataFrame | None = None) -> dict[str, str]:
    """City name → full name of its province (from the reference table's city rows)."""
    ref = regions_reference() if ref is None else ref
    rows = ref[ref["level"] == "city"].set_index("name_zh")["province_zh"]
    return {c: rows[c] for c in cities if c in rows.index}


# ---- a region's partners and the section's labels -----------------------------------------------------------


def partner_balance(bil: pd.DataFrame, region: str) -> pd.DataFrame:
    """The bilateral balances involving `region`, seen from it: partner, out (region→partner), back
    (partner→region), net_low/net_high (pp, region's side) and its role in the pair."""
    rows = []
    for r in bil.to_dict("records"):
        if region not in (r["a"], r["b"]):
            continue
        mine = r["a"] == region
        lo, hi = (r["net_low"], r["net_high"]) if mine else (-r["net_high"], -r["net_low"])
        rows.append(
            {
                "partner": r["b"] if mine else r["a"],
                "out_pct": r["a_to_b_pct"] if mine else r["b_to_a_pct"],
                "back_pct": r["b_to_a_pct"] if mine else r["a_to_b_pct"],
                "net_low": lo,
                "net_high": hi,
                "role": _role(lo, hi),
            }
        )
    return pd.DataFrame(rows, columns=["partner", "out_pct", "back_pct", "net_low", "net_high", "role"])


# roles, list membership and check statuses in zh / en, from catalog/terms.csv (group ac23_region_term)
TERMS = terms.group("ac23_region_term")


def term(key: str, lang: str) -> str:
    """The zh / en label of a role, list membership or check status used in this module."""
    zh, en = TERMS[key]
    return zh if lang == "zh" else en


def bounds_text(nb: pd.DataFrame) -> list[str]:
    """'low … high' (pp, signed) for the regions in one list only, '' for those in both (their net is exact
    up to rounding)."""
    return [
        "" if li == "both" else f"{lo:+.2f} … {hi:+.2f}"
        for li, lo, hi in zip(nb["listed_in"], nb["net_low"], nb["net_high"])
    ]


def place_names(text: str, place: Callable[[str], str]) -> str:
    """A 'A→B, C' list of region names with each name passed through `place` (e.g. to English)."""
    return ", ".join("→".join(place(n) for n in part.split("→")) for part in text.split(", "))
