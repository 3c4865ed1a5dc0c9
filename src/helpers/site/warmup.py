"""Start the kernel zygote while the build still plans, so its imports overlap the replay of the traces.

The zygote (:mod:`helpers.site.zygote`) spends seconds importing pandas, matplotlib, seaborn, statsmodels and the
helpers; the build's plan spends seconds replaying the reports' traces (:mod:`helpers.site.traces`). So the build
starts the zygote as soon as its plan knows a report will run: before the replay when one is due already (new,
forced, code changed, no trace), else during the replay, at the first recorded read that gives another answer now.
A build with nothing changed, or whose replay finds every answer as recorded (an edit no page reads), starts none;
one that finds only reports not chosen due stops it unused.

The zygote is started with the kernels' environment as far as it is known then (:func:`helpers.site.execute.
kernel_env`); what is known only later, the build's copy of data/processed/ (``$WORKBOOK_PROCESSED``), reaches each
kernel with its fork request (:meth:`helpers.site.zygote.Zygote.late_env`), so a kernel's environment is the one a
zygote started after planning would have given it. The zygote's log goes to the build's scratch folder, made when
the zygote starts. ``isolated`` builds and platforms that cannot fork kernels start no zygote here.

>>> from contextlib import ExitStack
>>> with ExitStack() as stack:                                  # doctest: +SKIP
...     warm = Warmup(project.root, stack)
...     steps, inputs, manifest = plan(project, reports, on_work=warm.start)
...     run_jobs(jobs, 2, env, zygote=warm.zygote)
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path


class Warmup:
    """The build's scratch folder and kernel zygote, each made on first need and removed or stopped when ``stack``
    closes (an error, Ctrl-C, nothing to run after all)."""

    def __init__(self, project_root: Path, stack: ExitStack, enabled: bool = True):
        self.root = Path(project_root)
        self.stack = stack
        self.enabled = enabled  # False: --isolated (fresh kernels, no zygote)
        self.zygote = None  # helpers.site.zygote.Zygote once started
        self._scratch: Path | None = None

    def scratch(self) -> Path:
        """The build's scratch folder (:func:`helpers.site.scratch.scratch_dir`), made on the first call."""
        if self._scratch is None:
            from helpers.site.scratch import scratch_dir

            self._scratch = self.stack.enter_context(scratch_dir(self.root))
        return self._scratch

    def start(self) -> None:
        """Start the zygote, unless it runs already, is not wanted or forking kernels is not supported here. One
        that cannot be started now (no scratch folder, no socket) is no error here: the build goes on, and says
        so where it needs the folder or starts its zygote after all (:func:`helpers.site.pool.run_jobs`)."""
        if self.zygote is not None or not self.enabled:
            return
        from helpers.site.zygote import Zygote, available

        if not available():
            return
        from helpers.site.execute import kernel_env

        try:
            log = self.scratch() / "zygote.log"
            self.zygote = Zygote.start(kernel_env(self.root), str(log))
        except OSError:
            self.enabled = False
            return
        self.stack.callback(self.zygote.stop)

    def stop(self) -> None:
        """Stop the zygote now (nothing will run); stopping again when the stack closes does nothing."""
        if self.zygote is not None:
            self.zygote.stop()
