"""One build at a time; what a killed build leaves (Snakemake locks, temporary files, staging folders) is
cleared by the next, and only when no build holds the project lock."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from ai_industry.pipeline.housekeeping import BuildBusy, build_lock, release_stale_snakemake_locks, remove_orphans


def test_a_second_build_is_refused_while_one_holds_the_lock(tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys, time; from pathlib import Path; from ai_industry.pipeline.housekeeping import build_lock\n"
                f"with build_lock(Path({str(tmp_path)!r})):\n    print('held', flush=True); time.sleep(30)"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(BuildBusy, match=f"pid {holder.pid}"), build_lock(tmp_path):
            pass
    finally:
        holder.kill()  # like kill -9: the kernel releases the lock with the process
        holder.wait()
    with build_lock(tmp_path):  # free again at once
        pass


def test_stale_locks_and_orphans_are_removed(tmp_path):
    locks = tmp_path / ".snakemake" / "locks"
    locks.mkdir(parents=True)
    (locks / "0.input.lock").write_text("x")
    tmp = tmp_path / "reports" / "pdf" / "zh" / ".ch.pdf.abc123.tmp"
    tmp.parent.mkdir(parents=True)
    tmp.write_bytes(b"half")
    keep = tmp_path / "reports" / "pdf" / "zh" / "ch.pdf"
    keep.write_bytes(b"whole")
    staging = tmp_path / "reports" / ".staging" / "zh-r-01_s-123"
    staging.mkdir(parents=True)
    (staging / "executed.ipynb").write_text("{}")
    with build_lock(tmp_path):
        assert [p.name for p in release_stale_snakemake_locks(tmp_path)] == ["0.input.lock"]
        removed = remove_orphans(tmp_path)
    assert tmp in removed and staging in removed and keep.exists()
    assert not tmp.exists() and not staging.exists() and not list(locks.iterdir())
    # files younger than a grace period may belong to a writer outside the lock: kept when asked
    tmp.write_bytes(b"fresh")
    os.utime(tmp, (time.time(), time.time()))
    assert remove_orphans(tmp_path, older_than_s=60) == [] and tmp.exists()
