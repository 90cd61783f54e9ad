"""Provenance: what every executed section used and produced (reports/manifest.json)."""

from __future__ import annotations

import json
import platform
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from ai_industry.catalog import datasets as catalog
from ai_industry.io import sha256_file, write_text
from ai_industry.pipeline.deps import notebook_source_sha256

PACKAGES = (
    "ai-industry-reports",
    "pandas",
    "numpy",
    "pyarrow",
    "pandera",
    "matplotlib",
    "seaborn",
    "statsmodels",
    "papermill",
    "nbconvert",
    "nbformat",
    "ipykernel",
    "weasyprint",
    "mplfonts",
    "snakemake",
    "igraph",
    "powerlaw",
)


def package_versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def git_commit(root: Path) -> str:
    """HEAD commit of the checkout at `root`, with '+dirty' when tracked files other than notebooks differ;
    'unknown' outside git. Notebooks are left out of the check: their sources are hashed in the record itself
    (`notebook_sha256`), and comparing them runs the nbstripout filter, a Python process per notebook, which
    took ~27 s in a fresh clone (past the 10 s timeout, so every record of such a build said 'unknown')."""
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10)
        if head.returncode != 0:
            return "unknown"
        # --no-optional-locks: a read-only status. A plain `git status` refreshes the index under .git/index.lock;
        # killed by the timeout (a loaded machine, several jobs at once) it left that lock behind, and every git
        # command of the user's failed until they removed it by hand
        dirty = subprocess.run(
            [
                "git",
                "--no-optional-locks",
                "status",
                "--porcelain",
                "--untracked-files=no",
                "--",
                ".",
                ":(exclude)*.ipynb",
            ],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
        )
        return head.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def input_hashes(dataset_ids: list[str], root: Path) -> dict[str, dict[str, str]]:
    """sha256 of each input dataset's processed parquet and of the raw file it was built from."""
    out = {}
    for ds in dataset_ids:
        if ":" in ds:
            continue
        entry = {
            "processed": str(catalog.processed_path(ds, root).relative_to(root)),
            "sha256": sha256_file(catalog.processed_path(ds, root)),
        }
        raw = catalog.source(ds, root).raw_path(root)
        entry["raw"] = str(raw.relative_to(root))
        entry["raw_sha256"] = sha256_file(raw)
        out[ds] = entry
    return out


def section_record(
    *,
    section_id: str,
    lang: str,
    notebook: Path,
    parameters: dict[str, Any],
    inputs: list[str],
    root: Path,
    start: str,
    end: str,
    duration_s: float,
    status: str,
    outputs: dict[str, str] | None = None,
    error: str | None = None,
    loaded: list[str] | None = None,
    products: list[str] | None = None,
) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "section": section_id,
        "lang": lang,
        "status": status,
        "notebook": str(notebook.relative_to(root)) if notebook.is_relative_to(root) else str(notebook),
        # of the cells' sources only (pipeline.deps.notebook_source_sha256): outputs saved from JupyterLab
        # do not change what a chapter was built from
        "notebook_sha256": notebook_source_sha256(notebook),
        "parameters": parameters,
        "inputs": input_hashes(inputs, root) if status == "ok" else {},
        "git_commit": git_commit(root),
        "packages": package_versions(),
        "start": start,
        "end": end,
        "duration_s": round(duration_s, 3),
    }
    if products and status == "ok":
        rec["products"] = product_hashes(products, root)
    if loaded is not None:  # the inputs the notebook actually loaded (declared ones it never read are not here)
        rec["loaded"] = loaded
    if outputs:
        rec["outputs"] = outputs
    if error:
        rec["error"] = error
    return rec


def write_record(rec: dict[str, Any], path: Path) -> Path:
    return write_text(json.dumps(rec, ensure_ascii=False, indent=2, sort_keys=False) + "\n", path)


def merge(out: Path) -> dict[str, Any]:
    """All section records under out/manifest/ (ok and failed) as one document."""
    records = []
    base = out / "manifest"
    if base.is_dir():
        for p in sorted(base.rglob("*.json")):
            records.append(json.loads(p.read_text(encoding="utf-8")))
    return {"generated": now(), "sections": records}


def product_hashes(product_ids: list[str], root: Path) -> dict[str, dict[str, str]]:
    """sha256 of every file of each build product a section read (config/sections.yaml `products:`)."""
    from ai_industry.catalog.sections import load_config

    cfg = load_config(root)
    return {p: {f: sha256_file(root / f) for f in cfg.product(p).outputs.values()} for p in product_ids}
