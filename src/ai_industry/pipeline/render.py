"""Rendering: executed notebooks -> HTML chapters (nbconvert, no code by default) -> PDF (WeasyPrint with the
CJK font from mplfonts); one book per report; reports/index.html."""

from __future__ import annotations

import copy
import html
import json
import os
import re
import shutil
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import nbformat

from ai_industry.catalog.terms import t
from ai_industry.io import atomic_path, write_text
from ai_industry.paths import FONT_FAMILY, FONT_FILE, cjk_font_path, seed_page


@lru_cache(maxsize=1)
def chapter_css() -> str:
    return resources.files("ai_industry.pipeline").joinpath("templates/chapter.css").read_text(encoding="utf-8")


def _prepare(nb: nbformat.NotebookNode, with_code: bool) -> nbformat.NotebookNode:
    """A copy of `nb` without the papermill-injected parameters cell, cells tagged `notebook-only` (the
    title a JupyterLab reader sees; the chapter prints its own) and stderr output, with cell ids numbered in
    order so that the same notebook always gives the same page."""
    nb = copy.deepcopy(nb)
    cells = []
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "injected-parameters" in tags or "notebook-only" in tags or ("parameters" in tags and not with_code):
            continue
        if cell.cell_type == "code":
            cell.outputs = [
                o
                for o in cell.get("outputs", [])
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
            ]
        cell["id"] = f"cell-{len(cells)}"  # deterministic: papermill and editors assign random cell ids
        cells.append(cell)
    nb.cells = cells
    return nb


def notebook_body(nb_path: Path, with_code: bool = False) -> str:
    """The chapter body: the notebook's markdown and outputs as HTML (code cells only with `with_code`)."""
    return _body(nbformat.read(str(nb_path), as_version=4), with_code)


def _body(nb: nbformat.NotebookNode, with_code: bool) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="basic", exclude_input=not with_code, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(_prepare(nb, with_code))
    return body


def rehearse() -> None:
    """Validate a small notebook and turn it into HTML once, so that what nbformat and nbconvert prepare on first
    use (the compiled notebook schema, the templates, the markdown and highlighting libraries) is ready in the
    build's warm worker before it forks: each section and render job then starts without it (a chapter's body
    0.26 s -> 0.13 s; the schema ~0.08 s in every job that reads or writes a notebook)."""
    v4 = nbformat.v4
    cell = v4.new_code_cell("x = 1", outputs=[v4.new_output("display_data", {"text/html": "<p>x</p>"})])
    nb = v4.new_notebook(cells=[v4.new_markdown_cell("# t\n\n*a* `b` [c](d)\n\n| a |\n|---|\n| 1 |"), cell])
    nbformat.validate(nb)
    _body(nb, True)


def parameters_box(params: dict[str, Any], lang: str) -> str:
    items = ", ".join(f"<code>{html.escape(k)}={html.escape(repr(v))}</code>" for k, v in params.items())
    return f'<div class="params">{t("parameters", lang)}: {items}</div>'


def provenance_footer(record: dict[str, Any] | None, lang: str) -> str:
    if not record:
        return ""
    ins = "; ".join(f"{html.escape(d)} <code>{h['sha256'][:12]}</code>" for d, h in record.get("inputs", {}).items())
    commit = html.escape(str(record.get("git_commit", "unknown"))[:12])
    notebook = html.escape(str(record.get("notebook_sha256", ""))[:12])
    label = "数据与代码版本" if lang == "zh" else "Data and code versions"
    # no build time here: identical inputs give a byte-identical page; the time is in the manifest
    return (
        f'<footer class="provenance">{label}: commit <code>{commit}</code>, notebook <code>{notebook}</code>. '
        f"{t('generated_by', lang)}. Inputs: {ins}</footer>"
    )


FONT_ASSET = "assets/" + FONT_FILE
PDF_EPOCH = "946684800"  # 2000-01-01T00:00:00Z, the date stamped into PDF font subsets (as XLSX files get)


def ensure_font_asset(out: Path) -> Path:
    """Put the CJK font beside the HTML pages once (<out>/assets/), so Chinese renders in any browser. It is a
    hard link to the installed font where the file system allows one (every run folder then shares the one
    16 MB file on disk, and stays self-contained), a copy otherwise."""
    target, font = out / FONT_ASSET, cjk_font_path()
    if not target.exists() or target.stat().st_size != font.stat().st_size:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            tmp.unlink()
            try:
                os.link(font, tmp)
            except OSError:  # another device, or links not allowed
                shutil.copyfile(font, tmp)
    return target


