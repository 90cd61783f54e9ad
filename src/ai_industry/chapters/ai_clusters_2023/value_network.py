"""Published value-network statistics (Gephi tables of seed 001, 五(二)(2)–(3)) and what follows from them.

Groups of small functions:

* **Growth of a network over years** — the densification law E = c·N^α fitted by OLS on ln E vs ln N
  (`densification`), linear trends by year (`linear_trend`), year-on-year moves (`yoy_changes`), the table's
  own arithmetic (`table_arithmetic`: total = sample + relation nodes, average degree = edges / nodes) and an
  Erdős–Rényi benchmark of clustering and path length (`small_world`).
* **Degree tables** (top-20 nodes with in-, out- and total degree) — net enablers and receivers
  (`degree_roles`, `role_summary`, `roles_by_type`).
* **Two published distributions side by side** (platforms vs all firms by region) — implied counts,
  representation ratio with Fisher's exact test (`representation`) and nesting residuals (`nesting`).
* **A concentration curve given by a few points** (top p of nodes hold share S of out-edges) — the Pareto
  exponent it implies (`fit_top_share`, `local_exponents`), whether one power law passes all points
  (`minimax_power_law`, `tolerance_multiplier` with the stated tolerances), a Gini lower bound and counts.
* **Findings** for the chapters' "report vs data" boxes (`value_network_findings`, `platform_findings`), the
  bilingual labels of this module's tables and charts (`LABELS`, `STAT_COLUMNS`, `NODE_EN`), and chart builders.

Power-law convention (documented once, used everywhere here): the out-degree pdf is p(k) ∝ k^(−γ) for
k ≥ k_min; its complementary CDF is P(K ≥ k) ∝ k^(−α) with **α = γ − 1** (the Pareto index). For α > 1 the
fraction p of nodes with the largest degrees holds the share S(p) = p^(1 − 1/α) = p^((γ−2)/(γ−1)) of all
edges (continuous Pareto; Newman 2005, "Power laws, Pareto distributions and Zipf's law", on the 80/20 rule).
So a fitted log–log slope β = 1 − 1/α gives α = 1/(1 − β) and γ = α + 1.

Chart builders return matplotlib Figures (saving and source lines are `report.Chapter`'s job).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ai_industry.catalog.audit import APPROX, APPROX_REL

# ================================================================================================
# Fits
# ================================================================================================


@dataclass(frozen=True)
class LogLogFit:
    """OLS fit of ln y = ln c + slope·ln x: slope with a two-sided `conf` CI (t distribution), its standard
    error, the intercept ln c (0 when forced through the origin), R² (uncentred when through the origin),
    n points and residual degrees of freedom."""

    slope: float
    ci_low: float
    ci_high: float
    se: float
    intercept: float
    r2: float
    n: int
    df_resid: int
    conf: float
    through_origin: bool = False

    @property
    def ci_half_width(self) -> float:
        """Half the width of the slope's CI (same unit as the slope)."""
        return (self.ci_high - self.ci_low) / 2

    def as_dict(self) -> dict:
        """The fit as a plain dict (for tables and JSON)."""
        return asdict(self)


def _ols(x: np.ndarray, y: np.ndarray, through_origin: bool):
    import statsmodels.api as sm

    exog = x.reshape(-1, 1) if through_origin else sm.add_constant(x, has_constant="add")
    return sm.OLS(y, exog).fit()


def loglog_fit(x: Sequence[float], y: Sequence[float], conf: float = 0.95, through_origin: bool = False) -> LogLogFit:
    """Power law y = c·x^slope fitted by statsmodels OLS on natural logs (slope dimensionless)."""
    lx = np.log(np.asarray(x, dtype=float))
    ly = np.log(np.asarray(y, dtype=float))
    need = 2 if through_origin else 3
    if len(lx) < need:
        raise ValueError(f"a log-log fit with a CI needs at least {need} points, got {len(lx)}")
    res = _ols(lx, ly, through_origin)
    k = 0 if through_origin else 1
    lo, hi = res.conf_int(alpha=1 - conf)[k]
    return LogLogFit(slope=float(res.params[k]), ci_low=float(lo), ci_high=float(hi), se=float(res.bse[k]),
                     intercept=0.0 if through_origin else float(res.params[0]), r2=float(res.rsquared),
                     n=len(lx), df_resid=int(res.df_resid), conf=conf, through_origin=through_origin)


def densification(nodes: Sequence[float], edges: Sequence[float], conf: float = 0.95) -> LogLogFit:
    """Densification law E = c·N^α (Leskovec, Kleinberg & Faloutsos 2005): α from OLS on ln E vs ln N.
    α > 1: edges grow faster than nodes, so the average degree E/N grows as N^(α−1)."""
    return loglog_fit(nodes, edges, conf=conf)


def loglog_band(fit: LogLogFit, x: Sequence[float], x_new: Sequence[float], y: Sequence[float]) -> pd.DataFrame:
    """Fitted y and the `fit.conf` band of the fitted mean at `x_new` (original units), for drawing."""
    lx, ly = np.log(np.asarray(x, float)), np.log(np.asarray(y, float))
    res = _ols(lx, ly, fit.through_origin)
    lnew = np.log(np.asarray(x_new, float))
    exog = lnew.reshape(-1, 1) if fit.through_origin else np.column_stack([np.ones_like(lnew), lnew])
    pred = res.get_prediction(exog).summary_frame(alpha=1 - fit.conf)
    return pd.DataFrame({"x": np.asarray(x_new, float), "fit": np.exp(pred["mean"].to_numpy()),
                         "low": np.exp(pred["mean_ci_lower"].to_numpy()), "high": np.exp(pred["mean_ci_upper"].to_numpy())})


@dataclass(frozen=True)
class Trend:
    """OLS straight line y = intercept + slope·x: slope (unit of y per unit of x) with a `conf` CI, R², n and
    the two-sided p-value of slope = 0."""

    slope: float
    ci_low: float
    ci_high: float
    intercept: float
    r2: float
    p_value: float
    n: int
    conf: float


def linear_trend(x: Sequence[float], y: Sequence[float], conf: float = 0.95) -> Trend:
    """Linear trend of y on x (e.g. average path length on year: steps per year) by statsmodels OLS."""
    xa, ya = np.asarray(x, float), np.asarray(y, float)
    if len(xa) < 3:
        raise ValueError("a trend with a CI needs at least 3 points")
    res = _ols(xa, ya, through_origin=False)
    lo, hi = res.conf_int(alpha=1 - conf)[1]
    return Trend(slope=float(res.params[1]), ci_low=float(lo), ci_high=float(hi), intercept=float(res.params[0]),
                 r2=float(res.rsquared), p_value=float(res.pvalues[1]), n=len(xa), conf=conf)


def yoy_changes(years: Sequence[int], values: Sequence[float]) -> pd.DataFrame:
    """Each step between consecutive listed years: from, to, both values, change (unit of the values) and
    direction ('up' | 'down' | 'flat')."""
    df = pd.DataFrame({"year": list(years), "value": list(values)}).sort_values("year").reset_index(drop=True)
    out = pd.DataFrame({"year_from": df["year"].iloc[:-1].to_numpy(), "year_to": df["year"].iloc[1:].to_numpy(),
                        "value_from": df["value"].iloc[:-1].to_numpy(), "value_to": df["value"].iloc[1:].to_numpy()})
    out["change"] = out["value_to"] - out["value_from"]
    out["direction"] = np.where(out["change"] > 0, "up", np.where(out["change"] < 0, "down", "flat"))
    return out


def against_direction(years: Sequence[int], values: Sequence[float], claimed: str) -> pd.DataFrame:
    """The year-on-year steps that move against a claimed direction ('up' or 'down'); flat steps are kept out."""
    if claimed not in ("up", "down"):
        raise ValueError("claimed must be 'up' or 'down'")
    ch = yoy_changes(years, values)
    return ch[ch["direction"] == ("down" if claimed == "up" else "up")].reset_index(drop=True)


def multiple(first: float, last: float) -> float:
    """last / first (a multiple, dimensionless)."""
    return float(last) / float(first)


def annual_growth_pct(first: float, last: float, years: float) -> float:
    """Compound annual growth rate (percent per year) from `first` to `last` over `years` years."""
    return 100.0 * ((float(last) / float(first)) ** (1.0 / years) - 1.0)


# ================================================================================================
# The published table's own arithmetic and a random-graph benchmark
# ================================================================================================


def table_arithmetic(df: pd.DataFrame, decimals: int = 3) -> pd.DataFrame:
    """Per row of a Gephi statistics table: total nodes recomputed as sample + relation nodes (where both are
    given) and average degree recomputed as edges / nodes (directed graph: mean in-degree = mean out-degree),
    with the differences from the printed values and whether each holds (exact for counts; within half a unit
    of the printed `decimals` for the average degree)."""
    out = pd.DataFrame(index=df.index)
    if "year" in df:
        out["year"] = df["year"]
    has_parts = {"sample_nodes_count", "relation_nodes_count"} <= set(df.columns)
    if has_parts:
        out["sample_nodes_count"] = df["sample_nodes_count"]
        out["relation_nodes_count"] = df["relation_nodes_count"]
        out["nodes_recomputed"] = df["sample_nodes_count"] + df["relation_nodes_count"]
    out["total_nodes_count"] = df["total_nodes_count"]
    out["nodes_diff"] = (out["nodes_recomputed"] - df["total_nodes_count"]) if has_parts else np.nan
    out["nodes_ok"] = (out["nodes_diff"] == 0) if has_parts else pd.NA
    out["total_edges_count"] = df["total_edges_count"]
    out["degree_recomputed"] = df["total_edges_count"] / df["total_nodes_count"]
    out["average_degree"] = df["average_degree"]
    out["degree_diff"] = out["degree_recomputed"] - df["average_degree"]
    out["degree_ok"] = out["degree_diff"].abs() <= 0.5 * 10 ** (-decimals) + 1e-12
    return out.reset_index(drop=True)


