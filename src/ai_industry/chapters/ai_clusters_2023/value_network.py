"""Published value-network statistics (Gephi tables of seed 001, 五(二)(2)–(3)) and what follows from them.

Groups of small functions:

* **Growth of a network over years** — the densification law E = c·N^α fitted by OLS on ln E vs ln N
  (`densification`), linear trends by year (`linear_trend`), year-on-year moves (`yoy_changes`), the table's
  own arithmetic (`table_arithmetic`: total = sample + relation nodes, average degree = edges / nodes) and an
  Erdős–Rényi benchmark of clustering and path length (`small_world`).
* **Degree tables** (top-20 nodes with in-, out- and total degree) — net enablers and receivers
  (`degree_roles`, `role_summary`, `roles_by_type`).
* **Two published distributions side by side** (platforms vs all firms by region) — implied counts,
  representation ratio with Fisher's exact test (`representation`) and nesting residuals (`nesting`).
* **A concentration curve given by a few points** (top p of nodes hold share S of out-edges) — the Pareto
  exponent it implies (`fit_top_share`, `local_exponents`), whether one power law passes all points
  (`minimax_power_law`, `tolerance_multiplier` with the stated tolerances), a Gini lower bound and counts.
* **Findings** for the chapters' "report vs data" boxes (`value_network_findings`, `platform_findings`), the
  bilingual labels of this module's tables and charts (`LABELS`, `STAT_COLUMNS`, `NODE_EN`), and chart builders.

Power-law convention (documented once, used everywhere here): the out-degree pdf is p(k) ∝ k^(−γ) for
k ≥ k_min; its complementary CDF is P(K ≥ k) ∝ k^(−α) with **α = γ − 1** (the Pareto index). For α > 1 the
fraction p of nodes with the largest degrees holds the share S(p) = p^(1 − 1/α) = p^((γ−2)/(γ−1)) of all
edges (continuous Pareto; Newman 2005, "Power laws, Pareto distributions and Zipf's law", on the 80/20 rule).
So a fitted log–log slope β = 1 − 1/α gives α = 1/(1 − β) and γ = α + 1.

Chart builders return matplotlib Figures (saving and source lines are `report.Chapter`'s job).

The groups live in modules of their own (split along this module's old banners): `network_tables` (growth,
arithmetic, degree tables), `platform_regions`, `top_share`, `network_labels` (labels from catalog/terms.csv),
`value_network_charts` and `value_network_findings`; every name is importable from here as before. This module
adds what the value-network section computes once for its zh and en text (`value_network`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ai_industry.chapters.ai_clusters_2023.network_labels import (  # noqa: F401
    LABELS,
    NODE_EN,
    RELATION_NODE_TYPES,
    STAT_COLUMNS,
    STAT_FORMATS,
    STAT_NAMES_EN,
    label,
    node_label,
    side_by_side,
    stat_columns,
    stat_formats,
    stat_name,
    stats_long,
)
from ai_industry.chapters.ai_clusters_2023.network_tables import (  # noqa: F401
    ROLES,
    against_direction,
    annual_growth_pct,
    degree_roles,
    degree_table,
    densification,
    directed_density,
    edge_shares,
    multiple,
    random_graph_benchmark,
    role_summary,
    roles_by_type,
    small_world,
    table_arithmetic,
    yoy_changes,
)
from ai_industry.chapters.ai_clusters_2023.platform_regions import (  # noqa: F401
    implied_counts,
    nesting,
    nesting_table,
    reference_regions,
    region_hierarchy,
    representation,
)
from ai_industry.chapters.ai_clusters_2023.top_share import (  # noqa: F401
    APPROX,
    TopShareFit,
    _chebyshev_loglog,
    alpha_from_slope,
    fit_table,
    fit_top_share,
    gini_lower_bound,
    local_exponents,
    minimax_power_law,
    pareto_gini,
    pareto_top_share,
    stated_tolerances,
    tolerance_multiplier,
    top_group_counts,
    top_share_points,
    top_share_polygon,
    top_share_table,
)
from ai_industry.chapters.ai_clusters_2023.value_network_charts import (  # noqa: F401
    _BLUE,
    _GREY,
    _ORANGE,
    _RED,
    _plain_log_ticks,
    degree_bars,
    densification_figure,
    network_trends_figure,
    representation_figure,
    small_world_figure,
    top_share_figure,
)
from ai_industry.chapters.ai_clusters_2023.value_network_findings import (  # noqa: F401
    _years,
    platform_findings,
    value_network_findings,
)
from ai_industry.methods.fits import (  # noqa: F401
    LinearTrend,
    LogLogFit,
    linear_trend,
    loglog_band,
    loglog_fit,
)
from ai_industry.methods.rounding import APPROX_REL  # noqa: F401

# ================================================================================================
# The section's values (computed once, formatted in both languages by the notebook)
# ================================================================================================


@dataclass(frozen=True)
class ValueNetwork:
    """What the value-network section (五(二)(2)) computes from Tables 2-4: the table sorted by year with its
    first and last rows and growth multiples, the densification fit and the share of relation nodes, the
    trends of path length and diameter, the random-graph benchmark (`sw`) with the ranges the text quotes,
    the year-on-year moves against the stated direction, the table's arithmetic, and the degree tables."""

    net: pd.DataFrame
    first: pd.Series
    last: pd.Series
    nodes_multiple: float
    edges_multiple: float
    fit: LogLogFit
    degree_exponent: float  # the average degree E/N grows as N to this power (α − 1)
    relation_share_first_pct: float
    relation_share_last_pct: float
    sample_stable_from: int
    path_trend: LinearTrend
    diameter_trend: LinearTrend
    path_up: pd.DataFrame  # years the path length rose (against 'ever shorter')
    sw: pd.DataFrame
    shorter_than_random_pct: tuple[float, float]  # how much shorter than a random graph's paths: low, high
    clustering_last_pct: float
    clustering_fall: pd.DataFrame  # years the clustering fell, with change_pct
    clustering_jump: pd.Series  # the largest year-on-year rise (m = value_to / value_from)
    arith: pd.DataFrame
    arith_rows_ok: int
    arith_max_degree_gap: float


