"""Parameter sweeps: one section run for every combination of a grid of parameters, as one Snakemake DAG.

    ai-industry sweep SECTION --grid key=v1,v2 … [--grid-file grid.yaml] [--cores N | --executor slurm]

The CLI expands the grid (`expand_grid`), checks every combination against the section's parameter rules
(`catalog.sections.resolve_parameters`) before anything runs, and writes the plan (`sweep.json`) into the sweep
folder. `workflow/sweep.smk` reads the plan: one job per combination, each running the section into a run folder
of its own, `runs/<slug>-<hash>/`, keyed by its parameters (the same parameters, the same folder: adding a value
to the grid runs only the new combinations), then one summary job stacking every combination's tables into one
table each and writing the overview chapter (the jobs: sweep_jobs.py).

Snakemake runs with the sweep folder as its working directory, so its state (`.snakemake/`) stays there and never
touches the main build's. The pipeline knows no chapter: what an overview shows is declared per section in
config/sections.yaml (`sweep: overview:`), checked here.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ai_industry.errors import ConfigError

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
        how = (
            "make install-slurm (pyproject's extra `slurm`, pinned; not installed by default)"
            if executor == "slurm"
            else f"pip install snakemake-executor-plugin-{executor}"
        )
        raise ConfigError(
            f"--executor {executor}: the plugin snakemake-executor-plugin-{executor} is not installed: {how}"
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


def failures(folder: Path, since: float = 0.0) -> list[dict[str, Any]]:
    """The failure records of combinations whose last run failed (written at or after `since`)."""
    base = folder / "failed"
    recs = []
    for p in sorted(base.glob("*/error.json")) if base.is_dir() else []:
        if p.stat().st_mtime >= since:
            recs.append(json.loads(p.read_text(encoding="utf-8")))
    return recs
