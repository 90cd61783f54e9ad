"""A reviewer's own database, counted by hand (tests/fixtures/firmdb_review: 12 organisations, 20 relation rows),
through the chapter's computation: awkward places (广州 / 广州市 / Guangzhou, Beijing, 上海, an English name that
names two cities, a missing place, abroad), missing attributes, an exact duplicate row — the defects that are
listed, not errors — and, in a copy, a relation to an unknown id, which is an error naming file, line, column,
rule and value. The comments say how each number was counted from the two files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ai_industry.catalog import datasets as catalog
from ai_industry.chapters.ai_clusters_2023 import firm_database as fd
from ai_industry.errors import DataError
from ai_industry.methods.firmdb import database

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "firmdb_review"


def load(name):
    return catalog.load(f"published/ai-clusters-2023/{name}")


@pytest.fixture(scope="module")
def r():
    db, _ = fd.open_database(str(FIXTURE))
    return fd.compute(db, fd.check_parameters([2020, 2022], []), [], 3, True)


def counts(dist):
    return dict(zip(dist["region"], dist["count"]))


def test_what_is_listed_rather_than_refused(r):
    db = r.db
    # relations.csv line 3 repeats line 2 cell for cell: dropped and listed, 19 relations remain
    assert [(Path(d.file).name, d.rows) for d in db.duplicates] == [("relations.csv", [3])] and len(db.rel) == 19
    # 广州 (short), Guangzhou (English, no province), 广州市 under 广东 (short province): one city
    place = db.orgs.set_index("id")[["province", "city", "place_status"]]
    assert place.loc[["S1", "S2", "S3"], "city"].tolist() == ["广州市"] * 3
    assert place.loc["S4"].tolist() == ["北京市", "北京市", "ok"]  # Beijing: a municipality is its own city
    assert place.loc["S5"].tolist() == ["江苏省", "苏州市", "ok"]  # Suzhou inside the province given
    assert place.loc["P2"].tolist() == ["上海市", "上海市", "ok"]
    assert place.loc["P5", "place_status"] == "abroad"
    # listed, never guessed: S6 has no place at all, P4's Suzhou names 苏州市 (江苏) and 宿州市 (安徽)
    why = dict(zip(db.unresolved["id"], db.unresolved["place_reason"]))
    assert set(why) == {"S6", "P4"} and "宿州市" in why["P4"] and "苏州市" in why["P4"]


def test_geography(r):
    # sample enterprises (platforms included): S1 S2 S3 in 广东/广州 (珠三角), S4 北京, S5 江苏/苏州, S6 unplaced
    assert r.sizes == {"enterprises": 6, "platforms": 2, "universities": 1, "institutes": 1, "new_orgs": 1}
    ent = r.geo[("enterprises", "province")]
    assert counts(ent) == {"广东省": 3, "北京市": 1, "江苏省": 1, "(unresolved)": 1}
    assert ent.loc[ent["region"] == "广东省", "share_pct"].item() == 50.0
    assert counts(r.geo[("enterprises", "city")]) == {"广州市": 3, "北京市": 1, "苏州市": 1, "(unresolved)": 1}
    metro = r.geo[("enterprises", "metro_region")]
    assert counts(metro) == {"珠江三角洲": 3, "京津冀": 1, "长江三角洲": 1, "(unresolved)": 1}
    assert counts(r.geo[("platforms", "city")]) == {"广州市": 2}
    assert counts(r.geo[("institutes", "province")]) == {"上海市": 1}  # 上海 (short) → 上海市
    assert counts(r.geo[("new_orgs", "city")]) == {"杭州市": 1}


def test_table2_counts_year_by_year(r):
    t2 = r.yearly.set_index("year")
    cols = ["sample_nodes", "relation_nodes", "nodes", "edges"]
    # 2020: S1→P1 (its duplicate dropped), S2→P2
    assert t2.loc[2020, cols].tolist() == [2, 2, 4, 2]
    # 2021: + P1→S1, S1→P3, S3→P6, P2→S4, S2→P6, S5→P1: samples S1–S5, partners P1 P2 P3 P6
    assert t2.loc[2021, cols].tolist() == [5, 4, 9, 8]
    # 2022: every relation, 19 distinct (source, target) pairs over all 12 organisations
    assert t2.loc[2022, cols].tolist() == [6, 6, 12, 19]
    assert t2.loc[2022, "average_degree"] == pytest.approx(19 / 12)


def test_degree_top_rows(r):
    # S1 gives to P1 P3 P5 S2 P6 (5), receives from P1 S3 (2); S2 2+2; S3 S4 S5 tie at 2+1 (by id)
    top = r.top_sample[["id", "in_degree", "out_degree", "degree"]].values.tolist()
    assert top == [["S1", 2, 5, 7], ["S2", 2, 2, 4], ["S3", 1, 2, 3]]
    # P1 receives from S1 S4 S6 S5 and gives to S1; P6 receives from S3 S2 S1, gives to S2; P2 before P3 (id)
    rel = r.top_relation[["id", "in_degree", "out_degree"]].values.tolist()
    assert rel == [["P1", 4, 1], ["P6", 3, 1], ["P2", 2, 1]]


def test_footnote_11_classes_flows_and_shares(r):
    classes = dict(zip(r.footnote11["footnote11"], r.footnote11["relations"]))
    # sample → partner 12, partner → sample 5 (P1→S1, P6→S2, P4→S5, P2→S4, P3→S3), S1→S2 and S3→S1 between
    assert classes == {"enabling": 12, "input": 5, "between_samples": 2}
    # S6→P1 (S6 unplaced), P4→S5 (P4 unresolved), S1→P5 (abroad) leave the base: 16 located
    assert r.coverage["province"] == {"relations": 19, "located": 16, "left_out": 3, "abroad": 1}
    bal = r.balance["province"].set_index("region")
    # giving ends: 广东 9 of 16, 北京 3, 江苏 2, 上海 1, 浙江 1; receiving: 广东 8, 北京 4, 浙江 2, 上海 2
    assert bal["enabling_pct"].to_dict() == pytest.approx(
        {"广东省": 56.25, "北京市": 18.75, "江苏省": 12.5, "上海市": 6.25, "浙江省": 6.25}
    )
    assert bal["input_pct"].to_dict() == pytest.approx(
        {"广东省": 50.0, "北京市": 25.0, "浙江省": 12.5, "上海市": 12.5, "江苏省": 0.0}
    )
    f = r.flows["province"]
    # 广东→广东: P6→S2, S3→P6, S1→S2, S3→S1, S2→P6, S1→P6
    assert f.iloc[0][["from", "to", "relations", "share_pct"]].tolist() == ["广东省", "广东省", 6, 37.5]
    city = r.flows["city"]
    assert city.iloc[0][["from", "to", "relations"]].tolist() == ["广州市", "深圳市", 3]  # S3→P6, S2→P6, S1→P6
    tech, missing = r.shares["technology"]
    # 3 relations carry no technology; of 16: 物联网 5, 计算机视觉 4, 5G 4, 大数据和云计算 2, 智能芯片 1
    assert missing == 3
    assert dict(zip(tech["category"], tech["relations"])) == {
        "物联网": 5,
        "5G": 4,
        "计算机视觉": 4,
        "大数据和云计算": 2,
        "智能芯片": 1,
    }


def test_every_printed_number_has_a_status_on_a_users_database(r):
    table = fd.side_by_side(r, load)
    assert set(table["status"]) <= {"agrees", "differs", "not carried"}
    assert (table.loc[table["status"] == "not carried", "reason"] != "").all()
    # a user's database is not the demo: no reason says the demo is not calibrated
    assert not table["reason"].str.contains("SYNTHETIC").any()


def test_a_relation_to_an_unknown_id_is_an_error_naming_file_line_column_rule_and_value(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "db")
    with open(tmp_path / "db" / "relations.csv", "a", encoding="utf-8") as fh:
        fh.write("S1,P9,2022,5G,,,\n")
    with pytest.raises(DataError) as err:
        database.load(tmp_path / "db")
    text = str(err.value)
    assert "relations.csv" in text and "line 22" in text and "target" in text and "'P9'" in text
    assert "not in organisations" in text


def test_a_selection_without_platforms_leaves_figure_15_not_carried_and_says_why():
    """kinds=['enterprise']: the platform network is empty, so its out-degree shares are undefined — not 0 %."""
    db = database.load(FIXTURE)
    sel = fd.compute(db, fd.check_parameters([2020, 2022], ["enterprise"]), ["enterprise"], 3, True)
    assert sel.conc == {} and sel.curve.empty
    table = fd.side_by_side(sel, load)
    conc = table[table["where"] == "outdegree_concentration"]
    assert len(conc) and (conc["status"] == "not carried").all()
    assert conc["reason"].str.contains("no relation in the selection").all()
