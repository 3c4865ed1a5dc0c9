"""A small valid project with the traps of a comparison a researcher must be able to trust cell by cell:

- a model with two phases (``gd_a`` 2017–2020, ``gd_b`` since 2021) whose only station count is the earlier
  phase's (407) while its coverage rate (100 %) is the current phase's, so stations ÷ coverage (407) disagrees with
  its 1611 townships;
- a norm (3–8 social workers per station, ``status=standard``) that must never be drawn or chosen as achieved;
- a mirror (``gm``) and an official page (``go``) with figures of the same date and coverage (≥ 1700 and 1750);
- a funding figure of the current phase (undated) against an older unphased one dated before the phase began;
- a second model (``hn``) with consistent stations and coverage and only a standard for workers per station.

:data:`CURRENT_STATIONS` adds a current-phase station count (1611); :data:`WITHIN_CURRENT` an unphased funding
figure dated within the current phase.
"""

from __future__ import annotations

import io
from functools import lru_cache

import pandas as pd

from helpers.data.load import Tables
from helpers.data.processed import processed_tables

SOURCES = """source_id,title,outlet,published,url,language,kind,reliability,note
go,省民政厅通报,某省民政厅,2021,,zh,government_report,official,
gp,某报报道,某报,2023,,zh,news,press,
gm,转载的报道,某问答网站,2023,,zh,web_page,mirror,a copy on an unrelated site
gm2,转载的总结,某内容农场,2023,,zh,web_page,mirror,a copy on an unrelated site
gu,来历不明的网页,某网站,,,zh,web_page,unknown,origin unknown
hp,湖某省报道,湖某省民政厅,2020,,zh,government_report,official,
"""
MODELS = """model_id,name_zh,name_en,short_zh,short_en,region_code,level,launch_year,operating_mode,tiers,framework,summary_zh,summary_en,employer_zh,employer_en,funding_zh,funding_en,supervision_zh,supervision_en,source_ids
gd,粤某模式,Guang model,粤某,Guang,440000,province,2017,direct_employment,province|township,,粤某的社工站。,Guang's stations.,镇街,townships,省级财政,provincial budget,,,go
hn,湘某模式,Xiang model,湘某,Xiang,430000,province,2018,service_purchase,county|township,,湘某的社工站。,Xiang's stations.,机构,agencies,,,,,hp
"""
REGIONS = """region_code,name_zh,name_en,level,parent_code,population_2020,population_source_id,townships,townships_as_of,townships_source_id,code_source_id,note
440000,粤某省,Guang province,province,,,,1611,2020-12-31,go,go,
430000,湘某省,Xiang province,province,,,,1948,2023-06-30,hp,hp,
"""
INDICATORS = """indicator,dimension,unit,label_zh,label_en,definition,allow_over_100,headline,side_by_side,three_model,profile,panel,panel_local,small_multiple,station_level
stations_township,coverage,count,社工站数,Stations,Stations built,false,1,1,1,1,1,1,1,
coverage_township_pct,coverage,percent,覆盖率,Coverage,Share of townships,false,,3,3,,2,6,2,
social_workers_stationed,staffing,persons,驻站社工,Stationed workers,Workers in stations,false,2,4,4,2,4,2,3,
social_workers_per_station,staffing,persons,每站社工,Workers per station,Workers per station,false,,6,6,,,,,true
funding_total,funding,CNY,资金总额,Total funding,Money,false,3,7,9,4,6,5,,
"""
PHASES = """phase_id,model_id,name_zh,name_en,start,end,change_zh,change_en,source_id,evidence,note
gd_a,gd,计划期,Plan phase,2017,2020,分两批建站,stations in two batches,go,2017至2020年分两批建站,
gd_b,gd,工程期,Project phase,2021,,全覆盖,full coverage,go,2021年起实施工程,
"""
COLS = ("fact_id,model_id,region_code,dimension,indicator,value_text,value,value_low,value_high,unit,qualifier,"
        "status,as_of,period,scope,phase,counts_zh,counts_en,site_zh,site_en,purpose,payer,duplicate_of,"
        "conflicts_with,headline,source_id,evidence,note")
