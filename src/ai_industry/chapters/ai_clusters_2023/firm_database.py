"""The firm-database chapter (seed 001 §5–§7 recomputed from organisations and relations): load the user's
database or the SYNTHETIC demo, run every analysis of `methods.firmdb`, and set each printed number of the
section's published tables beside its recomputation with a computed status (`methods.firmdb.compare`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ai_industry.catalog import datasets as catalog
from ai_industry.catalog import terms
from ai_industry.catalog.sections import product_paths
from ai_industry.chapters.ai_clusters_2023 import firm_database_reasons as reasons
from ai_industry.errors import ConfigError
from ai_industry.methods import network as nw
from ai_industry.methods import network_scale
from ai_industry.methods.demo import firmdb as demo
from ai_industry.methods.firmdb import compare, database, flows, geography, graph, places, selection, shares
from ai_industry.methods.firmdb.database import FirmDB

GROUP_DATASETS = {
    "enterprises": "enterprise_distribution",
    "platforms": "platform_distribution",
    "universities": "ai_universities_distribution",
    "institutes": "research_institutes_distribution",
    "new_orgs": "new_innovation_orgs_distribution",
}
METRO_ALIASES = {
    "长三角地区": "长江三角洲",
    "长江三角洲地区": "长江三角洲",
    "京津冀地区": "京津冀",
    "珠三角地区": "珠江三角洲",
    "珠江三角洲地区": "珠江三角洲",
    "川渝地区": "川渝",
    "其他地区": "其他",
}


DEMO, DEMO_STATISTICS = "demo/firmdb", "demo/firmdb_statistics"  # build products (config/sections.yaml)


def open_database(
    path: str, metro_map: str = "", seed: int = demo.DEFAULT_SEED, product: Callable | None = None
) -> tuple[FirmDB, list[str]]:
    """The database the chapter analyses and the source names of its tables and figures: the user's at `path`,
    else the SYNTHETIC demo — the build's product `demo/firmdb` for the default seed (`product`: the chapter's
    `ch.product`; default the catalog's), generated in memory for any other seed (nothing written)."""
    if path:
        db = database.load(path, metro_map or None)
        return db, [f"file:{Path(f).name}" for f in db.files]
    if seed == demo.DEFAULT_SEED:
        files = (product or product_paths)(DEMO)
        db = database.load([files["organisations"], files["relations"]], metro_map or None)
        what = f"{demo.folder_name(seed)} (seed {seed})"
    else:
        db = database.from_frames(*demo.generate(seed), metro_map=_metro(metro_map))
        what = f"{demo.folder_name(seed)} (seed {seed}, generated in memory)"
    db.synthetic = True
    return db, [f"synthetic:{what}"]


def _metro(metro_map: str) -> pd.DataFrame | None:
    return places.read_metro_map(metro_map) if metro_map else None


def demo_statistics(path: str, seed: int, product: Callable | None = None) -> dict[str, pd.DataFrame] | None:
    """The demo's yearly network statistics the build computed once (`demo/firmdb_statistics`: Table 2 and the
    platform network's Table 6 at the default parameters) when the chapter runs on the default demo, else None
    (the chapter computes them)."""
    if path or seed != demo.DEFAULT_SEED:
        return None
    files = (product or product_paths)(DEMO_STATISTICS)
    return {k: graph.read_statistics(v) for k, v in files.items()}


def check_parameters(years: list[int], kinds: list[str]) -> tuple[int, int] | None:
    """The year range as (first, last), or None for [] (the database's own years); refuses a range that is not
    one."""
    if len(years) == 0:
        return None
    if len(years) != 2 or years[0] > years[1]:
        raise ConfigError(f"years must be [first, last] with first ≤ last, or [] for the database's years, not {years}")
    return int(years[0]), int(years[1])


@dataclass
class Result:
    """Everything the chapter shows, computed once."""

    db: FirmDB
    last: int
    geo: dict
    sizes: dict
    yearly: pd.DataFrame
    top_sample: pd.DataFrame
    top_relation: pd.DataFrame
    platform: pd.DataFrame
    conc: dict
    curve: pd.DataFrame
    window: dict = field(default_factory=dict)  # selection.window: years shown, relations before and after
    flows: dict = field(default_factory=dict)
    balance: dict = field(default_factory=dict)
    coverage: dict = field(default_factory=dict)
    footnote11: pd.DataFrame | None = None
    shares: dict = field(default_factory=dict)
    by_year: dict = field(default_factory=dict)
    supplied: tuple[int, int] = (0, 0)  # organisations and relations of the whole database, before any selection
    kinds: list[str] = field(default_factory=list)  # the organisation kinds chosen (empty: all)


