import pandas as pd
import pytest

from ai_industry.chapters.china_ai_industry_2022 import policy_pilot_zones as tl
from ai_industry.paths import published_dir


def _policies():
    return pd.DataFrame(
        {
            "year": [2015, 2015, 2017, 2018, 2018],
            "month": [5, 7, None, 3, None],
            "order": [1, 2, 1, 1, 2],
            "policy": [
                "中国制造2025",
                "X",
                "2017年政府工作报告",
                "2018年政府工作报告",
                "国家新一代人工智能创新发展试验区建设工作指引",
            ],
            "seed_line": [285] * 5,
        }
    )


def test_policies_by_year_fills_empty_years():
    out = tl.policies_by_year(_policies())
    assert out.year.tolist() == [2015, 2016, 2017, 2018]
    assert out["count"].tolist() == [2, 0, 1, 2]


def test_decimal_date_mid_month_and_mid_year():
    assert tl.decimal_date(2015, 5) == pytest.approx(2015 + 4.5 / 12)  # 2015.375
    assert tl.decimal_date(2015, 12) == pytest.approx(2015 + 11.5 / 12)
    assert tl.decimal_date(2017, None) == 2017.5
    assert tl.decimal_date(2017, float("nan")) == 2017.5


def test_policy_rows_order_labels_and_translation():
    rows = tl.policy_rows(_policies(), "en")
    assert rows.title.iloc[0] == "Made in China 2025"
    assert rows.title.iloc[1] == "X"  # no translation: the title itself
    assert rows.month_known.tolist() == [True, True, False, True, False]
    assert rows.date_label.tolist() == ["2015-05", "2015-07", "2017", "2018-03", "2018"]
    assert tl.policy_rows(_policies(), "zh").date_label.iloc[0] == "2015年5月"


def test_every_policy_of_the_seed_has_an_english_title():
    pol = pd.read_csv(published_dir() / "china-ai-industry-2022" / "policy_timeline.csv")
    assert set(pol.policy) <= set(tl.POLICY_EN)


def _zones():
    return pd.DataFrame(
        {
            "seq": [1, 2, 3, 4],
            "zone": ["北京国家新一代人工智能创新发展试验区", "a", "b", "c"],
            "approval_date": ["2019-02-20", "2019-10-17", "2019-10-17", "2020-09-03"],
            "region": ["北京", "天津", "德清县", "广州"],
            "seed_line": [373, 375, 379, 384],
        }
    )


def test_zones_by_date_counts_and_running_total():
    b = tl.zones_by_date(_zones(), "en")
    assert b["count"].tolist() == [1, 2, 1]
    assert b.cumulative.tolist() == [1, 3, 4]
    assert b.regions.iloc[1] == "Tianjin, Deqing County"
    assert tl.zones_by_date(_zones(), "zh").regions.iloc[1] == "天津、德清县"


def test_place_and_zone_names():
    assert tl.place_name("济南-青岛", "en") == "Jinan-Qingdao"
    assert tl.place_name("德清县", "en") == "Deqing County"
    assert tl.place_name("德清县", "zh") == "德清县"
    assert tl.zone_name("北京国家新一代人工智能创新发展试验区", "北京", "en").startswith(
        "Beijing National New Generation AI"
    )


def test_city_points_lookup_pairs_counties_and_datum():
    pts = tl.city_points(["北京", "济南-青岛", "德清县"])
    assert pts.part.tolist() == ["北京", "济南", "青岛", "德清县"]
    assert pts.adcode.tolist() == ["110100", "370100", "370200", "330500"]
    assert pts.drawn_at.tolist() == ["", "", "", "湖州"]
    # GCJ-02 -> WGS-84 moves Beijing's reference point (116.407394, 39.904211) by a few hundred metres
    bj = pts.iloc[0]
    assert abs(bj.lon - 116.407394) < 0.01 and abs(bj.lat - 39.904211) < 0.01
    assert (bj.lon, bj.lat) != (116.407394, 39.904211)
    with pytest.raises(KeyError, match="火星"):
        tl.city_points(["火星"])


def test_findings_count_reports_batches_and_zones_before_the_guideline():
    areas = pd.DataFrame(
        {
            "batch": [1, 1, 1, 2, 2, 2, 2, 2],
            "year": [2019] * 3 + [2021] * 5,
            "area": ["上海", "深圳", "济南-青岛", "北京", "天津", "杭州", "广州", "成都"],
        }
    )
    pol = _policies().assign(month=[5, 7, None, 3, 9])
    f = tl.policy_zone_findings(pol, _zones(), areas, 3, 8)
    assert "2017、2018" in f[0]["zh"] and "(2)" in f[0]["en"]
    assert f[1]["kind"] == "reproduced" and "3" in f[1]["en"] and "5" in f[1]["en"]
    assert f[2]["kind"] == "note" and "深圳" in f[2]["zh"]  # Shanghai called first, but batch one had three
    # guideline dated 2018-09 in this toy frame: no zone approved before it
    assert "0 were approved before" in f[3]["en"]
    wrong = tl.policy_zone_findings(pol, _zones(), areas, 3, 9)
    assert wrong[1]["kind"] == "discrepancy"


def test_charts_build():
    import matplotlib.pyplot as plt

    rows = tl.policy_rows(_policies(), "zh")
    fig = tl.policy_timeline_chart(rows, {"xlabel": "年", "month_known": "a", "month_unknown": "b"})
    assert len(fig.axes[0].get_yticklabels()) == 5
    plt.close(fig)
    fig = tl.zone_timeline_chart(tl.zones_by_date(_zones(), "zh"), {"xlabel": "x", "date_fmt": "%Y", "total": "{n}"})
    plt.close(fig)
    fig = tl.count_bars(tl.policies_by_year(_policies()), "year", "count", "x", "y")
    plt.close(fig)


def test_point_map_labels_do_not_overlap():
    import matplotlib.pyplot as plt

    pts = tl.city_points(["北京", "天津", "上海", "苏州", "杭州", "德清县"])
    pts["cat"] = [1, 1, 2, 2, 2, 1]
    pts["label"] = pts.part
    fig = tl.point_map(pts, "cat", [1, 2], zoom=tl.YRD_ZOOM)
    renderer = fig.canvas.get_renderer()
    axes = [a for ax in fig.axes for a in [ax, *ax.child_axes]]
    texts = [t for ax in axes for t in ax.texts if t.get_text() in set(pts.part)]
    assert sorted(t.get_text() for t in texts) == sorted(pts.part)
    boxes = [t.get_window_extent(renderer) for t in texts]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (texts[i].get_text(), texts[j].get_text())
    plt.close(fig)
