"""Reading raw text tables in any of the encodings analysts get, and writing outputs atomically."""

from __future__ import annotations

import contextlib
import hashlib
import io as _io
import os
import re
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from ai_industry.errors import DataError, Problem

ENCODINGS = ("utf-8-sig", "gb18030")
_UMASK = os.umask(0)
os.umask(_UMASK)


class EncodingProblem(UnicodeDecodeError):
    """Bytes that decode in no single encoding we accept; the message names the lines."""

    def __init__(self, message: str, data: bytes = b"", lines: tuple[int, ...] = ()):
        super().__init__("utf-8/gb18030", data[:1] or b"\x00", 0, 1, message)
        self.message, self.lines = message, lines

    def __str__(self) -> str:
        return self.message


_EXPECTED = (
    (0x00A0, 0x024F),
    (0x0370, 0x04FF),
    (0x2000, 0x22FF),
    (0x2460, 0x27BF),
    (0x2E80, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),
)


_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def _text_score(text: str) -> float:
    """How much decoded text looks like real text (1.0) rather than mojibake (near 0): the share of its
    non-ASCII characters that are of the scripts our sources use (CJK, Latin, Greek, Cyrillic, punctuation,
    symbols), times the share of its CJK ideographs that are common characters (GB2312 level 1). It depends on
    the non-ASCII characters only, which repeat from line to line: scored once each (`_residue_score`)."""
    return _residue_score(_ASCII_RUNS.sub("", text))


@lru_cache(maxsize=65536)
def _residue_score(other: str) -> float:
    if not other:
        return 1.0
    expected = sum(any(lo <= ord(c) <= hi for lo, hi in _EXPECTED) for c in other) / len(other)
    cjk = [c for c in other if "\u4e00" <= c <= "\u9fff"]
    common = 0
    for c in cjk:
        with contextlib.suppress(UnicodeEncodeError):
            common += 0xB0 <= c.encode("gb2312")[0] <= 0xD7
    return expected * (common / len(cjk) if cjk else 1.0)


def _plausible_text(text: str) -> bool:
    """Whether decoded text looks like real text rather than mojibake (see `_text_score`)."""
    return _text_score(text) >= 0.6


def _lines_list(numbers: list[int], most: int = 5) -> str:
    shown = ", ".join(str(n) for n in numbers[:most])
    return shown + (f" … ({len(numbers)} lines)" if len(numbers) > most else "")


def _line_kind(line: bytes) -> str:
    """'ascii', 'utf8', 'gb', 'either' (both readings equally plausible) or 'bad' (neither encoding decodes it).
    A line both encodings decode counts for the reading that looks more like text."""
    if line.isascii():
        return "ascii"
    scores = {}
    for kind, enc in (("utf8", "utf-8"), ("gb", "gb18030")):
        with contextlib.suppress(UnicodeDecodeError):
            scores[kind] = _text_score(line.decode(enc))
    if not scores:
        return "bad"
    if len(scores) == 1:
        return next(iter(scores))
    if scores["utf8"] == scores["gb"]:
        return "either"
    return max(scores, key=scores.get)


def _line_kinds(lines, numbers) -> dict[str, list[int]]:
    """Line numbers by kind ('utf8', 'gb', 'bad'; `_line_kind`) of byte lines."""
    kinds: dict[str, list[int]] = {"utf8": [], "gb": [], "bad": []}
    for i, line in zip(numbers, lines):
        kind = _line_kind(line)
        if kind in kinds:
            kinds[kind].append(i)
    return kinds


