"""Reading raw text tables in any of the encodings analysts get, and writing outputs atomically."""

from __future__ import annotations

import contextlib
import hashlib
import io as _io
import os
import tempfile
from pathlib import Path
from typing import Iterator

import pandas as pd

from ai_industry.errors import DataError

ENCODINGS = ("utf-8-sig", "gb18030")
_UMASK = os.umask(0)
os.umask(_UMASK)


def detect_encoding(data: bytes) -> str:
    """The encoding of `data`: UTF-8 (with or without BOM) if it decodes, else GB18030 (a superset of GBK)."""
    for enc in ENCODINGS:
        try:
            data.decode(enc)
            return enc
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("utf-8/gb18030", data[:1], 0, 1, "neither UTF-8 nor GB18030")


def read_text_table(path: Path | str, sep: str = ",") -> pd.DataFrame:
    """Read a delimited text table as strings (no type guessing, empty cells stay ''), detecting encoding."""
    path = Path(path)
    data = path.read_bytes()
    if not data.strip():
        raise DataError(str(path), message="the file is empty")
    try:
        enc = detect_encoding(data)
    except UnicodeDecodeError as exc:
        raise DataError(str(path), message=f"cannot decode the file as UTF-8 or GB18030 ({exc})") from exc
    try:
        return pd.read_csv(
            _io.StringIO(data.decode(enc)), sep=sep, dtype=str, keep_default_na=False, na_filter=False
        )
    except pd.errors.ParserError as exc:
        raise DataError(str(path), message=f"cannot parse the table: {exc}") from exc


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


def normalize_zip(path: Path | str) -> None:
    """Rewrite a zip container (e.g. .xlsx) with fixed member timestamps so equal content gives equal bytes."""
    import zipfile

    path = Path(path)
    with zipfile.ZipFile(path) as zin:
        members = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            zout.writestr(fixed, data)
