"""The audit's coverage table: sections from the headings, claims by label, datasets by their rows' seed lines,
chapters by what they load, and a reason for every gap (as data)."""

from __future__ import annotations

import pandas as pd
import pytest

from ai_industry.catalog import sources as published
from ai_industry.catalog.schemas import cast_table
from ai_industry.chapters.audit import coverage
from ai_industry.errors import DataError
from ai_industry.io import read_text_table

SEED = "001_x.txt"


def _spans():
    return coverage.section_spans(
        pd.DataFrame(
            {
                "seed_file": [SEED] * 4,
                "section": ["一", "二", "二(一)", "三"],
                "line": [10, 20, 25, 40],
                "heading": ["一、引言", "二、数据", "(一) 表", "三、结论"],
                "title_en": ["1", "2", "2.1", "3"],
            }
        )
    )


def test_a_section_runs_to_the_next_heading():
    s = _spans()
    assert s[["section", "start", "end"]].values.tolist()[:3] == [["一", 10, 19], ["二", 20, 24], ["二(一)", 25, 39]]
    assert coverage.section_of(s, SEED, [5, 12, 26, 30, 99]) == ["一", "二(一)", "三"]


def _reasons(*keys):
    return pd.DataFrame(
        [(SEED, k, f"理由{k}", f"why {k}") for k in keys], columns=["seed_file", "section", "reason_zh", "reason_en"]
    )


def test_coverage_counts_and_gaps():
    s = _spans()
    claims = pd.DataFrame({"seed_file": [SEED] * 3, "line": [12, 26, 27], "section": ["一", "二(一)", "二(一)"]})
    by_ds = coverage.dataset_sections(s, [("published/r/t", SEED, (25, 27))])
    assert by_ds == {(SEED, "二(一)"): ["published/r/t"]}
    got = coverage.coverage(s, claims, by_ds, {"published/r/t": ["二(一) 表"]}, _reasons("一", "二", "三", "x"), "en")
    rows = got.set_index("section")
    assert (
        rows.loc["二(一)", "claims"] == 2
        and rows.loc["二(一)", "datasets"] == "t"
        and rows.loc["二(一)", "uncovered"] == ""
    )
    assert rows.loc["一", "uncovered"] == "datasets+chapters" and rows.loc["一", "reason"] == "why 一"
    assert rows.loc["三", "uncovered"] == "claims+datasets+chapters"
    assert coverage.summary(got) == {"sections": 4, "covered": 1, "no_claims": 2, "no_datasets": 3, "no_chapters": 3}
    labels = coverage.with_gap_labels(got, lambda k: k.split("_")[1].upper(), ", ")
    assert labels.set_index("section").loc["一", "uncovered_label"] == "DATASETS, CHAPTERS"


def test_a_gap_without_a_reason_stops_the_table():
    s = _spans()
    claims = pd.DataFrame({"seed_file": [SEED], "line": [12], "section": ["一"]})
    with pytest.raises(DataError) as err:
        coverage.coverage(s, claims, {}, {}, _reasons("一", "二"), "zh")
    text = str(err.value)
    assert "coverage_reasons.csv" in text and "二(一)" in text and "三" in text and "'section'" in text


def test_the_real_seeds_are_covered_or_explained(repo):
    src = published.load_sources(repo)

    def load(ds):
        d = src.dataset(ds)
        return cast_table(read_text_table(d.raw_path(repo)), d.columns, d.file)

    table = coverage.seed_coverage(load, "en", repo)
    assert table["seed_file"].nunique() == 4 and len(table) > 60
    assert (table.loc[table.uncovered != "", "reason"] != "").all()
    # every section label of the ledger is a section of its seed
    claims = load("published/audit/claims")
    known = set(zip(table.seed_file, table.section))
    assert set(zip(claims.seed_file, claims.section)) <= known
    row = table.set_index(["seed_file", "section"]).loc[("001_26a22cdcef38ab7f.txt", "六(一)(2)")]
    assert "city_enabling_input_share" in row["datasets"] and row["uncovered"] == ""
