"""The SYNTHETIC demo firm database: generated the same every time, labelled, and reproducing the published
aggregates it is calibrated to (recomputed through the same analyses a user's database goes through)."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from ai_industry.methods.demo import firmdb as demo
from ai_industry.methods.demo import firmdb_plan as plan
from ai_industry.methods.firmdb import compare, database, geography, graph, shares
from ai_industry.methods.rounding import within_half_unit


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return demo.demo_folder(folder=tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def db(folder):
    return database.load(folder)


def test_same_bytes_every_time_and_labelled(folder, tmp_path):
    again = demo.demo_folder(folder=tmp_path)
    for name in ("organisations.csv", "relations.csv"):
        a, b = (folder / name).read_bytes(), (again / name).read_bytes()
        assert hashlib.sha256(a).digest() == hashlib.sha256(b).digest()
        df = pd.read_csv(folder / name, dtype=str)
        assert (df["synthetic"] == "SYNTHETIC").all()
    assert folder.name.startswith("SYNTHETIC_")


METRO_ALIASES = {"长三角地区": "长江三角洲", "京津冀地区": "京津冀", "珠三角地区": "珠江三角洲", "川渝地区": "川渝"}
METRO_ALIASES.update({"长江三角洲地区": "长江三角洲", "珠江三角洲地区": "珠江三角洲", "其他地区": "其他"})


@pytest.mark.parametrize(
    ("group", "dataset"),
    [
        ("enterprises", "enterprise_distribution"),
        ("platforms", "platform_distribution"),
        ("universities", "ai_universities_distribution"),
        ("institutes", "research_institutes_distribution"),
        ("new_orgs", "new_innovation_orgs_distribution"),
    ],
)
def test_geography_reproduces_every_printed_share(db, group, dataset):
    pub = plan.published(dataset)
    mask = geography.group_mask(db, group, 2022)
    off = []
    for level in ("metro_region", "province", "city"):
        dist = geography.distribution(db, mask, level).set_index("region")
        for r in pub[pub["level"] == level].itertuples():
            region = METRO_ALIASES.get(r.region, r.region)
            if hasattr(r, "unit") and r.unit == "count":
                ok = dist["count"].get(region) == r.value
            else:
                value = r.share_pct if hasattr(r, "share_pct") else r.value
                ok = within_half_unit(dist["share_pct"].get(region, 0.0) - value, 2)
            if not ok:
                off.append((level, r.region))
            if level != "metro_region" and not pd.isna(r.rank):  # the listed rank holds
                assert dist.loc[region, "rank"] == r.rank, (level, region)
    # the report's own contradiction: platforms in 珠江三角洲 25.00% but in 广东 25.50% (all in PRD cities here)
    assert off == ([("metro_region", "珠江三角洲")] if group == "platforms" else [])


def test_table2_counts_exact_and_statistics_in_range(db):
    t2 = plan.published("value_network_by_year").set_index("year")
    got = graph.yearly(db).set_index("year")
    for ours, theirs in (
        ("sample_nodes", "sample_nodes_count"),
        ("relation_nodes", "relation_nodes_count"),
        ("nodes", "total_nodes_count"),
        ("edges", "total_edges_count"),
    ):
        assert got.index.tolist() == t2.index.tolist() and got[ours].tolist() == t2[theirs].tolist(), ours
    assert (
        compare.side_by_side(
            [
                {"published": t2.loc[y, "average_degree"], "recomputed": got.loc[y, "average_degree"], "decimals": 3}
                for y in t2.index
            ]
        )["status"]
        .eq("agrees")
        .all()
    )
    assert got["average_path_length"].between(3.8, 5.8).all()
    assert got["diameter"].between(11, 20).all() and got["average_clustering"].between(0.0005, 0.06).all()


def test_platform_network_of_tables_5_and_6_and_figure_15(db):
    """Table 6's nodes and edges of every printed year exactly, Table 5's 200 platforms and 16,932 relation
    nodes, figure 15's three shares to the printed decimal (of 2021, Table 5's year), path statistics and
    clustering near the printed range."""
    t6 = plan.published("platform_value_network_by_year").set_index("year")
    got = graph.platform_yearly(db, years=t6.index.tolist()).set_index("year")
    assert got["nodes"].tolist() == t6["total_nodes_count"].tolist()
    assert got["edges"].tolist() == t6["total_edges_count"].tolist()
    t5 = plan.published("platform_value_network_stats").iloc[0]
    year = int(t6.index.max())
    assert (got.loc[year, "sample_nodes"], got.loc[year, "relation_nodes"]) == (
        t5["sample_nodes_count"],
        t5["relation_nodes_count"],
    )
    shares_, _ = graph.outdegree_concentration(db, year)
    for q in plan.published("outdegree_concentration").itertuples():
        assert round(shares_[round(q.top_nodes_pct / 100, 4)], 1) == q.outdegree_share_pct
    assert got["average_path_length"].between(3.3, 5.0).all() and got["diameter"].between(5, 13).all()
    assert got["average_clustering"].between(0.002, 0.1).all()


def test_named_degrees_of_tables_3_and_4(db):
    for sample, name in (
        (True, "enterprise_degree_centrality_top20"),
        (False, "relation_node_degree_centrality_top20"),
    ):
        pub = plan.published(name)
        got = graph.degree_ranking(db, 2022, sample).set_index("name")
        for r in pub.itertuples():
            assert (got.loc[r.node, "in_degree"], got.loc[r.node, "out_degree"]) == (r.in_degree, r.out_degree)


def test_relation_shares_reproduce_the_printed_ones(db):
    for column, dataset, key in (
        ("technology", "tech_category_share", "technology"),
        ("field", "application_field_share", "field"),
    ):
        got = shares.shares(db, 2022, column)[0].set_index("category")
        for r in plan.published(dataset).itertuples():
            assert within_half_unit(got.loc[getattr(r, key), "share_pct"] - r.share_pct, 2)
            assert got.loc[getattr(r, key), "rank"] == r.rank
    div = plan.published("industry_division_share")
    for level in ("tertiary", "secondary", "manufacturing"):
        col = "industry_division" if level == "manufacturing" else "industry_section"
        got = shares.shares(db, 2022, col, within=level)[0].set_index("category")
        for r in div[div["level"] == level].itertuples():
            assert within_half_unit(
                got.loc[str(r.gbt4754_code).zfill(2) if level == "manufacturing" else r.gbt4754_code, "share_pct"]
                - r.share_pct,
                2,
            )


def test_csv_and_parquet_give_the_same_database_and_every_number(db, folder, tmp_path):
    """The demo's CSV files (read by Arrow) and the same cells saved as Parquet load into equal typed tables, so
    every analysis gives the same numbers; checked table by table on the cheap ones and the 2016 networks."""
    from ai_industry.methods.firmdb import flows

    for name in ("organisations", "relations"):
        text = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        text.to_parquet(tmp_path / f"{name}.parquet", index=False)
    pq = database.load(tmp_path)
    pd.testing.assert_frame_equal(db.orgs, pq.orgs)
    pd.testing.assert_frame_equal(db.rel, pq.rel)
    assert [len(d.rows) for d in db.duplicates] == [len(d.rows) for d in pq.duplicates]
    for (key, a), b in zip(geography.geography(db, 2022).items(), geography.geography(pq, 2022).values()):
        pd.testing.assert_frame_equal(a, b, obj=str(key))
    for level in ("province", "city"):
        pd.testing.assert_frame_equal(flows.flows(db, 2022, level), flows.flows(pq, 2022, level))
    for column in ("technology", "field", "sector", "industry_division"):
        pd.testing.assert_frame_equal(shares.shares(db, 2022, column)[0], shares.shares(pq, 2022, column)[0])
    for sample in (True, False):
        pd.testing.assert_frame_equal(graph.degree_ranking(db, 2022, sample), graph.degree_ranking(pq, 2022, sample))
    pd.testing.assert_frame_equal(graph.yearly(db, [2016]), graph.yearly(pq, [2016]))
    pd.testing.assert_frame_equal(graph.platform_yearly(db, [2016]), graph.platform_yearly(pq, [2016]))
    assert graph.outdegree_concentration(db, 2022)[0] == graph.outdegree_concentration(pq, 2022)[0]
