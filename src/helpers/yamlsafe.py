"""Read a small YAML file that a user edits (reports.yml, CITATION.cff, data/licence.yml) without aliases.

YAML anchors and aliases (``&a`` … ``*a``) let a 1 KB file expand into gigabytes ("billion laughs"): a
build or ``workbook list`` would hang and eat memory. None of the workbook's files needs them, so they are
refused before anything is built from the file, with the line and column of the first one.

>>> load_text("a: 1\\nb: [x, y]\\n", "f.yml")
{'a': 1, 'b': ['x', 'y']}
>>> load_text("a: &x [1]\\nb: *x\\n", "f.yml")
Traceback (most recent call last):
...
helpers.yamlsafe.AliasRefused: f.yml: line 1, column 4: YAML anchors and aliases (&name, *name) are not allowed
"""

from __future__ import annotations

from helpers.errors import WorkbookError


class AliasRefused(WorkbookError):
    """The file uses YAML anchors or aliases (bad usage: exit 2)."""

    usage = True


def _yaml():
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def refuse_aliases(text: str, where: str) -> None:
    """Raise :class:`AliasRefused` at the first anchor or alias in ``text`` (parsing events only: no
    node is built, so nothing expands). A YAML syntax error is left to the loader to report."""
    yaml, loader = _yaml()
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                mark = event.start_mark
                raise AliasRefused(f"{where}: line {mark.line + 1}, column {mark.column + 1}: YAML anchors and "
                                   "aliases (&name, *name) are not allowed")
    except yaml.YAMLError:
        return


def load_text(text: str, where: str):
    """``yaml.safe_load(text)`` after :func:`refuse_aliases`; YAML errors propagate as ``yaml.YAMLError``."""
    refuse_aliases(text, where)
    yaml, loader = _yaml()
    return yaml.load(text, Loader=loader)
