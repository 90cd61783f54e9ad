"""Provenance records: what a section used (hashes of its processed and raw inputs, notebook, parameters)."""

from __future__ import annotations

import hashlib
import json

from ai_industry.catalog import datasets as catalog
from ai_industry.pipeline.deps import notebook_source_sha256
from ai_industry.pipeline.manifest import input_hashes, merge, section_record, write_record

DS = "published/ai-clusters-2023/enterprise_distribution"


def test_input_hashes_name_processed_and_raw_files_with_their_sha256(repo):
    if not catalog.processed_path(DS, repo).is_file():
        import pytest

        pytest.skip("needs a built data/processed (make all)")
    h = input_hashes([DS, "synthetic:demo"], repo)
    assert list(h) == [DS]  # synthetic and file: sources have no catalog entry to hash
    raw = repo / h[DS]["raw"]
    assert h[DS]["raw"] == "data/raw/published/ai-clusters-2023/enterprise_distribution.csv"
    assert h[DS]["raw_sha256"] == hashlib.sha256(raw.read_bytes()).hexdigest()


def test_failed_record_keeps_the_error_and_no_input_hashes(repo, tmp_path):
    nb = repo / "notebooks/ai-clusters-2023/03_geography.ipynb"
    rec = section_record(
        section_id="ai-clusters-2023/geography",
        lang="zh",
        notebook=nb,
        parameters={"top_n": 5},
        inputs=[DS],
        root=repo,
        start="s",
        end="e",
        duration_s=1.23456,
        status="failed",
        error="DataError: bad row",
    )
    assert rec["status"] == "failed" and rec["error"] == "DataError: bad row" and rec["inputs"] == {}
    assert rec["notebook"] == "notebooks/ai-clusters-2023/03_geography.ipynb"
    assert rec["notebook_sha256"] == notebook_source_sha256(nb)
    assert rec["duration_s"] == 1.235 and rec["parameters"] == {"top_n": 5}


def test_merge_collects_every_record_under_manifest(tmp_path):
    for lang in ("zh", "en"):
        write_record({"section": "r/s", "lang": lang}, tmp_path / "manifest" / lang / "r" / "01_s.json")
    doc = merge(tmp_path)
    assert [r["lang"] for r in doc["sections"]] == ["en", "zh"]
    assert json.loads((tmp_path / "manifest/zh/r/01_s.json").read_text())["section"] == "r/s"


def test_git_commit_leaves_notebooks_to_their_own_hash(tmp_path):
    """The dirty check never runs the notebooks' clean filter (nbstripout: a Python process per notebook, ~27 s
    in a fresh clone): here a filter that fails would make `git status` fail on them."""
    import subprocess

    from ai_industry.pipeline.manifest import git_commit

    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    (tmp_path / "a.ipynb").write_text("{}", encoding="utf-8")
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "x")
    git("config", "filter.broken.clean", "false")
    git("config", "filter.broken.required", "true")
    (tmp_path / ".gitattributes").write_text("*.ipynb filter=broken\n", encoding="utf-8")
    (tmp_path / "a.ipynb").write_text('{"outputs": 1}', encoding="utf-8")  # saved with outputs
    head = subprocess.run(
        ["git", "-C", str(tmp_path), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    assert git_commit(tmp_path) == head
    (tmp_path / "b.txt").write_text("changed", encoding="utf-8")
    assert git_commit(tmp_path) == head + "+dirty"


def test_the_commit_check_never_writes_the_git_index(tmp_path):
    """The record's commit comes from a read-only `git status`: it takes no .git/index.lock (a status killed by
    its timeout left one behind, breaking the user's next git command) and works while another holds it."""
    import os
    import subprocess
    import time

    from ai_industry.pipeline.manifest import git_commit

    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "a.txt").write_text("a")
    git("add", "a.txt")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "a")
    index = tmp_path / ".git" / "index"
    later = time.time() + 5
    os.utime(tmp_path / "a.txt", (later, later))  # stat changed, content not: a plain status would rewrite the index
    before = index.stat().st_mtime_ns
    commit = git_commit(tmp_path)
    assert len(commit) == 40 and not commit.endswith("+dirty")
    assert index.stat().st_mtime_ns == before and not (tmp_path / ".git" / "index.lock").exists()
    (tmp_path / ".git" / "index.lock").write_text("")  # held by someone else
    assert git_commit(tmp_path) == commit
