"""The runner-kernel contract: the environment variables the runner sets for a section's kernel, read here
and nowhere else (the pipeline writes them with `kernel_env`, the catalog and the Chapter API read them).

A notebook opened in JupyterLab has none of them set and falls back to its defaults: the project root found
from the working folder, outputs under reports/, any catalog dataset loadable, and the section named in
its own parameters cell.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV = "AI_INDUSTRY_ROOT"  # the project root
OUTPUT_ENV = "AI_INDUSTRY_OUTPUT_DIR"  # where figures and tables go (the section's staging folder)
INPUTS_ENV = "AI_INDUSTRY_INPUTS"  # comma-separated dataset ids the section declares in sections.yaml
SECTION_ENV = "AI_INDUSTRY_SECTION"  # the section id being executed, e.g. ai-clusters-2023/geography
PRODUCTS_ENV = "AI_INDUSTRY_PRODUCTS"  # comma-separated build products the section declares in sections.yaml


def kernel_env(
    root: Path,
    output: Path,
    inputs: list[str] | tuple[str, ...],
    section_id: str,
    products: list[str] | tuple[str, ...] = (),
) -> dict[str, str]:
    """The environment a section's kernel runs with."""
    return {
        ROOT_ENV: str(root),
        OUTPUT_ENV: str(output),
        INPUTS_ENV: ",".join(inputs),
        SECTION_ENV: section_id,
        PRODUCTS_ENV: ",".join(products),
    }


def root_override() -> Path | None:
    """The project root set by the runner (or the user), if any."""
    env = os.environ.get(ROOT_ENV)
    return Path(env).resolve() if env else None


def output_override() -> Path | None:
    """The output folder set by the runner, if any."""
    env = os.environ.get(OUTPUT_ENV)
    return Path(env) if env else None


def declared_inputs() -> list[str] | None:
    """The dataset ids the running section declares, or None outside a build (everything loadable)."""
    env = os.environ.get(INPUTS_ENV)
    return None if env is None else [d for d in env.split(",") if d]


def declared_products() -> list[str] | None:
    """The build products the running section declares, or None outside a build (every product readable)."""
    env = os.environ.get(PRODUCTS_ENV)
    return None if env is None else [p for p in env.split(",") if p]


def current_section() -> str | None:
    """The id of the section the runner is executing, or None in an interactive session."""
    return os.environ.get(SECTION_ENV) or None


LOADED_FILE = ".loaded"  # in the output folder: the dataset ids the section's kernel loaded, one per line


def record_loaded(dataset_id: str) -> None:
    """Note that the running section loaded `dataset_id` (the runner puts the list in its manifest record, so
    a test can find declared inputs no chapter reads). Nothing outside a build."""
    out = output_override()
    if out is None or os.environ.get(SECTION_ENV) is None:
        return
    out.mkdir(parents=True, exist_ok=True)
    with open(out / LOADED_FILE, "a", encoding="utf-8") as fh:
        fh.write(dataset_id + "\n")


def loaded_in(output: Path) -> list[str]:
    """The dataset ids recorded by `record_loaded` in `output`, sorted and unique."""
    path = output / LOADED_FILE
    return sorted(set(path.read_text(encoding="utf-8").split())) if path.is_file() else []
