"""Figures in English sentences (translated or English-language pages): what ``workbook extract`` drafts from them.

An English sentence (mostly Latin letters) is read by these rules instead of the Chinese ones:

* a figure is a number (``407``, ``21,000``, ``5.11``, ``3-8``, or a number word ``seven``) with an optional
  qualifier before it (more than, over, at least, nearly, about, around, approximately, almost, up to) and scale
  after it (thousand, million, billion), read by :func:`helpers.data.quantities.parse_quantity`;
* its unit comes from the noun phrase after it (stations, centres, points → count; social workers, staff, people →
  persons; person-times; households; yuan), ``percent``/``%``, or money words in the sentence for a scaled number
  with no noun (``over 1.8 billion was invested``); a number with no unit is not a figure (years, dates, ages);
* the indicator is the first English keyword of ``indicator_keywords.csv`` in the noun phrase, else in the
  sentence, whose indicator's unit agrees;
* ``status`` is ``standard`` for a norm for every unit (each, every, per) with no year, ``target`` for will, plan,
  aim, goal or target, else ``reported``; ``as_of`` is a year the sentence names (not for targets).

>>> [(r["value_text"], r["unit"], r["qualifier"]) for r in english_rows("employing more than 53,000 social workers")]
[('more than 53,000', 'persons', 'at_least')]
"""

from __future__ import annotations

import re

from helpers.data.quantities import parse_quantity

_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_QUAL = "more than|over|at least|nearly|about|around|approximately|almost|up to"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
FIGURE = re.compile(
    rf"(?<![\w.,/-])(?P<text>(?:(?:{_QUAL})\s+)?(?:(?P<num>{_NUM})(?:\s*[-–~]\s*(?:{_NUM}))?|(?P<word>{_WORDS}))"
    rf"(?:\s+(?P<scale>thousand|million|billion))?(?:\s*(?P<pct>%|percent\b))?)(?![\w,.]?\d)",
    re.IGNORECASE)
# The noun phrase a figure counts ends before a verb, a preposition or punctuation.
_STOP = re.compile(r"\b(?:was|were|is|are|have|has|had|in|of|for|with|by|and|to|which|that|will|would|from|on|at|"
                   r"across|per|each)\b|[,.;:!?]", re.IGNORECASE)
NOUNS = ((r"person-times|person times", "person_times"), (r"households?", "households"),
         (r"yuan|rmb|cny", "CNY"),
         (r"social workers?|workers?|staff|people|persons|residents|volunteers?|professionals|talents?|supervisors?",
          "persons"),
         ((r"stations?|cent(?:er|re)s?|points?|rooms?|sites?|provinces?|cities|counties|townships?|villages?|"
           r"communities|projects?|cases?|groups?|activities|organi[sz]ations?|agencies|platforms?"), "count"))
_MONEY = re.compile(r"\b(?:invest\w*|funds?|funding|yuan|rmb|spen[dt]\w*|budget\w*|allocat\w*)\b", re.IGNORECASE)
NATIONAL = re.compile(r"\b(?:China|nationwide|national(?:ly)?|the country)\b")
_TARGET = re.compile(r"\b(?:will|shall|plan(?:s|ned)?|aims?|goal|target(?:s|ed)?)\b", re.IGNORECASE)
_NORM = re.compile(r"\b(?:each|every|per)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[A-Za-z%)])[.!?]\s+(?=[A-Z])")
_YEAR = re.compile(r"(?<![\d,.])((?:19|20)\d\d)(?!\d|[,.]\d)")
# The units parse_quantity reads after an English number (provinces, people, social workers ...).
_PARSED_NOUNS = ("provinces", "people", "persons", "social workers", "yuan", "person-times", "stations")


def is_english(sentence: str) -> bool:
    """True when Latin letters make up most of the sentence's letters.

    >>> is_english("36,485 social work service stations were set up"), is_english("建成社工站138个(共138 stations)")
    (True, False)
    """
    latin = len(re.findall(r"[A-Za-z]", sentence))
    han = len(re.findall(r"[\u4e00-\u9fff]", sentence))
    return latin >= 8 and latin > 3 * han


def noun_phrase(after: str) -> str:
    """The words after a figure up to a verb, preposition or punctuation: ``town (street) social work stations``."""
    stop = _STOP.search(after)
    return " ".join((after[: stop.start()] if stop else after).split()[:8])


