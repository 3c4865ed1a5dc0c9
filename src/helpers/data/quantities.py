"""Parse Chinese quantity expressions without losing their meaning.

``parse_quantity("21万余人次")`` keeps that 余 makes the figure a lower bound, scales 万 out and
recognises 人次 as person-times. The result is what ``workbook check`` compares every coded fact with.

Example
-------
>>> q = parse_quantity("二至三名")
>>> (q.value, q.low, q.high, q.unit, q.qualifier)
(2.5, 2.0, 3.0, 'persons', 'range')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from helpers import vocabulary

__all__ = [
    "NUMBER",
    "PREFIXES",
    "QUALIFIERS",
    "SUFFIXES",
    "UNITS",
    "UNIT_WORDS",
    "Quantity",
    "parse_quantity",
    "simplified",
]

QUALIFIERS = vocabulary.QUALIFIERS.values
UNITS = vocabulary.UNITS.values

# Longest first, so 人次 wins over 人 and 平方米 over 米.
_UNIT_WORDS = [
    ("平方米", "square_metres"), ("场次", "count"), ("人次", "person_times"), ("㎡", "square_metres"),
    ("小时", "hours"), ("学时", "hours"), ("课时", "hours"), ("元", "CNY"), ("%", "percent"), ("户", "households"),
    ("人", "persons"), ("名", "persons"), ("位", "persons"),
] + [(w, "count") for w in "个处家所场次项支件间座期批站条点"]

_PREFIXES = [
    ("不少于", "at_least"), ("不低于", "at_least"), ("超过", "at_least"), ("多于", "at_least"),
    ("至少", "at_least"), ("逾", "at_least"), ("超", "at_least"), ("不超过", "at_most"), ("不到", "at_most"),
    ("不足", "at_most"), ("少于", "at_most"), ("低于", "at_most"), ("大约", "approx"),
    ("将近", "approx"), ("接近", "approx"), ("约", "approx"), ("近", "approx"),
]
_SUFFIXES = [("以上", "at_least"), ("以下", "at_most"), ("以内", "at_most"), ("左右", "approx"),
             ("余", "at_least"), ("多", "at_least")]

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
_CN_CHARS = "".join(_DIGITS) + "".join(_SMALL)
_RANGE_SEPS = "至到~—－～–\\-"
_NUMBER = rf"(?:\d+(?:\.\d+)?|[{_CN_CHARS}]+)"
# 数十, 几百, 上千, 上万余, 数十万: a vague number that still gives a lower bound (the scale it names).
_VAGUE = re.compile(r"(?:数|几|上)(?=[十百千万亿])(?P<small>[十百千])?(?P<big>[万亿])?(?:余|多)?")
# Read by helpers.data.wording, which looks at the words around a figure in its evidence.
NUMBER, UNIT_WORDS, PREFIXES, SUFFIXES = _NUMBER, tuple(_UNIT_WORDS), tuple(_PREFIXES), tuple(_SUFFIXES)


@dataclass(frozen=True)
class Quantity:
    """A parsed figure: ``value`` in base units, open bounds are ``None``."""

    text: str
    value: float
    low: float | None
    high: float | None
    unit: str | None
    qualifier: str


def _cn_to_decimal(s: str) -> Decimal:
    """一千九百四十 → 1940; 十二 → 12; 千 → 1000; 三 → 3."""
    if all(ch in _DIGITS for ch in s):  # digit-by-digit: 二〇二五
        return Decimal("".join(str(_DIGITS[ch]) for ch in s))
    total, digit = 0, None
    for ch in s:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * _SMALL[ch]
            digit = None
    return Decimal(total + (digit or 0))


def _number(s: str) -> Decimal:
    return Decimal(s) if s[0].isdigit() else _cn_to_decimal(s)


# Traditional characters met in mirrored pages read as their simplified forms: the numerals and scales (萬 億 兩),
# the qualifier words (超過 不少於 約 將近 餘 以內 達到 幾), the unit words (個 項 場 戶 處 點 間 條 時 學 課), the
# words that link a qualifier to its figure (配備 應 須 為 累計 佔 設立; helpers.data.wording) and a few words the
# extractor meets. One character for one, so a position in the converted text is the same position in
# the text as written. A table rather than OpenCC: the parser reads a closed set of words, the table is exact for
# them and tested character by character, and it adds no dependency.
_TRADITIONAL_CHARS = {
    "萬": "万", "億": "亿", "兩": "两", "個": "个", "約": "约", "餘": "余", "過": "过", "於": "于", "將": "将",
    "內": "内", "達": "达", "幾": "几", "數": "数", "項": "项", "場": "场", "戶": "户", "處": "处", "點": "点", "間": "间",
    "條": "条", "時": "时", "學": "学", "課": "课", "蓋": "盖", "參": "参", "與": "与", "範": "范", "圍": "围",
    "備": "备", "應": "应", "須": "须", "為": "为", "計": "计", "佔": "占", "設": "设",
}
_TRADITIONAL = str.maketrans(_TRADITIONAL_CHARS)


def simplified(text: str) -> str:
    """``text`` with the traditional characters the parser reads in their simplified forms, one for one.

    >>> simplified("超過160萬人、不少於3個")
    '超过160万人、不少于3个'
    """
    return text.translate(_TRADITIONAL)


def _normalise(text: str) -> str:
    s = simplified(unicodedata.normalize("NFKC", text).strip())  # NFKC: full-width digits, ％ → %
    return re.sub(r"(?<=\d),(?=\d{3})", "", s).replace(" ", "")


def _take(s: str, table: list[tuple[str, str]], at_start: bool) -> tuple[str, str | None]:
    for word, meaning in table:
        if at_start and s.startswith(word):
            return s[len(word):], meaning
        if not at_start and s.endswith(word):
            return s[: -len(word)], meaning
    return s, None


def parse_quantity(text: str) -> Quantity:
    """Parse a Chinese quantity such as ``21万余人次``, ``约2.2亿元``, ``二至三名`` or ``40%以上``.

    Returns a :class:`Quantity` with the value in base units (万 and 亿 scaled out). Qualifiers:
    余/多/超过/以上/不少于 → ``at_least``; 不超过/以内/以下 → ``at_most``; 约/近/左右 → ``approx``;
    ``A至B`` → ``range`` (value is the midpoint); otherwise ``exact``. ``全覆盖`` is 100 percent. A vague number
    (数十, 几百, 上千, 上万余) is ``at_least`` the scale it names: ``数十个`` → at least 10.
    Raises ``ValueError`` quoting the text when it is not a quantity.

    >>> parse_quantity("1.2万余个").value
    12000.0
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"not a quantity: {text!r}")
    s = _normalise(text)
    if s in ("全覆盖", "100%全覆盖"):
        return Quantity(text, 100.0, 100.0, 100.0, "percent", "exact")
    if s == "基本全覆盖":  # "basically full coverage": near 100 %, not a measured share
        return Quantity(text, 100.0, None, None, "percent", "approx")
    if re.search(r"[A-Za-z]", s):
        return _parse_english(text)

    qualifiers: list[str] = []
    s, q = _take(s, _PREFIXES, at_start=True)
    qualifiers += [q] if q else []
    if q and s.startswith(("达到", "达")):  # 至少达到2482个: 达到 adds nothing to the meaning
        s = s[2:] if s.startswith("达到") else s[1:]
    unit = None
    # Trailing qualifier words may stand after the unit (40%以上, 100人左右) or before it (300多人).
    s, q = _take(s, _SUFFIXES[:4], at_start=False)
    qualifiers += [q] if q else []
    for word, meaning in _UNIT_WORDS:
        if s.endswith(word):
            s, unit = s[: -len(word)], meaning
            break

    vague = _VAGUE.fullmatch(s)
    if vague:  # 数十个, 上万余人次, 几百名: at least the scale the words name (数十 ≥ 10), never a guessed number
        if len(set(qualifiers) - {"at_least"}) > 0:
            raise ValueError(f"conflicting qualifiers in {text!r}")
        v = float(_SMALL.get(vague.group("small") or "", 1) * _BIG.get(vague.group("big") or "", Decimal(1)))
        return Quantity(text, v, v, None, unit, "at_least")
    m = re.fullmatch(
        rf"(?P<a>{_NUMBER})(?P<aq>余|多)?(?P<am>[万亿])?"
        rf"(?:[{_RANGE_SEPS}](?P<b>{_NUMBER})(?P<bq>余|多)?)?(?P<m>[万亿])?(?P<q>余|多)?",
        s,
    )
    if not m:
        raise ValueError(f"not a quantity: {text!r}")
    for key in ("aq", "bq", "q"):
        if m.group(key):
            qualifiers.append("at_least")
    shared = _BIG.get(m.group("m") or "", Decimal(1))
    if m.group("am") and m.group("m") and not m.group("b"):
        raise ValueError(f"not a quantity: {text!r}")
    a = _number(m.group("a")) * (_BIG[m.group("am")] if m.group("am") else shared)

    if m.group("b"):
        if qualifiers:
            raise ValueError(f"a range with a qualifier is ambiguous: {text!r}")
        b = _number(m.group("b")) * shared
        if b < a:
            raise ValueError(f"range runs backwards: {text!r}")
        lo, hi = float(a), float(b)
        return Quantity(text, float((a + b) / 2), lo, hi, unit, "range")

    kinds = set(qualifiers)
    if "approx" in kinds and len(kinds) == 2:  # 约500余次: an approximate figure, whatever else it says
        kinds = {"approx"}
    if len(kinds) > 1:
        raise ValueError(f"conflicting qualifiers {sorted(kinds)} in {text!r}")
    qualifier = kinds.pop() if kinds else "exact"
    v = float(a)
    low = v if qualifier in ("exact", "at_least") else None
    high = v if qualifier in ("exact", "at_most") else None
    return Quantity(text, v, low, high, unit, qualifier)


