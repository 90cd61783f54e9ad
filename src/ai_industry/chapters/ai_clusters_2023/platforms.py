"""The section "平台及其主导的产业创新生态" (seed 001, 五(二)(3)) assembled from `value_network`: the values the
notebook's sentences format (computed once here, in result objects) and the figures and tables it shows
(`show_*`, each taking the open `Chapter`). Inputs are named by their short names in config/sections.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ai_industry.catalog import terms
from ai_industry.chapters.ai_clusters_2023 import value_network as vn
from ai_industry.methods import distributions as dist
from ai_industry.present import charts

PD, ED, T5, T6, T2, OC = (
    "platform_distribution",
    "enterprise_distribution",
    "platform_value_network_stats",
    "platform_value_network_by_year",
    "value_network_by_year",
    "outdegree_concentration",
)
FIG_NUMBERS = {"metro_region": 11, "province": 12, "city": 13}  # the report's Figures 11–13, by level
# the directions the text states for Table 6's statistics
CLAIMED = {
    "average_clustering_coefficient": "up",
    "average_degree": "up",
    "average_path_length": "down",
    "network_diameter": "down",
}


# ---- inputs -------------------------------------------------------------------------------------------------
@dataclass
class Platforms:
    plat: pd.DataFrame  # platform shares by level and region
    firms: pd.DataFrame  # backbone-enterprise shares by level and region
    t5: pd.DataFrame  # Table 5
    t6: pd.DataFrame  # Table 6, by year
    net: pd.DataFrame  # Table 2 (the enterprise-cluster value network), by year
    oc: pd.DataFrame  # out-degree concentration points
    n_plat: int
    n_firms: int
    rep: pd.DataFrame  # representation ratios with Fisher's exact test

    @property
    def r5(self) -> pd.Series:
        return self.t5.iloc[0]


def load(ch) -> Platforms:
    """The section's inputs; Table 5's sample nodes are the platforms, the enterprise table's base the firms."""
    plat, firms, t5, oc = ch.load(PD), ch.load(ED), ch.load(T5), ch.load(OC)
    t6, net = (ch.load(d).sort_values("year").reset_index(drop=True) for d in (T6, T2))
    n_plat, n_firms = int(t5.sample_nodes_count.iloc[0]), int(firms.base_count.iloc[0])
    return Platforms(
        plat=plat,
        firms=firms,
        t5=t5,
        t6=t6,
        net=net,
        oc=oc,
        n_plat=n_plat,
        n_firms=n_firms,
        rep=vn.representation(plat, firms, n_plat, n_firms),
    )


# ---- where the platforms are ----------------------------------------------------------------------------------
def metro_summary(d: Platforms) -> dict[str, Any]:
    """The metro regions the platforms are listed in: regions, shares, their sum and the unlisted remainder."""
    metro = dist.level_shares(d.plat, "metro_region")
    return {
        "regions": list(metro.region),
        "shares": list(metro.share_pct),
        "total": metro.share_pct.sum(),
        "remainder": dist.remainder(metro),
    }


def show_distribution_figures(ch, d: Platforms) -> None:
    """Figures 11–13 redrawn: the platforms by metro region, province and city, the unlisted remainder apart."""
    for level, no in FIG_NUMBERS.items():
        zh, en = terms.group("ac23_platform_fig_level")[level]
        frame = dist.level_shares(d.plat, level)
        fig = charts.share_bars(
            ch.places(frame.region), frame.share_pct, dist.remainder(frame), ch.t("others"), ch.t("share_pct")
        )
        ch.figure(
            fig,
            f"fig{no:02d}_platforms_{level}",
            [PD],
            title=ch.pick(
                f"图{no}（重绘）{d.n_plat}家平台企业的{zh}分布",
                f"Figure {no} (redrawn): the {d.n_plat} platform enterprises by {en}",
            ),
            note=ch.pick(
                "灰色斜线条为报告未列出的其余部分，其内部构成未知。",
                "The grey hatched bar is the part the report does not list; how it splits is unknown.",
            ),
        )


