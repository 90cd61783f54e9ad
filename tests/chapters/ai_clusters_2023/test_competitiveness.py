import math

import numpy as np
import pandas as pd
import pytest

from ai_industry.chapters.ai_clusters_2023 import competitiveness as ranks


def _ranking():
    return pd.DataFrame(
        {
            "level": ["province"] * 5 + ["city"] * 3,
            "rank": [1, 2, 3, 4, 5, 1, 2, 3],
            "region": ["A省", "B省", "C省", "D省", "E省", "深圳市", "哈尔滨", "杭州市"],
            "seed_line": [1] * 8,
        }
    )


def _lists():
    return pd.concat(
        [
            ranks._list("enterprises", "province", ["B省", "A省", "F省", "C省"], [40, 30, 20, 10], [1, 2, 3, 4]),
            ranks._list("enterprises", "city", ["北京市", "哈尔滨市", "深圳市"], [50, 30, 20], [1, 2, 3]),
        ],
        ignore_index=True,
    )


def test_region_key_matches_with_and_without_shi():
    assert ranks.region_key("哈尔滨市") == ranks.region_key("哈尔滨") == "哈尔滨"
    assert ranks.region_key("北京市") == "北京"
    assert ranks.region_key("广东省") == "广东省"
    assert ranks.region_key("沙市") == "沙市"  # two-character names keep their 市


def test_ranking_wide_and_top_n():
    wide = ranks.ranking_wide(_ranking(), top_n=2)
    assert list(wide.columns) == ["rank", "province", "city"]
    assert wide.values.tolist() == [[1, "A省", "深圳市"], [2, "B省", "哈尔滨"]]
    wide5 = ranks.ranking_wide(_ranking(), top_n=5)
    assert wide5["city"].isna().sum() == 2  # the city block is shorter: gaps, not invented names
    with pytest.raises(ValueError):
        ranks.ranking_wide(_ranking(), top_n=0)


def test_rank_correlation_hand_worked_n4():
    # d = 0,1,1,0 -> rho = 1 - 6*2/(4*15) = 0.8; one discordant pair of six -> tau = (5-1)/6 = 2/3
    rc = ranks.rank_correlation([1, 2, 3, 4], [1, 3, 2, 4])
    assert rc["n"] == 4
    assert rc["spearman"] == pytest.approx(0.8)
    assert rc["kendall"] == pytest.approx(2 / 3)
    # exact two-sided p: 4 of the 24 orderings have rho >= 0.8 (identity + 3 adjacent swaps), 4 have rho <= -0.8
    assert rc["spearman_p"] == pytest.approx(8 / 24)
    # Kendall: 4 orderings with at most one inversion, doubled for two sides
    assert rc["kendall_p"] == pytest.approx(8 / 24)
    assert rc["exact"]


def test_rank_correlation_perfect_agreement_n5_is_not_p_zero():
    rc = ranks.rank_correlation([1, 2, 3, 4, 5], [1, 2, 3, 4, 5])
    assert rc["spearman"] == pytest.approx(1.0) and rc["kendall"] == pytest.approx(1.0)
    # exact: only the identity (and, two-sided, the reversal) out of 5! = 120 orderings
    assert rc["spearman_p"] == pytest.approx(2 / 120)
    assert rc["kendall_p"] == pytest.approx(2 / 120)


def test_rank_correlation_with_ties_hand_worked():
    # y ranks (average ties) 1, 2.5, 2.5, 4: Pearson of ranks = 4.5 / sqrt(5 * 4.5) = 3 / sqrt(10)
    # tau-b: 5 concordant, 0 discordant, one pair tied in y: 5 / sqrt(6 * 5)
    rc = ranks.rank_correlation([1, 2, 3, 4], [10, 20, 20, 40])
    assert rc["spearman"] == pytest.approx(3 / math.sqrt(10))
    assert rc["kendall"] == pytest.approx(5 / math.sqrt(30))


def test_rank_correlation_undefined_cases():
    for x, y in (([1, 2], [2, 1]), ([1, 2, 3], [5, 5, 5])):
        rc = ranks.rank_correlation(x, y)
        assert np.isnan(rc["spearman"]) and np.isnan(rc["kendall"])
    with pytest.raises(ValueError):
        ranks.rank_correlation([1, 2, 3], [1, 2])


def test_overlap_and_correlations_use_only_common_regions():
    base = ranks.base_list(_ranking(), "province", top_n=5)
    ov = ranks.overlap(base, _lists()[lambda d: (d.indicator == "enterprises") & (d.level == "province")])
    assert list(ov["region"]) == ["A省", "B省", "C省"]  # F省 is not in Table 1; D省, E省 not on the list
    assert list(ov["other_rank"]) == [2.0, 1.0, 3.0]
    corr = ranks.correlations(_ranking(), _lists(), top_n=5, min_n=5).set_index(["level", "indicator"])
    prov = corr.loc[("province", "enterprises")]
    # x = 1,2,3 vs y ranks 2,1,3: rho = 1 - 6*(1+1)/(3*8) = 0.5; tau = (2 - 1)/3
    assert prov["n"] == 3 and prov["n_list"] == 4 and prov["n_table1"] == 5
    assert prov["spearman"] == pytest.approx(0.5)
    assert prov["kendall"] == pytest.approx(1 / 3)
    assert prov["small_n"] and prov["not_in_table1"] == "F省"
    city = corr.loc[("city", "enterprises")]
    assert city["n"] == 2 and np.isnan(city["spearman"])  # 哈尔滨 matches 哈尔滨市; n = 2 is undefined
    assert city["not_in_table1"] == "北京市"


