"""Sphinx configuration for the sphinx-learnscape demo site.

Build it with ``make demo`` from the repository root, or directly::

    python -m sphinx -b html examples examples/_build/html

The landscape data in ``landscape/*.yaml`` is bilingual (English and Dutch).
The labels follow Sphinx's ``language``; for the Dutch labels (and Sphinx's own
Dutch interface) build with ``-D language=nl``.

The build prints one warning on purpose: the microblogging form has only
activity counts as outcomes, which is what the outcome lint is for (see
``outcomes.rst``). A real project would fix the data, or silence it with
``suppress_warnings = ["learnscape.outcomes"]``; the demo does neither.
"""

project = "Zorggroep Noord — learning landscape"
author = "Leerhuis, Zorggroep Noord"
copyright = "2026, Zorggroep Noord (fictional organisation)"
# The edition of the landscape; EPUB needs one (an empty version makes the
# book invalid, and Sphinx warns about it).
version = release = "2026.1"

extensions = [
    "sphinx_learnscape",
    "myst_parser",
]

# All files merge into one landscape; zones keep the order of zones.yaml.
learnscape_files = ["landscape/*.yaml"]

language = "en"

# :numref: to the landscape map needs numbered figures.
numfig = True

exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]

html_theme = "alabaster"
html_title = "Zorggroep Noord — learning landscape"
html_theme_options = {
    "description": "Learning landscape of a fictional care organisation",
    "fixed_sidebar": True,
}
