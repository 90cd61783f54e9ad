"""SYNTHETIC demo patent export (PatSnap/智慧芽 layout), calibrated to seed 000's published aggregates — never the
real data.

The patent search behind seed 000 (区域产业协同视角下广深人工智能产业发展研究) is not public. This seeded generator
writes an export in the layout analysts download (公开(公告)号, 申请号, 申请日, 公开(公告)日, 标题, 摘要,
申请(专利权)人, 申请人地址, IPC主分类, IPC分类, 专利类型), with a column 标注 = "SYNTHETIC 合成演示数据" in every row
and a file name starting with SYNTHETIC_. Run through `ai_industry.patents` (identify by the seed's 22 keywords,
first applicant's city, …) the default-size file (DEFAULT_ROWS) reproduces, for 广州 and 深圳:

- AI patents 2016–2020: 7,024 and 14,945; 2011–2015: 654 and 1,048, the whole counts that give the printed
  multiples 10.74 and 14.26 (ai_patents.csv, seed l.25);
- all-year totals 9,083 and 19,267 (the whole totals that reproduce every printed Table 1 share, closest to
  the pooled implied total) and the Table 1 top-5 IPC main subclasses with their counts, hence shares and ranks
  (patent_fields_ipc.csv, l.26–78; field → subclass through data/raw/reference/ipc_subclasses.csv);
- co-applied patents (≥ 2 applicants) 882 and 779 and the partner-city counts 广州→深圳 32, 佛山 46, 珠海 43,
  东莞 36; 深圳→广州 54, 北京 140, 南京 41 (co_applied_patents.csv, l.102);
- 产学研 co-applications 4.81% and 1.85% of the city's AI patents (437 of 9,083; 356 of 19,267) and
  sole-applicant patents 40% by public institutions (广州) and 90% by enterprises (深圳) (applicant_structure.csv,
  l.111);
- invention patents 85% of AI patents (the seed: 80%以上, l.25).

Everything else is SYNTHETIC and chosen here, not published: the years outside 2011–2020 (before 2011 the earlier
period's count over its multiple, spread 2006–2010; the rest 2021:2022 = 2:1), the yearly shape inside each period
(constant growth at the period multiple), the IPC subclasses below rank 5 (shares capped below the 5th), the
unlisted partner cities (each below the smallest listed partner of that city), the year profiles of the listed
pairs (广州→深圳 rising to 2018 then falling; 深圳→广州 peaking 2017 then easing; 深圳→北京 and 深圳→南京 growing —
the seed's §4.2 in words), their fields (深圳→广州 mostly G06K; 深圳→北京 spread over G06K, G06F, G06N, G06T, G10L),
the other cities (volumes below, co-application 9%, cross-city 45% of that, 产学研 35% of that), 3% non-AI rows
(no keyword), 1% foreign first applicants and 0.3% province-only addresses (unmapped), all names and addresses
(fictional, built from syllables), texts and numbers. Keywords are drawn per subclass (G10L → 语音识别, …).

Below DEFAULT_ROWS every calibrated count is scaled by n_rows / DEFAULT_ROWS (approximately calibrated); at or
above it 广州 and 深圳 are exact and the other cities grow (1,000,000 rows for the benchmark).
"""

from __future__ import annotations

import io as _io
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ai_industry.errors import ConfigError
from ai_industry.io import atomic_path, normalize_zip

DEFAULT_ROWS = 100_000
DEFAULT_SEED = 2022
NOTE = "SYNTHETIC 合成演示数据"
CALIBRATED = ("广州", "深圳")
COLUMNS = ("序号", "公开(公告)号", "申请号", "申请日", "公开(公告)日", "标题", "摘要", "申请(专利权)人", "申请人地址",
           "IPC主分类", "IPC分类", "专利类型", "标注")
YEARS = tuple(range(2006, 2023))
TYPES = ("university", "research_institute", "hospital", "enterprise", "individual", "other")
U, RI, H, E, IND, O = range(6)

# city: (full name, province prefix, districts / towns, postcode, weight among the other cities' AI patents)
GEO: dict[str, tuple[str, str, tuple[str, ...], str, float]] = {
    "广州": ("广州市", "广东省", ("天河区", "海珠区", "番禺区", "黄埔区", "越秀区", "白云区", "南沙区"), "510000", 0),
    "深圳": ("深圳市", "广东省", ("南山区", "福田区", "宝安区", "龙岗区", "龙华区", "罗湖区"), "518000", 0),
    "北京": ("北京市", "", ("海淀区", "朝阳区", "东城区", "西城区", "昌平区", "丰台区", "大兴区"), "100000", 26),
    "上海": ("上海市", "", ("浦东新区", "徐汇区", "闵行区", "杨浦区", "长宁区", "嘉定区"), "200000", 12),
    "天津": ("天津市", "", ("滨海新区", "南开区", "西青区"), "300000", 3),
    "重庆": ("重庆市", "", ("渝北区", "沙坪坝区", "九龙坡区", "南岸区", "两江新区"), "400000", 3),
    "南京": ("南京市", "江苏省", ("栖霞区", "鼓楼区", "江宁区", "玄武区", "雨花台区"), "210000", 5),
    "苏州": ("苏州市", "江苏省", ("姑苏区", "吴中区", "虎丘区", "相城区"), "215000", 4),
    "杭州": ("杭州市", "浙江省", ("西湖区", "余杭区", "滨江区", "拱墅区", "萧山区"), "310000", 7),
    "合肥": ("合肥市", "安徽省", ("蜀山区", "包河区", "庐阳区"), "230000", 3),
    "武汉": ("武汉市", "湖北省", ("洪山区", "江夏区", "武昌区", "江岸区"), "430000", 5),
    "长沙": ("长沙市", "湖南省", ("岳麓区", "雨花区", "开福区"), "410000", 3),
    "成都": ("成都市", "四川省", ("武侯区", "郫都区", "锦江区", "双流区"), "610000", 5),
    "西安": ("西安市", "陕西省", ("雁塔区", "碑林区", "长安区"), "710000", 4),
    "济南": ("济南市", "山东省", ("历下区", "槐荫区", "历城区"), "250000", 2),
    "青岛": ("青岛市", "山东省", ("崂山区", "黄岛区", "市南区"), "266000", 2),
    "厦门": ("厦门市", "福建省", ("思明区", "湖里区", "集美区"), "361000", 2),
    "佛山": ("佛山市", "广东省", ("南海区", "顺德区", "禅城区"), "528000", 3),
    "东莞": ("东莞市", "广东省", ("松山湖园区", "南城街道", "长安镇"), "523000", 3),
    "珠海": ("珠海市", "广东省", ("香洲区", "金湾区", "斗门区"), "519000", 2),
    "中山": ("中山市", "广东省", ("火炬开发区", "石岐街道"), "528400", 1),
    "江门": ("江门市", "广东省", ("蓬江区", "江海区", "新会区"), "529000", 1),
    "惠州": ("惠州市", "广东省", ("惠城区", "惠阳区"), "516000", 1),
    "香港": ("香港特别行政区", "", ("沙田区", "九龙城区", "油尖旺区", "湾仔区"), "", 1.5),
    "澳门": ("澳门特别行政区", "", ("花地玛堂区", "大堂区"), "", 0.3),
}
FOREIGN = "_foreign"
PROVINCE_ONLY = "_province_only"
ROADS = ("科技园路", "创新大道", "学府路", "高新大道", "软件园路", "科学大道", "工业大道", "文化路", "建设路", "人民路",
         "金融街", "大学城路", "海滨路", "星河路", "云谷路", "智慧路", "光明路", "滨河路")
