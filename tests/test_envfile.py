from helpers.envfile import environment_yml, read_pins


def test_environment_yml_lists_the_same_pins_as_the_lock(repo):
    lock = read_pins(repo.root / "requirements.lock")
    env = read_pins(repo.root / "environment.yml")
    assert lock, "requirements.lock has no pins"
    assert env == lock


def test_lock_pins_the_design_card_packages(repo):
    lock = read_pins(repo.root / "requirements.lock")
    for name in ("jupyterlab", "pandas", "matplotlib", "seaborn", "statsmodels", "papermill", "nbconvert",
                 "pandera", "mplfonts"):
        assert name in lock, name


def test_environment_yml_is_regenerated_from_the_lock(repo):
    assert (repo.root / "environment.yml").read_text(encoding="utf-8") == environment_yml(
        repo.root / "requirements.lock")


def test_read_pins_normalises_names(tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("# c\nSome_Pkg==1.0\n  - other.pkg==2.0\nnot-pinned>=1\n", encoding="utf-8")
    assert read_pins(f) == {"some-pkg": "1.0", "other-pkg": "2.0"}
