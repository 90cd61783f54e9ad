"""The `ai-industry` command: build, run one section with other parameters, list, clean."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
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
) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "snakemake",
        "--snakefile",
        str(root / "workflow" / "Snakefile"),
        "--directory",
        str(root),
        "--cores",
        str(cores),
        "--keep-going",
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


def _prepare_inputs_warming(root: Path, sec: Section, out: Path, cores: int) -> None:
    """Bring the section's input datasets and build products up to date with Snakemake (log beside the run's outputs) while this
    process imports the libraries the section and its rendering need (`warm.warm_up`), so that its kernel
    can be forked warm; exits with Snakemake's reasons when the inputs cannot be built."""
    import subprocess

    from ai_industry.catalog import datasets as catalog
    from ai_industry.catalog.sections import load_config
    from ai_industry.pipeline import noop, warm
    from ai_industry.pipeline.housekeeping import build_lock

    targets = [str(catalog.processed_path(d, root).relative_to(root)) for d in sec.inputs]
    targets += load_config(root).product_files(sec.products)  # build products it reads (the demo database)
    own = ["ai_industry.pipeline.runner", "ai_industry.pipeline.render", "ai_industry.pipeline.manifest"]

    # one preparation at a time: a run needing a dataset another run or a build is preparing waits for it
    def waiting(holder: str) -> None:
        console.print(
            f"waiting for the build or run holding the project lock (pid {holder}) to finish preparing its datasets…",
            highlight=False,
        )

    log = out / "logs" / "prepare-inputs.log"
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
            warm.warm_up(own, modules=warm.DRIVER_MODULES)
        finally:
            code = proc.wait() if proc is not None else 0
    if code != 0:
        _surface_snakemake_errors(log)
        _fail("the section's input datasets could not be built (Snakemake's reasons above)", 1)


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
    from ai_industry.pipeline.manifest import merge
    from ai_industry.pipeline.runner import remove_empty_staging

    remove_empty_staging(out)
    doc = merge(out)
    doc["run"] = {"section": sec.id, "parameters": params, "out": str(out)}
    (out / "manifest.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
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
def clean(all_: bool = typer.Option(False, "--all", help="Also remove runs/ (reviewers' reruns).")) -> None:
    """Remove build outputs: data/interim, data/processed, reports/ and Snakemake's state."""
    root = project_root()
    targets = [root / "data" / "interim", root / "data" / "processed", root / "reports", root / ".snakemake"]
    if all_:
        targets.append(root / "runs")
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
