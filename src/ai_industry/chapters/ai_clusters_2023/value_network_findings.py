"""Findings for the value-network chapters' "what the report says vs what the data say" boxes (kind, zh,
en). Split from `value_network` along its banners.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ai_industry.chapters.ai_clusters_2023.network_tables import (
    against_direction,
    degree_roles,
    directed_density,
    edge_shares,
    small_world,
    table_arithmetic,
)
from ai_industry.chapters.ai_clusters_2023.top_share import (
    fit_top_share,
    local_exponents,
    minimax_power_law,
    tolerance_multiplier,
)
from ai_industry.methods.rounding import (
    APPROX_REL,
)

# ================================================================================================
# Findings for the "what the report says vs what the data say" boxes (kind, zh, en)
# ================================================================================================


def _years(steps: pd.DataFrame, fmt: str = "{:.3f}") -> tuple[str, str]:
    zh = "；".join(
        f"{r.year_from}→{r.year_to} 年由 {fmt.format(r.value_from)} 变为 {fmt.format(r.value_to)}"
        for r in steps.itertuples()
    )
    en = "; ".join(
        f"{r.year_from}→{r.year_to}: {fmt.format(r.value_from)} → {fmt.format(r.value_to)}" for r in steps.itertuples()
    )
    return zh, en


def _table2_arithmetic(net: pd.DataFrame) -> dict[str, str]:
    """Table 2's arithmetic: total nodes = sample + relation nodes, average degree = edges ÷ nodes."""
    ar = table_arithmetic(net)
    n_rows = len(ar)
    ok_n, ok_d = int(ar["nodes_ok"].sum()), int(ar["degree_ok"].sum())
    worst = float(ar["degree_diff"].abs().max())
    return {
        "kind": "reproduced" if ok_n == ok_d == n_rows else "discrepancy",
        "zh": (
            f"表2的算术：{n_rows} 行中“节点总数 = 样本节点 + 关系节点”成立 {ok_n} 行；“平均度 = 总边数 ÷ 节点总数”"
            f"在三位小数的四舍五入范围内成立 {ok_d} 行（最大偏差 {worst:.4f}）。Gephi 对有向图报告的平均度即每个节点的平均出（入）边数。"
        ),
        "en": (
            f"Table 2's arithmetic: total nodes = sample + relation nodes holds in {ok_n} of {n_rows} rows; average "
            f"degree = edges ÷ nodes holds within the rounding of three decimals in {ok_d} rows (largest gap "
            f"{worst:.4f}). For a directed graph Gephi's average degree is the mean number of out- (or in-) edges per node."
        ),
    }


def _degree_sums(top_s: pd.DataFrame, top_r: pd.DataFrame) -> dict[str, str]:
    """Tables 3–4: degree centrality = in-degree + out-degree, row by row."""
    both = pd.concat([degree_roles(top_s), degree_roles(top_r)])
    bad = int((~both["sum_ok"]).sum())
    return {
        "kind": "reproduced" if bad == 0 else "discrepancy",
        "zh": f"表3、表4：{len(both)} 行中“度数中心度 = 连入度 + 连出度”不成立的有 {bad} 行；排名与度数中心度一致（并列取最好名次）。",
        "en": f"Tables 3–4: degree centrality = in-degree + out-degree fails in {bad} of {len(both)} rows; the ranks follow degree centrality (ties share the best rank).",
    }


