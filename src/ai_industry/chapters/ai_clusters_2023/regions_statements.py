"""The report's sentences that name regions (seed 001, 六(一)) checked against the published top lists of
technology flows: the sentences transcribed (`REGION_STATEMENTS`), the list that can test each (`statement_basis`)
and findings for Chapter.say_checks comparing the names a sentence states with the names the data give."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from ai_industry.catalog import terms
from ai_industry.chapters.ai_clusters_2023.regions import net_balance, regions_in_flows, top_by_total


def compare_sets(stated: Iterable[str], found: Iterable[str]) -> dict[str, list[str]]:
    """A list of names a text states against the names the data give: in both, only stated, only found."""
    s, f = list(dict.fromkeys(stated)), list(dict.fromkeys(found))
    return {
        "both": [x for x in s if x in f],
        "only_stated": [x for x in s if x not in f],
        "only_found": [x for x in f if x not in s],
    }


def set_finding(
    what_zh: str,
    what_en: str,
    line: int,
    stated: Iterable[str],
    found: Iterable[str],
    basis_zh: str,
    basis_en: str,
    place: Callable[[str], str],
    strict: bool = True,
) -> dict[str, str]:
    """A finding for Chapter.say_checks: the names a sentence of the report states (seed `line`) against the
    names the data give (`basis`). kind reproduced when the sets agree, else discrepancy (or note when not
    `strict`: the data only partly bear on the sentence); `place` gives English names."""
    c = compare_sets(stated, found)
    zh_list = lambda xs: "、".join(xs) if xs else "无"
    en_list = lambda xs: ", ".join(place(x) for x in xs) if xs else "none"
    ok = not c["only_stated"] and not c["only_found"]
    zh = f"原文第{line}行：{what_zh}为{zh_list(list(stated))}。{basis_zh}：{zh_list(list(found))}。" + (
        "二者一致。" if ok else f"仅见于报告：{zh_list(c['only_stated'])}；仅见于数据：{zh_list(c['only_found'])}。"
    )
    en = f"Seed line {line}: {what_en}: {en_list(list(stated))}. {basis_en}: {en_list(list(found))}. " + (
        "They agree."
        if ok
        else f"Only in the sentence: {en_list(c['only_stated'])}; only in the data: {en_list(c['only_found'])}."
    )
    return {"kind": "reproduced" if ok else ("discrepancy" if strict else "note"), "zh": zh, "en": en}


# The sentences of seed 001, 六(一), that name regions, transcribed (names only; 安徽市 at line 562 is the report's
# slip for 安徽省, see data/raw/reference/README.md). `basis` says which published list can test the sentence:
# exporters (enabling > input), top_total (largest enabling + input), top_flows (regions in the k largest
# flows), all_flows (regions in any listed flow). strict=False: the sentence rests on a lost figure, so the
# tables bear on it only partly (a note, not a discrepancy).
REGION_STATEMENTS: tuple[dict[str, object], ...] = (
    {
        "line": 562,
        "level": "province",
        "basis": "top_total",
        "k": 3,
        "strict": True,
        "what_zh": "人工智能产业集群网络结构的三个“极点”",
        "what_en": "the three “poles” of the cluster network",
        "stated": ("北京市", "广东省", "上海市"),
    },
    {
        "line": 562,
        "level": "province",
        "basis": "all_flows",
        "k": None,
        "strict": False,
        "what_zh": "彼此之间存在密集技术合作关系的省份（据图16；原文“安徽市”按安徽省计）",
        "what_en": "the provinces with dense cooperation among them (from Figure 16; the text's 安徽市 read as Anhui)",
        "stated": (
            "北京市",
            "广东省",
            "上海市",
            "江苏省",
            "安徽省",
            "四川省",
            "湖北省",
            "湖南省",
            "重庆市",
            "山东省",
            "福建省",
        ),
    },
    {
        "line": 571,
        "level": "province",
        "basis": "top_total",
        "k": 5,
        "strict": True,
        "what_zh": "价值网络的核心节点",
        "what_en": "the core nodes of the value network",
        "stated": ("北京市", "广东省", "上海市", "浙江省", "江苏省"),
    },
    {
        "line": 573,
        "level": "province",
        "basis": "exporters",
        "k": None,
        "strict": True,
        "what_zh": "技术赋能占比高于技术输入占比的省份",
        "what_en": "the provinces whose enabling share is above their input share",
        "stated": ("北京市", "广东省", "浙江省", "上海市"),
    },
    {
        "line": 601,
        "level": "province",
        "basis": "top_flows",
        "k": 4,
        "strict": True,
        "what_zh": "中国人工智能产业集群的南北“双极”",
        "what_en": "the north–south “two poles” of China's AI clusters",
        "stated": ("北京市", "广东省"),
    },
    {
        "line": 629,
        "level": "city",
        "basis": "top_total",
        "k": 4,
        "strict": True,
        "what_zh": "技术合作关系密度最高的城市",
        "what_en": "the cities with the densest technology cooperation",
        "stated": ("北京市", "深圳市", "广州市", "上海市"),
    },
    {
        "line": 636,
        "level": "city",
        "basis": "top_flows",
        "k": 4,
        "strict": True,
        "what_zh": "城市间技术合作流动的南北“两极”",
        "what_en": "the north–south “two poles” of flows between cities",
        "stated": ("北京市", "深圳市"),
    },
)

# the table of each (level, kind) and the level words, from catalog/terms.csv (groups ac23_region_table,
# keyed "level:kind", and ac23_region_level)
TABLES = {tuple(k.split(":")): v for k, v in terms.group("ac23_region_table").items()}
LEVEL_WORDS = terms.group("ac23_region_level")


def statement_basis(st: Mapping[str, object], m: pd.DataFrame, e: pd.DataFrame) -> tuple[list[str], str, str]:
    """The names the published lists give for one statement's `basis`, with the basis described (zh, en)."""
    lz, le = LEVEL_WORDS[str(st["level"])]
    k = st.get("k")
    if st["basis"] in ("exporters", "top_total"):
        tz, te = TABLES[(str(st["level"]), "shares")]
        if st["basis"] == "exporters":
            nb = net_balance(m)
            return (
                list(nb.loc[nb["role"] == "net exporter", "region"]),
                f"{tz}中技术赋能占比高于技术输入占比的{lz}",
                f"{le.capitalize()} with enabling above input in {te}",
            )
        return (
            top_by_total(m, int(k)),
            f"{tz}中技术赋能与技术输入占比之和最大的{k}个{lz}",
            f"The {k} {le} with the largest enabling + input share in {te}",
        )
    tz, te = TABLES[(str(st["level"]), "flows")]
    if st["basis"] == "top_flows":
        return (
            regions_in_flows(e.head(int(k))),
            f"{tz}前{k}位流向涉及的{lz}",
            f"The {le} in the top {k} flows of {te}",
        )
    return regions_in_flows(e), f"{tz}所列流向涉及的{lz}", f"The {le} in the flows listed in {te}"


def check_statements(
    statements, margs: Mapping[str, pd.DataFrame], edges_: Mapping[str, pd.DataFrame], place: Callable[[str], str]
) -> list[dict[str, str]]:
    """Findings (Chapter.say_checks) for the report's sentences naming regions, each against its basis in the
    published lists of its level (`margs` / `edges_` keyed by level)."""
    out = []
    for st in statements:
        found, bz, be = statement_basis(st, margs[st["level"]], edges_[st["level"]])
        out.append(
            set_finding(
                st["what_zh"],
                st["what_en"],
                int(st["line"]),
                st["stated"],
                found,
                bz,
                be,
                place,
                strict=bool(st["strict"]),
            )
        )
    return out
