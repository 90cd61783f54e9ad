"""Chart builders of the value-network chapters (matplotlib Figures; saving and source lines are
`Chapter`'s job). Split from `value_network` along its banners.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from ai_industry.chapters.ai_clusters_2023.network_labels import label, node_label
from ai_industry.chapters.ai_clusters_2023.network_tables import against_direction, degree_roles
from ai_industry.chapters.ai_clusters_2023.top_share import TopShareFit, top_share_polygon
from ai_industry.methods.fits import LogLogFit, loglog_band

# ================================================================================================
# Charts
# ================================================================================================

_BLUE, _ORANGE, _GREY, _RED = "#2f6f9f", "#e07b39", "#9aa3ab", "#c0392b"


def _plain_log_ticks(axis) -> None:
    """Plain numbers (1,000 rather than 10³) on a log axis, minor ticks labelled at 2× and 5× only."""
    from matplotlib.ticker import FuncFormatter

    def fmt(v, _pos, minor=False):
        if v <= 0:
            return ""
        lead = round(v / 10 ** math.floor(math.log10(v) + 1e-9))
        if minor and lead not in (2, 5):
            return ""
        return f"{v:,.0f}" if v >= 1 else f"{v:g}"

    axis.set_major_formatter(FuncFormatter(fmt))
    axis.set_minor_formatter(FuncFormatter(lambda v, p: fmt(v, p, minor=True)))


def _nodes_panel(ax, df: pd.DataFrame, yrs: np.ndarray, lang: str) -> None:
    """The nodes panel of `network_trends_figure`: stacked sample / relation bars where given, else the total."""
    import matplotlib.pyplot as plt

    if {"sample_nodes_count", "relation_nodes_count"} <= set(df.columns):
        ax.bar(yrs, df["sample_nodes_count"], color=_BLUE, label=label("sample_nodes", lang))
        ax.bar(
            yrs,
            df["relation_nodes_count"],
            bottom=df["sample_nodes_count"],
            color="#9cc3e0",
            label=label("relation_nodes", lang),
        )
        ax.legend(fontsize=8, frameon=False)
    else:
        ax.bar(yrs, df["total_nodes_count"], color=_BLUE, width=1.2)
    ax.set_title(label("total_nodes", lang), fontsize=10)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))


def _trend_panel(ax, yrs: np.ndarray, values: pd.Series, col: str, key: str, claimed: Mapping[str, str], lang: str):
    """One statistic's panel of `network_trends_figure`: its line by year, the steps against its claimed
    direction in red."""
    import matplotlib.pyplot as plt

    ax.plot(yrs, values, marker="o", color=_BLUE, lw=1.6, ms=4)
    if col in claimed:
        for r in against_direction(yrs, values.to_numpy(), claimed[col]).itertuples():
            ax.plot(
                [r.year_from, r.year_to],
                [r.value_from, r.value_to],
                color=_RED,
                lw=2.6,
                marker="o",
                ms=5,
                label=label("against", lang),
            )
        h, lab = ax.get_legend_handles_labels()
        if h:
            ax.legend(h[:1], lab[:1], fontsize=7, frameon=False, loc="best")
    ax.set_title(label(key, lang), fontsize=10)
    if col == "total_edges_count":
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    if col == "network_diameter":
        ax.yaxis.set_major_locator(plt.MaxNLocator(integer=True))


def network_trends_figure(df: pd.DataFrame, lang: str = "zh", claimed: Mapping[str, str] | None = None):
    """Small multiples by year of a Gephi statistics table: nodes (stacked sample / relation bars where given),
    edges, average degree, diameter, average path length and clustering. Steps that move against a
    `claimed` direction (column -> 'up' | 'down') are drawn in red."""
    import matplotlib.pyplot as plt

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    claimed = dict(claimed or {})
    yrs = df["year"].to_numpy()
    fig, axes = plt.subplots(2, 3, figsize=(10.5, 6.2))
    _nodes_panel(axes[0, 0], df, yrs, lang)
    panels = [
        ("total_edges_count", "edges"),
        ("average_degree", "average_degree"),
        ("network_diameter", "diameter"),
        ("average_path_length", "path_length"),
        ("average_clustering_coefficient", "clustering"),
    ]
    for ax, (col, key) in zip(axes.flat[1:], panels):
        _trend_panel(ax, yrs, df[col], col, key, claimed, lang)
    for ax in axes.flat:
        ax.set_xticks(yrs)
        ax.tick_params(axis="x", labelrotation=90, labelsize=8)
        ax.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    return fig


def densification_figure(series: Sequence[tuple[str, pd.DataFrame, LogLogFit]], lang: str = "zh"):
    """Edges against nodes on log–log axes for one or more networks (label, table with year / total nodes /
    total edges, its densification fit), each with its fitted line, the band of the fitted mean, a slope-1
    reference line through the first point, and the years written next to the points."""
    import matplotlib.pyplot as plt

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    colors = [_BLUE, _ORANGE, "#4c9a2a"]
    fig, ax = plt.subplots(figsize=(7.5, 5.2))
    for i, (name, df, fit) in enumerate(series):
        c = colors[i % len(colors)]
        n, e = df["total_nodes_count"].to_numpy(float), df["total_edges_count"].to_numpy(float)
        xs = np.geomspace(n.min() * 0.9, n.max() * 1.1, 60)
        band = loglog_band(fit, n, xs, e)
        ax.fill_between(band["x"], band["low"], band["high"], color=c, alpha=0.15, lw=0)
        ax.plot(
            band["x"],
            band["fit"],
            color=c,
            lw=1.5,
            label=f"{name}: α = {fit.slope:.3f} [{fit.ci_low:.3f}, {fit.ci_high:.3f}], R² = {fit.r2:.5f}, n = {fit.n}",
        )
        ax.scatter(n, e, color=c, s=28, zorder=3)
        ax.plot(xs, e[0] * xs / n[0], color=c, lw=1, ls=":", alpha=0.9)
        for yr, xx, yy in zip(df["year"], n, e):
            ax.annotate(str(yr), (xx, yy), textcoords="offset points", xytext=(4, -10), fontsize=7, color=c)
    ax.plot([], [], color="#555555", ls=":", lw=1, label=label("slope_one", lang))
    ax.fill_between([], [], [], color="#555555", alpha=0.15, label=label("band", lang, conf=series[0][2].conf))
    ax.set_xscale("log")
    ax.set_yscale("log")
    _plain_log_ticks(ax.xaxis)
    _plain_log_ticks(ax.yaxis)
    ax.set_xlabel(label("total_nodes", lang) + " N")
    ax.set_ylabel(label("edges", lang) + " E")
    ax.legend(fontsize=7.5, frameon=False, loc="upper left")
    fig.tight_layout()
    return fig


def small_world_figure(sw: pd.DataFrame, lang: str = "zh"):
    """Two panels by year: printed clustering against the random-graph expectation (log scale, with the range
    the printed rounding allows), and printed path length against the random-graph approximation."""
    import matplotlib.pyplot as plt

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 3.9))
    yrs = sw["year"].to_numpy()
    half = (sw["c_ratio_high"] - sw["c_ratio_low"]) / 2 * sw["c_random"]
    a1.errorbar(yrs, sw["c"], yerr=half, color=_BLUE, marker="o", ms=4, capsize=2, label=label("c_observed", lang))
    a1.plot(yrs, sw["c_random"], color=_GREY, marker="s", ms=4, ls="--", label=label("c_random", lang))
    a1.set_yscale("log")
    a1.set_title(label("clustering", lang), fontsize=10)
    a1.legend(fontsize=7.5, frameon=False)
    a2.plot(yrs, sw["l"], color=_BLUE, marker="o", ms=4, label=label("l_observed", lang))
    a2.plot(yrs, sw["l_random"], color=_GREY, marker="s", ms=4, ls="--", label=label("l_random", lang))
    a2.set_title(label("path_length", lang), fontsize=10)
    a2.legend(fontsize=7.5, frameon=False)
    for a in (a1, a2):
        a.set_xticks(yrs)
        a.tick_params(axis="x", labelrotation=90, labelsize=8)
    fig.tight_layout()
    return fig


def degree_bars(df: pd.DataFrame, lang: str = "zh", top_n: int | None = None):
    """Diverging bars of a degree table in printed order: in-degree to the left, out-degree to the right
    (enablers' out-bars dark, receivers' light), the out/in ratio written at the right."""
    import matplotlib.pyplot as plt

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    d = degree_roles(df).sort_values("position").head(top_n or len(df))
    names = [node_label(n, lang) for n in d["node"]]
    y = np.arange(len(d))
    fig, ax = plt.subplots(figsize=(8.2, 0.34 * len(d) + 1.4))
    ax.barh(y, -d["in_degree"], color=_GREY, label=label("in_degree", lang))
    col = [_BLUE if r == "enabler" else ("#9cc3e0" if r == "receiver" else _GREY) for r in d["role"]]
    ax.barh(y, d["out_degree"], color=col, label=label("out_degree", lang))
    ax.set_yticks(y, names, fontsize=8.5)
    ax.invert_yaxis()
    span = float(max(d["in_degree"].max(), d["out_degree"].max()))
    ax.set_xlim(-span * 1.05, span * 1.32)
    for yi, (o, r) in enumerate(zip(d["out_degree"], d["out_in_ratio"])):
        ax.text(o + span * 0.02, yi, "∞" if np.isinf(r) else f"×{r:.2f}", va="center", fontsize=7.5)
    ax.axvline(0, color="#333333", lw=0.8)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{abs(v):,.0f}"))
    ax.set_xlabel(
        label("in_left_out_right", lang) + "　（" + label("ratio_note", lang) + "）"
        if lang == "zh"
        else label("in_left_out_right", lang) + " (" + label("ratio_note", lang) + ")",
        fontsize=9,
    )
    from matplotlib.patches import Patch

    ax.legend(
        handles=[
            Patch(color=_GREY, label=label("in_degree", lang)),
            Patch(color=_BLUE, label=label("enabler", lang)),
            Patch(color="#9cc3e0", label=label("receiver", lang)),
        ],
        fontsize=7.5,
        frameon=False,
        loc="lower right",
    )
    fig.tight_layout()
    return fig


def representation_figure(
    rep: pd.DataFrame, place: Callable[[str], str], level_titles: Mapping[str, str], lang: str = "zh"
):
    """One panel per level: horizontal paired bars of subset (platform) and whole (firm) shares for the listed
    regions, the 'others' remainder faded and hatched, and the representation ratio written at the right."""
    import matplotlib.pyplot as plt

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    levels = list(dict.fromkeys(rep["level"]))
    heights = [len(rep[rep["level"] == lv]) for lv in levels]
    fig, axes = plt.subplots(
        len(levels), 1, figsize=(7.8, 0.52 * sum(heights) + 1.6), gridspec_kw={"height_ratios": heights}, squeeze=False
    )
    xmax = float(np.nanmax(rep[["sub_share_pct", "whole_share_pct"]].to_numpy())) * 1.3
    for ax, lv in zip(axes[:, 0], levels):
        d = rep[rep["level"] == lv].reset_index(drop=True)
        y = np.arange(len(d))
        rem = d["listed_in"].eq("remainder").to_numpy()
        for j, (col, colr, off) in enumerate([("sub_share_pct", _ORANGE, -0.2), ("whole_share_pct", _BLUE, 0.2)]):
            vals = d[col].fillna(0).to_numpy()
            bars = ax.barh(
                y + off, vals, height=0.38, color=colr, label=label("platforms" if j == 0 else "firms", lang)
            )
            for b, r, v, raw in zip(bars, rem, vals, d[col]):
                if r:  # the unlisted remainder: same colour, faded and hatched
                    b.set_alpha(0.4)
                    b.set_hatch("//")
                    b.set_edgecolor("#555555")
                ax.text(
                    v + xmax * 0.01,
                    b.get_y() + b.get_height() / 2,
                    f"{v:.2f}" if pd.notna(raw) else label("not_listed", lang),
                    va="center",
                    fontsize=7,
                )
        for yi, r in enumerate(d.itertuples()):
            if r.listed_in in ("whole", "sub"):
                ax.text(xmax * 0.99, yi, f"≤ {r.bound_pct:.2f}", ha="right", va="center", fontsize=7.5, color=_ORANGE)
            elif pd.notna(r.ratio):
                ax.text(xmax * 0.99, yi, f"×{r.ratio:.2f}", ha="right", va="center", fontsize=8)
        ax.set_yticks(y, [label("others", lang) if r else place(n) for n, r in zip(d["region"], rem)], fontsize=8.5)
        ax.invert_yaxis()
        ax.set_xlim(0, xmax)
        ax.set_title(level_titles.get(lv, lv), fontsize=10, loc="left")
    h, lab = axes[0, 0].get_legend_handles_labels()
    fig.legend(h[:2], lab[:2], fontsize=8.5, frameon=False, loc="upper center", ncol=2)
    axes[-1, 0].set_xlabel(label("share_pct", lang))
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.35 / fig.get_figheight()))
    return fig


def _top_share_panel(
    ax, grid: np.ndarray, log_axes: bool, pts: pd.DataFrame, poly: pd.DataFrame, fit: TopShareFit, fit0, lang: str
) -> None:
    """One panel of `top_share_figure` (linear or log–log axes): the straight-line lower bound, the fitted Pareto
    curve(s), perfect equality and the published points, annotated."""
    ax.plot(poly["p"] * 100, poly["s"] * 100, color=_GREY, ls="--", lw=1.2, label=label("polygon", lang))
    tail = grid[grid <= pts["p"].max()]  # the tail law is fitted on, and drawn over, the points' range only
    ax.plot(
        tail * 100,
        fit.prefactor * tail**fit.beta * 100,
        color=_ORANGE,
        lw=1.8,
        label=label("pareto_fit", lang, a=fit.alpha),
    )
    if fit0 is not None:
        ax.plot(
            grid * 100,
            grid**fit0.beta * 100,
            color="#4c9a2a",
            lw=1.2,
            ls="-.",
            label=label("pareto_origin", lang, a=fit0.alpha),
        )
    ax.plot(
        [0.01 if log_axes else 0, 100],
        [0.01 if log_axes else 0, 100],
        color="#333333",
        lw=0.8,
        ls=":",
        label=label("equality", lang),
    )
    ax.scatter(pts["p"] * 100, pts["s"] * 100, color=_BLUE, s=36, zorder=4, label=label("published_points", lang))
    for p, s in zip(pts["p"], pts["s"]):
        ax.annotate(
            f"{p * 100:g}% → {s * 100:.1f}%",
            (p * 100, s * 100),
            textcoords="offset points",
            xytext=(6, -12),
            fontsize=7.5,
            color=_BLUE,
        )
    ax.set_xlabel(label("top_nodes", lang), fontsize=9)
    ax.set_ylabel(label("out_share", lang), fontsize=9)


def top_share_figure(pts: pd.DataFrame, fit: TopShareFit, fit0: TopShareFit | None = None, lang: str = "zh"):
    """The out-degree concentration drawn through the published points: (left) a Lorenz-style top-share curve on
    linear axes with the straight-line lower bound, the fitted Pareto curve(s) and perfect equality; (right) the
    same on log–log axes, where a power law is a straight line."""
    import matplotlib.pyplot as plt

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    poly = top_share_polygon(pts["p"], pts["s"])
    grid_lin = np.linspace(1e-4, 1, 400)
    grid_log = np.geomspace(pts["p"].min() / 3, 1, 200)
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(10.5, 5.0))
    for ax, grid in ((a1, grid_lin), (a2, grid_log)):
        _top_share_panel(ax, grid, ax is a2, pts, poly, fit, fit0, lang)
    a1.set_xlim(0, 100)
    a1.set_ylim(0, 102)
    a1.set_title(label("linear_axes", lang), fontsize=10)
    a2.set_xscale("log")
    a2.set_yscale("log")
    a2.set_xlim(pts["p"].min() * 100 / 3, 100)
    a2.set_ylim(max(1.0, float(pts["s"].min()) * 100 / 2), 110)
    _plain_log_ticks(a2.xaxis)
    _plain_log_ticks(a2.yaxis)
    a2.set_title(label("log_axes", lang), fontsize=10)
    a1.legend(fontsize=7.5, frameon=False, loc="lower right")
    fig.tight_layout()
    return fig
