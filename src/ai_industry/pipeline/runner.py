"""Executing notebooks with papermill, and the build steps the Snakefile calls.

    python -m ai_industry.pipeline.runner step {ingest|clean|prepare} DATASET_ID
    python -m ai_industry.pipeline.runner product PRODUCT_ID   (a build product of config/sections.yaml)
    python -m ai_industry.pipeline.runner section REPORT/STEM --lang zh
    python -m ai_industry.pipeline.runner render REPORT/STEM --lang zh
    python -m ai_industry.pipeline.runner book REPORT --lang zh
    python -m ai_industry.pipeline.runner index
    python -m ai_industry.pipeline.runner execute NOTEBOOK OUTPUT [-p key=value ...]   (any notebook, as is)

A section runs in a staging folder (its figures, tables and executed notebook land there first) and is moved
into place only when it succeeded, so a failing section leaves no partial output behind; its failure record
(error and executed notebook) goes to <out>/failed/.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from ai_industry.catalog.parameters import check_parameters
from ai_industry.catalog.sections import Section, input_rows, load_config, resolve_parameters
from ai_industry.contract import INPUTS_ENV, PRODUCTS_ENV, kernel_env, loaded_in
from ai_industry.errors import ConfigError, DataError
from ai_industry.io import write_text
from ai_industry.paths import project_root, published_dir
from ai_industry.pipeline import layout
from ai_industry.pipeline.manifest import merge, now, section_record, write_record

KERNEL = "python3"


def describe_os_error(exc: OSError) -> str:
    """One line for an operating-system error an operator can act on (disk full, read-only, permission)."""
    import errno

    hint = {
        errno.ENOSPC: "the disk is full: free space and build again",
        errno.EROFS: "the file system is read-only: build in a writable copy",
        errno.EACCES: "permission denied: check the folder's owner and mode",
        errno.EPERM: "operation not permitted: check the folder's owner and mode",
    }.get(exc.errno, "")
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}" + (f" ({hint})" if hint else "")


class StepFailed(Exception):
    """A notebook failed; the message is the error raised in it."""


def execute(notebook: Path, output: Path, parameters: dict[str, Any], env: dict[str, str]) -> None:
    """Run `notebook` with papermill into `output`, with extra environment variables for the kernel."""
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from ai_industry.pipeline import kernels

    # in a warm process the kernel is a fork made before any work began (kernels.prefork_kernel), else a new one
    engine_kw = {"kernel_manager_class": kernels.kernel_manager_class()}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        pm.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=KERNEL,
            cwd=str(notebook.parent),
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            # the kernel's own log (e.g. ipykernel 7's TCP notice) is noise in build logs
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
            **engine_kw,
        )
    except PapermillExecutionError as exc:
        raise StepFailed(f"{exc.ename}: {exc.evalue}") from None
    else:
        normalise_executed(output)
    finally:
        kernels.discard_preforked()
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# what papermill and the kernel stamp into a notebook that changes from run to run; the manifest keeps the times
_VOLATILE_NB = ("start_time", "end_time", "duration", "input_path", "output_path")
_VOLATILE_CELL = ("start_time", "end_time", "duration")


def normalise_executed(output: Path) -> None:
    """Make an executed notebook depend on its inputs only: cell ids `cell-N` by position (as in the HTML;
    nbformat draws random ids for notebooks stored without them, and papermill for its parameters cell), and no
    run times or run folder paths in its metadata (they are in the manifest). Two runs on the same inputs then
    give byte-identical notebooks."""
    nb = json.loads(output.read_text(encoding="utf-8"))
    for i, cell in enumerate(nb.get("cells", [])):
        cell["id"] = f"cell-{i}"
        meta = cell.get("metadata", {})
        meta.pop("execution", None)
        for key in _VOLATILE_CELL:
            meta.get("papermill", {}).pop(key, None)
    for key in _VOLATILE_NB:
        nb.get("metadata", {}).get("papermill", {}).pop(key, None)
    write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", output)


# ---- ingest / clean -------------------------------------------------------------------------------------


def run_step(step: str, dataset_id: str, root: Path) -> None:
    """Ingest or clean one published dataset in this process (the same call the step's notebook makes).
    A DataError is recorded under reports/failed/steps/ and re-raised as StepFailed with its message."""
    from ai_industry.pipeline import steps

    fn = {"ingest": steps.ingest_published, "clean": steps.clean_published, "prepare": steps.prepare_published}[step]
    fail = root / "reports" / "failed" / "steps" / step / f"{dataset_id.replace('/', '__')}.json"
    start, t0 = now(), time.monotonic()
    try:
        fn(dataset_id, root)
    except (DataError, ConfigError) as exc:
        write_text(
            json.dumps(
                {
                    "step": step,
                    "dataset": dataset_id,
                    "status": "failed",
                    "error": str(exc),
                    "start": start,
                    "end": now(),
                    "duration_s": round(time.monotonic() - t0, 3),
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n",
            fail,
        )
        raise StepFailed(f"{step} {dataset_id}: {exc}") from None
    if fail.exists():
        fail.unlink()


# ---- products -------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _declared(datasets: tuple[str, ...], products: tuple[str, ...]):
    """While a product's function runs, the datasets and products it declares are the only ones it may load, as
    for a section's kernel (`contract.declared_inputs`): a dataset it reads without declaring it is refused
    rather than read without being an input of its job."""
    saved = {k: os.environ.get(k) for k in (INPUTS_ENV, PRODUCTS_ENV)}
    os.environ[INPUTS_ENV], os.environ[PRODUCTS_ENV] = ",".join(datasets), ",".join(products)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_product(product_id: str, root: Path) -> None:
    """Make one build product (config/sections.yaml `products:`): call its function with the absolute paths of
    its outputs and of the outputs of the products it needs. A failure is recorded under
    reports/failed/products/ and re-raised as StepFailed; an output the call did not write is a failure."""
    import importlib

    cfg = load_config(root)
    prod = cfg.product(product_id)
    fail = root / "reports" / "failed" / "products" / f"{product_id.replace('/', '__')}.json"
    start, t0 = now(), time.monotonic()
    outputs = {k: root / v for k, v in prod.outputs.items()}
    inputs = {k: root / v for need in prod.needs for k, v in cfg.product(need).outputs.items()}
    try:
        module, _, name = prod.call.rpartition(".")
        with _declared(prod.datasets, prod.needs):
            getattr(importlib.import_module(module), name)(outputs, inputs, **prod.options)
        missing = [str(p.relative_to(root)) for p in outputs.values() if not p.is_file()]
        if missing:
            raise ConfigError(f"{prod.call} did not write {', '.join(missing)}")
    except (DataError, ConfigError, ValueError) as exc:
        record = {"product": product_id, "status": "failed", "error": str(exc), "start": start, "end": now()}
        record["duration_s"] = round(time.monotonic() - t0, 3)
        write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", fail)
        raise StepFailed(f"product {product_id}: {exc}") from None
    if fail.exists():
        fail.unlink()


# ---- sections -------------------------------------------------------------------------------------------


def _move_tree(src: Path, dst: Path) -> list[str]:
    moved = []
    if not src.is_dir():
        return moved
    for f in sorted(p for p in src.rglob("*") if p.is_file()):
        target = dst / f.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(f, target)
        moved.append(str(target))
    return moved


def _remove_staging(staging: Path) -> None:
    """Remove a section's staging folder (`.staging/` itself goes at the end of the build or run: a parallel
    section may be creating its own folder in it right now)."""
    shutil.rmtree(staging, ignore_errors=True)


def remove_empty_staging(out: Path) -> None:
    """Remove `<out>/.staging/` when no section left anything in it (called once a build or run is over)."""
    with contextlib.suppress(OSError):
        (out / ".staging").rmdir()


def _publish(staging: Path, executed: Path, out: Path, lang: str, section: Section) -> dict[str, list[str]]:
    """Move a finished section's figures, tables and executed notebook from `staging` into `out`, then remove
    `staging`; returns the moved files by kind, relative to `out`."""
    outputs = {
        "figures": _move_tree(staging / "figures", out / "figures"),
        "tables": _move_tree(staging / "tables", out / "tables"),
    }
    target_nb = layout.executed_nb(out, lang, section.report, section.stem)
    target_nb.parent.mkdir(parents=True, exist_ok=True)
    os.replace(executed, target_nb)
    _remove_staging(staging)
    return {k: [os.path.relpath(p, out) for p in v] for k, v in outputs.items()}


def run_section(section: Section, lang: str, params: dict[str, Any], out: Path, root: Path) -> dict[str, Any]:
    """Execute one section notebook into `out` (reports/ or a run folder); returns its manifest record. The
    parameters are checked against the notebook's rules first, now that the inputs exist (rows(...) bounds)."""
    nb = root / section.notebook
    params = check_parameters(section.id, nb, params, rows=input_rows(section, root))
    staging = out / ".staging" / f"{lang}-{section.report}-{section.stem}-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    executed = staging / "executed.ipynb"
    env = kernel_env(root, staging, section.inputs, section.id, section.products)
    fail_dir = out / "failed" / lang / section.report
    start, t0 = now(), time.monotonic()

    def record(status: str, **extra: Any) -> dict[str, Any]:
        return section_record(
            section_id=section.id,
            lang=lang,
            notebook=nb,
            parameters=params,
            inputs=list(section.inputs),
            products=list(section.products),
            root=root,
            start=start,
            end=now(),
            duration_s=time.monotonic() - t0,
            status=status,
            **extra,
        )

    try:
        execute(nb, executed, params, env)
    except StepFailed as exc:
        rec = record("failed", error=str(exc))
        if executed.exists():
            fail_dir.mkdir(parents=True, exist_ok=True)
            os.replace(executed, fail_dir / f"{section.stem}.ipynb")
            rec["executed_notebook"] = str(fail_dir / f"{section.stem}.ipynb")
        write_record(rec, fail_dir / f"{section.stem}.json")
        _remove_staging(staging)
        raise
    loaded = loaded_in(staging)
    rec = record("ok", outputs=_publish(staging, executed, out, lang, section), loaded=loaded)
    write_record(rec, layout.manifest_fragment(out, lang, section.report, section.stem))
    for stale in (fail_dir / f"{section.stem}.json", fail_dir / f"{section.stem}.ipynb"):
        if stale.exists():
            stale.unlink()
    return rec


