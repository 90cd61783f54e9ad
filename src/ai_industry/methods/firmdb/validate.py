"""Validation of a firm database's two text tables with pandera: every broken rule is reported with its file,
row (the real file line of a CSV, the sheet row of a workbook), column, rule and value, all at once; nothing is
coerced silently. Exact duplicate rows are not errors: they are dropped and reported (`Duplicates`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from ai_industry.errors import DataError, Problem
from ai_industry.methods.firmdb import codes
from ai_industry.methods.firmdb.read import RawTable

YEAR_RANGE = (1800, 2100)
ORG_REQUIRED = ("id", "name", "kind", "in_sample")
ORG_OPTIONAL = (
    "province",
    "city",
    "address",
    "founding_year",
    "exit_year",
    "technologies",
    "fields",
    "industry_section",
    "industry_division",
)
REL_REQUIRED = ("source", "target", "year")
REL_OPTIONAL = (
    "relation_type",
    "direction",
    "technology",
    "field",
    "industry_section",
    "industry_division",
)
REL_ALIASES = {"provider": "source", "receiver": "target", "from": "source", "to": "target", "type": "relation_type"}


@dataclass
class Duplicates:
    """Exact duplicate rows dropped from one table: the file and the row positions (file lines) of the copies."""

    file: str
    rows: list[int]


def _position(raw: RawTable, index: int) -> int:
    return raw.row_lines[index] if raw.row_lines else index + 1


def _with_optional(df: pd.DataFrame, optional: tuple[str, ...]) -> pd.DataFrame:
    out = df.copy()
    for c in optional:
        if c not in out.columns:
            out[c] = ""
    for c in out.columns:
        out[c] = out[c].astype(str).str.strip()
    return out


def _missing(raw: RawTable, required: tuple[str, ...], what: str) -> None:
    missing = [c for c in required if c not in raw.df.columns]
    if missing:
        raise DataError(
            raw.file,
            [Problem("required column is missing", None, c) for c in missing],
            f"not a firm-database {what} table (columns: {', '.join(required)} required)",
        )


def drop_duplicates(df: pd.DataFrame, raw: RawTable) -> tuple[pd.DataFrame, Duplicates]:
    """`df` without rows that repeat an earlier row cell for cell (index kept), and which rows were dropped."""
    dup = df.duplicated(keep="first").to_numpy()
    rows = [_position(raw, int(i)) for i in np.flatnonzero(dup)]
    return df[~dup], Duplicates(raw.file, rows)


def numbers(s: pd.Series) -> pd.Series:
    """Text as numbers (float; '' and what is not a number NaN), read once per distinct text: a 2,000,000-row
    year column has a dozen."""
    codes_, uniq = pd.factorize(s, sort=False)
    text = pd.Series(np.asarray(uniq, dtype=object))
    values = pd.to_numeric(text.where(text.ne(""), None), errors="coerce").to_numpy(dtype=float)
    return pd.Series(np.append(values, np.nan)[codes_], index=s.index)


def _year_ok(s: pd.Series, required: bool, lo: int, hi: int) -> pd.Series:
    num = numbers(s)
    ok = num.notna() & (num == np.floor(num)) & num.between(lo, hi)
    return ok if required else (ok | s.eq(""))


def years_of(s: pd.Series) -> pd.Series:
    """A year column as nullable integers; what is not a whole number is missing (its own rule reports it), so
    a rule comparing two year columns still checks every other row."""
    num = numbers(s)
    return num.where(num == np.floor(num)).astype("Int64")


def _known(vocabulary: str):
    return lambda s: ~codes.canonical(s, vocabulary)[1]


def _known_list(vocabulary: str):
    return lambda s: ~codes.canonical_lists(s, vocabulary)[1]


def _division_in_section(df: pd.DataFrame) -> pd.Series:
    sec, _ = codes.canonical(df["industry_section"], "section")
    div, _ = codes.canonical(df["industry_division"], "division")
    parent = div.map(dict(zip(codes.divisions()["code"], codes.divisions()["section"]))).fillna("")
    return div.eq("") | sec.eq("") | parent.eq(sec)


def _org_schema(lo: int, hi: int) -> pa.DataFrameSchema:
    text = {"nullable": False}
    return pa.DataFrameSchema(
        {
            "id": pa.Column(
                str,
                checks=[
                    pa.Check(lambda s: s.ne(""), name="an organisation needs an id"),
                    pa.Check(lambda s: ~s.duplicated(keep=False), name="duplicate id (rows differ)"),
                ],
                **text,
            ),
            "name": pa.Column(str, checks=pa.Check(lambda s: s.ne(""), name="an organisation needs a name"), **text),
            "kind": pa.Column(str, checks=pa.Check(_known("kind"), name="unknown kind"), **text),
            "in_sample": pa.Column(
                str,
                checks=pa.Check(
                    lambda s: s.str.lower().isin(codes.TRUE | codes.FALSE), name="in_sample must be 1/0 (true/false)"
                ),
                **text,
            ),
            "founding_year": pa.Column(
                str, checks=pa.Check(lambda s: _year_ok(s, False, lo, hi), name=f"not a year in {lo}–{hi}"), **text
            ),
            "exit_year": pa.Column(
                str, checks=pa.Check(lambda s: _year_ok(s, False, lo, hi), name=f"not a year in {lo}–{hi}"), **text
            ),
            "technologies": pa.Column(
                str, checks=pa.Check(_known_list("ai_technologies"), name="unknown technology category"), **text
            ),
            "fields": pa.Column(
                str, checks=pa.Check(_known_list("ai_application_fields"), name="unknown application field"), **text
            ),
            "industry_section": pa.Column(
                str, checks=pa.Check(_known("section"), name="unknown GB/T 4754 section"), **text
            ),
            "industry_division": pa.Column(
                str, checks=pa.Check(_known("division"), name="unknown GB/T 4754 division"), **text
            ),
        },
        checks=[
            pa.Check(_division_in_section, name="division is not in the section"),
            pa.Check(
                lambda df: years_of(df["exit_year"]).fillna(hi).ge(years_of(df["founding_year"]).fillna(lo)),
                name="exit_year before founding_year",
            ),
        ],
        strict=False,
    )


@dataclass
class Ends:
    """Where each relation's source and target are among the organisations (−1: an unknown id) and whether each
    organisation is in the sample: the id look-ups of every relation rule, made once."""

    source: np.ndarray
    target: np.ndarray
    sample: np.ndarray

    @classmethod
    def of(cls, df: pd.DataFrame, in_sample: pd.Series) -> Ends:
        ids = pd.Index(in_sample.index)
        return cls(ids.get_indexer(df["source"]), ids.get_indexer(df["target"]), in_sample.to_numpy(bool))

    def in_sample(self, end: str) -> tuple[np.ndarray, np.ndarray]:
        """(known, in the sample) of one end; an unknown id is not in the sample."""
        pos = getattr(self, end)
        return pos >= 0, np.where(pos >= 0, self.sample[np.maximum(pos, 0)], False)


def _known_end(ends: Ends, end: str):
    return lambda s: pd.Series(getattr(ends, end) >= 0, index=s.index)


def _rel_schema(ends: Ends, lo: int, hi: int) -> pa.DataFrameSchema:
    text = {"nullable": False}
    unknown_id = "refers to an organisation id that is not in organisations"
    return pa.DataFrameSchema(
        {
            "source": pa.Column(str, checks=[pa.Check(_known_end(ends, "source"), name=unknown_id)], **text),
            "target": pa.Column(str, checks=[pa.Check(_known_end(ends, "target"), name=unknown_id)], **text),
            "year": pa.Column(
                str, checks=pa.Check(lambda s: _year_ok(s, True, lo, hi), name=f"not a year in {lo}–{hi}"), **text
            ),
            "relation_type": pa.Column(
                str, checks=pa.Check(_known("relation_type"), name="unknown relation_type"), **text
            ),
            "direction": pa.Column(str, checks=pa.Check(_known("direction"), name="unknown direction"), **text),
            "technology": pa.Column(
                str, checks=pa.Check(_known("ai_technologies"), name="unknown technology category"), **text
            ),
            "field": pa.Column(
                str, checks=pa.Check(_known("ai_application_fields"), name="unknown application field"), **text
            ),
            "industry_section": pa.Column(
                str, checks=pa.Check(_known("section"), name="unknown GB/T 4754 section"), **text
            ),
            "industry_division": pa.Column(
                str, checks=pa.Check(_known("division"), name="unknown GB/T 4754 division"), **text
            ),
        },
        checks=[
            pa.Check(lambda df: df["source"].ne(df["target"]), name="a relation from an organisation to itself"),
            pa.Check(
                lambda df: _one_end_in_sample(df, ends),
                name="neither end is in the sample (footnote 11: a relation joins a sample node to a partner)",
            ),
            pa.Check(lambda df: _direction_agrees(df, ends), name="direction disagrees with footnote 11"),
            pa.Check(_division_in_section, name="division is not in the section"),
        ],
        strict=False,
    )


def _one_end_in_sample(df: pd.DataFrame, ends: Ends) -> pd.Series:
    (s_known, s), (t_known, t) = ends.in_sample("source"), ends.in_sample("target")
    return pd.Series(~s_known | ~t_known | s | t, index=df.index)  # unknown ids are reported by their own rule


def footnote11(source_in_sample: pd.Series, target_in_sample: pd.Series) -> pd.Series:
    """Footnote 11's class of each relation (source gives technical support to target): 技术赋能 `enabling` when
    a sample node supports a relation node, 技术输入 `input` when a relation node supports a sample node,
    `between_samples` when both ends are sample nodes (the footnote names no class for them)."""
    s, t = source_in_sample.to_numpy(bool), target_in_sample.to_numpy(bool)
    names = np.array([codes.ENABLING, codes.INPUT, codes.BETWEEN_SAMPLES], dtype=object)
    return pd.Series(names[np.where(s & t, 2, np.where(s, 0, 1))], index=source_in_sample.index)


def _direction_agrees(df: pd.DataFrame, ends: Ends) -> pd.Series:
    given, _ = codes.canonical(df["direction"], "direction")
    (s_known, s), (t_known, t) = ends.in_sample("source"), ends.in_sample("target")
    derived = footnote11(pd.Series(s, index=df.index), pd.Series(t, index=df.index))
    return given.eq("") | ~(s_known & t_known) | given.eq(derived) | derived.eq(codes.BETWEEN_SAMPLES)


# the column a table-wide rule is reported under
_RULE_COLUMN = {
    "division is not in the section": "industry_division",
    "exit_year before founding_year": "exit_year",
    "a relation from an organisation to itself": "target",
    "direction disagrees with footnote 11": "direction",
    "neither end is in the sample (footnote 11: a relation joins a sample node to a partner)": "source",
}


class _Said(str):
    """A value shown as written (a sentence about the cell rather than the cell itself)."""

    def __repr__(self) -> str:
        return str(self)


def _run(
    schema: pa.DataFrameSchema,
    df: pd.DataFrame,
    raw: RawTable,
    what: str,
    explain: dict[str, Callable[[int], object]] | None = None,
) -> None:
    """Validate `df` with every rule at once; a broken one stops with a `DataError` naming row, column, rule and
    value (`explain`: rule -> the value to show for a row, where the cell alone does not say why). A rule that
    could not be evaluated is reported too, never skipped."""
    try:
        schema.validate(df, lazy=True)
    except SchemaErrors as exc:
        problems, seen = [], set()
        row_rules = {str(c.name) for c in schema.checks}  # a rule of the whole row: once per row, not per column
        for rec in exc.failure_cases.to_dict("records"):
            idx = rec.get("index")
            check = str(rec.get("check"))
            col = rec.get("column")
            if check in row_rules or not (isinstance(col, str) and col and col != df.columns.name):
                col = _RULE_COLUMN.get(check)
            if idx is None or pd.isna(idx):  # the rule raised or failed as a whole: say so
                problems.append(Problem(f"{check} (could not be checked: {rec.get('failure_case')})", None, col))
                continue
            if (check, int(idx), col) in seen:
                continue
            seen.add((check, int(idx), col))
            if explain and check in explain:
                value = explain[check](int(idx))
            else:
                value = df.at[int(idx), col] if col in df.columns else None
            problems.append(Problem(check, int(idx) + 1, col, value))
        problems.sort(key=lambda p: (p.row or 0, p.column or ""))
        lines = raw.row_lines
        counted = "" if lines is not None else " (rows are data rows counted from 1: a Parquet file has no lines)"
        raise DataError(
            raw.file, problems, f"the {what} table breaks the firm-database format{counted}", row_lines=lines
        ) from None


def organisations(raw: RawTable, year_range: tuple[int, int] = YEAR_RANGE) -> tuple[pd.DataFrame, Duplicates]:
    """The validated organisations text table (exact duplicate rows dropped, index = data row − 1)."""
    _missing(raw, ORG_REQUIRED, "organisations")
    df, dups = drop_duplicates(_with_optional(raw.df, ORG_OPTIONAL), raw)
    _run(_org_schema(*year_range), df, raw, "organisations")
    return df, dups


def relations(
    raw: RawTable, orgs: pd.DataFrame, in_sample: pd.Series, year_range: tuple[int, int] = YEAR_RANGE
) -> tuple[pd.DataFrame, Duplicates]:
    """The validated relations text table; `in_sample` maps organisation id -> bool."""
    raw.df.columns = [REL_ALIASES.get(c, c) for c in raw.df.columns]
    _missing(raw, REL_REQUIRED, "relations")
    df, dups = drop_duplicates(_with_optional(raw.df, REL_OPTIONAL), raw)
    ends = Ends.of(df, in_sample)
    (_, s), (_, t) = ends.in_sample("source"), ends.in_sample("target")
    derived = footnote11(pd.Series(s, index=df.index), pd.Series(t, index=df.index)).to_numpy()
    role = {True: "a sample node", False: "a partner"}

    def direction(i: int) -> str:
        return _Said(
            f"{df.at[i, 'direction']!r}, but the source is {role[bool(s[i])]} and the target {role[bool(t[i])]}, "
            f"which footnote 11 calls {derived[i]!r}"
        )

    _run(_rel_schema(ends, *year_range), df, raw, "relations", {"direction disagrees with footnote 11": direction})
    return df, dups