def _clustering_direction(net: pd.DataFrame) -> dict[str, str]:
    """The report's reading of clustering and path length over the period, and the years that go against it."""
    c0, c1 = net["average_clustering_coefficient"].iloc[0], net["average_clustering_coefficient"].iloc[-1]
    y0, y1 = int(net["year"].iloc[0]), int(net["year"].iloc[-1])
    sw = small_world(net)
    c_fall = against_direction(net["year"], net["average_clustering_coefficient"], "up")
    l_rise = against_direction(net["year"], net["average_path_length"], "down")
    fz, fe = _years(c_fall)
    lz, le = _years(l_rise)
    return {
        "kind": "note",
        "zh": (
            f"报告以平均聚类系数和平均路径长度的变化说明网络“极核”化、越来越聚集。就整个时期而言表2支持这一读法："
            f"平均聚类系数由 {c0:.3f}（{y0}）升至 {c1:.3f}（{y1}），为 {c1 / c0:.0f} 倍；相对于同规模随机图，"
            f"由约 {sw['c_ratio'].iloc[0]:.2f} 倍（与随机无异）升至约 {sw['c_ratio'].iloc[-1]:.0f} 倍。"
            f"但并非逐年成立：聚类系数 {fz}" + (f"；平均路径长度 {lz}" if len(l_rise) else "") + "。"
        ),
        "en": (
            f"The report reads the change in clustering and path length as a 'polar core', an ever more clustered "
            f"network. Over the whole period Table 2 supports that: average clustering rises from {c0:.3f} "
            f"({y0}) to {c1:.3f} ({y1}), {c1 / c0:.0f} times; against a random graph of the same size from "
            f"about {sw['c_ratio'].iloc[0]:.2f} times (no more than chance) to about {sw['c_ratio'].iloc[-1]:.0f} times. "
            f"It does not hold every year: clustering {fe}"
            + (f"; average path length {le}" if len(l_rise) else "")
            + "."
        ),
    }


def _sample_count_notes(net: pd.DataFrame, sample_size: int) -> list[dict[str, str]]:
    """A note on the first year with more sample nodes than sample enterprises, if any."""
    out: list[dict[str, str]] = []
    over = net[net["sample_nodes_count"] > sample_size]
    if len(over):
        r = over.iloc[0]
        out.append(
            {
                "kind": "note",
                "zh": f"{int(r.year)} 年的样本节点为 {int(r.sample_nodes_count):,} 个，多于 {sample_size:,} 家样本企业；原表如此，未作改动。",
                "en": f"{int(r.year)} has {int(r.sample_nodes_count):,} sample nodes, more than the {sample_size:,} sample enterprises; transcribed as printed.",
            }
        )
    return out


def _core_nodes_notes(net: pd.DataFrame, top_s: pd.DataFrame, network_year: int) -> list[dict[str, str]]:
    """The top sample nodes' share of the edges of the `network_year` network, if Table 2 has that year."""
    out: list[dict[str, str]] = []
    e = net.loc[net["year"] == network_year]
    if len(e):
        E, N = int(e["total_edges_count"].iloc[0]), int(e["total_nodes_count"].iloc[0])
        sh = edge_shares(top_s, E)
        out.append(
            {
                "kind": "note",
                "zh": (
                    f"“少数核心节点是产业发展的主导者”：若表3对应 {network_year} 年的网络（报告未注明年份），前 {len(top_s)} 个样本节点"
                    f"（占 {N:,} 个节点的 {100 * len(top_s) / N:.2f}%）承担全部 {E:,} 条边中 {sh['out_pct']:.1f}% 的连出、"
                    f"{sh['in_pct']:.1f}% 的连入。"
                ),
                "en": (
                    f"'A few core nodes lead': if Table 3 describes the {network_year} network (the report gives no year), its "
                    f"top {len(top_s)} sample nodes ({100 * len(top_s) / N:.2f}% of {N:,} nodes) are the source of "
                    f"{sh['out_pct']:.1f}% and the target of {sh['in_pct']:.1f}% of all {E:,} edges."
                ),
            }
        )
    return out


def _lost_figures() -> dict[str, str]:
    """Figures 9 and 10 carry no numbers; Tables 3–4 give no year."""
    return {
        "kind": "limitation",
        "zh": "图9（价值网络图）和图10（度数中心度幂律分布图）在文本中没有数字，无法重绘；表3、表4未注明对应年份。",
        "en": "Figures 9 (the network drawing) and 10 (the power-law plot of degree centrality) carry no numbers in the text and cannot be redrawn; Tables 3–4 do not say which year they describe.",
    }


