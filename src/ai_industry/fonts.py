"""The CJK font: Noto Sans CJK SC shipped inside the `mplfonts` package, so no system font is needed."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

FONT_FILE = "NotoSansCJKsc-Regular.otf"
FONT_FAMILY = "Noto Sans CJK SC"


@lru_cache(maxsize=1)
def cjk_font_path() -> Path:
    """Path of the Noto Sans CJK SC font file inside the installed mplfonts package."""
    import mplfonts

    path = Path(mplfonts.__file__).parent / "fonts" / FONT_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{FONT_FILE} not found in the mplfonts package at {path.parent}")
    return path


@lru_cache(maxsize=1)
def setup_matplotlib() -> str:
    """Register the CJK font with matplotlib and make it the default; returns the family name."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, rcParams

    import seaborn as sns

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