def directed_density(nodes: float, edges: float) -> float:
    """Density of a directed graph without self-loops: E / (N·(N − 1)) (a fraction)."""
    return float(edges) / (float(nodes) * (float(nodes) - 1.0))


def random_graph_benchmark(nodes: Sequence[float], edges: Sequence[float]) -> pd.DataFrame:
    """Erdős–Rényi graph with the same N and edge count, direction ignored: mean undirected degree k = 2E/N,
    expected clustering C_rand = k/(N − 1) and approximate mean path length L_rand = ln N / ln k (NaN for k ≤ 1).
    An order-of-magnitude yardstick, not a model of the network."""
    n = np.asarray(nodes, float)
    e = np.asarray(edges, float)
    k = 2.0 * e / n
    with np.errstate(divide="ignore", invalid="ignore"):
        l_rand = np.where(k > 1, np.log(n) / np.log(k), np.nan)
    return pd.DataFrame({"k_undirected": k, "c_random": k / (n - 1.0), "l_random": l_rand})


def small_world(df: pd.DataFrame, c_decimals: int = 3) -> pd.DataFrame:
    """Per year: observed average clustering C and path length L next to the random-graph benchmark, the ratios
    C/C_rand (how many times more clustered than chance) with the range the printed rounding of C allows, and
    L/L_rand."""
    bench = random_graph_benchmark(df["total_nodes_count"], df["total_edges_count"])
    c = df["average_clustering_coefficient"].to_numpy(float)
    half = 0.5 * 10 ** (-c_decimals)
    out = pd.DataFrame({"year": df["year"].to_numpy() if "year" in df else np.arange(len(df)),
                        "nodes": df["total_nodes_count"].to_numpy(), "edges": df["total_edges_count"].to_numpy()})
    out = pd.concat([out, bench], axis=1)
    out["c"] = c
    out["c_ratio"] = c / out["c_random"]
    out["c_ratio_low"] = np.maximum(c - half, 0) / out["c_random"]
    out["c_ratio_high"] = (c + half) / out["c_random"]
    out["l"] = df["average_path_length"].to_numpy(float)
    out["l_ratio"] = out["l"] / out["l_random"]
    return out


# ================================================================================================
# Degree tables (Tables 3–4)
# ================================================================================================

ROLES = ("enabler", "receiver", "balanced")


def degree_roles(df: pd.DataFrame) -> pd.DataFrame:
    """A degree table with net out-degree (out − in, relations), the out/in ratio (inf where in = 0), the role
    ('enabler' out > in, 'receiver' out < in, 'balanced') and whether degree centrality = in + out as printed."""
    out = df.copy()
    ind = out["in_degree"].astype(float)
    outd = out["out_degree"].astype(float)
    out["net_out"] = out["out_degree"] - out["in_degree"]
    with np.errstate(divide="ignore"):
        out["out_in_ratio"] = np.where(ind > 0, outd / ind.where(ind > 0, 1.0), np.inf)
    out["role"] = np.select([outd > ind, outd < ind], ["enabler", "receiver"], "balanced")
    out["sum_ok"] = out["in_degree"] + out["out_degree"] == out["degree_centrality"]
    return out


def role_summary(df: pd.DataFrame) -> dict[str, float]:
    """Counts of enablers, receivers and balanced nodes in a `degree_roles` table, the summed in- and
    out-degree, their ratio, and the nodes whose printed total is not in + out."""
    d = degree_roles(df) if "role" not in df else df
    s_in, s_out = float(d["in_degree"].sum()), float(d["out_degree"].sum())
    return {"n": int(len(d)), "enablers": int((d["role"] == "enabler").sum()),
            "receivers": int((d["role"] == "receiver").sum()), "balanced": int((d["role"] == "balanced").sum()),
            "in_sum": s_in, "out_sum": s_out, "out_in_ratio": s_out / s_in if s_in else math.inf,
            "sum_errors": int((~d["sum_ok"]).sum())}


def roles_by_type(df: pd.DataFrame, types: Mapping[str, str]) -> pd.DataFrame:
    """Per node type (from `types`, node -> type; unmapped nodes are 'other'): nodes, enablers, receivers,
    summed in- and out-degree and their ratio."""
    d = degree_roles(df) if "role" not in df else df.copy()
    d = d.assign(node_type=[types.get(n, "other") for n in d["node"]])
    g = d.groupby("node_type", sort=False)
    out = pd.DataFrame({"nodes": g.size(), "enablers": g["role"].apply(lambda r: int((r == "enabler").sum())),
                        "receivers": g["role"].apply(lambda r: int((r == "receiver").sum())),
                        "in_sum": g["in_degree"].sum(), "out_sum": g["out_degree"].sum()})
    out["out_in_ratio"] = out["out_sum"] / out["in_sum"]
    return out.reset_index()


def edge_shares(df: pd.DataFrame, edges: float) -> dict[str, float]:
    """What the listed nodes hold of a network with `edges` directed edges (percent): of all out-edge ends
    (Σ out / E), of all in-edge ends (Σ in / E) and of all edge ends (Σ degree / 2E)."""
    e = float(edges)
    return {"out_pct": 100 * float(df["out_degree"].sum()) / e, "in_pct": 100 * float(df["in_degree"].sum()) / e,
            "degree_pct": 100 * float(df["degree_centrality"].sum()) / (2 * e)}


# ================================================================================================
# Two published regional distributions side by side (platforms vs firms)
# ================================================================================================


def implied_counts(shares_pct: Sequence[float], base: int, decimals: int = 2) -> pd.DataFrame:
    """The whole counts behind shares (percent) of `base` units: nearest integer count, the share that count
    gives, and whether it reproduces the printed share within half a unit of its `decimals`."""
    s = np.asarray(shares_pct, float)
    count = np.rint(s * base / 100.0).astype(int)
    back = 100.0 * count / base
    return pd.DataFrame({"share_pct": s, "count": count, "share_from_count": back,
                         "consistent": np.abs(back - s) <= 0.5 * 10 ** (-decimals) + 1e-9})


def representation(sub: pd.DataFrame, whole: pd.DataFrame, n_sub: int, n_whole: int,
                   levels: Iterable[str] = ("metro_region", "province", "city")) -> pd.DataFrame:
    """Regional shares of a subset (e.g. the 200 platforms) against those of the whole it is drawn from (the
    2,200 firms), per level. For regions both list: implied counts, representation ratio = subset share /
    whole share, the expected subset count under proportional selection and Fisher's exact two-sided p-value
    of the 2×2 table (subset / rest × region / elsewhere). Regions only one list gives appear with the other
    share empty and its upper bound (that list's unreported remainder); one 'others' row per level holds both
    remainders. Columns: level, region, listed_in, sub_share_pct, whole_share_pct, ratio, sub_count,
    whole_count, expected_sub, fisher_p, bound_pct. The remainders' ratio is given only where both lists name
    the same regions (otherwise the two remainders cover different regions)."""
    from scipy.stats import fisher_exact

    rows = []
    for lv in levels:
        a = sub[sub["level"] == lv].set_index("region")["share_pct"]
        b = whole[whole["level"] == lv].set_index("region")["share_pct"]
        if a.empty and b.empty:
            continue
        rest_a, rest_b = 100.0 - float(a.sum()), 100.0 - float(b.sum())
        order = list(b.sort_values(ascending=False).index) + [r for r in a.sort_values(ascending=False).index if r not in b.index]
        for reg in order:
            rec = {"level": lv, "region": reg, "sub_share_pct": np.nan, "whole_share_pct": np.nan, "ratio": np.nan,
                   "sub_count": np.nan, "whole_count": np.nan, "expected_sub": np.nan, "fisher_p": np.nan,
                   "bound_pct": np.nan}
            if reg in a.index and reg in b.index:
                sa, sb = float(a[reg]), float(b[reg])
                ka, kb = int(round(sa * n_sub / 100)), int(round(sb * n_whole / 100))
                _, p = fisher_exact([[ka, n_sub - ka], [kb - ka, (n_whole - n_sub) - (kb - ka)]])
                rec.update(listed_in="both", sub_share_pct=sa, whole_share_pct=sb, ratio=sa / sb, sub_count=ka,
                           whole_count=kb, expected_sub=kb * n_sub / n_whole, fisher_p=float(p))
            elif reg in b.index:
                rec.update(listed_in="whole", whole_share_pct=float(b[reg]), bound_pct=rest_a,
                           whole_count=int(round(float(b[reg]) * n_whole / 100)))
            else:
                rec.update(listed_in="sub", sub_share_pct=float(a[reg]), bound_pct=rest_b,
                           sub_count=int(round(float(a[reg]) * n_sub / 100)))
            rows.append(rec)
        same_set = set(a.index) == set(b.index)  # otherwise the two remainders cover different regions
        rows.append({"level": lv, "region": "others", "listed_in": "remainder", "sub_share_pct": round(rest_a, 10),
                     "whole_share_pct": round(rest_b, 10), "ratio": rest_a / rest_b if rest_b > 0 and same_set else np.nan,
                     "sub_count": round(rest_a * n_sub / 100), "whole_count": round(rest_b * n_whole / 100),
                     "expected_sub": np.nan, "fisher_p": np.nan, "bound_pct": np.nan})
    return pd.DataFrame(rows)


