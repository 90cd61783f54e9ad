"""Section 八 (challenges) of the ai-clusters-2023 report: the values the chapter shows equal the numbers the seed
prints on their lines, and what it derives from them (ranks, sums, the US platform count, the fabless weight)."""

import pandas as pd
import pytest

from ai_industry.catalog import datasets as catalog
from ai_industry.chapters.ai_clusters_2023 import challenges as cg

P = "published/ai-clusters-2023/"
SEED = "001_26a22cdcef38ab7f.txt"


def load(name: str) -> pd.DataFrame:
    return catalog.load(name if "/" in name else P + name)


@pytest.fixture(scope="module")
def sec():
    return cg.section_claims(load("published/audit/claims").fillna(""), SEED)


def test_itif_scores_are_the_seed_numbers_and_ranks():
    w = cg.itif_wide(load("itif_ai_race_scores"))
    assert list(w["economy"]) == ["美国", "中国", "欧盟"]
    assert list(w["score_2019"]) == [44.2, 32.3, 23.5]  # line 815
    assert list(w["score_2021"]) == [44.6, 32.0, 23.3]  # line 815
    assert list(w["rank_2019"]) == [1, 2, 3] and list(w["rank_2021"]) == [1, 2, 3]
    assert list(w["change"]) == [0.4, -0.3, -0.2] and set(w["seed_line"]) == {815}
    assert (cg.lead_gap(w, 2019), cg.lead_gap(w, 2021)) == (11.9, 12.6)


def test_itif_scores_sum_to_100_within_rounding():
    assert cg.edition_sums(load("itif_ai_race_scores")) == {2019: 100.0, 2021: 99.9}


def test_itif_areas_add_up_to_the_six_of_line_813_and_keep_both_names(sec):
    areas = load("itif_ai_race_areas")
    led = cg.area_leaders(areas)
    assert list(zip(led["leader_2019"], led["n_areas"])) == [("美国", 4), ("中国", 2)]
    assert led["n_areas"].sum() == cg.ledger_value(sec, "c001_0813_01") == 6
    assert led["n_areas"][0] == cg.ledger_value(sec, "c001_0815_01")
    assert led["n_areas"][1] == cg.ledger_value(sec, "c001_0815_02")
    ren = cg.renamed_areas(areas)
    assert list(zip(ren["area"], ren["area_as_on_815"])) == [("企业发展", "开发")]


def test_chip_shares_as_printed_and_ranked():
    w = cg.chip_wide(load("chip_market_share_2019"))
    assert list(w["region"]) == ["美国", "韩国", "日本", "中国大陆"] and list(w["rank"]) == [1, 2, 3, 4]
    assert w[cg.SEGMENTS].values.tolist() == [[68, 46, 52], [1, 35, 27], [1, 9, 7], [13, 1, 3]]  # line 829
    assert list(w["fabless_below"]) == [False, False, True, False] and set(w["seed_line"]) == {829}
    assert list(w["idm_below"]) == [False, False, False, True]
    cov = cg.segment_coverage(w).set_index("segment")
    assert cov.loc["total", "listed"] == 89 and cov.loc["total", "rest"] == 11


def test_fabless_weight_hand_worked():
    # US: w = (I - T) / (I - F); 46 - 52 over 46 - 68 = 6/22; within ±0.5 (I shared by both differences): (51.5 - 46.5) / (68.5 - 46.5) = 5/22 to (52.5 - 45.5) / (67.5 - 45.5) = 7/22
    row = pd.Series(
        {"fabless": 68.0, "idm": 46.0, "total": 52.0, "fabless_below": False, "idm_below": False, "total_below": False}
    )
    lo, hi = cg.fabless_weight_bounds(row)
    assert lo == pytest.approx(5 / 22) and hi == pytest.approx(7 / 22)
    # no rounding: the one exact weight
    lo, hi = cg.fabless_weight_bounds(row, step=0)
    assert lo == pytest.approx(6 / 22) and hi == pytest.approx(6 / 22)


def test_chip_shares_fit_one_world_fabless_part():
    weights, (lo, hi) = cg.fabless_weights(cg.chip_wide(load("chip_market_share_2019")))
    assert lo <= hi and (lo, hi) == (22.7, 26.5)
    # a made-up inconsistent economy (total outside its two segments) has no weight at all
    bad = pd.Series(
        {"fabless": 10.0, "idm": 20.0, "total": 40.0, "fabless_below": False, "idm_below": False, "total_below": False}
    )
    assert pd.isna(cg.fabless_weight_bounds(bad)[0])


def test_harmonyos_figures():
    h = cg.harmony(load("harmonyos_ecosystem_2021"))
    assert (h["users"], h["developers"], h["as_of"]) == (2.4e8, 5e6, "2021-12")  # line 831
    assert h["users_per_developer"] == pytest.approx(48)


