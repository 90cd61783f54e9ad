"""The platforms section's result objects, from the published data (seed 001, 五(二)(3))."""

import pytest

from ai_industry.chapters.ai_clusters_2023 import platforms as pf
from ai_industry.present.chapter import Chapter


@pytest.fixture(scope="module")
def data():
    return pf.load(Chapter("ai-clusters-2023/platforms", lang="en"))


def test_load_takes_the_platforms_from_table_5_and_the_firms_from_the_enterprise_table(data):
    assert (data.n_plat, data.n_firms) == (200, 2200)
    assert list(data.t6.year) == sorted(data.t6.year)


def test_metro_summary(data):
    m = pf.metro_summary(data)
    assert m["regions"] == ["京津冀", "长江三角洲", "珠江三角洲"]
    assert m["total"] == pytest.approx(87.0) and m["remainder"] == pytest.approx(13.0)


def test_representation_summary(data):
    r = pf.representation_summary(data, 0.05)
    assert r["platform_pct"] == pytest.approx(100 * 200 / 2200)
    assert r["unit_pct"] == pytest.approx(0.5)
    assert (r["n_whole"], r["n_shares"], r["n_both"], r["n_significant"]) == (13, 13, 13, 0)
    assert r["ratio_min"] == pytest.approx(0.5102, abs=1e-4) and r["ratio_max"] == pytest.approx(1.1570, abs=1e-4)


def test_densification(data):
    dn = pf.densification(data, 0.95)
    assert dn.fit6.n == 4 and dn.fit6.slope == pytest.approx(1.223, abs=1e-3)
    assert dn.se6 == pytest.approx(4.3027, abs=1e-4)  # t(0.975, 2 df)
    assert dn.fit2s.slope == pytest.approx(1.2757, abs=1e-4) and dn.overlap


def test_power_law(data):
    pl = pf.power_law(data, 0.95)
    assert pl.p_pct == pytest.approx([10.0, 1.0, 0.1]) and pl.s_pct == pytest.approx([72.6, 54.2, 31.5])
    assert [round(a, 3) for _, _, a in pl.local_pct] == [1.145, 1.308]
    assert pl.n_about == 2 and pl.tol_pct == pytest.approx(5.0)
    assert pl.widen == pytest.approx(1.709, abs=1e-3) and pl.top_thinner
    assert pl.gini_low == pytest.approx(0.6755, abs=1e-4)


def test_level_labels_come_from_the_terms_file():
    assert pf.level_labels("en") == {"metro_region": "Metro regions", "province": "Provinces", "city": "Cities"}
    assert pf.level_labels("zh")["province"] == "省份"
