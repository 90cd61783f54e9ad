"""The calibration targets of the SYNTHETIC demo firm database (seed 001 §5–§7): where each kind of organisation
sits (counts that give back every printed share of figures 6–8, 11–13 and 26–34), the named nodes of Tables 3–4
with their kind and city, and the published tables as validated datasets (`data/processed/`, as the chapters
read them).

The city counts were worked out by hand from the printed shares (each count / base rounds to the printed
percent, the listed ranks hold, every unlisted region stays below the last listed one); `tests/methods/
test_demo_firmdb.py` recomputes every printed share from the generated database. Where the printed numbers
contradict each other the enterprises win (platforms: 珠江三角洲 25.00% but 广东 25.50% — one Guangdong
platform outside the PRD would also be a Guangdong enterprise outside it, against 26.45% = 26.45%)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from ai_industry.catalog import datasets
from ai_industry.paths import raw_dir

# (city, count) of the organisations of each group active in 2022; provinces follow from the cities
ENTERPRISES = [
    ("北京市", 618), ("上海市", 313), ("深圳市", 294), ("广州市", 188), ("杭州市", 169), ("东莞市", 40),
    ("佛山市", 30), ("珠海市", 30), ("宁波市", 28), ("南京市", 70), ("苏州市", 60), ("无锡市", 21),
    ("合肥市", 20), ("天津市", 20), ("石家庄市", 8), ("成都市", 50), ("重庆市", 28), ("济南市", 40),
    ("青岛市", 30), ("武汉市", 40), ("长沙市", 25), ("西安市", 25), ("福州市", 15), ("厦门市", 15),
    ("沈阳市", 8), ("郑州市", 8), ("贵阳市", 7),
]  # fmt: skip
PLATFORMS = [
    ("北京市", 65), ("深圳市", 30), ("上海市", 29), ("杭州市", 16), ("广州市", 13), ("珠海市", 8), ("宁波市", 2),
    ("南京市", 4), ("苏州市", 3), ("合肥市", 4), ("天津市", 1), ("成都市", 5), ("武汉市", 5), ("济南市", 4),
    ("西安市", 4), ("长沙市", 4), ("福州市", 3),
]  # fmt: skip
UNIVERSITIES = [
    ("北京市", 29), ("武汉市", 19), ("广州市", 16), ("西安市", 15), ("成都市", 14), ("深圳市", 5), ("南京市", 13),
    ("苏州市", 10), ("无锡市", 9), ("上海市", 13), ("杭州市", 13), ("宁波市", 7), ("合肥市", 13), ("芜湖市", 4),
    ("天津市", 13), ("石家庄市", 9), ("保定市", 8), ("绵阳市", 7), ("重庆市", 13), ("济南市", 13), ("青岛市", 10),
    ("烟台市", 10), ("宜昌市", 5), ("咸阳市", 5), ("郑州市", 13), ("洛阳市", 7), ("开封市", 4), ("长沙市", 12),
    ("湘潭市", 10), ("沈阳市", 10), ("大连市", 10), ("福州市", 8), ("厦门市", 8), ("哈尔滨市", 12), ("大庆市", 3),
    ("长春市", 13), ("南昌市", 12), ("赣州市", 2), ("南宁市", 12), ("昆明市", 10), ("太原市", 10), ("贵阳市", 9),
]  # fmt: skip
INSTITUTES = [
    ("北京市", 79), ("上海市", 26), ("杭州市", 23), ("深圳市", 20), ("广州市", 19), ("东莞市", 7), ("珠海市", 7),
    ("南京市", 18), ("苏州市", 15), ("无锡市", 7), ("宁波市", 12), ("合肥市", 15), ("天津市", 8), ("石家庄市", 5),
    ("成都市", 3), ("武汉市", 10), ("西安市", 8), ("济南市", 8), ("长沙市", 7), ("沈阳市", 5), ("福州市", 5),
]  # fmt: skip
NEW_ORGS = [
    ("南京市", 151), ("苏州市", 22), ("无锡市", 9), ("常州市", 8), ("合肥市", 21), ("芜湖市", 10), ("深圳市", 19),
    ("广州市", 16), ("东莞市", 15), ("杭州市", 17), ("宁波市", 10), ("上海市", 16), ("北京市", 14), ("天津市", 5),
    ("石家庄市", 4), ("武汉市", 4), ("成都市", 3), ("西安市", 3),
]  # fmt: skip

# the named nodes of Tables 3 and 4: (name, kind, city; '境外' = abroad)
SAMPLE_NAMED = {
    "华为": ("platform", "深圳市"), "腾讯": ("platform", "深圳市"), "京东": ("platform", "北京市"),
    "中国移动": ("enterprise", "北京市"), "阿里云": ("platform", "杭州市"), "中国电信": ("enterprise", "北京市"),
    "百度": ("platform", "北京市"), "中国联通": ("enterprise", "北京市"), "中兴通讯": ("enterprise", "深圳市"),
    "华为云": ("platform", "深圳市"), "腾讯云": ("platform", "深圳市"), "阿里巴巴": ("platform", "杭州市"),
    "科大讯飞": ("platform", "合肥市"), "钉钉": ("platform", "杭州市"), "新华三": ("platform", "杭州市"),
    "用友": ("platform", "北京市"), "小米": ("platform", "北京市"), "特斯联": ("platform", "北京市"),
    "云从科技": ("platform", "广州市"), "拼多多": ("platform", "上海市"),
}  # fmt: skip
RELATION_NAMED = {
    "清华大学": ("university", "北京市"), "英特尔": ("enterprise", "境外"), "高通": ("enterprise", "境外"),
    "微软": ("enterprise", "境外"), "中国信通院": ("institute", "北京市"), "北京大学": ("university", "北京市"),
    "浙江大学": ("university", "杭州市"), "上海交通大学": ("university", "上海市"), "英伟达": ("enterprise", "境外"),
    "上汽集团": ("enterprise", "上海市"), "中国科学院": ("institute", "北京市"), "长安汽车": ("enterprise", "重庆市"),
    "IBM": ("enterprise", "境外"), "复旦大学": ("university", "上海市"), "Arm 中国": ("enterprise", "深圳市"),
    "亚马逊": ("enterprise", "境外"), "OPPO": ("enterprise", "东莞市"), "北京航空航天大学": ("university", "北京市"),
    "重庆市政府": ("other", "重庆市"), "上海市政府": ("other", "上海市"),
}  # fmt: skip
EXITING = 5  # Table 2: 2,205 sample nodes in 2020, 2,200 in 2021–2022


PUBLISHED = (
    "value_network_by_year",
    "enterprise_degree_centrality_top20",
    "relation_node_degree_centrality_top20",
    "province_enabling_input_share",
    "city_enabling_input_share",
    "province_tech_flows",
    "city_tech_flows",
    "tech_category_share",
    "application_field_share",
    "industry_sector_share",
    "industry_division_share",
    "platform_value_network_by_year",
    "outdegree_concentration",
)  # the datasets of product demo/firmdb in config/sections.yaml (a test keeps them equal)


def dataset_id(name: str) -> str:
    return f"published/ai-clusters-2023/{name}"


def published(name: str) -> pd.DataFrame:
    """A transcribed table of seed 001 as the chapters show it: the validated processed dataset (the build's
    `data/processed/`), not its raw CSV. The generator reads those of `PUBLISHED` (in the build, any other is
    refused: they are its job's declared inputs)."""
    return datasets.load(dataset_id(name))


def published_files() -> list[Path]:
    """The processed files of the published tables (what the demo's stamp hashes)."""
    return [datasets.processed_path(dataset_id(n)) for n in PUBLISHED]


def reference(name: str) -> pd.DataFrame:
    """A reference table of data/raw/reference as text (read here, not through methods.firmdb, so that the demo
    and the method it feeds import nothing of each other)."""
    return pd.read_csv(raw_dir() / "reference" / f"{name}.csv", dtype=str, keep_default_na=False)


def city_names() -> dict[str, tuple[str, str]]:
    """City (full or short name) -> (full name, province), from the regions reference table (read once per
    file: the generator asks for every one of its ~31,000 organisations)."""
    return _city_names(str(raw_dir() / "reference" / "regions.csv"))


@cache
def _city_names(path: str) -> dict[str, tuple[str, str]]:
    reg = pd.read_csv(path, dtype=str, keep_default_na=False)
    city = reg[reg["level"] == "city"]
    out = {n: (n, p) for n, p in zip(city["name_zh"], city["province_zh"])}
    out.update({s: (n, p) for s, n, p in zip(city["short_zh"], city["name_zh"], city["province_zh"])})
    return out
