"""Reading patent exports (PatSnap/智慧芽, CNIPA-style; xlsx, csv/tsv/txt in UTF-8, UTF-8-BOM or GB18030): header
variants, multi-applicant cells, dates, deduplication -> `PatentExport`."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ai_industry.errors import ConfigError, DataError, Problem
from ai_industry.io import write_parquet
from ai_industry.methods.patents._arrow import _mask, _str_series
from ai_industry.methods.patents.read_files import _MAX_LISTED, EXCEL_SUFFIXES, TEXT_SUFFIXES, _read_excel, _read_text
from ai_industry.methods.patents.rules import HeaderRules, load_header_rules, norm_header


# ---- reading exports -------------------------------------------------------------------------------------------
@dataclass
class PatentExport:
    """A patent export read into typed tables.

    `patents`: one row per patent (position = key): patent_id, publication_number, application_number,
    application_date (datetime64), year (int16), publication_date (text), title, abstract, applicants (the cell as
    exported), n_applicants, ipc_main, ipc, ipc_subclass (main subclass, category), patent_type (invention /
    utility_model / design / other, category), patent_type_raw, note, source_file, source_row (1-based data row).
    `applicants`: one row per applicant: patent (int32 position in `patents`), seq (1 = first), name, address.
    `info`: files, encodings, sheets, header rows, the header mapping used, rows read, duplicates dropped,
    address alignment counts.
    """

    patents: pd.DataFrame
    applicants: pd.DataFrame
    info: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.patents)

    def to_parquet(self, folder: Path | str, stem: str = "patents") -> tuple[Path, Path]:
        """Write `<stem>.parquet` and `<stem>_applicants.parquet` atomically into `folder`."""
        folder = Path(folder)
        return (
            write_parquet(self.patents, folder / f"{stem}.parquet"),
            write_parquet(self.applicants, folder / f"{stem}_applicants.parquet"),
        )


# ---- cells and dates ---------------------------------------------------------------------------------------
_DATE_RE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_DATE8_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SERIAL_RE = re.compile(r"^(\d{5})(?:\.0+)?$")


def parse_date(text: str) -> _dt.date | None:
    """A date from the forms exports use: 2019-03-05, 2019/3/5, 2019.03.05, 2019年3月5日, 20190305, an Excel serial
    day number (20000-80000), optionally followed by a time. None when it is none of these or not a real date."""
    s = unicodedata.normalize("NFKC", text).strip()
    m = _DATE_RE.match(s) or _DATE8_RE.match(s)
    try:
        if m:
            d = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return d if 1900 <= d.year <= 2100 else None
        m = _SERIAL_RE.match(s)
        if m and 20000 <= int(m.group(1)) <= 80000:
            return _dt.date(1899, 12, 30) + _dt.timedelta(days=int(m.group(1)))
    except ValueError:
        return None
    return None


def _parse_dates(col: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(datetime64[D] values, empty mask, unparseable mask) of a text column, parsing each unique value once."""
    codes, uniques = pd.factorize(_str_series(col), use_na_sentinel=True)
    n = len(codes)
    if len(uniques) == 0:
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[D]"), np.ones(n, bool), np.zeros(n, bool)
    parsed = [parse_date(u) for u in uniques]
    ok_u = np.array([d is not None for d in parsed] + [False], dtype=bool)
    days_u = np.array(
        [np.datetime64(d, "D") if d is not None else np.datetime64("NaT") for d in parsed] + [np.datetime64("NaT")],
        dtype="datetime64[D]",
    )
    safe = np.where(codes < 0, len(uniques), codes)
    empty = codes < 0
    return days_u[safe], empty, ~empty & ~ok_u[safe]


def _split_cells(col: pa.ChunkedArray, separators: Sequence[str]) -> tuple[np.ndarray, pa.Array]:
    """Split each cell on any of `separators`: (parent row of each non-empty trimmed piece, the pieces)."""
    arr = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
    if pa.types.is_string(arr.type):
        arr = arr.cast(pa.large_string())
    arr = pc.fill_null(arr, "")
    first, *others = separators
    for sep in others:
        arr = pc.replace_substring(arr, pattern=sep, replacement=first)
    parts = pc.split_pattern(arr, pattern=first)
    flat = pc.utf8_trim_whitespace(pc.list_flatten(parts))
    parent = pc.list_parent_indices(parts).to_numpy()
    keep = _mask(pc.not_equal(flat, ""))
    return parent[keep].astype(np.int64), flat.filter(pa.array(keep))


