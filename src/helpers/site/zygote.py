"""A kernel zygote: one process that imports the notebooks' libraries once, then forks a kernel per report.

Starting a kernel and importing pandas, matplotlib, seaborn, statsmodels and the helpers costs seconds;
the notebook's own work is well under one. The zygote pays the imports once per build. For each report
a worker asks it (over a Unix socket) for a kernel; it forks a child that becomes an ordinary IPython
kernel (``ipykernel``, the same code ``python -m ipykernel_launcher`` runs) on the worker's connection
file. Every report so starts from the same pristine state: nothing a report does can reach the next,
because the next one is a new fork of the untouched zygote, not a reused kernel. Pages built this way are
byte-identical to pages built with a fresh kernel each (``workbook build --isolated``; a test checks).

Forking is only safe from a single-threaded process, so the zygote imports modules but never starts
anything (no kernel, no event loop, no thread pools: BLAS and OpenMP are held to one thread by the
build's environment). Linux only (``fork``, ``prctl``, ``pidfd``); elsewhere the build uses fresh kernels.

The zygote dies with the build (``PR_SET_PDEATHSIG``) and every kernel dies with the zygote.

>>> z = Zygote.start({"MPLBACKEND": "Agg"}, log="/tmp/zygote.log")   # doctest: +SKIP
>>> pid = fork_kernel(z.address, ["-f", "/tmp/kernel.json"], cwd="/tmp", log="/tmp/k.log")  # doctest: +SKIP
>>> z.stop()                                                         # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time

from helpers.site import lifeline

# What a report's kernel imports: the kernel itself (with what it imports while starting: its debugger,
# pdb, sqlite3 for history), the data and plotting libraries, the helpers. Only imports: nothing here is
# started or configured. A module that fails to import is skipped; the notebook then meets the same
# error a fresh kernel would.
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "ipykernel.debugger", "sqlite3",
           "IPython.display", "pandas", "pyarrow.parquet", "matplotlib.pyplot", "seaborn", "statsmodels.api",
           "filelock", "helpers.pages.report", "helpers.pages.views.*")
PRELOAD_ENV = "WORKBOOK_ZYGOTE_PRELOAD"  # comma-separated modules replacing PRELOAD (e.g. for other notebooks)
CONNECT_TIMEOUT = 600.0  # seconds a worker waits for an answer (the first one waits for the imports)


def preload_modules(environ=None) -> tuple[str, ...]:
    """What the zygote imports: :data:`PRELOAD`, or the modules listed in ``$WORKBOOK_ZYGOTE_PRELOAD``.

    A project whose notebooks import other libraries lists them there; the build tests, whose fixture
    notebooks import almost nothing, use a light list so each of their builds starts in a fraction of a second.
    What is preloaded changes only speed: a page is the same whatever the zygote imported (see tests).

    >>> preload_modules({"WORKBOOK_ZYGOTE_PRELOAD": "ipykernel.kernelapp, helpers.paths"})
    ('ipykernel.kernelapp', 'helpers.paths')
    >>> preload_modules({}) == PRELOAD
    True
    """
    environ = os.environ if environ is None else environ
    listed = tuple(m.strip() for m in environ.get(PRELOAD_ENV, "").split(",") if m.strip())
    return listed or PRELOAD


def available() -> bool:
    """True where kernels can be forked from a zygote (Linux with pidfd)."""
    return lifeline.supported() and hasattr(os, "fork") and hasattr(os, "pidfd_open")


# -- the worker's side ------------------------------------------------------------------------------------

class Zygote:
    """A running zygote process, started by the build driver; ``address`` is what workers connect to."""

    def __init__(self, process: subprocess.Popen, address: str, env: dict | None = None):
        self.process = process
        self.address = address
        self.env = dict(env or {})  # what it was started with, added to the build's own environment

    @classmethod
    def start(cls, env: dict, log: str, preload=None) -> Zygote:
        """Start a zygote with ``os.environ`` updated by ``env`` (the kernels' environment), output to ``log``.

        Returns at once; the imports run while the caller goes on (the first fork waits for them)."""
        preload = preload_modules() if preload is None else preload
        address = f"workbook-zygote-{os.getpid()}-{secrets.token_hex(8)}"
        # Bound and listening here, before the zygote starts: workers can connect at once (their requests
        # wait in the backlog while it imports), and once it is gone nobody listens any more.
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind("\0" + address)
        listener.listen(64)
        code = "import sys; from helpers.site.zygote import serve; serve(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:])"
        try:
            with open(log, "ab") as out:
                process = subprocess.Popen([sys.executable, "-c", code, str(listener.fileno()), str(os.getpid()),
                                            *preload], env={**os.environ, **env}, stdin=subprocess.DEVNULL,
                                           stdout=out, stderr=out, pass_fds=(listener.fileno(),))
        finally:
            listener.close()
        return cls(process, address, env)

    def late_env(self, env: dict) -> dict | None:
        """What a kernel forked from this zygote must add to its environment so that it has exactly ``env`` added to
        the build's: the variables the zygote was started without (known only later, such as the build's copy of
        data/processed/; each fork request passes them). None when ``env`` gives one of the zygote's own variables
        another value or none: those may have been read at start or import (``PYTHONHASHSEED``, ``MPLBACKEND``),
        so such kernels need a zygote of their own. A late variable must be one read at run time only.

        >>> Zygote(None, "a", {"MPLBACKEND": "Agg"}).late_env({"MPLBACKEND": "Agg", "WORKBOOK_PROCESSED": "/s"})
        {'WORKBOOK_PROCESSED': '/s'}
        >>> Zygote(None, "a", {"MPLBACKEND": "Agg"}).late_env({"MPLBACKEND": "svg"}) is None
        True
        """
        if any(env.get(name) != value for name, value in self.env.items()):
            return None
        return {name: value for name, value in env.items() if name not in self.env}

    def stop(self) -> None:
        """End the zygote (any kernel still running dies with it)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def fork_kernel(address: str, args: list[str], cwd: str, log: str, timeout: float = CONNECT_TIMEOUT,
                env: dict | None = None) -> int:
    """Ask the zygote at ``address`` for a kernel run with ipykernel ``args`` in ``cwd`` and ``env`` added to its
    environment; its pid.

    Raises ``OSError`` if the zygote is not there or does not answer."""
    request = json.dumps({"args": list(args), "cwd": str(cwd), "log": str(log),
                          "env": dict(env or {})}).encode("utf-8") + b"\n"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect("\0" + address)
        s.sendall(request)
        reply = _read_line(s)
    answer = json.loads(reply or b"{}")
    if "pid" not in answer:
        raise ConnectionError(f"kernel zygote refused: {answer.get('error', 'no answer')}")
    return int(answer["pid"])


