"""How the seeds print numbers: the decimals a printed value carries, the half-unit it stands for, and the table
of printed qualifiers (`qualifiers.csv` beside this module: 超过, 以上, 约, 不足, … with their bound and wording).

Convention (one for the whole suite): a printed value stands for the closed interval of half a unit of its last
printed decimal around it ("14.50" → ± 0.005, "2200" → ± 0.5); counts, ranks, years and dates are exact (no
half-unit). A qualifier moves the test: a lower bound (超过, 以上 …) says the true value is at or above the
printed one, an upper bound (不足, 不到 …) at or below, an approximate one (约, 近 …) within the larger of the
half-unit and `APPROX_REL` of the value. Whether a bound is exclusive (超过) or inclusive (以上) is recorded in the
table; within rounding the tests treat both alike.

The catalog's audit and `methods.rounding` (which re-exports these) both build on this module; it lives in the
catalog because the catalog may import no method."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

QUALIFIERS_FILE = Path(__file__).with_name("qualifiers.csv")
EXACT_UNITS = frozenset({"count", "rank", "steps", "years", "yyyymmdd", "yyyymm", "year"})
APPROX_REL = 0.05  # relative tolerance of an approximate qualifier (约 5 → 4.75–5.25)
EPS = 1e-9  # slack for float noise when comparing with a half-unit
BOUNDS = ("exact", "lower_exclusive", "lower_inclusive", "upper_exclusive", "upper_inclusive", "approximate", "rank")
POSITIONS = ("before", "after", "around")


def printed_decimals(text: str) -> int:
    """Decimals of a number as transcribed ('30.95' -> 2, '14.50' -> 2, '2200' -> 0)."""
    text = str(text).strip()
    return len(text.split(".", 1)[1]) if "." in text else 0


def half_unit(decimals: int) -> float:
    """Half a unit of the last printed decimal, in the value's own unit: 0.005 for two decimals, 0.5 for none."""
    return 0.5 * 10.0 ** (-decimals)


def printed_half_unit(value_text: str, unit: str) -> float:
    """Half-unit of a value as printed ('14.50' -> 0.005); 0 for exact units (count, rank, year(s), steps,
    yyyymmdd)."""
    if unit in EXACT_UNITS:
        return 0.0
    return half_unit(printed_decimals(value_text))


def within_half_unit(diff, decimals: int, terms: int = 1):
    """Whether |diff| is at most `terms` half-units of `decimals` (plus `EPS`): a recomputed value reproduces a
    printed one (terms = 1), or a sum of `terms` printed values. Works on floats and numpy arrays alike."""
    return abs(diff) <= half_unit(decimals) * terms + EPS


class Qualifier(NamedTuple):
    """One printed qualifier: its bound (see `BOUNDS`), its place in Chinese and its English wording."""

    qualifier: str
    bound: str
    position: str
    en: str


@lru_cache(maxsize=4)
def _table(path: str, mtime: float) -> dict[str, Qualifier]:
    out: dict[str, Qualifier] = {}
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for n, row in enumerate(rows, start=2):
            q = Qualifier(row["qualifier"], row["bound"], row["position"], row["en"])
            if q.qualifier in out:
                raise ValueError(f"{path}: row {n}: qualifier {q.qualifier!r} is defined twice")
            if q.bound not in BOUNDS or q.position not in POSITIONS:
                raise ValueError(f"{path}: row {n}: unknown bound {q.bound!r} or position {q.position!r}")
            out[q.qualifier] = q
    return out


def qualifiers() -> dict[str, Qualifier]:
    """The whole qualifier table, printed qualifier -> `Qualifier`."""
    return _table(str(QUALIFIERS_FILE), QUALIFIERS_FILE.stat().st_mtime)


def _clean(q: object) -> str:
    return q.strip() if isinstance(q, str) else ""


def qualifier(q: object) -> Qualifier | None:
    """The table row of a printed qualifier (None/NaN read as no qualifier); None if it is not in the table."""
    return qualifiers().get(_clean(q))


def bound_of(q: object) -> str:
    """The bound a printed qualifier sets (`BOUNDS`); 'exact' for no qualifier and for unknown ones."""
    row = qualifier(q)
    return row.bound if row else "exact"


def is_lower(q: object) -> bool:
    """超过, 以上, 逾 …: the true value is (at or) above the printed one."""
    return bound_of(q).startswith("lower")


def is_upper(q: object) -> bool:
    """不足, 不到, 仅 …: the true value is (at or) below the printed one."""
    return bound_of(q).startswith("upper")


def is_approximate(q: object) -> bool:
    """约, 左右, 近 …: the true value is near the printed one, either side."""
    return bound_of(q) == "approximate"


def words(bound_prefix: str) -> frozenset[str]:
    """The printed qualifiers whose bound starts with `bound_prefix` ('lower', 'upper', 'approximate', …)."""
    return frozenset(k for k, v in qualifiers().items() if v.bound.startswith(bound_prefix))


def english(q: object) -> str:
    """The one English wording of a printed qualifier (placed before the number); unknown ones as printed."""
    row = qualifier(q)
    return row.en if row else _clean(q)
