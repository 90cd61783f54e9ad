"""The warm worker (pipeline/warm.py): jobs handed to it run in a fork of a process that imported the libraries
once; each notebook's kernel is a fresh fork, so nothing passes from one notebook to the next, and a notebook
executed warm is the same bytes as executed cold by papermill."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from ai_industry.pipeline import kernels, warm

pytestmark = pytest.mark.pipeline


def _notebook(path: Path, *cells: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("x = 0", metadata={"tags": ["parameters"]})]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in cells]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i}"
    nbformat.write(nb, str(path))
    return path


def _job(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ai_industry.pipeline.job", *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
        **kw,
    )


@pytest.fixture(scope="module")
def worker(tmp_path_factory):
    root = tmp_path_factory.mktemp("warm")
    with warm.Worker(root, root / "worker.log"):
        pid, sock = warm.address()
        end = time.monotonic() + 120
        while not sock.exists():
            assert time.monotonic() < end and warm._alive(pid), (root / "worker.log").read_text()
            time.sleep(0.1)
        yield root, dict(os.environ)
    assert not sock.exists()  # the worker removed its socket when told to stop
    assert not warm._alive(pid)


SETS = """
LEAKED = "from the first notebook"
import json, matplotlib
json.LEAKED = True                      # module state
matplotlib.rcParams["font.size"] = 99   # library state
import os; os.environ["LEAKED"] = "1"   # process state
"""
CHECKS = """
import json, matplotlib, os
assert "LEAKED" not in globals(), "a global of the previous notebook"
assert not hasattr(json, "LEAKED"), "module state of the previous notebook"
assert matplotlib.rcParams["font.size"] != 99, "matplotlib state of the previous notebook"
assert "LEAKED" not in os.environ, "environment of the previous notebook"
print("isolated", x)
"""


def test_nothing_leaks_from_one_notebook_to_the_next(worker):
    root, env = worker
    a, b = _notebook(root / "a.ipynb", SETS), _notebook(root / "b.ipynb", CHECKS)
    first = _job("execute", str(a), str(root / "a.out.ipynb"), env=env)
    assert first.returncode == 0, first.stderr
    second = _job("execute", str(b), str(root / "b.out.ipynb"), "-p", "x=7", env=env)
    assert second.returncode == 0, second.stderr
    out = nbformat.read(str(root / "b.out.ipynb"), as_version=4)
    assert "isolated 7" in out.cells[-1].outputs[0]["text"]


def test_the_kernel_is_a_fork_of_the_warm_worker(worker):
    """A kernel that imported the libraries itself would pass every other test here, only slowly: the kernel
    must already hold what the worker imported (WeasyPrint: no notebook imports it) when its first cell runs."""
    root, env = worker
    nb = _notebook(
        root / "fork.ipynb",
        "import sys\nprint('weasyprint' in sys.modules, 'ai_industry.present.chapter' in sys.modules)",
    )
    proc = _job("execute", str(nb), str(root / "fork.out.ipynb"), env=env)
    assert proc.returncode == 0, proc.stderr
    assert nbformat.read(str(root / "fork.out.ipynb"), as_version=4).cells[-1].outputs[0]["text"] == "True True\n"
    cold = _job("execute", str(nb), str(root / "fork.cold.ipynb"), env={warm.WARM_ENV: ""})
    assert cold.returncode == 0, cold.stderr
    assert nbformat.read(str(root / "fork.cold.ipynb"), as_version=4).cells[-1].outputs[0]["text"] == "False False\n"


def test_launcher_args():
    assert kernels.launcher_args(["py", "-m", "ipykernel_launcher", "-f", "c.json"]) == ["-f", "c.json"]
    assert kernels.launcher_args(["py", "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "c"]) == ["-f", "c"]
    assert kernels.launcher_args(["py", "-E", "-m", "ipykernel_launcher", "-f", "c"]) is None
    assert kernels.launcher_args(["R", "--slave", "-e", "IRkernel::main()"]) is None
    assert kernels.launcher_args(["py", "-m", "other_launcher", "-f", "c"]) is None


def test_a_notebook_executed_warm_is_the_same_bytes_as_cold(worker):
    root, env = worker
    nb = _notebook(
        root / "same.ipynb",
        "import pandas as pd\nprint('text')\npd.DataFrame({'a': [1, 2], 'b': ['x', 'y']})",
        "import matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(3, 2))\nax.plot([1, 3, 2]);",
        "import sys\nprint(sorted(k for k in ('MPLBACKEND', 'JPY_PARENT_PID') if k in __import__('os').environ))",
    )
    cold_env = {k: v for k, v in env.items() if k != warm.WARM_ENV}
    warm_run = _job("execute", str(nb), str(root / "warm.ipynb"), env=env)
    cold_run = subprocess.run(
        [sys.executable, "-m", "ai_industry.pipeline.job", "execute", str(nb), str(root / "cold.ipynb")],
        env=cold_env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert warm_run.returncode == 0 and cold_run.returncode == 0, warm_run.stderr + cold_run.stderr
    w, c = (json.loads((root / f).read_text()) for f in ("warm.ipynb", "cold.ipynb"))
    assert [cell.get("outputs") for cell in w["cells"]] == [cell.get("outputs") for cell in c["cells"]]
    assert (root / "warm.ipynb").read_bytes() == (root / "cold.ipynb").read_bytes()
    assert any("image/png" in o.get("data", {}) for o in w["cells"][2]["outputs"])  # inline figure drawn


def test_a_failing_notebook_fails_its_job(worker):
    root, env = worker
    nb = _notebook(root / "bad.ipynb", "raise ValueError('bad cell')")
    proc = _job("execute", str(nb), str(root / "bad.out.ipynb"), env=env)
    assert proc.returncode == 1 and "ValueError: bad cell" in proc.stderr


def test_the_job_s_output_reaches_its_own_stderr(worker):
    root, env = worker
    proc = _job("step", "prepare", "published/no/such", env={**env, "AI_INDUSTRY_ROOT": str(root)})
    assert proc.returncode == 1 and proc.stderr.startswith("ERROR:"), proc.stderr


def test_killing_a_job_stops_its_notebook(worker):
    """Snakemake kills a job's process on Ctrl-C or a failure elsewhere: the worker's child and its kernel go
    too (they would otherwise go on writing outputs)."""
    root, env = worker
    marker = root / "still-running"
    nb = _notebook(
        root / "slow.ipynb",
        f"import time, pathlib\nfor _ in range(200):\n    pathlib.Path({str(marker)!r}).touch()\n    time.sleep(0.05)",
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "ai_industry.pipeline.job", "execute", str(nb), str(root / "slow.out.ipynb")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    end = time.monotonic() + 60
    while not marker.exists():
        assert time.monotonic() < end
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(1.0)
    marker.unlink()
    time.sleep(1.0)
    assert not marker.exists(), "the notebook went on running after its job was killed"


def test_without_a_worker_a_job_runs_cold(tmp_path):
    nb = _notebook(tmp_path / "c.ipynb", "print('cold', x)")
    env = {k: v for k, v in os.environ.items() if k != warm.WARM_ENV}
    proc = _job("execute", str(nb), str(tmp_path / "c.out.ipynb"), "-p", "x=3", env={warm.WARM_ENV: ""} | env)
    assert proc.returncode == 0, proc.stderr
    assert "cold 3" in nbformat.read(str(tmp_path / "c.out.ipynb"), as_version=4).cells[-1].outputs[0]["text"]


def test_skip_iri_checker_only_before_jsonschema(monkeypatch):
    monkeypatch.delitem(sys.modules, "rfc3987_syntax", raising=False)
    if "jsonschema" in sys.modules:
        warm.skip_iri_checker()
        assert "rfc3987_syntax" not in sys.modules  # too late to help: leave it alone
    code = "import sys; from ai_industry.pipeline import warm; warm.skip_iri_checker(); import nbformat; print('rfc3987_syntax' in sys.modules and sys.modules['rfc3987_syntax'] is None)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "True"


COLD_RUN = """
import json, sys
from pathlib import Path
from ai_industry.pipeline import kernels, warm
nb, out, marker = map(Path, sys.argv[1:4])
with kernels.cold_prefork(lambda: warm.warm_up(["ai_industry.methods.rounding"], modules=()) and marker.write_text("imported")):
    pre = kernels._state["kernel"]
    if sys.argv[4] == "fail":
        raise SystemExit(3)  # a bad parameter, say: the unused kernel must not outlive the block
    from ai_industry.pipeline import runner  # (imports pandas: after the fork, as in `ai-industry run`)

    runner.execute(nb, out, {}, {})
print(json.dumps({"child": pre.pid, "parent_has_it": "ai_industry.methods.rounding" in sys.modules}))
"""


def _cold_run(tmp_path: Path, nb: Path, mode: str) -> subprocess.CompletedProcess:
    args = [str(nb), str(tmp_path / f"{mode}.out.ipynb"), str(tmp_path / f"{mode}.marker"), mode]
    return subprocess.run([sys.executable, "-c", COLD_RUN, *args], capture_output=True, text=True, timeout=300)


def test_a_reviewer_run_s_kernel_is_forked_cold_and_imports_on_its_own(tmp_path):
    """`ai-industry run` forks its kernel before reading any data; the child imports what the notebook needs
    while the parent does other work: the kernel holds those imports on its first cell, the parent never
    imported them, and the notebook's outputs are what a kernel started by papermill gives."""
    nb = _notebook(tmp_path / "cold.ipynb", "import sys\nprint('ai_industry.methods.rounding' in sys.modules)")
    proc = _cold_run(tmp_path, nb, "ok")
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout.strip().splitlines()[-1])
    assert info == {"child": info["child"], "parent_has_it": False}
    assert (tmp_path / "ok.marker").read_text() == "imported"
    assert nbformat.read(str(tmp_path / "ok.out.ipynb"), as_version=4).cells[-1].outputs[0]["text"] == "True\n"


