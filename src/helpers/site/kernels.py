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
import uuid

from jupyter_client.manager import AsyncKernelManager

from helpers.site import lifeline


class _ScratchKernel(AsyncKernelManager):
    scratch = ""  # set on the subclass manager_class() makes
    log_path = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.scratch:
            self.connection_file = os.path.join(self.scratch, f"kernel-{uuid.uuid4().hex[:12]}.json")


class IsolatedKernel(_ScratchKernel):
    """A fresh kernel process per report (``--isolated``), killed by the OS if its worker dies."""

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        kw["preexec_fn"] = lifeline.preexec(os.getpid())
        await super()._async_launch_kernel(kernel_cmd, **kw)


class ForkedKernel(IsolatedKernel):
    """A kernel forked from the zygote at ``zygote_address``; falls back to a fresh one if it is gone."""

    zygote_address = ""

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        from helpers.site.zygote import ForkedProcess, fork_kernel

        cwd = str(kw.get("cwd") or os.getcwd())
        try:
            pid = fork_kernel(self.zygote_address, kernel_args(kernel_cmd), cwd, self.log_path or os.devnull)
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


def manager_class(scratch: str, log: str, zygote: str = "") -> type:
    """The kernel manager class for one report: forked from ``zygote`` if given, else isolated."""
    base = ForkedKernel if zygote else IsolatedKernel
    return type(base.__name__, (base,), {"scratch": scratch, "log_path": log, "zygote_address": zygote})
