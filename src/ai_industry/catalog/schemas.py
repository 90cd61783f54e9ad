"""Typed casting and pandera schemas for published datasets, built from their sources.yaml entries.

The schema of a dataset lives next to its data (its `columns`, `key` and `checks` in sources.yaml); this
module turns that declaration into a pandera `DataFrameSchema` and turns pandera's failure cases into a
`DataError` naming file, row, column and rule.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from ai_industry.errors import ConfigError, DataError, Problem

TYPES = ("str", "int", "float", "bool", "date", "month")
_DTYPES = {
    "str": "str",
    "int": "Int64",
    "float": "Float64",
    "bool": "boolean",
    "date": "datetime64[ns]",
    "month": "str",
}
_TRUE = {"true", "1", "yes", "是"}
_FALSE = {"false", "0", "no", "否"}


MAX_ABS = 1e12  # no published count, share or money amount in these reports comes near this


def _cast_column(
    values: pd.Series, typ: str, nullable: bool, column: str, max_abs: float = MAX_ABS
) -> tuple[pd.Series, list[Problem]]:
    """Cast one column of strings to its declared type; collect a Problem per bad cell. Numbers must be finite
    and at most `max_abs` in size."""
    problems: list[Problem] = []
    stripped = values.astype(str).str.strip()
    empty = stripped.eq("")
    if not nullable:
        for i in np.flatnonzero(empty.to_numpy()):
            problems.append(Problem("empty cell in a column that must not be empty", int(i) + 1, column))
    if typ in ("str", "month"):
        out = values.astype(str).where(~empty, None).astype("str")
        if typ == "month":
            bad = ~empty & ~stripped.str.fullmatch(r"\d{4}-\d{2}")
            for i in np.flatnonzero(bad.to_numpy()):
                problems.append(Problem("not a month YYYY-MM", int(i) + 1, column, values.iloc[i]))
        return out, problems
    if typ in ("int", "float"):
        num = pd.to_numeric(stripped.where(~empty, None), errors="coerce")
        bad = num.isna() & ~empty
        for i in np.flatnonzero(bad.to_numpy()):
            problems.append(Problem(f"not a number ({typ})", int(i) + 1, column, values.iloc[i]))
        infinite = ~np.isfinite(num.astype(float).fillna(0.0).to_numpy())
        for i in np.flatnonzero(infinite):
            problems.append(Problem("not a finite number", int(i) + 1, column, values.iloc[i]))
        huge = ~infinite & (num.astype(float).abs().fillna(0.0).to_numpy() > max_abs)
        for i in np.flatnonzero(huge):
            problems.append(
                Problem(
                    f"implausibly large (|value| > {max_abs:g}; declare max_abs for this column if it is meant)",
                    int(i) + 1,
                    column,
                    values.iloc[i],
                )
            )
        num = num.where(np.isfinite(num.astype(float)) | num.isna())
        if typ == "int":
            frac = num.notna() & (num % 1 != 0)
            for i in np.flatnonzero(frac.to_numpy()):
                problems.append(Problem("not a whole number", int(i) + 1, column, values.iloc[i]))
            return num.where(~frac).round().astype("Int64"), problems
        return num.astype("Float64"), problems
    if typ == "bool":
        low = stripped.str.lower()
        bad = ~empty & ~low.isin(_TRUE | _FALSE)
        for i in np.flatnonzero(bad.to_numpy()):
            problems.append(Problem("not a yes/no value", int(i) + 1, column, values.iloc[i]))
        return low.map(lambda v: True if v in _TRUE else (False if v in _FALSE else pd.NA)).astype("boolean"), problems
    if typ == "date":
        dates = pd.to_datetime(stripped.where(~empty, None), format="%Y-%m-%d", errors="coerce")
        bad = dates.isna() & ~empty
        for i in np.flatnonzero(bad.to_numpy()):
            problems.append(Problem("not a date YYYY-MM-DD", int(i) + 1, column, values.iloc[i]))
        return dates.astype("datetime64[ns]"), problems
    raise ConfigError(f"column '{column}': unknown type '{typ}' (known: {', '.join(TYPES)})")


def cast_table(
    raw: pd.DataFrame, columns: dict[str, dict[str, Any]], file: str, key: tuple[str, ...] | list[str] = ()
) -> pd.DataFrame:
    """Cast a table read as strings to the declared column types. Raises DataError listing every bad cell,
    missing column and unexpected column, then every key duplicated after trimming and NFKC normalisation
    and every value outside the range its unit implies."""
    problems: list[Problem] = []
    missing = [c for c in columns if c not in raw.columns]
    extra = [c for c in raw.columns if c not in columns]
    for c in missing:
        problems.append(Problem("required column is missing", None, c))
    for c in extra:
        problems.append(Problem("column not declared in sources.yaml", None, c))
    if problems:
        raise DataError(file, problems, "the columns do not match the declaration")
    out = {}
    for name, spec in columns.items():
        out[name], probs = _cast_column(
            raw[name], spec.get("type", "str"), bool(spec.get("nullable")), name, float(spec.get("max_abs", MAX_ABS))
        )
        problems.extend(probs)
    if problems:
        raise DataError(file, problems, "cells that do not fit their column type")
    typed = pd.DataFrame(out, index=raw.index)
    problems = key_problems(typed, key) + unit_range_problems(typed, columns)
    if problems:
        raise DataError(file, problems, "the data break the dataset's schema")
    return typed


# ---- rules every dataset obeys, declared or not -------------------------------------------------------------


def normalized_key(value: object) -> object:
    """A key cell as compared for uniqueness: text trimmed and in Unicode NFKC form (full-width letters and
    digits, compatibility characters and stray spaces do not make a second key)."""
    import unicodedata

    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else value


def key_problems(df: pd.DataFrame, key: tuple[str, ...] | list[str]) -> list[Problem]:
    """Rows whose key equals an earlier row's key after trimming and NFKC normalisation, and key cells with
    leading or trailing spaces."""
    key = [k for k in key if k in df.columns]
    if not key:
        return []
    problems = []
    for k in key:
        col = df[k]
        if col.dtype == object or str(col.dtype).startswith("str"):
            spaced = col.map(lambda v: isinstance(v, str) and v != v.strip())
            for i in np.flatnonzero(spaced.to_numpy()):
                problems.append(Problem("key cell has leading or trailing spaces", int(i) + 1, k, col.iloc[i]))
    norm = df[key].map(normalized_key) if hasattr(df[key], "map") else df[key].applymap(normalized_key)
    first: dict[tuple, int] = {}
    for i, tup in enumerate(norm.itertuples(index=False, name=None)):
        if tup in first:
            problems.append(
                Problem(
                    f"duplicate key: same as row {first[tup] + 1} after trimming spaces and Unicode "
                    "normalisation (NFKC)",
                    i + 1,
                    ", ".join(key),
                    tup if len(tup) > 1 else tup[0],
                )
            )
        else:
            first[tup] = i
    return problems


SHARE_WORDS = ("share", "占比", "比重", "份额")
UNIT_RANGES: dict[str, tuple[float | None, float | None]] = {  # unit id -> (min, max) for every row in that unit
    "count": (0, None),
    "rank": (1, None),
    "km2": (0, None),
    "years": (0, None),
    "multiple": (0, None),
    "100m_cny": (0, None),
    "100m_usd": (0, None),
    "zb": (0, None),
}


def unit_range_problems(df: pd.DataFrame, columns: dict[str, dict[str, Any]]) -> list[Problem]:
    """Ranges that follow from a value's unit wherever it sits: in a table with a `unit` column, each numeric
    `value` row obeys its own unit's range (a count is not negative, a rank starts at 1), and a row in percent
    whose name says it is a share (share, 占比, 比重, 份额 in any text cell of the row) lies in 0..100; a numeric
    column named like a share in percent (…share…_pct) lies in 0..100 unless its declaration says otherwise."""
    problems = []
    for name, spec in columns.items():
        if (
            spec.get("type") in ("int", "float")
            and "share" in name
            and name.endswith("_pct")
            and "ge" not in spec
            and "le" not in spec
            and "gt" not in spec
            and "lt" not in spec
        ):
            bad = df[name].notna() & ~df[name].astype(float).between(0, 100)
            for i in np.flatnonzero(bad.to_numpy()):
                problems.append(Problem("a share in percent must lie in 0..100", int(i) + 1, name, df[name].iloc[i]))
    if "unit" not in df.columns:
        return problems
    text_cols = [c for c, s in columns.items() if s.get("type", "str") == "str" and c != "unit"]
    for vcol in [c for c, s in columns.items() if s.get("type") in ("int", "float") and c.startswith("value")]:
        for i, (unit, val) in enumerate(zip(df["unit"], df[vcol])):
            if val is None or pd.isna(val) or not isinstance(unit, str):
                continue
            lo, hi = UNIT_RANGES.get(unit, (None, None))
            if unit == "pct" and any(
                isinstance(df[c].iloc[i], str) and any(w in df[c].iloc[i] for w in SHARE_WORDS) for c in text_cols
            ):
                lo, hi = 0, 100
                what = "a share in percent must lie in 0..100"
            else:
                what = (
                    f"a value in unit '{unit}' must lie in "
                    + f"{'' if lo is None else lo:}..{'' if hi is None else hi}"
                )
            if (lo is not None and float(val) < lo) or (hi is not None and float(val) > hi):
                problems.append(Problem(what, i + 1, vcol, val))
    return problems


# ---- dataset-level checks -------------------------------------------------------------------------------


def _groups(df: pd.DataFrame, by: list[str]):
    return df.groupby(by, sort=False, dropna=False) if by else [((), df)]


def _group_label(by: list[str], key: object) -> str:
    if not by:
        return ""
    vals = key if isinstance(key, tuple) else (key,)
    return " (" + ", ".join(f"{b}={v}" for b, v in zip(by, vals)) + ")"


def check_sum(
    column: str,
    by: list[str] | None = None,
    target: float | None = None,
    tol: float = 0.0,
    max: float | None = None,  # noqa: A002 - mirrors the YAML key
    details: dict[str, list[Problem]] | None = None,
):
    """Rows of each group pass when the group's sum of `column` is `target`±`tol` (or at most `max`). A failing
    group is described once in `details` with the sum it has."""
    rule = f"sum of {column}" + (f" by {', '.join(by)}" if by else "")
    rule += f" must be {target}±{tol}" if target is not None else f" must be at most {max}"

    def fn(df: pd.DataFrame) -> pd.Series:
        ok = pd.Series(True, index=df.index)
        for key, g in _groups(df, by or []):
            s = float(g[column].sum())
            good = (abs(s - target) <= tol + 1e-9) if target is not None else (s <= max + 1e-9)
            ok.loc[g.index] = good
            if not good and details is not None:
                rows = f", rows {g.index.min() + 1}–{g.index.max() + 1}" if len(g) > 1 else ""
                details.setdefault(rule, []).append(
                    Problem(
                        f"{rule}: the sum is {s:.6g}{_group_label(by or [], key)}{rows}", int(g.index.min()) + 1, column
                    )
                )
        return ok

    return pa.Check(fn, name=rule, error=rule)


def check_rank(
    column: str,
    rank: str,
    by: list[str] | None = None,
    order: str = "desc",
    details: dict[str, list[Problem]] | None = None,
):
    """Rows pass when a better rank never has a worse value (ties in value may share or split ranks). Each
    offending pair is described once in `details`."""
    rule = f"{rank} must order {column} ({order})" + (f" within {', '.join(by)}" if by else "")

    def fn(df: pd.DataFrame) -> pd.Series:
        ok = pd.Series(True, index=df.index)
        for key, g in _groups(df, by or []):
            g = g.dropna(subset=[column, rank]).sort_values(rank, kind="stable")
            vals = g[column].astype(float).to_numpy()
            if order == "desc":
                bad = np.r_[False, vals[1:] > vals[:-1] + 1e-12]
            else:
                bad = np.r_[False, vals[1:] < vals[:-1] - 1e-12]
            ok.loc[g.index[bad]] = False
            if details is not None:
                for j in np.flatnonzero(bad):
                    a, b = g.index[j - 1], g.index[j]
                    details.setdefault(rule, []).append(
                        Problem(
                            f"{rule}: {rank} {g[rank].loc[b]} has {column} {g[column].loc[b]:g} but row {a + 1} "
                            f"({rank} {g[rank].loc[a]}) has {g[column].loc[a]:g}{_group_label(by or [], key)}",
                            int(b) + 1,
                            column,
                        )
                    )
        return ok

    return pa.Check(fn, name=rule, error=rule)


def check_equals(column: str, expr: str, tol: float = 0.0):
    """Rows pass when `column` equals the arithmetic `expr` of other columns (the language of ai_industry.expr,
    names standing for columns)."""
    from ai_industry.catalog import expr as expr_lang

    try:
        expr_lang.parse(expr)  # refuse anything outside the language when the schema is built
    except expr_lang.ExpressionError as exc:
        raise ConfigError(f"check equals: {exc}") from None

    def fn(df: pd.DataFrame) -> pd.Series:
        got = expr_lang.evaluate_columns(expr, df)
        return (df[column].astype(float) - got).abs() <= tol + 1e-9

    rule = f"{column} must equal {expr} (±{tol})"
    return pa.Check(fn, name=rule, error=rule)


def check_quote_on_line(quote: str, line: str, seed: str, seeds_dir: str = "seeds"):
    """Rows pass when `quote` is found verbatim on line `line` of the seed text named in column `seed`
    (files under data/raw/published/<seeds_dir>/)."""

    def fn(df: pd.DataFrame) -> pd.Series:
        from ai_industry.paths import published_dir

        texts: dict[str, list[str] | None] = {}
        ok = []
        for q, ln, sd in zip(df[quote], df[line], df[seed]):
            if sd not in texts:
                path = published_dir() / seeds_dir / sd
                texts[sd] = path.read_text(encoding="utf-8").split("\n") if path.is_file() else None
            lines = texts[sd]
            ok.append(lines is not None and 1 <= int(ln) <= len(lines) and str(q) in lines[int(ln) - 1])
        return pd.Series(ok, index=df.index)

    rule = f"{quote} must stand verbatim on seed line {line} of the file named in {seed}"
    return pa.Check(fn, name=rule, error=rule)


def check_derivations(derivation: str, id_column: str, check_column: str):
    """Rows pass when `derivation` is empty (and `check_column` empty) or an expression of the language in
    ai_industry.expr whose names are all ids in `id_column`, with `check_column` set."""

    def fn(df: pd.DataFrame) -> pd.Series:
        from ai_industry.catalog import expr

        ids = set(df[id_column])
        ok = []
        for d, chk in zip(df[derivation].fillna(""), df[check_column].fillna("")):
            if not d:
                ok.append(not chk)
                continue
            try:
                ok.append(bool(chk) and expr.names(d) <= ids)
            except expr.ExpressionError:
                ok.append(False)
        return pd.Series(ok, index=df.index)

    rule = f"{derivation} must parse, name only existing {id_column}s, and come with a {check_column}"
    return pa.Check(fn, name=rule, error=rule)


def check_classified(check_column: str, differs_column: str, derivation: str):
    """Rows pass when a comparison without a verdict (`check_column` = related) names what differs
    (`differs_column`: scope, date or definition), and what differs is only given for a claim with a
    derivation: the audit's rule, that a finding is `related` only where scope, date or definition differ."""

    def fn(df: pd.DataFrame) -> pd.Series:
        chk = df[check_column].fillna("").astype(str)
        dif = df[differs_column].fillna("").astype(str)
        der = df[derivation].fillna("").astype(str)
        return ~((chk == "related") & (dif == "")) & ~((dif != "") & (der == ""))

    rule = (
        f"{check_column} = related must name what differs in {differs_column}, "
        f"and {differs_column} needs a {derivation}"
    )
    return pa.Check(fn, name=rule, error=rule)


