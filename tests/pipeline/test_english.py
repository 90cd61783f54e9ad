"""The English smoke run of every chapter: an English build of the whole project in a copy, through the warm
worker. Its own file, so that pytest-xdist runs it beside test_build.py's other builds (one file stays on one
worker)."""

import json

import pytest
from helpers import cli, copy_project

pytestmark = pytest.mark.pipeline


def test_every_chapter_runs_in_english(tmp_path):
    """Smoke run of every section (en; zh is the other tests' language) on the embedded data, the way a build
    runs it: `ai-industry build --langs en` in a copy of the project, so through the warm worker, with every
    chapter's HTML and PDF, the books and the index; each chapter page shows its source lines."""
    from ai_industry.catalog.sections import load_config

    root = copy_project(tmp_path / "p")
    proc = cli(root, "build", "--langs", "en", "--cores", "2")
    sections = load_config(root).sections()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"{len(sections)} section notebooks executed" in proc.stderr, proc.stderr
    missing = []
    for sec in sections:
        page = root / "reports/html/en" / sec.report / f"{sec.stem}.html"
        if not page.is_file() or "Source:" not in page.read_text(encoding="utf-8"):
            missing.append(sec.id)
        if not (root / "reports/pdf/en" / sec.report / f"{sec.stem}.pdf").is_file():
            missing.append(f"{sec.id} (PDF)")
    assert not missing, f"chapters without a page, a PDF or a source line: {missing}"
    for rep in load_config(root).reports:
        assert (root / "reports/pdf/en" / f"{rep}.pdf").is_file() and (
            root / "reports/html/en" / rep / "index.html"
        ).is_file()
    # every transcribed dataset reaches a chapter: the datasets no section loads are exactly those still waiting
    # for one (issue 17); a dataset that falls out of use, or a new one no chapter reads, fails here
    from ai_industry.catalog.sources import load_sources

    loaded = set()
    for rec in (json.loads(p.read_text(encoding="utf-8")) for p in (root / "reports/manifest/en").rglob("*.json")):
        loaded |= set(rec["loaded"])
    unused = set(load_sources(root).datasets) - loaded
    assert unused == NOT_YET_IN_A_CHAPTER, f"unused now: {sorted(unused)}"


# Transcribed, cited and validated, but no chapter shows them yet: empty since issue 17, so a dataset no chapter
# loads fails the test above. Add an entry only for a dataset deliberately waiting for its chapter.
NOT_YET_IN_A_CHAPTER: set[str] = set()
