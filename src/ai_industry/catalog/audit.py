"""The claims audit: every numeric claim of the seeds, recomputed from the claims and table cells it follows from.

Status of a claim:
- ``reproduced``  its derivation (``check`` = derived or same) gives the reported value within tolerance, or
                  (``check`` = at_least / at_most) the reported value is at least / at most the derived one;
- ``discrepancy`` it does not;
- ``related``     the claim and what it is compared with differ in scope, date or definition (column
                  ``differs``): shown, never an error;
- ``not derivable`` the claim has no derivation (nothing in the seeds to recompute it from).

The rule (written at the top of the audit chapter, terms ``audit_rule``): a finding is a ``discrepancy`` where
the two statements cannot both hold for the same scope; it is ``related`` only where the scope, the date or the
definition differ. Each claim with a derivation says in ``differs`` which of scope / date / definition differ
(joined by "+", or empty for none), and `classify` derives the status from that and from whether the check
holds: nothing else decides it. ``check`` = related (a comparison without a verdict) must name what differs.

Tolerance (documented assumption): the reported value stands for the interval its printed digits allow, half a
unit of its last printed decimal; each input of the derivation contributes its own half-unit times the
derivation's sensitivity to it (finite differences). Counts, ranks, years and dates are exact (no rounding
half-unit). Qualifiers move the test: 超过/以上/逾/多/余/至少/超/高达 (the true value is above the reported one)
pass when recomputed ≥ reported − tolerance; 不到/不足/仅 pass when recomputed ≤ reported + tolerance;
约/左右/大约/近/接近 pass within the larger of the tolerance and 5 % of the reported value. The half-unit and the
qualifier groups come from `catalog.printed` and its table `qualifiers.csv` (the suite's one convention).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pandas as pd

from ai_industry.catalog import expr
from ai_industry.catalog.printed import APPROX_REL, EXACT_UNITS, printed_decimals, printed_half_unit  # noqa: F401
from ai_industry.catalog.printed import words as _qualifier_words
from ai_industry.errors import DataError, Problem

# the qualifier groups of the audit, from the one qualifier table (catalog/qualifiers.csv)
AT_LEAST = _qualifier_words("lower")
AT_MOST = _qualifier_words("upper")
APPROX = _qualifier_words("approximate")
SEED_REPORT = {
    "000": "gz-sz-synergy",
    "001": "ai-clusters-2023",
    "002": "nansha-proposal",
    "003": "china-ai-industry-2022",
}


CLAIMS_FILE = "data/raw/published/claims.csv"
DIFFERS = ("scope", "date", "definition")
STATUSES = ("reproduced", "discrepancy", "related", "not derivable")


def seed_of(claim_id: str) -> str:
    return claim_id[1:4]


def differs_parts(differs: str, row: int | None = None) -> tuple[str, ...]:
    """What a finding's two statements differ in ('scope+date' -> ('scope', 'date'); '' -> ()). Anything but
    scope, date and definition raises DataError naming the ledger, row and column."""
    parts = tuple(p.strip() for p in str(differs or "").split("+") if p.strip())
    bad = [p for p in parts if p not in DIFFERS]
    if bad or len(set(parts)) != len(parts):
        raise DataError(
            CLAIMS_FILE,
            [Problem(f"differs must be {', '.join(DIFFERS)} joined by '+', each once", row, "differs", differs)],
            line_offset=1,
        )
    return parts


def classify(holds: bool | None, differs: str, check: str = "", row: int | None = None) -> str:
    """The status of a finding by the audit's rule: ``related`` where scope, date or definition differ
    (`differs`), otherwise ``reproduced`` if the check holds and ``discrepancy`` if it does not (the two
    statements cannot both hold for the same scope). A check without a verdict (``check`` = related, `holds`
    None) that names nothing that differs breaks the rule: DataError with the ledger's row."""
    if differs_parts(differs, row):
        return "related"
    if holds is None or check == "related":
        raise DataError(
            CLAIMS_FILE,
            [Problem("a related comparison must say what differs (scope, date or definition)", row, "differs", "")],
            line_offset=1,
        )
    return "reproduced" if holds else "discrepancy"


