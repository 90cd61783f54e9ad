"""The files of a patent export: their encoding, the header row among the first rows (header variants from
rules/patent_headers.yaml), and the text (csv/tsv/txt) and Excel readers that turn the mapped columns into Arrow
columns. `read` turns those into a `PatentExport`."""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import io as _io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

from ai_industry.errors import DataError, Problem
from ai_industry.io import ENCODINGS, arrow_csv, count_lines, detect_encoding
from ai_industry.methods.patents.rules import HeaderRules, norm_header

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_HEADER_SCAN_ROWS = 30
_SNIFF_BYTES = 1 << 18
_STREAM_BLOCK = 1 << 24
_MAX_LISTED = 2000


# ---- the files -------------------------------------------------------------------------------------------------
def file_encoding(path: Path | str) -> str:
    """The encoding of a text file by `ai_industry.io.detect_encoding`'s rule (UTF-8 with or without BOM, else
    GB18030), checked block by block so a 1 GB export is never held decoded in memory."""
    path = Path(path)
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(4)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
            raise DataError(
                str(path), message="the file is UTF-16/32 encoded; save it as UTF-8 (or GB18030) CSV or as xlsx"
            )
    if size <= 4 * _STREAM_BLOCK:
        try:
            return detect_encoding(path.read_bytes())
        except UnicodeDecodeError as exc:
            raise DataError(
                str(path),
                message=f"cannot decode the file as UTF-8 or GB18030 ({exc}); save it as UTF-8 CSV or as xlsx",
            ) from None
    for enc in ENCODINGS:
        dec = codecs.getincrementaldecoder(enc)()
        try:
            with open(path, "rb") as fh:
                for block in iter(lambda: fh.read(_STREAM_BLOCK), b""):
                    dec.decode(block)
                dec.decode(b"", final=True)
            return enc
        except UnicodeDecodeError:
            continue
    raise DataError(str(path), message="cannot decode the file as UTF-8 or GB18030; save it as UTF-8 CSV or as xlsx")


def _sniff_encoding(path: Path) -> str:
    """The encoding by io.detect_encoding's rule on the file's first 256 KB (cut at a line end, which is a character
    boundary in UTF-8 and GB18030); the reader checks the rest (Arrow validates UTF-8 and the reader falls back to
    GB18030 if a later row is not UTF-8)."""
    with open(path, "rb") as fh:
        raw = fh.read(_SNIFF_BYTES)
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise DataError(
            str(path), message="the file is UTF-16/32 encoded; save it as UTF-8 (or GB18030) CSV or as xlsx"
        )
    if len(raw) == _SNIFF_BYTES and b"\n" in raw:
        raw = raw[: raw.rindex(b"\n") + 1]
    try:
        return detect_encoding(raw)
    except UnicodeDecodeError as exc:
        raise DataError(
            str(path), message=f"cannot decode the file as UTF-8 or GB18030 ({exc}); save it as UTF-8 CSV or as xlsx"
        ) from None


def _match_header(cells: Sequence[object], lookup: dict[str, tuple[str, int]]) -> dict[str, tuple[int, str]]:
    """Canonical field -> (column index, header text) for one candidate header row (best priority wins)."""
    found: dict[str, tuple[int, int, str]] = {}
    for i, cell in enumerate(cells):
        if cell is None:
            continue
        hit = lookup.get(norm_header(cell))
        if hit is None:
            continue
        fld, prio = hit
        if fld not in found or prio < found[fld][1]:
            found[fld] = (i, prio, str(cell))
    return {f: (i, h) for f, (i, _, h) in found.items()}


def _best_header(
    rows: list[list[object]], lookup: dict[str, tuple[str, int]]
) -> tuple[int, dict[str, tuple[int, str]]]:
    best, best_map = -1, {}
    for r, cells in enumerate(rows[:_HEADER_SCAN_ROWS]):
        m = _match_header(cells, lookup)
        if len(m) > len(best_map):
            best, best_map = r, m
    return (best, best_map) if len(best_map) >= 2 else (-1, {})


