"""The city pages of the 2022 China AI industry report (seed 003, chapter cities) as structured tables: the
research-institution comparison, the city panels with their numbers, what those numbers imply, and the
co-publisher profile. Values in the unit of the dataset row (`unit`: pct, count, 100m_cny, km2 …)."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns

from ai_industry.catalog import printed, terms
from ai_industry.chapters.china_ai_industry_2022 import china_market as mc
from ai_industry.chapters.china_ai_industry_2022.policy_pilot_zones import CATEGORY_COLORS, place_name
from ai_industry.present.fonts import setup_matplotlib

CATEGORIES = ("research_universities", "government_or_academic_labs", "enterprise_labs")
# labels of the research-table columns and working English glosses (ours) of the seed's one-line city
# characterisations and panel headings: catalog/terms.csv, groups city_research_category, city_feature, city_panel
CATEGORY_LABELS = terms.group("city_research_category")  # category -> (zh, en)
FEATURE_EN: dict[str, str] = {k: en for k, (_zh, en) in terms.group("city_feature").items()}
PANEL_EN: dict[str, str] = {k: en for k, (_zh, en) in terms.group("city_panel").items()}


def feature_label(feature: str, lang: str) -> str:
    """A city's one-line characterisation as printed (zh) or our gloss (en)."""
    return feature if lang == "zh" else FEATURE_EN.get(feature, feature)


def panel_label(panel: str, lang: str) -> str:
    """A panel heading as printed (zh) or our gloss (en)."""
    return panel if lang == "zh" else PANEL_EN.get(panel, panel)


# ---- research institutions -------------------------------------------------------------------------------------
def listed_counts(institutions: pd.DataFrame, cities: Sequence[str]) -> pd.DataFrame:
    """How many names the table lists per city and category (our count of the printed names, not a printed
    number): city, research_universities, government_or_academic_labs, enterprise_labs, total."""
    tab = (
        institutions.groupby(["city", "category"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=list(cities), columns=list(CATEGORIES), fill_value=0)
    )
    tab["total"] = tab.sum(axis=1)
    return tab.reset_index()


def research_table(profile: pd.DataFrame, institutions: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The report's table in long form, one row per city and column of the table: city, category, the words
    printed before the list (if any) and the names listed (joined, as printed), how many names, seed line."""
    sep = "、" if lang == "zh" else ", "
    heads = {"research_universities": "universities_summary", "government_or_academic_labs": "labs_summary"}
    rows = []
    for rec in profile.to_dict("records"):
        c = rec["city"]
        for cat in CATEGORIES:
            names = (
                institutions[(institutions.city == c) & (institutions.category == cat)].sort_values("order").institution
            )
            head = rec.get(heads.get(cat, ""), None)
            head = "" if head is None or pd.isna(head) else str(head)
            if not head and not len(names):
                continue
            listed = sep.join(names)
            text = (
                (f"{head}：{listed}" if head and listed else head or listed)
                if lang == "zh"
                else ((f"[{head}] " if head else "") + listed)
            )
            rows.append(
                {
                    "city": c,
                    "city_label": place_name(c, lang),
                    "category": cat,
                    "category_label": CATEGORY_LABELS[cat][0 if lang == "zh" else 1],
                    "listed": text,
                    "n_listed": int(len(names)),
                    "seed_line": rec["seed_line"],
                }
            )
    return pd.DataFrame(rows)


def profile_table(profile: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per city: its one-line characterisation (printed or glossed), the numbers the table prints
    (Beijing's share of universities and count of laboratories, with qualifiers), and the seed line."""
    rows = []
    for rec in profile.to_dict("records"):
        stated = []
        if pd.notna(rec.get("universities_share_pct")):
            q = mc.qualifier_label(rec.get("universities_share_qualifier"), lang)
            stated.append(
                f"科研院校占全国 {rec['universities_share_pct']:g}%{q}"
                if lang == "zh"
                else f"{q} {rec['universities_share_pct']:g}% of the country's research universities"
            )
        if pd.notna(rec.get("labs_count")):
            q = mc.qualifier_label(rec.get("labs_count_qualifier"), lang)
            stated.append(
                f"实验室{q} {rec['labs_count']:g} 个" if lang == "zh" else f"{q} {rec['labs_count']:g} laboratories"
            )
        rows.append(
            {
                "city": rec["city"],
                "city_label": place_name(rec["city"], lang),
                "feature": feature_label(rec["feature"], lang),
                "stated": ("；" if lang == "zh" else "; ").join(stated),
                "seed_line": rec["seed_line"],
            }
        )
    return pd.DataFrame(rows)


def listed_counts_chart(counts: pd.DataFrame, lang: str, xlabel: str) -> plt.Figure:
    """Stacked horizontal bars: names listed per city by category (counts)."""
    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(counts) + 1.4))
    left = np.zeros(len(counts))
    y = np.arange(len(counts))
    for cat, col in zip(CATEGORIES, CATEGORY_COLORS):
        vals = counts[cat].to_numpy(dtype=float)
        bars = ax.barh(y, vals, left=left, color=col, label=CATEGORY_LABELS[cat][0 if lang == "zh" else 1])
        ax.bar_label(
            bars, labels=[f"{int(v)}" if v else "" for v in vals], label_type="center", fontsize=8, color="white"
        )
        left += vals
    ax.set_yticks(y, [place_name(c, lang) for c in counts.city])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