def reference_regions() -> pd.DataFrame:
    """The typed reference table of provinces and cities (data/raw/reference/regions.csv, as labels.place uses)."""
    from ai_industry.paths import raw_dir

    return pd.read_csv(raw_dir() / "reference" / "regions.csv", dtype={"adcode": str})


def region_hierarchy(regions: pd.DataFrame) -> dict[str, dict]:
    """From the reference regions table: city -> province, and per metro region its provinces split into those
    lying wholly inside it (every city of the province in the metro) and those it only partly covers."""
    cities = regions[regions["level"] == "city"]
    city_prov = dict(zip(cities["name_zh"], cities["province_zh"]))
    metro: dict[str, dict[str, list[str]]] = {}
    for prov, g in cities.groupby("province_zh"):
        ms = set(g["metro_region_zh"].dropna())
        for m in ms:
            whole = bool(g["metro_region_zh"].eq(m).all())
            metro.setdefault(m, {"whole": [], "partly": []})["whole" if whole else "partly"].append(prov)
    return {"city_province": city_prov, "metro": metro}


def nesting(df: pd.DataFrame, regions: pd.DataFrame, base: int | None = None) -> pd.DataFrame:
    """Shares that must nest, checked on one listed distribution (percent): a metro region holds at least its
    listed whole provinces; a province holds at least a metro region lying inside it (e.g. the Pearl River
    Delta inside Guangdong) and at least its listed cities. Residual = outer − Σ inner (≥ 0 when consistent;
    the share of the outer region's units outside the listed inner ones), with its count when `base` is given.
    Identities (a municipality at province and city level) are left out."""
    h = region_hierarchy(regions)
    got = {(r.level, r.region): float(r.share_pct) for r in df.itertuples()}
    provs = [r for (lv, r) in got if lv == "province"]
    pairs: list[tuple[str, str, str, list[str]]] = []
    for (lv, reg) in got:
        if lv == "metro_region":
            m = h["metro"].get(reg.removesuffix("地区"), h["metro"].get(reg))
            if m is None:
                continue
            inner = [p for p in m["whole"] if p in provs]
            if inner:
                pairs.append(("metro_region", reg, "province", inner))
            for p in m["partly"]:
                if p in provs:
                    pairs.append(("province", p, "metro_region", [reg]))
        elif lv == "province":
            inner = [c for (l2, c) in got if l2 == "city" and h["city_province"].get(c) == reg and c != reg]
            if inner:
                pairs.append(("province", reg, "city", inner))
    rows = []
    for olv, outer, ilv, inner in pairs:
        o = got[(olv, outer)]
        s = sum(got[(ilv, i)] for i in inner)
        rows.append({"outer_level": olv, "outer": outer, "inner_level": ilv, "inner": "、".join(inner),
                     "inner_list": inner, "outer_pct": o, "inner_pct": round(s, 10), "residual_pct": round(o - s, 10),
                     "residual_count": round((o - s) * base / 100) if base else np.nan,
                     "consistent": o - s >= -0.5 * 10 ** -2 * (len(inner) + 1)})
    return pd.DataFrame(rows)


def nesting_table(frames: Mapping[str, tuple[pd.DataFrame, int]], regions: pd.DataFrame,
                  place: Callable[[str], str] = lambda name: name, sep: str = "、") -> pd.DataFrame:
    """`nesting` for several named distributions (name -> (table, base count)) stacked, with outer and inner
    region labels from `place` (inner names joined by `sep`) and the distribution's name in column `who`."""
    parts = [nesting(df, regions, base).assign(who=name) for name, (df, base) in frames.items()]
    out = pd.concat(parts, ignore_index=True)
    out["outer_label"] = [place(o) for o in out["outer"]]
    out["inner_label"] = [sep.join(place(i) for i in lst) for lst in out["inner_list"]]
    return out


# ================================================================================================
# Concentration curve given by a few points (top p of nodes hold share S of the out-edges)
# ================================================================================================


def top_share_points(df: pd.DataFrame, decimals: int = 2, approx_rel: float = APPROX_REL) -> pd.DataFrame:
    """The published points as fractions, p descending: p = top_nodes_pct / 100, s = outdegree_share_pct / 100,
    and rel_tol, the relative tolerance each stated share allows (see `stated_tolerances`)."""
    out = pd.DataFrame({"p": df["top_nodes_pct"].astype(float).to_numpy() / 100,
                        "s": df["outdegree_share_pct"].astype(float).to_numpy() / 100,
                        "rel_tol": stated_tolerances(df, decimals=decimals, approx_rel=approx_rel)})
    return out.sort_values("p", ascending=False).reset_index(drop=True)


def pareto_top_share(p: Sequence[float] | float, alpha: float) -> np.ndarray:
    """Share (fraction) of the total held by the top fraction p of a Pareto population with index α > 1:
    S(p) = p^(1 − 1/α)."""
    if alpha <= 1:
        raise ValueError("a Pareto top share needs α > 1 (finite mean)")
    return np.asarray(p, float) ** (1.0 - 1.0 / alpha)


def alpha_from_slope(beta: float) -> float:
    """Pareto index α = 1/(1 − β) from the log–log slope β of S(p) (inf for β ≥ 1; ≤ 1 is not a valid tail)."""
    return math.inf if beta >= 1 else 1.0 / (1.0 - beta)


@dataclass(frozen=True)
class TopShareFit:
    """S(p) = c·p^β fitted by OLS on ln S vs ln p, converted to the Pareto index α = 1/(1 − β) and the pdf
    exponent γ = α + 1 (CI bounds transformed monotonically; a slope bound outside (0, 1) is clipped there and
    flagged, since S(p) must rise with p and stay ≤ 1)."""

    beta: float
    beta_low: float
    beta_high: float
    alpha: float
    alpha_low: float
    alpha_high: float
    gamma: float
    gamma_low: float
    gamma_high: float
    prefactor: float
    r2: float
    n: int
    df_resid: int
    conf: float
    through_origin: bool
    clipped: bool


def fit_top_share(p: Sequence[float], s: Sequence[float], conf: float = 0.95, through_origin: bool = False) -> TopShareFit:
    """Pareto index implied by published top shares (fractions). With an intercept the power law need only hold
    in the tail; `through_origin=True` forces S(1) = 1 (a Pareto law over the whole population)."""
    f = loglog_fit(p, s, conf=conf, through_origin=through_origin)
    lo, hi = max(f.ci_low, 0.0), min(f.ci_high, 1.0)
    a, al, ah = alpha_from_slope(f.slope), alpha_from_slope(lo), alpha_from_slope(hi)
    return TopShareFit(beta=f.slope, beta_low=f.ci_low, beta_high=f.ci_high, alpha=a, alpha_low=al, alpha_high=ah,
                       gamma=a + 1, gamma_low=al + 1, gamma_high=ah + 1, prefactor=math.exp(f.intercept), r2=f.r2,
                       n=f.n, df_resid=f.df_resid, conf=conf, through_origin=through_origin,
                       clipped=bool(f.ci_low < 0 or f.ci_high > 1))


def local_exponents(p: Sequence[float], s: Sequence[float]) -> pd.DataFrame:
    """Between each pair of neighbouring points (p descending): the log–log slope β, α = 1/(1 − β), γ = α + 1."""
    d = pd.DataFrame({"p": list(p), "s": list(s)}).sort_values("p", ascending=False).reset_index(drop=True)
    rows = []
    for i in range(len(d) - 1):
        (p1, s1), (p2, s2) = d.iloc[i][["p", "s"]], d.iloc[i + 1][["p", "s"]]
        b = math.log(s1 / s2) / math.log(p1 / p2)
        a = alpha_from_slope(b)
        rows.append({"p_from": p1, "p_to": p2, "s_from": s1, "s_to": s2, "beta": b, "alpha": a, "gamma": a + 1})
    return pd.DataFrame(rows)


def _chebyshev_loglog(p: Sequence[float], s: Sequence[float], weights: Sequence[float], through_origin: bool):
    """min t subject to |ln S_i − ln c − β ln p_i| ≤ t·w_i (linear programme); returns (ln c, β, t)."""
    from scipy.optimize import linprog

    x, y, w = np.log(np.asarray(p, float)), np.log(np.asarray(s, float)), np.asarray(weights, float)
    n = len(x)
    # variables: [ln c, β, t]
    a_ub = np.vstack([np.column_stack([-np.ones(n), -x, -w]), np.column_stack([np.ones(n), x, -w])])
    b_ub = np.concatenate([-y, y])
    bounds = [(0, 0) if through_origin else (None, None), (None, None), (0, None)]
    res = linprog(c=[0, 0, 1], A_ub=a_ub, b_ub=b_ub, bounds=bounds, method="highs")
    if not res.success:  # pragma: no cover - the LP is always feasible
        raise RuntimeError(res.message)
    return tuple(float(v) for v in res.x)


