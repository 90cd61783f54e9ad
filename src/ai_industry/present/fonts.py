"""The CJK font: Noto Sans CJK SC shipped inside the `mplfonts` package, so no system font is needed."""

from __future__ import annotations

from functools import lru_cache

from ai_industry.paths import cjk_font_path


@lru_cache(maxsize=1)
def setup_matplotlib() -> str:
    """Register the CJK font with matplotlib and make it the default; returns the family name."""
    import matplotlib

    matplotlib.use("Agg")
    import seaborn as sns
    from matplotlib import font_manager, rcParams

    font_manager.fontManager.addfont(str(cjk_font_path()))
    name = font_manager.FontProperties(fname=str(cjk_font_path())).get_name()
    sns.set_theme(style="whitegrid")
    rcParams["font.family"] = "sans-serif"
    rcParams["font.sans-serif"] = [name, "DejaVu Sans"]
    rcParams["axes.unicode_minus"] = False
    rcParams["svg.fonttype"] = "none"
    rcParams["svg.hashsalt"] = "ai-industry"
    rcParams["figure.dpi"] = 110
    rcParams["savefig.dpi"] = 150
    return name