def _sensitivity_tolerance(derivation: str, values: dict[str, float], halfs: dict[str, float], tables=None) -> float:
    """Σ |∂f/∂x_i| · half_i by one-sided finite differences (table cells taken as exact)."""
    base = expr.evaluate(derivation, values, tables=tables)
    tol = 0.0
    for name in expr.names(derivation):
        h = halfs.get(name, 0.0)
        if h == 0.0:
            continue
        bumped = dict(values)
        bumped[name] = values[name] + h
        up = expr.evaluate(derivation, bumped, tables=tables)
        if isinstance(up, float) and isinstance(base, float) and not (math.isnan(up) or math.isnan(base)):
            tol += abs(up - base)
    return tol


def judge(reported: float, recomputed: float, tol: float, qualifier: str) -> bool:
    """Whether `recomputed` supports a claim of `reported` (with its qualifier) within `tol`."""
    if recomputed is None or (isinstance(recomputed, float) and math.isnan(recomputed)):
        return False
    q = (qualifier or "").strip()
    eps = 1e-9 + 1e-12 * abs(reported)
    if q in AT_LEAST:
        return recomputed >= reported - tol - eps
    if q in AT_MOST:
        return recomputed <= reported + tol + eps
    if q in APPROX:
        return abs(recomputed - reported) <= max(tol, APPROX_REL * abs(reported)) + eps
    return abs(recomputed - reported) <= tol + eps


def substitute(derivation: str, values: dict[str, float]) -> str:
    """The derivation with each claim id replaced by its value: what the arithmetic says."""

    def rep(m: re.Match) -> str:
        name = m.group(0)
        return f"{values[name]:.10g}" if name in values else name

    return re.sub(r"\bc\d{3}_\d{4}_\d{2}\b", rep, derivation)


def _holds(check: str, reported: float, got: float, tol: float, qualifier: str) -> bool | None:
    """Whether the check holds: ``at_least`` / ``at_most`` (the reported value is a bound of the derived one),
    ``derived`` / ``same`` (equal within tolerance and qualifier); None for ``related`` (no verdict)."""
    if check == "related":
        return None
    if check == "at_least":
        return reported >= got - tol - 1e-9
    if check == "at_most":
        return reported <= got + tol + 1e-9
    return judge(reported, got, tol, qualifier)


def audit_claims(claims: pd.DataFrame, cell=None, tables=None, readable=None) -> pd.DataFrame:
    """Audit every claim. `claims` as read from claims.csv with all columns as strings (value kept as printed).
    `tables` supplies the table functions of the derivations (`table_functions`; `cell` alone may be passed as
    `cell`); without them claims that need tables stay 'not derivable' with a note, and so do those reading a
    dataset `readable(dataset)` refuses ('<report>/<name>'; e.g. one a chapter did not declare). Returns one row per claim
    with reported, recomputed, tolerance, difference, differs, status, note and the substituted arithmetic
    (with what a table function found, e.g. which names fail)."""
    tables = dict(tables or {})
    if cell is not None:
        tables.setdefault("cell", cell)
    values = {r.claim_id: float(r.value) for r in claims.itertuples()}
    halfs = {r.claim_id: printed_half_unit(r.value, r.unit) for r in claims.itertuples()}
    rows: list[dict[str, Any]] = []
    for i, r in enumerate(claims.itertuples(), start=1):
        differs = str(getattr(r, "differs", "") or "")
        rec: dict[str, Any] = {
            "claim_id": r.claim_id,
            "seed_file": r.seed_file,
            "line": int(r.line),
            "section": r.section,
            "quote": r.quote,
            "measure": r.measure,
            "reported": float(r.value),
            "unit": r.unit,
            "qualifier": r.qualifier,
            "derivation": r.derivation,
            "check": r.check,
            "differs": differs,
            "recomputed": float("nan"),
            "tolerance": float("nan"),
            "difference": float("nan"),
            "arithmetic": "",
            "refs": "",
            "status": "not derivable",
            "note": r.note,
        }
        if r.derivation and (
            not expr.table_calls(r.derivation) <= set(tables)
            or (readable is not None and not all(readable(ds) for ds in expr.table_datasets(r.derivation)))
        ):
            rec["note"] = (r.note + "; " if r.note else "") + "needs table cells: audited in the audit report"
        elif r.derivation:
            refs = sorted(expr.names(r.derivation))
            got = expr.evaluate(r.derivation, values, tables=tables)
            detail = getattr(got, "detail", "")
            rec["recomputed"] = float(got)
            rec["refs"] = " ".join(refs)
            rec["arithmetic"] = f"{substitute(r.derivation, values)} = {got:.10g}" + (f" ({detail})" if detail else "")
            tol = printed_half_unit(r.value, r.unit) + _sensitivity_tolerance(r.derivation, values, halfs, tables)
            rec["tolerance"] = tol
            rec["difference"] = got - float(r.value)
            holds = _holds(r.check, float(r.value), float(got), tol, r.qualifier)
            rec["status"] = classify(holds, differs, r.check, row=i)
        rows.append(rec)
    return pd.DataFrame(rows)


