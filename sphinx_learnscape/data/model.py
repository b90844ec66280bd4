"""Immutable records of a learning landscape, each knowing its source line."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from sphinx_learnscape.data.periods import Period, parse_period
from sphinx_learnscape.i18n import language_chain

#: The object kinds that have ids, homes and roles.
Kind = Literal["zone", "form", "tool", "thinker"]
KINDS: tuple[Kind, ...] = ("zone", "form", "tool", "thinker")
#: The plural names the data sections and the filter options use.
Plural = Literal["zones", "forms", "tools", "thinkers"]
#: plural (``forms``, as in a section or a ``:forms:`` option) -> kind
KIND_OF: Mapping[Plural, Kind] = {"zones": "zone", "forms": "form", "tools": "tool", "thinkers": "thinker"}
#: kind -> its plural
PLURAL_OF: Mapping[Kind, Plural] = {kind: plural for plural, kind in KIND_OF.items()}

#: Rosenberg: a form serves learning (knowledge) or performance (information at work).
Orientation = Literal["learning", "performance"]
ORIENTATIONS: tuple[Orientation, ...] = ("learning", "performance")
#: The 70:20:10 bands a zone may carry.
Band = Literal["education", "exposure", "experience"]
BANDS: tuple[Band, ...] = ("education", "exposure", "experience")
#: Outcome levels from activity up to return on investment (docs/yaml-reference.rst).
Level = Literal["activity", "reaction", "learning", "behaviour", "results", "roi"]
LEVELS: tuple[Level, ...] = ("activity", "reaction", "learning", "behaviour", "results", "roi")
#: Whether a higher or a lower number is the better one.
Direction = Literal["increase", "decrease"]
DIRECTIONS: tuple[Direction, ...] = ("increase", "decrease")
#: A counted indicator, or a success story.
OutcomeKind = Literal["quantitative", "qualitative"]
OUTCOME_KINDS: tuple[OutcomeKind, ...] = ("quantitative", "qualitative")
#: The five moments of need (Gottfredson & Mosher).
Moment = Literal["new", "more", "apply", "solve", "change"]
#: each moment of need -> the orientation it belongs to
MOMENTS: Mapping[Moment, Orientation] = {
    "new": "learning",
    "more": "learning",
    "apply": "performance",
    "solve": "performance",
    "change": "performance",
}


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record was written: data file (as given) and 1-based line/col."""

    file: str
    line: int
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True, slots=True)
class Text:
    """A human-readable text, plain or given per language.

    ``values`` keeps the languages in the order written; a plain string is
    stored under the empty language so it serves every language.
    """

    values: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, value: str | Mapping[str, str] | None) -> Text | None:
        if value is None:
            return None
        if isinstance(value, str):
            return cls((("", value),))
        return cls(tuple((str(k), str(v)) for k, v in value.items()))

    def get(self, language: str | None = None) -> str:
        """The text in ``language``, else its base language, else English, else the first one given.

        ``pt_BR`` (Sphinx's spelling) finds a text given as ``pt-BR`` and, failing that, ``pt``
        (:func:`sphinx_learnscape.i18n.language_chain`, the package's one rule).
        """
        values = self.values
        if len(values) == 1:
            return values[0][1]  # a plain text, or one language: the answer either way
        for candidate in language_chain(language):
            for key, value in values:
                if key.replace("-", "_").lower() == candidate:
                    return value
        return values[0][1] if values else ""

    def __str__(self) -> str:
        return self.get()

    def as_json(self) -> str | dict[str, str]:
        if len(self.values) == 1 and self.values[0][0] == "":
            return self.values[0][1]
        return dict(self.values)

    def all_texts(self) -> Iterator[str]:
        for _, value in self.values:
            yield value


@dataclass(frozen=True, slots=True)
class Record:
    """What every object with an id shares."""

    id: str
    label: Text
    origin: Origin
    description: Text | None = None
    url: str | None = None
    #: ``x-`` keys, kept and exported as written
    extra: Mapping[str, Any] = field(default_factory=dict)

    #: the object's kind; each subclass names its own (not a field: never given, never stored)
    kind: ClassVar[Kind] = "form"

    def title(self, language: str | None = None) -> str:
        return self.label.get(language)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "label": self.label.as_json()}
        if self.description is not None:
            data["description"] = self.description.as_json()
        if self.url is not None:
            data["url"] = self.url
        return data

    def _finish_json(self, data: dict[str, Any]) -> dict[str, Any]:
        data.update(self.extra)
        data["source"] = {"file": self.origin.file, "line": self.origin.line}
        return data