def write_run_manifest(
    out: Path, section_id: str, params: dict[str, Any], folder: Path | None = None, **extra: Any
) -> Path:
    """A run folder's `manifest.json`: its section records merged, and what was run with which parameters, in
    which folder (`folder`: where the run lives when it was made elsewhere and moved into place)."""
    doc = merge(out)
    doc["run"] = {"section": section_id, "parameters": params, "out": str(folder or out)}
    doc.update(extra)
    return write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", out / "manifest.json")


def chapter_links(section: Section, lang: str, out: Path, root: Path | None = None) -> list[tuple[str, str]]:
    """Navigation of a chapter page: all reports (the index) and the whole report (its book) in the main build;
    the previous and next chapter of the report and the same chapter in each other language wherever that
    chapter has been executed in `out` (its notebook exists), so a partial build or a run folder never links
    to a page that is not there. The build makes a page's render wait for the neighbours it selects, so a full
    build links them all."""
    from ai_industry.catalog.terms import t

    root = root or project_root()
    cfg = load_config(root)
    stems = [s.stem for s in cfg.report(section.report).sections]
    i = stems.index(section.stem)

    def built(lg: str, stem: str) -> bool:
        return layout.executed_nb(out, lg, section.report, stem).exists()

    links = []
    if out.resolve() == (root / "reports").resolve():
        links += [(t("nav_index", lang), "../../../index.html"), (t("nav_book", lang), "index.html")]
    if i > 0 and built(lang, stems[i - 1]):
        links.append((t("nav_previous", lang), f"{stems[i - 1]}.html"))
    if i + 1 < len(stems) and built(lang, stems[i + 1]):
        links.append((t("nav_next", lang), f"{stems[i + 1]}.html"))
    for o in cfg.languages:
        if o != lang and built(o, section.stem):
            label = t("nav_other_language", lang) if len(cfg.languages) == 2 else o
            links.append((label, f"../../{o}/{section.report}/{section.stem}.html"))
    return links


