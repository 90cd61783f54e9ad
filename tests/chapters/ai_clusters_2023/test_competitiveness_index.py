"""The competitiveness-index section (chapters/ai_clusters_2023/competitiveness_index*.py) on the published
province lists in data/processed, the analyst's templates, and bad input through the section's own entry."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ai_industry.catalog import datasets as catalog
from ai_industry.chapters.ai_clusters_2023 import competitiveness_index as ci
from ai_industry.chapters.ai_clusters_2023 import competitiveness_index_text as text
from ai_industry.chapters.ai_clusters_2023.index_spec import SPEC_FILE
from ai_industry.errors import DataError
from ai_industry.methods.index import spec as S
from ai_industry.pipeline import deps

REPO = Path(__file__).resolve().parents[3]
TEMPLATES = REPO / "templates" / "index"


@pytest.fixture(scope="module")
def tables():
    return {n: catalog.load(f"published/ai-clusters-2023/{n}") for n in ci.INPUTS}


@pytest.fixture(scope="module")
def c(tables):
    return ci.competitiveness_index(tables)


def test_the_published_indicator_table(tables):
    t = ci.published_table(tables).set_index("unit")
    assert len(t) == 22 and list(t.index[:3]) == ["北京市", "广东省", "上海市"]  # Table 1's order first
    assert {"贵州省", "云南省"} <= set(t.index)  # named only by the technology lists
    assert t.at["北京市", "enterprises"] == "28.09" and t.at["江苏省", "new_orgs"] == "54.76"
    assert (t.loc["吉林省"] == "").all()  # on no list


def test_dimensions_measured_and_not_come_from_the_spec(c):
    assert c.spec.unmeasured() == ["capital", "openness", "government"]
    s = text.dimensions(c)
    assert "资本环境、国际开放度、政府响应能力没有任何已公布的指标" in s["zh"]
    assert (
        "Capital environment, International openness and Government responsiveness have no published indicator"
        in s["en"]
    )


def test_sentences_format_the_computed_values(c):
    a = c.agreement
    s = text.comparison(c)
    assert f"Spearman ρ = {a['spearman']:.2f}" in s["zh"] and f"Kendall tau = {a['kendall']:.2f}" in s["en"]
    assert a["spearman_lo"] < a["spearman"] < a["spearman_hi"]
    assert f"{c.unc.runs:,}" in text.intro(c)["en"] and c.unc.runs >= c.spec.uncertainty.replications
    top = c.comparison[c.comparison.published <= 10]
    assert f"{int((top.top_share >= 0.95).sum())} stay in the index's top 10" in text.robustness(c)["en"]


def test_comparison_with_table1(c):
    comp = c.comparison.set_index("unit")
    assert len(comp) == 20 and comp.loc["北京市", "index_rank"] == 1
    assert (comp["shift"] == comp["published"] - comp["index_rank"]).all()
    assert comp.loc["吉林省", "listed"] == 0 and comp.loc["吉林省", "best_dimension"] == ""


def test_templates_reproduce_the_chapter(tables, c):
    """templates/index/ is the chapter's own table and spec: an analyst starts from a working example."""
    pd.testing.assert_frame_equal(
        S.read_table(TEMPLATES / "indicators.csv").fillna(""), ci.published_table(tables), check_dtype=False
    )
    mine = S.read_spec(TEMPLATES / "spec.yaml")
    default = S.read_spec(SPEC_FILE)
    assert (mine.indicators, mine.dimensions, mine.uncertainty) == (
        default.indicators,
        default.dimensions,
        default.uncertainty,
    )
    u = ci.competitiveness_index(tables, str(TEMPLATES / "indicators.csv"), str(TEMPLATES / "spec.yaml"))
    assert u.user_table == "indicators.csv" and u.sources == ["file:indicators.csv"]
    pd.testing.assert_frame_equal(u.result.scores(), c.result.scores())
    pd.testing.assert_frame_equal(u.unc.intervals, c.unc.intervals)


def test_a_changed_spec_moves_the_intervals(tables, c, tmp_path):
    spec = (TEMPLATES / "spec.yaml").read_text(encoding="utf-8").replace("weights: 0.25", "weights: 0.9")
    (tmp_path / "wide.yaml").write_text(
        spec.replace("[residual, dimension-mean, none]", "[residual]"), encoding="utf-8"
    )
    u = ci.competitiveness_index(tables, spec=str(tmp_path / "wide.yaml"))
    assert "imputation" not in u.unc.design.groups
    assert not u.unc.intervals.equals(c.unc.intervals)


def test_bad_input_through_the_section(tables, tmp_path):
    spec = (TEMPLATES / "spec.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(spec.replace("{id: input, dimension", "{id: exports, dimension"), encoding="utf-8")
    with pytest.raises(DataError) as e:
        ci.competitiveness_index(tables, spec=str(bad))
    assert str(bad) in str(e.value) and "row 7" in str(e.value) and "'exports'" in str(e.value)
    table = (TEMPLATES / "indicators.csv").read_text(encoding="utf-8").replace("28.09", "28.09%")
    (tmp_path / "t.csv").write_text(table, encoding="utf-8")
    with pytest.raises(DataError, match=r"row 1 \(file line 2\), column 'enterprises'.*'28.09%'"):
        ci.competitiveness_index(tables, indicators=str(tmp_path / "t.csv"))


def test_the_spec_reruns_only_this_section():
    src = REPO / "src"
    mine = deps.helper_files(REPO / "notebooks/ai-clusters-2023/02b_competitiveness_index.ipynb", src)
    other = deps.helper_files(REPO / "notebooks/ai-clusters-2023/02_competitiveness.ipynb", src)
    assert str(SPEC_FILE) in mine and str(SPEC_FILE) not in other


def test_deterministic(tables, c):
    again = ci.competitiveness_index(tables)
    pd.testing.assert_frame_equal(again.comparison, c.comparison)
    pd.testing.assert_frame_equal(again.unc.sobol, c.unc.sobol)
    assert again.agreement == c.agreement
