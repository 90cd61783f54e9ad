"""Chart builders (seaborn/matplotlib with the CJK font). Each returns a matplotlib Figure; saving and the
source line are `report.Chapter.figure`'s job."""

from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns

from ai_industry.present.fonts import setup_matplotlib

PALETTE = "crest"
REMAINDER_COLOR = "#c8ccd1"


def share_bars(
    labels: list[str], shares: list[float], remainder: float | None, remainder_label: str, xlabel: str, digits: int = 2
) -> plt.Figure:
    """Horizontal bars of shares (percent) in the given order, plus a grey hatched bar for the part the
    source does not report (when `remainder` is given and positive), each labelled with its value."""
    setup_matplotlib()
    names = list(labels)
    vals = [float(v) for v in shares]
    colors = sns.color_palette(PALETTE, n_colors=max(len(vals), 1))[::-1]
    if remainder is not None and remainder > 1e-9:
        names.append(remainder_label)
        vals.append(float(remainder))
        colors = list(colors) + [REMAINDER_COLOR]
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(vals) + 1.2))
    bars = ax.barh(range(len(vals)), vals, color=colors)
    if remainder is not None and remainder > 1e-9:
        bars[-1].set_hatch("//")
        bars[-1].set_edgecolor("#8c959f")
    ax.set_yticks(range(len(vals)), names)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, max(vals) * 1.15 if vals else 1)
    for i, v in enumerate(vals):
        ax.text(v, i, f" {v:,.{digits}f}", va="center", fontsize=9)
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig
