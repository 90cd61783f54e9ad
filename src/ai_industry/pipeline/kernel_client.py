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
            reply = await self._reply_to(msg_id, SHELL_WAIT)
            if reply is not None and await self._idle_after(msg_id, IOPUB_WAIT):
                self._handle_kernel_info_reply(reply)
                return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

    async def _reply_to(self, msg_id: str, wait: float) -> dict[str, Any] | None:
        """The kernel_info reply to `msg_id` (replies to earlier requests are passed over), or None."""
        end = time.monotonic() + wait
        while (left := end - time.monotonic()) > 0:
            try:
                msg = await self.shell_channel.get_msg(timeout=left)
            except Empty:
                return None
            if msg["msg_type"] == "kernel_info_reply" and msg["parent_header"].get("msg_id") == msg_id:
                return msg
        return None

    async def _idle_after(self, msg_id: str, wait: float) -> bool:
        """Whether IOPub brings the idle status of request `msg_id` within `wait` seconds (what comes before it is
        read and dropped, as jupyter_client's drain does)."""
        end = time.monotonic() + wait
        while (left := end - time.monotonic()) > 0:
            try:
                msg = await self.iopub_channel.get_msg(timeout=left)
            except Empty:
                return False
            if (
                msg["msg_type"] == "status"
                and msg["parent_header"].get("msg_id") == msg_id
                and msg["content"].get("execution_state") == "idle"
            ):
                return True
        return False