FACTS = [
    # the earlier phase's station count (undated, on a mirror) and the current phase's coverage (on a mirror)
    ("gm-01,gd,440000,coverage,stations_township,407个,407,407,407,count,exact,reported,,cumulative,programme,gd_a,"
     "两批站,stations of both batches,,,,,,,,gm,两批共建成407个站,"),
    ("gm2-01,gd,440000,coverage,coverage_township_pct,全覆盖,100,100,100,percent,exact,reported,2022-12,"
     "point_in_time,programme,gd_b,站点覆盖率,coverage by stations and points,,,,,,,,gm2,镇街社工站全覆盖,"),
    # a norm: what each station was required to have, not what it had
    ("gu-01,gd,440000,staffing,social_workers_per_station,3-8名,5.5,3,8,persons,range,standard,,plan,programme,gd_a,"
     "每站配备标准,staffing standard per station,,,,,,,,gu,每站配备3-8名社工,"),
    # the same count at the same date and coverage: a mirror and an official page
    ("gm-02,gd,440000,staffing,social_workers_stationed,1700多名,1700,1700,,persons,at_least,reported,2020,"
     "point_in_time,programme,,社工,social workers of the programme,,,,,,,,gm,共有1700多名社工,"),
    ("go-01,gd,440000,staffing,social_workers_stationed,1750名,1750,1750,1750,persons,exact,reported,2020,"
     "point_in_time,programme,,社工,social workers of the programme,,,,,,,,go,共有社工1750名,"),
    # funding: an unphased whole figure dated before the current phase, and the current phase's (undated)
    ("gp-01,gd,440000,funding,funding_total,3亿元,300000000,300000000,300000000,CNY,exact,reported,2019,annual,"
     "whole,,全省资金,money in the province,,,all,provincial,,,,gp,投入3亿元,"),
    ("gp-02,gd,440000,funding,funding_total,8亿元,800000000,800000000,800000000,CNY,exact,reported,,annual,"
     "programme,gd_b,工程资金,money of the project,,,all,provincial,,,,gp,工程投入8亿元,"),
    # the second model: consistent stations and coverage, and only a standard for workers per station
    ("hp-01,hn,430000,coverage,stations_township,1940个,1940,1940,1940,count,exact,reported,2019-12,point_in_time,"
     "whole,,全省站,stations in the province,,,,,,,,hp,建成1940个站,"),
    ("hp-02,hn,430000,coverage,coverage_township_pct,全覆盖,100,100,100,percent,exact,reported,2019-12,"
     "point_in_time,whole,,覆盖率,coverage by stations,,,,,,,,hp,乡镇全覆盖,"),
    ("hp-03,hn,430000,staffing,social_workers_per_station,二至三名,2.5,2,3,persons,range,standard,2019,plan,whole,,"
     "每站配备标准,staffing standard per station,,,,,,,,hp,每站配备二至三名社工,"),
]
# a current-phase station count: chosen over the earlier phase's 407, which becomes history
CURRENT_STATIONS = [("go-02,gd,440000,coverage,stations_township,1611个,1611,1611,1611,count,exact,reported,2022-12,"
                     "point_in_time,programme,gd_b,工程站,stations of the project,,,,,,,,go,建成1611个站,")]
# an unphased funding figure dated within the current phase: ranks with it (and whole beats programme)
WITHIN_CURRENT = [("gp-03,gd,440000,funding,funding_total,9亿元,900000000,900000000,900000000,CNY,exact,reported,"
                   "2022,annual,whole,,全省资金,money in the province,,,all,provincial,,,,gp,全省投入9亿元,")]

RAW = {"sources": SOURCES, "models": MODELS, "regions": REGIONS, "indicators": INDICATORS, "phases": PHASES}


def raw_text(facts=FACTS, **replace) -> dict[str, str]:
    """The project's CSV files as text (for a project on disk), any table replaced by keyword."""
    return {**RAW, "facts": COLS + "\n" + "\n".join(facts) + "\n", **replace}


def raw_tables(facts=FACTS, **replace) -> dict[str, pd.DataFrame]:
    read = lambda text: pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    return {name: read(text) for name, text in raw_text(facts, **replace).items()}


def tables(facts=FACTS, **replace) -> Tables:
    """The processed tables of ``facts`` with any raw table replaced by keyword (built once per process for each
    set of arguments; every call gets copies)."""
    built = _processed(tuple(facts), tuple(sorted(replace.items())))
    return Tables(**{name: df.copy() for name, df in built.items()}, data_hash="test")


def with_facts(extra=()) -> Tables:
    """The fixture's processed tables with ``extra`` fact lines added to :data:`FACTS`."""
    return tables(FACTS + list(extra))


@lru_cache(maxsize=16)
def _processed(facts: tuple[str, ...], replace: tuple[tuple[str, str], ...]) -> dict[str, pd.DataFrame]:
    return processed_tables(raw_tables(list(facts), **dict(replace)))
