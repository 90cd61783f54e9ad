"""The no-op shortcut: a build whose every input and output is exactly as the last successful build of the same
selection left them has nothing to do, so it need not start Snakemake (~1.5-2 s of imports and DAG) to learn
that.

After a successful build the CLI records a *state*: the selection (report, sections, languages, code cells),
and the modification time and size of every file Snakemake knows as an input or output of a job (from its own
job records, `.snakemake/metadata/`) plus the files and folders the Snakefile reads when it builds the DAG
(the Snakefile, config/, every sources.yaml, the folders of data/raw, notebooks/ and src/, whose times change
when a file is added or removed). The next build with the same selection stats those files (a few
milliseconds) and, if every one is unchanged and Snakemake has no unfinished job on record, says "nothing to do"
without starting it. Anything else, any doubt, runs Snakemake as always: this only ever skips a run that
Snakemake itself has just shown to be a no-op.

A source file (an input no job makes) that changed while the build ran is newer than the build's start: then
no state is recorded, and the next build asks Snakemake.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
from pathlib import Path

STATE = Path(".snakemake") / "ai-industry-state.json"
SCANNED = ("config", "workflow", "data/raw", "notebooks", "src/ai_industry")


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size if path.is_file() else 0]


def _job_files(root: Path) -> tuple[set[str], set[str]]:
    """Inputs and outputs of every job Snakemake has a record of."""
    inputs: set[str] = set()
    outputs: set[str] = set()
    meta = root / ".snakemake" / "metadata"
    for f in meta.iterdir() if meta.is_dir() else []:
        try:
            outputs.add(base64.urlsafe_b64decode(f.name.encode()).decode("utf-8"))
            rec = json.loads(f.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            continue
        inputs.update(x for x in rec.get("input") or [] if isinstance(x, str))
    return inputs, outputs


def _dag_reads(root: Path) -> set[str]:
    """What the Snakefile reads to build the DAG, and the folders whose listing it depends on."""
    found: set[str] = set()
    for top in SCANNED:
        base = root / top
        if not base.exists():
            continue
        found.add(top)
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = [d for d in dirnames if d not in ("__pycache__", ".ipynb_checkpoints")]
            rel = os.path.relpath(dirpath, root)
            found.add(rel)
            found.update(os.path.join(rel, n) for n in filenames if n.endswith((".yaml", ".yml", "Snakefile")))
    return found


def record(root: Path, selection: dict[str, str], started: float) -> bool:
    """Record the state a successful build of `selection` left (False, nothing recorded, when a source file
    changed while it ran)."""
    inputs, outputs = _job_files(root)
    files = {rel: _stat(root / rel) for rel in sorted(inputs | outputs | _dag_reads(root))}
    for rel in inputs - outputs:
        st = files.get(rel)
        if st is not None and st[0] >= int(started * 1e9):
            forget(root)
            return False
    target = root / STATE
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    state = {"selection": selection, "files": files, "outputs": sorted(outputs)}
    tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, target)
    return True


def _state(root: Path) -> dict:
    try:
        return json.loads((root / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _intact(root: Path, files: dict[str, list[int] | None]) -> bool:
    """Snakemake has no unfinished job, and every recorded file and folder has the same time and size (or is
    still missing), and no folder the Snakefile reads gained a file."""
    incomplete = root / ".snakemake" / "incomplete"
    if not files or (incomplete.is_dir() and any(incomplete.iterdir())):
        return False
    return all(_stat(root / rel) == st for rel, st in files.items()) and not (_dag_reads(root) - files.keys())


def unchanged(root: Path, selection: dict[str, str]) -> bool:
    """True only when the recorded state is for this selection and nothing it recorded has changed."""
    state = _state(root)
    return state.get("selection") == selection and _intact(root, state.get("files") or {})


def up_to_date(root: Path, targets: list[str]) -> bool:
    """True when every target (a path relative to the root) was an output of the last successful build, exists
    as that build left it, and nothing else that build recorded has changed: Snakemake would have nothing to
    make for these targets (a reviewer's `run` then skips asking it)."""
    state = _state(root)
    files, made = state.get("files") or {}, set(state.get("outputs") or ())
    return all(t in made and files.get(t) is not None for t in targets) and _intact(root, files)


def forget(root: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        (root / STATE).unlink()
