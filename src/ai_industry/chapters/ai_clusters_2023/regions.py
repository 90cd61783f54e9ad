"""Technology flows between regions, published only as the top of from→to share lists (e.g. seed 001's
Tables 7–10): flow matrices, the intra/inter split, net balances (enabling − input), bilateral balances, and
the checks that the lists agree with each other (flows within their marginal shares, cities within their
provinces, the same municipality at both levels).

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


# ---- statements ---------------------------------------------------------------------------------------------


def compare_sets(stated: Iterable[str], found: Iterable[str]) -> dict[str, list[str]]:
    """A list of names a text states against the names the data give: in both, only stated, only found."""
    s, f = list(dict.fromkeys(stated)), list(dict.fromkeys(found))
    return {
        "both": [x for x in s if x in f],
        "only_stated": [x for x in s if x not in f],
        "only_found": [x for x in f if x not in s],
    }


def set_finding(
    what_zh: str,
    what_en: str,
    line: int,
    stated: Iterable[str],
    found: Iterable[str],
    basis_zh: str,
    basis_en: str,
    place: Callable[[str], str],
    strict: bool = True,
) -> dict[str, str]:
    """A finding for Chapter.say_checks: the names a sentence of the report states (seed `line`) against the
    names the data give (`basis`). kind reproduced when the sets agree, else discrepancy (or note when not
    `strict`: the data only partly bear on the sentence); `place` gives English names."""
    c = compare_sets(stated, found)
    zh_list = lambda xs: "、".join(xs) if xs else "无"
    en_list = lambda xs: ", ".join(place(x) for x in xs) if xs else "none"
    ok = not c["only_stated"] and not c["only_found"]
    zh = f"原文第{line}行：{what_zh}为{zh_list(list(stated))}。{basis_zh}：{zh_list(list(found))}。" + (
        "二者一致。" if ok else f"仅见于报告：{zh_list(c['only_stated'])}；仅见于数据：{zh_list(c['only_found'])}。"
    )
    en = f"Seed line {line}: {what_en}: {en_list(list(stated))}. {basis_en}: {en_list(list(found))}. " + (
        "They agree."
        if ok
        else f"Only in the sentence: {en_list(c['only_stated'])}; only in the data: {en_list(c['only_found'])}."
    )
    return {"kind": "reproduced" if ok else ("discrepancy" if strict else "note"), "zh": zh, "en": en}


# The sentences of seed 001, 六(一), that name regions, transcribed (names only; 安徽市 at line 562 is the report's
# slip for 安徽省, see data/raw/reference/README.md). `basis` says which published list can test the sentence:
# exporters (enabling > input), top_total (largest enabling + input), top_flows (regions in the k largest
# flows), all_flows (regions in any listed flow). strict=False: the sentence rests on a lost figure, so the
# tables bear on it only partly (a note, not a discrepancy).
REGION_STATEMENTS: tuple[dict[str, object], ...] = (
    {
        "line": 562,
        "level": "province",
        "basis": "top_total",
        "k": 3,
        "strict": True,
        "what_zh": "人工智能产业集群网络结构的三个“极点”",
        "what_en": "the three “poles” of the cluster network",
        "stated": ("北京市", "广东省", "上海市"),
    },
    {
        "line": 562,
        "level": "province",
        "basis": "all_flows",
        "k": None,
        "strict": False,
        "what_zh": "彼此之间存在密集技术合作关系的省份（据图16；原文“安徽市”按安徽省计）",
        "what_en": "the provinces with dense cooperation among them (from Figure 16; the text's 安徽市 read as Anhui)",
        "stated": (
            "北京市",
            "广东省",
            "上海市",
            "江苏省",
            "安徽省",
            "四川省",
            "湖北省",
            "湖南省",
            "重庆市",
            "山东省",
            "福建省",
        ),
    },
    {
        "line": 571,
        "level": "province",
        "basis": "top_total",
        "k": 5,
        "strict": True,
        "what_zh": "价值网络的核心节点",
        "what_en": "the core nodes of the value network",
        "stated": ("北京市", "广东省", "上海市", "浙江省", "江苏省"),
    },
    {
        "line": 573,
        "level": "province",
        "basis": "exporters",
        "k": None,
        "strict": True,
        "what_zh": "技术赋能占比高于技术输入占比的省份",
        "what_en": "the provinces whose enabling share is above their input share",
        "stated": ("北京市", "广东省", "浙江省", "上海市"),
    },
    {
        "line": 601,
        "level": "province",
        "basis": "top_flows",
        "k": 4,
        "strict": True,
        "what_zh": "中国人工智能产业集群的南北“双极”",
        "what_en": "the north–south “two poles” of China's AI clusters",
        "stated": ("北京市", "广东省"),
    },
    {
        "line": 629,
        "level": "city",
        "basis": "top_total",
        "k": 4,
        "strict": True,
        "what_zh": "技术合作关系密度最高的城市",
        "what_en": "the cities with the densest technology cooperation",
        "stated": ("北京市", "深圳市", "广州市", "上海市"),
    },
    {
        "line": 636,
        "level": "city",
        "basis": "top_flows",
        "k": 4,
        "strict": True,
        "what_zh": "城市间技术合作流动的南北“两极”",
        "what_en": "the north–south “two poles” of flows between cities",
        "stated": ("北京市", "深圳市"),
    },
)

# the table of each (level, kind) and the level words, from catalog/terms.csv (groups ac23_region_table,
# keyed "level:kind", and ac23_region_level)
TABLES = {tuple(k.split(":")): v for k, v in terms.group("ac23_region_table").items()}
LEVEL_WORDS = terms.group("ac23_region_level")


def statement_basis(st: Mapping[str, object], m: pd.DataFrame, e: pd.DataFrame) -> tuple[list[str], str, str]:
    """The names the published lists give for one statement's `basis`, with the basis described (zh, en)."""
    lz, le = LEVEL_WORDS[str(st["level"])]
    k = st.get("k")
    if st["basis"] in ("exporters", "top_total"):
        tz, te = TABLES[(str(st["level"]), "shares")]
        if st["basis"] == "exporters":
            nb = net_balance(m)
            return (
                list(nb.loc[nb["role"] == "net exporter", "region"]),
                f"{tz}中技术赋能占比高于技术输入占比的{lz}",
                f"{le.capitalize()} with enabling above input in {te}",
            )
        return (
            top_by_total(m, int(k)),
            f"{tz}中技术赋能与技术输入占比之和最大的{k}个{lz}",
            f"The {k} {le} with the largest enabling + input share in {te}",
        )
    tz, te = TABLES[(str(st["level"]), "flows")]
    if st["basis"] == "top_flows":
        return (
            regions_in_flows(e.head(int(k))),
            f"{tz}前{k}位流向涉及的{lz}",
            f"The {le} in the top {k} flows of {te}",
        )
    return regions_in_flows(e), f"{tz}所列流向涉及的{lz}", f"The {le} in the flows listed in {te}"


