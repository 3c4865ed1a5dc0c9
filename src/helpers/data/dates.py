"""Dates in a source text → ``as_of`` values (``2023``, ``2023-06``, ``2023-06-30``): the one reading of them.

:mod:`helpers.data.extract` dates a figure by its clause or sentence; :mod:`helpers.data.drafts` falls back on
the paragraph, the title and the article's date line. A year alone, a year and month, or a full date, written
``2023年6月30日``, ``2023-06-30``, ``2023/6/30`` or ``2023.6``; an impossible month leaves the year, an impossible day
the month.

>>> as_of_for("截至2023年6月底，建成社工站138个", "")
'2023-06'
"""

from __future__ import annotations

import re

DATE = re.compile(r"(20\d\d|19\d\d)\s*(?:年|[-/.])\s*(?:(\d{1,2})\s*(?:月|[-/.])\s*(?:(\d{1,2})\s*日?)?)?")
# A year that names a span, not a date: 2021-2025年, 2021至2025年 (the plan's years).
_SPAN = re.compile(r"(?:20|19)\d\d\s*[-—至到~～]\s*(?:20|19)\d\d")
DATE_LINE = re.compile(r"(?:发布时间|发布日期|发布于|日期|时间|来源)[^\n]{0,20}?(20\d\d)(?:\s*[年\-/.]\s*(\d{1,2})"
                       r"(?:\s*[月\-/.]\s*(\d{1,2}))?)?")


def date_text(m: re.Match) -> str:
    """The ``as_of`` text of a :data:`DATE` (or :data:`DATE_LINE`) match."""
    y, mo, d = m.group(1), m.group(2), m.group(3)
    if mo and not 1 <= int(mo) <= 12:
        return y
    if d and not 1 <= int(d) <= 31:
        d = None
    return y + (f"-{int(mo):02d}" if mo else "") + (f"-{int(d):02d}" if mo and d else "")


def dates_in(text: str) -> list[str]:
    """Every date of ``text`` in order, spans of years (2021-2025年) left out.

    >>> dates_in("2021-2025年规划；2023年6月建成"), dates_in("2023-06-30")
    (['2023-06'], ['2023-06-30'])
    """
    spans = [m.span() for m in _SPAN.finditer(text)]
    return [date_text(m) for m in DATE.finditer(text) if not any(s <= m.start() < e for s, e in spans)]


def as_of_for(clause: str, sentence: str, at: int | None = None) -> str:
    """``2023年6月`` → ``2023-06``: the date in the clause, else (``at``: where the clause starts in the sentence) the
    last date before the clause, the time phrase that governs what follows it (到2022年…1万人，到2025年，达到1.5万人),
    else the first date after it; without ``at``, the first in the sentence; empty if none.

    >>> as_of_for("达到1.5万人", "到2022年，达到1万人，到2025年，达到1.5万人", 20)
    '2025'
    """
    found = dates_in(clause)
    if found:
        return found[0]
    if at is not None:
        before = dates_in(sentence[:at])
        if before:
            return before[-1]
        after = dates_in(sentence[at:])
        return after[0] if after else ""
    found = dates_in(sentence)
    return found[0] if found else ""


def article_date(plain: str) -> str:
    """The article's date line: 发布时间/日期 … YYYY-MM-DD (or YYYY-MM, YYYY), else a full date on one of its
    first three lines.

    >>> article_date("标题\\n发布时间：2023-05-12 来源：民政局\\n正文"), article_date("标题\\n发布日期：2023-07\\n正文")
    ('2023-05-12', '2023-07')
    """
    m = DATE_LINE.search(plain[:600])
    if m:
        return date_text(m)
    for line in plain.split("\n")[:3]:
        m = re.search(r"(20\d\d)\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})", line)
        if m:
            return date_text(m)
    return ""


def title_year(plain: str) -> str:
    """The one year the title (the text's first line) names as the time its figures cover: ``2023年社工服务数据``,
    ``2022年度``, ``2021年工作总结``; empty when it names none, several, or a goal's year (到2025年, 2025年前).

    >>> title_year("广州市社会工作年会报道(2023年社工服务数据)\\n…"), title_year("到2025年实现全覆盖\\n…")
    ('2023', '')
    """
    title = next((line for line in plain.split("\n") if line.strip()), "")
    if _SPAN.search(title):
        return ""
    years = set(re.findall(r"(?<!到)(?<!至)(?<!\d)((?:20|19)\d\d)年(?!前|底前|以前)", title))
    if not years and re.search(r"[A-Za-z]{3}", title) and not re.search(r"\b(?:by|until|to)\s+(?:20|19)\d\d", title):
        years = set(re.findall(r"\b(?:in|of|for)\s+((?:20|19)\d\d)\b", title))  # … in 2017 (English titles)
    if len(years) != 1 or re.search(r"(?:到|至)(?:20|19)\d\d年", title):
        return ""
    return years.pop()


def undated_fallback(plain: str) -> tuple[str, str]:
    """(as_of, where) for a figure whose clause, sentence and paragraph give no date: the year the title names
    when the date line is of a later year (a report published in January on the year before), else the month of
    the date line (an article dates its publication, not its figures, which are as of then or a few days before:
    the draft claims the month, not a day the text does not give), else the title's year; ("", "") when the text
    gives neither.

    >>> undated_fallback("2023年社工服务数据\\n发布时间：2024-01-18\\n…"), undated_fallback("标题\\n发布时间：2024-01-18")
    (('2023', 'title'), ('2024-01', 'date line'))
    """
    year, dated = title_year(plain), article_date(plain)
    if year and (not dated or not dated.startswith(year)):
        return year, "title"
    if dated:
        return dated[:7], "date line"
    return "", ""
