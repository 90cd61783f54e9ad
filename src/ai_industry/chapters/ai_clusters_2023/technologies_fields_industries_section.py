"""The section "技术体系、应用领域和产业分布" (seed 001, 六(二)–六(四)) assembled from
`technologies_fields_industries`: the inputs it loads, the values its sentences format (computed once here) and
the figures and tables it shows (`show_*`, each taking the open `Chapter`) — the technology categories, the
application fields, the three sectors and the industries within them, the report's industry names against
GB/T 4754-2017, the industries' shares of all relations and the ledger's restatements of the same numbers."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ai_industry.catalog import terms
from ai_industry.chapters.ai_clusters_2023.technologies_fields_industries import (
    SECTOR_ZH,
    TRENDS,
    claim_value,
    claims_on_lines,
    enumerations_agree,
    named_without_share,
    remainder_check,
    restatements,
    restatements_wide,
    share_of_all,
    standard_name,
    trend_vs_snapshot,
    unlisted_sections,
    with_standard_names,
    wrap,
    wrap_names,
)
from ai_industry.methods.stats import remainder_pct
from ai_industry.present import charts

# Inputs by their short names in config/sections.yaml; each show_* takes the open Chapter.
TE, FI, SE, DI, CL, NC = (
    "tech_category_share",
    "application_field_share",
    "industry_sector_share",
    "industry_division_share",
    "claims",
    "named_categories",
)
INDUSTRY_FIGURES = {"tertiary": 23, "secondary": 24, "manufacturing": 25}  # the report's figure for each level
# The fifth tertiary industry that only the introduction (and the summary) give: its ledger claim and GB/T 4754 section
TERTIARY_FIFTH = {"claim": "c001_0211_07", "code": "F"}


def _term(group: str, key: str, lang: str) -> str:
    """A label of this module's term groups in `lang`; the key itself where the group has no entry."""
    zh, en = terms.group(group).get(key, (key, key))
    return zh if lang == "zh" else en


@dataclass
class Section:
    tech: pd.DataFrame
    fields: pd.DataFrame
    sectors: pd.DataFrame
    claims: pd.DataFrame
    div: pd.DataFrame  # industry divisions with their standard names
    named: pd.DataFrame  # the text's enumerations of the 17 technologies and 19 fields (names only)
    n_tech: int  # ledger: "17种技术"
    n_fields: int  # ledger: "19个应用领域"
    n_fig25: int  # ledger: Figure 25 shows the top 20 manufacturing divisions

    @property
    def m_n(self) -> int:
        """How many manufacturing divisions the prose gives numbers for."""
        return len(self.div[self.div.level == "manufacturing"])


def load(ch) -> Section:
    claims = ch.load(CL)
    return Section(
        tech=ch.load(TE),
        fields=ch.load(FI),
        sectors=ch.load(SE),
        claims=claims,
        div=with_standard_names(ch.load(DI)),
        named=ch.load(NC),
        n_tech=int(claim_value(claims, "c001_0672_01")),
        n_fields=int(claim_value(claims, "c001_0209_02")),
        n_fig25=int(claim_value(claims, "c001_0727_01")),
    )


def overview(s: Section) -> dict[str, float]:
    """The tertiary and secondary shares and the sums of the published technology and field shares."""
    ter, sec_ = (s.sectors.set_index("sector").share_pct[SECTOR_ZH[k]] for k in ("tertiary", "secondary"))
    return {
        "tertiary": ter,
        "secondary": sec_,
        "tech_total": s.tech.share_pct.sum(),
        "fields_total": s.fields.share_pct.sum(),
    }


def show_bars(
    ch, names, shares, rest_label: str, name: str, sources, title: str, note: str, digits: int = 2, **extra
) -> None:
    """Share bars with the unpublished remainder as its own bar (`extra`: `charts.share_bars`' keywords: the
    names the text gives without a share, bars from another place of the report)."""
    fig = charts.share_bars(
        [wrap(n) for n in names],
        list(shares),
        extra.pop("remainder", remainder_pct(shares)),
        rest_label,
        ch.t("share_pct"),
        digits=digits,
        **extra,
    )
    ch.figure(fig, name, sources, title=title, note=note)


