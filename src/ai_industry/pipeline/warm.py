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
kernel process is a fork of the warm child made before any work began (`prefork_kernel`), which then becomes an
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
# What one section's run certainly needs (kernel, execution, rendering); the libraries a chapter uses beyond
# these come with its own modules (`warm_up(own=...)`).
RUN_MODULES = (
    "numpy",
    "pandas",
    "pyarrow.parquet",
    "matplotlib",
    "matplotlib.pyplot",
    "IPython",
    "ipykernel.kernelapp",
    "jupyter_client",
    "papermill",
    "nbformat",
    "nbconvert",
    "weasyprint",
)
KERNEL_MPLBACKEND = "module://matplotlib_inline.backend_inline"  # what ipykernel sets before matplotlib loads

_state: dict[str, Any] = {"warm": False, "kernel": None, "threads": 1}


# ---- start-up ---------------------------------------------------------------------------------------------


def skip_iri_checker() -> None:
    """Importing nbformat imports jsonschema, whose format checkers compile `rfc3987_syntax`'s grammars (~0.7 s
    of CPU per process; python-jsonschema/jsonschema#1428). Notebooks never use the `iri` formats: make that
    optional import fail so jsonschema skips those two checkers. Only where jsonschema is not yet imported."""
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


def os_threads() -> int:
    """Threads of this process. After `warm_up` a process has a few native threads that the libraries started
    when imported and that are made for fork (OpenBLAS's pool and jemalloc's background thread re-create
    themselves in a child); any thread beyond those (pyarrow's pools once a file is read, zmq's I/O threads)
    makes forking unsafe."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 1


def warm_up(own: Iterable[str] | None = None, modules: tuple[str, ...] = HEAVY_MODULES) -> float:
    """Import the heavy libraries and the modules of this package the chapters use (`own`; default: all of
    them); returns the seconds taken. After this, `prefork_kernel` gives kernels that start in a fraction of a
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
        try:
            importlib.import_module(name)
        except ModuleNotFoundError:  # `from ai_industry.x import name` gives names that are not modules
            importlib.import_module(name.rpartition(".")[0])
    # the inline backend must be imported by the kernel itself (it hooks into the running IPython then)
    sys.modules.pop("matplotlib_inline.backend_inline", None)
    _state["warm"], _state["threads"] = True, os_threads()
    return time.perf_counter() - t0


def _own_modules() -> list[str]:
    import pkgutil

    import ai_industry

    return [
        info.name
        for info in pkgutil.walk_packages(ai_industry.__path__, "ai_industry.")
        if info.name not in ("ai_industry.cli", "ai_industry.pipeline.job") and not info.name.endswith("__main__")
    ]


def is_warm() -> bool:
    return bool(_state["warm"])


# ---- forked kernels ---------------------------------------------------------------------------------------


