"""Draft fact rows from a source text: every figure about social work, with its meaning and a quote.

``workbook extract PATH`` reads a UTF-8 text (article, notice, web page), finds the figures about
social work (stations, social workers, money, person-times, cases, coverage ...) and writes draft rows
in the columns of ``data/raw/facts.csv`` plus ``draft`` (``true``), ``confidence`` and ``reason``.
A person checks every draft row, fills in scope, counts and period, and removes the draft marker;
``workbook check`` refuses rows still marked draft.

Rules (each has a test in tests/test_extract.py):

* pinyin glosses such as ``鄉(xiāng)`` are removed before matching; quotes are the stripped text;
* a figure is a number (digits, Chinese numerals, 万/亿, ranges) with its qualifier words and a unit
  that :func:`helpers.data.quantities.parse_quantity` reads; a measure word with no number after words
  such as 建成/覆盖/达到/不少于/余 is a figure the source lost (``status=missing``);
* dates, document numbers, ordinals (第X), phone numbers, URLs, labels in quotation marks
  (“一个平台、两类评选”), the article 一 (一个/一批) and figures in clauses that say nothing about
  social work are left out;
* ``status`` is ``target`` when the clause plans or aims (到20XX年, 力争, 计划, 将, 要, 目标), else
  ``reported``; ``as_of`` is the date in the clause, else in the sentence.

>>> rows = extract_text("2022年，青岛市建设镇街社工站138处。")
>>> [(r["value_text"], r["value"], r["unit"], r["as_of"], r["evidence"]) for r in rows]
[('138处', '138', 'count', '2022', '青岛市建设镇街社工站138处')]
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from helpers.data.dates import as_of_for
from helpers.data.quantities import parse_quantity
from helpers.data.restatements import restated_once, without_restatements
from helpers.data.script import plain as plain_script
from helpers.data.wording import requirement, stated_qualifier
from helpers.errors import WorkbookError
from helpers.vocabulary import TARGET_DIMENSION

FACT_COLUMNS = ["fact_id", "model_id", "region_code", "dimension", "indicator", "value_text", "value",
                "value_low", "value_high", "unit", "qualifier", "status", "as_of", "period", "scope",
                "phase", "counts_zh", "counts_en", "site_zh", "site_en", "purpose", "payer", "duplicate_of",
                "conflicts_with", "headline", "source_id", "evidence", "note"]
DRAFT_COLUMNS = FACT_COLUMNS + ["draft", "confidence", "reason"]
MAX_EVIDENCE = 60

_TONED = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
GLOSS = re.compile(rf"\([{_TONED}]+\)")
_URL = re.compile(r"(?:https?://|www\.)[\w./%?=&#:~+-]*", re.IGNORECASE)

_CN = "零〇一二两兩三四五六七八九十百千"
# A number: digits, Chinese numerals, or a vague number that names its scale (数十, 几百, 上万).
_NUM = rf"(?:\d+(?:\.\d+)?|[{_CN}]+|[数几上](?=[十百千万亿])[十百千]?)"
_PRE = "不少于|不少於|不低于|不低於|不超过|不超過|超过|超過|多于|至少|不到|不足|少于|低于|大约|将近|接近|逾|超|约|約|近"
_AFTER = "以上|以下|以内|左右"
_UNITS = ("平方米|场次|人次|小时|学时|课时|万元|亿元|萬元|億元|元|%|％|㎡|户|人|名|位|"
          "个|個|处|處|家|所|场|次|项|支|件|间|座|期|批|站|条|点")
_SEPS = "至到~—－～–\\-"
FIGURE = re.compile(
    rf"(?<![\d.{_CN}万亿萬億第])"
    rf"(?P<text>(?:(?:{_PRE})(?:达到|达)?)?"
    rf"{_NUM}(?:余|餘|多)?[万亿萬億]?(?:[{_SEPS}]{_NUM}(?:余|餘|多)?)?[万亿萬億]?(?:余|餘|多)?"
    rf"(?:{_AFTER})?(?P<unit>{_UNITS})(?:{_AFTER})?)"
)
# 实现…全覆盖, or 全覆盖 straight after the stations it covers (1940个乡镇(街道)社工站全覆盖).
FULL_COVERAGE = re.compile(r"(?:实现[^，。；,;]{0,30}?|(?<=[站点室]))(?P<full>(?:100%)?全覆盖)")
# A scaled number with no unit word after a word that names what it counts (持证社会工作者数量116.1万): the
# indicator's unit is the figure's.
BARE = re.compile(r"(?<=数量|人数|总量|总数|规模)(?:达到|达|为|是)?(?P<text>(?:约|近|超过|逾)?\d+(?:\.\d+)?[万亿])"
                  r"(?=[，。；、,;）)]|$)")
_NOT_MEASURE = {"个": "案人性体别方季百", "名": "义称单额牌片录誉", "家": "庭属园长门", "处": "理置室",
                "户": "籍外口", "支": "持出付部", "场": "所地景域", "所": "有在以属"}
# The indicator of a unit that no keyword names: person-times are of people served unless a word says otherwise.
_UNIT_DEFAULT = {"person_times": "service_person_times"}
_LOST_UNIT_MEANING = {"平方米": "square_metres", "人次": "person_times", "万元": "CNY", "亿元": "CNY", "元": "CNY",
                      "%": "percent", "％": "percent", "名": "persons", "户": "households"}

# Without one of these in its clause (or its sentence, for a bare figure) a figure is not about social work.
SOCIAL_WORK = re.compile(r"社工|社会工作|社區|社区|志愿|服务|服務|站|个案|小组|活动|资金|经费|投入|持证|岗位|资助|公益金|"
                         r"督导|培训|覆盖|机构|项目|群众|居民|对象|老人|儿童|困境|救助|关爱|探访|走访|津贴|补贴|奖励|人才|"
                         r"链接|物资|善款|捐赠|捐款|慈善|报名|考试|证书")
_NOT_SOCIAL_UNIT = re.compile(r"^(?:岁|公里|千米|米|年|天|周|个月|月|日|号|号文|届|倍|层|台|辆|吨|亩|分钟|秒)")
TARGET = re.compile(r"到20\d\d年|力争|计划|(?<![即])将|(?<![重主需必只纲概])要(?![素点])|目标")
_CLAUSE_SPLIT = re.compile(r"[，。；！？,;!?\n]")
_QUOTED = re.compile(r"“[^”\n]{0,24}”|\"[^\"\n]{0,24}\"|《[^》\n]*》|〔[^〕\n]*〕|\[[^\]\n]*\]|【[^】\n]*】")
# 一个 is a count, not the article, when a build verb stands before it and a site noun after it.
_ONE_BUILT = re.compile(r"(?:建成|建设|建立|设立|新建|成立|共有|仅有|只有|有)\|[^|]{0,3}?(?:社工站|服务站|工作站|站点|中心)")
# Ratings no indicator measures: satisfaction, approval, awareness.
_RATING = re.compile(r"满意度|满意率|好评率|知晓率|满意")
# An enumerator opening a numbered heading or point: （一）, (2), 一是, 1.
_HEADING = re.compile(r"(?:[（(][一二三四五六七八九十\d]{1,2}[）)]|[一二三四五六七八九十]是|^\s*\d{1,2}[.、．])\s*$")
_REGION_SUFFIXES = ("回族自治区", "壮族自治区", "维吾尔自治区", "自治区", "特别行政区", "自治州", "自治县",
                    "地区", "省", "市", "县", "区", "盟", "旗")


class ExtractError(WorkbookError):
    """A source text that cannot be read; the message names the file (and line:column for bad bytes)."""


@dataclass(frozen=True)
class Keyword:
    indicator: str
    keyword: str


def read_source(path: str | Path) -> str:
    """The text of ``path``; raises :class:`ExtractError` naming the file and the first bad byte's line:column."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ExtractError(f"{path}: file not found") from None
    except IsADirectoryError:
        raise ExtractError(f"{path}: is a folder, not a text file") from None
    except OSError as e:
        raise ExtractError(f"{path}: cannot read ({e.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        before = data[: e.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1:].decode("utf-8", errors="replace")) + 1
        raise ExtractError(f"{path}:{line}:{col}: not UTF-8 text (byte 0x{data[e.start]:02x})") from None


def strip_glosses(text: str) -> str:
    """``乡(xiāng)镇(zhèn)`` → ``乡镇``: pinyin glosses in brackets are removed."""
    return GLOSS.sub("", text)


def load_keywords(path: str | Path | None = None) -> list[Keyword]:
    """The keyword table (indicator, keyword), in priority order: the first row that fits wins."""
    if path is None:
        text = resources.files("helpers.data").joinpath("indicator_keywords.csv").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return [Keyword(r["indicator"], r["keyword"]) for r in csv.DictReader(io.StringIO(text))]


def _fmt(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _clauses(sentence: str, start: int, end: int) -> tuple[str, int]:
    """The clause of ``sentence`` holding [start, end), and the clause's offset."""
    left = max((m.end() for m in _CLAUSE_SPLIT.finditer(sentence, 0, start)), default=0)
    right = _CLAUSE_SPLIT.search(sentence, end)
    return sentence[left: right.start() if right else len(sentence)], left


def evidence_for(sentence: str, start: int, end: int) -> str:
    """The shortest clause around [start, end) (at most 60 characters), containing the figure."""
    clause, off = _clauses(sentence, start, end)
    clause = clause.strip()
    if len(clause) <= MAX_EVIDENCE:
        return clause
    s, e = start - off, end - off
    lo = max(0, min(s - 20, len(clause) - MAX_EVIDENCE))
    return clause[lo: lo + MAX_EVIDENCE] if e - lo <= MAX_EVIDENCE else clause[s: s + MAX_EVIDENCE]


# A span to reach something is a goal: 用两年时间实现全覆盖, 三年内建成.
_SPAN_GOAL = re.compile(r"用[一二两三四五\d]+年(?:时间|左右)?|[一二两三四五\d]+年内")


def is_target(clause: str, sentence_before: str) -> bool:
    """A plan or goal: the clause says 力争/计划/将/要/目标 or 用两年时间/三年内, or the sentence opens with 到20XX年.

    (Carrying an earlier clause's plan word to the figure's clause was tried: it gained on dev texts and lost on the
    seeds, where 将 is often 把 and 计划 a programme's name, so it is not a rule.)
    """
    return bool(TARGET.search(clause) or _SPAN_GOAL.search(clause) or re.search(r"到20\d\d年", sentence_before))


def guess_indicator(clause_before: str, clause_after: str, sentence: str, unit: str | None,
                    keywords: list[Keyword], units: dict[str, str]) -> tuple[str, str, bool]:
    """(indicator, keyword, found in clause): the first keyword row whose indicator's unit agrees.

    Looks first in the list item holding the figure (the clause split on 、), then the clause, then the
    sentence: ``中心22个、服务站242个`` gives 242 to the station, not the centre.
    """
    clause = clause_before + clause_after
    near = re.split(r"[、…]", clause_before)[-1] + re.split(r"[、…]", clause_after)[0]
    for where, in_clause in ((near, True), (clause, True), (sentence, False)):
        for k in keywords:
            if k.keyword in where and (not units or units.get(k.indicator) == unit):
                return k.indicator, k.keyword, in_clause
    return "", "", False


class Regions:
    """Place names from regions.csv: name_zh and the name without 省/市/县/区; the longest match wins."""

    def __init__(self, rows: list[dict]):
        names: dict[str, tuple[str, str]] = {}
        for r in rows:
            full = r["name_zh"]
            names.setdefault(full, (r["region_code"], r.get("level", "")))
            for suf in _REGION_SUFFIXES:
                if full.endswith(suf) and len(full) - len(suf) >= 2:
                    names.setdefault(full[: -len(suf)], (r["region_code"], r.get("level", "")))
                    break
        self.names = sorted(names.items(), key=lambda kv: -len(kv[0]))

    def find(self, *texts: str) -> tuple[str, str]:
        """(region_code, name) of the longest place name in the first text that names one."""
        for t in texts:
            for name, (code, _) in self.names:
                if name in t:
                    return code, name
        return "", ""


def _bad_context(text: str, m_start: int, m_end: int, unit: str) -> bool:
    """Figures that are not counts of social work: labels, articles, durations, ordinals."""
    after = text[m_end: m_end + 2]
    before = text[max(0, m_start - 1): m_start]
    figure = text[m_start:m_end]
    if unit in ("个", "個") and after[:1] in ("月", "工") :
        return True  # 3个月 (a duration), 五个工作日
    if unit in _NOT_MEASURE and after[:1] and after[0] in _NOT_MEASURE[unit]:
        return True
    if unit == "家" and after[:1] == "乡" and after[1:2] not in ("镇", "村"):
        return True  # 家乡 (hometown), but 146家乡镇社工站 counts stations
    if unit == "站" and after[:1] in ("式", "点", "长"):
        return True  # 一站式
    if unit == "点" and after[:1] in ("钟", "半"):
        return True
    if _NOT_SOCIAL_UNIT.match(text[m_end:]) and unit in ("个", "個"):
        return True
    if re.fullmatch(rf"[一壹][{_UNITS}]+", figure.replace("個", "个")) and not _ONE_BUILT.search(
            text[max(0, m_start - 4): m_start] + "|" + text[m_end: m_end + 8]):
        return True  # the article: 一个平台, 一批社工 (but 建成一个社工站 counts one station)
    if _HEADING.search(text[:m_start]) and re.fullmatch(rf"[{_CN}]+[{_UNITS}]", figure) and \
            re.match(r"[\u4e00-\u9fff]{0,6}(?:[，。；,;\s]|$)", text[m_end:]):
        return True  # a numbered heading's label: （一）三个整合, 一是两个引领
    if unit == "小时" and figure == "24小时":
        return True  # 24小时服务: round the clock, not hours of service
    if unit == "期" and re.fullmatch(rf"[{_CN}]期", figure) and re.match(r"工程|项目|建设", text[m_end:]):
        return True  # 二期工程: a phase's name
    if unit in ("%", "％") and _RATING.search(text[max(0, m_start - 12): m_start]):
        return True  # 满意度达98%: a rating, not a figure the workbook codes
    if unit == "名" and before == "前" and text[max(0, m_start - 2): m_start - 1] not in ("目", "此", "以", "之", "当", "提"):
        return True  # a rank: 前三名
    if before in ("第", "每") and unit not in ("%", "％"):
        return before == "第"
    return False


def _masked(text: str) -> str:
    """The text with URLs and quoted labels blanked out (same length, so offsets still hold)."""
    out = _URL.sub(lambda m: " " * len(m.group()), text)
    return _QUOTED.sub(lambda m: m.group()[0] + "　" * (len(m.group()) - 2) + m.group()[-1], out)


def extract_text(text: str, *, source_id: str = "", model_id: str = "", keywords: list[Keyword] | None = None,
                 indicators: dict[str, dict] | None = None, regions: Regions | None = None,
                 context=None) -> list[dict]:
    """Draft fact rows for every figure about social work in ``text`` (see the module docstring).

    Words are matched in simplified script (:func:`helpers.data.script.plain`); value_text and the quote are cut
    from the text as written. With ``context`` (:class:`helpers.data.drafts.Context`) the rows are completed
    (place, model, date, period, scope, what they count; :func:`helpers.data.drafts.complete`).
    """
    from helpers.data.extract_en import english_rows, is_english
    from helpers.data.lost_figures import add_lost

    keywords = load_keywords() if keywords is None else keywords
    indicators = indicators or {}
    units = {k: v["unit"] for k, v in indicators.items()}
    text = strip_glosses(text)
    plain = plain_script(text)
    rows: list[dict] = []
    for sm in re.finditer(r"[^。！？!?\n]+[。！？!?]?", plain):
        lead = len(sm.group()) - len(sm.group().lstrip())
        at = sm.start() + lead
        psentence = sm.group().strip()
        if not psentence:
            continue
        sentence = text[at: at + len(psentence)]
        if is_english(psentence):  # a translated or English-language page: helpers.data.extract_en's rules
            for row in english_rows(sentence, source_id=source_id, model_id=model_id, keywords=keywords,
                                    indicators=indicators):
                row.update({"_sentence": sentence, "_plain": psentence, "_at": at})
                rows.append(row)
            continue
        masked = _masked(psentence)
        found: list[tuple[int, int, str, bool]] = []  # start, end, unit word, missing
        for m in FIGURE.finditer(masked):
            if _bad_context(masked, m.start(), m.end(), m.group("unit")):
                continue
            found.append((m.start(), m.end(), m.group("unit"), False))
        for m in FULL_COVERAGE.finditer(masked):
            found.append((m.start("full"), m.end("full"), "%", False))
        for m in BARE.finditer(masked):
            found.append((m.start("text"), m.end("text"), "", False))
        add_lost(masked, found, _bad_context)
        for start, end, unit_word, missing in sorted(found):
            row = _row(sentence, start, end, unit_word, missing, source_id, model_id, keywords,
                       indicators, units, regions, psentence)
            if row is not None:
                row.update({"_sentence": sentence, "_plain": psentence, "_at": at, "_start": start, "_end": end})
                rows.append(row)
    rows = without_restatements(rows, plain)
    if context is not None:
        from helpers.data.drafts import complete

        complete(rows, text, plain, context, indicators, keywords)
        rows = restated_once(rows)
    for n, row in enumerate(rows, 1):
        row["fact_id"] = f"{source_id or 'draft'}-{n:02d}"
    return rows


def _row(sentence, start, end, unit_word, missing, source_id, model_id, keywords, indicators, units, regions,
         psentence=None):
    value_text = sentence[start:end]
    psentence = sentence if psentence is None else psentence  # the sentence in simplified script
    clause, off = _clauses(psentence, start, end)
    reasons, weak = [], False
    if not SOCIAL_WORK.search(clause):
        weak = True
        if not SOCIAL_WORK.search(psentence):
            return None
        reasons.append("the clause itself does not say it is about social work")
    if missing:
        qualifier = ("at_least" if re.match(r"(不少于|不低于|超过|余|多)", value_text) else "exact")
        unit = _LOST_UNIT_MEANING.get(unit_word, "count")
        value = low = high = None
        status = "missing"
        reasons.append("the source lost the number: quote the gap, check value_text")
    else:
        try:
            q = parse_quantity(value_text)
        except ValueError:
            return None
        unit, qualifier, value, low, high = q.unit, q.qualifier, q.value, q.low, q.high
        if q.unit is None:  # a bare scaled number (数量116.1万): the unit of the indicator its words name
            near, _, _ = guess_indicator(clause[: start - off], "", psentence, None, keywords, {})
            unit = units.get(near) if near else None
            if unit is None:
                return None
            reasons.append(f"no unit word: unit {unit} from the indicator")
        status = "target" if is_target(clause, psentence[:start]) else "reported"
        stated = stated_qualifier(value_text, clause)  # 至少要配备3名, 约5605户8474人: the words around it count
        if stated and stated[0] != qualifier:
            qualifier = stated[0]
            low = value if qualifier == "at_least" else None
            high = value if qualifier == "at_most" else None
            reasons.append(f"qualifier from '{stated[1]}'")
        if status == "reported" and requirement(value_text, clause):
            status = "standard"  # a norm for every unit (每站配备, 原则上不少于): never an achieved figure
    if missing and is_target(clause, psentence[:start]):
        reasons.append("the clause may state a target")
    indicator, kw, in_clause = guess_indicator(clause[: start - off], clause[start - off:], psentence, unit,
                                               keywords, units)
    if not indicator and unit in _UNIT_DEFAULT and _UNIT_DEFAULT[unit] in units:
        indicator, kw, in_clause = _UNIT_DEFAULT[unit], "", False  # 入户探访约10000人次: person-times served
    code, place = regions.find(clause, psentence) if regions else ("", "")
    dimension = ""
    if indicator:
        dimension = TARGET_DIMENSION if status == "target" else indicators.get(indicator, {}).get("dimension", "")
        reasons.append(f"indicator from '{kw}'" + ("" if in_clause else " (in the sentence, not the clause)") if kw
                       else "indicator from the unit alone: check it")
    else:
        reasons.append("no indicator keyword: choose one")
    reasons.append(f"region from '{place}'" if place else "no place named: set region_code")
    if status == "target":
        reasons.append("target wording: confirm it is a plan")
    if status == "standard":
        reasons.append("norm wording: confirm it is a standard")
    reasons.append("fill scope, period, counts_zh/en" + (", purpose, payer" if unit == "CNY" else ""))
    confidence = "high" if (indicator and in_clause and not missing and place and not weak) else \
        "medium" if (indicator and not missing) else "low"
    return {
        "fact_id": "", "model_id": model_id, "region_code": code, "dimension": dimension, "indicator": indicator,
        "value_text": value_text, "value": _fmt(value), "value_low": _fmt(low), "value_high": _fmt(high),
        "unit": unit, "qualifier": qualifier, "status": status,
        "as_of": as_of_for(clause, psentence, off), "period": "plan" if status in ("target", "standard") else "", "scope": "",
        "phase": "",
        "counts_zh": "", "counts_en": "", "site_zh": "", "site_en": "", "purpose": "", "payer": "",
        "duplicate_of": "", "conflicts_with": "", "headline": "", "source_id": source_id,
        "evidence": evidence_for(sentence, start, end), "note": "",
        "draft": "true", "confidence": confidence, "reason": "; ".join(reasons),
    }


def write_rows(rows: list[dict], out) -> None:
    """Write draft rows as CSV (header = facts.csv columns + draft, confidence, reason)."""
    w = csv.DictWriter(out, fieldnames=DRAFT_COLUMNS, lineterminator="\n", extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)


def project_tables(raw: Path) -> tuple[dict[str, dict], Regions | None]:
    """indicators.csv (indicator → row) and regions.csv of a project; empty when a file is absent."""
    indicators, regions = {}, None
    if (raw / "indicators.csv").is_file():
        with open(raw / "indicators.csv", encoding="utf-8") as fh:
            indicators = {r["indicator"]: r for r in csv.DictReader(fh)}
    if (raw / "regions.csv").is_file():
        with open(raw / "regions.csv", encoding="utf-8") as fh:
            regions = Regions(list(csv.DictReader(fh)))
    return indicators, regions
