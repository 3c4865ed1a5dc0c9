"""reports.yml: declare the reports once, expand the matrices, validate everything with clear errors.

The file has two sections. ``parameters`` declares every notebook parameter the reports use: its
label in each language and its allowed values (listed, read from a column of a CSV file in the
project, ``list_of`` another parameter, or a ``vocabulary`` declared in :mod:`helpers.vocabulary`,
whose values and labels it then takes). A parameter the notebooks check against a vocabulary
(:data:`helpers.vocabulary.PARAMETERS`: ``lang``, ``dimension``) may allow no value outside it.
``reports`` lists report entries; an entry's ``matrix`` expands it into one report per combination of values, so a new row in ``data/raw/models.csv`` adds
its profile reports with no edit to reports.yml. ``{name}`` in an id or title is replaced by the
value, ``{name:zh}`` / ``{name:en}`` by its label.

>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "reports.yml").write_text('''
... parameters:
...   lang: {label: {zh: 语言, en: Language}, values: {zh: {zh: 中文, en: Chinese}, en: {zh: 英文, en: English}}}
... reports:
...   - id: overview-{lang}
...     notebook: notebooks/01_overview.ipynb
...     title: {zh: 总览, en: Overview}
...     matrix: {lang: all}
... ''', encoding="utf-8")
>>> [(r.id, r.title, r.parameters) for r in load_reports(root)]
[('overview-zh', '总览', {'lang': 'zh'}), ('overview-en', 'Overview', {'lang': 'en'})]

Reading the CSV columns uses the standard library's ``csv`` with every cell kept as text (what
``pandas.read_csv(dtype=str, keep_default_na=False)`` gives), so ``workbook list`` and a no-change
``workbook build`` never pay for importing pandas.
"""

from __future__ import annotations

import csv
import dataclasses
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers import vocabulary as controlled
from helpers.site.errors import SpecError

SPEC_FILE = "reports.yml"
LANGS = controlled.LANGUAGES.values
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::(zh|en))?\}")
_TOP_KEYS = ("parameters", "reports", "timeout")
_REPORT_KEYS = ("id", "notebook", "title", "group", "parameters", "matrix", "timeout")
_PARAM_KEYS = ("label", "values", "values_from", "list_of", "vocabulary")
_FROM_KEYS = ("csv", "column", "label")
_LIST_SEP = {"zh": "、", "en": ", "}


@dataclass(frozen=True)
class ReportSpec:
    """One report: a notebook run with one set of parameters.

    ``display`` holds (label, value) pairs in the report's language for the header and the index.
    ``group`` ({zh, en} labels) is the heading the index lists the report under; it is not part of the
    report's content, so renaming a group rebuilds nothing.
    """

    id: str
    title: str
    notebook: str
    parameters: dict = field(hash=False)
    lang: str = "zh"
    display: tuple = ()
    group: dict = field(default_factory=dict, hash=False, compare=False)
    timeout: float | None = field(default=None, compare=False)  # seconds per cell; None: the build's default

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "notebook": self.notebook,
                "parameters": self.parameters, "lang": self.lang,
                "display": [list(pair) for pair in self.display]}


@dataclass(frozen=True)
class Vocabulary:
    """What one parameter may be and how it is shown: ``values`` maps value → {lang: label}."""

    name: str
    label: dict
    values: dict | None  # None: any value is allowed and shown as written
    list_of: str | None = None

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
        raise SpecError(f"{SPEC_FILE}: expected a mapping with keys {', '.join(_TOP_KEYS)}")
    return data


def _keys(where: str, value, allowed, required=()) -> dict:
    if not isinstance(value, dict):
        raise SpecError(f"{where}: expected a mapping with keys {', '.join(allowed)}")
    for k in value:
        if k not in allowed:
            raise SpecError(f"{where}: unknown key {k!r}; allowed: {', '.join(allowed)}")
    for k in required:
        if k not in value:
            raise SpecError(f"{where}: {k!r} is missing")
    return value


