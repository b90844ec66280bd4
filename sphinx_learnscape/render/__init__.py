"""The landscape map without Sphinx: DOT, its text alternative, Graphviz engines, SVG for HTML.

Plain Python like :mod:`sphinx_learnscape.data`; the Sphinx layer and the
``learnscape render`` command both build on it.
"""