def value_network(net: pd.DataFrame, conf: float = 0.95) -> ValueNetwork:
    """The section's values from Table 2 (`value_network_by_year`)."""
    net = net.sort_values("year").reset_index(drop=True)
    first, last = net.iloc[0], net.iloc[-1]
    sw = small_world(net)
    path_tr, diam_tr = (linear_trend(net.year, net[c], conf=conf) for c in ("average_path_length", "network_diameter"))
    c_fall = against_direction(net.year, net.average_clustering_coefficient, "up")
    steps = yoy_changes(net.year, net.average_clustering_coefficient)
    arith = table_arithmetic(net)
    fit = densification(net.total_nodes_count, net.total_edges_count, conf=conf)
    return ValueNetwork(
        net=net,
        first=first,
        last=last,
        nodes_multiple=last.total_nodes_count / first.total_nodes_count,
        edges_multiple=last.total_edges_count / first.total_edges_count,
        fit=fit,
        degree_exponent=fit.slope - 1,
        relation_share_first_pct=100 * first.relation_nodes_count / first.total_nodes_count,
        relation_share_last_pct=100 * last.relation_nodes_count / last.total_nodes_count,
        sample_stable_from=int(net.loc[net.sample_nodes_count >= last.sample_nodes_count, "year"].min()),
        path_trend=path_tr,
        diameter_trend=diam_tr,
        path_up=against_direction(net.year, net.average_path_length, "down"),
        sw=sw,
        shorter_than_random_pct=(100 * (1 - sw.l_ratio.max()), 100 * (1 - sw.l_ratio.min())),
        clustering_last_pct=100 * last.average_clustering_coefficient,
        clustering_fall=c_fall.assign(change_pct=100 * c_fall.change / c_fall.value_from),
        clustering_jump=steps.assign(m=lambda d: d.value_to / d.value_from).sort_values("m").iloc[-1],
        arith=arith,
        arith_rows_ok=int((arith.nodes_ok & arith.degree_ok).sum()),
        arith_max_degree_gap=arith.degree_diff.abs().max(),
    )


@dataclass(frozen=True)
class TopNodes:
    """Tables 3-4 ready to show (in the chapter's language) with what the text quotes: role summaries, the
    sample nodes that are net receivers, how far the first node leads, the relation nodes by type (indexed
    by type) and, if Table 2 has `network_year`, the top nodes' share of that year's edges."""

    sample: pd.DataFrame
    relation: pd.DataFrame
    sample_roles: dict[str, float]
    relation_roles: dict[str, float]
    receivers: pd.DataFrame
    lead_multiple: float  # out-degree of the first sample node / the second's
    by_type: pd.DataFrame
    year_nodes: int | None
    year_edges: int | None
    sample_edges: dict[str, float] | None
    relation_edges: dict[str, float] | None
    sample_nodes_pct: float | None  # the top sample nodes as a share of the year's nodes


def top_nodes(
    top_s: pd.DataFrame, top_r: pd.DataFrame, net: pd.DataFrame, network_year: int, lang: str = "zh"
) -> TopNodes:
    """The section's values from Tables 3-4, set against Table 2's `network_year` where it has that year."""
    ts, tr = degree_table(top_s, lang), degree_table(top_r, lang, types=RELATION_NODE_TYPES)
    bt = roles_by_type(top_r, RELATION_NODE_TYPES).assign(type_label=lambda d: [label(t, lang) for t in d.node_type])
    yr = net[net.year == network_year]
    E = int(yr.total_edges_count.iloc[0]) if len(yr) else None
    N = int(yr.total_nodes_count.iloc[0]) if len(yr) else None
    return TopNodes(
        sample=ts,
        relation=tr,
        sample_roles=role_summary(ts),
        relation_roles=role_summary(tr),
        receivers=ts[ts.role == "receiver"],
        lead_multiple=ts.out_degree[0] / ts.out_degree[1],
        by_type=bt,
        year_nodes=N,
        year_edges=E,
        sample_edges=edge_shares(top_s, E) if E else None,
        relation_edges=edge_shares(top_r, E) if E else None,
        sample_nodes_pct=100 * len(top_s) / N if N else None,
    )
