import math

import pytest

from ai_industry.catalog import expr


def test_arithmetic_and_functions():
    vals = {"a": 28.09, "b": 26.45, "c": 14.23, "d": 8.95, "e": 6.86}
    assert expr.evaluate("sum(a, b, c, d, e)", vals) == pytest.approx(84.58)
    assert expr.evaluate("share(32, 882)", {}) == pytest.approx(3.628117913)
    assert expr.evaluate("ratio(2602, 1973)", {}) == pytest.approx(1.318803, abs=1e-6)
    assert expr.evaluate("cagr(154, 1963, 5)", {}) == pytest.approx(66.37, abs=0.01)
    assert expr.evaluate("growth(100, 125)", {}) == pytest.approx(25.0)
    assert expr.evaluate("multiple(7024 / 10.74, 7024)", {}) == pytest.approx(10.74)
    assert expr.evaluate("-(1 + 2) * 3 / 4", {}) == pytest.approx(-2.25)
    assert expr.evaluate("round(2.345, 1) + abs(-1) + max(1, 5) + min(2, 3) + mean(1, 3)", {}) == pytest.approx(
        2.3 + 1 + 5 + 2 + 2
    )
    assert math.isnan(expr.evaluate("ratio(1, 0)", {}))


def test_names_excludes_functions():
    assert expr.names("sum(c001_0416_01, c001_0416_02) / ratio(x, 2)") == {"c001_0416_01", "c001_0416_02", "x"}


def test_cell_lookup_is_delegated():
    got = expr.evaluate(
        'cell("ai-clusters-2023/t", "share_pct", level="city", rank=1) * 2',
        {},
        cell=lambda ds, col, **k: (
            10.0 if (ds, col, k) == ("ai-clusters-2023/t", "share_pct", {"level": "city", "rank": 1}) else 0
        ),
    )
    assert got == 20.0


@pytest.mark.parametrize(
    "bad",
    [
        '__import__("os").system("true")',
        "a.b",
        "a[0]",
        "a if b else c",
        "lambda: 1",
        "a < b",
        "open('x')",
        "sum(a, key=b)",
        "2 ** 10",
        "cagr(1, 2)",
        "x; y",
        "[1, 2]",
        "'text'",
        "True",
        'cell(a, "c")',
    ],
)
def test_refuses_everything_outside_the_language(bad):
    with pytest.raises(expr.ExpressionError):
        expr.evaluate(bad, {"a": 1, "b": 2, "c": 3, "x": 1, "y": 1})


def test_unknown_name():
    with pytest.raises(expr.ExpressionError, match="unknown name 'zz'"):
        expr.evaluate("zz + 1", {})


def test_table_functions_take_literals_and_are_delegated():
    seen = []

    def in_top(ds, name_col, value_col, names, n, **filters):
        seen.append((ds, name_col, value_col, names, n, filters))
        return expr.Tally(3, "广州市: rank 5")

    got = expr.evaluate(
        'in_top("r/t", "city", "share_pct", "北京市、广州市", 4, direction="input")', {}, tables={"in_top": in_top}
    )
    assert got == 3 and got.detail == "广州市: rank 5"
    assert seen == [("r/t", "city", "share_pct", "北京市、广州市", 4, {"direction": "input"})]
    assert expr.table_calls('rows("r/t") + cell("r/t", "c", k=1) + 1') == {"rows", "cell"}
    assert expr.names('rows("r/t", level="city") - c001_0655_01') == {"c001_0655_01"}


@pytest.mark.parametrize(
    "bad",
    [
        "rows(a)",
        'rows("r/t", "extra")',
        'in_top("r/t", "city", "share_pct", "A、B", "4")',
        'sign_holds("r/t", "p", "A", 1)',
        'nearest_running_count("r/t", "date", c001_0017_01)',
        'rows("r/t", level=a)',
    ],
)
def test_table_functions_refuse_anything_but_literals(bad):
    with pytest.raises(expr.ExpressionError):
        expr.parse(bad)


def test_a_table_function_nobody_supplied_is_an_error():
    with pytest.raises(expr.ExpressionError, match="not available"):
        expr.evaluate('rows("r/t")', {})
