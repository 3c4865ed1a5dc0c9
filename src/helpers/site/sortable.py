"""Sort and filter the long tables of a report, offline: a small inlined script, no library, nothing fetched.

Progressive enhancement: a ``<table class="wb-table wb-long">`` (see :func:`helpers.pages.tables.long_table`) is a
plain HTML table everywhere (JupyterLab, a mail client, print); in a browser the report page adds

- a click (or Enter) on a header sorts by that column, again to reverse; ``aria-sort`` says which way;
  a cell's ``data-sort`` number, where present, is what sorts (so ``≥ 300 人`` sorts as 300 and 1,200 after
  300; in such a column a cell without one, a figure lost in the source, goes last), other cells sort as text with the page language's collation (Chinese by pinyin), numbers inside text
  in numeric order; empty cells and ``—`` stay last either way; ties keep the table's own order;
- a search box above the table that hides rows not containing every word typed, with a count ``n / N``;
  its placeholder is the table's ``data-filter`` text (in the report's language).

The page includes :data:`SCRIPT` and :data:`CSS` once (see :mod:`helpers.site.export`).

>>> "wb-long" in SCRIPT and "fetch(" not in SCRIPT and "http" not in SCRIPT
True
"""

from __future__ import annotations

CSS = """
table.wb-long th.wb-sortable { cursor: pointer; user-select: none; white-space: nowrap; }
table.wb-long th.wb-sortable::after { content: " \\2195"; color: #aaa; font-size: 0.8em; }
table.wb-long th[aria-sort="ascending"]::after { content: " \\25B2"; color: #333; }
table.wb-long th[aria-sort="descending"]::after { content: " \\25BC"; color: #333; }
.wb-filterbar { margin: 0.3em 0; font-size: 0.9em; }
.wb-filterbar input { padding: 0.2em 0.4em; min-width: 16em; }
.wb-filterbar .wb-count { color: #666; margin-left: 0.6em; }
@media print { .wb-filterbar { display: none; } }
"""

SCRIPT = r"""(function () {
  "use strict";
  var collator = new Intl.Collator(document.documentElement.lang || undefined, {numeric: true});
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  function key(cell, numeric) {
    if (!cell) return null;
    var raw = cell.getAttribute("data-sort");
    if (raw !== null) { var n = parseFloat(raw); return isNaN(n) ? null : n; }
    if (numeric) return null;  // a figure with no number (lost in the source): last
    var text = cell.textContent.trim();
    return text === "" || text === "\u2014" ? null : text;
  }
  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "number") return -1;
    if (typeof b === "number") return 1;
    return collator.compare(a, b);
  }
  function enhance(table) {
    var body = table.tBodies[0];
    if (!table.tHead || !body || table.getAttribute("data-wb-ready")) return;
    table.setAttribute("data-wb-ready", "1");
    var rows = Array.prototype.slice.call(body.rows);
    var heads = table.tHead.rows[table.tHead.rows.length - 1].cells;
    each(heads, function (th, col) {
      th.classList.add("wb-sortable");
      th.tabIndex = 0;
      th.setAttribute("aria-sort", "none");
      function sort() {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        each(heads, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", dir);
        var sign = dir === "ascending" ? 1 : -1;
        var numeric = rows.some(function (r) { return r.cells[col] && r.cells[col].hasAttribute("data-sort"); });
        var keyed = rows.map(function (r, i) { return [key(r.cells[col], numeric), i, r]; });
        keyed.sort(function (x, y) {
          if (x[0] === null || y[0] === null) {
            return (x[0] === null) - (y[0] === null) || x[1] - y[1];
          }
          return sign * compare(x[0], y[0]) || x[1] - y[1];
        });
        keyed.forEach(function (k) { body.appendChild(k[2]); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });
    var bar = document.createElement("div");
    var input = document.createElement("input");
    var count = document.createElement("span");
    bar.className = "wb-filterbar";
    input.type = "search";
    input.placeholder = table.getAttribute("data-filter") || "Filter";
    input.setAttribute("aria-label", input.placeholder);
    count.className = "wb-count";
    count.setAttribute("aria-live", "polite");
    bar.appendChild(input);
    bar.appendChild(count);
    table.parentNode.insertBefore(bar, table);
    function filter() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (r) {
        var text = r.textContent.toLowerCase();
        var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
        r.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " / " + rows.length;
    }
    input.addEventListener("input", filter);
    filter();
  }
  function init() { each(document.querySelectorAll("table.wb-table.wb-long"), enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
"""