def minimax_power_law(p: Sequence[float], s: Sequence[float], through_origin: bool = False) -> dict[str, float]:
    """The single power law S = c·p^β that passes closest to all points in the worst case (Chebyshev fit of
    ln S on ln p by linear programming): β, c, and the smallest achievable largest relative error
    (fraction, e^t − 1 with t the largest |ln S − ln S_fit|). 0 means one power law goes through every point."""
    lc, b, t = _chebyshev_loglog(p, s, np.ones(len(p)), through_origin)
    return {"beta": b, "prefactor": math.exp(lc), "max_rel_error": math.expm1(t), "max_log_error": t}


def stated_tolerances(df: pd.DataFrame, value: str = "outdegree_share_pct", decimals: int = 2,
                      approx_rel: float = APPROX_REL, approx_words: Iterable[str] = tuple(APPROX)) -> np.ndarray:
    """Relative tolerance (fraction) of each published value: `approx_rel` where it carries an approximate
    qualifier (the audit's reading of 约), otherwise half a unit of its printed `decimals` over the value."""
    q = df["qualifier"].fillna("").astype(str) if "qualifier" in df else pd.Series("", index=df.index)
    v = df[value].astype(float).to_numpy()
    half = 0.5 * 10 ** (-decimals) / v
    return np.where(q.isin(list(approx_words)).to_numpy(), approx_rel, half)


def tolerance_multiplier(p: Sequence[float], s: Sequence[float], rel_tol: Sequence[float],
                         through_origin: bool = False) -> float:
    """How many times wider the points' relative tolerances (fractions, one per point) would have to be for one
    power law S = c·p^β to pass within them of every point: ≤ 1 means one power law fits as stated."""
    w = np.log1p(np.asarray(rel_tol, float))
    return _chebyshev_loglog(p, s, w, through_origin)[2]


def top_share_polygon(p: Sequence[float], s: Sequence[float]) -> pd.DataFrame:
    """The known points with (0, 0) and (1, 1) added, p ascending: the straight-line top-share curve through
    them (fractions)."""
    d = pd.DataFrame({"p": list(p), "s": list(s)})
    d = pd.concat([pd.DataFrame({"p": [0.0, 1.0], "s": [0.0, 1.0]}), d]).drop_duplicates("p").sort_values("p")
    return d.reset_index(drop=True)


def gini_lower_bound(p: Sequence[float], s: Sequence[float]) -> float:
    """Lower bound of the Gini coefficient (0–1) from a few points of the top-share curve: the true curve is
    concave, so it lies on or above the straight lines through (0,0), the points and (1,1); Gini = 2·area − 1."""
    d = top_share_polygon(p, s)
    return float(2 * np.trapezoid(d["s"], d["p"]) - 1)


def pareto_gini(alpha: float) -> float:
    """Gini coefficient of a Pareto distribution with index α > 1: 1 / (2α − 1)."""
    if alpha <= 1:
        raise ValueError("the Pareto Gini needs α > 1")
    return 1.0 / (2 * alpha - 1)


def fit_table(fits: Mapping[str, LogLogFit]) -> pd.DataFrame:
    """One row per named log–log fit: exponent, CI, its half-width, standard error, R², n and residual df."""
    return pd.DataFrame([{"fit": k, "exponent": f.slope, "ci_low": f.ci_low, "ci_high": f.ci_high,
                          "ci_half_width": f.ci_half_width, "se": f.se, "r2": f.r2, "n": f.n, "df_resid": f.df_resid}
                         for k, f in fits.items()])


def top_share_table(fits: Mapping[str, TopShareFit], local: pd.DataFrame) -> pd.DataFrame:
    """The Pareto exponents implied by the top-share points: one row per fit (slope β with CI, α and γ with CI,
    R², residual df) and one per pair of neighbouring points (β, α, γ; no CI)."""
    rows = [{"fit": k, "beta": f.beta, "beta_low": f.beta_low, "beta_high": f.beta_high, "alpha": f.alpha,
             "alpha_low": f.alpha_low, "alpha_high": f.alpha_high, "gamma": f.gamma, "r2": f.r2, "df_resid": f.df_resid}
            for k, f in fits.items()]
    for r in local.itertuples():
        rows.append({"fit": f"{r.p_from * 100:g}% → {r.p_to * 100:g}%", "beta": r.beta, "alpha": r.alpha, "gamma": r.gamma})
    return pd.DataFrame(rows)


def top_group_counts(p: Sequence[float], s: Sequence[float], nodes: int, edges: int) -> pd.DataFrame:
    """What the top shares mean in a network of `nodes` nodes and `edges` directed edges (each edge is one
    out-edge): nodes in the top group (p·N), out-edges they hold (s·E), their mean out-degree, and the mean
    out-degree of all other nodes."""
    pa, sa = np.asarray(p, float), np.asarray(s, float)
    top_n, top_e = pa * nodes, sa * edges
    return pd.DataFrame({"p": pa, "s": sa, "top_nodes": top_n, "top_out_edges": top_e, "top_mean_out": top_e / top_n,
                         "rest_mean_out": (edges - top_e) / (nodes - top_n)})


# ================================================================================================
# Labels (bilingual) used by this module's tables and charts
# ================================================================================================

NODE_EN: dict[str, str] = {
    "华为": "Huawei", "腾讯": "Tencent", "京东": "JD.com", "中国移动": "China Mobile", "阿里云": "Alibaba Cloud",
    "中国电信": "China Telecom", "百度": "Baidu", "中国联通": "China Unicom", "中兴通讯": "ZTE", "华为云": "Huawei Cloud",
    "腾讯云": "Tencent Cloud", "阿里巴巴": "Alibaba", "科大讯飞": "iFlytek", "钉钉": "DingTalk", "新华三": "New H3C",
    "用友": "Yonyou", "小米": "Xiaomi", "特斯联": "Terminus", "云从科技": "CloudWalk", "拼多多": "Pinduoduo",
    "清华大学": "Tsinghua University", "英特尔": "Intel", "高通": "Qualcomm", "微软": "Microsoft",
    "中国信通院": "CAICT", "北京大学": "Peking University", "浙江大学": "Zhejiang University",
    "上海交通大学": "Shanghai Jiao Tong University", "英伟达": "NVIDIA", "上汽集团": "SAIC Motor",
    "中国科学院": "Chinese Academy of Sciences", "长安汽车": "Changan Automobile", "IBM": "IBM",
    "复旦大学": "Fudan University", "Arm 中国": "Arm China", "亚马逊": "Amazon", "OPPO": "OPPO",
    "北京航空航天大学": "Beihang University", "重庆市政府": "Chongqing Municipal Government",
    "上海市政府": "Shanghai Municipal Government",
}

# Our classification of Table 4's relation nodes. The report (seed 001, line 482) names four types with
# examples only (research universities; foreign basic software/hardware suppliers; industry-intelligentisation
# firms; local governments); research institutes are a fifth group here, and OPPO (a device maker) is put with
# the domestic industry firms.
RELATION_NODE_TYPES: dict[str, str] = {
    "清华大学": "university", "北京大学": "university", "浙江大学": "university", "上海交通大学": "university",
    "复旦大学": "university", "北京航空航天大学": "university",
    "英特尔": "foreign_supplier", "高通": "foreign_supplier", "微软": "foreign_supplier", "英伟达": "foreign_supplier",
    "IBM": "foreign_supplier", "Arm 中国": "foreign_supplier", "亚马逊": "foreign_supplier",
    "上汽集团": "industry_firm", "长安汽车": "industry_firm", "OPPO": "industry_firm",
    "重庆市政府": "government", "上海市政府": "government",
    "中国信通院": "research_institute", "中国科学院": "research_institute",
}