class ForkedProcess:
    """The part of `subprocess.Popen` that jupyter_client's provisioner uses, for a forked child."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self.returncode = 0
                return 0
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                import subprocess

                raise subprocess.TimeoutExpired(str(self.pid), timeout or 0)
            time.sleep(0.02)
        return self.returncode  # type: ignore[return-value]

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class PreforkedKernel:
    """A child forked from a warm, single-threaded process that waits for its launch orders (argv, env, folder)
    on a pipe and then becomes an IPython kernel, exactly as `python -m ipykernel_launcher ARGS` would."""

    def __init__(self, close_fds: tuple[int, ...] = ()) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the kernel-to-be
            os.close(w)
            code = 1
            try:
                for fd in close_fds:
                    with contextlib.suppress(OSError):
                        os.close(fd)
                code = _become_kernel(r)
            except BaseException:  # noqa: BLE001 - a kernel child must never return into its parent's code
                import traceback

                traceback.print_exc()
            finally:
                os._exit(code)
        os.close(r)
        self.pid, self._orders = pid, w
        self.process = ForkedProcess(pid)

    def launch(self, argv: list[str], env: dict[str, str], cwd: str) -> None:
        data = json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode()
        with os.fdopen(self._orders, "wb") as fh:
            fh.write(data)
        self._orders = -1

    def discard(self) -> None:
        """Close the orders pipe unused: the child exits (and is reaped)."""
        if self._orders >= 0:
            os.close(self._orders)
            self._orders = -1
            with contextlib.suppress(Exception):
                self.process.wait(timeout=10)


def _become_kernel(orders_fd: int) -> int:
    os.setsid()  # as jupyter_client's launcher does: the kernel leads its own process group
    chunks = []
    while chunk := os.read(orders_fd, 1 << 16):
        chunks.append(chunk)
    os.close(orders_fd)
    if not chunks:
        return 0  # discarded
    for sig in (signal.SIGIO, signal.SIGTERM, signal.SIGINT, signal.SIGCHLD):
        signal.signal(sig, signal.SIG_DFL)
    orders = json.loads(b"".join(chunks))
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)  # jupyter_client gives its kernels a closed stdin
    os.close(devnull)
    os.chdir(orders["cwd"])
    os.environ.clear()
    os.environ.update(orders["env"])
    sys.argv = ["ipykernel_launcher", *launcher_args(orders["argv"])]
    sys.path[0] = orders["cwd"]  # `python -m` puts the working folder first
    from ipykernel import kernelapp

    # IPKernelApp reads JPY_PARENT_PID into a class-level default when ipykernel is imported, which in a warm
    # process was before any kernel had a parent: pass it now, so the kernel watches its parent (and exits
    # with it) and stays quiet, as one started by jupyter_client does
    kernelapp.IPKernelApp.launch_instance(parent_handle=int(os.environ.get("JPY_PARENT_PID") or 0))
    return 0


def launcher_args(cmd: list[str]) -> list[str] | None:
    """The arguments after `-m ipykernel_launcher` of a kernel command (`python [-X opt ...] -m
    ipykernel_launcher -f FILE ...`), or None for any other command (another language, a wrapper), which
    is then launched the usual way. The interpreter's `-X` options (ipykernel's spec has
    `-Xfrozen_modules=off`, for its debugger) cannot apply to a fork and are left out."""
    for i in range(1, len(cmd) - 1):
        if cmd[i] == "-m":
            ok = cmd[i + 1] == "ipykernel_launcher" and all(a.startswith("-X") for a in cmd[1:i])
            return cmd[i + 2 :] if ok else None
    return None


def prefork_kernel(close_fds: tuple[int, ...] = ()) -> PreforkedKernel | None:
    """Fork the kernel of the next notebook now, while this warm process is clean and has no thread but those
    its imports started (pyarrow and zmq start more later). Returns None (papermill then launches a kernel the
    usual way) when this process is not warm or has started other threads."""
    if not is_warm() or os_threads() != _state["threads"]:
        return None
    kernel = PreforkedKernel(close_fds)
    _state["kernel"] = kernel
    return kernel


def take_preforked() -> PreforkedKernel | None:
    kernel, _state["kernel"] = _state["kernel"], None
    return kernel


def discard_preforked() -> None:
    kernel = take_preforked()
    if kernel is not None:
        kernel.discard()


def kernel_manager_class() -> type | None:
    """The kernel manager papermill should use: one that adopts the preforked kernel, if there is one."""
    if _state["kernel"] is None:
        return None
    from jupyter_client.manager import AsyncKernelManager

    class ForkedKernelManager(AsyncKernelManager):
        """jupyter_client's manager, launching the kernel by handing the command, environment and folder it
        computed to the preforked child instead of starting a new process."""

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            kernel = take_preforked()
            if kernel is None or launcher_args(kernel_cmd) is None:
                if kernel is not None:
                    kernel.discard()
                await super()._async_launch_kernel(kernel_cmd, **kw)
                return
            prov = self.provisioner
            assert prov is not None
            cwd = str(kw.get("cwd") or os.getcwd())
            env = dict(kw.get("env") or os.environ)
            if not kw.get("independent"):
                env["JPY_PARENT_PID"] = str(os.getpid())  # as jupyter_client's launcher sets it on POSIX
            kernel.launch(list(kernel_cmd), env, cwd)
            prov.process, prov.pid, prov.pgid, prov.cwd = kernel.process, kernel.pid, kernel.pid, cwd
            self._reconcile_connection_info(prov.connection_info)

    return ForkedKernelManager


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


def _serve_one(conn: socket.socket, run_job: Callable[[list[str]], int]) -> int:
    """In the forked child: take the job's stdio, environment and folder, run it, report its exit code."""
    _state["threads"] = os_threads()  # a fork has one thread: the libraries' own start again when used
    req, fds = _recv_request(conn)
    for target, fd in zip((1, 2), fds, strict=False):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(req["cwd"])
    os.environ.clear()
    os.environ.update(req["env"])
    _watch_client(conn)
    argv = req["argv"]
    if argv and argv[0] in ("section", "execute"):  # the jobs that run a notebook
        # before any work: the kernel must be forked from a clean, single-threaded state
        prefork_kernel(close_fds=(conn.fileno(),))
    try:
        code = run_job(argv)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    finally:
        discard_preforked()
        sys.stdout.flush()
        sys.stderr.flush()
    signal.signal(signal.SIGIO, signal.SIG_IGN)
    conn.sendall(_CODE.pack(code))
    return code


def serve(sock_path: Path, run_job: Callable[[list[str]], int]) -> None:
    """The warm worker: import once, then fork a child per job (`run_job(argv)`, the runner's main) until told
    to stop or orphaned."""
    _die_with_parent()
    parent = os.getppid()
    stop = {"now": False}

    def on_stop(_sig: int, _frame: Any) -> None:
        stop["now"] = True

    warm_up()  # a SIGTERM now (a build with nothing to do ends at once) just ends the process: nothing to clean
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

        self.dir = Path(tempfile.mkdtemp(prefix="ai-industry-warm-"))
        sock = self.dir / "worker.sock"
        if self.log:
            self.log.parent.mkdir(parents=True, exist_ok=True)
        out = open(self.log, "a", encoding="utf-8") if self.log else subprocess.DEVNULL  # noqa: SIM115
        env = {**os.environ, "AI_INDUSTRY_ROOT": str(self.root)}
        env.pop(WARM_ENV, None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ai_industry.pipeline.runner", "warm-worker", str(sock)],
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