# ---- platforms against all backbone enterprises ---------------------------------------------------------------
def representation_summary(d: Platforms, significance: float) -> dict[str, Any]:
    """The platforms' share of the enterprises, the share one platform is, how many listed shares follow from a
    whole count, and the range and significance of the ratios over the (level × region) pairs both lists give."""
    ic = vn.implied_counts(d.plat.share_pct, d.n_plat)
    both = d.rep[d.rep.listed_in == "both"]
    return {
        "platform_pct": 100 * d.n_plat / d.n_firms,
        "unit_pct": 100 / d.n_plat,
        "n_whole": int(ic.consistent.sum()),
        "n_shares": len(ic),
        "n_both": len(both),
        "ratio_min": both.ratio.min(),
        "ratio_max": both.ratio.max(),
        "n_significant": int((both.fisher_p < significance).sum()),
    }


def level_labels(lang: str) -> dict[str, str]:
    """Level -> its heading in the representation figure and table."""
    return {k: (zh if lang == "zh" else en) for k, (zh, en) in terms.group("ac23_platform_level").items()}


def show_representation(ch, d: Platforms) -> None:
    """The platforms against the enterprises by region: the figure and the table of ratios and Fisher's p."""
    LEVEL, rep, n_plat, n_firms = level_labels(ch.lang), d.rep, d.n_plat, d.n_firms
    ch.figure(
        vn.representation_figure(rep, ch.place, LEVEL, ch.lang),
        "platforms_vs_enterprises",
        [PD, ED],
        title=ch.pick(
            f"{n_plat}家平台企业与{n_firms:,}家骨干企业的地域分布对照",
            f"The {n_plat} platforms against the {n_firms:,} backbone enterprises by region",
        ),
        note=ch.pick(
            "右侧“×”为代表性比值（平台占比 ÷ 骨干企业占比）；“≤”为只有一方列出的地区在另一方的占比上限（即其未列出部分）。浅色斜线条为未列出部分，其内部构成未知。",
            "'×' on the right: representation ratio (platform share ÷ enterprise share); '≤': upper bound of a region listed by one side only (the other side's unlisted remainder). Faded hatched bars: the unlisted remainder, whose split is unknown.",
        ),
    )
    shown = rep.assign(
        level_label=rep.level.map(LEVEL),
        region_label=[ch.t("others") if r == "others" else ch.place(r) for r in rep.region],
    )
    ch.table(
        shown,
        "platforms_vs_enterprises",
        [PD, ED],
        title=ch.pick("代表性比值与 Fisher 精确检验", "Representation ratio and Fisher's exact test"),
        columns={
            "level_label": ch.pick("层级", "Level"),
            "region_label": ch.pick("地区", "Region"),
            "sub_share_pct": ch.pick("平台%", "Platf. %"),
            "sub_count": ch.pick("平台数", "Platf."),
            "whole_share_pct": ch.pick("企业%", "Firms %"),
            "whole_count": ch.pick("企业数", "Firms"),
            "expected_sub": ch.pick("期望", "Exp."),
            "ratio": ch.pick("比值", "Ratio"),
            "fisher_p": "p",
            "bound_pct": ch.pick("上限%", "Bound %"),
        },
        formats={
            "sub_share_pct": "{:.2f}",
            "whole_share_pct": "{:.2f}",
            "sub_count": "{:.0f}",
            "whole_count": "{:.0f}",
            "expected_sub": "{:.1f}",
            "ratio": "{:.2f}",
            "fisher_p": "{:.3f}",
            "bound_pct": "{:.2f}",
        },
        note=ch.pick(
            "平台、企业分别指平台企业和骨干企业；家数由占比乘以总数取整；期望 = 企业数 × 平台总数 ÷ 企业总数；比值 = 平台% ÷ 企业%；p 为 Fisher 精确检验（双侧）；上限为只有一方列出的地区在另一方的占比上限。“其他”行为未列出部分，只有两方列出同一组地区时才给出比值。",
            "Platf. = platform enterprises, firms = backbone enterprises; counts = share × total, rounded; Exp. = firms × all platforms ÷ all firms; ratio = platf. % ÷ firms %; p: Fisher's exact test, two-sided; bound: upper bound of a region listed by one side only. 'Others' is the unlisted remainder; its ratio is given only where both sides list the same regions.",
        ),
    )