def check_statements(
    statements, margs: Mapping[str, pd.DataFrame], edges_: Mapping[str, pd.DataFrame], place: Callable[[str], str]
) -> list[dict[str, str]]:
    """Findings (Chapter.say_checks) for the report's sentences naming regions, each against its basis in the
    published lists of its level (`margs` / `edges_` keyed by level)."""
    out = []
    for st in statements:
        found, bz, be = statement_basis(st, margs[st["level"]], edges_[st["level"]])
        out.append(
            set_finding(
                st["what_zh"],
                st["what_en"],
                int(st["line"]),
                st["stated"],
                found,
                bz,
                be,
                place,
                strict=bool(st["strict"]),
            )
        )
    return out


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


# ---- charts -------------------------------------------------------------------------------------------------

ROLE_COLORS = {"net exporter": "#2a9d8f", "net importer": "#e76f51", "undetermined": "#8c959f"}


def net_balance_chart(
    nb: pd.DataFrame, labels: list[str], xlabel: str, role_labels: Mapping[str, str], one_list_labels: Mapping[str, str]
):
    """Horizontal bars of net = enabling − input (pp) for regions in both lists, coloured by role; for regions
    in one list only, no bar: a pale band (coloured by role, grey if undetermined) over the interval the other
    list's cut-off allows, labelled with the list it is in."""
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.patches import Patch

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.5, 0.3 * len(nb) + 1.3))
    lo_all, hi_all = min(float(nb["net_low"].min()), 0.0), max(float(nb["net_high"].max()), 0.0)
    rng = max(hi_all - lo_all, 1e-9)
    for i, r in enumerate(nb.to_dict("records")):
        if r["listed_in"] == "both":
            x = r["net_pp"]
            ax.barh(i, x, color=ROLE_COLORS[r["role"]], height=0.7)
            ax.text(
                x + (0.01 if x >= 0 else -0.01) * rng,
                i,
                f"{x:+.2f}",
                va="center",
                ha="left" if x >= 0 else "right",
                fontsize=8,
            )
        else:
            ax.barh(
                i,
                r["net_high"] - r["net_low"],
                left=r["net_low"],
                height=0.45,
                color=ROLE_COLORS[r["role"]],
                alpha=0.35,
                hatch="///",
                edgecolor="#8c959f",
                lw=0,
            )
            ax.text(
                max(r["net_high"], 0) + 0.015 * rng,
                i,
                one_list_labels[r["listed_in"]],
                va="center",
                ha="left",
                fontsize=7.5,
                color="#555555",
                style="italic",
            )
    ax.axvline(0, color="#333333", lw=0.8)
    ax.set_yticks(range(len(nb)), labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_xlim(lo_all - 0.14 * rng, hi_all + 0.12 * rng)
    handles = [Patch(color=ROLE_COLORS[k], label=v) for k, v in role_labels.items() if k in ROLE_COLORS]
    ax.legend(handles=handles, loc="center right", fontsize=8, frameon=False)
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


def flow_heatmap(
    mat: pd.DataFrame,
    row_labels: list[str],
    col_labels: list[str],
    xlabel: str,
    ylabel: str,
    cbar_label: str,
    blank_label: str,
    diagonal_label: str,
):
    """Seaborn heatmap of a from→to matrix (percent) with each listed cell annotated; unlisted cells blank on a
    hatched grey ground (unknown, below the list's cut-off); the diagonal (flows within a region) outlined."""
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.patches import Patch, Rectangle

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    n_r, n_c = mat.shape
    fig, ax = plt.subplots(figsize=(max(0.95 * n_c + 3.0, 7.0), max(0.7 * n_r + 2.2, 4.6)))
    ax.add_patch(Rectangle((0, 0), n_c, n_r, facecolor="#f3f4f6", edgecolor="#c8ccd1", hatch="///", lw=0, zorder=0))
    sns.heatmap(
        mat,
        mask=mat.isna(),
        annot=True,
        fmt=".2f",
        cmap="crest",
        linewidths=1.0,
        linecolor="white",
        cbar_kws={"label": cbar_label, "shrink": 0.8},
        ax=ax,
        annot_kws={"fontsize": 9},
    )
    for k, name in enumerate(mat.index):
        if name in mat.columns:
            j = list(mat.columns).index(name)
            ax.add_patch(Rectangle((j, k), 1, 1, fill=False, edgecolor="#264653", lw=1.8))
    ax.set_xticks(np.arange(n_c) + 0.5, col_labels, rotation=35, ha="right")
    ax.set_yticks(np.arange(n_r) + 0.5, row_labels, rotation=0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(False)
    handles = [
        Patch(facecolor="#f3f4f6", edgecolor="#8c959f", hatch="///", label=blank_label),
        Patch(facecolor="none", edgecolor="#264653", lw=1.8, label=diagonal_label),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, frameon=False, bbox_to_anchor=(0.5, -0.01))
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig
