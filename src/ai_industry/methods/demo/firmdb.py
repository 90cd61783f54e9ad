"""SYNTHETIC demo firm database for seed 001 §5–§7 — never the real database, which is not public.

A seeded generator (`generate`) writes an organisations and a relations table in the documented format
(templates/firmdb), every row marked `synthetic = SYNTHETIC`, calibrated to what the report prints:
- every organisation group's counts by metro region, province and city (`firmdb_plan`), so each printed share
  of figures 6–8, 11–13 and 26–34 comes back to its rounding (except where the report contradicts itself);
- Table 2's sample nodes, relation nodes and edges of every year exactly (five sample firms exit after 2020);
- the in- and out-degree of the 20 named sample nodes (Table 3) and 20 named relation nodes (Table 4), every
  other node below them;
- the shares of relations by technology, application field, three sectors, tertiary and secondary sections and
  manufacturing divisions (figures 18, 20, 22–25) to their rounding;
- the platform network (relations with a platform end): Table 6's nodes and edges of every printed year
  exactly, Table 5's 200 platforms and 16,932 relation nodes, figure 15's out-degree shares of the top 10%, 1%
  and 0.1% of its 2021 nodes to the printed decimal (`firmdb_platforms`);
- Tables 7–10: the partner firms are placed (`firmdb_places`) so that the enabling and input shares and the
  listed flows come back to the printed rounding wherever the report does not contradict itself.
Everything else (names, years of single relations, unlisted categories) is synthetic. Path lengths, diameters
and clustering are not fitted year by year; they come out near the printed ranges, and each chapter says where.

Model: each node gets its final in- and out-stubs by edge type (sample→relation = 技术赋能, relation→sample =
技术输入, sample→sample) in one of two pools — the platforms' (every platform's stubs, the platform partners',
platform→platform) and the others'; nodes enter in the order of their size, as many per year as Table 2 adds
(platforms in the proportion of all sample nodes, platform partners as many as Table 6's nodes need); each year
each pool draws as many stubs of present nodes as Table 2 and Table 6 add edges (every new node at least one;
platform→platform relations PLATFORM_SS_WEIGHT× sooner than their share of the stubs left, which shortens the
platform network's paths towards Table 6's) and pairs them at random without self-loops or repeated pairs; the last year uses every stub left; last, the years of
pairs of platform relations are swapped until figure 15's shares hold."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from ai_industry.io import atomic_path
from ai_industry.methods.demo import firmdb_places as places
from ai_industry.methods.demo import firmdb_plan as plan
from ai_industry.methods.demo import firmdb_platforms as pf

DEFAULT_SEED = 2023
LABEL = "SYNTHETIC"
SS_SHARE = (0.0025, 0.009)  # part of sample→sample relations among the platforms' and among the others' relations
PLATFORM_SS_WEIGHT = 10.0  # how much sooner than their share platform→platform relations are drawn
PARTNER_PLATFORM_SHARE = 0.9  # a platform partner's relations after its first: the part with a platform
YEARS = list(range(2014, 2023))
# a named relation node of Table 4 joins at most this part of the 200 platforms each way (its relations with
# platforms all have different platforms: 清华大学's 286 relations from samples at the platform share would need
# nearly every platform, the small ones too)
NAMED_WITH_PLATFORMS = 0.3


# ---- organisations --------------------------------------------------------------------------------------------


def _provinces(cities) -> list[str]:
    names = plan.city_names()  # once: it locates the reference table
    return ["境外" if c == "境外" else names[c][1] for c in cities]


def _group(rows: list[tuple[str, int]], kind: str, prefix: str, named: dict | None = None) -> pd.DataFrame:
    cities = [c for c, n in rows for _ in range(n)]
    names = [f"{LABEL} {prefix}{i:05d}" for i in range(len(cities))]
    df = pd.DataFrame({"name": names, "kind": kind, "city": cities})
    for name, (k, city) in (named or {}).items():
        if k != kind:
            continue
        i = df.index[(df["city"] == city) & df["name"].str.startswith(LABEL)][0]
        df.loc[i, "name"] = name
    return df


def organisations(rng: np.random.Generator) -> pd.DataFrame:
    """The organisations table (without relation-only firms): sample enterprises with their platforms, the five
    exiting firms, universities, institutes, new innovation organisations and the named relation nodes."""
    pcount = dict(plan.PLATFORMS)
    ent_rows = [(c, n - pcount.get(c, 0)) for c, n in plan.ENTERPRISES]
    plat = _group(plan.PLATFORMS, "platform", "平台", plan.SAMPLE_NAMED)
    ent = _group(ent_rows, "enterprise", "企业", plan.SAMPLE_NAMED)
    sample = pd.concat([plat, ent], ignore_index=True).assign(in_sample=1, exit_year=pd.NA)
    exiting = pd.DataFrame(
        {"name": [f"{LABEL} 退出企业{i}" for i in range(plan.EXITING)], "kind": "enterprise", "city": "北京市"}
    ).assign(in_sample=1, exit_year=2020)
    others = [
        _group(plan.UNIVERSITIES, "university", "大学", plan.RELATION_NAMED),
        _group(plan.INSTITUTES, "institute", "科研院所", plan.RELATION_NAMED),
        _group(plan.NEW_ORGS, "new_org", "新型创新组织", plan.RELATION_NAMED),
    ]
    named = pd.DataFrame(
        [(n, k, c) for n, (k, c) in plan.RELATION_NAMED.items() if k in ("enterprise", "other")],
        columns=["name", "kind", "city"],
    )
    rel = pd.concat([*others, named], ignore_index=True).assign(in_sample=0, exit_year=pd.NA)
    orgs = pd.concat([sample, exiting, rel], ignore_index=True)
    orgs["province"] = _provinces(orgs["city"])
    orgs.loc[orgs["city"] == "境外", "city"] = ""
    orgs["founding_year"] = rng.integers(1990, 2014, len(orgs))
    return orgs


def _relation_only(n: int, rng: np.random.Generator) -> pd.DataFrame:
    """Partner firms and other organisations placed like the published input shares (Tables 7 and 10)."""
    prov = plan.published("province_enabling_input_share")
    city = plan.published("city_enabling_input_share")
    weights = _place_weights(prov[prov["direction"] == "input"], city[city["direction"] == "input"])
    cities = rng.choice(list(weights), size=n, p=np.array(list(weights.values())) / sum(weights.values()))
    abroad = rng.random(n) < 0.03
    df = pd.DataFrame({"name": [f"{LABEL} 合作方{i:05d}" for i in range(n)]})
    df["kind"] = np.where(rng.random(n) < 0.9, "enterprise", "other")
    df["city"] = np.where(abroad, "", cities)
    df["province"] = np.where(abroad, "境外", _provinces(cities))
    return df.assign(in_sample=0, exit_year=pd.NA, founding_year=rng.integers(1990, 2022, n))


def _place_weights(prov: pd.DataFrame, city: pd.DataFrame) -> dict[str, float]:
    """City -> percent: the listed cities' shares, each listed province's remainder on its other cities in order
    (its first city first), each below the last listed city, and what is left spread evenly over the unlisted
    provinces' first cities."""
    names = plan.city_names()
    first_city: dict[str, str] = {}
    for c, (full, p) in names.items():
        if c == full and p not in first_city and full != p:
            first_city[p] = full
    for p in ("北京市", "天津市", "上海市", "重庆市"):
        first_city[p] = p
    out = dict(zip(city["city"], city["share_pct"].astype(float)))
    in_prov: dict[str, float] = {}
    for c, v in out.items():
        in_prov[names[c][1]] = in_prov.get(names[c][1], 0.0) + v
    cap = 0.9 * float(city["share_pct"].min())  # an unlisted city stays below the last listed one
    listed_cities = set(out)
    for p, v in zip(prov["province"], prov["share_pct"].astype(float)):
        rest = v - in_prov.get(p, 0.0)
        for target in [first_city[p]] + [c for c, (full, q) in names.items() if q == p and c == full]:
            if rest <= 0.005:
                break
            if target in listed_cities:
                continue
            add = min(rest, cap - out.get(target, 0.0))
            if add > 0:
                out[target] = out.get(target, 0.0) + add
                rest -= add
    listed = set(prov["province"])
    others = [p for p in sorted(first_city) if p not in listed and p not in ("香港特别行政区", "澳门特别行政区")]
    left = max(100.0 - sum(out.values()), 0.0)
    for p in others:
        out[first_city[p]] = out.get(first_city[p], 0.0) + left / len(others)
    return out


