"""Charts of the innovation-resources section (report 001, section 七): a resource's redrawn bar figure with the
other unit annotated, the dumbbell of resource against firm shares, and the programme counts against the
university sample."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.transforms import blended_transform_factory

from ai_industry.present import charts
from ai_industry.present.fonts import setup_matplotlib


def resource_bars(
    frame: pd.DataFrame, bar_labels: Sequence[str], remainder_label: str, xlabel: str, digits: int = 2
) -> plt.Figure:
    """charts.share_bars of a `bar_frame` (value in the report's unit), each value label followed by its
    annotation (the implied count or the share); the remainder bar grey and hatched."""
    listed = frame[~frame["remainder"]]
    rest = frame.loc[frame["remainder"], "value"]
    fig = charts.share_bars(
        list(bar_labels),
        list(listed["value"]),
        float(rest.iloc[0]) if len(rest) else None,
        remainder_label,
        xlabel,
        digits=digits,
    )
    ax = fig.axes[0]
    for txt, extra in zip(ax.texts, frame["annotation"]):
        txt.set_text(f"{txt.get_text()}  {extra}")
    ax.set_xlim(0, float(frame["value"].max()) * 1.35)
    return fig


def gap_dumbbell(
    row_labels: Sequence[str],
    resource_share: Sequence[float],
    firm_share: Sequence[float],
    series: Sequence[str],
    firm_label: str,
    xlabel: str,
    gap_unit: str = "pp",
) -> plt.Figure:
    """A dumbbell per row: the firm share (dark dot) and the resource share (dot coloured by `series`) in
    percent, joined by a line (teal where the resource share is larger, orange where the firms' is); the gap
    (percentage points) and the ratio are written at the right."""
    setup_matplotlib()
    names = list(dict.fromkeys(series))
    pal = dict(zip(names, sns.color_palette("colorblind", n_colors=max(len(names), 3))))
    n = len(row_labels)
    fig, ax = plt.subplots(figsize=(8.2, 0.38 * n + 1.6))
    right = blended_transform_factory(ax.transAxes, ax.transData)
    for i, (r, f, s) in enumerate(zip(resource_share, firm_share, series)):
        ax.plot([f, r], [i, i], color="#2a9d8f" if r >= f else "#e76f51", linewidth=2.2, zorder=1)
        ax.scatter([f], [i], color="#3d3d3d", s=36, zorder=2)
        ax.scatter([r], [i], color=pal[s], s=46, zorder=3, edgecolor="white", linewidth=0.6)
        ax.text(1.01, i, f"{r - f:+.2f} {gap_unit}  ×{r / f:.2f}", transform=right, va="center", fontsize=8)
    for i in range(1, n):
        if series[i] != series[i - 1]:
            ax.axhline(i - 0.5, color="#d0d7de", linewidth=0.8)
    ax.set_yticks(range(n), list(row_labels))
    ax.set_ylim(n - 0.5, -0.5)
    ax.set_xlim(0, max(max(resource_share), max(firm_share)) * 1.08)
    ax.set_xlabel(xlabel)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color="#3d3d3d", label=firm_label)]
    handles += [plt.Line2D([], [], marker="o", linestyle="", color=pal[s], label=s) for s in names]
    ax.legend(
        handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(handles), fontsize=8, frameon=False
    )
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


def programme_bars(
    bar_labels: Sequence[str], counts: Sequence[int], sample_label: str, sample: int, floor_label: str, xlabel: str
) -> plt.Figure:
    """The programme counts (institutions) and the sample as bars (the sample highlighted), with a dashed line
    at the largest programme count — the least the union of the programmes can be."""
    fig = charts.share_bars(
        list(bar_labels) + [sample_label], [float(c) for c in counts] + [float(sample)], None, "", xlabel, digits=0
    )
    ax = fig.axes[0]
    ax.patches[-1].set_facecolor("#e76f51")
    floor = max(counts)
    ax.axvline(floor, color="#9a3412", linestyle="--", linewidth=1)
    ax.text(floor, -0.6, f" {floor_label}", color="#9a3412", fontsize=8, va="bottom", ha="right")
    ax.set_ylim(len(counts) + 0.5, -1.1)
    return fig