def summary(audited: pd.DataFrame) -> pd.DataFrame:
    """Counts of claims per seed and status (with totals)."""
    tab = pd.crosstab(audited["seed_file"], audited["status"])
    for st in ("reproduced", "discrepancy", "related", "not derivable"):
        if st not in tab.columns:
            tab[st] = 0
    tab = tab[["reproduced", "discrepancy", "related", "not derivable"]]
    tab["claims"] = tab.sum(axis=1)
    tab.loc["total"] = tab.sum()
    return tab.reset_index().rename(columns={"seed_file": "seed"})


def discrepancies(audited: pd.DataFrame) -> pd.DataFrame:
    """Each failed check with the claim, the claims it was recomputed from (quotes and places) and the arithmetic."""
    by_id = audited.set_index("claim_id")
    out = []
    for r in audited[audited["status"] == "discrepancy"].itertuples():
        others = [
            f"{c} ({by_id.loc[c, 'seed_file'][:3]}:{by_id.loc[c, 'line']}) “{by_id.loc[c, 'quote']}”"
            for c in r.refs.split()
            if c in by_id.index
        ] + [table_citation(ds) for ds in expr.table_datasets(r.derivation)]
        out.append(
            {
                "claim_id": r.claim_id,
                "where": f"{r.seed_file[:3]}:{r.line}",
                "section": r.section,
                "quote": r.quote,
                "reported": r.reported,
                "qualifier": r.qualifier,
                "recomputed": r.recomputed,
                "difference": r.difference,
                "check": r.check,
                "from": "; ".join(others),
                "arithmetic": r.arithmetic,
                "note": r.note,
            }
        )
    return pd.DataFrame(
        out,
        columns=[
            "claim_id",
            "where",
            "section",
            "quote",
            "reported",
            "qualifier",
            "recomputed",
            "difference",
            "check",
            "from",
            "arithmetic",
            "note",
        ],
    )


def cross_report(audited: pd.DataFrame) -> pd.DataFrame:
    """Claims whose derivation refers to a claim in another seed: the same (or a related) quantity side by side."""
    by_id = audited.set_index("claim_id")
    rows = []
    for r in audited[audited["refs"] != ""].itertuples():
        for ref in r.refs.split():
            if ref in by_id.index and seed_of(ref) != seed_of(r.claim_id):
                o = by_id.loc[ref]
                rows.append(
                    {
                        "claim_id": r.claim_id,
                        "report": SEED_REPORT.get(seed_of(r.claim_id), ""),
                        "where": f"{r.seed_file[:3]}:{r.line}",
                        "quote": r.quote,
                        "value": r.reported,
                        "unit": r.unit,
                        "other_claim": ref,
                        "other_report": SEED_REPORT.get(seed_of(ref), ""),
                        "other_where": f"{o['seed_file'][:3]}:{o['line']}",
                        "other_quote": o["quote"],
                        "other_value": o["reported"],
                        "other_unit": o["unit"],
                        "check": r.check,
                        "status": r.status,
                        "arithmetic": r.arithmetic,
                        "note": r.note,
                    }
                )
    return pd.DataFrame(rows)


EXPORT_COLUMNS = [
    "claim_id",
    "seed_file",
    "line",
    "section",
    "quote",
    "reported",
    "recomputed",
    "status",
    "note",
    "measure",
    "unit",
    "qualifier",
    "check",
    "differs",
    "derivation",
    "arithmetic",
    "tolerance",
    "difference",
]


