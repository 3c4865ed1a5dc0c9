import os

import pytest

from helpers.data import background


def _square(x):
    return {"pid": os.getpid(), "value": x * x}


def _fails():
    raise ValueError("bad cell")


def _dies():
    os._exit(3)


def test_the_work_is_done_in_another_process_and_its_result_comes_back():
    job = background.start(_square, 7)
    out = job.result()
    assert out["value"] == 49
    assert out["pid"] != os.getpid() or not hasattr(os, "fork")
    assert job.result() == out  # asked again: the same answer, no second wait


def test_an_error_in_the_child_is_raised_here_as_one_line():
    with pytest.raises(background.ChildFailed, match="ValueError: bad cell"):
        background.start(_fails).result()


def test_a_child_that_dies_without_a_result_is_an_error_not_an_empty_answer():
    with pytest.raises(background.ChildFailed, match="without a result"):
        background.start(_dies).result()
