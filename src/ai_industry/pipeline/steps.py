"""The ingest and clean steps for published datasets (called by notebooks/ingest and notebooks/clean).

ingest: raw CSV (UTF-8/UTF-8-BOM/GB18030) -> typed table (data/interim/<id>.parquet)
clean:  interim table -> validated by its pandera schema -> data/processed/<id>.parquet (atomic)
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pandas as pd

from ai_industry.catalog import datasets as catalog
from ai_industry.catalog.schemas import build_schema, cast_table, validate
from ai_industry.errors import DataError
from ai_industry.io import read_text_table, write_parquet
from ai_industry.paths import project_root


def ingest_published(dataset_id: str, root: Path | None = None) -> pd.DataFrame:
    """Read the raw transcription of `dataset_id`, cast its columns, write the interim parquet."""
    root = root or project_root()
    src = catalog.source(dataset_id, root)
    raw_path = src.raw_path(root)
    rel = str(raw_path.relative_to(root)) if raw_path.is_relative_to(root) else str(raw_path)
    if not raw_path.is_file():
        raise DataError(
            rel,
            message="the raw file is missing"
            + (" (a folder stands there)" if raw_path.exists() else "")
            + f"; restore it (git checkout -- {rel}) or remove the dataset from its sources.yaml",
        )
    raw = None
    try:
        raw = read_text_table(raw_path)
        if raw.empty and not src.entry.get("allow_empty"):
            raise DataError(
                rel,
                message="the table has a header but no data rows (declare `allow_empty: true` in "
                "its sources.yaml entry if an empty table is meant)",
            )
        typed = cast_table(raw, src.columns, rel, key=src.key)
    except DataError as exc:
        exc.file, exc.line_offset = rel, 1
        exc.row_lines = raw.attrs.get("row_lines") if raw is not None else None
        raise
    write_parquet(typed, catalog.interim_path(dataset_id, root))
    return typed


def clean_published(dataset_id: str, root: Path | None = None) -> pd.DataFrame:
    """Validate the interim table of `dataset_id` against its schema and write the processed parquet."""
    root = root or project_root()
    src = catalog.source(dataset_id, root)
    df = pd.read_parquet(catalog.interim_path(dataset_id, root))
    schema = build_schema(src.columns, src.key, src.checks, name=dataset_id)
    rel = str(src.raw_path(root).relative_to(root))
    try:
        valid = validate(df, schema, rel)
    except DataError as exc:
        exc.line_offset = 1
        with contextlib.suppress(DataError):
            exc.row_lines = read_text_table(src.raw_path(root)).attrs.get("row_lines")
        raise
    write_parquet(valid, catalog.processed_path(dataset_id, root))
    return valid


def prepare_published(dataset_id: str, root: Path | None = None) -> pd.DataFrame:
    """Ingest then clean one published dataset (the build's job for it)."""
    ingest_published(dataset_id, root)
    return clean_published(dataset_id, root)
