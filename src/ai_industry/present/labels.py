"""Bilingual labels from one place: UI terms, metro regions, place names (from data/raw/reference), units, and
tables of measures that keep numbers as numbers beside the text shown."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from ai_industry.catalog import printed, terms
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
    "pct": ("%", "%"),
    "count": ("数量", "count"),
    "rank": ("位次", "rank"),
    "years": ("年", "years"),
    "year": ("年份", "year"),
    "pp": ("个百分点", "pp"),
    "zb": ("ZB", "ZB"),
    "100m_cny": ("亿元", "100m CNY"),
    "100m_usd": ("亿美元", "100m USD"),
    "km2": ("平方公里", "km²"),
    "multiple": ("倍", "times"),
    "yyyymmdd": ("日期", "date"),
}
# printed qualifier -> its one English wording, from the qualifier table (catalog/qualifiers.csv)
QUALIFIERS: dict[str, str] = {q: row.en for q, row in printed.qualifiers().items()}


PERIODS: dict[str, str] = {"未来五年": "next five years", "近五年": "past five years"}


def unit_label(unit_id: str, lang: str) -> str:
    """The label of a dataset unit id (pct, count, 100m_cny, …) in `lang`."""
    zh, en = UNIT_LABELS.get(unit_id, (unit_id, unit_id))
    return zh if lang == "zh" else en


def qualifier_label(q: str | None, lang: str) -> str:
    """A printed qualifier (约, 超过, …) as printed in zh, translated in en."""
    q = "" if q is None or (isinstance(q, float) and np.isnan(q)) else str(q)
    return q if lang == "zh" else printed.english(q)


# label (catalog/terms.csv, group display_unit) and factor that turn a dataset unit into the unit shown:
# zh keeps 亿, en shows billions
UNIT_FACTORS = {"zh": 1.0, "en": 0.1}
UNITS: dict[str, dict[str, tuple[str, float]]] = {
    u: {"zh": (zh, UNIT_FACTORS["zh"]), "en": (en, UNIT_FACTORS["en"])}
    for u, (zh, en) in terms.group("display_unit").items()
}


def unit(unit_id: str, lang: str) -> tuple[str, float]:
    """(label, factor) to show values stored in `unit_id` in `lang` (亿 in zh, billions in en)."""
    return UNITS[unit_id][lang]


def indicator_label(indicator_id: str) -> str:
    """An English label from a snake_case indicator id ('ai_job_share' -> 'AI job share')."""
    words = indicator_id.split("_")
    fixed = {
        "ai": "AI",
        "gdp": "GDP",
        "pct": "PCT",
        "rd": "R&D",
        "hsr": "HSR",
        "gba": "GBA",
        "cagr": "CAGR",
        "us": "US",
        "china": "China",
        "km2": "km²",
        "bn": "bn",
    }
    out = [fixed.get(w, w) for w in words]
    return " ".join(out).replace(" vs ", " vs. ")


def indicator_table(df: pd.DataFrame, lang: str, label_col: str = "indicator_zh") -> pd.DataFrame:
    """Indicator rows (indicator, indicator_zh, period, value, unit, qualifier, seed_line) with display
    columns measure, qualifier_label, unit_label in `lang` (the data columns are kept)."""
    out = df.copy()
    out["measure"] = out[label_col] if lang == "zh" else out["indicator"].map(indicator_label)
    out["qualifier_label"] = out["qualifier"].map(lambda q: qualifier_label(q, lang))
    out["unit_label"] = out["unit"].map(lambda u: unit_label(u, lang))
    out["period"] = out["period"].fillna("").map(lambda p: p if lang == "zh" else PERIODS.get(p, p))
    return out


# ---- tables of measures: numbers kept as numbers, with the text shown beside them -----------------------------
MEASURE_COLUMNS = ["measure", "value", "unit", "shown", "basis"]


def measure_rows(rows: Iterable[tuple[str, float | None, str, str, str]]) -> pd.DataFrame:
    """A table of measures whose exported data stay computable. Each row is (measure, value, unit, fmt, basis):
    the number (float, None or NaN for none), its unit label in the table's language ("%" for a percentage,
    whose value is the percent number; "" for a pure count) and `fmt`, a `str.format` template of the text a
    chapter shows, the number as `{}` and the unit as `{unit}`: "{:,.1f} {unit}" -> "154.0 亿元",
    "{:.2f}{unit}" -> "69.79%", "> {:,.1f} {unit}", or "{:+.2f}" where the measure's label names the unit.
    Columns measure, value (to 12 significant digits, which drops float noise such as 413.02700000000004),
    unit, shown (that text, "" without a number), basis."""
    out = []
    for measure, value, unit_text, fmt, basis in rows:
        v = np.nan if value is None else float(value)
        shown = "" if np.isnan(v) else fmt.format(v, unit=unit_text).strip()
        out.append((measure, float(f"{v:.12g}"), unit_text, shown, basis))
    return pd.DataFrame(out, columns=MEASURE_COLUMNS).astype({"value": float})
