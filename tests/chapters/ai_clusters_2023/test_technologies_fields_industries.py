"""Hand-worked checks of ai_industry.industries (GB/T 4754 lookup, nested shares, restatements in the ledger)."""

import math

import pandas as pd
import pytest

from ai_industry.chapters.ai_clusters_2023 import technologies_fields_industries as ind
from ai_industry.chapters.ai_clusters_2023 import technologies_fields_industries_section as ind_section
from ai_industry.paths import published_dir


def test_gbt4754_lookup_and_wording():
    ref = ind.gbt4754()
    assert len(ref) == 25 and set(ref.level) == {"section", "division"}
    assert ind.standard_name("L") == ("租赁和商务服务业", "Leasing and business services")
    assert ind.standard_name(39)[0] == "计算机、通信和其他电子设备制造业"
    with pytest.raises(KeyError):
        ind.standard_name("Z")
    wd = ind.wording_differences()
    assert list(wd.code) == ["L"] and wd.seed_name_zh.iloc[0] == "租赁和商业服务业"
    df = pd.DataFrame({"gbt4754_code": ["L", "C"], "industry": ["租赁和商务服务业", "制造业（其他）"]})
    out = ind.with_standard_names(df)
    assert list(out.same_as_standard) == [True, False]
    assert list(out.seed_variants) == ["租赁和商业服务业", ""]


def test_unlisted_sections_of_a_sector():
    # the secondary sector is B, C, D, E: listing C, D, E leaves only B (mining)
    s = ind.unlisted_sections(["C", "D", "E"], "secondary")
    assert list(s.code) == ["B"] and s.name_zh.iloc[0] == "采矿业"
    t = ind.unlisted_sections(["I", "M", "L", "J"], "tertiary")
    assert list(t.code) == list("FGHKNOPQRST")
    assert list(ind.unlisted_sections([], "primary").code) == ["A"]


def test_nested_share_and_share_of_all():
    # 23.82 % of all × 87.36 % of the secondary = 0.2382 × 0.8736 = 0.20809152 -> 20.809152 %
    assert ind.nested_share(23.82, 87.36) == pytest.approx(20.809152)
    assert ind.nested_share(50.0) == pytest.approx(50.0)
    sectors = pd.DataFrame({"sector": ["第三产业", "第二产业", "第一产业"], "share_pct": [75.79, 23.82, 0.39]})
    div = pd.DataFrame(
        {
            "level": ["tertiary", "secondary", "manufacturing"],
            "gbt4754_code": ["I", "C", "39"],
            "industry": ["信息传输、软件和信息技术服务业", "制造业", "计算机、通信和其他电子设备制造业"],
            "share_pct": [28.46, 87.36, 28.16],
        }
    )
    out = ind.share_of_all(sectors, div).set_index("gbt4754_code")
    assert out.loc["I", "share_of_all_pct"] == pytest.approx(0.7579 * 0.2846 * 100)  # 21.569834
    assert out.loc["C", "share_of_all_pct"] == pytest.approx(20.809152)
    assert out.loc["39", "share_of_all_pct"] == pytest.approx(20.809152 * 0.2816)  # 5.85985720...
    assert out.loc["39", "parents_shown"] == "23.82% × 87.36%" and out.loc["I", "parents_shown"] == "75.79%"
    # the parents' shares as numbers: the sector's share of all, and 制造业's share of the secondary sector
    assert out["sector_pct"].dtype == float and out["manufacturing_pct"].dtype == float
    assert out.loc["I", "sector_pct"] == 75.79 and out.loc["C", "sector_pct"] == 23.82
    assert out.loc["39", "sector_pct"] == 23.82 and out.loc["39", "manufacturing_pct"] == 87.36
    assert out.loc[["I", "C"], "manufacturing_pct"].isna().all()
    assert out.loc["39", "share_of_all_pct"] == pytest.approx(
        ind.nested_share(out.loc["39", "sector_pct"], out.loc["39", "manufacturing_pct"], 28.16)
    )


