"""Where things live (helpers.paths): which project a command or notebook works on, and the data version."""

import pytest

from helpers.paths import HASH_FILE, ROOT_ENV, Project, RootNotFound, Stamp, read_stamp


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


def test_read_stamp_gives_the_version_and_each_files_digest_and_finds_a_damaged_file(tmp_path):
    import hashlib

    (tmp_path / "facts.parquet").write_bytes(b"facts")
    (tmp_path / "facts.csv").write_bytes(b"csv")
    sha = {n: hashlib.sha256((tmp_path / n).read_bytes()).hexdigest() for n in ("facts.parquet", "facts.csv")}
    (tmp_path / HASH_FILE).write_text(f"v1\n{sha['facts.csv']}  facts.csv\n{sha['facts.parquet']}  facts.parquet\n",
                                      encoding="utf-8")
    stamp = read_stamp(tmp_path)
    assert stamp == Stamp("v1", {"facts.csv": sha["facts.csv"], "facts.parquet": sha["facts.parquet"]})
    assert stamp.tables == {"facts": sha["facts.parquet"]} and stamp.damaged(tmp_path) is None
    (tmp_path / "facts.csv").write_bytes(b"edited")
    assert stamp.damaged(tmp_path) == "facts.csv"
    (tmp_path / "facts.csv").write_bytes(b"csv")
    (tmp_path / "facts.parquet").unlink()
    assert stamp.damaged(tmp_path) == "facts.parquet"  # a missing file counts as damaged
    (tmp_path / HASH_FILE).write_text("v1\nnot two fields\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not '<sha256>  <name>'"):
        read_stamp(tmp_path)
    (tmp_path / HASH_FILE).write_text("", encoding="utf-8")
    assert read_stamp(tmp_path) == Stamp("", {})
    with pytest.raises(FileNotFoundError):
        read_stamp(tmp_path / "nowhere")


def test_processed_problem_and_snapshot_read_the_one_stamp(mini, monkeypatch):
    from helpers.data.processed import ensure_current
    from helpers.paths import SNAPSHOT_ENV, SNAPSHOT_ROOT

    ensure_current(mini)
    assert mini.processed_problem() is None
    (mini.processed / SNAPSHOT_ROOT).write_text(str(mini.root), encoding="utf-8")
    monkeypatch.setenv(SNAPSHOT_ENV, str(mini.processed))
    assert mini.snapshot() == (mini.processed, read_stamp(mini.processed).version == mini.data_hash() and
                               read_stamp(mini.processed).version)
    stamp = mini.processed / HASH_FILE
    stamp.write_text(stamp.read_text(encoding="utf-8") + "bad line\n", encoding="utf-8")
    assert mini.processed_problem() == "data/processed/_data_hash.txt lists no file hashes (built by an older version)"
    assert mini.snapshot() is None
