import pandas as pd
import pytest

from ai_industry.chapters.ai_clusters_2023 import sample_database as sdb

DS = "published/ai-clusters-2023/sample_database"


def _db():
    return pd.DataFrame(
        {
            "component": ["人工智能企业", "AI 大学", "省市自治区", "相关政策"],
            "component_en": [
                "AI enterprises",
                "AI universities",
                "provinces issuing the policies",
                "relevant policies",
            ],
            "count": [2200, 438, 31, 775],
            "seed_line": [239] * 4,
        }
    )


def _claims():
    rows = [
        ("c001_0239_01", "二", 239, "2200 家人工智能企业", "2200", DS, "", ""),
        ("c001_0239_03", "二", 239, "438 所 AI 大学", "438", DS, "c001_0219_02", "related"),
        ("c001_0239_07", "二", 239, "31 个省市自治区", "31", DS, "", ""),
        ("c001_0239_08", "二", 239, "775 项相关政策", "775", DS, "", ""),
        ("c001_0114_01", "内容提要", 114, "2200 家人工智能企业", "2200", "", "c001_0239_01", "same"),
        ("c001_0161_01", "Abstract", 161, "2,200 AI enterprises", "2200", "", "c001_0239_01", "same"),
        ("c001_0450_01", "五(二)(2)", 450, "2205", "2205", "", "c001_0239_01", "related"),
        ("c001_0219_02", "一", 219, "440 所高校设置人工智能本科专业", "440", "", "", ""),
        ("c001_0999_01", "一", 999, "2200 的一半", "1100", "", "c001_0239_01 / 2", "derived"),
    ]
    cols = ["claim_id", "section", "line", "quote", "value", "dataset", "derivation", "check"]
    return pd.DataFrame(rows, columns=cols).assign(measure="m", seed_file="001_x.txt")


def test_components_attach_issuers_to_policies():
    comp = sdb.components(_db())
    assert list(comp["component"]) == ["人工智能企业", "相关政策", "AI 大学"]  # issuing regions are not a component
    assert comp.set_index("component").loc["相关政策", "issuers"] == 31
    assert comp["issuers"].isna().sum() == 2
    assert all(comp["what_zh"].str.len() > 0) and all(comp["what_en"].str.len() > 0)
    assert sdb.component_labels(comp, "en")[1] == "Relevant policies (issued by 31 provinces)"
    assert sdb.component_labels(comp, "zh")[1] == "相关政策（31个省市自治区出台）"
    assert sdb.display_name("省市自治区", "x", "zh") == "出台政策的省市自治区"


def test_body_claims_match_by_component_name():
    body = sdb.body_claims(_claims(), DS, _db())
    assert dict(zip(body["component"], body["claim_id"]))["AI 大学"] == "c001_0239_03"
    bad = pd.concat([_claims(), _claims().iloc[[0]].assign(claim_id="c001_0239_99")])
    with pytest.raises(ValueError, match="人工智能企业"):
        sdb.body_claims(bad, DS, _db())


def test_restatements_same_and_related():
    body = sdb.body_claims(_claims(), DS, _db())
    rest = sdb.restatements(_claims(), body)
    # a derived claim (an expression, not the count alone) is not a restatement
    assert "c001_0999_01" not in set(rest["claim_id"])
    ent = rest[rest["component"] == "人工智能企业"]
    assert list(ent["claim_id"]) == ["c001_0114_01", "c001_0161_01", "c001_0450_01"]
    assert list(ent["equal"]) == [True, True, False]
    uni = rest[rest["component"] == "AI 大学"]  # the body claim's own related link, reported from the other side
    assert uni[["claim_id", "value", "check"]].values.tolist() == [["c001_0219_02", 440.0, "related"]]
    summ = sdb.restatement_summary(body, rest, ["内容提要", "Abstract"]).set_index("component")
    assert summ.loc["人工智能企业", ["n_same", "n_equal", "n_related"]].tolist() == [2, 2, 1]
    assert summ.loc["人工智能企业", "内容提要"] == 2200 and pd.isna(summ.loc["相关政策", "Abstract"])
