"""A review page for draft rows: ``workbook extract PATH --html FILE``.

One self-contained HTML file (no script, no network, no font or stylesheet from elsewhere): for each draft row
its sentence with the figure highlighted (``<mark>``), then its guessed fields, the confidence and the reasons, so a
researcher reviews a text's drafts in minutes. Every piece of text from the source or the draft is escaped.

>>> page = review_html([{"fact_id": "s-01", "_sentence": "建成<i>站</i>138个", "_start": 10, "_end": 14,
...                      "value_text": "138个", "confidence": "high", "reason": "r"}], source="a.txt")
>>> "<mark>138个</mark>" in page and "&lt;i&gt;" in page and "<i>" not in page
True
"""

from __future__ import annotations

import html
from pathlib import Path

FIELDS = ("value_text", "value", "value_low", "value_high", "unit", "qualifier", "status", "indicator", "dimension",
          "region_code", "model_id", "as_of", "period", "scope", "site_zh", "counts_zh", "counts_en", "purpose",
          "payer", "evidence")
_CSS = """
body{font-family:system-ui,"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:2em;
max-width:70em;color:#222}
h1{font-size:1.3em} .row{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;margin:1em 0}
.row.low{border-left:6px solid #c0392b} .row.medium{border-left:6px solid #e0a800}
.row.high{border-left:6px solid #2e8b57} .sentence{font-size:1.1em;line-height:1.7}
mark{background:#ffe066;padding:0 .1em} table{border-collapse:collapse;font-size:.9em}
td,th{padding:.1em .6em;text-align:left;vertical-align:top} th{color:#555;font-weight:normal}
.reason{color:#555;font-size:.9em}
"""


def _e(x) -> str:
    return html.escape(str(x if x is not None else ""), quote=True)


def _sentence(row: dict) -> str:
    s = row.get("_sentence")
    if not s:
        return _e(row.get("evidence", ""))
    a, b = row.get("_start", 0), row.get("_end", 0)
    return f"{_e(s[:a])}<mark>{_e(s[a:b])}</mark>{_e(s[b:])}"


def review_html(rows: list[dict], source: str = "") -> str:
    """The review page for ``rows`` (from :func:`helpers.data.extract.extract_text`)."""
    counts = {c: sum(r.get("confidence") == c for r in rows) for c in ("high", "medium", "low")}
    parts = ["<!DOCTYPE html>", '<html lang="zh"><head><meta charset="utf-8">',
             f"<title>{_e('Draft rows: ' + source)}</title><style>{_CSS}</style></head><body>",
             f"<h1>{_e(source)}: {len(rows)} draft row(s)</h1>",
             (f"<p>confidence: {counts['high']} high, {counts['medium']} medium, {counts['low']} low. "
             "Each row is marked draft=true until you review it.</p>")]
    for r in rows:
        conf = r.get("confidence", "")
        cells = "".join(f"<tr><th>{_e(f)}</th><td>{_e(r.get(f, ''))}</td></tr>" for f in FIELDS if r.get(f, ""))
        parts.append(f'<div class="row {_e(conf)}" id="{_e(r.get("fact_id", ""))}">'
                     f"<p><b>{_e(r.get('fact_id', ''))}</b> · confidence {_e(conf)}</p>"
                     f'<p class="sentence">{_sentence(r)}</p><table>{cells}</table>'
                     f'<p class="reason">{_e(r.get("reason", ""))}</p></div>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_review(rows: list[dict], path: str | Path, source: str = "") -> None:
    """Write :func:`review_html` to ``path`` (UTF-8)."""
    Path(path).write_text(review_html(rows, source=str(source)), encoding="utf-8")
