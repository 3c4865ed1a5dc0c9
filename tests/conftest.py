"""Shared fixtures: a tiny, valid project written to a temporary folder, table by table."""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

from helpers.paths import Project

REPO = Path(__file__).resolve().parents[1]
FIXTURE_NOTEBOOKS = Path(__file__).parent / "notebooks"

MINI = {
    "sources": """source_id,title,outlet,published,url,language,kind,reliability,note
s_qd,山东青岛:探索社会工作人才队伍建设新模式,中国社会报,2023,,zh,news,press,
s_ref,统计用区划代码,国家统计局,2023,https://example.org/codes,zh,reference_data,official,
""",
    "models": """model_id,name_zh,name_en,short_zh,short_en,region_code,level,launch_year,operating_mode,tiers,framework,summary_zh,summary_en,employer_zh,employer_en,funding_zh,funding_en,supervision_zh,supervision_en,source_ids
qingdao,青岛模式,Qingdao model,青岛,Qingdao,370200,prefecture,2021,hybrid,county|township,12345工作路径,青岛的社工站。,Qingdao's stations.,镇街直聘与委托机构,townships and entrusted agencies,,,,,s_qd
""",
    "regions": """region_code,name_zh,name_en,level,parent_code,population_2020,population_source_id,townships,townships_as_of,townships_source_id,code_source_id,note
370000,山东省,Shandong,province,,,,,,,s_ref,
370200,青岛市,Qingdao,prefecture,370000,10071722,s_ref,134,2023-06-30,s_ref,s_ref,
""",
    "indicators": """indicator,dimension,unit,label_zh,label_en,definition,allow_over_100,headline,side_by_side,three_model,profile,panel,panel_local,small_multiple,station_level
stations_township,coverage,count,社工站数,Stations,Stations built,false,1,1,1,1,1,1,1,
social_workers_stationed,staffing,persons,驻站社工,Stationed social workers,Workers in stations,false,2,4,4,2,4,2,3,
social_workers_per_station,staffing,persons,每站社工,Workers per station,Standard,false,,6,6,,,,,true
service_person_times,outputs,person_times,服务人次,Person-times,Served,false,4,10,13,3,8,4,4,
coverage_township_pct,coverage,percent,覆盖率,Coverage,Share,false,,3,3,,2,6,2,
""",
    "facts": """fact_id,model_id,region_code,dimension,indicator,value_text,value,value_low,value_high,unit,qualifier,status,as_of,period,scope,phase,counts_zh,counts_en,site_zh,site_en,purpose,payer,duplicate_of,conflicts_with,headline,source_id,evidence,note
s_qd-01,qingdao,370200,coverage,stations_township,138处,138,138,138,count,exact,reported,2022,point_in_time,whole,,镇街社工站,township stations,,,,,,,,s_qd,2022年，青岛市建设镇街社工站138处,
s_qd-02,qingdao,370200,staffing,social_workers_stationed,300多人,300,300,,persons,at_least,reported,2022,point_in_time,whole,,社工站专业社工,professional social workers in stations,,,,,,,,s_qd,建立起300多人的社工站专业社工队伍,
s_qd-03,qingdao,370200,staffing,social_workers_per_station,二至三名,2.5,2,3,persons,range,standard,2022,plan,whole,,每站配备标准,staffing standard per station,,,,,,,,s_qd,每个社工站配备二至三名社工专业人才,
s_qd-04,qingdao,370200,outputs,service_person_times,21万余人次,210000,210000,,person_times,at_least,reported,2022,cumulative,whole,,服务人次,person-times served,,,,,,,,s_qd,服务群众21万余人次,
s_qd-05,qingdao,370200,coverage,stations_township,个街道,,,,count,exact,missing,,point_in_time,whole,,覆盖街道数,streets covered,,,,,,,,s_qd,覆盖全市个街道,lost digits
""",
    "phases": """phase_id,model_id,name_zh,name_en,start,end,change_zh,change_en,source_id,evidence,note
""",
}


def write_tables(root: Path, tables: dict[str, str]) -> Project:
    raw = root / "data" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (raw / f"{name}.csv").write_text(text, encoding="utf-8")
    return Project(root)


def edit_cell(project: Project, table: str, row: int, column: str, value: str) -> None:
    """Set one cell; ``row`` is the spreadsheet row (header = 1)."""
    path = project.raw_file(table)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[row - 2][column] = value
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture
def mini(tmp_path) -> Project:
    """A small valid project in a temporary folder."""
    return write_tables(tmp_path, MINI)


