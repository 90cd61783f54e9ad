"""Kill-safety trial: kill -9 a build at chosen moments, then check that the next plain build completes and
that its outputs equal a clean build's, byte for byte.

In a copy of the project (no outputs of yours are touched): one clean build of the selection, hashed (every
processed dataset, table, figure, HTML page and PDF; the manifests hold times and are left out); then, for each
moment, a forced build killed (SIGKILL to its whole process group: CLI, Snakemake and the kernels) that many
seconds after its start, a plain build, and the same hashes compared with the clean build's.

    .venv/bin/python benchmarks/kill_bench.py [--report R] [--langs zh] [--moments 1,3,6,10,15,25] [--out F]

Writes benchmarks/results/kills.json: per moment, the exit code of the next build, whether it equals the clean
build, the files that differ, and what the kill left behind (stale lock, temporary files, staging folders).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from helpers import cli, copy_project, killed_build  # noqa: E402

HASHED = ("data/processed/**/*.parquet", "reports/tables/**/*.*", "reports/figures/**/*.*")
HASHED_PAGES = ("reports/html/**/*.html", "reports/pdf/**/*.pdf")


def digest(root: Path) -> dict[str, str]:
    files = sorted({p for pattern in HASHED + HASHED_PAGES for p in root.glob(pattern) if p.is_file()})
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def leftovers(root: Path) -> dict[str, int]:
    return {
        "snakemake_locks": len(list((root / ".snakemake" / "locks").glob("*"))),
        "tmp_files": len(list(root.glob("reports/**/.*.tmp"))) + len(list(root.glob("data/**/.*.tmp"))),
        "staging_folders": len(list((root / "reports").glob(".staging/*"))),
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--report", default="nansha-proposal")
    ap.add_argument("--langs", default="zh")
    ap.add_argument("--moments", default="1,3,6,10,15,25", help="seconds after the start of each killed build")
    ap.add_argument("--out", default=str(ROOT / "benchmarks/results/kills.json"))
    args = ap.parse_args()
    sel = ["build", "--report", args.report, "--langs", args.langs, "--cores", "2"]
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_project(Path(tmp) / "project")
        first = cli(root, *sel)
        if first.returncode != 0:
            print(first.stdout, first.stderr, file=sys.stderr)
            return 1
        clean = digest(root)
        trials = []
        for after in (float(x) for x in args.moments.split(",")):
            was_running = killed_build(root, sel, after)
            left = leftovers(root)
            again = cli(root, *sel)
            now = digest(root)
            differ = sorted(k for k in set(clean) | set(now) if clean.get(k) != now.get(k))
            trial = {
                "kill_after_s": after,
                "killed_while_running": was_running,
                "left_by_the_kill": left,
                "next_build_exit": again.returncode,
                "equals_clean_build": again.returncode == 0 and not differ,
                "files_compared": len(clean),
                "files_differing": differ[:20],
                "left_after_next_build": leftovers(root),
            }
            trials.append(trial)
            print(json.dumps(trial, ensure_ascii=False), flush=True)
    survived = sum(t["equals_clean_build"] for t in trials if t["killed_while_running"])
    killed = sum(t["killed_while_running"] for t in trials)
    summary = {"report": args.report, "langs": args.langs, "kills": killed, "survived": survived, "trials": trials}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{survived} of {killed} killed builds were completed by the next build, equal to a clean build")
    return 0 if survived == killed else 1


if __name__ == "__main__":
    sys.exit(main())