def _line_kinds_utf8(body: bytes) -> dict[str, list[int]] | None:
    """`_line_kinds` of a body that decodes as UTF-8 as a whole, the same result in a fraction of the time: a line
    whose UTF-8 reading scores 1.0 (no reading can score more) is 'utf8' or 'either', which only matters when
    some other line reads better as GB18030, and only then is it judged in full. None when the body is not
    UTF-8 (every line is then judged)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return None
    kinds: dict[str, list[int]] = {"utf8": [], "gb": [], "bad": []}
    pending: list[int] = []
    lines = text.split("\n")
    for i, line in enumerate(lines, start=1):
        if line.isascii():
            continue
        if _residue_score(_ASCII_RUNS.sub("", line)) == 1.0:
            pending.append(i)
            continue
        kind = _line_kind(line.encode("utf-8"))
        if kind in kinds:
            kinds[kind].append(i)
    if kinds["gb"]:
        resolved = _line_kinds([lines[i - 1].encode("utf-8") for i in pending], pending)
        kinds["utf8"] = sorted(kinds["utf8"] + resolved["utf8"])
        kinds["gb"] = sorted(kinds["gb"] + resolved["gb"])
    else:
        kinds["utf8"] = sorted(kinds["utf8"] + pending)
    return kinds


@lru_cache(maxsize=1)
def _unlike_text() -> re.Pattern:
    """A character that lowers a text's score (`_residue_score`) below 1.0: not ASCII, and outside the expected
    scripts or a CJK ideograph that is not a common one (GB2312 level 1). A text without one scores 1.0."""
    common = []  # level 1 of GB2312 is its rows 0xB0-0xD7 (3,755 characters): decoded, not searched for
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                common.append(bytes((hi, lo)).decode("gb2312"))
    ranges = "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in _EXPECTED if (lo, hi) != (0x4E00, 0x9FFF))
    return re.compile(f"[^\\x00-\\x7f{ranges}{''.join(common)}]")


def _plain_utf8(body: bytes) -> bool:
    """Whether `body` decodes as UTF-8 and none of its characters lowers a line's score below 1.0: then every
    non-ASCII line is 'utf8' or 'either' and none is 'gb' or 'bad' (`_line_kinds_utf8`), so the file is UTF-8 —
    one scan in C where the line-by-line judgement takes seconds on a 2,000,000-line file."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return _unlike_text().search(text) is None


def detect_encoding(data: bytes) -> str:
    """The one encoding of `data`, UTF-8 (with or without BOM) or GB18030 (a superset of GBK), judged line by
    line: a line counts for the encoding whose reading of it is plausible text. A file mixing UTF-8 and GB18030
    lines is refused (decoded either way, some of its rows would become mojibake), as are bytes neither encoding
    accepts; both raise EncodingProblem naming the lines."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if _plain_utf8(body):
        return "utf-8-sig"
    kinds = _line_kinds_utf8(body) or _line_kinds(body.split(b"\n"), range(1, body.count(b"\n") + 2))
    if kinds["bad"]:
        raise EncodingProblem(
            f"line {_lines_list(kinds['bad'])}: bytes that are neither UTF-8 nor GB18030; save the file as UTF-8",
            data,
            tuple(kinds["bad"]),
        )
    if kinds["utf8"] and kinds["gb"]:
        raise EncodingProblem(
            f"the file mixes encodings: line {_lines_list(kinds['utf8'])} UTF-8, line "
            f"{_lines_list(kinds['gb'])} GB18030; save the whole file in one encoding (UTF-8)",
            data,
            tuple(kinds["gb"]),
        )
    order = ("gb18030", "utf-8-sig") if kinds["gb"] else ("utf-8-sig", "gb18030")
    for enc in order:
        try:
            data.decode(enc)
            return enc
        except UnicodeDecodeError:
            continue
    raise EncodingProblem("the file decodes neither as UTF-8 nor as GB18030 as a whole; save it as UTF-8", data)


def count_lines(path: Path | str, block: int = 1 << 24) -> tuple[int, bool]:
    """(number of line feeds, whether the file ends with one), counted block by block."""
    n, last = 0, b""
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(block), b""):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n, last == b"\n"


def arrow_csv(
    path: Path | str,
    encoding: str,
    newlines: bool,
    delim: str,
    skip_rows: int,
    names: list[str],
    columns: list[str] | None = None,
    nulls: bool = False,
    most_invalid: int = 2000,
) -> tuple[Any, list[tuple[int, int, int, str]]]:
    """The `columns` (default all) of a delimited text file as Arrow string columns, read by Arrow's multi-threaded
    parser: rows after the first `skip_rows` lines, columns named `names`, line breaks inside quoted cells allowed
    or not (`newlines`), empty cells null when `nulls`, else ''. Also the rows that had another number of cells than
    `names` (number, expected, actual, text; at most `most_invalid`), which are skipped — the caller decides
    whether they are an error."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    invalid: list[tuple[int, int, int, str]] = []

    def on_invalid(row: Any) -> str:
        if len(invalid) < most_invalid:
            invalid.append((row.number, row.expected_columns, row.actual_columns, row.text))
        return "skip"

    wanted = list(names if columns is None else columns)
    table = pcsv.read_csv(
        path,
        read_options=pcsv.ReadOptions(
            encoding="utf8" if encoding.startswith("utf-8") else encoding,
            skip_rows=skip_rows,
            column_names=names,
            block_size=1 << 24,
        ),
        parse_options=pcsv.ParseOptions(delimiter=delim, newlines_in_values=newlines, invalid_row_handler=on_invalid),
        convert_options=pcsv.ConvertOptions(
            include_columns=wanted,
            column_types={c: pa.string() for c in wanted},
            strings_can_be_null=nulls,
            quoted_strings_can_be_null=nulls,
        ),
    )
    return table, invalid