# ---- panels and their numbers --------------------------------------------------------------------------------------
def excerpt(text: str, n: int = 60) -> str:
    """The first sentence of `text`, cut to `n` characters with an ellipsis."""
    first = str(text).split("。")[0]
    return first if len(first) <= n else first[: n - 1] + "…"


def panel_overview(panels: pd.DataFrame, indicators: pd.DataFrame, lang: str, cities: Sequence[str]) -> pd.DataFrame:
    """One row per panel paragraph: city, panel heading, an excerpt (zh only), how many numbers the dataset
    records on that seed line for that city, and the seed line. Cities in the order given."""
    n_by_line = indicators.groupby(["city", "seed_line"]).size()
    rows = []
    for c in cities:
        for rec in panels[panels.city == c].to_dict("records"):
            rows.append(
                {
                    "city": c,
                    "city_label": place_name(c, lang),
                    "panel": panel_label(rec["panel"], lang),
                    "city_panel": f"{c}·{rec['panel']}"
                    if lang == "zh"
                    else f"{place_name(c, lang)}: {panel_label(rec['panel'], lang)}",
                    "excerpt": excerpt(rec["text"], 34) if lang == "zh" else "",
                    "text": rec["text"],
                    "numbers_on_line": int(n_by_line.get((c, rec["seed_line"]), 0)),
                    "seed_line": rec["seed_line"],
                }
            )
    return pd.DataFrame(rows)


def city_numbers(indicators: pd.DataFrame, cities: Sequence[str], lang: str) -> pd.DataFrame:
    """The numbers the city pages state, for `cities` (in that order): city_label plus the display columns of
    `market_checks.indicator_table`."""
    sub = indicators[indicators.city.isin(cities)].copy()
    sub["order"] = sub.city.map({c: i for i, c in enumerate(cities)})
    sub = sub.sort_values(["order", "seed_line"], kind="stable").drop(columns="order")
    out = mc.indicator_table(sub, lang)
    out["city_label"] = [place_name(c, lang) for c in out.city]
    return out


