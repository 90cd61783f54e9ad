"""End to end: build into a temporary copy of the project, rebuild incrementally, break a raw file, rerun a
section with other parameters. Builds one report in zh only to stay quick; en is exercised by the reviewer's run."""

import json
import os
import time

import pytest
from helpers import cli, copy_project, killed_build
from pypdf import PdfReader

pytestmark = pytest.mark.pipeline
SECTION = "ai-clusters-2023/geography"
BUILD = ("build", "--report", "ai-clusters-2023", "--section", "geography", "--langs", "zh", "--cores", "2")
STEM = "03_geography"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("project"))
    proc = cli(root, *BUILD, check=True)
    return root, proc


def _mtimes(root, pattern):
    return {p: p.stat().st_mtime_ns for p in root.glob(pattern)}


def test_first_build_outputs(built):
    root, proc = built
    rep = root / "reports"
    assert (rep / "index.html").is_file()
    html = rep / "html/zh/ai-clusters-2023" / f"{STEM}.html"
    pdf = rep / "pdf/zh/ai-clusters-2023" / f"{STEM}.pdf"
    assert html.is_file() and pdf.is_file() and (rep / "pdf/zh/ai-clusters-2023.pdf").is_file()
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "人工智能骨干企业的地域分布" in text  # the chapter's Chinese title, as glyphs with a ToUnicode map
    assert "数据来源：中国新一代人工智能发展战略研究院" in text
    page = html.read_text(encoding="utf-8")
    assert "数据来源：" in page and "def " not in page  # source lines shown, code hidden
    assert '<a href="../../../index.html">全部报告</a>' in page  # the build's navigation
    assert "../../en/" not in page and "02_competitiveness.html" not in page  # no link to a page not built
    assert not (rep / ".staging").exists()  # no empty staging folder left behind
    manifest = json.loads((rep / "manifest.json").read_text(encoding="utf-8"))
    rec = next(r for r in manifest["sections"] if r["section"] == SECTION and r["lang"] == "zh")
    assert rec["status"] == "ok" and rec["parameters"]["top_n"] == 5
    for _ds, h in rec["inputs"].items():
        assert len(h["sha256"]) == 64 and len(h["raw_sha256"]) == 64
    assert len(rec["notebook_sha256"]) == 64 and rec["packages"]["pandas"]
    assert (rep / "tables/zh/ai-clusters-2023/enterprise_concentration.csv").is_file()
    assert (rep / "figures/ai-clusters-2023/fig07_enterprises_province.zh.png").is_file()
    # progress off a terminal: one whole line per finished step; Snakemake's output in a log per build
    import re

    line = rf"^\[\s*\d+/\d+\] \d\d:\d\d section ai-clusters-2023/{STEM} \[zh\]$"
    assert re.search(line, proc.stderr, re.M), proc.stderr
    logs = list((rep / "logs").glob("build-*.log"))
    assert len(logs) == 1 and "Finished jobid" in logs[0].read_text(encoding="utf-8")


def test_second_build_runs_nothing(built):
    root, _ = built
    before = _mtimes(root, "reports/**/*.ipynb")
    proc = cli(root, *BUILD, check=True)
    assert "0 section notebooks executed" in proc.stderr
    assert _mtimes(root, "reports/**/*.ipynb") == before


def test_an_unchanged_build_skips_snakemake_but_a_lost_output_is_rebuilt(built):
    """The no-op shortcut (pipeline/noop.py) answers only when every input and output is as the last build left
    them: a chapter PDF deleted by hand is noticed and rendered again, by Snakemake."""
    root, _ = built
    cli(root, *BUILD, check=True)
    proc = cli(root, *BUILD, check=True)
    assert "nothing changed since the last build" in proc.stderr, proc.stderr
    pdf = root / "reports/pdf/zh/ai-clusters-2023" / f"{STEM}.pdf"
    good = pdf.read_bytes()
    pdf.unlink()
    proc = cli(root, *BUILD, check=True)
    assert "nothing changed" not in proc.stderr, proc.stderr
    assert pdf.exists(), proc.stderr
    assert pdf.read_bytes() == good
    from ai_industry.pipeline import noop

    # the state is per selection: the whole report was never built here, so its build would ask Snakemake
    assert noop.unchanged(root, {"report": "ai-clusters-2023", "section": "geography", "langs": "zh"})
    assert not noop.unchanged(root, {"report": "ai-clusters-2023", "langs": "zh"})


def test_a_notebook_saved_with_outputs_reruns_nothing(built):
    """JupyterLab saves outputs, execution counts and kernel metadata into the notebook: not a change of what
    the chapter is built from, so the next build runs no section."""
    root, _ = built
    nb = root / "notebooks/ai-clusters-2023" / f"{STEM}.ipynb"
    doc = json.loads(nb.read_text(encoding="utf-8"))
    for i, cell in enumerate(c for c in doc["cells"] if c["cell_type"] == "code"):
        cell.update(execution_count=i + 1, outputs=[{"output_type": "stream", "name": "stdout", "text": ["x\n"]}])
    nb.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    proc = cli(root, *BUILD, check=True)
    assert "0 section notebooks executed" in proc.stderr, proc.stderr


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


def test_touching_one_raw_file_reruns_only_its_dependents(built):
    root, _ = built
    touched = root / "data/raw/published/ai-clusters-2023/enterprise_concentration_stated.csv"
    other_log = root / "data/processed/published/ai-clusters-2023/enterprise_distribution.parquet"
    own_log = root / "data/processed/published/ai-clusters-2023/enterprise_concentration_stated.parquet"
    section_nb = root / "reports/notebooks/zh/ai-clusters-2023" / f"{STEM}.ipynb"
    t_other, t_own, t_sec = (p.stat().st_mtime_ns for p in (other_log, own_log, section_nb))
    time.sleep(0.01)
    os.utime(touched)
    proc = cli(root, *BUILD, check=True)
    assert "1 section notebooks executed" in proc.stderr
    assert other_log.stat().st_mtime_ns == t_other  # the other dataset was not re-ingested
    assert own_log.stat().st_mtime_ns > t_own and section_nb.stat().st_mtime_ns > t_sec


def test_reviewer_run_writes_its_own_folder(built, tmp_path):
    root, _ = built
    main_fragment = root / "reports/manifest/zh/ai-clusters-2023" / f"{STEM}.json"
    before = main_fragment.stat().st_mtime_ns
    out = tmp_path / "run"
    cli(root, "run", SECTION, "-p", "top_n=3", "-p", "lang=en", "--out", str(out), check=True)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["run"]["parameters"]["top_n"] == 3
    assert manifest["sections"][0]["parameters"] == {"lang": "en", "top_n": 3}
    assert (out / "html/en/ai-clusters-2023" / f"{STEM}.html").is_file()
    pdf = out / "pdf/en/ai-clusters-2023" / f"{STEM}.pdf"
    assert "Top-3" in "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert main_fragment.stat().st_mtime_ns == before  # the main build is untouched


def test_bad_section_or_parameter_fails_clearly(built):
    root, _ = built
    proc = cli(root, "run", "ai-clusters-2023/nope")
    assert proc.returncode != 0 and "ai-clusters-2023/geography" in proc.stderr
    proc = cli(root, "run", SECTION, "-p", "topn=3")
    assert proc.returncode != 0 and "top_n" in proc.stderr and "topn" in proc.stderr


def test_corrupt_raw_file_stops_only_its_dependents(built):
    root, _ = built
    raw = root / "data/raw/published/ai-clusters-2023/enterprise_distribution.csv"
    good = raw.read_text(encoding="utf-8")
    processed = root / "data/processed/published/ai-clusters-2023/enterprise_distribution.parquet"
    try:
        raw.write_text(good.replace("28.09", "28.o9", 1), encoding="utf-8")
        proc = cli(root, *BUILD)
        assert proc.returncode != 0
        err = proc.stderr + proc.stdout
        assert "enterprise_distribution.csv" in err and "share_pct" in err and "row 5" in err
        assert not processed.exists() or processed.stat().st_size > 0
        assert not list(root.rglob("*.tmp")) and not list((root / "reports").glob(".staging/*"))
        manifest = json.loads((root / "reports/manifest.json").read_text(encoding="utf-8"))
        assert any(f.get("status") == "failed" for f in manifest.get("failed", []))
        # the chapter built from the last good data stays, marked stale in the manifest and the index
        status = manifest["status"][f"{SECTION} [zh]"]
        assert status["status"] == "stale" and "enterprise_distribution" in status["reason"], status
        index = (root / "reports/index.html").read_text(encoding="utf-8")
        assert "<strong>stale</strong>" in index and "(stale: a chapter below is stale or failed)" in index
    finally:
        raw.write_text(good, encoding="utf-8")
    cli(root, *BUILD, check=True)
    manifest = json.loads((root / "reports/manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"][f"{SECTION} [zh]"]["status"] == "ok"
    assert "<strong>stale</strong>" not in (root / "reports/index.html").read_text(encoding="utf-8")


def _digest(root):
    """sha256 of every processed dataset and every table, figure, HTML page and PDF of the build."""
    import hashlib

    files = [
        *root.glob("data/processed/**/*.parquet"),
        *root.glob("reports/tables/**/*.*"),
        *root.glob("reports/figures/**/*.*"),
        *root.glob("reports/html/**/*.html"),
        *root.glob("reports/pdf/**/*.pdf"),
    ]
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(files)}


def test_a_forced_rebuild_is_byte_identical(built):
    """Identical inputs give identical bytes: every processed dataset, table (CSV, XLSX, meta), figure, executed
    notebook, HTML page and PDF (chapter and book) and the index; only the manifests and the build logs (under
    reports/logs/) carry the build time."""
    import hashlib

    root, _ = built

    def every_file():
        files = [*root.glob("data/processed/**/*.parquet"), *(p for p in (root / "reports").rglob("*") if p.is_file())]
        return {
            str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(files)
            if not {"manifest", "logs"} & set(p.relative_to(root).parts) and p.name != "manifest.json"
        }

    first = every_file()
    cli(root, *BUILD, "--force", check=True)
    second = every_file()
    assert {k for k in first if k.endswith((".pdf", ".html", ".xlsx", ".ipynb"))}, "nothing of substance compared"
    assert first == second, sorted(k for k in set(first) | set(second) if first.get(k) != second.get(k))


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


def test_ingest_and_clean_notebooks_run_as_in_jupyterlab(tmp_path):
    """The step notebooks run top to bottom under papermill with another dataset as parameter."""
    import papermill as pm

    root = copy_project(tmp_path)
    env = {"AI_INDUSTRY_ROOT": str(root)}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        for step in ("ingest", "clean"):
            nb = root / "notebooks" / step / "published.ipynb"
            pm.execute_notebook(
                str(nb),
                str(tmp_path / f"{step}.ipynb"),
                kernel_name="python3",
                cwd=str(nb.parent),
                parameters={"dataset_id": "published/gz-sz-synergy/patent_fields_ipc"},
                progress_bar=False,
            )
    finally:
        for k, v in old.items():
            os.environ.pop(k) if v is None else os.environ.__setitem__(k, v)
    assert (root / "data/processed/published/gz-sz-synergy/patent_fields_ipc.parquet").is_file()


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
