"""The `ai-industry` command: build, run one section with other parameters, sweep a grid of them, list, clean."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ai_industry.errors import ConfigError, DataError
from ai_industry.paths import project_root

if TYPE_CHECKING:
    from ai_industry.catalog.sections import Section

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # plain click help: flags shown as flags (rich help printed `--force <bool>`), no box drawing in logs
    rich_markup_mode=None,
    help="Rebuild published reports on China's AI industry from cited data.",
)


def make_console(stderr: bool = False) -> Console:
    """Rich output that never mangles what it prints: no emoji codes (":x:" in a header stays text); off a
    terminal (CI logs, pipes, files) no wrapping at 80 columns, so paths and ids stay whole."""
    stream = sys.stderr if stderr else sys.stdout
    terminal = stream.isatty()
    return Console(stderr=stderr, emoji=False, soft_wrap=not terminal, width=None if terminal else 1000)


console = make_console(stderr=True)


def _fail(msg: str, code: int = 2) -> None:
    console.print(f"[bold red]error:[/] {escape(msg)}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(code)


def snakemake_cmd(
    root: Path,
    cores: int,
    targets: list[str] | None = None,
    config: dict[str, str] | None = None,
    force: bool = False,
    nolock: bool = False,
    snakefile: Path | None = None,
    directory: Path | None = None,
    extra: list[str] | None = None,
) -> list[str]:
    """Snakemake's command line for the main build (or, with `snakefile` and `directory`, another DAG of the
    project such as a sweep's, run in its own folder)."""
    cmd = [
        sys.executable,
        "-m",
        "ai_industry.pipeline.snakemake_main",  # `python -m snakemake` with its scheduler's timers fixed
        "--snakefile",
        str(snakefile or root / "workflow" / "Snakefile"),
        "--directory",
        str(directory or root),
        "--cores",
        str(cores),
        "--keep-going",
        # jobs picked greedily: Snakemake's default (an integer program solved by CBC through pulp whenever jobs
        # are ready) spent ~11 s of a 147 s build on this 2-core machine choosing among equal jobs
        "--scheduler",
        "greedy",
        "--rerun-incomplete",
        "--show-failed-logs",
        # make-like semantics: a newer input (even a `touch`) reruns its dependents. Snakemake's default
        # would skip inputs under 1 MB whose checksum is unchanged.
        "--max-checksum-file-size",
        "0",
    ]
    if nolock:  # reviewers' reruns only bring inputs up to date (atomic writes); they may run side by side
        cmd += ["--nolock"]
    if force:
        cmd += ["--forceall"]
    cmd += extra or []
    if config:
        cmd += ["--config", *[f"{k}={v}" for k, v in config.items()]]
    if targets:  # before the options: --config takes several values
        cmd[3:3] = targets
    return cmd


def _executed_since(reports: Path, t0: float) -> tuple[list[Path], list[Path]]:
    ok = (
        [p for p in (reports / "manifest").rglob("*.json") if p.stat().st_mtime >= t0]
        if (reports / "manifest").is_dir()
        else []
    )
    failed = (
        [p for p in (reports / "failed").rglob("*.json") if p.stat().st_mtime >= t0]
        if (reports / "failed").is_dir()
        else []
    )
    return ok, failed


def _build_log(root: Path) -> Path:
    """This build's log file: Snakemake's whole output, one file per build under reports/logs/."""
    return root / "reports" / "logs" / f"build-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"