LABELS: dict[str, tuple[str, str]] = {
    "year": ("年份", "Year"),
    "nodes": ("节点数", "Nodes"),
    "sample_nodes": ("样本节点", "Sample nodes"),
    "relation_nodes": ("关系节点", "Relation nodes"),
    "total_nodes": ("节点总数", "Total nodes"),
    "edges": ("总边数", "Edges"),
    "average_degree": ("平均度（边数／节点数）", "Average degree (edges / nodes)"),
    "diameter": ("网络直径（步）", "Diameter (steps)"),
    "path_length": ("平均路径长度（步）", "Average path length (steps)"),
    "clustering": ("平均聚类系数", "Average clustering coefficient"),
    "against": ("与所述方向相反", "against stated direction"),
    "fit": ("OLS 拟合", "OLS fit"),
    "band": ("拟合均值的{conf:.0%}置信带", "{conf:.0%} confidence band of the fitted mean"),
    "slope_one": ("斜率 1 参照线（平均度不变）", "slope-1 reference (constant average degree)"),
    "in_degree": ("连入度", "In-degree"),
    "out_degree": ("连出度", "Out-degree"),
    "degree": ("度数中心度", "Degree centrality"),
    "in_left_out_right": ("← 连入度 ｜ 连出度 →", "← in-degree | out-degree →"),
    "ratio_note": ("右侧数字为连出度／连入度", "numbers on the right: out-degree / in-degree"),
    "enabler": ("净赋能者（出>入）", "net enabler (out > in)"),
    "receiver": ("净接受者（出<入）", "net receiver (out < in)"),
    "balanced": ("出入相等", "balanced (out = in)"),
    "university": ("研究型大学", "research universities"),
    "foreign_supplier": ("国外基础软硬件供应商", "foreign basic software/hardware suppliers"),
    "industry_firm": ("产业智能化企业", "industry-intelligentisation firms"),
    "government": ("地方政府", "local governments"),
    "research_institute": ("科研院所", "research institutes"),
    "other": ("其他", "other"),
    "enabler_short": ("净赋能", "enabler"),
    "receiver_short": ("净接受", "receiver"),
    "balanced_short": ("持平", "balanced"),
    "university_short": ("大学", "university"),
    "foreign_supplier_short": ("国外供应商", "foreign supplier"),
    "industry_firm_short": ("产业企业", "industry firm"),
    "government_short": ("地方政府", "government"),
    "research_institute_short": ("科研院所", "research inst."),
    "other_short": ("其他", "other"),
    "c_observed": ("报告的平均聚类系数", "average clustering (as printed)"),
    "c_random": ("同规模随机图的期望聚类系数", "expected clustering of a random graph of the same size"),
    "l_observed": ("报告的平均路径长度", "average path length (as printed)"),
    "l_random": ("同规模随机图的近似路径长度", "approx. path length of a random graph of the same size"),
    "platforms": ("200家平台企业", "200 platform enterprises"),
    "firms": ("2200家骨干企业", "2,200 backbone enterprises"),
    "share_pct": ("占比（%）", "Share (%)"),
    "others": ("其他／未列出", "Others / not reported"),
    "not_listed": ("未列出", "not listed"),
    "top_nodes": ("连出度前列节点占全部节点（%）", "top nodes by out-degree (% of all nodes)"),
    "out_share": ("其连出度占全部连出度（%）", "their share of all out-degree (%)"),
    "published_points": ("报告给出的点", "the report's points"),
    "polygon": ("折线连接（凹曲线的下界）", "straight lines (a lower bound of the concave curve)"),
    "equality": ("完全均等", "perfect equality"),
    "pareto_fit": ("帕累托拟合 α = {a:.2f}", "Pareto fit α = {a:.2f}"),
    "pareto_origin": ("过原点帕累托拟合 α = {a:.2f}", "Pareto fit through S(1)=1, α = {a:.2f}"),
    "linear_axes": ("线性坐标", "linear axes"),
    "log_axes": ("双对数坐标", "log–log axes"),
    "value_network": ("企业簇群价值网络（表2）", "enterprise-cluster value network (Table 2)"),
    "platform_network": ("平台价值网络（表6）", "platform value network (Table 6)"),
}


STAT_COLUMNS: dict[str, tuple[str, str]] = {
    "year": ("年份", "Year"),
    "sample_nodes_count": ("样本节点", "Sample"),
    "relation_nodes_count": ("关系节点", "Relation"),
    "total_nodes_count": ("节点总数", "Nodes"),
    "total_edges_count": ("总边数", "Edges"),
    "average_degree": ("平均度", "Avg. deg."),
    "network_diameter": ("网络直径", "Diam."),
    "graph_density": ("图密度", "Density"),
    "modularity": ("模块化", "Modularity"),
    "average_path_length": ("平均路径长度", "Path len."),
    "average_clustering_coefficient": ("平均聚类系数", "Clust."),
}
STAT_NAMES_EN: dict[str, str] = {
    "year": "Year", "sample_nodes_count": "Sample nodes", "relation_nodes_count": "Relation nodes",
    "total_nodes_count": "Total nodes", "total_edges_count": "Total edges", "average_degree": "Average degree",
    "network_diameter": "Network diameter", "graph_density": "Graph density", "modularity": "Modularity",
    "average_path_length": "Average path length", "average_clustering_coefficient": "Average clustering coefficient",
}
STAT_FORMATS: dict[str, str] = {
    "sample_nodes_count": "{:,.0f}", "relation_nodes_count": "{:,.0f}", "total_nodes_count": "{:,.0f}",
    "total_edges_count": "{:,.0f}", "average_degree": "{:.3f}", "network_diameter": "{:.0f}", "graph_density": "{:g}",
    "modularity": "{:.3f}", "average_path_length": "{:.3f}", "average_clustering_coefficient": "{:.3f}",
}


def stat_columns(df: pd.DataFrame, lang: str = "zh") -> dict[str, str]:
    """Column -> label (in `lang`) for the Gephi statistics columns present in `df`, in the table's order."""
    return {c: (STAT_COLUMNS[c][0] if lang == "zh" else STAT_COLUMNS[c][1]) for c in df.columns if c in STAT_COLUMNS}


def stat_formats(df: pd.DataFrame) -> dict[str, str]:
    """Column -> printed format for the Gephi statistics columns present in `df`."""
    return {c: f for c, f in STAT_FORMATS.items() if c in df.columns}


def stat_name(column: str, lang: str = "zh") -> str:
    """The full name of a Gephi statistics column in `lang` (for measure / value tables)."""
    return STAT_COLUMNS[column][0] if lang == "zh" else STAT_NAMES_EN[column]


def stats_long(row: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A one-row statistics table as measure / value rows (measure labelled in `lang`, value printed as in the
    report's precision) — for tables too wide to print across."""
    r = row.iloc[0]
    cols = [c for c in row.columns if c in STAT_COLUMNS]
    return pd.DataFrame({"measure": cols, "label": [stat_name(c, lang) for c in cols],
                         "value": [float(r[c]) for c in cols],
                         "printed": [STAT_FORMATS.get(c, "{}").format(r[c]) for c in cols]})


def side_by_side(a: pd.DataFrame, b: pd.DataFrame, year: int, columns: Sequence[str]) -> pd.DataFrame:
    """The `year` rows of two statistics tables, one line per measure: value in a, value in b and a / b."""
    ra, rb = a[a["year"] == year].iloc[0], b[b["year"] == year].iloc[0]
    out = pd.DataFrame({"measure": list(columns), "a": [float(ra[c]) for c in columns], "b": [float(rb[c]) for c in columns]})
    out["a_over_b"] = out["a"] / out["b"]
    return out


def label(key: str, lang: str = "zh", **fmt: object) -> str:
    """This module's label for `key` in `lang` ('zh' | 'en')."""
    zh, en = LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**fmt) if fmt else text


def node_label(name: str, lang: str = "zh") -> str:
    """A value-network node name in `lang` (English from NODE_EN; the printed name where none is known)."""
    return name if lang == "zh" else NODE_EN.get(name, name)


def degree_table(df: pd.DataFrame, lang: str = "zh", types: Mapping[str, str] | None = None) -> pd.DataFrame:
    """A degree table ready to show: `degree_roles` plus node, short role (and node type, from `types`) labels
    in `lang`."""
    d = degree_roles(df).sort_values("position").reset_index(drop=True)
    d["node_label"] = [node_label(n, lang) for n in d["node"]]
    d["role_label"] = [label(f"{r}_short", lang) for r in d["role"]]
    if types is not None:
        d["node_type"] = [types.get(n, "other") for n in d["node"]]
        d["type_label"] = [label(f"{t}_short", lang) for t in d["node_type"]]
    return d


# ================================================================================================
# Charts
# ================================================================================================

_BLUE, _ORANGE, _GREY, _RED = "#2f6f9f", "#e07b39", "#9aa3ab", "#c0392b"


def _plain_log_ticks(axis) -> None:
    """Plain numbers (1,000 rather than 10³) on a log axis, minor ticks labelled at 2× and 5× only."""
    from matplotlib.ticker import FuncFormatter

    def fmt(v, _pos, minor=False):
        if v <= 0:
            return ""
        lead = round(v / 10 ** math.floor(math.log10(v) + 1e-9))
        if minor and lead not in (2, 5):
            return ""
        return f"{v:,.0f}" if v >= 1 else f"{v:g}"

    axis.set_major_formatter(FuncFormatter(fmt))
    axis.set_minor_formatter(FuncFormatter(lambda v, p: fmt(v, p, minor=True)))


def network_trends_figure(df: pd.DataFrame, lang: str = "zh", claimed: Mapping[str, str] | None = None):
    """Small multiples by year of a Gephi statistics table: nodes (stacked sample / relation bars where given),
    edges, average degree, diameter, average path length and clustering. Steps that move against a
    `claimed` direction (column -> 'up' | 'down') are drawn in red."""
    import matplotlib.pyplot as plt

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    claimed = dict(claimed or {})
    yrs = df["year"].to_numpy()
    fig, axes = plt.subplots(2, 3, figsize=(10.5, 6.2))
    ax = axes[0, 0]
    if {"sample_nodes_count", "relation_nodes_count"} <= set(df.columns):
        ax.bar(yrs, df["sample_nodes_count"], color=_BLUE, label=label("sample_nodes", lang))
        ax.bar(yrs, df["relation_nodes_count"], bottom=df["sample_nodes_count"], color="#9cc3e0",
               label=label("relation_nodes", lang))
        ax.legend(fontsize=8, frameon=False)
    else:
        ax.bar(yrs, df["total_nodes_count"], color=_BLUE, width=1.2)
    ax.set_title(label("total_nodes", lang), fontsize=10)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    panels = [("total_edges_count", "edges"), ("average_degree", "average_degree"), ("network_diameter", "diameter"),
              ("average_path_length", "path_length"), ("average_clustering_coefficient", "clustering")]
    for ax, (col, key) in zip(axes.flat[1:], panels):
        ax.plot(yrs, df[col], marker="o", color=_BLUE, lw=1.6, ms=4)
        if col in claimed:
            for r in against_direction(yrs, df[col].to_numpy(), claimed[col]).itertuples():
                ax.plot([r.year_from, r.year_to], [r.value_from, r.value_to], color=_RED, lw=2.6, marker="o", ms=5,
                        label=label("against", lang))
            h, lab = ax.get_legend_handles_labels()
            if h:
                ax.legend(h[:1], lab[:1], fontsize=7, frameon=False, loc="best")
        ax.set_title(label(key, lang), fontsize=10)
        if col == "total_edges_count":
            ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
        if col == "network_diameter":
            ax.yaxis.set_major_locator(plt.MaxNLocator(integer=True))
    for ax in axes.flat:
        ax.set_xticks(yrs)
        ax.tick_params(axis="x", labelrotation=90, labelsize=8)
        ax.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    return fig


def densification_figure(series: Sequence[tuple[str, pd.DataFrame, LogLogFit]], lang: str = "zh"):
    """Edges against nodes on log–log axes for one or more networks (label, table with year / total nodes /
    total edges, its densification fit), each with its fitted line, the band of the fitted mean, a slope-1
    reference line through the first point, and the years written next to the points."""
    import matplotlib.pyplot as plt

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    colors = [_BLUE, _ORANGE, "#4c9a2a"]
    fig, ax = plt.subplots(figsize=(7.5, 5.2))
    for i, (name, df, fit) in enumerate(series):
        c = colors[i % len(colors)]
        n, e = df["total_nodes_count"].to_numpy(float), df["total_edges_count"].to_numpy(float)
        xs = np.geomspace(n.min() * 0.9, n.max() * 1.1, 60)
        band = loglog_band(fit, n, xs, e)
        ax.fill_between(band["x"], band["low"], band["high"], color=c, alpha=0.15, lw=0)
        ax.plot(band["x"], band["fit"], color=c, lw=1.5,
                label=f"{name}: α = {fit.slope:.3f} [{fit.ci_low:.3f}, {fit.ci_high:.3f}], R² = {fit.r2:.5f}, n = {fit.n}")
        ax.scatter(n, e, color=c, s=28, zorder=3)
        ax.plot(xs, e[0] * xs / n[0], color=c, lw=1, ls=":", alpha=0.9)
        for yr, xx, yy in zip(df["year"], n, e):
            ax.annotate(str(yr), (xx, yy), textcoords="offset points", xytext=(4, -10), fontsize=7, color=c)
    ax.plot([], [], color="#555555", ls=":", lw=1, label=label("slope_one", lang))
    ax.fill_between([], [], [], color="#555555", alpha=0.15, label=label("band", lang, conf=series[0][2].conf))
    ax.set_xscale("log")
    ax.set_yscale("log")
    _plain_log_ticks(ax.xaxis)
    _plain_log_ticks(ax.yaxis)
    ax.set_xlabel(label("total_nodes", lang) + " N")
    ax.set_ylabel(label("edges", lang) + " E")
    ax.legend(fontsize=7.5, frameon=False, loc="upper left")
    fig.tight_layout()
    return fig


def small_world_figure(sw: pd.DataFrame, lang: str = "zh"):
    """Two panels by year: printed clustering against the random-graph expectation (log scale, with the range
    the printed rounding allows), and printed path length against the random-graph approximation."""
    import matplotlib.pyplot as plt

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 3.9))
    yrs = sw["year"].to_numpy()
    half = (sw["c_ratio_high"] - sw["c_ratio_low"]) / 2 * sw["c_random"]
    a1.errorbar(yrs, sw["c"], yerr=half, color=_BLUE, marker="o", ms=4, capsize=2, label=label("c_observed", lang))
    a1.plot(yrs, sw["c_random"], color=_GREY, marker="s", ms=4, ls="--", label=label("c_random", lang))
    a1.set_yscale("log")
    a1.set_title(label("clustering", lang), fontsize=10)
    a1.legend(fontsize=7.5, frameon=False)
    a2.plot(yrs, sw["l"], color=_BLUE, marker="o", ms=4, label=label("l_observed", lang))
    a2.plot(yrs, sw["l_random"], color=_GREY, marker="s", ms=4, ls="--", label=label("l_random", lang))
    a2.set_title(label("path_length", lang), fontsize=10)
    a2.legend(fontsize=7.5, frameon=False)
    for a in (a1, a2):
        a.set_xticks(yrs)
        a.tick_params(axis="x", labelrotation=90, labelsize=8)
    fig.tight_layout()
    return fig