_EN_QUALIFIERS = [("more than", "at_least"), ("over", "at_least"), ("at least", "at_least"),
                  ("nearly", "approx"), ("about", "approx"), ("around", "approx"),
                  ("approximately", "approx"), ("almost", "approx"), ("up to", "at_most")]
_EN_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_EN_NUMBERS = {w: str(i) for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])}
_EN_UNITS = {"provinces": "count", "people": "persons", "persons": "persons", "social workers": "persons", "yuan": "CNY",
             "person-times": "person_times", "stations": "count", "%": "percent", "percent": "percent"}


def _parse_english(text: str) -> Quantity:
    """English figures from English-language sources: ``more than 660,000``, ``about 1.2 million``."""
    s = " ".join(unicodedata.normalize("NFKC", text).lower().split())
    qualifier = "exact"
    for words, meaning in _EN_QUALIFIERS:
        if s.startswith(words + " "):
            s, qualifier = s[len(words) + 1:], meaning
            break
    first, _, rest = s.partition(" ")
    if first in _EN_NUMBERS:
        s = f"{_EN_NUMBERS[first]} {rest}".strip()
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(thousand|million|billion)?\s*(.*)", s)
    if not m or (m.group(3) and m.group(3) not in _EN_UNITS):
        raise ValueError(f"not a quantity: {text!r}")
    v = float(Decimal(m.group(1).replace(",", "")) * _EN_SCALES.get(m.group(2) or "", 1))
    low = v if qualifier in ("exact", "at_least") else None
    high = v if qualifier in ("exact", "at_most") else None
    return Quantity(text, v, low, high, _EN_UNITS.get(m.group(3)), qualifier)