def unit_of(phrase: str) -> tuple[str | None, str]:
    """(unit, noun): the last noun of the phrase that names a unit (its head), else (None, '')."""
    best = None
    for rx, unit in NOUNS:
        for m in re.finditer(rf"\b(?:{rx})\b", phrase, re.IGNORECASE):
            if best is None or m.start() > best[0]:
                best = (m.start(), unit, m.group())
    return (best[1], best[2]) if best else (None, "")


def _indicator(phrase: str, sentence: str, unit: str, keywords, units: dict[str, str]) -> tuple[str, str]:
    english = [k for k in keywords if k.keyword.isascii()]
    for where in (phrase.lower(), sentence.lower()):
        for k in english:
            if k.keyword in where and (not units or units.get(k.indicator) == unit):
                return k.indicator, k.keyword
    return "", ""


def english_rows(sentence: str, *, source_id: str = "", model_id: str = "", keywords=None,
                 indicators: dict[str, dict] | None = None) -> list[dict]:
    """Draft rows (the columns of :func:`helpers.data.extract.extract_text`) for the figures of one English
    sentence; ``_start``/``_end`` are offsets in the sentence."""
    from helpers.data.extract import DRAFT_COLUMNS, _fmt, evidence_for, load_keywords

    keywords = load_keywords() if keywords is None else keywords
    indicators = indicators or {}
    units = {k: v.get("unit", "") for k, v in indicators.items()}
    rows = []
    for m in FIGURE.finditer(sentence):
        start, end = m.start("text"), m.end("text")
        # The English sentence holding the figure (a line may hold several: "... centres. Seven provinces ...").
        left = max((b.end() for b in _SENTENCE_END.finditer(sentence, 0, start)), default=0)
        right = _SENTENCE_END.search(sentence, end)
        own = sentence[left: right.start() + 1 if right else len(sentence)]
        start, end = start - left, end - left
        phrase = noun_phrase(own[end:])
        unit, noun = unit_of(phrase)
        if m.group("pct"):
            unit = "percent"
        elif unit is None and m.group("scale") and _MONEY.search(own):
            unit = "CNY"
        if unit is None:
            continue  # a year, a date, an age: no unit, no figure
        if re.match(r"\s*(?:the|a|an|this|that|these|its|their|our)\b", own[end:], re.IGNORECASE):
            continue  # In 2017 the province …: a number before a determiner counts nothing
        if m.group("num") and re.fullmatch(r"(?:19|20)\d\d", m.group("num")) and re.search(
                r"\b(?:in|by|since|from|until|of|as of|end of)\s*$", own[:start], re.IGNORECASE):
            continue  # in 2017 stations were …: a year
        value_text = own[start:end]
        head = re.match(r"\s*([\w-]+(?: [\w-]+)?)", own[end:])
        if m.group("word") and head:  # Seven provinces: a number word keeps its noun when the parser reads it
            for words in _PARSED_NOUNS:
                if head.group(1).lower().startswith(words):
                    end += head.start(1) + len(words)
                    value_text = own[start:end]
                    break
        try:
            q = parse_quantity(value_text)
        except ValueError:
            continue
        reasons = []
        if q.unit is not None and q.unit != unit:
            continue
        if _NORM.search(own) and not _YEAR.search(own):
            status = "standard"
            reasons.append("norm wording (each/every/per): confirm it is a standard")
        elif _TARGET.search(own):
            status = "target"
            reasons.append("target wording: confirm it is a plan")
        else:
            status = "reported"
        indicator, kw = _indicator(phrase, own, unit, keywords, units)
        reasons.insert(0, f"indicator from '{kw}'" if indicator else "no indicator keyword: choose one")
        reasons.append(f"unit {unit} from '{noun or value_text}'")
        years = _YEAR.findall(own[:start] + " " + own[end:])
        row = dict.fromkeys(DRAFT_COLUMNS, "")
        dimension = "targets" if status == "target" else indicators.get(indicator, {}).get("dimension", "")
        row.update({
            "model_id": model_id, "dimension": dimension if indicator else "", "indicator": indicator,
            "value_text": value_text, "value": _fmt(q.value), "value_low": _fmt(q.low), "value_high": _fmt(q.high),
            "unit": unit, "qualifier": q.qualifier, "status": status,
            "as_of": years[0] if years and status == "reported" else "",
            "period": "plan" if status in ("target", "standard") else "", "source_id": source_id,
            "evidence": evidence_for(own, start, end), "draft": "true",
            "confidence": "medium" if indicator else "low", "reason": "; ".join(reasons),
            "_lang": "en", "_start": start + left, "_end": end + left,
        })
        rows.append(row)
    return rows

