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


def test_anchor_points_lie_inside_their_region():
    from shapely.geometry import Point, Polygon

    pts = maps.anchor_points(["广东省", "北京市"])
    for name, (x, y) in pts.items():
        rings = maps.provinces()[name]
        assert any(Polygon(r).buffer(0).contains(Point(x, y)) for r in rings), name
    city = maps.anchor_points(["深圳市"], "city")["深圳市"]
    assert 113.7 < city[0] < 114.7 and 22.4 < city[1] < 22.9
    import pytest

    with pytest.raises(KeyError, match="广东"):
        maps.anchor_points(["广东"])


def test_flow_width_is_linear_in_the_share():
    assert maps.flow_width(10, 10) == 6.0 and maps.flow_width(0, 10) == 0.6
    assert maps.flow_width(5, 10) == 0.6 + 5.4 * 0.5


def test_flow_map_draws_arrows_circles_and_the_missing():
    from matplotlib.patches import FancyArrowPatch

    flows = [("北京市", "北京市", 10.0), ("北京市", "广东省", 6.0), ("广东省", "北京市", 3.0)]
    pts = maps.anchor_points(["北京市", "广东省"])
    fig = maps.flow_map(
        flows,
        pts,
        {"北京市": "Beijing"},
        "share (%)",
        "local",
        filled={"北京市": "listed", "广东省": "listed"},
        missing_label="not published",
    )
    ax = fig.axes[0]
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    assert sorted(round(a.get_linewidth(), 3) for a in arrows) == [
        round(maps.flow_width(3, 10), 3),
        round(maps.flow_width(6, 10), 3),
    ]
    assert {t.get_text() for t in ax.texts} == {"Beijing", "广东省"}
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[-3:] == ["local", "listed", "not published"]
    plt.close(fig)
    import pytest

    with pytest.raises(KeyError, match="上海市"):
        maps.flow_map([("北京市", "上海市", 1.0)], pts, {}, "", "")