def compute(
    db: FirmDB,
    years: tuple[int, int],
    kinds: list[str],
    top_n: int,
    directed: bool,
    statistics: dict[str, pd.DataFrame] | None = None,
    path_sample: int | None = None,
) -> Result:
    """Every §5–§7 analysis on the selected part of `db`: the yearly networks of `years` (first, last; None: the
    database's own years), each holding the relations of all years up to it (`selection.window` says how many
    lie before and after), the rest on the last year's network. `statistics`: the yearly tables computed once by the
    build (`demo_statistics`), used only when the selection is the whole database, directed, with the path
    statistics left to the size (`path_sample` None), as they were computed (`graph.DEFAULT`); `path_sample`:
    BFS sources of sampled path statistics (`methods.network.path_method`)."""
    span = (int(db.rel["year"].min()), int(db.rel["year"].max())) if len(db.rel) else (0, 0)
    years = span if years is None else years
    window = selection.window(db, years, kinds or None)
    sub = selection.select(db, years, kinds or None)
    if sub.rel.empty or window["first"] > window["last"]:
        raise ConfigError(f"no relations in {years[0]}–{years[1]} between organisations of the kinds chosen")
    last, shown = window["last"], list(range(window["first"], window["last"] + 1))
    conc, curve = graph.outdegree_concentration(sub, last)
    degrees = nw.degree_table(graph.network(sub, last))  # the last year's, for both degree rankings
    whole = (
        statistics is not None and not kinds and len(sub.rel) == len(db.rel) and directed == graph.DEFAULT["directed"]
    )
    whole = whole and path_sample is None and (window["first"], window["last"]) == span
    kw = {} if path_sample is None else {"path_sample": path_sample}
    r = Result(
        db=sub,
        last=last,
        geo=geography.geography(sub, last),
        sizes=geography.group_sizes(sub, last),
        yearly=statistics["yearly"] if whole else graph.yearly(sub, shown, directed=directed, **kw),
        top_sample=graph.degree_ranking(sub, last, True, top_n, degrees=degrees),
        top_relation=graph.degree_ranking(sub, last, False, top_n, degrees=degrees),
        platform=statistics["platform"] if whole else graph.platform_yearly(sub, shown, directed=directed, **kw),
        conc=conc,
        curve=curve,
        window=window,
        supplied=(len(db.orgs), len(db.rel)),
        kinds=list(kinds or []),
    )
    for level in ("province", "city"):
        r.flows[level] = flows.flows(sub, last, level)
        r.balance[level] = flows.enabling_input(r.flows[level])
        r.coverage[level] = flows.coverage(sub, last, level)
    r.footnote11 = flows.footnote11_counts(sub, last)
    for key, (col, within) in SHARES.items():
        r.shares[key] = shares.shares(sub, last, col, within)
    for col in ("technology", "field"):
        r.by_year[col] = shares.shares_by_year(sub, shown, col)
    return r


SHARES = {
    "technology": ("technology", None),
    "field": ("field", None),
    "sector": ("sector", None),
    "tertiary": ("industry_section", "tertiary"),
    "secondary": ("industry_section", "secondary"),
    "manufacturing": ("industry_division", "manufacturing"),
}
SECTOR_KEYS = {"第一产业": "primary", "第二产业": "secondary", "第三产业": "tertiary"}


# ---- published beside recomputed -------------------------------------------------------------------------------


def _row(where: str, item: str, published: float, recomputed, decimals: int, reason: str = "") -> dict:
    return {
        "where": where,
        "item": item,
        "published": float(published),
        "recomputed": recomputed,
        "decimals": decimals,
        "reason": reason,
    }


def _printed_share(pub: pd.DataFrame, level: str, region: str) -> float | None:
    rows = pub[(pub["level"] == level) & (pub["region"].map(lambda x: METRO_ALIASES.get(x, x)) == region)]
    return float(rows["share_pct"].iloc[0]) if len(rows) and "share_pct" in rows else None


def platform_region_conflicts(load) -> dict[str, str]:
    """Printed platform shares that cannot hold beside the others, item -> why: a metro region whose cities all
    lie in one province (the regions reference table) holds, in the report, every enterprise of that province
    (equal printed shares, where one firm moves a share by more than the rounding); platforms are enterprises, so
    their share of that region must equal their share of the province."""
    reg = places.regions()
    cities = reg[(reg["level"] == "city") & (reg["metro_region_zh"] != "")]
    ent, plat = load("enterprise_distribution"), load("platform_distribution")
    n = int(load("value_network_by_year").sort_values("year")["sample_nodes_count"].iloc[-1])
    out = {}
    for metro, grp in cities.groupby("metro_region_zh"):
        provinces = sorted(set(grp["province_zh"]))
        if len(provinces) != 1 or 100 / n <= 0.01:
            continue
        prov = provinces[0]
        e_m, e_p = _printed_share(ent, "metro_region", metro), _printed_share(ent, "province", prov)
        p_m, p_p = _printed_share(plat, "metro_region", metro), _printed_share(plat, "province", prov)
        if None in (e_m, e_p, p_m, p_p) or round(e_m - e_p, 2) != 0 or abs(p_m - p_p) <= 0.01 + 1e-9:
            continue
        why = (
            f"{metro} lies in {prov}, and the report's enterprises there ({e_m:.2f}%) are all its enterprises in "
            f"{prov} ({e_p:.2f}%); platforms are enterprises, so their {metro} share must equal their {prov} share: "
            f"the printed {p_m:.2f}% and {p_p:.2f}% cannot both hold"
        )
        out.update({f"metro_region {metro}": why, f"province {prov}": why})
    return out


