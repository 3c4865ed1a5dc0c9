"""The period, scope and money columns of a draft row (:func:`helpers.data.drafts.complete` calls them).

* ``period``: ``plan`` for targets and standards; ``annual`` for 全年/年度/今年/新增 …; ``cumulative`` for
  累计/共计/以来 … and for flows (person-times, money, cases, activities); else ``point_in_time``;
* ``scope``: ``site`` for one named station (XX社工站, 该站, 一个站; its name in ``site_zh``), ``subset`` after
  其中, ``phase`` for a batch (第一批, 一期, 首批), ``programme`` when the clause names the model's programme
  (its short name), else ``whole``;
* ``purpose`` and ``payer`` of a sum, and the indicator they make of a generic one (:func:`money_indicator`).
"""

from __future__ import annotations

import re

FLOW_UNITS = {"person_times", "CNY", "hours"}
FLOW_INDICATORS = {"cases", "groups", "community_activities", "projects", "home_visits", "consultations",
                   "files_opened", "persons_filed", "training_sessions", "resource_linkages", "beneficiaries",
                   "households_served", "people_trained", "sw_talent_trained", "certified_social_workers_new",
                   "community_funds", "service_items"}
_ANNUAL = re.compile(r"全年|年度|今年|去年|当年|本年|一年来|上半年|下半年|新增|年内")
_CUMULATIVE = re.compile(r"累计|共计|总计|先后|以来|至今|历年|累積")
_PHASE = re.compile(r"第[一二三四五六七八九十\d]+批|首批|[一二三四]期|第[一二三四\d]期|试点")
_SUBSET = re.compile(r"其中")
# One named station: a place name of two to four characters (no verb, no 全/各/每) with its level word, then 社工站.
_SITE = re.compile(r"(?P<name>(?:(?![建设成开有全各每该本])[\u4e00-\u9fff]){2,4}(?:乡|镇|街道|村|社区)"
                   r"(?:社工站|社会工作服务站|社会工作站|服务站))")
_THIS_SITE = re.compile(r"该站|本站|一个站|该社工站|站内")
_PURPOSE = (("salary", r"薪酬|工资|薪资|人员经费|待遇"), ("construction", r"建设|装修|阵地|场地|硬件"),
            ("training", r"培训"), ("supervision", r"督导"), ("rewards", r"奖励|补贴|津贴|以奖代补"),
            ("services", r"购买|项目|服务"))
_PAYER = (("central", r"中央"), ("welfare_lottery", r"福彩|彩票公益金"), ("charity", r"慈善|捐赠|基金会"),
          ("provincial", r"省级|省财政|省民政|自治区(?:财政|民政|级|本级|配套|安排|下达|拨付|人才|专项)"), ("city", r"市级|市财政"), ("county", r"县级|区级|县财政|区财政"),
          ("township", r"乡镇|街道"))

def period_of(row: dict, clause: str, psentence: str) -> str:
    if row["status"] in ("target", "standard"):
        return "plan"
    if _ANNUAL.search(clause):
        return "annual"
    if _CUMULATIVE.search(clause):
        return "cumulative"
    if row["unit"] in FLOW_UNITS or row["indicator"] in FLOW_INDICATORS:
        return "cumulative"
    return "point_in_time"


def scope_of(clause: str, before: str, models: list[dict], model_id: str) -> tuple[str, str]:
    """(scope, site_zh); ``before``: the sentence up to the figure."""
    site = _SITE.search(clause)
    whole = re.search(r"全[省市县区州盟旗国]|各[乡镇街]|所有", clause)
    if site and not whole and not re.match(r"^(?:乡镇|镇街|街道|镇|乡|村|社区)", site.group("name")) \
            and re.search(r"[乡镇村]|街道|社区", site.group("name")):
        return "site", site.group("name")
    if _THIS_SITE.search(clause):
        return "site", ""
    if _SUBSET.search(before):
        return "subset", ""
    if _PHASE.search(clause):
        return "phase", ""
    short = next((m.get("short_zh", "") for m in models if m["model_id"] == model_id), "")
    if short and len(short) >= 2 and short in clause and not whole:
        return "programme", ""
    return "whole", ""


def money_of(clause: str, psentence: str) -> tuple[str, str]:
    purpose = next((p for p, rx in _PURPOSE if re.search(rx, clause)), "unspecified")
    payer = next((p for p, rx in _PAYER if re.search(rx, clause)), "unspecified")
    return purpose, payer


# A sum by who pays it: the payer's funding indicator (when the project has it) replaces the generic one.
_BY_PAYER = {"provincial": "funding_provincial", "welfare_lottery": "funding_lottery", "charity": "funding_charity"}
_GENERIC_MONEY = ("", "funding_total")


def money_indicator(row: dict, indicators: dict[str, dict]) -> str:
    """The indicator of a CNY figure once payer and purpose are known: a small reward or allowance (under 万, no
    万/亿 in its words: 给予6000元奖励, 每月200元津贴) is a rate per worker; a generic sum paid by the province, the
    welfare lottery or charity is that payer's funding; else the indicator found.

    >>> ind = {"funding_provincial": {}, "allowance_per_worker": {}, "funding_total": {}}
    >>> money_indicator({"indicator": "funding_total", "payer": "provincial", "purpose": "services",
    ...                  "value": "6280000", "value_text": "628万元"}, ind)
    'funding_provincial'
    >>> money_indicator({"indicator": "funding_total", "payer": "unspecified", "purpose": "rewards",
    ...                  "value": "6000", "value_text": "6000元"}, ind)
    'allowance_per_worker'
    """
    current = row["indicator"]
    if current not in _GENERIC_MONEY:
        return current
    small = row.get("value") and float(row["value"]) < 10_000 and not re.search(r"[万亿萬億]", row["value_text"])
    if row.get("purpose") == "rewards" and small and "allowance_per_worker" in indicators:
        return "allowance_per_worker"
    by_payer = _BY_PAYER.get(row.get("payer", ""))
    return by_payer if by_payer in indicators else current


