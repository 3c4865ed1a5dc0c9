"""The data behind a chart or table, inside the page: the rows drawn as CSV, what a reader should know about
the indicator, and alt text written from the figures.

Every figure and table of a report carries the facts (or derived rows) it shows. From them this module
writes:

- :func:`csv_text`: one row per fact or derived row with its ids, figure, qualifier, date, place, coverage and
  source ids, under ``#`` lines naming the block, the indicator (label, unit, definition), the sources and the
  data version. The page embeds it in a ``<script type="text/csv">`` (:func:`data_script`); the page's
  script offers it as a UTF-8 file with a BOM (so Excel reads Chinese), from a ``Blob``: no network, works
  from ``file://``.
- :func:`about_html`: a collapsed "what you should know about this indicator" panel: the definition from
  the codebook (English pages; Chinese pages name the indicator, its unit and dimension, as the codebook has
  no Chinese definition), what the figures count and cover, the caveats the rows carry (different dates,
  levels, periods; bounds; targets; mirror sources; derived rows' flags) and the data version.
- :func:`alt_text`: the chart's figures in words, in the page's language.

>>> import pandas as pd
>>> f = pd.DataFrame({"fact_id": ["a-1"], "model_id": ["m"], "indicator": ["x"], "value": [300.0],
...     "value_low": [300.0], "value_high": [None], "unit": ["persons"], "qualifier": ["at_least"],
...     "status": ["reported"], "as_of": ["2022"], "scope": ["whole"], "level": ["province"],
...     "model_en": ["M"], "region_en": ["Hunan"], "source_id": ["s1"]})
>>> alt_text("Workers", f, "en")
'Chart: Workers. M (Hunan): ≥ 300 persons, 2022.'
"""

from __future__ import annotations

import csv
import io
import math

import pandas as pd

from helpers.data.load import id_set
from helpers.pages.i18n import col, format_figure, scope_phrase, t, term
from helpers.pages.tables import esc
from helpers.vocabulary import DIMENSIONS, FLAGS, PERIODS, PLACE_LEVELS, UNITS

FACT_COLUMNS = ("fact_id", "model_id", "indicator", "region_code", "place", "level", "scope", "value_text", "value",
                "value_low", "value_high", "unit", "qualifier", "status", "as_of", "period", "source_id")
DERIVED_COLUMNS = ("derived_id", "model_id", "indicator", "region_code", "scope", "value", "value_low", "value_high",
                   "unit", "qualifier", "as_of", "period", "inputs", "source_ids", "rule", "flags")
ALT_ROWS = 12  # alt text names this many rows, then says how many there are in all


def is_derived(rows: pd.DataFrame) -> bool:
    return "derived_id" in rows.columns


def source_ids(rows: pd.DataFrame | None) -> list[str]:
    """The sources behind ``rows`` (a fact's ``source_id``, a derived row's ``source_ids``)."""
    if rows is None or not len(rows):
        return []
    if is_derived(rows):
        return sorted(id_set(rows["source_ids"]))
    return sorted({s for s in rows["source_id"] if s})


def indicators(rows: pd.DataFrame | None) -> list[str]:
    if rows is None or not len(rows) or "indicator" not in rows.columns:
        return []
    return sorted({str(i) for i in rows["indicator"] if i})


def _text(v) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def table_rows(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``rows`` with the CSV's columns (the place in the page's language, the rest as coded)."""
    out = rows.copy()
    if is_derived(out):
        return out[[c for c in DERIVED_COLUMNS if c in out.columns]]
    region = col("region", lang)
    if region in out.columns:
        out["place"] = [(_text(s) + " · " if _text(s) else "") + _text(p)
                        for s, p in zip(out.get(col("site", lang), [""] * len(out)), out[region])]
    return out[[c for c in FACT_COLUMNS if c in out.columns]]


def header_lines(caption: str, rows: pd.DataFrame, indicator_table: pd.DataFrame, lang: str,
                 data_hash: str) -> list[str]:
    """The ``#`` lines above the rows: the block, each indicator, the sources and the data version."""
    lines = [caption]
    known = indicator_table.set_index("indicator") if len(indicator_table) else None
    for ind in indicators(rows):
        if known is None or ind not in known.index:
            lines.append(f"{t('indicator', lang)}: {ind}")
            continue
        k = known.loc[ind]
        bits = [f"{t('indicator', lang)}: {ind} — {k[col('label', lang)]}",
                f"{t('unit', lang)}: {term(UNITS, k['unit'], lang) or k['unit']}",
                f"{t('dimension', lang)}: {term(DIMENSIONS, k['dimension'], lang)}"]
        if lang == "en" and k.get("definition"):
            bits.append(f"{t('definition', lang)}: {k['definition']}")
        lines.append("; ".join(bits))
    lines.append(f"{t('sources', lang)}: {' '.join(source_ids(rows)) or t('none', lang)}")
    lines.append(f"{t('data_version', lang)}: {data_hash}")
    return lines


