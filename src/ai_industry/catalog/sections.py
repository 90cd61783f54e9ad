"""The section catalog: config/sections.yaml lists every report and section of the suite.

A section id is `<report>/<slug>`; its notebook's file stem (`03_geography`) orders the chapters and
names the outputs. Parameters in sections.yaml are the build's values; the notebook's `parameters` cell
holds the defaults and defines which parameter names exist.

Besides published datasets, a section may read *products*: files one build job makes for every section that
reads them (the SYNTHETIC demo firm database, its network statistics), declared once under `products:` with
the function that writes them, the files it reads and the files it writes (`Product`).
"""

from __future__ import annotations

import ast
import fnmatch
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ai_industry.catalog.parameters import check_parameters
from ai_industry.contract import declared_products, record_loaded
from ai_industry.errors import ConfigError
from ai_industry.paths import project_root

CONFIG = Path("config") / "sections.yaml"


METHOD_MARK = "（方法）"  # ends the section number of a method chapter in config/sections.yaml


@dataclass(frozen=True)
class Section:
    report: str
    slug: str
    number: str
    number_en: str
    title_zh: str
    title_en: str
    notebook: str
    parameters: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    inputs: tuple[str, ...] = ()
    # what a parameter sweep's overview chapter shows of the stacked tables (pipeline/sweep.py), if declared
    sweep: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    products: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return f"{self.report}/{self.slug}"

    @property
    def stem(self) -> str:
        return Path(self.notebook).stem

    @property
    def is_method(self) -> bool:
        """A method chapter (its number ends in （方法）): it recomputes a report's sections from micro-data (demo
        or a user's) and shows the published numbers only beside its own, so it is not where a reader finds
        them as printed."""
        return self.number.endswith(METHOD_MARK)

    def title(self, lang: str = "zh") -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def input_id(self, name: str) -> str:
        """The full id of one of this section's declared inputs, given by short name (`enterprise_distribution`)
        or by full id; anything the section does not declare is refused with the list it does declare."""
        hits = [d for d in self.inputs if d == name or d.rsplit("/", 1)[-1] == name]
        if len(hits) == 1:
            return hits[0]
        declared = ", ".join(d.rsplit("/", 1)[-1] for d in self.inputs) or "none"
        if not hits:
            raise ConfigError(
                f"'{name}' is not an input of section {self.id} in {CONFIG} (declared: {declared}); "
                f"add it there so the build knows the dependency"
            )
        raise ConfigError(f"'{name}' names several inputs of section {self.id}: {', '.join(hits)}; use the full id")


@dataclass(frozen=True)
class Product:
    """A build product: `call` (`package.module.function`) is called once per build, when a file it reads or
    its code changed, as `function(outputs, inputs, **options)` — `outputs`: name -> path to write (each
    written atomically), `inputs`: name -> path of the outputs of the products it needs. Paths are relative to
    the project root here; the job passes absolute ones. `datasets`: the processed datasets it loads, inputs of
    its job like a section's (a dataset it does not declare is refused while it runs)."""

    id: str
    title: str
    call: str
    outputs: dict[str, str] = field(hash=False, compare=False)
    reads: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    options: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    datasets: tuple[str, ...] = ()  # validated published datasets it loads (`catalog.datasets.load`), as a section

    @property
    def module(self) -> str:
        return self.call.rpartition(".")[0]


@dataclass(frozen=True)
class Report:
    slug: str
    publication: str
    title_zh: str
    title_en: str
    sections: tuple[Section, ...]

    def title(self, lang: str = "zh") -> str:
        return self.title_zh if lang == "zh" else self.title_en


@dataclass(frozen=True)
class Config:
    languages: tuple[str, ...]
    reports: dict[str, Report]
    products: dict[str, Product] = field(default_factory=dict)

    def product(self, product_id: str) -> Product:
        if product_id not in self.products:
            raise ConfigError(f"unknown product '{product_id}'. Products: {', '.join(self.products) or 'none'}")
        return self.products[product_id]

    def product_files(self, product_ids) -> list[str]:
        """The output files of `product_ids` (relative to the root), in order."""
        return [f for p in product_ids for f in self.product(p).outputs.values()]

    def sections(self, report: str | None = None) -> list[Section]:
        reps = [self.report(report)] if report else list(self.reports.values())
        return [s for r in reps for s in r.sections]

    def report(self, slug: str) -> Report:
        if slug not in self.reports:
            raise ConfigError(f"unknown report '{slug}'. Reports: {', '.join(self.reports)}")
        return self.reports[slug]

    def section(self, section_id: str) -> Section:
        for s in self.sections():
            if section_id in (s.id, f"{s.report}/{s.stem}"):
                return s
        valid = "\n  ".join(s.id for s in self.sections())
        raise ConfigError(f"unknown section '{section_id}'. Valid sections:\n  {valid}")