def _missing_required(mapping: Mapping[str, Any], rules: HeaderRules) -> list[tuple[str, ...]]:
    return [group for group in rules.required if not any(f in mapping for f in group)]


def _missing_error(
    file: str, missing: list[tuple[str, ...]], rules: HeaderRules, seen: Sequence[object], matched: int
) -> DataError:
    problems = []
    for group in missing:
        accepted = "; ".join(f"{f}: {', '.join(rules.fields[f][:6])}" for f in group)
        what = "one of these columns is required" if len(group) > 1 else "required column is missing"
        problems.append(
            Problem(f"{what} (accepted headers — {accepted}; add yours with extra_headers=)", None, " | ".join(group))
        )
    shown = [str(s) for s in seen if s not in (None, "")][:40]
    msg = f"the export lacks required columns; headers found: {shown}"
    if matched == 0:
        msg += (
            " — no header was recognised at all: if these look garbled the file may be in another encoding "
            "(only UTF-8 and GB18030 are read), or the header row is further down than row "
            f"{_HEADER_SCAN_ROWS}"
        )
    return DataError(file, problems, msg)


def _sniff_text(path: Path, enc: str, rules: HeaderRules) -> tuple[str, int, list[str], dict[str, tuple[int, str]]]:
    """Delimiter, header row index (0-based CSV row), header cells and the field mapping of a text export."""
    with open(path, "rb") as fh:
        raw = fh.read(_SNIFF_BYTES)
    if len(raw) == _SNIFF_BYTES and b"\n" in raw:
        raw = raw[: raw.rindex(b"\n") + 1]
    text = raw.decode(enc, errors="replace")
    lookup = rules.lookup()
    best: tuple[int, int, str, list[list[str]], dict] = (-1, -1, ",", [], {})
    for delim in (",", "\t", ";"):
        try:
            rows = []
            for row in csv.reader(_io.StringIO(text), delimiter=delim):
                rows.append(row)
                if len(rows) >= _HEADER_SCAN_ROWS:
                    break
        except csv.Error:
            continue
        r, m = _best_header(rows, lookup)
        if r >= 0 and len(m) > best[0]:
            best = (len(m), r, delim, rows, m)
    n, r, delim, rows, m = best
    if r < 0:
        first = next(csv.reader(_io.StringIO(text)), []) if text.strip() else []
        raise _missing_error(str(path), list(rules.required), rules, first, 0)
    return delim, r, [str(c) for c in rows[r]], m