def show_nesting(ch, d: Platforms) -> dict[str, Any]:
    """The nesting check table (a region's share ≥ the listed regions inside it); returns how many hold, of how
    many, and Guangdong's row for the platforms at city level (None if absent)."""
    nest = vn.nesting_table(
        {ch.pick("平台", "platforms"): (d.plat, d.n_plat), ch.pick("骨干企业", "enterprises"): (d.firms, d.n_firms)},
        vn.reference_regions(),
        ch.place,
        sep=ch.pick("、", ", "),
    )
    ch.table(
        nest,
        "platforms_nesting",
        [PD, ED],
        title=ch.pick(
            "嵌套关系复核：上级地区占比 ≥ 所列下级地区之和",
            "Nesting checked: a region's share ≥ the sum of the listed regions inside it",
        ),
        columns={
            "who": ch.pick("分布", "Distribution"),
            "outer_label": ch.pick("上级地区", "Outer region"),
            "inner_label": ch.pick("所列下级地区", "Listed regions inside"),
            "outer_pct": ch.pick("上级%", "Outer %"),
            "inner_pct": ch.pick("下级合计%", "Inside %"),
            "residual_pct": ch.pick("差%", "Residual %"),
            "residual_count": ch.pick("差（家）", "Residual (count)"),
            "consistent": ch.pick("一致", "Consistent"),
        },
        formats={"outer_pct": "{:.2f}", "inner_pct": "{:.2f}", "residual_pct": "{:.2f}", "residual_count": "{:.0f}"},
        note=ch.pick(
            "层级关系取自参考表 regions.csv：京津冀、长三角包含各自的整省（市），珠三角只是广东省的九个城市。",
            "Hierarchy from the reference table regions.csv: Beijing-Tianjin-Hebei and the Yangtze River Delta contain whole provinces; the Pearl River Delta is nine cities of Guangdong.",
        ),
    )
    gd = nest[(nest.who == nest.who.iloc[0]) & (nest.outer == "广东省") & (nest.inner_level == "city")]
    return {"n_consistent": int(nest.consistent.sum()), "n": len(nest), "guangdong": gd.iloc[0] if len(gd) else None}


# ---- the platform value network -------------------------------------------------------------------------------
def show_network_tables(ch, d: Platforms) -> None:
    """Tables 5 and 6 as printed and Table 6's statistics by year."""
    lang, t6 = ch.lang, d.t6
    ch.table(
        vn.stats_long(d.t5, lang),
        "table05_platform_network",
        [T5],
        title=ch.pick(
            "表5 价值网络的结构性统计指标（原表，转置）",
            "Table 5: structural statistics of the platform value network (as printed, transposed)",
        ),
        columns={"label": ch.pick("指标", "Measure"), "printed": ch.pick("数值", "Value")},
    )
    ch.table(
        t6,
        "table06_platform_network_by_year",
        [T6],
        title=ch.pick(
            "表6 2015—2021年价值网络结构性统计指标的变化情况（原表）",
            "Table 6: structural statistics of the platform value network, 2015–2021 (as printed)",
        ),
        columns=vn.stat_columns(t6, lang),
        formats=vn.stat_formats(t6),
    )
    ch.figure(
        vn.network_trends_figure(t6, lang, claimed=CLAIMED),
        "table06_platform_network_by_year",
        [T6],
        title=ch.pick("表6的指标逐年变化", "Table 6's statistics by year"),
        note=ch.pick(
            "报告只给出奇数年份。与正文所述方向相反的变化会以红色标出（此处没有）。",
            "The report gives odd years only. Moves against the direction the text states would be drawn in red (there are none).",
        ),
    )


