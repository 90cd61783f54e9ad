"""A sweep's jobs (see sweep.py for the plan they follow): one combination's run, and the summary.

    python -m ai_industry.pipeline.job sweep combination SWEEP_FOLDER COMBINATION
    python -m ai_industry.pipeline.job sweep summary SWEEP_FOLDER

A combination runs the section into `runs/<id>/` with the runner's own `run_section` and `render_section` (as
`ai-industry run` does), in a staging folder moved into place whole. The summary stacks every table the runs saved
(`tables/<lang>/<report>/*.csv`) into one table each, with columns naming the combination, keeping every cell as
the text the run wrote (so the stack is the same bytes wherever the runs were made), and writes the overview
chapter from what the section declares in config/sections.yaml (`sweep: overview:`). Nothing here knows a chapter.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from ai_industry.errors import ConfigError, DataError
from ai_industry.pipeline.sweep import SUMMARY, Plan, check_overview, load_plan, shown


def _swap(staging: Path, final: Path) -> None:
    """Put a finished folder in place of the old one (if any): the old is moved aside first, then removed."""
    old = final.with_name(f".{final.name}.old-{os.getpid()}")
    if final.exists():
        os.replace(final, old)
    os.replace(staging, final)
    shutil.rmtree(old, ignore_errors=True)


def run_combination(folder: Path, combo_id: str, root: Path) -> Path:
    """One combination's job: the section executed and rendered into `runs/<id>/` (a staging folder first, moved
    into place when everything is written), its manifest with the sweep's entry. On failure the error and the
    executed notebook go to `failed/<id>/`, and the error is raised again."""
    from ai_industry.catalog.sections import load_config
    from ai_industry.io import write_text
    from ai_industry.pipeline.runner import StepFailed, remove_empty_staging, render_section, run_section
    from ai_industry.pipeline.runner import write_run_manifest as write_manifest

    plan = load_plan(folder)
    c = plan.combination(combo_id)
    sec = load_config(root).section(plan.section)
    final = folder / "runs" / c.id
    staging = folder / "runs" / f".{c.id}.partial-{os.getpid()}"
    failed = folder / "failed" / c.id
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        run_section(sec, c.lang, c.parameters, staging, root)
        render_section(sec, c.lang, staging, with_code=plan.with_code)
        remove_empty_staging(staging)
        write_manifest(staging, sec.id, c.parameters, folder=final, sweep={"combination": c.id, "swept": c.swept})
    except (StepFailed, DataError, ConfigError) as exc:
        shutil.rmtree(failed, ignore_errors=True)
        if (staging / "failed").is_dir():
            shutil.copytree(staging / "failed", failed)
        record = {"combination": c.id, "swept": c.swept, "section": sec.id, "error": str(exc)}
        write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", failed / "error.json")
        raise
    finally:
        if staging.exists() and not (staging / "manifest.json").is_file():
            shutil.rmtree(staging, ignore_errors=True)
    _swap(staging, final)
    shutil.rmtree(failed, ignore_errors=True)
    return final


# ---- the summary ------------------------------------------------------------------------------------------


def _tables_of(run: Path) -> dict[str, Path]:
    """name -> CSV of the tables one run saved (tables/<lang>/<report>/<name>.csv)."""
    return {p.stem: p for p in sorted((run / "tables").glob("*/*/*.csv"))}


def stack_tables(folder: Path, plan: Plan) -> dict[str, Any]:
    """Every table any combination saved, stacked over the combinations in grid order: the combination's id
    and swept parameters first (a parameter named like a column of the table becomes `param_<name>`), then the
    table's own columns, every cell kept as the text the run wrote."""
    import pandas as pd

    parts: dict[str, list[Any]] = {}
    for c in plan.combinations:
        for name, csv in _tables_of(folder / "runs" / c.id).items():
            df = pd.read_csv(csv, dtype=str, keep_default_na=False, encoding="utf-8")
            front = {"combination": c.id} | {k: shown(v) for k, v in c.swept.items()}
            front = {(f"param_{k}" if k in df.columns else k): v for k, v in front.items()}
            head = pd.DataFrame({k: [v] * len(df) for k, v in front.items()}, index=df.index, dtype=object)
            parts.setdefault(name, []).append(pd.concat([head, df.astype(object)], axis=1))
    return {name: pd.concat(dfs, ignore_index=True).fillna("") for name, dfs in parts.items()}