def render_section(section: Section, lang: str, out: Path, with_code: bool = False) -> tuple[Path, Path]:
    """HTML and PDF of an executed section."""
    from ai_industry.pipeline.render import chapter_page, ensure_font_asset, ensure_seed_pages, html_to_pdf, load_json

    ensure_font_asset(out)
    ensure_seed_pages(out, published_dir() / "seeds")
    rec = load_json(layout.manifest_fragment(out, lang, section.report, section.stem))
    title = chapter_heading(section, lang)
    markup = chapter_page(
        layout.executed_nb(out, lang, section.report, section.stem),
        title,
        lang,
        params=rec.get("parameters"),
        record=rec,
        with_code=with_code,
        nav=chapter_links(section, lang, out),
    )
    h = write_text(markup, layout.chapter_html(out, lang, section.report, section.stem))
    p = html_to_pdf(markup, layout.chapter_pdf(out, lang, section.report, section.stem))
    return h, p


def chapter_heading(section: Section, lang: str) -> str:
    """A chapter's heading as pages and books print it: its number in the report, then its title."""
    return f"{section.number if lang == 'zh' else '§' + section.number_en} {section.title(lang)}"


def render_book(report: str, lang: str, out: Path, root: Path, stems: list[str] | None = None) -> tuple[Path, Path]:
    """Bind the report's book (HTML and PDF) in `lang` from every chapter page rendered so far (books.py)."""
    from ai_industry.pipeline import books
    from ai_industry.pipeline.render import ensure_font_asset

    ensure_font_asset(out)
    rep = load_config(root).report(report)
    chapters = [
        books.BookChapter(
            s.stem,
            s.number if lang == "zh" else s.number_en,
            chapter_heading(s, lang),
            layout.chapter_html(out, lang, report, s.stem),
            layout.chapter_pdf(out, lang, report, s.stem),
        )
        for s in rep.sections
        if (stems is None or s.stem in stems)
        and layout.chapter_html(out, lang, report, s.stem).exists()
        and layout.chapter_pdf(out, lang, report, s.stem).exists()
    ]
    return books.bind(
        rep.title(lang), chapters, lang, layout.book_html(out, lang, report), layout.book_pdf(out, lang, report)
    )


