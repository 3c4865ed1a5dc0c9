"""Whole draft rows: what ``workbook extract`` guesses beyond the figure, and how drafts reach facts.csv.

:func:`complete` fills, for each row :func:`helpers.data.extract.extract_text` found, the columns a researcher
would otherwise type (each guess is named in ``reason``):

* ``region_code``: the place the clause, sentence or text names (:mod:`helpers.data.places`; 全省/全市/全县 take
  the place of that level named before); ``model_id``: the model whose region holds it (or ``--model``);
* ``as_of``: the date in the clause, the sentence, the paragraph before the figure, else the year the title names
  when the date line is later (a January report on the year before), else the article's date line (发布时间/日期 …,
  or a date on one of its first lines; :mod:`helpers.data.dates`);
* ``status``: ``standard`` when the quote words the figure as a norm for every unit (每站配备, 不少于, 原则上;
  :func:`helpers.data.wording.requirement`), ``target`` for a goal (到2025年, 力争 …), else as found;
* ``period``: ``plan`` for targets and standards; ``annual`` for 全年/年度/今年/新增 …; ``cumulative`` for
  累计/共计/以来 … and for flows (person-times, money, cases, activities); else ``point_in_time``;
* ``scope``: ``site`` for one named station (XX社工站, 该站, 一个站; its name in ``site_zh``), ``subset`` after
  其中, ``phase`` for a batch (第一批, 一期, 首批), ``programme`` when the clause names the model's programme
  (its short name), else ``whole``;
* ``counts_zh`` (the noun phrase counted), ``counts_en`` (the indicator's English label, to be checked),
  ``purpose`` and ``payer`` for money;
* ``confidence``: ``low`` when the indicator keyword is ambiguous (keywords of two indicators of the figure's unit
  in its list item) or disagrees with the unit (the nearest keyword is an indicator of another unit), when the digits were
  lost, or no place or model was found; ``high`` only when everything came from the figure's own clause.

:mod:`helpers.data.draft_fields` holds the period, scope and money rules; :mod:`helpers.data.draft_append` adds
drafts to ``data/raw/facts.csv``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from helpers.data.dates import article_date, dates_in, undated_fallback
from helpers.data.draft_fields import money_indicator, money_of, period_of, scope_of
from helpers.data.draft_indicators import counted_place_indicator, refined_indicator, workers_of_sites
from helpers.data.extract_en import NATIONAL as EN_NATIONAL
from helpers.data.places import NATIONAL, Gazetteer, model_for, place_for
from helpers.data.wording import requirement
from helpers.vocabulary import TARGET_DIMENSION

_ANY_VERB = re.compile(r"开展|组织|举办|提供|建成|建立|设立|培育|孵化|配备|招募|吸纳|链接|引进|投入|拨付")
_LEAD_VERBS = re.compile(r"^(?:已|共|累计|全[省市县区]|力争|计划|将|要|实现)?(?:实现|建成|建设|建立|设立|新建|成立|培育|孵化|配备|配置|招募|吸纳|"
                         r"新增|共有|共计|达到|达|有|为|是|开展|组织|举办|投入|拨付|覆盖|打造|链接|引进|服务|惠及)")
# A norm for every station that opens the sentence governs its figures (每个社工站按要求配备团队，即不少于6名社工).
_STATION_NORM = re.compile(r"每[个一]?[\u4e00-\u9fff]{0,4}?站[^。；;]{0,12}?(?:配备|配置)")
# Figures that a per-station norm turns into the per-station indicator (not volunteers, visits …).
_PER_UNIT_OF = {"", "social_workers_stationed", "social_workers_employed", "certified_social_workers",
                "social_work_professionals", "funding_total"}
# A norm worded by its rate or cap (每月至少2次, 每年…不少于60学时, 按每月200元标准, 最高不超过30万元).
_NORM_WORDS = re.compile(r"每(?:月|年|周|季度|人|名)[^，。；,;]{0,10}?(?:至少|不少于|不低于)|按[^，。；,;]{0,16}标准|"
                         r"最高不超过|最多不超过")
# A deadline (到2019年12月) the article was written after: the text reports what was reached by then.
_DEADLINE = re.compile(r"到((?:20|19)\d\d)年")
# 今年(6月), 去年, 前年: counted from the year of the article's date line (比去年, 较去年: a comparison's base, not a date).
_THIS_YEAR = re.compile(r"(?<![比较同])(今年|去年|上年|前年)(?:(\d{1,2})月)?")
_YEARS_BACK = {"今年": 0, "去年": 1, "上年": 1, "前年": 2}


# A norm for every station, by the figure's unit.
_PER_STATION = {"persons": "social_workers_per_station", "CNY": "funding_per_station"}


@dataclass
class Context:
    """What :func:`complete` needs from a project: its gazetteer, models, indicators and a forced model."""

    gazetteer: Gazetteer
    models: list[dict] = field(default_factory=list)
    model_id: str = ""


def read_csv(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def project_context(raw: Path, model_id: str = "") -> Context:
    """The :class:`Context` of a project's data/raw/ (regions.csv and the package gazetteer, models.csv)."""
    return Context(Gazetteer(read_csv(raw / "regions.csv")), read_csv(raw / "models.csv"), model_id)


def _clause(psentence: str, start: int, end: int) -> tuple[str, int]:
    from helpers.data.extract import _clauses

    return _clauses(psentence, start, end)


def counted_phrase(clause: str, s: int, e: int) -> str:
    """The noun phrase a figure counts: the words after its measure word (17个镇(街)社工服务站), else the words
    before it in its list item once the verb is dropped (建成社工站138个 → 社工站).

    >>> counted_phrase("全县建成17个镇(街)社工服务站", 4, 7), counted_phrase("青岛市建设镇街社工站138处", 10, 14)
    ('镇(街)社工服务站', '镇街社工站')
    """
    after = re.match(r"(?:[（(][^）)]{0,8}[）)]|[^，。；;,、：:！？\s\d])*", clause[e:]).group()[:24]
    after = re.split(r"(?:等|的|和|及|与|，|为|达|占|左右|以上|覆盖|开展|参与|已|将|均|全部|全面|实现|建成|建立|获评|"
                     r"共|累计|试点|争取)", after)[0]
    if len(after) >= 2 and re.match(r"[\u4e00-\u9fff(（]", after):
        return after[:40]
    before = re.split(r"[，,、；;：:。]", clause[:s])[-1]
    before = re.sub(r"^.*?(?:截至|截止)?20\d\d年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:底|末)?", "", before)
    before = re.sub(r"^[\u4e00-\u9fff]{0,12}?(?:省|市|县|区|州|盟|旗)(?=[\u4e00-\u9fff]{2})", "", before) \
        if len(before) > 6 else before
    for _ in range(3):
        before = _LEAD_VERBS.sub("", before)
    held = re.search(r"(?:(?<![所没具拥])有|辖|拥有|共有)(?=[\u4e00-\u9fff(（]{2})", before)
    if held:  # 山东有乡镇(街道)1825个 → 乡镇(街道): what a place has
        before = before[held.end():]
    verbs = list(_ANY_VERB.finditer(before))
    if verbs and len(before) - verbs[-1].end() >= 2:  # 罗阳街道社工站开展个案服务 → 个案服务
        before = before[verbs[-1].end():]
    before = re.sub(r"(?:共|累计|总数|总量|达到|达|为|有|超过|约|近|逾|超|不少于)+$", "", before)
    return before[-40:]


def _keyword_hits(text: str, keywords, units: dict[str, str]) -> list[str]:
    out = []
    for k in keywords:
        if k.keyword in text and k.indicator not in out:
            out.append(k.indicator)
    return out


@dataclass
class _Text:
    """What :func:`complete` reads once per text: its plain words, the indicators' units and keyword ranks, the
    article's fallback date and year."""

    plain: str
    ctx: Context
    indicators: dict[str, dict]
    keywords: list
    units: dict[str, str]
    rank: dict[str, int]
    fallback: str
    source: str
    dated_year: str
    title: str


@dataclass
class _Draft:
    """One row while :func:`complete` fills it: where its figure sits (sentence ``ps``, figure ``s:e``, clause at
    ``off``) and what the earlier steps found (the reasons so far, the counted phrase, the place …)."""

    row: dict
    ps: str
    s: int
    e: int
    at: int
    clause: str
    off: int
    reasons: list[str]
    weak: bool
    missing: bool
    english: bool
    para_start: int
    counts: str = ""
    same_unit: list[str] = field(default_factory=list)
    first_any: list[str] = field(default_factory=list)
    ambiguous: bool = False
    unit_disagrees: bool = False
    ind: dict = field(default_factory=dict)
    place: object = None
    where: str = ""
    all_types: bool = False

    def set_indicator(self, indicator: str, why: str) -> None:
        """The indicator, with ``why`` first among the reasons in place of the earlier indicator's."""
        self.row["indicator"] = indicator
        self.reasons = [r for r in self.reasons if not r.startswith(("indicator from", "no indicator"))]
        self.reasons.insert(0, why)


def _draft(row: dict, t: _Text) -> _Draft:
    ps, s, e, at = row["_plain"], row["_start"], row["_end"], row["_at"]
    clause, off = _clause(ps, s, e)
    reasons = [r for r in row["reason"].split("; ")
               if r and not r.startswith(("fill scope", "region from", "no place named"))]
    return _Draft(row, ps, s, e, at, clause, off, reasons, weak=any(r.startswith("the clause itself") for r in reasons),
                  missing=row["status"] == "missing",
                  english=row.get("_lang") == "en",  # helpers.data.extract_en chose unit and indicator by its own nouns
                  para_start=t.plain.rfind("\n", 0, at) + 1)


def _counts_and_indicator(d: _Draft, t: _Text) -> None:
    """What the figure counts, the indicator that noun names, and whether the keyword near it is ambiguous or
    disagrees with its unit."""
    row, clause, off, s, e = d.row, d.clause, d.off, d.s, d.e
    counts = "" if d.english else counted_phrase(clause, s - off, e - off)
    d.counts = row["counts_zh"] = counts
    rest = clause[e - off:]
    rest = rest[len(counts):] if counts and rest.startswith(counts) else rest
    covered_after = re.match(r"(?:已|均|都)?(?:全部|全面|基本)?(?:实现)?(?:全)?覆盖", rest)
    place_ind = counted_place_indicator(counts, clause[: s - off] + ("覆盖" if covered_after else ""),
                                         row["unit"])  # 9个乡镇全部覆盖: the places are covered
    if place_ind and place_ind in t.indicators:
        d.set_indicator(place_ind, f"indicator from what it counts ('{counts}')")
    elif counts:
        current = t.rank.get(row["indicator"], len(t.keywords))
        for k in t.keywords:
            if t.rank[k.indicator] >= current:
                break
            if k.keyword in counts and t.units.get(k.indicator) == row["unit"]:
                if k.indicator != row["indicator"]:
                    d.set_indicator(k.indicator, f"indicator from what it counts ('{k.keyword}' in '{counts}')")
                break
    refined, why = refined_indicator(row, clause, clause[: s - off], counts,
                                     "\n".join((t.title, t.plain[d.para_start: d.at], d.ps)), t.indicators)
    if why:
        d.set_indicator(refined, why)
    near = re.split(r"[、…]", clause[: s - off])[-1] + re.split(r"[、…]", clause[e - off:])[0]
    d.same_unit = [i for i in _keyword_hits(near, t.keywords, t.units) if t.units.get(i) == row["unit"]]
    d.first_any = _keyword_hits(near, t.keywords, t.units)[:1]
    d.ambiguous = len(d.same_unit) > 1
    d.unit_disagrees = bool(d.first_any) and t.units.get(d.first_any[0]) not in (row["unit"], None) and \
        not d.same_unit


def _status(d: _Draft, t: _Text) -> None:
    """Status (a norm for every unit is a standard, not a goal for a date; a past deadline was reached), the
    per-station indicator of a norm per station, and the dimension."""
    row, clause, ps, s, indicators = d.row, d.clause, d.ps, d.s, t.indicators
    norm_words = requirement(row["value_text"], row["evidence"])
    if not d.missing and row["status"] != "target" and norm_words:
        row["status"] = "standard"
        d.reasons.append(f"worded as a norm ('{norm_words}'): standard")
    elif not d.missing and row["status"] == "target" and norm_words \
            and not re.search(r"到20\d\d年|20\d\d年(?:前|底|末)", clause):
        row["status"] = "standard"
        d.reasons = [r for r in d.reasons if not r.startswith("target wording")]
        d.reasons.append("worded as a norm for every unit, with no date: standard")
    norm = _NORM_WORDS.search(clause)
    if not d.missing and row["status"] == "reported" and norm:
        row["status"] = "standard"
        d.reasons.append(f"worded as a rate or cap ('{norm.group()}'): standard")
    deadline = _DEADLINE.search(clause) or _DEADLINE.search(ps[:s])
    if row["status"] == "target" and deadline and t.dated_year and int(deadline.group(1)) < int(t.dated_year):
        row["status"] = "reported"  # 到2019年12月实现全覆盖, in an article of 2022: reached by then
        d.reasons = [r for r in d.reasons if not r.startswith("target wording")]
        d.reasons.append(f"deadline {deadline.group(1)} before the article's date {t.dated_year}: reported as reached")
    station_norm = _STATION_NORM.search(ps[:s])
    if not d.missing and row["status"] == "reported" and station_norm:
        row["status"] = "standard"
        d.reasons.append(f"the sentence sets a norm for every station ('{station_norm.group()}'): standard")
    per_unit = _PER_STATION.get(row["unit"]) if row["indicator"] in _PER_UNIT_OF else None
    if per_unit == "social_workers_per_station" and row["indicator"] == "certified_social_workers" \
            and "certified_per_station" in indicators:
        per_unit = "certified_per_station"
    if row["status"] == "standard" and per_unit in indicators and row["indicator"] != per_unit \
            and (re.search(r"每[个一]?[\u4e00-\u9fff]{0,4}?站", ps[:d.e])
                 or d.english and re.search(r"\b(?:each|every|per)\b[^.]{0,40}\bstation", ps, re.IGNORECASE)):
        row["indicator"] = per_unit
        d.reasons.insert(0, f"a norm per station: {per_unit}")
    d.ind = indicators.get(row["indicator"], {})
    if row["indicator"]:
        row["dimension"] = TARGET_DIMENSION if row["status"] == "target" else d.ind.get("dimension", row["dimension"])


def _place_and_model(d: _Draft, t: _Text) -> None:
    """The place the clause, sentence, paragraph or text names, and the model whose region holds it (or the forced
    model); a national count of stations naming no township level is flagged."""
    row, ps, ctx = d.row, d.ps, t.ctx
    place, where = place_for(ctx.gazetteer, d.clause, ps, t.plain[d.para_start: d.at + d.s], t.plain)
    if d.english and where not in ("clause", "sentence") and EN_NATIONAL.search(ps):
        place, where = NATIONAL, "sentence"  # China has built …, the national coverage rate …
    elif d.english and place is None and EN_NATIONAL.search(t.title):
        place, where = NATIONAL, "title"  # … exceeds 21,000 nationwide
    d.place, d.where = place, where
    if place is not None:
        row["region_code"] = place.code
        note = "" if place.code in ctx.gazetteer.own else " (not in regions.csv: add the row)"
        d.reasons.append(f"region {place.name} {place.code} from the {where}{note}")
    else:
        row["region_code"] = ""
        d.reasons.append("no place named: set region_code")
    if ctx.model_id:
        row["model_id"] = ctx.model_id
        home = next((m["region_code"] for m in ctx.models if m["model_id"] == ctx.model_id), "")
        if place is not None and home and not place.within(home) and home != "000000":
            d.reasons.append(f"{place.name} lies outside model {ctx.model_id}'s region {home}")
            d.weak = True
    elif place is not None:
        row["model_id"], why = model_for(place, ctx.models)
        d.reasons.append(why)

    # A national count of stations that names no township level may count stations of every type (36,485 social
    # work service stations; 全国建成社会工作服务站3.6万个): the draft says so and is not sure.
    d.all_types = row["indicator"] == "stations_township" and place is not None and place.code == "000000" \
        and "stations_all_types" in t.indicators \
        and not re.search(r"乡|镇|街道|township|street", ps if d.english else d.counts + d.clause, re.IGNORECASE)
    if d.all_types:
        d.reasons.append("a national count of stations naming no township level: township stations or "
                         "stations_all_types?")


def _date(d: _Draft, t: _Text) -> None:
    """``as_of``: 今年/去年 counted from the article's year, else the paragraph's last date, else the article's."""
    row = d.row
    this_year = _THIS_YEAR.search(d.clause) or _THIS_YEAR.search(d.ps)
    if not row["as_of"] and this_year and t.dated_year and row["status"] != "target":
        year, month = str(int(t.dated_year) - _YEARS_BACK[this_year.group(1)]), this_year.group(2)
        row["as_of"] = year + (f"-{int(month):02d}" if month and 1 <= int(month) <= 12 else "")
        d.reasons.append(f"date from '{this_year.group()}' and the article's year")
    if not row["as_of"]:
        para_dates = dates_in(t.plain[d.para_start: d.at]) if d.para_start > 0 else []
        if row["status"] != "target" and para_dates:
            row["as_of"] = para_dates[-1]
            d.reasons.append("date from the paragraph")
        elif t.fallback and row["status"] != "target":
            row["as_of"] = t.fallback
            d.reasons.append(f"date from the article's {t.source}: check the figure is as of then")
        else:
            d.reasons.append("no date found: set as_of if the source gives one")


def _period_scope_money(d: _Draft, t: _Text) -> None:
    """Period, scope (and site), the counted noun's labels, and for money its purpose, payer and indicator."""
    row, ps, indicators = d.row, d.ps, t.indicators
    row["period"] = period_of(row, d.clause, ps)
    scope, site = scope_of(d.clause, ps[:d.s], t.ctx.models, row["model_id"])
    row["scope"], row["site_zh"] = scope, site
    if scope == "site":
        d.reasons.append("one site: name it in site_zh/site_en")
    if not d.counts:
        row["counts_zh"] = d.ind.get("label_zh", "")
    row["counts_en"] = d.ind.get("label_en", "")
    if row["unit"] == "CNY":
        row["purpose"], row["payer"] = money_of(d.clause, ps)
        by_money = money_indicator(row, indicators)
        if by_money != row["indicator"]:
            row["indicator"] = by_money
            row["dimension"] = "targets" if row["status"] == "target" else \
                indicators.get(by_money, {}).get("dimension", row["dimension"])
            row["counts_en"] = indicators.get(by_money, {}).get("label_en", row["counts_en"])
            d.reasons.insert(0, f"indicator from the payer or purpose ({row['payer']}, {row['purpose']})")
    d.reasons.append("check scope, period, counts_zh/en" + (", purpose, payer" if row["unit"] == "CNY" else ""))


def _confidence(d: _Draft, t: _Text) -> None:
    """``low`` for an unsure indicator, lost digits or no place or model; ``high`` only when all came from the
    figure's own clause or sentence."""
    row, reasons = d.row, d.reasons
    if d.ambiguous:
        reasons.append("indicator keyword ambiguous: " + " or ".join(d.same_unit[:3]))
    if d.unit_disagrees:
        reasons.append(f"nearest keyword is for {d.first_any[0]} ({t.units.get(d.first_any[0])}), the figure is in "
                       f"{row['unit']}")
    unit_only = any(r.startswith("indicator from the unit alone") for r in reasons)
    low = d.missing or not row["indicator"] or unit_only or d.all_types or d.ambiguous or d.unit_disagrees \
        or d.place is None or not row["model_id"]
    own_clause = any(r.startswith(("indicator from what", "indicator from")) and "not the clause" not in r
                     for r in reasons)
    high = not low and not d.weak and own_clause and d.where in ("clause", "sentence") and bool(row["as_of"])
    row["confidence"] = "low" if low else "high" if high else "medium"


def complete(rows: list[dict], text: str, plain: str, ctx: Context, indicators: dict[str, dict], keywords) -> None:
    """Fill the columns listed in the module docstring, in place, for rows from ``extract_text``."""
    rank: dict[str, int] = {}
    for i, k in enumerate(keywords):
        rank.setdefault(k.indicator, i)
    fallback, source = undated_fallback(plain)
    t = _Text(plain, ctx, indicators, keywords, {k: v.get("unit", "") for k, v in indicators.items()}, rank,
              fallback, source, article_date(plain)[:4], plain.lstrip().split("\n", 1)[0])
    for row in rows:
        d = _draft(row, t)
        _counts_and_indicator(d, t)
        _status(d, t)
        _place_and_model(d, t)
        _date(d, t)
        _period_scope_money(d, t)
        _confidence(d, t)
        row["reason"] = "; ".join(d.reasons)
    workers_of_sites(rows, indicators)
