"""The composite-index method (methods/index) against published references and known answers.

References:
- OECD/JRC, Handbook on Constructing Composite Indicators (2008), section 1.5 Table 3 (normalisation formulas)
  and section 1.6 (linear and geometric aggregation);
- COINr (bluefoxr/COINr): `n_minmax`, `n_zscore`, `n_rank`, `n_fracmax` in R/normalise.R and their test
  tests/testthat/test-normalise.R (x = 1:10); the aggregation vignette vignettes/aggregate.Rmd, section "Data
  availability" (df1 = i1 1,2,3 / i2 3,NA,NA / i3 1,NA,1); the treatment vignette vignettes/treat.Rmd
  (x = c(1:10, 30, 100)) and `skew`, `kurt`, `winsorise` in R/treat.R;
- the Ishigami function's analytic Sobol indices (a = 7, b = 0.1; Ishigami & Homma 1990, Saltelli et al.
  2008, Global Sensitivity Analysis: The Primer, p. 179): S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ai_industry.errors import DataError
from ai_industry.methods.index import build, coherence, steps, uncertainty
from ai_industry.methods.index import spec as S

X10 = np.arange(1, 11, dtype=float)[:, None]  # COINr's test vector 1:10, as one indicator column


def test_normalisation_on_coinrs_test_vector():
    # min-max onto [0, 100]: (x - 1) / 9 * 100
    assert steps.normalise(X10, "minmax")[:, 0] == pytest.approx((X10[:, 0] - 1) / 9 * 100)
    # z-score with the n - 1 standard deviation: sd(1:10) = 3.0276503540974917
    z = steps.normalise(X10, "zscore")[:, 0]
    assert z == pytest.approx((X10[:, 0] - 5.5) / 3.0276503540974917)
    assert z.mean() == pytest.approx(0) and z.std(ddof=1) == pytest.approx(1)
    # percentile ranks (COINr n_prank, ties "min"): ranks 3, 1, 3, 2 of 4 -> (r - 1) / 3 x 100
    ranks = steps.normalise(np.array([[3.0], [1.0], [3.0], [2.0], [np.nan]]), "rank")[:, 0]
    assert ranks == pytest.approx([200 / 3, 0, 200 / 3, 100 / 3, np.nan], nan_ok=True)
    # distance to the best (handbook: distance to a reference; COINr n_fracmax): x / max(x)
    assert steps.normalise(X10, "distance")[:, 0] == pytest.approx(X10[:, 0] / 10)


def test_direction_reflects_within_the_range():
    X = np.array([[1.0], [4.0], [10.0]])
    assert steps.orient(X, np.array([-1]))[:, 0] == pytest.approx([10, 7, 1])
    assert steps.normalise(steps.orient(X, np.array([-1])), "minmax")[:, 0] == pytest.approx([100, 66.6666667, 0])


def test_normalisation_ignores_missing_values():
    X = np.array([[1.0], [np.nan], [3.0]])
    assert steps.normalise(X, "minmax")[:, 0] == pytest.approx([0, np.nan, 100], nan_ok=True)


def test_arithmetic_aggregation_over_available_values_coinr_vignette():
    # COINr vignettes/aggregate.Rmd, "Data availability": equal-weight arithmetic means of df1 are 5/3, 2, 2
    # (COINr's dat_thresh = 2/3 would then blank the second row; this method keeps every available mean).
    V = np.array([[1.0, 3.0, 1.0], [2.0, np.nan, np.nan], [3.0, np.nan, 1.0]])
    A = np.ones((3, 1))
    D, idx = steps.aggregate(V, np.ones((1, 3)), A, np.ones((1, 1)), "arithmetic")
    assert idx[0] == pytest.approx([5 / 3, 2, 2])
    # weights: w = 1, 2, 3 on the first row -> (1 + 6 + 3) / 6
    _, idx = steps.aggregate(V[:1], np.array([[1.0, 2.0, 3.0]]), A, np.ones((1, 1)), "arithmetic")
    assert idx[0, 0] == pytest.approx(10 / 6)


def test_geometric_aggregation_is_the_weighted_geometric_mean():
    # handbook section 1.6: prod x_q ** w_q (weights summing to 1): 1, 2, 4 with equal weights -> 2
    V = np.log(np.array([[1.0, 2.0, 4.0]]))
    _, idx = steps.aggregate(V, np.ones((1, 3)), np.ones((3, 1)), np.ones((1, 1)), "geometric")
    assert idx[0, 0] == pytest.approx(2.0)
    # weights 1, 1, 2: 1 ** .25 * 2 ** .25 * 4 ** .5 = 2 ** 1.25
    _, idx = steps.aggregate(V, np.array([[1.0, 1.0, 2.0]]), np.ones((3, 1)), np.ones((1, 1)), "geometric")
    assert idx[0, 0] == pytest.approx(2**1.25)


def test_two_level_aggregation_and_geometric_scale():
    # two dimensions: (a1, a2) and (b1); dimension weights 3:1
    V = np.array([[100.0, 0.0, 50.0]])
    A = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    D, idx = steps.aggregate(V, np.ones((1, 3)), A, np.array([[3.0, 1.0]]), "arithmetic")
    assert D[0, 0] == pytest.approx([50, 50]) and idx[0, 0] == pytest.approx(50)
    # COINr's aggregation vignette normalises onto [1, 100] before a geometric mean
    assert steps.geometric_scale(np.array([[0.0], [50.0], [100.0]]))[:, 0] == pytest.approx([1, 50.5, 100])


def test_skew_kurtosis_and_winsorising_coinr_treat_vignette():
    x = np.r_[np.arange(1, 11), 30, 100].astype(float)
    n, d = len(x), x - x.mean()
    g1 = np.sqrt(n) * (d**3).sum() / (d**2).sum() ** 1.5 * np.sqrt(n * (n - 1)) / (n - 2)  # COINr skew
    r = n * (d**4).sum() / (d**2).sum() ** 2
    g2 = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))  # COINr kurt
    assert steps.skewness(x) == pytest.approx(g1) and steps.kurtosis(x) == pytest.approx(g2)
    assert steps.has_outliers(x)  # |skew| 3.06 > 2 and kurtosis 9.74 > 3.5
    y, points = steps.winsorise(x, 5)
    assert points == 1 and y[-1] == 30 and not steps.has_outliers(y)  # 100 -> 30 is enough
    z, rec = steps.treat(x, "winsorise", 0, 2.0, 3.5)  # no point allowed: the log instead
    assert rec.treatment == "log" and np.all(np.diff(z[:10]) > 0)


def test_residual_imputation_of_a_top_k_share_list():
    # shares of 100 over 10 units, the list gives 3: 40 + 30 + 10 = 80; the other 20 over 7 units
    x = np.array([40, 30, 10, np.nan, np.nan], dtype=float)
    out = steps.impute_column(x, "residual", total=100, universe=10)
    assert out[3:] == pytest.approx([20 / 7, 20 / 7])
    # never above the list's smallest value
    assert steps.impute_column(np.array([5, 4, np.nan]), "residual", total=100)[2] == 4
    assert steps.impute_column(np.array([1.0, 3.0, np.nan]), "mean")[2] == 2.0


def test_dimension_mean_imputation():
    N = np.array([[10.0, np.nan, 5.0], [np.nan, np.nan, 7.0]])
    A = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    out = steps.impute_within_dimensions(N, A)
    assert out[0] == pytest.approx([10, 10, 5]) and np.isnan(out[1, :2]).all()


def test_cronbach_alpha_hand_worked():
    # two identical columns: alpha = 2 (1 - 2 v / 4 v) = 1; uncorrelated columns of equal variance: 0
    X = np.array([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0]])
    assert coherence.cronbach_alpha(X) == pytest.approx(1.0)
    Y = np.array([[1.0, 1.0], [-1.0, 1.0], [1.0, -1.0], [-1.0, -1.0]])
    assert coherence.cronbach_alpha(Y) == pytest.approx(0.0)


# ---- a known answer --------------------------------------------------------------------------------------

SPEC = {
    "dimensions": [{"id": "a", "weight": 1}, {"id": "b", "weight": 2}],
    "indicators": [
        {"id": "x1", "dimension": "a", "direction": "+", "total": 100},
        {"id": "x2", "dimension": "a", "direction": "-", "total": 100},
        {"id": "x3", "dimension": "b", "direction": "+", "total": 100},
    ],
    "framework": ["a", "b", "c"],
    "uncertainty": {"replications": 600, "seed": 7, "imputation": ["none", "mean"]},
}


def known_table() -> pd.DataFrame:
    """Five units where P dominates Q dominates R … on every indicator (x2 is a cost: less is better)."""
    return pd.DataFrame(
        {
            "unit": ["R", "P", "T", "Q", "S"],
            "x1": ["30", "50", "10", "40", "20"],
            "x2": ["3", "1", "5", "2", "4"],
            "x3": ["300", "900", "1", "600", "100"],
        }
    )


def test_known_answer_ranks_are_obvious_under_every_choice():
    spec = S.parse_spec(SPEC, "known.yaml")
    raw = S.check_table(known_table(), spec)
    for norm in S.NORMALISATIONS:
        for agg in S.AGGREGATIONS:
            r = build.build_index(raw, spec, normalisation=norm, aggregation=agg)
            assert list(r.scores()["unit"]) == ["P", "Q", "R", "S", "T"], (norm, agg)
    u = uncertainty.analyse(raw, spec, top=2)
    iv = u.intervals.set_index("unit")
    assert (iv["p05"] == iv["nominal"]).all() and (iv["p95"] == iv["nominal"]).all()
    assert iv.loc[["P", "Q"], "top_share"].tolist() == [1.0, 1.0] and iv.loc["T", "top_share"] == 0
    assert spec.unmeasured() == ["c"]


def test_rank_intervals_reproducible_under_a_fixed_seed():
    spec = S.parse_spec({**SPEC, "uncertainty": {**SPEC["uncertainty"], "weights": 0.9}}, "s.yaml")
    rng = np.random.default_rng(1)
    table = pd.DataFrame(
        {"unit": list("ABCDEFGH"), **{c: rng.random(8).round(3).astype(str) for c in ("x1", "x2", "x3")}}
    )
    raw = S.check_table(table, spec)
    one, two = uncertainty.analyse(raw, spec), uncertainty.analyse(raw, spec)
    assert np.array_equal(one.ranks, two.ranks)
    pd.testing.assert_frame_equal(one.intervals, two.intervals)
    pd.testing.assert_frame_equal(one.sobol, two.sobol)
    assert one.runs >= 600 and one.runs == one.design.n_base * (len(one.design.groups) + 2)
    other = S.parse_spec({**SPEC, "uncertainty": {**SPEC["uncertainty"], "weights": 0.9, "seed": 8}}, "s.yaml")
    assert not np.array_equal(uncertainty.analyse(raw, other).ranks, one.ranks)


def test_salib_sobol_indices_of_the_ishigami_function():
    from SALib.analyze import sobol as analyze
    from SALib.sample import sobol as sample
    from SALib.test_functions import Ishigami

    problem = {"num_vars": 3, "names": ["x1", "x2", "x3"], "bounds": [[-np.pi, np.pi]] * 3}
    X = sample.sample(problem, 2**13, calc_second_order=False, seed=1)
    res = analyze.analyze(problem, Ishigami.evaluate(X), calc_second_order=False, seed=1)
    assert res["S1"] == pytest.approx([0.3139, 0.4424, 0.0], abs=0.02)
    assert res["ST"] == pytest.approx([0.5576, 0.4424, 0.2437], abs=0.02)


def test_pca_weights_follow_the_squared_loadings():
    rng = np.random.default_rng(0)
    f = rng.normal(size=200)
    N = np.column_stack([f + 0.1 * rng.normal(size=200), f + 0.1 * rng.normal(size=200), rng.normal(size=200)])
    w = steps.pca_weights(N, np.ones((3, 1)))
    assert w.sum() == pytest.approx(1) and w[2] < 0.05 < w[0]


def test_coherence_tables():
    spec = S.parse_spec(SPEC, "known.yaml")
    r = build.build_index(S.check_table(known_table(), spec), spec)
    corr = coherence.correlations(r)
    assert list(corr.index) == ["x1", "x2", "x3", "a", "b"] and list(corr.columns) == ["a", "b", "index"]
    assert corr.loc["x1", "a"] > 0.9
    dims = coherence.dimension_coherence(r).set_index("dimension")
    assert dims.loc["a", "indicators"] == 2 and dims.loc["a", "alpha"] > 0.9 and np.isnan(dims.loc["b", "alpha"])
    assert set(coherence.loadings(r)["group"]) == {"a", "index"}


# ---- bad input: one class each, naming file, row, column, rule and value -----------------------------------


def _problem(exc: DataError):
    assert len(exc.problems) == 1, str(exc)
    return exc.problems[0]


def test_unknown_indicator_in_the_spec():
    doc = {**SPEC, "indicators": [*SPEC["indicators"], {"id": "x9", "dimension": "b", "total": 100}]}
    spec = S.parse_spec(doc, "my.yaml")
    table = known_table()
    table.attrs["file"] = "my.csv"
    with pytest.raises(DataError) as e:
        S.check_table(table, spec)
    p = _problem(e.value)
    assert e.value.file == "my.yaml" and (p.row, p.column, p.value) == (4, "indicators.id", "x9")
    assert "not a column of my.csv" in str(e.value)


def test_dimension_with_no_indicator():
    doc = {**SPEC, "dimensions": [*SPEC["dimensions"], {"id": "c"}]}
    with pytest.raises(DataError) as e:
        S.parse_spec(doc, "my.yaml")
    p = _problem(e.value)
    assert (p.row, p.column, p.value, p.rule) == (3, "dimensions.id", "c", "dimension with no indicator")
    assert "my.yaml" in str(e.value) and "row 3" in str(e.value)


def test_non_numeric_cell():
    spec = S.parse_spec(SPEC, "my.yaml")
    table = known_table()
    table.loc[2, "x3"] = "n/a?"
    table.attrs["file"] = "my.csv"
    with pytest.raises(DataError) as e:
        S.check_table(table, spec)
    p = _problem(e.value)
    assert (p.row, p.column, p.value) == (3, "x3", "n/a?") and "not a finite number" in p.rule
    assert "my.csv" in str(e.value) and "row 3 (file line 4)" in str(e.value)


def test_unit_listed_twice():
    spec = S.parse_spec(SPEC, "my.yaml")
    table = known_table()
    table.loc[4, "unit"] = "P "
    with pytest.raises(DataError) as e:
        S.check_table(table, spec)
    p = _problem(e.value)
    assert (p.row, p.column, p.value) == (5, "unit", "P") and "listed twice (also row 2)" in p.rule


@pytest.mark.parametrize(
    "where, weight, column, row",
    [("indicators", 0, "indicators.weight", 2), ("dimensions", -1, "dimensions.weight", 2)],
)
def test_weights_not_positive(where, weight, column, row):
    doc = {**SPEC, where: [dict(e) for e in SPEC[where]]}
    doc[where][1]["weight"] = weight
    with pytest.raises(DataError) as e:
        S.parse_spec(doc, "my.yaml")
    p = _problem(e.value)
    assert (p.row, p.column, p.value, p.rule) == (row, column, weight, "must be positive")


def test_other_spec_rules_and_files(tmp_path):
    with pytest.raises(DataError, match="must be one of minmax"):
        S.parse_spec({**SPEC, "normalisation": "softmax"})
    with pytest.raises(DataError, match="residual imputation needs"):
        S.parse_spec(
            {
                **SPEC,
                "indicators": [{"id": "x1", "dimension": "a"}, *SPEC["indicators"][2:]],
                "missing": {"rule": "residual"},
            }
        )
    bad = tmp_path / "bad.yaml"
    bad.write_text("dimensions: [\n", encoding="utf-8")
    with pytest.raises(DataError, match="not valid YAML"):
        S.read_spec(bad)
    with pytest.raises(DataError, match="does not exist"):
        S.read_spec(tmp_path / "none.yaml")


def test_xlsx_and_csv_tables_read_alike(tmp_path):
    spec = S.parse_spec(SPEC, "my.yaml")
    known_table().to_excel(tmp_path / "t.xlsx", index=False)
    known_table().to_csv(tmp_path / "t.csv", index=False)
    a = S.check_table(S.read_table(tmp_path / "t.xlsx"), spec)
    b = S.check_table(S.read_table(tmp_path / "t.csv"), spec)
    pd.testing.assert_frame_equal(a, b)
