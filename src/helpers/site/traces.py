"""Verifying traces: is a report whose code is unchanged still current on new data, without running it?

While a report runs, :class:`helpers.pages.access.Access` records every read of processed data it makes (a
table's rows for some filter, or a query of the tables) with a hash of the result: the report's *trace*, kept
in its manifest entry. On the next build a report whose notebook, parameters, helpers, environment and
CITATION.cff are unchanged (its key) is current if every recorded read, replayed against the new
data/processed/, gives the same hash (the "verifying traces" of build systems such as Shake and Salsa).
Replay reads the Parquet tables once per build and each distinct read once (the same read recorded by many
reports is replayed once); no kernel runs. A trace is replayed in the order it was recorded and stops at the first
read whose hash differs: the report is due, and what it read after that is never worked out (unless another report
needs it). So an edit that rebuilds ten pages replays about half the calls a full replay would. Many calls are
replayed in forked processes, each given whole traces (:meth:`Replayer.prepare`). A call is replayed only when a table it read (a rows read's table, the
tables a query noted) has another digest than when the trace was last verified (:func:`tables_digest`, per table);
when no table changed, nothing is replayed and pandas is not even imported.

>>> describe({"table": "facts", "where": {"model_id": ["hezhou"]}})
'facts for model_id hezhou changed'
>>> describe({"query": "helpers.pages.compare:model_rows", "args": ["stations_township", "en"], "kwargs": {}})
'compare.model_rows(stations_township, en) changed'
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from helpers.paths import read_stamp

TRACE_SUFFIX = ".trace.jsonl"
BATCH = 4  # traces a replay process is given at a time
MIN_CALLS_PER_JOB = 40  # fewer calls to replay than this per process: one process (a fork costs more than they do)


def tables_digest(folder: Path) -> dict[str, str] | None:
    """The digest of each Parquet table a page can read in ``folder`` (a data/processed/ or a build's copy of
    it), by table name, from its stamp file (:func:`helpers.paths.read_stamp`; no table is read); None when there
    is no stamp. A raw edit that changes no processed table gives the same digests (the other files, such as
    datapackage.json, name the raw version)."""
    try:
        tables = read_stamp(Path(folder)).tables
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return {name: sha[:16] for name, sha in sorted(tables.items())} or None


def read_trace(path: Path) -> list[dict] | None:
    """The trace a report's kernel wrote (one JSON object per line), or None when it is missing (the notebook did
    not read through :class:`~helpers.pages.access.Access`) or damaged: the report then has no trace, and any
    change to the tables rebuilds it."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):  # none: the notebook did not read through the accessor
        return None
    try:
        trace = [json.loads(line) for line in lines if line.strip()]
    except ValueError:
        return None
    return trace if all(isinstance(c, dict) and "hash" in c for c in trace) else None


def describe(call: dict) -> str:
    """Why a report is rebuilt, in words: which recorded read gives a different answer now."""
    if "query" in call:
        module, name = call["query"].split(":", 1)
        args = [*(_short(a) for a in call.get("args", [])), *(f"{k}={_short(v)}" for k, v in call.get("kwargs", {}).items())]
        return f"{module.rsplit('.', 1)[-1]}.{name}({', '.join(args)}) changed"
    where = " and ".join(f"{k} {_short(v)}" for k, v in call.get("where", {}).items())
    return f"{call.get('table')}{' for ' + where if where else ''} changed"


def _short(value, limit: int = 3) -> str:
    if isinstance(value, list):
        shown = ", ".join(str(v) for v in value[:limit])
        return shown + (f" (+{len(value) - limit})" if len(value) > limit else "")
    return str(value)