def _labels(where: str, value) -> dict:
    """``{zh: ..., en: ...}`` or one string used for both languages."""
    if isinstance(value, str):
        return {lang: value for lang in LANGS}
    _keys(where, value, LANGS, required=LANGS)
    return {lang: str(value[lang]) for lang in LANGS}


def read_column(root: Path, where: str, source: dict) -> dict:
    """value → {lang: label} from one column of a CSV file inside the project, in file order."""
    _keys(where, source, _FROM_KEYS, required=("csv", "column"))
    rel = str(source["csv"])
    path = (Path(root) / rel).resolve()
    if Path(root).resolve() not in path.parents:
        raise SpecError(f"{where}.csv: {rel!r} is outside the project folder")
    label_cols = _labels(f"{where}.label", source.get("label", source["column"]))
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


def read_vocabularies(root: Path, data: dict) -> dict[str, Vocabulary]:
    """The ``parameters`` section: one :class:`Vocabulary` per declared parameter."""
    section = data.get("parameters") or {}
    if not isinstance(section, dict):
        raise SpecError(f"{SPEC_FILE}: parameters: expected a mapping of parameter name → declaration")
    vocab = {}
    for name, decl in section.items():
        where = f"{SPEC_FILE}: parameters.{name}"
        decl = _keys(where, decl if decl is not None else {}, _PARAM_KEYS)
        label = _labels(f"{where}.label", decl.get("label", name))
        if sum(k in decl for k in ("values", "values_from", "list_of", "vocabulary")) > 1:
            raise SpecError(f"{where}: give only one of values, values_from, list_of, vocabulary")
        values = None
        if "values" in decl:
            raw = decl["values"]
            if isinstance(raw, list):
                raw = {str(v): None for v in raw}
            if not isinstance(raw, dict) or not raw:
                raise SpecError(f"{where}.values: expected a list or a mapping value → {{zh, en}} labels")
            values = {str(v): _labels(f"{where}.values.{v}", lab if lab is not None else str(v))
                      for v, lab in raw.items()}
        elif "values_from" in decl:
            values = read_column(root, f"{where}.values_from", decl["values_from"])
        elif "vocabulary" in decl:
            values = declared_values(f"{where}.vocabulary", decl["vocabulary"])
        if name in controlled.PARAMETERS:
            _within(where, name, values)
        vocab[name] = Vocabulary(name, label, values, decl.get("list_of"))
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


def check_value(where: str, vocab: dict[str, Vocabulary], name: str, value):
    """``value`` if ``name`` is declared and allows it, else :class:`SpecError` naming the allowed values."""
    if name not in vocab:
        raise SpecError(f"{where}: unknown parameter {name!r}; declared in parameters: "
                        f"{', '.join(vocab) or 'none'}")
    v = vocab[name]
    if v.list_of:
        if not isinstance(value, list) or not value:
            raise SpecError(f"{where}: {name} must be a non-empty list of {v.list_of} values")
        return [check_value(f"{where}[{i}]", {v.list_of: vocab[v.list_of]}, v.list_of, item)
                for i, item in enumerate(value)]
    if isinstance(value, (dict, list)) or value is None:
        raise SpecError(f"{where}: {name} must be a single value, not {value!r}")
    value = value if isinstance(value, (bool, int, float)) else str(value)
    if v.values is not None and str(value) not in v.values:
        raise SpecError(f"{where}: {name}={value!r} is not allowed; allowed: {', '.join(v.values)}")
    return value


def _fill(where: str, template: str, params: dict, vocab: dict[str, Vocabulary]) -> str:
    def one(m):
        name, lang = m.group(1), m.group(2)
        if name not in params:
            raise SpecError(f"{where}: unknown placeholder {m.group(0)}; parameters of this report: "
                            f"{', '.join(params) or 'none'}")
        value = params[name]
        if lang is None:
            return "-".join(map(str, value)) if isinstance(value, list) else str(value)
        return display_value(vocab, name, value, lang)

    return _PLACEHOLDER.sub(one, str(template))


