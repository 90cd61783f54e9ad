"""Linting is part of the test command: ruff (format and rules, configured in pyproject.toml) on src/, tests/
and benchmarks/, and nbqa running ruff's rules over the notebooks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
PY_DIRS = ["src", "tests", "benchmarks"]


def run(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*args], cwd=repo, capture_output=True, text=True, timeout=300)


def test_ruff_format_is_clean(repo):
    proc = run(repo, str(BIN / "ruff"), "format", "--check", *PY_DIRS)
    assert proc.returncode == 0, "run `ruff format src tests benchmarks`:\n" + proc.stdout + proc.stderr


def test_ruff_rules_are_clean(repo):
    proc = run(repo, str(BIN / "ruff"), "check", *PY_DIRS)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_notebooks_pass_ruff_through_nbqa(repo):
    proc = run(repo, str(BIN / "nbqa"), "ruff", "notebooks")
    assert proc.returncode == 0, proc.stdout + proc.stderr
