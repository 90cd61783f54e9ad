"""The side-by-side table's reasons, and why a place was not resolved, in the chapter's language. The chapter writes each reason once, in English
(as the saved CSV and XLSX keep it); for the Chinese chapter each one is matched against the template it was
written from and said again in Chinese with the same names and numbers. A reason that matches no template is
shown as written — `tests/chapters/ai_clusters_2023/test_firm_database_reasons.py` runs every template the
chapter writes through this table, so a new or changed sentence without its Chinese fails there."""

from __future__ import annotations

import re
from collections.abc import Callable

_NUM = r"[\d,]+(?:\.\d+)?"


def _templates() -> list[tuple[re.Pattern, Callable[[dict, Callable[[str], str]], str]]]:
    """(pattern of the English reason, its Chinese from the named groups and `word`, which says a coded word in
    Chinese), compiled once."""
    rows: list[tuple[str, Callable[[dict, Callable[[str], str]], str]]] = [
        (
            r"the selection holds no (?P<group>\w+) in (?P<year>\d+) \(organisation kinds or years chosen\)",
            lambda g, word: f"所选范围在 {g['year']} 年没有{word(g['group'])}（所选机构类型或年份）",
        ),
        (
            rf"the printed CR-(?P<n>\d+) is the sum of the printed \(rounded\) shares, (?P<sum>{_NUM}); "
            rf"(?P<got>{_NUM}) is within their rounding \(±(?P<tol>{_NUM})\)",
            lambda g, word: (
                f"报告的 CR-{g['n']} 是各印刷（已舍入）占比之和 {g['sum']}；复算值 {g['got']} 在其舍入误差（±{g['tol']}）之内"
            ),
        ),
        (r"the year is outside the data or the year range", lambda g, word: "该年份不在数据或所选年份范围内"),
        (r"the year is outside the data", lambda g, word: "该年份不在数据范围内"),
        (
            r"undefined: the data's network of (?P<year>\d+) has no node",
            lambda g, word: f"无定义：数据中 {g['year']} 年的网络没有节点",
        ),
        (
            r"undefined: the data's network of (?P<year>\d+) has no pair of connected nodes",
            lambda g, word: f"无定义：数据中 {g['year']} 年的网络没有相连的节点对",
        ),
        (
            rf"estimated from (?P<k>{_NUM}) BFS sources \(SE (?P<se>{_NUM})\)",
            lambda g, word: f"由 {g['k']} 个广度优先搜索起点估计（标准误 {g['se']}）",
        ),
        (rf"lower bound from (?P<k>{_NUM}) BFS sources", lambda g, word: f"由 {g['k']} 个广度优先搜索起点得到的下界"),
        (
            rf"sampled from (?P<k>{_NUM}) BFS sources \(a lower bound\)",
            lambda g, word: f"由 {g['k']} 个广度优先搜索起点抽样得到（下界）",
        ),
        (
            rf"sampled from (?P<k>{_NUM}) BFS sources \(SE (?P<se>{_NUM})\)",
            lambda g, word: f"由 {g['k']} 个广度优先搜索起点抽样估计（标准误 {g['se']}）",
        ),
        (
            rf"the SYNTHETIC demo places (?P<stat>\w+) in the published range of (?P<y0>\d+)–(?P<y1>\d+) "
            rf"\((?P<lo>{_NUM})–(?P<hi>{_NUM})\), not year by year: (?P<v>{_NUM}) is (?P<io>inside|outside) it",
            lambda g, word: (
                f"合成演示数据（SYNTHETIC）只使{word(g['stat'])}落在报告 {g['y0']}–{g['y1']} 年的范围"
                f"（{g['lo']}–{g['hi']}），不逐年拟合：{g['v']} 在范围{'之内' if g['io'] == 'inside' else '之外'}"
            ),
        ),
        (
            r"no organisation named (?P<name>.+) among the top rows",
            lambda g, word: f"排名前列中没有名为“{g['name']}”的机构",
        ),
        (
            r"figure 15 is of (?P<year>\d+) \(the year of Table 5\); the selection ends in (?P<at>\d+)",
            lambda g, word: f"图15 为 {g['year']} 年（表5 的年份）；所选范围止于 {g['at']} 年",
        ),
        (
            r"the platform network of (?P<at>\d+) has no relation in the selection: no share to compute",
            lambda g, word: f"所选范围内 {g['at']} 年的平台网络没有关系，无法计算占比",
        ),
        (
            rf"(?:both ends of (?P<pair>.+) are province-level municipalities|(?P<place>.+) is a province-level "
            rf"municipality) \(the same relations in both tables, the city table's base no larger\): the city share "
            rf"(?P<c>{_NUM}) cannot be below the province share (?P<p>{_NUM}); the two printed numbers cannot both hold",
            lambda g, word: (
                (f"{g['pair']} 两端都是直辖市" if g["pair"] else f"{g['place']}是直辖市")
                + f"（两表计入相同的关系，城市表的分母不更大）：城市占比 {g['c']} 不可能低于省级占比 {g['p']}；"
                "两个印刷数字不可能同时成立"
            ),
        ),
        (
            rf"the SYNTHETIC demo's partner firms are placed to fit Tables 7–10 together; this share is (?P<n>{_NUM}) "
            r"relations (?P<dir>above|below) the printed one",
            lambda g, word: (
                f"合成演示数据（SYNTHETIC）的合作企业地点按表7–表10 整体拟合；此占比比印刷值"
                f"{'高' if g['dir'] == 'above' else '低'} {g['n']} 条关系"
            ),
        ),
        (r"the relations carry no (?P<col>\w+)", lambda g, word: f"关系数据没有{word(g['col'])}"),
        (
            rf"(?P<metro>.+) lies in (?P<prov>.+), and the report's enterprises there \((?P<em>{_NUM})%\) are all its "
            rf"enterprises in (?P=prov) \((?P<ep>{_NUM})%\); platforms are enterprises, so their (?P=metro) share must "
            rf"equal their (?P=prov) share: the printed (?P<pm>{_NUM})% and (?P<pp>{_NUM})% cannot both hold",
            lambda g, word: (
                f"{g['metro']}位于{g['prov']}，报告中该地区的企业（{g['em']}%）即{g['prov']}的全部企业"
                f"（{g['ep']}%）；平台也是企业，其{g['metro']}占比应等于{g['prov']}占比：印刷的 {g['pm']}% 与 "
                f"{g['pp']}% 不可能同时成立"
            ),
        ),
        # where an organisation's place could not be resolved (`methods.firmdb.places`)
        (r"no province, city or address", lambda g, word: "未填省份、城市或地址"),
        (r"no city given", lambda g, word: "未填城市"),
        (r"province '(?P<p>[^']*)' is not a provincial-level unit", lambda g, word: f"“{g['p']}”不是省级行政区"),
        (
            r"city '(?P<c>[^']*)' lies in (?P<where>.+), not in (?P<prov>.+)",
            lambda g, word: f"城市“{g['c']}”位于{g['where']}，不在{g['prov']}",
        ),
        (
            r"city '(?P<c>[^']*)' names several prefecture-level units: (?P<several>.+)",
            lambda g, word: f"“{g['c']}”对应多个地级行政区：{g['several']}",
        ),
        (
            r"city '(?P<c>[^']*)' is not a prefecture-level unit(?P<several> \(it names several\))?",
            lambda g, word: f"“{g['c']}”不是地级行政区" + ("（对应多个）" if g["several"] else ""),
        ),
        (
            r"no city, and the address gives none in (?P<prov>.+)",
            lambda g, word: f"未填城市，地址中也没有{g['prov']}的城市",
        ),
        (r"address '(?P<a>[^']*)' gives no single city", lambda g, word: f"地址“{g['a']}”不能确定唯一的城市"),
    ]
    return [(re.compile(p), say) for p, say in rows]


_ZH = _templates()


def zh(reason: str, word: Callable[[str], str]) -> str | None:
    """`reason` in Chinese, or None when it matches no template."""
    for pattern, say in _ZH:
        m = pattern.fullmatch(reason)
        if m:
            return say(m.groupdict(), word)
    return None
