"""The firm database's vocabularies — organisation kinds, footnote 11's classes, relation types, the 17
technology categories and 19 application fields of seed 001 (l.140, l.136), GB/T 4754-2017 sections and
divisions and the three sectors — and how a cell's text is read into them (aliases, separators)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import numpy as np
import pandas as pd

from ai_industry.paths import raw_dir

KINDS = ("enterprise", "platform", "university", "institute", "new_org", "other")
KIND_ALIASES = {
    "企业": "enterprise",
    "骨干企业": "enterprise",
    "平台": "platform",
    "平台企业": "platform",
    "大学": "university",
    "高校": "university",
    "科研院所": "institute",
    "科研机构": "institute",
    "新型创新组织": "new_org",
    "新型研发机构": "new_org",
    "其他": "other",
}
# enterprises of the sample (the 2,200 backbone firms) are these kinds; platforms are enterprises too (§5.2(3))
ENTERPRISE_KINDS = ("enterprise", "platform")

RELATION_TYPES = ("technology", "human_capital", "investment")
RELATION_ALIASES = {
    "技术合作": "technology",
    "technology_cooperation": "technology",
    "人力资本": "human_capital",
    "投融资": "investment",
    "投资": "investment",
}

# Footnote 11 (seed 001 l.569): 技术输入 = a relation node gives technical support to a sample node; 技术赋能 =
# a sample node gives technical support to a relation node. A relation's source gives support to its target.
ENABLING, INPUT, BETWEEN_SAMPLES = "enabling", "input", "between_samples"
FOOTNOTE11 = (ENABLING, INPUT, BETWEEN_SAMPLES)
DIRECTION_ALIASES = {"技术赋能": ENABLING, "赋能": ENABLING, "技术输入": INPUT, "输入": INPUT}

TRUE = {"1", "true", "yes", "y", "是", "t"}
FALSE = {"0", "false", "no", "n", "否", "f"}
SEPARATORS = re.compile(r"[;；|、]")
ABROAD = {"境外", "海外", "国外", "abroad", "foreign"}

SECTORS = ("primary", "secondary", "tertiary")
# 国家统计局《三次产业划分规定》(2012, revised 2018), in GB/T 4754-2017 codes
PRIMARY_SECTIONS = {"A"}
SECONDARY_SECTIONS = {"B", "C", "D", "E"}
NOT_IN_SECTOR = {"05": "tertiary", "11": "tertiary", "43": "tertiary"}  # support activities and repairs


def norm(text: object) -> str:
    """A cell as comparable text: NFKC (full-width letters and digits folded), stripped."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return unicodedata.normalize("NFKC", str(text)).strip()


@lru_cache(maxsize=4)
def _vocabulary(name: str) -> tuple[tuple[str, str], ...]:
    df = pd.read_csv(raw_dir() / "reference" / f"{name}.csv", dtype=str, keep_default_na=False)
    return tuple(zip(df["name_zh"], df["name_en"]))


def technologies() -> list[str]:
    """The 17 technology categories of seed 001 l.140 (Chinese names, the canonical codes)."""
    return [zh for zh, _ in _vocabulary("ai_technologies")]


def fields() -> list[str]:
    """The 19 application fields of seed 001 l.136 (Chinese names, the canonical codes)."""
    return [zh for zh, _ in _vocabulary("ai_application_fields")]


def english(vocabulary: str) -> dict[str, str]:
    """zh -> en of a vocabulary (`ai_technologies`, `ai_application_fields`)."""
    return dict(_vocabulary(vocabulary))


