"""The value network of a firm database, year by year, with Gephi 0.9.2's statistics from
`ai_industry.methods.network` (seed 001 Table 2), the degree rankings of sample and relation nodes (Tables 3–4),
the platform sub-network (Tables 5–6) and its out-degree concentration (figure 15).

The network of year y holds the relations of years ≤ y whose two ends are active in y (see `selection`); its
nodes are the organisations those relations join, a sample node being one with `in_sample`. Edges are merged
per ordered pair, as Gephi merges parallel edges; a relation's direction is the direction of technical support
(source → target), so out-degree counts the relations a node enables (连出度 = 技术赋能关系数)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ai_industry.io import write_parquet
from ai_industry.methods import network as nw
from ai_industry.methods.firmdb.database import FirmDB, load
from ai_industry.methods.firmdb.selection import relations_in, years_of

TABLE2 = (
    "year",
    "sample_nodes",
    "relation_nodes",
    "nodes",
    "edges",
    "average_degree",
    "diameter",
    "average_path_length",
    "average_clustering",
)


def network(db: FirmDB, year: int, mask: np.ndarray | None = None, sample: np.ndarray | None = None) -> nw.Network:
    """The network of `year` as a `methods.network.Network` (node ids = organisation positions, `kind` sample |
    relation); `mask` narrows the relations further, `sample` overrides which organisations are sample nodes."""
    m = relations_in(db, year)
    if mask is not None:
        m &= mask
    s = db.rel["s"].to_numpy()[m]
    t = db.rel["t"].to_numpy()[m]
    ids = np.unique(np.concatenate([s, t]))
    is_sample = (db.orgs["in_sample"].to_numpy() if sample is None else sample)[ids]
    nodes = pd.DataFrame({"id": ids, "kind": np.where(is_sample, "sample", "relation")})
    edges = pd.DataFrame({"source": s, "target": t})
    return nw.Network(nodes, edges, directed=True)


def as_network(db: FirmDB) -> nw.Network:
    """The whole database as a Gephi-style `methods.network.Network`, for the chapters that analyse an export:
    nodes = the included organisations that are an end of some relation (id, label = name, kind sample |
    relation, province, city, last_year = exit year), edges = every relation (source, target, year, weight 1,
    relation type). `nw.snapshot(…, y)` of it is `network(db, y)` with organisation ids for positions."""
    ends = np.unique(np.concatenate([db.rel["s"].to_numpy(), db.rel["t"].to_numpy()]))
    if "included" in db.orgs.columns:
        ends = ends[db.orgs["included"].to_numpy()[ends]]
    o = db.orgs.iloc[ends]
    nodes = pd.DataFrame(
        {
            "id": o["id"].to_numpy(),
            "label": o["name"].to_numpy(),
            "kind": np.where(o["in_sample"].to_numpy(), "sample", "relation"),
            "province": o["province"].astype(str).to_numpy(),
            "city": o["city"].astype(str).to_numpy(),
            "last_year": o["exit_year"].astype("Int64").to_numpy(),
        }
    )
    ids = db.orgs["id"].to_numpy()
    edges = pd.DataFrame(
        {
            "source": ids[db.rel["s"].to_numpy()],
            "target": ids[db.rel["t"].to_numpy()],
            "year": db.rel["year"].astype("Int64").to_numpy(),
            "weight": 1.0,
            "relation": db.rel["relation_type"].astype(str).to_numpy(),
        }
    )
    return nw.Network(nodes, edges, directed=True)


def statistics(net: nw.Network, directed: bool = True, **kw) -> dict:
    """Gephi's statistics of one network plus its sample and relation node counts."""
    st = nw.gephi_stats(net, directed, **kw)
    st["sample_nodes"] = int((net.nodes["kind"] == "sample").sum())
    st["relation_nodes"] = int((net.nodes["kind"] == "relation").sum())
    return st


def yearly(db: FirmDB, years: list[int] | None = None, directed: bool = True, **kw) -> pd.DataFrame:
    """Table 2: for every year, sample and relation nodes, nodes, edges, average degree, diameter, average path
    length and average clustering (Gephi's definitions; path statistics exact, or sampled where `path_sample`
    asks or the network is above `network_scale.EXACT_WORK`, which the rows say in `path_method`). `kw` goes to
    `methods.network.gephi_stats` (path_sample, seed, with_modularity)."""
    rows = [{"year": y, **statistics(network(db, y), directed, **kw)} for y in (years or years_of(db))]
    df = pd.DataFrame(nw.mark_exact(rows))
    return df[[*TABLE2, *[c for c in df.columns if c not in TABLE2]]]


