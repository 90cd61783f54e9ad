"""Statistical coherence of a built index (handbook section 1.4 and step 4 of its checklist; COINr
`get_corr`, `get_cronbach`, `get_PCA`): correlations between indicators, dimensions and the index, Cronbach's
alpha per dimension and the loadings of the first principal component."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ai_industry.methods.index import steps
from ai_industry.methods.index.build import IndexResult


def levels(result: IndexResult) -> pd.DataFrame:
    """Normalised indicators, dimension scores and the index side by side (units x columns)."""
    return pd.concat([result.normalised, result.dimensions, result.index.rename("index")], axis=1)


def correlations(result: IndexResult, method: str = "pearson") -> pd.DataFrame:
    """Correlations of every indicator and dimension with every dimension and the index: rows indicators then
    dimensions, columns dimensions then `index` (pairwise over the units with both values)."""
    table = levels(result)
    rows = result.spec.indicator_ids + result.spec.dimension_ids
    cols = result.spec.dimension_ids + ["index"]
    return table.corr(method=method).loc[rows, cols]


def cronbach_alpha(X: np.ndarray) -> float:
    """Cronbach's alpha of the columns of X over the units with every value: k/(k-1) (1 - sum of the column
    variances / variance of the row sums); NaN for fewer than 2 columns or 3 complete units."""
    X = X[~np.isnan(X).any(axis=1)]
    k = X.shape[1]
    if k < 2 or len(X) < 3:
        return float("nan")
    total = X.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - X.var(axis=0, ddof=1).sum() / total)) if total > 0 else float("nan")


def dimension_coherence(result: IndexResult) -> pd.DataFrame:
    """Per dimension: indicators, Cronbach's alpha, the share of variance of its first principal component,
    and its correlation with the index."""
    rows = []
    corr = correlations(result)
    for d in result.spec.dimension_ids:
        ids = [i.id for i in result.spec.indicators if i.dimension == d]
        X = result.normalised[ids].to_numpy(dtype=float)
        complete = X[~np.isnan(X).any(axis=1)]
        share = steps.first_component(complete)[1] if len(ids) >= 2 and len(complete) >= 3 else float("nan")
        rows.append((d, len(ids), cronbach_alpha(X), share, corr.at[d, "index"]))
    return pd.DataFrame(rows, columns=["dimension", "indicators", "alpha", "pc1_share", "r_index"])


def loadings(result: IndexResult) -> pd.DataFrame:
    """Loadings of each indicator on the first principal component of its dimension and of all indicators
    (units with every value), with the share of variance each component explains."""
    out = []
    spec = result.spec
    groups = {d: [i.id for i in spec.indicators if i.dimension == d] for d in spec.dimension_ids}
    groups["index"] = spec.indicator_ids
    for g, ids in groups.items():
        X = result.normalised[ids].to_numpy(dtype=float)
        X = X[~np.isnan(X).any(axis=1)]
        if len(ids) < 2 or len(X) < 3:
            continue
        load, share = steps.first_component(X)
        out += [(g, i, float(v), share) for i, v in zip(ids, load)]
    return pd.DataFrame(out, columns=["group", "indicator", "loading", "share"])
