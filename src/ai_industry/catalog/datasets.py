"""The catalog: every dataset by id (`<layer>/<report>/<name>`), where it came from, and how to load it.

Section notebooks load data only through `load(dataset_id)`, which reads the validated parquet that the
clean step wrote to data/processed/.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ai_industry.catalog.sources import DatasetSource, load_sources
from ai_industry.contract import declared_inputs, record_loaded
from ai_industry.errors import ConfigError
from ai_industry.paths import interim_dir, processed_dir, project_root


def source(dataset_id: str, root: Path | None = None) -> DatasetSource:
    """The sources.yaml entry of a published dataset."""
    return load_sources(root).dataset(dataset_id)


def dataset_ids(root: Path | None = None) -> list[str]:
    """All dataset ids the catalog knows, sorted."""
    return sorted(load_sources(root).datasets)


def interim_path(dataset_id: str, root: Path | None = None) -> Path:
    return interim_dir(root) / f"{dataset_id}.parquet"


def processed_path(dataset_id: str, root: Path | None = None) -> Path:
    return processed_dir(root) / f"{dataset_id}.parquet"


def load(dataset_id: str, root: Path | None = None) -> pd.DataFrame:
    """The validated processed table of `dataset_id`."""
    root = root or project_root()
    source(dataset_id, root)  # unknown ids fail with the list of known ones
    declared = declared_inputs()
    if declared is not None and dataset_id not in declared:
        raise ConfigError(
            f"dataset '{dataset_id}' is not an input of this section in config/sections.yaml "
            f"(declared: {', '.join(declared) or 'none'}); add it there so the build knows the dependency"
        )
    path = processed_path(dataset_id, root)
    if not path.is_file():
        raise ConfigError(
            f"dataset '{dataset_id}' has not been built yet ({path} is missing): run `ai-industry build` "
            f"(or `make all`) first"
        )
    record_loaded(dataset_id)
    return pd.read_parquet(path)
