"""The build's exceptions. The CLI prints ``str(error)`` as one line on stderr; no tracebacks.

>>> try:
...     raise SpecError("reports.yml: reports[0]: 'notebook' is missing")
... except BuildError as e:
...     print(e)
reports.yml: reports[0]: 'notebook' is missing
"""

from __future__ import annotations

from helpers.errors import WorkbookError


class BuildError(WorkbookError):
    """Base class of the build's errors: something the user can fix; the message says what and where."""

    usage = True  # exit 2 unless a subclass says otherwise


class SpecError(BuildError):
    """reports.yml is missing, unreadable or invalid (exit 2)."""


class UnknownReport(BuildError):
    """A report id given on the command line is not in the expanded report set (exit 2)."""


class BuildLocked(BuildError):
    """Another build of the same project holds the build lock (exit 1)."""

    usage = False