def unnamed_share_note(ch, s: Section, kind: str, listed) -> tuple[pd.DataFrame, str]:
    """The names of `kind` the text gives without a share, and the text written under the remainder bar."""
    rest = named_without_share(s.named, kind, listed)
    return rest, wrap_names(list(rest.name if ch.lang == "zh" else rest.name_en), ch.lang)


def show_technologies(ch, s: Section) -> None:
    """Figure 18 redrawn: the top technology categories and the rest, named as the text names them."""
    tech, n_tech = s.tech, s.n_tech
    rt = remainder_check(tech.share_pct, n_tech)
    rest, rest_text = unnamed_share_note(ch, s, "technology", tech.technology)
    show_bars(
        ch,
        list(tech.technology) if ch.lang == "zh" else list(tech.technology_en),
        tech.share_pct,
        ch.pick(
            f"其余 {len(rest)} 种技术（正文列出名称，未给占比）",
            f"the other {len(rest)} technologies (named in the text, share not given)",
        ),
        "fig18_technology_categories",
        [TE, NC, CL],
        ch.pick(
            f"图18（重绘）技术合作关系的技术类别分布（{n_tech}种中的前{len(tech)}种）",
            f"Figure 18 (redrawn): technology-cooperation relations by technology category (top {len(tech)} of {n_tech})",
        ),
        ch.pick(
            f"原图在文本中缺失，数字取自正文；灰色斜线条为其余技术的合计，其名称见条下（正文第{rest.seed_line.iloc[0]}行的列举），各自的占比未公布：平均每种 {rt['mean_rest_pct']:.2f}%，每种不超过 {tech.share_pct.min():.2f}%（合计最多 {rt['max_rest_pct']:.2f}%，与报告{'相容' if rt['feasible'] else '矛盾'}）。"
            f"内容提要{'列举相同' if enumerations_agree(s.named, 'technology') else '的列举与之不同'}。技术与领域的总数取自数字台账。",
            f"The figure is missing from the text; the numbers are the prose's. The grey hatched bar is the other technologies together, named under it as the text lists them (seed line {rest.seed_line.iloc[0]}; English names from the report's English abstract); their shares are not published: {rt['mean_rest_pct']:.2f}% each on average, none above {tech.share_pct.min():.2f}% "
            f"(at most {rt['max_rest_pct']:.2f}% together: {'consistent' if rt['feasible'] else 'inconsistent'} with the report). "
            f"The summary's list is {'the same' if enumerations_agree(s.named, 'technology') else 'different'}. The numbers of technologies and fields come from the claims ledger.",
        ),
        remainder_names=rest_text,
    )


def show_fields(ch, s: Section) -> None:
    """Figure 20 redrawn: the top application fields and the rest, named as the text names them."""
    fields, n_fields = s.fields, s.n_fields
    rf = remainder_check(fields.share_pct, n_fields)
    rest, rest_text = unnamed_share_note(ch, s, "field", fields.field)
    show_bars(
        ch,
        list(fields.field) if ch.lang == "zh" else list(fields.field_en),
        fields.share_pct,
        ch.pick(
            f"其余 {len(rest)} 个应用领域（正文列出名称，未给占比）",
            f"the other {len(rest)} fields (named in the text, share not given)",
        ),
        "fig20_application_fields",
        [FI, NC, CL],
        ch.pick(
            f"图20（重绘）人工智能技术合作关系的应用领域分布（{n_fields}个中的前{len(fields)}个）",
            f"Figure 20 (redrawn): AI technology-cooperation relations by application field (top {len(fields)} of {n_fields})",
        ),
        ch.pick(
            f"原图的数字未在文本中给出，此处只画正文列出占比的前几位。其余 {rf['n_rest']} 个领域（名称见条下，取自第{rest.seed_line.iloc[0]}行的列举）合计 {rf['remainder_pct']:.2f}%，平均每个 {rf['mean_rest_pct']:.2f}%，"
            f"每个都不超过第{len(fields)}位的 {fields.share_pct.min():.2f}%（合计最多 {rf['max_rest_pct']:.2f}%，与报告{'相容' if rf['feasible'] else '矛盾'}）。"
            f"内容提要{'列举相同' if enumerations_agree(s.named, 'field') else '的列举与之不同'}。",
            f"Only the leading fields whose shares the prose gives are drawn. The other {rf['n_rest']} fields (named under the bar as listed on seed line {rest.seed_line.iloc[0]}; English names from the report's English abstract) hold {rf['remainder_pct']:.2f}% together, {rf['mean_rest_pct']:.2f}% on average, "
            f"none above the fifth's {fields.share_pct.min():.2f}% (at most {rf['max_rest_pct']:.2f}% together: {'consistent' if rf['feasible'] else 'inconsistent'} with the report). "
            f"The summary's list is {'the same' if enumerations_agree(s.named, 'field') else 'different'}.",
        ),
        remainder_names=rest_text,
    )


