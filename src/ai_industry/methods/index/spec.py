"""The declarative spec of a composite index (YAML) and the indicator table it is run on (CSV or XLSX, one row
per unit, one column per indicator), each read and checked with errors that name the file, the row, the
column, the rule and the value.

A spec (see templates/index/spec.yaml):

    dimensions:                      # every dimension needs at least one indicator
      - {id: enterprise, weight: 1}
    indicators:
      - {id: enterprises, dimension: enterprise, direction: +, weight: 1, total: 100}
    framework: [enterprise, capital]  # optional: the dimensions the index is meant to stand for
    missing: {rule: residual, universe: 31}     # none | mean | median | dimension-mean | residual
    outliers: {skew: 2, kurtosis: 3.5, max_points: 5, treatment: winsorise}   # winsorise | log | none
    normalisation: minmax            # minmax | zscore | rank | distance
    weights: equal                   # equal | user | pca
    aggregation: arithmetic          # arithmetic | geometric
    uncertainty: {replications: 10000, seed: 1, weights: 0.25, normalisation: [...], aggregation: [...],
                  imputation: [...], drop_one: true}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

from ai_industry.errors import DataError, Problem
from ai_industry.io import read_text_table

IMPUTATIONS = ("none", "mean", "median", "dimension-mean", "residual")
NORMALISATIONS = ("minmax", "zscore", "rank", "distance")
WEIGHTINGS = ("equal", "user", "pca")
AGGREGATIONS = ("arithmetic", "geometric")
TREATMENTS = ("winsorise", "log", "none")
DIRECTIONS = {"+": 1, "+1": 1, "1": 1, "-": -1, "-1": -1, "−": -1}


@dataclass(frozen=True)
class Indicator:
    """One indicator: its dimension, direction (+1: more is better), weight within its dimension (> 0), the
    total its values share (e.g. 100 for percent shares; needed by the residual imputation) and labels."""

    id: str
    dimension: str
    direction: int = 1
    weight: float = 1.0
    total: float | None = None
    label: Mapping[str, str] = field(default_factory=dict)
    row: int = 0  # the entry's position in the spec's list (1-based), for error messages


@dataclass(frozen=True)
class Dimension:
    """One dimension (pillar) of the index with its weight in the overall score and labels."""

    id: str
    weight: float = 1.0
    label: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Outliers:
    """The handbook's rule: an indicator with |skewness| > `skew` and kurtosis > `kurtosis` is treated, by
    winsorising up to `max_points` values (then the log if that is not enough), by the log, or not at all."""

    skew: float = 2.0
    kurtosis: float = 3.5
    max_points: int = 5
    treatment: str = "winsorise"


@dataclass(frozen=True)
class Uncertainty:
    """The uncertain choices sampled by the Monte Carlo: each dimension weight times a factor in
    [1 - weights, 1 + weights], one normalisation, aggregation and imputation of the lists, and optionally one
    indicator dropped; `replications` model runs at least, reproducible under `seed`."""

    replications: int = 10000
    seed: int = 1
    weights: float = 0.25
    normalisation: tuple[str, ...] = NORMALISATIONS
    aggregation: tuple[str, ...] = AGGREGATIONS
    imputation: tuple[str, ...] = ("none",)
    drop_one: bool = True


@dataclass(frozen=True)
class IndexSpec:
    """A whole composite index spec, as read from `file`."""

    indicators: tuple[Indicator, ...]
    dimensions: tuple[Dimension, ...]
    framework: tuple[str, ...] = ()
    imputation: str = "none"
    universe: int | None = None
    outliers: Outliers = Outliers()
    normalisation: str = "minmax"
    weights: str = "equal"
    aggregation: str = "arithmetic"
    uncertainty: Uncertainty = Uncertainty()
    name: str = ""
    file: str = "<spec>"

    @property
    def indicator_ids(self) -> list[str]:
        return [i.id for i in self.indicators]

    @property
    def dimension_ids(self) -> list[str]:
        return [d.id for d in self.dimensions]

    def unmeasured(self) -> list[str]:
        """The framework's dimensions that no indicator of the index stands for, in the framework's order."""
        used = {i.dimension for i in self.indicators}
        return [d for d in self.framework if d not in used]


# ---- reading the spec ---------------------------------------------------------------------------------


class _Problems:
    """Problems collected while reading one spec; raised together as one DataError."""

    def __init__(self, file: str):
        self.file, self.items = file, []

    def add(self, rule: str, row: int | None = None, column: str | None = None, value: Any = None) -> None:
        self.items.append(Problem(rule, row=row, column=column, value=value))

    def raise_any(self, message: str = "invalid composite index spec") -> None:
        if self.items:
            raise DataError(self.file, self.items, message=message)


def _number(p: _Problems, value: Any, column: str, row: int | None, positive: bool = True) -> float | None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and np.isfinite(value)
    if not ok:
        p.add("must be a number", row, column, value)
        return None
    if positive and value <= 0:
        p.add("must be positive", row, column, value)
        return None
    return float(value)


def _choice(p: _Problems, value: Any, allowed: Iterable[str], column: str) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        p.add(f"must be one of {', '.join(allowed)}", None, column, value)
        return allowed[0]
    return str(value)


def _choices(p: _Problems, value: Any, allowed: Iterable[str], column: str) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(_choice(p, v, allowed, column) for v in items) or tuple(allowed)[:1]


def _label(entry: Mapping[str, Any]) -> dict[str, str]:
    lab = entry.get("label") or {}
    return {k: str(v) for k, v in lab.items()} if isinstance(lab, Mapping) else {"zh": str(lab), "en": str(lab)}


def _entries(p: _Problems, doc: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = doc.get(key)
    if not isinstance(items, list) or not items:
        p.add(f"the spec needs a non-empty list '{key}'", None, key, items)
        return []
    out = []
    for n, e in enumerate(items, start=1):
        if not isinstance(e, Mapping) or not str(e.get("id", "")).strip():
            p.add("each entry needs an id", n, f"{key}.id", e)
        else:
            out.append(e)
    return out


def _dimensions(p: _Problems, doc: Mapping[str, Any]) -> list[Dimension]:
    dims: list[Dimension] = []
    for n, e in enumerate(_entries(p, doc, "dimensions"), start=1):
        did = str(e["id"]).strip()
        if did in {d.id for d in dims}:
            p.add("dimension listed twice", n, "dimensions.id", did)
            continue
        w = _number(p, e.get("weight", 1), "dimensions.weight", n)
        dims.append(Dimension(did, w or 1.0, _label(e)))
    return dims


def _indicators(p: _Problems, doc: Mapping[str, Any], dims: list[Dimension]) -> list[Indicator]:
    known = {d.id for d in dims}
    inds: list[Indicator] = []
    for n, e in enumerate(_entries(p, doc, "indicators"), start=1):
        iid = str(e["id"]).strip()
        if iid in {i.id for i in inds}:
            p.add("indicator listed twice", n, "indicators.id", iid)
            continue
        dim = str(e.get("dimension", "")).strip()
        if dim not in known:
            p.add(
                f"dimension is not one of the spec's dimensions ({', '.join(sorted(known))})",
                n,
                "indicators.dimension",
                dim,
            )
        direction = DIRECTIONS.get(str(e.get("direction", "+")).strip())
        if direction is None:
            p.add("direction must be + or -", n, "indicators.direction", e.get("direction"))
        w = _number(p, e.get("weight", 1), "indicators.weight", n)
        total = _number(p, e["total"], "indicators.total", n) if e.get("total") is not None else None
        inds.append(Indicator(iid, dim, direction or 1, w or 1.0, total, _label(e), row=n))
    return inds


def _uncertainty(p: _Problems, doc: Mapping[str, Any]) -> Uncertainty:
    u = doc.get("uncertainty") or {}
    reps = u.get("replications", 10000)
    if not isinstance(reps, int) or isinstance(reps, bool) or reps < 1:
        p.add("must be a whole number of at least 1", None, "uncertainty.replications", reps)
        reps = 1
    seed = u.get("seed", 1)
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        p.add("must be a whole number of at least 0", None, "uncertainty.seed", seed)
        seed = 1
    spread = u.get("weights", 0.25)
    if not isinstance(spread, (int, float)) or isinstance(spread, bool) or not 0 <= spread < 1:
        p.add("must be a number in [0, 1)", None, "uncertainty.weights", spread)
        spread = 0.0
    return Uncertainty(
        replications=reps,
        seed=seed,
        weights=float(spread),
        normalisation=_choices(
            p, u.get("normalisation", list(NORMALISATIONS)), NORMALISATIONS, "uncertainty.normalisation"
        ),
        aggregation=_choices(p, u.get("aggregation", list(AGGREGATIONS)), AGGREGATIONS, "uncertainty.aggregation"),
        imputation=_choices(
            p, u.get("imputation", doc.get("missing", {}).get("rule", "none")), IMPUTATIONS, "uncertainty.imputation"
        ),
        drop_one=bool(u.get("drop_one", True)),
    )


def _outliers(p: _Problems, doc: Mapping[str, Any]) -> Outliers:
    o = doc.get("outliers") or {}
    pts = o.get("max_points", 5)
    if not isinstance(pts, int) or isinstance(pts, bool) or pts < 0:
        p.add("must be a whole number of at least 0", None, "outliers.max_points", pts)
        pts = 0
    return Outliers(
        skew=_number(p, o.get("skew", 2.0), "outliers.skew", None) or 2.0,
        kurtosis=_number(p, o.get("kurtosis", 3.5), "outliers.kurtosis", None) or 3.5,
        max_points=pts,
        treatment=_choice(p, o.get("treatment", "winsorise"), TREATMENTS, "outliers.treatment"),
    )


def parse_spec(doc: Any, file: str = "<spec>") -> IndexSpec:
    """An IndexSpec from a parsed YAML document; every broken rule is reported at once (DataError)."""
    p = _Problems(file)
    if not isinstance(doc, Mapping):
        p.add("the spec must be a YAML mapping (dimensions:, indicators:, ...)", value=type(doc).__name__)
        p.raise_any()
    dims = _dimensions(p, doc)
    inds = _indicators(p, doc, dims)
    used = {i.dimension for i in inds}
    for n, d in enumerate(dims, start=1):
        if d.id not in used:
            p.add("dimension with no indicator", n, "dimensions.id", d.id)
    missing = doc.get("missing") or {}
    universe = missing.get("universe")
    if universe is not None and (not isinstance(universe, int) or isinstance(universe, bool) or universe < 1):
        p.add("must be a whole number of at least 1", None, "missing.universe", universe)
        universe = None
    spec = IndexSpec(
        indicators=tuple(inds),
        dimensions=tuple(dims),
        framework=tuple(str(x) for x in (doc.get("framework") or ())),
        imputation=_choice(p, missing.get("rule", "none"), IMPUTATIONS, "missing.rule"),
        universe=universe,
        outliers=_outliers(p, doc),
        normalisation=_choice(p, doc.get("normalisation", "minmax"), NORMALISATIONS, "normalisation"),
        weights=_choice(p, doc.get("weights", "equal"), WEIGHTINGS, "weights"),
        aggregation=_choice(p, doc.get("aggregation", "arithmetic"), AGGREGATIONS, "aggregation"),
        uncertainty=_uncertainty(p, doc),
        name=str(doc.get("name", "")),
        file=file,
    )
    if "residual" in (spec.imputation, *spec.uncertainty.imputation):
        for i in spec.indicators:
            if i.total is None:
                p.add(
                    "the residual imputation needs each indicator's total (e.g. 100 for shares)",
                    i.row,
                    "indicators.total",
                )
    p.raise_any()
    return spec


def read_spec(path: Path | str) -> IndexSpec:
    """Read and check a spec file (YAML)."""
    path = Path(path)
    if not path.is_file():
        raise DataError(str(path), message="the file does not exist" if not path.exists() else "a folder, not a file")
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        raise DataError(str(path), [Problem("not valid YAML", row=row, value=str(exc).splitlines()[0])]) from None
    return parse_spec(doc, str(path))


# ---- reading the indicator table ----------------------------------------------------------------------


def read_table(path: Path | str) -> pd.DataFrame:
    """An indicator table as text cells: CSV (UTF-8 or GB18030) or the first sheet of an XLSX; the first
    column names the units. `attrs['file']` keeps the path for error messages."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        if not path.is_file():
            raise DataError(
                str(path), message="the file does not exist" if not path.exists() else "a folder, not a file"
            )
        df = pd.read_excel(path, dtype=object, sheet_name=0)
        df = df.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else v)
    else:
        df = read_text_table(path)
    df.attrs["file"] = str(path)
    return df