def display_value(vocab: dict[str, Vocabulary], name: str, value, lang: str) -> str:
    """A parameter value as a reader sees it, e.g. ``青岛模式`` for ``model_id='qingdao'``."""
    v = vocab[name]
    if v.list_of:
        return _LIST_SEP[lang].join(vocab[v.list_of].label_of(str(x), lang) for x in value)
    return v.label_of(str(value), lang)


def _matrix(where: str, matrix, vocab: dict[str, Vocabulary]) -> list[tuple[str, list]]:
    if matrix is None:
        return []
    if not isinstance(matrix, dict):
        raise SpecError(f"{where}: expected a mapping parameter → list of values or 'all'")
    axes = []
    for name, values in matrix.items():
        w = f"{where}.{name}"
        if name not in vocab:
            raise SpecError(f"{w}: unknown parameter {name!r}; declared in parameters: {', '.join(vocab)}")
        if values == "all":
            if vocab[name].values is None:
                raise SpecError(f"{w}: 'all' needs the parameter to declare values or values_from")
            values = list(vocab[name].values)
        if not isinstance(values, list) or not values:
            raise SpecError(f"{w}: expected a non-empty list of values or 'all'")
        axes.append((name, [check_value(f"{w}[{i}]", vocab, name, x) for i, x in enumerate(values)]))
    return axes


def expand_entry(i: int, entry, vocab: dict[str, Vocabulary]) -> list[ReportSpec]:
    """The reports one ``reports[i]`` entry stands for (one, or one per matrix combination)."""
    where = f"{SPEC_FILE}: reports[{i}]"
    entry = _keys(where, entry, _REPORT_KEYS, required=("id", "notebook", "title"))
    where = f"{where} ({entry['id']})"
    fixed = entry.get("parameters") or {}
    if not isinstance(fixed, dict):
        raise SpecError(f"{where}.parameters: expected a mapping parameter → value")
    fixed = {k: check_value(f"{where}.parameters.{k}", vocab, k, v) for k, v in fixed.items()}
    axes = _matrix(f"{where}.matrix", entry.get("matrix"), vocab)
    for name, _ in axes:
        if name in fixed:
            raise SpecError(f"{where}: {name!r} is both a fixed parameter and a matrix axis")
    titles = _labels(f"{where}.title", entry["title"])
    group = _labels(f"{where}.group", entry["group"]) if "group" in entry else {}
    reports = []
    for combo in itertools.product(*(values for _, values in axes)):
        params = dict(fixed)
        params.update(zip((name for name, _ in axes), combo))
        # Declaration order in the parameters section: readable and stable.
        params = {k: params[k] for k in vocab if k in params}
        lang = str(params.get("lang", "zh"))
        if lang not in LANGS:
            raise SpecError(f"{where}: lang={lang!r} is not allowed; allowed: {', '.join(LANGS)}")
        rid = _fill(f"{where}.id", entry["id"], params, vocab)
        if not ID_RE.match(rid):
            raise SpecError(f"{where}.id: {rid!r} is not a valid report id (lowercase letters, digits, "
                            f"'-', '_', '.'; it names the file reports/<id>.html)")
        display = tuple((vocab[k].label[lang], display_value(vocab, k, v, lang)) for k, v in params.items())
        reports.append(ReportSpec(id=rid, title=_fill(f"{where}.title", titles[lang], params, vocab),
                              notebook=str(entry["notebook"]), parameters=params, lang=lang,
                              display=display, group=group,
                              timeout=cell_timeout(f"{where}.timeout", entry.get("timeout"))))
    return reports


