"""Notebook kernels forked from a warm process (see pipeline/warm.py for the worker that uses them).

papermill starts a notebook's kernel through jupyter_client, which launches `python -m ipykernel_launcher -f
CONNECTION_FILE` as a new process that then imports everything the notebook needs. In a warm process (one that
has imported those libraries, `warm.warm_up`) `prefork_kernel` forks the kernel-to-be at once, while the
process is clean and has no threads but those its imports started, and `ForkedKernelManager` (jupyter_client's
own manager) later hands that fork the command, environment and folder it computed, instead of starting a new
process: the fork becomes an ordinary IPython kernel, as `ipykernel_launcher` would have made it. Everything
else (connection, messages, parameters cell, executed notebook) is jupyter_client's and papermill's own.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

_state: dict[str, Any] = {"warm": False, "kernel": None, "threads": 1}


def os_threads() -> int:
    """Threads of this process. After `warm_up` a process has a few native threads that the libraries started
    when imported and that are made for fork (OpenBLAS's pool and jemalloc's background thread re-create
    themselves in a child); any thread beyond those (pyarrow's pools once a file is read, zmq's I/O threads)
    makes forking unsafe."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return 1


def mark_warm() -> None:
    """Called once the heavy imports are done: from now on kernels may be forked from this process."""
    _state["warm"], _state["threads"] = True, os_threads()


def mark_forked() -> None:
    """In a fresh fork of a warm process: it has one thread; the libraries' own start again when used."""
    _state["threads"] = os_threads()


def is_warm() -> bool:
    return bool(_state["warm"])


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

    def __init__(self, close_fds: tuple[int, ...] = (), before: Callable[[], object] | None = None) -> None:
        sys.stdout.flush()
        sys.stderr.flush()
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the kernel-to-be
            os.close(w)
            code = 1
            try:
                # as jupyter_client's launcher does: the kernel leads its own process group (so a Ctrl-C meant
                # for the run reaches the kernel through its manager, not directly)
                os.setsid()
                for fd in close_fds:
                    with contextlib.suppress(OSError):
                        os.close(fd)
                if before is not None:
                    before()  # its own imports, while the parent does other work
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

    def kill(self) -> None:
        """Kill the child at once (it has not been launched) and reap it."""
        self.process.kill()
        with contextlib.suppress(Exception):
            self.process.wait(timeout=10)
        if self._orders >= 0:
            os.close(self._orders)
            self._orders = -1

    def discard(self) -> None:
        """Close the orders pipe unused: the child exits (and is reaped)."""
        if self._orders >= 0:
            os.close(self._orders)
            self._orders = -1
            with contextlib.suppress(Exception):
                self.process.wait(timeout=10)


def _become_kernel(orders_fd: int) -> int:
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


def prefork_cold(before: Callable[[], object]) -> PreforkedKernel | None:
    """Fork the next notebook's kernel now from a process that has not imported the heavy libraries (a reviewer's
    run): the child runs `before` (its imports) at once, on the other core, while this process prepares the
    inputs and imports what it needs itself, and then waits for its orders. None (a kernel launched the usual
    way) when this process already has threads of its own."""
    if os_threads() != 1:
        return None
    kernel = PreforkedKernel(before=before)
    _state["kernel"] = kernel
    return kernel


@contextlib.contextmanager
def cold_prefork(before: Callable[[], object]) -> Iterator[PreforkedKernel | None]:
    """`prefork_cold` for the length of a block: a kernel still unused when the block ends (the run failed
    before its notebook started) is killed at once rather than left to finish its imports."""
    kernel = prefork_cold(before)
    try:
        yield kernel
    finally:
        if kernel is not None and _state["kernel"] is kernel:
            _state["kernel"] = None
            kernel.kill()


def take_preforked() -> PreforkedKernel | None:
    kernel, _state["kernel"] = _state["kernel"], None
    return kernel


def discard_preforked() -> None:
    kernel = take_preforked()
    if kernel is not None:
        kernel.discard()


def kernel_manager_class() -> type:
    """The kernel manager papermill should use: one that adopts the preforked kernel if there is one (else it
    starts a kernel process as jupyter_client does), and whose client is ready without fixed waits
    (`kernel_client.ReadyKernelClient`)."""
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import Type

    from ai_industry.pipeline.kernel_client import ReadyKernelClient

    class ForkedKernelManager(AsyncKernelManager):
        """jupyter_client's manager, launching the kernel by handing the command, environment and folder it
        computed to the preforked child instead of starting a new process."""

        client_factory = Type(ReadyKernelClient, klass="jupyter_client.asynchronous.AsyncKernelClient", config=True)

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
