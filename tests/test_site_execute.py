"""helpers.site.execute: what is run again when a kernel fails to start."""

import pytest

from helpers.site.execute import KERNEL_START_FAILED, start_again_once


def runner(*errors):
    """A run() that raises ``errors`` in turn, then returns how many calls it took."""
    calls = []

    def run():
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return len(calls)
    return run, calls


def test_a_kernel_that_died_while_starting_is_started_once_more():
    run, calls = runner(RuntimeError(KERNEL_START_FAILED))
    assert start_again_once(run) == 2 and len(calls) == 2


def test_a_second_start_failure_is_the_reports_failure():
    run, calls = runner(RuntimeError(KERNEL_START_FAILED), RuntimeError(KERNEL_START_FAILED))
    with pytest.raises(RuntimeError, match="kernel_info"):
        start_again_once(run)
    assert len(calls) == 2


@pytest.mark.parametrize("error", [RuntimeError("Kernel didn't respond in 60 seconds"), ValueError(KERNEL_START_FAILED),
                                   KeyError("cell failed")])
def test_other_failures_are_not_run_again(error):
    run, calls = runner(error)
    with pytest.raises(type(error)):
        start_again_once(run)
    assert len(calls) == 1


def test_a_reports_kernel_keeps_charts_only_with_a_folder_and_a_salt_and_a_forced_build_draws_every_chart():
    from helpers.pages.access import TRACE_ENV
    from helpers.pages.chart_cache import CACHE_ENV, READ_ENV, SALT_ENV
    from helpers.site.execute import Job, _report_env

    job = Job(id="x", notebook="n.ipynb", parameters={}, scratch="/s", header=None, trace="/s/x.trace.jsonl")
    assert _report_env(job) == {TRACE_ENV: "/s/x.trace.jsonl"}  # no folder, no salt: no chart is kept
    kept = Job(**{**job.__dict__, "charts": "/p/.cache/charts", "chart_salt": "h-e"})
    assert _report_env(kept) == {TRACE_ENV: "/s/x.trace.jsonl", CACHE_ENV: "/p/.cache/charts", SALT_ENV: "h-e",
                                 READ_ENV: "1"}
    forced = Job(**{**kept.__dict__, "chart_read": False})
    assert _report_env(forced)[READ_ENV] == "0"
