"""reports.yml: declare the reports once, expand the matrices, validate everything with clear errors.

The file has two sections. ``parameters`` declares every notebook parameter the reports use, once: its
label in each language and its allowed values (read by :mod:`helpers.parameters`, which the notebooks'
parameter check reads too). ``reports`` lists report entries; an entry's ``matrix`` expands it into one report per combination of values, so a new row in ``data/raw/models.csv`` adds
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

import dataclasses
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers.parameters import (
    LANGS,
    SPEC_FILE,
    TOP_KEYS,
    Parameter,
    SpecError,
    check_value,
    expect_keys,
    labels,
    read_parameters,
    read_spec,
)

ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::(zh|en))?\}")
_REPORT_KEYS = ("id", "notebook", "title", "group", "parameters", "matrix", "timeout")
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


def _fill(where: str, template: str, params: dict, vocab: dict[str, Parameter]) -> str:
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


def display_value(vocab: dict[str, Parameter], name: str, value, lang: str) -> str:
    """A parameter value as a reader sees it, e.g. ``青岛模式`` for ``model_id='qingdao'``."""
    v = vocab[name]
    if v.list_of:
        return _LIST_SEP[lang].join(vocab[v.list_of].label_of(str(x), lang) for x in value)
    return v.label_of(str(value), lang)


def _matrix(where: str, matrix, vocab: dict[str, Parameter]) -> list[tuple[str, list]]:
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


def expand_entry(i: int, entry, vocab: dict[str, Parameter]) -> list[ReportSpec]:
    """The reports one ``reports[i]`` entry stands for (one, or one per matrix combination)."""
    where = f"{SPEC_FILE}: reports[{i}]"
    entry = expect_keys(where, entry, _REPORT_KEYS, required=("id", "notebook", "title"))
    where = f"{where} ({entry['id']})"
    fixed = entry.get("parameters") or {}
    if not isinstance(fixed, dict):
        raise SpecError(f"{where}.parameters: expected a mapping parameter → value")
    fixed = {k: check_value(f"{where}.parameters.{k}", vocab, k, v) for k, v in fixed.items()}
    axes = _matrix(f"{where}.matrix", entry.get("matrix"), vocab)
    for name, _ in axes:
        if name in fixed:
            raise SpecError(f"{where}: {name!r} is both a fixed parameter and a matrix axis")
    titles = labels(f"{where}.title", entry["title"])
    group = labels(f"{where}.group", entry["group"]) if "group" in entry else {}
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
    expect_keys(SPEC_FILE, data, TOP_KEYS, required=("reports",))
    vocab = read_parameters(root, data)
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
    helpers.parameters.SpecError: reports.yml: reports[0].notebook: '../../etc/x.ipynb' is outside the project folder
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
    helpers.parameters.SpecError: reports.yml: timeout: expected seconds per cell (a number above 0), got 'ten'
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