def degree_ranking(
    db: FirmDB,
    year: int,
    sample: bool,
    top_n: int = 20,
    net: nw.Network | None = None,
    degrees: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Tables 3 and 4: the `top_n` sample (or relation) nodes by degree centrality in the network of `year`:
    rank, id, name, in_degree, out_degree, degree (ties by out-degree, then id). `net` and `degrees` (its
    `methods.network.degree_table`) may be given, computed once for both tables."""
    if degrees is None:
        degrees = nw.degree_table(net if net is not None else network(db, year))
    deg = degrees
    deg = deg[deg["kind"] == ("sample" if sample else "relation")].head(top_n).reset_index(drop=True)
    deg["name"] = db.orgs["name"].to_numpy()[deg["id"].to_numpy(dtype=int)]
    deg["id"] = db.orgs["id"].to_numpy()[deg["id"].to_numpy(dtype=int)]
    deg.insert(0, "rank", np.arange(1, len(deg) + 1))
    return deg[["rank", "id", "name", "in_degree", "out_degree", "degree"]]


def platform_mask(db: FirmDB) -> tuple[np.ndarray, np.ndarray]:
    """(relations with a platform end, organisations that are sample nodes of the platform network): §5.2(3)
    takes the 200 platforms as the sample and every other node as a relation node."""
    platform = ((db.orgs["kind"] == "platform") & db.orgs["in_sample"]).to_numpy()
    rel = platform[db.rel["s"].to_numpy()] | platform[db.rel["t"].to_numpy()]
    return rel, platform


def platform_yearly(db: FirmDB, years: list[int] | None = None, directed: bool = True, **kw) -> pd.DataFrame:
    """Table 6 (and Table 5 as its last year): the platform network's statistics per year."""
    rel, platform = platform_mask(db)
    rows = [{"year": y, **statistics(network(db, y, rel, platform), directed, **kw)} for y in (years or years_of(db))]
    df = pd.DataFrame(nw.mark_exact(rows))
    return df[[*TABLE2, *[c for c in df.columns if c not in TABLE2]]]


def outdegree_concentration(db: FirmDB, year: int, fractions=(0.1, 0.01, 0.001)) -> tuple[dict, pd.DataFrame]:
    """Figure 15: percent of the platform network's out-degree (技术赋能关系数) held by the top 10% / 1% / 0.1%
    of its nodes, and the whole concentration curve; ({}, an empty curve) when the platform network of `year` has
    no relation (no platform among the kinds selected, or none active then): the shares are undefined."""
    rel, platform = platform_mask(db)
    deg = nw.degree_table(network(db, year, rel, platform))
    out = deg["out_degree"].to_numpy()
    if not out.sum() > 0:
        return {}, pd.DataFrame({"top_pct": pd.Series(dtype=float), "share_pct": pd.Series(dtype=float)})
    return nw.top_shares(out, fractions), nw.concentration_curve(out)


# ---- statistics computed once per build -------------------------------------------------------------------------

DEFAULT = {"directed": True}  # the parameters `write_statistics` computes at: every year, every kind, directed


def write_statistics(outputs: dict, inputs: dict, label: str = "") -> None:
    """The build product of a database's yearly statistics at the default parameters (`DEFAULT`; all years,
    all organisation kinds): Table 2 (`yearly`) to outputs['yearly'] and Table 6 (`platform_yearly`) to
    outputs['platform'], Parquet. `inputs`: the database's 'organisations' and 'relations' files; `label` (e.g.
    SYNTHETIC) is written into a `synthetic` column of both tables."""
    db = load([inputs["organisations"], inputs["relations"]])
    for key, table in (("yearly", yearly(db, **DEFAULT)), ("platform", platform_yearly(db, **DEFAULT))):
        write_parquet(table.assign(synthetic=label) if label else table, outputs[key])


def read_statistics(path) -> pd.DataFrame:
    """A table `write_statistics` wrote, without its label column."""
    return pd.read_parquet(path).drop(columns="synthetic", errors="ignore")
