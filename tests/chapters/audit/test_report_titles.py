"""The audit tables name reports by their titles (in the chapter's language), whether a table keys them by
slug or by seed file; nothing is left blank."""

from __future__ import annotations

import pandas as pd

from ai_industry.chapters.audit import ledger


def test_titles_by_slug_and_by_seed_file():
    zh, en = ledger.report_titles("zh"), ledger.report_titles("en")
    assert zh["nansha-proposal"] == zh["002_739fd5536dc51d1a.txt"]
    assert en["ai-clusters-2023"].startswith("China New Generation Artificial Intelligence")
    assert zh["total"] == "合计" and en["total"] == "Total"


def test_with_report_title_keeps_unknown_names():
    df = pd.DataFrame({"seed": ["001_26a22cdcef38ab7f.txt", "total", "999_unknown.txt"]})
    out = ledger.with_report_title(df, "seed", "zh")
    assert out["report_title"].tolist() == ["中国新一代人工智能科技产业发展报告2023", "合计", "999_unknown.txt"]
    assert list(out.columns) == ["seed", "report_title"]
