"""Chart builders (seaborn/matplotlib with the CJK font). Each returns a matplotlib Figure; saving and the
source line are `report.Chapter.figure`'s job."""

from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns

from ai_industry.present.fonts import setup_matplotlib

PALETTE = "crest"
REMAINDER_COLOR = "#c8ccd1"


def share_bars(
    labels: list[str],
    shares: list[float],
    remainder: float | None,
    remainder_label: str,
    xlabel: str,
    digits: int = 2,
    remainder_names: str | None = None,
    other_source: list[bool] | None = None,
    other_source_label: str = "",
) -> plt.Figure:
    """Horizontal bars of shares (percent) in the given order, plus a grey hatched bar for the part the
    source does not report (when `remainder` is given and positive), each labelled with its value.
    `remainder_names` (text) is written under the remainder bar: the names the source gives without a share.
    `other_source` marks bars whose value comes from another place of the source (drawn pale with a dashed
    edge and named in a legend by `other_source_label`)."""
    setup_matplotlib()
    names = list(labels)
    vals = [float(v) for v in shares]
    colors = sns.color_palette(PALETTE, n_colors=max(len(vals), 1))[::-1]
    has_rest = remainder is not None and remainder > 1e-9
    if has_rest:
        names.append(remainder_label)
        vals.append(float(remainder))
        colors = list(colors) + [REMAINDER_COLOR]
    note_lines = remainder_names.count("\n") + 1 if (remainder_names and has_rest) else 0
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(vals) + 1.2 + 0.17 * note_lines))
    bars = ax.barh(range(len(vals)), vals, color=colors)
    if has_rest:
        bars[-1].set_hatch("//")
        bars[-1].set_edgecolor("#8c959f")
    for i, other in enumerate(other_source or []):
        if other:
            bars[i].set_alpha(0.45)
            bars[i].set_edgecolor("#264653")
            bars[i].set_linestyle("--")
    ax.set_yticks(range(len(vals)), names)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_xlim(0, max(vals) * 1.15 if vals else 1)
    for i, v in enumerate(vals):
        ax.text(v, i, f" {v:,.{digits}f}", va="center", fontsize=9)
    if note_lines:
        ax.set_ylim(len(vals) - 0.5 + 0.42 * note_lines + 0.2, -0.5)
        ax.text(0, len(vals) - 0.47, remainder_names, va="top", ha="left", fontsize=7.5, color="#37474f")
    if other_source and any(other_source):
        from matplotlib.patches import Patch

        ax.legend(
            handles=[Patch(facecolor="#c8ccd1", edgecolor="#264653", linestyle="--", label=other_source_label)],
            loc="center right",
            fontsize=8,
            frameon=False,
        )
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig
