"""Chapter pages link to the index, their book, the previous and next chapter and the other language, each
only when that page has been built (a partial build or a run folder links no missing page); the links are
hidden in print."""

from __future__ import annotations

from ai_industry.catalog.sections import load_config
from ai_industry.pipeline.render import chapter_nav
from ai_industry.pipeline.runner import chapter_links


def _executed(monkeypatch, tmp_path, present):
    """Pretend that the executed notebooks `present` ((lang, stem), …) exist, and no others."""
    from ai_industry.pipeline import layout

    def executed_nb(out, lang, report, stem):
        return tmp_path / ("yes" if (lang, stem) in present else "no")

    (tmp_path / "yes").write_text("{}")
    monkeypatch.setattr(layout, "executed_nb", executed_nb)


def test_a_full_build_links_index_book_neighbours_and_other_language(repo, monkeypatch, tmp_path):
    cfg = load_config(repo)
    stems = [s.stem for s in cfg.report("ai-clusters-2023").sections]
    _executed(monkeypatch, tmp_path, {(lg, st) for lg in ("zh", "en") for st in stems})
    geo = cfg.section("ai-clusters-2023/geography")
    links = dict(chapter_links(geo, "zh", repo / "reports", repo))
    before, after = stems[stems.index(geo.stem) - 1], stems[stems.index(geo.stem) + 1]  # in sections.yaml's order
    assert links == {
        "全部报告": "../../../index.html",
        "本报告全书": "index.html",
        "上一章": f"{before}.html",
        "下一章": f"{after}.html",
        "English": "../../en/ai-clusters-2023/03_geography.html",
    }
    first, second = cfg.report("ai-clusters-2023").sections[:2]
    en = dict(chapter_links(first, "en", repo / "reports", repo))
    assert "Previous" not in en and en["Next"] == f"{second.stem}.html" and en["中文"].startswith("../../zh/")


def test_a_partial_build_links_no_page_that_is_not_there(repo, monkeypatch, tmp_path):
    _executed(monkeypatch, tmp_path, {("zh", "03_geography"), ("zh", "04_value_network")})
    geo = load_config(repo).section("ai-clusters-2023/geography")
    links = dict(chapter_links(geo, "zh", repo / "reports", repo))
    assert links == {"全部报告": "../../../index.html", "本报告全书": "index.html", "下一章": "04_value_network.html"}


def test_run_folder_links_only_to_pages_it_holds(repo, tmp_path):
    geo = load_config(repo).section("ai-clusters-2023/geography")
    assert chapter_links(geo, "en", tmp_path, repo) == []


def test_nav_markup_is_escaped_and_hidden_in_print(repo):
    bar = chapter_nav([("A & B", "x.html")])
    assert 'class="chapter-nav"' in bar and "A &amp; B" in bar
    css = (repo / "src/ai_industry/pipeline/templates/chapter.css").read_text(encoding="utf-8")
    assert "@media print { nav.chapter-nav { display: none; } }" in css


def test_the_index_links_no_book_that_was_not_built():
    from ai_industry.pipeline.render import index_page

    entry = {
        "slug": "r",
        "title_zh": "报告",
        "title_en": "Report",
        "chapters": [],
        "books": {"zh": "ok", "en": "not built"},
    }
    page = index_page([entry], ["zh", "en"])
    assert 'href="pdf/zh/r.pdf"' in page and 'href="pdf/en/r.pdf"' not in page and "not built" in page
