"""Cite sources: short captions under each chart or table, and the full sources section at the end.

Each source id in a caption links to its entry, which expands to title, outlet, date, URL and the exact
evidence quotes of the figures shown.
"""

from __future__ import annotations

import pandas as pd

from helpers.links import is_web_url
from helpers.pages.i18n import t, term
from helpers.pages.tables import HTML, esc
from helpers.vocabulary import RELIABILITIES


def link_html(url: str) -> str:
    """A source's URL: a link when it is http(s), plain text otherwise (a ``javascript:`` URL never runs).

    >>> link_html("https://a.org/?x=1&y=2"), link_html(" JavaScript:alert(1)"), link_html("")
    ('<div><a href="https://a.org/?x=1&amp;y=2">https://a.org/?x=1&amp;y=2</a></div>', '<div> JavaScript:alert(1)</div>', '')
    """
    if not url:
        return ""
    return f'<div><a href="{esc(url)}">{esc(url)}</a></div>' if is_web_url(url) else f"<div>{esc(url)}</div>"


def anchor(source_id: str) -> str:
    return "src-" + source_id.replace("_", "-")


def caption_html(source_ids, lang: str) -> str:
    """``来源: [a] [b]`` with each id linking to its entry in the sources section."""
    ids = sorted(set(source_ids))
    if not ids:
        return ""
    links = " ".join(f'<a href="#{anchor(s)}">[{esc(s)}]</a>' for s in ids)
    return f"{esc(t('sources', lang))}: {links}"


def sources_section(cited: dict[str, set], sources: pd.DataFrame, facts: pd.DataFrame, lang: str) -> HTML:
    """Every cited source with its details (its reliability too, † for a mirror or a page of unknown origin) and
    the evidence of each cited fact (``cited``: id → fact ids)."""
    src = sources.set_index("source_id")
    ev = facts.set_index("fact_id")
    parts = [f'<section class="wb-sources"><h2>{esc(t("sources", lang))}</h2>']
    for sid in sorted(cited):
        if sid not in src.index:
            continue
        s = src.loc[sid]
        rel = s.get("reliability", "")
        rel = (f"{t('reliability', lang)}: {term(RELIABILITIES, rel, lang)}"
               + (" †" if rel in ("mirror", "unknown") else "")) if rel else ""
        meta = " · ".join(esc(x) for x in (s["outlet"], s["published"], rel) if x)
        url = link_html(s["url"])
        note = f'<div class="wb-note">{esc(s["note"])}</div>' if s.get("note") else ""
        quotes = "".join(
            f"<li><code>{esc(fid)}</code> “{esc(ev.loc[fid, 'evidence'])}”</li>"
            for fid in sorted(cited[sid]) if fid in ev.index and ev.loc[fid, "evidence"])
        quotes = f"<ul>{quotes}</ul>" if quotes else ""
        parts.append(f'<details id="{anchor(sid)}" open><summary><b>[{esc(sid)}]</b> {esc(s["title"])}'
                     f'{" — " + meta if meta else ""}</summary>{url}{note}{quotes}</details>')
    parts.append("</section>")
    return HTML("".join(parts))
