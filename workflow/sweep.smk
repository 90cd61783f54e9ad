# A parameter sweep's DAG (`ai-industry sweep`; the plan: src/ai_industry/pipeline/sweep.py, the jobs: sweep_jobs.py): one job per combination of
# parameters, each running the section into its own run folder runs/<slug>-<hash>/ (executed notebook, HTML,
# PDF, figures, tables, manifest.json), then one summary job stacking their tables into summary/.
# Snakemake runs it with the sweep folder as its working directory (--directory), where the CLI has written the
# plan (sweep.json); so its state (.snakemake/) and every output stay in the sweep folder, and the main build's
# DAG and state are never touched. The project's own files (notebook, helper modules, processed datasets) are
# inputs by absolute path: a changed helper or dataset reruns the combinations that use it, a new value in the
# grid runs only its new combinations. The same file runs locally and through executor plugins (Slurm): every
# job is `python -m ai_industry.pipeline.job sweep …`, warm where `ai-industry sweep` started a worker.
import json
import os
import shlex
import sys
from pathlib import Path

from ai_industry.catalog.sections import load_config
from ai_industry.pipeline import deps, sweep

ROOT = Path(workflow.basedir).parent.resolve()
os.environ["AI_INDUSTRY_ROOT"] = str(ROOT)
HERE = Path.cwd().resolve()  # the sweep folder
SRC = ROOT / "src"
PLAN = sweep.load_plan(HERE)
SEC = load_config(ROOT).section(PLAN.section)
BY_ID = {c.id: c for c in PLAN.combinations}
JOB = shlex.join([sys.executable, "-m", "ai_industry.pipeline.job", "sweep"])
FOLDER = shlex.quote(str(HERE))
REPORT, STEM = SEC.report, SEC.stem


def closure(*modules):
    return sorted(str(p) for p in deps.module_closure(str(SRC), frozenset(modules)))


# the notebook's helper modules, and what executing and rendering it imports
CODE = sorted({str(p) for p in deps.helper_files(ROOT / SEC.notebook, SRC)} | set(
    closure("ai_industry.pipeline.runner", "ai_industry.pipeline.render", "ai_industry.pipeline.sweep_jobs")))
# the processed datasets and the build products (demo data) the section reads
DATA = [str(ROOT / "data" / "processed" / f"{d}.parquet") for d in SEC.inputs] + [
    str(ROOT / f) for f in load_config(ROOT).product_files(SEC.products)]
REFERENCE = sorted(str(p) for p in (ROOT / "data" / "raw" / "reference").glob("*.csv"))


def product(combo, lang, kind, ext):
    return f"runs/{combo}/{kind}/{lang}/{REPORT}/{STEM}.{ext}"


wildcard_constraints:
    combo=r"[^/]+",
    lang="zh|en",


rule all:
    input:
        sweep.SUMMARY_OUTPUTS,
        [product(c.id, c.lang, kind, ext) for c in PLAN.combinations for kind, ext in sweep.PRODUCTS],


rule combination:
    message: "combination {wildcards.combo}"
    input:
        # as in the main build: the notebook's time stamp is ignored, its cells' sources are a param
        nb=ancient(str(ROOT / SEC.notebook)),
        reference=REFERENCE,
        data=DATA,
        code=CODE,
    output:
        nb=product("{combo}", "{lang}", "notebooks", "ipynb"),
        manifest=product("{combo}", "{lang}", "manifest", "json"),
        html=product("{combo}", "{lang}", "html", "html"),
        pdf=product("{combo}", "{lang}", "pdf", "pdf"),
    params:
        parameters=lambda wc: json.dumps(BY_ID[wc.combo].parameters, sort_keys=True, ensure_ascii=False),
        source=deps.notebook_source_sha256(ROOT / SEC.notebook),
        entry=json.dumps([SEC.number, SEC.number_en, SEC.title_zh, SEC.title_en, list(SEC.inputs)], ensure_ascii=False),
        with_code=PLAN.with_code,
    shell:
        "{JOB} combination {FOLDER} {wildcards.combo:q}"


rule summary:
    message: f"summary of {len(PLAN.combinations)} combinations"
    input:
        runs=[product(c.id, c.lang, "manifest", "json") for c in PLAN.combinations],
        code=closure("ai_industry.pipeline.sweep_jobs"),
    output:
        sweep.SUMMARY_OUTPUTS,
    params:
        # the grid (keys, combinations in order) and what the overview shows: a change rewrites the summary
        plan=json.dumps([PLAN.keys, [c.id for c in PLAN.combinations], SEC.sweep, SEC.title_zh, SEC.title_en], ensure_ascii=False),
    shell:
        "{JOB} summary {FOLDER}"
