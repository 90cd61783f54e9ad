"""Presentation helpers for the value-network chapter computed from relation data (demo or a user's export):
the computed yearly statistics beside the published Table 2, sentences and charts. Numbers come from
`ai_industry.network`; this module only arranges them."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd

from ai_industry.catalog import terms
from ai_industry.methods import network as nw
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


def synthetic_notice(lang: str) -> str:
    """The text of the box that labels synthetic demo data."""
    if lang == "zh":
        return (
            "本章默认使用**合成演示数据**：由固定随机种子生成，逐年节点数、边数与报告表2一致，连出度为重尾分布，"
            "样本节点的省份按报告第五章第二节第一小节的占比分配。它不是报告背后的真实关系数据库，计算结果**不是**对表2的复现，"
            "只用于演示方法；用 `-p edges=… -p nodes=…` 运行本章即可分析真实导出数据。"
        )
    return (
        "This chapter runs on **SYNTHETIC demo data** by default: generated with a fixed seed, with Table 2's nodes "
        "and edges per year, a heavy-tailed out-degree, and sample nodes placed in provinces in the shares of §5.2(1). "
        "It is not the report's relation database and its results are **not** a reproduction of Table 2; they show "
        "the method. Run the chapter with `-p edges=… -p nodes=…` to analyse a real export."
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
    first, last = yearly.iloc[0], yearly.iloc[-1]
    kind_zh = "合成演示网络" if synthetic else "所给网络"
    kind_en = "synthetic demo network" if synthetic else "network supplied"
    return {
        "zh": (
            f"{kind_zh}从 {int(first.year)} 年的 {int(first.nodes):,} 个节点、{int(first.edges):,} 条边增长到 {int(last.year)} 年的 "
            f"{int(last.nodes):,} 个节点、{int(last.edges):,} 条边；平均路径长度由 {first.average_path_length:.3f} 变为 "
            f"{last.average_path_length:.3f}，平均聚类系数由 {first.average_clustering:.3f} 变为 {last.average_clustering:.3f}。"
            f"所有路径指标均为精确计算（对每个节点做广度优先搜索），与 Gephi 的定义一致。"
        ),
        "en": (
            f"The {kind_en} grows from {int(first.nodes):,} nodes and {int(first.edges):,} edges in {int(first.year)} to "
            f"{int(last.nodes):,} nodes and {int(last.edges):,} edges in {int(last.year)}; the average path length goes from "
            f"{first.average_path_length:.3f} to {last.average_path_length:.3f} and the average clustering from "
            f"{first.average_clustering:.3f} to {last.average_clustering:.3f}. All path statistics are exact (a breadth-first "
            f"search from every node), with Gephi's definitions."
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


def degree_columns(deg: pd.DataFrame, lang: str) -> dict[str, str]:
    """Column -> label of the degree ranking (the node kind only where the node table gives one)."""
    return {k: v for k, v in _pick("microdata_degree_column", lang).items() if k != "kind" or "kind" in deg.columns}


def powerlaw_sentences(fit: dict, shares: dict[float, float], published: pd.DataFrame) -> dict[str, str]:
    pub = {round(float(r.top_nodes_pct) / 100, 4): float(r.outdegree_share_pct) for r in published.itertuples()}
    # (top % of nodes, computed share, the report's share) computed once for both sentences
    rows = [(f * 100, shares[f], pub.get(round(f, 4), float("nan"))) for f in shares]
    parts_zh = "；".join(f"前{p:g}%节点承担 {s:.1f}%（报告 {r:.1f}%）" for p, s, r in rows)
    parts_en = "; ".join(f"the top {p:g}% of nodes carry {s:.1f}% (report {r:.1f}%)" for p, s, r in rows)
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
    """The sources of every table and figure computed from the relation data: the demo generator with the
    published tables it is calibrated to, or the user's file."""
    return [f"synthetic:{what}", "value_network_by_year", "enterprise_distribution"] if synthetic else [f"file:{what}"]


@dataclass(frozen=True)
class Microdata:
    """What the section computes from the relation data: the yearly statistics beside Table 2, the degree
    ranking, the out-degree power-law fit, top shares and concentration curve, and (where the nodes have a
    province) the flows between provinces with each province's enabling and input shares."""

    yearly: pd.DataFrame
    deg: pd.DataFrame
    fit: dict
    top_shares: dict[float, float]
    curve: pd.DataFrame
    flows: pd.DataFrame | None
    balance: pd.DataFrame | None


def microdata(net: nw.Network, table2: pd.DataFrame, modularity: bool = False) -> Microdata:
    """The section's values from a relation network (`methods.network`) and the published Table 2."""
    deg = nw.degree_table(net)
    out = deg["out_degree"].to_numpy()
    flows = nw.flow_matrix(net, "province") if "province" in net.nodes.columns else None
    return Microdata(
        yearly=yearly_beside_published(nw.stats_by_year(net, with_modularity=modularity), table2),
        deg=deg,
        fit=nw.powerlaw_fit(out),
        top_shares=nw.top_shares(out),
        curve=nw.concentration_curve(out),
        flows=flows,
        balance=nw.enabling_input_shares(flows) if flows is not None else None,
    )