def value_network_findings(
    net: pd.DataFrame, top_s: pd.DataFrame, top_r: pd.DataFrame, sample_size: int, network_year: int
) -> list[dict[str, str]]:
    """Findings on Table 2 (its arithmetic, the direction of clustering and path length, the sample count) and
    Tables 3–4 (degree = in + out, the top nodes' weight in the network of `network_year`)."""
    out: list[dict[str, str]] = [_table2_arithmetic(net), _degree_sums(top_s, top_r), _clustering_direction(net)]
    out += _sample_count_notes(net, sample_size)
    out += _core_nodes_notes(net, top_s, network_year)
    out.append(_lost_figures())
    return out


def platform_findings(
    t5: pd.DataFrame,
    t6: pd.DataFrame,
    net: pd.DataFrame,
    rep: pd.DataFrame,
    pts: pd.DataFrame,
    significance: float = 0.05,
    place_en: Callable[[str], str] = lambda name: name,
) -> list[dict[str, str]]:
    """Findings on Tables 5–6 (same network, arithmetic, the stated directions, 'small clustering' vs 'more
    clustered'), the platform geography against the firms', and the out-degree power-law statement
    (`place_en` gives English region names)."""
    return [
        _platform_table_finding(t5, t6),
        _platform_direction_finding(t6),
        _platform_clustering_finding(t5, t6, net),
        _platform_geography_finding(rep, significance, place_en),
        *_power_law_findings(pts),
    ]


def _platform_table_finding(t5: pd.DataFrame, t6: pd.DataFrame) -> dict[str, str]:
    """Table 5 is the last year of Table 6: shared measures, printed density and the two identities."""
    r5 = t5.iloc[0]
    last = t6.sort_values("year").iloc[-1]
    cols = [c for c in t6.columns if c in t5.columns and c != "seed_line"]
    same = [c for c in cols if float(r5[c]) == float(last[c])]
    dens = directed_density(r5["total_nodes_count"], r5["total_edges_count"])
    avg = r5.total_edges_count / r5.total_nodes_count
    return {
        "kind": "reproduced" if len(same) == len(cols) else "discrepancy",
        "zh": (
            f"表5即表6的 {int(last.year)} 年网络：{len(cols)} 项共同指标中 {len(same)} 项相同。表5的图密度印作 "
            f"{r5.graph_density:g}：有向图密度 = 边数 ÷ (N·(N−1)) = {dens:.6f}，在印刷精度下为 0；"
            f"节点总数 = {int(r5.sample_nodes_count):,} + {int(r5.relation_nodes_count):,} = {int(r5.total_nodes_count):,}，"
            f"平均度 = {int(r5.total_edges_count):,} ÷ {int(r5.total_nodes_count):,} = {avg:.3f}。"
        ),
        "en": (
            f"Table 5 is Table 6's {int(last.year)} network: {len(same)} of {len(cols)} shared measures are equal. "
            f"Table 5 prints the density as {r5.graph_density:g}: directed density = edges ÷ (N·(N−1)) = "
            f"{dens:.6f}, 0 at the printed precision; total nodes = {int(r5.sample_nodes_count):,} + "
            f"{int(r5.relation_nodes_count):,} = {int(r5.total_nodes_count):,}; average degree = "
            f"{int(r5.total_edges_count):,} ÷ {int(r5.total_nodes_count):,} = {avg:.3f}."
        ),
    }