def test_platform_figures_and_what_they_imply(sec):
    p = cg.platforms(load("platform_enterprises_2020"))
    assert (p.threshold_100m_usd, p.firms_cn_us, p.share_firms, p.new_firms) == (100, 64, 84, 7)  # line 837
    assert (p.value_cn_us, p.share_value, p.firms_cn) == (12, 96.3, 36)  # lines 837, 839
    assert p.firms_us == 28 and p.firms_cn > p.firms_us  # 中国达到 36 家,超过美国
    assert p.firms_world == pytest.approx(76.19, abs=0.01) and p.value_world == pytest.approx(12.46, abs=0.01)
    assert p.value_per_firm_bn == pytest.approx(187.5)


def test_every_dataset_cell_equals_its_ledger_claim(sec):
    cells = {
        "itif_ai_race_scores": set(load("itif_ai_race_scores")["score"]),
        "chip_market_share_2019": set(load("chip_market_share_2019")["share_pct"]),
        "harmonyos_ecosystem_2021": set(load("harmonyos_ecosystem_2021")["value"]),
        "platform_enterprises_2020": set(load("platform_enterprises_2020")["value"]),
    }
    linked = sec[sec["dataset"] != ""]
    assert len(sec) == 35 and len(linked) == 27
    for r in linked.itertuples():
        assert float(r.value) in cells[r.dataset], r.claim_id
    left = cg.uncovered_claims(sec, list(cells))
    assert set(left["unit"]) <= {"count", "rank", "points"} and len(left) == 8


def test_findings_all_reproduced_or_noted(sec):
    scores, areas = load("itif_ai_race_scores"), load("itif_ai_race_areas")
    chips = cg.chip_wide(load("chip_market_share_2019"))
    weights, common = cg.fabless_weights(chips)
    plat = cg.platforms(load("platform_enterprises_2020"))
    f = cg.findings(cg.itif_wide(scores), cg.edition_sums(scores), areas, 6, chips, weights, common, plat, RELEASE)
    assert [x["kind"] for x in f].count("discrepancy") == 0 and len(f) == 8
    assert all(x["zh"] and x["en"] for x in f)
    # a wrong area count is reported as a discrepancy
    wrong = cg.itif_findings(cg.itif_wide(scores), cg.edition_sums(scores), areas, 7, RELEASE)
    assert wrong[1]["kind"] == "discrepancy"


def test_ledger_value_refuses_an_unknown_claim(sec):
    with pytest.raises(ValueError):
        cg.ledger_value(sec, "c001_0001_01")


def test_years_come_from_the_data():
    assert cg.chip_year(load("chip_market_share_2019")) == 2019  # line 829
    assert cg.platforms(load("platform_enterprises_2020")).year == 2020  # line 837
    two = load("chip_market_share_2019").assign(year=[2019] * 11 + [2020])
    with pytest.raises(ValueError):
        cg.chip_year(two)


def test_sum_finding_tells_shared_points_from_independent_scores():
    assert "份额" in cg.sum_finding({2019: 100.0, 2021: 99.9})["zh"]
    assert "independently" in cg.sum_finding({2019: 100.0, 2021: 99.8})["en"]  # 0.2 > 3 x 0.05


def test_figure_tables_label_in_both_languages():
    zh = cg.figure_table(load("harmonyos_ecosystem_2021"), "zh")
    en = cg.figure_table(load("harmonyos_ecosystem_2021"), "en")
    assert list(zh["shown"]) == ["超过 2.4", "500"] and list(zh["unit_txt"]) == ["亿", "万"]
    assert list(en["shown"]) == ["over 2.4", "500"] and list(en["unit_txt"]) == ["100 million", "10 thousand"]
    p = cg.figure_table(load("platform_enterprises_2020"), "en").set_index(["measure", "scope"])
    assert p.loc[("firms", "china"), "scope_txt"] == "China" and p.loc[("firms", "china"), "shown"] == "reaching 36"
    assert p.loc[("market_value", "china_us"), "unit_txt"] == "USD trillion"


def test_chip_table_prints_upper_bounds():
    t = cg.chip_table(cg.chip_wide(load("chip_market_share_2019")), "en").set_index("region")
    assert t.loc["日本", "fabless_txt"] == "<1" and t.loc["中国大陆", "idm_txt"] == "<1"
    assert t.loc["美国", "total_txt"] == "52" and t.loc["韩国", "name"] == "South Korea"
    assert [cg.label(cg.SEGMENT_NAMES, s, "zh") for s in cg.SEGMENTS] == ["无晶圆厂", "有晶圆厂", "合计"]


RELEASE = ("2021年1月25日", "25 January 2021", 813)


def test_the_itif_update_s_release_date_comes_from_the_data_as_printed():
    from ai_industry.paths import published_dir

    assert cg.release_date(load("dated_events")) == RELEASE
    line = (published_dir() / "seeds" / "001_26a22cdcef38ab7f.txt").read_text(encoding="utf-8").split("\n")[812]
    assert RELEASE[0] in line


def test_a_release_date_that_is_not_the_quoted_one_is_refused():
    from ai_industry.errors import DataError

    events = load("dated_events")
    bad = events.assign(date=events["date"].where(events["event"] != "itif_update_release", "2021-01-26"))
    with pytest.raises(DataError, match="date 2021-01-26 is not the quoted"):
        cg.release_date(bad)