def test_remainder_check():
    # seed 001: top 5 of 17 technologies: 100 - 75.74 = 24.26 over 12, mean 2.0217; at most 12 × 4.08 = 48.96
    r = ind.remainder_check([46.47, 10.7, 8.1, 6.39, 4.08], 17)
    assert r["remainder_pct"] == pytest.approx(24.26) and r["n_rest"] == 12
    assert r["mean_rest_pct"] == pytest.approx(24.26 / 12) and r["max_rest_pct"] == pytest.approx(48.96)
    assert r["feasible"] is True
    bad = ind.remainder_check([50.0, 10.0], 3)  # 40 left for one category of at most 10
    assert bad["feasible"] is False and bad["max_rest_pct"] == 10.0


def _claims():
    rows = [
        ("c001_0701_02", "六(四)", 701, "第三产业,占比 75.79%", "share rank 1: 第三产业", "75.79", "", ""),
        ("c001_0701_03", "六(四)", 701, "第二产业,占比 23.82%", "share rank 2: 第二产业", "23.82", "", ""),
        ("c001_0211_01", "一", 211, "第三产业,占比75.49%", "tertiary", "75.49", "c001_0701_02", "same"),
        (
            "c001_0138_01",
            "内容提要",
            138,
            "第三产业,占比75.49%",
            "tertiary (abstract)",
            "75.49",
            "c001_0211_01",
            "same",
        ),
        ("c001_0211_02", "一", 211, "其次是第二产业,占比23.82%", "secondary", "23.82", "c001_0701_03", "same"),
        ("c001_0300_01", "二", 300, "x", "a related figure", "70", "c001_0701_02", "related"),
    ]
    return pd.DataFrame(
        rows, columns=["claim_id", "section", "line", "quote", "measure", "value", "derivation", "check"]
    ).assign(unit="pct")


def test_restatements_follow_same_chains():
    rest = ind.restatements(_claims(), "001", ["六(四)"])
    # the abstract reaches the body through the introduction; the 'related' claim is not a restatement
    assert set(rest.claim_id) == {"c001_0211_01", "c001_0138_01", "c001_0211_02"}
    ab = rest.set_index("claim_id").loc["c001_0138_01"]
    assert ab.body_claim == "c001_0701_02" and ab["diff"] == pytest.approx(-0.30)
    wide = ind.restatements_wide(rest, _claims()).set_index("body_claim")
    assert list(c for c in wide.columns if c in ("内容提要", "一")) == ["内容提要", "一"]  # order of first line
    assert wide.loc["c001_0701_02", "body_name"] == "第三产业"
    assert wide.loc["c001_0701_02", "max_diff"] == pytest.approx(-0.30) and bool(wide.loc["c001_0701_02", "differs"])
    assert not bool(wide.loc["c001_0701_03", "differs"]) and math.isnan(wide.loc["c001_0701_03", "内容提要"])
    assert ind.claim_value(_claims(), "c001_0211_01") == 75.49
    assert ind.claims_on_lines(_claims(), "001", [211, 999]) == 2
    with pytest.raises(KeyError):
        ind.claim_value(_claims(), "c001_9999_99")


def test_trend_quotes_are_verbatim_and_compared_with_the_snapshot():
    lines = (published_dir() / "seeds" / "001_26a22cdcef38ab7f.txt").read_text(encoding="utf-8").split("\n")
    for t in ind.TRENDS:
        assert t["quote"] in lines[t["line"] - 1]
        assert set(t["steady"]) | set(t["rising"]) <= set(ind.TREND_NAMES)
    tv = ind.trend_vs_snapshot(ind.TRENDS[0], ["大数据和云计算", "物联网", "5G", "智能机器人", "计算机视觉"]).set_index(
        "name"
    )
    assert tv.loc["云计算", "rank"] == 1 and tv.loc["云计算", "listed_as"] == "大数据和云计算"
    assert tv.loc["5G", "rank"] == 3 and math.isnan(tv.loc["自动驾驶", "rank"])