def share_statements(indicators: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The share statements of the city pages (unit pct, excluding growth rates): city, measure, value,
    qualifier, seed_line, label (city and measure in `lang`)."""
    sh = indicators[(indicators.unit == "pct") & ~indicators.indicator.str.contains("growth")].copy()
    sh = mc.indicator_table(sh, lang)
    sh["label"] = [f"{place_name(c, lang)}: {m}" if lang == "en" else f"{c}：{m}" for c, m in zip(sh.city, sh.measure)]
    return sh


def share_dots(shares: pd.DataFrame, xlabel: str, wrap: int = 34) -> plt.Figure:
    """Dots of stated shares (percent), one row per statement, the qualifier printed next to the value;
    'over' / 'under' qualifiers drawn as arrows in their direction, approximate ones as hollow dots."""
    import textwrap

    setup_matplotlib()
    fig, ax = plt.subplots(figsize=(7.8, 0.36 * len(shares) + 1.2))
    y = np.arange(len(shares))
    col = CATEGORY_COLORS[0]
    for yi, rec in zip(y, shares.to_dict("records")):
        q = rec["qualifier"] if isinstance(rec["qualifier"], str) else ""
        if printed.is_lower(q):
            ax.annotate("", (rec["value"] + 4, yi), (rec["value"], yi), arrowprops={"arrowstyle": "->", "color": col})
        elif printed.is_upper(q):
            ax.annotate("", (rec["value"] - 4, yi), (rec["value"], yi), arrowprops={"arrowstyle": "->", "color": col})
        hollow = printed.is_approximate(q)
        ax.scatter([rec["value"]], [yi], s=36, color="white" if hollow else col, edgecolor=col, zorder=3)
        ax.annotate(
            f"{rec['qualifier_label']} {rec['value']:g}%".strip(),
            (rec["value"], yi),
            xytext=(8, 4),
            textcoords="offset points",
            fontsize=8,
            va="bottom",
        )
    ax.set_yticks(y, ["\n".join(textwrap.wrap(t, wrap)) for t in shares.label], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, max(60.0, float(shares.value.max()) + 12))
    ax.set_xlabel(xlabel)
    sns.despine(ax=ax, left=True)
    fig.tight_layout()
    return fig


# (city, what, kind, unit, (a, b), scope zh, scope en): kind total = a / share b; previous = a / (1 + growth b);
# ratio = 100 a / b
DERIVED: list[tuple[str, str, str, str, tuple[str, str], str, str]] = [
    (
        "北京",
        "high_impact_scholar_person_times",
        "total",
        "count",
        ("high_impact_scholar_person_times", "high_impact_scholar_person_times_share"),
        "全国总人次",
        "national person-times",
    ),
    (
        "北京",
        "scholars_with_top_papers",
        "total",
        "count",
        ("scholars_with_top_papers", "scholars_with_top_papers_share"),
        "全国总数",
        "national total",
    ),
    (
        "北京",
        "ai_related_enterprises",
        "total",
        "count",
        ("ai_related_enterprises", "ai_related_enterprises_national_share"),
        "全国总数",
        "national total",
    ),
    (
        "北京",
        "ai_related_output",
        "previous",
        "100m_cny",
        ("ai_related_output", "ai_related_output_growth"),
        "2019年",
        "2019",
    ),
    (
        "北京",
        "ai_related_output",
        "previous4",
        "100m_cny",
        ("ai_related_output", "ai_related_output_growth_vs_2016"),
        "2016年上限（增长逾一倍）",
        "2016 ceiling (grew by over 100%)",
    ),
    (
        "深圳",
        "pct_applications",
        "total",
        "count",
        ("pct_applications", "pct_applications_national_share"),
        "全国总数",
        "national total",
    ),
    (
        "杭州",
        "enterprises_in_provincial_ai_statistics",
        "previous",
        "count",
        ("enterprises_in_provincial_ai_statistics", "enterprises_in_provincial_ai_statistics_growth"),
        "2020年",
        "2020",
    ),
    (
        "杭州",
        "enterprises_in_provincial_ai_statistics",
        "total",
        "count",
        ("enterprises_in_provincial_ai_statistics", "enterprises_in_provincial_ai_statistics_share"),
        "全省总数",
        "provincial total",
    ),
    (
        "杭州",
        "ai_rd_expenditure",
        "ratio",
        "pct",
        ("ai_rd_expenditure", "ai_revenue"),
        "占营收比重",
        "share of revenue",
    ),
]
KIND_TEXT = {
    "total": ("隐含的", "implied"),
    "previous": ("隐含的", "implied"),
    "previous4": ("隐含的", "implied"),
    "ratio": ("", ""),
}


def derived_figures(indicators: pd.DataFrame, lang: str) -> pd.DataFrame:
    """What the city numbers imply (`DERIVED`): city, measure (city, quantity and what is implied, in `lang`),
    value, unit, value_text (value with unit), arithmetic — values that follow from stated numbers, none of
    them stated in the report."""
    rows = []
    for city, what, kind, unit, (a, b), sz, se in DERIVED:
        va = mc.value_of(indicators, city=city, indicator=a)
        vb = mc.value_of(indicators, city=city, indicator=b)
        if kind == "total":
            val, arith = mc.implied_total(va, vb), f"100 × {va:g} / {vb:g}"
        elif kind in ("previous", "previous4"):
            val, arith = mc.previous_from_growth(va, vb), f"{va:g} / (1 + {vb:g}%)"
        else:
            val, arith = 100.0 * va / vb, f"100 × {va:g} / {vb:g}"
        base = indicators[(indicators.city == city) & (indicators.indicator == what)]
        name = base.indicator_zh.iloc[0] if lang == "zh" else mc.indicator_label(what)
        measure = (
            f"{city}·{name}：{KIND_TEXT[kind][0]}{sz}"
            if lang == "zh"
            else f"{place_name(city, lang)}, {name}: {(KIND_TEXT[kind][1] + ' ') if KIND_TEXT[kind][1] else ''}{se}"
        )
        digits = 1 if unit in ("pct", "100m_cny") else 0
        rows.append(
            {
                "city": city,
                "measure": measure,
                "value": val,
                "unit": unit,
                "value_text": f"{val:,.{digits}f} {mc.unit_label(unit, lang) if unit != 'count' else ''}".strip(),
                "arithmetic": arith,
                "kind": kind,
            }
        )
    return pd.DataFrame(rows)


# ---- co-publisher ------------------------------------------------------------------------------------------------------
ENTITY_EN = {k: en for k, (_zh, en) in terms.group("copublisher").items()}  # catalog/terms.csv


def entity_label(entity: str, lang: str) -> str:
    """A co-publisher entity as printed (zh) or in English."""
    return entity if lang == "zh" else ENTITY_EN.get(entity, entity)


def tianfu_checks(indicators: pd.DataFrame, area_by_city: pd.DataFrame, layout: pd.DataFrame) -> dict:
    """The co-publisher fact box checked: planned area vs the sum of its parts (km2), and the functional groups
    vs the components listed."""
    area = mc.value_of(indicators[indicators.seed_line == 563], entity="四川天府新区", indicator="planned_area")
    groups = mc.value_of(indicators, entity="成都科学城", indicator="functional_groups")
    return {
        "area": area,
        "area_parts": float(area_by_city.area_km2.sum()),
        "groups": groups,
        "components": int(len(layout)),
        "by_group": layout.groupby("group", sort=False).size().to_dict(),
    }


def city_findings(
    profile: pd.DataFrame, institutions: pd.DataFrame, indicators: pd.DataFrame, tf: dict
) -> list[dict[str, str]]:
    """Findings (kind, zh, en) of the cities chapter besides the ledger's."""
    bj = profile.set_index("city").loc["北京"]
    n_labs = int(((institutions.city == "北京") & (institutions.category == "government_or_academic_labs")).sum())
    n_uni = int(((institutions.city == "北京") & (institutions.category == "research_universities")).sum())
    bj_ent = mc.value_of(indicators, city="北京", indicator="ai_related_enterprises")
    bj_share = mc.value_of(indicators, city="北京", indicator="ai_related_enterprises_national_share")
    sz_ent = mc.value_of(indicators, city="深圳", indicator="ai_related_enterprises")
    nat = mc.implied_total(bj_ent, bj_share)
    return [
        {
            "kind": "limitation",
            "zh": (
                f"研发机构表中北京的实验室写“超过{int(bj.labs_count)}个”，但只列出 {n_labs} 个；科研院校写“占全国"
                f"{int(bj.universities_share_pct)}%以上”，列出 {n_uni} 个。其余各城市的名单也只是举例，不能当作完整计数。"
            ),
            "en": (
                f"The research table says Beijing has 'over {int(bj.labs_count)}' laboratories but names {n_labs}, and "
                f"'over {int(bj.universities_share_pct)}% of the country's' research universities but names {n_uni}; the other "
                f"cities' lists are examples too, not complete counts."
            ),
        },
        {
            "kind": "note",
            "zh": (
                f"北京人工智能相关企业约 {bj_ent:,.0f} 家、占全国 {bj_share:g}%，隐含全国约 {nat:,.0f} 家；深圳 {sz_ent:,.0f} 家"
                f"（2021 年，全国前三）若按同一总数约占 {100 * sz_ent / nat:.1f}%。北京的数字未注明年份，二者口径是否一致无从判断。"
            ),
            "en": (
                f"Beijing has about {bj_ent:,.0f} AI-related enterprises, {bj_share:g}% of the country, implying about {nat:,.0f} "
                f"nationally; Shenzhen's {sz_ent:,.0f} (2021, top three) would be {100 * sz_ent / nat:.1f}% of that total. Beijing's "
                f"figure has no year, so whether the two are on the same basis cannot be told."
            ),
        },
        {
            "kind": "reproduced"
            if abs(tf["area"] - tf["area_parts"]) < 1e-9 and tf["groups"] == tf["components"]
            else "discrepancy",
            "zh": (
                f"联合发布单位介绍：天府新区规划面积 {tf['area']:,.0f} 平方公里 = 各市面积之和 {tf['area_parts']:,.0f}；成都科学城"
                f"“七大功能组团”与列出的 {tf['components']} 个组成部分（{'、'.join(f'{k} {v} 个' for k, v in tf['by_group'].items())}）一致。"
            ),
            "en": (
                f"Co-publisher profile: the Tianfu New Area's planned {tf['area']:,.0f} km² equals the sum of its parts by city "
                f"({tf['area_parts']:,.0f}); Chengdu Science City's {int(tf['groups'])} functional groups match the {tf['components']} "
                f"components listed."
            ),
        },
    ]


# ---- the section: tables the cities notebook shows -----------------------------------------------------------------
BEIJING_SHARES = ("investment_event_share", "patent_application_share", "ai_talent_share")
NUMBER_GROUPS = [
    (("北京", "Beijing"), ["北京"]),
    (("大湾区", "Greater Bay Area"), ["广东", "广州", "深圳", "香港"]),
    (("杭州", "Hangzhou"), ["杭州"]),
]  # the city-number tables: (title zh, en), cities


def beijing_shares(indicators: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Beijing's stated shares among key cities (investment events, patent applications, AI talent) as an
    indicator table in `lang` with the city's label."""
    bj = indicators[(indicators.city == "北京") & indicators.indicator.isin(list(BEIJING_SHARES))]
    return mc.indicator_table(bj, lang).assign(city_label=place_name("北京", lang))


def patent_order(patents: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The cities in the order the report lists their AI patent applications, with labels in `lang`."""
    return patents.assign(city_label=[place_name(c, lang) for c in patents.city])


def number_groups(indicators: pd.DataFrame, lang: str) -> list[tuple[str, pd.DataFrame]]:
    """The city-panel numbers per group of cities (Beijing, the Greater Bay Area, Hangzhou): (title, table)."""
    return [(zh if lang == "zh" else en, city_numbers(indicators, cities, lang)) for (zh, en), cities in NUMBER_GROUPS]


def tianfu_table(indicators: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The co-publisher profile's numbers as an indicator table in `lang` with the entity's label."""
    return mc.indicator_table(indicators, lang).assign(entity_label=[entity_label(e, lang) for e in indicators.entity])
