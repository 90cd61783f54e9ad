import pandas as pd

from ai_industry.chapters.audit import consistency, cross_report, ledger


def _audited():
    return pd.DataFrame(
        {
            "status": ["reproduced", "discrepancy", "related", "not derivable", "reproduced"],
            "seed_file": ["001_a.txt", "003_b.txt", "002_c.txt", "003_b.txt", "001_a.txt"],
            "line": [10, 20, 30, 40, 50],
            "check": ["derived", "same", "related", "", "derived"],
        }
    )


def test_status_counts_and_places():
    n = ledger.status_counts(_audited())
    assert n == {"claims": 5, "reproduced": 2, "discrepancy": 1, "related": 1, "not derivable": 1}
    assert ledger.with_place(_audited())["where"].tolist() == ["001:10", "003:20", "002:30", "003:40", "001:50"]


def test_consistency_counts(monkeypatch):
    bad = pd.DataFrame({"where": ["003:20", "003:21", "001:5"]})
    monkeypatch.setattr(consistency.audit, "discrepancies", lambda audited: bad)
    c = consistency.consistency(_audited())
    assert (c["checks"], c["failed"], c["reports"]) == (3, 3, 2)
    assert c["related"]["where"].tolist() == ["002:30"]


def test_cross_report_counts(monkeypatch):
    pairs = pd.DataFrame({"report": ["001", "003", "003"], "status": ["related", "related", "reproduced"]})
    monkeypatch.setattr(cross_report.audit, "cross_report", lambda audited: pairs)
    x = cross_report.cross_report(_audited(), str.upper)
    assert (x["n"], x["reports"]) == (3, 2) and x["pairs"].status_label.tolist() == ["RELATED", "RELATED", "REPRODUCED"]
    monkeypatch.setattr(cross_report.audit, "cross_report", lambda audited: pairs.iloc[:0])
    assert cross_report.cross_report(_audited(), str.upper)["reports"] == 0


def test_what_differs_in_the_chapters_words():
    from ai_industry.catalog import terms

    zh = lambda k: terms.t(k, "zh")  # noqa: E731
    en = lambda k: terms.t(k, "en")  # noqa: E731
    assert ledger.differs_label("scope+date", zh) == "口径、日期"
    assert ledger.differs_label("", en) == "none"
    df = pd.DataFrame({"differs": ["definition", ""]})
    assert ledger.with_differs(df, en, ", ")["differs_label"].tolist() == ["definition", "none"]
    assert "scope" in terms.t("audit_rule", "en") and "口径" in terms.t("audit_rule", "zh")