def _expand(patterns: list[str], known: list[str] | None) -> tuple[str, ...]:
    """Dataset ids from `inputs`, where a pattern with * or ? stands for every matching known dataset id."""
    out: list[str] = []
    for p in patterns:
        if known is not None and any(ch in p for ch in "*?["):
            hits = sorted(d for d in known if fnmatch.fnmatchcase(d, p))
            if not hits:
                raise ConfigError(f"input pattern '{p}' matches no dataset")
            out.extend(h for h in hits if h not in out)
        elif p not in out:
            out.append(p)
    return tuple(out)


def _products(doc: dict[str, Any], known_datasets: list[str] | None = None) -> dict[str, Product]:
    out = {}
    for pid, p in (doc.get("products") or {}).items():
        missing = [k for k in ("call", "outputs") if not p.get(k)]
        if missing:
            raise ConfigError(f"product '{pid}' in {CONFIG} needs {' and '.join(missing)}")
        outputs = {str(k): str(v) for k, v in dict(p["outputs"]).items()}
        bad = [v for v in outputs.values() if not v.startswith("data/interim/")]
        if bad:
            raise ConfigError(f"product '{pid}': outputs must be build files under data/interim/, not {bad}")
        out[pid] = Product(
            id=pid,
            title=str(p.get("title", pid)),
            call=str(p["call"]),
            outputs=outputs,
            reads=tuple(p.get("reads") or ()),
            needs=tuple(p.get("needs") or ()),
            options=dict(p.get("options") or {}),
            datasets=_expand(list(p.get("datasets") or ()), known_datasets),
        )
    for p in out.values():
        unknown = [n for n in p.needs if n not in out]
        if unknown:
            raise ConfigError(f"product '{p.id}' needs unknown products {unknown} (declared: {', '.join(out)})")
        unknown = [d for d in p.datasets if known_datasets is not None and d not in known_datasets]
        if unknown:
            raise ConfigError(f"product '{p.id}' loads unknown datasets {unknown}")
    return out


def parse_config(doc: dict[str, Any], known_datasets: list[str] | None = None) -> Config:
    products = _products(doc, known_datasets)
    reports = {}
    for slug, r in (doc.get("reports") or {}).items():
        secs = []
        for s in r.get("sections", []):
            secs.append(
                Section(
                    report=slug,
                    slug=s["id"],
                    number=str(s.get("number", "")),
                    number_en=str(s.get("number_en", s.get("number", ""))),
                    title_zh=s["title_zh"],
                    title_en=s["title_en"],
                    notebook=s["notebook"],
                    parameters=dict(s.get("parameters") or {}),
                    inputs=_expand(list(s.get("inputs") or ()), known_datasets),
                    sweep=dict(s.get("sweep") or {}),
                    products=tuple(s.get("products") or ()),
                )
            )
            unknown = [p for p in secs[-1].products if p not in products]
            if unknown:
                raise ConfigError(
                    f"section {slug}/{s['id']} reads unknown products {unknown} (declared: {', '.join(products) or 'none'})"
                )
        secs.sort(key=lambda x: x.stem)
        reports[slug] = Report(slug, r.get("publication", slug), r["title_zh"], r["title_en"], tuple(secs))
    return Config(tuple(doc.get("languages") or ("zh",)), reports, products)


@lru_cache(maxsize=8)
def _load(path: str, mtime: float, root: str, sources_mtime: float) -> Config:
    from ai_industry.catalog.sources import load_sources

    with open(path, encoding="utf-8") as fh:
        return parse_config(
            yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {},
            sorted(load_sources(Path(root)).datasets),
        )


def section_of_notebook(notebook: str | Path, root: Path | None = None) -> Section:
    """The section whose notebook is `notebook` (any path ending in notebooks/<report>/<stem>.ipynb)."""
    parts = Path(notebook).parts[-2:]
    for s in load_config(root).sections():
        if Path(s.notebook).parts[-2:] == parts:
            return s
    raise ConfigError(f"no section in {CONFIG} has the notebook {'/'.join(parts)}")


def load_config(root: Path | None = None) -> Config:
    """config/sections.yaml of the project at `root`, with input patterns (``published/*``) expanded."""
    root = root or project_root()
    path = root / CONFIG
    from ai_industry.catalog.sources import sources_mtime

    return _load(str(path), path.stat().st_mtime, str(root), sources_mtime(root))


