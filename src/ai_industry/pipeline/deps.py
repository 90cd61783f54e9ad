"""Which helper modules of `ai_industry` a notebook imports (transitively), so the build DAG can declare
exactly those source files as inputs of the notebook's step. Snakemake then reruns the step when one changes."""

from __future__ import annotations

import ast
import json
from functools import cache, lru_cache
from pathlib import Path

PACKAGE = "ai_industry"
# package data a module reads at import or run time (terms.csv, qualifiers.csv, rules/*.yaml, templates/*.css)
DATA_SUFFIXES = (".csv", ".yaml", ".yml", ".css", ".json")


def _imports(tree: ast.AST, current: str | None = None) -> set[str]:
    """Fully qualified `ai_industry.*` modules (and `from ai_industry import x` names) found in `tree`."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == PACKAGE:
                    found.add(a.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level and current:
                base = current.rsplit(".", node.level)[0]
                mod = f"{base}.{node.module}" if node.module else base
            else:
                mod = node.module or ""
            if mod.split(".")[0] != PACKAGE:
                continue
            found.add(mod)
            for a in node.names:
                found.add(f"{mod}.{a.name}")
    return found


def _module_file(src: Path, module: str) -> Path | None:
    rel = Path(*module.split("."))
    for cand in (src / rel.with_suffix(".py"), src / rel / "__init__.py"):
        if cand.is_file():
            return cand
    return None


@lru_cache(maxsize=1024)
def _file_imports(path: str, mtime: float, current: str) -> frozenset[str]:
    """The ai_industry imports of one module file (parsed once per file version). Only the import statements
    are parsed (lines starting with `import`/`from`, with parenthesised continuations): much faster than
    parsing whole modules, and the same result."""
    stmts: list[str] = []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped.startswith(("import ", "from ")):
            stmt = stripped
            while stmt.count("(") > stmt.count(")") and i + 1 < len(lines):
                i += 1
                stmt += " " + lines[i].strip()
            stmts.append(stmt.split("#", 1)[0] if "(" not in stmt else stmt)
        i += 1
    try:
        tree = ast.parse("\n".join(stmts))
    except SyntaxError:
        tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    return frozenset(_imports(tree, current=current))


@lru_cache(maxsize=256)
def module_closure(src: str, roots: frozenset[str]) -> tuple[str, ...]:
    """Source files of `roots` and of every ai_industry module they import, plus the __init__ of every
    package on the way (importing `ai_industry.methods.growth` runs `ai_industry/methods/__init__.py`) and
    the package data next to them (`package_data`)."""
    srcp = Path(src)
    seen: dict[str, Path] = {}
    todo = list(roots) + [PACKAGE]
    while todo:
        mod = todo.pop()
        if mod in seen:
            continue
        path = _module_file(srcp, mod)
        if path is None:
            continue  # `from ai_industry import name` where name is not a module
        seen[mod] = path
        parts = mod.split(".")
        todo.extend(".".join(parts[:i]) for i in range(1, len(parts)))
        current = f"{mod}.__x" if path.name == "__init__.py" else mod
        todo.extend(_file_imports(str(path), path.stat().st_mtime, current))
    files = {str(p) for p in seen.values()}
    for folder in {p.parent for p in seen.values()}:
        files.update(str(p) for p in package_data(folder))
    return tuple(sorted(files))


def package_data(folder: Path) -> list[Path]:
    """Data files of one package folder: its own, and those in sub-folders that are not packages themselves
    (`methods/rules/*.yaml`, `pipeline/templates/*.css`). A change to one reruns the steps that import it."""
    found: list[Path] = []
    for p in sorted(folder.iterdir()):
        if p.is_file() and p.suffix in DATA_SUFFIXES:
            found.append(p)
        elif p.is_dir() and not (p / "__init__.py").exists() and p.name != "__pycache__":
            found.extend(q for q in sorted(p.rglob("*")) if q.is_file() and q.suffix in DATA_SUFFIXES)
    return found


def notebook_imports(notebook: Path) -> frozenset[str]:
    """The `ai_industry` modules (and imported names) a notebook's code cells import."""
    path = Path(notebook)
    return _notebook_imports(str(path), path.stat().st_mtime_ns)


@cache
def _notebook_imports(path: str, mtime_ns: int) -> frozenset[str]:
    """Parsed once per notebook version: the DAG asks once per section and language."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    mods: set[str] = set()
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        lines = [ln for ln in src.splitlines() if not ln.lstrip().startswith(("%", "!"))]
        try:
            mods |= _imports(ast.parse("\n".join(lines)))
        except SyntaxError:
            continue
    return frozenset(mods)


def helper_files(notebook: Path, src: Path) -> list[str]:
    """The `src/ai_industry` files (modules and their package data) a notebook depends on, relative paths as
    given by `src`."""
    return list(module_closure(str(src), notebook_imports(notebook)))


def notebook_source_sha256(notebook: Path) -> str:
    """sha256 of what a notebook *is*: each cell's type, tags and source, in order. Outputs, execution counts,
    cell ids and notebook metadata (kernel, widths) are left out, so saving a notebook in JupyterLab after
    running it neither reruns its section nor changes what the manifest records; editing a cell does."""
    import hashlib

    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    cells = [
        [
            cell.get("cell_type"),
            sorted(cell.get("metadata", {}).get("tags", [])),
            "".join(cell["source"]) if isinstance(cell.get("source"), list) else cell.get("source", ""),
        ]
        for cell in nb.get("cells", [])
    ]
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode("utf-8")).hexdigest()