def test_wrap():
    assert ind.wrap("short") == "short"
    assert ind.wrap("Information transmission, software and information technology services", 34).count("\n") == 2


def test_section_load_and_overview():
    from ai_industry.present.chapter import Chapter

    s = ind_section.load(Chapter("ai-clusters-2023/technologies_fields_industries", lang="en"))
    assert (s.n_tech, s.n_fields, s.n_fig25, s.m_n) == (17, 19, 20, 5)
    assert len(s.named) == 72
    o = ind_section.overview(s)
    assert o["tertiary"] == pytest.approx(75.79) and o["secondary"] == pytest.approx(23.82)
    assert o["tech_total"] == pytest.approx(75.74) and o["fields_total"] == pytest.approx(49.63)
    tn = ind_section.trend_notes(s)
    assert tn[0]["n_claims"] == 0
    assert tn[0]["zh"]["rising"] == "智能机器人（第4位）、自动驾驶（未列入前5位）、智能芯片（未列入前5位）"
    assert tn[1]["en"]["rising"] == "intelligent manufacturing (rank 3), intelligent connected vehicles (rank 5)"


def _named():
    return pd.read_csv(published_dir() / "ai-clusters-2023" / "named_categories.csv")


def test_named_categories_are_the_seed_enumerations():
    # every name stands on its seed line, the counts are the text's 17 and 19, and both places agree
    seed = (published_dir() / "seeds" / "001_26a22cdcef38ab7f.txt").read_text(encoding="utf-8").split("\n")
    named = _named()
    for r in named.itertuples():
        assert r.name in seed[r.seed_line - 1], (r.name, r.seed_line)
        assert r.name_en in seed[r.seed_line_en - 1] or r.name_en.split()[0] in seed[r.seed_line_en - 1]
    assert named.groupby(["list", "section"]).size().to_dict() == {
        ("field", "一"): 19,
        ("field", "内容提要"): 19,
        ("technology", "一"): 17,
        ("technology", "内容提要"): 17,
    }
    assert ind.enumerations_agree(named, "technology") and ind.enumerations_agree(named, "field")


def test_named_without_share_and_its_bar_text():
    named = _named()
    rest = ind.named_without_share(named, "technology", ["大数据和云计算", "物联网", "5G", "智能机器人", "计算机视觉"])
    assert len(rest) == 12 and {"智能芯片", "自动驾驶"} <= set(rest.name) and set(rest.seed_line) == {213}
    assert list(rest.name[:3]) == ["智能推荐", "区块链", "语音识别"]  # printed order
    with pytest.raises(ValueError, match="not in the enumeration"):
        ind.named_without_share(named, "technology", ["云计算"])
    fields = ind.named_without_share(named, "field", ["智慧城市"])
    assert len(fields) == 18 and "smart cities" not in set(fields.name_en)
    # a list that differs between its two places is reported
    bad = named.copy()
    bad.loc[(bad.list == "field") & (bad.section == "一") & (bad.position == 1), "name"] = "其他"
    assert not ind.enumerations_agree(bad, "field")
    text = ind.wrap_names(["智能推荐", "区块链", "语音识别"], "zh", width=12)
    assert text == "智能推荐、\n区块链、\n语音识别"
    assert ind.wrap_names(["a", "b"], "en") == "a, b"


def test_share_bars_name_the_remainder_and_mark_other_sources():
    import matplotlib.pyplot as plt

    from ai_industry.present import charts

    fig = charts.share_bars(
        ["A", "B", "C"],
        [50, 20, 9],
        21,
        "rest",
        "%",
        remainder_names="x、y",
        other_source=[False, False, True],
        other_source_label="intro",
    )
    ax = fig.axes[0]
    assert "x、y" in [t.get_text() for t in ax.texts]
    bars = ax.patches
    assert bars[2].get_linestyle() == "--" and bars[0].get_linestyle() == "solid"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["intro"]
    plt.close(fig)
