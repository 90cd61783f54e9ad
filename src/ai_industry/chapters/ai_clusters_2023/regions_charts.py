"""Charts of the technology flows between regions (seed 001, 六(一)): net balances (enabling − input) with the
interval a one-list region's other share allows, and the heatmap of a from→to flow matrix with unlisted cells
shown as unknown."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

ROLE_COLORS = {"net exporter": "#2a9d8f", "net importer": "#e76f51", "undetermined": "#8c959f"}


def net_balance_chart(
    nb: pd.DataFrame, labels: list[str], xlabel: str, role_labels: Mapping[str, str], one_list_labels: Mapping[str, str]
):
    """Horizontal bars of net = enabling − input (pp) for regions in both lists, coloured by role; for regions
    in one list only, no bar: a pale band (coloured by role, grey if undetermined) over the interval the other
    list's cut-off allows, labelled with the list it is in."""
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.patches import Patch

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.5, 0.3 * len(nb) + 1.3))
    lo_all, hi_all = min(float(nb["net_low"].min()), 0.0), max(float(nb["net_high"].max()), 0.0)
    rng = max(hi_all - lo_all, 1e-9)
    for i, r in enumerate(nb.to_dict("records")):
        if r["listed_in"] == "both":
            x = r["net_pp"]
            ax.barh(i, x, color=ROLE_COLORS[r["role"]], height=0.7)
            ax.text(
                x + (0.01 if x >= 0 else -0.01) * rng,
                i,
                f"{x:+.2f}",
                va="center",
                ha="left" if x >= 0 else "right",
                fontsize=8,
            )
        else:
            ax.barh(
                i,
                r["net_high"] - r["net_low"],
                left=r["net_low"],
                height=0.45,
                color=ROLE_COLORS[r["role"]],
                alpha=0.35,
                hatch="///",
                edgecolor="#8c959f",
                lw=0,
            )
            ax.text(
                max(r["net_high"], 0) + 0.015 * rng,
                i,
                one_list_labels[r["listed_in"]],
                va="center",
                ha="left",
                fontsize=7.5,
                color="#555555",
                style="italic",
            )
    ax.axvline(0, color="#333333", lw=0.8)
    ax.set_yticks(range(len(nb)), labels)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_xlim(lo_all - 0.14 * rng, hi_all + 0.12 * rng)
    handles = [Patch(color=ROLE_COLORS[k], label=v) for k, v in role_labels.items() if k in ROLE_COLORS]
    ax.legend(handles=handles, loc="center right", fontsize=8, frameon=False)
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


def flow_heatmap(
    mat: pd.DataFrame,
    row_labels: list[str],
    col_labels: list[str],
    xlabel: str,
    ylabel: str,
    cbar_label: str,
    blank_label: str,
    diagonal_label: str,
):
    """Seaborn heatmap of a from→to matrix (percent) with each listed cell annotated; unlisted cells blank on a
    hatched grey ground (unknown, below the list's cut-off); the diagonal (flows within a region) outlined."""
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib.patches import Patch, Rectangle

    from ai_industry.present.fonts import setup_matplotlib

    setup_matplotlib()
    n_r, n_c = mat.shape
    fig, ax = plt.subplots(figsize=(max(0.95 * n_c + 3.0, 7.0), max(0.7 * n_r + 2.2, 4.6)))
    ax.add_patch(Rectangle((0, 0), n_c, n_r, facecolor="#f3f4f6", edgecolor="#c8ccd1", hatch="///", lw=0, zorder=0))
    sns.heatmap(
        mat,
        mask=mat.isna(),
        annot=True,
        fmt=".2f",
        cmap="crest",
        linewidths=1.0,
        linecolor="white",
        cbar_kws={"label": cbar_label, "shrink": 0.8},
        ax=ax,
        annot_kws={"fontsize": 9},
    )
    for k, name in enumerate(mat.index):
        if name in mat.columns:
            j = list(mat.columns).index(name)
            ax.add_patch(Rectangle((j, k), 1, 1, fill=False, edgecolor="#264653", lw=1.8))
    ax.set_xticks(np.arange(n_c) + 0.5, col_labels, rotation=35, ha="right")
    ax.set_yticks(np.arange(n_r) + 0.5, row_labels, rotation=0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(False)
    handles = [
        Patch(facecolor="#f3f4f6", edgecolor="#8c959f", hatch="///", label=blank_label),
        Patch(facecolor="none", edgecolor="#264653", lw=1.8, label=diagonal_label),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, frameon=False, bbox_to_anchor=(0.5, -0.01))
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig
