"""Sphinx configuration of the sphinx-learnscape documentation.

The docs use the extension on their own small landscape (``landscape/*.yaml``),
so every example on these pages is built, checked and linked for real::

    python -m sphinx -nW --keep-going -b html docs docs/_build/html
"""

from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import sphinx_learnscape

project = "sphinx-learnscape"
author = "sphinx-learnscape developers"
copyright = "2026, sphinx-learnscape developers"
release = version = sphinx_learnscape.__version__

extensions = ["sphinx_learnscape", "myst_parser"]

learnscape_files = ["landscape/*.yaml"]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
# ::: fences for directives in MyST pages, as myst.md shows
myst_enable_extensions = ["colon_fence"]
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store"]
# :numref: to maps and tables
numfig = True
nitpicky = True

html_theme = "alabaster"
html_title = f"sphinx-learnscape {release}"
html_static_path = ["_static"]
html_css_files = ["docs.css"]
html_theme_options = {
    "description": "Learning landscapes as YAML, in Sphinx",
    "fixed_sidebar": True,
    "page_width": "1160px",
}


class Example(SphinxDirective):
    """Show the reStructuredText in a ``code-block:: rst``, then what it renders to.

    One source for both, so the code shown is always the code that was built.
    """

    has_content = True

    def run(self) -> list[nodes.Node]:
        source = "\n".join(self.content)
        code = nodes.literal_block(source, source, language="rst", classes=["docs-example-source"])
        self.set_source_info(code)
        result = nodes.container(classes=["docs-example-result"])
        self.state.nested_parse(self.content, self.content_offset, result)
        return [code, result]


SCHEMA = Path(sphinx_learnscape.__file__).parent / "data" / "schema.json"


def publish_schema(app: Sphinx, exception: Exception | None) -> None:
    """Put the JSON Schema at its ``$id`` path of the site: ``schema/learnscape-1.json``."""
    if exception is None and app.builder.format == "html" and not app.builder.name.startswith("epub"):
        target = Path(app.outdir) / "schema" / "learnscape-1.json"
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(SCHEMA, target)


def setup(app: Sphinx) -> None:
    app.add_directive("example", Example)
    app.connect("build-finished", publish_schema)