FOREIGN_PLACES = ("美国加利福尼亚州圣克拉拉市", "日本国东京都千代田区", "韩国首尔特别市", "德国慕尼黑市",
                  "美国华盛顿州雷德蒙德市", "英国伦敦", "法国巴黎")

# synthetic choices (not published): partners of 广州/深圳 that the seed does not list, each below its smallest listed
UNLISTED_PARTNERS = {
    "广州": {"北京": 28, "中山": 25, "上海": 20, "江门": 18, "香港": 12, "武汉": 10, "长沙": 9, "杭州": 8},
    "深圳": {"上海": 38, "香港": 35, "东莞": 30, "杭州": 25, "武汉": 20, "西安": 15, "成都": 12, "惠州": 10},
}
PAIR_YEARS = {  # year profiles of the listed pairs (seed §4.2 in words); counts per year, scaled to the pair total
    ("广州", "深圳"): {2014: 1, 2015: 2, 2016: 3, 2017: 5, 2018: 8, 2019: 6, 2020: 4, 2021: 2, 2022: 1},
    ("深圳", "广州"): {2013: 1, 2014: 2, 2015: 4, 2016: 7, 2017: 11, 2018: 10, 2019: 8, 2020: 6, 2021: 4, 2022: 1},
    ("深圳", "北京"): {2013: 1, 2014: 2, 2015: 4, 2016: 7, 2017: 11, 2018: 16, 2019: 21, 2020: 27, 2021: 33, 2022: 18},
    ("深圳", "南京"): {2015: 1, 2016: 2, 2017: 3, 2018: 5, 2019: 7, 2020: 9, 2021: 10, 2022: 4},
}
PAIR_FIELDS = {  # shares of the pair's patents fixed to subclasses; the rest follows the city's mix
    ("深圳", "广州"): {"G06K": 0.60},
    ("深圳", "北京"): {"G06K": 0.18, "G06F": 0.18, "G06N": 0.16, "G06T": 0.14, "G10L": 0.13},
}
# AI subclasses below the top 5 (weights before capping) and the other cities' mix
MINOR_SUBCLASSES = {"G06N": 10, "H04N": 8, "G05B": 6, "B25J": 6, "H04L": 6, "G08G": 5, "A61B": 5, "G16H": 5,
                    "G05D": 4, "B60W": 4, "G01C": 3, "G01S": 3, "G09B": 3, "H04W": 3, "G07C": 3, "G01N": 3}
OTHER_CITY_MIX = {"G06F": 22, "G06K": 17, "G06T": 8, "G06Q": 7, "G10L": 5, **{k: v * 0.5 for k, v in MINOR_SUBCLASSES.items()}}
NON_AI_SUBCLASSES = ("F16H", "H01M", "A47J", "B65G", "E04B", "F24F", "A41D", "B65D", "F16K", "C04B")
GROUPS = {
    "G06K": ("G06K9/62", "G06K9/00", "G06K9/46"), "G06F": ("G06F16/35", "G06F17/30", "G06F3/01", "G06F40/30"),
    "G06T": ("G06T7/00", "G06T5/00", "G06T17/00"), "G06Q": ("G06Q10/04", "G06Q50/26", "G06Q30/02"),
    "G10L": ("G10L15/22", "G10L15/26", "G10L25/30"), "G06N": ("G06N3/04", "G06N3/08", "G06N20/00", "G06N5/04"),
    "H04N": ("H04N7/18", "H04N5/232"), "G05B": ("G05B13/04", "G05B19/418"), "B25J": ("B25J9/16", "B25J11/00"),
    "H04L": ("H04L29/08", "H04L12/28"), "G08G": ("G08G1/01", "G08G1/16"), "A61B": ("A61B5/00", "A61B6/03"),
    "G16H": ("G16H50/20", "G16H30/40"), "G05D": ("G05D1/02",), "B60W": ("B60W30/00", "B60W60/00"),
    "G01C": ("G01C21/34",), "G01S": ("G01S17/93",), "G09B": ("G09B19/00",), "H04W": ("H04W4/02",),
    "G07C": ("G07C9/00",), "G01N": ("G01N21/88",), "F16H": ("F16H1/28",), "H01M": ("H01M10/42",),
    "A47J": ("A47J27/00",), "B65G": ("B65G47/90",), "E04B": ("E04B1/98",), "F24F": ("F24F11/00",),
    "A41D": ("A41D13/00",), "B65D": ("B65D81/38",), "F16K": ("F16K31/06",), "C04B": ("C04B28/04",),
}
KEYWORD_WEIGHTS = {"人工智能": 14, "神经网络": 14, "机器学习": 10, "图像识别": 10, "计算机视觉": 6, "语音识别": 6,
                   "模式识别": 5, "自然语言处理": 5, "数据挖掘": 6, "智能机器人": 4, "智能驾驶": 4, "人机交互技术": 2,
                   "多媒体技术": 2, "可视化技术": 2, "数据库技术": 2, "智能搜索": 1.5, "专家系统": 1, "知识工程": 0.8,
                   "计算机图形学": 1, "虹膜识别": 1, "认知计算": 0.5, "智能处理器": 1}
SUBCLASS_KEYWORDS = {
    "G10L": ("语音识别", "自然语言处理"), "G06K": ("图像识别", "模式识别", "虹膜识别", "计算机视觉"),
    "G06T": ("计算机视觉", "图像识别", "计算机图形学", "可视化技术"),
    "G06F": ("数据挖掘", "数据库技术", "智能搜索", "人机交互技术", "自然语言处理", "多媒体技术", "知识工程", "专家系统"),
    "G06N": ("神经网络", "机器学习", "认知计算", "人工智能", "智能处理器"), "G06Q": ("数据挖掘", "人工智能", "机器学习", "专家系统"),
    "B25J": ("智能机器人",), "B60W": ("智能驾驶",), "G05D": ("智能驾驶", "智能机器人"), "G08G": ("智能驾驶",),
    "H04N": ("多媒体技术", "计算机视觉"),
}
OBJECTS = ("交通流量预测", "人脸检测", "工业缺陷检测", "医学影像分析", "文本分类", "目标跟踪", "商品推荐", "电网负荷预测",
           "车道线检测", "设备故障诊断", "智能客服问答", "行人轨迹预测", "遥感影像分割", "作物病害检测", "金融风险评估",
           "路径规划", "手势控制", "视频摘要生成", "情感分析", "机械臂抓取", "病理切片分析", "信用评分", "语音合成",
           "城市安防监控", "能耗优化", "药物分子筛选", "仓储调度", "无人机巡检", "身份认证", "舆情监测")