def _surface_snakemake_errors(log: Path, limit: int = 15) -> None:
    """Print the lines of Snakemake's own output that say why it stopped (when no step left a record)."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines() if log.is_file() else []
    keys = ("Error", "error", "Exception", "Missing", "LockException", "Directory cannot be locked", "MissingInput")
    hits = [ln for ln in lines if any(k in ln for k in keys)] or lines[-limit:]
    for ln in hits[:limit]:
        console.print(f"  snakemake: {ln}", highlight=False, markup=False)
    console.print(f"  (Snakemake's full output: {log})", highlight=False)


def _build(
    root: Path, cores: int, config: dict[str, str], force: bool, verbose: bool = False
) -> tuple[float, list[Path]]:
    """Run Snakemake for the selection, showing its progress (or its own output with `verbose`) and logging it
    under reports/logs/; on failure report each failed step (or Snakemake's own error) and exit 1.
    Returns the start time and the manifest records written."""
    from ai_industry.pipeline.progress import run_followed
    from ai_industry.pipeline.warm import Worker

    t0 = time.time()
    log = _build_log(root)
    # the jobs hand their work to one warm worker that has imported the heavy libraries once (pipeline/warm.py)
    with Worker(root, log.with_name(log.name.replace("build-", "worker-", 1))):
        code, _ = run_followed(snakemake_cmd(root, cores, config=config, force=force), root, log, console, verbose)
    from ai_industry.pipeline.runner import remove_empty_staging

    remove_empty_staging(root / "reports")
    ok, failed = _executed_since(root / "reports", t0 - 1)
    if code != 0:
        from ai_industry.pipeline.runner import write_index

        write_index(root / "reports", root)
        for p in failed:
            rec = json.loads(p.read_text(encoding="utf-8"))
            what = rec.get("section") or f"{rec.get('step')} {rec.get('dataset')}"
            lang = f" \\[{rec['lang']}]" if rec.get("lang") else ""
            console.print(
                f"[red]failed[/] {escape(str(what))}{lang}: {escape(str(rec.get('error')))}",
                highlight=False,
                soft_wrap=True,
            )
        if not failed:
            _surface_snakemake_errors(log)
        console.print(
            f"[bold red]build failed[/] ({len(ok)} section notebooks ran, {len(failed)} failed); "
            f"the rest of the build is kept. See reports/index.html, reports/failed/ and the log {log}."
        )
        raise typer.Exit(1)
    return t0, ok


@app.command()
def build(
    cores: int = typer.Option(2, "--cores", "-c", help="Jobs to run in parallel."),
    report: str | None = typer.Option(None, "--report", "-r", help="Only this report."),
    section: str | None = typer.Option(
        None, "--section", "-s", help="Only this section (id or notebook stem); several: comma-separated, one report."
    ),
    force: bool = typer.Option(False, "--force", help="Rebuild the selection even if nothing changed."),
    langs: str | None = typer.Option(None, "--langs", help="Comma-separated languages (default: all in config)."),
    with_code: bool = typer.Option(False, "--with-code", help="Keep code cells in the HTML/PDF chapters."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Snakemake's own output instead of progress."),
) -> None:
    """Build every chapter (or a selection) incrementally: ingest -> clean -> sections -> HTML/PDF -> index."""
    from ai_industry.catalog.sections import load_config

    root = project_root()
    cfg = load_config(root)
    try:
        if report:
            cfg.report(report)
        if section:
            secs = [
                cfg.section(x if "/" in x or not report else f"{report}/{x}") for x in section.split(",") if x.strip()
            ]
            if len({s.report for s in secs}) > 1:
                raise ConfigError(
                    f"--section {section}: the sections belong to several reports; build them one report at a time"
                )
            report, section = secs[0].report, "+".join(s.slug for s in secs)
    except ConfigError as exc:
        _fail(str(exc))
    config = {
        k: v
        for k, v in (
            ("report", report),
            ("section", section),
            ("langs", langs),
            ("with_code", "true" if with_code else ""),
        )
        if v
    }
    from ai_industry.pipeline import noop
    from ai_industry.pipeline.housekeeping import BuildBusy, build_lock, release_stale_snakemake_locks, remove_orphans

    try:
        with build_lock(root):
            stale, orphans = release_stale_snakemake_locks(root), remove_orphans(root)
            if stale or orphans:
                console.print(
                    f"cleared what an interrupted build left behind: {len(stale)} stale Snakemake lock(s), "
                    f"{len(orphans)} temporary file(s) or staging folder(s)",
                    highlight=False,
                )
            if not force and not orphans and noop.unchanged(root, config):
                console.print(
                    "[green]build ok[/]: nothing changed since the last build of this selection "
                    f"(0 section notebooks executed); open {root / 'reports' / 'index.html'}",
                    highlight=False,
                )
                return
            noop.forget(root)
            t0, ok = _build(root, cores, config, force, verbose)
            noop.record(root, config, t0)
    except BuildBusy as exc:
        _fail(str(exc))
    console.print(
        f"[green]build ok[/]: {len(ok)} section notebooks executed in {time.time() - t0:.1f} s; "
        f"open {root / 'reports' / 'index.html'}",
        highlight=False,
    )


def _parse_params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        if "=" not in pair:
            _fail(f"parameter {pair!r} is not key=value")
        k, v = pair.split("=", 1)
        if k.strip() in out:
            _fail(f"parameter {k.strip()!r} is given twice ({out[k.strip()]!r} and {v!r}); give it once")
        out[k.strip()] = v
    return out


def _prepare_inputs(
    root: Path,
    datasets: tuple[str, ...] | list[str],
    log: Path,
    cores: int,
    meanwhile: Callable[[], Any] | None = None,
    products: tuple[str, ...] = (),
) -> None:
    """Bring input datasets and build products (the demo database) up to date with Snakemake (its output in
    `log`), as `run` and `sweep` do before anything runs, while this process does `meanwhile` (`run` imports
    what executing and rendering need); exits with Snakemake's reasons when the inputs cannot be built."""
    import subprocess

    from ai_industry.catalog import datasets as catalog
    from ai_industry.catalog.sections import load_config
    from ai_industry.pipeline import noop
    from ai_industry.pipeline.housekeeping import build_lock

    targets = [str(catalog.processed_path(d, root).relative_to(root)) for d in datasets]
    targets += load_config(root).product_files(products)

    # one preparation at a time: a run needing a dataset another run or a build is preparing waits for it
    def waiting(holder: str) -> None:
        console.print(
            f"waiting for the build or run holding the project lock (pid {holder}) to finish preparing its datasets…",
            highlight=False,
        )

    log.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(root, wait=True, on_wait=waiting), open(log, "w", encoding="utf-8") as fh:
        if noop.up_to_date(root, targets):  # the last build made them and nothing changed since
            fh.write("inputs up to date: the last build made them and no recorded file has changed since\n")
            targets = []
        proc = (
            subprocess.Popen(
                snakemake_cmd(root, cores, targets=targets, nolock=True),
                cwd=root,
                stdout=fh,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            if targets
            else None
        )
        try:
            if meanwhile is not None:
                meanwhile()
        finally:
            code = proc.wait() if proc is not None else 0
    if code != 0:
        _surface_snakemake_errors(log)
        _fail("the section's input datasets could not be built (Snakemake's reasons above)", 1)


def _prepare_inputs_warming(root: Path, sec: Section, out: Path, cores: int) -> None:
    """`_prepare_inputs` for a reviewer's run, importing meanwhile what executing and rendering the notebook
    need (`warm.DRIVER_MODULES`), while the kernel, forked already, imports what the notebook needs."""
    from ai_industry.pipeline import warm

    own = ["ai_industry.pipeline.runner", "ai_industry.pipeline.render", "ai_industry.pipeline.manifest"]
    log = out / "logs" / "prepare-inputs.log"
    _prepare_inputs(root, sec.inputs, log, cores, lambda: warm.warm_up(own, warm.DRIVER_MODULES), sec.products)


def _run_in(
    root: Path, sec: Section, param: list[str], out: Path | None, with_code: bool, cores: int
) -> tuple[Path, Path, Path, dict[str, Any]]:
    """`run`'s steps once its kernel is forking: parameters, run folder, inputs, notebook, HTML and PDF."""
    from ai_industry.catalog.sections import resolve_parameters
    from ai_industry.pipeline.layout import new_run_folder
    from ai_industry.pipeline.runner import StepFailed, render_section, run_section

    try:
        params = resolve_parameters(sec, _parse_params(param), root)
        out = new_run_folder(root, sec.report, sec.stem, out)
    except ConfigError as exc:
        _fail(str(exc))
    console.print(f"bringing {len(sec.inputs)} input dataset(s) up to date…", highlight=False)
    _prepare_inputs_warming(root, sec, out, cores)
    lang = params.get("lang", "zh")
    t0 = time.monotonic()
    try:
        console.print(f"running {sec.id} [{lang}] into {out}…", highlight=False, markup=False)
        run_section(sec, lang, params, out, root)
        console.print(f"notebook done in {time.monotonic() - t0:.1f} s; rendering HTML and PDF…", highlight=False)
        html_path, pdf_path = render_section(sec, lang, out, with_code=with_code)
    except (StepFailed, DataError, ConfigError) as exc:
        _fail(f"{sec.id} failed: {exc}\n(failure record and executed notebook in {out / 'failed'})", 1)
    return html_path, pdf_path, out, params


@app.command()
def run(
    section: str = typer.Argument(..., help="Section id, e.g. ai-clusters-2023/geography"),
    param: list[str] = typer.Option([], "--param", "-p", help="key=value; repeat for several."),
    out: Path | None = typer.Option(
        None, "--out", "-o", help="Run folder, new or empty (default runs/<report>/<stem>-<time>-<random>)."
    ),
    with_code: bool = typer.Option(False, "--with-code", help="Keep code cells in the HTML/PDF."),
    cores: int = typer.Option(2, "--cores", "-c"),
) -> None:
    """Rerun one section with other parameters into its own run folder (HTML, PDF, manifest), leaving the
    main build untouched. Its input datasets are brought up to date first."""
    from ai_industry.catalog.sections import load_config

    root = project_root()
    try:
        sec = load_config(root).section(section)
    except ConfigError as exc:
        _fail(str(exc))
    from ai_industry.pipeline import deps, kernels, warm

    own = sorted(deps.notebook_imports(root / sec.notebook))
    # the section's kernel: forked now, before this process reads any data (a thread-free fork), it imports what
    # the notebook needs on the other core while this process checks parameters, brings the inputs up to date
    # and imports what executing and rendering need; then it waits for papermill's orders
    with kernels.cold_prefork(lambda: warm.warm_up(own, modules=warm.KERNEL_MODULES)):
        html_path, pdf_path, out, params = _run_in(root, sec, param, out, with_code, cores)
    from ai_industry.pipeline.runner import remove_empty_staging, write_run_manifest

    remove_empty_staging(out)
    write_run_manifest(out, sec.id, params)
    console.print(
        f"[green]run ok[/]: {sec.id} with {params}\n  HTML {html_path}\n  PDF  {pdf_path}\n"
        f"  manifest {out / 'manifest.json'}",
        highlight=False,
    )
    if _ENTRY["console"]:
        # every output is written and closed: skip the interpreter's teardown of the libraries and ZMQ contexts
        # this process loaded to drive the kernel and render (a tenth of a second or more)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


@app.command()
def sweep(
    section: str = typer.Argument(..., help="Section id, e.g. gz-sz-synergy/patent_co_application"),
    grid: list[str] = typer.Option(
        [], "--grid", "-g", help="key=v1,v2,…: values of one parameter; repeat for several (every combination runs)."
    ),
    grid_file: Path | None = typer.Option(
        None, "--grid-file", help="YAML: key: [values], and pairs: {key_a, key_b: [values]} for all unordered pairs."
    ),
    cores: int | None = typer.Option(
        None, "--cores", "-c", help="Jobs at once: cores of this machine (default 2), or jobs queued on a cluster."
    ),
    executor: str | None = typer.Option(
        None, "--executor", help="Run the jobs through a Snakemake executor plugin, e.g. slurm (default: here)."
    ),
    profile: Path | None = typer.Option(
        None, "--profile", help="Snakemake profile folder (default with --executor X: workflow/profiles/X)."
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="Sweep folder (default sweeps/<report>/<stem>)."),
    with_code: bool = typer.Option(False, "--with-code", help="Keep code cells in the chapters."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show Snakemake's own output instead of progress."),
) -> None:
    """Run one section for every combination of a grid of parameters, as one Snakemake DAG (locally or on a
    cluster): a run folder per combination (notebook, HTML, PDF, tables, manifest), then every table stacked
    over the combinations (CSV + XLSX) and an overview chapter. Rerunning with more values runs only the new
    combinations."""
    from ai_industry.catalog.sections import load_config
    from ai_industry.pipeline import sweep as sw
    from ai_industry.pipeline.housekeeping import BuildBusy, build_lock, release_stale_snakemake_locks

    root = project_root()
    try:
        sec = load_config(root).section(section)
        axes = sw.grid_from_args(grid) + (sw.grid_from_file(grid_file) if grid_file else [])
        combos = sw.expand_grid(axes)
        sw.make_plan(sec, combos, root, with_code)  # every combination checked before anything runs
        where = sw.executor_args(root, executor, profile, cores)
        folder = sw.sweep_folder(root, sec, out)
    except ConfigError as exc:
        _fail(str(exc))
    try:
        with build_lock(folder):
            release_stale_snakemake_locks(folder)
            sw.remove_orphans(folder)
            plan, t0, code = _sweep_in(root, sec, combos, folder, cores or 2, where, with_code, verbose)
    except BuildBusy:
        _fail(f"another sweep is running in {folder}; wait for it, or give another --out")
    _report_sweep(folder, plan, t0, code)


def _sweep_in(
    root: Path,
    sec: Section,
    combos: list[dict[str, Any]],
    folder: Path,
    cores: int,
    where: list[str],
    with_code: bool,
    verbose: bool,
) -> tuple[Any, float, int]:
    """`sweep`'s steps in its locked folder: inputs, the plan checked again, Snakemake on the sweep's DAG. Run
    here (no executor in `where`), the jobs go to a warm worker started first, so that it imports the libraries
    while the inputs are checked and Snakemake builds its DAG; on a cluster they run cold on the nodes."""
    from ai_industry.pipeline import sweep as sw
    from ai_industry.pipeline import warm
    from ai_industry.pipeline.progress import run_followed

    stamp = f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    local = "--executor" not in where
    with warm.Worker(root, folder / "logs" / f"worker-{stamp}.log") if local else contextlib.nullcontext():
        if not local:  # jobs run on other hosts (or in allocations of their own): no worker to hand them to
            os.environ.pop(warm.WARM_ENV, None)
        console.print(
            f"sweep of {sec.id}: {len(combos)} combinations; bringing {len(sec.inputs)} input dataset(s) up to date…",
            highlight=False,
        )
        _prepare_inputs(root, sec.inputs, folder / "logs" / "prepare-inputs.log", cores, products=sec.products)
        try:  # again, now that the inputs exist: rules such as [1, rows(<input>)] are checked against them
            plan = sw.make_plan(sec, combos, root, with_code)
        except ConfigError as exc:
            _fail(str(exc))
        sw.write_plan(folder, plan)
        t0 = time.time()
        cmd = snakemake_cmd(root, cores, snakefile=root / sw.SNAKEFILE, directory=folder, extra=where)
        code, _ = run_followed(cmd, folder, folder / "logs" / f"sweep-{stamp}.log", console, verbose)
    return plan, t0, code


def _report_sweep(folder: Path, plan: Any, t0: float, code: int) -> None:
    """What the sweep did: the combinations run, the stacked tables and the overview; or what failed."""
    from ai_industry.pipeline.sweep import failures

    ran = [
        c
        for c in plan.combinations
        if any(p.stat().st_mtime >= t0 for p in (folder / "runs" / c.id).glob("manifest/*/*/*.json"))
    ]
    if code != 0:
        failed = failures(folder, t0)
        for rec in failed:
            swept = ", ".join(f"{k}={v}" for k, v in rec.get("swept", {}).items())
            console.print(
                f"[red]failed[/] combination {escape(swept)}: {escape(str(rec.get('error')))}", soft_wrap=True
            )
        if not failed:
            logs = sorted((folder / "logs").glob("sweep-*.log"))
            if logs:
                _surface_snakemake_errors(logs[-1])
        kept = " (summary/ still stacks the last complete sweep)" if (folder / "summary").is_dir() else ""
        console.print(
            f"[bold red]sweep failed[/]: {len(ran)} of {len(plan.combinations)} combinations ran, {len(failed)} "
            f"failed; the combinations that succeeded are kept in {folder / 'runs'}, failure records in "
            f"{folder / 'failed'}; no summary was made{kept}",
            highlight=False,
        )
        raise typer.Exit(1)
    n = len(plan.combinations)
    console.print(
        f"[green]sweep ok[/]: {len(ran)} of {n} combinations ran ({n - len(ran)} up to date) in "
        f"{time.time() - t0:.1f} s\n  tables   {folder / 'summary' / 'tables'} (CSV + XLSX, one per table, "
        f"stacked over the combinations)\n  overview {folder / 'summary' / 'overview.html'} and .pdf\n"
        f"  runs     {folder / 'runs'}",
        highlight=False,
    )


@app.command("list")
def list_(datasets: bool = typer.Option(True, "--datasets/--no-datasets", help="Also list datasets.")) -> None:
    """Reports, sections (with parameters and inputs) and datasets with their sources."""
    from ai_industry.catalog.sections import load_config, notebook_parameters
    from ai_industry.catalog.sources import load_sources

    root = project_root()
    cfg = load_config(root)
    out = make_console()
    for rep in cfg.reports.values():
        t = Table(title=f"{rep.slug}: {rep.title_zh}", title_justify="left", show_lines=False)
        for col in ("section id", "§", "title", "parameters (build value)", "inputs"):
            t.add_column(col, overflow="fold")
        for s in rep.sections:
            try:
                params = {**notebook_parameters(root / s.notebook), **s.parameters}
            except ConfigError as exc:
                params = {"error": str(exc)}
            t.add_row(
                s.id,
                s.number,
                f"{s.title_zh}\n{s.title_en}",
                ", ".join(f"{k}={v!r}" for k, v in params.items()),
                "\n".join(s.inputs),
            )
        out.print(t)
    if datasets:
        src = load_sources(root)
        t = Table(title="datasets", title_justify="left")
        for col in ("dataset id", "source", "seed lines", "file"):
            t.add_column(col, overflow="fold")
        for ds in src.datasets.values():
            t.add_row(ds.id, ds.source_line("zh"), f"{ds.publication.seed_file}:{ds.lines[0]}-{ds.lines[1]}", ds.file)
        out.print(t)


@app.command()
def clean(
    all_: bool = typer.Option(False, "--all", help="Also remove runs/ and sweeps/ (reviewers' reruns and sweeps)."),
) -> None:
    """Remove build outputs: data/interim, data/processed, reports/ and Snakemake's state."""
    root = project_root()
    targets = [root / "data" / "interim", root / "data" / "processed", root / "reports", root / ".snakemake"]
    if all_:
        targets += [root / "runs", root / "sweeps"]
    for p in targets:
        if p.exists():
            shutil.rmtree(p)
            console.print(f"removed {p.relative_to(root)}")


@app.command("network-stats")
def network_stats(
    edges: Path = typer.Option(..., "--edges", help="Gephi edge table (CSV: Source,Target[,Type,Weight,Year…])."),
    nodes: Path | None = typer.Option(None, "--nodes", help="Gephi node table (CSV: Id[,Label,…,Year])."),
    directed: bool | None = typer.Option(
        None, "--directed/--undirected", help="Interpretation (default: from the Type column, else directed)."
    ),
    by_year: bool = typer.Option(False, "--by-year", help="Cumulative snapshot per year of the Year column."),
    with_modularity: bool = typer.Option(False, "--modularity", help="Also Louvain modularity (undirected view)."),
    resolution: float = typer.Option(1.0, "--resolution", help="Louvain resolution."),
    seed: int = typer.Option(42, "--seed", help="Random seed for Louvain."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (an object, or an array with --by-year)."),
    weight_default: float | None = typer.Option(
        None, "--weight-default", help="Weight for edges whose Weight cell is empty (else an error)."
    ),
    path_sample: int | None = typer.Option(
        None,
        "--path-sample",
        help="BFS sources for sampled path statistics (default: exact up to nodes x (nodes + arcs) = 5e9, "
        "1,024 sources above; the output says path_method). A number >= the nodes means exact.",
    ),
) -> None:
    """Gephi 0.9.2 statistics of a network (nodes, edges, average degree, diameter, average path length,
    average clustering, density[, modularity]); path statistics exact up to a documented size, sampled above it or
    with --path-sample (said in the output); `.gexf` files are read too (pass them as --edges)."""
    from ai_industry.methods import network as nw

    try:
        if edges.suffix.lower() == ".gexf":
            net = nw.read_gexf(edges, weight_default)
        else:
            net = nw.read_gephi_csv(edges, nodes, weight_default)
        if by_year:
            if not nw.years(net):
                _fail(f"{edges}: --by-year needs a Year column in the edge (or node) table")
            result = nw.stats_by_year(net, directed, with_modularity, resolution, seed, path_sample)
        else:
            result = nw.gephi_stats(net, directed, with_modularity, resolution, seed, path_sample)
    except (DataError, ConfigError, ValueError) as exc:
        _fail(str(exc), 1)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    rows = result if isinstance(result, list) else [result]
    t = Table(title=f"Gephi statistics: {edges.name}")
    keys = [k for k in rows[0] if k not in ("directed",)]
    for k in keys:
        t.add_column(k, justify="right")
    for r in rows:
        t.add_row(*[f"{r[k]:.6g}" if isinstance(r[k], float) else str(r[k]) for k in keys])
    make_console().print(t)


_ENTRY = {"console": False}  # True when started as the `ai-industry` command (not called in-process by a test)


def main() -> None:  # pragma: no cover
    _ENTRY["console"] = True
    try:
        app()
    except OSError as exc:
        from ai_industry.pipeline.runner import describe_os_error

        console.print(f"[bold red]error:[/] {escape(describe_os_error(exc))}", soft_wrap=True)
        raise SystemExit(1) from None


if __name__ == "__main__":  # pragma: no cover
    main()
