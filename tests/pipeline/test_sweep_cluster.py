"""A sweep through a real scheduler: a single-node Slurm on this machine (Debian's slurm-wlm and munge, started by
scripts/slurm-single-node.sh), a 4-combination sweep through Snakemake's Slurm executor plugin, and its tables equal
to those of the same sweep run here, byte for byte. `make test-cluster` (marker `cluster`, not in `make test`);
skipped with the reason when not root or the packages cannot be installed."""

import os
import subprocess

import pytest
from helpers import REPO, cli, copy_project

pytestmark = pytest.mark.cluster
SCRIPT = REPO / "scripts" / "slurm-single-node.sh"
SECTION = "gz-sz-synergy/patent_co_application"
# four combinations with Chinese names in their folders and Slurm job names; a smaller demo export to stay quick
GRID = ("--grid", "city_a=广州,深圳", "--grid", "city_b=珠海,佛山", "--grid", "demo_rows=20000")


@pytest.fixture(scope="module")
def slurm():
    if os.geteuid() != 0:
        pytest.skip(
            "the single-node Slurm needs root: scripts/slurm-single-node.sh installs packages and starts daemons"
        )
    was_up = subprocess.run([str(SCRIPT), "status"], capture_output=True).returncode == 0
    proc = subprocess.run([str(SCRIPT)], capture_output=True, text=True, timeout=900)
    if proc.returncode in (3, 4, 5):  # not root / packages not installable / this machine cannot run the daemons
        pytest.skip(f"no single-node Slurm here: {proc.stderr.strip()}")
    assert proc.returncode == 0, f"the single-node Slurm did not start:\n{proc.stderr}"
    yield
    if not was_up:  # leave the machine as it was
        subprocess.run([str(SCRIPT), "stop"], capture_output=True, timeout=120)


def test_a_sweep_through_slurm_gives_the_tables_of_the_local_run(slurm, tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("project"))
    local, cluster = root / "sweeps" / "local", root / "sweeps" / "slurm"
    cli(root, "sweep", SECTION, *GRID, "--out", str(local), check=True)
    proc = cli(
        root,
        "sweep",
        SECTION,
        *GRID,
        "--executor",
        "slurm",
        "--profile",
        str(root / "workflow" / "profiles" / "slurm-local"),
        "--out",
        str(cluster),
        check=True,
    )
    assert "4 of 4 combinations ran" in proc.stderr
    log = "\n".join(p.read_text(encoding="utf-8") for p in (cluster / "logs").glob("sweep-*.log"))
    assert log.count("has been submitted with SLURM jobid") == 5  # four combinations and the summary
    names = sorted(p.relative_to(local / "summary").as_posix() for p in (local / "summary" / "tables").rglob("*"))
    assert any(n.endswith(".matrix.csv") for n in names) and len(names) >= 10
    for name in names:
        a, b = (local / "summary" / name).read_bytes(), (cluster / "summary" / name).read_bytes()
        assert a == b, f"{name} differs between the local and the Slurm sweep"
    assert (local / "summary" / "manifest.json").read_bytes() == (cluster / "summary" / "manifest.json").read_bytes()
