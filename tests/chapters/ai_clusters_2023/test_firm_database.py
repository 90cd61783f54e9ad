"""The firm-database chapter's computation on the hand-counted fixture: every printed number gets a computed
status, and a year the database does not carry is said to be not carried, with the reason."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ai_industry.catalog import datasets as catalog
from ai_industry.chapters.ai_clusters_2023 import firm_database as fd
from ai_industry.errors import ConfigError

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "firmdb"


def load(name):
    return catalog.load(f"published/ai-clusters-2023/{name}")


def test_side_by_side_on_the_fixture():
    db, src = fd.open_database(str(FIXTURE))
    assert src == ["file:organisations.csv", "file:relations.csv"] and not db.synthetic
    r = fd.compute(db, fd.check_parameters([2014, 2020], []), [], 5, True)
    table = fd.side_by_side(r, load)
    assert set(table["status"]) <= {"agrees", "differs", "not carried"}
    t2 = table[table["where"] == "value_network_by_year"]
    not_carried = t2[t2["status"] == "not carried"]
    assert set(not_carried["item"].str[:4]) == {"2021", "2022"}  # outside the year range
    assert (not_carried["reason"] != "").all()
    degree = table[table["where"] == "enterprise_degree_centrality_top20"]
    others = degree[~degree["item"].str.split(" ").str[0].isin(["华为", "百度"])]
    assert others["reason"].str.contains("no organisation named").all()  # 华为 and 百度 are in the fixture
    assert (degree.loc[degree["item"] == "华为 out_degree", "recomputed"] == 5).all()
    fd_sum = fd.sentences(table, r, False)
    assert "of the report's" in fd_sum["en"].lower()


def test_statistics_computed_once_are_used_only_for_the_whole_directed_database():
    db, _ = fd.open_database(str(FIXTURE))
    marker = {"yearly": pd.DataFrame({"year": [0]}), "platform": pd.DataFrame({"year": [1]})}
    whole = fd.compute(db, fd.check_parameters([2014, 2022], []), [], 5, True, marker)
    assert whole.yearly is marker["yearly"] and whole.platform is marker["platform"]
    for years, kinds, directed in (([2016, 2022], [], True), ([2014, 2022], ["platform", "university"], True),
                                   ([2014, 2022], [], False)):  # fmt: skip
        r = fd.compute(db, fd.check_parameters(years, kinds), kinds, 5, directed, marker)
        assert r.yearly is not marker["yearly"] and len(r.yearly) > 1, (years, kinds, directed)
    assert fd.demo_statistics("mine/", 2023) is None and fd.demo_statistics("", 7) is None


def test_bad_year_range_is_refused():
    with pytest.raises(ConfigError, match="first ≤ last"):
        fd.check_parameters([2022, 2014], [])
