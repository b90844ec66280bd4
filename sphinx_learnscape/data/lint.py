"""The outcome lint: outcomes that say what was learned, not only how much happened.

Also the checks of what a form claims about itself that outcomes rest on:
its moments of need against its orientation, and an outcome's history
against the calendar. All are ``outcomes`` warnings, on with
``learnscape_outcome_check``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from sphinx_learnscape.data.diagnostics import Diagnostic, Severity, Subtype
from sphinx_learnscape.data.model import MOMENTS, Form, Landscape, Origin, Outcome
from sphinx_learnscape.data.periods import parse_period

ACTIVITY_ONLY = (
    "form {form!r} has only activity counts as outcomes; add a learning, "
    "behaviour or results indicator, or a qualitative success story"
)
ROI_WITHOUT_RESULTS = (
    "outcome {outcome} claims return on investment (level 'roi') but form {form!r} "
    "has no 'results' outcome to stand behind it"
)
DIRECTION_CONTRADICTS = (
    "outcome {outcome}: direction {direction!r} contradicts baseline {baseline} -> "
    "target {target}, which is a{n} {numeric}"
)


MOMENTS_CONTRADICT = (
    "form {form!r} is oriented to {orientation}, but every moment of need it lists ({moments}) "
    "is a {other} moment (new, more: learning; apply, solve, change: performance); "
    "change its orientation or its moments"
)
HISTORY_ORDER = (
    "outcome {outcome}: history period {period} comes after {before}; list the history oldest first"
)
HISTORY_TWICE = "outcome {outcome}: history period {period} is given twice"
HISTORY_AFTER_MEASURED = (
    "outcome {outcome}: history has a value for {period}, later than its own period {own}; "
    "progress uses measured ({measured}), the value for {own}"
)


def _warn(origin: Origin, message: str) -> Diagnostic:
    return Diagnostic(Severity.WARNING, Subtype.OUTCOMES, origin.file, origin.line, origin.col, message)


def _name(outcome: Outcome) -> str:
    return repr(outcome.id or str(outcome.indicator))


def lint_moments(form: Form, where: Origin | None = None) -> Diagnostic | None:
    """A form none of whose moments of need belongs to its orientation.

    A mix (``[more, apply]`` on a learning form) is no contradiction: a
    form may serve both kinds of moment, and its orientation names the one
    it is for first. ``where`` is the position of the ``moments`` value.
    """
    if not form.moments or any(MOMENTS[m] == form.orientation for m in form.moments):
        return None
    other = MOMENTS[form.moments[0]]
    message = MOMENTS_CONTRADICT.format(
        form=form.id, orientation=form.orientation, moments=", ".join(form.moments), other=other
    )
    return _warn(where or form.origin, message)


def lint_history(outcome: Outcome) -> Iterator[Diagnostic]:
    """History points out of period order or given twice; a history later than ``measured``."""
    previous = None
    seen: dict[object, str] = {}
    for point in outcome.history:
        span = point.span
        if span is None:
            continue
        if span in seen:
            yield _warn(point.origin, HISTORY_TWICE.format(outcome=_name(outcome), period=point.period))
        elif previous is not None and span < previous[0]:
            yield _warn(
                point.origin,
                HISTORY_ORDER.format(outcome=_name(outcome), period=point.period, before=previous[1]),
            )
        seen[span] = point.period
        if previous is None or span > previous[0]:
            previous = (span, point.period)
    own = parse_period(outcome.period)
    latest = outcome.latest
    if outcome.measured is not None and own is not None and latest is not None:
        span = latest.span
        if span is not None and span.start > own.end:
            yield _warn(
                latest.origin,
                HISTORY_AFTER_MEASURED.format(
                    outcome=_name(outcome),
                    period=latest.period,
                    own=outcome.period,
                    measured=_number(outcome.measured),
                ),
            )


def lint_outcomes(
    landscape: Landscape, moments_at: Mapping[str, Origin] | None = None
) -> Iterator[Diagnostic]:
    """Warnings for forms whose outcomes cannot show that learning happened.

    ``moments_at`` maps a form id to where its ``moments`` are written.
    """
    moments_at = moments_at or {}
    for form in landscape.forms:
        moments = lint_moments(form, moments_at.get(form.id))
        if moments is not None:
            yield moments
    by_form: dict[str, list[int]] = {}
    for index, outcome in enumerate(landscape.outcomes):
        by_form.setdefault(outcome.form, []).append(index)
    for form in landscape.forms:
        indexes = by_form.get(form.id)
        if not indexes:
            continue  # forms without outcomes are not judged (docs/warnings.rst)
        outcomes = [landscape.outcomes[i] for i in indexes]
        if all(o.level == "activity" for o in outcomes):
            first = outcomes[0].origin
            yield Diagnostic(
                Severity.WARNING,
                Subtype.OUTCOMES,
                first.file,
                first.line,
                first.col,
                ACTIVITY_ONLY.format(form=form.id),
            )
        if not any(o.level == "results" for o in outcomes):
            for outcome in outcomes:
                if outcome.level == "roi":
                    yield Diagnostic(
                        Severity.WARNING,
                        Subtype.OUTCOMES,
                        outcome.origin.file,
                        outcome.origin.line,
                        outcome.origin.col,
                        ROI_WITHOUT_RESULTS.format(
                            outcome=repr(outcome.id or str(outcome.indicator)),
                            form=form.id,
                        ),
                    )
    for outcome in landscape.outcomes:
        yield from lint_history(outcome)
        numeric = outcome.numeric_direction
        if outcome.direction and numeric and outcome.direction != numeric:
            assert outcome.baseline is not None and outcome.target is not None
            yield Diagnostic(
                Severity.WARNING,
                Subtype.OUTCOMES,
                outcome.origin.file,
                outcome.origin.line,
                outcome.origin.col,
                DIRECTION_CONTRADICTS.format(
                    outcome=repr(outcome.id or str(outcome.indicator)),
                    direction=outcome.direction,
                    baseline=_number(outcome.baseline),
                    target=_number(outcome.target),
                    n="n" if numeric == "increase" else "",
                    numeric=numeric,
                ),
            )


def _number(value: float) -> str:
    """``1000000`` as written, not ``1e+06`` as ``:g`` would put it."""
    return str(int(value)) if float(value).is_integer() else str(value)