def geography_rows(r: Result, load) -> list[dict]:
    rows = []
    conflicts = {"platform_distribution": platform_region_conflicts(load)}
    for group, name in GROUP_DATASETS.items():
        pub = load(name)
        for p in pub.itertuples():
            region = METRO_ALIASES.get(p.region, p.region)
            dist = r.geo[(group, p.level)].set_index("region")
            is_count = getattr(p, "unit", "pct") == "count"
            value = p.value if hasattr(p, "value") else p.share_pct
            got = dist["count" if is_count else "share_pct"].get(region, 0.0 if r.sizes[group] else None)
            why = conflicts.get(name, {}).get(f"{p.level} {region}", "")
            if not r.sizes[group]:
                why = f"the selection holds no {group} in {r.last} (organisation kinds or years chosen)"
            rows.append(_row(name, f"{p.level} {p.region}", value, got, 0 if is_count else 2, why))
    stated = load("enterprise_concentration_stated")
    for p in stated.itertuples():
        got = geography.concentration(r.geo[("enterprises", p.level)], int(p.top_n))
        listed = load("enterprise_distribution")
        printed_sum = listed.loc[listed["level"] == p.level, "share_pct"].head(int(p.top_n)).sum()
        why = ""
        # the printed CR-n is the sum of n printed shares, each rounded (off by at most 0.005): a recomputation
        # within n × 0.005 of it is explained by that rounding; one further off differs for want of a reason
        summed = abs(printed_sum - p.share_pct) < 1e-9 and abs(got - printed_sum) <= int(p.top_n) * 0.005 + 1e-9
        if summed and compare.status(p.share_pct, got, 2) != compare.AGREES:
            why = (
                f"the printed CR-{p.top_n} is the sum of the printed (rounded) shares, {printed_sum:.2f}; "
                f"{got:.2f} is within their rounding (±{int(p.top_n) * 0.005:.3f})"
            )
        rows.append(_row("enterprise_concentration_stated", f"{p.level} CR-{p.top_n}", p.share_pct, got, 2, why))
    return rows


TABLE2_PAIRS = (
    ("sample_nodes_count", "sample_nodes", 0),
    ("relation_nodes_count", "relation_nodes", 0),
    ("total_nodes_count", "nodes", 0),
    ("total_edges_count", "edges", 0),
    ("average_degree", "average_degree", 3),
    ("network_diameter", "diameter", 0),
    ("average_path_length", "average_path_length", 3),
    ("average_clustering_coefficient", "average_clustering", 3),
)


def _cell(got: pd.DataFrame, year: int, col: str) -> tuple[object, str]:
    """One computed yearly statistic (None where there is none) and why a missing one is missing: the year is
    not among those computed, or the statistic is undefined in that year's network (no node; no connected
    pair for a path statistic)."""
    if year not in got.index:
        return None, "the year is outside the data or the year range"
    value = got.at[year, col]
    if value is None or pd.isna(value):
        what = "no node" if not got.at[year, "nodes"] else "no pair of connected nodes"
        return None, f"undefined: the data's network of {year} has {what}"
    return value, ""


def table2_rows(yearly: pd.DataFrame, t2: pd.DataFrame) -> list[dict]:
    """Every cell of the published Table 2 beside the computed yearly statistics (`graph.yearly` or
    `methods.network.stats_by_year`; the columns the computation has), year by year."""
    rows = []
    got = yearly.set_index("year")
    pairs = [p for p in TABLE2_PAIRS if p[1] in got.columns]
    for p in t2.itertuples():
        for pub_col, col, d in pairs:
            value, why = _cell(got, p.year, col)
            if value is not None and col in ("diameter", "average_path_length") and _sampled(got, p.year):
                k, se = int(got.loc[p.year, "path_sources"]), float(got.loc[p.year, "average_path_length_se"])
                why = (
                    f"estimated from {k:,} BFS sources (SE {se:.4f})"
                    if col != "diameter"
                    else f"lower bound from {k:,} BFS sources"
                )
            rows.append(_row("value_network_by_year", f"{p.year} {col}", getattr(p, pub_col), value, d, why))
    return rows


def _sampled(yearly: pd.DataFrame, year: int) -> bool:
    return "path_method" in yearly.columns and yearly.loc[year, "path_method"] == "sampled"


