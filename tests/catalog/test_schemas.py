"""Casting and schema validation of published datasets; every published dataset passes and rejects a broken copy."""

import pandas as pd
import pytest
from helpers import copy_project

from ai_industry.catalog import sources as published
from ai_industry.catalog.schemas import build_schema, cast_table, validate
from ai_industry.errors import DataError
from ai_industry.io import read_text_table
from ai_industry.pipeline import steps

COLUMNS = {
    "level": {"type": "str", "isin": ["province", "city"]},
    "rank": {"type": "int", "ge": 1},
    "region": {"type": "str"},
    "share_pct": {"type": "float", "ge": 0, "le": 100},
}
CHECKS = [
    {"check": "sum", "column": "share_pct", "by": ["level"], "max": 100.05},
    {"check": "rank", "column": "share_pct", "rank": "rank", "by": ["level"], "order": "desc"},
]


def _raw(rows):
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype(str)


def test_cast_names_row_and_column():
    raw = _raw(
        [["province", "1", "北京市", "28.09"], ["province", "2", "广东省", "26,45"], ["city", "x", "深圳市", "1"]]
    )
    with pytest.raises(DataError) as err:
        cast_table(raw, COLUMNS, "t.csv")
    msg = str(err.value)
    assert "t.csv" in msg and "row 2" in msg and "'share_pct'" in msg and "row 3" in msg and "'rank'" in msg


def test_cast_reports_missing_and_extra_columns():
    raw = _raw([["province", "1", "北京市", "28.09"]]).drop(columns=["rank"]).assign(extra="1")
    with pytest.raises(DataError, match="required column is missing") as err:
        cast_table(raw, COLUMNS, "t.csv")
    assert "'extra'" in str(err.value)


@pytest.mark.parametrize(
    "rows, rule",
    [
        ([["province", "1", "A", "60"], ["province", "2", "B", "50"]], "sum"),
        ([["province", "1", "A", "10"], ["province", "2", "B", "20"]], "rank"),
        ([["province", "1", "A", "10"], ["province", "2", "A", "5"]], "duplicate"),
        ([["province", "1", "A", "101"]], "less_than_or_equal_to"),
        ([["county", "1", "A", "1"]], "isin"),
    ],
)
def test_schema_rejects(rows, rule):
    df = cast_table(_raw(rows), COLUMNS, "t.csv")
    with pytest.raises(DataError) as err:
        validate(df, build_schema(COLUMNS, ["level", "region"], CHECKS), "t.csv")
    assert rule in str(err.value)
    assert "row " in str(err.value)


def test_gb18030_and_bom_files_read(tmp_path):
    text = "region,share_pct\n北京市,28.09\n"
    (tmp_path / "g.csv").write_bytes(text.encode("gb18030"))
    (tmp_path / "b.csv").write_bytes(text.encode("utf-8-sig"))
    for name in ("g.csv", "b.csv"):
        df = read_text_table(tmp_path / name)
        assert list(df.columns) == ["region", "share_pct"] and df.iloc[0, 0] == "北京市"
    (tmp_path / "e.csv").write_bytes(b"")
    with pytest.raises(DataError, match="empty"):
        read_text_table(tmp_path / "e.csv")


def test_every_published_dataset_is_valid(repo):
    src = published.load_sources(repo)
    assert src.datasets, "no published datasets"
    for ds in src.datasets.values():
        raw = read_text_table(ds.raw_path(repo))
        df = cast_table(raw, ds.columns, ds.file)
        validate(df, build_schema(ds.columns, ds.key, ds.checks, ds.id), ds.file)
        assert ds.publication.seed_file and ds.lines[0] <= ds.lines[1]


def _corruptions(ds, df):
    """Broken copies of a dataset: a bad number, a missing column, a duplicated key row."""
    num = [c for c, s in ds.columns.items() if s.get("type") in ("int", "float")]
    if num:
        bad = df.copy()
        bad.loc[0, num[0]] = "not-a-number"
        yield "not a number", bad
    yield "required column is missing", df.drop(columns=[list(ds.columns)[0]])
    if ds.key:
        yield "duplicate", pd.concat([df, df.iloc[[0]]], ignore_index=True)


def test_each_schema_rejects_a_broken_copy_and_leaves_nothing(repo, tmp_path):
    root = copy_project(tmp_path)
    src = published.load_sources(root)
    for ds in src.datasets.values():
        raw_path = ds.raw_path(root)
        good = raw_path.read_bytes()
        df = read_text_table(raw_path)
        for expected, broken in _corruptions(ds, df):
            broken.to_csv(raw_path, index=False)
            with pytest.raises(DataError) as err:
                steps.ingest_published(ds.id, root)
                steps.clean_published(ds.id, root)
            assert ds.file in str(err.value) and expected in str(err.value), (ds.id, str(err.value))
        raw_path.write_bytes(good)
    leftovers = [p for p in (root / "data").rglob("*.tmp")]
    assert not leftovers
