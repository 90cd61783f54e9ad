"""The summary (内容提要), introduction (一) and part three (三) of the ai-clusters-2023 report: the headline
figures no other chapter shows (MIIT's firm count and core-industry size, universities, the US CHIPS Act, and
the talent figures printed only in 七(一)), the counts the text states and then enumerates, the footnote on
China's manufacturing world shares, and where every other number of these parts is shown."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from ai_industry.present.labels import qualifier_label

# the parts of the seed this chapter accounts for, as the ledger labels them
PARTS = ("内容提要", "一", "三(一)", "三(二)")
# places where the headline figures are restated (ledger labels)
RESTATING = ("内容提要", "Abstract")
NUMERALS = "一二三四五六七八九十"
# headline item -> programme of the dataset ai_programme_universities (七(一), line 733)
PROGRAMMES = {
    "ai_major_universities": "人工智能",
    "iscience_major_universities": "智能科学与技术",
    "ai_service_vocational_colleges": "人工智能技术服务",
}

# unit (as in the dataset and ledger) -> (zh, en) display unit
UNITS: dict[str, tuple[str, str]] = {
    "count": ("", ""),
    "rank": ("位", "rank"),
    "100m_cny": ("亿元", "CNY 100m"),
    "100m_usd": ("亿美元", "US$ 100m"),
    "years": ("年", "years"),
    "10k_persons": ("万人", "10k people"),
    "pct": ("%", "%"),
}
# printed qualifier -> its zh wording before the value in this chapter's sentences (多 stands after the number;
# the English wording is the qualifier table's, catalog/qualifiers.csv, through labels.qualifier_label)
ZH_BEFORE: dict[str, str] = {"超过": "超过", "多": "", "大约": "约"}


def fmt_value(value: float, unit: str, qualifier: str = "", lang: str = "zh") -> str:
    """A printed figure with its qualifier and unit in `lang`: '超过4,000亿元', '520多亿美元', 'over CNY 400 bn'
    (English amounts in 亿 are shown in billions, 万 persons in millions: the same amount, not rounded)."""
    zh_unit, en_unit = UNITS.get(unit, (unit, unit))
    q = qualifier if isinstance(qualifier, str) else ""
    if lang == "zh":
        num = _num(value)
        if unit == "rank":
            return f"第{num}"
        return f"{num}多{zh_unit}" if q == "多" else f"{ZH_BEFORE.get(q, '')}{num}{zh_unit}"
    pre = qualifier_label(q, "en")
    text = {
        "100m_cny": f"CNY {_num(value / 10)} bn",
        "100m_usd": f"US$ {_num(value / 10)} bn",
        "10k_persons": f"{_num(value / 100)} million people",
        "rank": f"No. {_num(value)}",
        "pct": f"{_num(value)}%",
    }.get(unit, f"{_num(value)} {en_unit}".strip())
    return f"{pre} {text}".strip()


def _num(value: float) -> str:
    """A number with thousands separators and no trailing zeros."""
    v = float(value)
    return f"{v:,.0f}" if v.is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")


def section_en(section: str) -> str:
    """A ledger section label in English numbering: '一' -> '1', '三(二)' -> '3.2', '内容提要' -> 'Summary'."""
    if section == "内容提要":
        return "Summary"
    out = []
    for ch in section:
        if ch in NUMERALS:
            out.append(str(NUMERALS.index(ch) + 1))
    return ".".join(out) if out else section


# ---- headline figures --------------------------------------------------------------------------------


def claim_of_row(claims: pd.DataFrame, dataset_id: str, line: int, value: float) -> str:
    """The ledger claim that is the dataset row at seed `line` with `value` (exactly one must match)."""
    cells = claims[(claims["dataset"] == dataset_id) & (claims["line"].astype(int) == int(line))]
    hit = cells[cells["value"].astype(float) == float(value)]
    if len(hit) != 1:
        raise ValueError(f"{dataset_id} line {line} value {value}: {len(hit)} ledger claims, not 1")
    return str(hit["claim_id"].iloc[0])


def restated_lines(claims: pd.DataFrame, claim_id: str, parts: Sequence[str] = RESTATING) -> dict[str, list[int]]:
    """Seed lines of `parts` where a claim restates `claim_id` (check 'same'; the derivation names it, possibly
    with a unit conversion such as '/ 10'), per part."""
    same = claims[(claims["check"] == "same") & claims["section"].isin(parts)]
    first = same["derivation"].str.strip().str.split().str[0]
    hit = same[first == claim_id]
    return {p: sorted(hit.loc[hit["section"] == p, "line"].astype(int)) for p in parts}


def headline(hf: pd.DataFrame, claims: pd.DataFrame, dataset_id: str, lang: str = "zh") -> pd.DataFrame:
    """The headline figures in the order of the dataset, each with its claim id, its display text (`shown`)
    and the seed lines of the summary and the English abstract that restate it (`summary_lines`,
    `abstract_lines`, '' where none)."""
    out = hf.copy()
    out["claim_id"] = [claim_of_row(claims, dataset_id, ln, v) for ln, v in zip(hf["seed_line"], hf["value"])]
    rest = [restated_lines(claims, c) for c in out["claim_id"]]
    out["summary_lines"] = [", ".join(map(str, r["内容提要"])) for r in rest]
    out["abstract_lines"] = [", ".join(map(str, r["Abstract"])) for r in rest]
    out["shown"] = [fmt_value(v, u, q, lang) for v, u, q in zip(out["value"], out["unit"], out["qualifier"].fillna(""))]
    out["label"] = out["item_zh"] if lang == "zh" else out["item_en"]
    out["source"] = out["source_zh"] if lang == "zh" else out["source_en"]
    return out.reset_index(drop=True)


def programme_dates(hf: pd.DataFrame, programmes: pd.DataFrame) -> pd.DataFrame:
    """The three programme counts as the introduction prints them (line 219) beside the same counts in 七(一)
    (line 733): programme, count and as_of of each, and whether count and date agree."""
    by_programme = programmes.set_index("programme", drop=False)
    rows = []
    for item, programme in PROGRAMMES.items():
        r = next(hf[hf["item"] == item].itertuples())
        p = next(by_programme.loc[[programme]].itertuples())
        rows.append(
            {
                "programme": p.programme,
                "programme_en": p.programme_en,
                "count_intro": int(r.value),
                "as_of_intro": r.as_of,
                "line_intro": int(r.seed_line),
                "count_body": int(p.count),
                "as_of_body": p.as_of,
                "line_body": int(p.seed_line),
                "same_count": int(r.value) == int(p.count),
                "same_date": r.as_of == p.as_of,
            }
        )
    return pd.DataFrame(rows)


# ---- enumerations and the manufacturing footnote -------------------------------------------------------


def enumerations(ec: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The stated counts with the items listed for them, whether the count equals the number listed
    (`agrees`), and label/members in `lang`."""
    out = ec.copy()
    out["listed"] = out["members_zh"].str.split("；").str.len()
    out["agrees"] = (out["count"] == out["n_listed"]) & (out["listed"] == out["n_listed"])
    out["label"] = out["item_zh"] if lang == "zh" else out["item_en"]
    out["members"] = out["members_zh"].str.replace("；", "、") if lang == "zh" else out["members_en"]
    return out.reset_index(drop=True)