def trend_notes(s: Section) -> list[dict[str, object]]:
    """Per trend sentence (TRENDS): the sentence, how many ledger claims sit on its line, and the categories it
    names as 'steady' and 'rising' with their rank in the published list, as text in zh and en."""
    snap = [(list(s.tech.technology), list(s.tech.technology_en)), (list(s.fields.field), list(s.fields.field_en))]
    out = []
    for trend, (names, _) in zip(TRENDS, snap):
        tv, n = trend_vs_snapshot(trend, names), len(names)
        zh = {
            k: "、".join(
                f"{r.name}（第{int(r.rank)}位）" if r.listed_as else f"{r.name}（未列入前{n}位）"
                for r in tv[tv.kind == k].itertuples()
            )
            for k in ("steady", "rising")
        }
        en = {
            k: ", ".join(
                f"{r.name_en} (rank {int(r.rank)})" if r.listed_as else f"{r.name_en} (not in the top {n})"
                for r in tv[tv.kind == k].itertuples()
            )
            for k in ("steady", "rising")
        }
        out.append(
            {"trend": trend, "n_claims": claims_on_lines(s.claims, "001", [int(trend["line"])]), "zh": zh, "en": en}
        )
    return out


def show_sectors(ch, s: Section) -> None:
    """Figure 22 redrawn: the three sectors, with the introduction's different tertiary share in the note."""
    sectors = s.sectors
    intro_ter = claim_value(s.claims, "c001_0211_01")  # the introduction's tertiary share
    total, intro_total = sectors.share_pct.sum(), intro_ter + sectors.share_pct[1:].sum()
    show_bars(
        ch,
        list(sectors.sector) if ch.lang == "zh" else list(sectors.sector_en),
        sectors.share_pct,
        ch.t("others"),
        "fig22_three_sectors",
        [SE, CL],
        ch.pick(
            "图22（重绘）人工智能技术合作关系在三次产业的分布",
            "Figure 22 (redrawn): AI technology-cooperation relations by sector",
        ),
        ch.pick(
            f"三项合计 {total:.2f}%，是完整分布。引言与内容提要写第三产业 {intro_ter:.2f}%，与另两项合计只有 {intro_total:.2f}%。",
            f"The three add up to {total:.2f}%, a complete distribution. The introduction and abstract give the tertiary sector {intro_ter:.2f}%, which with the other two makes only {intro_total:.2f}%.",
        ),
    )


def _industry_bars(
    ch, s: Section, level: str, rest_zh: str, rest_en: str, note_zh: str, note_en: str, sources=(DI, CL), extra=()
) -> None:
    """One level's industries as share bars; `extra` holds (code, value, label suffix) of industries another
    place of the report gives, drawn after the body's in the other-source style and taken out of the remainder."""
    no, (zh, en) = INDUSTRY_FIGURES[level], terms.group("ac23_industry_level")[level]
    d = s.div[s.div.level == level]
    names = [f"{c} {n}" for c, n in zip(d.gbt4754_code, d.std_name_zh if ch.lang == "zh" else d.std_name_en)]
    names += [f"{c} {standard_name(c)[0 if ch.lang == 'zh' else 1]}{suffix}" for c, _, suffix in extra]
    values = [*d.share_pct, *(v for _, v, _ in extra)]
    show_bars(
        ch,
        names,
        values,
        ch.pick(rest_zh, rest_en),
        f"fig{no}_{level}_industries",
        list(sources),
        ch.pick(
            f"图{no}（重绘）人工智能技术合作关系在{zh}内部的行业分布（前{len(values)}位）",
            f"Figure {no} (redrawn): AI technology-cooperation relations within {en} (top {len(values)})",
        ),
        ch.pick(note_zh, note_en),
        **(
            {
                "remainder": remainder_pct(values),
                "other_source": [False] * len(d) + [True] * len(extra),
                "other_source_label": ch.pick(
                    "引言与内容提要所给（正文未列）", "given by the introduction and summary only"
                ),
            }
            if extra
            else {}
        ),
    )


