"""Check notebook parameters. Papermill only logs an unknown parameter; a notebook checks its own.

The allowed values of ``lang`` and ``dimension`` are declared in :data:`helpers.vocabulary.PARAMETERS`.

>>> from helpers.vocabulary import LANGUAGES
>>> check_choice("lang", "zh", LANGUAGES.values)
'zh'
>>> check_choice("lang", "fr", LANGUAGES.values)
Traceback (most recent call last):
...
helpers.pages.params.ParameterError: parameter lang='fr' is not allowed; allowed values: zh, en
"""

from __future__ import annotations

from helpers.errors import WorkbookError


class ParameterError(WorkbookError, ValueError):
    r"""A notebook parameter has a value outside its allowed set.

    In Jupyter (JupyterLab, papermill) the error shows as this one line, not a traceback into this
    module: IPython calls ``_render_traceback_`` to draw an exception. The cell still fails, so a
    papermill run stops with a nonzero exit and the build writes its failure page.

    >>> ParameterError("parameter lang='fr' is not allowed; allowed values: zh, en")._render_traceback_()
    ["\x1b[0;31mParameterError\x1b[0m: parameter lang='fr' is not allowed; allowed values: zh, en"]
    """

    def _render_traceback_(self) -> list[str]:
        return [f"\x1b[0;31m{type(self).__name__}\x1b[0m: {self}"]


def check_choice(name: str, value, allowed):
    """Return ``value`` if it is one of ``allowed``; otherwise raise one clear :class:`ParameterError`."""
    if value not in allowed:
        raise ParameterError(f"parameter {name}={value!r} is not allowed; allowed values: "
                             + ", ".join(map(str, allowed)))
    return value


def check_choices(name: str, values, allowed, minimum: int = 1) -> list:
    """Every item of a list parameter must be allowed, with no repeats and at least ``minimum`` items."""
    if isinstance(values, str) or not hasattr(values, "__iter__"):
        raise ParameterError(f"parameter {name}={values!r} must be a list, e.g. {list(allowed)[:2]!r}")
    values = list(values)
    if len(values) < minimum:
        raise ParameterError(f"parameter {name}={values!r} needs at least {minimum} value(s); allowed values: "
                             + ", ".join(map(str, allowed)))
    if len(set(values)) != len(values):
        raise ParameterError(f"parameter {name}={values!r} repeats a value")
    for v in values:
        if v not in allowed:
            raise ParameterError(f"parameter {name} contains {v!r}, which is not allowed; allowed values: "
                                 + ", ".join(map(str, allowed)))
    return values