def path_note(yearly: pd.DataFrame) -> dict[str, str] | None:
    """What the yearly table's path statistics are when some are sampled (`methods.network_scale`: asked with
    `path_sample`, or above the documented size): the years, the sources, the standard errors, the diameter a
    lower bound; None when all are exact."""
    if "path_method" not in yearly.columns or not (yearly["path_method"] == "sampled").any():
        return None
    sampled = yearly["path_method"] == "sampled"
    s = yearly[sampled]
    years = ", ".join(str(int(y)) for y in s["year"])
    k = int(s["path_sources"].max())
    se_lo, se_hi = float(s["average_path_length_se"].min()), float(s["average_path_length_se"].max())
    limit = f"{network_scale.EXACT_WORK / 1e9:g}×10⁹"
    rest_zh = "其余年份的路径指标及所有年份的聚类系数为精确计算。" if not sampled.all() else "聚类系数为精确计算。"
    rest_en = (
        "the other years' path statistics and every clustering coefficient are exact."
        if not sampled.all()
        else "the clustering coefficients are exact."
    )
    return {
        "zh": f"{years} 年的平均路径长度与直径不是对每个节点做广度优先搜索的精确值，而是由 {k:,} 个随机起点（固定种子）的广度优先搜索"
        f"抽样估计（比率估计量，标准误 {se_lo:.4f}–{se_hi:.4f}；参数 `path_sample` 指定，或网络超过文档所述规模"
        f"“节点数 ×（节点数 + 弧数）> {limit}”）；抽样所得直径是真实直径的下界。{rest_zh}"
        f"`path_sample` 不少于节点数即为精确计算。",
        "en": f"The average path length and diameter of {years} are not exact (a breadth-first search from every node) "
        f"but estimated from {k:,} random BFS sources (fixed seed; ratio estimator, standard error {se_lo:.4f}–{se_hi:.4f}; "
        f"asked with `path_sample`, or the network is above the documented size, nodes × (nodes + arcs) > {limit}), and "
        f"that diameter is a lower bound of the true one; {rest_en} A `path_sample` of at least the number of nodes "
        f"means exact.",
    }


RANGE_STATISTICS = ("diameter", "average_path_length", "average_clustering")


def range_reason(col: str, value: float, decimals: int, published: pd.Series, years: pd.Series) -> str:
    """Why the SYNTHETIC demo's path length, diameter or clustering of a year differs from Table 2's: the
    generator places them in the published range of the years (`published`, over `years`), not year by year;
    the range and whether this value is inside it."""
    lo, hi, d = float(published.min()), float(published.max()), decimals
    inside = "inside" if lo - 0.5 * 10**-d <= value <= hi + 0.5 * 10**-d else "outside"
    return (
        f"the SYNTHETIC demo places {col} in the published range of {int(years.min())}–{int(years.max())} "
        f"({lo:.{d}f}–{hi:.{d}f}), not year by year: {value:.{d}f} is {inside} it"
    )


def demo_range_reasons(rows: list[dict], t2: pd.DataFrame) -> list[dict]:
    """`range_reason` on the rows of Table 2 that differ."""
    pub_of = {col: pub for pub, col, _ in TABLE2_PAIRS}
    for row in rows:
        col = row["item"].split(" ", 1)[1]
        value = row["recomputed"]
        if row["reason"] or col not in RANGE_STATISTICS or value is None:
            continue
        if compare.status(row["published"], value, row["decimals"]) == compare.DIFFERS:
            row["reason"] = range_reason(col, value, row["decimals"], t2[pub_of[col]], t2["year"])
    return rows


def network_rows(r: Result, load) -> list[dict]:
    rows = table2_rows(r.yearly, load("value_network_by_year"))
    if r.db.synthetic:
        rows = demo_range_reasons(rows, load("value_network_by_year"))
    for name, top in (
        ("enterprise_degree_centrality_top20", r.top_sample),
        ("relation_node_degree_centrality_top20", r.top_relation),
    ):
        pub = load(name)
        mine = top.set_index("name")
        for p in pub.itertuples():
            for pub_col, col in (("in_degree", "in_degree"), ("out_degree", "out_degree")):
                value = mine[col].get(p.node)
                why = "" if value is not None else f"no organisation named {p.node} among the top rows"
                rows.append(_row(name, f"{p.node} {col}", getattr(p, pub_col), value, 0, why))
    return rows + platform_rows(r, load)


def platform_rows(r: Result, load) -> list[dict]:
    rows = []
    got = r.platform.set_index("year")
    t6 = load("platform_value_network_by_year")

    def demo_why(published, value, d: int, why: str, pub_col: str, col: str) -> str:
        """On the SYNTHETIC demo, a path statistic or clustering that differs: placed in Table 6's range."""
        if why or not r.db.synthetic or value is None or compare.status(published, value, d) != compare.DIFFERS:
            return why
        return range_reason(col, value, d, t6[pub_col], t6["year"]) if col in RANGE_STATISTICS else ""

    for p in t6.itertuples():
        for pub_col, col, d in (
            ("total_nodes_count", "nodes", 0),
            ("total_edges_count", "edges", 0),
            ("average_degree", "average_degree", 3),
            ("network_diameter", "diameter", 0),
            ("average_path_length", "average_path_length", 3),
            ("average_clustering_coefficient", "average_clustering", 3),
        ):
            value, why = _cell(got, p.year, col)
            if value is not None and col in ("diameter", "average_path_length") and _sampled(got, p.year):
                why = f"sampled from {int(got.loc[p.year, 'path_sources']):,} BFS sources" + (
                    " (a lower bound)"
                    if col == "diameter"
                    else f" (SE {float(got.loc[p.year, 'average_path_length_se']):.4f})"
                )
            why = demo_why(getattr(p, pub_col), value, d, why, pub_col, col)
            rows.append(_row("platform_value_network_by_year", f"{p.year} {col}", getattr(p, pub_col), value, d, why))
    t5 = load("platform_value_network_stats").iloc[0]
    year = int(t6["year"].max())
    for pub_col, col in (("sample_nodes_count", "sample_nodes"), ("relation_nodes_count", "relation_nodes")):
        value = got[col].get(year) if year in got.index else None
        why = "" if value is not None else "the year is outside the data"
        rows.append(_row("platform_value_network_stats", f"{year} {col}", t5[pub_col], value, 0, why))
    rows += concentration_rows(r, load, year)
    return rows


