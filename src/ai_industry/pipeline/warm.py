"""Warm execution: pay the start-up of the heavy libraries once per build, not once per job.

A build's jobs (prepare a dataset, execute a section, render a chapter, bind a book) are each one Snakemake job
and one small process, `python -m ai_industry.pipeline.job ARGS`. Before this module, each such process imported
pandas, seaborn, statsmodels, papermill, nbconvert and WeasyPrint itself, and papermill started a new kernel that
imported them again: about 80 % of a build was start-up.

Now `ai-industry build` starts one *warm worker* (`serve`) that imports those libraries once and listens on a
Unix socket. A job process finds the worker through the environment variable `AI_INDUSTRY_WARM`, hands it its
arguments, environment, working folder and its stdout/stderr (file descriptors passed over the socket), and
waits for the exit code. For each job the worker **forks**: the child starts from the worker's state (libraries
imported, nothing of any other job), runs the job (`runner.main`) and exits. A section's notebook still runs
in a Jupyter kernel driven by papermill (same parameters cell, same executed notebook, byte for byte); only the
kernel process is a fork of the warm child made before any work began (`kernels.prefork_kernel`), which then becomes an
ordinary IPython kernel with the environment, arguments and folder that jupyter_client chose for it. So no state
can pass from one section to the next: each kernel is a fresh fork of the pristine worker.

Isolation and failure:
- if the job process dies (Snakemake killed it, Ctrl-C), the worker's child sees its socket close (SIGIO) and
  kills itself; its kernel exits with its parent, as a kernel launched by jupyter_client does;
- if the worker dies or cannot be reached, a job runs cold in its own process, as before (same code path);
- the worker exits with the build: it is told to, or sees its parent gone (PR_SET_PDEATHSIG and a poll);
- on a cluster (Snakemake executor plugins), jobs run on other hosts: the variable names this host, so they run
  cold there.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import struct
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ai_industry.pipeline import kernels

WARM_ENV = "AI_INDUSTRY_WARM"  # "<host>:<pid>:<socket path>" of the build's warm worker
CONNECT_WAIT_S = 120.0  # how long a job waits for a worker that is still importing
_HEADER = struct.Struct("!I")
_CODE = struct.Struct("!i")

# Imported once by the worker (and by `ai-industry run` before it forks its kernel). Not
# matplotlib_inline.backend_inline: it wires matplotlib into IPython when imported, which must happen in the
# kernel (see `warm_up`).
HEAVY_MODULES = (
    "numpy",
    "pandas",
    "pyarrow.parquet",
    "scipy.stats",
    "matplotlib",
    "matplotlib.pyplot",
    "seaborn",
    "statsmodels.api",
    "pandera.pandas",
    "openpyxl",
    "IPython",
    "ipykernel.kernelapp",
    "jupyter_client",
    "papermill",
    "nbformat",
    "nbconvert",
    "weasyprint",
    "pypdf",
)
# A reviewer's run (`ai-industry run`) forks its kernel first, cold, and each side imports only its own half
# while the other does: the kernel what a notebook needs (with the chapter's own modules, `warm_up(own=...)`)...
KERNEL_MODULES = (
    "numpy",
    "pandas",
    "pyarrow.parquet",
    "matplotlib",
    "matplotlib.pyplot",
    "IPython",
    "ipykernel.kernelapp",
)
# ...and the run's own process what executing and rendering the notebook need.
DRIVER_MODULES = ("jupyter_client", "papermill", "nbformat", "nbconvert", "weasyprint")
KERNEL_MPLBACKEND = "module://matplotlib_inline.backend_inline"  # what ipykernel sets before matplotlib loads

# ---- start-up ---------------------------------------------------------------------------------------------


def skip_iri_checker() -> None:
    """Importing nbformat imports jsonschema, whose format checkers compile `rfc3987_syntax`'s grammars (~0.7 s
    of CPU per process; python-jsonschema/jsonschema#1428). Notebooks never use the `iri` formats: make that
    optional import fail so jsonschema skips those two checkers. Only where jsonschema is not yet imported."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def warm_up(own: Iterable[str] | None = None, modules: tuple[str, ...] = HEAVY_MODULES) -> float:
    """Import the heavy libraries and the modules of this package the chapters use (`own`; default: all of
    them); returns the seconds taken. After this, `kernels.prefork_kernel` gives kernels that start in a fraction of a
    second."""
    import importlib

    t0 = time.perf_counter()
    skip_iri_checker()
    # a kernel sets this before anything imports matplotlib; matplotlib reads it when imported
    os.environ.setdefault("MPLBACKEND", KERNEL_MPLBACKEND)
    for name in modules:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    for name in _own_modules() if own is None else own:
        # a module that fails to import (a helper being edited) is left to fail where it is used, in the
        # job or notebook that imports it, with its error recorded there
        with contextlib.suppress(Exception):
            try:
                importlib.import_module(name)
            except ModuleNotFoundError:  # `from ai_industry.x import name` gives names that are not modules
                importlib.import_module(name.rpartition(".")[0])
    # the inline backend must be imported by the kernel itself (it hooks into the running IPython then)
    sys.modules.pop("matplotlib_inline.backend_inline", None)
    kernels.mark_warm()
    return time.perf_counter() - t0


