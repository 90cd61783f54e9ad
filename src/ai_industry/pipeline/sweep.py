"""Parameter sweeps: one section run for every combination of a grid of parameters, as one Snakemake DAG.

    ai-industry sweep SECTION --grid key=v1,v2 … [--grid-file grid.yaml] [--cores N | --executor slurm]

The CLI expands the grid (`expand_grid`), checks every combination against the section's parameter rules
(`catalog.sections.resolve_parameters`) before anything runs, and writes the plan (`sweep.json`) into the sweep
folder. `workflow/sweep.smk` reads the plan: one job per combination, each running the section into a run folder
of its own, `runs/<slug>-<hash>/`, keyed by its parameters (the same parameters, the same folder: adding a value
to the grid runs only the new combinations), with the runner's own `run_section` and `render_section`
(executed notebook, HTML, PDF, figures, tables, manifest.json, as `ai-industry run` makes them); then one
summary job (`summarize`) that stacks every combination's tables (`tables/<lang>/<report>/*.csv`) into one table
each, with columns naming the combination's parameters (CSV + XLSX under `summary/tables/`), and writes the
overview chapter `summary/overview.html|pdf` (the tables a section declares under `sweep: overview:` in
config/sections.yaml, as they are or as a matrix, and every combination with a link to its chapter).

Snakemake runs with the sweep folder as its working directory, so its state (`.snakemake/`) stays there and never
touches the main build's. A combination and the summary are each made in a staging folder and moved into place
whole, so a failed or killed job leaves nothing partial; a failed combination's error and executed notebook go to
`failed/<combination>/`. The pipeline knows no chapter: stacking is generic over tables.

    python -m ai_industry.pipeline.job sweep combination SWEEP_FOLDER COMBINATION   (a combination's job)
    python -m ai_industry.pipeline.job sweep summary SWEEP_FOLDER                    (the summary's job)
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import sys
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ai_industry.errors import ConfigError, DataError

PLAN_FILE = "sweep.json"
SNAKEFILE = Path("workflow") / "sweep.smk"
SUMMARY = "summary"
SUMMARY_OUTPUTS = ("summary/manifest.json", "summary/overview.html", "summary/overview.pdf")
PRODUCTS = (("notebooks", "ipynb"), ("manifest", "json"), ("html", "html"), ("pdf", "pdf"))
OVERVIEW_KEYS = {"table", "columns", "distinct", "matrix"}
MATRIX_KEYS = ("rows", "columns", "values")

# ---- the grid ---------------------------------------------------------------------------------------------

Axis = tuple[tuple[str, ...], list[tuple[Any, ...]]]  # keys it sets, and the alternatives (one value per key)


def grid_from_args(items: Iterable[str]) -> list[Axis]:
    """`--grid key=v1,v2` options: one axis each, values as text (the parameter's type is applied later)."""
    axes: list[Axis] = []
    for item in items:
        key, eq, values = item.partition("=")
        key = key.strip()
        if not eq or not key:
            raise ConfigError(f"--grid {item!r}: write key=value1,value2,…")
        axes.append(((key,), [(v.strip(),) for v in values.split(",")]))
    return axes


def grid_from_file(path: Path) -> list[Axis]:
    """A grid file (YAML): each key a list of values (or one value), and `pairs` for all unordered pairs of a list
    of values over two keys, e.g. the 55 pairs of eleven cities in one line:

        top_n: [3, 5]
        pairs: {city_a, city_b: [广州, 深圳, 珠海, 佛山, 惠州, 东莞, 中山, 江门, 肇庆, 香港, 澳门]}

    (`pairs` may also be written `pairs: {"city_a, city_b": [...]}`, or be a list of such groups.)"""
    import yaml

    try:
        doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"--grid-file {path}: no such file") from None
    except IsADirectoryError:
        raise ConfigError(f"--grid-file {path}: is a folder, not a YAML file") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"--grid-file {path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(doc, dict) or not doc:
        raise ConfigError(f"--grid-file {path}: expected a mapping of parameter names to lists of values")
    axes: list[Axis] = []
    for key, values in doc.items():
        if key == "pairs":
            for group in values if isinstance(values, list) else [values]:
                axes.append(_pairs(group, path))
        else:
            vals = values if isinstance(values, list) else [values]
            if not vals:
                raise ConfigError(f"--grid-file {path}: '{key}' lists no value")
            axes.append(((str(key),), [(v,) for v in vals]))
    return axes


