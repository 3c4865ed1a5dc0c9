"""raw → processed: typed, labelled tables plus derived indicators, as Parquet, CSV and one Excel file.

Nothing here writes ``data/raw/``. Files are written to a scratch folder first and moved into
``data/processed/`` only when all of them were written, so a failed rebuild loses nothing. The same raw
data always gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import tempfile
import warnings
from pathlib import Path

import pandas as pd

from helpers.data import schema
from helpers.data.comparison import comparison_table, levels
from helpers.data.derived import derive
from helpers.data.howtocite import MetadataError
from helpers.data.levels import level_table
from helpers.errors import WorkbookError
from helpers.paths import HASH_FILE, Project

PROCESSED_TABLES = ("facts", "comparison", "derived", "models", "regions", "sources", "indicators", "phases",
                    "level_comparison")
_NUMERIC = ("value", "value_low", "value_high")
XLSX_CACHE = "xlsx"  # under .cache/: the XML of each sheet of workbook_data.xlsx by its cells (helpers.data.xlsx)


class DataCheckFailed(WorkbookError):
    """The raw tables did not pass ``workbook check``; ``problems`` lists why."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in data/raw/")


def processed_tables(raw: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The processed tables from checked raw tables (all text)."""
    facts = raw["facts"].copy()
    for c in _NUMERIC:
        facts[c] = pd.to_numeric(facts[c].replace("", None), errors="raise").astype("float64")
    ind = raw["indicators"][["indicator", "label_zh", "label_en"]]
    models = raw["models"][["model_id", "short_zh", "short_en", "operating_mode"]].rename(
        columns={"short_zh": "model_zh", "short_en": "model_en"})
    regions = raw["regions"][["region_code", "name_zh", "name_en"]].rename(
        columns={"name_zh": "region_zh", "name_en": "region_en"})
    sources = raw["sources"][["source_id", "title", "outlet", "published", "url", "reliability"]].rename(
        columns={"title": "source_title", "outlet": "source_outlet", "published": "source_published",
                 "url": "source_url", "reliability": "source_reliability"})
    phases = phases_table(raw)
    if "phase" not in facts.columns:
        facts["phase"] = ""
    phase_names = phases[["phase_id", "name_zh", "name_en", "start", "end"]].rename(
        columns={"phase_id": "phase", "name_zh": "phase_zh", "name_en": "phase_en", "start": "phase_start",
                 "end": "phase_end"})
    tidy = (facts.merge(ind, on="indicator", how="left").merge(models, on="model_id", how="left")
            .merge(regions, on="region_code", how="left").merge(sources, on="source_id", how="left")
            .merge(phase_names, on="phase", how="left"))
    tidy[list(phase_names.columns[1:])] = tidy[list(phase_names.columns[1:])].fillna("")
    tidy["year"] = pd.to_numeric(tidy["as_of"].str[:4].replace("", None)).astype("Int64")
    tidy["level"] = levels(tidy, raw["regions"])
    tidy = tidy.sort_values("fact_id", kind="stable").reset_index(drop=True)

    regions_typed = raw["regions"].copy()
    for c in ("population_2020", "townships"):
        regions_typed[c] = pd.to_numeric(regions_typed[c].replace("", None)).astype("Int64")
    models_typed = raw["models"].copy()
    models_typed["launch_year"] = pd.to_numeric(models_typed["launch_year"].replace("", None)).astype("Int64")
    derived = derive(facts, regions_typed, phases=phases)
    comparison = comparison_table(tidy, raw["models"], raw["indicators"], raw["regions"], phases)
    return {
        "facts": tidy,
        "comparison": comparison,
        "derived": derived,
        "models": models_typed.sort_values("model_id").reset_index(drop=True),
        "regions": regions_typed.sort_values("region_code").reset_index(drop=True),
        "sources": raw["sources"].sort_values("source_id").reset_index(drop=True),
        "indicators": raw["indicators"].sort_values(["dimension", "indicator"]).reset_index(drop=True),
        "phases": phases,
        "level_comparison": level_table(tidy, derived, raw["regions"]),
    }


def phases_table(raw: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """phases.csv by model and start date (an empty table with its columns when there is none)."""
    phases = raw.get("phases")
    if phases is None:
        phases = pd.DataFrame({c: pd.Series(dtype=str) for c in schema.TABLES["phases"]})
    return phases.sort_values(["model_id", "start", "phase_id"], kind="stable").reset_index(drop=True)


def write_processed(project: Project, tables: dict[str, pd.DataFrame], data_hash: str, ready=None) -> list[Path]:
    """Write every table as Parquet and CSV, workbook_data.xlsx (with a codebook sheet), the sources as
    BibTeX/RIS/CSL-JSON and datapackage.json; swap them in only when all are written (and ``ready()``, when
    given, returned: what it raises leaves data/processed/ as it was)."""
    # imported here: a notebook whose processed data is current never needs the writers (nor pandera)
    from helpers.data.citations import write_citations
    from helpers.data.codebook import codebook_frame
    from helpers.data.datapackage import write_datapackage
    from helpers.data.xlsx import write_xlsx

    project.processed.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=project.processed, prefix=".update-") as tmp:
        tmp = Path(tmp)
        for name, df in tables.items():
            df.to_parquet(tmp / f"{name}.parquet", index=False, engine="pyarrow")
            df.to_csv(tmp / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
        write_citations(tables["sources"], tmp)
        write_datapackage(tables, tmp, data_hash, project.root)
        write_xlsx({**tables, "codebook": codebook_frame(tables)}, tmp / "workbook_data.xlsx", project.cache / XLSX_CACHE)
        digests = [f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {f.name}\n" for f in sorted(tmp.iterdir())]
        (tmp / HASH_FILE).write_text(data_hash + "\n" + "".join(digests), encoding="utf-8")
        if ready is not None:
            ready()
        written = []
        for f in sorted(tmp.iterdir()):
            target = project.processed / f.name
            f.replace(target)
            written.append(target)
    return written


def update(project: Project, parallel: bool = False) -> dict[str, pd.DataFrame]:
    """Check data/raw/ and rebuild data/processed/. Raises :class:`DataCheckFailed` on bad data.

    ``parallel`` (``workbook data``): the tables are read once, then checked in a forked child
    (:mod:`helpers.data.background`) while this process builds and writes the processed files; they are swapped
    into data/processed/ only when the check found nothing, so the outcome is the same as checking first.
    Warnings the build gives are shown only then (bad data is said once, by the check)."""
    from helpers.data.check import checked_problems, read_raw, run_check

    if not parallel:
        raw, problems = run_check(project)
        if problems:
            raise DataCheckFailed(problems)
        tables = processed_tables(raw)
        try:
            write_processed(project, tables, project.data_hash())
        except MetadataError as e:
            raise DataCheckFailed([str(e)]) from None
        return tables
    raw, problems = read_raw(project)
    if problems:  # a table could not be read: nothing to build from
        raise DataCheckFailed(sorted(set(problems + checked_problems(raw))))
    from helpers.data import background

    checking = background.start(checked_problems, raw)

    def checked():
        found = checking.result()
        if found:
            raise DataCheckFailed(sorted(set(found)))

    with warnings.catch_warnings(record=True) as caught:
        try:
            tables = processed_tables(raw)
            write_processed(project, tables, project.data_hash(), ready=checked)
        except DataCheckFailed:
            raise
        except MetadataError as e:
            checked()
            raise DataCheckFailed([str(e)]) from None
        except Exception:
            checked()  # bad data the build tripped on is said by the check, as without ``parallel``
            raise
    for w in caught:
        warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    return tables


def ensure_current(project: Project, data_hash: str | None = None) -> bool:
    """Rebuild data/processed/ if data/raw/ changed or a processed file was damaged, under a lock
    (parallel kernels may ask at once). Returns True if it rebuilt. Raises :class:`DataCheckFailed` on bad data.
    ``data_hash``: ``project.data_hash()`` when the caller has already computed it."""
    from filelock import FileLock

    project.processed.mkdir(parents=True, exist_ok=True)
    with FileLock(str(project.processed / ".update.lock")):
        if project.processed_is_current(data_hash):
            return False
        update(project)
        return True
