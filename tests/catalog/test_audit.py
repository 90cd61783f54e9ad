"""The claims audit: tolerance and qualifiers on hand-made claims, and known results on the real ledger."""

import pandas as pd
import pytest

from ai_industry.catalog import audit, expr
from ai_industry.catalog import sources as published
from ai_industry.catalog.schemas import build_schema, cast_table, validate
from ai_industry.errors import DataError
from ai_industry.io import read_text_table

COLS = [
    "claim_id",
    "seed_file",
    "line",
    "section",
    "quote",
    "measure",
    "value",
    "unit",
    "qualifier",
    "dataset",
    "derivation",
    "check",
    "note",
]


def _claims(rows):
    return pd.DataFrame([dict(zip(COLS, r)) for r in rows], columns=COLS)


def _row(cid, value, unit="pct", qualifier="", derivation="", check=""):
    return [cid, "001_x.txt", "1", "s", "q", "m", value, unit, qualifier, "", derivation, check, ""]


def test_rounding_tolerance_from_printed_digits():
    # five shares at 2 decimals summing to 84.58: recomputed within 5 half-units + own half-unit
    rows = [_row(f"c001_0001_0{i}", v) for i, v in enumerate(["28.09", "26.45", "14.23", "8.95", "6.86"], 1)]
    rows.append(
        _row(
            "c001_0001_06",
            "84.59",
            derivation="sum(c001_0001_01, c001_0001_02, c001_0001_03, c001_0001_04, c001_0001_05)",
            check="derived",
        )
    )
    rows.append(
        _row(
            "c001_0001_07",
            "84.70",
            derivation="sum(c001_0001_01, c001_0001_02, c001_0001_03, c001_0001_04, c001_0001_05)",
            check="derived",
        )
    )
    a = audit.audit_claims(_claims(rows)).set_index("claim_id")
    assert a.loc["c001_0001_06", "status"] == "reproduced"  # off by 0.01, tolerance 0.03
    assert a.loc["c001_0001_06", "tolerance"] == pytest.approx(0.03)
    assert a.loc["c001_0001_07", "status"] == "discrepancy"
    assert a.loc["c001_0001_01", "status"] == "not derivable"


def test_counts_and_ranks_are_exact():
    rows = [
        _row("c001_0002_01", "2200", "count"),
        _row("c001_0002_02", "2205", "count", derivation="c001_0002_01", check="same"),
        _row("c001_0002_03", "2", "rank"),
        _row("c001_0002_04", "3", "rank", derivation="c001_0002_03", check="same"),
    ]
    a = audit.audit_claims(_claims(rows)).set_index("claim_id")
    assert a.loc["c001_0002_02", "status"] == "discrepancy" and a.loc["c001_0002_04", "status"] == "discrepancy"


@pytest.mark.parametrize(
    "qualifier, reported, ok",
    [
        ("超过", "3000", True),
        ("超过", "3400", False),
        ("不足", "3400", True),
        ("不足", "3000", False),
        ("约", "3300", True),
        ("约", "3600", False),
        ("", "3207", False),
        ("", "3206", True),
    ],
)
def test_qualifiers(qualifier, reported, ok):
    rows = [
        _row("c001_0003_01", "3206", "count"),
        _row("c001_0003_02", reported, "count", qualifier, derivation="c001_0003_01", check="same"),
    ]
    a = audit.audit_claims(_claims(rows)).set_index("claim_id")
    assert (a.loc["c001_0003_02", "status"] == "reproduced") is ok


def test_related_is_never_an_error():
    rows = [_row("c001_0004_01", "1"), _row("c001_0004_02", "99", derivation="c001_0004_01", check="related")]
    claims = _claims(rows).assign(differs=["", "date"])
    a = audit.audit_claims(claims).set_index("claim_id")
    assert a.loc["c001_0004_02", "status"] == "related"


@pytest.mark.parametrize(
    "holds, differs, check, status",
    [
        (True, "", "same", "reproduced"),
        (False, "", "same", "discrepancy"),
        (False, "", "at_most", "discrepancy"),
        (False, "scope", "same", "related"),
        (True, "date", "same", "related"),
        (None, "definition", "related", "related"),
        (False, "scope+date", "same", "related"),
    ],
)
def test_the_status_follows_the_rule(holds, differs, check, status):
    assert audit.classify(holds, differs, check) == status


