"""A small processed project for the comparison tests: one province model, one city model, and the traps the
comparison must not fall into (a county figure, one site, a phase, a duplicate, a conflict, stations and points).
"""

from __future__ import annotations

import io
from functools import lru_cache

import pandas as pd

from helpers.data.load import Tables
from helpers.data.processed import processed_tables

SOURCES = """source_id,title,outlet,published,url,language,kind,reliability,note
p,省报道,某报,2023,,zh,news,press,
c,县报道,某县,2022,,zh,news,press,
d,转载,某网,2023,,zh,news,mirror,
q,市报道,某市,2023,,zh,news,official,
"""
MODELS = """model_id,name_zh,name_en,short_zh,short_en,region_code,level,launch_year,operating_mode,tiers,framework,summary_zh,summary_en,employer_zh,employer_en,funding_zh,funding_en,supervision_zh,supervision_en,source_ids
prov,某省模式,Province model,某省,Prov,430000,province,2018,service_purchase,county|township,,省。,Province.,机构,agencies,县级招标,county tenders,,,p
city,某市模式,City model,某市,City,370200,prefecture,2021,hybrid,township,,市。,City.,,,,,,,q
"""
REGIONS = """region_code,name_zh,name_en,level,parent_code,population_2020,population_source_id,townships,townships_as_of,townships_source_id,code_source_id,note
430000,某省,Province,province,,,,1900,2023-06-30,p,p,
431125,某县,County,county,430000,,,,,,p,
370200,某市,City,prefecture,,,,134,2023-06-30,q,q,
"""
INDICATORS = """indicator,dimension,unit,label_zh,label_en,definition,allow_over_100,headline,side_by_side,three_model,profile,panel,panel_local,small_multiple,station_level
stations_township,coverage,count,社工站数,Stations,Stations,false,1,1,1,1,1,1,1,
village_points,coverage,count,社工点数,Points,Points,false,,2,2,,,,,
social_workers_stationed,staffing,persons,驻站社工,Stationed workers,Workers in stations,false,2,4,4,2,4,2,3,
social_workers_sites,staffing,persons,站点社工,Workers in stations and points,Both,false,,5,5,,,3,,
service_person_times,outputs,person_times,服务人次,Person-times,Served,false,4,10,13,3,8,4,4,
cases,outputs,count,个案,Cases,Cases,false,,11,14,,,,,
funding_total,funding,CNY,资金总额,Total funding,Money,false,3,7,9,4,6,5,,
coverage_township_pct,coverage,percent,覆盖率,Coverage,Share,false,,3,3,,2,6,2,
"""
COLS = ("fact_id,model_id,region_code,dimension,indicator,value_text,value,value_low,value_high,unit,qualifier,"
        "status,as_of,period,scope,phase,counts_zh,counts_en,site_zh,site_en,purpose,payer,duplicate_of,conflicts_with,"
        "headline,source_id,evidence,note")
FACTS = [
    # province: a phase-1 station count (older) and a whole-province count (newer), plus a duplicate of it
    "p-01,prov,430000,coverage,stations_township,200个,200,200,200,count,exact,reported,2019,point_in_time,phase,,一期站,phase-1 stations,,,,,,,,p,一期200个,",
    "p-02,prov,430000,coverage,stations_township,1940个,1940,1940,1940,count,exact,reported,2019-12,point_in_time,whole,,全省站,all stations,,,,,,p-03,,p,全省1940个,",
    "d-01,prov,430000,coverage,stations_township,1940个,1940,1940,1940,count,exact,reported,2019-12,point_in_time,whole,,全省站,all stations,,,,,p-02,,,d,全省1940个,",
    "p-03,prov,430000,coverage,stations_township,1938个,1938,1938,1938,count,exact,reported,2020,point_in_time,whole,,全省站,all stations,,,,,,p-02,,p,建成1938个,",
    # province has no province-wide staffing figure: only a county and one site
    "c-01,prov,431125,staffing,social_workers_stationed,20多名,20,20,,persons,at_least,reported,2022-03,point_in_time,whole,,县内驻站社工,stationed workers in the county,,,,,,,,c,20多名社工,",
    "c-02,prov,431125,outputs,cases,36个,36,36,36,count,exact,reported,2022,cumulative,site,,某站个案,cases of one station,岳塘站,Yuetang station,,,,,,c,个案36个,",
    # province: a target and a reported coverage figure
    "p-04,prov,430000,targets,coverage_township_pct,全覆盖,100,100,100,percent,exact,target,2025,plan,whole,,覆盖率目标,coverage goal,,,,,,,,p,实现全覆盖,",
    # city: stations above its township count (conflict with regions), workers in stations and points
    "q-01,city,370200,coverage,stations_township,138处,138,138,138,count,exact,reported,2023-03,point_in_time,whole,,镇街社工站,township stations,,,,,,regions:370200:townships,,q,社工站138处,",
    "q-02,city,370200,coverage,village_points,100个,100,100,100,count,exact,reported,2023-03,point_in_time,whole,,村居点,village points,,,,,,,,q,社工点100个,",
    "q-03,city,370200,staffing,social_workers_sites,476人,476,476,476,persons,exact,reported,2023-03,point_in_time,whole,,站点社工,workers in stations and points,,,,,,,,q,社工476人,",
    "q-04,city,370200,funding,funding_total,1.2亿元,120000000,120000000,120000000,CNY,exact,reported,,annual,subset,,专项资金,one fund,,,services,city,,,,q,资金1.2亿元,",
    "q-05,city,370200,funding,funding_total,3.5亿元,350000000,350000000,350000000,CNY,exact,reported,,annual,whole,,整合资金,pooled funds,,,all,mixed,,,,q,整合3.5亿元,",
]


def raw_tables(facts=FACTS) -> dict[str, pd.DataFrame]:
    read = lambda text: pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    return {"sources": read(SOURCES), "models": read(MODELS), "regions": read(REGIONS),
            "indicators": read(INDICATORS), "facts": read(COLS + "\n" + "\n".join(facts) + "\n")}


def tables(facts=FACTS) -> Tables:
    """The processed tables of ``facts`` (built once per process for each list of facts; every call gets copies)."""
    return Tables(**{name: df.copy() for name, df in _processed(tuple(facts)).items()}, data_hash="test")


@lru_cache(maxsize=8)
def _processed(facts: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    return processed_tables(raw_tables(list(facts)))
