"""Ordinal statements of the 2022 China AI industry report (seed 003) that survive where a chart was lost: who
leads, who is ahead of whom, who overtook whom, as a table of facts per chapter, each checked against the
report's one ranking of places (the key cities by patent applications, line 403) where that ranking covers it.
Labels: catalog/terms.csv, groups c22_ordinal_relation, c22_ordinal_measure, c22_ordinal_check."""

from __future__ import annotations

import pandas as pd

from ai_industry.catalog import terms

ORD, RANKING = "ordinal_statements", "city_patent_ranking"
RANKED_MEASURE = "patent_applications"  # what the ranking ranks
SERIES = "report_series_2022"


def names(cell) -> list[str]:
    """The places of an `ahead` / `behind` cell ('A、B' -> ['A', 'B']; empty -> [])."""
    return [n for n in str(cell).split("、") if n and n != "nan"] if isinstance(cell, str) else []


def check(row, ranking: pd.DataFrame) -> tuple[str, str]:
    """(status, detail) of one statement against the ranking (columns city, rank): `source` for the statement the
    ranking is transcribed from, `holds` / `fails` where the ranking ranks the places it names (a place the top-k
    ranking does not print ranks after every place it prints), `no_table` otherwise (other measure, or places it
    does not rank)."""
    if row.measure != RANKED_MEASURE:
        return "no_table", ""
    if int(row.seed_line) in set(ranking.seed_line.astype(int)):
        return "source", ""
    rank = dict(zip(ranking.city, ranking["rank"].astype(int)))
    n = len(rank)
    ahead, behind = names(row.ahead), names(row.behind)

    def r(x):
        return rank.get(x, rank.get(x.removesuffix("市")))

    if row.relation in ("ahead_of", "overtook") and len(ahead) == 1 and len(behind) == 1 and r(ahead[0]):
        ra, rb = r(ahead[0]), r(behind[0])
        ok = rb is None or ra < rb
        return ("holds" if ok else "fails"), f"{ahead[0]} {ra} / {behind[0]} {rb if rb else f'> {n}'}"
    if row.relation == "behind_others" and len(behind) == 1:
        rb = r(behind[0])
        return ("holds" if rb is None or rb == n else "fails"), f"{behind[0]} {rb if rb else f'> {n}'}"
    if row.relation == "leads" and ahead and all(r(a) for a in ahead):
        ok = all(r(a) <= len(ahead) for a in ahead)
        return ("holds" if ok else "fails"), " / ".join(f"{a} {r(a)}" for a in ahead)
    return "no_table", ""


def statements(df: pd.DataFrame, chapter: str, ranking: pd.DataFrame | None = None) -> pd.DataFrame:
    """The ordinal statements of the seed's chapter ('02', '03', '04') in printed order, with their check."""
    out = (
        df[df.chapter.astype(str) == chapter].sort_values(["seed_line", "order"], kind="stable").reset_index(drop=True)
    )
    if ranking is None:
        return out.assign(check="no_table", check_detail="")
    checked = [check(r, ranking) for r in out.itertuples()]
    return out.assign(check=[c for c, _ in checked], check_detail=[d for _, d in checked])


def fact_text(row, lang: str, place) -> str:
    """One statement as an ordinal fact: 'A 领先于 B（专利申请，近五年）' / 'A ahead of B (patent applications, past
    five years)'; names as printed (zh) or through `place` (en)."""
    rel = terms.group("c22_ordinal_relation")[row.relation]
    meas = terms.group("c22_ordinal_measure")[row.measure]
    i = 0 if lang == "zh" else 1
    sep = "、" if lang == "zh" else ", "
    groups = terms.group("c22_ordinal_place")  # regions and groups of provinces the places table does not know
    known = place

    def place(n: str) -> str:
        return groups[n][i] if n in groups else known(n)

    ahead, behind = sep.join(place(n) for n in names(row.ahead)), sep.join(place(n) for n in names(row.behind))
    period = row.period if isinstance(row.period, str) else ""
    if lang == "en" and period:
        period = "past five years" if period == "近五年" else period
    core = " ".join(x for x in (ahead, rel[i], behind) if x) if lang == "en" else f"{ahead}{rel[i]}{behind}"
    if row.relation == "order":
        core = f"{rel[0]}{ahead}" if lang == "zh" else f"{ahead} ({rel[1]})"
    if row.relation == "behind_others":
        core = f"{behind}{rel[0]}" if lang == "zh" else f"{behind} {rel[1]}"
    extra = (
        "，".join(x for x in (meas[0], period) if x) if lang == "zh" else ", ".join(x for x in (meas[1], period) if x)
    )
    return f"{core}（{extra}）" if lang == "zh" else f"{core} ({extra})"


