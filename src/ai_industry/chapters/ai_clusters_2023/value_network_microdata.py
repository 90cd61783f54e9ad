"""Presentation helpers for the value-network chapter computed from relation data (demo or a user's export):
the computed yearly statistics beside the published Table 2 with a computed status per cell, sentences and
charts. Numbers come from `methods.network`; the default network is the SYNTHETIC demo firm database's
(`methods.demo.firmdb`, the same as chapter 04c's), seen as a Gephi export (`methods.firmdb.graph.as_network`).
Every statement of agreement with the report is computed here (`agreement`), never typed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from ai_industry.catalog import terms
from ai_industry.chapters.ai_clusters_2023 import firm_database as fd
from ai_industry.methods import network as nw
from ai_industry.methods.firmdb import compare, graph
from ai_industry.present.fonts import setup_matplotlib

PUBLISHED = {
    "total_nodes_count": "pub_nodes",
    "total_edges_count": "pub_edges",
    "average_degree": "pub_average_degree",
    "network_diameter": "pub_diameter",
    "average_path_length": "pub_average_path_length",
    "average_clustering_coefficient": "pub_average_clustering",
}
YEARLY_FORMATS = {
    "average_degree": "{:.3f}",
    "pub_average_degree": "{:.3f}",
    "average_path_length": "{:.3f}",
    "pub_average_path_length": "{:.3f}",
    "average_clustering": "{:.3f}",
    "pub_average_clustering": "{:.3f}",
    "nodes": "{:,}",
    "pub_nodes": "{:,.0f}",
    "edges": "{:,}",
    "pub_edges": "{:,.0f}",
    "pub_diameter": "{:.0f}",
}


def load_network(nodes: str, edges: str, seed: int, product: Callable | None = None) -> tuple[nw.Network, bool, str]:
    """The network the chapter analyses: the user's Gephi export (`edges`, optional `nodes`; CSV or GEXF) or,
    when `edges` is empty, the SYNTHETIC demo firm database of chapter 04c as a network (the build's product for
    the default seed, `product` = `ch.product`). Returns (network, is_synthetic, description for the source
    line)."""
    if edges:
        net = nw.read_gexf(edges) if str(edges).lower().endswith(".gexf") else nw.read_gephi_csv(edges, nodes or None)
        return net, False, Path(edges).name
    db, src = fd.open_database("", "", seed, product)
    return graph.as_network(db), True, src[0].removeprefix("synthetic:")


# the columns of `methods.network.stats_by_year`, in its order
STATS_COLUMNS = [
    "year",
    "nodes",
    "edges",
    "average_degree",
    "diameter",
    "average_path_length",
    "reachable_pairs",
    "average_clustering",
    "density",
    "directed",
]


def demo_yearly(
    edges: str, seed: int, modularity: bool, product: Callable | None = None, path_sample: int = 0
) -> pd.DataFrame | None:
    """The demo network's yearly statistics the build computed once (the same numbers `nw.stats_by_year` gives
    on it, `tests/methods/test_firmdb_analyses.py`), when the chapter runs on the default demo without
    modularity and with the path statistics left to the size (`path_sample` 0); else None (computed here)."""
    stats = None if (edges or modularity or path_sample) else fd.demo_statistics("", seed, product)
    if stats is None:
        return None
    sampled = [c for c in ("path_method", "path_sources", "average_path_length_se") if c in stats["yearly"].columns]
    return stats["yearly"][STATS_COLUMNS + sampled]


# statistic of the computed table -> printed decimals of its Table 2 column, as chapter 04c compares them
AGREEMENT = {col: d for _pub, col, d in fd.TABLE2_PAIRS}


def agreement(yearly: pd.DataFrame, synthetic: bool = False) -> pd.DataFrame:
    """Every cell of Table 2 the computed yearly table carries (nodes, edges, average degree, diameter, path
    length, clustering), beside the computed value: year, statistic, published, recomputed, difference, status
    (`methods.firmdb.compare`: agrees = within half a unit of the printed value) and reason (on the SYNTHETIC
    demo, why a path statistic differs: `firm_database.range_reason`)."""
    rows = []
    for r in yearly.itertuples():
        for col, d in AGREEMENT.items():
            if col in yearly.columns and f"pub_{col}" in yearly.columns and not pd.isna(getattr(r, f"pub_{col}")):
                rows.append(
                    {
                        "year": int(r.year),
                        "statistic": col,
                        "published": float(getattr(r, f"pub_{col}")),
                        "recomputed": getattr(r, col),
                        "decimals": d,
                    }
                )
    cols = ["year", "statistic", "published", "recomputed", "difference", "status", "reason"]
    if not rows:
        return pd.DataFrame(columns=cols)
    df = compare.side_by_side(rows)
    if synthetic:
        df["reason"] = [
            fd.range_reason(c, v, d, yearly[f"pub_{c}"].dropna(), yearly.loc[yearly[f"pub_{c}"].notna(), "year"])
            if c in fd.RANGE_STATISTICS and st == compare.DIFFERS
            else ""
            for c, v, d, st in zip(df["statistic"], df["recomputed"], df["decimals"], df["status"])
        ]
    return df[cols]


def _years(years: list[int], lang: str) -> str:
    """2014, 2015, 2016, 2018, 2020 -> '2014–2016、2018、2020' (zh) / '2014–2016, 2018 and 2020' (en)."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    parts = [f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs]
    if lang == "zh" or len(parts) == 1:
        return "、".join(parts) if lang == "zh" else parts[0]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def agreement_sentences(table: pd.DataFrame) -> dict[str, str]:
    """Which cells of Table 2 the computed network reproduces and which it does not, statistic by statistic,
    from the computed statuses."""
    if table.empty:
        return {
            "zh": "所给网络没有与报告表2相同的年份，无法逐格比较。",
            "en": "The network supplied has none of Table 2's years, so no cell can be compared.",
        }
    c = compare.summary(table)
    names = {k: (zh, en) for k, (zh, en) in terms.group("microdata_yearly_column").items()}
    zh, en = [], []
    for stat, g in table.groupby("statistic", sort=False):
        ok = g.loc[g["status"] == compare.AGREES, "year"].tolist()
        bad = g.loc[g["status"] != compare.AGREES, "year"].tolist()
        n_zh, n_en = names[stat]
        if not bad:
            zh.append(f"{n_zh}：{len(ok)} 年全部一致")
            en.append(f"{n_en.lower()}: all {len(ok)} years agree")
        elif not ok:
            zh.append(f"{n_zh}：{len(bad)} 年均不一致")
            en.append(f"{n_en.lower()}: all {len(bad)} years differ")
        else:
            zh.append(f"{n_zh}：{_years(ok, 'zh')} 年一致，{_years(bad, 'zh')} 年不一致")
            en.append(f"{n_en.lower()}: {_years(ok, 'en')} agree, {_years(bad, 'en')} differ")
    n = len(table)
    return {
        "zh": f"与报告表2逐格比较（在印刷数字的舍入范围内为一致）：{n} 个数字中 {c['agrees']} 个一致、{c['differs']} 个不一致。"
        + "；".join(zh)
        + "。",
        "en": f"Cell by cell against the report's Table 2 (agreeing = within the rounding of the printed value): of "
        f"{n} numbers, {c['agrees']} agree and {c['differs']} differ; " + "; ".join(en) + ".",
    }