def _own_modules() -> list[str]:
    import pkgutil

    import ai_industry

    return [
        info.name
        for info in pkgutil.walk_packages(ai_industry.__path__, "ai_industry.")
        if info.name not in ("ai_industry.cli", "ai_industry.pipeline.job") and not info.name.endswith("__main__")
    ]


# ---- the worker ------------------------------------------------------------------------------------------


def _die_with_parent() -> None:
    """Ask Linux to send SIGTERM when the process that started this one dies (even by kill -9)."""
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _recv_request(conn: socket.socket) -> tuple[dict[str, Any], list[int]]:
    first, fds, _flags, _addr = socket.recv_fds(conn, 1 << 16, 4)
    buf = bytearray(first)
    while len(buf) < _HEADER.size:
        more = conn.recv(1 << 16)
        if not more:
            raise ConnectionError("the job closed the connection")
        buf += more
    (size,) = _HEADER.unpack_from(buf)
    while len(buf) < _HEADER.size + size:
        more = conn.recv(1 << 16)
        if not more:
            raise ConnectionError("the job closed the connection")
        buf += more
    return json.loads(bytes(buf[_HEADER.size : _HEADER.size + size])), list(fds)


def _watch_client(conn: socket.socket) -> None:
    """Kill this child (and with it its kernel) when the job process goes away: SIGIO on the socket, then a
    peek that reads end-of-file."""

    def on_io(_sig: int, _frame: Any) -> None:
        try:
            data = conn.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            os.kill(os.getpid(), signal.SIGKILL)

    import fcntl

    signal.signal(signal.SIGIO, on_io)
    fcntl.fcntl(conn.fileno(), fcntl.F_SETOWN, os.getpid())
    fcntl.fcntl(conn.fileno(), fcntl.F_SETFL, fcntl.fcntl(conn.fileno(), fcntl.F_GETFL) | os.O_ASYNC)


def runs_notebook(argv: list[str]) -> bool:
    """Whether a job runs a notebook: a build's section, any notebook executed as is, a sweep's combination."""
    return argv[:1] in (["section"], ["execute"]) or argv[:2] == ["sweep", "combination"]


