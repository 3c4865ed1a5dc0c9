"""Kernel managers for the build: where a report's kernel comes from, and that it dies with the build.

papermill (through nbclient) starts, uses and shuts down one kernel per report with the kernel manager
class it is given. Both classes here write the connection file into the build's scratch folder (cleaned by
the next build, never left in ``~/.local/share/jupyter/runtime``) and make the kernel die with the
worker that uses it:

* ``isolated``: a fresh ``python -m ipykernel_launcher`` per report, as jupyter_client starts it;
* ``forked``: a child of the kernel zygote (see :mod:`helpers.site.zygote`), the same kernel code started
  from a process that has already imported the libraries. If the zygote cannot be reached the report
  falls back to a fresh kernel, with a warning.

>>> cls = manager_class("/tmp/scratch", "/tmp/k.log", zygote="")
>>> cls.__name__
'IsolatedKernel'
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from traitlets import default

from helpers.site import lifeline


class PromptClient(AsyncKernelClient):
    """jupyter_client's client, minus two fixed waits a build pays once per report.

    Ready means what it means upstream: the kernel answered ``kernel_info`` on the shell channel and its
    IOPub channel delivers messages. Upstream then waits until IOPub has been quiet for 0.2 s to discard
    the status messages of those requests; nbclient ignores messages that answer another request, so
    this client discards what has already arrived and goes on."""

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                reply = None
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                try:
                    await self.iopub_channel.get_msg(timeout=0.2)  # IOPub is connected
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(reply)
                    break
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")
        while await self.iopub_channel.msg_ready():
            await self.iopub_channel.get_msg(timeout=0)


class _ScratchKernel(AsyncKernelManager):
    scratch = ""  # set on the subclass manager_class() makes
    log_path = ""
    extra_env: dict | None = None  # set for the report: e.g. where its kernel writes its trace

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.scratch:
            self.connection_file = os.path.join(self.scratch, f"kernel-{uuid.uuid4().hex[:12]}.json")

    @default("client_factory")
    def _prompt_client(self):
        return PromptClient

    async def _async_wait(self, pollinterval: float = 0.1) -> None:
        # after a kill, look every 10 ms instead of every 100 ms for the kernel to be gone
        await super()._async_wait(pollinterval=min(pollinterval, 0.01))


class IsolatedKernel(_ScratchKernel):
    """A fresh kernel process per report (``--isolated``), killed by the OS if its worker dies."""

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        kw["preexec_fn"] = lifeline.preexec(os.getpid())
        if self.extra_env:
            kw["env"] = {**(kw.get("env") or os.environ), **self.extra_env}
        await super()._async_launch_kernel(kernel_cmd, **kw)


class ForkedKernel(IsolatedKernel):
    """A kernel forked from the zygote at ``zygote_address``; falls back to a fresh one if it is gone."""

    zygote_address = ""

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        from helpers.site.zygote import ForkedProcess, fork_kernel

        cwd = str(kw.get("cwd") or os.getcwd())
        try:
            pid = fork_kernel(self.zygote_address, kernel_args(kernel_cmd), cwd, self.log_path or os.devnull,
                              env=self.extra_env or {})
        except (OSError, ValueError) as exc:
            logging.getLogger("papermill").warning(
                "kernel zygote unavailable (%s: %s); this report ran in a fresh kernel", type(exc).__name__, exc)
            await super()._async_launch_kernel(kernel_cmd, **kw)  # a fresh kernel, as IsolatedKernel starts it
            return
        provisioner = self.provisioner  # a LocalProvisioner: it signals, polls and waits through .process
        provisioner.process = ForkedProcess(pid)
        provisioner.pid = provisioner.pgid = pid  # the child called setsid(): its own process group
        provisioner.cwd = cwd
        self._reconcile_connection_info(provisioner.connection_info)


def kernel_args(cmd: list[str]) -> list[str]:
    """The ipykernel arguments of a kernel command line (what follows ``-m ipykernel_launcher``).

    >>> kernel_args(["/venv/bin/python", "-m", "ipykernel_launcher", "-f", "/tmp/k.json", "--x=1"])
    ['-f', '/tmp/k.json', '--x=1']
    """
    for i, part in enumerate(cmd):
        if part == "ipykernel_launcher" or part.endswith("ipykernel_launcher.py"):
            return list(cmd[i + 1:])
    raise ValueError(f"not an ipykernel command line: {' '.join(cmd)}")


def manager_class(scratch: str, log: str, zygote: str = "", env: dict | None = None) -> type:
    """The kernel manager class for one report: forked from ``zygote`` if given, else isolated; ``env`` is added
    to the kernel's environment."""
    base = ForkedKernel if zygote else IsolatedKernel
    return type(base.__name__, (base,), {"scratch": scratch, "log_path": log, "zygote_address": zygote,
                                         "extra_env": dict(env or {})})