KINDS = ("方法", "系统", "方法及系统", "装置", "方法、装置、设备及存储介质")
DATA = ("图像数据", "语音信号", "文本数据", "传感器数据", "视频帧", "点云数据", "交易记录", "日志数据")
BENEFITS = ("提高了处理结果的准确率", "降低了计算资源的消耗", "提升了系统的实时性和鲁棒性", "减少了人工干预",
            "缩短了响应时间", "提高了检测效率")
NON_AI_OBJECTS = ("齿轮传动", "锂电池散热", "混凝土搅拌", "保温杯", "输送带", "空调出风", "水泵密封", "电磁阀门", "服装裁剪",
                  "包装盒", "建筑模板", "折叠桌椅", "净水滤芯", "园林修剪", "管道连接")
NON_AI_KINDS = ("装置", "结构", "组件", "设备")
PARTS = ("底座", "支架", "壳体", "连接杆", "固定板", "弹簧", "密封圈", "卡扣", "转轴", "把手")
SYL1 = tuple("星云博智启睿思锐灵昊景诚恒嘉泰卓鼎凌宇辰光航远明海川天元达易华")
SYL2 = tuple("澜帆远元川航越盛峰宇辰图影声达通享合和源泽安拓创衡瑞")
INDUSTRY = ("智能科技", "信息技术", "网络科技", "电子", "软件", "数据科技", "视觉技术", "机器人", "通信技术", "自动化")
SURNAMES = tuple("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程")
GIVEN = tuple("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华慧建国志红玲斌波宁浩鹏宇轩晨")
LATIN = ("Nova", "Apex", "Lumen", "Orion", "Vertex", "Quanta", "Helix", "Astra", "Cobalt", "Zenith")


# ---- published targets ------------------------------------------------------------------------------------------
def _published(name: str) -> pd.DataFrame:
    from ai_industry.paths import published_dir

    return pd.read_csv(published_dir() / "gz-sz-synergy" / f"{name}.csv")


def _field_subclass(field: str, ref: pd.DataFrame) -> str:
    """The IPC subclass a Table 1 field names: the reference title equal to it, the one it starts with (G06F's
    field adds a parenthesis), or the one that starts with it (G06Q's field is the title's first half)."""
    for rule in (lambda t: t == field, lambda t: field.startswith(t), lambda t: t.startswith(field)):
        hits = ref[ref["title_zh"].map(rule)]
        if len(hits) == 1:
            return str(hits["subclass"].iloc[0])
    raise ConfigError(f"Table 1 field {field!r} matches no single IPC subclass in ipc_subclasses.csv")


@lru_cache(maxsize=1)
def targets() -> dict[str, Any]:
    """The calibration targets from the transcriptions (data/raw/published/gz-sz-synergy/*.csv): per calibrated
    city the later/earlier period counts and multiple, all-year total, Table 1 subclass counts, co-applied total,
    partner counts, 产学研 count and share, sole-applicant structure; plus the invention-share floor."""
    from ai_industry.paths import raw_dir

    ai = _published("ai_patents")
    fields = _published("patent_fields_ipc")
    co = _published("co_applied_patents")
    st = _published("applicant_structure")
    ref = pd.read_csv(raw_dir() / "reference" / "ipc_subclasses.csv", dtype=str, keep_default_na=False)
    wide = ai.pivot_table(index="region", columns="indicator", values="value", aggfunc="first")
    out: dict[str, Any] = {}
    for city in CALIBRATED:
        later = int(wide.loc[city, "patents_2016_2020"])
        multiple = float(wide.loc[city, "multiple_vs_2011_2015"])
        # whole earlier counts whose ratio rounds to the printed multiple (2 decimals), nearest the implied one
        options = [k for k in range(int(later / (multiple + 0.005)), int(later / (multiple - 0.005)) + 2)
                   if k > 0 and round(later / k, 2) == round(multiple, 2)]
        if not options:
            raise ConfigError(f"no whole 2011-2015 count of {city} gives the multiple {multiple}")
        earlier = min(options, key=lambda k: abs(k - later / multiple))
        f = fields[fields["city"] == city]
        # whole totals for which every Table 1 count rounds to its printed share (2 decimals), nearest the pooled
        pooled = 100.0 * f["patents_count"].sum() / f["share_pct"].sum()
        options = [k for k in range(int(pooled * 0.99), int(pooled * 1.01) + 1)
                   if all(round(100.0 * n / k, 2) == round(sh, 2) for n, sh in zip(f["patents_count"], f["share_pct"]))]
        if not options:
            raise ConfigError(f"no whole total of {city} reproduces every Table 1 share")
        total = min(options, key=lambda k: abs(k - pooled))
        subclass_counts = {_field_subclass(r.field, ref): int(r.patents_count) for r in f.itertuples()}
        c = co[co["first_applicant_city"] == city]
        s = st[st["city"] == city].set_index("indicator")
        iur_pct = float(s.loc["industry_university_research_coapplication", "share_pct"])
        iur = int(round(iur_pct * total / 100.0))
        out[city] = {
            "later": later, "multiple": multiple, "earlier": earlier, "total": total,
            "subclasses": subclass_counts,
            "subclass_shares_pct": {_field_subclass(r.field, ref): float(r.share_pct) for r in f.itertuples()},
            "subclass_ranks": {_field_subclass(r.field, ref): int(r.rank) for r in f.itertuples()},
            "co_applied": int(c["first_city_total_count"].iloc[0]),
            "partners": {r.partner_city: int(r.patents_count) for r in c.itertuples()},
            "partner_shares_pct": {r.partner_city: float(r.share_pct) for r in c.itertuples() if pd.notna(r.share_pct)},
            "iur_pct": iur_pct, "iur": iur,
            "sole_public_pct": float(s.loc["sole_applicant_public_institutions", "share_pct"])
            if "sole_applicant_public_institutions" in s.index else None,
            "sole_enterprise_pct": float(s.loc["sole_applicant_enterprises", "share_pct"])
            if "sole_applicant_enterprises" in s.index else None,
        }
    inv = ai[(ai["indicator"] == "invention_patent_share")]
    out["invention_share_min_pct"] = float(inv["value"].iloc[0]) if len(inv) else 80.0
    return out


