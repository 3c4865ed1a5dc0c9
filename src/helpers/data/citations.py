"""Every source as a citation a reference manager imports: BibTeX (biblatex), RIS and CSL-JSON.

One entry per row of ``sources.csv``, keyed by ``source_id``, sorted, so the same sources give the same
bytes. Titles stay as written (Chinese stays Chinese); the outlet goes where each format puts a newspaper,
journal, issuing body or site; ``published`` becomes the date at the precision the source gives; the
coder's ``note`` becomes an annotation (not printed by citation styles). An ``accessed`` column, where
``sources.csv`` has one, becomes the access date; nothing is invented where it has none.

BibTeX is written by :mod:`bibtexparser` with LaTeX's special ASCII characters escaped by :mod:`pylatexenc`
(URLs are left verbatim, as biblatex reads them); RIS by :mod:`rispy`; CSL-JSON is plain JSON.

>>> import pandas as pd
>>> s = pd.DataFrame([{"source_id": "s_qd", "title": "青岛 & 社工", "outlet": "中国社会报",
...                    "published": "2023-05", "url": "", "language": "zh", "kind": "news", "note": ""}])
>>> print(bibtex(s).splitlines()[1].strip())
title = {青岛 \\& 社工},
>>> csl(s)[0]["issued"]
{'date-parts': [[2023, 5]]}
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from helpers.links import is_web_url

FILES = {"bibtex": "sources.bib", "ris": "sources.ris", "csl": "sources.csl.json"}

# kind -> (biblatex type, field holding the outlet, RIS type, CSL type)
TYPES = {
    "news": ("article", "journaltitle", "NEWS", "article-newspaper"),
    "journal": ("article", "journaltitle", "JOUR", "article-journal"),
    "government_notice": ("report", "institution", "GOVDOC", "report"),
    "government_report": ("report", "institution", "GOVDOC", "report"),
    "statistical_bulletin": ("report", "institution", "STAT", "report"),
    "reference_data": ("dataset", "organization", "DATA", "dataset"),
    "web_page": ("online", "organization", "ELEC", "webpage"),
}
LANGID = {"zh": "chinese", "en": "english"}  # biblatex/babel names
BCP47 = {"zh": "zh-CN", "en": "en"}


def _rows(sources: pd.DataFrame) -> list[dict]:
    """Rows as clean strings (no NaN, whitespace runs collapsed), sorted by source id."""
    out = []
    for row in sources.sort_values("source_id").to_dict("records"):
        out.append({k: re.sub(r"\s+", " ", "" if pd.isna(v) else str(v)).strip() for k, v in row.items()})
    return out


def _date_parts(date: str) -> list[int]:
    return [int(x) for x in date.split("-")] if date else []


def _latex_encoder():
    """pylatexenc's own escapes for the ASCII characters LaTeX treats specially; every other character
    (Chinese included) is kept as UTF-8, which biblatex/biber, Zotero and Pandoc read."""
    from pylatexenc.latexencode import (
        RULE_DICT,
        UnicodeToLatexConversionRule,
        UnicodeToLatexEncoder,
        get_builtin_uni2latex_dict,
    )

    ascii_rules = {c: r for c, r in get_builtin_uni2latex_dict().items() if c < 128}
    return UnicodeToLatexEncoder(conversion_rules=[UnicodeToLatexConversionRule(RULE_DICT, ascii_rules)],
                                 replacement_latex_protection="braces-after-macro", unknown_char_policy="keep",
                                 unknown_char_warning=False)


def bibtex(sources: pd.DataFrame) -> str:
    """The sources as biblatex entries (``@article``, ``@report``, ``@online``, ``@dataset``)."""
    import bibtexparser
    from bibtexparser.library import Library
    from bibtexparser.model import Entry, Field

    enc = _latex_encoder()
    lib = Library()
    for s in _rows(sources):
        entry_type, outlet_field, _, _ = TYPES[s["kind"]]
        fields = [("title", enc.unicode_to_latex(s["title"]))]
        if s["outlet"]:
            fields.append((outlet_field, enc.unicode_to_latex(s["outlet"])))
        if entry_type == "article" and s["kind"] == "news":
            fields.append(("entrysubtype", "newspaper"))
        if s["published"]:
            fields.append(("date", s["published"]))
        if is_web_url(s["url"]):  # anything else is never a link (a javascript: URL would run)
            fields.append(("url", s["url"]))
        if s.get("accessed"):
            fields.append(("urldate", s["accessed"]))
        fields.append(("langid", LANGID[s["language"]]))
        if s["note"]:
            fields.append(("annotation", enc.unicode_to_latex(s["note"])))
        lib.add(Entry(entry_type, s["source_id"], [Field(k, v) for k, v in fields]))
    return bibtexparser.write_string(lib)


def _ris_writer():
    from rispy.writer import RisWriter

    class PlainRisWriter(RisWriter):
        """RIS without rispy's numbered line before each record, which some importers read as text."""

        def set_header(self, count):
            return ""

    return PlainRisWriter


def ris(sources: pd.DataFrame) -> str:
    """The sources as RIS records (EndNote, Zotero, Mendeley)."""
    import rispy

    records = []
    for s in _rows(sources):
        _, _, ris_type, _ = TYPES[s["kind"]]
        r = {"type_of_reference": ris_type, "id": s["source_id"], "title": s["title"]}
        if s["outlet"]:
            r["secondary_title" if ris_type in ("NEWS", "JOUR", "ELEC") else "publisher"] = s["outlet"]
        if s["published"]:
            parts = s["published"].split("-")
            r["year"] = parts[0]
            r["date"] = "/".join(parts + [""] * (3 - len(parts))) + "/"
        if is_web_url(s["url"]):
            r["urls"] = [s["url"]]
        if s.get("accessed"):
            r["access_date"] = s["accessed"].replace("-", "/")
        r["language"] = s["language"]
        if s["note"]:
            r["notes"] = [s["note"]]
        records.append(r)
    return rispy.dumps(records, implementation=_ris_writer())


def csl(sources: pd.DataFrame) -> list[dict]:
    """The sources as CSL-JSON items (Pandoc, Zotero, citeproc)."""
    items = []
    for s in _rows(sources):
        _, _, _, csl_type = TYPES[s["kind"]]
        item = {"id": s["source_id"], "type": csl_type, "title": s["title"], "language": BCP47[s["language"]]}
        if s["outlet"]:
            item["publisher" if csl_type in ("report", "dataset") else "container-title"] = s["outlet"]
        if s["published"]:
            item["issued"] = {"date-parts": [_date_parts(s["published"])]}
        if is_web_url(s["url"]):
            item["URL"] = s["url"]
        if s.get("accessed"):
            item["accessed"] = {"date-parts": [_date_parts(s["accessed"])]}
        if s["note"]:
            item["annote"] = s["note"]
        items.append(item)
    return items


def write_citations(sources: pd.DataFrame, folder: Path) -> list[Path]:
    """Write sources.bib, sources.ris and sources.csl.json into ``folder``; return their paths."""
    texts = {"bibtex": bibtex(sources), "ris": ris(sources),
             "csl": json.dumps(csl(sources), ensure_ascii=False, indent=2) + "\n"}
    paths = []
    for fmt, text in texts.items():
        path = Path(folder) / FILES[fmt]
        path.write_text(text, encoding="utf-8", newline="\n")
        paths.append(path)
    return paths