def as_numbers(df: Any) -> Any:
    """A stacked table with each column whose every non-empty cell is a number turned into numbers (for XLSX)."""
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        cells = out[col].astype(str)
        filled = cells != ""
        nums = pd.to_numeric(cells.where(filled), errors="coerce")
        if filled.any() and nums[filled].notna().all():
            out[col] = nums
    return out


def matrix(df: Any, rows: str, columns: str, values: str) -> Any:
    """A stacked table as a matrix: `rows` x `columns` (in order of first appearance), each cell the first value
    found for that pair (the same pair repeated over combinations holds the same value)."""
    import pandas as pd

    for col in (rows, columns, values):
        if col not in df.columns:
            raise ConfigError(
                f"sweep overview matrix: the table has no column '{col}' (it has: {', '.join(df.columns)})"
            )
    pairs = df.drop_duplicates([rows, columns])[[rows, columns, values]]
    wide = pairs.pivot(index=rows, columns=columns, values=values)
    row_order = list(pd.unique(pairs[rows]))
    # columns that are also rows first, in the rows' order (a square block), then the others as they appear
    col_order = [r for r in row_order if r in set(pairs[columns])]
    col_order += [c for c in pd.unique(pairs[columns]) if c not in col_order]
    wide = wide.reindex(index=row_order, columns=col_order).fillna("")
    wide.index.name, wide.columns.name = rows, None
    return wide.reset_index()


def _meta(folder: Path, plan: Plan, name: str) -> dict[str, Any]:
    """The `.meta.json` (title, source lines, datasets) of a table, from the first combination that saved it."""
    for c in plan.combinations:
        for meta in sorted((folder / "runs" / c.id / "tables").glob(f"*/*/{name}.meta.json")):
            return json.loads(meta.read_text(encoding="utf-8"))
    return {}


def _meta_title(folder: Path, plan: Plan, name: str) -> str:
    return str(_meta(folder, plan, name).get("title") or name)


def _html_table(df: Any) -> str:
    """A stacked table for the page: cells as the runs wrote them, decimals shown to two places (the CSV and
    XLSX keep every digit)."""

    def short(cell: Any) -> Any:
        text = str(cell)
        if "." in text and text.replace(".", "", 1).lstrip("-").isdigit():
            return f"{float(text):.2f}"
        return cell

    return df.map(short).to_html(index=False, escape=True, border=0, classes="data-table", na_rep="")


def overview_page(folder: Path, plan: Plan, section: Any, stacked: dict[str, Any], lang: str) -> str:
    """The overview chapter: what was swept, every combination with its chapter, the tables the section
    declares (as they are, a few columns of them, their distinct rows, or as a matrix), and every stacked table."""
    import html

    from ai_industry.catalog.terms import t
    from ai_industry.pipeline.render import page
    from ai_industry.pipeline.runner import chapter_heading

    heading = chapter_heading(section, lang)
    parts = [
        f'<h1 class="chapter-title">{html.escape(heading)}</h1>',
        f'<p class="chapter-subtitle">{t("sweep_overview", lang)}</p>',
        f"<p>{html.escape(t('sweep_intro', lang, section=section.id, n=len(plan.combinations)))}</p>",
        _combinations_block(plan, section, lang),
    ]
    for entry in check_overview(section):
        title = f"{_meta_title(folder, plan, entry['table'])} — {t('sweep_all', lang)}"
        parts.append(f"<h2>{html.escape(title)}</h2>")
        parts.append(_declared_table(entry, stacked.get(entry["table"]), plan, section, lang))
    links = "".join(
        f'<li><a href="tables/{html.escape(n)}.csv">{html.escape(n)}.csv</a> · '
        f'<a href="tables/{html.escape(n)}.xlsx">XLSX</a> — {len(df)} {t("sweep_rows", lang)}</li>'
        for n, df in stacked.items()
    )
    parts.append(f"<h2>{t('sweep_tables', lang)}</h2><ul>{links}</ul>")
    return page(f"{heading} · {t('sweep_overview', lang)}", "\n".join(parts), lang, root_prefix="")