# ---- integer allocation helpers -----------------------------------------------------------------------------------
def _largest_remainder(total: int, weights: Sequence[float]) -> np.ndarray:
    """Whole counts summing to `total`, proportional to `weights` (largest remainder, ties to the first)."""
    w = np.asarray(weights, dtype=float)
    if total <= 0 or w.sum() <= 0:
        return np.zeros(len(w), dtype=np.int64)
    raw = total * w / w.sum()
    base = np.floor(raw).astype(np.int64)
    rest = total - int(base.sum())
    order = np.argsort(-(raw - base), kind="stable")
    base[order[:rest]] += 1
    return base


def _capped(total: int, weights: Mapping[str, float], cap: int) -> dict[str, int]:
    """Split `total` over keys by weight with every count at most `cap` (water-filling)."""
    keys = list(weights)
    free = list(keys)
    fixed: dict[str, int] = {}
    remaining = total
    while free:
        alloc = _largest_remainder(remaining, [weights[k] for k in free])
        over = [k for k, a in zip(free, alloc) if a > cap]
        if not over:
            fixed.update({k: int(a) for k, a in zip(free, alloc)})
            break
        for k in over:
            fixed[k] = cap
            remaining -= cap
            free.remove(k)
    if sum(fixed.values()) != total:
        raise ConfigError(f"cannot split {total} over {len(keys)} subclasses below {cap + 1} each")
    return fixed


def _fill(n: int, quota: Mapping[Any, int], fixed: Sequence[Any], rng: np.random.Generator) -> np.ndarray:
    """An array of n keys with exactly `quota` of each: the `fixed` (non-None) ones first, the rest shuffled."""
    out = np.empty(n, dtype=object)
    fixed = list(fixed) + [None] * (n - len(fixed))
    used = Counter(k for k in fixed if k is not None)
    left = []
    for k, q in quota.items():
        if used.get(k, 0) > q:
            raise ConfigError(f"demo: {used[k]} fixed '{k}' exceed its quota {q}")
        left.extend([k] * (q - used.get(k, 0)))
    if len(left) != sum(1 for k in fixed if k is None):
        raise ConfigError("demo: quotas do not add up to the rows")
    left_arr = np.array(left, dtype=object)
    rng.shuffle(left_arr)
    it = iter(left_arr.tolist())
    for i, k in enumerate(fixed):
        out[i] = k if k is not None else next(it)
    return out


def _year_quota(total: int, earlier: int, later: int, multiple: float) -> dict[int, int]:
    """Application years: `earlier` in 2011–2015 and `later` in 2016–2020 (constant growth at the period
    multiple), earlier/multiple in 2006–2010, the rest 2021:2022 = 2:1."""
    r = multiple ** (1 / 5)
    pre = int(round(earlier / multiple))
    tail = total - pre - earlier - later
    if tail < 0:
        raise ConfigError("demo: period counts exceed the total")
    q: dict[int, int] = {}
    for start, n in ((2006, pre), (2011, earlier), (2016, later)):
        for y, c in zip(range(start, start + 5), _largest_remainder(n, [r ** k for k in range(5)])):
            q[y] = int(c)
    q[2021], q[2022] = (int(x) for x in _largest_remainder(tail, [2, 1]))
    return q


def _generic_years(total: int, multiple: float = 8.0) -> dict[int, int]:
    r = multiple ** (1 / 5)
    w = [r ** (y - 2006) for y in range(2006, 2021)] + [0.9 * r ** 14, 0.45 * r ** 14]
    return {y: int(c) for y, c in zip(YEARS, _largest_remainder(total, w))}


# ---- the plan: counts per first-applicant city --------------------------------------------------------------------
def _calibrated_plan(city: str, t: dict[str, Any], f: float) -> dict[str, Any]:
    def sc(x: float) -> int:
        return int(round(x * f))

    total, earlier, later = sc(t["total"]), sc(t["earlier"]), sc(t["later"])
    top = {k: sc(v) for k, v in t["subclasses"].items()}
    cap = max(min(top.values()) - 1, 1)
    try:
        minor = _capped(total - sum(top.values()), MINOR_SUBCLASSES, cap)
    except ConfigError:  # scaled far below the default size: the ranks below 5 cannot all stay under the 5th
        minor = dict(zip(MINOR_SUBCLASSES, (int(x) for x in _largest_remainder(total - sum(top.values()),
                                                                                list(MINOR_SUBCLASSES.values())))))
    partners = {**{k: sc(v) for k, v in t["partners"].items()}, **{k: sc(v) for k, v in UNLISTED_PARTNERS[city].items()}}
    co_applied = sc(t["co_applied"])
    if sum(partners.values()) > co_applied:
        raise ConfigError(f"demo: partners of {city} exceed its co-applied patents")
    sole = total - co_applied
    if t.get("sole_public_pct") is not None:
        public = int(round(t["sole_public_pct"] / 100.0 * sole))
        pub_split = _largest_remainder(public, [0.62, 0.25, 0.13])
        rest = _largest_remainder(sole - public, [0.86, 0.10, 0.04])
        sole_types = {U: pub_split[0], RI: pub_split[1], H: pub_split[2], E: rest[0], IND: rest[1], O: rest[2]}
    else:
        ent = int(round((t.get("sole_enterprise_pct") or 75.0) / 100.0 * sole))
        rest = _largest_remainder(sole - ent, [0.40, 0.30, 0.05, 0.20, 0.05])
        sole_types = {E: ent, U: rest[0], RI: rest[1], H: rest[2], IND: rest[3], O: rest[4]}
    return {"city": city, "total": total, "years": _year_quota(total, earlier, later, t["multiple"]),
            "subclasses": {**top, **minor}, "co_applied": co_applied, "partners": partners, "iur": sc(t["iur"]),
            "sole_types": {k: int(v) for k, v in sole_types.items()}, "invention_share": 0.85}


def _other_plan(city: str, total: int, partner_weights: Mapping[str, float], rng: np.random.Generator) -> dict[str, Any]:
    co_applied = int(round(0.09 * total))
    cross = int(round(0.45 * co_applied))
    names = [c for c in partner_weights if c != city]
    w = np.array([partner_weights[c] for c in names], dtype=float)
    draws = rng.multinomial(cross, w / w.sum()) if cross else np.zeros(len(names), dtype=int)
    partners = {c: int(k) for c, k in zip(names, draws) if k}
    sole = total - co_applied
    s = _largest_remainder(sole, [0.12, 0.06, 0.02, 0.75, 0.04, 0.01])
    return {"city": city, "total": total, "years": _generic_years(total),
            "subclasses": dict(zip(OTHER_CITY_MIX, (int(x) for x in _largest_remainder(total, list(OTHER_CITY_MIX.values()))))),
            "co_applied": co_applied, "partners": partners, "iur": int(round(0.35 * co_applied)),
            "sole_types": dict(zip(range(6), (int(x) for x in s))), "invention_share": 0.8}


