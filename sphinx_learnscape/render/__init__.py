"""The landscape map without Sphinx: DOT, its text alternative, Graphviz engines, SVG for HTML.

Plain Python like :mod:`sphinx_learnscape.data`; the Sphinx layer and the
``learnscape render`` command both build on it.

- :mod:`.options` -- :class:`MapOptions`, what one map is asked to show
- :mod:`.content` -- which zones, forms, tools, thinkers and links that means
  (with :mod:`.focus`, a neighbourhood, and :mod:`.order`, the cards' order in a cell)
- :mod:`.layout` -- the grid, computed and pinned (text sizes from :mod:`.metrics`)
- :mod:`.dot` -- :func:`map_dot`, the DOT source (with :mod:`.legend`, :mod:`.style`,
  :mod:`.graph` and :mod:`.escape`, the only way data text enters DOT)
- :mod:`.textalt` -- the same content as a nested list and as plain text
- :mod:`.engines` -- :func:`render` with the system dot or the embedded Graphviz
- :mod:`.pdf` -- :func:`reproducible_pdf`, Graphviz's PDF without its time stamp
- :mod:`.svg` -- Graphviz output made fit to inline in HTML
- :mod:`.messages` -- the map's own words in English and Dutch
- :mod:`.charts` -- an outcome's bullet chart and sparkline as inline SVG
- :mod:`.cli` -- ``learnscape render``
"""