def _combinations_block(plan: Plan, section: Any, lang: str) -> str:
    """The parameters every combination shares, and a table of the combinations with links to their chapters
    (relative to summary/, so the sweep folder can move)."""
    import html

    from ai_industry.catalog.terms import t
    from ai_industry.pipeline import layout

    parts = []
    first = plan.combinations[0].parameters
    fixed = {
        k: v
        for k, v in first.items()
        if k not in plan.keys and all(c.parameters.get(k) == v for c in plan.combinations)
    }
    if fixed:
        items = ", ".join(f"<code>{html.escape(k)}={html.escape(shown(v))}</code>" for k, v in fixed.items())
        colon = "：" if lang == "zh" else ": "
        parts.append(f'<div class="params">{t("sweep_fixed", lang)}{colon}{items}</div>')
    rows = []
    for i, c in enumerate(plan.combinations, start=1):
        run = Path("..") / "runs" / c.id
        html_page = layout.chapter_html(run, c.lang, section.report, section.stem)
        pdf = layout.chapter_pdf(run, c.lang, section.report, section.stem)
        links = f'<a href="{html.escape(str(html_page))}">HTML</a> · <a href="{html.escape(str(pdf))}">PDF</a>'
        cells = "".join(f"<td>{html.escape(shown(c.swept[k]))}</td>" for k in plan.keys)
        rows.append(f"<tr><td>{i}</td>{cells}<td>{links}</td><td><code>{html.escape(c.id)}</code></td></tr>")
    head = "".join(f"<th>{html.escape(k)}</th>" for k in plan.keys)
    parts.append(f"<h2>{t('sweep_combinations', lang)}</h2>")
    parts.append(
        f'<table class="data-table"><thead><tr><th>{t("sweep_combination", lang)}</th>{head}'
        f"<th>{t('sweep_chapter', lang)}</th><th>{t('sweep_combination', lang)} id</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return "\n".join(parts)


def _declared_table(entry: dict[str, Any], df: Any, plan: Plan, section: Any, lang: str) -> str:
    """One table the section's `sweep: overview:` declares, as the page shows it: a matrix, its distinct rows,
    or its rows with the swept parameters first (a few columns of it where `columns` says so)."""
    import pandas as pd

    from ai_industry.catalog.terms import t

    if df is None:
        return f"<p>{t('sweep_no_rows', lang)}</p>"
    if entry.get("matrix"):
        m = entry["matrix"]
        wide = matrix(df, m["rows"], m["columns"], m["values"])
        corner = f"{m['rows']} \\ {m['columns']} ({m['values']})"
        return f'<div class="table-block">{_html_table(wide.rename(columns={m["rows"]: corner}))}</div>'
    front = [col for col in df.columns if col == "combination" or col in plan.keys or col.startswith("param_")]
    cols = list(entry.get("columns") or [col for col in df.columns if col not in front])
    missing = [col for col in cols if col not in df.columns]
    if missing:
        raise ConfigError(
            f"config/sections.yaml, section {section.id}, sweep overview {entry['table']}: no column "
            f"{', '.join(missing)} in the table (it has: {', '.join(df.columns)})"
        )
    shown_df = df[cols].drop_duplicates() if entry.get("distinct") else df[[*front[1:], *cols]]
    return f'<div class="table-block">{_html_table(pd.DataFrame(shown_df))}</div>'


def _write_stacked(folder: Path, plan: Plan, stacked: dict[str, Any], lang: str, out: Path) -> dict[str, Any]:
    """Each stacked table as CSV, XLSX (numbers as numbers, the runs' source line under the data) and a
    `.meta.json` with the runs' title and source lines; returns rows and CSV hash per table for the manifest."""
    from ai_industry.io import sha256_file, write_csv, write_text, write_xlsx

    tables = {}
    for name, df in stacked.items():
        meta = _meta(folder, plan, name)
        csv = write_csv(df, out / f"{name}.csv")
        write_xlsx(as_numbers(df), out / f"{name}.xlsx", footer=(meta.get("source_line") or {}).get(lang))
        about = {
            "title": meta.get("title", name),
            "section": plan.section,
            "stacked_over": list(plan.keys),
            "combinations": len(plan.combinations),
            "rows": len(df),
            "source_line": meta.get("source_line", {}),
            "datasets": meta.get("datasets", []),
        }
        write_text(json.dumps(about, ensure_ascii=False, indent=2) + "\n", out / f"{name}.meta.json")
        tables[name] = {"rows": len(df), "csv_sha256": sha256_file(csv)}
    return tables


def summarize(folder: Path, root: Path) -> Path:
    """The summary's job: stacked tables (CSV + XLSX), matrices the section declares, the overview chapter
    (HTML + PDF) and a manifest, made in a staging folder and moved into `summary/` whole."""
    from ai_industry.catalog.sections import load_config
    from ai_industry.io import write_csv, write_text, write_xlsx
    from ai_industry.pipeline.render import ensure_font_asset, html_to_pdf

    plan = load_plan(folder)
    section = load_config(root).section(plan.section)
    langs = {c.lang for c in plan.combinations}
    lang = langs.pop() if len(langs) == 1 else "zh"
    staging = folder / f".summary.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        stacked = stack_tables(folder, plan)
        tables = _write_stacked(folder, plan, stacked, lang, staging / "tables")
        for entry in check_overview(section):
            m, df = entry.get("matrix"), stacked.get(entry["table"])
            if m and df is not None:
                wide = matrix(df, m["rows"], m["columns"], m["values"])
                write_csv(wide, staging / "tables" / f"{entry['table']}.matrix.csv")
                write_xlsx(as_numbers(wide), staging / "tables" / f"{entry['table']}.matrix.xlsx")
        ensure_font_asset(staging)
        markup = overview_page(folder, plan, section, stacked, lang)
        write_text(markup, staging / "overview.html")
        html_to_pdf(markup, staging / "overview.pdf")
        combos = [
            {"id": c.id, "swept": c.swept, "folder": f"runs/{c.id}", "parameters": c.parameters}
            for c in plan.combinations
        ]
        doc = {"section": plan.section, "keys": list(plan.keys), "combinations": combos, "tables": tables}
        write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", staging / "manifest.json")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap(staging, folder / SUMMARY)
    return folder / SUMMARY


# ---- the jobs' entry --------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    """`combination SWEEP_FOLDER ID` or `summary SWEEP_FOLDER` (called by `python -m ai_industry.pipeline.job
    sweep …`); errors an operator can act on are one line."""
    from ai_industry.paths import project_root
    from ai_industry.pipeline.runner import StepFailed, describe_os_error

    if len(argv) < 2 or argv[0] not in ("combination", "summary") or (argv[0] == "combination") != (len(argv) == 3):
        print("usage: sweep combination SWEEP_FOLDER ID | sweep summary SWEEP_FOLDER", file=sys.stderr)
        return 2
    folder, root = Path(argv[1]).resolve(), project_root()
    t0 = time.monotonic()
    try:
        if argv[0] == "combination":
            run_combination(folder, argv[2], root)
        else:
            summarize(folder, root)
    except (StepFailed, DataError, ConfigError) as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"ERROR: {describe_os_error(exc)}", file=sys.stderr)
        return 1
    except Exception:  # noqa: BLE001 - anything else in full
        traceback.print_exc()
        return 1
    print(f"{argv[0]} done in {time.monotonic() - t0:.1f} s", file=sys.stderr)
    return 0
