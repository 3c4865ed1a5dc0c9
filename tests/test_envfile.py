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


def test_importing_nbformat_compiles_no_iri_grammar():
    """jsonschema 4.25+ imports rfc3987-syntax, which builds ~35 Earley parsers on import (2.5 s of CPU in every
    build worker and nbstripout run); pyproject.toml keeps jsonschema below it and the lock must agree."""
    import subprocess
    import sys

    code = "import sys, nbformat, papermill; print(sorted(m for m in ('rfc3987_syntax', 'lark') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
