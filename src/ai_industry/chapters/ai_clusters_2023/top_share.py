"""A concentration curve given by a few points (the top p of nodes hold share S of the out-edges): the Pareto
exponent it implies, whether one power law passes all points, a Gini lower bound and counts. See
`value_network` for the power-law convention; split from it along its banners.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ai_industry.catalog.printed import words as qualifier_words
from ai_industry.methods.fits import LogLogFit, loglog_fit
from ai_industry.methods.rounding import (
    APPROX_REL,
    half_unit,
)

APPROX = qualifier_words("approximate")  # 约, 左右, 近 … (the qualifier table, catalog/qualifiers.csv)


# ================================================================================================
# Concentration curve given by a few points (top p of nodes hold share S of the out-edges)
# ================================================================================================


def top_share_points(df: pd.DataFrame, decimals: int = 2, approx_rel: float = APPROX_REL) -> pd.DataFrame:
    """The published points as fractions, p descending: p = top_nodes_pct / 100, s = outdegree_share_pct / 100,
    and rel_tol, the relative tolerance each stated share allows (see `stated_tolerances`)."""
    out = pd.DataFrame(
        {
            "p": df["top_nodes_pct"].astype(float).to_numpy() / 100,
            "s": df["outdegree_share_pct"].astype(float).to_numpy() / 100,
            "rel_tol": stated_tolerances(df, decimals=decimals, approx_rel=approx_rel),
        }
    )
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


def fit_top_share(
    p: Sequence[float], s: Sequence[float], conf: float = 0.95, through_origin: bool = False
) -> TopShareFit:
    """Pareto index implied by published top shares (fractions). With an intercept the power law need only hold
    in the tail; `through_origin=True` forces S(1) = 1 (a Pareto law over the whole population)."""
    f = loglog_fit(p, s, conf=conf, through_origin=through_origin)
    lo, hi = max(f.ci_low, 0.0), min(f.ci_high, 1.0)
    a, al, ah = alpha_from_slope(f.slope), alpha_from_slope(lo), alpha_from_slope(hi)
    return TopShareFit(
        beta=f.slope,
        beta_low=f.ci_low,
        beta_high=f.ci_high,
        alpha=a,
        alpha_low=al,
        alpha_high=ah,
        gamma=a + 1,
        gamma_low=al + 1,
        gamma_high=ah + 1,
        prefactor=math.exp(f.intercept),
        r2=f.r2,
        n=f.n,
        df_resid=f.df_resid,
        conf=conf,
        through_origin=through_origin,
        clipped=bool(f.ci_low < 0 or f.ci_high > 1),
    )


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


def stated_tolerances(
    df: pd.DataFrame,
    value: str = "outdegree_share_pct",
    decimals: int = 2,
    approx_rel: float = APPROX_REL,
    approx_words: Iterable[str] = tuple(APPROX),
) -> np.ndarray:
    """Relative tolerance (fraction) of each published value: `approx_rel` where it carries an approximate
    qualifier (the audit's reading of 约), otherwise half a unit of its printed `decimals` over the value."""
    q = df["qualifier"].fillna("").astype(str) if "qualifier" in df else pd.Series("", index=df.index)
    v = df[value].astype(float).to_numpy()
    half = half_unit(decimals) / v
    return np.where(q.isin(list(approx_words)).to_numpy(), approx_rel, half)


def tolerance_multiplier(
    p: Sequence[float], s: Sequence[float], rel_tol: Sequence[float], through_origin: bool = False
) -> float:
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
    return pd.DataFrame(
        [
            {
                "fit": k,
                "exponent": f.slope,
                "ci_low": f.ci_low,
                "ci_high": f.ci_high,
                "ci_half_width": f.ci_half_width,
                "se": f.se,
                "r2": f.r2,
                "n": f.n,
                "df_resid": f.df_resid,
            }
            for k, f in fits.items()
        ]
    )


def top_share_table(fits: Mapping[str, TopShareFit], local: pd.DataFrame) -> pd.DataFrame:
    """The Pareto exponents implied by the top-share points: one row per fit (slope β with CI, α and γ with CI,
    R², residual df) and one per pair of neighbouring points (β, α, γ; no CI)."""
    rows = [
        {
            "fit": k,
            "beta": f.beta,
            "beta_low": f.beta_low,
            "beta_high": f.beta_high,
            "alpha": f.alpha,
            "alpha_low": f.alpha_low,
            "alpha_high": f.alpha_high,
            "gamma": f.gamma,
            "r2": f.r2,
            "df_resid": f.df_resid,
        }
        for k, f in fits.items()
    ]
    for r in local.itertuples():
        rows.append(
            {"fit": f"{r.p_from * 100:g}% → {r.p_to * 100:g}%", "beta": r.beta, "alpha": r.alpha, "gamma": r.gamma}
        )
    return pd.DataFrame(rows)


def top_group_counts(p: Sequence[float], s: Sequence[float], nodes: int, edges: int) -> pd.DataFrame:
    """What the top shares mean in a network of `nodes` nodes and `edges` directed edges (each edge is one
    out-edge): nodes in the top group (p·N), out-edges they hold (s·E), their mean out-degree, and the mean
    out-degree of all other nodes."""
    pa, sa = np.asarray(p, float), np.asarray(s, float)
    top_n, top_e = pa * nodes, sa * edges
    return pd.DataFrame(
        {
            "p": pa,
            "s": sa,
            "top_nodes": top_n,
            "top_out_edges": top_e,
            "top_mean_out": top_e / top_n,
            "rest_mean_out": (edges - top_e) / (nodes - top_n),
        }
    )
