import json
from pathlib import Path

import pytest

from ai_industry.catalog.sections import coerce_parameter, load_config, notebook_parameters, resolve_parameters
from ai_industry.errors import ConfigError
from ai_industry.pipeline import deps


def test_every_section_notebook_exists_with_parameters(repo):
    cfg = load_config(repo)
    assert cfg.sections()
    for s in cfg.sections():
        params = notebook_parameters(repo / s.notebook)
        assert "lang" in params, s.id
        assert set(s.parameters) <= set(params), s.id


def test_unknown_section_lists_valid_ones(repo):
    with pytest.raises(ConfigError, match="ai-clusters-2023/geography"):
        load_config(repo).section("ai-clusters-2023/nope")


def test_unknown_parameter_lists_valid_ones(repo):
    sec = load_config(repo).section("ai-clusters-2023/geography")
    with pytest.raises(ConfigError, match=r"no parameter 'topn'.*top_n"):
        resolve_parameters(sec, {"topn": "3"}, repo)
    assert resolve_parameters(sec, {"top_n": "3"}, repo)["top_n"] == 3
    with pytest.raises(ConfigError, match="whole number"):
        resolve_parameters(sec, {"top_n": "three"}, repo)
    with pytest.raises(ConfigError, match="zh or en"):
        resolve_parameters(sec, {"lang": "fr"}, repo)


def test_coercion():
    assert coerce_parameter("x", "2.5", 1.0) == 2.5
    assert coerce_parameter("x", "true", False) is True
    assert coerce_parameter("x", "北京", "深圳") == "北京"
    assert coerce_parameter("x", "[a, b]", []) == ["a", "b"]


def test_notebook_depends_only_on_the_helpers_it_imports(repo):
    src = repo / "src"
    files = {
        str(Path(p).relative_to(src / "ai_industry"))
        for p in deps.helper_files(repo / "notebooks/ai-clusters-2023/03_geography.ipynb", src)
    }
    assert {
        "present/chapter.py",
        "methods/distributions.py",
        "catalog/datasets.py",
        "present/charts.py",
        "methods/stats.py",
        "__init__.py",
        "methods/__init__.py",
        "present/__init__.py",
    } <= files
    assert not any(f.startswith("pipeline/") for f in files) and "cli.py" not in files
    assert all(f.startswith("chapters/ai_clusters_2023/") for f in files if f.startswith("chapters/") and "/" in f[9:])


def test_notebooks_committed_clean_and_markdown_has_no_numbers(repo):
    """No notebook carries outputs; chapter notebooks type no number into markdown (numbers come from data)."""
    import re

    for nb_path in (repo / "notebooks").rglob("*.ipynb"):
        if ".ipynb_checkpoints" in nb_path.parts:
            continue
        chapter = nb_path.parent.name not in ("ingest", "clean")
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            src = "".join(cell["source"])
            if cell["cell_type"] == "code":
                assert not cell.get("outputs") and not cell.get("execution_count"), f"{nb_path} has outputs"
            elif chapter:
                assert not re.search(r"\d", src), f"{nb_path}: a number typed into markdown: {src[:80]!r}"


def test_section_numbers_are_unique_within_a_report(repo):
    """The index lists chapters by number: two chapters of one report never share one (a method chapter that
    applies a section's method to micro-data says so: `2.3（方法）`, `2.3 (method)`)."""
    from ai_industry.catalog.sections import load_config

    for rep in load_config(repo).reports.values():
        for attr in ("number", "number_en"):
            numbers = [getattr(s, attr) for s in rep.sections]
            assert len(numbers) == len(set(numbers)), (rep.slug, attr, numbers)


def test_method_chapters_are_told_by_their_number(repo):
    cfg = load_config(repo)
    methods = sorted(s.id for r in cfg.reports.values() for s in r.sections if s.is_method)
    assert "ai-clusters-2023/value_network_microdata" in methods and "ai-clusters-2023/firm_database" in methods
    assert "ai-clusters-2023/geography" not in methods


def test_products_are_declared_once_and_refused_when_unknown():
    from ai_industry.catalog.sections import parse_config

    doc = {
        "products": {"demo/x": {"call": "m.f", "outputs": {"a": "data/interim/demo/SYNTHETIC_a.csv"}, "reads": ["r.csv"]}},
        "reports": {"r": {"title_zh": "z", "title_en": "e", "sections": [
            {"id": "s", "title_zh": "z", "title_en": "e", "notebook": "n/01_s.ipynb", "products": ["demo/x"]}]}},
    }  # fmt: skip
    cfg = parse_config(doc)
    assert cfg.sections()[0].products == ("demo/x",) and cfg.product("demo/x").module == "m"
    assert cfg.product_files(["demo/x"]) == ["data/interim/demo/SYNTHETIC_a.csv"]
    doc["reports"]["r"]["sections"][0]["products"] = ["demo/y"]
    with pytest.raises(ConfigError, match="unknown products"):
        parse_config(doc)
    doc["products"]["demo/x"]["outputs"] = {"a": "reports/a.csv"}
    with pytest.raises(ConfigError, match="under data/interim"):
        parse_config(doc)
    with pytest.raises(ConfigError, match="needs call"):
        parse_config({"products": {"demo/z": {"outputs": {"a": "data/interim/a"}}}})
    loads = {"call": "m.f", "outputs": {"a": "data/interim/a"}, "datasets": ["published/r/t*", "published/r/u"]}
    cfg = parse_config({"products": {"demo/d": loads}}, ["published/r/t1", "published/r/t2", "published/r/u"])
    assert cfg.product("demo/d").datasets == ("published/r/t1", "published/r/t2", "published/r/u")
    with pytest.raises(ConfigError, match="loads unknown datasets"):
        parse_config({"products": {"demo/d": loads}}, ["published/r/t1"])


def test_a_product_loads_only_the_datasets_it_declares(repo):
    """While a product's function runs (`runner._declared`), a dataset it does not declare is refused, as in a
    section's kernel: reading it undeclared would leave it out of the product job's inputs."""
    from ai_industry.catalog import datasets
    from ai_industry.pipeline import runner

    wanted = "published/ai-clusters-2023/tech_category_share"
    with runner._declared((wanted,), ()):
        assert len(datasets.load(wanted, repo))
        with pytest.raises(ConfigError, match="not an input of this section"):
            datasets.load("published/ai-clusters-2023/application_field_share", repo)
    assert len(datasets.load("published/ai-clusters-2023/application_field_share", repo))  # restored


def test_the_demo_product_is_where_its_generator_writes(repo):
    from ai_industry.catalog.sections import load_config
    from ai_industry.methods.demo import firmdb as demo

    files = load_config(repo).product("demo/firmdb").outputs
    folder = {str(Path(f).parent) for f in files.values()}
    assert folder == {f"data/interim/demo/{demo.folder_name(demo.DEFAULT_SEED)}"}
    assert {Path(f).name for f in files.values()} == {"organisations.csv", "relations.csv"}
