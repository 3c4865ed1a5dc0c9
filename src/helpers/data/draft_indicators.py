"""Which indicator a draft row counts once the words around its figure are weighed (used by
:func:`helpers.data.drafts.complete`; every rule names the reason it gives in the row's ``reason``).

* a count of places (乡镇(街道), 县(市、区), 省份) counts those places; a station or room named by its village level
  word (村(社区)社会工作服务站) is a village room;
* workers a station hires or holds are stationed; workers counted after both stations and village points in one
  sentence are the workers of both kinds of site; person-times of workers or volunteers are the workforce's;
* 场 counts events; stations of several levels or non-township hosts are stations of all sites; 培养 makes talent
  trained; 报名 where the text speaks of the exam counts exam candidates; a coverage rate of something other than
  townships or stations is another coverage rate.
"""

from __future__ import annotations

import re

# What a count of places counts: the noun decides it, not a keyword elsewhere in the clause.
_COUNTED_PLACES = ((r"(?:乡镇|镇街|街镇|街道|镇|乡)", "townships"), (r"(?:村|社区|村居)", "villages"),
                   (r"(?:县|区|区县|县区|县市区)", "counties"))
# A station or room named by its level word: 村(社区)社会工作服务站, 社区(村)社工室 are village rooms, not township
# stations (the level word opens the noun phrase the figure counts).
_VILLAGE_SITE = re.compile(r"^(?:村|社区|村居|城乡社区)(?:[（(][^）)]{0,6}[）)])?[\u4e00-\u9fff]{0,8}(?:站|室|点)$")
# What a coverage rate covers: a station or township word makes it the township rate; another thing named (villages,
# counties, people, services) makes it another rate.
_TOWNSHIP_WORDS = re.compile(r"乡|镇|街道|街镇|镇街|站")
_OTHER_COVERED = re.compile(r"村|社区|县|区|群众|群体|对象|人口|家庭|室|服务|网格")
# Workers of stations and points together: the sentence counts both kinds of site before the workers.
_SITE_KINDS = ("stations_township", "village_points")
# Person-times of workers or volunteers deployed (投入社工6000余人次, 联动志愿者16万人次): the noun counted is a worker.
_WORKERS_COUNTED = re.compile(r"(?:社工|社会工作者|志愿者|工作人员)$")
# Stations not of townships alone: of several levels (三级社工服务平台) or hosted elsewhere (移民安置点社工站, 园区、管委会).
_ALL_SITES = re.compile(r"[三两多各]级|各类|安置[点区]|园区|开发区|管委会|管理处|景区")
# The exam, not a job: 报名 where the text speaks of the qualification exam.
_EXAM = re.compile(r"考试|职业水平|职业资格")
_JOB = re.compile(r"招聘|岗位|聘用")
_PROVINCES = re.compile(r"(?:个)?(?:省份|省区市|省（区、市）|省\(区、市\))$")


def counted_place_indicator(counts: str, before: str, unit: str) -> str:
    """townships/villages/counties _covered (覆盖 before the figure) or _total, when the figure counts places
    (乡镇(街道), 县(市、区)); provinces_full_coverage for a count of provinces."""
    if unit != "count":
        return ""
    if _PROVINCES.match(counts):
        return "provinces_full_coverage"
    bare = re.sub(r"[（(][^）)]*[）)]", "", counts)
    for pattern, what in _COUNTED_PLACES:
        if re.fullmatch(pattern, bare):
            if what == "counties":  # counties are counted as taking part (counties_covered has no total twin)
                return "counties_covered"
            return f"{what}_covered" if "覆盖" in before else f"{what}_total"
    if _VILLAGE_SITE.match(counts):
        return "village_points"
    return ""