def seed_text_page(seed_file: str, text: str) -> str:
    """A seed text as an HTML page with one anchor per line (`#L414`, 1-based as the citations count), the
    cited line highlighted when the page is opened at its anchor."""
    rows = "\n".join(
        f'<div class="seed-row" id="L{n}"><a class="ln" href="#L{n}">{n}</a> <span>{html.escape(line)}</span></div>'
        for n, line in enumerate(text.split("\n"), start=1)
    )
    style = (
        "<style>.seed-row{white-space:pre-wrap;font-size:.9rem;line-height:1.5}"
        ".seed-row .ln{display:inline-block;width:4em;color:#888;text-align:right;margin-right:.8em;text-decoration:none}"
        ".seed-row:target{background:#fff3b0}</style>"
    )
    return page(seed_file, f"{style}<h1>{html.escape(seed_file)}</h1>\n{rows}", "zh", root_prefix="../")


def ensure_seed_pages(out: Path, seeds_dir: Path) -> list[Path]:
    """The seed texts as line-anchored pages under `<out>/seeds/` (rewritten only when their text changed), so
    a chapter's seed-line cells can link to the very line they cite."""
    written = []
    for src in sorted(seeds_dir.glob("*.txt")):
        target = out / seed_page(src.name)
        markup = seed_text_page(src.name, src.read_text(encoding="utf-8"))
        if not target.is_file() or target.read_text(encoding="utf-8") != markup:
            write_text(markup, target)
        written.append(target)
    return written