def _cell_number(v: Any) -> float | None:
    """A cell as a finite number, None when it is not one ('' is missing: NaN)."""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return float("nan") if isinstance(v, float) and np.isnan(v) else (float(v) if np.isfinite(v) else None)
    text = str(v).strip().replace(",", "")
    if text == "" or text.upper() in ("NA", "N/A", "NAN"):
        return float("nan")
    try:
        x = float(text)
    except ValueError:
        return None
    return x if np.isfinite(x) else None


def _table_problems(table: pd.DataFrame, spec: IndexSpec) -> tuple[list[Problem], list[Problem]]:
    """(problems of the spec against the table, problems of the table's cells)."""
    unit_col = table.columns[0]
    spec_p = [
        Problem(f"indicator is not a column of {table.attrs.get('file', 'the table')}", i.row, "indicators.id", i.id)
        for i in spec.indicators
        if i.id not in table.columns
    ]
    cells: list[Problem] = []
    seen: dict[str, int] = {}
    for n, unit in enumerate(table[unit_col].astype(str).str.strip(), start=1):
        if not unit:
            cells.append(Problem("unit name is empty", n, unit_col, unit))
        elif unit in seen:
            cells.append(Problem(f"unit listed twice (also row {seen[unit]})", n, unit_col, unit))
        else:
            seen[unit] = n
    for ind in (i for i in spec.indicators if i.id in table.columns):
        for n, v in enumerate(table[ind.id], start=1):
            if _cell_number(v) is None:
                cells.append(
                    Problem("not a finite number (leave the cell empty when the value is missing)", n, ind.id, v)
                )
    return spec_p, cells


