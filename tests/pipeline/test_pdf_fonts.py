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
