"""Books bound from the rendered chapters (pipeline/books.py): PDF outline and page labels, links that still
resolve from the book's folder, HTML bodies joined with unique ids, and the same bytes when bound twice."""

import hashlib

import pytest
from pypdf import PdfReader

from ai_industry.pipeline import books
from ai_industry.pipeline.render import html_to_pdf, page

pytestmark = pytest.mark.pipeline


def _chapter(folder, stem, number, title, paragraphs):
    body = (
        '<nav class="chapter-nav"><a href="index.html">book</a></nav>\n'
        f'<h1 class="chapter-title">{number} {title}</h1>'
        + "".join(
            f'<h2 id="s{i}">Part {i}</h2><p style="page-break-after: always">text {i} '
            f'<a class="seed-line" href="../../../seeds/001_x.html#L{i}">{i}</a> <a href="#s{i}">here</a></p>'
            for i in range(1, paragraphs + 1)
        )
        + '\n<nav class="chapter-nav"><a href="index.html">book</a></nav>'
    )
    markup = page(title, body, "en", "../../../")
    html = folder / "html/en/rep" / f"{stem}.html"
    html.parent.mkdir(parents=True, exist_ok=True)
    html.write_text(markup, encoding="utf-8")
    pdf = html_to_pdf(markup, folder / "pdf/en/rep" / f"{stem}.pdf")
    return books.BookChapter(stem, number, f"§{number} {title}", html, pdf)


@pytest.fixture(scope="module")
def bound(tmp_path_factory):
    out = tmp_path_factory.mktemp("book")
    chapters = [_chapter(out, "01_a", "1", "First", 2), _chapter(out, "02_b", "2", "Second", 3)]
    html, pdf = books.bind("A report", chapters, "en", out / "html/en/rep/index.html", out / "pdf/en/rep.pdf")
    return out, chapters, html, pdf


def test_the_pdf_book_has_every_chapter_page_with_labels_and_an_outline(bound):
    _, chapters, _, pdf = bound
    reader = PdfReader(pdf)
    sizes = [len(PdfReader(c.pdf).pages) for c in chapters]
    front = len(reader.pages) - sum(sizes)
    assert front >= 1 and sizes == [2, 3]  # one page per part (the title on the first)
    assert reader.page_labels[:front] == ["i", "ii", "iii"][:front]
    assert reader.page_labels[front:] == ["1-1", "1-2", "2-1", "2-2", "2-3"]
    top = [x for x in reader.outline if not isinstance(x, list)]
    assert [x.title for x in top] == ["§1 First", "§2 Second"]
    assert [reader.get_destination_page_number(x) for x in top] == [front, front + 2]
    nested = reader.outline[1]  # the first chapter's own headings, under its item, pages shifted
    assert [x.title for x in nested] == ["Part 1", "Part 2"]
    assert [reader.get_destination_page_number(x) for x in nested] == [front, front + 1]
    text = reader.pages[0].extract_text()
    assert "§1 First" in text and "1-1 – 1-2" in text  # the contents page


def test_links_in_the_pdfs_are_relative_and_resolve_from_their_own_folder(bound):
    out, chapters, _, pdf = bound

    def uris(path):
        found = []
        for p in PdfReader(path).pages:
            for a in p.get("/Annots") or []:
                act = a.get_object().get("/A")
                if act is not None and "/URI" in act:
                    found.append(str(act["/URI"]))
        return found

    chapter_uris = uris(chapters[0].pdf)
    assert chapter_uris and all(u.startswith("../../../seeds/001_x.html#L") for u in chapter_uris)
    assert all(str(out) not in u and not u.startswith("file:") for u in chapter_uris)  # no build-machine path
    book_uris = [u for u in uris(pdf) if "seeds" in u]
    assert book_uris and all(u.startswith("../../seeds/001_x.html#L") for u in book_uris)
    # both resolve to <out>/seeds/ from where the PDF lies
    assert (chapters[0].pdf.parent / chapter_uris[0].split("#")[0]).resolve() == out / "seeds/001_x.html"
    assert (pdf.parent / book_uris[0].split("#")[0]).resolve() == out / "seeds/001_x.html"


def test_the_html_book_joins_the_chapter_bodies_with_unique_ids(bound):
    _, _, html, _ = bound
    text = html.read_text(encoding="utf-8")
    assert text.count('<section class="chapter" id="chap-01_a">') == 1 and 'id="chap-02_b"' in text
    assert 'class="chapter-nav"' not in text  # the chapter pages' navigation is left out
    assert 'id="01_a--s1"' in text and 'id="02_b--s1"' in text and 'href="#02_b--s3"' in text
    assert 'href="../../../seeds/001_x.html#L2"' in text  # the book sits beside its chapters: links unchanged
    assert text.count("<body>") == 1


def test_binding_twice_gives_the_same_bytes(bound):
    out, chapters, html, pdf = bound
    before = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (html, pdf)]
    books.bind("A report", chapters, "en", html, pdf)
    assert [hashlib.sha256(p.read_bytes()).hexdigest() for p in (html, pdf)] == before