_CHECKS = {
    "sum": check_sum,
    "rank": check_rank,
    "equals": check_equals,
    "quote_on_line": check_quote_on_line,
    "derivations": check_derivations,
    "classified": check_classified,
}


def _column_checks(spec: dict[str, Any]) -> list[pa.Check]:
    checks = []
    if "isin" in spec:
        checks.append(pa.Check.isin(spec["isin"]))
    for key, make in (("ge", pa.Check.ge), ("le", pa.Check.le), ("gt", pa.Check.gt), ("lt", pa.Check.lt)):
        if key in spec:
            checks.append(make(spec[key]))
    if "regex" in spec:
        checks.append(pa.Check.str_matches(spec["regex"]))
    return checks


def build_schema(
    columns: dict[str, dict[str, Any]],
    key: tuple[str, ...] | list[str] = (),
    checks: tuple[dict[str, Any], ...] | list[dict[str, Any]] = (),
    name: str = "",
) -> pa.DataFrameSchema:
    """A pandera schema from a sources.yaml declaration (columns with types and ranges, key, checks)."""
    cols = {
        c: pa.Column(
            _DTYPES[spec.get("type", "str")],
            checks=_column_checks(spec),
            nullable=bool(spec.get("nullable")),
            unique=bool(spec.get("unique")),
            coerce=False,
        )
        for c, spec in columns.items()
    }
    frame_checks = []
    details: dict[str, list[Problem]] = {}
    for chk in checks:
        chk = dict(chk)
        kind = chk.pop("check", None)
        if kind not in _CHECKS:
            raise ConfigError(f"{name}: unknown check '{kind}' (known: {', '.join(_CHECKS)})")
        if kind in ("sum", "rank"):
            chk["details"] = details
        frame_checks.append(_CHECKS[kind](**chk))
    return pa.DataFrameSchema(
        cols,
        checks=frame_checks,
        unique=list(key) or None,
        strict=True,
        ordered=True,
        name=name or None,
        report_duplicates="all",
        metadata={"details": details},
    )


