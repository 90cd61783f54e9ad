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


def test_flow_map_draws_each_flow_with_a_width_proportional_to_its_share():
    from matplotlib.patches import FancyArrowPatch

    points = {"北京市": (116.4, 39.9), "广东省": (113.3, 23.1), "上海市": (121.5, 31.2)}
    flows = [
        ("北京市", "北京市", 10.0),
        ("广东省", "北京市", 6.0),
        ("北京市", "广东省", 3.0),
        ("上海市", "北京市", 0.0),
    ]
    assert maps.flow_widths([10.0, 6.0, 3.0], max_width=8.0) == [8.0, 4.8, 2.4]
    fig = maps.flow_map(flows, points, names={"北京市": "Beijing"}, legend_label="share (%)")
    ax = fig.axes[0]
    arrows = sorted(p.get_linewidth() for p in ax.patches if isinstance(p, FancyArrowPatch))
    assert arrows == [2.4, 4.8]  # the zero flow is not drawn; widths follow the shares
    rings = [c for c in ax.collections if c.get_offsets().shape[0] == 1 and c.get_facecolor().size == 0]
    assert len(rings) == 1 and rings[0].get_linewidths()[0] == 8.0  # the flow within Beijing, on the same scale
    labels = {t.get_text() for t in ax.texts}
    assert {"Beijing", "广东省", "上海市"} <= labels
    assert [t.get_text() for t in ax.get_legend().get_texts()][:3] == ["10.00", "5.00", "1.00"]
    plt.close(fig)


def test_flow_map_refuses_a_place_without_a_point():
    import pytest

    with pytest.raises(KeyError, match="火星市"):
        maps.flow_map([("北京市", "火星市", 1.0)], {"北京市": (116.4, 39.9)})
