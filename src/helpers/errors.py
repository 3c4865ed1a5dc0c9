"""The one base of every error a user can cause and fix: bad data, a bad parameter, a missing project.

The ``workbook`` command (:func:`helpers.cli.main`) catches :class:`WorkbookError` in one place and prints
it as one line on stderr, ``workbook COMMAND: message`` (:meth:`WorkbookError.line`), with exit code 1, or 2
when the subclass says the error is bad usage (``usage = True``: an unknown report id, an invalid
reports.yml, no project folder). No traceback. Subclasses keep their own module and name (``from
helpers.site.errors import BuildLocked``); catch ``WorkbookError`` to catch them all.

>>> class NoSuchThing(WorkbookError):
...     usage = True
>>> e = NoSuchThing("thing 'x' is not known; allowed: a, b")
>>> e.line("build"), e.exit_code
("workbook build: thing 'x' is not known; allowed: a, b", 2)
>>> WorkbookError("data/raw/facts.csv:3:value: not a number").exit_code
1
"""

from __future__ import annotations


class WorkbookError(Exception):
    """Something the user can fix; the message says what and where (file, row and column, or the
    parameter and its allowed values). The CLI prints it as one line; exit 1, or 2 if ``usage``."""

    usage: bool = False  # True: bad usage (exit 2); False: the command failed (exit 1)

    @property
    def exit_code(self) -> int:
        return 2 if self.usage else 1

    def line(self, command: str) -> str:
        """The one line the CLI prints for this error when running ``workbook command``."""
        return f"workbook {command}: {self}"