def csv_text(caption: str, rows: pd.DataFrame, indicator_table: pd.DataFrame, lang: str, data_hash: str) -> str:
    """The CSV a reader downloads (without the BOM, which the page adds): ``#`` header lines, then the rows.

    >>> f = pd.DataFrame({"fact_id": ["a-1"], "indicator": ["x"], "value": [2.0], "source_id": ["s1"]})
    >>> print(csv_text("Cap", f, pd.DataFrame(columns=["indicator"]), "en", "abc"), end="")
    # Cap
    # Indicator: x
    # Sources: s1
    # Data version: abc
    fact_id,indicator,value,source_id
    a-1,x,2,s1
    """
    buf = io.StringIO()
    for line in header_lines(caption, rows, indicator_table, lang, data_hash):
        buf.write("# " + " ".join(str(line).split()) + "\n")
    table = table_rows(rows, lang)
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(table.columns)
    for rec in table.itertuples(index=False):
        w.writerow([_text(v) for v in rec])
    return buf.getvalue()


def data_script(block_id: str, text: str) -> str:
    """``text`` in a data block the page's script reads (``</`` written ``<\\/``, turned back on download).

    >>> data_script("fig-x", "a</script>")
    '<script type="text/csv" class="wb-data" data-for="fig-x">a<\\\\/script></script>'
    """
    body = text.replace("</", "<\\/")
    return f'<script type="text/csv" class="wb-data" data-for="{esc(block_id)}">{body}</script>'



def _mirrors(ids, sources: pd.DataFrame) -> list[str]:
    """Sources whose outlet or note says the page is a repost on another site (镜像, mirror)."""
    if not len(sources):
        return []
    s = sources[sources["source_id"].isin(set(ids))]
    text = (s["outlet"].fillna("") + " " + s["note"].fillna("")).str.lower()
    return sorted(s.loc[text.str.contains("镜像|mirror|repost"), "source_id"])


def caveats(rows: pd.DataFrame, sources: pd.DataFrame, lang: str) -> list[str]:
    """What a reader must keep in mind about ``rows`` before comparing them.

    >>> f = pd.DataFrame({"as_of": ["2021", "2023-05"], "level": ["county", "province"], "period": ["annual"] * 2,
    ...                   "qualifier": ["exact", "approx"], "status": ["reported", "target"], "source_id": ["a", "b"]})
    >>> caveats(f, pd.DataFrame({"source_id": ["b"], "outlet": ["X (镜像 y.com)"], "note": [""]}), "en")[:2]
    ['the figures are from different dates (2021–2023)', 'the figures are about places at different levels']
    >>> len(caveats(f, pd.DataFrame({"source_id": ["b"], "outlet": ["X (镜像 y.com)"], "note": [""]}), "en"))
    5
    """
    out = []
    years = sorted({str(a)[:4] for a in rows.get("as_of", []) if _text(a)})
    if len(years) > 1:
        out.append(f"{t('years_differ', lang)} ({years[0]}–{years[-1]})")
    if "level" in rows.columns and rows["level"].nunique() > 1:
        out.append(t("levels_differ", lang))
    if "period" in rows.columns and rows["period"].nunique() > 1:
        periods = t("list_sep", lang).join(term(PERIODS, p, lang) for p in sorted(set(rows["period"])) if p)
        out.append(f"{t('periods_differ', lang)}: {periods}")
    if "qualifier" in rows.columns and (rows["qualifier"].isin(["at_least", "at_most", "approx", "range"])).any():
        out.append(t("bounds_present", lang))
    if "status" in rows.columns and (rows["status"] == "target").any():
        out.append(t("targets_present", lang))
    mirrors = _mirrors(source_ids(rows), sources)
    if mirrors:
        out.append(f"{t('mirror_sources', lang)}: " + " ".join(f"[{m}]" for m in mirrors))
    if is_derived(rows):
        for flag in sorted(id_set(rows["flags"])):
            out.append(term(FLAGS, flag, lang))
    return out


