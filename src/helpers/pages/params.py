"""Check notebook parameters. Papermill only logs an unknown parameter; a notebook checks its own.

The parameters and their allowed values are declared once, in reports.yml (:mod:`helpers.parameters`);
:func:`check_parameters` checks a notebook's values against those declarations.

>>> from helpers.vocabulary import LANGUAGES
>>> check_choice("lang", "zh", LANGUAGES.values)
'zh'
>>> check_choice("lang", "fr", LANGUAGES.values)
Traceback (most recent call last):
...
helpers.pages.params.ParameterError: parameter lang='fr' is not allowed; allowed values: zh, en
"""

from __future__ import annotations

from collections.abc import Mapping

from helpers.errors import WorkbookError
from helpers.parameters import Parameter


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
    """Every item of a list parameter must be allowed, with no repeats and at least ``minimum`` items.

    An unknown item is named before the count is judged (``model_ids=['nope']`` names 'nope'), and a list that
    arrived as text (papermill's ``-p`` passes text) points to ``-y``.

    >>> check_choices("model_ids", ["nope"], ["qingdao", "hunan_he"], minimum=2)
    Traceback (most recent call last):
    ...
    helpers.pages.params.ParameterError: parameter model_ids contains 'nope', which is not allowed; allowed values: qingdao, hunan_he
    >>> check_choices("model_ids", "['qingdao']", ["qingdao", "hunan_he"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.pages.params.ParameterError: parameter model_ids="['qingdao']" is text, not a list: papermill's -p passes text; pass a list with -y "model_ids: [qingdao, hunan_he]" ...
    """
    example = list(allowed)[:max(2, minimum)]
    if isinstance(values, str):
        raise ParameterError(f"parameter {name}={values!r} is text, not a list: papermill's -p passes text; "
                             f"pass a list with -y \"{name}: [{', '.join(map(str, example))}]\" "
                             f"(or in Python: {name}={example!r})".replace(f"{name}='{values}'",
                                                                          f'{name}="{values}"'))
    if not hasattr(values, "__iter__"):
        raise ParameterError(f"parameter {name}={values!r} must be a list, e.g. {example!r}")
    values = list(values)
    for v in values:
        if v not in allowed:
            raise ParameterError(f"parameter {name} contains {v!r}, which is not allowed; allowed values: "
                                 + ", ".join(map(str, allowed)))
    if len(values) < minimum:
        raise ParameterError(f"parameter {name}={values!r} needs at least {minimum} value(s); allowed values: "
                             + ", ".join(map(str, allowed)))
    if len(set(values)) != len(values):
        raise ParameterError(f"parameter {name}={values!r} repeats a value")
    return values


def check_parameters(declared: Mapping[str, Parameter], given: dict) -> dict:
    """The ``given`` parameters, each checked against its declaration, in declaration order.

    A single value must be one of the declared values; a list parameter (``list_of``) needs at least its
    ``minimum`` of its item's values, no repeats; a parameter declared without values takes any value. An
    undeclared name raises :class:`ParameterError` naming the declared ones.

    >>> lang = Parameter("lang", {}, {"zh": {}, "en": {}})
    >>> check_parameters({"lang": lang}, {"lang": "en"})
    {'lang': 'en'}
    >>> check_parameters({"lang": lang}, {"lang": "en", "colour": "red"})
    Traceback (most recent call last):
    ...
    helpers.pages.params.ParameterError: unknown parameter 'colour'; known: lang
    """
    checked = {}
    for name, value in given.items():
        p = declared.get(name)
        if p is None:
            raise ParameterError(f"unknown parameter {name!r}; known: {', '.join(declared)}")
        if p.list_of:
            item = declared[p.list_of]
            allowed = list(item.values) if item.values is not None else value  # no values declared: any
            checked[name] = check_choices(name, value, allowed, minimum=p.minimum)
        elif p.values is not None:
            checked[name] = check_choice(name, value, list(p.values))
        else:
            checked[name] = value
    return {name: checked[name] for name in declared if name in checked}