class Replayer:
    """Replays traces against one copy of data/processed/; the tables are read on the first replay only.

    A recorded call is run again only when a table it read (a rows read's table, the tables a query noted) has
    another digest than when the trace was last found current; each call run is run once per build, whichever
    reports recorded it (:attr:`replayed` counts them), and only when needed: :meth:`changed` stops at a
    trace's first changed read."""

    def __init__(self, folder: Path, version: str = ""):
        self.folder = Path(folder)
        self.version = version
        self.digest = tables_digest(self.folder)
        self.replayed = 0
        self._tables = None
        self._answers: dict[str, str | None] = {}

    def to_replay(self, trace, verified: dict | None = None) -> list[dict]:
        """The calls of ``trace`` that must be run again: those reading a table changed since ``verified``."""
        from helpers.pages.access import recorded_call, tables_read

        if not isinstance(trace, list):
            return []
        now = self.digest or {}
        then = verified if isinstance(verified, dict) else {}
        return [recorded_call(e) for e in trace
                if (read := tables_read(e)) is None or not all(t in now and then.get(t) == now[t] for t in read)]

    def prepare(self, traces: list[tuple], jobs: int = 1, on_due=None) -> None:
        """Replay the ``(trace, verified)`` pairs as :meth:`changed` would, each stopping at its first changed read,
        in ``jobs`` forked processes when there are many calls (each process gets the tables read once, before the
        fork, and whole traces, a few at a time); the answers are kept, so :meth:`changed` then runs nothing
        again. ``on_due(i)`` is called as the ``i``-th pair is found changed. With one process this does nothing:
        :meth:`changed` replays as it is asked."""
        if not traces:  # nothing to replay: pandas is not imported
            return
        from helpers.pages.access import call_key

        calls = {call_key(c) for trace, verified in traces for c in self.to_replay(trace, verified)}
        jobs = max(1, min(jobs, os.cpu_count() or 1, len(calls - set(self._answers)) // MIN_CALLS_PER_JOB))
        if jobs == 1:
            return
        import importlib
        import multiprocessing

        self._load()
        for module in {c["query"].split(":", 1)[0] for trace, _ in traces for c in trace if "query" in c}:
            if module.startswith("helpers."):  # imported once, before the fork, not in every process
                importlib.import_module(module)
        items = list(enumerate(traces))
        batches = [items[i:i + BATCH] for i in range(0, len(items), BATCH)]  # small batches: the processes keep busy
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_replayer, initargs=(self,)) as pool:
            for verdicts, answers in pool.imap_unordered(_verdicts, batches):
                self.replayed += sum(1 for k in answers if k not in self._answers)
                self._answers.update(answers)
                for i, why in verdicts:
                    if why is not None and on_due is not None:
                        on_due(i)

    def _answer(self, key: str, call: dict) -> str | None:
        if key not in self._answers:
            self.replayed += 1
            self._answers[key] = answer(self._load(), call)
        return self._answers[key]

    def changed(self, trace, verified: dict | None = None) -> str | None:
        """None when every call of ``trace`` gives the hash it recorded; else why not (:func:`describe`).
        ``verified``: the table digests the trace was last found current on (calls reading none of the tables
        that changed since are not run again)."""
        if not isinstance(trace, list):
            return "no record of the data it read"
        from helpers.pages.access import call_key, recorded_call

        keys = {call_key(c): c for c in self.to_replay(trace, verified)}
        hashes = {call_key(recorded_call(e)): e.get("hash") for e in trace}
        for key, call in keys.items():
            if self._answer(key, call) != hashes[key]:
                return describe(call)
        return None

    def _load(self):
        if self._tables is None:
            from helpers.data.load import read_folder

            self._tables = read_folder(self.folder, self.version)
        return self._tables


_REPLAYER = []  # in a replay worker process: the build's Replayer, tables read, given before the fork (see prepare)


def _worker_replayer(replayer: Replayer) -> None:
    _REPLAYER.append(replayer)


def _verdicts(batch: list[tuple[int, tuple]]) -> tuple[list, dict]:
    """In a replay worker: each pair's verdict, and the answers worked out for them."""
    replay = _REPLAYER[0]
    known = set(replay._answers)
    verdicts = [(i, replay.changed(trace, verified)) for i, (trace, verified) in batch]
    return verdicts, {k: v for k, v in replay._answers.items() if k not in known}


def answer(tables, call: dict) -> str | None:
    """The hash of what ``call`` gives on ``tables``; None for a read that no longer works (a column gone, a query
    renamed), which then differs from any recorded hash: changed."""
    from helpers.pages.access import digest, run_call

    try:
        return digest(run_call(tables, call))
    except (KeyError, ValueError, TypeError, AttributeError, ImportError, IndexError):
        return None