def _serve_one(conn: socket.socket, run_job: Callable[[list[str]], int]) -> int:
    """In the forked child: take the job's stdio, environment and folder, run it, report its exit code."""
    kernels.mark_forked()
    req, fds = _recv_request(conn)
    for target, fd in zip((1, 2), fds, strict=False):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(req["cwd"])
    os.environ.clear()
    os.environ.update(req["env"])
    _watch_client(conn)
    argv = req["argv"]
    if runs_notebook(argv):
        # before any work: the kernel must be forked from a clean, single-threaded state
        kernels.prefork_kernel(close_fds=(conn.fileno(),))
    try:
        code = run_job(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        kernels.discard_preforked()
        sys.stdout.flush()
        sys.stderr.flush()
    signal.signal(signal.SIGIO, signal.SIG_IGN)
    conn.sendall(_CODE.pack(code))
    return code


def serve(sock_path: Path, run_job: Callable[[list[str]], int]) -> None:
    """The warm worker: import once, then fork a child per job (`run_job(argv)`, the runner's main) until told
    to stop or orphaned (`python -m ai_industry.pipeline.job warm-worker SOCKET`)."""
    _die_with_parent()
    parent = os.getppid()
    stop = {"now": False}

    def on_stop(_sig: int, _frame: Any) -> None:
        stop["now"] = True

    warm_up()  # a SIGTERM now (a build with nothing to do ends at once) just ends the process: nothing to clean
    from ai_industry.catalog.sections import load_config
    from ai_industry.pipeline import render

    render.rehearse()  # every render job is a fork of this process
    # the sources registry and config/sections.yaml, parsed once for every job and kernel forked from here (cached
    # by the files' times: a file changed during the build is parsed again where it is read); an error in them is
    # left to the jobs, which report it
    with contextlib.suppress(Exception):
        load_config()
    signal.signal(signal.SIGTERM, on_stop)
    signal.signal(signal.SIGINT, on_stop)
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    tmp = sock_path.with_name(sock_path.name + ".binding")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    srv.bind(str(tmp))
    srv.listen(64)
    os.replace(tmp, sock_path)  # the socket appears only once the worker is ready
    srv.settimeout(0.25)
    children: set[int] = set()
    try:
        while not stop["now"] and os.getppid() == parent:
            _reap(children)
            try:
                conn, _ = srv.accept()
            except (TimeoutError, InterruptedError):
                continue
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    srv.close()
                    for sig in (signal.SIGTERM, signal.SIGINT):
                        signal.signal(sig, signal.SIG_DFL)
                    conn.settimeout(None)
                    code = _serve_one(conn, run_job)
                except BaseException:  # noqa: BLE001 - a child must never return into the accept loop
                    import traceback

                    traceback.print_exc()
                finally:
                    os._exit(code if isinstance(code, int) else 1)
            children.add(pid)
            conn.close()
    finally:
        srv.close()
        with contextlib.suppress(FileNotFoundError):
            sock_path.unlink()


def _reap(children: set[int]) -> None:
    for pid in list(children):
        with contextlib.suppress(ChildProcessError):
            done, _ = os.waitpid(pid, os.WNOHANG)
            if not done:
                continue
        children.discard(pid)


# ---- the job side ----------------------------------------------------------------------------------------


def address() -> tuple[int, Path] | None:
    """The warm worker of this build on this host, from the environment (None: run cold)."""
    value = os.environ.get(WARM_ENV, "")
    host, _, rest = value.partition(":")
    pid, _, path = rest.partition(":")
    if not path or host != socket.gethostname() or not pid.isdigit():
        return None
    return int(pid), Path(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def delegate(argv: list[str]) -> int | None:
    """Run a job in the build's warm worker; its exit code, or None when there is no worker to run it (the
    caller then runs it cold)."""
    where = address()
    if where is None:
        return None
    pid, path = where
    end = time.monotonic() + CONNECT_WAIT_S
    while not path.exists():
        if not _alive(pid) or time.monotonic() > end:
            return None
        time.sleep(0.05)
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(str(path))
    except OSError:
        conn.close()
        return None
    with conn:
        sys.stdout.flush()
        sys.stderr.flush()
        body = json.dumps({"argv": argv, "env": dict(os.environ), "cwd": os.getcwd()}).encode()
        socket.send_fds(conn, [_HEADER.pack(len(body)) + body], [1, 2])
        reply = b""
        while len(reply) < _CODE.size:
            more = conn.recv(_CODE.size - len(reply))
            if not more:
                print("ERROR: the warm worker lost this job (its process died)", file=sys.stderr)
                return 1
            reply += more
    return _CODE.unpack(reply)[0]


DIR_PREFIX = "ai-industry-warm-"  # + the pid of the build that started the worker + "-" + random


def remove_dead_worker_dirs(tmp: Path | None = None) -> list[Path]:
    """Remove the socket folders of workers whose build is gone (a build killed with SIGKILL cannot remove its
    own): a folder named for a pid that no longer runs, or an unnamed one (made before folders carried the pid)
    whose socket nobody listens on."""
    import shutil
    import tempfile

    removed = []
    for d in Path(tmp or tempfile.gettempdir()).glob(DIR_PREFIX + "*"):
        pid = d.name[len(DIR_PREFIX) :].split("-")[0]
        if pid.isdigit():
            dead = not _alive(int(pid))
        else:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
                dead = probe.connect_ex(str(d / "worker.sock")) != 0
        if dead and d.is_dir():
            shutil.rmtree(d, ignore_errors=True)
            removed.append(d)
    return removed


class Worker:
    """The build's warm worker as a context: started before Snakemake, stopped after; sets `AI_INDUSTRY_WARM`
    for the jobs while it runs."""

    def __init__(self, root: Path, log: Path | None = None) -> None:
        self.root, self.log = root, log
        self.proc = None
        self.dir: Path | None = None

    def __enter__(self) -> Worker:
        import subprocess
        import tempfile

        remove_dead_worker_dirs()
        self.dir = Path(tempfile.mkdtemp(prefix=f"{DIR_PREFIX}{os.getpid()}-"))
        sock = self.dir / "worker.sock"
        if self.log:
            self.log.parent.mkdir(parents=True, exist_ok=True)
        out = open(self.log, "a", encoding="utf-8") if self.log else subprocess.DEVNULL  # noqa: SIM115
        env = {**os.environ, "AI_INDUSTRY_ROOT": str(self.root)}
        env.pop(WARM_ENV, None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ai_industry.pipeline.job", "warm-worker", str(sock)],
            cwd=self.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        if out is not subprocess.DEVNULL:
            out.close()
        os.environ[WARM_ENV] = f"{socket.gethostname()}:{self.proc.pid}:{sock}"
        return self

    def __exit__(self, *exc: object) -> None:
        os.environ.pop(WARM_ENV, None)
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except Exception:  # noqa: BLE001
                self.proc.kill()
                self.proc.wait()
        if self.log is not None and self.log.is_file() and self.log.stat().st_size == 0:
            self.log.unlink()  # the worker had nothing to say
        if self.dir is not None:
            import shutil

            shutil.rmtree(self.dir, ignore_errors=True)
