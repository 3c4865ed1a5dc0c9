"""``data/processed/datapackage.json``: a Frictionless Data Package describing every processed table, so R,
Stata or Python users can load and check the CSVs without reading our code.

Fields, types and descriptions come from :mod:`helpers.data.codebook`; keys from its ``PRIMARY_KEYS`` and
``FOREIGN_KEYS`` (a foreign key is written only when both ends are in the package); the title, version and
authors from ``CITATION.cff``; the licence from ``data/licence.yml`` (declared once); ``sources`` lists
every row of ``sources.csv``. The same tables give the same bytes.

>>> import pandas as pd
>>> d = descriptor({"sources": pd.DataFrame({"source_id": ["a"], "title": ["标题"], "url": [""]})}, "abc123")
>>> d["resources"][0]["path"], d["resources"][0]["schema"]["primaryKey"], d["sources"]
('sources.csv', ['source_id'], [{'title': '[a] 标题'}])
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from helpers.data import codebook, howtocite
from helpers.data.howtocite import Citation, MetadataError, in_language, read_metadata
from helpers.links import is_web_url

FILE = "datapackage.json"
LICENCE_FILE = Path("data") / "licence.yml"
NAME = "township-social-work-workbook"


class LicenceError(MetadataError):
    """data/licence.yml exists but is not a licence: the message names the file and the problem."""


def load_licence(root) -> dict | None:
    """The data licence declared in ``root/data/licence.yml`` (name, title, path), or None when absent."""
    path = Path(root) / LICENCE_FILE
    data = read_metadata(path, LicenceError)
    if data is None:
        return None
    if not isinstance(data, dict) or not (data.get("name") or data.get("path")):
        raise LicenceError(f"{path}: needs a name (an SPDX id such as CC-BY-4.0) or a path")
    return {k: str(data[k]) for k in ("name", "title", "path") if data.get(k)}


def _schema(name: str, df: pd.DataFrame, tables: dict[str, pd.DataFrame]) -> dict:
    schema = {"fields": codebook.fields(name, df), "missingValues": [""]}
    key = [c for c in codebook.PRIMARY_KEYS.get(name, []) if c in df.columns]
    if key:
        schema["primaryKey"] = key
    fks = []
    for column, (target, target_column) in codebook.FOREIGN_KEYS.get(name, {}).items():
        if column in df.columns and target in tables and target_column in tables[target].columns:
            fks.append({"fields": [column], "reference": {"resource": "" if target == name else target,
                                                          "fields": [target_column]}})
    if fks:
        schema["foreignKeys"] = fks
    return schema


def descriptor(tables: dict[str, pd.DataFrame], data_hash: str, citation: Citation | None = None,
               licence: dict | None = None) -> dict:
    """The data package descriptor for ``tables`` (name → processed DataFrame, as written to CSV)."""
    pkg = {"profile": "tabular-data-package", "name": NAME,
           "title": in_language(citation.title, "en") if citation else "Township social work station workbook data",
           "version": citation.version if citation and citation.version else "0.0.0",
           "data_version": data_hash}
    if citation:
        pkg["contributors"] = [{"title": in_language(a, "en"), "role": "author"} for a in citation.authors]
    if licence:
        pkg["licenses"] = [licence]
    if "sources" in tables:
        pkg["sources"] = [{"title": f"[{s.source_id}] {s.title}", **({"path": s.url} if is_web_url(s.url) else {})}
                          for s in tables["sources"].sort_values("source_id").itertuples()]
    pkg["resources"] = [{
        "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8", "description": codebook.TABLE_DESCRIPTIONS.get(name, ""),
        "schema": _schema(name, df, tables),
    } for name, df in tables.items()]
    return pkg


def write_datapackage(tables: dict[str, pd.DataFrame], folder: Path, data_hash: str, root) -> Path:
    """Write ``folder/datapackage.json`` next to the tables' CSV files, with the citation and licence of
    the project at ``root``; return its path. Raises :class:`MetadataError` naming a bad metadata file."""
    citation, licence = howtocite.load(root), load_licence(root)
    path = Path(folder) / FILE
    text = json.dumps(descriptor(tables, data_hash, citation, licence), ensure_ascii=False, indent=2)
    path.write_text(text + "\n", encoding="utf-8", newline="\n")
    return path
