"""A small expression language for derivations (claims ledger) and column checks (schemas).

Grammar (a strict subset of Python's expression syntax, parsed with `ast` and walked here; nothing is passed
to `eval`):

    expr   := expr ('+'|'-'|'*'|'/') expr | '-' expr | '(' expr ')' | NUMBER | NAME | call
    call   := FUNC '(' args ')'          args: expressions, string literals (for `cell`), key=literal
    NAME   := a claim id such as c001_0409_01, or a column name in column checks

Functions (all values are floats):
    sum(a, …)  mean(a, …)  min(a, …)  max(a, …)  abs(x)  round(x, n)
    share(part, total)      = 100 * part / total            (percent)
    ratio(a, b)             = a / b
    growth(old, new)        = 100 * (new / old - 1)         (percent change)
    multiple(old, new)      = new / old
    cagr(start, end, years) = 100 * ((end / start) ** (1 / years) - 1)   (percent a year)
    cell("<report>/<name>", "<column>", key=value, …)   the one matching cell of a published dataset

Table functions (their arguments are literals: strings and numbers; keywords name=literal filter the rows; the
functions themselves are supplied by the caller through `tables`, e.g. `catalog.audit.table_functions`):
    cell(dataset, column, **keys)                     the one matching cell
    rows(dataset, **filters)                          how many rows the table prints (a promised row count)
    in_top(dataset, name_column, value_column, "A、B、C", n, **filters)
                                                      how many of the named rows rank in the top n by value
    sign_holds(dataset, name_column, "A、B、C", "<column expression>", across=…, values=…, **filters)
                                                      how many of the named rows give the expression > 0
    nearest_running_count(dataset, date_column, value, **filters)
                                                      the count of rows dated up to some date nearest `value`
    in_order(dataset, name_column, rank_column, "A、B、C", **filters)
                                                      how many consecutive pairs of the named list the table ranks
                                                      in that order (an ordinal statement: A ahead of B)
A table function may return a `Tally`: a float that also says which names failed (`detail`).

Anything else (attributes, subscripts, comparisons, lambdas, keywords outside the table functions, unknown
functions or names) is refused with ExpressionError.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np


class ExpressionError(ValueError):
    """An expression outside the language, or one that cannot be evaluated."""


def _cagr(start, end, years):
    return 100.0 * ((end / start) ** (1.0 / years) - 1.0)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "sum": lambda *a: sum(a),
    "mean": lambda *a: sum(a) / len(a),
    "min": lambda *a: min(a) if len(a) > 1 else a[0],
    "max": lambda *a: max(a) if len(a) > 1 else a[0],
    "abs": abs,
    "round": lambda x, n=0: round(x, int(n)),
    "share": lambda part, total: 100.0 * part / total,
    "ratio": lambda a, b: a / b,
    "growth": lambda old, new: 100.0 * (new / old - 1.0),
    "multiple": lambda old, new: new / old,
    "cagr": _cagr,
}
_ARITY = {
    "abs": (1, 1),
    "round": (1, 2),
    "share": (2, 2),
    "ratio": (2, 2),
    "growth": (2, 2),
    "multiple": (2, 2),
    "cagr": (3, 3),
}
# table functions: the kinds of their positional arguments (s = string literal, n = number literal)
TABLE_FUNCTIONS: dict[str, str] = {
    "cell": "ss",
    "rows": "s",
    "in_top": "ssssn",
    "sign_holds": "ssss",
    "nearest_running_count": "ssn",
    "in_order": "ssss",
}
_BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def parse(text: str) -> ast.Expression:
    """Parse `text` and check that it stays inside the language."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExpressionError(f"not an expression: {text!r} ({exc.msg})") from None
    _check(tree.body, text)
    return tree


