"""How to cite the workbook: read ``CITATION.cff`` once and say it in a report's language.

``CITATION.cff`` writes bilingual values as ``中文 · English``; :func:`in_language` picks the part for a
page, so Chinese pages stay Chinese. The footer of every report adds the data version (the hash of
``data/raw/``), so a reader can tell which data a figure came from.

>>> c = Citation(title="工作簿 · Workbook", authors=("项目组 · Team",), version="0.1.0")
>>> citation_text(c, "zh", "abc123")
'项目组。《工作簿》,版本 0.1.0,数据版本 abc123。'
>>> citation_text(c, "en", "abc123")
'Team. Workbook. Version 0.1.0, data version abc123.'
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from helpers.errors import WorkbookError

CFF = "CITATION.cff"
_HAN = re.compile(r"[\u4e00-\u9fff]")
SOURCE_FILES = "data/processed/sources.bib, sources.ris, sources.csl.json"


@dataclass(frozen=True)
class Citation:
    title: str
    authors: tuple[str, ...] = ()
    version: str = ""
    year: str = ""
    url: str = ""
    doi: str = ""


class MetadataError(WorkbookError, ValueError):
    """A project metadata file (CITATION.cff, data/licence.yml) cannot be read; the message names it."""


class CitationError(MetadataError):
    """CITATION.cff exists but cannot be read: the message names the file and the problem."""


def read_metadata(path: Path, error: type[MetadataError]):
    """The YAML in ``path`` (``{}`` when empty), or None when there is no such file; bad YAML raises ``error``
    naming the file. Shared by CITATION.cff and data/licence.yml."""
    import yaml

    from helpers.yamlsafe import AliasRefused, load_text

    if not path.exists():
        return None
    try:
        return load_text(path.read_text(encoding="utf-8"), str(path)) or {}
    except yaml.YAMLError as e:
        raise error(f"{path}: not valid YAML ({e})") from None
    except AliasRefused as e:  # anchors could expand without bound
        raise error(str(e)) from None


def load(root) -> Citation | None:
    """The citation in ``root/CITATION.cff``, or None when the project has none."""
    path = Path(root) / CFF
    data = read_metadata(path, CitationError)
    if data is None:
        return None
    if not isinstance(data, dict) or not data.get("title"):
        raise CitationError(f"{path}: needs a title")
    authors = tuple(_person(a) for a in data.get("authors") or [] if isinstance(a, dict))
    return Citation(title=str(data["title"]), authors=tuple(a for a in authors if a),
                    version=str(data.get("version") or ""), year=str(data.get("date-released") or "")[:4],
                    url=str(data.get("url") or data.get("repository-code") or ""), doi=str(data.get("doi") or ""))


def _person(a: dict) -> str:
    if a.get("name"):
        return str(a["name"])
    return " ".join(str(a[k]) for k in ("given-names", "name-particle", "family-names") if a.get(k))


def in_language(text: str, lang: str) -> str:
    """The ``lang`` part of a ``中文 · English`` value; the whole value when it is not bilingual.

    >>> in_language("工作簿 · Workbook", "zh"), in_language("工作簿 · Workbook", "en"), in_language("Data", "zh")
    ('工作簿', 'Workbook', 'Data')
    """
    parts = [p.strip() for p in text.split(" · ")]
    if len(parts) != 2:
        return text
    zh = [p for p in parts if _HAN.search(p)]
    other = [p for p in parts if not _HAN.search(p)]
    if len(zh) != 1 or len(other) != 1:
        return text
    return zh[0] if lang == "zh" else other[0]


def citation_text(c: Citation, lang: str, data_hash: str) -> str:
    """One citation line in ``lang``, with the data version."""
    title = in_language(c.title, lang)
    if lang == "zh":
        authors = "、".join(in_language(a, lang) for a in c.authors)
        parts = [f"《{title}》"] + ([f"版本 {c.version}"] if c.version else []) + [f"数据版本 {data_hash}"]
        head = (authors + (f"({c.year})" if c.year else "") + "。") if authors else ""
        tail = (f" {c.doi}" if c.doi else "") + (f" {c.url}" if c.url else "")
        return head + ",".join(parts) + "。" + tail.strip()
    authors = ", ".join(in_language(a, lang) for a in c.authors)
    head = (authors + (f" ({c.year})" if c.year else "") + ". ") if authors else ""
    version = f"Version {c.version}, data version {data_hash}." if c.version else f"Data version {data_hash}."
    tail = "".join(f" {x}" for x in (f"https://doi.org/{c.doi}" if c.doi else "", c.url) if x)
    return f"{head}{title}. {version}{tail}"


WORDS = {
    "zh": {"how": "如何引用", "sources": "各来源的引文(BibTeX、RIS、CSL-JSON)见 "},
    "en": {"how": "How to cite", "sources": "Citations of every source (BibTeX, RIS, CSL-JSON): "},
}


def footer_html(c: Citation | None, lang: str, data_hash: str) -> str:
    """The "How to cite" block at the foot of a report; every value is escaped. Empty without a citation."""
    if c is None:
        return ""
    w = WORDS.get(lang, WORDS["en"])
    e = html.escape
    return (f'<footer class="wb-cite-footer" lang="{e(lang)}"><h2>{e(w["how"])}</h2>'
            f"<p>{e(citation_text(c, lang, data_hash))}</p>"
            f'<p class="wb-meta">{e(w["sources"])}<code>{e(SOURCE_FILES)}</code></p></footer>')
