# The session's Chromium (see chromium.py; mypy checks it there, not here,
# since two conftest.py would clash as one module name).
from chromium import browser  # noqa: F401