@pytest.mark.parametrize(
    "holds, differs, check", [(None, "", "related"), (True, "place", "same"), (False, "date+date", "same")]
)
def test_the_rule_refuses_a_finding_that_does_not_say_what_differs(holds, differs, check):
    with pytest.raises(DataError) as err:
        audit.classify(holds, differs, check, row=7)
    text = str(err.value)
    assert "claims.csv" in text and "row 7" in text and "'differs'" in text


def test_a_same_scope_count_above_its_sample_is_a_discrepancy():
    # the example: 2205 sample nodes against a 2200-enterprise sample; same scope, so no 'related'
    rows = [
        _row("c001_0005_01", "2200", "count"),
        _row("c001_0005_02", "2205", "count", derivation="c001_0005_01", check="at_most"),
    ]
    a = audit.audit_claims(_claims(rows).assign(differs="")).set_index("claim_id")
    assert a.loc["c001_0005_02", "status"] == "discrepancy"


def _shares():
    return pd.DataFrame(
        {
            "direction": ["enabling", "input"] * 5,
            "city": [
                "北京市",
                "北京市",
                "深圳市",
                "深圳市",
                "杭州市",
                "杭州市",
                "上海市",
                "上海市",
                "广州市",
                "广州市",
            ],
            "share_pct": [31.56, 26.88, 23.27, 15.31, 9.93, 7.16, 9.74, 10.20, 4.67, 5.35],
        }
    )


def test_named_list_against_a_tables_order():
    got = audit.names_in_top(_shares(), "city", "share_pct", "北京市、深圳市、广州市、上海市", 4)
    assert got == 3 and "广州市: rank 5" in got.detail
    one_side = _shares()[_shares().direction == "enabling"]
    assert audit.names_in_top(one_side, "city", "share_pct", "北京市、深圳市、杭州市", 3) == 3
    assert "not among" in audit.names_in_top(one_side, "city", "share_pct", "北京市、成都市", 2).detail
    with pytest.raises(expr.ExpressionError):
        audit.names_in_top(one_side, "city", "share_pct", "北京市", 6)


def test_named_list_against_a_sign():
    got = audit.names_with_sign(
        _shares(), "city", "北京市、杭州市、上海市", "enabling - input", across="direction", values="share_pct"
    )
    assert got == 2 and "上海市" in got.detail and "-0.46" in got.detail
    with pytest.raises(expr.ExpressionError):
        audit.names_with_sign(_shares(), "city", "成都市", "enabling - input", across="direction", values="share_pct")


def test_promised_rows_and_running_counts():
    assert audit.row_count(_shares()) == 10
    zones = pd.DataFrame({"date": ["2021-03-24"] * 15 + ["2021-11-13"] * 3})
    got = audit.nearest_running_count(zones, "date", 17)
    assert got == 18 and "2021-03-24: 15" in got.detail and "2021-11-13: 18" in got.detail
    assert audit.nearest_running_count(zones, "date", 15) == 15


def test_table_functions_read_published_tables():
    fns = audit.table_functions(lambda ds: _shares())
    assert fns["rows"]("ai-clusters-2023/x", direction="enabling") == 5
    assert fns["in_top"]("ai-clusters-2023/x", "city", "share_pct", "北京市、深圳市", 2, direction="input") == 2
    assert fns["cell"]("ai-clusters-2023/x", "share_pct", direction="input", city="广州市") == 5.35
    with pytest.raises(expr.ExpressionError):
        fns["rows"]("ai-clusters-2023/x", nowhere="x")


@pytest.fixture(scope="module")
def real(repo):
    src = published.load_sources(repo)

    def load(ds):
        d = src.dataset(ds)
        return cast_table(read_text_table(d.raw_path(repo)), d.columns, d.file)

    claims = load("published/audit/claims").fillna("")
    return claims, audit.audit_claims(claims, tables=audit.table_functions(load))


def test_real_ledger_is_valid_and_large(repo, real):
    claims, _ = real
    d = published.load_sources(repo).dataset("published/audit/claims")
    validate(claims.replace("", None), build_schema(d.columns, d.key, d.checks, d.id), d.file)
    assert len(claims) > 1000
    assert claims["seed_file"].nunique() == 4