def page(title: str, body: str, lang: str, root_prefix: str = "") -> str:
    """A standalone HTML page with the suite's stylesheet inlined. `root_prefix` is the relative path from the
    page to the output root (e.g. '../../../'), where assets/ holds the CJK font used when no system font has it."""
    face = (
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: local("{FONT_FAMILY}"), local("Noto Sans CJK SC Regular"), '
        f'url("{root_prefix}{FONT_ASSET}") format("opentype"); }}\n'
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8"/>\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{face}{chapter_css()}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def chapter_nav(links: list[tuple[str, str]]) -> str:
    """The navigation bar of a chapter page: (label, relative href) pairs; hidden in print (PDF)."""
    if not links:
        return ""
    items = " · ".join(f'<a href="{html.escape(href)}">{html.escape(label)}</a>' for label, href in links)
    return f'<nav class="chapter-nav">{items}</nav>\n'


def chapter_page(
    nb_path: Path,
    title: str,
    lang: str,
    params: dict[str, Any] | None = None,
    record: dict[str, Any] | None = None,
    with_code: bool = False,
    root_prefix: str = "../../../",
    nav: list[tuple[str, str]] | None = None,
) -> str:
    body = notebook_body(nb_path, with_code)
    post = parameters_box(params, lang) if params else ""
    bar = chapter_nav(nav or [])
    return page(title, bar + body + post + provenance_footer(record, lang) + bar, lang, root_prefix)


def html_to_pdf_bytes(markup: str, base_url: str | None = None) -> bytes:
    """Render HTML to PDF with WeasyPrint, embedding the Noto Sans CJK SC font from mplfonts."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    # the page's own @font-face points at reports/assets/ for browsers; drop it here so WeasyPrint loads (and
    # subsets) the font once, from the package
    markup = re.sub(r"@font-face \{[^}]*\}\n", "", markup, count=1)
    fonts = FontConfiguration()
    face = CSS(
        string=(
            f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{cjk_font_path().as_uri()}"); }}\n'
            # every element, code included, in the bundled font: a PDF must not depend on the fonts a machine
            # happens to have installed (a system monospace or CJK font changed the bytes from one to another)
            f'html, body, * {{ font-family: "{FONT_FAMILY}" !important; }}\n'
            # mplfonts ships only the regular weight; a synthetic bold would be embedded (and subset) a second
            # time, so the PDF marks emphasis by size and colour instead
            "* { font-weight: normal !important; }\n"
            "h1, h2, h3, p.caption-title, p.box-title { color: #0b3d6e; }"
        ),
        font_config=fonts,
    )
    doc = HTML(string=markup, base_url=base_url)
    # fontTools stamps each embedded font subset with the time it was made unless SOURCE_DATE_EPOCH is set:
    # fix it so that identical pages give byte-identical PDFs (the build time is in the manifest)
    old_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = old_epoch or PDF_EPOCH
    try:
        return doc.write_pdf(stylesheets=[face], font_config=fonts)
    finally:
        if old_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        # WeasyPrint copies an @font-face font (here the 16 MB CJK font) into a temporary folder of its own and
        # removes it when the FontConfiguration is garbage-collected; a build's job process ends with os._exit, so
        # that never happened and every PDF left 16 MB in /tmp (1.7 GB a build). Remove it now.
        _remove_font_folder(fonts)


def _remove_font_folder(fonts: Any) -> None:
    """Remove the temporary font folder of a WeasyPrint FontConfiguration (what its __del__ does)."""
    folder = getattr(fonts, "_folder", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        fonts._folder = None


def html_to_pdf(markup: str, pdf_path: Path, base_url: str | None = None) -> Path:
    """Render HTML to a PDF file (written atomically). Without `base_url` a relative link stays relative in the
    PDF (a viewer resolves it from the PDF's own folder, which is as deep under reports/ as the HTML page's),
    so a PDF holds no path of the machine that built it; figures are embedded in the page, the font by URI."""
    data = html_to_pdf_bytes(markup, base_url)
    with atomic_path(pdf_path) as tmp:
        tmp.write_bytes(data)
    return pdf_path


def index_page(entries: list[dict[str, Any]], languages: Iterable[str]) -> str:
    """reports/index.html: every report with its books and every chapter with HTML/PDF links and status."""
    languages = list(languages)
    parts = [
        '<h1 class="chapter-title">ai-industry-reports</h1>',
        '<p class="chapter-subtitle">已发布报告的可复现重建 · Published reports on China\'s AI industry, rebuilt from cited data</p>',
    ]
    for rep in entries:
        book_state = rep.get("books", {})
        books = " · ".join(
            f'{lg}: <span class="status-not-built">{t("not_built", lg)}</span>'
            if book_state.get(lg, "ok") == "not built"
            else f'{lg}: <a href="html/{lg}/{rep["slug"]}/index.html">HTML</a> / <a href="pdf/{lg}/{rep["slug"]}.pdf">PDF</a>'
            + (
                ' <span class="status-stale">(stale: a chapter below is stale or failed)</span>'
                if book_state.get(lg, "ok") != "ok"
                else ""
            )
            for lg in languages
        )
        parts.append(
            f"<h2>{html.escape(rep['title_zh'])}<br/><small>{html.escape(rep['title_en'])}</small></h2>"
            f"<p>{t('book', 'zh')} / {t('book', 'en')}: {books}</p>"
        )
        head = "".join(f"<th>{lg.upper()}</th>" for lg in languages)
        rows = []
        for ch in rep["chapters"]:
            cells = []
            for lg in languages:
                st = ch["status"].get(lg, "missing")
                links = (
                    f'<a href="html/{lg}/{rep["slug"]}/{ch["stem"]}.html">HTML</a> · '
                    f'<a href="pdf/{lg}/{rep["slug"]}/{ch["stem"]}.pdf">PDF</a>'
                )
                reason = html.escape(ch.get("reason", {}).get(lg, ""))
                if st == "ok":
                    cells.append(f"<td>{links}</td>")
                elif st == "stale":
                    cells.append(f'<td class="status-stale"><strong>stale</strong>: {reason}<br/>{links}</td>')
                else:
                    cells.append(
                        f'<td class="status-failed">{html.escape(st)}' + (f": {reason}" if reason else "") + "</td>"
                    )
            rows.append(
                f"<tr><td>{html.escape(ch['number'])}</td><td>{html.escape(ch['title_zh'])}<br/>"
                f"<small>{html.escape(ch['title_en'])}</small></td>{''.join(cells)}</tr>"
            )
        parts.append(
            f'<table class="index"><tr><th>§</th><th>{t("chapter", "zh")} / {t("chapter", "en")}</th>{head}</tr>'
            f"{''.join(rows)}</table>"
        )
    parts.append(
        '<p><a href="manifest.json">manifest.json</a> — 每节的参数、输入数据哈希、代码版本与耗时 / '
        "parameters, input hashes, code version and timing of every section.</p>"
    )
    return page("ai-industry-reports", "\n".join(parts), "zh", "")


def load_json(path: Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))
