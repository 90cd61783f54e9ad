"""End to end, continued: what a build must survive beyond its first run — a kill at any moment, a processed
dataset lost to a kill, the other language built in between, a one-section build against the books. In a file
of its own (with its own built copy, `built` in conftest.py), so that the two test workers share the builds."""

import pytest
from helpers import GEO_BUILD as BUILD
from helpers import GEO_STEM as STEM
from helpers import build_digest as _digest
from helpers import cli, killed_build

pytestmark = pytest.mark.pipeline


@pytest.mark.parametrize("after_s", [2.5, 9.0])
def test_a_build_killed_at_any_moment_is_completed_by_the_next(built, after_s):
    """kill -9 of the whole build (CLI, Snakemake and its jobs) leaves a stale Snakemake lock, half-written
    temporary files and incomplete outputs; the next plain build clears them and equals a clean build."""
    root, _ = built
    clean = _digest(root)
    killed_build(root, BUILD, after_s)
    (root / "reports" / f".{STEM}.pdf.killed.tmp").write_bytes(b"half a file")  # as an interrupted write leaves
    again = cli(root, *BUILD)
    assert again.returncode == 0, again.stdout + again.stderr
    assert not list(root.glob("reports/**/.*.tmp")) and not list((root / "reports").glob(".staging/*"))
    assert not list((root / ".snakemake" / "locks").glob("*"))
    assert _digest(root) == clean


def test_the_language_built_last_changes_no_table(built):
    """zh, then en, then zh again: each language's tables stay the same bytes whatever was built after them,
    because each language writes its own files (labels and display units differ)."""
    import hashlib

    root, _ = built

    def tables(lang):
        base = root / "reports/tables" / lang
        return {str(p.relative_to(base)): hashlib.sha256(p.read_bytes()).hexdigest() for p in base.rglob("*.*")}

    zh_first = tables("zh")
    i = BUILD.index("--langs") + 1
    en_build = (*BUILD[:i], "en", *BUILD[i + 1 :])
    cli(root, *en_build, check=True)
    en_after_zh = tables("en")
    assert tables("zh") == zh_first and en_after_zh
    cli(root, *BUILD, "--force", check=True)  # zh again, after en
    assert tables("zh") == zh_first and tables("en") == en_after_zh


def test_a_one_section_build_leaves_the_books_whole(built):
    """The README's one-section command rebinds the book from every chapter that exists, so it neither cuts the
    book down to the selection nor changes it when the section's output is unchanged."""
    import hashlib

    from pypdf import PdfReader

    root, _ = built
    i = BUILD.index("--section") + 1
    other = (*BUILD[:i], "sample_database", *BUILD[i + 1 :])
    cli(root, *other, check=True)
    book_pdf, book_html = (
        root / "reports/pdf/zh/ai-clusters-2023.pdf",
        root / "reports/html/zh/ai-clusters-2023/index.html",
    )
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (book_pdf, book_html)}
    pages = len(PdfReader(book_pdf).pages)
    html = book_html.read_text(encoding="utf-8")
    assert "chap-01_sample_database" in html and f"chap-{STEM}" in html  # both chapters are in the book
    cli(root, *BUILD, "--force", check=True)  # one section again
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (book_pdf, book_html)} == before
    assert len(PdfReader(book_pdf).pages) == pages


def test_a_processed_dataset_lost_to_a_kill_is_rebuilt(built):
    """Snakemake removes a job's old outputs before running it; a kill right then leaves a processed dataset
    missing while the chapter made from it looks up to date. The next build rebuilds the dataset and the
    chapter (it used to say "ok" and leave the dataset missing)."""
    root, _ = built
    processed = root / "data/processed/published/ai-clusters-2023/enterprise_distribution.parquet"
    good = processed.read_bytes()
    processed.unlink()
    (root / "data/interim/published/ai-clusters-2023/enterprise_distribution.parquet").unlink()
    proc = cli(root, *BUILD, check=True)
    assert processed.read_bytes() == good
    assert "1 section notebooks executed" in proc.stderr, proc.stderr
