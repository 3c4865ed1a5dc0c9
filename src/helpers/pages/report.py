"""The notebook side of a report: validate parameters, load data, and keep track of every source a chart
or table cites so the sources section lists exactly those. matplotlib and seaborn are not imported here:
the plotting functions of :mod:`helpers.pages.plots` import them when a chart is drawn (so a notebook's
first cell stays quick) and apply the chart theme inside a context; nothing global is set.

>>> r = start("en", dimension="funding")                # doctest: +SKIP
>>> r.dimension                                         # doctest: +SKIP
'funding'
>>> r.show([r.table(df, "Funding", facts=df)])          # doctest: +SKIP
>>> r.sources()                                         # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd

from helpers.data import load
from helpers.pages import figdata, notebook_font
from helpers.pages.access import Access
from helpers.pages.anchors import Anchors
from helpers.pages.compare import SHOWN_FACT_COLUMNS
from helpers.pages.daggers import doubtful_fact_ids
from helpers.pages.i18n import pick, t
from helpers.pages.params import check_parameters
from helpers.pages.plots import png_data_uri, to_png
from helpers.pages.sources import caption_html, sources_section
from helpers.pages.tables import HTML, LONG_ROWS, esc, html_table, long_table
from helpers.parameters import declared
from helpers.paths import Project

STYLE = """<style>
.wb-figure{margin:1.2em 0}.wb-figure figcaption{margin:.3em 0}.wb-cite{font-size:.85em;color:#555}
table.wb-table{border-collapse:collapse;font-size:.9em}table.wb-table th,table.wb-table td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left!important;vertical-align:top}table.wb-table td:first-child{white-space:nowrap}
.wb-warn{background:#fff7e6;border-left:4px solid #e6a23c;padding:.4em .8em;margin:.6em 0}
.wb-gap{background:#f4f4f4;border-left:4px solid #999;padding:.4em .8em;margin:.6em 0}
.wb-sources details{margin:.4em 0}.wb-note{font-size:.85em;color:#666}
</style>"""


class Report:
    """What one notebook run shows and cites, with the notebook's checked parameters. Create it with
    :func:`start`; the view functions (:mod:`helpers.pages.views`) take it as ``r`` and read the parameters
    from it (``r.model_ids``), so a notebook passes each parameter once.

    The keyword parameters are the ones reports.yml declares (:mod:`helpers.parameters`; a test keeps the two
    equal); one a notebook does not take is None. Every read of the data goes through :class:`Access`, which records
    it for the build (:mod:`helpers.pages.access`).
    """

    def __init__(self, tables: load.Tables | Access, lang: str, *, dimension: str | None = None,
                 model_id: str | None = None, model_ids: list[str] | None = None, indicator: str | None = None):
        self.data = tables if isinstance(tables, Access) else Access(tables)  # every read recorded (pages.access)
        self.lang = lang
        self.dimension = dimension  # one of helpers.vocabulary.REPORT_DIMENSIONS (notebook 02)
        self.model_id = model_id  # a model id of data/raw/models.csv (notebook 04)
        self.model_ids = list(model_ids) if model_ids is not None else None  # two or more of them (notebook 03)
        self.indicator = indicator  # an indicator id of data/raw/indicators.csv (notebook 07)
        self.cited: dict[str, set] = {}
        self.anchors = Anchors()  # the page's section, figure and table ids (helpers.pages.anchors)

    # -- citing -------------------------------------------------------------------------
    def cite(self, facts: pd.DataFrame | None = None, source_ids=()) -> list[str]:
        """Record the sources of ``facts`` (facts or derived rows) and any extra ``source_ids``; return the ids."""
        ids = set(source_ids)
        if facts is not None and len(facts):
            if "derived_id" in facts.columns:  # derived rows cite the facts they came from
                return sorted(ids | set(self.cite_derived(facts)))
            for fid, sid in zip(facts["fact_id"], facts["source_id"]):
                self.cited.setdefault(sid, set()).add(fid)
                ids.add(sid)
        for sid in ids:
            self.cited.setdefault(sid, set())
        return sorted(ids)

    def cite_derived(self, derived: pd.DataFrame) -> list[str]:
        facts = self.data.rows("facts", SHOWN_FACT_COLUMNS, fact_id=load.id_set(derived["inputs"]))
        return self.cite(facts, load.id_set(derived["source_ids"]))

    def fact_ids(self, facts: pd.DataFrame | None) -> list[str]:
        """The fact ids ``facts`` (facts or derived rows, whose inputs are facts) rest on, sorted."""
        if facts is None or not len(facts):
            return []
        if "derived_id" in facts.columns:
            return sorted(x for x in load.id_set(facts["inputs"]) if not x.startswith("regions:"))
        return sorted(set(facts["fact_id"]))

    def _dagger_note(self, fact_ids=(), texts=()) -> str:
        """The † note, when a figure shown rests on a mirror or a page of unknown origin (by its facts' sources, or
        a † already written into ``texts``); else ''."""
        note = f'<div class="wb-note wb-dagger">{esc(t("dagger_note", self.lang))}</div>'
        if any("†" in str(x) for x in texts):
            return note
        if not fact_ids:
            return ""
        f = self.data.rows("facts", SHOWN_FACT_COLUMNS, fact_id=set(fact_ids))
        if "source_reliability" in f.columns and set(fact_ids) & doubtful_fact_ids(f):
            return note
        return ""

    # -- showing -------------------------------------------------------------------------
    def table(self, df: pd.DataFrame, caption: str, facts=None, source_ids=(), long: bool | None = None,
              sort_keys=None, key: str | None = None) -> HTML:
        """``df`` as a table citing ``facts`` and ``source_ids``. A long table (``long=True``, or by default
        more than ``LONG_ROWS`` rows) sorts and filters in the report; ``sort_keys`` maps a column of
        formatted figures to the numbers it sorts by (e.g. ``{"数字": facts["value"]}``). The table gets a
        stable id (from the indicators of ``facts``, or ``key``) and carries its data as CSV
        (:mod:`helpers.pages.figdata`)."""
        ids = self.cite(facts, source_ids)
        cite = caption_html(ids, self.lang) + self._dagger_note(texts=df.astype(str).to_numpy().ravel())
        if long or (long is None and len(df) > LONG_ROWS):
            block = long_table(df, caption, cite, sort_keys, t("filter", self.lang))
        else:
            block = html_table(df, caption, cite)
        has_rows = facts is not None and len(facts)
        block_id = self.anchors.block("tbl", figdata.indicators(facts) if has_rows else (), key,
                                     facts["dimension"] if has_rows else ())
        text = (figdata.csv_text(caption or "", facts, self.data.indicators, self.lang, self.data.data_hash)
                if has_rows else figdata.frame_csv(caption or "", df, ids, self.lang, self.data.data_hash))
        return HTML(figdata.mark_block(block.html, block_id, "table", ids, figdata.data_script(block_id, text)))

    def figure(self, fig, caption: str, facts=None, source_ids=(), key: str | None = None,
               data: pd.DataFrame | None = None) -> HTML:
        """A chart with its caption and sources, a stable id (from the indicators of ``facts``, or ``key``),
        alt text written from its figures, the rows it draws as CSV and, when it draws facts, a collapsed
        panel on what to know about the indicator. A chart of something other than facts (a matrix of
        counts) passes what it draws as ``data``: its CSV is that frame, row labels included. The figure lists
        the fact ids it draws in ``data-fact-ids`` (so a test can check that no standard is ever drawn), and says
        † when one rests on a mirror or a page of unknown origin."""
        ids = self.cite(facts, source_ids)
        drawn = self.fact_ids(facts)
        has_rows = facts is not None and len(facts)
        block_id = self.anchors.block("fig", figdata.indicators(facts) if has_rows else (), key,
                                     facts["dimension"] if has_rows else ())
        alt = figdata.alt_text(caption, facts if has_rows else None, self.lang)
        img = f'<img alt="{esc(alt)}" src="{png_data_uri(to_png(fig))}" style="max-width:100%">'
        cite = caption_html(ids, self.lang)
        extra = ""
        if has_rows:
            extra = (figdata.about_html(facts, self.data, self.lang) + figdata.data_script(
                block_id, figdata.csv_text(caption, facts, self.data.indicators, self.lang, self.data.data_hash)))
        elif data is not None:
            frame = data.reset_index() if data.index.name or not isinstance(data.index, pd.RangeIndex) else data
            extra = figdata.data_script(block_id, figdata.frame_csv(caption, frame, ids, self.lang,
                                                                    self.data.data_hash))
        block = (f'<figure class="wb-figure">{img}<figcaption><b>{esc(caption)}</b>'
                 f'<div class="wb-cite">{cite}</div>{self._dagger_note(drawn)}</figcaption></figure>')
        return HTML(figdata.mark_block(block, block_id, "figure", ids, extra, fact_ids=drawn))

    def say(self, zh: str, en: str, level: int | None = None, key: str | None = None) -> HTML:
        """Text (or a heading of ``level`` 1-3) in the report's language. A heading's id is the slug of its
        English text (the same on both pages), or of ``key`` when the text names something in the page's
        language; the page title's id is ``title``."""
        text = esc(pick(zh, en, self.lang))
        if not level:
            return HTML(f"<p>{text}</p>")
        return HTML(f'<h{level} id="{esc(self.anchors.section(en, key, level))}">{text}</h{level}>')

    def show(self, blocks) -> None:
        """Display several blocks from one cell (Jupyter shows only a cell's last value by itself)."""
        from IPython.display import display

        for b in blocks:
            display(b)

    def note(self, text: str, kind: str = "warn", facts=None, source_ids=()) -> HTML:
        """A boxed note: ``warn`` for comparability warnings, ``gap`` for what the data cannot tell. Notes that
        state figures cite them (``facts``) like tables do."""
        return self.notes([text], kind, facts, source_ids, bullets=False)

    def notes(self, texts, kind: str = "warn", facts=None, source_ids=(), bullets: bool = True,
              heading: str = "") -> HTML:
        """Several notes in one box, under one ``heading`` when given (instead of repeating it per line)."""
        if not texts:
            return HTML("")
        ids = self.cite(facts, source_ids) if (facts is not None and len(facts)) or source_ids else []
        cite = f'<div class="wb-cite">{caption_html(ids, self.lang)}</div>' if ids else ""
        cite += self._dagger_note(texts=texts)
        body = "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in texts) + "</ul>" if bullets else esc(texts[0])
        head = f"<b>{esc(heading)}</b>" if heading else ""
        return HTML(f'<div class="wb-{kind}">{head}{body}{cite}</div>')

    def collapsed(self, summary: str, text: str, kind: str = "gap") -> HTML:
        """A box the reader opens: ``summary`` shown (e.g. a list's name and count), ``text`` inside."""
        return HTML(f'<details class="wb-{kind}"><summary>{esc(summary)}</summary>{esc(text)}</details>')

    def sources(self) -> HTML:
        """The sources section: every source cited so far, with evidence quotes."""
        facts = self.data.rows("facts", SHOWN_FACT_COLUMNS, fact_id=set().union(*self.cited.values()))
        return sources_section(self.cited, self.data.rows("sources", source_id=set(self.cited)), facts, self.lang)

    def given(self) -> dict:
        """The parameters this notebook was given, as checked: the ones it takes, then ``lang``."""
        params = {"dimension": self.dimension, "model_id": self.model_id, "model_ids": self.model_ids,
                  "indicator": self.indicator}
        return {**{k: v for k, v in params.items() if v is not None}, "lang": self.lang}

    def parameters(self) -> HTML:
        """The page's parameter table: each parameter the notebook was given and the data version."""
        params = self.given()
        rows = pd.DataFrame({t("parameters", self.lang): list(params),
                             t("value", self.lang): [", ".join(v) if isinstance(v, list) else v
                                                     for v in params.values()]})
        rows.loc[len(rows)] = [t("data_version", self.lang), self.data.data_hash]
        return HTML(STYLE + html_table(rows).html)


def start(lang: str, root=None, **params) -> Report:
    """Check every parameter, load the processed tables (rebuilding them if data/raw/ changed), and in
    JupyterLab show the embedded CJK font (:mod:`helpers.pages.notebook_font`). The report keeps the checked
    values: ``start("zh", model_ids=[...]).model_ids``.

    The parameters and their allowed values are the ones reports.yml declares (:mod:`helpers.parameters`:
    ``lang``, ``dimension``, ``model_id``, ``model_ids``, ``indicator``). A bad value raises one
    :class:`~helpers.pages.params.ParameterError` naming the parameter, the value and the allowed values.
    """
    project = Project.locate(root)
    checked = check_parameters(declared(project.root), {"lang": lang, **params})
    data = load.tables(project.root)
    report = Report(data, **checked)
    notebook_font.show(project)  # Chinese in JupyterLab without a system CJK font (not in reports)
    return report
