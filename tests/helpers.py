"""Helpers shared by tests: a copy of the project to build in isolation, and the CLI run against it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COPY_ITEMS = ("config", "data/raw", "notebooks", "workflow", "src", "pyproject.toml")


def copy_project(dest: Path) -> Path:
    """A copy of the project's inputs (no build outputs) to build in isolation."""
    for item in COPY_ITEMS:
        src = REPO / item
        if src.is_dir():
            shutil.copytree(src, dest / item, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "_parts"))
        else:
            (dest / item).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / item)
    return dest


def cli(root: Path, *args: str, check: bool = False) -> subprocess.CompletedProcess:
    """Run `ai-industry` against the project at `root`, using that project's src/."""
    env = {**os.environ, "AI_INDUSTRY_ROOT": str(root), "PYTHONPATH": str(root / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "ai_industry.cli", *args], cwd=root, env=env, capture_output=True, text=True, timeout=900
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"ai-industry {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def killed_build(root: Path, args: list[str] | tuple[str, ...], after_s: float) -> bool:
    """Start `ai-industry <args> --force` against `root` and SIGKILL its whole process group (CLI, Snakemake,
    jobs, kernels) `after_s` seconds later, as a power cut or an OOM kill would; True when it was still running."""
    import signal
    import time

    env = {**os.environ, "AI_INDUSTRY_ROOT": str(root), "PYTHONPATH": str(root / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ai_industry.cli", *args, "--force"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(after_s)
    running = proc.poll() is None
    if running:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return running