def _foreign_plan(total: int) -> dict[str, Any]:
    s = _largest_remainder(total, [0.12, 0.0, 0.0, 0.88, 0.0, 0.0])
    return {"city": FOREIGN, "total": total, "years": _generic_years(total, 3.0),
            "subclasses": dict(zip(OTHER_CITY_MIX, (int(x) for x in _largest_remainder(total, list(OTHER_CITY_MIX.values()))))),
            "co_applied": 0, "partners": {}, "iur": 0, "sole_types": dict(zip(range(6), (int(x) for x in s))),
            "invention_share": 0.95}


def plan(n_rows: int, rng: np.random.Generator) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Blocks of AI patents per first-applicant city (calibrated, other, foreign, province-only) and the counts
    of non-AI rows per city."""
    if n_rows < 100:
        raise ConfigError("generate_demo: n_rows must be at least 100")
    t = targets()
    f = min(1.0, n_rows / DEFAULT_ROWS)
    blocks = [_calibrated_plan(c, t[c], f) for c in CALIBRATED]
    non_ai_n = int(round(0.03 * n_rows))
    foreign_n = int(round(0.01 * n_rows))
    prov_n = int(round(0.003 * n_rows))
    others_n = n_rows - sum(b["total"] for b in blocks) - non_ai_n - foreign_n - prov_n
    if others_n < 0:
        raise ConfigError("generate_demo: n_rows too small for the calibrated blocks")
    others = [c for c in GEO if c not in CALIBRATED]
    counts = _largest_remainder(others_n, [GEO[c][4] for c in others])
    weights = {c: float(GEO[c][4]) for c in others}
    weights.update({c: float(b["total"]) / max(others_n, 1) * 100 for c, b in zip(CALIBRATED, blocks)})
    for c, k in zip(others, counts):
        if k > 0:
            blocks.append(_other_plan(c, int(k), weights, rng))
    if foreign_n:
        blocks.append(_foreign_plan(foreign_n))
    if prov_n:
        p = _foreign_plan(prov_n)
        p["city"] = PROVINCE_ONLY
        blocks.append(p)
    all_w = {c: (b["total"]) for b in blocks for c in [b["city"]] if c in GEO}
    non_ai = dict(zip(all_w, (int(x) for x in _largest_remainder(non_ai_n, list(all_w.values())))))
    return blocks, non_ai


# ---- patents and applicants ---------------------------------------------------------------------------------------
def _profile_years(pair: tuple[str, str], n: int) -> list[int]:
    prof = PAIR_YEARS.get(pair)
    if not prof:
        return []
    counts = _largest_remainder(n, list(prof.values()))
    return [y for y, c in zip(prof, counts) for _ in range(int(c))]


def _block_rows(b: dict[str, Any], rng: np.random.Generator) -> dict[str, Any]:
    """Per-patent arrays and applicant (city, type) lists for one block of AI patents."""
    n = b["total"]
    city = b["city"]
    # patent kinds: partner patents first, then same-city co-applied, then sole
    partner_list = [(p, k) for p, k in b["partners"].items() for _ in range(k)]
    n_part = len(partner_list)
    n_same = b["co_applied"] - n_part
    partner_city = [p for p, _ in partner_list] + [None] * (n - n_part)
    # years and subclasses, profiled pairs fixed first
    fixed_years: list[Any] = []
    fixed_sub: list[Any] = []
    for p, k in b["partners"].items():
        ys = _profile_years((city, p), k)
        fixed_years += ys + [None] * (k - len(ys))
        fs = PAIR_FIELDS.get((city, p), {})
        subs = [s for s, share in fs.items() for _ in range(int(round(share * k)))]
        fixed_sub += subs[:k] + [None] * (k - len(subs[:k]))
    years = _fill(n, b["years"], fixed_years, rng)
    subclass = _fill(n, b["subclasses"], fixed_sub, rng)
    n_app = np.ones(n, dtype=np.int64)
    co = b["co_applied"]
    n_app[:n_part] = rng.choice([2, 3], size=n_part, p=[0.8, 0.2])
    n_app[n_part:co] = rng.choice([2, 3, 4], size=n_same, p=[0.75, 0.2, 0.05])
    # 产学研 flags among the co-applied patents
    iur = np.zeros(n, bool)
    iur[rng.choice(co, size=min(b["iur"], co), replace=False)] = True
    sole_types = _fill(n - co, b["sole_types"], [], rng)
    app_city: list[list[str]] = []
    app_type: list[list[int]] = []
    for i in range(co):
        k = int(n_app[i])
        if iur[i]:
            first = int(rng.choice([U, E, RI], p=[0.45, 0.40, 0.15]))
            second = E if first in (U, RI) else int(rng.choice([U, RI], p=[0.7, 0.3]))
            rest = [int(x) for x in rng.choice([E, U, RI], size=k - 2)]
        else:
            fam = (E, IND, O) if rng.random() < 0.55 else (U, RI, H)
            probs = [0.9, 0.07, 0.03] if fam[0] == E else [0.55, 0.30, 0.15]
            first, second = (int(x) for x in rng.choice(fam, size=2, p=probs))
            rest = [int(x) for x in rng.choice(fam, size=k - 2, p=probs)]
        cities = [city] * k
        if partner_city[i] is not None:
            cities[int(rng.integers(1, k))] = partner_city[i]
        app_city.append(cities)
        app_type.append([first, second] + rest)
    app_city.extend([city] for _ in range(n - co))
    app_type.extend([int(t)] for t in sole_types)
    inv = rng.random(n) < b["invention_share"]
    return {"city": city, "years": years, "subclass": subclass, "app_city": app_city, "app_type": app_type,
            "ai": np.ones(n, bool), "invention": inv}


def _non_ai_rows(counts: Mapping[str, int], rng: np.random.Generator) -> dict[str, Any]:
    cities = [c for c, k in counts.items() for _ in range(k)]
    n = len(cities)
    years = rng.choice(YEARS, size=n)
    sub = rng.choice(NON_AI_SUBCLASSES, size=n)
    types = rng.choice([E, IND, U], size=n, p=[0.8, 0.15, 0.05])
    return {"city": None, "years": years.astype(object), "subclass": sub.astype(object),
            "app_city": [[c] for c in cities], "app_type": [[int(t)] for t in types], "ai": np.zeros(n, bool),
            "invention": rng.random(n) < 0.45}


def _brand(i: int, salt: int) -> str:
    a, b = len(SYL1), len(SYL2)
    j = (i * 7919 + salt * 104729) % (a * b * a)
    return SYL1[j % a] + SYL2[(j // a) % b] + (SYL1[(j // (a * b)) % a] if i >= a * b else "")


def _org_name(city: str, typ: int, i: int, salt: int) -> str:
    br = _brand(i, salt)
    if city == FOREIGN:
        latin = LATIN[i % len(LATIN)] + (str(i // len(LATIN)) if i >= len(LATIN) else "")
        if typ == U:
            return f"{latin} University of Technology"
        return (f"{latin} Technologies Inc.", f"{latin} Corporation", f"{br}株式会社")[i % 3]
    full = GEO[city][0] if city in GEO else ""
    short = city if city in GEO else ""
    if typ == E:
        return (f"{full}{br}{INDUSTRY[i % len(INDUSTRY)]}有限公司", f"{br}{INDUSTRY[i % len(INDUSTRY)]}股份有限公司",
                f"{full}{br}{INDUSTRY[i % len(INDUSTRY)]}有限责任公司")[i % 7 % 3]
    if typ == U:
        return (f"{short}{br}大学", f"{short}{br}理工学院", f"{short}{br}职业技术学院")[i % 3]
    if typ == RI:
        return (f"{short}{br}人工智能研究院", f"中国科学院{short}{br}技术研究所", f"{br}实验室",
                f"{short}{br}智能技术研究中心")[i % 4]
    if typ == H:
        numbered = f"{short}市第{i % 9 + 1}人民医院" if i < 9 and full.endswith("市") else f"{short}{br}医院"
        return (numbered, f"{short}{br}大学附属第{i % 5 + 1}医院")[i % 2]
    if typ == IND:
        s = SURNAMES[(i * 31 + salt) % len(SURNAMES)]
        g = GIVEN[(i * 17 + salt) % len(GIVEN)] + (GIVEN[(i // len(GIVEN)) % len(GIVEN)] if i % 3 else "")
        return s + g
    return (f"{full}{br}信息中心", f"{full}{br}产业协会", f"{full}{br}管理局")[i % 3]


def _org_address(city: str, i: int, salt: int) -> str:
    if city == FOREIGN:
        return FOREIGN_PLACES[(i + salt) % len(FOREIGN_PLACES)] + f"{ROADS[i % len(ROADS)][:2]}大街{i % 900 + 1}号"
    if city == PROVINCE_ONLY:
        return f"广东省{ROADS[(i + salt) % len(ROADS)]}{i % 900 + 1}号"
    full, prov, districts, post, _ = GEO[city]
    d = districts[(i + salt) % len(districts)]
    addr = f"{prov}{full}{d}{ROADS[(i * 3 + salt) % len(ROADS)]}{(i * 7919 + salt) % 2999 + 1}号{i % 23 + 1}栋"
    return f"{post} {addr}" if post and i % 5 == 0 else addr


_POOL_SIZE = {U: 40, RI: 25, H: 15, E: 6, IND: 1.3, O: 5}  # average patents per organisation


def _assign_orgs(app_city: np.ndarray, app_type: np.ndarray, app_patent: np.ndarray, app_seq: np.ndarray,
                 rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Name and address of each applicant row: an organisation drawn from its (city, type) pool with Zipf-like
    popularity (addresses repeat, as in real exports), distinct within a patent."""
    names = np.empty(len(app_city), dtype=object)
    addrs = np.empty(len(app_city), dtype=object)
    key = pd.MultiIndex.from_arrays([app_city, app_type])
    codes, uniques = pd.factorize(key)
    for g, (city, typ) in enumerate(uniques):
        rows = np.flatnonzero(codes == g)
        size = max(1, int(np.ceil(len(rows) / _POOL_SIZE[int(typ)])))
        if int(typ) in (U, RI, H):
            size = min(size, 80)
        w = 1.0 / np.arange(1, size + 1) ** 0.9
        pick = rng.choice(size, size=len(rows), p=w / w.sum())
        # distinct within a patent: the k-th applicant of a patent from this pool takes the organisation after
        # the (k-1)-th (rows are in patent, seq order)
        if size > 1:
            pat = app_patent[rows]
            start = np.r_[True, pat[1:] != pat[:-1]]
            first_idx = np.maximum.accumulate(np.where(start, np.arange(len(pat)), 0))
            pick = (pick[first_idx] + np.arange(len(pat)) - first_idx) % size
        salt = (sum(map(ord, str(city))) * 31 + int(typ)) % 997
        pool_names = np.array([_org_name(str(city), int(typ), i, salt) for i in range(size)], dtype=object)
        pool_addr = np.array([_org_address(str(city), i, salt) for i in range(size)], dtype=object)
        names[rows] = pool_names[pick]
        addrs[rows] = pool_addr[pick]
    return names, addrs


