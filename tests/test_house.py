"""The rules of the house (pyproject.toml [tool.importlinter]): the contracts hold, and they do fail when a
forbidden import is added."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LINT = Path(sys.executable).with_name("lint-imports")


def lint(src: Path, config: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT), "--config", str(config), "--no-cache", "--no-logo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_house_rules_hold(repo):
    proc = lint(repo / "src", repo / "pyproject.toml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "broken" in proc.stdout and " 0 broken" in proc.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("methods/stats.py", "from ai_industry.present import labels", "methods import neither present"),
        (
            "methods/growth.py",
            "from ai_industry.chapters.nansha_proposal import targets_key_figures",
            "methods import neither present",
        ),
        ("pipeline/layout.py", "from ai_industry.present import chapter", "pipeline imports neither present"),
        (
            "chapters/nansha_proposal/targets_key_figures.py",
            "from ai_industry.chapters.china_ai_industry_2022 import china_market",
            "other report's",
        ),
        ("catalog/expr.py", "from ai_industry.methods import growth", "the catalog imports no method"),
        ("paths.py", "from ai_industry.catalog import sections", "import no wing"),
        ("methods/stats.py", "from ai_industry.methods import distributions", "no import cycles"),
    ],
)
def test_a_forbidden_import_breaks_the_house(repo, tmp_path, module, line, contract):
    src = tmp_path / "src"
    shutil.copytree(repo / "src" / "ai_industry", src / "ai_industry", ignore=shutil.ignore_patterns("__pycache__"))
    target = src / "ai_industry" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # added by the test\n", encoding="utf-8")
    proc = lint(src, repo / "pyproject.toml")
    assert proc.returncode != 0
    broken = [ln for ln in proc.stdout.splitlines() if ln.endswith("BROKEN")]
    assert any(contract in ln for ln in broken), proc.stdout
