"""How a report prints (or is saved as PDF) on A4: nothing cut at the page edge, no screen controls.

- the page box is A4 with 15 mm margins; the notebook's wide layout, paddings and shadows are dropped;
- every table fits the width: ``table-layout: fixed`` at 100 %, words and long ids wrap anywhere, a smaller
  font (wide tables never run off the right edge; a sort arrow never prints);
- charts (``img``) fit the width and keep their figure, number and source line together where they can;
- controls print nothing: filter boxes, download buttons, "cite this" and "what you should know" toggles
  (their open content prints), the table of contents' toggle; the header's "All reports" link too;
- a link prints where it goes: an in-page link its anchor (``#fig-…``), a web link its address.

The export inlines :data:`CSS` once per page (after the screen styles, so it wins in print).

>>> "@page" in CSS and "size: A4" in CSS and "table-layout: fixed" in CSS
True
"""

CSS = """
@media print {
  @page { size: A4; margin: 15mm; }
  html, body { width: auto !important; margin: 0 !important; padding: 0 !important; background: #fff !important; }
  body, .jp-Notebook, .jp-Cell, .jp-OutputArea, .jp-OutputArea-child, .jp-OutputArea-output,
  .jp-RenderedHTMLCommon, main { width: auto !important; max-width: 100% !important; min-width: 0 !important;
    margin-left: 0 !important; margin-right: 0 !important; padding-left: 0 !important; padding-right: 0 !important;
    overflow: visible !important; box-shadow: none !important; }
  .jp-OutputArea-prompt, .jp-InputPrompt, .jp-OutputPrompt { display: none !important; }
  table, table.wb-table { table-layout: fixed !important; width: 100% !important; max-width: 100% !important;
    font-size: 7.5pt !important; border-collapse: collapse !important; }
  table th, table td { overflow-wrap: anywhere !important; word-break: break-word !important;
    white-space: normal !important; padding: 1pt 3pt !important; }
  table.wb-table td:first-child { white-space: normal !important; }
  table.wb-long th.wb-sortable::after, table.wb-long th[aria-sort]::after { content: none !important; }
  thead { display: table-header-group; } tr, img { break-inside: avoid; }
  img { max-width: 100% !important; height: auto !important; }
  figure.wb-figure { max-width: 100% !important; margin: 6pt 0 !important; }
  figure.wb-figure figcaption { break-before: avoid; }
  figure.wb-figure:has(> img) { break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; }
  .wb-filterbar, .wb-download, .wb-cite-this, .wb-nav, .wb-tools, input, button { display: none !important; }
  .wb-about > summary, .wb-toc summary { list-style: none; }
  .wb-toc { border: none !important; background: none !important; margin: 0 0 8pt !important; padding: 0 !important; }
  .wb-header, .wb-cite-footer { background: none !important; padding-left: 0 !important; padding-right: 0 !important; }
  pre, code { white-space: pre-wrap !important; overflow-wrap: anywhere !important; }
  a { color: inherit !important; text-decoration: none !important; }
  a[href^="#"]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: #555; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 0.8em; color: #555; overflow-wrap: anywhere; }
  .wb-toc a[href^="#"]::after, .wb-cite a[href^="#src-"]::after, .wb-sources a::after { content: none; }
}
"""