def _join_lists(values: np.ndarray, offsets: np.ndarray, sep: str) -> pa.Array:
    lst = pa.ListArray.from_arrays(pa.array(offsets, type=pa.int32()), pa.array(values, type=pa.string()))
    return pc.binary_join(lst, sep)


def _take(vocab: Sequence[str], idx: np.ndarray) -> pa.Array:
    return pa.array(list(vocab), type=pa.string()).take(pa.array(idx))


def _texts(subclass: np.ndarray, ai: np.ndarray, rng: np.random.Generator) -> tuple[pa.Array, pa.Array]:
    """Titles and abstracts: AI patents carry a keyword fitting their subclass (in the title for 80%, else only in
    the abstract) and 35% a second keyword; non-AI patents carry none."""
    n = len(subclass)
    kws = list(KEYWORD_WEIGHTS)
    gw = np.array(list(KEYWORD_WEIGHTS.values()), dtype=float)
    gw /= gw.sum()
    kw = rng.choice(len(kws), size=n, p=gw)
    pref = rng.random(n) < 0.7
    for sc, words in SUBCLASS_KEYWORDS.items():
        m = (subclass == sc) & pref
        if m.any():
            kw[m] = rng.choice([kws.index(w) for w in words], size=int(m.sum()))
    kw2 = rng.choice(len(kws), size=n, p=gw)
    has2 = (rng.random(n) < 0.35) & (kw2 != kw)
    in_title = rng.random(n) < 0.8
    obj = rng.integers(0, len(OBJECTS), n)
    kind = rng.integers(0, len(KINDS), n)
    data = rng.integers(0, len(DATA), n)
    ben = rng.integers(0, len(BENEFITS), n)
    empty = pa.array([""] * n, type=pa.string())
    kw_arr = _take(kws, kw)
    kw2_arr = _take(kws, kw2)
    t_kw = pc.if_else(pa.array(in_title & ai), kw_arr, empty)
    t_pre = pc.if_else(pa.array(in_title & ai), pa.scalar("一种基于"), pa.scalar("一种"))
    t_mid = pc.if_else(pa.array(in_title & ai), pa.scalar("的"), pa.scalar(""))
    title_ai = pc.binary_join_element_wise(t_pre, t_kw, t_mid, _take(OBJECTS, obj), _take(KINDS, kind), "")
    core = pc.binary_join_element_wise(pa.scalar("一种"), _take(OBJECTS, obj), _take(KINDS, kind), "")
    s1 = pc.binary_join_element_wise(pa.scalar("获取待处理的"), _take(DATA, data), pa.scalar("并进行预处理得到特征向量；"), "")
    s2 = pc.binary_join_element_wise(pa.scalar("采用"), kw_arr, pa.scalar("模型对所述特征向量进行分析，得到"),
                                     _take(OBJECTS, obj), pa.scalar("结果；"), "")
    s3 = pc.if_else(pa.array(has2), pc.binary_join_element_wise(pa.scalar("并结合"), kw2_arr,
                                                                 pa.scalar("对结果进行校验与优化；"), ""), empty)
    s4 = pc.binary_join_element_wise(pa.scalar("根据分析结果生成控制指令并输出。本发明"), _take(BENEFITS, ben),
                                     pa.scalar("，适用于大规模部署。"), "")
    abstract_ai = pc.binary_join_element_wise(pa.scalar("本发明公开了"), core, pa.scalar("，所述方法包括："), s1, s2, s3, s4, "")
    nobj = rng.integers(0, len(NON_AI_OBJECTS), n)
    nkind = rng.integers(0, len(NON_AI_KINDS), n)
    p1, p2, p3 = (rng.integers(0, len(PARTS), n) for _ in range(3))
    title_non = pc.binary_join_element_wise(pa.scalar("一种"), _take(NON_AI_OBJECTS, nobj), _take(NON_AI_KINDS, nkind), "")
    abstract_non = pc.binary_join_element_wise(
        pa.scalar("本实用新型公开了"), title_non, pa.scalar("，包括"), _take(PARTS, p1), pa.scalar("、"), _take(PARTS, p2),
        pa.scalar("和"), _take(PARTS, p3), pa.scalar("，所述"), _take(PARTS, p1), pa.scalar("与所述"), _take(PARTS, p2),
        pa.scalar("固定连接。本实用新型结构简单，安装方便，使用寿命长。"), "")
    mask = pa.array(ai)
    return pc.if_else(mask, title_ai, title_non), pc.if_else(mask, abstract_ai, abstract_non)