def _seq_within(parent: np.ndarray) -> np.ndarray:
    """1-based position of each element within its run of equal (sorted) parents."""
    n = len(parent)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    start = np.r_[True, parent[1:] != parent[:-1]]
    first = np.maximum.accumulate(np.where(start, np.arange(n), 0))
    return np.arange(n) - first + 1


def _ipc_clean(col: pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.utf8_upper(pc.replace_substring_regex(col, pattern=r"\s+", replacement=""))


def _nullify_empty(col: pa.ChunkedArray) -> pa.ChunkedArray:
    """Trim whitespace; empty cells become null."""
    col = pc.utf8_trim_whitespace(col)
    return pc.if_else(pc.equal(col, ""), pa.scalar(None, col.type), col)


def _to_categorical(col: pa.ChunkedArray | pa.Array, categories: Sequence[str] | None = None) -> pd.Categorical:
    """An Arrow string column as a pandas Categorical (null -> NaN) without going through Python objects."""
    arr = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    enc = pc.dictionary_encode(arr)
    codes = pc.fill_null(enc.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
    cats = enc.dictionary.to_pylist()
    cat = (
        pd.Categorical.from_codes(codes, categories=pd.Index(cats, dtype="str"))
        if cats
        else pd.Categorical.from_codes(codes, categories=pd.Index([], dtype="str"))
    )
    if categories is not None:
        cat = cat.set_categories(list(categories))
    return cat


def _patent_types(
    cols: dict[str, pa.ChunkedArray], pub: pa.ChunkedArray | None, rules: HeaderRules, n: int
) -> tuple[pd.Categorical, pd.Categorical]:
    cats = list(rules.patent_types) + ["other"]
    if "patent_type" in cols:
        raw = _to_categorical(cols["patent_type"])
        table = {norm_header(v): t for t, vals in rules.patent_types.items() for v in vals}
        mapped = [table.get(norm_header(c), "other") for c in raw.categories]
        codes = np.array([cats.index(m) for m in mapped] + [-1], dtype=np.int64)[
            np.where(raw.codes < 0, len(mapped), raw.codes)
        ]
        return pd.Categorical.from_codes(codes, categories=cats), raw
    if pub is not None:
        kind = _to_categorical(pc.struct_field(pc.extract_regex(pub, pattern=r"(?P<k>[A-Z])\d?$"), [0]))
        table = {c: t for t, vals in rules.kind_codes.items() for c in vals}
        mapped = [cats.index(table[c]) if c in table else -1 for c in kind.categories] + [-1]
        codes = np.array(mapped, dtype=np.int64)[np.where(kind.codes < 0, len(mapped) - 1, kind.codes)]
        return pd.Categorical.from_codes(codes, categories=cats), pd.Categorical([None] * n)
    return pd.Categorical.from_codes(np.full(n, -1), categories=cats), pd.Categorical([None] * n)


_SHORT_FIELDS = (
    "publication_number",
    "application_number",
    "application_date",
    "publication_date",
    "applicants",
    "applicant_address",
    "ipc_main",
    "ipc",
    "patent_type",
    "note",
)


def _check_cells(
    cols: dict[str, pa.ChunkedArray], meta: dict[str, Any], rules: HeaderRules, n: int
) -> tuple[np.ndarray, np.ndarray, pa.Array, np.ndarray]:
    """The cells every patent needs (a number, an application date, an applicant), checked: one DataError lists
    every bad cell. Returns the dates, each applicant's patent (parent), the applicant names and applicants per patent."""
    file, header = meta["file"], meta["columns"]
    problems: list[Problem] = []
    counts: dict[str, int] = {}

    def add(mask: np.ndarray, rule: str, fld: str, values: pa.ChunkedArray | None) -> None:
        rows = np.flatnonzero(mask)
        if len(rows) == 0:
            return
        counts[f"{header.get(fld, fld)}: {rule}"] = len(rows)
        shown = rows[:_MAX_LISTED]
        vals = values.take(pa.array(shown)).to_pylist() if values is not None else [None] * len(shown)
        for r, v in zip(shown.tolist(), vals):
            problems.append(Problem(rule, r + 1, header.get(fld, fld), v if v not in ("", None) else None))

    pub = cols.get("publication_number")
    app = cols.get("application_number")
    pub_empty = _mask(pc.is_null(pub)) if pub is not None else np.ones(n, bool)
    app_empty = _mask(pc.is_null(app)) if app is not None else np.ones(n, bool)
    add(
        pub_empty & app_empty,
        "no publication or application number",
        "publication_number" if pub is not None else "application_number",
        None,
    )
    dates, d_empty, d_bad = _parse_dates(cols["application_date"])
    add(d_empty, "empty date", "application_date", None)
    add(
        d_bad,
        "not a date (expected e.g. 2019-03-05, 2019/3/5, 2019年3月5日 or 20190305)",
        "application_date",
        cols["application_date"],
    )
    seps = tuple(rules.separators)
    parent, names = _split_cells(cols["applicants"], seps)
    n_app = np.bincount(parent, minlength=n)
    add(n_app == 0, "no applicant", "applicants", None)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        summary = "; ".join(f"{k}: {v} row(s)" for k, v in counts.items())
        raise DataError(
            file,
            problems,
            f"{len(set(p.row for p in problems))} row(s) with bad cells ({summary})",
            meta.get("line_offset"),
        )
    return dates, parent, names, n_app


def _applicant_table(
    cols: dict[str, pa.ChunkedArray],
    parent: np.ndarray,
    names: pa.Array,
    n_app: np.ndarray,
    n: int,
    seps: tuple[str, ...],
) -> tuple[pd.DataFrame, dict[str, int]]:
    """One row per applicant (patent, seq, name, address) and how the address cells aligned with the applicant
    cells (one address each, the first only, a different number, none)."""
    seq = _seq_within(parent)
    address = pa.nulls(len(parent), type=pa.large_string())
    align = {"aligned": 0, "first_only": 0, "mismatch_first_only": 0, "none": int(n)}
    if "applicant_address" in cols:
        a_parent, a_pieces = _split_cells(cols["applicant_address"], seps)
        n_addr = np.bincount(a_parent, minlength=n)
        a_start = np.r_[0, np.cumsum(n_addr)[:-1]]
        p_naddr = n_addr[parent]
        aligned = p_naddr == n_app[parent]
        use = np.where(aligned, a_start[parent] + seq - 1, np.where((seq == 1) & (p_naddr >= 1), a_start[parent], -1))
        if len(a_pieces):
            taken = a_pieces.take(pa.array(np.where(use < 0, 0, use)))
            address = pc.if_else(pa.array(use >= 0), taken, pa.scalar(None, taken.type))
        has = n_addr > 0
        eq = n_addr == n_app
        align = {
            "aligned": int((has & eq).sum()),
            "first_only": int((has & ~eq & (n_addr == 1)).sum()),
            "mismatch_first_only": int((has & ~eq & (n_addr > 1)).sum()),
            "none": int((~has).sum()),
        }
    applicants = pd.DataFrame(
        {
            "patent": pd.Series(parent.astype(np.int32)),
            "seq": pd.Series(seq.astype(np.int16)),
            "name": _str_series(names),
            "address": _str_series(address),
        }
    )
    return applicants, align


def _build_export(cols: dict[str, pa.ChunkedArray], meta: dict[str, Any], rules: HeaderRules) -> PatentExport:
    """Validate and type the mapped columns of one file; one DataError lists every bad cell."""
    file = meta["file"]
    n = len(next(iter(cols.values())))
    if n == 0:
        raise DataError(file, message="the export has a header row but no patent rows")
    cols = {f: (_nullify_empty(c) if f in _SHORT_FIELDS else c) for f, c in cols.items()}
    dates, parent, names, n_app = _check_cells(cols, meta, rules, n)
    pub, app = cols.get("publication_number"), cols.get("application_number")
    if pub is not None and app is not None:
        pid = pc.coalesce(pub, app)
    else:
        pid = pub if pub is not None else app
    ipc_main = _ipc_clean(cols["ipc_main"]) if "ipc_main" in cols else None
    ipc_all = _ipc_clean(cols["ipc"]) if "ipc" in cols else None
    main_src = (
        pc.coalesce(ipc_main, ipc_all)
        if ipc_main is not None and ipc_all is not None
        else (ipc_main if ipc_main is not None else ipc_all)
    )
    if main_src is not None:
        subclass = _to_categorical(pc.struct_field(pc.extract_regex(main_src, pattern=r"^(?P<s>[A-H]\d{2}[A-Z])"), [0]))
    else:
        subclass = pd.Categorical.from_codes(np.full(n, -1), categories=pd.Index([], dtype="str"))
    ptype, ptype_raw = _patent_types(cols, pub, rules, n)
    years = dates.astype("datetime64[Y]").astype(int) + 1970
    nulls = pa.chunked_array([pa.nulls(n, pa.string())])

    def text(fld: str, values: pa.ChunkedArray | None = None) -> pd.Series:
        values = values if values is not None else cols.get(fld, nulls)
        return _str_series(values)

    patents = pd.DataFrame(
        {
            "patent_id": text("", pid),
            "publication_number": text("publication_number"),
            "application_number": text("application_number"),
            "application_date": pd.Series(dates.astype("datetime64[ns]")),
            "year": pd.Series(years.astype(np.int16)),
            "publication_date": text("publication_date"),
            "title": text("title"),
            "abstract": text("abstract"),
            "applicants": text("applicants"),
            "n_applicants": pd.Series(n_app.astype(np.int16)),
            "ipc_main": text("", ipc_main) if ipc_main is not None else text("ipc_main"),
            "ipc": text("", ipc_all) if ipc_all is not None else text("ipc"),
            "ipc_subclass": subclass,
            "patent_type": ptype,
            "patent_type_raw": ptype_raw,
            "note": text("note"),
            "source_file": pd.Categorical.from_codes(np.zeros(n, dtype=np.int64), categories=[Path(file).name]),
            "source_row": pd.Series(np.arange(1, n + 1, dtype=np.int32)),
        }
    )
    applicants, align = _applicant_table(cols, parent, names, n_app, n, tuple(rules.separators))
    info = {**meta, "rows": int(n), "address_alignment": align, "header_rules": rules.source}
    return PatentExport(patents, applicants, {"files": [info], "rows_read": int(n), "duplicates_dropped": 0})


def select_patents(export: PatentExport, keep: np.ndarray | pd.Series) -> PatentExport:
    """The export restricted to the patents where `keep` (bool, one per patent) is true; applicants follow and
    positions are renumbered (use this rather than filtering `patents` alone: `applicants.patent` are positions)."""
    keep = np.asarray(keep, dtype=bool)
    if len(keep) != len(export.patents):
        raise ConfigError(f"select_patents: {len(keep)} flags for {len(export.patents)} patents")
    new_pos = np.cumsum(keep) - 1
    apps = export.applicants
    apps = apps[keep[apps["patent"].to_numpy()]].reset_index(drop=True)
    apps["patent"] = new_pos[apps["patent"].to_numpy()].astype(np.int32)
    return PatentExport(export.patents[keep].reset_index(drop=True), apps, dict(export.info))


def drop_duplicates(export: PatentExport, by: str = "patent_id") -> PatentExport:
    """Keep the first row of each `by` value (patent_id, or application_number to merge a publication and its
    grant); applicants follow and positions are renumbered."""
    keys = export.patents[by]
    keep = ~(keys.duplicated(keep="first") & keys.notna()).to_numpy()
    dropped = int((~keep).sum())
    out = (
        select_patents(export, keep) if dropped else PatentExport(export.patents, export.applicants, dict(export.info))
    )
    out.info.update({"duplicates_dropped": export.info.get("duplicates_dropped", 0) + dropped, "deduplicated_by": by})
    return out


def read_export(
    path: Path | str,
    *,
    extra_headers: Mapping[str, Sequence[str]] | None = None,
    headers_path: Path | str | None = None,
    sheet: str | int | None = None,
    dedupe: str | None = "patent_id",
) -> PatentExport:
    """Read one patent export (xlsx, or csv/tsv/txt in UTF-8, UTF-8-BOM or GB18030) into typed tables.

    The header row is found among the first 30 rows (exports often start with a title or the search query);
    headers map to fields by rules/patent_headers.yaml plus `extra_headers` {field: [header, …]}. Several
    applicants (and addresses) in one cell are split on ; ； |. Missing required columns, unparseable or empty
    dates, rows without applicants or without any id raise ONE DataError naming the file, rows and columns.
    `dedupe` drops repeated patent ids ("application_number" also merges an application with its grant; None keeps
    all rows)."""
    path = Path(path)
    rules = load_header_rules(headers_path, extra_headers)
    if not path.is_file():
        raise DataError(str(path), message="no such file")
    if path.stat().st_size == 0:
        raise DataError(str(path), message="the file is empty")
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        cols, meta = _read_excel(path, rules, sheet)
    elif suffix == ".xls":
        raise DataError(str(path), message="old Excel .xls is not read; open it and save as .xlsx or UTF-8 CSV")
    else:
        with open(path, "rb") as fh:
            head = fh.read(1 << 16)
        if not head.strip(b" \t\r\n\xef\xbb\xbf"):
            raise DataError(str(path), message="the file is empty")
        if head[:4] == b"PK\x03\x04":
            cols, meta = _read_excel(path, rules, sheet)
        else:
            cols, meta = _read_text(path, rules)
    export = _build_export(cols, meta, rules)
    return drop_duplicates(export, dedupe) if dedupe else export


def read_exports(
    paths: Iterable[Path | str] | Path | str,
    *,
    extra_headers: Mapping[str, Sequence[str]] | None = None,
    headers_path: Path | str | None = None,
    dedupe: str | None = "patent_id",
) -> PatentExport:
    """Read several exports (a list of paths, or a folder / glob of them: PatSnap caps rows per download) into one
    PatentExport; duplicates across files are dropped by `dedupe` (first file wins)."""
    if isinstance(paths, (str, Path)):
        p = Path(paths)
        if p.is_dir():
            paths = sorted(
                q
                for q in p.iterdir()
                if q.suffix.lower() in TEXT_SUFFIXES + EXCEL_SUFFIXES and not q.name.startswith((".", "~$"))
            )
        elif any(ch in str(p) for ch in "*?["):
            paths = sorted(p.parent.glob(p.name))
        else:
            paths = [p]
    parts = [read_export(p, extra_headers=extra_headers, headers_path=headers_path, dedupe=None) for p in paths]
    if not parts:
        raise DataError(str(paths), message="no export files found")
    offsets = np.cumsum([0] + [len(p.patents) for p in parts[:-1]])
    pats = pd.concat([p.patents for p in parts], ignore_index=True)
    pats["source_file"] = pd.Categorical(pats["source_file"].astype(str))
    apps = pd.concat(
        [p.applicants.assign(patent=(p.applicants["patent"] + off).astype(np.int32)) for p, off in zip(parts, offsets)],
        ignore_index=True,
    )
    info = {"files": [f for p in parts for f in p.info["files"]], "rows_read": int(len(pats)), "duplicates_dropped": 0}
    export = PatentExport(pats, apps, info)
    return drop_duplicates(export, dedupe) if dedupe else export


def ingest(
    paths: Iterable[Path | str] | Path | str, folder: Path | str, stem: str = "patents", **kwargs: Any
) -> PatentExport:
    """read_exports, then write `<stem>.parquet` and `<stem>_applicants.parquet` atomically (nothing is written
    when reading fails)."""
    export = read_exports(paths, **kwargs)
    export.to_parquet(folder, stem)
    return export
