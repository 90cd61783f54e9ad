import numpy as np
import pandas as pd
import pytest

from ai_industry.methods import distributions as dist
from ai_industry.methods import stats


def test_top_n_share_and_hhi_hand_worked():
    shares = [40.0, 30.0, 20.0, 10.0]
    assert stats.top_n_share(shares, 2) == 70.0
    assert stats.hhi(shares) == 1600 + 900 + 400 + 100
    with pytest.raises(ValueError):
        stats.top_n_share(shares, 5)


def test_hhi_bounds_with_unreported_remainder():
    # known 50 and 20; remainder 30 -> at most one unit of 20 and one of 10: 2500+400 + 400+100
    assert stats.hhi_bounds([50.0, 20.0]) == (2900.0, 3400.0)
    assert stats.hhi_bounds([60.0, 40.0]) == (5200.0, 5200.0)


def test_with_remainder_never_invents_the_split():
    df = pd.DataFrame({"region": ["A", "B"], "share_pct": [60.0, 25.0]})
    out = stats.with_remainder(df, "share_pct", "region", "others")
    assert list(out.region) == ["A", "B", "others"]
    assert out.share_pct.iloc[-1] == pytest.approx(15.0)


def _shares():
    return pd.DataFrame(
        {
            "level": ["province"] * 5 + ["metro_region"] * 2,
            "rank": [1, 2, 3, 4, 5, 1, 2],
            "region": ["北京市", "广东省", "上海市", "浙江省", "江苏省", "京津冀", "珠江三角洲"],
            "share_pct": [28.09, 26.45, 14.23, 8.95, 6.86, 29.36, 26.45],
        }
    )


def test_concentration_reproduces_and_flags():
    stated = pd.DataFrame({"level": ["province"], "top_n": [5], "share_pct": [84.58], "seed_line": [416]})
    conc = dist.concentration(_shares(), stated, n=5).set_index("level")
    assert conc.loc["province", "cr_n_pct"] == pytest.approx(84.58)
    assert conc.loc["province", "status"] == "reproduced"
    assert conc.loc["metro_region", "status"] == "not stated"
    stated_metro = pd.concat(
        [stated, pd.DataFrame({"level": ["metro_region"], "top_n": [5], "share_pct": [90.0], "seed_line": [409]})]
    )
    conc2 = dist.concentration(_shares(), stated_metro, n=5).set_index("level")
    assert conc2.loc["metro_region", "status"] == "not derivable"  # stated, but only two regions listed
    wrong = stated.assign(share_pct=[85.0])
    assert dist.concentration(_shares(), wrong, n=5).set_index("level").loc["province", "status"] == "discrepancy"
    assert dist.rounding_tolerance(2, 5) == pytest.approx(0.03)


def test_equal_shares_across_levels_found():
    eq = dist.equal_shares_across_levels(_shares())
    assert len(eq) == 1 and set(eq.iloc[0][["region_a", "region_b"]]) == {"广东省", "珠江三角洲"}


def test_check_statements_cite_lines():
    stated = pd.DataFrame({"level": ["province"], "top_n": [5], "share_pct": [84.58], "seed_line": [416]})
    conc = dist.concentration(_shares(), stated, n=5)
    found = dist.check_statements(conc, _shares(), stated)
    kinds = [f["kind"] for f in found]
    assert "reproduced" in kinds and "note" in kinds and "limitation" in kinds
    assert any("416" in f["zh"] and "84.58" in f["en"] for f in found)


def test_rank_agreement_matches_scipy_and_is_seeded():
    from scipy import stats as sps

    x = np.arange(1, 21, dtype=float)
    y = x.copy()
    y[[2, 3, 10, 11, 17, 18]] = y[[3, 2, 11, 10, 18, 17]]  # three neighbouring swaps
    a = stats.rank_agreement(x, y, seed=1, n_resamples=999)
    assert a["spearman"] == pytest.approx(sps.spearmanr(x, y).statistic)
    assert a["kendall"] == pytest.approx(sps.kendalltau(x, y).statistic)
    assert a["spearman_lo"] <= a["spearman"] <= a["spearman_hi"] and a["kendall_lo"] <= a["kendall"] <= a["kendall_hi"]
    assert a == stats.rank_agreement(x, y, seed=1, n_resamples=999)
    # the vectorised tau-b equals scipy's with ties
    xt, yt = np.array([1, 1, 2, 3, 3.0]), np.array([2, 1, 1, 3, 2.0])
    assert stats._kendall_last_axis(xt, yt) == pytest.approx(sps.kendalltau(xt, yt).statistic)
