"""Report sections: one module per notebook. Each function takes a :class:`helpers.pages.report.Report` and
returns a list of displayable blocks, so notebooks stay one line per section."""
