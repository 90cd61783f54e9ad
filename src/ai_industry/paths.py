"""Where things are: the project root and the standard folders under it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ai_industry.contract import ROOT_ENV, root_override

_MARKER = Path("config") / "sections.yaml"


def project_root(start: Path | None = None) -> Path:
    """The project root: $AI_INDUSTRY_ROOT, else the nearest folder above `start` (or cwd) holding
    config/sections.yaml, else the checkout this package was installed from."""
    env = root_override()
    if env is not None:
        return env
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / _MARKER).is_file():
            return folder
    pkg = Path(__file__).resolve()
    for folder in pkg.parents:
        if (folder / _MARKER).is_file():
            return folder
    raise FileNotFoundError(f"cannot find the project root (a folder with {_MARKER}) above {here}; set {ROOT_ENV}")


def raw_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "data" / "raw"


def published_dir(root: Path | None = None) -> Path:
    return raw_dir(root) / "published"


def interim_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "data" / "interim"


def processed_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "data" / "processed"


def reports_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "reports"


# ---- the CJK font file (Noto Sans CJK SC shipped inside the `mplfonts` package; no system font needed) ----
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


def seed_page(seed_file: str) -> str:
    """Where a seed text's HTML page sits under an output root (reports/ or a run folder), one anchor per line
    (`#L414`): written by the pipeline's render step, linked from the chapters' seed-line columns."""
    return f"seeds/{Path(seed_file).stem}.html"
