"""Finding and reading a firm database's two tables — organisations and relations — from CSV (UTF-8, UTF-8-BOM
or GB18030), XLSX or Parquet: a folder holding `organisations.*` and `relations.*`, one workbook with sheets
`organisations` and `relations`, or two paths (organisations first) separated by ";". Every cell is read as
text; the file line (CSV) or sheet row (XLSX) of each data row is kept so that errors can name it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ai_industry.errors import DataError
from ai_industry.io import read_text_table

SUFFIXES = (".csv", ".xlsx", ".parquet")
TABLES = ("organisations", "relations")
ALIASES = {
    "organizations": "organisations",
    "orgs": "organisations",
    "nodes": "organisations",
    "edges": "relations",
}


@dataclass
class RawTable:
    """One table as text: `df` (every cell a str, empty = ''), the file (and sheet) it came from, and where each
    data row sits: `row_lines` (file line or sheet row, 1-based) or None (Parquet: rows are counted)."""

    df: pd.DataFrame
    file: str
    row_lines: list[int] | None


def _in_folder(folder: Path, table: str) -> Path:
    names = [table, *[k for k, v in ALIASES.items() if v == table]]
    found = [folder / f"{n}{s}" for n in names for s in SUFFIXES if (folder / f"{n}{s}").is_file()]
    if not found:
        raise DataError(
            str(folder),
            message=f"no {table} table: expected {table}.csv, {table}.xlsx or {table}.parquet in this folder",
        )
    if len(found) > 1:
        raise DataError(str(folder), message=f"more than one {table} table: {', '.join(p.name for p in found)}")
    return found[0]


def locate(database: str | Path | Sequence[str | Path]) -> tuple[Path, str | None, Path, str | None]:
    """(organisations path, its sheet, relations path, its sheet) of a database given as a folder, a workbook
    with both sheets, or two paths (organisations first; a string with ';' between them)."""
    if isinstance(database, (list, tuple)):
        parts = [Path(p) for p in database]
    else:
        parts = [Path(p.strip()) for p in str(database).split(";") if p.strip()]
    if len(parts) == 2:
        return parts[0], None, parts[1], None
    if len(parts) != 1:
        raise DataError(str(database), message="give a folder, a workbook, or two files (organisations;relations)")
    path = parts[0]
    if path.is_dir():
        return _in_folder(path, "organisations"), None, _in_folder(path, "relations"), None
    if path.suffix.lower() == ".xlsx" and path.is_file():
        return path, "organisations", path, "relations"
    raise DataError(
        str(path),
        message="the file does not exist"
        if not path.exists()
        else "a single file must be a workbook (.xlsx) "
        "with sheets 'organisations' and 'relations'; otherwise give a folder or two files",
    )


def read_table(path: Path, sheet: str | None = None, table: str = "") -> RawTable:
    """One table as text with the position of each row (see `RawTable`); a workbook given without a sheet
    is read from its sheet named `table` if it has one, else from its first sheet."""
    path = Path(path)
    if not path.is_file():
        raise DataError(str(path), message="the file does not exist" if not path.exists() else "a folder, not a file")
    suffix = path.suffix.lower()
    label = f"{path}[{sheet}]" if sheet else str(path)
    if suffix == ".csv":
        df = read_text_table(path, arrow=True)
        lines = df.attrs.get("row_lines")
        df.attrs.clear()
        return RawTable(_headers(df, label), label, lines)
    if suffix == ".xlsx":
        if sheet is None and table:
            sheet = _sheet_named(path, table)
            label = f"{path}[{sheet}]" if sheet else str(path)
        try:
            df = pd.read_excel(path, sheet_name=sheet or 0, dtype=str, keep_default_na=False, engine="openpyxl")
        except ValueError as exc:
            raise DataError(str(path), message=f"cannot read the workbook: {exc}") from None
        except Exception as exc:  # zipfile.BadZipFile, KeyError from openpyxl …
            raise DataError(str(path), message=f"not a readable .xlsx workbook ({type(exc).__name__})") from None
        df = df.fillna("").astype(str)
        return RawTable(_headers(df, label), label, list(range(2, len(df) + 2)))
    if suffix == ".parquet":
        try:
            df = pd.read_parquet(path)
        except Exception as exc:  # pyarrow's errors vary by cause
            raise DataError(str(path), message=f"not a readable Parquet file ({type(exc).__name__})") from None
        text = df.copy()
        for i in range(df.shape[1]):  # by position: a repeated column name stays two columns
            text.isetitem(i, _as_text(df.iloc[:, i]))
        return RawTable(_headers(text, label), label, None)
    raise DataError(str(path), message=f"unsupported file type {suffix!r}: use .csv, .xlsx or .parquet")


def _as_text(col: pd.Series) -> pd.Series:
    """A Parquet column as text, empty for a missing value: a text column as it is (Arrow-backed, no Python
    objects for 2,000,000 rows), any other through str() of each value."""
    if isinstance(col.dtype, pd.StringDtype):
        return col.fillna("")
    return col.astype(object).where(col.notna(), "").astype(str)


def _sheet_named(path: Path, table: str) -> str | None:
    try:
        from openpyxl import load_workbook

        names = load_workbook(path, read_only=True).sheetnames
    except Exception:  # unreadable workbooks are reported by read_excel itself
        return None
    return table if table in names else None


def _headers(df: pd.DataFrame, label: str) -> pd.DataFrame:
    """Column names lower-cased, stripped, spaces as underscores; a table without rows is refused."""
    if len(df) == 0:
        raise DataError(label, message="the table has no rows (a header only)")
    df.columns = [str(c).strip().lower().replace(" ", "_") for c in df.columns]
    return df.reset_index(drop=True)


def read_database(database: str | Path | Sequence[str | Path]) -> tuple[RawTable, RawTable]:
    """(organisations, relations) as text tables."""
    org_path, org_sheet, rel_path, rel_sheet = locate(database)
    return read_table(org_path, org_sheet, "organisations"), read_table(rel_path, rel_sheet, "relations")