def figure15(r: Result, load) -> tuple[int, dict, pd.DataFrame]:
    """(year, top shares, concentration curve) of the platform network's out-degree for figure 15: of the year
    of Table 5 (its numbers are Table 6's last row, so figure 15, which describes the same network, is taken
    as of that year), or of the selection's last year when the selection ends before."""
    at = min(int(load("platform_value_network_by_year")["year"].max()), r.last)
    if at == r.last:
        return at, r.conc, r.curve
    return at, *graph.outdegree_concentration(r.db, at)


def concentration_rows(r: Result, load, year: int) -> list[dict]:
    """Figure 15 beside the out-degree shares of `figure15`."""
    at, conc, _ = figure15(r, load)
    rows = []
    for q in load("outdegree_concentration").itertuples():
        value = conc.get(round(q.top_nodes_pct / 100, 4))
        why = "" if at == year else f"figure 15 is of {year} (the year of Table 5); the selection ends in {at}"
        if value is None:
            why = f"the platform network of {at} has no relation in the selection: no share to compute"
        rows.append(
            _row("outdegree_concentration", f"{at} top {q.top_nodes_pct:g}%", q.outdegree_share_pct, value, 1, why)
        )
    return rows


FLOW_TABLES = (
    ("province", "province_enabling_input_share", "province_tech_flows"),
    ("city", "city_enabling_input_share", "city_tech_flows"),
)


def printed_flows(load) -> dict[str, dict[tuple, float]]:
    """The printed shares of Tables 7–10 by table: {(direction, place): share} and {(from, to): share}."""
    out = {}
    for level, share_name, flow_name in FLOW_TABLES:
        sh = load(share_name)
        out[share_name] = {(d, p): float(v) for d, p, v in zip(sh["direction"], sh[level], sh["share_pct"])}
        fl = load(flow_name)
        out[flow_name] = {(a, b): float(v) for a, b, v in zip(fl[f"from_{level}"], fl[f"to_{level}"], fl["share_pct"])}
    return out


def same_place_conflict(printed: dict, name: str, key: tuple) -> str:
    """Why a printed number of the city and the province tables cannot both hold: a place named alike in both is
    a province-level municipality, so for it (or a pair of them) the city table counts the same relations as the
    province table over a base no larger (a relation located to a city is located to its province), and its
    share cannot be below the province table's by more than the two roundings. '' when that is not the case."""
    level = "city" if name.startswith("city") else "province"
    other = name.replace(level, "province" if level == "city" else "city", 1)
    mine, theirs = printed[name].get(key), printed[other].get(key)
    if theirs is None or mine is None:
        return ""
    city, province = (mine, theirs) if level == "city" else (theirs, mine)
    if province - city <= 0.01 + 1e-9:  # both printed to two decimals: ±0.005 each
        return ""
    what = (
        f"both ends of {'-'.join(key)} are province-level municipalities"
        if "flows" in name
        else f"{key[1]} is a province-level municipality"
    )
    return (
        f"{what} (the same relations in both tables, the city table's base no larger): the city share "
        f"{city:.2f} cannot be below the province share {province:.2f}; the two printed numbers cannot both hold"
    )


def demo_flow_reason(r: Result, level: str, published: float, value: float, why: str) -> str:
    """On the SYNTHETIC demo, why a share of Tables 7–10 it was fitted to still differs: how many relations it is
    from the printed value (the partners' places fit every printed number of the four tables at once)."""
    if why or not r.db.synthetic or compare.status(published, value, 2) != compare.DIFFERS:
        return why
    off = round((value - published) / 100 * r.coverage[level]["located"])
    return (
        f"the SYNTHETIC demo's partner firms are placed to fit Tables 7–10 together; this share is {abs(off):,} "
        f"relations {'above' if off > 0 else 'below'} the printed one"
    )


