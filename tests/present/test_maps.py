"""The province map: values of regions too small to hold their label (Beijing, Tianjin, Shanghai, Hong Kong,
Macao) are drawn beside the region with a leader line, the others at the region's centre."""

from __future__ import annotations

import matplotlib.pyplot as plt

from ai_industry.present import maps


def test_small_regions_get_leader_lines_and_large_ones_do_not():
    values = {"北京市": 28.09, "上海市": 12.0, "广东省": 10.0}
    fig = maps.province_choropleth(values, "share (%)", "no data")
    ax = fig.axes[0]
    labels = {a.get_text(): a for a in ax.texts}
    for text in ("28.09", "12.00"):
        a = labels[text]
        assert a.arrow_patch is not None and a.xyann != a.xy  # moved out, joined by a line
    assert labels["10.00"].arrow_patch is None  # Guangdong holds its own label
    plt.close(fig)


def test_small_region_threshold_matches_the_municipalities():
    shapes = maps.provinces()
    small = {n for n, rings in shapes.items() if sum(maps._area(r) for r in rings) < maps.SMALL_AREA}
    assert {"北京市", "天津市", "上海市"} <= small and "广东省" not in small and "海南省" not in small