def refined_indicator(row: dict, clause: str, before: str, counts: str, context: str,
                      indicators: dict[str, dict]) -> tuple[str, str]:
    """(indicator, reason) once the words around the figure are weighed; the row's own indicator and "" when no
    rule applies. ``before``: the clause up to the figure; ``context``: the sentence, its paragraph and the title.

    * workers a station hires or holds (社工站招聘一线社工40名, 驻站社工3名并全员持证) are stationed workers;
    * 报名 where the text speaks of the qualification exam (考试, 职业水平) counts exam candidates, not job applicants;
    * a coverage rate of something other than townships or stations (社区社工室覆盖80%, 县(区)全覆盖, 困难群众…100%覆盖)
      is another coverage rate.

    >>> refined_indicator({"indicator": "social_workers_employed"}, "镇社工站招聘一线社工共", "镇社工站招聘一线社工",
    ...                   "一线社工", "", {"social_workers_stationed": {}})
    ('social_workers_stationed', "workers a station holds ('社工站'): stationed")
    """
    current = row["indicator"]

    def have(ind: str) -> bool:
        return ind in indicators and ind != current

    if current in ("social_workers_employed", "certified_social_workers") and have("social_workers_stationed"):
        if counts.startswith("驻站"):
            return "social_workers_stationed", "workers counted as '驻站': stationed"
        held = re.search(r"社工站|服务站|工作站|驻站", before)
        if current == "social_workers_employed" and held:
            return "social_workers_stationed", f"workers a station holds ('{held.group()}'): stationed"
    trained = re.search(r"培养|培育", before[-12:])
    if row["unit"] == "persons" and trained and have("sw_talent_trained") and "培训" not in before[-12:]:
        return "sw_talent_trained", f"people the verb '{trained.group()}' trains: talent trained"
    if row["unit"] == "person_times" and have("workforce_person_times") and _WORKERS_COUNTED.search(counts):
        return "workforce_person_times", f"person-times of workers ('{counts}'), not of people served"
    if re.search(r"场次?(?:以上|左右)?$", row["value_text"]) and indicators.get(current, {}).get("dimension") == \
            "coverage" and have("community_activities"):
        return "community_activities", "场 counts events, not sites"
    if current in ("stations_township", "") and row["unit"] == "count" and have("stations_all_sites") and \
            _ALL_SITES.search(counts):
        return "stations_all_sites", f"stations of several kinds or levels ('{_ALL_SITES.search(counts).group()}')"
    if current == "job_applicants" and have("exam_applicants") and _EXAM.search(context) and not _JOB.search(clause):
        return "exam_applicants", f"applicants for the exam ('{_EXAM.search(context).group()}')"
    if current == "coverage_township_pct" and have("coverage_other_pct"):
        covered = before + counts
        other = _OTHER_COVERED.search(covered)
        if other and not _TOWNSHIP_WORDS.search(covered):
            return "coverage_other_pct", f"covers '{other.group()}', not townships: another coverage rate"
    return current, ""


def workers_of_sites(rows: list[dict], indicators: dict[str, dict]) -> None:
    """Workers counted after both stations and village points in one sentence (社工站21个，社工点108个，社工430人) are
    the workers of both kinds of site: social_workers_sites (when the project has it), in place.

    >>> rows = [{"_at": 0, "_start": 5, "indicator": "stations_township"}, {"_at": 0, "_start": 12, "indicator":
    ...         "village_points"}, {"_at": 0, "_start": 20, "indicator": "social_workers_stationed", "reason": "r"}]
    >>> workers_of_sites(rows, {"social_workers_sites": {}}); rows[2]["indicator"]
    'social_workers_sites'
    """
    if "social_workers_sites" not in indicators:
        return
    for row in rows:
        if row["indicator"] != "social_workers_stationed":
            continue
        kinds = {r["indicator"] for r in rows if r["_at"] == row["_at"] and r["_start"] < row["_start"]}
        if all(k in kinds for k in _SITE_KINDS):
            row["indicator"] = "social_workers_sites"
            row["reason"] = "workers after counts of stations and of points: workers of both kinds of site; " + \
                row["reason"]