def _check(node: ast.AST, text: str) -> None:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return
    if isinstance(node, ast.Name):
        return
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        _check(node.left, text)
        _check(node.right, text)
        return
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        _check(node.operand, text)
        return
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        fname = node.func.id
        if fname in TABLE_FUNCTIONS:
            _check_table_call(node, fname, text)
            return
        if fname not in FUNCTIONS:
            raise ExpressionError(
                f"unknown function '{fname}' in {text!r} (known: {', '.join(sorted(FUNCTIONS))}, cell)"
            )
        if node.keywords:
            raise ExpressionError(f"{fname}() takes no keywords in {text!r}")
        lo, hi = _ARITY.get(fname, (1, 10_000))
        if not lo <= len(node.args) <= hi:
            raise ExpressionError(f"{fname}() takes {lo}–{hi} arguments in {text!r}")
        for a in node.args:
            _check(a, text)
        return
    raise ExpressionError(f"'{ast.unparse(node)}' is not allowed in {text!r}")


def _literal_kind(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return "s"
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return "n"
    return "?"


def _check_table_call(node: ast.Call, fname: str, text: str) -> None:
    want = TABLE_FUNCTIONS[fname]
    got = "".join(_literal_kind(a) for a in node.args)
    if got != want:
        kinds = ", ".join("string" if k == "s" else "number" for k in want)
        raise ExpressionError(f"{fname}() takes literals ({kinds}) in {text!r}")
    for kw in node.keywords:
        if kw.arg is None or _literal_kind(kw.value) == "?":
            raise ExpressionError(f"{fname}() keys must be name=literal in {text!r}")


class Tally(float):
    """A number a table function computed, with `detail`: what it found (e.g. which names fail and why)."""

    detail: str

    def __new__(cls, value: float, detail: str = "") -> Tally:
        obj = super().__new__(cls, value)
        obj.detail = detail
        return obj


def names(text: str) -> set[str]:
    """The names (claim ids or columns) an expression refers to, function names excluded."""
    tree = parse(text)
    funcs = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in funcs}


def table_calls(text: str) -> set[str]:
    """The table functions an expression calls (`cell`, `rows`, …): it needs tables to be evaluated."""
    tree = parse(text)
    return {
        n.func.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in TABLE_FUNCTIONS
    }


def table_datasets(text: str) -> list[str]:
    """The datasets the table functions of an expression read (their first argument), in order, each once."""
    tree = parse(text)
    out: list[str] = []
    for n in ast.walk(tree):
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in TABLE_FUNCTIONS:
            ds = n.args[0].value  # type: ignore[attr-defined]
            if ds not in out:
                out.append(ds)
    return out


def evaluate(
    text: str,
    resolve: Mapping[str, Any] | Callable[[str], Any],
    cell: Callable[..., Any] | None = None,
    tables: Mapping[str, Callable[..., Any]] | None = None,
) -> Any:
    """Evaluate `text`; `resolve` maps names to values (a mapping or a function), `tables` supplies the table
    functions by name (`cell` alone may be given as `cell`)."""
    tree = parse(text)
    lookup = resolve.__getitem__ if isinstance(resolve, Mapping) else resolve
    table_fns = dict(tables or {})
    if cell is not None:
        table_fns.setdefault("cell", cell)

    def ev(node: ast.AST) -> Any:
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            try:
                return lookup(node.id)
            except KeyError:
                raise ExpressionError(f"unknown name '{node.id}' in {text!r}") from None
        if isinstance(node, ast.BinOp):
            return _BINOPS[type(node.op)](ev(node.left), ev(node.right))
        if isinstance(node, ast.UnaryOp):
            v = ev(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.Call):
            fname = node.func.id  # type: ignore[attr-defined]
            if fname in TABLE_FUNCTIONS:
                if fname not in table_fns:
                    raise ExpressionError(f"{fname}() is not available here: {text!r}")
                return table_fns[fname](
                    *[a.value for a in node.args],  # type: ignore[attr-defined]
                    **{kw.arg: kw.value.value for kw in node.keywords},  # type: ignore[attr-defined]
                )
            return FUNCTIONS[fname](*[ev(a) for a in node.args])
        raise ExpressionError(f"cannot evaluate {ast.unparse(node)!r}")  # pragma: no cover - parse() refuses

    try:
        return ev(tree.body)
    except ZeroDivisionError:
        return math.nan


def evaluate_columns(text: str, df) -> np.ndarray:
    """Evaluate `text` row-wise with names standing for columns of `df` (as float arrays)."""

    def col(name: str):
        if name not in df.columns:
            raise KeyError(name)
        return df[name].astype(float).to_numpy()

    return evaluate(text, col)
