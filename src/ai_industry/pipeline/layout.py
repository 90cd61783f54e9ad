"""Where the build writes each output (relative to the output root: reports/ or a run folder)."""

from __future__ import annotations

from pathlib import Path


def executed_nb(out: Path, lang: str, report: str, stem: str) -> Path:
    return out / "notebooks" / lang / report / f"{stem}.ipynb"


def manifest_fragment(out: Path, lang: str, report: str, stem: str) -> Path:
    return out / "manifest" / lang / report / f"{stem}.json"


def chapter_html(out: Path, lang: str, report: str, stem: str) -> Path:
    return out / "html" / lang / report / f"{stem}.html"


def chapter_pdf(out: Path, lang: str, report: str, stem: str) -> Path:
    return out / "pdf" / lang / report / f"{stem}.pdf"


def book_html(out: Path, lang: str, report: str) -> Path:
    return out / "html" / lang / report / "index.html"


def book_pdf(out: Path, lang: str, report: str) -> Path:
    return out / "pdf" / lang / f"{report}.pdf"


def index_html(out: Path) -> Path:
    return out / "index.html"


def manifest_json(out: Path) -> Path:
    return out / "manifest.json"


# ---- reviewers' run folders ------------------------------------------------------------------------------
_PROJECT_DIRS = ("reports", "data", "src", "notebooks", "config", "workflow", "tests", ".git", ".snakemake")
_SYSTEM_DIRS = (
    "/etc",
    "/usr",
    "/bin",
    "/sbin",
    "/lib",
    "/lib64",
    "/boot",
    "/proc",
    "/sys",
    "/dev",
    "/var/lib",
    "/var/log",
)


def outside_project(root: Path, out: Path, what: str, example: str) -> Path:
    """`out` made absolute, after checking that it is neither the project, nor holds it, nor lies inside its
    sources or main build (reports/, data/, src/, …) or a system folder; a ConfigError names the rule."""
    from ai_industry.errors import ConfigError

    out = Path(out).expanduser().resolve()
    root = root.resolve()
    inside = [root / d for d in _PROJECT_DIRS]
    if out == root or root.is_relative_to(out) or any(out == d or out.is_relative_to(d) for d in inside):
        raise ConfigError(
            f"--out {out}: a {what} folder may not be the project, contain it, or lie inside its "
            f"{', '.join(_PROJECT_DIRS)} (the main build lives in reports/); use e.g. {example}"
        )
    if any(str(out) == s or str(out).startswith(s + "/") for s in _SYSTEM_DIRS):
        raise ConfigError(f"--out {out}: refusing to write a {what} into a system folder")
    return out


def new_run_folder(root: Path, report: str, stem: str, out: Path | None = None) -> Path:
    """Create and return the folder of one reviewer's run. By default a new folder
    runs/<report>/<stem>-<YYYYmmdd-HHMMSS>-<random>, created atomically (two runs in the same second never share
    one). A folder given with --out must be new or empty and outside the project's sources and main build
    (reports/, data/, src/, notebooks/, …) and outside system folders."""
    import secrets
    from datetime import datetime

    from ai_industry.errors import ConfigError

    if out is None:
        base = root / "runs" / report
        base.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        while True:
            candidate = base / f"{stem}-{stamp}-{secrets.token_hex(3)}"
            try:
                candidate.mkdir()
                return candidate
            except FileExistsError:
                continue
    out = outside_project(root, out, "run", "runs/<name>")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ConfigError(f"--out {out}: must be a new or empty folder (a run never overwrites another)")
    out.mkdir(parents=True, exist_ok=True)
    return out
