"""The one scorer of the extraction benchmarks (extract_seeds.py, extract_unseen.py): matching drafts to coded
facts, and the accuracy of each column among matched pairs.

Matching rule. A coded fact is *found* when some candidate of its text
  (a) has the same ``value_text`` and its evidence lies in the same sentence as the coded evidence
      (one evidence contains the other, or both occur in one sentence of the text), or
  (b) has the same value and unit, in the same sentence, or
  (c) for a ``missing`` fact, is also ``missing`` and one value_text contains the other, in the same sentence.
Each candidate matches at most one coded fact (greedy, in file order). Recall = coded facts found / coded
facts; precision = candidates that match a coded fact / candidates. Among matched pairs: value accuracy = same
value, low and high; qualifier accuracy = same qualifier; indicator, region_code, as_of and status accuracy
(as_of agrees when one date is the other at a coarser precision: 2020-10 and 2020-10-30; an empty as_of only
with an empty one).
"""

from __future__ import annotations

import math
import re

SENTENCE = re.compile(r"[^。！？!?\n]+")
ACCURACY = ("indicator", "region_code", "as_of", "status")
COLS = ("coded", "cand", "recall", "precision", "value", "qual", "indicator", "region_code", "as_of", "status",
        "pass")
HEAD = {"precision": "prec", "indicator": "indic", "region_code": "region"}


def _norm(s: str) -> str:
    return re.sub(r"[\s*“”\"'‘’]", "", s)


def sources_of(text: str, name: str, sources: list[dict]) -> list[str]:
    """The ``seed_*`` sources a seed file holds: the title (spaces, ``*`` and quotes ignored) occurs in the file,
    or the source's note names the file."""
    head = _norm(text)
    out = []
    for s in sources:
        if not s["source_id"].startswith("seed_"):
            continue
        if name in s.get("note", "") or (_norm(s["title"]) and _norm(s["title"]) in head):
            out.append(s["source_id"])
    return out


def _same_sentence(a: str, b: str, sentences: list[str]) -> bool:
    if a in b or b in a:
        return True
    return any(a in s and b in s for s in sentences)


def num(x: str) -> float | None:
    return float(x) if x else None


def match(coded: list[dict], cands: list[dict], text: str) -> list[tuple[dict, dict]]:
    """(coded, candidate) pairs by the module's matching rule."""
    sentences = SENTENCE.findall(text)
    used, pairs = set(), []
    for f in coded:
        for i, c in enumerate(cands):
            if i in used:
                continue
            same_sentence = _same_sentence(f["evidence"], c["evidence"], sentences)
            ok = c["value_text"] == f["value_text"] and same_sentence
            if not ok and f["status"] != "missing" and c["status"] != "missing" and same_sentence:
                ok = num(c["value"]) == num(f["value"]) and c["unit"] == f["unit"]
            if not ok and f["status"] == "missing" and c["status"] == "missing" and same_sentence:
                ok = c["value_text"] in f["value_text"] or f["value_text"] in c["value_text"]
            if ok:
                used.add(i)
                pairs.append((f, c))
                break
    return pairs


def same(column: str, gold: str, draft: str) -> bool:
    """as_of agrees when one date is the other at a coarser precision (2020-10 and 2020-10-30); else equal."""
    if column == "as_of" and gold and draft:
        return gold.startswith(draft) or draft.startswith(gold)
    return gold == draft


def score(coded: list[dict], cands: list[dict], pairs: list[tuple[dict, dict]], passed: list[bool] | None = None
          ) -> dict:
    """Counts, recall, precision and the accuracies (NaN when there is nothing to divide)."""
    n = len(pairs)
    nan = float("nan")
    vals = sum(all(num(f[k]) == num(c[k]) for k in ("value", "value_low", "value_high")) for f, c in pairs)
    out = {"coded": len(coded), "cand": len(cands), "matched": n,
           "recall": n / len(coded) if coded else nan,
           "precision": n / len(cands) if cands else nan,
           "value": vals / n if n else nan,
           "qual": sum(f["qualifier"] == c["qualifier"] for f, c in pairs) / n if n else nan,
           "pass": sum(passed) / len(passed) if passed else nan}
    for k in ACCURACY:
        out[k] = sum(same(k, f[k], c[k]) for f, c in pairs) / n if n else nan
    return out


def header(cols=COLS) -> str:
    return f"{'text':34} " + " ".join(f"{HEAD.get(k, k)[:6]:>6}" for k in cols)


def line(name: str, s: dict, cols=COLS) -> str:
    cells = []
    for k in cols:
        v = s[k]
        cells.append(f"{v:6d}" if isinstance(v, int) else ("     -" if math.isnan(v) else f"{v:6.2f}"))
    return f"{name[:34]:34} " + " ".join(cells)


def differences(coded: list[dict], cands: list[dict], pairs: list[tuple[dict, dict]]) -> list[str]:
    """Lines naming the coded facts not found, the drafts that match none, and the wrong columns of each pair."""
    out = []
    found = {id(f) for f, _ in pairs}
    out += [f"    miss {f['value_text']!r} {f['status']} | {f['evidence']}" for f in coded if id(f) not in found]
    used = {id(c) for _, c in pairs}
    out += [f"    extra {c['value_text']!r} {c['indicator']} | {c['evidence']}" for c in cands if id(c) not in used]
    for f, c in pairs:
        wrong = [f"{k} {c[k]!r}≠{f[k]!r}" for k in ACCURACY if not same(k, f[k], c[k])]
        if wrong:
            out.append(f"    {f['value_text']!r}: " + "; ".join(wrong))
    return out
