"""Where things are: the project root and the standard folders under it."""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV = "AI_INDUSTRY_ROOT"
_MARKER = Path("config") / "sections.yaml"


def project_root(start: Path | None = None) -> Path:
    """The project root: $AI_INDUSTRY_ROOT, else the nearest folder above `start` (or cwd) holding
    config/sections.yaml, else the checkout this package was installed from."""
    env = os.environ.get(ROOT_ENV)
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / _MARKER).is_file():
            return folder
    pkg = Path(__file__).resolve()
    for folder in pkg.parents:
        if (folder / _MARKER).is_file():
            return folder
    raise FileNotFoundError(
        f"cannot find the project root (a folder with {_MARKER}) above {here}; set {ROOT_ENV}"
    )


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
