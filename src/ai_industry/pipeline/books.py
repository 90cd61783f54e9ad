"""Books bound from the chapters already rendered, not rendered again.

- PDF: a title and contents page (WeasyPrint) followed by every chapter PDF of the report, merged with pypdf;
  each chapter is an outline item (its own headings nested under it), and the page labels follow the folios
  printed on the pages: `i, ii` for the front matter, `<chapter number>-1, -2, …` in each chapter (a chapter PDF
  numbers its pages from 1), so a reader's viewer shows the same page number as the page itself.
- HTML: the chapter pages' bodies joined in order, each in `<section class="chapter" id="chap-<stem>">`, their
  navigation bars left out and their element ids prefixed with the chapter (`<stem>--cell-3`), so that the
  ids stay unique in the book and in-page links still land.

Binding the ai-clusters-2023 book this way takes well under a second of work where re-rendering its nine
chapters took ~9 s; the chapter pages are the same bytes the reader gets one by one.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ai_industry.catalog.terms import t
from ai_industry.io import atomic_path, write_text
from ai_industry.pipeline.render import html_to_pdf_bytes, page

_BODY = re.compile(r"<body>\n(.*)\n</body>", re.S)
_NAV = re.compile(r'<nav class="chapter-nav">.*?</nav>\n?', re.S)
_ID = re.compile(r'\bid="([^"]+)"')
_LOCAL_HREF = re.compile(r'\bhref="#([^"]+)"')


@dataclass(frozen=True)
class BookChapter:
    stem: str
    number: str  # as printed in this language ("五(二)(1)" or "5.2(1)")
    title: str  # the heading, number included
    html: Path
    pdf: Path


def chapter_body(markup: str, stem: str) -> str:
    """The body of a chapter page, without its navigation bars, its ids prefixed with `stem`."""
    m = _BODY.search(markup)
    if m is None:
        raise ValueError(f"chapter page of {stem} has no <body>")
    body = _NAV.sub("", m.group(1))
    body = _ID.sub(lambda x: f'id="{stem}--{x.group(1)}"', body)
    return _LOCAL_HREF.sub(lambda x: f'href="#{stem}--{x.group(1)}"', body)


def book_html(report_title: str, chapters: Sequence[BookChapter], lang: str) -> str:
    """The HTML book: a contents list and every chapter page's body, in order. Chapter pages and the book sit
    in the same folder, so the pages' relative links (figures, seed lines, fonts) hold unchanged."""
    toc = "".join(f'<li><a href="#chap-{c.stem}">{html.escape(c.title)}</a></li>' for c in chapters)
    parts = [
        f'<h1 class="book-title">{html.escape(report_title)}</h1>',
        f'<nav class="toc"><h2>{t("contents", lang)}</h2><ol>{toc}</ol></nav>',
    ]
    for c in chapters:
        body = chapter_body(c.html.read_text(encoding="utf-8"), c.stem)
        parts.append(f'<section class="chapter" id="chap-{c.stem}">{body}</section>')
    return page(report_title, "\n".join(parts), lang, "../../../")


def front_matter_html(report_title: str, chapters: Sequence[BookChapter], pages: Sequence[int], lang: str) -> str:
    """The title and contents page of the PDF book: each chapter with the page labels it spans."""
    label = "页" if lang == "zh" else "pages"
    rows = "".join(
        f"<tr><td>{html.escape(c.title)}</td><td>{html.escape(c.number)}-1 – {html.escape(c.number)}-{n}</td></tr>"
        for c, n in zip(chapters, pages, strict=True)
    )
    body = (
        f'<h1 class="book-title">{html.escape(report_title)}</h1>'
        f'<nav class="toc"><h2>{t("contents", lang)}</h2>'
        f'<table class="index"><tr><th></th><th>{label}</th></tr>{rows}</table></nav>'
    )
    return page(report_title, body, lang, "../../../")


def _rebase_links(reader, folder: str) -> None:  # noqa: ANN001 - a pypdf reader
    """Relative links of a chapter PDF (to the seed pages) are relative to the chapter's folder; the book sits
    in `folder`'s parent, so prefix them with `folder` and normalise (`../../../seeds/x` -> `../../seeds/x`)."""
    import posixpath

    from pypdf.generic import NameObject, TextStringObject

    for pdf_page in reader.pages:
        for annot in pdf_page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            uri = action.get_object().get("/URI") if action is not None else None
            if uri is None or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^/|^#", str(uri)):
                continue
            path, _, frag = str(uri).partition("#")
            rebased = posixpath.normpath(posixpath.join(folder, path)) + (f"#{frag}" if frag else "")
            action.get_object()[NameObject("/URI")] = TextStringObject(rebased)


def _chapter_outline(outline: list) -> list:
    """A chapter PDF's outline without its single top entry (the page's own title, which the book's outline
    item for the chapter already is): that entry's children."""
    tops = [x for x in outline if not isinstance(x, list)]
    if len(tops) == 1 and len(outline) == 2 and isinstance(outline[1], list):
        return outline[1]
    return outline


def _copy_outline(reader, outline: list, writer, parent, offset: int) -> None:  # noqa: ANN001 - pypdf objects
    """Copy a chapter's (nested) outline under `parent`, its pages shifted by `offset`."""
    last = None
    for entry in outline:
        if isinstance(entry, list):
            if last is not None:
                _copy_outline(reader, entry, writer, last, offset)
            continue
        last = writer.add_outline_item(entry.title, reader.get_destination_page_number(entry) + offset, parent=parent)


def bind_pdf(report_title: str, chapters: Sequence[BookChapter], lang: str, target: Path) -> Path:
    """Merge the chapter PDFs behind a title and contents page; outline and page labels as described above."""
    from pypdf import PdfReader, PdfWriter

    readers = [PdfReader(c.pdf) for c in chapters]
    front = PdfReader(
        io.BytesIO(html_to_pdf_bytes(front_matter_html(report_title, chapters, [len(r.pages) for r in readers], lang)))
    )
    writer = PdfWriter()
    writer.append(front, import_outline=False)
    writer.set_page_label(0, len(front.pages) - 1, style="/r")
    at = len(front.pages)
    for c, reader in zip(chapters, readers, strict=True):
        _rebase_links(reader, c.pdf.parent.relative_to(target.parent).as_posix())
        writer.append(reader, import_outline=False)
        item = writer.add_outline_item(c.title, at)
        _copy_outline(reader, _chapter_outline(reader.outline), writer, item, at)
        writer.set_page_label(at, at + len(reader.pages) - 1, style="/D", prefix=f"{c.number}-")
        at += len(reader.pages)
    writer.add_metadata({"/Title": report_title, "/Producer": "ai-industry-reports (pypdf)"})
    writer.page_mode = "/UseOutlines"
    with atomic_path(target) as tmp, open(tmp, "wb") as fh:
        writer.write(fh)
    return target


def bind(
    report_title: str, chapters: Sequence[BookChapter], lang: str, html_target: Path, pdf_target: Path
) -> tuple[Path, Path]:
    """Both books of a report in one language from its rendered chapters."""
    h = write_text(book_html(report_title, chapters, lang), html_target)
    return h, bind_pdf(report_title, chapters, lang, pdf_target)
