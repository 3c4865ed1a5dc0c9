"""How well does ``workbook extract`` find the hand-coded figures of the seed texts?

Usage: python benchmarks/extract_seeds.py [SEEDS_DIR] [--root PROJECT] [--misses]
(default SEEDS_DIR: ../shared/sources/seeds relative to the project root)

Each seed file is matched to its sources in data/raw/sources.csv: a ``seed_*`` source belongs to the file
when its title (spaces removed; ``*`` and quotation marks ignored) occurs in the file, or when the
source's note names the file. One file may hold several sources (a compilation page); their coded facts
are pooled for that file. The rules were tuned on these texts: they are *seen*; extract_unseen.py measures on
texts nobody coded for the extractor. Matching and scoring: benchmarks/extract_scoring.py (shared).
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extract_scoring import differences, header, line, match, score, sources_of

from helpers.data.extract import extract_text, project_tables, read_source, strip_glosses
from helpers.paths import Project

COLS = ("coded", "cand", "recall", "precision", "value", "qual", "indicator", "region_code", "as_of", "status")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seeds", nargs="?", help="folder of seed .txt files")
    ap.add_argument("--root", help="project root (default: found upward)")
    ap.add_argument("--misses", action="store_true", help="list coded facts not found, extra drafts, wrong fields")
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
    from helpers.data.drafts import project_context

    context = project_context(project.raw)
    totals: list[list] = [[], [], []]
    print(header(COLS))
    for path in sorted(seeds.glob("*.txt")):
        text = strip_glosses(read_source(path))
        ids = sources_of(text, path.name, sources)
        coded = [dict(f, evidence=strip_glosses(f["evidence"])) for f in facts if f["source_id"] in ids]
        cands = extract_text(text, source_id=ids[0] if ids else "seed_bench", indicators=indicators,
                             regions=regions, context=context)
        pairs = match(coded, cands, text)
        print(line(path.name[:20] + " " + ",".join(i[5:] for i in ids), score(coded, cands, pairs), COLS))
        if args.misses:
            print("\n".join(differences(coded, cands, pairs)))
        for t, part in zip(totals, (coded, cands, pairs)):
            t += part
    print(line("ALL", score(*totals), COLS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