def show_industries(ch, s: Section) -> None:
    """Figures 23–25 redrawn: within the tertiary sector, the secondary sector and manufacturing."""
    div = s.div
    t_rest = unlisted_sections(div[div.level == "tertiary"].gbt4754_code, "tertiary")
    fifth = claim_value(s.claims, TERTIARY_FIFTH["claim"])  # the introduction's fifth tertiary industry
    f_code = TERTIARY_FIFTH["code"]
    f_zh, f_en = standard_name(f_code)
    rest_codes = [c for c in t_rest.code if c != f_code]
    _industry_bars(
        ch,
        s,
        "tertiary",
        f"其余 {len(rest_codes)} 个门类（未公布）",
        f"the other {len(rest_codes)} sections (not reported)",
        f"标签为国家标准门类代码与名称，占比为占第三产业的百分比。正文列出前四位；第五位 {f_code} {f_zh}（{fifth:.2f}%）只见于引言与内容提要，正文未提，按其所给画出（浅色虚线框）。"
        f"其余部分只能落在{'、'.join(rest_codes)}这些门类中。",
        f"Labels are the national-standard section codes and names; shares are percent of the tertiary sector. The body lists four; the fifth, {f_code} {f_en.lower()} ({fifth:.2f}%), "
        f"is given only by the introduction and the summary (the body does not mention it) and is drawn as they give it (pale, dashed edge). The rest can only lie in sections {', '.join(rest_codes)}.",
        extra=[(f_code, fifth, ch.pick("（引言）", " (introduction)"))],
    )
    s_rest = unlisted_sections(div[div.level == "secondary"].gbt4754_code, "secondary")
    s_rem = remainder_pct(div[div.level == "secondary"].share_pct)
    _industry_bars(
        ch,
        s,
        "secondary",
        ch.t("others"),
        ch.t("others"),
        f"占第二产业的百分比。按国家统计局三次产业划分，第二产业中未列出的门类只有{'、'.join(f'{c} {n}' for c, n in zip(s_rest.code, s_rest.name_zh))}，其余 {s_rem:.2f}% 应当属于它（报告未说明）。",
        f"Percent of the secondary sector. Under the NBS sector rules the only section of the secondary sector not listed is {', '.join(f'{c} {n}' for c, n in zip(s_rest.code, s_rest.name_en))}, "
        f"so the remaining {s_rem:.2f}% should be it (the report does not say).",
        sources=(DI,),
    )
    _industry_bars(
        ch,
        s,
        "manufacturing",
        "其余大类（未公布）",
        "other divisions (not reported)",
        f"标签为国家标准大类代码与名称，占比为占制造业的百分比。原图列出前 {s.n_fig25} 个大类，正文只给出前 {s.m_n} 个的数字。",
        f"Labels are the national-standard division codes and names; percent of manufacturing. The original figure shows the top {s.n_fig25} divisions; the prose gives numbers for the top {s.m_n} only.",
    )


def show_standard_names(ch, s: Section) -> None:
    """The report's industry names against GB/T 4754-2017."""
    div, lang = s.div, ch.lang
    names = div.assign(
        level_label=[_term("ac23_industry_level_short", lv, lang) for lv in div.level],
        same=[ch.pick("相同", "yes") if x else ch.pick("不同", "no") for x in div.same_as_standard],
    )
    ch.table(
        names[
            [
                "level",
                "level_label",
                "rank",
                "gbt4754_code",
                "industry",
                "std_name_zh",
                "std_name_en",
                "same_as_standard",
                "same",
                "seed_variants",
            ]
        ],
        "industries_gbt4754",
        [DI],
        title=ch.pick(
            "报告的行业名称与《国民经济行业分类》（GB/T 4754—2017）", "The report's industry names and GB/T 4754-2017"
        ),
        columns={
            "level_label": ch.pick("所属", "Within"),
            "gbt4754_code": ch.pick("代码", "Code"),
            "industry": ch.pick("正文用词", "Body wording"),
            "std_name_zh": ch.pick("标准名称", "Standard name"),
        }
        | ({} if lang == "zh" else {"std_name_en": "English"})
        | {"same": ch.pick("是否相同", "Same?"), "seed_variants": ch.pick("报告他处用词", "Elsewhere in the report")},
        note=ch.pick(
            "门类名称对照国家标准，大类为制造业门类（C）之下的两位数代码。",
            "Sections are the standard's letters; divisions are the two-digit codes under section C (manufacturing). The English names are an NBS-style rendering; the standard is Chinese only.",
        ),
    )