def test_known_results_on_the_real_ledger(real):
    _, a = real
    a = a.set_index("claim_id")
    # seed 003: 154 -> 1963 (亿元) over 2016-2021 is a 66.37% CAGR, not the stated 69.79%
    assert a.loc["c003_0302_03", "status"] == "discrepancy"
    assert a.loc["c003_0302_03", "recomputed"] == pytest.approx(66.37, abs=0.01)
    # seed 001: the introduction's tertiary share (75.49%) differs from section 六(四)'s 75.79%
    assert a.loc["c001_0211_01", "status"] == "discrepancy"
    # seed 001: the top-5 province share 84.58% is the sum of the five listed shares
    assert a.loc["c001_0416_06", "status"] == "reproduced"
    # discrepancies in more than one seed
    assert a[a.status == "discrepancy"]["seed_file"].nunique() >= 2


@pytest.mark.parametrize(
    "claim, status, found",
    [
        # a named list against a table's sign: 上海市's enabling share is below its input share (表7)
        ("c001_0573_02", "discrepancy", "上海市"),
        # "the four densest cities" while 表10 ranks 广州市 fifth
        ("c001_0629_01", "discrepancy", "广州市: rank 5"),
        ("c001_0571_01", "reproduced", "all in the top 5"),
        # a caption promising 20 rows where 表10 prints 10
        ("c001_0655_01", "discrepancy", "10 rows printed"),
        ("c001_0603_01", "reproduced", "20 rows printed"),
        # one statistic with two as-of dates; an as-of count no date of the dated list gives
        ("c001_0733_04", "discrepancy", ""),
        ("c000_0017_01", "discrepancy", "2021-11-13: 18"),
        # the sample nodes cannot outnumber the sample (same scope: no longer 'related')
        ("c001_0450_01", "discrepancy", ""),
    ],
)
def test_the_new_kinds_of_contradiction_on_the_real_ledger(real, claim, status, found):
    _, a = real
    row = a.set_index("claim_id").loc[claim]
    assert row["status"] == status and found in row["arithmetic"]


def test_every_related_claim_says_what_differs(real):
    _, a = real
    assert (a[a.status == "related"]["differs"] != "").all()
    assert (a[a.differs != ""]["status"] == "related").all()


def test_exports_and_views(real):
    _, a = real
    assert set(
        ["claim_id", "seed_file", "line", "section", "quote", "reported", "recomputed", "status", "note"]
    ) <= set(audit.EXPORT_COLUMNS)
    assert len(audit.cross_report(a)) > 0
    bad = audit.discrepancies(a)
    assert len(bad) == (a.status == "discrepancy").sum() and bad["from"].str.len().min() > 0
    found = audit.discrepancy_findings(bad)
    assert all(f["kind"] == "discrepancy" and f["zh"] and f["en"] for f in found)
    assert set(audit.select(a, seed="003")["seed_file"]) == {"003_f693247049b42479.txt"}
    assert audit.summary(a).iloc[-1]["claims"] == len(a)


def test_a_table_the_reader_may_not_read_leaves_the_claim_not_derivable():
    rows = [_row("c001_0006_01", "20", "count", derivation='rows("r/t")', check="same")]
    fns = audit.table_functions(lambda ds: pd.DataFrame({"x": range(10)}))
    a = audit.audit_claims(_claims(rows), tables=fns, readable=lambda ds: False).set_index("claim_id")
    assert a.loc["c001_0006_01", "status"] == "not derivable"
    a = audit.audit_claims(_claims(rows), tables=fns, readable=lambda ds: ds == "r/t").set_index("claim_id")
    assert a.loc["c001_0006_01", "status"] == "discrepancy"


def test_names_in_order_counts_the_pairs_a_ranking_keeps():
    ranking = pd.DataFrame({"city": ["北京", "深圳", "上海"], "rank": [1, 2, 3]})
    got = audit.names_in_order(ranking, "city", "rank", "北京、上海")
    assert got == 1 and "北京 rank 1 ahead of 上海 rank 3: holds" in got.detail
    assert audit.names_in_order(ranking, "city", "rank", "上海、深圳、北京") == 0
    assert audit.names_in_order(ranking, "city", "rank", "深圳、广州") == 1  # an unprinted name ranks after the printed
    assert audit.names_in_order(ranking, "city", "rank", "广州、南京") == 0  # two unprinted names cannot be ordered
    with pytest.raises(expr.ExpressionError, match="two names"):
        audit.names_in_order(ranking, "city", "rank", "北京")
    fns = audit.table_functions(lambda ds: ranking)
    assert expr.evaluate('in_order("r/t", "city", "rank", "北京、深圳、上海")', {}, tables=fns) == 2