def _pairs(group: Any, path: Path) -> Axis:
    """All unordered pairs (in the order listed) of a `pairs` group's values, over its two keys."""
    usage = f"--grid-file {path}: write pairs as {{key_a, key_b: [value, value, …]}}"
    if not isinstance(group, dict):
        raise ConfigError(usage)
    items = list(group.items())
    if len(items) == 1 and isinstance(items[0][0], str) and "," in items[0][0]:
        keys = tuple(k.strip() for k in items[0][0].split(","))
        values = items[0][1]
    elif len(items) == 2 and items[0][1] is None:  # YAML reads {a, b: [...]} as {a: null, b: [...]}
        keys, values = (str(items[0][0]), str(items[1][0])), items[1][1]
    else:
        raise ConfigError(usage)
    if len(keys) != 2 or not isinstance(values, list) or len(values) < 2:
        raise ConfigError(usage + " (two keys, at least two values)")
    return keys, list(itertools.combinations(values, 2))


def expand_grid(axes: list[Axis]) -> list[dict[str, Any]]:
    """Every combination of the axes (their product, in the order given; the last axis varies fastest). A key
    set by two axes, or a value listed twice, is refused."""
    seen: dict[str, int] = {}
    for i, (keys, alts) in enumerate(axes):
        for k in keys:
            if k in seen:
                raise ConfigError(f"parameter '{k}' is swept twice (in --grid and --grid-file, or twice in one)")
            seen[k] = i
        dup = [a for j, a in enumerate(alts) if a in alts[:j]]
        if dup:
            shown = ", ".join(f"{k}={v}" for k, v in zip(keys, dup[0]))
            raise ConfigError(f"the grid lists {shown} twice")
    combos = []
    for choice in itertools.product(*(alts for _keys, alts in axes)):
        combo: dict[str, Any] = {}
        for (keys, _alts), values in zip(axes, choice):
            combo.update(zip(keys, values))
        combos.append(combo)
    return combos


# ---- the plan ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Combination:
    """One run of a sweep: its folder name, the swept values and every parameter it runs with."""

    id: str
    swept: dict[str, Any] = field(hash=False, compare=False)
    parameters: dict[str, Any] = field(hash=False, compare=False)

    @property
    def lang(self) -> str:
        return str(self.parameters.get("lang", "zh"))

    def describe(self) -> str:
        return ", ".join(f"{k}={shown(v)}" for k, v in self.swept.items())


