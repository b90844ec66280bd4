"""``python -m sphinx_learnscape`` runs the ``learnscape`` command."""

import sys

from sphinx_learnscape.cli import main

sys.exit(main())