def show_share_of_all(ch, s: Section) -> dict[str, object]:
    """Each industry's share of all relations (nested shares multiplied), shown as a table; returns the largest
    industry (label, share) and manufacturing's share of all relations."""
    lang = ch.lang
    alls = share_of_all(s.sectors, s.div)
    alls = alls.assign(
        label=[f"{c} {n}" for c, n in zip(alls.gbt4754_code, alls.std_name_zh if lang == "zh" else alls.std_name_en)],
        level_label=[_term("ac23_industry_level_short", lv, lang) for lv in alls.level],
    )
    ch.table(
        alls[
            [
                "level",
                "level_label",
                "gbt4754_code",
                "label",
                "share_pct",
                "sector_pct",
                "manufacturing_pct",
                "parents_shown",
                "share_of_all_pct",
            ]
        ],
        "industries_share_of_all",
        [SE, DI],
        title=ch.pick(
            "各行业占全部技术合作关系的比重（由嵌套占比相乘）",
            "Each industry's share of all technology-cooperation relations (nested shares multiplied)",
        ),
        columns={
            "level_label": ch.pick("所属", "Within"),
            "label": ch.pick("行业", "Industry"),
            "share_pct": ch.pick("占上一级（%）", "Of parent (%)"),
            "parents_shown": ch.pick("上一级占比", "Parent shares"),
            "share_of_all_pct": ch.pick("占全部（%）", "Of all (%)"),
        },
        formats={"share_pct": "{:.2f}", "share_of_all_pct": "{:.2f}"},
        note=ch.pick(
            "假定各级占比以同一批技术合作关系为基数；结果是推算值，报告没有给出。",
            "Assumes every level's shares are of the same set of relations; derived values the report does not print.",
        ),
    )
    top = alls.sort_values("share_of_all_pct", ascending=False).iloc[0]
    return {
        "top_label": top.label,
        "top_pct": top.share_of_all_pct,
        "manufacturing_pct": alls[alls.gbt4754_code == "C"].share_of_all_pct.iloc[0],
    }


def show_restatements(ch, s: Section) -> tuple[pd.DataFrame, list[str]]:
    """The body's shares against the same numbers in the abstracts and the introduction (a table); returns the
    wide frame and the columns of the sections that restate the body."""
    lang = ch.lang
    rest = restatements(s.claims, "001", ["六(二)", "六(三)", "六(四)"])
    wide = restatements_wide(rest[rest.unit == "pct"], s.claims)
    other = [c for c in wide.columns if c in set(rest.section)]  # one column per section that restates the body
    en = (
        dict(zip(s.tech.technology, s.tech.technology_en))
        | dict(zip(s.fields.field, s.fields.field_en))
        | dict(zip(s.sectors.sector, s.sectors.sector_en))
        | dict(zip(s.div.industry, s.div.std_name_en))
    )
    wide["differs_label"] = [ch.pick("不同", "differs") if d else ch.pick("相同", "same") for d in wide.differs]
    wide["name_label"] = [
        (n if lang == "zh" else en.get(n, n)) + ch.pick(f"（第{ln}行）", f" (l. {ln})")
        for n, ln in zip(wide.body_name, wide.body_line)
    ]
    ch.table(
        wide,
        "body_vs_abstract_introduction",
        [CL],
        title=ch.pick(
            "正文的占比与报告他处的同一数字", "The body's shares and the same numbers elsewhere in the report"
        ),
        columns={
            "name_label": ch.pick("对象（正文所在行）", "Share of (body line)"),
            "body_value": ch.pick("正文（%）", "Body (%)"),
        }
        | {c: _term("ac23_restatement_section", c, lang) for c in other}
        | {"max_diff": ch.pick("最大差（百分点）", "Largest gap (pp)")},
        formats={c: "{:.2f}" for c in ["body_value", *other]} | {"max_diff": "{:+.2f}"},
    )
    return wide, other
