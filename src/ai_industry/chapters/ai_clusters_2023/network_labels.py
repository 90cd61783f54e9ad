"""Bilingual labels of the value-network tables and charts, read from catalog/terms.csv (groups network_node,
network_label, network_stat, network_stat_name), with our classification of Table 4's relation nodes.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ai_industry.catalog import terms

# ================================================================================================
# Labels (bilingual) used by this module's tables and charts
# ================================================================================================

# the bilingual labels are rows of catalog/terms.csv (groups network_node, network_label, network_stat,
# network_stat_name); the dictionaries below are views of them
NODE_EN: dict[str, str] = {k: en for k, (_zh, en) in terms.group("network_node").items()}

# Our classification of Table 4's relation nodes. The report (seed 001, line 482) names four types with
# examples only (research universities; foreign basic software/hardware suppliers; industry-intelligentisation
# firms; local governments); research institutes are a fifth group here, and OPPO (a device maker) is put with
# the domestic industry firms.
RELATION_NODE_TYPES: dict[str, str] = {
    "清华大学": "university",
    "北京大学": "university",
    "浙江大学": "university",
    "上海交通大学": "university",
    "复旦大学": "university",
    "北京航空航天大学": "university",
    "英特尔": "foreign_supplier",
    "高通": "foreign_supplier",
    "微软": "foreign_supplier",
    "英伟达": "foreign_supplier",
    "IBM": "foreign_supplier",
    "Arm 中国": "foreign_supplier",
    "亚马逊": "foreign_supplier",
    "上汽集团": "industry_firm",
    "长安汽车": "industry_firm",
    "OPPO": "industry_firm",
    "重庆市政府": "government",
    "上海市政府": "government",
    "中国信通院": "research_institute",
    "中国科学院": "research_institute",
}

LABELS: dict[str, tuple[str, str]] = terms.group("network_label")
STAT_COLUMNS: dict[str, tuple[str, str]] = terms.group("network_stat")
STAT_NAMES_EN: dict[str, str] = {k: en for k, (_zh, en) in terms.group("network_stat_name").items()}
STAT_FORMATS: dict[str, str] = {
    "sample_nodes_count": "{:,.0f}",
    "relation_nodes_count": "{:,.0f}",
    "total_nodes_count": "{:,.0f}",
    "total_edges_count": "{:,.0f}",
    "average_degree": "{:.3f}",
    "network_diameter": "{:.0f}",
    "graph_density": "{:g}",
    "modularity": "{:.3f}",
    "average_path_length": "{:.3f}",
    "average_clustering_coefficient": "{:.3f}",
}


def stat_columns(df: pd.DataFrame, lang: str = "zh") -> dict[str, str]:
    """Column -> label (in `lang`) for the Gephi statistics columns present in `df`, in the table's order."""
    return {c: (STAT_COLUMNS[c][0] if lang == "zh" else STAT_COLUMNS[c][1]) for c in df.columns if c in STAT_COLUMNS}


def stat_formats(df: pd.DataFrame) -> dict[str, str]:
    """Column -> printed format for the Gephi statistics columns present in `df`."""
    return {c: f for c, f in STAT_FORMATS.items() if c in df.columns}


def stat_name(column: str, lang: str = "zh") -> str:
    """The full name of a Gephi statistics column in `lang` (for measure / value tables)."""
    return STAT_COLUMNS[column][0] if lang == "zh" else STAT_NAMES_EN[column]


def stats_long(row: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """A one-row statistics table as measure / value rows (measure labelled in `lang`, value printed as in the
    report's precision) — for tables too wide to print across."""
    r = row.iloc[0]
    cols = [c for c in row.columns if c in STAT_COLUMNS]
    return pd.DataFrame(
        {
            "measure": cols,
            "label": [stat_name(c, lang) for c in cols],
            "value": [float(r[c]) for c in cols],
            "printed": [STAT_FORMATS.get(c, "{}").format(r[c]) for c in cols],
        }
    )


def side_by_side(a: pd.DataFrame, b: pd.DataFrame, year: int, columns: Sequence[str]) -> pd.DataFrame:
    """The `year` rows of two statistics tables, one line per measure: value in a, value in b and a / b."""
    ra, rb = a[a["year"] == year].iloc[0], b[b["year"] == year].iloc[0]
    out = pd.DataFrame(
        {"measure": list(columns), "a": [float(ra[c]) for c in columns], "b": [float(rb[c]) for c in columns]}
    )
    out["a_over_b"] = out["a"] / out["b"]
    return out


def label(key: str, lang: str = "zh", **fmt: object) -> str:
    """This module's label for `key` in `lang` ('zh' | 'en')."""
    zh, en = LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**fmt) if fmt else text


def node_label(name: str, lang: str = "zh") -> str:
    """A value-network node name in `lang` (English from NODE_EN; the printed name where none is known)."""
    return name if lang == "zh" else NODE_EN.get(name, name)