def degree_bars(df: pd.DataFrame, lang: str = "zh", top_n: int | None = None):
    """Diverging bars of a degree table in printed order: in-degree to the left, out-degree to the right
    (enablers' out-bars dark, receivers' light), the out/in ratio written at the right."""
    import matplotlib.pyplot as plt

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    d = degree_roles(df).sort_values("position").head(top_n or len(df))
    names = [node_label(n, lang) for n in d["node"]]
    y = np.arange(len(d))
    fig, ax = plt.subplots(figsize=(8.2, 0.34 * len(d) + 1.4))
    ax.barh(y, -d["in_degree"], color=_GREY, label=label("in_degree", lang))
    col = [_BLUE if r == "enabler" else ("#9cc3e0" if r == "receiver" else _GREY) for r in d["role"]]
    ax.barh(y, d["out_degree"], color=col, label=label("out_degree", lang))
    ax.set_yticks(y, names, fontsize=8.5)
    ax.invert_yaxis()
    span = float(max(d["in_degree"].max(), d["out_degree"].max()))
    ax.set_xlim(-span * 1.05, span * 1.32)
    for yi, (o, r) in enumerate(zip(d["out_degree"], d["out_in_ratio"])):
        ax.text(o + span * 0.02, yi, "∞" if np.isinf(r) else f"×{r:.2f}", va="center", fontsize=7.5)
    ax.axvline(0, color="#333333", lw=0.8)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{abs(v):,.0f}"))
    ax.set_xlabel(label("in_left_out_right", lang) + "　（" + label("ratio_note", lang) + "）" if lang == "zh"
                  else label("in_left_out_right", lang) + " (" + label("ratio_note", lang) + ")", fontsize=9)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=_GREY, label=label("in_degree", lang)), Patch(color=_BLUE, label=label("enabler", lang)),
                       Patch(color="#9cc3e0", label=label("receiver", lang))], fontsize=7.5, frameon=False, loc="lower right")
    fig.tight_layout()
    return fig


def representation_figure(rep: pd.DataFrame, place: Callable[[str], str], level_titles: Mapping[str, str],
                          lang: str = "zh"):
    """One panel per level: horizontal paired bars of subset (platform) and whole (firm) shares for the listed
    regions, the 'others' remainder faded and hatched, and the representation ratio written at the right."""
    import matplotlib.pyplot as plt

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    levels = list(dict.fromkeys(rep["level"]))
    heights = [len(rep[rep["level"] == lv]) for lv in levels]
    fig, axes = plt.subplots(len(levels), 1, figsize=(7.8, 0.52 * sum(heights) + 1.6),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    xmax = float(np.nanmax(rep[["sub_share_pct", "whole_share_pct"]].to_numpy())) * 1.3
    for ax, lv in zip(axes[:, 0], levels):
        d = rep[rep["level"] == lv].reset_index(drop=True)
        y = np.arange(len(d))
        rem = d["listed_in"].eq("remainder").to_numpy()
        for j, (col, colr, off) in enumerate([("sub_share_pct", _ORANGE, -0.2), ("whole_share_pct", _BLUE, 0.2)]):
            vals = d[col].fillna(0).to_numpy()
            bars = ax.barh(y + off, vals, height=0.38, color=colr, label=label("platforms" if j == 0 else "firms", lang))
            for b, r, v, raw in zip(bars, rem, vals, d[col]):
                if r:  # the unlisted remainder: same colour, faded and hatched
                    b.set_alpha(0.4)
                    b.set_hatch("//")
                    b.set_edgecolor("#555555")
                ax.text(v + xmax * 0.01, b.get_y() + b.get_height() / 2,
                        f"{v:.2f}" if pd.notna(raw) else label("not_listed", lang), va="center", fontsize=7)
        for yi, r in enumerate(d.itertuples()):
            if r.listed_in in ("whole", "sub"):
                ax.text(xmax * 0.99, yi, f"≤ {r.bound_pct:.2f}", ha="right", va="center", fontsize=7.5, color=_ORANGE)
            elif pd.notna(r.ratio):
                ax.text(xmax * 0.99, yi, f"×{r.ratio:.2f}", ha="right", va="center", fontsize=8)
        ax.set_yticks(y, [label("others", lang) if r else place(n) for n, r in zip(d["region"], rem)], fontsize=8.5)
        ax.invert_yaxis()
        ax.set_xlim(0, xmax)
        ax.set_title(level_titles.get(lv, lv), fontsize=10, loc="left")
    h, lab = axes[0, 0].get_legend_handles_labels()
    fig.legend(h[:2], lab[:2], fontsize=8.5, frameon=False, loc="upper center", ncol=2)
    axes[-1, 0].set_xlabel(label("share_pct", lang))
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.35 / fig.get_figheight()))
    return fig