def read_text_table(path: Path | str, sep: str = ",", arrow: bool = False) -> pd.DataFrame:
    """Read a delimited text table as strings (no type guessing, empty cells stay ''), detecting encoding.

    `arrow`: parse with Arrow (`arrow_csv`, seconds for a 2,000,000-row file where pandas takes several times
    that) when the file is plain — a one-line header of distinct, non-empty names, then one row per line, each
    with the header's cell count and no blank line — whose rows then sit on lines 2, 3, …; any other file is
    read as without it, so the cells, the row lines and every error are the same either way."""
    path = Path(path)
    if not path.is_file():
        raise DataError(str(path), message="the file does not exist" if not path.exists() else "a folder, not a file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(str(path), message=f"cannot read the file: {exc.strerror}") from None
    if not data.strip():
        raise DataError(str(path), message="the file is empty")
    try:
        enc = detect_encoding(data)
    except UnicodeDecodeError as exc:
        raise DataError(str(path), message=f"cannot decode the file as UTF-8 or GB18030: {exc}") from None
    if arrow:
        df = _arrow_text_table(path, data, enc, sep)
        if df is not None:
            return df
    text = data.decode(enc)
    lines, widths = _row_shapes(text, sep)
    _check_widths(path, lines, widths)
    try:
        # index_col=False: never take a first column as the index because a row has one cell too many
        df = pd.read_csv(
            _io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_filter=False, index_col=False
        )
    except pd.errors.ParserError as exc:
        raise DataError(str(path), message=f"cannot parse the table: {exc}") from None
    if len(lines) == len(df):
        df.attrs["row_lines"] = lines
    return df


def _arrow_text_table(path: Path, data: bytes, enc: str, sep: str) -> pd.DataFrame | None:
    """`read_text_table`'s result for a plain file (see there) by Arrow's parser, or None for any other file."""
    import csv

    import pyarrow as pa

    end = data.find(b"\n")
    first = data[: end if end >= 0 else len(data)].decode(enc).rstrip("\r").removeprefix("\ufeff")  # as pandas
    if '"' in first or "\r" in first:
        return None
    header = next(csv.reader([first], delimiter=sep), [])
    # one column: a quoted line break could split a row into lines of the same cell count
    if len(header) < 2 or any(not h for h in header) or len(set(header)) != len(header):
        return None
    expected = 0 if end < 0 else data.count(b"\n") - 1 + (0 if data.endswith(b"\n") else 1)
    try:
        table, invalid = arrow_csv(path, enc, False, sep, 1, header, most_invalid=1)
    except (pa.ArrowInvalid, UnicodeDecodeError):
        return None
    if invalid or table.num_rows != expected:
        return None
    df = table.to_pandas()
    df.attrs["row_lines"] = list(range(2, expected + 2))
    return df


def _check_widths(path: Path, lines: list[int], widths: list[int]) -> None:
    """Every data row must have as many cells as the header: a separator inside an unquoted cell (a number
    written `28,09`) would otherwise shift the row's values into the next columns, or pad it with empty ones."""
    if not widths:
        return
    header = widths[0]
    bad = [
        Problem(
            f"{w} cells where the header has {header} (a separator inside an unquoted cell? quote the cell)",
            row=i,
            value=w,
        )
        for i, w in enumerate(widths[1:], start=1)
        if w != header
    ]
    if bad:
        raise DataError(str(path), bad, message="rows whose cell count differs from the header's", row_lines=lines)


def _row_shapes(text: str, sep: str) -> tuple[list[int], list[int]]:
    """The file line on which each data row starts, and the cell count of the header and of each data row."""
    import csv

    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=sep)  # a lone CR ends a line, as for pandas
    starts: list[int] = []
    widths: list[int] = []
    prev_end, header = 0, True
    for row in reader:
        if row and not header:  # blank lines are skipped, as pandas does
            starts.append(prev_end + 1)
        if row:
            widths.append(len(row))
        header = header and not row
        prev_end = reader.line_num
    return starts, widths