@dataclass(frozen=True)
class Plan:
    """What a sweep runs: the section, the swept keys and the combinations in grid order."""

    section: str
    keys: tuple[str, ...]
    combinations: tuple[Combination, ...]
    with_code: bool = False

    def combination(self, combo_id: str) -> Combination:
        for c in self.combinations:
            if c.id == combo_id:
                return c
        raise ConfigError(f"combination {combo_id!r} is not in this sweep's plan ({PLAN_FILE})")

    def to_json(self) -> str:
        doc = {
            "section": self.section,
            "keys": list(self.keys),
            "with_code": self.with_code,
            "combinations": [{"id": c.id, "swept": c.swept, "parameters": c.parameters} for c in self.combinations],
        }
        return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def shown(value: Any) -> str:
    """A parameter value as text: strings as they are, anything else as JSON (3, true, [1, 2])."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def combination_id(swept: dict[str, Any]) -> str:
    """A combination's folder name: a readable slug of its values and a hash of its parameters, stable from run
    to run (`<slug>-<10 hex>`, e.g. `广州-深圳-1f0c…`)."""
    canon = json.dumps(swept, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(canon.encode("utf-8")).hexdigest()[:10]
    parts = []
    for v in swept.values():
        text = "".join(ch if ch.isalnum() or ch in "._" else "_" for ch in shown(v))
        parts.append("_".join(p for p in text.split("_") if p) or "_")
    slug = "-".join(parts)[:48].strip("-_.") or "run"
    return f"{slug}-{digest}"


def make_plan(section: Any, combos: list[dict[str, Any]], root: Path, with_code: bool = False) -> Plan:
    """The plan of a sweep over `combos` (key -> value, text or YAML-typed), every combination's parameters
    resolved and checked by `resolve_parameters`; the first failing one raises a ConfigError naming the
    combination, the parameter and its rule."""
    from ai_industry.catalog.sections import resolve_parameters

    if not combos:
        raise ConfigError("the grid has no combination: give --grid key=v1,v2 or --grid-file")
    out: list[Combination] = []
    seen: dict[str, int] = {}
    for i, combo in enumerate(combos, start=1):
        texts = {k: _as_text(v) for k, v in combo.items()}
        try:
            params = resolve_parameters(section, texts, root)
        except ConfigError as exc:
            what = ", ".join(f"{k}={v}" for k, v in texts.items())
            raise ConfigError(f"combination {i} of {len(combos)} ({what}): {exc}") from None
        swept = {k: params[k] for k in combo}
        c = Combination(combination_id(swept), swept, params)
        if c.id in seen:
            raise ConfigError(
                f"combinations {seen[c.id]} and {i} of the grid are the same parameters ({c.describe()}); list each once"
            )
        seen[c.id] = i
        out.append(c)
    check_overview(section)
    return Plan(section.id, tuple(combos[0]), tuple(out), with_code)


def _as_text(value: Any) -> str:
    """A grid value as the text a command line would give (`resolve_parameters` applies the parameter's type)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False)


def check_overview(section: Any) -> list[dict[str, Any]]:
    """The section's `sweep: overview:` entries from config/sections.yaml, checked for their shape."""
    entries = section.sweep.get("overview", []) if section.sweep else []
    where = f"config/sections.yaml, section {section.id}, sweep"
    extra = set(section.sweep or {}) - {"overview"}
    if extra:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(extra))} (known: overview)")
    if not isinstance(entries, list):
        raise ConfigError(f"{where}: overview must be a list of {{table: NAME, …}} entries")
    for e in entries:
        if not isinstance(e, dict) or "table" not in e or set(e) - OVERVIEW_KEYS:
            raise ConfigError(
                f"{where}: overview entry {e!r}: give table, and optionally {', '.join(sorted(OVERVIEW_KEYS - {'table'}))}"
            )
        m = e.get("matrix")
        if m is not None and (not isinstance(m, dict) or set(m) != set(MATRIX_KEYS)):
            raise ConfigError(f"{where}: overview entry {e['table']}: matrix needs exactly {', '.join(MATRIX_KEYS)}")
    return entries


def write_plan(folder: Path, plan: Plan) -> Path:
    from ai_industry.io import write_text

    return write_text(plan.to_json(), folder / PLAN_FILE)


def load_plan(folder: Path) -> Plan:
    path = Path(folder) / PLAN_FILE
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no sweep plan here (ai-industry sweep writes it)") from None
    combos = tuple(Combination(c["id"], c["swept"], c["parameters"]) for c in doc["combinations"])
    return Plan(doc["section"], tuple(doc["keys"]), combos, bool(doc.get("with_code")))


def sweep_folder(root: Path, section: Any, out: Path | None = None) -> Path:
    """The sweep's folder (created): `sweeps/<report>/<stem>/` by default, else `out`, outside the project's
    sources and main build; an existing folder must be empty or hold a sweep of the same section."""
    from ai_industry.pipeline.layout import outside_project

    folder = (
        root.resolve() / "sweeps" / section.report / section.stem
        if out is None
        else outside_project(root, out, "sweep", "sweeps/<name>")
    )
    if folder.exists() and not folder.is_dir():
        raise ConfigError(f"--out {folder}: is a file, not a folder")
    plan = folder / PLAN_FILE
    if plan.is_file():
        other = load_plan(folder).section
        if other != section.id:
            raise ConfigError(f"{folder}: holds a sweep of {other}, not of {section.id}; choose another --out")
    elif folder.is_dir() and any(p.name not in (".ai-industry.lock", "logs") for p in folder.iterdir()):
        raise ConfigError(f"--out {folder}: is neither empty nor a sweep folder (no {PLAN_FILE})")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def remove_orphans(folder: Path) -> list[Path]:
    """Staging folders and temporary files that a killed sweep left (call while holding the sweep's lock)."""
    found = [p for p in (folder / "runs").glob(".*.partial-*")] if (folder / "runs").is_dir() else []
    found += list(folder.glob(".summary.partial-*"))
    for p in found:
        shutil.rmtree(p, ignore_errors=True)
    tmps = [p for p in folder.rglob(".*.tmp") if p.is_file()]
    for p in tmps:
        p.unlink()
    return found + tmps


