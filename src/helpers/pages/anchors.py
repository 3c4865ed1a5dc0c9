"""Stable ids for a report's sections, figures and tables, so a reader can cite "Figure 3" by its anchor.

An id is derived from what a block shows, never from its position on the page or from translated words, so
the same report gives the same ids in every build and its zh and en pages share them:

- a section heading: the slug of its English text (both languages pass both texts to ``Report.say``), or an
  explicit ``key`` where the heading names something in the page's language (an indicator's label);
  the page title (level 1) is always ``title``;
- a figure or table: ``fig-`` / ``tbl-`` and the indicator id(s) of the facts or derived rows it shows
  (one indicator: its id; several: a short hash of the sorted ids), or an explicit ``key``; a block with
  no data behind it takes its section's id and its number within that section.

An id already used on the page gets ``-2``, ``-3`` …, in the order the blocks are made (the same in both
languages: the views build the same blocks for each).

>>> a = Anchors()
>>> a.section("Figures by dimension")
'sec-figures-by-dimension'
>>> a.block("fig", ["stations_township"]), a.block("fig", ["stations_township"]), a.block("tbl", [])
('fig-stations-township', 'fig-stations-township-2', 'tbl-sec-figures-by-dimension-1')
"""

from __future__ import annotations

import hashlib
import re

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slug(text: str, limit: int = 48) -> str:
    """Lower-case ASCII words joined by ``-`` (other characters dropped), at most ``limit`` characters.

    >>> slug("Against the other models"), slug("City, county and site figures (not in the panel)")
    ('against-the-other-models', 'city-county-and-site-figures-not-in-the-panel')
    >>> slug("社工站")
    ''
    """
    s = _NON_WORD.sub("-", str(text).lower()).strip("-")
    if len(s) > limit:
        s = s[:limit].rsplit("-", 1)[0] if "-" in s[:limit] else s[:limit]
    return s


def data_key(indicators, dimensions=()) -> str:
    """The part of a block's id that names the data it shows: one indicator's id, or a hash of several
    (after their dimension's name when they share one).

    >>> data_key(["b", "a", "a"]) == data_key(["a", "b"]), data_key(["workers_per_station"])
    (True, 'workers-per-station')
    >>> data_key(["a", "b"], ["funding", "funding"])
    'funding-0eab8a0a'
    >>> data_key([])
    ''
    """
    ids = sorted({str(i) for i in indicators if str(i)})
    if not ids:
        return ""
    if len(ids) == 1:
        return slug(ids[0], limit=64)
    dims = {str(d) for d in dimensions if str(d)}
    digest = hashlib.sha256("|".join(ids).encode()).hexdigest()[:8]
    return f"{slug(dims.pop())}-{digest}" if len(dims) == 1 else f"ind-{digest}"


class Anchors:
    """The ids handed out on one page (one per :class:`~helpers.pages.report.Report`)."""

    def __init__(self):
        self.used: set[str] = set()
        self.current = "top"
        self.unkeyed: dict[str, int] = {}

    def _unique(self, base: str) -> str:
        out, n = base, 1
        while out in self.used:
            n += 1
            out = f"{base}-{n}"
        self.used.add(out)
        return out

    def section(self, en_text: str, key: str | None = None, level: int = 2) -> str:
        """The id of a heading; later blocks without data of their own are numbered within it."""
        if level == 1:
            base = "title"
        else:
            base = "sec-" + (slug(key) if key else slug(en_text) or "section")
        self.current = self._unique(base)
        return self.current

    def block(self, kind: str, indicators=(), key: str | None = None, dimensions=()) -> str:
        """The id of a figure (``kind='fig'``) or table (``'tbl'``) showing facts of ``indicators`` (of
        ``dimensions``)."""
        part = slug(key, limit=64) if key else data_key(indicators, dimensions)
        if not part:
            n = self.unkeyed[self.current] = self.unkeyed.get(self.current, 0) + 1
            part = f"{self.current}-{n}"
        return self._unique(f"{kind}-{part}")