class ForkedProcess:
    """A ``Popen``-like handle on a kernel the zygote forked (not our child, so watched through a pidfd).

    Its exit status is not known here (the zygote reaps it): ``returncode`` is 0 once it has ended."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode = None
        try:
            self._fd = os.pidfd_open(pid)
        except ProcessLookupError:
            self._fd, self.returncode = None, 0

    def poll(self):
        if self.returncode is None and _readable(self._fd, 0):
            self._ended()
        return self.returncode

    def wait(self, timeout: float | None = None):
        if self.returncode is None:
            if not _readable(self._fd, timeout):
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            self._ended()
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            signal.pidfd_send_signal(self._fd, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def _ended(self) -> None:
        os.close(self._fd)
        self._fd, self.returncode = None, 0

    def __del__(self):
        if getattr(self, "_fd", None) is not None:
            os.close(self._fd)


def _readable(fd, timeout) -> bool:
    import select

    return bool(select.select([fd], [], [], timeout)[0])


def _read_line(s: socket.socket, limit: int = 1 << 16) -> bytes:
    data = b""
    while not data.endswith(b"\n") and len(data) < limit:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


# -- the zygote's side -------------------------------------------------------------------------------------

def serve(fd: int, parent: int, preload: list[str]) -> None:
    """The zygote's main loop on the listening socket ``fd``: import ``preload``, then fork a kernel per
    request. Never returns."""
    lifeline.die_with_parent(parent)
    listener = socket.socket(fileno=fd)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped by the system, never zombies
    started = time.perf_counter()
    for name in preload:
        _import(name)
    threads = thread_count()
    print(f"zygote {os.getpid()}: imported {len(sys.modules)} modules in {time.perf_counter() - started:.1f} s; "
          f"{threads} thread(s)", file=sys.stderr, flush=True)
    if threads != 1:
        print("zygote: more than one thread before forking; kernels may hang (set OMP/OPENBLAS thread "
              "limits)", file=sys.stderr, flush=True)
    me, uid = os.getpid(), os.getuid()
    while True:
        conn, _ = listener.accept()
        try:
            if _peer_uid(conn) != uid:  # an abstract socket is visible to other users: serve only ours
                continue
            request = json.loads(_read_line(conn))
            pid = os.fork()
            if pid == 0:
                try:
                    listener.close()
                    conn.close()
                    become_kernel(request, me)
                finally:
                    os._exit(1)
            conn.sendall(json.dumps({"pid": pid}).encode("utf-8") + b"\n")
        except Exception as exc:  # noqa: BLE001 - a bad request must not end the zygote
            try:
                conn.sendall(json.dumps({"error": f"{type(exc).__name__}: {exc}"}).encode("utf-8") + b"\n")
            except OSError:
                pass
        finally:
            conn.close()


def become_kernel(request: dict, zygote: int) -> None:
    """In the forked child: set up what ``python -m ipykernel_launcher ARGS`` would have, then run it."""
    import importlib.util

    lifeline.die_with_parent(zygote)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.setsid()  # like jupyter_client's launcher: interrupts go to the kernel's own process group
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    out = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(out, 1)
    os.dup2(out, 2)
    os.close(null)
    os.close(out)
    os.chdir(request["cwd"])
    os.environ.update({str(k): str(v) for k, v in (request.get("env") or {}).items()})  # e.g. the report's trace file
    os.environ["JPY_PARENT_PID"] = str(zygote)  # ipykernel also exits if its parent changes
    if sys.path and sys.path[0] in ("", os.getcwd()):  # as ipykernel_launcher does; IPython adds '' back
        del sys.path[0]
    sys.argv = [importlib.util.find_spec("ipykernel_launcher").origin, *request["args"]]
    from ipykernel import kernelapp

    kernelapp.launch_new_instance(argv=request["args"])
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _import(name: str) -> None:
    import importlib
    import pkgutil

    try:
        if name.endswith(".*"):
            package = importlib.import_module(name[:-2])
            for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
                importlib.import_module(info.name)
        else:
            importlib.import_module(name)
    except Exception as exc:  # noqa: BLE001 - the kernel that needs it will fail the same way, in the notebook
        print(f"zygote: could not preload {name}: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)


def thread_count() -> int:
    """Threads of this process (all of them, not only Python's)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        import threading

        return threading.active_count()


def _peer_uid(conn: socket.socket) -> int:
    import struct

    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    return struct.unpack("3i", creds)[2]
