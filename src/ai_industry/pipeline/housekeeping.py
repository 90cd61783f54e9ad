"""Kill-safe builds: one build at a time, and what an interrupted build leaves behind cleared before the next.

A build (and a reviewer's input preparation) holds an exclusive `flock` on `<root>/.ai-industry.lock` for as
long as it runs. The kernel releases that lock when the process dies, even under `kill -9`, so whoever holds it
knows that no other build of this project is running: Snakemake's own locks (`.snakemake/locks/`) found then
are stale and are released, and temporary files of interrupted atomic writes (`.<name>.*.tmp`) and section
staging folders (`reports/.staging/`) are orphans and are removed. Outputs that Snakemake had started but not
finished are rebuilt by `--rerun-incomplete`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

LOCK_FILE = ".ai-industry.lock"
ORPHAN_DIRS = ("reports", "data/interim", "data/processed")


class BuildBusy(Exception):
    """Another build of this project holds the lock."""


@contextlib.contextmanager
def build_lock(root: Path, wait: bool = False, on_wait=None) -> Iterator[Path]:
    """Hold the project's build lock. With `wait`, block until it is free (calling `on_wait(holder)` once
    first); without, raise BuildBusy naming the holder's pid."""
    path = root / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if not wait:
                raise BuildBusy(
                    f"another build of this project is running (pid {holder}); wait for it to finish"
                ) from None
            if on_wait:
                on_wait(holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode().strip() or "unknown"
    except OSError:
        return "unknown"


def release_stale_snakemake_locks(root: Path) -> list[Path]:
    """Remove Snakemake's lock files (call only while holding `build_lock`: then they are stale)."""
    locks = root / ".snakemake" / "locks"
    found = sorted(p for p in locks.iterdir() if p.is_file()) if locks.is_dir() else []
    for p in found:
        p.unlink()
    return found


def remove_orphans(root: Path, older_than_s: float = 0.0) -> list[Path]:
    """Remove temporary files of interrupted atomic writes and section staging folders under the build's
    output folders (call only while holding `build_lock`)."""
    removed: list[Path] = []
    now = time.time()
    for rel in ORPHAN_DIRS:
        base = root / rel
        if not base.is_dir():
            continue
        for p in base.rglob(".*.tmp"):
            if p.is_file() and now - p.stat().st_mtime >= older_than_s:
                p.unlink()
                removed.append(p)
    staging = root / "reports" / ".staging"
    if staging.is_dir():
        for p in sorted(staging.iterdir()):
            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink()
            removed.append(p)
    return removed
