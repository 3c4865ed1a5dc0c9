"""Where things live (helpers.paths): which project a command or notebook works on, and the data version."""

import pytest

from helpers.paths import ROOT_ENV, Project, RootNotFound


def test_find_walks_up_to_the_folder_holding_data_raw_before_the_variable(mini, tmp_path_factory, monkeypatch):
    other = tmp_path_factory.mktemp("other")
    (other / "data" / "raw").mkdir(parents=True)
    monkeypatch.setenv(ROOT_ENV, str(other))
    deep = mini.root / "notebooks" / "sub"
    deep.mkdir(parents=True)
    assert Project.find(deep).root == mini.root
    assert Project.find(tmp_path_factory.mktemp("nowhere")).root == other.resolve()
    monkeypatch.delenv(ROOT_ENV)
    with pytest.raises(RootNotFound, match="no data/raw/ folder in"):
        Project.find(tmp_path_factory.mktemp("nowhere"))


def test_at_names_the_variable_when_its_folder_has_no_data(tmp_path):
    with pytest.raises(RootNotFound, match=f"^{ROOT_ENV}=.* has no data/raw/ folder$"):
        Project.at(tmp_path, source=ROOT_ENV)


def test_data_hash_changes_with_any_raw_byte_or_name(mini):
    before = mini.data_hash()
    assert len(before) == 12 and before == mini.data_hash()
    path = mini.raw_file("facts")
    path.write_bytes(path.read_bytes() + b"\n")
    assert mini.data_hash() != before
    path.write_bytes(path.read_bytes()[:-1])
    assert mini.data_hash() == before
    path.rename(mini.raw / "facts_.csv")
    assert mini.data_hash() != before


def test_rel_is_relative_with_forward_slashes_and_leaves_outside_paths_alone(mini, tmp_path_factory):
    assert mini.rel(mini.raw_file("facts")) == "data/raw/facts.csv"
    outside = tmp_path_factory.mktemp("x") / "y.csv"
    assert mini.rel(outside) == str(outside)


def test_processed_problem_says_why_before_any_build(mini):
    assert mini.processed_problem() == "data/processed/ has not been built yet"
    assert not mini.processed_is_current()