def synthetic_notice(lang: str) -> str:
    """The text of the box that labels synthetic demo data (what it is; how far it agrees with Table 2 is
    computed in the table and sentence below it, not stated here)."""
    if lang == "zh":
        return (
            "本章默认使用**合成演示数据**：第 04c 章的合成演示企业数据库（由固定随机种子生成，按报告印刷的汇总数字校准），"
            "作为一个关系网络读入。它不是报告背后的真实关系数据库；它与表2逐格一致与否见下方的计算对照表。"
            "用 `-p edges=… -p nodes=…` 运行本章即可分析真实导出数据。"
        )
    return (
        "This chapter runs on **SYNTHETIC demo data** by default: the SYNTHETIC demo firm database of chapter 04c "
        "(seeded, calibrated to the printed aggregates) read as a relation network. It is not the report's relation "
        "database; which cells of Table 2 it reproduces is computed in the comparison table below. Run the chapter "
        "with `-p edges=… -p nodes=…` to analyse a real export."
    )


def yearly_beside_published(rows: list[dict], table2: pd.DataFrame) -> pd.DataFrame:
    """Computed statistics per year joined with the published Table 2 values (columns prefixed pub_)."""
    comp = pd.DataFrame(rows)
    pub = table2.rename(columns=PUBLISHED)[["year", *PUBLISHED.values()]]
    return comp.merge(pub, on="year", how="left")


def _pick(group: str, lang: str) -> dict[str, str]:
    """The terms of `group` (catalog/terms.csv) as key -> label in `lang`."""
    return {k: (zh if lang == "zh" else en) for k, (zh, en) in terms.group(group).items()}


def yearly_columns(lang: str) -> dict[str, str]:
    """Column -> label of the yearly statistics table (computed beside the report's)."""
    return _pick("microdata_yearly_column", lang)


