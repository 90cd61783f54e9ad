"""PDFs embed only the bundled CJK font (from the mplfonts package), whatever fonts the machine has: code,
tables and text alike, so the same page gives the same bytes on any machine."""

from __future__ import annotations

from pypdf import PdfReader

from ai_industry.pipeline.render import html_to_pdf, page


def test_only_the_bundled_font_is_embedded(tmp_path):
    markup = page("t", "<p>中文 text</p><pre>code 代码 = 1</pre><table><tr><td>表 1.5%</td></tr></table>", "zh")
    pdf = html_to_pdf(markup, tmp_path / "t.pdf")
    fonts = {
        str(font.get_object().get("/BaseFont")).split("+")[-1]
        for p in PdfReader(pdf).pages
        for font in (p["/Resources"].get("/Font") or {}).values()
    }
    assert fonts == {"Noto-Sans-CJK-SC"}


def test_a_pdf_leaves_no_font_folder_behind_even_when_the_process_ends_with_os_exit(tmp_path):
    """WeasyPrint copies the @font-face font (16 MB) into a `weasyprint-*` temporary folder that only its
    FontConfiguration's finaliser removed; build jobs end with os._exit, so every PDF used to leave one behind."""
    import os
    import sys

    child = (
        "import os, tempfile; tempfile.tempdir = os.environ['T']\n"
        "from ai_industry.pipeline.render import html_to_pdf, page\n"
        "html_to_pdf(page('t', '<p>中文</p>', 'zh'), __import__('pathlib').Path(os.environ['T']) / 't.pdf')\n"
        "os._exit(0)\n"
    )
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    import subprocess

    subprocess.run([sys.executable, "-c", child], env={**os.environ, "T": str(scratch)}, check=True)
    assert (scratch / "t.pdf").is_file()
    assert not list(scratch.glob("weasyprint-*"))
