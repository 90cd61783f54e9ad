"""The DAG's code inputs: the helper modules a notebook imports, transitively, with their packages."""

from __future__ import annotations

import json
from pathlib import Path

from ai_industry.pipeline import deps


def _notebook(path: Path, code: str) -> Path:
    nb = {
        "cells": [{"cell_type": "code", "metadata": {}, "source": code, "outputs": [], "execution_count": None}],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def _rel(files, src):
    return {str(Path(f).relative_to(src / "ai_industry")) for f in files}


def test_transitive_imports_and_package_inits(repo, tmp_path):
    nb = _notebook(tmp_path / "x.ipynb", "%matplotlib inline\nfrom ai_industry.methods import distributions as dist\n")
    got = _rel(deps.helper_files(nb, repo / "src"), repo / "src")
    # distributions imports stats and rounding (which imports catalog.printed); importing a module runs its
    # packages' __init__ files
    assert got == {
        "__init__.py",
        "methods/__init__.py",
        "methods/distributions.py",
        "methods/stats.py",
        "methods/rounding.py",
        "catalog/__init__.py",
        "catalog/printed.py",
        # package data is code too: printed.py reads qualifiers.csv, and a change must rerun the section
        "catalog/terms.csv",
        "catalog/qualifiers.csv",
        "methods/rules/ai_patent_rules.yaml",
        "methods/rules/applicant_types.yaml",
        "methods/rules/patent_headers.yaml",
    }


def test_a_notebook_importing_nothing_depends_on_the_package_init_only(repo, tmp_path):
    nb = _notebook(tmp_path / "y.ipynb", "import pandas as pd\n")
    assert _rel(deps.helper_files(nb, repo / "src"), repo / "src") == {"__init__.py"}


def test_relative_imports_inside_the_package_are_followed(tmp_path):
    pkg = tmp_path / "src" / "ai_industry"
    (pkg / "wing").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "wing" / "__init__.py").write_text("")
    (pkg / "wing" / "a.py").write_text("from .b import f\n")
    (pkg / "wing" / "b.py").write_text("X = 1\n")
    (pkg / "wing" / "rules").mkdir()
    (pkg / "wing" / "rules" / "r.yaml").write_text("a: 1\n")
    (pkg / "wing" / "notes.txt").write_text("not data\n")
    nb = _notebook(tmp_path / "z.ipynb", "from ai_industry.wing import a\n")
    assert _rel(deps.helper_files(nb, tmp_path / "src"), tmp_path / "src") == {
        "__init__.py",
        "wing/__init__.py",
        "wing/a.py",
        "wing/b.py",
        "wing/rules/r.yaml",
    }


def test_outputs_saved_in_jupyterlab_do_not_change_the_source_hash(tmp_path):
    """Running and saving a notebook adds outputs, execution counts, ids and kernel metadata: none of it counts;
    editing a cell's source or its tags does."""
    import json

    nb = _notebook(tmp_path / "a.ipynb", "x = 1\n")
    before = deps.notebook_source_sha256(nb)
    doc = json.loads(nb.read_text(encoding="utf-8"))
    cell = doc["cells"][0]
    cell.update(outputs=[{"output_type": "stream", "name": "stdout", "text": ["1\n"]}], execution_count=3, id="abc")
    doc["metadata"]["kernelspec"] = {"name": "ai-industry", "display_name": "x", "language": "python"}
    nb.write_text(json.dumps(doc), encoding="utf-8")
    assert deps.notebook_source_sha256(nb) == before
    cell["source"] = "x = 2\n"
    nb.write_text(json.dumps(doc), encoding="utf-8")
    assert deps.notebook_source_sha256(nb) != before


def test_the_demo_database_is_one_job_read_by_exactly_its_sections(repo):
    """The SYNTHETIC demo firm database and its statistics are build products: one Snakemake job each, made
    before the sections that declare them (04b and 04c, in every language) and an input of no other section; the
    generator's module and its plan are code inputs of the product's job."""
    import re
    import subprocess
    import sys

    from ai_industry.catalog.sections import load_config

    dot = subprocess.run(
        [sys.executable, "-m", "snakemake", "-s", "workflow/Snakefile", "-d", str(repo), "--forceall", "--dag"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    label = dict(re.findall(r"^\s*(\d+)\[label = \"([^\"]*)\"", dot, flags=re.M))
    edges = re.findall(r"^\s*(\d+) -> (\d+)", dot, flags=re.M)
    demo = {n for n, lab in label.items() if lab == "product_demo_firmdb"}
    stats = {n for n, lab in label.items() if lab == "product_demo_firmdb_statistics"}
    assert len(demo) == len(stats) == 1
    readers = {label[b] for a, b in edges if a in demo | stats and b not in stats and label[b] != "all"}
    fields = [dict(f.split(": ", 1) for f in r.split("\\n")[1:]) for r in readers]  # dot's "\n" is literal
    stems, langs = {f["stem"] for f in fields}, {f["lang"] for f in fields}
    assert stems == {"04b_value_network_microdata", "04c_firm_database"} and langs == {"zh", "en"}
    assert {(a, b) for a, b in edges if a in demo and b in stats}  # the statistics are made from the database
    cfg = load_config(repo)
    code = deps.module_closure(str(repo / "src"), frozenset({cfg.product("demo/firmdb").module}))
    assert {Path(p).name for p in code} >= {"firmdb.py", "firmdb_plan.py"}
    for prod in cfg.products.values():  # labelled SYNTHETIC in every file name
        assert all("SYNTHETIC" in f for f in prod.outputs.values()), prod.id
    # the generator reads the validated published tables it is calibrated to: their prepare jobs are its inputs
    from ai_industry.methods.demo import firmdb_plan as plan

    prepared = [r for a, b in edges if b in demo and (r := label[a]).startswith("prepare_published")]
    names = {dict(f.split(": ", 1) for f in r.split("\\n")[1:])["name"] for r in prepared}
    assert names == set(plan.PUBLISHED) == {d.rpartition("/")[2] for d in cfg.product("demo/firmdb").datasets}
