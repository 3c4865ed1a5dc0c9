"""How drafts reach facts.csv: :func:`append_rows` adds them to ``data/raw/facts.csv`` (the only code that writes
there, and only by appending: every byte already in the file stays); :func:`extract_problem` refuses the options
of ``workbook extract`` that cannot work, naming the known ids :func:`nearest` to a mistyped one.
"""

from __future__ import annotations

import csv
import difflib
import io
from pathlib import Path

from helpers.data.drafts import read_csv


def nearest(value: str, known, n: int = 3) -> list[str]:
    """The known ids closest to ``value`` (difflib), best first.

    >>> nearest("qingdoa", ["qingdao", "hezhou", "jinan"])
    ['qingdao', 'jinan']
    """
    return difflib.get_close_matches(value, sorted(known), n=n, cutoff=0.5)


def unknown_id_line(option: str, value: str, known) -> str:
    """``--model nosuch: unknown model_id; nearest: …`` (or the first known ids when none is near)."""
    near = nearest(value, known)
    if near:
        return f"{option} {value}: unknown; nearest known: {', '.join(near)}"
    return f"{option} {value}: unknown; known ids include: {', '.join(sorted(known)[:8])} …"


def _line_end(data: bytes) -> bytes:
    return b"\r\n" if b"\r\n" in data[: data.find(b"\n") + 1 or len(data)] else b"\n"


def append_rows(path: Path, rows: list[dict], extra=("draft", "confidence", "reason")) -> int:
    """Append ``rows`` to the facts table at ``path``: the file's columns in its header's order, then the draft
    columns (``draft=true``, confidence, reason). Every byte already in the file stays as it is (a missing final
    line end is added first). Returns the number of rows appended.

    A fact_id the file already has gets the next free number of its source (``src-03`` → ``src-14``).
    """
    data = path.read_bytes()
    header_line = data.split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8-sig")
    header = next(csv.reader([header_line]))
    existing = {r.get("fact_id", "") for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}
    eol = _line_end(data)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=eol.decode())
    for row in rows:
        fid = row.get("fact_id", "")
        if fid in existing:
            stem = fid.rsplit("-", 1)[0]
            n = 1
            while f"{stem}-{n:02d}" in existing:
                n += 1
            fid = f"{stem}-{n:02d}"
        existing.add(fid)
        cells = [fid if c == "fact_id" else str(row.get(c, "")) for c in header]
        w.writerow(cells + [str(row.get(c, "")) for c in extra])
    added = buf.getvalue().encode("utf-8")
    with open(path, "ab") as fh:
        if data and not data.endswith(b"\n"):
            fh.write(eol)
        fh.write(added)
    return len(rows)


def extract_problem(args, project) -> str | None:
    """Why ``workbook extract`` must refuse its options (exit 2), or None: an unknown ``--model`` or
    ``--source-id`` (naming the nearest known ids), ``--append`` without a project, a source id or with ``--out``."""
    raw = project.raw if project is not None else None
    if args.model and raw is not None:
        known = {m["model_id"] for m in read_csv(raw / "models.csv")}
        if known and args.model not in known:
            return unknown_id_line("--model", args.model, known) + " (data/raw/models.csv)"
    if args.source_id and raw is not None:
        known = {s["source_id"] for s in read_csv(raw / "sources.csv")}
        if known and args.source_id not in known:
            return (unknown_id_line("--source-id", args.source_id, known)
                    + " (data/raw/sources.csv; add the source's row first)")
    if getattr(args, "append", False):
        if raw is None:
            return "--append: no project folder (data/raw/) found; use --root PATH"
        if not args.source_id:
            return "--append needs --source-id ID (the appended rows' fact ids are ID-NN)"
        if getattr(args, "out", None):
            return "--append and --out: choose one (--append writes into data/raw/facts.csv)"
        if not (raw / "facts.csv").is_file():
            return f"--append: {raw / 'facts.csv'} not found"
    return None
