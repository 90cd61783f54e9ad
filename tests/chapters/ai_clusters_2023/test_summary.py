import pandas as pd
import pytest

from ai_industry.catalog.sections import load_config
from ai_industry.chapters.ai_clusters_2023 import summary as sm

HF = "published/ai-clusters-2023/headline_figures"
SEED = "001_26a22cdcef38ab7f.txt"


@pytest.fixture
def pub(repo):
    return repo / "data/raw/published"


def _read(pub, name):
    return pd.read_csv(pub / "ai-clusters-2023" / f"{name}.csv", dtype={"as_of": str})


def _claims(pub):
    return pd.read_csv(pub / "claims.csv", dtype=str).fillna("")


def test_fmt_value_keeps_the_printed_bound_in_both_languages():
    assert sm.fmt_value(3000, "count", "超过", "zh") == "超过3,000"
    assert sm.fmt_value(520, "100m_usd", "多", "zh") == "520多亿美元"
    assert sm.fmt_value(2000, "100m_usd", "大约", "zh") == "约2,000亿美元"
    assert sm.fmt_value(2, "rank", "", "zh") == "第2"
    assert sm.fmt_value(4000, "100m_cny", "超过", "en") == "over CNY 400 bn"
    assert sm.fmt_value(500, "10k_persons", "超过", "en") == "over 5 million people"
    assert sm.fmt_value(13, "pct", "", "en") == "13%"
    assert sm.fmt_value(41.9, "pct", "", "zh") == "41.9%"


def test_section_en():
    assert [sm.section_en(s) for s in ("内容提要", "一", "三(二)", "七(一)")] == ["Summary", "1", "3.2", "7.1"]


def test_headline_values_are_the_seed_numbers_with_their_restatements(pub):
    h = sm.headline(_read(pub, "headline_figures"), _claims(pub), HF, "zh").set_index("item")
    printed = {
        "ai_enterprises": 3000,
        "enterprise_world_rank": 2,
        "core_industry_size": 4000,
        "ic_doctorate_universities": 18,
        "ai_major_universities": 440,
        "iscience_major_universities": 248,
        "ai_service_vocational_colleges": 387,
        "chips_act_subsidy": 520,
        "chips_act_appropriation": 2000,
        "chips_act_horizon": 10,
        "talent_gap": 500,
        "algorithm_post_fill_share": 13,
    }
    assert h["value"].to_dict() == printed
    assert h.loc["ai_enterprises", ["seed_line", "summary_lines", "abstract_lines"]].tolist() == [207, "106", "148"]
    assert h.loc["ic_doctorate_universities", "summary_lines"] == "128"
    assert h.loc["talent_gap", ["section", "seed_line", "summary_lines"]].tolist() == ["七(一)", 759, ""]
    assert h.loc["core_industry_size", "shown"] == "超过4,000亿元"
    assert h.loc["ai_enterprises", "claim_id"] == "c001_0207_01"


def test_every_quote_stands_on_its_seed_line_with_its_number(pub):
    lines = (pub / "seeds" / SEED).read_text(encoding="utf-8").split("\n")
    for name, col in (("headline_figures", "value"), ("enumerated_counts", "count")):
        for r in _read(pub, name).itertuples():
            assert r.quote in lines[r.seed_line - 1], (name, r.item)
            if name == "headline_figures" and r.item != "enterprise_world_rank":  # 排名第二: a numeral
                assert f"{getattr(r, col):g}" in r.quote, (name, r.item)


def test_claim_of_row_refuses_a_missing_claim(pub):
    with pytest.raises(ValueError, match="line 207"):
        sm.claim_of_row(_claims(pub), HF, 207, 3001)


def test_programme_counts_agree_but_their_dates_do_not(pub):
    d = sm.programme_dates(_read(pub, "headline_figures"), _read(pub, "ai_programme_universities"))
    assert d["count_intro"].tolist() == [440, 248, 387] == d["count_body"].tolist()
    assert set(d["as_of_intro"]) == {"2022-03"} and set(d["as_of_body"]) == {"2022-12"}
    assert d["same_count"].all() and not d["same_date"].any()
    assert d[["line_intro", "line_body"]].drop_duplicates().values.tolist() == [[219, 733]]


def test_enumerations_agree_and_a_short_list_is_caught(pub):
    ec = _read(pub, "enumerated_counts")
    e = sm.enumerations(ec, "en")
    assert e["count"].tolist() == [2, 5, 2, 4, 2, 2, 2, 3]
    assert e["agrees"].all()
    bad = ec.copy()
    bad.loc[bad["item"] == "innovation_zone_features", "members_zh"] = "甲；乙；丙；丁"
    assert not sm.enumerations(bad).set_index("item").loc["innovation_zone_features", "agrees"]


def test_manufacturing_footnote(pub):
    shares, output = sm.manufacturing(_read(pub, "manufacturing_world_share_2010"), "en")
    assert shares["value"].tolist() == [25.0, 41.9, 43.0]
    assert shares["label"].tolist() == ["Automobiles", "Ships", "Construction machinery"]
    assert (output["value"], output["seed_line"], output["year"]) == (1826.47, 265, 2010)


def test_covers():
    assert sm.covers("六(二)–(四)", "六(三)") and sm.covers("六(二)–(四)", "六(二)")
    assert not sm.covers("六(二)–(四)", "六(一)") and not sm.covers("六(二)–(四)", "五(三)")
    assert sm.covers("七", "七(三)") and sm.covers("七", "七") and not sm.covers("七", "一")
    assert sm.covers("五(二)(1)", "五(二)(1)") and not sm.covers("五(二)(1)", "五(二)(2)")


def test_every_number_of_these_parts_is_shown_somewhere(repo, pub):
    chapters = load_config(repo).report("ai-clusters-2023").sections
    acc = sm.accounting(_claims(pub), chapters, "summary").set_index("claim_id")
    assert (acc["chapter"] != "").all()
    assert acc.loc["c001_0207_01", "chapter"] == "summary"
    assert acc.loc["c001_0114_01", "chapter"] == "sample_database"
    assert acc.loc["c001_0221_01", "chapter"] == "innovation_resources"  # via 七(三) line 784
    assert acc.loc["c001_0209_03", "chapter"] == "technologies_fields_industries"
    assert acc.loc["c001_0283_02", "chapter"] == "summary"
    only = acc[acc["ledger_only"]]
    # the counts of fields and technologies reach the technologies chapter through the enumerations
    # (named_categories); only the introduction's fifth tertiary industry is in no dataset
    assert sorted(only.index) == ["c001_0138_07", "c001_0211_07"]
    assert acc.loc["c001_0209_02", "chapter"] == "technologies_fields_industries"
    summ = sm.accounting_summary(acc.reset_index(), chapters, "en")
    assert summ["chapter"].iloc[0] == "summary" and summ["n_claims"].sum() == len(acc)


def test_timeline_is_in_time_order_with_the_printed_dates(pub):
    tl = sm.timeline(_read(pub, "dated_events"), "en")
    assert tl["year"].is_monotonic_increasing
    d = dict(zip(tl["event"], tl["date"]))
    assert d["ai_development_plan"] == "2017-07-08" and d["chips_act_signed"] == "2022-08-09"
    assert d["brookings_innovation_districts"] == "2014-06-09" and d["third_revolution"] == "1980s"
    lines = (pub / "seeds" / SEED).read_text(encoding="utf-8").split("\n")
    for r in tl.itertuples():
        assert r.quote in lines[r.seed_line - 1], r.event
        assert (r.date[2:4] if r.date.endswith("s") else str(r.year)) in r.quote, r.event  # 20世纪80年代: 1980s