def test_a_run_that_fails_before_its_notebook_leaves_no_kernel(tmp_path):
    nb = _notebook(tmp_path / "never.ipynb", "print(1)")
    script = COLD_RUN.replace("raise SystemExit(3)", "print(pre.pid, flush=True); raise SystemExit(3)")
    args = [str(nb), str(tmp_path / "x.ipynb"), str(tmp_path / "x.marker"), "fail"]
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 3, proc.stderr
    pid = int(proc.stdout.split()[0])
    time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # killed and reaped by the block, not left to finish its imports
    assert not (tmp_path / "x.ipynb").exists()


def test_a_killed_build_s_socket_folder_is_removed_by_the_next(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    gone = tmp_path / f"{warm.DIR_PREFIX}{dead.pid}-abc"  # the build that made it died (SIGKILL: no clean-up)
    live = tmp_path / f"{warm.DIR_PREFIX}{os.getpid()}-def"  # a build still running
    unnamed = tmp_path / f"{warm.DIR_PREFIX}xyz"  # made before folders carried the pid; nobody listens
    for d in (gone, live, unnamed):
        d.mkdir()
        (d / "worker.sock").write_text("")
    assert sorted(warm.remove_dead_worker_dirs(tmp_path)) == sorted([gone, unnamed])
    assert live.is_dir() and not gone.exists() and not unnamed.exists()


def test_the_kernel_client_is_ready_with_iopub_connected_and_drained():
    """`kernel_client.ReadyKernelClient` returns once IOPub brings the idle status of its kernel_info request:
    the next message on IOPub is then the first of the next request, nothing of the start-up is left over."""
    import asyncio

    async def go() -> None:
        km = kernels.kernel_manager_class()(kernel_name="python3")
        await km.start_kernel(extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=60)
            msg_id = kc.execute("6 * 7")
            first = await kc.get_iopub_msg(timeout=30)
            assert first["parent_header"]["msg_id"] == msg_id
            assert (first["msg_type"], first["content"]["execution_state"]) == ("status", "busy")
            reply = await kc.get_shell_msg(timeout=30)
            assert reply["parent_header"]["msg_id"] == msg_id and reply["content"]["status"] == "ok"
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)

    asyncio.run(go())