@dataclass(frozen=True, slots=True)
class Zone(Record):
    band: Band | None = None
    #: as written: ``#rgb``, ``#rrggbb`` or a CSS colour name (any case)
    color: str | None = None
    kind: ClassVar[Kind] = "zone"

    def as_json(self) -> dict[str, Any]:
        data = Record.as_json(self)
        if self.band:
            data["band"] = self.band
        if self.color:
            data["color"] = self.color
        return self._finish_json(data)


@dataclass(frozen=True, slots=True)
class Form(Record):
    #: None when the zone named in the data does not exist (a ``ref`` error)
    zone: str | None = None
    orientation: Orientation = "learning"
    tools: tuple[str, ...] = ()
    thinkers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    moments: tuple[Moment, ...] = ()
    owner: str | None = None
    audience: str | None = None
    kind: ClassVar[Kind] = "form"

    def as_json(self) -> dict[str, Any]:
        data = Record.as_json(self)
        data.update(
            zone=self.zone,
            orientation=self.orientation,
            tools=list(self.tools),
            thinkers=list(self.thinkers),
            tags=list(self.tags),
        )
        if self.moments:
            data["moments"] = list(self.moments)
        if self.owner:
            data["owner"] = self.owner
        if self.audience:
            data["audience"] = self.audience
        return self._finish_json(data)


@dataclass(frozen=True, slots=True)
class Tool(Record):
    category: str | None = None
    kind: ClassVar[Kind] = "tool"

    def as_json(self) -> dict[str, Any]:
        data = Record.as_json(self)
        if self.category:
            data["category"] = self.category
        return self._finish_json(data)


@dataclass(frozen=True, slots=True)
class Thinker(Record):
    born: int | None = None
    died: int | None = None
    known_for: Text | None = None
    idea: Text | None = None
    kind: ClassVar[Kind] = "thinker"

    def as_json(self) -> dict[str, Any]:
        data = Record.as_json(self)
        data.update(born=self.born, died=self.died)
        if self.known_for is not None:
            data["known_for"] = self.known_for.as_json()
        if self.idea is not None:
            data["idea"] = self.idea.as_json()
        return self._finish_json(data)