def flow_rows(r: Result, load) -> list[dict]:
    rows = []
    printed = printed_flows(load)
    for level, share_name, flow_name in FLOW_TABLES:
        bal = r.balance[level].set_index("region")
        for (direction, place), share in printed[share_name].items():
            value = bal[f"{direction}_pct"].get(place, 0.0)
            why = demo_flow_reason(r, level, share, value, same_place_conflict(printed, share_name, (direction, place)))
            rows.append(_row(share_name, f"{direction} {place}", share, value, 2, why))
        f = r.flows[level].set_index(["from", "to"])["share_pct"]
        for (a, b), share in printed[flow_name].items():
            value = f.get((a, b), 0.0)
            why = demo_flow_reason(r, level, share, value, same_place_conflict(printed, flow_name, (a, b)))
            rows.append(_row(flow_name, f"{a}-{b}", share, value, 2, why))
    return rows


def _no_industry(got: pd.DataFrame) -> str:
    return "" if len(got) else "the relations carry no industry"


def share_rows(r: Result, load) -> list[dict]:
    rows = []
    for key, name, col in (
        ("technology", "tech_category_share", "technology"),
        ("field", "application_field_share", "field"),
    ):
        got, missing = r.shares[key]
        s = got.set_index("category")["share_pct"]
        why = "" if len(got) else f"the relations carry no {col}"
        for p in load(name).itertuples():
            rows.append(
                _row(name, getattr(p, col), p.share_pct, s.get(getattr(p, col), 0.0) if len(got) else None, 2, why)
            )
    got, _ = r.shares["sector"]
    s = got.set_index("category")["share_pct"]
    for p in load("industry_sector_share").itertuples():
        value = s.get(SECTOR_KEYS[p.sector], 0.0) if len(got) else None
        rows.append(_row("industry_sector_share", p.sector, p.share_pct, value, 2, _no_industry(got)))
    for p in load("industry_division_share").itertuples():
        got, _ = r.shares[p.level]
        code = str(p.gbt4754_code).zfill(2) if p.level == "manufacturing" else str(p.gbt4754_code)
        value = got.set_index("category")["share_pct"].get(code, 0.0) if len(got) else None
        rows.append(_row("industry_division_share", f"{p.level} {code}", p.share_pct, value, 2, _no_industry(got)))
    return rows


def side_by_side(r: Result, load, parts=("geography", "network", "flows", "shares")) -> pd.DataFrame:
    """Every printed number of the chosen parts beside its recomputation, with status and reason."""
    make = {"geography": geography_rows, "network": network_rows, "flows": flow_rows, "shares": share_rows}
    rows = [row for p in parts for row in make[p](r, load)]
    df = compare.side_by_side(rows)
    return df[["where", "item", "published", "recomputed", "difference", "status", "reason"]]


def datasets(parts) -> list[str]:
    """The published datasets a comparison of `parts` reads (for its source line)."""
    names = {
        # Table 2's sample size decides whether a printed platform share contradicts the enterprises'
        "geography": [*GROUP_DATASETS.values(), "enterprise_concentration_stated", "value_network_by_year"],
        "network": [
            "value_network_by_year",
            "enterprise_degree_centrality_top20",
            "relation_node_degree_centrality_top20",
            "platform_value_network_by_year",
            "platform_value_network_stats",
            "outdegree_concentration",
        ],
        "flows": [
            "province_enabling_input_share",
            "province_tech_flows",
            "city_enabling_input_share",
            "city_tech_flows",
        ],
        "shares": [
            "tech_category_share",
            "application_field_share",
            "industry_sector_share",
            "industry_division_share",
        ],
    }
    return [n for p in parts for n in names[p]]


def sentences(table: pd.DataFrame, r: Result, synthetic: bool) -> dict[str, str]:
    """The chapter's summary of the comparison, from the computed statuses."""
    c = compare.summary(table)
    n = len(table)
    what_zh = "合成演示数据库" if synthetic else "所给数据库"
    what_en = "SYNTHETIC demo database" if synthetic else "database supplied"
    orgs, rels = r.supplied
    w = r.window
    zh_w = f"逐年网络为 {w['first']}–{w['last']} 年，每年的网络包含该年及以前各年的全部关系"
    en_w = (
        f"The yearly networks run from {w['first']} to {w['last']}, each holding the relations of every year up to it"
    )
    if w.get("before"):
        zh_w += f"：{w['before']:,} 条关系记录于 {w['first']} 年以前，计入其后每年的网络"
        en_w += f": {w['before']:,} relations recorded before {w['first']} are in every one of them"
    if w.get("after"):
        zh_w += f"；{w['after']:,} 条记录于 {w['last']} 年以后的关系不在所选年份内，各表均不计入"
        en_w += f"; {w['after']:,} recorded after {w['last']} are outside the years chosen and in no table"
    zh_k = en_k = ""
    if r.kinds:
        kept_orgs = int(r.db.orgs["included"].sum()) if "included" in r.db.orgs.columns else orgs
        zh_k = f"；所选机构类型（{'、'.join(r.kinds)}）保留 {kept_orgs:,} 个机构及其相互之间的 {len(r.db.rel):,} 条关系"
        en_k = (
            f"; the organisation kinds chosen ({', '.join(r.kinds)}) keep {kept_orgs:,} organisations and the "
            f"{len(r.db.rel):,} relations between them"
        )
    agree_en = f"{c['agrees']} {'is' if c['agrees'] == 1 else 'are'} reproduced"
    differ_en = f"{c['differs']} {'differs' if c['differs'] == 1 else 'differ'}"
    carried_en = f"{c['not carried']} {'is' if c['not carried'] == 1 else 'are'} not carried by the data"
    return {
        "zh": f"{what_zh}含 {orgs:,} 个机构、{rels:,} 条关系{zh_k}。{zh_w}。报告的 {n} 个数字中，"
        f"{c['agrees']} 个复算一致（在印刷数字的舍入范围内），{c['differs']} 个不一致，{c['not carried']} 个数据无法复算。",
        "en": f"The {what_en} holds {orgs:,} organisations and {rels:,} relations{en_k}. {en_w}. Of the "
        f"report's {n} numbers, {agree_en} (within the rounding of the printed value), {differ_en} and {carried_en}.",
    }