# ---- degrees ----------------------------------------------------------------------------------------------------


def _allocate(total: int, weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """`total` stubs over nodes in proportion to `weights` (multinomial)."""
    w = np.clip(weights, 0, None)
    return rng.multinomial(total, w / w.sum()) if total > 0 else np.zeros(len(w), dtype=int)


def _relation_degrees(n: int, total: int, rng: np.random.Generator) -> np.ndarray:
    """Total degrees of n relation nodes summing to `total`: 1 + a heavy tail, each ≤ 90 (below Table 4's 20th)."""
    d = np.minimum(1 + np.floor(rng.pareto(1.6, n) * 1.2).astype(int), 90)
    diff = total - int(d.sum())
    while diff != 0:
        idx = rng.integers(0, n, abs(diff))
        if diff > 0:
            np.add.at(d, idx, 1)
            d = np.minimum(d, 90)
        else:
            d[idx] = np.maximum(d[idx] - 1, 1)
        diff = total - int(d.sum())
    return d


def stubs(
    orgs: pd.DataFrame, rng: np.random.Generator, n_edges: int, p_edges: int, p_enabling: float
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per node, its final stubs by edge type in the platforms' pool and in the others' pool: s_to_r
    (sample→relation), s_from_r (relation→sample), s_to_s and s_from_s (sample→sample) for sample nodes; r_in
    (from a sample) and r_out (to a sample) for relation nodes. A platform's stubs are all in the platforms' pool,
    another sample's all in the others'; a relation node is a platform partner (all its stubs in the platforms'
    pool) or not, the named ones of Table 4 split between the pools; `p_edges` relations of the `n_edges` have a
    platform end, SS_SHARE of each pool's relations join two sample nodes of that pool; of a platform partner's
    relations the part `p_enabling` runs from the platform (技术赋能), of another relation node's 68%."""
    t3 = plan.published("enterprise_degree_centrality_top20").set_index("node")
    t4 = plan.published("relation_node_degree_centrality_top20").set_index("node")
    sample = orgs["in_sample"].to_numpy().astype(bool) & orgs["exit_year"].isna().to_numpy()
    platform = sample & (orgs["kind"].to_numpy() == "platform")
    rel_idx = np.flatnonzero(~orgs["in_sample"].to_numpy().astype(bool))
    cols = ["s_to_r", "s_to_s", "r_in", "s_from_r", "s_from_s", "r_out"]
    pools = [pd.DataFrame(0, index=orgs.index, columns=cols) for _ in range(2)]  # platforms', others'
    ss = [int(round(SS_SHARE[0] * p_edges)), int(round(SS_SHARE[1] * (n_edges - p_edges)))]
    n_ss = sum(ss)
    phi = (p_edges - ss[0]) / (n_edges - n_ss)  # the platforms' part of the relation nodes' stubs
    # relation nodes: the named exact (split between the pools), the others 1 + a heavy tail
    named_r = orgs["name"].isin(t4.index).to_numpy()
    r_in = t4.loc[orgs.loc[named_r, "name"], "in_degree"].to_numpy()
    r_out = t4.loc[orgs.loc[named_r, "name"], "out_degree"].to_numpy()
    most = int(NAMED_WITH_PLATFORMS * platform.sum())
    p_in, p_out = np.minimum(rng.binomial(r_in, phi), most), np.minimum(rng.binomial(r_out, phi), most)
    for st, a, b in ((pools[0], p_in, p_out), (pools[1], r_in - p_in, r_out - p_out)):
        st.loc[named_r, "r_in"], st.loc[named_r, "r_out"] = a, b
    gen = rel_idx[~named_r[rel_idx]]
    deg = _relation_degrees(len(gen), n_edges - n_ss - int(r_in.sum() + r_out.sum()), rng)
    # a platform partner's first relation is with a platform, each other one with PARTNER_PLATFORM_SHARE
    on_p = 1 + rng.binomial(deg - 1, PARTNER_PLATFORM_SHARE)
    order = rng.permutation(len(gen))
    partner = np.zeros(len(gen), dtype=bool)
    partner[order[: int(np.searchsorted(np.cumsum(on_p[order]), p_edges - ss[0] - int(p_in.sum() + p_out.sum())))]] = 1
    on_p = np.where(partner, on_p, 0)
    for st, d, enabling in ((pools[0], on_p, p_enabling), (pools[1], deg - on_p, 0.68)):
        d_in = rng.binomial(d, enabling)
        st.loc[gen, "r_in"], st.loc[gen, "r_out"] = d_in, d - d_in
    # named sample nodes exact (SS_SHARE of their relations with other samples), the rest by weight
    named_s = orgs["name"].isin(t3.index).to_numpy() & sample
    out_k = t3.loc[orgs.loc[named_s, "name"], "out_degree"].to_numpy()
    in_k = t3.loc[orgs.loc[named_s, "name"], "in_degree"].to_numpy()
    rest = np.flatnonzero(sample & ~named_s)
    cap = int(t3["degree_centrality"].min()) - 1
    setup = ((pools[0], platform, ss[0], SS_SHARE[0]), (pools[1], sample & ~platform, ss[1], SS_SHARE[1]))
    for st, mine, _, share in setup:
        ss_out, ss_in = np.floor(out_k * share).astype(int), np.floor(in_k * share).astype(int)
        here, pick = named_s & mine, mine[named_s]
        st.loc[here, "s_to_r"], st.loc[here, "s_to_s"] = (out_k - ss_out)[pick], ss_out[pick]
        st.loc[here, "s_from_r"], st.loc[here, "s_from_s"] = (in_k - ss_in)[pick], ss_in[pick]
    for st, mine, n_pool_ss, _ in setup:
        part = rest[mine[rest]]
        # what each city still needs after the named nodes, the relation nodes and the pool filled before
        w_out, w_in = _sample_weights(orgs, part, pools[0] + pools[1], rng, n_edges)
        for col, total, w in (
            ("s_to_r", int(st["r_in"].sum()), w_out),
            ("s_to_s", n_pool_ss, w_out),
            ("s_from_r", int(st["r_out"].sum()), w_in),
            ("s_from_s", n_pool_ss, w_in),
        ):
            left = total - int(st[col].sum())
            if left < 0:
                raise RuntimeError(f"the named sample nodes alone need more {col} stubs than their pool has")
            st.loc[part, col] = _allocate(left, w, rng)
        _at_least_one(st, part)
        _below(st, part, cap)
    return pools[0], pools[1]


def _below(st: pd.DataFrame, rest: np.ndarray, cap: int) -> None:
    """No unnamed sample node above `cap` stubs (below Table 3's twentieth, so the named top rows stay the top):
    each one's excess, column by column from its largest, goes to the others of `rest` (the same pool) with the
    most room left, one stub each in turn; every column keeps its total."""
    cols = ["s_to_r", "s_to_s", "s_from_r", "s_from_s"]
    block = st.loc[rest, cols].to_numpy().copy()
    for i in np.flatnonzero(block.sum(axis=1) > cap):
        while block[i].sum() > cap:
            c = int(np.argmax(block[i]))
            room = cap - block.sum(axis=1)
            room[i] = -1
            j = int(np.argmax(room))  # the most room, the first of equals
            if room[j] <= 0:
                raise RuntimeError("no room below Table 3's twentieth degree for the unnamed sample nodes")
            block[i, c] -= 1
            block[j, c] += 1
    st.loc[rest, cols] = block


def _sample_weights(orgs, rest, st, rng, n_edges) -> tuple[np.ndarray, np.ndarray]:
    """Weights of the unnamed sample nodes' out- and in-stubs: a log-normal size times what their city still
    needs to reach the published enabling / input share (Tables 7 and 10) after the named and relation nodes."""
    prov = plan.published("province_enabling_input_share")
    city = plan.published("city_enabling_input_share")
    size = rng.lognormal(0.0, 1.0, len(rest))
    weights = []
    for direction, own in (("enabling", ("s_to_r", "s_to_s", "r_out")), ("input", ("s_from_r", "s_from_s", "r_in"))):
        target = _place_weights(prov[prov["direction"] == direction], city[city["direction"] == direction])
        have = st[list(own)].sum(axis=1).groupby(orgs["city"]).sum()
        need = {c: max(v * n_edges / 100 - have.get(c, 0), 1.0) for c, v in target.items()}
        cities = orgs["city"].to_numpy()[rest]
        size_by_city = pd.Series(size).groupby(cities).sum()
        weights.append(size * np.array([need.get(c, 1.0) / size_by_city[c] for c in cities]))
    return weights[0], weights[1]


def _at_least_one(st: pd.DataFrame, rest: np.ndarray) -> None:
    """Every unnamed sample node gets at least one stub (moved from the largest holder of the same pool)."""
    for i in rest:
        if st.loc[i].sum() == 0:
            col = "s_to_r"
            donor = st.loc[rest, col].idxmax()
            st.loc[donor, col] -= 1
            st.loc[i, col] += 1


# ---- relations, year by year -------------------------------------------------------------------------------------

TYPES = (("s_to_r", "r_in"), ("r_out", "s_from_r"), ("s_to_s", "s_from_s"))


def _entries(size: np.ndarray, cumulative: list[int], rng: np.random.Generator) -> np.ndarray:
    """Entry year of each node: the largest first (jittered), as many per year as the cumulative counts add."""
    order = np.argsort(-(size + rng.random(len(size))), kind="stable")
    entry = np.empty(len(size), dtype=int)
    prev = 0
    for y, c in zip(YEARS, cumulative):
        if c < prev:
            raise RuntimeError(f"cumulative node counts fall in {y}: {prev:,} then {c:,}")
        entry[order[prev:c]] = y
        prev = c
    if prev != len(size):
        raise RuntimeError(f"{len(size):,} nodes to place by {YEARS[-1]}, the counts reach {prev:,}")
    return entry


def _draw(remaining: np.ndarray, present: np.ndarray, forced: np.ndarray, k: int, rng) -> np.ndarray:
    """Owners of `k` stubs: the forced ones plus a draw without replacement from present nodes' remaining."""
    pool = np.where(present, remaining, 0).astype(np.int64)
    pool[forced] -= 1
    extra = k - len(forced)
    if extra > int(pool.sum()):
        raise RuntimeError("not enough stubs of present nodes for this year's edges")
    counts = rng.multivariate_hypergeometric(pool, extra, method="marginals") if extra > 0 else np.zeros_like(pool)
    return np.concatenate([forced, np.repeat(np.arange(len(pool)), counts)])


def _pair(src: np.ndarray, dst: np.ndarray, seen: np.ndarray, n: int, rng) -> np.ndarray:
    """`dst` reordered so that no pair is a self-loop, repeats an earlier edge, or repeats within the batch."""
    dst = dst[rng.permutation(len(dst))]
    for _ in range(200):
        keys = src.astype(np.int64) * n + dst
        bad = (src == dst) | pd.Series(keys).duplicated().to_numpy()
        if len(seen):  # the earlier edges, sorted
            at = np.minimum(np.searchsorted(seen, keys), len(seen) - 1)
            bad |= seen[at] == keys
        idx = np.flatnonzero(bad)
        if len(idx) == 0:
            return dst
        good = np.flatnonzero(~bad)
        mix = np.concatenate([idx, rng.choice(good, size=min(len(idx), len(good)), replace=False)])
        dst[mix] = dst[rng.permutation(mix)]  # a permutation of the same cells keeps every stub
    return _pair_greedy(src, dst, seen, n, rng)


def _pair_greedy(src: np.ndarray, dst: np.ndarray, seen: np.ndarray, n: int, rng) -> np.ndarray:
    """The pairing of `_pair` when shuffling does not find one (a few nodes holding most of a small batch's
    stubs): each source, the one with most stubs first, takes distinct targets with the most stubs left among
    those it may join (not itself, not an earlier partner), equals in random order (Havel–Hakimi)."""
    targets, left = np.unique(dst, return_counts=True)
    out = np.empty(len(dst), dtype=dst.dtype)
    sources, count = np.unique(src, return_counts=True)
    for i in sources[np.argsort(-count, kind="stable")]:
        cells = np.flatnonzero(src == i)
        lo, hi = np.searchsorted(seen, [i * n, (i + 1) * n])
        banned = np.isin(targets, seen[lo:hi] - i * n) | (targets == i) | (left == 0)
        rank = np.lexsort((rng.random(len(targets)), -left))
        pick = [j for j in rank if not banned[j]][: len(cells)]
        if len(pick) < len(cells):
            raise RuntimeError("could not pair the stubs without repeated edges")
        out[cells] = targets[pick]
        left[pick] -= 1
    return out


def _sizes(rem: dict, present: np.ndarray, forced: dict, delta: int, last: bool, ss_weight: float = 1.0) -> list[int]:
    """How many of a pool's `delta` new edges of a year are of each type: every anchor's, the rest in proportion
    to the stubs left (sample→sample ones weighted by `ss_weight`, never more than are left); the last year
    every stub left."""
    avail = [min(int(rem[a][present].sum()), int(rem[b][present].sum())) for a, b in TYPES]
    if last:
        return avail
    need = [max(len(forced[a]), len(forced[b])) for a, b in TYPES]
    free = [max(v - m, 0) for v, m in zip(avail, need)]
    left = delta - sum(need)
    if left < 0:
        raise RuntimeError(f"{sum(need):,} nodes enter a pool that gains only {delta:,} edges")
    w = [f * (ss_weight if i == 2 else 1.0) for i, f in enumerate(free)]
    sizes = [m + min(int(left * x / max(sum(w), 1e-9)), f) for m, x, f in zip(need, w, free)]
    for i in np.argsort(free)[::-1]:  # what rounding and the caps left, to the types with most room
        sizes[i] += min(delta - sum(sizes), need[i] + free[i] - sizes[i])
    return sizes


def _yearly_edges(pools: list[tuple[pd.DataFrame, np.ndarray, list]], entry: np.ndarray, rng) -> pd.DataFrame:
    """source, target, year, pool of the main network: every year, each pool (its stubs, the nodes that take
    their first edge in it, its cumulative edges per year, None = every stub left) draws its new edges from
    present nodes' stubs, every node's first edge in its entry year."""
    n = len(entry)
    rems = [{c: st[c].to_numpy().copy() for c in st.columns} for st, _, _ in pools]
    seen = np.zeros(0, dtype=np.int64)
    out = []
    for yi, y in enumerate(YEARS):
        present, new = entry <= y, np.flatnonzero(entry == y)
        for pi, ((_, first, cum), rem) in enumerate(zip(pools, rems)):
            forced = {c: [] for c in rem}
            for i in new[first[new]]:  # an anchor stub for every node entering this year
                forced[max(rem, key=lambda c: rem[c][i])].append(i)
            last = yi == len(YEARS) - 1
            delta = 0 if last else cum[yi] - (cum[yi - 1] if yi else 0)
            ss_weight = PLATFORM_SS_WEIGHT if pi == 0 else 1.0
            for (a, b), k in zip(TYPES, _sizes(rem, present, forced, delta, last, ss_weight)):
                src = _draw(rem[a], present, np.array(forced[a], dtype=int), k, rng)
                dst = _draw(rem[b], present, np.array(forced[b], dtype=int), k, rng)
                np.subtract.at(rem[a], src, 1)
                np.subtract.at(rem[b], dst, 1)
                dst = _pair(src, dst, seen, n, rng)
                seen = np.union1d(seen, src.astype(np.int64) * n + dst)
                out.append(pd.DataFrame({"s": src, "t": dst, "year": y, "pool": pi}))
    return pd.concat(out, ignore_index=True)


# ---- relation attributes, to the printed rounding -----------------------------------------------------------------


def _counts(total: int, printed: dict[str, float], others: list[str]) -> dict[str, int]:
    """Whole counts of `total` whose shares round to the printed ones, the remainder spread over `others`
    decreasingly, each below the smallest printed count."""
    out = {k: int(round(v * total / 100)) for k, v in printed.items()}
    rest = total - sum(out.values())
    if not others:
        return out
    w = 0.9 ** np.arange(len(others))
    alloc = np.floor(rest * w / w.sum()).astype(int)
    alloc[: rest - int(alloc.sum())] += 1
    cap = min(out.values()) - 1 if out else rest
    if alloc.max() > cap:
        raise ValueError("the unlisted categories would outrank a listed one")
    return {**out, **dict(zip(others, alloc.tolist()))}


def _labels(counts: dict[str, int], rng) -> np.ndarray:
    arr = np.concatenate([np.full(v, k, dtype=object) for k, v in counts.items() if v > 0])
    return arr[rng.permutation(len(arr))]


def attributes(n: int, rng: np.random.Generator) -> pd.DataFrame:
    """technology, field, industry_section, industry_division of `n` relations, in the printed shares."""
    tech = plan.published("tech_category_share")
    field = plan.published("application_field_share")
    df = pd.DataFrame(index=range(n))
    t_listed = dict(zip(tech["technology"], tech["share_pct"]))
    df["technology"] = _labels(
        _counts(n, t_listed, [t for t in list(plan.reference("ai_technologies")["name_zh"]) if t not in t_listed]), rng
    )
    f_listed = dict(zip(field["field"], field["share_pct"]))
    df["field"] = _labels(
        _counts(
            n, f_listed, [f for f in list(plan.reference("ai_application_fields")["name_zh"]) if f not in f_listed]
        ),
        rng,
    )
    sector = plan.published("industry_sector_share")
    sec_counts = _counts(n, dict(zip(sector["sector"], sector["share_pct"])), [])
    div = plan.published("industry_division_share")
    sections = []
    for sector_zh, level, others in (
        ("第三产业", "tertiary", list("FGHKNOPQRS")),
        ("第二产业", "secondary", ["B"]),
    ):
        rows = div[div["level"] == level]
        sections.append(_counts(sec_counts[sector_zh], dict(zip(rows["gbt4754_code"], rows["share_pct"])), others))
    sections.append({"A": sec_counts["第一产业"]})
    section = _labels({k: v for d in sections for k, v in d.items()}, rng)
    df["industry_section"] = section
    df["industry_division"] = _divisions(section, div[div["level"] == "manufacturing"], rng)
    return df


def _divisions(section: np.ndarray, manu: pd.DataFrame, rng) -> np.ndarray:
    """A division inside each relation's section (A not 05, B not 11: those are tertiary), the manufacturing
    divisions in the printed shares."""
    ref = plan.reference("gbt4754_divisions")
    out = np.empty(len(section), dtype=object)
    for sec in np.unique(section):
        idx = np.flatnonzero(section == sec)
        if sec == "C":
            listed = dict(zip(manu["gbt4754_code"].astype(str).str.zfill(2), manu["share_pct"]))
            others = [c for c in ref.loc[ref["section"] == "C", "code"] if c not in listed and c != "43"]
            out[idx] = _labels(_counts(len(idx), listed, others), rng)
        else:
            allowed = [c for c in ref.loc[ref["section"] == sec, "code"] if c not in ("05", "11")]
            out[idx] = rng.choice(allowed, size=len(idx))
    return out


# ---- the database -------------------------------------------------------------------------------------------------


def _platform_plan(t2: pd.DataFrame, e_cum: list[int]) -> tuple[list, int]:
    """The platform network's cumulative edges per year up to Table 6's last year (`firmdb_platforms`) and how
    many relations of the last year's network have a platform end: Table 6's last printed interval's rate of new
    relations carried on to the end."""
    t6 = plan.published("platform_value_network_by_year").set_index("year")
    printed = {int(y): int(v) for y, v in t6["total_edges_count"].items()}
    cum = pf.yearly_targets(YEARS, e_cum, printed)
    (y0, y1), i = sorted(printed)[-2:], YEARS.index
    rate = (printed[y1] - printed[y0]) / (e_cum[i(y1)] - e_cum[i(y0)])
    return cum, printed[y1] + int(round(rate * (e_cum[-1] - e_cum[i(y1)])))


def _relation_entries(size, partner, rel_cum, platforms_by_year, rng) -> np.ndarray:
    """Entry years of the relation nodes: Table 2's count per year, of which the platform partners make the
    platform network's relation nodes (Table 6's nodes less the platforms then present) per printed year."""
    t6 = plan.published("platform_value_network_by_year").set_index("year")
    printed = {int(y): int(v) - platforms_by_year[YEARS.index(int(y))] for y, v in t6["total_nodes_count"].items()}
    c_p = [int(partner.sum()) if v is None else v for v in pf.yearly_targets(YEARS, rel_cum, printed)]
    c_n = [r - p for r, p in zip(rel_cum, c_p)]
    entry = np.empty(len(size), dtype=int)
    entry[partner] = _entries(size[partner], c_p, rng)
    entry[~partner] = _entries(size[~partner], c_n, rng)
    return entry


def generate(seed: int = DEFAULT_SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(organisations, relations) of the SYNTHETIC demo database in the file format; same seed, same tables."""
    rng = np.random.default_rng(seed)
    t2 = plan.published("value_network_by_year").sort_values("year")
    named = organisations(rng)
    n_rel_only = int(t2["relation_nodes_count"].iloc[-1]) - int((named["in_sample"] == 0).sum())
    orgs = pd.concat([named, _relation_only(n_rel_only, rng)], ignore_index=True)
    partners = np.arange(len(named), len(orgs))
    exiting = orgs.index[orgs["exit_year"].notna()].to_numpy()
    main = orgs.drop(index=exiting)
    n_edges = int(t2["total_edges_count"].iloc[-1])
    x_edges = 3 * plan.EXITING
    e_cum = [int(e) - (x_edges if y == 2020 else 0) for y, e in zip(t2["year"], t2["total_edges_count"])]
    p_cum, p_edges = _platform_plan(t2, e_cum)
    fig15 = plan.published("outdegree_concentration").set_index("top_nodes_pct")["outdegree_share_pct"]
    # the top 1% of the platform network's nodes are nearly the 200 platforms: they enable that part of it
    st_p, st_n = stubs(main.reset_index(drop=True), rng, n_edges, p_edges, float(fig15.loc[1.0]) / 100)
    sample = main["in_sample"].to_numpy().astype(bool)
    platform = sample & (main["kind"].to_numpy() == "platform")
    in_p = st_p.sum(axis=1).to_numpy() > 0  # platforms and platform partners: their first relation has a platform
    size = (st_p + st_n).sum(axis=1).to_numpy().astype(float)
    entry = np.empty(len(main), dtype=int)
    s_cum = t2["sample_nodes_count"].clip(upper=int(sample.sum())).tolist()
    # the platforms enter in the same proportion as all sample nodes (the largest first within each)
    c_plat = [int(round(platform.sum() * c / s_cum[-1])) for c in s_cum]
    for m, cum in ((platform, c_plat), (sample & ~platform, [a - b for a, b in zip(s_cum, c_plat)])):
        entry[m] = _entries(size[m], cum, rng)
    on_platforms = [int((platform & (entry <= y)).sum()) for y in YEARS]
    entry[~sample] = _relation_entries(
        size[~sample], in_p[~sample], t2["relation_nodes_count"].tolist(), on_platforms, rng
    )
    n_cum = [None if p is None else e - p for e, p in zip(e_cum, p_cum)]
    edges = _yearly_edges([(st_p, in_p, p_cum), (st_n, ~in_p, n_cum)], entry, rng)
    edges = pf.calibrate_concentration(
        edges,
        entry,
        int(plan.published("platform_value_network_by_year")["year"].max()),
        {f / 100: float(v) for f, v in fig15.items()},
        rng,
    )
    pos = main.index.to_numpy()  # main position -> organisation row
    rel = pd.DataFrame({"s": pos[edges["s"]], "t": pos[edges["t"]], "year": edges["year"]})
    rel = pd.concat([rel, attributes(len(rel), rng)], axis=1)  # the printed shares hold in the 2022 network
    orgs = places.place_partners(orgs, rel, partners, np.ones(len(rel), dtype=bool))  # Tables 7–10
    gone = _exiting_edges(orgs, exiting, pos[~sample][entry[~sample] <= 2019], rng)
    gone = pd.concat(
        [gone, rel.drop(columns=["s", "t", "year"]).sample(len(gone), random_state=seed).reset_index(drop=True)], axis=1
    )
    rel = pd.concat([rel, gone], ignore_index=True)
    # founded no later than its first relation (the drawn year otherwise; drawn first, so nothing else moves)
    first = np.full(len(orgs), np.inf)
    for end in ("s", "t"):
        np.minimum.at(first, rel[end].to_numpy(), rel["year"].to_numpy(dtype=float))
    orgs["founding_year"] = np.minimum(orgs["founding_year"].to_numpy(dtype=float), first).astype(int)
    return _organisations_table(orgs), _relations_table(rel, orgs)


def _exiting_edges(orgs, exiting, partners, rng) -> pd.DataFrame:
    """Three enabling relations in 2020 for each of the firms that exit after 2020 (to partners there since 2019)."""
    named = orgs["name"].isin(plan.RELATION_NAMED).to_numpy()
    partners = partners[~named[partners]]
    t = rng.choice(partners, size=(len(exiting), 3), replace=False).ravel()
    return pd.DataFrame({"s": np.repeat(exiting, 3), "t": t, "year": 2020})


def _organisations_table(orgs: pd.DataFrame) -> pd.DataFrame:
    ids = [f"O{i:06d}" for i in range(len(orgs))]
    out = pd.DataFrame(
        {
            "id": ids,
            "name": orgs["name"],
            "kind": orgs["kind"],
            "province": orgs["province"],
            "city": orgs["city"],
            "founding_year": orgs["founding_year"],
            "exit_year": orgs["exit_year"].astype("Int64"),
            "in_sample": orgs["in_sample"].astype(int),
            "synthetic": LABEL,
        }
    )
    return out


def _relations_table(rel: pd.DataFrame, orgs: pd.DataFrame) -> pd.DataFrame:
    ids = np.array([f"O{i:06d}" for i in range(len(orgs))])
    out = pd.DataFrame({"source": ids[rel["s"]], "target": ids[rel["t"]], "year": rel["year"].astype(int)})
    for c in ("technology", "field", "industry_section", "industry_division"):
        out[c] = rel[c].to_numpy()
    out["synthetic"] = LABEL
    return out.sort_values(["year", "source", "target"], kind="stable").reset_index(drop=True)


# ---- files -----------------------------------------------------------------------------------------------------


def _stamp(seed: int) -> str:
    """What the files depend on: this generator, its plan, the published tables it reads, the seed."""
    h = hashlib.sha256(str(seed).encode())
    for p in sorted([Path(__file__), Path(plan.__file__)]):
        h.update(p.read_bytes())
    for path in plan.published_files():
        h.update(path.read_bytes())
    return h.hexdigest()


def write(folder: Path | str, seed: int = DEFAULT_SEED) -> Path:
    """Generate the SYNTHETIC demo database of `seed` and write `organisations.csv` and `relations.csv` into
    `folder` (atomically; the same bytes for the same seed)."""
    out = Path(folder)
    orgs, rel = generate(seed)
    out.mkdir(parents=True, exist_ok=True)
    for name, df in (("organisations", orgs), ("relations", rel)):
        with atomic_path(out / f"{name}.csv") as tmp:
            df.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    return out


def folder_name(seed: int = DEFAULT_SEED) -> str:
    return f"{LABEL}_firmdb_seed{seed}"


def write_product(outputs: dict[str, Path], inputs: dict[str, Path] | None = None, seed: int = DEFAULT_SEED) -> None:
    """The build product `demo/firmdb` (config/sections.yaml): the database of `seed` written to
    outputs['organisations'] and outputs['relations'], which must be `organisations.csv` and `relations.csv` of
    one folder named SYNTHETIC_firmdb_seed<seed>."""
    folder = Path(outputs["organisations"]).parent
    expected = {"organisations": folder / "organisations.csv", "relations": folder / "relations.csv"}
    if {k: Path(v) for k, v in outputs.items()} != expected or folder.name != folder_name(seed):
        raise ValueError(
            f"the demo database is written as {folder_name(seed)}/{{organisations,relations}}.csv, not {outputs}"
        )
    write(folder, seed)
    with atomic_path(folder / "generator.sha256") as tmp:  # so that `demo_folder` finds it current
        tmp.write_text(_stamp(seed))


def demo_folder(seed: int = DEFAULT_SEED, folder: Path | str | None = None) -> Path:
    """The SYNTHETIC demo database as two CSV files in `<folder>/SYNTHETIC_firmdb_seed<seed>/` (default under
    data/interim/demo, where the build's product `demo/firmdb` is), generated when missing or when the generator
    or its inputs changed since (a stamp of them beside the files); for the command line and interactive use —
    chapters read the build's product."""
    from ai_industry.paths import interim_dir

    out = Path(folder) if folder is not None else interim_dir() / "demo"
    out = out / folder_name(seed)
    stamp = _stamp(seed)
    mark = out / "generator.sha256"
    if (
        mark.is_file()
        and mark.read_text() == stamp
        and all((out / f"{t}.csv").is_file() for t in ("organisations", "relations"))
    ):
        return out
    write(out, seed)
    with atomic_path(mark) as tmp:
        tmp.write_text(stamp)
    return out


def main(argv: list[str] | None = None) -> None:
    """`python -m ai_industry.methods.demo.firmdb [--seed N] [--out DIR]`: write the demo database, print where."""
    import argparse

    ap = argparse.ArgumentParser(description="Write the SYNTHETIC demo firm database (seed 001 §5–§7).")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--out", default=None, help="folder (default data/interim/demo)")
    args = ap.parse_args(argv)
    print(demo_folder(args.seed, args.out))


if __name__ == "__main__":
    main()
