"""Where the SYNTHETIC demo's partner firms are, so that footnote 11's flows of the last year's network give back
the published Tables 7–10: the enabling and input shares of the listed provinces and cities and the listed
flow cells, each to the printed rounding where the counts allow it, with every unlisted place or cell below the
last listed one.

The partners (relation-only firms, not abroad) are the free part of the demo's geography: no published
distribution counts them, and moving one changes no network statistic, degree or printed share of another
table. Every other end of a relation is fixed (sample firms, universities, institutes, new innovation
organisations, the named nodes). A partner's relations run to sample firms, so placing it in city c adds its
relations to the flow cells (sample city → c) and (c → sample city) and to c's input or enabling share.

The fit is a deterministic local search on the sum of squared misses (count − target, in relations) over every
published number, plus a squared hinge for an unlisted place or cell above the last listed one: each round
scores every move of every partner to every candidate city at once (numpy), then applies the moves in order of
their score, each only when it still lowers the sum exactly. Nothing is random: the same database in, the same
places out."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ai_industry.methods.demo import firmdb_plan as plan

PHASES = (60, 40)  # rounds of the local search before each integer program
MOVES_PER_ROUND = 3000  # exact checks per round, best scores first


def _targets(n: int, level: str, cities: list[str], provinces: list[str]) -> dict[str, tuple]:
    """Published counts (share × n / 100) of one level: cells {(from, to): t}, enabling {place: t}, input
    {place: t}, and the caps of what is not listed (the last listed count)."""
    share = plan.published(f"{level}_enabling_input_share")
    flow = plan.published(f"{level}_tech_flows")
    col = "city" if level == "city" else "province"
    out = {}
    for d in ("enabling", "input"):
        rows = share[share["direction"] == d]
        out[d] = {p: float(v) * n / 100 for p, v in zip(rows[col], rows["share_pct"])}
    out["cell"] = {
        (a, b): float(v) * n / 100 for a, b, v in zip(flow[f"from_{col}"], flow[f"to_{col}"], flow["share_pct"])
    }
    return out


class _Objective:
    """The functionals (flow cells, enabling and input sums, at city and province level) as one flat vector
    with a target or a cap each: f(v) = (v − t)² for a listed number, max(0, v − cap)² for an unlisted one."""

    def __init__(self, cities: list[str], province_of: dict[str, str], n: int):
        self.cities = cities
        self.provs = sorted({province_of[c] for c in cities})
        self.k, self.np = len(cities), len(self.provs)
        self.ci = {c: i for i, c in enumerate(cities)}
        self.pi = {p: i for i, p in enumerate(self.provs)}
        self.p_of = np.array([self.pi[province_of[c]] for c in cities])
        k, q = self.k, self.np
        self.base = {"cell": 0, "E": k * k, "I": k * k + k, "pcell": k * k + 2 * k}
        self.base["pE"] = self.base["pcell"] + q * q
        self.base["pI"] = self.base["pE"] + q
        size = self.base["pI"] + q
        self.v = np.zeros(size)
        self.t = np.full(size, np.nan)
        self.cap = np.full(size, np.inf)
        for level, cell, e, i, index, names in (
            ("city", "cell", "E", "I", self.ci, cities),
            ("province", "pcell", "pE", "pI", self.pi, self.provs),
        ):
            tg = _targets(n, level, cities, self.provs)
            m = len(names)
            b = self.base[cell]
            self.cap[b : b + m * m] = min(tg["cell"].values()) - 0.5
            for (a, z), t in tg["cell"].items():
                if a in index and z in index:
                    self.t[b + index[a] * m + index[z]] = t
            for key, d in ((e, "enabling"), (i, "input")):
                self.cap[self.base[key] : self.base[key] + m] = min(tg[d].values()) - 0.5
                for p, t in tg[d].items():
                    if p in index:
                        self.t[self.base[key] + index[p]] = t
        listed = ~np.isnan(self.t)
        self.cap[listed] = np.inf
        self.tl = [None if np.isnan(x) else float(x) for x in self.t]
        self.capl = self.cap.tolist()
        self.pl = self.p_of.tolist()

    def cost(self, v: np.ndarray, ids: np.ndarray) -> np.ndarray:
        t, cap = self.t[ids], self.cap[ids]
        listed = ~np.isnan(t)
        return np.where(listed, (v - np.where(listed, t, 0.0)) ** 2, np.maximum(v - cap, 0.0) ** 2)

    def delta(self, ids: np.ndarray, d: np.ndarray) -> np.ndarray:
        """Change of f at `ids` when each moves by `d` (element-wise, from the current values)."""
        v = self.v[ids]
        return self.cost(v + d, ids) - self.cost(v, ids)

    def change(self, i: int, d: float) -> float:
        """f(v + d) − f(v) at one functional (scalar arithmetic: the exact check of a single move)."""
        v, t = float(self.v[i]), self.tl[i]
        if t is not None:
            return (v + d - t) ** 2 - (v - t) ** 2
        cap = self.capl[i]
        return max(v + d - cap, 0.0) ** 2 - max(v - cap, 0.0) ** 2

    def entry_ids(self, enabling: bool, a: int, c: int) -> tuple[int, int, int, int]:
        """`ids` of one relation entry, in scalars."""
        k, q, p = self.k, self.np, self.pl
        if enabling:
            return a * k + c, self.base["I"] + c, self.base["pcell"] + p[a] * q + p[c], self.base["pI"] + p[c]
        return c * k + a, self.base["E"] + c, self.base["pcell"] + p[c] * q + p[a], self.base["pE"] + p[c]

    def ids(self, enabling: np.ndarray, sample_city: np.ndarray, city: np.ndarray) -> np.ndarray:
        """The four functionals one relation of a partner in `city` touches (the sample end's own sums do not
        depend on the partner's place): its city cell, the partner city's input (enabling) sum, its province
        cell, the partner province's input (enabling) sum. Shapes broadcast; result has a last axis of 4."""
        k, q, p = self.k, self.np, self.p_of
        a, c = np.broadcast_arrays(sample_city, city)
        en = np.broadcast_to(enabling, a.shape)
        cell = np.where(en, a * k + c, c * k + a)
        own = np.where(en, self.base["I"] + c, self.base["E"] + c)
        pcell = self.base["pcell"] + np.where(en, p[a] * q + p[c], p[c] * q + p[a])
        pown = np.where(en, self.base["pI"] + p[c], self.base["pE"] + p[c])
        return np.stack([cell, own, pcell, pown], axis=-1)


def place_partners(
    orgs: pd.DataFrame, rel: pd.DataFrame, partners: np.ndarray, in_network: np.ndarray, rounds: int | None = None
) -> pd.DataFrame:
    """`orgs` with new `city` and `province` for the `partners` (row positions) that are placed (not abroad),
    fitted to Tables 7–10 on the relations `in_network` (the last year's network) of `rel` (s, t: row positions
    of `orgs`): a local search moves every partner, then the partners with a single kind of relation (one
    direction, one sample city, one or two relations) are placed again by an integer program that keeps every
    number it can within the printed rounding."""
    names = plan.city_names()
    city = orgs["city"].to_numpy(dtype=object).copy()
    movable = np.zeros(len(orgs), dtype=bool)
    movable[partners] = True
    movable &= city != ""
    cand = sorted({c for c in city[movable]} | set(_listed_cities()))
    placed = sorted({c for c in city if c} | set(cand))
    province_of = {c: names[c][1] for c in placed}
    s, t = rel["s"].to_numpy()[in_network], rel["t"].to_numpy()[in_network]
    located = (city[s] != "") & (city[t] != "")
    s, t = s[located], t[located]
    obj = _Objective(placed, province_of, len(s))
    ci = np.array([obj.ci.get(c, -1) for c in city])
    for a, b in ((ci[s], ci[t]),):  # every located relation as it is now (the partners' moved below)
        for d, (i, j) in {"cell": (a, b), "pcell": (obj.p_of[a], obj.p_of[b])}.items():
            size = obj.k if d == "cell" else obj.np
            np.add.at(obj.v, obj.base[d] + i * size + j, 1)
            np.add.at(obj.v, obj.base["E" if d == "cell" else "pE"] + i, 1)
            np.add.at(obj.v, obj.base["I" if d == "cell" else "pI"] + j, 1)
    pt = _Partners.of(movable, s, t, ci)
    cands = np.array([obj.ci[c] for c in cand])
    for phase_rounds in PHASES if rounds is None else (rounds,):
        for _ in range(phase_rounds):
            if not _round(obj, pt, cands):
                break
        _exact(obj, pt, cands)
    out = orgs.copy()
    new_city = np.array(placed, dtype=object)[pt.cur]
    out.loc[out.index[pt.ids], "city"] = new_city
    out.loc[out.index[pt.ids], "province"] = [province_of[c] for c in new_city]
    return out


class _Partners:
    """The movable partners' relations as entries (owner, enabling?, sample-end city, count), sorted by owner
    (`first`: each owner's first entry), each partner's current city (`cur`), and the distinct (direction,
    sample city, count) triples of the entries (`u_*`, `inv`)."""

    @classmethod
    def of(cls, movable: np.ndarray, s: np.ndarray, t: np.ndarray, ci: np.ndarray) -> _Partners:
        tp, sp = movable[t] & ~movable[s], movable[s] & ~movable[t]
        ent = pd.DataFrame(
            {
                "p": np.concatenate([t[tp], s[sp]]),
                "en": np.concatenate([np.ones(tp.sum(), bool), np.zeros(sp.sum(), bool)]),
                "a": np.concatenate([ci[s[tp]], ci[t[sp]]]),
            }
        )
        ent = ent.groupby(["p", "en", "a"], sort=True).size().rename("m").reset_index()
        self = cls()
        self.ids, self.first = np.unique(ent["p"].to_numpy(), return_index=True)
        self.owner = np.searchsorted(self.ids, ent["p"].to_numpy())
        self.en, self.sc = ent["en"].to_numpy(), ent["a"].to_numpy()
        self.m = ent["m"].to_numpy().astype(float)
        self.cur = ci[self.ids].copy()
        kinds, inv = np.unique(np.stack([self.en, self.sc, self.m]), axis=1, return_inverse=True)
        self.u_en, self.u_sc, self.u_m, self.inv = kinds[0].astype(bool), kinds[1].astype(int), kinds[2], inv.ravel()
        self.bounds = np.append(self.first, len(self.en))
        return self


def _listed_cities() -> list[str]:
    share = plan.published("city_enabling_input_share")
    flow = plan.published("city_tech_flows")
    return sorted(set(share["city"]) | set(flow["from_city"]) | set(flow["to_city"]))


def _round(obj: _Objective, pt: _Partners, cands: np.ndarray) -> bool:
    """One round of single moves; whether it lowered the sum by more than a thousandth. An entry's cost of
    arriving in each candidate city depends on its (direction, sample city, count) only: scored once each."""
    before = float(obj.cost(obj.v, np.arange(len(obj.v))).sum())
    here = obj.ids(pt.en, pt.sc, pt.cur[pt.owner])  # (entries, 4)
    leave = obj.delta(here, -pt.m[:, None]).sum(axis=1)
    there = obj.ids(pt.u_en[:, None], pt.u_sc[:, None], cands[None, :])  # (kinds, cands, 4)
    arrive = obj.delta(there, pt.u_m[:, None, None]).sum(axis=2)
    score = np.add.reduceat(arrive[pt.inv] + leave[:, None], pt.first, axis=0)  # (partners, cands)
    score[cands[None, :] == pt.cur[:, None]] = np.inf
    best = np.argmin(score, axis=1)
    gain = score[np.arange(len(best)), best]
    order = np.flatnonzero(gain < -1e-9)
    order = order[np.argsort(gain[order], kind="stable")]
    bounds, ens, scs, ms = pt.bounds.tolist(), pt.en.tolist(), pt.sc.tolist(), pt.m.tolist()
    for j in order[:MOVES_PER_ROUND].tolist():
        c1, c2 = int(pt.cur[j]), int(cands[best[j]])
        change: dict[int, float] = {}
        for e in range(bounds[j], bounds[j + 1]):
            for c, sign in ((c1, -1.0), (c2, 1.0)):
                for i in obj.entry_ids(ens[e], scs[e], c):
                    change[i] = change.get(i, 0.0) + sign * ms[e]
        if sum(obj.change(i, d) for i, d in change.items()) < -1e-9:
            for i, d in change.items():
                obj.v[i] += d
            pt.cur[j] = c2
    after = float(obj.cost(obj.v, np.arange(len(obj.v))).sum())
    return after < before * 0.999


TOLERANCE = 3.0  # relations: a published share agrees within half a unit of its last digit, ≈ 4.2 at this size


EXACT_ENTRIES = 1  # partners with at most this many kinds of relation are placed by the integer program


def _exact(obj: _Objective, pt: _Partners, cands: np.ndarray) -> None:
    """Place the partners with few kinds of relation (at most EXACT_ENTRIES (direction, sample city) entries)
    again, all at once, by a mixed integer program (scipy's HiGHS): x[g, c] partners of profile g in city c, as
    many of each profile as there are; minimise the relations by which each published number misses its target
    by more than TOLERANCE, plus ten times those by which an unlisted place or cell exceeds the last listed one.
    When the program finds nothing, the local search's places stay."""
    from scipy.optimize import LinearConstraint, milp
    from scipy.sparse import coo_matrix, hstack

    counts = np.diff(pt.bounds)
    chosen = np.flatnonzero(counts <= EXACT_ENTRIES)
    profile = [
        tuple(zip(pt.en[a:b].tolist(), pt.sc[a:b].tolist(), pt.m[a:b].tolist()))
        for a, b in zip(pt.bounds[chosen], pt.bounds[chosen + 1])
    ]
    kinds = sorted(set(profile))
    index = {k: i for i, k in enumerate(kinds)}
    g_of = np.array([index[p] for p in profile], dtype=int)
    ng, nc = len(kinds), len(cands)
    ent = np.concatenate([np.arange(pt.bounds[j], pt.bounds[j + 1]) for j in chosen])
    here = obj.ids(pt.en[ent], pt.sc[ent], pt.cur[pt.owner[ent]])
    np.subtract.at(obj.v, here.ravel(), np.repeat(pt.m[ent], 4))  # the fixed part without them
    # one (kind entry, candidate city) -> its four functionals, weighted by the entry's count
    k_en = np.array([e[0] for k in kinds for e in k], dtype=bool)
    k_sc = np.array([e[1] for k in kinds for e in k])
    k_m = np.array([e[2] for k in kinds for e in k])
    k_g = np.repeat(np.arange(ng), [len(k) for k in kinds])
    ids = obj.ids(k_en[:, None], k_sc[:, None], cands[None, :])  # (kind entries, c, 4)
    var = (k_g[:, None] * nc + np.arange(nc)[None, :])[:, :, None].repeat(4, axis=2)
    fun, rows = np.unique(ids.ravel(), return_inverse=True)
    nx = ng * nc
    weight = np.broadcast_to(k_m[:, None, None], ids.shape).ravel()
    a = coo_matrix((weight, (rows.ravel(), var.ravel())), (len(fun), nx)).tocsr()
    room = obj.t[fun] - obj.v[fun]
    lst = np.flatnonzero(~np.isnan(room))
    cap = np.flatnonzero(np.isnan(room) & np.isfinite(obj.cap[fun]))
    n_l, n_c = len(lst), len(cap)
    nv = nx + 2 * n_l + n_c  # x, under, over, excess
    ax = hstack([a, coo_matrix((len(fun), nv - nx))]).tocsr()
    res = milp(
        np.concatenate([np.zeros(nx), np.ones(2 * n_l), np.full(n_c, 10.0)]),
        integrality=np.concatenate([np.ones(nx), np.zeros(nv - nx)]),
        bounds=(0, np.inf),
        constraints=[
            LinearConstraint(
                ax[lst] + _eye(n_l, nv, nx) - _eye(n_l, nv, nx + n_l), room[lst] - TOLERANCE, room[lst] + TOLERANCE
            ),
            LinearConstraint(ax[cap] - _eye(n_c, nv, nx + 2 * n_l), -np.inf, obj.cap[fun][cap] - obj.v[fun][cap]),
            LinearConstraint(
                coo_matrix((np.ones(nx), (np.repeat(np.arange(ng), nc), np.arange(nx))), (ng, nv)),
                *(2 * [np.bincount(g_of, minlength=ng).astype(float)]),
            ),
        ],
    )
    if res.x is None:
        np.add.at(obj.v, here.ravel(), np.repeat(pt.m[ent], 4))
        return
    x = np.rint(res.x[:nx]).astype(int)
    np.add.at(obj.v, fun, a @ x)
    _assign(pt, chosen, g_of, x.reshape(ng, nc), cands)


def _eye(n: int, nv: int, c0: int):
    """n × nv with ones at (i, c0 + i)."""
    from scipy.sparse import coo_matrix

    return coo_matrix((np.ones(n), (np.arange(n), np.arange(c0, c0 + n))), (n, nv))


def _assign(pt: _Partners, chosen: np.ndarray, g_of: np.ndarray, x: np.ndarray, cands: np.ndarray) -> None:
    """Cities for the partners the program placed, from its counts: a partner stays where its profile keeps a
    place, the others fill the places left, in partner order."""
    col = {int(c): i for i, c in enumerate(cands)}
    for g in range(x.shape[0]):
        members = chosen[g_of == g]
        left = x[g].copy()
        moving = []
        for j in members.tolist():
            c = col.get(int(pt.cur[j]))
            if c is not None and left[c] > 0:
                left[c] -= 1
            else:
                moving.append(j)
        slots = np.repeat(np.arange(len(left)), left)
        pt.cur[moving] = cands[slots]
