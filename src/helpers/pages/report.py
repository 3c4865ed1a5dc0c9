"""The notebook side of a report: validate parameters, load data, and keep track of every source a chart
or table cites so the sources section lists exactly those. matplotlib and seaborn are not imported here:
the plotting functions of :mod:`helpers.pages.plots` import them when a chart is drawn (so a notebook's
first cell stays quick) and apply the chart theme inside a context; nothing global is set.

>>> r = start("en", dimension="funding")                # doctest: +SKIP
>>> r.show([r.table(df, "Funding", facts=df)])          # doctest: +SKIP
>>> r.sources()                                         # doctest: +SKIP
"""

from __future__ import annotations

import pandas as pd

from helpers.data import load

from helpers.pages import notebook_font
from helpers.pages.i18n import pick, t
from helpers.paths import Project
from helpers.pages.params import ParameterError, check_choice, check_choices
from helpers.pages.plots import png_data_uri, to_png
from helpers.pages.sources import caption_html, sources_section
from helpers.pages.tables import HTML, LONG_ROWS, esc, html_table, long_table
from helpers.vocabulary import PARAMETERS

STYLE = """<style>
.wb-figure{margin:1.2em 0}.wb-figure figcaption{margin:.3em 0}.wb-cite{font-size:.85em;color:#555}
table.wb-table{border-collapse:collapse;font-size:.9em}table.wb-table th,table.wb-table td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left!important;vertical-align:top}table.wb-table td:first-child{white-space:nowrap}
.wb-warn{background:#fff7e6;border-left:4px solid #e6a23c;padding:.4em .8em;margin:.6em 0}
.wb-gap{background:#f4f4f4;border-left:4px solid #999;padding:.4em .8em;margin:.6em 0}
.wb-sources details{margin:.4em 0}.wb-note{font-size:.85em;color:#666}
</style>"""


class Report:
    """What one notebook run shows and cites. Create it with :func:`start`."""

    def __init__(self, tables: load.Tables, lang: str):
        self.data = tables
        self.lang = lang
        self.cited: dict[str, set] = {}

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
        facts = self.data.facts[self.data.facts["fact_id"].isin(load.id_set(derived["inputs"]))]
        return self.cite(facts, load.id_set(derived["source_ids"]))

    # -- showing -------------------------------------------------------------------------
    def table(self, df: pd.DataFrame, caption: str, facts=None, source_ids=(), long: bool | None = None,
              sort_keys=None) -> HTML:
        """``df`` as a table citing ``facts`` and ``source_ids``. A long table (``long=True``, or by default
        more than ``LONG_ROWS`` rows) sorts and filters in the report; ``sort_keys`` maps a column of
        formatted figures to the numbers it sorts by (e.g. ``{"数字": facts["value"]}``)."""
        ids = self.cite(facts, source_ids)
        if long or (long is None and len(df) > LONG_ROWS):
            return long_table(df, caption, caption_html(ids, self.lang), sort_keys, t("filter", self.lang))
        return html_table(df, caption, caption_html(ids, self.lang))

    def figure(self, fig, caption: str, facts=None, source_ids=()) -> HTML:
        ids = self.cite(facts, source_ids)
        img = f'<img alt="{esc(caption)}" src="{png_data_uri(to_png(fig))}" style="max-width:100%">'
        cite = caption_html(ids, self.lang)
        return HTML(f'<figure class="wb-figure">{img}<figcaption><b>{esc(caption)}</b>'
                    f'<div class="wb-cite">{cite}</div></figcaption></figure>')

    def say(self, zh: str, en: str, level: int | None = None) -> HTML:
        """Text (or a heading of ``level`` 1-3) in the report's language."""
        text = esc(pick(zh, en, self.lang))
        return HTML(f"<h{level}>{text}</h{level}>" if level else f"<p>{text}</p>")

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
        body = "<ul>" + "".join(f"<li>{esc(x)}</li>" for x in texts) + "</ul>" if bullets else esc(texts[0])
        head = f"<b>{esc(heading)}</b>" if heading else ""
        return HTML(f'<div class="wb-{kind}">{head}{body}{cite}</div>')

    def collapsed(self, summary: str, text: str, kind: str = "gap") -> HTML:
        """A box the reader opens: ``summary`` shown (e.g. a list's name and count), ``text`` inside."""
        return HTML(f'<details class="wb-{kind}"><summary>{esc(summary)}</summary>{esc(text)}</details>')

    def sources(self) -> HTML:
        """The sources section: every source cited so far, with evidence quotes."""
        return sources_section(self.cited, self.data.sources, self.data.facts, self.lang)

    def parameters(self, **params) -> HTML:
        rows = pd.DataFrame({t("parameters", self.lang): list(params),
                             t("value", self.lang): [", ".join(v) if isinstance(v, list) else v
                                                     for v in params.values()]})
        rows.loc[len(rows)] = [t("data_version", self.lang), self.data.data_hash]
        return HTML(STYLE + html_table(rows).html)


def start(lang: str, root=None, **params) -> Report:
    """Check every parameter, load the processed tables (rebuilding them if data/raw/ changed), and in
    JupyterLab show the embedded CJK font (:mod:`helpers.pages.notebook_font`).

    Known parameters: ``lang`` and ``dimension`` (their values: :data:`helpers.vocabulary.PARAMETERS`, the
    declaration reports.yml uses too), ``model_id`` (one
    model id from data/raw/models.csv), ``model_ids`` (a list of them), ``indicator`` (an id from
    data/raw/indicators.csv). A bad value raises one
    :class:`~helpers.pages.params.ParameterError` naming the parameter, the value and the allowed values.
    """
    check_choice("lang", lang, PARAMETERS["lang"].values)
    project = Project.locate(root)
    data = load.tables(project.root)
    for name, value in params.items():
        if name in PARAMETERS:
            check_choice(name, value, PARAMETERS[name].values)
        elif name == "model_id":
            check_choice(name, value, data.model_ids)
        elif name == "model_ids":
            check_choices(name, value, data.model_ids, minimum=2)
        elif name == "indicator":
            check_choice(name, value, list(data.indicators["indicator"]))
        else:
            raise ParameterError(f"unknown parameter {name!r}; known: lang, dimension, model_id, model_ids, indicator")
    report = Report(data, lang)
    notebook_font.show(project)  # Chinese in JupyterLab without a system CJK font (not in reports)
    return report