def with_metadata(project: Project) -> Project:
    """The project's CITATION.cff and data/licence.yml in ``project`` (what datapackage.json is built from)."""
    shutil.copy(REPO / "CITATION.cff", project.root / "CITATION.cff")
    shutil.copy(REPO / "data" / "licence.yml", project.root / "data" / "licence.yml")
    return project


@pytest.fixture(scope="session")
def _built_minis(tmp_path_factory):
    from helpers.data.processed import update

    built = {}

    def build(metadata: bool):
        if not metadata:  # the build setup_project copies data/processed/ from
            return _mini_processed(with_tables=True)
        if metadata not in built:
            project = write_tables(tmp_path_factory.mktemp("built-mini"), MINI)
            built[metadata] = (project, update(with_metadata(project)))
        return built[metadata]
    return build


@pytest.fixture
def built_mini(_built_minis, tmp_path):
    """``built_mini(metadata=False)``: (project, tables), a copy in ``tmp_path`` of the mini project with
    data/processed/ built by ``update`` (and CITATION.cff and data/licence.yml when ``metadata``). Each
    variant is built once per session: tests that read or break the built files need not build again."""
    def copy(metadata: bool = False):
        project, tables = _built_minis(metadata)
        root = tmp_path / "built-mini"
        shutil.copytree(project.root, root)
        return Project(root), {name: df.copy() for name, df in tables.items()}
    return copy


@pytest.fixture
def repo() -> Project:
    return Project(REPO)


@pytest.fixture(scope="session")
def _shipped_check():
    from helpers.data.check import run_check

    return run_check(Project(REPO))


@pytest.fixture
def shipped(_shipped_check):
    """``run_check`` of the shipped data/raw/ (tables, problems), computed once per session; each test gets
    its own copies of the tables."""
    tables, problems = _shipped_check
    return {name: df.copy() for name, df in tables.items()}, list(problems)


@pytest.fixture(scope="session")
def _shipped_processed(_shipped_check):
    from helpers.data.processed import processed_tables

    return processed_tables({name: df.copy() for name, df in _shipped_check[0].items()})


@pytest.fixture
def shipped_processed(_shipped_processed):
    """The processed tables of the shipped data (computed once per session, copied for each test)."""
    return {name: df.copy() for name, df in _shipped_processed.items()}


@pytest.fixture(autouse=True)
def _no_display(monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "Agg")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")


# The fixture notebooks (tests/notebooks/) import little, so build tests preload only the kernel into the zygote
# (each build then starts in well under a second instead of importing pandas, seaborn and statsmodels first).
# Tests marked full_preload (the forked-vs-isolated identity test, the real report set) keep the default preload:
# they are what proves it harmless.
LIGHT_PRELOAD = "ipykernel.kernelapp,ipykernel.ipkernel,ipykernel.zmqshell,IPython.display,helpers.paths"


@pytest.fixture(autouse=True)
def _light_zygote(request, monkeypatch):
    if request.node.get_closest_marker("full_preload") is None:
        monkeypatch.setenv("WORKBOOK_ZYGOTE_PRELOAD", LIGHT_PRELOAD)


# A reports.yml over the fixture notebooks (tests/notebooks/), for build tests on the mini project.
BUILD_SPEC = """
parameters:
  model_id: {label: {zh: 模式, en: Model}, values_from: {csv: data/raw/models.csv, column: model_id,
             label: {zh: name_zh, en: name_en}}}
  region: {label: {zh: 地区, en: Region}}
  lang: {label: {zh: 语言, en: Language}, values: {zh: {zh: 中文, en: Chinese}, en: {zh: 英文, en: English}}}
reports:
  - id: profile-{model_id}-{lang}
    notebook: notebooks/ok.ipynb
    title: {zh: "模式概况：{model_id:zh}", en: "Model profile: {model_id:en}"}
    matrix: {model_id: all, lang: all}
"""


# What the build tests of a session share, set by _build_test_session: one folder of CJK font subsets for every
# fixture project (the first build subsets the font, about a second a page with fontTools; later builds read the
# subset of the same characters from the cache, as a rebuild of a real project does; tests/test_webfont.py tests
# the subsetting and the cache themselves), and the mini project's data/processed/, built once by ``update``.
# Under pytest-xdist the font folder is one for all workers of the run (the workers build the same fixture pages;
# cache entries are written atomically, so two workers subsetting the same characters at once is harmless).
_SESSION: dict = {}


