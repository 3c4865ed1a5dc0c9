"""The words on a chart: bar labels that wrap and never repeat, and money ticks in 万/亿 (zh) or k/M (en) with no
``1e8`` offset (:mod:`helpers.pages.plots` draws with them).
"""

from __future__ import annotations

LABEL_WIDTH = 48  # characters on one line of a bar's label; longer labels break (at " · " where they can)


def wrap_label(text: str, width: int = LABEL_WIDTH) -> str:
    r"""A bar label on lines of at most ``width`` characters, broken after " · " where it can, so a long place and
    phase label never pushes the bars off the figure.

    >>> wrap_label("Guangdong · Shuangbai Plan, batches 1-2 · 2017–2020 (2020, earlier phase)", 30)
    'Guangdong\nShuangbai Plan, batches 1-2\n2017–2020 (2020, earlier\nphase)'
    >>> wrap_label("short")
    'short'
    """
    import textwrap

    if len(text) <= width:
        return text
    lines: list[str] = []
    for part in text.split(" · "):
        pieces = textwrap.wrap(part, width, break_long_words=True) or [""]
        for piece in pieces:
            if lines and len(lines[-1]) + 3 + len(piece) <= width:
                lines[-1] += " · " + piece
            else:
                lines.append(piece)
    return "\n".join(lines)


def unique_labels(labels) -> list[str]:
    """Labels made unique so no two bars read the same: repeats get ``(2)``, ``(3)``...

    >>> unique_labels(["a", "b", "a"])
    ['a', 'b', 'a (2)']
    """
    seen: dict[str, int] = {}
    out = []
    for x in labels:
        seen[x] = seen.get(x, 0) + 1
        out.append(x if seen[x] == 1 else f"{x} ({seen[x]})")
    return out


def money_formatter(lang: str):
    """Axis ticks for money: 万/亿 in Chinese, millions in English, never a ``1e8`` offset.

    >>> f = money_formatter("zh"); f(250_000_000, 0), f(50_000, 0)
    ('2.5亿', '5万')
    >>> money_formatter("en")(250_000_000, 0)
    '250M'
    """
    from matplotlib.ticker import FuncFormatter

    def fmt(x, _pos):
        if lang == "zh":
            if abs(x) >= 1e8:
                return f"{x / 1e8:g}亿"
            if abs(x) >= 1e4:
                return f"{x / 1e4:g}万"
            return f"{x:g}"
        if abs(x) >= 1e6:
            return f"{x / 1e6:g}M"
        if abs(x) >= 1e3:
            return f"{x / 1e3:g}k"
        return f"{x:g}"
    return FuncFormatter(fmt)


def money_log_formatter(lang: str):
    """Ticks of a log axis in 万/亿 (zh) or k/M (en), labelled where matplotlib's :class:`LogFormatter`
    would label them: every decade, and minor ticks only when the axis spans little more than one decade
    (labels at 2, 3, 4 … 9 of several decades overlap into an unreadable row).

    >>> import matplotlib.pyplot as plt
    >>> from helpers.pages.plots import theme
    >>> with theme():
    ...     fig, ax = plt.subplots()
    ...     ax.set_xscale("log"); _ = ax.set_xlim(10, 40_000)
    ...     ax.xaxis.set_major_formatter(money_log_formatter("zh"))
    ...     ax.xaxis.set_minor_formatter(money_log_formatter("zh"))
    ...     fig.canvas.draw()
    >>> [t.get_text() for t in ax.get_xticklabels() if t.get_text()]  # one decade beyond each limit too
    ['1', '10', '100', '1000', '1万', '10万']
    >>> [t.get_text() for t in ax.get_xticklabels(minor=True) if t.get_text()]
    []
    >>> plt.close(fig)
    """
    from matplotlib.ticker import LogFormatter

    money = money_formatter(lang)

    class MoneyLogFormatter(LogFormatter):
        def _num_to_string(self, x, vmin, vmax):
            return money(x, None)

    return MoneyLogFormatter(labelOnlyBase=False)