def geography_table(r: Result, top_n: int) -> pd.DataFrame:
    """The database's own geography in the last year: for each group of organisations and level, the `top_n`
    places by count (ties share a rank) and the organisations without a place at that level; `group` and `level`
    are codes (terms group firmdb_value)."""
    parts = []
    for (group, level), dist in r.geo.items():
        d = dist[dist["rank"].isna() | (dist["rank"] <= top_n)]
        parts.append(d.assign(group=group, level=level))
    cols = ["group", "level", "rank", "region", "count", "share_pct"]
    return pd.concat(parts, ignore_index=True)[cols] if parts else pd.DataFrame(columns=cols)


def concentration_table(r: Result, n: int = 5) -> pd.DataFrame:
    """For each group of organisations, by province and by city: how many there are in the last year and the
    share of the `n` places with most of them (CR-n, the report's CR-5; organisations without a place stay in
    the base). Not by metro region: its few regions and "其他" make a CR-5 of ~100% that says nothing."""
    rows = [
        {
            "group": g,
            "level": lv,
            "organisations": r.sizes[g],
            "cr_pct": geography.concentration(d, n) if len(d) else None,
        }
        for (g, lv), d in r.geo.items()
        if lv != "metro_region"
    ]
    return pd.DataFrame(rows, columns=["group", "level", "organisations", "cr_pct"])


def coverage_table(r: Result) -> pd.DataFrame:
    """What each analysis of the last year's technology relations counts and leaves out: the flows at each level
    (a relation with an end without a place at that level — abroad, missing or unresolved — is left out of the
    base; `abroad` counts those with an end abroad) and the shares by each attribute (a
    relation without a value is left out of that share's base). `analysis` is a code (terms group
    firmdb_value)."""
    rows = [
        {"analysis": f"flows_{level}", "counted": c["located"], "left_out": c["left_out"], "abroad": c["abroad"]}
        for level, c in r.coverage.items()
    ]
    for key in ("technology", "field", "sector"):
        got, missing = r.shares[key]
        rows.append({"analysis": f"share_{key}", "counted": int(got["relations"].sum()), "left_out": missing})
    for key in ("tertiary", "secondary", "manufacturing"):
        got, missing = r.shares[key]
        rows.append({"analysis": f"share_within_{key}", "counted": int(got["relations"].sum()), "left_out": missing})
    df = pd.DataFrame(rows, columns=["analysis", "counted", "left_out", "abroad"])
    df["abroad"] = df["abroad"].astype("Int64")  # the shares' rows: no such count
    total = df["counted"] + df["left_out"]
    df["left_out_pct"] = (100.0 * df["left_out"] / total.where(total > 0)).round(2)
    return df[["analysis", "counted", "left_out", "left_out_pct", "abroad"]]


def validation_summary(db: FirmDB) -> pd.DataFrame:
    """What validation dropped, could not place or lists: exact duplicate rows (file, their lines, the first 20),
    the organisations by place status, and `database.listed_notices` (relations after an exit or before a
    founding, platforms not in the sample); `check` is a code: duplicate_rows, place_<status>, relation_…)."""
    rows = [
        {
            "check": "duplicate_rows",
            "file": Path(d.file).name,
            "count": len(d.rows),
            "detail": ", ".join(map(str, d.rows[:20])) + (" …" if len(d.rows) > 20 else ""),
        }
        for d in db.duplicates
    ]
    for status, n in db.orgs["place_status"].value_counts().sort_index().items():
        rows.append({"check": f"place_{status}", "file": "", "count": int(n), "detail": ""})
    rows += database.listed_notices(db)
    return pd.DataFrame(rows, columns=["check", "file", "count", "detail"])