def manufacturing(mws: pd.DataFrame, lang: str = "zh") -> tuple[pd.DataFrame, pd.Series]:
    """The footnote's world shares (product, share %, seed line; in the footnote's order, labelled in `lang`) and its
    one output figure (the automobile row)."""
    shares = mws[mws["measure"] == "world_share"]
    shares = shares.assign(label=shares["product"] if lang == "zh" else shares["product_en"].str.capitalize())
    output = mws[mws["measure"] == "output"].iloc[0]
    return shares.reset_index(drop=True), output


def timeline(
    events: pd.DataFrame, lang: str = "zh", sections: tuple[str, ...] = ("一", "三(一)", "三(二)")
) -> pd.DataFrame:
    """The dated events of `sections` (default: the introduction's and part three's) in time order (year, then
    the printed date), with the event in `lang`."""
    events = events.loc[events["section"].isin(sections)]
    out = events.sort_values(["year", "date"], kind="stable").reset_index(drop=True)
    return out.assign(label=out["event_zh"] if lang == "zh" else out["event_en"])


# ---- where every number of these parts is shown --------------------------------------------------------


def resolve_dataset(claims: pd.DataFrame, claim_id: str, depth: int = 5) -> tuple[str, str]:
    """The dataset a claim is a cell of, following single-claim derivations (checks same/related) when it is
    not one itself: (dataset id or '', the section of the last claim reached)."""
    by_id = claims.set_index("claim_id")
    cid = claim_id
    for _ in range(depth):
        rec = by_id.loc[cid]
        if rec["dataset"]:
            return str(rec["dataset"]), str(rec["section"])
        nxt = str(rec["derivation"]).strip().split(" ")[0]
        if rec["check"] not in ("same", "related") or nxt not in by_id.index:
            return "", str(rec["section"])
        cid = nxt
    return "", str(by_id.loc[cid, "section"])


