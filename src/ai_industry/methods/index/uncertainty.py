"""Uncertainty and sensitivity analysis of a composite index (handbook section 1.7; COINr
`get_sensitivity`): the uncertain choices of the spec are sampled together, every sample is one index, and

- each unit's rank over the samples gives its median rank and 5-95 % rank interval;
- Sobol first-order and total indices (SALib, Saltelli's estimators on a Sobol' sequence) say how much of the
  variance of the mean absolute rank shift (the mean over units of |rank - nominal rank|, COINr's measure)
  each choice explains.

The choices: the dimension weights (one factor each, multiplied by a uniform draw in [1 - p, 1 + p], treated as
one group), the normalisation, the aggregation, the imputation, and which indicator is left out (none or one).
All replications are computed at once: the values of each (imputation, normalisation, aggregation) are
prepared once, and the weighted means of all replications sharing them are one einsum."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

from ai_industry.methods.index import steps
from ai_industry.methods.index.build import membership, nominal_weights, transformed
from ai_industry.methods.index.spec import IndexSpec

WEIGHTS = "weights"
CHOICES = ("normalisation", "aggregation", "imputation", "drop")


@dataclass(frozen=True)
class Design:
    """The sampled factors: the SALib problem (names, bounds, groups), the choices behind each discrete factor,
    the base sample size N (runs = N x (groups + 2)) and the seed."""

    problem: dict
    choices: dict[str, tuple[str, ...]]
    n_base: int
    seed: int

    @property
    def groups(self) -> list[str]:
        return list(dict.fromkeys(self.problem["groups"]))


def design(spec: IndexSpec) -> Design:
    """The factors of the spec's uncertainty section; a factor with one choice (or weights without spread) is
    left out, being no uncertainty. N is the power of two that gives at least `replications` runs."""
    u = spec.uncertainty
    names, bounds, groups = [], [], []
    if u.weights > 0:
        for d in spec.dimension_ids:
            names.append(f"{WEIGHTS}:{d}")
            bounds.append([1 - u.weights, 1 + u.weights])
            groups.append(WEIGHTS)
    drop = ("", *spec.indicator_ids) if u.drop_one and len(spec.indicators) > 1 else ("",)
    choices = {"normalisation": u.normalisation, "aggregation": u.aggregation, "imputation": u.imputation, "drop": drop}
    for name in CHOICES:
        if len(choices[name]) > 1:
            names.append(name)
            bounds.append([0.0, 1.0])
            groups.append(name)
    if not names:
        raise ValueError("the spec's uncertainty section leaves nothing uncertain")
    n_groups = len(dict.fromkeys(groups))
    n_base = 2 ** math.ceil(math.log2(max(u.replications / (n_groups + 2), 1)))
    problem = {"num_vars": len(names), "names": names, "bounds": bounds, "groups": groups}
    return Design(problem, choices, n_base, u.seed)


def sample(d: Design) -> np.ndarray:
    """The Saltelli design on a scrambled Sobol' sequence (SALib): N x (groups + 2) rows, in blocks of
    A, AB_1 … AB_g, B."""
    return sobol_sample.sample(d.problem, d.n_base, calc_second_order=False, scramble=True, seed=d.seed)


def decode(d: Design, X: np.ndarray, spec: IndexSpec) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """(dimension weight factors, runs x dimensions; per discrete factor the index of its choice per run)."""
    names = d.problem["names"]
    F = np.ones((len(X), len(spec.dimensions)))
    for j, d_id in enumerate(spec.dimension_ids):
        if f"{WEIGHTS}:{d_id}" in names:
            F[:, j] = X[:, names.index(f"{WEIGHTS}:{d_id}")]
    picks = {}
    for name, options in d.choices.items():
        if name in names:
            picks[name] = np.minimum((X[:, names.index(name)] * len(options)).astype(int), len(options) - 1)
        else:
            picks[name] = np.zeros(len(X), dtype=int)
    return F, picks


def nominal_choice(spec: IndexSpec) -> dict[str, str]:
    return {"normalisation": spec.normalisation, "aggregation": spec.aggregation, "imputation": spec.imputation}


def evaluate(raw: np.ndarray, spec: IndexSpec, d: Design, X: np.ndarray) -> np.ndarray:
    """The ranks (runs x units) of every sampled index: indicator weights are the nominal ones (a left-out
    indicator gets weight 0), dimension weights the nominal ones times the sampled factors."""
    A = membership(spec)
    F, picks = decode(d, X, spec)
    nominal = transformed(raw, spec, spec.imputation, spec.normalisation, spec.aggregation)
    w, f = nominal_weights(spec, nominal.normalised)
    W = np.tile(w, (len(X), 1))
    dropped = picks["drop"] - 1  # -1: none left out
    rows = np.flatnonzero(dropped >= 0)
    W[rows, dropped[rows]] = 0.0
    F = F * f[None, :]
    scores = np.empty((len(X), raw.shape[0]))
    keys = np.stack([picks["imputation"], picks["normalisation"], picks["aggregation"]], axis=1)
    for key in np.unique(keys, axis=0):
        imp, norm, agg = (d.choices[n][i] for n, i in zip(("imputation", "normalisation", "aggregation"), key))
        idx = np.flatnonzero((keys == key).all(axis=1))
        V = transformed(raw, spec, imp, norm, agg).values
        D = steps.weighted_means(V, W[idx], A)  # log space for geometric: same ranks as after exp
        scores[idx] = steps.overall(D, F[idx])
    return steps.ranks(scores)


def rank_shift(ranks: np.ndarray, nominal: np.ndarray) -> np.ndarray:
    """Per run, the mean over units of |rank - nominal rank| (COINr's sensitivity measure)."""
    return np.abs(ranks - nominal[None, :]).mean(axis=1)


def rank_intervals(ranks: np.ndarray, units: list[str], nominal: np.ndarray, top: int = 10) -> pd.DataFrame:
    """Per unit: nominal rank, median rank, 5th and 95th percentiles of its rank (linear interpolation, R's
    type 7), and the share of runs in which it ranks within `top`."""
    q = np.quantile(ranks, [0.05, 0.5, 0.95], axis=0)
    return pd.DataFrame(
        {
            "unit": units,
            "nominal": nominal.astype(int),
            "median": q[1],
            "p05": q[0],
            "p95": q[2],
            "top_share": (ranks <= top).mean(axis=0),
        }
    )


def sobol_indices(d: Design, y: np.ndarray) -> pd.DataFrame:
    """First-order (S1) and total (ST) Sobol indices of `y` for each factor group, with 95 % bootstrap
    confidence half-widths (SALib, seeded). When no run moves any rank (y constant) every index is 0."""
    if np.ptp(y) == 0:
        zero = np.zeros(len(d.groups))
        return pd.DataFrame({"factor": d.groups, "S1": zero, "S1_conf": zero, "ST": zero, "ST_conf": zero})
    res = sobol_analyze.analyze(d.problem, y, calc_second_order=False, conf_level=0.95, seed=d.seed)
    return pd.DataFrame(
        {"factor": d.groups, "S1": res["S1"], "S1_conf": res["S1_conf"], "ST": res["ST"], "ST_conf": res["ST_conf"]}
    )


@dataclass(frozen=True)
class UncertaintyResult:
    """The design, every run's ranks, the per-unit rank intervals (from the A and B blocks, the independent
    draws, as COINr does) and the Sobol indices of the mean absolute rank shift."""

    design: Design
    ranks: np.ndarray
    intervals: pd.DataFrame
    sobol: pd.DataFrame

    @property
    def runs(self) -> int:
        return len(self.ranks)


def analyse(raw: pd.DataFrame, spec: IndexSpec, top: int = 10) -> UncertaintyResult:
    """The whole uncertainty and sensitivity analysis of `raw` (a checked table) under `spec`."""
    X_raw = raw[spec.indicator_ids].to_numpy(dtype=float)
    d = design(spec)
    X = sample(d)
    ranks = evaluate(X_raw, spec, d, X)
    nominal_t = transformed(X_raw, spec, spec.imputation, spec.normalisation, spec.aggregation)
    w, f = nominal_weights(spec, nominal_t.normalised)
    _, idx = steps.aggregate(nominal_t.values, w[None, :], membership(spec), f[None, :], spec.aggregation)
    nominal = steps.ranks(idx[0])
    block = len(d.groups) + 2
    ab = np.r_[np.arange(0, len(X), block), np.arange(block - 1, len(X), block)]
    intervals = rank_intervals(ranks[np.sort(ab)], list(raw.index), nominal, top)
    return UncertaintyResult(d, ranks, intervals, sobol_indices(d, rank_shift(ranks, nominal)))