# ---- running it -------------------------------------------------------------------------------------------


def executor_args(root: Path, executor: str | None, profile: Path | None, jobs: int | None) -> list[str]:
    """Snakemake's options for where the jobs run: this machine (nothing to add), or a cluster through an
    executor plugin (`--executor slurm`) with a profile (`workflow/profiles/<executor>/` unless `profile`)."""
    import importlib.util

    if executor in (None, "", "local"):
        if profile is not None:
            return ["--profile", str(_profile_dir(profile))]
        return []
    module = "snakemake_executor_plugin_" + executor.replace("-", "_")
    if importlib.util.find_spec(module) is None:
        raise ConfigError(
            f"--executor {executor}: the plugin snakemake-executor-plugin-{executor} is not installed "
            f"(pip install snakemake-executor-plugin-{executor}; slurm's is pinned in pyproject.toml)"
        )
    if executor == "slurm" and shutil.which("sbatch") is None:
        raise ConfigError(
            "--executor slurm: sbatch is not on PATH; run the sweep where Slurm's commands work (a login node), "
            "or start a single-node Slurm here: scripts/slurm-single-node.sh (README, Sweeps)"
        )
    args = ["--executor", executor]
    if profile is None and (root / "workflow" / "profiles" / executor / "config.yaml").is_file():
        profile = root / "workflow" / "profiles" / executor
    if profile is not None:
        args += ["--profile", str(_profile_dir(profile))]
    if jobs:
        args += ["--jobs", str(jobs)]
    return args


def _profile_dir(profile: Path) -> Path:
    p = Path(profile).expanduser().resolve()
    if not (p / "config.yaml").is_file():
        raise ConfigError(f"--profile {profile}: not a Snakemake profile (a folder with a config.yaml)")
    return p


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


