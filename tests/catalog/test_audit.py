"""The claims audit: tolerance and qualifiers on hand-made claims, and known results on the real ledger."""

import pandas as pd
import pytest

from ai_industry.catalog import audit
from ai_industry.catalog import sources as published
from ai_industry.catalog.schemas import build_schema, cast_table, validate
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
    a = audit.audit_claims(_claims(rows)).set_index("claim_id")
    assert a.loc["c001_0004_02", "status"] == "related"


@pytest.fixture(scope="module")
def real(repo):
    src = published.load_sources(repo)

    def load(ds):
        d = src.dataset(ds)
        return cast_table(read_text_table(d.raw_path(repo)), d.columns, d.file)

    claims = load("published/audit/claims").fillna("")
    return claims, audit.audit_claims(claims, cell=audit.cell_resolver(load))


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
