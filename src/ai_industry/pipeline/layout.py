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