def _platform_direction_finding(t6: pd.DataFrame) -> dict[str, str]:
    """Table 6 against the directions the text states (year-on-year moves against them)."""
    claims = {
        "total_edges_count": "up",
        "average_degree": "up",
        "average_clustering_coefficient": "up",
        "network_diameter": "down",
        "average_path_length": "down",
    }
    bad = {c: against_direction(t6["year"], t6[c], d) for c, d in claims.items()}
    n_bad = sum(len(b) for b in bad.values())
    y0, y1 = int(t6["year"].min()), int(t6["year"].max())
    f, l = t6.sort_values("year").iloc[0], t6.sort_values("year").iloc[-1]  # noqa: E741
    mult = l.total_edges_count / f.total_edges_count
    return {
        "kind": "reproduced" if n_bad == 0 else "discrepancy",
        "zh": (
            f"表6支持正文所述的方向（{y0}–{y1} 年，{len(t6)} 个年份，反向的年度变化 {n_bad} 处）：边数由 {int(f.total_edges_count):,} 增至 "
            f"{int(l.total_edges_count):,}（{mult:.1f} 倍），平均度 {f.average_degree:.3f}→{l.average_degree:.3f}，"
            f"平均聚类系数 {f.average_clustering_coefficient:.3f}→{l.average_clustering_coefficient:.3f}，网络直径 {int(f.network_diameter)}→{int(l.network_diameter)}，"
            f"平均路径长度 {f.average_path_length:.3f}→{l.average_path_length:.3f}。"
        ),
        "en": (
            f"Table 6 supports the directions the text states ({y0}–{y1}, {len(t6)} years, {n_bad} year-on-year moves "
            f"against them): edges {int(f.total_edges_count):,} → {int(l.total_edges_count):,} "
            f"({mult:.1f} times), average degree {f.average_degree:.3f} → "
            f"{l.average_degree:.3f}, clustering {f.average_clustering_coefficient:.3f} → {l.average_clustering_coefficient:.3f}, "
            f"diameter {int(f.network_diameter)} → {int(l.network_diameter)}, path length {f.average_path_length:.3f} → "
            f"{l.average_path_length:.3f}."
        ),
    }


def _platform_clustering_finding(t5: pd.DataFrame, t6: pd.DataFrame, net: pd.DataFrame) -> dict[str, str]:
    """'Small clustering' yet 'more clustered': Table 5 against a random graph and Table 2 of the same year."""
    r5 = t5.iloc[0]
    last = t6.sort_values("year").iloc[-1]
    sw = small_world(t5.assign(year=int(last.year)))
    vn_row = net[net["year"] == int(last.year)]
    cmp_zh = cmp_en = ""
    if len(vn_row):
        v = vn_row.iloc[0]
        cmp_zh = (
            f"同年企业簇群价值网络（表2）的平均聚类系数为 {v.average_clustering_coefficient:.3f}、平均路径长度为 "
            f"{v.average_path_length:.3f}，平台网络聚类更高、路径更短；"
        )
        cmp_en = (
            f"The enterprise-cluster value network of the same year (Table 2) has clustering "
            f"{v.average_clustering_coefficient:.3f} and path length {v.average_path_length:.3f}: the platform network is "
            f"more clustered with shorter paths. "
        )
    return {
        "kind": "note",
        "zh": (
            f"正文称平台网络“平均聚类系数较小”又“簇群结构特征更加明显”。两者并不矛盾，但需要参照：{r5.average_clustering_coefficient:.3f} "
            f"的绝对值不大，却是同规模随机图期望值（{sw['c_random'].iloc[0]:.6f}）的约 {sw['c_ratio'].iloc[0]:.0f} 倍；"
            + cmp_zh
            + f"模块化 {r5.modularity:.3f} 高于常用的 0.3 经验门槛，社区结构明显。"
        ),
        "en": (
            f"The text calls the platform network's clustering 'small' and its cluster structure 'more pronounced'. "
            f"Both hold once a yardstick is given: {r5.average_clustering_coefficient:.3f} is small in absolute terms but "
            f"about {sw['c_ratio'].iloc[0]:.0f} times the expectation for a random graph of the same size "
            f"({sw['c_random'].iloc[0]:.6f}). " + cmp_en + f"Modularity {r5.modularity:.3f} is above the usual 0.3 "
            f"rule of thumb for clear community structure."
        ),
    }