def yearly_sentences(yearly: pd.DataFrame, synthetic: bool) -> dict[str, str]:
    """The growth of the network and how its path statistics were computed (exact, or sampled: said, with the
    years, sources and standard errors, `firm_database.path_note`)."""
    first, last = yearly.iloc[0], yearly.iloc[-1]
    note = fd.path_note(yearly) or {
        "zh": "所有路径指标均为精确计算（对每个节点做广度优先搜索），与 Gephi 的定义一致。",
        "en": "All path statistics are exact (a breadth-first search from every node), with Gephi's definitions.",
    }
    kind_zh = "合成演示网络" if synthetic else "所给网络"
    kind_en = "synthetic demo network" if synthetic else "network supplied"
    return {
        "zh": (
            f"{kind_zh}从 {int(first.year)} 年的 {int(first.nodes):,} 个节点、{int(first.edges):,} 条边增长到 {int(last.year)} 年的 "
            f"{int(last.nodes):,} 个节点、{int(last.edges):,} 条边；平均路径长度由 {first.average_path_length:.3f} 变为 "
            f"{last.average_path_length:.3f}，平均聚类系数由 {first.average_clustering:.3f} 变为 {last.average_clustering:.3f}。"
            + note["zh"]
        ),
        "en": (
            f"The {kind_en} grows from {int(first.nodes):,} nodes and {int(first.edges):,} edges in {int(first.year)} to "
            f"{int(last.nodes):,} nodes and {int(last.edges):,} edges in {int(last.year)}; the average path length goes from "
            f"{first.average_path_length:.3f} to {last.average_path_length:.3f} and the average clustering from "
            f"{first.average_clustering:.3f} to {last.average_clustering:.3f}. " + note["en"]
        ),
    }


def yearly_chart(yearly: pd.DataFrame, lang: str) -> plt.Figure:
    """Two panels: average path length and average clustering by year, computed (solid) and reported (dashed)."""
    setup_matplotlib()
    lab = _pick("microdata_chart", lang)
    fig, axes = plt.subplots(1, 2, figsize=(9, 3.4))
    for ax, (c, p, title) in zip(
        axes,
        [
            ("average_path_length", "pub_average_path_length", lab["path_title"]),
            ("average_clustering", "pub_average_clustering", lab["clustering_title"]),
        ],
    ):
        ax.plot(yearly["year"], yearly[c], marker="o", label=lab["computed"])
        ax.plot(yearly["year"], yearly[p], marker="s", linestyle="--", label=lab["reported"])
        ax.set_title(title, fontsize=10)
        ax.set_xticks(yearly["year"])
        ax.tick_params(axis="x", labelrotation=45, labelsize=8)
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    return fig


def degree_columns(deg: pd.DataFrame, lang: str, synthetic: bool = False) -> dict[str, str]:
    """Column -> label of the degree ranking (the node kind only where the node table gives one; on the demo
    the organisation's name after its id)."""
    cols = {k: v for k, v in _pick("microdata_degree_column", lang).items() if k != "kind" or "kind" in deg.columns}
    if synthetic and "label" in deg.columns:
        cols = {"id": cols.pop("id"), "label": _pick("microdata_degree_column_extra", lang)["label"], **cols}
    return cols


def agreement_columns(lang: str) -> dict[str, str]:
    """Column -> label of the cell-by-cell comparison with Table 2 (statistic names translated in the table)."""
    return _pick("microdata_agreement_column", lang)