_READABLE = {
    "multiple_fields_uniqueness": "duplicate key: another row has the same key values",
    "field_uniqueness": "duplicate value in a column that must be unique",
    "column_in_dataframe": "required column is missing",
    "column_in_schema": "column not declared in sources.yaml",
    "not_nullable": "empty cell in a column that must not be empty",
}


def _problems_from(cases: pd.DataFrame) -> list[Problem]:
    problems = []
    for rec in cases.to_dict("records"):
        idx = rec.get("index")
        row = int(idx) + 1 if idx is not None and not pd.isna(idx) else None
        col = rec.get("column")
        col = None if col is None or (isinstance(col, float) and pd.isna(col)) or col == "" else str(col)
        check = _READABLE.get(str(rec.get("check")), str(rec.get("check")))
        value = rec.get("failure_case")
        if isinstance(value, float) and pd.isna(value):
            value = None
        problems.append(Problem(f"rule broken: {check}", row, col, value))
    problems.sort(key=lambda p: (p.row is None, p.row or 0, p.column or ""))
    return problems


def validate(df: pd.DataFrame, schema: pa.DataFrameSchema, file: str) -> pd.DataFrame:
    """Validate `df` (index = 0-based data row) with `schema`; raise DataError naming rows, columns, rules."""
    details: dict[str, list[Problem]] = (schema.metadata or {}).get("details", {})
    details.clear()
    try:
        return schema.validate(df, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
        described = cases["check"].astype(str).isin(list(details)) if len(cases) else pd.Series(dtype=bool)
        problems = [p for rule in details for p in details[rule]]
        problems += _problems_from(cases[~described] if len(cases) else cases)
        problems.sort(key=lambda p: (p.row is None, p.row or 0, p.column or ""))
        raise DataError(file, problems, "the data break the dataset's schema") from None
    except SchemaError as exc:  # pragma: no cover - lazy=True collects; kept for safety
        raise DataError(file, [Problem(str(exc))], "the data break the dataset's schema") from None
