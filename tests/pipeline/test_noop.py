"""The no-op shortcut (pipeline/noop.py) on a small tree: it answers "unchanged" only for the same selection and
the same times and sizes of every file Snakemake knows and every folder the DAG reads."""

import base64
import json
import os
import time

import pytest

from ai_industry.pipeline import noop


@pytest.fixture
def tree(tmp_path):
    for rel in (
        "config/sections.yaml",
        "data/raw/a.csv",
        "notebooks/n.ipynb",
        "src/ai_industry/m.py",
        "workflow/Snakefile",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    out = tmp_path / "data/processed/a.parquet"
    out.parent.mkdir(parents=True)
    out.write_text("p", encoding="utf-8")
    meta = tmp_path / ".snakemake/metadata"
    meta.mkdir(parents=True)
    name = base64.urlsafe_b64encode(b"data/processed/a.parquet").decode()
    (meta / name).write_text(json.dumps({"rule": "prepare", "input": ["data/raw/a.csv"]}), encoding="utf-8")
    past = time.time() - 100
    for p in tmp_path.rglob("*"):
        os.utime(p, (past, past))
    return tmp_path


SEL = {"report": "r"}


def test_unchanged_after_record(tree):
    assert noop.record(tree, SEL, time.time())
    assert noop.unchanged(tree, SEL)
    assert not noop.unchanged(tree, {"report": "other"})
    assert not noop.unchanged(tree, {})


@pytest.mark.parametrize(
    "change",
    [
        lambda t: os.utime(t / "data/raw/a.csv"),  # a touched input
        lambda t: (t / "data/processed/a.parquet").unlink(),  # a lost output
        lambda t: (t / "data/processed/a.parquet").write_text("q2", encoding="utf-8"),  # another output
        lambda t: (t / "config/sections.yaml").write_text("y: 1", encoding="utf-8"),  # what the DAG reads
        lambda t: (t / "data/raw/new.csv").write_text("n", encoding="utf-8"),  # a new raw file
        lambda t: (t / "src/ai_industry/sub").mkdir(),  # a new package folder
        lambda t: (t / ".snakemake/incomplete").mkdir() or (t / ".snakemake/incomplete/x").write_text(""),
    ],
)
def test_any_change_asks_snakemake(tree, change):
    assert noop.record(tree, SEL, time.time())
    change(tree)
    assert not noop.unchanged(tree, SEL)
    assert not noop.up_to_date(tree, ["data/processed/a.parquet"])


def test_a_run_skips_snakemake_only_for_outputs_the_last_build_made(tree):
    """A reviewer's run asks Snakemake nothing when its inputs are outputs of the last build (of any selection)
    and nothing recorded has changed; an input that build did not make, or no build at all, asks it."""
    assert not noop.up_to_date(tree, ["data/processed/a.parquet"])  # no build recorded yet
    assert noop.record(tree, SEL, time.time())
    assert noop.up_to_date(tree, ["data/processed/a.parquet"])
    assert noop.up_to_date(tree, [])
    assert not noop.up_to_date(tree, ["data/processed/b.parquet"])  # not made by that build
    assert not noop.up_to_date(tree, ["data/raw/a.csv"])  # an input, not an output: recorded but not made


def test_no_state_when_a_source_changed_during_the_build(tree):
    started = time.time() - 5
    os.utime(tree / "data/raw/a.csv")  # edited while the build ran
    assert not noop.record(tree, SEL, started)
    assert not noop.unchanged(tree, SEL)


def test_forget(tree):
    noop.record(tree, SEL, time.time())
    noop.forget(tree)
    assert not noop.unchanged(tree, SEL)