def agreement_shown(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The comparison with its statistic and status in words of `lang`."""
    names = _pick("microdata_yearly_column", lang)
    status = _pick("comparison_status", lang)
    return table.assign(statistic=table["statistic"].map(names), status=table["status"].map(status))


def powerlaw_sentences(fit: dict, shares: dict[float, float], published: pd.DataFrame) -> dict[str, str]:
    pub = {round(float(r.top_nodes_pct) / 100, 4): float(r.outdegree_share_pct) for r in published.itertuples()}
    # (top % of nodes, computed share, the report's share) computed once for both sentences
    rows = [(f * 100, shares[f], pub.get(round(f, 4), float("nan"))) for f in shares]
    parts_zh = "；".join(f"前{p:g}%节点承担 {s:.1f}%（报告 {r:.1f}%）" for p, s, r in rows)
    parts_en = "; ".join(f"the top {p:g}% of nodes carry {s:.1f}% (report {r:.1f}%)" for p, s, r in rows)
    if fit.get("not_fitted"):
        return {
            "zh": f"连出度无法做幂律拟合（{fit['n']:,} 个连出度为正的节点：{fit['not_fitted'].rstrip('.')}）。集中度：{parts_zh}。",
            "en": f"The out-degree cannot be fitted with a power law ({fit['n']:,} nodes with positive out-degree: "
            f"{fit['not_fitted'].rstrip('.')}). Concentration: {parts_en}.",
        }
    verdict_zh = "对数正态分布拟合更好" if fit["loglik_ratio_vs_lognormal"] < 0 else "幂律拟合更好"
    verdict_en = "the log-normal fits better" if fit["loglik_ratio_vs_lognormal"] < 0 else "the power law fits better"
    return {
        "zh": (
            f"连出度的幂律拟合（Clauset–Shalizi–Newman 方法）：α = {fit['alpha']:.2f} ± {fit['sigma']:.2f}，x_min = {fit['xmin']:.0f}，"
            f"尾部含 {fit['n_tail']:,} 个节点（共 {fit['n']:,} 个连出度为正的节点）。与对数正态分布比较，归一化对数似然比 R = "
            f"{fit['loglik_ratio_vs_lognormal']:.2f}（p = {fit['p_value']:.3f}），{verdict_zh}"
            f"{'，但差别不显著' if fit['p_value'] >= 0.1 else ''}。集中度：{parts_zh}。"
        ),
        "en": (
            f"Power-law fit of the out-degree (Clauset–Shalizi–Newman): α = {fit['alpha']:.2f} ± {fit['sigma']:.2f}, "
            f"x_min = {fit['xmin']:.0f}, {fit['n_tail']:,} nodes in the tail (of {fit['n']:,} with positive out-degree). Against a "
            f"log-normal, the normalised log-likelihood ratio is R = {fit['loglik_ratio_vs_lognormal']:.2f} (p = {fit['p_value']:.3f}): "
            f"{verdict_en}{', but not significantly' if fit['p_value'] >= 0.1 else ''}. Concentration: {parts_en}."
        ),
    }


def concentration_chart(curve: pd.DataFrame, published: pd.DataFrame, lang: str) -> plt.Figure:
    """Share of out-edges held by the top p% of nodes (log x), with the report's three stated points."""
    setup_matplotlib()
    lab = _pick("microdata_chart", lang)
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    ax.plot(curve["top_pct"], curve["share_pct"], label=lab["curve"])
    ax.scatter(
        published["top_nodes_pct"], published["outdegree_share_pct"], color="#c2410c", zorder=3, label=lab["stated"]
    )
    ax.set_xscale("log")
    ax.set_xlabel(lab["top_nodes"])
    ax.set_ylabel(lab["out_share"])
    ax.set_ylim(0, 100)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


# ---- the section's values ------------------------------------------------------------------------------


def sources(synthetic: bool, what: str) -> list[str]:
    """The sources of every table and figure computed from the relation data: the demo database with the
    published table it is calibrated to, or the user's file."""
    return [f"synthetic:{what}", "value_network_by_year"] if synthetic else [f"file:{what}"]


@dataclass(frozen=True)
class Microdata:
    """What the section computes from the relation data: the yearly statistics beside Table 2, the degree
    ranking, the out-degree power-law fit, top shares and concentration curve, and (where the nodes have a
    province) the flows between provinces with each province's enabling and input shares."""

    yearly: pd.DataFrame
    agreement: pd.DataFrame
    deg: pd.DataFrame
    fit: dict
    top_shares: dict[float, float]
    curve: pd.DataFrame
    flows: pd.DataFrame | None
    balance: pd.DataFrame | None


def microdata(
    net: nw.Network,
    table2: pd.DataFrame,
    modularity: bool = False,
    yearly: pd.DataFrame | None = None,
    path_sample: int = 0,
    synthetic: bool = False,
) -> Microdata:
    """The section's values from a relation network (`methods.network`) and the published Table 2: the yearly
    statistics of every cumulative snapshot, the rest on the network of the last year (`nw.current`: without the
    nodes that left before it; the whole export when no node has a last year). `yearly`: the statistics by year
    already computed (`demo_yearly`); `path_sample`: BFS sources of sampled path statistics (0: the size decides,
    `methods.network.path_method`); `synthetic`: the network is the SYNTHETIC demo (the comparison says why a path
    statistic differs)."""
    now = nw.current(net)
    deg = nw.degree_table(now)
    out = deg["out_degree"].to_numpy()
    flows = nw.flow_matrix(now, "province") if "province" in now.nodes.columns else None
    kw = {"path_sample": path_sample} if path_sample else {}
    rows = nw.stats_by_year(net, with_modularity=modularity, **kw) if yearly is None else yearly.to_dict("records")
    yearly = yearly_beside_published(rows, table2)
    return Microdata(
        yearly=yearly,
        agreement=agreement(yearly, synthetic),
        deg=deg,
        fit=nw.powerlaw_fit(out),
        top_shares=nw.top_shares(out),
        curve=nw.concentration_curve(out),
        flows=flows,
        balance=nw.enabling_input_shares(flows) if flows is not None else None,
    )
