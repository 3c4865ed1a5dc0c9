"""One exception base: every error the helpers define is a WorkbookError, and the CLI prints any of them
as one line with the right exit code."""

import importlib
import inspect
import pkgutil

import pytest

import helpers
from helpers import cli
from helpers.errors import WorkbookError


def helper_modules():
    for info in pkgutil.walk_packages(helpers.__path__, "helpers."):
        yield importlib.import_module(info.name)


def error_classes():
    found = {}
    for module in helper_modules():
        for name, obj in vars(module).items():
            if (inspect.isclass(obj) and issubclass(obj, BaseException) and obj.__module__ == module.__name__):
                found[f"{module.__name__}.{name}"] = obj
    return found


def test_every_error_class_defined_in_helpers_is_a_workbook_error():
    found = error_classes()
    # the walk reaches every layer (a broken walk would find nothing and pass)
    for known in ("helpers.paths.RootNotFound", "helpers.data.processed.DataCheckFailed",
                  "helpers.data.extract.ExtractError", "helpers.data.howtocite.CitationError",
                  "helpers.pages.params.ParameterError", "helpers.pages.geo.BoundaryError",
                  "helpers.site.errors.BuildLocked", "helpers.site.errors.UnknownReport"):
        assert known in found
    strays = sorted(name for name, cls in found.items() if not issubclass(cls, WorkbookError))
    assert strays == []


def test_value_errors_stay_value_errors():
    """Callers that caught ValueError before still do."""
    from helpers.data.howtocite import CitationError
    from helpers.pages.geo import BoundaryError
    from helpers.pages.params import ParameterError

    for cls in (CitationError, BoundaryError, ParameterError):
        assert issubclass(cls, ValueError) and issubclass(cls, WorkbookError)


def test_exit_codes_usage_is_2_failure_is_1():
    from helpers.data.processed import DataCheckFailed
    from helpers.paths import RootNotFound
    from helpers.site.errors import BuildError, BuildLocked, SpecError, UnknownReport

    assert [c("x").exit_code for c in (SpecError, UnknownReport, BuildError, RootNotFound)] == [2, 2, 2, 2]
    assert [c("x").exit_code for c in (BuildLocked, WorkbookError)] == [1, 1]
    assert DataCheckFailed(["a", "b"]).exit_code == 1


def _run_with(monkeypatch, capsys, error, argv=("check",)):
    def command(args):
        raise error
    monkeypatch.setattr(cli, "cmd_check", command)
    code = cli.main(["--root", "/nonexistent", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_prints_a_workbook_error_as_one_line_exit_1(monkeypatch, capsys):
    code, out, err = _run_with(monkeypatch, capsys, WorkbookError("data/raw/facts.csv:3:value: not a number"))
    assert (code, out) == (1, "")
    assert err == "workbook check: data/raw/facts.csv:3:value: not a number\n"


def test_cli_gives_exit_2_for_a_usage_error(monkeypatch, capsys):
    class BadChoice(WorkbookError):
        usage = True

    code, _, err = _run_with(monkeypatch, capsys, BadChoice("lang='fr' is not allowed; allowed: zh, en"))
    assert code == 2 and err == "workbook check: lang='fr' is not allowed; allowed: zh, en\n"


def test_cli_keeps_the_root_not_found_hint(monkeypatch, capsys):
    from helpers.paths import RootNotFound

    code, _, err = _run_with(monkeypatch, capsys, RootNotFound("no data/raw/ folder in /x or any folder above it"))
    assert code == 2
    assert err == "workbook: no data/raw/ folder in /x or any folder above it (use --root PATH or set WORKBOOK_ROOT)\n"


def test_an_error_that_is_not_a_workbook_error_is_not_swallowed(monkeypatch, capsys):
    """The control: a programming error still raises (a bug must show its traceback)."""
    with pytest.raises(ZeroDivisionError):
        _run_with(monkeypatch, capsys, ZeroDivisionError("bug"))


def test_build_errors_reach_the_cli_through_the_one_handler(tmp_path, capsys):
    (tmp_path / "data" / "raw").mkdir(parents=True)
    (tmp_path / "reports.yml").write_text("reports: [\n", encoding="utf-8")  # invalid YAML
    code = cli.main(["--root", str(tmp_path), "list"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("workbook list: reports.yml") and err.count("\n") == 1