def quote_problems(claims: pd.DataFrame, seeds_dir: Path) -> list[tuple[int, str]]:
    """(row, claim_id) of claims whose quote is not found verbatim on their line of the seed text."""
    texts: dict[str, list[str]] = {}
    bad = []
    for i, r in enumerate(claims.itertuples()):
        if r.seed_file not in texts:
            texts[r.seed_file] = (seeds_dir / r.seed_file).read_text(encoding="utf-8").split("\n")
        lines = texts[r.seed_file]
        ln = int(r.line)
        if not (1 <= ln <= len(lines)) or r.quote not in lines[ln - 1]:
            bad.append((i, r.claim_id))
    return bad


def table_citation(dataset: str) -> str:
    """A table a derivation reads, as the findings cite it: its place in the seed and its lines
    ('表10 (001:659–668) ai-clusters-2023/city_enabling_input_share'); the id alone if it is not registered."""
    from ai_industry.catalog.sources import load_sources

    ds = dataset if dataset.startswith("published/") else f"published/{dataset}"
    d = load_sources().datasets.get(ds)
    if d is None:
        return dataset
    return f"{d.place} ({d.publication.seed_file[:3]}:{d.lines[0]}–{d.lines[1]}) {dataset}"


def _where(df: pd.DataFrame, filters: dict[str, Any]) -> pd.DataFrame:
    """The rows of `df` whose columns equal the filters (compared as text, as `cell` does)."""
    mask = pd.Series(True, index=df.index)
    for k, v in filters.items():
        if k not in df.columns:
            raise expr.ExpressionError(f"no column {k!r} to filter on (columns: {', '.join(df.columns)})")
        mask &= df[k].astype(str) == str(v)
    return df[mask]


def name_list(names: str) -> list[str]:
    """The names of an enumeration as the seeds write it, 'A、B、C' -> ['A', 'B', 'C']."""
    out = [n.strip() for n in str(names).split("、") if n.strip()]
    if not out:
        raise expr.ExpressionError(f"no names in {names!r} (separate them with 、)")
    return out


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def row_count(df: pd.DataFrame) -> expr.Tally:
    """How many rows a table prints: against a caption that promises a number of rows (前二十, TOP20)."""
    return expr.Tally(len(df), f"{len(df)} rows printed")


def names_in_top(df: pd.DataFrame, name_column: str, value_column: str, names: str, n: float) -> expr.Tally:
    """How many of `names` rank in the top `n` of `df` by `value_column` (descending; several rows of one name
    are summed, e.g. both directions of a table; ties at the n-th value count in); `detail` names those that
    do not, with their rank. A name the table does not print is not in its top n (the table must hold n names)."""
    n = int(n)
    totals = df.groupby(name_column)[value_column].sum().astype(float)
    if len(totals) < n:
        raise expr.ExpressionError(f"the table holds {len(totals)} names, fewer than the top {n} asked about")
    fails = []
    for name in name_list(names):
        if name not in totals.index:
            fails.append(f"{name}: not among the {len(totals)} printed")
            continue
        rank = int((totals > totals[name]).sum()) + 1
        if rank > n:
            fails.append(f"{name}: rank {rank} ({_fmt(totals[name])})")
    ok = len(name_list(names)) - len(fails)
    top = totals.sort_values(ascending=False)
    head = ", ".join(f"{k} {_fmt(v)}" for k, v in top.head(min(n, 5)).items()) + (", …" if n > 5 else "")
    return expr.Tally(
        ok, (f"not in the top {n}: " + "; ".join(fails) if fails else f"all in the top {n}") + f"; top {n}: {head}"
    )


def names_with_sign(
    df: pd.DataFrame, name_column: str, names: str, expression: str, across: str = "", values: str = ""
) -> expr.Tally:
    """How many of `names` give `expression` (the column language of `expr`) > 0 on their row; with `across`
    and `values` the table is first spread wide (one column per value of `across`, holding `values`), so
    'enabling - input' compares two rows of one name. `detail` names those for which it fails, with the value."""
    wide = (
        df.pivot_table(index=name_column, columns=across, values=values, aggfunc="sum")
        if across
        else df.set_index(name_column)
    )
    wide.columns = [str(c) for c in wide.columns]
    fails, listed = [], name_list(names)
    for name in listed:
        if name not in wide.index:
            raise expr.ExpressionError(f"{name!r} is not a {name_column} of the table")
        got = float(expr.evaluate_columns(expression, wide.loc[[name]])[0])
        if not got > 0:
            fails.append(f"{name}: {expression} = {_fmt(got)}")
    ok = len(listed) - len(fails)
    return expr.Tally(ok, (f"{expression} ≤ 0 for " + "; ".join(fails)) if fails else f"{expression} > 0 for all")