def row_start_lines(text: str, sep: str = ",") -> list[int]:
    """The 1-based file line on which each data row of a delimited text starts (after one header row), counting
    quoted cells that span lines, so an error can name the line an editor shows."""
    return _row_shapes(text, sep)[0]


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success rename it over `path`, on error remove it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give outputs the usual permissions
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_parquet(df: pd.DataFrame, path: Path | str) -> Path:
    """Write `df` to parquet atomically and deterministically (no index, fixed compression)."""
    with atomic_path(path) as tmp:
        df.to_parquet(tmp, index=False, compression="zstd")
    return Path(path)


def write_text(text: str, path: Path | str) -> Path:
    """Write UTF-8 text atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def write_bytes(data: bytes, path: Path | str) -> Path:
    """Write bytes atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def sha256_file(path: Path | str) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


FIXED_TIME = "2000-01-01T00:00:00Z"


def write_csv(df: pd.DataFrame, path: Path | str) -> Path:
    """Write `df` as UTF-8 CSV (no index, Unix line ends) atomically."""
    with atomic_path(path) as tmp:
        df.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    return Path(path)


def write_xlsx(df: pd.DataFrame, path: Path | str, footer: str | None = None) -> Path:
    """Write `df` as an XLSX workbook (sheet "data") atomically, with `footer` (e.g. a source line) two rows under
    the data; stamped 2000-01-01 (`normalize_zip`), so equal content gives equal bytes."""
    from datetime import datetime

    with atomic_path(path) as tmp:
        with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
            df.to_excel(xw, index=False, sheet_name="data")
            if footer is not None:
                xw.sheets["data"].cell(row=len(df) + 3, column=1, value=footer)
            xw.book.properties.created = xw.book.properties.modified = datetime(2000, 1, 1)
        normalize_zip(tmp)
    return Path(path)


def normalize_zip(path: Path | str) -> None:
    """Rewrite a zip container (e.g. .xlsx) with fixed member timestamps, and an Office document's created and
    modified properties fixed (openpyxl stamps the save time), so equal content gives equal bytes."""
    import re
    import zipfile

    path = Path(path)
    with zipfile.ZipFile(path) as zin:
        members = [(i, zin.read(i.filename)) for i in zin.infolist()]
    stamp = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")
    members = [
        (i, stamp.sub(rb"\g<1>" + FIXED_TIME.encode() + rb"\g<2>", d) if i.filename == "docProps/core.xml" else d)
        for i, d in members
    ]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            zout.writestr(fixed, data)
