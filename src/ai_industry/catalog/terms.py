"""The suite's bilingual terms from one data file (`terms.csv` beside this module): UI words, metro regions,
countries. `present.labels` builds chapter labels on it; the pipeline's pages read their words here."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

LANGS = ("zh", "en")
TERMS_FILE = Path(__file__).with_name("terms.csv")


@lru_cache(maxsize=4)
def _table(path: str, mtime: float) -> dict[str, dict[str, tuple[str, str]]]:
    groups: dict[str, dict[str, tuple[str, str]]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        for n, row in enumerate(rows, start=2):
            group, key = row["group"], row["key"]
            if key in groups.setdefault(group, {}):
                raise ValueError(f"{path}: row {n}: term {group}/{key} is defined twice")
            groups[group][key] = (row["zh"], row["en"])
    return groups


def group(name: str) -> dict[str, tuple[str, str]]:
    """All terms of one group (term, metro, country, ...) as key -> (zh, en)."""
    return _table(str(TERMS_FILE), TERMS_FILE.stat().st_mtime).get(name, {})


def t(key: str, lang: str = "zh", **fmt: object) -> str:
    """The UI term `key` in `lang` (format fields filled from `fmt`)."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    zh, en = group("term")[key]
    text = zh if lang == "zh" else en
    return text.format(**fmt) if fmt else text