def names_in_order(df: pd.DataFrame, name_column: str, rank_column: str, names: str) -> expr.Tally:
    """How many consecutive pairs of `names` ('A、B、C': A ahead of B ahead of C) `df` ranks in that order by
    `rank_column` (1 = first; a name a top-k table does not print ranks after every name it prints, so "A ahead of
    an unprinted B" holds and two unprinted names cannot be ordered); `detail` gives each pair with its ranks."""
    listed = name_list(names)
    if len(listed) < 2:
        raise expr.ExpressionError(f"an order needs at least two names, not {names!r}")
    ranks = df.groupby(name_column)[rank_column].min().astype(float)
    ok, parts = 0, []
    for a, b in zip(listed, listed[1:]):
        ra, rb = ranks.get(a), ranks.get(b)
        shown = f"{a} {'rank ' + _fmt(ra) if ra is not None else 'not printed'} ahead of {b} " + (
            f"rank {_fmt(rb)}" if rb is not None else "not printed"
        )
        holds = ra is not None and (rb is None or ra < rb)
        ok += holds
        parts.append(shown + (": holds" if holds else ": fails"))
    return expr.Tally(ok, "; ".join(parts) + f" ({len(ranks)} names printed)")


def nearest_running_count(df: pd.DataFrame, date_column: str, value: float) -> expr.Tally:
    """The running count of rows by `date_column` (rows dated on or before each date) nearest `value` (the later
    count on a tie): an as-of count checked against the counts a dated table gives at every date. `detail`
    lists the running counts around `value`."""
    dates = pd.to_datetime(df[date_column]).dt.strftime("%Y-%m-%d")
    counts = dates.value_counts().sort_index().cumsum()
    best = min(counts.items(), key=lambda kv: (abs(kv[1] - value), -kv[1]))
    around = [f"{d}: {c}" for d, c in counts.items() if abs(c - value) <= abs(best[1] - value) + 3]
    return expr.Tally(best[1], "running count by date: " + ", ".join(around))


def table_functions(load) -> dict[str, Any]:
    """The table functions of the derivation language on the published datasets; `load(dataset_id)` returns a
    table, `dataset` in a derivation is '<report>/<name>' (the published layer is implied). Keywords other
    than a function's own filter the rows (compared as text)."""
    cache: dict[str, pd.DataFrame] = {}

    def table(dataset: str) -> pd.DataFrame:
        ds = dataset if dataset.startswith("published/") else f"published/{dataset}"
        if ds not in cache:
            cache[ds] = load(ds)
        return cache[ds]

    def cell(dataset: str, column: str, **keys: Any) -> float:
        hit = _where(table(dataset), keys)[column]
        if len(hit) != 1:
            raise expr.ExpressionError(f"cell({dataset!r}, {column!r}, {keys}) matches {len(hit)} rows, not 1")
        return float(hit.iloc[0])

    def rows(dataset: str, **filters: Any) -> expr.Tally:
        return row_count(_where(table(dataset), filters))

    def in_top(dataset: str, name_column: str, value_column: str, names: str, n: float, **filters: Any):
        return names_in_top(_where(table(dataset), filters), name_column, value_column, names, n)

    def sign_holds(
        dataset: str, name_column: str, names: str, expression: str, across: str = "", values: str = "", **filters: Any
    ):
        return names_with_sign(_where(table(dataset), filters), name_column, names, expression, across, values)

    def running(dataset: str, date_column: str, value: float, **filters: Any):
        return nearest_running_count(_where(table(dataset), filters), date_column, value)

    def in_order(dataset: str, name_column: str, rank_column: str, names: str, **filters: Any):
        return names_in_order(_where(table(dataset), filters), name_column, rank_column, names)

    return {
        "cell": cell,
        "rows": rows,
        "in_top": in_top,
        "sign_holds": sign_holds,
        "nearest_running_count": running,
        "in_order": in_order,
    }


def cell_resolver(load):
    """The `cell(dataset, column, key=value, …)` function alone (see `table_functions`)."""
    return table_functions(load)["cell"]


