"""Every reason the firm-database chapter writes in its side-by-side table is said in Chinese in the zh chapter
(a reviewer found them in English): the reasons are produced by the chapter's own code on the hand-counted
fixture under several selections, on the SYNTHETIC demo and on the paths the fixture cannot reach, and each must
match a template of `firm_database_reasons`."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from ai_industry.catalog import datasets as catalog
from ai_industry.chapters.ai_clusters_2023 import firm_database as fd

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "firmdb"


def load(name):
    return catalog.load(f"published/ai-clusters-2023/{name}")


def _reasons(table: pd.DataFrame) -> set[str]:
    return {r for r in table["reason"] if r}


def _english_left(text: str) -> list[str]:
    # words of English left in a Chinese sentence (names such as IBM or OPPO, SYNTHETIC and CR-n are allowed)
    text = re.sub(r"“[^”]*”", "", text)  # an organisation's name, quoted, as it is
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in {"SYNTHETIC", "CR"} and not w.isupper()]


def _check(reasons: set[str]) -> None:
    for why in reasons:
        zh = fd.reason_label(why, "zh")
        assert zh != why and not _english_left(zh), (why, zh)
        assert fd.reason_label(why, "en") == why
        for number in re.findall(r"\d+(?:\.\d+)?", why):  # every number of the reason is said again
            assert number in zh, (number, why, zh)


def test_reasons_on_the_fixture_under_several_selections():
    db, _ = fd.open_database(str(FIXTURE))
    seen: set[str] = set()
    for years, kinds, kw in (
        ([2014, 2020], [], {}),
        ([2014, 2016], ["enterprise", "platform"], {}),
        ([2014, 2020], [], {"path_sample": 3}),
    ):
        r = fd.compute(db, fd.check_parameters(years, kinds), kinds, 5, True, **kw)
        seen |= _reasons(fd.side_by_side(r, load))
    bare = replace(db, rel=db.rel.assign(technology="", field=""))
    seen |= _reasons(fd.side_by_side(fd.compute(bare, None, [], 5, True), load))
    assert any(w.startswith("the selection holds no") for w in seen)
    assert any(w.startswith("the relations carry no") for w in seen)
    assert any("BFS sources" in w for w in seen) and any(w.startswith("figure 15 is of") for w in seen)
    _check(seen)


def test_reasons_of_the_empty_networks_and_the_range():
    yearly = pd.DataFrame(
        {"year": [2014, 2015], "sample_nodes": [0, 1], "relation_nodes": [0, 1], "nodes": [0, 2], "edges": [0, 0],
         "average_degree": [None, 0.0], "diameter": [None, None], "average_path_length": [None, None],
         "average_clustering": [None, 0.0]}
    )  # fmt: skip
    seen = _reasons(pd.DataFrame(fd.table2_rows(yearly, load("value_network_by_year"))))
    t2 = load("value_network_by_year")
    for value in (4.5, 9.0):  # inside, outside
        seen.add(fd.range_reason("average_path_length", value, 3, t2["average_path_length"], t2["year"]))
    _check(seen)


def test_reasons_on_the_demo(products):
    db, _ = fd.open_database("")
    r = fd.compute(db, fd.check_parameters([2014, 2022], []), [], 20, True, fd.demo_statistics("", 2023))
    seen = _reasons(fd.side_by_side(r, load))
    assert any("cannot both hold" in w for w in seen) and any("SYNTHETIC demo places" in w for w in seen)
    _check(seen)


def test_a_reason_without_a_template_is_shown_as_written():
    assert fd.reason_label("something new", "zh") == "something new"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_reason_column_is_labelled_in_the_table(lang):
    table = pd.DataFrame({"reason": ["the year is outside the data", ""]})
    got = fd.values(table, lang).get("reason", {})
    assert got == ({"the year is outside the data": "该年份不在数据范围内"} if lang == "zh" else {})


@pytest.mark.parametrize(
    "given",
    [
        ("", "", ""),  # missing
        ("火星省", "", ""),  # not a province
        ("江苏省", "Guangzhou", ""),  # a city outside the province given
        ("", "Suzhou", ""),  # an English name of several cities
        ("江苏", "火星市", ""),  # not a prefecture-level unit
        ("广东省", "", "某某路 1 号"),  # an address without a city
        ("", "", "某某路"),  # an address of no single city
        ("广东省", "", ""),  # no city given
    ],
)
def test_why_a_place_was_not_resolved_is_said_in_chinese(given):
    from ai_industry.methods.firmdb import places

    why = places.resolve_one(*given)[3]
    assert why
    zh = fd.reason_label(why, "zh")
    assert zh != why and not _english_left(re.sub(r"[A-Z][a-z]+", "", zh)), (why, zh)  # a name given stays
    assert fd.values(pd.DataFrame({"place_reason": [why]}), "zh")["place_reason"] == {why: zh}