# the columns of the yearly tables (the network's and the platform network's) the chapter shows
YEARLY_SHOWN = [
    "year", "sample_nodes", "relation_nodes", "nodes", "edges", "average_degree", "diameter", "average_path_length",
    "average_clustering",
]  # fmt: skip
# how the yearly tables show their numbers: counts as integers even where an empty year makes the column float
YEARLY_FORMATS = {
    **{c: "{:.0f}" for c in ("sample_nodes", "relation_nodes", "nodes", "edges", "diameter")},
    **{c: "{:.3f}" for c in ("average_degree", "average_path_length", "average_clustering")},
}
# the chapter's coded columns whose values are shown in words (terms.csv group firmdb_value)
CODED_COLUMNS = ("footnote11", "local", "check", "kind", "place_status", "analysis", "group", "level")


def _lang_index(lang: str) -> int:
    if lang not in terms.LANGS:
        raise ValueError(f"lang must be one of {terms.LANGS}, not {lang!r}")
    return terms.LANGS.index(lang)


def columns(df: pd.DataFrame, lang: str) -> dict[str, str]:
    """Column -> label in `lang` for every column of one of the chapter's tables (terms.csv groups firmdb_column
    and, for the status counts, comparison_status). A column without a label is an error: no table of the
    chapter shows a raw column name."""
    i = _lang_index(lang)
    known = {**terms.group("comparison_status"), **terms.group("firmdb_column")}
    missing = [str(c) for c in df.columns if c not in known]
    if missing:
        raise KeyError(f"terms.csv has no label (group firmdb_column) for the column(s) {', '.join(missing)}")
    return {c: known[c][i] for c in df.columns}


def where_label(dataset: str, lang: str) -> str:
    """Where a published dataset stands in the report: its table or figures ("表2", "正文（图6–图8）"), and its
    title where the place is the text alone."""
    src = catalog.source(f"published/ai-clusters-2023/{dataset}")
    place, title = (src.place, src.title_zh) if lang == "zh" else (src.place_en, src.title_en)
    return f"{place}{'：' if lang == 'zh' else ': '}{title}" if place in ("正文", "text") else place


def item_label(item: str, lang: str) -> str:
    """A side-by-side item ("metro_region 长江三角洲", "2014 diameter", "华为 out_degree") in `lang`: each coded
    word in words (levels, statistics, footnote 11's classes, sectors), names and numbers as they are."""
    i = _lang_index(lang)
    words = {**terms.group("firmdb_value"), **terms.group("firmdb_column")}
    words.update({k: terms.group("term")[k] for k in ("metro_region", "province", "city")})
    pick = (lambda w: words[w][i]) if lang == "zh" else (lambda w: words[w][i].lower())
    return " ".join(pick(w) if w in words else w for w in str(item).split(" "))


def reason_label(reason: str, lang: str) -> str:
    """A side-by-side reason (written in English) in `lang`: in Chinese from its template
    (`firm_database_reasons`), names and numbers as they are; as written when no template matches."""
    if lang == "en" or not reason:
        return reason
    said = reasons.zh(reason, lambda w: item_label(w, lang))
    return reason if said is None else said


def values(df: pd.DataFrame, lang: str) -> dict[str, dict]:
    """{column: {code: label in `lang`}} for the coded columns of one of the chapter's tables: the comparison's
    status and the report's place of each published dataset, footnote 11's classes, within-place flags, the
    validation checks, organisation kinds and place statuses."""
    i = _lang_index(lang)
    coded = {k: v[i] for k, v in terms.group("firmdb_value").items()}
    out: dict[str, dict] = {}
    for col in df.columns:
        if col == "status":
            out[col] = {k: v[i] for k, v in terms.group("comparison_status").items()}
        elif col == "where":
            out[col] = {d: where_label(d, lang) for d in df[col].dropna().unique()}
        elif col == "item":
            out[col] = {it: item_label(it, lang) for it in df[col].dropna().unique()}
        elif col == "local":
            out[col] = {True: coded["True"], False: coded["False"]}
        elif col in ("reason", "place_reason") and lang != "en":
            out[col] = {why: reason_label(why, lang) for why in df[col].dropna().unique() if why}
        elif col == "region":  # place names stay as given; the two rows without a place are words
            out[col] = {geography.UNRESOLVED: coded["region_unresolved"], geography.ABROAD: coded["region_abroad"]}
        elif col in CODED_COLUMNS:
            out[col] = coded
    return out


def table(ch, df: pd.DataFrame, name: str, sources: list[str], title: str, **kw) -> None:
    """`ch.table` with the chapter's column labels and coded values in the chapter's language (the saved CSV
    and XLSX keep column names and codes)."""
    ch.table(df, name, sources, title, columns=columns(df, ch.lang), values=values(df, ch.lang), **kw)


def top_flows(r: Result, level: str, top_n: int) -> pd.DataFrame:
    f = r.flows[level].head(top_n).copy()
    f["share_pct"] = f["share_pct"].round(4)
    return f


def status_counts(table: pd.DataFrame) -> pd.DataFrame:
    """How many printed numbers of each published dataset agree, differ or are not carried, the datasets in the
    order of the side-by-side table (the report's)."""
    counts = table.groupby(["where", "status"]).size().unstack(fill_value=0)
    order = list(dict.fromkeys(table["where"]))
    return counts.loc[order].rename_axis(columns=None).reset_index()