def top_share_figure(pts: pd.DataFrame, fit: TopShareFit, fit0: TopShareFit | None = None, lang: str = "zh"):
    """The out-degree concentration drawn through the published points: (left) a Lorenz-style top-share curve on
    linear axes with the straight-line lower bound, the fitted Pareto curve(s) and perfect equality; (right) the
    same on log–log axes, where a power law is a straight line."""
    import matplotlib.pyplot as plt

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    poly = top_share_polygon(pts["p"], pts["s"])
    grid_lin = np.linspace(1e-4, 1, 400)
    grid_log = np.geomspace(pts["p"].min() / 3, 1, 200)
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(10.5, 5.0))
    for ax, grid in ((a1, grid_lin), (a2, grid_log)):
        ax.plot(poly["p"] * 100, poly["s"] * 100, color=_GREY, ls="--", lw=1.2, label=label("polygon", lang))
        tail = grid[grid <= pts["p"].max()]  # the tail law is fitted on, and drawn over, the points' range only
        ax.plot(tail * 100, fit.prefactor * tail ** fit.beta * 100, color=_ORANGE, lw=1.8,
                label=label("pareto_fit", lang, a=fit.alpha))
        if fit0 is not None:
            ax.plot(grid * 100, grid ** fit0.beta * 100, color="#4c9a2a", lw=1.2, ls="-.",
                    label=label("pareto_origin", lang, a=fit0.alpha))
        ax.plot([0.01 if ax is a2 else 0, 100], [0.01 if ax is a2 else 0, 100], color="#333333", lw=0.8, ls=":",
                label=label("equality", lang))
        ax.scatter(pts["p"] * 100, pts["s"] * 100, color=_BLUE, s=36, zorder=4, label=label("published_points", lang))
        for p, s in zip(pts["p"], pts["s"]):
            ax.annotate(f"{p * 100:g}% → {s * 100:.1f}%", (p * 100, s * 100), textcoords="offset points",
                        xytext=(6, -12), fontsize=7.5, color=_BLUE)
        ax.set_xlabel(label("top_nodes", lang), fontsize=9)
        ax.set_ylabel(label("out_share", lang), fontsize=9)
    a1.set_xlim(0, 100)
    a1.set_ylim(0, 102)
    a1.set_title(label("linear_axes", lang), fontsize=10)
    a2.set_xscale("log")
    a2.set_yscale("log")
    a2.set_xlim(pts["p"].min() * 100 / 3, 100)
    a2.set_ylim(max(1.0, float(pts["s"].min()) * 100 / 2), 110)
    _plain_log_ticks(a2.xaxis)
    _plain_log_ticks(a2.yaxis)
    a2.set_title(label("log_axes", lang), fontsize=10)
    a1.legend(fontsize=7.5, frameon=False, loc="lower right")
    fig.tight_layout()
    return fig


# ================================================================================================
# Findings for the "what the report says vs what the data say" boxes (kind, zh, en)
# ================================================================================================


def _years(steps: pd.DataFrame, fmt: str = "{:.3f}") -> tuple[str, str]:
    zh = "；".join(f"{r.year_from}→{r.year_to} 年由 {fmt.format(r.value_from)} 变为 {fmt.format(r.value_to)}" for r in steps.itertuples())
    en = "; ".join(f"{r.year_from}→{r.year_to}: {fmt.format(r.value_from)} → {fmt.format(r.value_to)}" for r in steps.itertuples())
    return zh, en


def value_network_findings(net: pd.DataFrame, top_s: pd.DataFrame, top_r: pd.DataFrame, sample_size: int,
                           network_year: int) -> list[dict[str, str]]:
    """Findings on Table 2 (its arithmetic, the direction of clustering and path length, the sample count) and
    Tables 3–4 (degree = in + out, the top nodes' weight in the network of `network_year`)."""
    out: list[dict[str, str]] = []
    ar = table_arithmetic(net)
    n_rows = len(ar)
    ok_n, ok_d = int(ar["nodes_ok"].sum()), int(ar["degree_ok"].sum())
    worst = float(ar["degree_diff"].abs().max())
    out.append({"kind": "reproduced" if ok_n == ok_d == n_rows else "discrepancy",
                "zh": (f"表2的算术：{n_rows} 行中“节点总数 = 样本节点 + 关系节点”成立 {ok_n} 行；“平均度 = 总边数 ÷ 节点总数”"
                       f"在三位小数的四舍五入范围内成立 {ok_d} 行（最大偏差 {worst:.4f}）。Gephi 对有向图报告的平均度即每个节点的平均出（入）边数。"),
                "en": (f"Table 2's arithmetic: total nodes = sample + relation nodes holds in {ok_n} of {n_rows} rows; average "
                       f"degree = edges ÷ nodes holds within the rounding of three decimals in {ok_d} rows (largest gap "
                       f"{worst:.4f}). For a directed graph Gephi's average degree is the mean number of out- (or in-) edges per node.")})
    both = pd.concat([degree_roles(top_s), degree_roles(top_r)])
    bad = int((~both["sum_ok"]).sum())
    out.append({"kind": "reproduced" if bad == 0 else "discrepancy",
                "zh": f"表3、表4：{len(both)} 行中“度数中心度 = 连入度 + 连出度”不成立的有 {bad} 行；排名与度数中心度一致（并列取最好名次）。",
                "en": f"Tables 3–4: degree centrality = in-degree + out-degree fails in {bad} of {len(both)} rows; the ranks follow degree centrality (ties share the best rank)."})
    c0, c1 = net["average_clustering_coefficient"].iloc[0], net["average_clustering_coefficient"].iloc[-1]
    y0, y1 = int(net["year"].iloc[0]), int(net["year"].iloc[-1])
    sw = small_world(net)
    c_fall = against_direction(net["year"], net["average_clustering_coefficient"], "up")
    l_rise = against_direction(net["year"], net["average_path_length"], "down")
    fz, fe = _years(c_fall)
    lz, le = _years(l_rise)
    out.append({"kind": "note",
                "zh": (f"报告以平均聚类系数和平均路径长度的变化说明网络“极核”化、越来越聚集。就整个时期而言表2支持这一读法："
                       f"平均聚类系数由 {c0:.3f}（{y0}）升至 {c1:.3f}（{y1}），为 {c1 / c0:.0f} 倍；相对于同规模随机图，"
                       f"由约 {sw['c_ratio'].iloc[0]:.2f} 倍（与随机无异）升至约 {sw['c_ratio'].iloc[-1]:.0f} 倍。"
                       f"但并非逐年成立：聚类系数 {fz}" + (f"；平均路径长度 {lz}" if len(l_rise) else "") + "。"),
                "en": (f"The report reads the change in clustering and path length as a 'polar core', an ever more clustered "
                       f"network. Over the whole period Table 2 supports that: average clustering rises from {c0:.3f} "
                       f"({y0}) to {c1:.3f} ({y1}), {c1 / c0:.0f} times; against a random graph of the same size from "
                       f"about {sw['c_ratio'].iloc[0]:.2f} times (no more than chance) to about {sw['c_ratio'].iloc[-1]:.0f} times. "
                       f"It does not hold every year: clustering {fe}" + (f"; average path length {le}" if len(l_rise) else "") + ".")})
    over = net[net["sample_nodes_count"] > sample_size]
    if len(over):
        r = over.iloc[0]
        out.append({"kind": "note",
                    "zh": f"{int(r.year)} 年的样本节点为 {int(r.sample_nodes_count):,} 个，多于 {sample_size:,} 家样本企业；原表如此，未作改动。",
                    "en": f"{int(r.year)} has {int(r.sample_nodes_count):,} sample nodes, more than the {sample_size:,} sample enterprises; transcribed as printed."})
    e = net.loc[net["year"] == network_year]
    if len(e):
        E, N = int(e["total_edges_count"].iloc[0]), int(e["total_nodes_count"].iloc[0])
        sh = edge_shares(top_s, E)
        out.append({"kind": "note",
                    "zh": (f"“少数核心节点是产业发展的主导者”：若表3对应 {network_year} 年的网络（报告未注明年份），前 {len(top_s)} 个样本节点"
                           f"（占 {N:,} 个节点的 {100 * len(top_s) / N:.2f}%）承担全部 {E:,} 条边中 {sh['out_pct']:.1f}% 的连出、"
                           f"{sh['in_pct']:.1f}% 的连入。"),
                    "en": (f"'A few core nodes lead': if Table 3 describes the {network_year} network (the report gives no year), its "
                           f"top {len(top_s)} sample nodes ({100 * len(top_s) / N:.2f}% of {N:,} nodes) are the source of "
                           f"{sh['out_pct']:.1f}% and the target of {sh['in_pct']:.1f}% of all {E:,} edges.")})
    out.append({"kind": "limitation",
                "zh": "图9（价值网络图）和图10（度数中心度幂律分布图）在文本中没有数字，无法重绘；表3、表4未注明对应年份。",
                "en": "Figures 9 (the network drawing) and 10 (the power-law plot of degree centrality) carry no numbers in the text and cannot be redrawn; Tables 3–4 do not say which year they describe."})
    return out