def notebook_parameters(notebook: Path) -> dict[str, Any]:
    """Names and default values of the notebook's `parameters` cell (simple literal assignments)."""
    if not Path(notebook).is_file():
        raise ConfigError(f"notebook {notebook} does not exist (declared in {CONFIG})")
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            out: dict[str, Any] = {}
            for node in ast.parse(src).body:
                if isinstance(node, (ast.Assign, ast.AnnAssign)):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for t in targets:
                        if isinstance(t, ast.Name):
                            out[t.id] = ast.literal_eval(node.value) if node.value is not None else None
            return out
    raise ConfigError(f"{notebook}: no cell tagged 'parameters'")


def coerce_parameter(name: str, text: str, default: Any) -> Any:
    """Turn a command-line value into the type of the parameter's default (int, float, bool, str, list)."""
    value = yaml.safe_load(text) if text.strip() else ""
    if default is None or isinstance(default, str):
        return text
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        raise ConfigError(f"parameter '{name}' takes true/false, not {text!r}")
    if isinstance(default, int) and not isinstance(default, bool):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise ConfigError(f"parameter '{name}' takes a whole number, not {text!r}")
    if isinstance(default, float):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        raise ConfigError(f"parameter '{name}' takes a number, not {text!r}")
    if isinstance(default, list):
        items = value if isinstance(value, list) else [value]
        kinds = {type(x) for x in default}
        if kinds and kinds <= {int, float}:  # a list of numbers stays a list of numbers
            bad = [x for x in items if isinstance(x, bool) or not isinstance(x, (int, float))]
            if bad:
                raise ConfigError(f"parameter '{name}' takes a list of numbers such as {default!r}, not {text!r}")
            return [float(x) for x in items] if float in kinds else items
        if kinds == {str}:
            return [str(x) for x in items]
        return items
    if isinstance(default, dict):
        if not isinstance(value, dict):
            raise ConfigError(f"parameter '{name}' takes a mapping such as {default!r}, not {text!r}")
        return value
    return value


def resolve_parameters(
    section: Section, overrides: dict[str, str], root: Path | None = None, lang: str | None = None
) -> dict[str, Any]:
    """The parameters a run uses: notebook defaults < sections.yaml < `overrides` (strings from the CLI).
    Unknown names raise ConfigError listing the valid ones; values are checked against the rules declared in
    the notebook's parameters cell (catalog/parameters.py), and `<path>` values made absolute."""
    root = root or project_root()
    defaults = notebook_parameters(root / section.notebook)
    params = {**defaults, **section.parameters}
    unknown = [k for k in {**section.parameters, **overrides} if k not in defaults]
    if unknown:
        valid = ", ".join(f"{k} (default {v!r})" for k, v in defaults.items())
        raise ConfigError(f"section '{section.id}' has no parameter {', '.join(map(repr, unknown))}. Valid: {valid}")
    for k, v in overrides.items():
        params[k] = coerce_parameter(k, v, defaults[k])
    if lang is not None and "lang" in params and "lang" not in overrides:
        params["lang"] = lang
    if "lang" in params and params["lang"] not in ("zh", "en"):
        raise ConfigError(f"parameter 'lang' takes zh or en, not {params['lang']!r}")
    return check_parameters(section.id, root / section.notebook, params, rows=input_rows(section, root))


def input_rows(section: Section, root: Path) -> Callable[[str], int | None]:
    """rows(<short input name>) for parameter rules: the row count of that processed input, None until built."""

    def rows(name: str) -> int | None:
        import pyarrow.parquet as pq

        from ai_industry.catalog.datasets import processed_path

        path = processed_path(section.input_id(name), root)
        return pq.ParquetFile(path).metadata.num_rows if path.is_file() else None

    return rows


def product_paths(product_id: str, root: Path | None = None) -> dict[str, Path]:
    """The files of a build product (config/sections.yaml `products:`), name -> absolute path, once the build
    has made them; a product the running section does not declare is refused, like an undeclared dataset."""
    root = root or project_root()
    prod = load_config(root).product(product_id)
    declared = declared_products()
    if declared is not None and product_id not in declared:
        raise ConfigError(
            f"product '{product_id}' is not declared by this section in config/sections.yaml "
            f"(declared: {', '.join(declared) or 'none'}); add it under `products:` so the build makes it first"
        )
    files = {k: root / v for k, v in prod.outputs.items()}
    missing = [str(p.relative_to(root)) for p in files.values() if not p.is_file()]
    if missing:
        raise ConfigError(
            f"product '{product_id}' has not been built yet ({', '.join(missing)} missing): run `ai-industry build` "
            f"(or `make all`) first"
        )
    record_loaded(f"product:{product_id}")
    return files
