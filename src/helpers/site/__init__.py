"""``workbook build``: reports.yml → executed notebooks → shareable, self-contained HTML.

The stages are one module each and run in this order:

``spec``     read reports.yml (its parameters through :mod:`helpers.parameters`) and expand its matrices into
             a list of :class:`~helpers.site.spec.ReportSpec`;
``plan``     hash every report's code and settings and decide what is out of date (the manifest holds the old
             hashes); ``traces`` replays each report's record of the data it read against the data now;
             ``warmup`` starts the kernel zygote as soon as the plan finds work, so its imports overlap the replay;
``execute``  run the out-of-date notebooks with papermill in a process pool (one kernel each, forked
             from the ``zygote`` unless ``--isolated``; ``kernels`` picks the kernel manager; ``pool`` runs
             the workers, replaces lost ones, notes Ctrl-C and announces slow reports);
``export``   turn an executed notebook into one offline HTML file (code hidden, images inline, a header);
``publish``  write each file atomically, failures to ``reports/_failed/``, then index.html and manifest.json
             (``sitepages``: the index and changes.html are made again only when what they show can change).

``snapshot`` copies data/processed/ and the notebooks once per build, so every page shows one version.

What a reader gets on top of the notebook's output: ``navigation`` numbers the figures and tables, adds a
table of contents, "cite this" panels and data download buttons to each page; ``printstyle`` is the A4
print stylesheet; ``search`` cuts every page into anchored documents (``reports/search.js``) that the index
searches with the vendored MiniSearch (``vendor/``); ``changes`` keeps the last two data versions and writes
``reports/changes.html``; ``sitestate`` is the index's banner of failed reports and the log's timestamps.

``lock`` keeps two builds of one project from interleaving; ``lifeline`` makes workers, the zygote and
kernels die with the build; ``scratch`` keeps scratch files in ``.cache/scratch``; ``notebook`` reads a notebook's content and parameters cell; ``sortable`` is the long tables'
script; ``errors`` holds the exceptions the CLI turns into one-line messages; ``commands`` adds
``workbook list`` and ``workbook build`` to the command line.

Importing this package is cheap, and a build with nothing to do imports neither pandas nor matplotlib,
papermill or nbconvert: they are imported by the workers (``execute``, ``export``) and the ``zygote`` that
preloads them for forked kernels, only when something has to be built.
"""