def show(ch, chapter: str, with_ranking: bool = True) -> pd.DataFrame:
    """The table of ordinal facts of one chapter, each with its quote, the lost chart it describes and its check."""
    st = statements(ch.load(ORD), chapter, ch.load(RANKING) if with_ranking else None)
    lang = ch.lang
    checks = terms.group("c22_ordinal_check")
    t = st.assign(
        fact=[fact_text(r, lang, ch.place) for r in st.itertuples()],
        chart_label=[c if isinstance(c, str) else ch.pick("（无图）", "(no chart)") for c in st.chart],
        check_label=[
            checks[c][0 if lang == "zh" else 1] + (f"（{d}）" if d and lang == "zh" else f" ({d})" if d else "")
            for c, d in zip(st.check, st.check_detail)
        ],
        claim=st.claim_id.fillna(""),
    )
    ch.table(
        t,
        f"ordinal_statements_{chapter}",
        [ORD, RANKING] if with_ranking else [ORD],
        title=ch.pick(
            "图已缺失处保留下来的排序事实（报告所述）", "Ordinal facts that survive where a chart was lost (as stated)"
        ),
        columns={
            "fact": ch.pick("排序事实", "Ordinal fact"),
            "quote": ch.pick("原文", "Quote (as printed)"),
            "chart_label": ch.pick("所述的图（已缺失）", "Chart it describes (lost)"),
            "check_label": ch.pick("核对", "Check"),
            "claim": ch.pick("台账声明", "Ledger claim"),
            "seed_line": ch.pick("原文行", "Seed line"),
        },
        note=ch.pick(
            "只记录排序，不推算数值；核对只用报告自己的重点城市专利申请排序（第四部分），其余表述没有可核对的表。",
            "Orders only, no values are inferred; the check uses the report's own ranking of key cities by patent applications (chapter 4); the other statements have no table to check against.",
        ),
    )
    return st


def series(df: pd.DataFrame, title_zh: str) -> dict[str, object]:
    """The publisher's 2022 report series in release order, and the row of this report (the series title that
    the publication's title contains), or None."""
    out = df.sort_values(["month", "order"], kind="stable").reset_index(drop=True)
    own = out[[t in title_zh for t in out.report]]
    return {"rows": out, "own": own.iloc[0] if len(own) else None}


def show_series(ch) -> dict[str, object]:
    """The back matter's report series as printed (zh titles; the seed gives no English titles), with this
    report's row found by the publication's own title (`series`)."""
    from ai_industry.catalog import datasets as catalog

    s = series(ch.load(SERIES), catalog.source(ch.dataset(SERIES)).publication.title_zh)
    rows = s["rows"]
    ch.table(
        rows.assign(
            month_label=[ch.pick(f"{m}月", f"2022-{m:02d}") for m in rows.month],
            report_en=ch.pick("", "(the seed gives no English title)"),
        ),
        "report_series_2022",
        [SERIES],
        title=ch.pick("封底：2022“赋能高质量发展”系列发布", "Back matter: the publisher's 2022 report series"),
        columns={
            "month_label": ch.pick("时间", "Month"),
            "report": ch.pick("报告（原文题名）", "Report (title as printed)"),
        }
        | ({} if ch.lang == "zh" else {"report_en": "English title"})
        | {"seed_line": ch.pick("原文行", "Seed line")},
        note=ch.pick(
            "原文分两栏印出（时间｜报告｜时间｜报告），此处按月份排列；同月两份报告按印出顺序。",
            "Printed in two column blocks (month | report | month | report), listed here by month; two reports of one month in printed order. Titles are given in Chinese only, as printed.",
        ),
    )
    return s


def summary(st: pd.DataFrame) -> dict[str, str]:
    """One sentence (zh, en) on a chapter's ordinal facts: how many, how many the ranking can check, and how many
    of those it contradicts."""
    n = len(st)
    checked = st[st.check.isin(["holds", "fails"])]
    bad = int((checked.check == "fails").sum())
    lost = int(st.chart.notna().sum())
    return {
        "zh": f"这一部分有 {n} 条排序表述（其中 {lost} 条所述的图已在文本中缺失），只给出先后，不给数值；"
        + (
            f"其中 {len(checked)} 条可以用报告自己的重点城市专利申请排序核对，{bad} 条与之不符。"
            if len(checked)
            else "报告没有可供核对的排序表。"
        ),
        "en": f"This part has {n} ordinal statements ({lost} describing a chart now missing from the text): orders, no values; "
        + (
            f"{len(checked)} can be checked against the report's own ranking of key cities by patent applications, and {bad} disagree with it."
            if len(checked)
            else "the report has no ranking to check them against."
        ),
    }
