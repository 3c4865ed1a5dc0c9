"""What changed since the previous data version: ``reports/changes.html``, for a returning reader.

The build keeps the processed facts and comparison table of the last two data versions it published, in
``reports/.versions/<data hash>/`` (``facts.csv``, ``comparison.csv``), and ``reports/.versions/versions.json``
names them: ``{"current", "previous", "since"}`` (``since``: the build time the current version was first
published). When a build publishes a new data version, the current one becomes the previous one and older
copies are deleted. :func:`changes_html` then lists, in Chinese and English like the index:

- facts added, changed (each changed field, old → new: value, bounds, qualifier, status, date, coverage,
  source …) and removed, by fact id;
- headline cells of ``comparison.csv`` (one per model and indicator) whose chosen figure, value, qualifier,
  status, date or reason changed;
- the reports rebuilt since the new version was published, with their build time.

Only the standard library is used (``csv``), so a build with nothing to do stays quick.

>>> old = [{"fact_id": "a", "value": "1", "qualifier": "exact"}, {"fact_id": "b", "value": "2", "qualifier": "exact"}]
>>> new = [{"fact_id": "a", "value": "3", "qualifier": "at_least"}, {"fact_id": "c", "value": "4", "qualifier": ""}]
>>> d = diff_rows(old, new, ("fact_id",), ("value", "qualifier"))
>>> [r["fact_id"] for r in d.added], [r["fact_id"] for r in d.removed], d.changed[0][2]
(['c'], ['b'], [('value', '1', '3'), ('qualifier', 'exact', 'at_least')])
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

CHANGES = "changes.html"
VERSIONS = ".versions"
TABLES = ("facts.csv", "comparison.csv")
FACT_FIELDS = ("model_id", "region_code", "indicator", "value_text", "value", "value_low", "value_high", "unit",
               "qualifier", "status", "as_of", "period", "scope", "source_id", "evidence")
CELL_FIELDS = ("fact_id", "value", "value_low", "value_high", "unit", "qualifier", "status", "as_of", "scope",
               "source_id", "reason")


@dataclass
class Diff:
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    changed: list = field(default_factory=list)  # (key, new row, [(field, old, new), ...])


def read_rows(path: Path) -> list[dict]:
    try:
        return list(csv.DictReader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    except OSError:
        return []


def diff_rows(old: list[dict], new: list[dict], key: tuple, fields: tuple) -> Diff:
    """Rows of ``new`` not in ``old`` (by ``key``), rows gone, and rows whose ``fields`` differ."""
    k = lambda row: tuple(row.get(c, "") for c in key)
    before = {k(r): r for r in old}
    after = {k(r): r for r in new}
    d = Diff(added=[after[x] for x in after if x not in before], removed=[before[x] for x in before if x not in after])
    for x, row in after.items():
        if x in before:
            diffs = [(f, before[x].get(f, ""), row.get(f, "")) for f in fields if before[x].get(f, "") != row.get(f, "")]
            if diffs:
                d.changed.append((x, row, diffs))
    return d


def _versions(reports: Path) -> dict:
    try:
        return json.loads((Path(reports) / VERSIONS / "versions.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def record(reports: Path, processed: Path, data_hash: str, built_at: str) -> dict:
    """Keep ``processed``'s tables as version ``data_hash``; shift the versions when it is new. Returns
    ``versions.json``'s content."""
    from helpers.site.publish import write_atomic

    root = Path(reports) / VERSIONS
    state = _versions(reports)
    if state.get("current") == data_hash and all((root / data_hash / t).is_file() for t in TABLES):
        return state
    if state.get("current") != data_hash:
        state = {"current": data_hash, "previous": state.get("current"), "since": built_at}
    folder = root / data_hash
    folder.mkdir(parents=True, exist_ok=True)
    for t in TABLES:
        if (Path(processed) / t).is_file():
            shutil.copyfile(Path(processed) / t, folder / t)
    for old in root.iterdir() if root.is_dir() else []:
        if old.is_dir() and old.name not in (state.get("current"), state.get("previous")):
            shutil.rmtree(old, ignore_errors=True)
    write_atomic(root / "versions.json", json.dumps(state, sort_keys=True, indent=1) + "\n")
    return state


_CSS = """
body { font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  margin: 2em auto; max-width: 70em; padding: 0 1em; color: #222; }
h2 { font-size: 1.15em; margin: 1.6em 0 0.3em; border-bottom: 2px solid #ccc; padding-bottom: 0.2em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; } th, td { text-align: left; padding: 0.3em 0.5em;
  border-bottom: 1px solid #e4e4e4; vertical-align: top; overflow-wrap: anywhere; }
.old { color: #a40000; text-decoration: line-through; } .new { color: #1a7f37; } .meta { color: #666; }
@media print { @page { size: A4; margin: 15mm; } table { table-layout: fixed; font-size: 8pt; } }
"""