def load_reports(root: str | Path) -> list[ReportSpec]:
    """Every report reports.yml declares, matrices expanded, in file order; ids are unique."""
    root = Path(root)
    data = read_spec(root)
    _keys(SPEC_FILE, data, _TOP_KEYS, required=("reports",))
    vocab = read_vocabularies(root, data)
    entries = data["reports"]
    if not isinstance(entries, list) or not entries:
        raise SpecError(f"{SPEC_FILE}: reports: expected a non-empty list of report entries")
    default_timeout = cell_timeout(f"{SPEC_FILE}: timeout", data.get("timeout"))
    reports, seen = [], {}
    for i, entry in enumerate(entries):
        expanded = expand_entry(i, entry, vocab)
        confined_notebook(root, f"{SPEC_FILE}: reports[{i}] ({entry['id']}).notebook", entry["notebook"])
        for r in expanded:
            if r.timeout is None and default_timeout is not None:
                r = dataclasses.replace(r, timeout=default_timeout)
            if r.id in seen:
                raise SpecError(f"{SPEC_FILE}: reports[{i}]: report id {r.id!r} is already used by "
                                f"reports[{seen[r.id]}]")
            seen[r.id] = i
            reports.append(r)
    return reports


def confined_notebook(root: Path, where: str, notebook) -> Path:
    """The notebook's path, which must lie inside the project folder (symlinks resolved): a build runs it.

    >>> import tempfile; root = Path(tempfile.mkdtemp())
    >>> confined_notebook(root, "reports.yml: reports[0].notebook", "../../etc/x.ipynb")
    Traceback (most recent call last):
    ...
    helpers.site.errors.SpecError: reports.yml: reports[0].notebook: '../../etc/x.ipynb' is outside the project folder
    """
    rel = str(notebook)
    top = Path(root).resolve()
    path = (top / rel).resolve()
    if top not in path.parents:
        raise SpecError(f"{where}: {rel!r} is outside the project folder")
    return path


def cell_timeout(where: str, value) -> float | None:
    """A ``timeout`` in reports.yml: seconds a cell may run before its report fails (a number > 0), or None.

    >>> cell_timeout("reports.yml: timeout", 90), cell_timeout("x", None)
    (90.0, None)
    >>> cell_timeout("reports.yml: timeout", "ten")
    Traceback (most recent call last):
    ...
    helpers.site.errors.SpecError: reports.yml: timeout: expected seconds per cell (a number above 0), got 'ten'
    """
    import math

    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise SpecError(f"{where}: expected seconds per cell (a number above 0), got {value!r}")
    return float(value)


def spec_problems(root: Path) -> list[str]:
    """What ``workbook check`` says about reports.yml against the data: the first error :func:`load_reports`
    finds (a model id reports.yml names that data/raw/models.csv no longer has, a notebook outside the
    project), and every notebook it names that is missing. Empty when there is no reports.yml.

    >>> import tempfile; spec_problems(Path(tempfile.mkdtemp()))
    []
    """
    if not (Path(root) / SPEC_FILE).is_file():
        return []
    from helpers.errors import WorkbookError

    try:
        reports = load_reports(root)
    except WorkbookError as e:
        return [str(e)]
    missing = sorted({r.notebook for r in reports if not (Path(root) / r.notebook).is_file()})
    return [f"{SPEC_FILE}: notebook {nb} not found" for nb in missing]


def select(reports: list[ReportSpec], patterns: list[str]) -> list[ReportSpec]:
    """The reports whose id matches one of ``patterns`` (exact ids or shell globs like ``profile-*``).

    >>> rs = [ReportSpec("a-zh", "A", "a.ipynb", {}), ReportSpec("b-zh", "B", "b.ipynb", {})]
    >>> [r.id for r in select(rs, ["b-*"])]
    ['b-zh']
    """
    import fnmatch

    from helpers.site.errors import UnknownReport

    if not patterns:
        return list(reports)
    chosen = set()
    for p in patterns:
        hits = {r.id for r in reports if fnmatch.fnmatchcase(r.id, p)}
        if not hits:
            import difflib

            close = difflib.get_close_matches(p, [r.id for r in reports], n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else "; `workbook list` shows the ids"
            raise UnknownReport(f"no report matches {p!r}{hint}")
        chosen |= hits
    return [r for r in reports if r.id in chosen]
