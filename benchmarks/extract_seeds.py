"""How well does ``workbook extract`` find the hand-coded figures of the seed texts?

Usage: python benchmarks/extract_seeds.py [SEEDS_DIR] [--root PROJECT]
(default SEEDS_DIR: ../shared/sources/seeds relative to the project root)

Each seed file is matched to its sources in data/raw/sources.csv: a ``seed_*`` source belongs to the file
when its title (spaces removed; ``*`` and quotation marks ignored) occurs in the file, or when the
source's note names the file. One file may hold several sources (a compilation page); their coded facts
are pooled for that file.

Matching rule. A coded fact is *found* when some candidate of its file
  (a) has the same ``value_text``, or
  (b) has the same value and unit and its evidence lies in the same sentence as the coded evidence
      (one evidence contains the other, or both occur in one sentence of the file), or
  (c) for a ``missing`` fact, is also ``missing`` and one value_text contains the other, in the same sentence.
Each candidate matches at most one coded fact (greedy, in file order). Recall = coded facts found / coded
facts; precision = candidates that match a coded fact / candidates. Among matched pairs: value accuracy =
same value, low and high; qualifier accuracy = same qualifier.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from helpers.data.extract import extract_text, project_tables, read_source, strip_glosses
from helpers.paths import Project

_SENT = re.compile(r"[^。！？!?\n]+")


def _norm(s: str) -> str:
    return re.sub(r"[\s*“”\"'‘’]", "", s)


def sources_of(text: str, name: str, sources: list[dict]) -> list[str]:
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


def _num(x: str) -> float | None:
    return float(x) if x else None


def match(coded: list[dict], cands: list[dict], sentences: list[str]) -> list[tuple[dict, dict]]:
    used, pairs = set(), []
    for f in coded:
        for i, c in enumerate(cands):
            if i in used:
                continue
            same_sentence = _same_sentence(f["evidence"], c["evidence"], sentences)
            ok = c["value_text"] == f["value_text"] and same_sentence
            if not ok and f["status"] != "missing" and c["status"] != "missing" and same_sentence:
                ok = _num(c["value"]) == _num(f["value"]) and c["unit"] == f["unit"]
            if not ok and f["status"] == "missing" and c["status"] == "missing" and same_sentence:
                ok = c["value_text"] in f["value_text"] or f["value_text"] in c["value_text"]
            if ok:
                used.add(i)
                pairs.append((f, c))
                break
    return pairs


def score(coded, cands, pairs) -> dict:
    vals = sum(all(_num(f[k]) == _num(c[k]) for k in ("value", "value_low", "value_high")) for f, c in pairs)
    quals = sum(f["qualifier"] == c["qualifier"] for f, c in pairs)
    n = len(pairs)
    return {"coded": len(coded), "candidates": len(cands), "matched": n,
            "recall": n / len(coded) if coded else 0.0, "precision": n / len(cands) if cands else 0.0,
            "value_acc": vals / n if n else 0.0, "qualifier_acc": quals / n if n else 0.0}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seeds", nargs="?", help="folder of seed .txt files")
    ap.add_argument("--root", help="project root (default: found upward)")
    ap.add_argument("--misses", action="store_true", help="list coded facts not found")
    args = ap.parse_args(argv)
    project = Project.at(args.root) if args.root else Project.find()
    seeds = Path(args.seeds) if args.seeds else (project.root / ".." / "shared" / "sources" / "seeds")
    if not seeds.is_dir():
        seeds = Path("/work/shared/sources/seeds") if not args.seeds else seeds
    if not seeds.is_dir():
        print(f"extract_seeds: no seed folder {seeds}", file=sys.stderr)
        return 2
    with open(project.raw_file("sources"), encoding="utf-8") as fh:
        sources = list(csv.DictReader(fh))
    with open(project.raw_file("facts"), encoding="utf-8") as fh:
        facts = list(csv.DictReader(fh))
    indicators, regions = project_tables(project.raw)
    all_coded, all_cands, all_pairs = [], [], []
    print(f"{'seed':32} {'coded':>5} {'cand':>5} {'recall':>7} {'prec':>6} {'value':>6} {'qual':>6}")
    for path in sorted(seeds.glob("*.txt")):
        text = strip_glosses(read_source(path))
        ids = sources_of(text, path.name, sources)
        coded = [f for f in facts if f["source_id"] in ids]
        cands = extract_text(text, indicators=indicators, regions=regions)
        sentences = _SENT.findall(text)
        pairs = match(coded, cands, sentences)
        s = score(coded, cands, pairs)
        print(f"{path.name[:20] + ' ' + ','.join(i[5:] for i in ids):32.32} {s['coded']:5} {s['candidates']:5} "
              f"{s['recall']:7.2f} {s['precision']:6.2f} {s['value_acc']:6.2f} {s['qualifier_acc']:6.2f}")
        if args.misses:
            found = {id(f) for f, _ in pairs}
            for f in coded:
                if id(f) not in found:
                    print(f"    miss {f['value_text']!r} {f['status']} | {f['evidence']}")
        all_coded += coded
        all_cands += cands
        all_pairs += pairs
    s = score(all_coded, all_cands, all_pairs)
    print(f"{'ALL':32} {s['coded']:5} {s['candidates']:5} {s['recall']:7.2f} {s['precision']:6.2f} "
          f"{s['value_acc']:6.2f} {s['qualifier_acc']:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