@dataclass(frozen=True, slots=True)
class Link:
    source: str
    target: str
    origin: Origin
    label: Text | None = None
    kind: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"from": self.source, "to": self.target}
        if self.label is not None:
            data["label"] = self.label.as_json()
        if self.kind:
            data["kind"] = self.kind
        data.update(self.extra)
        data["source"] = {"file": self.origin.file, "line": self.origin.line}
        return data


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    """One value an outcome's indicator had in one reporting period."""

    #: as written (a whole year ``2025`` becomes ``"2025"``)
    period: str
    value: float
    origin: Origin
    #: ``x-`` keys, kept and exported as written
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def span(self) -> Period | None:
        """The days the period covers; None only for records made without the parser."""
        return parse_period(self.period)

    def as_json(self) -> dict[str, Any]:
        return {"period": self.period, "value": self.value, **self.extra}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a form is shown to yield: a counted indicator or a success story."""

    #: the form's id (the merge drops outcomes of unknown forms)
    form: str
    indicator: Text
    kind: OutcomeKind
    level: Level
    origin: Origin
    id: str | None = None
    unit: str | None = None
    baseline: float | None = None
    target: float | None = None
    #: the current value as written; see :attr:`current`
    measured: float | None = None
    direction: Direction | None = None
    method: str | None = None
    period: str | None = None
    note: Text | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    #: earlier values, in the order written (the lint checks it is period order)
    history: tuple[HistoryPoint, ...] = ()

    @property
    def latest(self) -> HistoryPoint | None:
        """The history point of the latest period (of equal ones, the last written)."""
        latest: HistoryPoint | None = None
        latest_span: Period | None = None
        for point in self.history:
            span = point.span
            if latest is None or (span is not None and (latest_span is None or span >= latest_span)):
                latest, latest_span = point, span
        return latest

    @property
    def current(self) -> float | None:
        """The value progress is judged by: ``measured``, else the latest history value.

        ``measured`` wins because it is the value the author states as the
        outcome's own (for its ``period``); a history alone serves as well.
        """
        if self.measured is not None:
            return self.measured
        latest = self.latest
        return None if latest is None else latest.value

    @property
    def numeric_direction(self) -> Direction | None:
        """``increase`` or ``decrease`` as the sign of target - baseline says."""
        if self.target is None or self.baseline is None or self.target == self.baseline:
            return None
        return "increase" if self.target > self.baseline else "decrease"

    @property
    def effective_direction(self) -> Direction | None:
        """The given ``direction``, else the sign of target - baseline."""
        return self.direction or self.numeric_direction

    @property
    def progress(self) -> float | None:
        """Share of the way from baseline to target, for the :attr:`current` value; 1.0 means reached.

        ``(current - baseline) / (target - baseline)`` holds for a falling
        target too (errors, lead time): both differences then change sign.
        """
        current = self.current
        if self.baseline is None or self.target is None or current is None:
            return None
        span = self.target - self.baseline
        if span == 0:
            return None
        try:
            progress = (current - self.baseline) / span
        except OverflowError:
            return None
        return progress if math.isfinite(progress) else None

    @property
    def reached(self) -> bool | None:
        """Whether the :attr:`current` value is at or past ``target`` in the right direction."""
        direction = self.effective_direction
        current = self.current
        if self.target is None or current is None or direction is None:
            return None
        if direction == "increase":
            return current >= self.target
        return current <= self.target

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "form": self.form,
            "indicator": self.indicator.as_json(),
            "kind": self.kind,
            "level": self.level,
        }
        for name in ("id", "unit", "baseline", "target", "measured", "direction", "method"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.period is not None:
            data["period"] = self.period
        if self.note is not None:
            data["note"] = self.note.as_json()
        if self.history:
            data["history"] = [point.as_json() for point in self.history]
            data["current"] = self.current
        data["progress"] = self.progress
        data.update(self.extra)
        data["source"] = {"file": self.origin.file, "line": self.origin.line}
        return data


@dataclass(frozen=True, slots=True)
class Meta:
    origin: Origin
    title: Text | None = None
    description: Text | None = None
    organisation: str | None = None
    as_of: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        if self.title is not None:
            data["title"] = self.title.as_json()
        if self.description is not None:
            data["description"] = self.description.as_json()
        if self.organisation:
            data["organisation"] = self.organisation
        if self.as_of:
            data["as_of"] = self.as_of
        data.update(self.extra)
        return data


@dataclass(frozen=True, slots=True)
class Landscape:
    """One merged, checked landscape. Treat every field as read-only."""

    meta: Meta | None = None
    zones: tuple[Zone, ...] = ()
    forms: tuple[Form, ...] = ()
    tools: tuple[Tool, ...] = ()
    thinkers: tuple[Thinker, ...] = ()
    links: tuple[Link, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    #: kind -> id -> record, built by :func:`Landscape.build`
    index: Mapping[str, Mapping[str, Record]] = field(default_factory=dict)
    #: top-level ``x-`` keys of the files, kept and exported as written
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        meta: Meta | None,
        zones: tuple[Zone, ...],
        forms: tuple[Form, ...],
        tools: tuple[Tool, ...],
        thinkers: tuple[Thinker, ...],
        links: tuple[Link, ...],
        outcomes: tuple[Outcome, ...],
        extra: Mapping[str, Any] | None = None,
    ) -> Landscape:
        index: dict[str, dict[str, Record]] = {
            "zone": {z.id: z for z in zones},
            "form": {f.id: f for f in forms},
            "tool": {t.id: t for t in tools},
            "thinker": {t.id: t for t in thinkers},
        }
        return cls(meta, zones, forms, tools, thinkers, links, outcomes, index, dict(extra or {}))

    def get(self, kind: str, id: str) -> Record | None:
        return self.index.get(kind, {}).get(id)

    def objects(self, kind: str) -> tuple[Record, ...]:
        return {
            "zone": self.zones,
            "form": self.forms,
            "tool": self.tools,
            "thinker": self.thinkers,
        }[kind]

    def forms_using(self, kind: str, id: str) -> tuple[Form, ...]:
        """Forms that name tool or thinker ``id``, in data order."""
        attr = "tools" if kind == "tool" else "thinkers"
        return tuple(f for f in self.forms if id in getattr(f, attr))

    def forms_in_zone(self, zone: str | None) -> tuple[Form, ...]:
        return tuple(f for f in self.forms if f.zone == zone)

    def outcomes_of(self, form: str) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.form == form)

    def as_json(self) -> dict[str, Any]:
        return {
            "learnscape": 1,
            "landscape": self.meta.as_json() if self.meta else None,
            "zones": [z.as_json() for z in self.zones],
            "forms": [f.as_json() for f in self.forms],
            "tools": [t.as_json() for t in self.tools],
            "thinkers": [t.as_json() for t in self.thinkers],
            "links": [link.as_json() for link in self.links],
            "outcomes": [o.as_json() for o in self.outcomes],
            **self.extra,
        }