def covers(number: str, section: str) -> bool:
    """Whether a chapter numbered `number` (e.g. '七', '五(二)(1)', '六(二)–(四)') covers ledger section
    `section` (e.g. '七(三)', '六(二)')."""
    if "–" not in number:
        return section == number or section.startswith(number + "(")
    head, tail = number.split("–")
    part, first = head.split("(")[0], head[len(head.split("(")[0]) :]
    if not section.startswith(part + "("):
        return False
    sub = section[len(part) + 1 : len(part) + 2]
    lo, hi = first[1:2], tail[1:2]
    return sub in NUMERALS and NUMERALS.index(lo) <= NUMERALS.index(sub) <= NUMERALS.index(hi)


def chapter_of(dataset: str, section: str, chapters: Iterable, own: str) -> tuple[str, str]:
    """(chapter id, number) that shows a dataset (the first chapter, in report order, with it among its inputs,
    method chapters after the others; `own` when this chapter reads it), else the chapter covering `section`;
    ('', '') when none."""
    chapters = list(chapters)
    if dataset:
        # a method chapter (Section.is_method: the microdata, firm-database and index chapters) sets published
        # numbers beside recomputations; the chapter that presents the report's part comes first
        hits = sorted((c for c in chapters if dataset in c.inputs), key=lambda c: c.is_method)
        mine = [c for c in hits if c.slug == own]
        if mine or hits:
            c = (mine or hits)[0]
            return c.slug, c.number
    for c in chapters:
        if covers(c.number, section):
            return c.slug, c.number
    return "", ""


def accounting(claims: pd.DataFrame, chapters: Sequence, own: str, parts: Sequence[str] = PARTS) -> pd.DataFrame:
    """Every ledger claim of seed 001 in `parts`: claim_id, section, line, quote, value, unit, and where it is
    shown (`chapter` slug and `number`; `own` for this chapter, which also shows from the ledger every claim no
    chapter's dataset carries: `ledger_only`)."""
    c = claims[claims["seed_file"].str.startswith("001_") & claims["section"].isin(parts)]
    rows = []
    for r in c.itertuples():
        ds, sec = resolve_dataset(claims, r.claim_id)
        slug, number = chapter_of(ds, sec, chapters, own)
        ledger_only = not slug  # shown by no chapter's dataset: this chapter shows it from the ledger
        if ledger_only:
            slug, number = own, next((c.number for c in chapters if c.slug == own), "")
        rows.append(
            {
                "claim_id": r.claim_id,
                "section": r.section,
                "line": int(r.line),
                "quote": r.quote,
                "value": r.value,
                "unit": r.unit,
                "dataset": ds,
                "chapter": slug,
                "number": number,
                "ledger_only": ledger_only,
            }
        )
    return pd.DataFrame(rows)


def accounting_summary(acc: pd.DataFrame, chapters: Sequence, lang: str = "zh") -> pd.DataFrame:
    """Per chapter that shows numbers of these parts: its number and title in `lang`, how many claims, and
    the seed lines (ascending)."""
    title = {c.slug: (c.title_zh if lang == "zh" else c.title_en) for c in chapters}
    num = {c.slug: (c.number if lang == "zh" else c.number_en) for c in chapters}
    order = {c.slug: i for i, c in enumerate(chapters)}
    none = ("（未由任何章节展示）", "(shown by no chapter)")[lang != "zh"]
    rows = []
    for slug, g in acc.groupby("chapter", sort=False):
        rows.append(
            {
                "chapter": slug,
                "number": num.get(slug, ""),
                "title": title.get(slug, none),
                "n_claims": len(g),
                "lines": ", ".join(map(str, sorted(set(g["line"])))),
                "order": order.get(slug, len(order)),
            }
        )
    return pd.DataFrame(rows).sort_values("order", kind="stable").drop(columns="order").reset_index(drop=True)


@dataclass(frozen=True)
class Summary:
    """What the chapter computes once: headline figures, the programme-date comparison, the enumerations,
    the manufacturing footnote (shares and output), and the accounting of every number of these parts."""

    head: pd.DataFrame
    dates: pd.DataFrame
    enum: pd.DataFrame
    shares: pd.DataFrame
    output: pd.Series
    acc: pd.DataFrame
    acc_summary: pd.DataFrame


def summary(
    hf: pd.DataFrame,
    ec: pd.DataFrame,
    mws: pd.DataFrame,
    programmes: pd.DataFrame,
    claims: pd.DataFrame,
    hf_id: str,
    chapters: Sequence,
    own: str = "summary",
    lang: str = "zh",
) -> Summary:
    """The chapter's values from its datasets, the claims ledger and the report's chapters (config)."""
    shares, output = manufacturing(mws, lang)
    acc = accounting(claims, chapters, own)
    return Summary(
        head=headline(hf, claims, hf_id, lang),
        dates=programme_dates(hf, programmes),
        enum=enumerations(ec, lang),
        shares=shares,
        output=output,
        acc=acc,
        acc_summary=accounting_summary(acc, chapters, lang),
    )