def _font_folder(tmp_path_factory) -> Path:
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker's base temp is a folder of the run's
        folder = tmp_path_factory.getbasetemp().parent / "font-cache-shared"
        folder.mkdir(exist_ok=True)
        return folder
    return tmp_path_factory.mktemp("font-cache")


@pytest.fixture(scope="session", autouse=True)
def _build_test_session(tmp_path_factory):
    _SESSION.update(fonts=_font_folder(tmp_path_factory), tmp=tmp_path_factory)
    yield
    _SESSION.clear()


def _mini_processed(with_tables: bool = False):
    """The session's mini project with data/processed/ built (once, on first use; also what ``built_mini()``
    copies); with ``with_tables`` (project, the tables ``update`` returned). None outside a session."""
    if "mini" not in _SESSION and "tmp" in _SESSION:
        from helpers.data.processed import update

        project = write_tables(_SESSION["tmp"].mktemp("processed-mini"), MINI)
        _SESSION["mini"] = (project, update(project))
    built = _SESSION.get("mini")
    return built if with_tables or built is None else built[0]


def share_font_cache(project) -> None:
    """Make ``project``'s .cache/fonts/ the session's shared folder of CJK font subsets (unless it has one): a page
    or font block of the same characters then reads the subset the session already made instead of subsetting the
    font again (about a second each). The bytes are the same either way (tests/test_webfont.py)."""
    if "fonts" in _SESSION and not project.font_cache.exists():
        project.font_cache.parent.mkdir(parents=True, exist_ok=True)
        project.font_cache.symlink_to(_SESSION["fonts"], target_is_directory=True)


@pytest.fixture
def font_cache():
    """The session's shared folder of CJK font subsets (see :func:`share_font_cache`)."""
    return _SESSION["fonts"]


def setup_project(project, extra: str = "", processed: bool = True):
    """Fixture notebooks and a reports.yml in the ``mini`` project. Its .cache/fonts/ is the session's shared
    one, and when ``processed``, its data/raw/ is the mini project's and data/processed/ is not built yet,
    data/processed/ is a copy of the session's build of it (what ``workbook data`` or a first build would write:
    same data/raw/ hash, so the build finds it current; the first build of a fresh project is tested by test_load,
    test_cli and tests that pass ``processed=False``)."""
    share_font_cache(project)
    if (processed and not project.processed.exists() and (built := _mini_processed())
            and built.data_hash() == project.data_hash()):
        shutil.copytree(built.processed, project.processed)
    (project.root / "notebooks").mkdir(exist_ok=True)
    for nb in FIXTURE_NOTEBOOKS.glob("*.ipynb"):
        shutil.copy(nb, project.root / "notebooks" / nb.name)
    (project.root / "reports.yml").write_text(BUILD_SPEC + extra, encoding="utf-8")
    return project




# The build tests (real kernels, 2-10 s each) run first on every worker. `make test-fast` runs 2 workers with
# --dist worksteal, which hands worker i the next len(rest) // (workers - i) tests of the collected order and lets
# an idle worker steal the back half of another's queue. So the build test modules are dealt out whole (a module's
# shared build is made once), the heaviest first to the worker with the least so far (seconds of CPU each module
# took on two idle cores), each worker's share at the front of its chunk: no worker is left alone with a long test
# at the end while the other idles, and the short tests behind them are what is stolen. Only the order changes;
# every test still runs.
BUILD_TEST_MODULES = {"test_site_kernels.py": 45, "test_site_commands.py": 25, "test_site_run.py": 15,
                      "test_site_traces.py": 15, "test_site_plan.py": 8, "test_site_publish.py": 3}


@pytest.hookimpl(trylast=True)  # after `-m` has deselected
def pytest_collection_modifyitems(config, items):
    heavy = [item for item in items if item.path.name in BUILD_TEST_MODULES]
    light = [item for item in items if item.path.name not in BUILD_TEST_MODULES]
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    if workers < 2 or config.getoption("dist", "no") != "worksteal":
        items[:] = heavy + light
        return
    shares, load = [[] for _ in range(workers)], [0] * workers
    for module in sorted(BUILD_TEST_MODULES, key=BUILD_TEST_MODULES.get, reverse=True):
        w = load.index(min(load))
        shares[w] += [item for item in heavy if item.path.name == module]
        load[w] += BUILD_TEST_MODULES[module]
    ordered, left = [], len(items)
    for i, mine in enumerate(shares):
        size = left // (workers - i)  # what worksteal's first round sends worker i
        ordered += mine + light[:size - len(mine)]
        light = light[max(size - len(mine), 0):]
        left -= size
    items[:] = ordered + light
