"""OLS with intervals: the straight line, the power law on logs and its band, against hand-worked values."""

import numpy as np
import pytest

from ai_industry.methods import fits


def test_ols_exact_line_and_through_origin():
    res = fits.ols([0, 1, 2, 3], [1, 3, 5, 7])
    assert res.params[0] == pytest.approx(1.0) and res.params[1] == pytest.approx(2.0)
    res0 = fits.ols([1, 2, 3], [2, 4, 7], through_origin=True)
    # slope = Σxy / Σx² = (2 + 8 + 21) / 14
    assert len(res0.params) == 1 and res0.params[0] == pytest.approx(31 / 14)


def test_linear_trend_hand_worked():
    t = fits.linear_trend([0, 1, 2], [0, 1, 3])
    # slope 1.5, intercept -1/6, residuals (1/6, -1/3, 1/6): SSE 1/6, s² = 1/6, se(slope) = sqrt(s²/2)
    assert t.slope == pytest.approx(1.5) and t.intercept == pytest.approx(-1 / 6)
    se = np.sqrt((1 / 6) / 2)
    assert t.ci_high - t.slope == pytest.approx(12.706204736 * se, rel=1e-6)  # t(0.975, 1 df)
    assert t.n == 3 and t.conf == 0.95
    with pytest.raises(ValueError):
        fits.linear_trend([1, 2], [1, 2])


def test_loglog_fit_and_band():
    f = fits.loglog_fit([1, 2, 4, 8], [3, 6, 12, 24])  # y = 3x exactly
    assert f.slope == pytest.approx(1.0) and np.exp(f.intercept) == pytest.approx(3.0)
    assert f.r2 == pytest.approx(1.0) and f.df_resid == 2
    band = fits.loglog_band(f, [1, 2, 4, 8], [16], [3, 6, 12, 24])
    assert band["fit"].iloc[0] == pytest.approx(48.0)
    g = fits.loglog_fit([1, 2, 4], [1, 4, 16], through_origin=True)
    assert g.slope == pytest.approx(2.0) and g.intercept == 0.0 and g.df_resid == 2
    with pytest.raises(ValueError):
        fits.loglog_fit([1, 2], [1, 2])