def platform_findings(t5: pd.DataFrame, t6: pd.DataFrame, net: pd.DataFrame, rep: pd.DataFrame,
                      pts: pd.DataFrame, significance: float = 0.05,
                      place_en: Callable[[str], str] = lambda name: name) -> list[dict[str, str]]:
    """Findings on Tables 5–6 (same network, arithmetic, the stated directions, 'small clustering' vs 'more
    clustered'), the platform geography against the firms', and the out-degree power-law statement
    (`place_en` gives English region names)."""
    out: list[dict[str, str]] = []
    r5 = t5.iloc[0]
    last = t6.sort_values("year").iloc[-1]
    cols = [c for c in t6.columns if c in t5.columns and c != "seed_line"]
    same = [c for c in cols if float(r5[c]) == float(last[c])]
    dens = directed_density(r5["total_nodes_count"], r5["total_edges_count"])
    out.append({"kind": "reproduced" if len(same) == len(cols) else "discrepancy",
                "zh": (f"表5即表6的 {int(last.year)} 年网络：{len(cols)} 项共同指标中 {len(same)} 项相同。表5的图密度印作 "
                       f"{r5.graph_density:g}：有向图密度 = 边数 ÷ (N·(N−1)) = {dens:.6f}，在印刷精度下为 0；"
                       f"节点总数 = {int(r5.sample_nodes_count):,} + {int(r5.relation_nodes_count):,} = {int(r5.total_nodes_count):,}，"
                       f"平均度 = {int(r5.total_edges_count):,} ÷ {int(r5.total_nodes_count):,} = {r5.total_edges_count / r5.total_nodes_count:.3f}。"),
                "en": (f"Table 5 is Table 6's {int(last.year)} network: {len(same)} of {len(cols)} shared measures are equal. "
                       f"Table 5 prints the density as {r5.graph_density:g}: directed density = edges ÷ (N·(N−1)) = "
                       f"{dens:.6f}, 0 at the printed precision; total nodes = {int(r5.sample_nodes_count):,} + "
                       f"{int(r5.relation_nodes_count):,} = {int(r5.total_nodes_count):,}; average degree = "
                       f"{int(r5.total_edges_count):,} ÷ {int(r5.total_nodes_count):,} = {r5.total_edges_count / r5.total_nodes_count:.3f}.")})
    claims = {"total_edges_count": "up", "average_degree": "up", "average_clustering_coefficient": "up",
              "network_diameter": "down", "average_path_length": "down"}
    bad = {c: against_direction(t6["year"], t6[c], d) for c, d in claims.items()}
    n_bad = sum(len(b) for b in bad.values())
    y0, y1 = int(t6["year"].min()), int(t6["year"].max())
    f, l = t6.sort_values("year").iloc[0], last
    out.append({"kind": "reproduced" if n_bad == 0 else "discrepancy",
                "zh": (f"表6支持正文所述的方向（{y0}–{y1} 年，{len(t6)} 个年份，反向的年度变化 {n_bad} 处）：边数由 {int(f.total_edges_count):,} 增至 "
                       f"{int(l.total_edges_count):,}（{l.total_edges_count / f.total_edges_count:.1f} 倍），平均度 {f.average_degree:.3f}→{l.average_degree:.3f}，"
                       f"平均聚类系数 {f.average_clustering_coefficient:.3f}→{l.average_clustering_coefficient:.3f}，网络直径 {int(f.network_diameter)}→{int(l.network_diameter)}，"
                       f"平均路径长度 {f.average_path_length:.3f}→{l.average_path_length:.3f}。"),
                "en": (f"Table 6 supports the directions the text states ({y0}–{y1}, {len(t6)} years, {n_bad} year-on-year moves "
                       f"against them): edges {int(f.total_edges_count):,} → {int(l.total_edges_count):,} "
                       f"({l.total_edges_count / f.total_edges_count:.1f} times), average degree {f.average_degree:.3f} → "
                       f"{l.average_degree:.3f}, clustering {f.average_clustering_coefficient:.3f} → {l.average_clustering_coefficient:.3f}, "
                       f"diameter {int(f.network_diameter)} → {int(l.network_diameter)}, path length {f.average_path_length:.3f} → "
                       f"{l.average_path_length:.3f}.")})
    sw = small_world(t5.assign(year=int(last.year)))
    vn_row = net[net["year"] == int(last.year)]
    cmp_zh = cmp_en = ""
    if len(vn_row):
        v = vn_row.iloc[0]
        cmp_zh = (f"同年企业簇群价值网络（表2）的平均聚类系数为 {v.average_clustering_coefficient:.3f}、平均路径长度为 "
                  f"{v.average_path_length:.3f}，平台网络聚类更高、路径更短；")
        cmp_en = (f"The enterprise-cluster value network of the same year (Table 2) has clustering "
                  f"{v.average_clustering_coefficient:.3f} and path length {v.average_path_length:.3f}: the platform network is "
                  f"more clustered with shorter paths. ")
    out.append({"kind": "note",
                "zh": (f"正文称平台网络“平均聚类系数较小”又“簇群结构特征更加明显”。两者并不矛盾，但需要参照：{r5.average_clustering_coefficient:.3f} "
                       f"的绝对值不大，却是同规模随机图期望值（{sw['c_random'].iloc[0]:.6f}）的约 {sw['c_ratio'].iloc[0]:.0f} 倍；"
                       + cmp_zh + f"模块化 {r5.modularity:.3f} 高于常用的 0.3 经验门槛，社区结构明显。"),
                "en": (f"The text calls the platform network's clustering 'small' and its cluster structure 'more pronounced'. "
                       f"Both hold once a yardstick is given: {r5.average_clustering_coefficient:.3f} is small in absolute terms but "
                       f"about {sw['c_ratio'].iloc[0]:.0f} times the expectation for a random graph of the same size "
                       f"({sw['c_random'].iloc[0]:.6f}). " + cmp_en + f"Modularity {r5.modularity:.3f} is above the usual 0.3 "
                       f"rule of thumb for clear community structure.")})
    both = rep[rep["listed_in"] == "both"]
    sig = both[both["fisher_p"] < significance]
    lo = both.loc[both["ratio"].idxmin()]
    hi = both.loc[both["ratio"].idxmax()]
    out.append({"kind": "note",
                "zh": (f"平台的地域分布与骨干企业大体一致：两者都列出的 {len(both)} 个（层级×地区）中，代表性比值介于 {lo.ratio:.2f}（{lo.region}）与 "
                       f"{hi.ratio:.2f}（{hi.region}）之间；按“从骨干企业中随机挑选平台”的假设作 Fisher 精确检验，p < {significance:g} 的有 {len(sig)} 个"
                       f"（最小 p = {both['fisher_p'].min():.3f}，{both.loc[both['fisher_p'].idxmin(), 'region']}）。"),
                "en": (f"The platforms are spread much like the backbone firms: over the {len(both)} (level × region) pairs both "
                       f"lists give, the representation ratio runs from {lo.ratio:.2f} ({place_en(lo.region)}) to {hi.ratio:.2f} "
                       f"({place_en(hi.region)}); under random selection of platforms from the firms, Fisher's exact test gives p < "
                       f"{significance:g} for {len(sig)} of them (smallest p = {both['fisher_p'].min():.3f}, "
                       f"{place_en(both.loc[both['fisher_p'].idxmin(), 'region'])}).")})
    fit = fit_top_share(pts["p"], pts["s"])
    loc = local_exponents(pts["p"], pts["s"])
    mm = minimax_power_law(pts["p"], pts["s"])
    n_about = int((pts["rel_tol"] >= APPROX_REL).sum()) if "rel_tol" in pts else 0
    widen = tolerance_multiplier(pts["p"], pts["s"], pts["rel_tol"]) if "rel_tol" in pts else float("nan")
    fits = widen <= 1
    tz, te = f"±{100 * pts['rel_tol'].max():.0f}%", f"±{100 * pts['rel_tol'].max():.0f}%"
    out.append({"kind": "note",
                "zh": (f"“节点的连出度呈现幂律分布特征”：{len(pts)} 个点所含的帕累托指数 α（= 度分布密度指数 γ − 1）为 {fit.alpha:.2f}（γ = {fit.gamma:.2f}）；"
                       f"相邻两点之间的局部 α 为 " + "、".join(f"{a:.2f}" for a in loc["alpha"]) +
                       f"，任何一条幂律经过全部点的最大相对误差至少为 {100 * mm['max_rel_error']:.1f}%。把带“约”的数放宽到 {tz}（审计对“约”的读法）、其余按印刷舍入，"
                       + ("存在一条幂律在这些容差内通过全部点。" if fits else f"也没有一条幂律能同时通过全部点（容差须放宽到 {widen:.2f} 倍）：这些点并不落在同一条幂律上。")
                       + f"仅凭 {len(pts)} 个点也无法检验幂律本身。"),
                "en": (f"'Out-degree follows a power law': the {len(pts)} points imply a Pareto index α (= the pdf exponent γ − 1) of "
                       f"{fit.alpha:.2f} (γ = {fit.gamma:.2f}); the local α between neighbouring points is "
                       + " and ".join(f"{a:.2f}" for a in loc["alpha"]) +
                       f", and no single power law passes all of them with a largest relative error below {100 * mm['max_rel_error']:.1f}%. "
                       f"Reading the 'about' values as {te} (the audit's reading of 约) and the others as exact to their printed rounding, "
                       + ("one power law passes all of them within those tolerances. " if fits else
                          f"still no power law passes all of them (the tolerances would have to be {widen:.2f} times wider): the points do not lie on one power law. ")
                       + f"{len(pts)} points cannot test a power law as such.")})
    out.append({"kind": "limitation",
                "zh": (f"连出度集中度的 {len(pts)} 个点（其中 {n_about} 个带“约”）未注明对应哪一年的网络；图14（网络图）没有数字，图15（连出度分布图）只能借正文给出的点近似画出。"),
                "en": (f"The {len(pts)} concentration points ({n_about} of them 'about') do not say which year's network they describe; "
                       "Figure 14 (the network drawing) carries no numbers and Figure 15 (the out-degree distribution) can only "
                       "be approximated through the points in the text.")})
    return out
