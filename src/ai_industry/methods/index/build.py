"""One composite index built from an indicator table and a spec: missing data listed and imputed, outliers
treated, indicators normalised, weighted and aggregated per dimension and overall, units ranked.

`transformed` is the part every replication of the uncertainty analysis shares (the values ready for the
weighted means, for one imputation, normalisation and aggregation); `build_index` adds the weights, the
means and the ranks and keeps every intermediate table for display."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ai_industry.methods.index import steps
from ai_industry.methods.index.spec import IndexSpec


@dataclass(frozen=True)
class Transformed:
    """Values of one (imputation, normalisation, aggregation) choice: `values` units x indicators ready for the
    weighted means (normalised; for geometric aggregation the log of the [1, 100] rescaled values), the
    imputed and treated raw values, the normalised values and the outlier step's record."""

    values: np.ndarray
    imputed: np.ndarray
    treated: np.ndarray
    normalised: np.ndarray
    treatments: list[steps.Treatment]


def membership(spec: IndexSpec) -> np.ndarray:
    """The indicators x dimensions 0/1 matrix of the spec."""
    dims = spec.dimension_ids
    A = np.zeros((len(spec.indicators), len(dims)))
    for k, ind in enumerate(spec.indicators):
        A[k, dims.index(ind.dimension)] = 1.0
    return A


def impute(X: np.ndarray, spec: IndexSpec, rule: str) -> np.ndarray:
    """Raw values with missing cells filled by `rule` (see steps.impute_column), indicator by indicator."""
    cols = [steps.impute_column(X[:, k], rule, ind.total, spec.universe) for k, ind in enumerate(spec.indicators)]
    return np.column_stack(cols)


def treat_all(X: np.ndarray, spec: IndexSpec) -> tuple[np.ndarray, list[steps.Treatment]]:
    """Every indicator through the outlier step of the spec."""
    o = spec.outliers
    done = [steps.treat(X[:, k], o.treatment, o.max_points, o.skew, o.kurtosis) for k in range(X.shape[1])]
    return np.column_stack([d[0] for d in done]), [d[1] for d in done]


def transformed(X: np.ndarray, spec: IndexSpec, imputation: str, normalisation: str, aggregation: str) -> Transformed:
    """Impute -> treat outliers -> orient by direction -> normalise -> (dimension-mean imputation) -> for
    geometric aggregation rescale to [1, 100] and take logs."""
    imputed = impute(X, spec, imputation)
    treated, record = treat_all(imputed, spec)
    directions = np.array([i.direction for i in spec.indicators])
    N = steps.normalise(steps.orient(treated, directions), normalisation)
    if imputation == "dimension-mean":
        N = steps.impute_within_dimensions(N, membership(spec))
    values = np.log(steps.geometric_scale(N)) if aggregation == "geometric" else N
    return Transformed(values, imputed, treated, N, record)


def nominal_weights(spec: IndexSpec, normalised: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(indicator weights summing to 1 within each dimension, dimension weights summing to 1) by the spec's
    scheme: equal, user (the spec's weights) or pca (indicator weights from principal components, dimension
    weights equal)."""
    A = membership(spec)
    if spec.weights == "user":
        w = steps.within_dimension(np.array([i.weight for i in spec.indicators]), A)
        f = np.array([d.weight for d in spec.dimensions])
    elif spec.weights == "pca":
        w, f = steps.pca_weights(normalised, A), np.ones(len(spec.dimensions))
    else:
        w, f = steps.within_dimension(np.ones(len(spec.indicators)), A), np.ones(len(spec.dimensions))
    return w, f / f.sum()


@dataclass(frozen=True)
class IndexResult:
    """Everything one build computed, as tables indexed by unit (columns: indicators or dimensions)."""

    spec: IndexSpec
    raw: pd.DataFrame
    imputed: pd.DataFrame
    treated: pd.DataFrame
    normalised: pd.DataFrame
    treatment: pd.DataFrame
    weights: pd.DataFrame
    dimensions: pd.DataFrame
    index: pd.Series
    ranks: pd.Series

    def missing(self) -> pd.DataFrame:
        """The missing cells of the raw table: unit, indicator, dimension, and the value imputed (NaN: none)."""
        rows = [
            (u, i.id, i.dimension, self.imputed.at[u, i.id])
            for i in self.spec.indicators
            for u in self.raw.index[self.raw[i.id].isna()]
        ]
        return pd.DataFrame(rows, columns=["unit", "indicator", "dimension", "imputed"])

    def scores(self) -> pd.DataFrame:
        """unit, rank, index and each dimension's score, best first."""
        out = self.dimensions.copy()
        out.insert(0, "index", self.index)
        out.insert(0, "rank", self.ranks.astype(int))
        return out.reset_index().sort_values(["rank", "unit"], kind="stable").reset_index(drop=True)


def build_index(
    raw: pd.DataFrame,
    spec: IndexSpec,
    imputation: str | None = None,
    normalisation: str | None = None,
    aggregation: str | None = None,
) -> IndexResult:
    """The index of the units of `raw` (a checked table: `spec.check_table`) with the spec's choices, any of
    which can be overridden."""
    imputation = imputation or spec.imputation
    normalisation = normalisation or spec.normalisation
    aggregation = aggregation or spec.aggregation
    X = raw[spec.indicator_ids].to_numpy(dtype=float)
    t = transformed(X, spec, imputation, normalisation, aggregation)
    w, f = nominal_weights(spec, t.normalised)
    D, idx = steps.aggregate(t.values, w[None, :], membership(spec), f[None, :], aggregation)
    frame = lambda a, cols: pd.DataFrame(a, index=raw.index, columns=cols)  # noqa: E731
    ids, dims = spec.indicator_ids, spec.dimension_ids
    return IndexResult(
        spec=spec,
        raw=raw[ids],
        imputed=frame(t.imputed, ids),
        treated=frame(t.treated, ids),
        normalised=frame(t.normalised, ids),
        treatment=pd.DataFrame([vars(r) for r in t.treatments], index=pd.Index(ids, name="indicator")).reset_index(),
        weights=pd.DataFrame(
            {
                "indicator": ids,
                "dimension": [i.dimension for i in spec.indicators],
                "weight": w,
                "dimension_weight": [f[dims.index(i.dimension)] for i in spec.indicators],
            }
        ),
        dimensions=frame(D[0], dims),
        index=pd.Series(idx[0], index=raw.index, name="index"),
        ranks=pd.Series(steps.ranks(idx[0]), index=raw.index, name="rank"),
    )