def _numbers(years: np.ndarray, ptype: np.ndarray, rng: np.random.Generator) -> tuple[pa.Array, pa.Array, pa.Array, pa.Array]:
    """Publication numbers (CN + 9 digits + kind A/B/U), application numbers (CN + year + type + 7 digits + . +
    check digit), application and publication dates."""
    n = len(years)
    seq = rng.permutation(n) + 1
    type_digit = np.where(ptype == 2, 2, 1)
    body = years.astype(np.int64) * 10**8 + type_digit * 10**7 + seq
    digits = (body[:, None] // (10 ** np.arange(11, -1, -1))) % 10
    check = (digits * np.array([2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5])).sum(axis=1) % 11
    check_s = np.where(check == 10, "X", check.astype(str))
    app_no = pc.binary_join_element_wise(pa.scalar("CN"), pa.array(body.astype(str)), pa.scalar("."),
                                         pa.array(check_s.astype(object), type=pa.string()), "")
    pub_body = np.where(ptype == 2, 200_000_000, 100_000_000) + rng.permutation(n) * 7 + rng.integers(0, 7, n)
    kind = np.array(["A", "B", "U"], dtype=object)[ptype]
    pub_no = pc.binary_join_element_wise(pa.scalar("CN"), pa.array(pub_body.astype(str)),
                                         pa.array(kind, type=pa.string()), "")
    start = np.array([np.datetime64(f"{y}-01-01", "D") for y in range(YEARS[0], YEARS[-1] + 1)])
    days = (start[years.astype(int) - YEARS[0]] + rng.integers(0, 365, n).astype("timedelta64[D]"))
    pub = days + rng.integers(180, 720, n).astype("timedelta64[D]")
    fmt = lambda d: pc.strftime(pa.array(d.astype("datetime64[s]")), format="%Y-%m-%d")  # noqa: E731
    return pub_no, app_no, fmt(days), fmt(pub)


def demo_table(n_rows: int | None = None, seed: int = DEFAULT_SEED) -> pa.Table:
    """The SYNTHETIC export as an Arrow table with the PatSnap-layout columns (COLUMNS)."""
    n_rows = DEFAULT_ROWS if n_rows is None else int(n_rows)
    rng = np.random.default_rng(seed)
    blocks, non_ai = plan(n_rows, rng)
    parts = [_block_rows(b, rng) for b in blocks] + [_non_ai_rows(non_ai, rng)]
    years = np.concatenate([np.asarray(p["years"], dtype=np.int64) for p in parts])
    subclass = np.concatenate([np.asarray(p["subclass"], dtype=object) for p in parts])
    ai = np.concatenate([p["ai"] for p in parts])
    inv = np.concatenate([p["invention"] for p in parts])
    app_city = [c for p in parts for cs in p["app_city"] for c in cs]
    app_type = np.array([t for p in parts for ts in p["app_type"] for t in ts], dtype=np.int64)
    n_app = np.array([len(cs) for p in parts for cs in p["app_city"]], dtype=np.int64)
    n = len(years)
    assert n == n_rows, (n, n_rows)
    app_patent = np.repeat(np.arange(n), n_app)
    offsets0 = np.r_[0, np.cumsum(n_app)]
    app_seq = np.arange(len(app_patent)) - offsets0[app_patent] + 1
    names, addrs = _assign_orgs(np.array(app_city, dtype=object), app_type, app_patent, app_seq, rng)
    # row order: shuffled, like a relevance-sorted download
    order = rng.permutation(n)
    inv_order = np.empty(n, dtype=np.int64)
    inv_order[order] = np.arange(n)
    years, subclass, ai, inv, n_app_o = years[order], subclass[order], ai[order], inv[order], n_app[order]
    app_rank = np.lexsort((app_seq, inv_order[app_patent]))
    names, addrs = names[app_rank], addrs[app_rank]
    offsets = np.r_[0, np.cumsum(n_app_o)]
    granted = rng.random(n) < 0.3
    ptype = np.where(inv, np.where(granted, 1, 0), 2)
    ptype_s = np.array(["发明申请", "发明授权", "实用新型"], dtype=object)[ptype]
    title, abstract = _texts(subclass, ai, rng)
    pub_no, app_no, app_date, pub_date = _numbers(years, ptype, rng)
    main = np.array([GROUPS[s][i % len(GROUPS[s])] for i, s in enumerate(subclass)], dtype=object)
    extra_sub = rng.choice(list(GROUPS), size=n)
    n_extra = rng.choice([0, 1, 2], size=n, p=[0.4, 0.4, 0.2])
    extra1 = np.array([GROUPS[s][0] for s in extra_sub], dtype=object)
    extra2 = np.array([GROUPS["G06N"][i % 4] for i in range(n)], dtype=object)
    ipc_all = pc.binary_join_element_wise(
        pa.array(main, type=pa.string()),
        pc.if_else(pa.array(n_extra >= 1), pc.binary_join_element_wise(pa.scalar(";"), pa.array(extra1, type=pa.string()), ""), pa.scalar("")),
        pc.if_else(pa.array((n_extra >= 2) & ai), pc.binary_join_element_wise(pa.scalar(";"), pa.array(extra2, type=pa.string()), ""), pa.scalar("")),
        "")
    cols = {
        "序号": pa.array(np.arange(1, n + 1)),
        "公开(公告)号": pub_no, "申请号": app_no, "申请日": app_date, "公开(公告)日": pub_date,
        "标题": title, "摘要": abstract,
        "申请(专利权)人": _join_lists(names, offsets, "; "),
        "申请人地址": _join_lists(addrs, offsets, "; "),
        "IPC主分类": pa.array(main, type=pa.string()), "IPC分类": ipc_all,
        "专利类型": pa.array(ptype_s, type=pa.string()),
        "标注": pa.array([NOTE] * n, type=pa.string()),
    }
    return pa.table(cols)


def demo_path(n_rows: int | None = None, seed: int = DEFAULT_SEED, folder: Path | str | None = None, fmt: str = "csv") -> Path:
    """Where generate_demo writes: <folder>/SYNTHETIC_patsnap_export_<n_rows>_seed<seed>.<fmt> (default folder
    data/interim/demo, a build output)."""
    from ai_industry.paths import interim_dir

    n_rows = DEFAULT_ROWS if n_rows is None else int(n_rows)
    folder = Path(folder) if folder is not None else interim_dir() / "demo"
    return folder / f"SYNTHETIC_patsnap_export_{n_rows}_seed{seed}.{fmt}"


def generate_demo(n_rows: int | None = None, seed: int = DEFAULT_SEED, folder: Path | str | None = None, *,
                  fmt: str = "csv", encoding: str = "utf-8-sig") -> Path:
    """Write the SYNTHETIC export (csv in `encoding` utf-8-sig / utf-8 / gb18030, or xlsx) atomically; same
    arguments give byte-identical files. Returns the path."""
    if fmt not in ("csv", "xlsx"):
        raise ConfigError(f"generate_demo: fmt must be 'csv' or 'xlsx', not {fmt!r}")
    if encoding not in ("utf-8-sig", "utf-8", "gb18030"):
        raise ConfigError(f"generate_demo: encoding must be utf-8-sig, utf-8 or gb18030, not {encoding!r}")
    table = demo_table(n_rows, seed)
    path = demo_path(n_rows, seed, folder, fmt)
    with atomic_path(path) as tmp:
        if fmt == "xlsx":
            _write_xlsx(table, tmp)
        elif encoding == "gb18030":
            buf = _io.BytesIO()
            _write_csv(table, buf)
            tmp.write_bytes(buf.getvalue().decode("utf-8").encode("gb18030"))
        else:
            with open(tmp, "wb") as fh:
                if encoding == "utf-8-sig":
                    fh.write(b"\xef\xbb\xbf")
                _write_csv(table, fh)
    return path


def _write_csv(table: pa.Table, sink: Any) -> None:
    import pyarrow.csv as pcsv

    pcsv.write_csv(table, sink, write_options=pcsv.WriteOptions(quoting_style="needed", batch_size=65536))


def _write_xlsx(table: pa.Table, path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("SYNTHETIC 专利导出")
    ws.append([f"SYNTHETIC demo export — {NOTE}"])
    ws.append(list(table.column_names))
    cols = [table.column(i).to_pylist() for i in range(table.num_columns)]
    for row in zip(*cols):
        ws.append(list(row))
    wb.save(path)
    normalize_zip(path)


# ---- checking the calibration ---------------------------------------------------------------------------------------
def calibration_check(analysis: Any) -> pd.DataFrame:
    """Every calibrated aggregate of `targets()` next to what `patents.analyse` computed from the demo: measure,
    city, partner/subclass, target, computed, ok (exact for counts, at the printed decimals for shares and
    multiples)."""
    t = targets()
    tb = analysis.tables
    rows: list[dict[str, Any]] = []

    def add(measure: str, city: str, key: str, target: float, computed: float, decimals: int | None = None,
            qualifier: str = "") -> None:
        if qualifier == "以上":
            ok = computed >= target
        elif decimals is None:
            ok = int(target) == int(computed)
        else:
            ok = round(float(computed), decimals) == round(float(target), decimals)
        rows.append({"measure": measure, "city": city, "key": key, "target": target, "computed": computed, "ok": bool(ok)})

    growth = tb["period_growth"].set_index("first_city")
    fields = tb["field_shares"].set_index(["city", "ipc_subclass"])
    partners = tb["partner_cities"].set_index(["first_applicant_city", "partner_city"])
    totals = tb["coapplication_totals"].set_index("city")
    sole = tb["sole_applicant_structure"]
    types = tb["patent_types"]
    for city in CALIBRATED:
        c = t[city]
        g = growth.loc[city]
        add("patents 2016-2020", city, "", c["later"], g["target_count"])
        add("patents 2011-2015", city, "", c["earlier"], g["base_count"])
        add("multiple 十三五/十二五", city, "", c["multiple"], g["multiple"], 2)
        add("patents all years", city, "", c["total"], totals.loc[city, "patents_count"])
        for sub, cnt in c["subclasses"].items():
            add("Table 1 count", city, sub, cnt, fields.loc[(city, sub), "patents_count"])
            add("Table 1 share %", city, sub, c["subclass_shares_pct"][sub], fields.loc[(city, sub), "share_pct"], 2)
            add("Table 1 rank", city, sub, c["subclass_ranks"][sub], fields.loc[(city, sub), "rank"])
        add("co-applied patents", city, "", c["co_applied"], totals.loc[city, "co_applied_count"])
        for p, cnt in c["partners"].items():
            add("partner count", city, p, cnt, partners.loc[(city, p), "patents_count"])
        for p, share in c["partner_shares_pct"].items():
            add("partner share %", city, p, share, partners.loc[(city, p), "share_pct"], 2)
        add("产学研 share %", city, "", c["iur_pct"], totals.loc[city, "iur_share_pct"], 2)
        s = sole[sole["city"] == city]
        if c["sole_public_pct"] is not None:
            v = float(s.loc[s["group"] == "public_institution", "patents_count"].sum() / s["patents_count"].sum() * 100)
            add("sole applicants: public institutions %", city, "", c["sole_public_pct"], v, 0)
        if c["sole_enterprise_pct"] is not None:
            v = float(s.loc[s["applicant_type"] == "enterprise", "patents_count"].sum() / s["patents_count"].sum() * 100)
            add("sole applicants: enterprises %", city, "", c["sole_enterprise_pct"], v, 0)
        inv = types[(types["first_city"] == city) & (types["patent_type"] == "invention")]["share_pct"].sum()
        add("invention share %", city, "", t["invention_share_min_pct"], float(inv), None, "以上")
    return pd.DataFrame(rows)
