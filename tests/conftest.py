from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session", autouse=True)
def processed_datasets() -> None:
    """The published datasets prepared (ingest + clean, as the build's first step) into the project's own
    data/processed/ wherever one is missing or older than its raw file or its sources.yaml: the chapter tests
    read them, and a fresh clone has none. Takes ~2 s for all; nothing when the build is current."""
    from ai_industry.catalog import datasets as catalog
    from ai_industry.catalog import sources as published
    from ai_industry.pipeline import steps

    src = published.load_sources(REPO)
    newest_registry = published.sources_mtime(REPO)
    for ds in src.datasets.values():
        out = catalog.processed_path(ds.id, REPO)
        raw = REPO / "data" / "raw" / "published" / ds.file
        if not out.is_file() or out.stat().st_mtime < max(raw.stat().st_mtime, newest_registry):
            steps.prepare_published(ds.id, REPO)
