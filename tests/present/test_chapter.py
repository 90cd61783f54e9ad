"""The Chapter API: a notebook finds its own section, loads its inputs by short name, and is refused an
undeclared one; source lines resolve short names to the datasets' citations."""

from __future__ import annotations

import pytest

from ai_industry.contract import SECTION_ENV
from ai_industry.errors import ConfigError
from ai_industry.present.chapter import Chapter


def test_current_takes_the_section_the_runner_injects(repo, monkeypatch):
    monkeypatch.setenv(SECTION_ENV, "ai-clusters-2023/geography")
    ch = Chapter.current("en", root=repo)
    assert ch.section.id == "ai-clusters-2023/geography" and ch.lang == "en"


def test_current_finds_the_notebook_open_in_jupyter(repo, monkeypatch):
    monkeypatch.delenv(SECTION_ENV, raising=False)
    monkeypatch.setenv("JPY_SESSION_NAME", str(repo / "notebooks/nansha-proposal/01_targets_key_figures.ipynb"))
    assert Chapter.current(root=repo).section.id == "nansha-proposal/targets_key_figures"


def test_current_without_any_clue_says_how_to_name_the_section(repo, monkeypatch):
    monkeypatch.delenv(SECTION_ENV, raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    with pytest.raises(ConfigError, match="cannot tell which section"):
        Chapter.current(root=repo)
    assert Chapter.current(section="audit/ledger", root=repo).section.id == "audit/ledger"


def test_inputs_by_short_name_and_refusal_of_undeclared_ones(repo):
    ch = Chapter("ai-clusters-2023/geography", root=repo)
    assert ch.dataset("enterprise_distribution") == "published/ai-clusters-2023/enterprise_distribution"
    assert ch.dataset("published/audit/claims") == "published/audit/claims"
    with pytest.raises(ConfigError, match="not an input of section ai-clusters-2023/geography") as err:
        ch.dataset("value_network_by_year")
    assert "enterprise_distribution" in str(err.value)  # the message lists what is declared


def test_products_declared_by_the_section_and_refusal_of_others(repo, monkeypatch, products):
    """A section reads a build product it declares (`products:` in sections.yaml); another section, or a kernel
    whose runner did not declare it, is refused."""
    from ai_industry.catalog.sections import product_paths
    from ai_industry.contract import PRODUCTS_ENV

    files = Chapter("ai-clusters-2023/firm_database", root=repo).product("demo/firmdb")
    assert files["organisations"].name == "organisations.csv" and files["relations"].is_file()
    assert "SYNTHETIC" in str(files["relations"])
    with pytest.raises(ConfigError, match="not a product of section ai-clusters-2023/geography"):
        Chapter("ai-clusters-2023/geography", root=repo).product("demo/firmdb")
    monkeypatch.setenv(PRODUCTS_ENV, "demo/firmdb_statistics")
    with pytest.raises(ConfigError, match="not declared by this section"):
        product_paths("demo/firmdb", repo)
    with pytest.raises(ConfigError, match="unknown product 'demo/nope'"):
        product_paths("demo/nope", repo)


def test_source_lines_accept_short_names(repo):
    ch = Chapter("ai-clusters-2023/geography", root=repo)
    assert ch.source(["enterprise_distribution"]) == ch.source(["published/ai-clusters-2023/enterprise_distribution"])
    assert "SYNTHETIC" in ch.source(["synthetic:demo"])


def test_tables_are_written_per_language_so_build_order_cannot_change_them(repo, monkeypatch, tmp_path):
    """zh and en export the same table name (labels and units differ by language) into distinct files; writing
    en after zh, or zh after en, leaves the same two files."""
    import pandas as pd

    from ai_industry.contract import OUTPUT_ENV

    monkeypatch.setenv(OUTPUT_ENV, str(tmp_path))
    frames = {
        "zh": pd.DataFrame({"单位": ["亿美元"], "value": [1234.5]}),
        "en": pd.DataFrame({"unit": ["US$ bn"], "value": [123.45]}),
    }
    results = []
    for order in (("zh", "en"), ("en", "zh")):
        for lang in order:
            Chapter("ai-clusters-2023/geography", lang=lang, root=repo).export(
                frames[lang], "t", ["enterprise_distribution"], "T"
            )
        results.append({p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()})
    assert results[0] == results[1]
    assert {"tables/zh/ai-clusters-2023/t.csv", "tables/en/ai-clusters-2023/t.csv"} <= set(results[0])
    assert "亿美元" in results[0]["tables/zh/ai-clusters-2023/t.csv"].decode()
    assert "US$ bn" in results[0]["tables/en/ai-clusters-2023/t.csv"].decode()


def test_seed_line_cells_link_to_the_cited_line(repo, monkeypatch, tmp_path):
    """A table from one seed's datasets shows its seed-line column as links to that line of the seed page; text
    cells stay escaped and numbers keep their formatting."""
    import pandas as pd

    from ai_industry.contract import OUTPUT_ENV
    from ai_industry.present import chapter as chapter_mod

    monkeypatch.setenv(OUTPUT_ENV, str(tmp_path))
    shown = []
    monkeypatch.setattr(chapter_mod, "_html", shown.append)
    ch = Chapter("ai-clusters-2023/geography", lang="en", root=repo)
    df = pd.DataFrame({"region": ["北京 <b>"], "share_pct": [28.09], "seed_line": [416]})
    ch.table(
        df,
        "t",
        ["enterprise_distribution"],
        "T",
        columns={"region": "Region", "share_pct": "%", "seed_line": "Seed line"},
    )
    page = shown[-1]
    assert '<a class="seed-line" href="../../../seeds/001_26a22cdcef38ab7f.html#L416">416</a>' in page
    assert "北京 &lt;b&gt;" in page and "28.09" in page
    # the claims ledger spans all four seeds: no single seed, no links
    ch.table(
        df, "u", ["published/audit/claims", "enterprise_distribution", "published/nansha-proposal/indicators"], "U"
    )
    assert "seed-line" not in shown[-1]


def test_coded_values_are_shown_in_words_and_saved_as_codes(repo, monkeypatch, tmp_path):
    """`values` labels coded cells in the page only; the CSV keeps the codes (and codes without a label stay)."""
    import pandas as pd

    from ai_industry.contract import OUTPUT_ENV
    from ai_industry.present import chapter as chapter_mod

    monkeypatch.setenv(OUTPUT_ENV, str(tmp_path))
    shown = []
    monkeypatch.setattr(chapter_mod, "_html", shown.append)
    ch = Chapter("ai-clusters-2023/geography", lang="zh", root=repo)
    df = pd.DataFrame({"status": ["agrees", "differs", "odd"], "local": [True, False, True], "n": [1, 2, 3]})
    ch.table(df, "t", ["enterprise_distribution"], "T", columns={"status": "结果", "local": "内部", "n": "数"},
             values={"status": {"agrees": "一致", "differs": "不一致"}, "local": {True: "是", False: "否"}})  # fmt: skip
    page = shown[-1]
    assert all(w in page for w in ("<th>结果</th>", "<td>一致</td>", "<td>不一致</td>", "<td>odd</td>", "<td>是</td>"))
    assert "agrees" not in page and "True" not in page
    saved = pd.read_csv(tmp_path / "tables" / "zh" / "ai-clusters-2023" / "t.csv")
    assert list(saved["status"]) == ["agrees", "differs", "odd"] and list(saved["local"]) == [True, False, True]


def test_seed_pages_have_one_anchor_per_line(tmp_path):
    from ai_industry.pipeline.render import ensure_seed_pages

    seeds = tmp_path / "seeds_in"
    seeds.mkdir()
    (seeds / "001_x.txt").write_text("第一行\n第二行 <x>\n", encoding="utf-8")
    (page,) = ensure_seed_pages(tmp_path / "out", seeds)
    text = page.read_text(encoding="utf-8")
    assert page == tmp_path / "out/seeds/001_x.html"
    assert 'id="L2"><a class="ln" href="#L2">2</a> <span>第二行 &lt;x&gt;</span>' in text


def test_missing_values_of_extension_columns_are_blank_not_na(repo, monkeypatch, tmp_path):
    """From an independent review: the rank of an unresolved place (Int64) was shown as "<NA>"."""
    import pandas as pd

    from ai_industry.contract import OUTPUT_ENV
    from ai_industry.present import chapter as chapter_mod

    monkeypatch.setenv(OUTPUT_ENV, str(tmp_path))
    shown = []
    monkeypatch.setattr(chapter_mod, "_html", shown.append)
    ch = Chapter("ai-clusters-2023/geography", lang="en", root=repo)
    df = pd.DataFrame(
        {"rank": pd.array([1, None], dtype="Int64"), "region": pd.array(["北京市", None], dtype="string"), "n": [3, 1]}
    )
    ch.table(df, "t", ["enterprise_distribution"], "T")
    page = shown[-1]
    assert "&lt;NA&gt;" not in page and "<NA>" not in page and "<td>1</td>" in page and "<td></td>" in page