def _table(head: list[str], rows: list[list[str]]) -> str:
    e = html.escape
    if not rows:
        return '<p class="meta">无 / none</p>'
    th = "".join(f"<th>{e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _fact_cells(row: dict) -> list[str]:
    e = html.escape
    return [f"<code>{e(row.get('fact_id', ''))}</code>", e(row.get("model_id", "")), e(row.get("indicator", "")),
            e(row.get("value_text", "")), e(row.get("qualifier", "")), e(row.get("as_of", "")),
            e(row.get("source_id", ""))]


def _plain(value: str) -> str:
    """A number as written in data/raw (``138``), not as the CSV of a float column has it (``138.0``).

    >>> _plain("138.0"), _plain("2.5"), _plain("138个")
    ('138', '2.5', '138个')
    """
    return re.sub(r"^(-?\d+)\.0$", r"\1", value or "")


def _changes(diffs: list) -> str:
    e = html.escape
    return "<br>".join(f'{e(f)}: <span class="old">{e(_plain(a)) or "—"}</span> → '
                       f'<span class="new">{e(_plain(b)) or "—"}</span>' for f, a, b in diffs)


def changes_html(state: dict, facts: Diff | None, cells: Diff | None, rebuilt: list[dict]) -> str:
    """The page; ``facts``/``cells`` are None when there is no previous version to compare with."""
    e = html.escape
    cur, prev = state.get("current") or "", state.get("previous") or ""
    parts = [(f"<h1>数据更新 / What changed</h1><p>数据版本 / data version <code>{e(prev or '—')}</code> → "
              f"<code>{e(cur)}</code> · 发布于 / published {e(state.get('since') or '')} · "
              '<a href="index.html">全部报告 / all reports</a></p>')]
    if facts is None or cells is None:
        parts.append('<p class="meta">这是构建保存的第一个数据版本，尚无可比较的旧版本。 / This is the first data '
                     "version the build kept: there is no earlier one to compare with.</p>")
    else:
        head = ["数字 / fact", "模式 / model", "指标 / indicator", "原文数字 / figure", "限定 / qualifier",
                "时点 / as of", "来源 / source"]
        parts.append(f"<h2>新增数字 / Facts added ({len(facts.added)})</h2>"
                     + _table(head, [_fact_cells(r) for r in facts.added]))
        parts.append(f"<h2>修改的数字 / Facts changed ({len(facts.changed)})</h2>"
                     + _table(head[:3] + ["旧 → 新 / old → new"],
                              [_fact_cells(row)[:3] + [_changes(d)] for _, row, d in facts.changed]))
        parts.append(f"<h2>删除的数字 / Facts removed ({len(facts.removed)})</h2>"
                     + _table(head, [_fact_cells(r) for r in facts.removed]))
        cell_rows = [[e(k[0]), e(k[1]), _changes(d)] for k, _, d in cells.changed]
        cell_rows += [[e(r.get("model_id", "")), e(r.get("indicator", "")), "新增 / new cell"] for r in cells.added]
        cell_rows += [[e(r.get("model_id", "")), e(r.get("indicator", "")), "删除 / cell removed"] for r in cells.removed]
        parts.append(f"<h2>比较表中变化的核心单元格 / Headline cells that changed (comparison.csv, {len(cell_rows)})</h2>"
                     + _table(["模式 / model", "指标 / indicator", "旧 → 新 / old → new"], cell_rows))
    links = [[f'<a href="{e(str(r.get("html") or r["id"] + ".html"))}">{e(str(r.get("title") or r["id"]))}</a>',
              f"<code>{e(r['id'])}</code>", e(str(r.get("built_at") or ""))] for r in rebuilt]
    parts.append(f"<h2>已按新数据重建的报告 / Reports rebuilt with this version ({len(links)})</h2>"
                 + _table(["报告 / report", "id", "生成时间 / built"], links))
    return ("<!DOCTYPE html>\n<html lang=\"zh\">\n<head><meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">\n"
            f"<title>数据更新 / What changed</title>\n<style>{_CSS}</style></head>\n<body>\n"
            + "\n".join(parts) + "\n</body>\n</html>\n")


def write_changes(reports: Path, processed: Path, data_hash: str, built_at: str, entries: list[dict],
                  font_cache=None) -> dict:
    """Record this data version and write ``reports/changes.html``; returns ``versions.json``'s content."""
    from helpers.site.publish import write_atomic
    from helpers.webfont import embed

    state = record(reports, processed, data_hash, built_at)
    folder = Path(reports) / VERSIONS
    prev = state.get("previous")
    facts = cells = None
    if prev and all((folder / prev / t).is_file() for t in TABLES):
        read = lambda v, t: read_rows(folder / v / t)
        facts = diff_rows(read(prev, "facts.csv"), read(data_hash, "facts.csv"), ("fact_id",), FACT_FIELDS)
        cells = diff_rows(read(prev, "comparison.csv"), read(data_hash, "comparison.csv"),
                          ("model_id", "indicator"), CELL_FIELDS)
    since = str(state.get("since") or "")
    rebuilt = [en for en in entries if en.get("has_html") and str(en.get("built_at") or "") >= since
               and en.get("status") != "failed"]
    write_atomic(Path(reports) / CHANGES, embed(changes_html(state, facts, cells, rebuilt), font_cache))
    return state
