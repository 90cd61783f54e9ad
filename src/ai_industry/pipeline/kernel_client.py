"""The kernel client papermill's kernels are driven with: jupyter_client's, made ready without fixed waits.

jupyter_client's `wait_for_ready` asks for kernel_info, then waits 0.2 s on IOPub to see whether IOPub is
connected (asking again if nothing came: a subscription still under way loses the kernel's first messages), and
then drains IOPub until it has been silent for 0.2 s. A notebook of the build waited 0.3-0.5 s there for a kernel
that was up in 0.15 s, 54 notebooks a build. Here the kernel is ready when IOPub brings the idle status of the
kernel_info request that got its reply: that is the last message the kernel publishes for it, so IOPub is then
both connected and drained, with nothing left to wait for. (nbclient reads only messages whose parent is the cell
it runs, as before.)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from queue import Empty
from typing import Any

from jupyter_client.asynchronous.client import AsyncKernelClient

IOPUB_WAIT = 0.05  # seconds for the idle status of a request that got its reply, before asking again
SHELL_WAIT = 1.0  # seconds for a kernel_info reply, before asking again (jupyter_client's value)


class ReadyKernelClient(AsyncKernelClient):
    async def wait_for_ready(self, timeout: float | None = None) -> None:  # type: ignore[override]
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            msg_id = self.kernel_info()
            # the reply to this request (replies to earlier ones are passed over) ...
            reply = await _first(
                self.shell_channel,
                lambda m, i=msg_id: m["msg_type"] == "kernel_info_reply" and m["parent_header"].get("msg_id") == i,
                SHELL_WAIT,
            )
            # ... and on IOPub the request's idle status, the last message the kernel publishes for it (what comes
            # before it is read and dropped, as jupyter_client's drain does)
            if reply is not None and await _first(
                self.iopub_channel,
                lambda m, i=msg_id: (
                    m["msg_type"] == "status"
                    and m["parent_header"].get("msg_id") == i
                    and m["content"].get("execution_state") == "idle"
                ),
                IOPUB_WAIT,
            ):
                self._handle_kernel_info_reply(reply)
                return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")


async def _first(channel: Any, wanted: Callable[[dict[str, Any]], bool], wait: float) -> dict[str, Any] | None:
    """The first message on `channel` within `wait` seconds for which `wanted` holds (those before it are read
    and dropped), or None."""
    end = time.monotonic() + wait
    while (left := end - time.monotonic()) > 0:
        try:
            msg = await channel.get_msg(timeout=left)
        except Empty:
            return None
        if wanted(msg):
            return msg
    return None