def show_side_by_side(ch, d: Platforms) -> dict[str, Any]:
    """The last year of Table 6 beside the same year of Table 2 (shown as a table); returns the year range, the
    platform network's nodes and edges as percent of the value network's, and its clustering against a random
    graph in the first and last year (times)."""
    t6, lang = d.t6, ch.lang
    last = int(t6.year.max())
    sbs = vn.side_by_side(
        t6,
        d.net,
        last,
        [
            "total_nodes_count",
            "total_edges_count",
            "average_degree",
            "network_diameter",
            "average_path_length",
            "average_clustering_coefficient",
        ],
    )
    sbs = sbs.assign(label=[vn.stat_name(m, lang) for m in sbs.measure])
    ch.table(
        sbs,
        "platform_vs_value_network",
        [T6, T2],
        title=ch.pick(
            f"{last}年：平台价值网络（表6）与企业簇群价值网络（表2）",
            f"{last}: the platform network (Table 6) and the enterprise-cluster value network (Table 2)",
        ),
        columns={
            "label": ch.pick("指标", "Measure"),
            "a": ch.pick("平台网络", "Platform network"),
            "b": ch.pick("企业簇群网络", "Value network"),
            "a_over_b": ch.pick("前者÷后者", "Ratio"),
        },
        formats={"a": "{:,.3f}", "b": "{:,.3f}", "a_over_b": "{:.3f}"},
        note=ch.pick(
            "两张网络的关系口径不同：企业簇群网络含技术合作、人力资本和投融资关系，平台网络只含技术合作关系，比值仅作参考。",
            "The two networks count different relations: the value network technology cooperation, human capital and investment, the platform network technology cooperation only; the ratios are indicative.",
        ),
    )
    sw6 = vn.small_world(t6)
    return {
        "first": int(t6.year.min()),
        "last": last,
        "nodes_pct": 100 * sbs.a_over_b[0],
        "edges_pct": 100 * sbs.a_over_b[1],
        "c_ratio_first": sw6.c_ratio.iloc[0],
        "c_ratio_last": sw6.c_ratio.iloc[-1],
    }


@dataclass
class Densification:
    fit6: Any  # Table 6, all years
    fit2: Any  # Table 2, all years
    fit2s: Any  # Table 2, Table 6's years
    se6: float  # the half-width of fit6's interval in standard errors
    se2: float  # the same for fit2
    overlap: bool  # whether fit2s's interval overlaps fit6's


def densification(d: Platforms, conf: float) -> Densification:
    """The densification fits (OLS of ln E on ln N) of the platform and the value network."""
    fit6 = vn.densification(d.t6.total_nodes_count, d.t6.total_edges_count, conf=conf)
    fit2 = vn.densification(d.net.total_nodes_count, d.net.total_edges_count, conf=conf)
    same = d.net[d.net.year.isin(d.t6.year)]
    fit2s = vn.densification(same.total_nodes_count, same.total_edges_count, conf=conf)
    return Densification(
        fit6,
        fit2,
        fit2s,
        fit6.ci_half_width / fit6.se,
        fit2.ci_half_width / fit2.se,
        bool(fit2s.ci_low <= fit6.ci_high and fit6.ci_low <= fit2s.ci_high),
    )


def show_densification_table(ch, dn: Densification, conf: float) -> None:
    fits = {
        ch.pick("平台网络（表6）", "platform network (Table 6)"): dn.fit6,
        ch.pick("企业簇群网络（表2，全部年份）", "value network (Table 2, all years)"): dn.fit2,
        ch.pick("企业簇群网络（表2，与表6同年份）", "value network (Table 2, Table 6's years)"): dn.fit2s,
    }
    ch.table(
        vn.fit_table(fits),
        "platform_densification_fit",
        [T6, T2],
        title=ch.pick("致密化指数（OLS，ln E 对 ln N）", "Densification exponents (OLS of ln E on ln N)"),
        columns={
            "fit": ch.pick("网络", "Network"),
            "exponent": ch.pick("指数", "Exponent"),
            "ci_low": ch.pick(f"{conf:.0%} 下限", f"{conf:.0%} low"),
            "ci_high": ch.pick(f"{conf:.0%} 上限", f"{conf:.0%} high"),
            "ci_half_width": ch.pick("半宽", "Half-width"),
            "r2": "R²",
            "n": "n",
            "df_resid": ch.pick("残差自由度", "Resid. df"),
        },
        formats={
            "exponent": "{:.3f}",
            "ci_low": "{:.3f}",
            "ci_high": "{:.3f}",
            "ci_half_width": "{:.3f}",
            "r2": "{:.5f}",
        },
    )


