"""Charts of the competitiveness-index section: rank intervals, Sobol indices, coherence heat map."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ai_industry.present.fonts import setup_matplotlib


def rank_intervals_chart(
    iv: pd.DataFrame, unit_labels: Sequence[str], published: Sequence[float], legend: Sequence[str]
) -> plt.Figure:
    """One row per unit (in `iv`'s order, columns nominal, median, p05, p95): the 5-95 % rank interval as a bar,
    the median rank, the nominal rank and the published rank (NaN: not published). `legend`: labels of the
    interval, median, nominal and published markers."""
    setup_matplotlib()
    n = len(iv)
    y = np.arange(n)
    fig, ax = plt.subplots(figsize=(7.2, 0.3 * n + 1.4))
    pal = sns.color_palette("crest", 4)
    ax.hlines(y, iv["p05"], iv["p95"], color=pal[0], lw=5, alpha=0.55, label=legend[0], zorder=1)
    ax.scatter(iv["median"], y, color=pal[3], s=22, zorder=3, label=legend[1])
    ax.scatter(iv["nominal"], y, marker="D", facecolor="white", edgecolor=pal[3], s=26, zorder=4, label=legend[2])
    pub = np.asarray(published, dtype=float)
    ok = ~np.isnan(pub)
    ax.scatter(pub[ok], y[ok], marker="x", color="#c0392b", s=30, zorder=5, label=legend[3])
    ax.set_yticks(y, unit_labels, fontsize=9)
    ax.set_ylim(n - 0.4, -0.6)
    top = int(np.nanmax([iv["p95"].max(), np.nanmax(pub) if ok.any() else 1]))
    ax.set_xlim(0.3, top + 0.7)
    ax.set_xticks([1, *range(5, top + 1, 5)])
    ax.xaxis.tick_top()
    ax.grid(axis="x", color="#e3e6ea", lw=0.8)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=4, frameon=False, fontsize=8)
    sns.despine(ax=ax, left=True, bottom=True)
    fig.tight_layout()
    return fig


def sobol_chart(sobol: pd.DataFrame, factor_labels: Sequence[str], legend: Sequence[str]) -> plt.Figure:
    """First-order and total Sobol indices per factor as paired horizontal bars with their 95 % intervals."""
    setup_matplotlib()
    n = len(sobol)
    y = np.arange(n)
    fig, ax = plt.subplots(figsize=(7.0, 0.55 * n + 1.2))
    pal = sns.color_palette("crest", 3)
    ax.barh(y - 0.18, sobol["S1"], 0.36, xerr=sobol["S1_conf"], color=pal[0], label=legend[0], ecolor="#666666")
    ax.barh(y + 0.18, sobol["ST"], 0.36, xerr=sobol["ST_conf"], color=pal[2], label=legend[1], ecolor="#666666")
    ax.set_yticks(y, factor_labels)
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, max(1.0, float((sobol["ST"] + sobol["ST_conf"]).max()) + 0.05))
    ax.axvline(0, color="#555555", lw=0.8)
    ax.legend(loc="lower right", frameon=False, fontsize=8)
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


def coherence_heatmap(
    corr: pd.DataFrame, row_labels: Sequence[str], col_labels: Sequence[str], n_first: int
) -> plt.Figure:
    """Correlations (rows indicators then dimensions, columns dimensions then the index), annotated, on a
    diverging scale from -1 to 1; a rule under the first `n_first` rows (the indicators)."""
    setup_matplotlib()
    vals = corr.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(1.1 * vals.shape[1] + 2.6, 0.36 * vals.shape[0] + 1.3))
    sns.heatmap(
        vals,
        ax=ax,
        cmap="vlag",
        vmin=-1,
        vmax=1,
        annot=True,
        fmt=".2f",
        annot_kws={"fontsize": 8},
        linewidths=0.6,
        linecolor="white",
        cbar_kws={"shrink": 0.7},
        xticklabels=list(col_labels),
        yticklabels=list(row_labels),
    )
    ax.axhline(n_first, color="#333333", lw=1.2)
    ax.tick_params(length=0)
    plt.setp(ax.get_xticklabels(), rotation=30, ha="right")
    fig.tight_layout()
    return fig