def _platform_geography_finding(
    rep: pd.DataFrame, significance: float, place_en: Callable[[str], str]
) -> dict[str, str]:
    """The platforms' regional shares against the firms': representation ratios and Fisher's exact test."""
    both = rep[rep["listed_in"] == "both"]
    sig = both[both["fisher_p"] < significance]
    lo = both.loc[both["ratio"].idxmin()]
    hi = both.loc[both["ratio"].idxmax()]
    p_min, p_min_region = both["fisher_p"].min(), both.loc[both["fisher_p"].idxmin(), "region"]
    return {
        "kind": "note",
        "zh": (
            f"平台的地域分布与骨干企业大体一致：两者都列出的 {len(both)} 个（层级×地区）中，代表性比值介于 {lo.ratio:.2f}（{lo.region}）与 "
            f"{hi.ratio:.2f}（{hi.region}）之间；按“从骨干企业中随机挑选平台”的假设作 Fisher 精确检验，p < {significance:g} 的有 {len(sig)} 个"
            f"（最小 p = {p_min:.3f}，{p_min_region}）。"
        ),
        "en": (
            f"The platforms are spread much like the backbone firms: over the {len(both)} (level × region) pairs both "
            f"lists give, the representation ratio runs from {lo.ratio:.2f} ({place_en(lo.region)}) to {hi.ratio:.2f} "
            f"({place_en(hi.region)}); under random selection of platforms from the firms, Fisher's exact test gives p < "
            f"{significance:g} for {len(sig)} of them (smallest p = {p_min:.3f}, "
            f"{place_en(p_min_region)})."
        ),
    }


def _power_law_findings(pts: pd.DataFrame) -> list[dict[str, str]]:
    """The out-degree power-law statement against the published concentration points, and what they lack."""
    fit = fit_top_share(pts["p"], pts["s"])
    loc = local_exponents(pts["p"], pts["s"])
    mm = minimax_power_law(pts["p"], pts["s"])
    n_about = int((pts["rel_tol"] >= APPROX_REL).sum()) if "rel_tol" in pts else 0
    widen = tolerance_multiplier(pts["p"], pts["s"], pts["rel_tol"]) if "rel_tol" in pts else float("nan")
    fits = widen <= 1
    tol = f"±{100 * pts['rel_tol'].max():.0f}%"
    max_err = 100 * mm["max_rel_error"]
    out = [
        {
            "kind": "note",
            "zh": (
                f"“节点的连出度呈现幂律分布特征”：{len(pts)} 个点所含的帕累托指数 α（= 度分布密度指数 γ − 1）为 {fit.alpha:.2f}（γ = {fit.gamma:.2f}）；"
                f"相邻两点之间的局部 α 为 "
                + "、".join(f"{a:.2f}" for a in loc["alpha"])
                + f"，任何一条幂律经过全部点的最大相对误差至少为 {max_err:.1f}%。把带“约”的数放宽到 {tol}（审计对“约”的读法）、其余按印刷舍入，"
                + (
                    "存在一条幂律在这些容差内通过全部点。"
                    if fits
                    else f"也没有一条幂律能同时通过全部点（容差须放宽到 {widen:.2f} 倍）：这些点并不落在同一条幂律上。"
                )
                + f"仅凭 {len(pts)} 个点也无法检验幂律本身。"
            ),
            "en": (
                f"'Out-degree follows a power law': the {len(pts)} points imply a Pareto index α (= the pdf exponent γ − 1) of "
                f"{fit.alpha:.2f} (γ = {fit.gamma:.2f}); the local α between neighbouring points is "
                + " and ".join(f"{a:.2f}" for a in loc["alpha"])
                + f", and no single power law passes all of them with a largest relative error below {max_err:.1f}%. "
                f"Reading the 'about' values as {tol} (the audit's reading of 约) and the others as exact to their printed rounding, "
                + (
                    "one power law passes all of them within those tolerances. "
                    if fits
                    else f"still no power law passes all of them (the tolerances would have to be {widen:.2f} times wider): the points do not lie on one power law. "
                )
                + f"{len(pts)} points cannot test a power law as such."
            ),
        },
        {
            "kind": "limitation",
            "zh": (
                f"连出度集中度的 {len(pts)} 个点（其中 {n_about} 个带“约”）未注明对应哪一年的网络；图14（网络图）没有数字，图15（连出度分布图）只能借正文给出的点近似画出。"
            ),
            "en": (
                f"The {len(pts)} concentration points ({n_about} of them 'about') do not say which year's network they describe; "
                "Figure 14 (the network drawing) carries no numbers and Figure 15 (the out-degree distribution) can only "
                "be approximated through the points in the text."
            ),
        },
    ]
    return out