def check_table(table: pd.DataFrame, spec: IndexSpec) -> pd.DataFrame:
    """The spec's indicators as a float table indexed by unit (NaN = missing), in the spec's order; unknown
    indicators, empty or duplicated units, non-numeric cells and indicators without variation raise DataError."""
    file = table.attrs.get("file", "<table>")
    if table.shape[1] < 2 or table.empty:
        raise DataError(file, message="the table needs a unit column and at least one indicator column, and rows")
    spec_p, cells = _table_problems(table, spec)
    if spec_p:
        raise DataError(spec.file, spec_p, message="the spec names indicators the table does not have")
    if cells:
        raise DataError(file, cells, message="invalid indicator table", line_offset=1)
    unit_col = table.columns[0]
    out = pd.DataFrame(
        {i.id: [_cell_number(v) for v in table[i.id]] for i in spec.indicators},
        index=pd.Index(table[unit_col].astype(str).str.strip(), name="unit"),
        dtype=float,
    )
    flat = [
        Problem("fewer than two distinct values: the indicator cannot tell units apart", None, c, int(out[c].nunique()))
        for c in out.columns
        if out[c].nunique() < 2
    ]
    if flat:
        raise DataError(file, flat, message="invalid indicator table")
    return out


def template_table(spec: IndexSpec, units: Iterable[str]) -> pd.DataFrame:
    """An empty indicator table for `spec`: a unit column and one empty column per indicator."""
    return pd.DataFrame({"unit": list(units), **{i: "" for i in spec.indicator_ids}})