def failures(folder: Path, since: float = 0.0) -> list[dict[str, Any]]:
    """The failure records of combinations whose last run failed (written at or after `since`)."""
    base = folder / "failed"
    recs = []
    for p in sorted(base.glob("*/error.json")) if base.is_dir() else []:
        if p.stat().st_mtime >= since:
            recs.append(json.loads(p.read_text(encoding="utf-8")))
    return recs


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

    import pandas as pd

    from ai_industry.catalog.terms import t
    from ai_industry.pipeline import layout
    from ai_industry.pipeline.render import page
    from ai_industry.pipeline.runner import chapter_heading

    heading = chapter_heading(section, lang)
    parts = [
        f'<h1 class="chapter-title">{html.escape(heading)}</h1>',
        f'<p class="chapter-subtitle">{t("sweep_overview", lang)}</p>',
        f"<p>{html.escape(t('sweep_intro', lang, section=section.id, n=len(plan.combinations)))}</p>",
    ]
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
        run = Path("..") / "runs" / c.id  # links relative to summary/, so the folder can move
        chapter = (
            f'<a href="{html.escape(str(layout.chapter_html(run, c.lang, section.report, section.stem)))}">HTML</a> · '
            f'<a href="{html.escape(str(layout.chapter_pdf(run, c.lang, section.report, section.stem)))}">PDF</a>'
        )
        cells = "".join(f"<td>{html.escape(shown(c.swept[k]))}</td>" for k in plan.keys)
        rows.append(f"<tr><td>{i}</td>{cells}<td>{chapter}</td><td><code>{html.escape(c.id)}</code></td></tr>")
    head = "".join(f"<th>{html.escape(k)}</th>" for k in plan.keys)
    parts.append(f"<h2>{t('sweep_combinations', lang)}</h2>")
    parts.append(
        f'<table class="data-table"><thead><tr><th>{t("sweep_combination", lang)}</th>{head}'
        f"<th>{t('sweep_chapter', lang)}</th><th>{t('sweep_combination', lang)} id</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    for entry in check_overview(section):
        name = entry["table"]
        title = f"{_meta_title(folder, plan, name)} — {t('sweep_all', lang)}"
        parts.append(f"<h2>{html.escape(title)}</h2>")
        df = stacked.get(name)
        if df is None:
            parts.append(f"<p>{t('sweep_no_rows', lang)}</p>")
            continue
        front = [col for col in df.columns if col == "combination" or col in plan.keys or col.startswith("param_")]
        if entry.get("matrix"):
            m = entry["matrix"]
            wide = matrix(df, m["rows"], m["columns"], m["values"])
            corner = f"{m['rows']} \\ {m['columns']} ({m['values']})"
            wide = wide.rename(columns={m["rows"]: corner})
            body = _html_table(wide)
        else:
            cols = list(entry.get("columns") or [col for col in df.columns if col not in front])
            missing = [col for col in cols if col not in df.columns]
            if missing:
                raise ConfigError(
                    f"config/sections.yaml, section {section.id}, sweep overview {name}: no column "
                    f"{', '.join(missing)} in the table (it has: {', '.join(df.columns)})"
                )
            shown_df = df[cols].drop_duplicates() if entry.get("distinct") else df[[*front[1:], *cols]]
            body = _html_table(pd.DataFrame(shown_df))
        parts.append(f'<div class="table-block">{body}</div>')
    links = "".join(
        f'<li><a href="tables/{html.escape(n)}.csv">{html.escape(n)}.csv</a> · '
        f'<a href="tables/{html.escape(n)}.xlsx">XLSX</a> — {len(df)} {t("sweep_rows", lang)}</li>'
        for n, df in stacked.items()
    )
    parts.append(f"<h2>{t('sweep_tables', lang)}</h2><ul>{links}</ul>")
    return page(f"{heading} · {t('sweep_overview', lang)}", "\n".join(parts), lang, root_prefix="")


def summarize(folder: Path, root: Path) -> Path:
    """The summary's job: stacked tables (CSV + XLSX), matrices the section declares, the overview chapter
    (HTML + PDF) and a manifest, made in a staging folder and moved into `summary/` whole."""
    from ai_industry.catalog.sections import load_config
    from ai_industry.io import sha256_file, write_csv, write_text, write_xlsx
    from ai_industry.pipeline.render import ensure_font_asset, html_to_pdf

    plan = load_plan(folder)
    section = load_config(root).section(plan.section)
    langs = {c.lang for c in plan.combinations}
    lang = langs.pop() if len(langs) == 1 else "zh"
    staging = folder / f".summary.partial-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        stacked = stack_tables(folder, plan)
        tables = {}
        for name, df in stacked.items():
            # the runs' own title and source line go with the stack (the XLSX prints the source under the data)
            meta = _meta(folder, plan, name)
            source = (meta.get("source_line") or {}).get(lang)
            csv = write_csv(df, staging / "tables" / f"{name}.csv")
            write_xlsx(as_numbers(df), staging / "tables" / f"{name}.xlsx", footer=source)
            about = {
                "title": meta.get("title", name),
                "section": plan.section,
                "stacked_over": list(plan.keys),
                "combinations": len(plan.combinations),
                "rows": len(df),
                "source_line": meta.get("source_line", {}),
                "datasets": meta.get("datasets", []),
            }
            write_text(json.dumps(about, ensure_ascii=False, indent=2) + "\n", staging / "tables" / f"{name}.meta.json")
            tables[name] = {"rows": len(df), "csv_sha256": sha256_file(csv)}
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
        doc = {
            "section": plan.section,
            "keys": list(plan.keys),
            "combinations": [
                {"id": c.id, "swept": c.swept, "folder": f"runs/{c.id}", "parameters": c.parameters}
                for c in plan.combinations
            ],
            "tables": tables,
        }
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