@lru_cache(maxsize=1)
def divisions() -> pd.DataFrame:
    """GB/T 4754-2017 divisions (大类): code (two digits), section, name_zh, name_en."""
    return pd.read_csv(raw_dir() / "reference" / "gbt4754_divisions.csv", dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def sections() -> pd.DataFrame:
    """GB/T 4754-2017 sections (门类 A–T): code, name_zh, name_en."""
    df = pd.read_csv(raw_dir() / "reference" / "gbt4754_sections.csv", dtype=str, keep_default_na=False)
    return df[df["level"] == "section"][["code", "name_zh", "name_en"]].reset_index(drop=True)


@lru_cache(maxsize=8)
def lookup(vocabulary: str) -> dict[str, str]:
    """Accepted spellings (zh, en, case-folded) -> canonical code, for one vocabulary."""
    if vocabulary in ("ai_technologies", "ai_application_fields"):
        pairs = _vocabulary(vocabulary)
        out = {zh: zh for zh, _ in pairs}
        out.update({en.casefold(): zh for zh, en in pairs})
        return out
    if vocabulary == "kind":
        return {**{k: k for k in KINDS}, **KIND_ALIASES}
    if vocabulary == "relation_type":
        return {**{k: k for k in RELATION_TYPES}, **RELATION_ALIASES}
    if vocabulary == "direction":
        return {ENABLING: ENABLING, INPUT: INPUT, **DIRECTION_ALIASES}
    if vocabulary == "section":
        sec = sections()
        out = {c: c for c in sec["code"]}
        out.update(dict(zip(sec["name_zh"], sec["code"])))
        return out
    if vocabulary == "division":
        div = divisions()
        out = {c: c for c in div["code"]}
        out.update({str(int(c)): c for c in div["code"]})  # a spreadsheet drops the leading zero
        out.update({f"{int(c)}.0": c for c in div["code"]})  # a numeric column with an empty cell is float
        out.update({s + c: c for s, c in zip(div["section"], div["code"])})  # C39
        out.update(dict(zip(div["name_zh"], div["code"])))
        return out
    raise KeyError(vocabulary)


def canonical(values: pd.Series, vocabulary: str) -> tuple[pd.Series, pd.Series]:
    """(canonical codes, unknown mask) of a column of single values; empty cells stay '' and are not unknown."""
    table = lookup(vocabulary)
    uniq, codes = _unique(values)
    mapped = np.array([table.get(u, table.get(u.casefold(), None)) if u else "" for u in uniq] + [""], dtype=object)
    out = pd.Series(mapped[codes], index=values.index, dtype=object)
    unknown = out.isna()
    return out.fillna(""), unknown


def canonical_lists(values: pd.Series, vocabulary: str) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(canonical ';'-joined lists, unknown mask, the first unknown item) of a column of lists separated by ; ；
    | or 、."""
    table = lookup(vocabulary)
    uniq, codes = _unique(values)
    joined, bad = [], []
    for u in uniq:
        items = [norm(x) for x in SEPARATORS.split(u)] if u else []
        mapped = [table.get(x, table.get(x.casefold())) for x in items if x]
        wrong = [x for x, m in zip([x for x in items if x], mapped) if m is None]
        joined.append(";".join(dict.fromkeys(m for m in mapped if m)))
        bad.append(wrong[0] if wrong else "")
    out = pd.Series(np.array([*joined, ""], dtype=object)[codes], index=values.index, dtype=object)
    first_bad = pd.Series(np.array([*bad, ""], dtype=object)[codes], index=values.index, dtype=object)
    return out, first_bad.ne(""), first_bad


def _unique(values: pd.Series) -> tuple[list[str], np.ndarray]:
    """The distinct texts (normalised) and each value's position among them (an array: taken, not looped)."""
    codes, uniq = pd.factorize(values.astype(str), sort=False)
    return [norm(u) for u in uniq], codes


def sector_of(section: pd.Series, division: pd.Series) -> pd.Series:
    """The three sectors (primary | secondary | tertiary | '') of GB/T 4754 codes, by 《三次产业划分规定》: A is
    primary, B–E secondary, the rest tertiary, except divisions 05, 11 and 43 (support and repair activities),
    which are tertiary."""
    sec = section.astype(str)
    out = pd.Series("tertiary", index=section.index, dtype=object)
    out[sec.isin(PRIMARY_SECTIONS)] = "primary"
    out[sec.isin(SECONDARY_SECTIONS)] = "secondary"
    div = division.astype(str)
    for code, sector in NOT_IN_SECTOR.items():
        out[div == code] = sector
    out[sec.eq("")] = ""
    return out