def show_densification_figure(ch, d: Platforms, dn: Densification, conf: float) -> None:
    lang = ch.lang
    ch.figure(
        vn.densification_figure(
            [(vn.label("platform_network", lang), d.t6, dn.fit6), (vn.label("value_network", lang), d.net, dn.fit2)],
            lang,
        ),
        "platform_densification",
        [T6, T2],
        title=ch.pick(
            "致密化：平台网络与企业簇群网络（双对数坐标）",
            "Densification: platform network and value network (log–log)",
        ),
        note=ch.pick(
            f"实线为 OLS 拟合，阴影为拟合均值的 {conf:.0%} 置信带（点几乎落在直线上，置信带窄得难以看见）；点线斜率为 1（平均度不变）。",
            f"Solid lines: OLS fits; shaded: {conf:.0%} confidence bands of the fitted mean (the points lie almost on the lines, so the bands are barely visible); dotted: slope 1 (constant average degree).",
        ),
    )


# ---- out-degree concentration and the power law ---------------------------------------------------------------
@dataclass
class PowerLaw:
    pts: pd.DataFrame  # the points: p (top fraction of nodes), s (their share of out-degree), rel_tol
    fit: Any  # OLS with intercept
    fit0: Any  # OLS through S(1) = 1
    loc: pd.DataFrame  # local exponents between neighbouring points
    p_pct: list[float]  # the points' p and s in percent
    s_pct: list[float]
    local_pct: list[tuple[float, float, float]]  # (from %, to %, α) per neighbouring pair
    n_about: int  # how many of the values carry 约
    max_err_pct: float  # least largest relative error of one power law through all points (%)
    max_err0_pct: float  # the same through S(1) = 1
    tol_pct: float  # the widest tolerance of an 'about' value (%)
    widen: float  # how much the tolerances must widen for one power law to pass all points
    top_thinner: bool  # the very top less concentrated than the lower points extrapolate to
    gini_low: float  # Gini lower bound from straight lines through the points
    pareto_gini: float  # Gini of the Pareto law with the fitted α


def power_law(d: Platforms, conf: float) -> PowerLaw:
    """What the out-degree concentration points imply under a Pareto tail."""
    pts = vn.top_share_points(d.oc)
    fit = vn.fit_top_share(pts.p, pts.s, conf=conf)
    loc = vn.local_exponents(pts.p, pts.s)
    mm, mm0 = vn.minimax_power_law(pts.p, pts.s), vn.minimax_power_law(pts.p, pts.s, through_origin=True)
    return PowerLaw(
        pts=pts,
        fit=fit,
        fit0=vn.fit_top_share(pts.p, pts.s, conf=conf, through_origin=True),
        loc=loc,
        p_pct=[100 * p for p in pts.p],
        s_pct=[100 * x for x in pts.s],
        local_pct=[(100 * r.p_from, 100 * r.p_to, r.alpha) for r in loc.itertuples()],
        n_about=int(d.oc.qualifier.fillna("").ne("").sum()),
        max_err_pct=100 * mm["max_rel_error"],
        max_err0_pct=100 * mm0["max_rel_error"],
        tol_pct=100 * pts.rel_tol.max(),
        widen=vn.tolerance_multiplier(pts.p, pts.s, pts.rel_tol),
        top_thinner=bool(loc.alpha.iloc[-1] > loc.alpha.iloc[0]),
        gini_low=vn.gini_lower_bound(pts.p, pts.s),
        pareto_gini=vn.pareto_gini(fit.alpha),
    )