def test_top_n_limits_the_compared_ranking():
    corr = ranks.correlations(_ranking(), _lists(), top_n=2, min_n=2).set_index(["level", "indicator"])
    assert corr.loc[("province", "enterprises"), "n"] == 2
    assert corr.loc[("province", "enterprises"), "not_in_table1"] == "F省、C省"


def test_rank_matrix_rows_and_gaps():
    mat = ranks.rank_matrix(_ranking(), _lists(), "province", top_n=5)
    assert list(mat.index) == ["A省", "B省", "C省", "D省", "E省", "F省"]
    assert list(mat.columns) == ["competitiveness", "enterprises"]
    assert mat.loc["A省"].tolist() == [1.0, 2.0]
    assert np.isnan(mat.loc["D省", "enterprises"]) and np.isnan(mat.loc["F省", "competitiveness"])
    assert mat.loc["F省", "enterprises"] == 3.0


def test_from_levels_drops_unranked_rows_and_metro_regions():
    df = pd.DataFrame(
        {
            "level": ["metro_region", "province", "province", "city"],
            "rank": pd.array([1, 1, pd.NA, 1], dtype="Int64"),
            "region": ["长三角地区", "山东省", "其他地区", "北京市"],
            "share_pct": [18.7, 7.5, 50.0, 6.6],
        }
    )
    out = ranks.from_levels(df, "universities")
    assert list(out["region"]) == ["山东省", "北京市"] and set(out["level"]) == {"province", "city"}


def test_outside_level_finds_municipalities():
    assert ranks.outside_level(
        _lists(),
        pd.concat(
            [_ranking(), pd.DataFrame({"level": ["province"], "rank": [6], "region": ["北京市"], "seed_line": [1]})]
        ),
        "city",
        "province",
        20,
    ) == ["北京市"]


def test_stated_after_and_format_p():
    claims = pd.DataFrame(
        {
            "claim_id": ["c001_0369_01", "c001_0390_02", "c001_0390_01"],
            "seed_file": ["001_x.txt"] * 3,
            "line": [369, 390, 390],
            "section": ["五(一)"] * 3,
            "unit": ["rank", "rank", "count"],
            "quote": ["北京市\t1", "北京市在论文发表数量上排名第一", "两个维度"],
            "measure": ["", "", ""],
            "value": ["1", "1", "2"],
        }
    )
    got = ranks.stated_after(claims, "001", "五(一)", after_line=388)
    assert list(got["claim_id"]) == ["c001_0390_02"]
    assert ranks.format_p(0.0002) == "<0.001"
    assert ranks.format_p(1 / 60) == "0.017"
    assert ranks.format_p(float("nan")) == ""
    assert ranks.p_floor() == pytest.approx(2 / (ranks.N_RESAMPLES + 1))


def test_findings_flag_small_n_and_partial_lists():
    corr = ranks.correlations(_ranking(), _lists(), top_n=5, min_n=5)
    found = ranks.correlation_findings(corr, min_n=5)
    kinds = [f["kind"] for f in found]
    assert kinds.count("limitation") == 2 and "note" in kinds
    assert any("n = 3" in f["en"] for f in found)


def test_display_correlations_text_columns():
    corr = ranks.correlations(_ranking(), _lists(), top_n=5, min_n=5)
    shown = ranks.display_correlations(corr, lambda names: [n.upper() for n in names], "en").set_index("level")
    assert shown.loc["province", "n_text"] == "3 / 4 †"
    assert (
        shown.loc["province", "rho_p"] == "0.50 (1.000)"
    )  # 3 of the 3! orderings give rho >= 0.5: two-sided p = 2 * 3/6 = 1
    assert shown.loc["city", "rho_p"] == "" and shown.loc["city", "missing"] == "北京市"


def test_overlap_panels_keys_and_labels():
    lists = pd.concat(
        [_lists(), ranks._list("enabling", "province", ["A省", "C省"], [9, 8], [1, 2])], ignore_index=True
    )
    panels = ranks.overlap_panels(
        _ranking(), lists, "province", 5, lambda n: [x + "!" for x in n], "en", indicators=("enabling",)
    )
    ((key, frame),) = panels.items()
    assert key == "Technology-enabling share (n = 2)"
    assert list(frame["region_label"]) == ["A省!", "C省!"] and list(frame["printed_rank"]) == [1.0, 2.0]