def summary_by_section(audited: pd.DataFrame) -> pd.DataFrame:
    """Counts of claims per seed, section and status."""
    tab = pd.crosstab([audited["seed_file"], audited["section"]], audited["status"])
    for st in ("reproduced", "discrepancy", "related", "not derivable"):
        if st not in tab.columns:
            tab[st] = 0
    tab = tab[["reproduced", "discrepancy", "related", "not derivable"]]
    tab["claims"] = tab.sum(axis=1)
    return tab.reset_index().rename(columns={"seed_file": "seed"})


def select(audited: pd.DataFrame, seed: str = "", section: str = "", status: str = "") -> pd.DataFrame:
    """The claims of one seed ('001' or the file name), one section label and/or one status ('' = all)."""
    out = audited
    if seed:
        out = out[out["seed_file"].str.startswith(str(seed).zfill(3)) | (out["seed_file"] == seed)]
    if section:
        out = out[out["section"] == section]
    if status:
        out = out[out["status"] == status]
    return out


CHECK_WORDS = {
    "derived": ("推算", "derived from"),
    "same": ("同一数量的另一处表述", "the same quantity stated at"),
    "at_least": ("按定义应不小于", "by definition at least"),
    "at_most": ("按定义应不大于", "by definition at most"),
}


def discrepancy_findings(bad: pd.DataFrame) -> list[dict[str, str]]:
    """One finding per failed check, for Chapter.say_checks: the claim, what it was recomputed from, the arithmetic."""
    out = []
    for r in bad.to_dict("records"):
        q = f"（{r['qualifier']}）" if r["qualifier"] else ""
        qe = f" ({r['qualifier']})" if r["qualifier"] else ""
        zh_w, en_w = CHECK_WORDS.get(r["check"], (r["check"], r["check"]))
        note = f" {r['note']}" if r["note"] else ""
        out.append(
            {
                "kind": "discrepancy",
                "zh": (
                    f"**{r['claim_id']}**（{r['where']}，{r['section']}）“{r['quote']}”：报告为 {r['reported']:g}{q}；"
                    f"依据{zh_w}——{r['from']}——复算为 {r['recomputed']:.6g}，差 {r['difference']:+.4g}。"
                    f"算术：`{r['arithmetic']}`。{note}"
                ),
                "en": (
                    f"**{r['claim_id']}** ({r['where']}, {r['section']}) “{r['quote']}”: the report says {r['reported']:g}{qe}; "
                    f"{en_w} {r['from']} gives {r['recomputed']:.6g}, a difference of {r['difference']:+.4g}. "
                    f"Arithmetic: `{r['arithmetic']}`.{note}"
                ),
            }
        )
    return out


def section_findings(audited: pd.DataFrame, seed: str, sections: list[str]) -> list[dict[str, str]]:
    """For a chapter's 'what the report says vs what the data say' box: a summary of the audited claims of
    `sections` (labels as in the ledger, e.g. '五(二)(1)') of seed `seed` ('001'), then one finding per failed
    check that involves them — the claim itself or a claim it was recomputed from lies in those sections."""
    mine = audited[audited["seed_file"].str.startswith(seed) & audited["section"].isin(sections)]
    ids = set(mine["claim_id"])
    involved = audited[
        (audited["status"] == "discrepancy")
        & (audited["claim_id"].isin(ids) | audited["refs"].str.split().map(lambda r: bool(ids & set(r))))
    ]
    checked = mine[mine["status"].isin(["reproduced", "discrepancy"])]
    n_ok = int((checked["status"] == "reproduced").sum())
    sec = "、".join(sections)
    out = [
        {
            "kind": "reproduced" if involved.empty else "discrepancy",
            "zh": (
                f"本节（{sec}）共有 {len(mine)} 条数字声明，其中 {len(checked)} 条可由报告中的其他数字复算，"
                f"{n_ok} 条一致；涉及本节的不一致共 {len(involved)} 处"
                + ("。" if involved.empty else "，逐条列于下方。")
            ),
            "en": (
                f"This section ({', '.join(sections)}) makes {len(mine)} numeric claims; {len(checked)} can be recomputed "
                f"from other numbers in the report and {n_ok} are reproduced; {len(involved)} discrepancies involve it"
                + ("." if involved.empty else ", listed below.")
            ),
        }
    ]
    return out + discrepancy_findings(
        discrepancies(
            audited[audited["claim_id"].isin(set(involved["claim_id"])) | audited["status"].ne("discrepancy")]
        )
    )