def show_concentration(ch, d: Platforms, pl: PowerLaw) -> None:
    """The top-node table in Table 5's network and Figure 15 approximated from the points."""
    pts, r5 = pl.pts, d.r5
    cnt = vn.top_group_counts(pts.p, pts.s, int(r5.total_nodes_count), int(r5.total_edges_count))
    quals = d.oc.set_index("top_nodes_pct").loc[pts.p * 100, "qualifier"].fillna("")
    ch.table(
        cnt.assign(qualifier=[ch.pick(q, "about") if q else "" for q in quals]),
        "outdegree_concentration",
        [OC, T5],
        title=ch.pick(
            "连出度排名前列节点承担的技术赋能比重，及其在表5网络中的含义",
            "Share of out-degree held by the top nodes, and what it means in Table 5's network",
        ),
        columns={
            "p": ch.pick("前列节点比例", "Top nodes"),
            "qualifier": ch.pick("限定词", "Qualifier"),
            "s": ch.pick("连出度占比", "Share of out-degree"),
            "top_nodes": ch.pick("节点数", "Nodes"),
            "top_out_edges": ch.pick("连出边数", "Out-edges"),
            "top_mean_out": ch.pick("平均连出度", "Mean out-degree"),
            "rest_mean_out": ch.pick("其余节点平均连出度", "Others' mean out-degree"),
        },
        formats={
            "p": "{:.1%}",
            "s": "{:.1%}",
            "top_nodes": "{:,.0f}",
            "top_out_edges": "{:,.0f}",
            "top_mean_out": "{:,.1f}",
            "rest_mean_out": "{:.2f}",
        },
        note=ch.pick(
            f"假定这 {len(pts)} 个点描述表5的网络（{int(r5.total_nodes_count):,} 个节点、{int(r5.total_edges_count):,} 条边，每条边是一条连出边）；报告未注明。",
            f"Assumes the {len(pts)} points describe Table 5's network ({int(r5.total_nodes_count):,} nodes, {int(r5.total_edges_count):,} edges, each edge one out-edge); the report does not say.",
        ),
    )
    ch.figure(
        vn.top_share_figure(pts, pl.fit, pl.fit0, ch.lang),
        "fig15_outdegree_concentration",
        [OC],
        title=ch.pick(
            f"图15（按正文给出的 {len(pts)} 个点近似）连出度集中度：洛伦兹式曲线与帕累托拟合",
            f"Figure 15 (approximated from the {len(pts)} points in the text): out-degree concentration, Lorenz-style curve and Pareto fits",
        ),
        note=ch.pick(
            "真实曲线是凹的，位于虚折线之上；橙线只在这些点的范围内拟合和绘制。",
            "The true curve is concave and lies on or above the dashed straight lines; the orange fit is fitted and drawn over the points' range only.",
        ),
    )


def show_power_law_table(ch, pl: PowerLaw, conf: float) -> None:
    ft = vn.top_share_table(
        {
            ch.pick("OLS，含截距（尾部幂律）", "OLS with intercept (tail law)"): pl.fit,
            ch.pick("OLS，过 S(1)=1（全体帕累托）", "OLS through S(1)=1 (Pareto overall)"): pl.fit0,
        },
        pl.loc,
    )
    ch.table(
        ft,
        "outdegree_power_law_fit",
        [OC],
        title=ch.pick("正文给出的点所隐含的幂律指数", "The power-law exponent the points in the text imply"),
        columns={
            "fit": ch.pick("拟合", "Fit"),
            "beta": "β",
            "alpha": "α",
            "alpha_low": ch.pick("α 下限", "α low"),
            "alpha_high": ch.pick("α 上限", "α high"),
            "gamma": "γ",
            "r2": "R²",
            "df_resid": ch.pick("自由度", "df"),
        },
        formats={c: "{:.3f}" for c in ("beta", "alpha", "alpha_low", "alpha_high", "gamma", "r2")}
        | {"df_resid": "{:.0f}"},
        note=ch.pick(
            f"β 为 ln S 对 ln p 的斜率，α = 1/(1 − β)，γ = α + 1；α 的 {conf:.0%} 置信区间由 β 的区间换算（β 的区间若超出 (0, 1)，先截在边界上：S(p) 必须随 p 上升且不超过 1）；自由度为残差自由度。带箭头的行为相邻两点之间的局部指数。",
            f"β: slope of ln S on ln p; α = 1/(1 − β); γ = α + 1; α's {conf:.0%} interval converted from β's (cut at the boundary where β's interval leaves (0, 1): S(p) must rise with p and stay ≤ 1); df: residual degrees of freedom. Rows with an arrow: local exponents between neighbouring points.",
        ),
    )


# ---- findings -------------------------------------------------------------------------------------------------
def findings(ch, d: Platforms, pl: PowerLaw, significance: float) -> list[dict[str, str]]:
    """The report-vs-data findings of the section (value_network.platform_findings)."""
    return vn.platform_findings(
        d.t5,
        d.t6,
        d.net,
        d.rep,
        pl.pts,
        significance=significance,
        place_en=lambda r: ch.place(r) if ch.lang == "en" else r,
    )