def _unique_names(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(header):
        name = h if h.strip() else f"column_{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name}__{seen[name]}"
        else:
            seen[name] = 1
        out.append(name)
    return out


def _locate_lines(path: Path, enc: str, texts: set[str]) -> dict[str, int]:
    """1-based file line of the first line equal to each of `texts` (for error messages; only on the error path)."""
    found: dict[str, int] = {}
    if not texts:
        return found
    with open(path, encoding=enc, errors="replace", newline="") as fh:
        for i, line in enumerate(fh, start=1):
            line = line.rstrip("\r\n")
            if line in texts and line not in found:
                found[line] = i
                if len(found) == len(texts):
                    break
    return found


def _arrow_csv(
    path: Path, encoding: str, newlines: bool, delim: str, hrow: int, names: list[str], wanted: dict[str, str]
) -> tuple[pa.Table, list[Any]]:
    """The `wanted` columns of a text export (rows after the header row `hrow`, columns named `names`, empty cells
    null) by `ai_industry.io.arrow_csv`, and the rows with another number of cells (at most _MAX_LISTED)."""
    return arrow_csv(path, encoding, newlines, delim, hrow + 1, names, list(wanted.values()), True, _MAX_LISTED)


def _parse_text(
    path: Path, enc: str, expected: int, delim: str, hrow: int, names: list[str], wanted: dict[str, str]
) -> tuple[pa.Table, list[Any], str]:
    """(table, invalid rows, encoding) of a text export: read with line breaks as row ends, again allowing line
    breaks in quoted cells when rows are malformed or not the `expected` number, and again as GB18030 when a
    UTF-8 file turns out not to be; a file that cannot be decoded or parsed is a DataError."""
    try:
        try:
            table, invalid = _arrow_csv(path, enc, False, delim, hrow, names, wanted)
            if invalid or table.num_rows != expected:
                table, invalid = _arrow_csv(path, enc, True, delim, hrow, names, wanted)
        except pa.ArrowInvalid as exc:
            if not (enc.startswith("utf-8") and "utf8" in str(exc).lower().replace("-", "")):
                raise
            enc = "gb18030"
            table, invalid = _arrow_csv(path, enc, True, delim, hrow, names, wanted)
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        text = str(exc)
        if isinstance(exc, UnicodeDecodeError) or "utf8" in text.lower().replace("-", ""):
            raise DataError(
                str(path), message="cannot decode the file as UTF-8 or GB18030; save it as UTF-8 CSV or as xlsx"
            ) from None
        raise DataError(str(path), message=f"cannot parse the table: {text[:300]}") from None
    return table, invalid, enc


def _invalid_rows_error(path: Path, enc: str, hrow: int, invalid: list[Any]) -> DataError:
    """The error for rows with another number of cells than the header, each located by its line in the file."""
    lines_of = _locate_lines(path, enc, {text for *_, text in invalid if text})
    problems = []
    for _, exp, act, text in invalid:
        line = lines_of.get(text)
        problems.append(
            Problem(
                f"the row has {act} cells where the header has {exp}",
                line - (hrow + 1) if line else None,
                None,
                (text or "")[:80] + ("…" if text and len(text) > 80 else ""),
            )
        )
    return DataError(
        str(path),
        problems,
        f"{len(invalid)} row(s) do not have as many cells as the header (a stray delimiter or an unquoted line break?)",
        hrow + 1,
    )


def _read_text(path: Path, rules: HeaderRules) -> tuple[dict[str, pa.ChunkedArray], dict[str, Any]]:
    """The mapped columns of a CSV/TSV export as Arrow string columns (empty cells null), plus how it was read.

    Fast path: Arrow's multi-threaded parser with line breaks as row ends; when the row count shows quoted line
    breaks inside cells (or rows are malformed), the file is read again allowing them. A file whose first 256 KB
    is UTF-8 but a later row is not is read again as GB18030."""
    enc = _sniff_encoding(path)
    delim, hrow, header, mapping = _sniff_text(path, enc, rules)
    missing = _missing_required(mapping, rules)
    if missing:
        raise _missing_error(str(path), missing, rules, header, len(mapping))
    names = _unique_names(header)
    wanted = {f: names[i] for f, (i, _) in mapping.items()}
    lines, ends_with_lf = count_lines(path, _STREAM_BLOCK)
    expected = lines - (hrow + 1) + (0 if ends_with_lf else 1)
    table, invalid, enc = _parse_text(path, enc, expected, delim, hrow, names, wanted)
    if invalid:
        raise _invalid_rows_error(path, enc, hrow, invalid)
    cols = {f: table.column(c) for f, c in wanted.items()}
    meta = {
        "file": str(path),
        "format": "csv" if delim != "\t" else "tsv",
        "encoding": enc,
        "delimiter": delim,
        "sheet": None,
        "header_row": hrow + 1,
        "line_offset": hrow + 1,
        "columns": {f: mapping[f][1] for f in mapping},
    }
    return cols, meta


def _cell_text(v: object) -> str | None:
    if v is None or v == "":
        return None
    if isinstance(v, _dt.datetime):
        return v.date().isoformat() if v.time() == _dt.time(0) else v.isoformat(sep=" ")
    if isinstance(v, _dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _sheets(wb: Any, path: Path, sheet: str | int | None) -> list[Any]:
    """The worksheets to look in: all of them (`sheet` None), or the one at index `sheet` or named `sheet`."""
    if sheet is None:
        return wb.worksheets
    if isinstance(sheet, int):
        return [wb.worksheets[sheet]]
    if sheet not in wb.sheetnames:
        raise DataError(str(path), message=f"no sheet named {sheet!r} (sheets: {wb.sheetnames})")
    return [wb[sheet]]


def _excel_header(
    sheets: list[Any], path: Path, rules: HeaderRules
) -> tuple[Any, int, dict[str, tuple[int, str]], list[list[Any]]]:
    """(worksheet, header row index, mapping, first rows read) of the first sheet whose header has every required
    column, else of the one whose header maps most columns; a DataError when there is none or it lacks some."""
    lookup = rules.lookup()
    first_seen: list[object] = []
    best = None
    for ws in sheets:
        it = ws.iter_rows(values_only=True)
        head = []
        for row in it:
            head.append(list(row))
            if len(head) >= _HEADER_SCAN_ROWS:
                break
        if not head or all(all(c in (None, "") for c in r) for r in head):
            continue
        if not first_seen:
            first_seen = next((r for r in head if any(c not in (None, "") for c in r)), [])
        r, m = _best_header(head, lookup)
        if r < 0:
            continue
        if best is None or len(m) > len(best[2]):
            best = (ws, r, m, head)
        if not _missing_required(m, rules):
            best = (ws, r, m, head)
            break
    if best is None:
        if not first_seen:
            raise DataError(str(path), message="the workbook is empty (no cells in any sheet)")
        raise _missing_error(str(path), list(rules.required), rules, first_seen, 0)
    ws, hrow, mapping, head = best
    missing = _missing_required(mapping, rules)
    if missing:
        raise _missing_error(str(path), missing, rules, head[hrow], len(mapping))
    return ws, hrow, mapping, head


def _excel_columns(
    ws: Any, hrow: int, mapping: dict[str, tuple[int, str]], head: list[list[Any]]
) -> dict[str, pa.ChunkedArray]:
    """The mapped columns of the rows below the header row (the rows already read in `head`, then the rest of the
    sheet) as Arrow string columns; empty rows are skipped."""
    idx = {f: i for f, (i, _) in mapping.items()}
    values: dict[str, list[str | None]] = {f: [] for f in idx}
    rows = head[hrow + 1 :]
    it = ws.iter_rows(min_row=len(head) + 1, values_only=True)
    for row in _chain(rows, it):
        if not any(c not in (None, "") for c in row):
            continue
        n = len(row)
        for f, i in idx.items():
            values[f].append(_cell_text(row[i]) if i < n else None)
    return {f: pa.chunked_array([pa.array(v, type=pa.string())]) for f, v in values.items()}


def _read_excel(
    path: Path, rules: HeaderRules, sheet: str | int | None
) -> tuple[dict[str, pa.ChunkedArray], dict[str, Any]]:
    """The mapped columns of an xlsx export (the first sheet with a recognisable header, or `sheet`)."""
    import zipfile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DataError(str(path), message=f"not a readable xlsx workbook ({exc})") from None
    try:
        ws, hrow, mapping, head = _excel_header(_sheets(wb, path, sheet), path, rules)
        cols = _excel_columns(ws, hrow, mapping, head)
        meta = {
            "file": str(path),
            "format": "xlsx",
            "encoding": None,
            "delimiter": None,
            "sheet": ws.title,
            "header_row": hrow + 1,
            "line_offset": None,
            "columns": {f: mapping[f][1] for f in mapping},
        }
        return cols, meta
    finally:
        wb.close()


def _chain(first: Iterable[Any], rest: Iterable[Any]) -> Iterable[Any]:
    yield from first
    yield from rest
