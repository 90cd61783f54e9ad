"""The innovation-resources section's result objects, from the published data (seed 001, 七)."""

import pytest

from ai_industry.chapters.ai_clusters_2023 import innovation_resources_section as irs
from ai_industry.present.chapter import Chapter


@pytest.fixture(scope="module")
def res():
    return irs.load(Chapter("ai-clusters-2023/innovation_resources", lang="en"))


def test_load_sample_sizes(res):
    assert res.bases == {"universities": 438, "institutes": 307, "new_orgs": 347}
    assert res.n_firms == 2200


def test_programme_coverage(res):
    cov, as_of = irs.programme_coverage(res)
    assert as_of == "2022-12"
    assert (cov["union_low"], cov["union_high"], cov["shortfall"]) == (440, 1075, 2)


def test_compare_with_firms(res):
    c = irs.compare(res)
    assert (len(c.pairs), len(c.sided), c.below) == (29, 21, 21)
    assert (c.firm_only.region, c.resource_only.region) == ("北京市", "南京市")
    assert c.lo["new_orgs"].region == "京津冀地区"


def test_coverage_and_unreported(res):
    fc = irs.coverage(res)
    assert fc["whole"] == [26] and fc["partial"] == list(range(27, 35))
    assert fc["fig33"] == ["浙江省", "上海市", "天津市", "北京市", "河北省"] and fc["bound33"] == pytest.approx(8.93)
    assert irs.unreported(res, "institutes")["metro_region"] == pytest.approx((14.0, 43.0))


def test_level_words_come_from_the_terms_file():
    assert irs.level_word("metro_region", "en") == "metro region" and irs.level_word("city", "zh") == "城市"
