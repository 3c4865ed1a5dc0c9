"""The build's exceptions. The CLI prints ``str(error)`` as one line on stderr; no tracebacks.

>>> try:
...     raise SpecError("reports.yml: reports[0]: 'notebook' is missing")
... except WorkbookError as e:
...     print(e)
reports.yml: reports[0]: 'notebook' is missing
"""

from __future__ import annotations

from helpers.errors import WorkbookError
from helpers.parameters import SpecError  # reports.yml is invalid (exit 2); raised where it is read

__all__ = ["BuildError", "BuildLocked", "SpecError", "UnknownReport"]


class BuildError(WorkbookError):
    """Base class of the build's errors: something the user can fix; the message says what and where."""

    usage = True  # exit 2 unless a subclass says otherwise


class UnknownReport(BuildError):
    """A report id given on the command line is not in the expanded report set (exit 2)."""


class BuildLocked(BuildError):
    """Another build of the same project holds the build lock (exit 1)."""

    usage = False