def _failed_datasets(out: Path) -> dict[str, str]:
    """Dataset id -> first line of its error, for every prepare step whose last run failed."""
    base = out / "failed" / "steps"
    found = {}
    if base.is_dir():
        for p in sorted(base.rglob("*.json")):
            rec = json.loads(p.read_text(encoding="utf-8"))
            found[rec.get("dataset", p.stem.replace("__", "/"))] = str(rec.get("error", "")).split("\n")[0]
    return found


def chapter_status(
    out: Path, root: Path, lang: str, section: Section, failed_datasets: dict[str, str], hashes: dict[Path, str | None]
) -> tuple[str, str]:
    """(status, reason) of one built chapter: 'ok'; 'failed' (its last run failed, nothing older to show);
    'stale' (a chapter exists, but its last run failed, or an input dataset failed validation, went missing or
    changed since it was built); 'not built'."""
    from ai_industry.io import sha256_file

    pdf = layout.chapter_pdf(out, lang, section.report, section.stem)
    frag = layout.manifest_fragment(out, lang, section.report, section.stem)
    failed = out / "failed" / lang / section.report / f"{section.stem}.json"
    if failed.exists():
        err = str(json.loads(failed.read_text(encoding="utf-8")).get("error", "")).split("\n")[0]
        return (
            ("stale", f"the last run failed ({err}); this is the last good build") if pdf.exists() else ("failed", err)
        )
    if not pdf.exists() or not frag.exists():
        return "not built", ""
    bad = [d for d in section.inputs if d in failed_datasets]
    if bad:
        return "stale", f"input {bad[0]} failed validation ({failed_datasets[bad[0]]})"
    rec = json.loads(frag.read_text(encoding="utf-8"))
    for ds, h in (rec.get("inputs") or {}).items():
        path = root / h["processed"]
        if path not in hashes:
            hashes[path] = sha256_file(path) if path.is_file() else None
        if hashes[path] is None:
            return "stale", f"input {ds} is missing since this chapter was built"
        if hashes[path] != h["sha256"]:
            return "stale", f"input {ds} changed since this chapter was built"
    return "ok", ""


