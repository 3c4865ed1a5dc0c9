"""The notebook parameters, declared once: the ``parameters`` section of reports.yml.

Each parameter has a label in each language and its allowed values: listed, read from a column of a CSV
file in the project (``values_from``), a ``list_of`` another parameter (with a ``minimum`` count), or a
``vocabulary`` declared in :mod:`helpers.vocabulary`, whose values and labels it then takes. ``help``
says what the parameter is for. Every reader takes its parameters from here:

- ``workbook list`` and ``workbook build`` (:mod:`helpers.site.spec`) expand the report matrices over the
  allowed values and show them through their labels in report headers and reports/index.html;
- a notebook's first cell (:func:`helpers.pages.report.start`) checks its parameters against the same
  declarations and keeps the checked values on the report (``r.model_ids``);
- the comments of each notebook's parameters cell, which ``papermill --help-notebook`` prints, are
  :func:`cell_comment` of the declaration (a test keeps them equal).

A parameter the notebooks check against a vocabulary (:data:`helpers.vocabulary.PARAMETERS`: ``lang``,
``dimension``: the values the pages have words for) may allow no value outside it.

This module is shared by every layer; it reads CSV columns with the standard library (no pandas).

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "reports.yml").write_text('''
... parameters:
...   lang: {label: {zh: 语言, en: Language}, vocabulary: languages, help: report language}
... reports: []
... ''', encoding="utf-8")
>>> p = declared(root)["lang"]
>>> p.label_of("en", "zh"), cell_comment(p)
('英文', 'report language: "zh" or "en"')
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from helpers import vocabulary as controlled
from helpers.errors import WorkbookError

SPEC_FILE = "reports.yml"
LANGS = controlled.LANGUAGES.values
TOP_KEYS = ("parameters", "reports", "timeout")  # reports.yml's sections
_PARAM_KEYS = ("label", "values", "values_from", "list_of", "vocabulary", "minimum", "help")
_SOURCES = ("values", "values_from", "list_of", "vocabulary")
_FROM_KEYS = ("csv", "column", "label")


class SpecError(WorkbookError):
    """reports.yml is missing, unreadable or invalid (bad usage: exit 2)."""

    usage = True


@dataclass(frozen=True)
class Parameter:
    """One declared parameter: what it may be and how it is shown. ``values`` maps value → {lang: label};
    a list parameter (``list_of``) takes at least ``minimum`` values of another parameter; ``help`` says
    what it is for (the notebook's parameters cell repeats it, see :func:`cell_comment`)."""

    name: str
    label: dict
    values: dict | None  # None: any value is allowed and shown as written
    list_of: str | None = None
    minimum: int = 1
    help: str = ""
    source: str = ""  # where the values come from: the CSV file, or the vocabulary's name

    def label_of(self, value, lang: str) -> str:
        labels = (self.values or {}).get(value) or {}
        return str(labels.get(lang) or value)


def _yaml():
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_spec(root: Path) -> dict:
    """The parsed reports.yml of the project at ``root``; :class:`SpecError` if missing or not YAML."""
    path = Path(root) / SPEC_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError(f"{SPEC_FILE}: not found in {root}") from None
    except UnicodeDecodeError as e:
        raise SpecError(f"{SPEC_FILE}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    yaml, _ = _yaml()
    from helpers.yamlsafe import AliasRefused, load_text

    try:
        data = load_text(text, SPEC_FILE)  # anchors and aliases refused: they could expand without bound
    except AliasRefused as e:
        raise SpecError(str(e)) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise SpecError(f"{SPEC_FILE}:{where}: not valid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise SpecError(f"{SPEC_FILE}: expected a mapping with keys {', '.join(TOP_KEYS)}")
    return data


def expect_keys(where: str, value, allowed, required=()) -> dict:
    if not isinstance(value, dict):
        raise SpecError(f"{where}: expected a mapping with keys {', '.join(allowed)}")
    for k in value:
        if k not in allowed:
            raise SpecError(f"{where}: unknown key {k!r}; allowed: {', '.join(allowed)}")
    for k in required:
        if k not in value:
            raise SpecError(f"{where}: {k!r} is missing")
    return value


def labels(where: str, value) -> dict:
    """``{zh: ..., en: ...}`` or one string used for both languages."""
    if isinstance(value, str):
        return {lang: value for lang in LANGS}
    expect_keys(where, value, LANGS, required=LANGS)
    return {lang: str(value[lang]) for lang in LANGS}


def read_column(root: Path, where: str, source: dict) -> dict:
    """value → {lang: label} from one column of a CSV file inside the project, in file order."""
    expect_keys(where, source, _FROM_KEYS, required=("csv", "column"))
    rel = str(source["csv"])
    path = (Path(root) / rel).resolve()
    if Path(root).resolve() not in path.parents:
        raise SpecError(f"{where}.csv: {rel!r} is outside the project folder")
    label_cols = labels(f"{where}.label", source.get("label", source["column"]))
    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
            header = rows[0].keys() if rows else []
    except FileNotFoundError:
        raise SpecError(f"{where}.csv: {rel} not found") from None
    except (UnicodeDecodeError, csv.Error) as e:
        raise SpecError(f"{where}.csv: {rel} is not a readable UTF-8 CSV ({e})") from None
    for col in (source["column"], *label_cols.values()):
        if col not in header:
            raise SpecError(f"{where}: {rel} has no column {col!r}; columns: {', '.join(header) or 'none'}")
    values = {}
    for row in rows:
        value = (row[source["column"]] or "").strip()
        if value and value not in values:
            values[value] = {lang: (row[c] or value) for lang, c in label_cols.items()}
    if not values:
        raise SpecError(f"{where}: {rel} column {source['column']!r} has no values")
    return values


def read_parameters(root: Path, data: dict) -> dict[str, Parameter]:
    """The ``parameters`` section of the parsed reports.yml ``data``: one :class:`Parameter` per declared
    parameter, in file order."""
    section = data.get("parameters") or {}
    if not isinstance(section, dict):
        raise SpecError(f"{SPEC_FILE}: parameters: expected a mapping of parameter name → declaration")
    vocab = {}
    for name, decl in section.items():
        where = f"{SPEC_FILE}: parameters.{name}"
        decl = expect_keys(where, decl if decl is not None else {}, _PARAM_KEYS)
        label = labels(f"{where}.label", decl.get("label", name))
        if sum(k in decl for k in _SOURCES) > 1:
            raise SpecError(f"{where}: give only one of values, values_from, list_of, vocabulary")
        values = None
        if "values" in decl:
            raw = decl["values"]
            if isinstance(raw, list):
                raw = {str(v): None for v in raw}
            if not isinstance(raw, dict) or not raw:
                raise SpecError(f"{where}.values: expected a list or a mapping value → {{zh, en}} labels")
            values = {str(v): labels(f"{where}.values.{v}", lab if lab is not None else str(v))
                      for v, lab in raw.items()}
        elif "values_from" in decl:
            values = read_column(root, f"{where}.values_from", decl["values_from"])
        elif "vocabulary" in decl:
            values = declared_values(f"{where}.vocabulary", decl["vocabulary"])
        if name in controlled.PARAMETERS:
            _within(where, name, values)
        vocab[name] = Parameter(name, label, values, decl.get("list_of"), _minimum(where, decl),
                                _help(where, decl), _source(decl))
    for v in vocab.values():
        if v.list_of is not None and (v.list_of not in vocab or vocab[v.list_of].list_of):
            raise SpecError(f"{SPEC_FILE}: parameters.{v.name}.list_of: {v.list_of!r} is not a declared "
                            f"single-valued parameter; declared: {', '.join(vocab)}")
    return vocab


def declared_values(where: str, name) -> dict:
    """value → {lang: label} of the vocabulary ``name`` declared in :mod:`helpers.vocabulary`.

    >>> declared_values("x", "report_dimensions")["funding"]
    {'zh': '资金投入', 'en': 'Funding'}
    """
    if not isinstance(name, str) or name not in controlled.names():
        raise SpecError(f"{where}: {name!r} is not a vocabulary declared in helpers/vocabulary.py; declared: "
                        f"{', '.join(controlled.names())}")
    v = controlled.by_name(name)
    return {value: dict(zip(controlled.LANG_CODES, v[value])) for value in v.values}


def _within(where: str, name: str, values: dict | None) -> None:
    """A parameter the notebooks check against a vocabulary must allow only values of that vocabulary."""
    v = controlled.PARAMETERS[name]
    if values is None:
        raise SpecError(f"{where}: {name} needs its values; give vocabulary: {v.name}")
    for value in values:
        if value not in v:
            raise SpecError(f"{where}: {name} value {value!r} is not in vocabulary {v.name} "
                            f"(helpers/vocabulary.py); allowed: {', '.join(v.values)}")


def check_value(where: str, vocab: dict[str, Parameter], name: str, value):
    """``value`` if ``name`` is declared and allows it, else :class:`SpecError` naming the allowed values."""
    if name not in vocab:
        raise SpecError(f"{where}: unknown parameter {name!r}; declared in parameters: "
                        f"{', '.join(vocab) or 'none'}")
    v = vocab[name]
    if v.list_of:
        if not isinstance(value, list) or len(value) < v.minimum or not value:
            size = "non-empty list of" if v.minimum <= 1 else f"list of at least {v.minimum}"
            raise SpecError(f"{where}: {name} must be a {size} {v.list_of} values")
        return [check_value(f"{where}[{i}]", {v.list_of: vocab[v.list_of]}, v.list_of, item)
                for i, item in enumerate(value)]
    if isinstance(value, (dict, list)) or value is None:
        raise SpecError(f"{where}: {name} must be a single value, not {value!r}")
    value = value if isinstance(value, (bool, int, float)) else str(value)
    if v.values is not None and str(value) not in v.values:
        raise SpecError(f"{where}: {name}={value!r} is not allowed; allowed: {', '.join(v.values)}")
    return value


def _minimum(where: str, decl: dict) -> int:
    value = decl.get("minimum", 1)
    if "minimum" in decl and "list_of" not in decl:
        raise SpecError(f"{where}.minimum: only a list parameter (list_of) takes a minimum")
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SpecError(f"{where}.minimum: expected a whole number of at least 1, got {value!r}")
    return value


def _help(where: str, decl: dict) -> str:
    value = decl.get("help", "")
    if not isinstance(value, str):
        raise SpecError(f"{where}.help: expected one line of text, got {value!r}")
    return value.strip()


def _source(decl: dict) -> str:
    if "values_from" in decl and isinstance(decl["values_from"], dict):
        return str(decl["values_from"].get("csv", ""))
    return str(decl.get("vocabulary", ""))


def declared(root: str | Path) -> dict[str, Parameter]:
    """The parameters reports.yml of the project at ``root`` declares (:class:`SpecError` if it cannot be read)."""
    root = Path(root)
    return read_parameters(root, read_spec(root))


def cell_comment(p: Parameter) -> str:
    """The comment of ``p``'s line in a notebook's parameters cell (what ``papermill --help-notebook`` shows):
    its ``help`` and where its values come from.

    >>> lang = Parameter("lang", {}, {"zh": {}, "en": {}}, help="report language")
    >>> ids = Parameter("model_ids", {}, None, list_of="model_id", minimum=2, help="models to compare")
    >>> cell_comment(lang), cell_comment(ids)
    ('report language: "zh" or "en"', 'models to compare (2 or more ids)')
    """
    if p.list_of:
        return f"{p.help} ({p.minimum} or more ids)"
    if p.source.endswith(".csv"):
        return f"{p.help} (an id from {p.source})"
    if p.values:
        quoted = [f'"{v}"' for v in p.values]
        listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
        return f"{p.help}: {listed}"
    return p.help


def cell_type(p: Parameter) -> str:
    """The type annotation of ``p`` in a parameters cell: ``list`` for a list parameter, else ``str``."""
    return "list" if p.list_of else "str"
