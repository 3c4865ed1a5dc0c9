"""Rows that restate another's figure, dropped from the drafts (the kept row notes the restatement in its reason):
:func:`without_restatements` for a headline figure the body gives again and a clause a text repeats word for word,
:func:`restated_once` (once rows are completed) for a figure another sentence restates.
"""

from __future__ import annotations

import re


def without_restatements(rows: list[dict], plain: str) -> list[dict]:
    """The rows less those that restate another: a figure of the headline (the text's first line) that the body
    gives again (same value_text), and a clause the text repeats word for word (the same figure at the same place of
    the same quote; two equal figures of one clause, 站长21人、副站长21人, both stay).
    The kept row notes the restatement in its reason.

    >>> kept = without_restatements([{"value_text": "12个", "evidence": "拉萨市12个社工站建成", "_at": 0, "reason": ""},
    ...                              {"value_text": "12个", "evidence": "已建成12个社工站", "_at": 11, "reason": ""}],
    ...                             "拉萨市12个社工站建成\\n已建成12个社工站\\n")
    >>> [(r["evidence"], r["reason"]) for r in kept]
    [('已建成12个社工站', 'the headline states it too')]
    """
    first = re.match(r"\s*", plain).end()
    title_end = plain.find("\n", first) if "\n" in plain[first:] else len(plain)
    body = {r["value_text"] for r in rows if r["_at"] >= title_end}
    out, seen = [], set()
    for r in rows:
        sentence, at = r.get("_sentence", ""), r.get("_start", 0)
        pos = at - sentence.rfind(r["evidence"], 0, at + len(r["evidence"]))  # where in its quote the figure is
        key = (r["value_text"], r["evidence"], pos)
        if r["_at"] < title_end and r["value_text"] in body:
            twin = next(x for x in rows if x["_at"] >= title_end and x["value_text"] == r["value_text"])
            twin["reason"] = "; ".join(x for x in (twin["reason"], "the headline states it too") if x)
            continue
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


def restated_once(rows: list[dict]) -> list[dict]:
    """The rows less those that restate an earlier sentence's figure: the same value_text, indicator, place, date and
    status (a summary line repeating the body: ★建成指导中心22个 after 成立22个指导中心). Missing figures all stay (their
    value is unknown); the kept row notes the restatement in its reason.

    >>> a = {"value_text": "22个", "indicator": "c", "region_code": "1", "as_of": "", "status": "reported", "_at": 0,
    ...      "reason": "r"}
    >>> [r["_at"] for r in restated_once([a, dict(a, _at=9), dict(a, _at=20, as_of="2023")])]
    [0, 20]
    """
    out, first = [], {}
    for r in rows:
        key = (r["value_text"], r["indicator"], r["region_code"], r["as_of"], r["status"])
        kept = first.get(key)
        if kept is not None and kept["_at"] != r["_at"] and r["status"] != "missing" and r["indicator"]:
            kept["reason"] += "; another sentence restates it"
            continue
        first.setdefault(key, r)
        out.append(r)
    return out