def write_index(out: Path, root: Path) -> Path:
    """reports/index.html and reports/manifest.json from whatever the build has produced so far. A chapter whose
    run failed or whose inputs failed, went missing or changed since it was built is marked stale (or failed)
    in both, and so is the book of its report and language."""
    from ai_industry.pipeline.render import ensure_font_asset, index_page

    ensure_font_asset(out)
    cfg = load_config(root)
    doc = merge(out)
    failed_ds = _failed_datasets(out)
    hashes: dict[Path, str | None] = {}
    entries, status_doc = [], {}
    for rep in cfg.reports.values():
        chs, books = [], {lg: "ok" for lg in cfg.languages}
        for s in rep.sections:
            status, reasons = {}, {}
            for lg in cfg.languages:
                status[lg], reasons[lg] = chapter_status(out, root, lg, s, failed_ds, hashes)
                if status[lg] != "ok":
                    books[lg] = "stale"
                status_doc[f"{s.id} [{lg}]"] = {
                    "status": status[lg],
                    **({"reason": reasons[lg]} if reasons[lg] else {}),
                }
            chs.append(
                {
                    "stem": s.stem,
                    "number": s.number,
                    "title_zh": s.title_zh,
                    "title_en": s.title_en,
                    "status": status,
                    "reason": reasons,
                }
            )
        for lg in cfg.languages:  # a book never built (e.g. a one-report build) is not linked
            if not layout.book_pdf(out, lg, rep.slug).exists():
                books[lg] = "not built"
        entries.append(
            {"slug": rep.slug, "title_zh": rep.title_zh, "title_en": rep.title_en, "chapters": chs, "books": books}
        )
    doc["status"] = status_doc
    failed = out / "failed"
    if failed.is_dir():
        doc["failed"] = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(failed.rglob("*.json"))]
    write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", layout.manifest_json(out))
    return write_text(index_page(entries, cfg.languages), layout.index_html(out))


def _json_params(pairs: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        try:
            out[key] = json.loads(value)
        except json.JSONDecodeError:
            out[key] = value
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ai_industry.pipeline.runner")
    sub = ap.add_subparsers(dest="cmd", required=True)
    st = sub.add_parser("step")
    st.add_argument("step", choices=["ingest", "clean", "prepare"])
    st.add_argument("dataset")
    pr = sub.add_parser("product")
    pr.add_argument("product")
    for name in ("section", "render"):
        p = sub.add_parser(name)
        p.add_argument("section")
        p.add_argument("--lang", required=True)
        if name == "render":
            p.add_argument("--with-code", action="store_true")
    b = sub.add_parser("book")
    b.add_argument("report")
    b.add_argument("--lang", required=True)
    b.add_argument("--stems", default=None)
    sub.add_parser("index")
    ex = sub.add_parser("execute")
    ex.add_argument("notebook", type=Path)
    ex.add_argument("output", type=Path)
    ex.add_argument("-p", "--param", action="append", default=[], help="key=value (a JSON value, else a string)")
    args = ap.parse_args(argv)
    root = project_root()
    out = root / "reports"
    try:
        if args.cmd == "step":
            run_step(args.step, args.dataset, root)
        elif args.cmd == "product":
            run_product(args.product, root)
        elif args.cmd in ("section", "render"):
            sec = load_config(root).section(args.section)
            if args.cmd == "section":
                run_section(sec, args.lang, resolve_parameters(sec, {}, root, lang=args.lang), out, root)
            else:
                render_section(sec, args.lang, out, with_code=args.with_code)
        elif args.cmd == "execute":
            execute(args.notebook.resolve(), args.output.resolve(), _json_params(args.param), {})
        elif args.cmd == "book":
            render_book(args.report, args.lang, out, root, args.stems.split(",") if args.stems else None)
        else:
            write_index(out, root)
    except (StepFailed, DataError, ConfigError) as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # a full or read-only disk, a permission: the condition, not a traceback
        print(f"ERROR: {describe_os_error(exc)}", file=sys.stderr)
        return 1
    except Exception:  # noqa: BLE001 - report anything else in full
        traceback.print_exc()
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
