"""Bilingual labels from one place: UI terms, metro regions, and place names (from data/raw/reference)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ai_industry.catalog import terms
from ai_industry.catalog.terms import LANGS, t  # noqa: F401 (the chapter-facing names)
from ai_industry.paths import raw_dir

TERMS = terms.group("term")
METRO = terms.group("metro")  # zh -> (zh, en)
COUNTRIES = terms.group("country")


@lru_cache(maxsize=4)
def _place_table(path: str, mtime: float) -> dict[str, str]:
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    names: dict[str, str] = {}
    for rec in df.to_dict("records"):
        en = rec.get("name_en", "")
        if not en:
            continue
        for col in ("name_zh", "short_zh"):
            if rec.get(col):
                names.setdefault(rec[col], en)
    return names


def _places() -> dict[str, str]:
    path = raw_dir() / "reference" / "regions.csv"
    if not path.is_file():
        return {}
    return _place_table(str(path), path.stat().st_mtime)


def place(name: str, lang: str = "zh") -> str:
    """A region name in `lang`: metro regions and provinces/cities from the reference table; the Chinese
    name itself when no English name is known."""
    if lang == "zh":
        return name
    for n in (name, name.removesuffix("地区"), name.removesuffix("都市圈")):
        if n in METRO:
            return METRO[n][1]
        if n in COUNTRIES:
            return COUNTRIES[n][1]
        if n in _places():
            return _places()[n]
    return name


def places(names, lang: str = "zh") -> list[str]:
    return [place(n, lang) for n in names]


# ---- units and qualifiers of printed numbers -------------------------------------------------------------
UNIT_LABELS: dict[str, tuple[str, str]] = {
    "pct": ("%", "%"), "count": ("数量", "count"), "rank": ("位次", "rank"), "years": ("年", "years"),
    "zb": ("ZB", "ZB"), "100m_cny": ("亿元", "100m CNY"), "100m_usd": ("亿美元", "100m USD"), "km2": ("平方公里", "km²"),
    "multiple": ("倍", "times"), "yyyymmdd": ("日期", "date"),
}
QUALIFIERS: dict[str, str] = {
    "近": "nearly", "接近": "close to", "约": "about", "左右": "about", "大约": "about", "超过": "over", "超": "over",
    "逾": "over", "余": "over", "多": "over", "以上": "or more", "至少": "at least", "达到": "reaching", "达": "reaching",
    "高达": "as much as", "不足": "under", "不到": "under", "前": "top", "": "",
}


PERIODS: dict[str, str] = {"未来五年": "next five years", "近五年": "past five years"}


def unit_label(unit_id: str, lang: str) -> str:
    """The label of a dataset unit id (pct, count, 100m_cny, …) in `lang`."""
    zh, en = UNIT_LABELS.get(unit_id, (unit_id, unit_id))
    return zh if lang == "zh" else en


def qualifier_label(q: str | None, lang: str) -> str:
    """A printed qualifier (约, 超过, …) as printed in zh, translated in en."""
    q = "" if q is None or (isinstance(q, float) and np.isnan(q)) else str(q)
    return q if lang == "zh" else QUALIFIERS.get(q, q)
