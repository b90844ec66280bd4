"""Reporting periods (``2026``, ``2026-H1``, ``2026-Q2``, ``2026-05``, ``2026-05-31``) and their order.

An outcome's ``history`` names a period per value; ordering them is what
lets the lint see a history out of order and progress pick the latest value.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

#: The spellings a history period may take; ``schema.json`` holds the same pattern.
PERIOD_PATTERN = r"^[0-9]{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?))?$"
#: What to write instead, for messages.
PERIOD_FORMS = "2026, 2026-H1, 2026-Q2, 2026-05 or 2026-05-31"

_PERIOD = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?:H(?P<half>[12])|Q(?P<quarter>[1-4])|(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?))?"
)


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """The days a period spans, first and last included; ordered by start, then end."""

    start: datetime.date
    end: datetime.date


def parse_period(value: object) -> Period | None:
    """The period ``value`` names (a text as above, or a whole year), or None if it names none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = f"{value:04d}" if 0 < value <= 9999 else ""
    if not isinstance(value, str):
        return None
    match = _PERIOD.fullmatch(value)
    if match is None:
        return None
    year = int(match["year"])
    if year == 0:
        return None
    try:
        if match["day"]:
            day = datetime.date(year, int(match["month"]), int(match["day"]))
            return Period(day, day)
        if match["month"]:
            return _months(year, int(match["month"]), 1)
    except ValueError:  # 2026-02-30, month 13
        return None
    if match["quarter"]:
        return _months(year, 3 * int(match["quarter"]) - 2, 3)
    if match["half"]:
        return _months(year, 6 * int(match["half"]) - 5, 6)
    return _months(year, 1, 12)


def _months(year: int, first: int, count: int) -> Period:
    last = first + count - 1
    return Period(
        datetime.date(year, first, 1),
        datetime.date(year, last, calendar.monthrange(year, last)[1]),
    )
