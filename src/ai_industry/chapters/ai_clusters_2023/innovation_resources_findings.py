"""The findings box of the innovation-resources section (report 001, section 七), each a dict with kind, zh and
en: the university sample against the programme populations it is defined from, whether printed shares are
whole counts of the sample, the nesting checks, equal shares across levels, and the limits of the
resource-vs-firm comparison."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ai_industry.catalog import terms
from ai_industry.chapters.ai_clusters_2023.innovation_resources import INTRO_AS_OF, region_key
from ai_industry.methods.distributions import equal_shares_across_levels
from ai_industry.present import labels


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def sample_findings(
    cov: Mapping[str, float], programmes: pd.DataFrame, sample_line: int, intro_line: int
) -> list[dict[str, str]]:
    """The 438-vs-440 finding (the sample is defined to include a population larger than itself) and the note
    that the programme counts carry two dates in the report."""
    p = programmes.sort_values("count", ascending=False)
    top = p.iloc[0]
    counts_zh = "、".join(f"{r.programme} {r.count:,}" for r in p.itertuples())
    counts_en = ", ".join(f"{r.programme_en} {r.count:,}" for r in p.itertuples())
    pline = int(top["seed_line"])
    kind = "discrepancy" if cov["shortfall"] > 0 else "reproduced"
    out = [
        {
            "kind": kind,
            "zh": (
                f"样本定义与数量：报告称采集到 {cov['sample']:,.0f} 所“设置人工智能、智能科学与技术和人工智能技术服务专业的大学”"
                f"（原文第{sample_line}行）；同节给出的全国数量为 {counts_zh} 所（第{pline}行）。三类专业可同时开设，数量不能相加，"
                f"按此定义样本应覆盖的并集介于 {cov['union_low']:,.0f} 与 {cov['union_high']:,.0f} 所之间。"
                + (
                    f"样本比仅开设{top['programme']}专业的 {cov['union_low']:,.0f} 所还少 {cov['shortfall']:,.0f} 所，"
                    f"最多覆盖并集的 {cov['coverage_max']:.2f}%，最少 {cov['coverage_min']:.2f}%。报告未说明原因"
                    "（采集时点不同、只收“大学”而不收专科院校，或样本不完整）。"
                    if kind == "discrepancy"
                    else f"样本不小于其下限，覆盖并集的 {cov['coverage_min']:.2f}%–{cov['coverage_max']:.2f}%。"
                )
            ),
            "en": (
                f"Sample definition vs size: the report collected {cov['sample']:,.0f} “universities offering the AI, "
                f"intelligence science and technology or AI technology services programme” (seed line {sample_line}); the "
                f"same section gives the national counts {counts_en} (line {pline}). Programmes overlap, so the counts "
                f"cannot be added: by its definition the sample should cover a union of between {cov['union_low']:,.0f} "
                f"and {cov['union_high']:,.0f} institutions. "
                + (
                    f"The sample is {cov['shortfall']:,.0f} short of the {cov['union_low']:,.0f} offering the "
                    f"{top['programme_en']} programme alone, so it covers at most {cov['coverage_max']:.2f}% of the union "
                    f"and at least {cov['coverage_min']:.2f}%. The report does not say why (a different collection date, "
                    "universities only without vocational colleges, or an incomplete sample)."
                    if kind == "discrepancy"
                    else f"The sample is not below that floor and covers {cov['coverage_min']:.2f}–"
                    f"{cov['coverage_max']:.2f}% of the union."
                )
            ),
        }
    ]
    as_of = str(top["as_of"])
    if as_of != INTRO_AS_OF:
        out.append(
            {
                "kind": "note",
                "zh": (
                    f"同样三个数量在内容提要（第{intro_line}行）注为截至 {INTRO_AS_OF}，在本节（第{pline}行）注为截至 {as_of}："
                    "同一组数字标了两个时点。"
                ),
                "en": (
                    f"The introduction (line {intro_line}) dates the same three counts {INTRO_AS_OF}, this section "
                    f"(line {pline}) {as_of}: one set of numbers carries two dates."
                ),
            }
        )
    return out


def count_findings(
    tidies: Mapping[str, pd.DataFrame], bases: Mapping[str, int], names: Mapping[str, tuple[str, str]]
) -> list[dict[str, str]]:
    """Per resource: whether every printed share is a whole number of units out of the stated sample size
    (names: resource key -> (zh, en))."""
    out = []
    for key, tidy in tidies.items():
        pct = tidy[tidy["reported"] == "pct"]
        if pct.empty:
            continue
        bad = pct[~pct["fits"]]
        zh, en = names[key]
        if bad.empty:
            out.append(
                {
                    "kind": "reproduced",
                    "zh": (
                        f"{zh}：报告给出的 {len(pct)} 个占比都能还原为 {bases[key]:,} 中的整数个"
                        f"（隐含数量 {'、'.join(f'{c:,}' for c in pct['count_rounded'])}），占比与样本量相互吻合。"
                    ),
                    "en": (
                        f"{_cap(en)}: each of the {len(pct)} printed shares is a whole number out of "
                        f"{bases[key]:,} (implied counts {', '.join(f'{c:,}' for c in pct['count_rounded'])}): "
                        "shares and sample size agree."
                    ),
                }
            )
        else:
            lst = "、".join(f"{r.region} {r.share_pct:.2f}%" for r in bad.itertuples())
            lst_en = ", ".join(f"{labels.place(r.region, 'en')} {r.share_pct:.2f}%" for r in bad.itertuples())
            out.append(
                {
                    "kind": "discrepancy",
                    "zh": f"{zh}：{lst} 无法还原为 {bases[key]:,} 中的整数个（按两位小数）。",
                    "en": f"{_cap(en)}: {lst_en} is not a whole number out of {bases[key]:,} at two decimals.",
                }
            )
    return out


# level words from catalog/terms.csv (group ac23_resource_level)
LEVEL_ZH = {k: zh for k, (zh, _) in terms.group("ac23_resource_level").items()}
LEVEL_EN = {k: en for k, (_, en) in terms.group("ac23_resource_level").items()}


def nesting_findings(checks: Mapping[str, pd.DataFrame], names: Mapping[str, tuple[str, str]]) -> list[dict[str, str]]:
    """One summary finding if every nesting check holds (with the tightest one), else one per failure."""
    allc = pd.concat([c.assign(resource=k) for k, c in checks.items()], ignore_index=True)
    if allc.empty:
        return []
    bad = allc[~allc["holds"]]
    if bad.empty:
        loose = allc[allc["slack_pp"].abs() > allc["tolerance"]]  # equal cases are the equality notes' business
        pool = loose if len(loose) else allc
        t = pool.loc[pool["slack_pp"].idxmin()]
        zh, en = names[t["resource"]]
        kids_en = ", ".join(labels.place(c, "en") for c in t["children"].split("、"))
        return [
            {
                "kind": "reproduced",
                "zh": (
                    f"层级嵌套：共 {len(allc)} 处“上级地区不少于其列出的下级地区之和”的检验全部成立；除恰好相等者外，最紧的一处是{zh}的"
                    f"{t['parent']}（{t['parent_share']:.2f}%）≥ {t['children']}（合计 {t['children_share']:.2f}%），"
                    f"余量 {t['slack_pp']:+.2f} 个百分点。"
                ),
                "en": (
                    f"Nesting: all {len(allc)} checks that a region holds at least its listed sub-regions hold; apart "
                    f"from exact equalities the tightest is {en}: {labels.place(t['parent'], 'en')} "
                    f"({t['parent_share']:.2f}%) ≥ {kids_en} (together "
                    f"{t['children_share']:.2f}%), a slack of {t['slack_pp']:+.2f} pp."
                ),
            }
        ]
    out = []
    for r in bad.itertuples():
        zh, en = names[r.resource]
        kids_en = ", ".join(labels.place(c, "en") for c in r.children.split("、"))
        out.append(
            {
                "kind": "discrepancy",
                "zh": (
                    f"{zh}：{r.parent}（{r.parent_share:.2f}%）小于其列出的下级地区 {r.children} 之和 "
                    f"{r.children_share:.2f}%，差 {r.slack_pp:+.2f} 个百分点，超出四舍五入误差。"
                ),
                "en": (
                    f"{_cap(en)}: {labels.place(r.parent, 'en')} ({r.parent_share:.2f}%) is smaller than its "
                    f"listed sub-regions {kids_en} together ({r.children_share:.2f}%), {r.slack_pp:+.2f} pp, "
                    "beyond rounding."
                ),
            }
        )
    return out


def equality_findings(
    tidies: Mapping[str, pd.DataFrame], names: Mapping[str, tuple[str, str]], decimals: int = 2
) -> list[dict[str, str]]:
    """Notes where a metro region and a province carry the same share (to the printed decimals) within one
    resource — e.g. 珠三角 = 广东省, although the Pearl River Delta is only part of Guangdong."""
    out = []
    for key, tidy in tidies.items():
        frame = tidy[~tidy["other"]][["level", "region", "share_pct"]]
        frame = frame.assign(share_pct=frame["share_pct"].round(decimals))
        zh, en = names[key]
        for r in equal_shares_across_levels(frame).to_dict("records"):
            prd = {region_key(r["region_a"]), region_key(r["region_b"])} == {"珠江三角洲", "广东省"}
            why_zh = (
                "珠三角只是广东省的一部分，报告很可能把整个广东省计为珠三角" if prd else "报告很可能把二者视为同一组"
            )
            why_en = (
                "the Pearl River Delta is only part of Guangdong, so the report probably counts the whole province "
                "as the PRD"
                if prd
                else "the report probably counts them as the same set"
            )
            out.append(
                {
                    "kind": "note",
                    "zh": (
                        f"{zh}：{r['region_a']}（{LEVEL_ZH[r['level_a']]}）与{r['region_b']}（{LEVEL_ZH[r['level_b']]}）"
                        f"占比同为 {r['share_pct']:.2f}%；{why_zh}。原文如此，未作改动。"
                    ),
                    "en": (
                        f"{_cap(en)}: {labels.place(r['region_a'], 'en')} ({LEVEL_EN[r['level_a']]}) and "
                        f"{labels.place(r['region_b'], 'en')} ({LEVEL_EN[r['level_b']]}) carry the same share, "
                        f"{r['share_pct']:.2f}%; {why_en}. Recorded as printed."
                    ),
                }
            )
    return out


def comparison_limitation(pairs: pd.DataFrame, sided: pd.DataFrame) -> dict[str, str]:
    """What the resource-vs-firm comparison can and cannot say."""
    return {
        "kind": "limitation",
        "zh": (
            f"资源与企业的对照只用到两边都列出的 {len(pairs)} 组地区；另有 {len(sided)} 组只在一边列出，只能给出区间。"
            "比值是两种不同总体（机构与企业）中各自的占比之比，相当于只在列出地区上计算的区位熵；其余地区的占比未公布，不能推断。"
        ),
        "en": (
            f"The resource-vs-firm comparison uses only the {len(pairs)} region pairs listed on both sides; "
            f"{len(sided)} more are listed on one side only and give bounds. The ratio compares shares of two "
            "different populations (institutions and firms) — a location quotient restricted to the listed "
            "regions; the unlisted regions' shares are not published and are not inferred."
        ),
    }
