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


@pytest.fixture(scope="session")
def products(processed_datasets) -> None:
    """The build products (config/sections.yaml `products:`, e.g. the SYNTHETIC demo firm database) made in the
    project's data/interim/ where a file is missing or older than what it is made from (its reads, the products
    it needs, its code), as the build's Snakemake rule would: the chapter tests on the demo read them."""
    from ai_industry.catalog import datasets as catalog
    from ai_industry.catalog.sections import load_config
    from ai_industry.pipeline import deps, runner

    cfg = load_config(REPO)
    done: set[str] = set()

    def make(pid: str) -> None:
        if pid in done:
            return
        prod = cfg.product(pid)
        for need in prod.needs:
            make(need)
        sources = [REPO / f for f in cfg.product_files(prod.needs)]
        sources += [p for pattern in prod.reads for p in REPO.glob(pattern)]
        sources += [catalog.processed_path(d, REPO) for d in prod.datasets]
        sources += [Path(p) for p in deps.module_closure(str(REPO / "src"), frozenset({prod.module}))]
        newest = max(p.stat().st_mtime for p in sources)
        outs = [REPO / f for f in prod.outputs.values()]
        if not all(p.is_file() and p.stat().st_mtime >= newest for p in outs):
            runner.run_product(pid, REPO)
        done.add(pid)

    for pid in cfg.products:
        make(pid)