def about_html(rows: pd.DataFrame, tables, lang: str) -> str:
    """The collapsed "what you should know about this indicator" panel under a chart."""
    known = tables.indicators.set_index("indicator")
    parts = []
    for ind in indicators(rows):
        if ind not in known.index:
            continue
        k = known.loc[ind]
        name = f"{k[col('label', lang)]} (<code>{esc(ind)}</code>)"
        what = (f"{t('unit', lang)}: {esc(term(UNITS, k['unit'], lang) or k['unit'])}; "
                f"{t('dimension', lang)}: {esc(term(DIMENSIONS, k['dimension'], lang))}")
        if lang == "en" and k.get("definition"):
            what = f"{esc(k['definition'])} ({what})"
        parts.append(f"<dt>{name}</dt><dd>{t('definition', lang)}: {what}</dd>")
    if not is_derived(rows) and len(rows):
        counts = sorted({_text(c) for c in rows.get(col("counts", lang), []) if _text(c)})
        if counts:
            parts.append(f"<dt>{esc(t('counts', lang))}</dt><dd>{esc(t('list_sep', lang).join(counts[:8]))}"
                         f"{'…' if len(counts) > 8 else ''}</dd>")
        cover = sorted({scope_phrase(s, lv, lang) for s, lv in zip(rows["scope"], rows["level"])})
        levels = sorted({term(PLACE_LEVELS, lv, lang) for lv in rows["level"]})
        parts.append(f"<dt>{esc(t('covers', lang))}</dt><dd>{esc(t('list_sep', lang).join(cover))} · "
                     f"{esc(t('level', lang))}: {esc(t('list_sep', lang).join(levels))}</dd>")
    notes = caveats(rows, tables.rows("sources", source_id=source_ids(rows)), lang)
    items = "".join(f"<li>{esc(n)}</li>" for n in notes) or f"<li>{esc(t('no_caveat', lang))}</li>"
    parts.append(f"<dt>{esc(t('caveats', lang))}</dt><dd><ul>{items}</ul></dd>")
    parts.append(f"<dt>{esc(t('data_version', lang))}</dt><dd><code>{esc(tables.data_hash)}</code></dd>")
    return (f'<details class="wb-about"><summary>{esc(t("about_indicator", lang))}</summary>'
            f'<dl>{"".join(parts)}</dl></details>')


def alt_text(caption: str, rows: pd.DataFrame | None, lang: str) -> str:
    """A chart's alt text: its caption, then each row's model, place, figure and date, in ``lang``."""
    head = f"{t('alt_chart', lang)}: {caption}"
    if rows is None or not len(rows):
        return head
    sep, comma, stop = t("concl_sep", lang), t("alt_comma", lang), t("compare_full_stop", lang)
    items = []
    for r in rows.head(ALT_ROWS).to_dict("records"):
        fig = format_figure(r.get("value"), r.get("value_low"), r.get("value_high"), r.get("qualifier", "exact"),
                            r.get("unit", ""), r.get("status", "reported"), lang)
        who = _text(r.get(col("model", lang))) or _text(r.get("model_id"))
        place = _text(r.get(col("region", lang))) or _text(r.get("region_code"))
        when = _text(r.get("as_of"))
        items.append(f"{who} ({place}): {fig}" + (f"{comma}{when}" if when else ""))
    more = t("figdata_rows_in_all", lang).format(sep=sep, n=len(rows)) if len(rows) > ALT_ROWS else ""
    return f"{head}{stop}{'' if lang == 'zh' else ' '}{sep.join(items)}{more}{stop}"


_OPENING = '<figure class="wb-figure">'


def mark_block(html: str, block_id: str, kind: str, sources, extra: str = "", fact_ids=()) -> str:
    """A ``<figure class="wb-figure">`` block with its id, kind (``figure``/``table``) and sources on the
    tag and ``extra`` (data, panels) and an empty tools box at its end; the site's export numbers its
    caption and fills the tools with the download and the citation (:mod:`helpers.site.navigation`).
    ``fact_ids`` (the facts a chart draws) go on the tag as ``data-fact-ids``.

    >>> mark_block('<figure class="wb-figure"><figcaption><b>C</b></figcaption></figure>', "tbl-x", "table", ["s"])
    '<figure class="wb-figure" id="tbl-x" data-wb-kind="table" data-wb-sources="s"><figcaption><b>C</b></figcaption><div class="wb-tools" data-for="tbl-x"></div></figure>'
    """
    if not html.startswith(_OPENING) or not html.endswith("</figure>"):
        raise ValueError("mark_block expects one <figure class=\"wb-figure\"> block")
    i = esc(block_id)
    drawn = f' data-fact-ids="{esc(" ".join(fact_ids))}"' if fact_ids else ""
    head = (f'<figure class="wb-figure" id="{i}" data-wb-kind="{esc(kind)}" '
            f'data-wb-sources="{esc(" ".join(sources))}"{drawn}>')
    body = html[len(_OPENING):-len("</figure>")]
    return f'{head}{body}{extra}<div class="wb-tools" data-for="{i}"></div></figure>'


def frame_csv(caption: str, df: pd.DataFrame, sources, lang: str, data_hash: str) -> str:
    """A table that has no facts behind it (a profile's summary) as CSV: its own cells under the header."""
    buf = io.StringIO()
    for line in (caption, f"{t('sources', lang)}: {' '.join(sources) or t('none', lang)}",
                 f"{t('data_version', lang)}: {data_hash}"):
        buf.write("# " + " ".join(str(line).split()) + "\n")
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([str(c) for c in df.columns])
    for rec in df.itertuples(index=False):
        w.writerow([_text(v) for v in rec])
    return buf.getvalue()
